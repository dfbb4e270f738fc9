import { currencyFor, currencyOfFormat, formatAmount, rowName, summarizeOptions, summarizeResults } from "../../../src/model/results";
import { evaluateCells, evaluateOption, mapHeaders, parseAssumptions } from "../../../src/model";
import { rateUnitWarning } from "../../../src/model/units";
import type { Evaluation, FitVerdict } from "../../../src/model/types";
import { QUOTED_TEXT_LIMIT } from "../../../src/model/values";

/** The parts of an evaluation the summary reads. */
function evaluation(vendor: string, total: number, score: number, verdict: FitVerdict): Evaluation {
  return { row: { vendor }, cost: { total }, risk: { score, label: score < 40 ? "Low" : "High" }, fit: { verdict } } as unknown as Evaluation;
}

describe("rows named as Excel names them", () => {
  test("the sheet's row number, then the vendor", () => {
    expect(rowName(7, "Northwind Digital")).toBe("Row 7 (Northwind Digital)");
  });
  test("a vendor cell of 10,000 characters names the row by its start only", () => {
    const name = rowName(7, "Northwind ".repeat(1_000));
    expect(name.startsWith("Row 7 (Northwind Northwind")).toBe(true);
    expect(name.endsWith("…)")).toBe(true);
    expect(name.length).toBeLessThanOrEqual(`Row 7 (…)`.length + QUOTED_TEXT_LIMIT);
  });
  test.each([[""], ["   "], [null], [undefined]])("a row naming no vendor (%j) is named by its number only", (vendor) => {
    expect(rowName(12, vendor)).toBe("Row 12");
  });
});

describe("the currency of the amounts", () => {
  test.each([
    ["$#,##0", "$"],
    ["[$€-x-euro2] #,##0", "€"],
    ['#,##0 "€"', "€"],
    ['"USD" #,##0', "USD"],
    ["\\£#,##0", "£"],
    ["#,##0", null],
    ["General", null],
    ['"Total: $"0', "$"],
  ])("the number format %j shows %j", (format, symbol) => {
    expect(currencyOfFormat(format)).toBe(symbol);
  });

  test("rates naming one currency win over the column's format", () => {
    expect(currencyFor(["€", "€"], "$#,##0")).toEqual({ symbol: "€", from: "rates" });
  });
  test("rates mixing currencies, or naming none, leave the column's format to say", () => {
    expect(currencyFor(["€", "$"], "$#,##0")).toEqual({ symbol: "$", from: "format" });
    expect(currencyFor([], "$#,##0")).toEqual({ symbol: "$", from: "format" });
  });
  test("with neither, amounts are plain numbers", () => {
    expect(currencyFor([], "#,##0")).toEqual({ symbol: null, from: "none" });
    expect(formatAmount(504000, { symbol: null, from: "none" })).toBe("504,000");
  });
  test("a sign sits against the number, a code takes a space, a negative amount keeps its minus first", () => {
    expect(formatAmount(504000.4, { symbol: "$", from: "format" })).toBe("$504,000");
    expect(formatAmount(1234, { symbol: "USD", from: "format" })).toBe("USD 1,234");
    expect(formatAmount(-1234, { symbol: "€", from: "rates" })).toBe("-€1,234");
  });
});

describe("the results summary", () => {
  const dollars = { symbol: "$", from: "format" } as const;

  test("counts each verdict, and names the cheapest and the least risky row by sheet row and vendor", () => {
    const evaluations = [evaluation("Alpha", 300, 50, "Benefit"), null, evaluation("Beta", 200, 70, "Blocker"), evaluation("Gamma", 250, 20, "Trade-off"), evaluation("Delta", 900, 60, "Benefit")];
    const summary = summarizeResults(evaluations, (i) => i + 2, dollars);
    expect(summary.evaluated).toBe(4);
    expect(summary.verdicts).toEqual({ Benefit: 2, "Trade-off": 1, Blocker: 1 });
    expect(summary.lowestCost).toMatchObject({ vendor: "Beta", row: 4, name: "Row 4 (Beta)", total: 200, amount: "$200" });
    expect(summary.lowestRisk).toMatchObject({ vendor: "Gamma", row: 5, name: "Row 5 (Gamma)", score: 20, label: "Low" });
  });

  test("on a tie the first row is named", () => {
    const summary = summarizeResults([evaluation("First", 100, 30, "Benefit"), evaluation("Second", 100, 30, "Benefit")], (i) => i + 10, dollars);
    expect(summary.lowestCost?.name).toBe("Row 10 (First)");
    expect(summary.lowestRisk?.name).toBe("Row 10 (First)");
  });

  test("with no row computed there is no cheapest or least risky option", () => {
    const summary = summarizeResults([null, null], (i) => i + 2, dollars);
    expect(summary).toMatchObject({ evaluated: 0, verdicts: { Benefit: 0, "Trade-off": 0, Blocker: 0 }, lowestCost: null, lowestRisk: null });
  });
});

describe("a rate column headed as a price per day, week, month or year", () => {
  test.each(["Day rate", "Daily rate", "Per day", "Rate per day", "Rate/d", "Day price / 8", "Monthly fee", "Weekly rate", "Annual cost"])("%j mapped as the hourly rate is warned about", (header) => {
    const warning = rateUnitWarning(header);
    expect(warning).toContain(`'${header}' feeds Hourly rate`);
    expect(warning).toMatch(/price per (day|week|month|year)/);
  });
  test.each(["Hourly rate", "Rate/h", "Rate (USD/h)", "Rate", "Bill rate", "Rate per hour (day shift)", "Price per hour"])("%j is taken as per hour", (header) => {
    expect(rateUnitWarning(header)).toBeNull();
  });
});

describe("the results summary of a rate card", () => {
  const dollars = { symbol: "$", from: "format" } as const;
  const today = { year: 2026, month: 3, day: 16 };
  const parsed = parseAssumptions([["Buyer time zone", "America/New_York"]], today);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const a = parsed.value;
  const map = mapHeaders(["Vendor", "Role", "Hourly rate", "Hours", "Location model"]);
  const rows = (cells: unknown[][]) => cells.map((c) => evaluateCells(c as never, map, a)).map((r) => (r !== null && r.ok ? r.value : null));

  test("counts each vendor option once and names the cheapest by its name, its row count and its first row, with the option's total", () => {
    // Beta's two roles cost more together than Alpha's one, though each is cheaper.
    const evaluations = rows([
      ["Alpha", "Lead", 50, 100, "Offshore"],
      ["Beta", "Lead", 30, 100, "Offshore"],
      [],
      ["Beta", "QA", 30, 100, "Offshore"],
    ]);
    const { summary, conflicts } = summarizeOptions(evaluations, (i) => i + 2, dollars, a);
    expect(conflicts).toEqual([]);
    expect(summary.evaluated).toBe(2);
    expect(summary.rows).toBe(3);
    expect(summary.verdicts.Benefit + summary.verdicts["Trade-off"] + summary.verdicts.Blocker).toBe(2);
    expect(summary.lowestCost).toMatchObject({ vendor: "Alpha", row: 2, name: "Row 2 (Alpha)" });
    const beta = evaluateOption([evaluations[1]!.row, evaluations[3]!.row], a).evaluation.cost.total;
    expect(beta).toBeGreaterThan(summary.lowestCost!.total);
    const dearer = summarizeOptions(rows([["Alpha", "Lead", 500, 100, "Offshore"], ["Beta", "Lead", 30, 100, "Offshore"], ["Beta", "QA", 30, 100, "Offshore"]]), (i) => i + 2, dollars, a).summary;
    expect(dearer.lowestCost).toMatchObject({ vendor: "Beta", row: 3, name: "Beta (2 rows from row 3)" });
    expect(dearer.lowestCost!.total).toBeCloseTo(evaluateOption(rows([["Beta", "Lead", 30, 100, "Offshore"], ["Beta", "QA", 30, 100, "Offshore"]]).map((e) => e!.row), a).evaluation.cost.total, 6);
  });

  test("an option whose rows disagree on the engagement is not counted; its message names the rows", () => {
    const { summary, conflicts } = summarizeOptions(rows([["Gamma", "Lead", 40, 100, "Offshore"], ["Gamma", "QA", 30, 100, "Onshore"], ["Delta", "Lead", 40, 100, "Offshore"]]), (i) => i + 5, dollars, a);
    expect(summary.evaluated).toBe(1);
    expect(summary.rows).toBe(1);
    expect(conflicts).toEqual([expect.stringMatching(/'Gamma'.*row 5 gives 'Offshore', row 6 gives 'Onshore'/)]);
  });
});
