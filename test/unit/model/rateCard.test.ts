import fc from "fast-check";
import { evaluateOption, evaluateOptions, evaluateRow, groupOptions, isRateCard, mapHeaders, optionRow, readRow, totalCost, ENGAGEMENT_LINES, type VendorRow } from "../../../src/model";
import { CATEGORY_ARBITRARIES, WINTER, vendorRow } from "./helpers";

// Relative agreement: sums of shares and totals computed once differ only in rounding.
function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

const role = fc.record({
  role: fc.constantFrom("Lead engineer", "Developer", "QA", "Project manager"),
  hourlyRate: fc.double({ min: 0, max: 500, noNaN: true }),
  hours: fc.double({ min: 0, max: 20000, noNaN: true }),
});

// One engagement's shared fields and 1-6 roles priced under it.
const option = fc
  .record({ ...CATEGORY_ARBITRARIES, durationMonths: fc.double({ min: 0.5, max: 72, noNaN: true }), attrition: fc.double({ min: 0, max: 0.6, noNaN: true }), roles: fc.array(role, { minLength: 1, maxLength: 6 }) })
  .map(({ roles, ...shared }) => roles.map((r) => vendorRow({ ...shared, ...r })));

test("the rows' shares add up to the option's total, line by line", () => {
  fc.assert(
    fc.property(option, (rows) => {
      const { evaluation, shares } = evaluateOption(rows, WINTER);
      const cost = evaluation.cost;
      expect(shares).toHaveLength(rows.length);
      expect(close(shares.reduce((s, c) => s + c.total, 0), cost.total)).toBe(true);
      expect(close(shares.reduce((s, c) => s + c.labour, 0), cost.labour)).toBe(true);
      cost.lines.forEach((line, i) => expect(close(shares.reduce((s, c) => s + c.lines[i].amount, 0), line.amount)).toBe(true));
    }),
  );
});

test("an option of one row is exactly the single-row result", () => {
  fc.assert(
    fc.property(option, (rows) => {
      const one = evaluateOption([rows[0]], WINTER);
      expect(one.evaluation).toStrictEqual(evaluateRow(rows[0], WINTER));
      expect(one.shares[0]).toStrictEqual(evaluateRow(rows[0], WINTER).cost);
    }),
  );
});

test("a row's share is what the row costs alone, so a function given one row of a rate card returns its share", () => {
  fc.assert(
    fc.property(option, (rows) => {
      const { shares } = evaluateOption(rows, WINTER);
      rows.forEach((r, k) => {
        const alone = totalCost(r, WINTER);
        expect(close(shares[k].total, alone.total)).toBe(true);
        alone.lines.forEach((line, i) => expect(close(shares[k].lines[i].amount, line.amount)).toBe(true));
      });
    }),
  );
});

test("the option's row (blended rate, total hours) costs the option's total, as the finance summary's formulas compute it", () => {
  fc.assert(
    fc.property(option, (rows) => {
      const { evaluation } = evaluateOption(rows, WINTER);
      const blended = optionRow(rows);
      expect(blended.hours).toBe(rows.reduce((s, r) => s + r.hours, 0));
      expect(close(evaluateRow(blended, WINTER).cost.total, evaluation.cost.total)).toBe(true);
    }),
  );
});

test("engagement lines are computed once on the option's labour; labour lines are the sum of the rows' own", () => {
  const lead = vendorRow({ role: "Lead engineer", hourlyRate: 60, hours: 1000 });
  const dev = vendorRow({ role: "Developer", hourlyRate: 30, hours: 4000 });
  const { evaluation, shares } = evaluateOption([lead, dev], WINTER);
  expect(evaluation.row.hourlyRate).toBe((60 * 1000 + 30 * 4000) / 5000);
  expect(evaluation.row.hours).toBe(5000);
  expect(evaluation.row.role).toBeUndefined();
  const line = (c: { lines: readonly { key: string; amount: number }[] }, key: string) => c.lines.find((l) => l.key === key)!.amount;
  expect(line(evaluation.cost, "governance")).toBe(line(totalCost(vendorRow({ hourlyRate: 180000, hours: 1 }), WINTER), "governance"));
  expect(line(evaluation.cost, "travel")).toBe(line(totalCost(lead, WINTER), "travel") + line(totalCost(dev, WINTER), "travel"));
  expect(line(shares[0], "governance")).toBe(line(evaluation.cost, "governance") * (60000 / 180000));
  expect([...ENGAGEMENT_LINES].sort()).toEqual(["exitTransitionOut", "governance", "securityCompliance", "severanceRetention", "transition", "vendorSelection"]);
  // The exit is one hand-over of the whole engagement: once, on the option's labour.
  expect(line(evaluation.cost, "exitTransitionOut")).toBe(line(totalCost(vendorRow({ hourlyRate: 180000, hours: 1 }), WINTER), "exitTransitionOut"));
  expect(line(shares[1], "exitTransitionOut")).toBe(line(evaluation.cost, "exitTransitionOut") * (120000 / 180000));
});

test("the option's risk and fit are the model's on the option's row with the option's cost", () => {
  const rows = [vendorRow({ role: "Lead", hourlyRate: 70, hours: 800 }), vendorRow({ role: "QA", hourlyRate: 25, hours: 3000 })];
  const { evaluation } = evaluateOption(rows, WINTER);
  const onRow = evaluateRow(evaluation.row, WINTER);
  expect(evaluation.risk.score).toBeCloseTo(onRow.risk.score, 9);
  expect(evaluation.fit.verdict).toBe(onRow.fit.verdict);
  expect(evaluation.fit.score).toBe(onRow.fit.score);
});

const HEADERS = ["Vendor", "Option", "Role", "Hourly rate", "Hours", "Location model"];

function read(cells: (string | number)[][]): VendorRow[] {
  const map = mapHeaders(HEADERS);
  return cells.map((c) => {
    const r = readRow(c, map, WINTER);
    if (r === null || !r.ok) throw new Error("unreadable");
    return r.value;
  });
}

test("a Role or Option column makes a rate card; Option is its own column, no longer a Vendor synonym", () => {
  expect(isRateCard(mapHeaders(HEADERS))).toBe(true);
  expect(isRateCard(mapHeaders(["Vendor", "Hourly rate", "Hours"]))).toBe(false);
  expect(isRateCard(mapHeaders(["Vendor", "Seniority", "Hourly rate", "Hours"]))).toBe(true);
  const [row] = read([["Acme", "Nearshore team", "QA", 30, 100, "Nearshore"]]);
  expect(row.vendor).toBe("Acme");
  expect(row.option).toBe("Nearshore team");
  expect(row.role).toBe("QA");
  const plain = readRow(["Acme", 30, 100], mapHeaders(["Vendor", "Hourly rate", "Hours"]), WINTER);
  expect(plain !== null && plain.ok && !("role" in plain.value) && !("option" in plain.value)).toBe(true);
});

test("rows group by Vendor and Option (case and spacing aside) only in a rate card", () => {
  const rows = read([
    ["Acme", "", "Lead", 60, 100, "Offshore"],
    ["Beta", "", "Lead", 50, 100, "Offshore"],
    ["acme ", "", "Developer", 30, 400, "Offshore"],
    ["Acme", "B", "Developer", 35, 400, "Nearshore"],
  ]);
  expect(groupOptions(rows, true).map((g) => [g.name, g.members])).toEqual([
    ["Acme", [0, 2]],
    ["Beta", [1]],
    ["Acme (B)", [3]],
  ]);
  expect(groupOptions(rows, false).map((g) => g.members)).toEqual([[0], [1], [2], [3]]);
  expect(groupOptions([rows[0], undefined, rows[2]], true).map((g) => g.members)).toEqual([[0, 2]]);
});

test("rows of one option that disagree on an engagement field are an error naming the rows and the values", () => {
  const rows = read([
    ["Acme", "", "Lead", 60, 100, "Offshore"],
    ["Acme", "", "Developer", 30, 400, "Offshore"],
    ["Acme", "", "QA", 25, 300, "Onshore"],
  ]);
  const [only] = evaluateOptions(rows, true, WINTER, (i) => `row ${i + 2}`);
  expect(only.result.ok).toBe(false);
  if (only.result.ok) return;
  expect(only.result.error.field).toBe("Location model");
  expect(only.result.error.message).toContain("row 2 gives 'Offshore', row 4 gives 'Onshore'");
  expect(only.result.error.message).toContain("'Acme'");
});

// A rate card quoted in another currency costs what the same card converted beforehand costs:
// the engagement lines (computed once on the option's labour, already converted) are not
// converted twice.
test("an option quoted in another currency costs exactly what the same option converted to the reporting currency costs", () => {
  fc.assert(
    fc.property(option, fc.double({ min: 0.001, max: 200, noNaN: true }), (rows, rate) => {
      const exchange = { currency: "INR", rate };
      const quoted = evaluateOption(rows.map((r) => ({ ...r, exchange })), WINTER).evaluation.cost;
      const converted = evaluateOption(rows.map((r) => ({ ...r, hourlyRate: r.hourlyRate * rate })), WINTER).evaluation.cost;
      expect(close(quoted.total, converted.total)).toBe(true);
      quoted.lines.forEach((line, i) => expect(close(line.amount, converted.lines[i].amount)).toBe(true));
    }),
  );
});
