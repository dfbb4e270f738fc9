// The results summary of a rate card counts and names vendor options, not rows: the rows of one
// option (one per role) are one engagement, so the verdicts, the cheapest and the least risky
// are the options', with the option's total (model/rateCard.ts).
import { evaluateRange, evaluateTable } from "../../src/actions/evaluate";
import { dateToExcelSerial, evaluateOptions, mapHeaders, parseAssumptions, readRow, type CellValue, type OptionEvaluation, type VendorRow } from "../../src/model";
import { RATE_CARD_HEADERS, RATE_CARD_ROWS, RATE_CARD_SHEET_NAME, RATE_CARD_TABLE_NAME } from "../../src/sample/rateCard";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { columnLetters } from "../../src/workbook/address";
import { MemoryWorkbook } from "../../src/workbook/memory";

const today = { year: 2026, month: 3, day: 16 };
const zone = "America/New_York";
const options = { today, buyerTimeZone: zone };

async function tableWorkbook(headers: readonly string[], rows: readonly (readonly CellValue[])[]): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await wb.apply([
    { kind: "ensureSheet", sheet: RATE_CARD_SHEET_NAME, activate: true },
    { kind: "createTable", sheet: RATE_CARD_SHEET_NAME, address: "A1", name: RATE_CARD_TABLE_NAME, headers: [...headers], rows: rows.map((r) => r.map((c) => c ?? null)) },
  ]);
  return wb;
}

/** The model's options of `rows`, evaluated with the assumptions a new sheet holds. */
function modelOptions(headers: readonly string[], rows: readonly (readonly CellValue[])[]): { name: string; first: number; count: number; option: OptionEvaluation }[] {
  const parsed = parseAssumptions([["Buyer time zone", zone], ["Reference date", dateToExcelSerial(today)]], today);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const map = mapHeaders([...headers]);
  const read = rows.map((cells) => {
    const r = readRow(cells, map, parsed.value);
    return r !== null && r.ok ? r.value : undefined;
  });
  return evaluateOptions(read as (VendorRow | undefined)[], true, parsed.value).flatMap(({ group, result }) =>
    result.ok ? [{ name: group.name, first: group.members[0], count: group.members.length, option: result.value }] : [],
  );
}

describe("the results summary of a rate card", () => {
  test("counts the sample's three vendor options, not its twelve rows, and names the cheapest and least risky option with its total", async () => {
    const wb = await tableWorkbook(RATE_CARD_HEADERS, RATE_CARD_ROWS);
    const outcome = await evaluateTable(wb, RATE_CARD_TABLE_NAME, options);
    if (outcome.kind !== "done") throw new Error(outcome.message);
    const expected = modelOptions(RATE_CARD_HEADERS, RATE_CARD_ROWS);
    expect(expected).toHaveLength(3);
    const { summary } = outcome;
    expect(summary.evaluated).toBe(3);
    expect(summary.rows).toBe(RATE_CARD_ROWS.length);
    const counted = (v: string) => expected.filter((e) => e.option.evaluation.fit.verdict === v).length;
    expect(summary.verdicts).toEqual({ Benefit: counted("Benefit"), "Trade-off": counted("Trade-off"), Blocker: counted("Blocker") });
    const cheapest = expected.reduce((a, b) => (b.option.evaluation.cost.total < a.option.evaluation.cost.total ? b : a));
    expect(summary.lowestCost?.total).toBeCloseTo(cheapest.option.evaluation.cost.total, 6);
    // The option's total is all its roles together: more than any one of its rows.
    const rowTotals = outcome.evaluations.slice(cheapest.first, cheapest.first + cheapest.count).map((e) => e!.cost.total);
    expect(summary.lowestCost!.total).toBeGreaterThan(Math.max(...rowTotals));
    expect(summary.lowestCost?.name).toBe(`${cheapest.name} (${cheapest.count} rows from row ${cheapest.first + 2})`);
    const safest = expected.reduce((a, b) => (b.option.evaluation.risk.score < a.option.evaluation.risk.score ? b : a));
    expect(summary.lowestRisk).toMatchObject({ vendor: safest.name, row: safest.first + 2, score: safest.option.evaluation.risk.score });
  });

  test("a vendor's two options are two, a one-row option is named by its row, and an option whose rows disagree is left out with the message naming its rows", async () => {
    const headers = ["Vendor", "Option", "Role", "Hourly rate", "Hours", "Country", "Location model", "Engagement model", "Attrition", "Duration (months)"];
    const rows: CellValue[][] = [
      ["Acme", "Offshore team", "Lead", 48, 1200, "India", "Offshore", "Dedicated team", "", 12],
      ["Acme", "Nearshore team", "Lead", 70, 1200, "Costa Rica", "", "Dedicated team", 0.12, 12],
      ["Acme", "Offshore team", "Developer", 30, 6000, "India", "Offshore", "Dedicated team", "", 12],
      ["Solo", "", "Architect", 20, 100, "Ireland", "", "Project", 0.08, ""],
      ["Split", "", "Lead", 60, 500, "Poland", "Offshore", "Project", 0.1, 6],
      ["Split", "", "QA", 30, 900, "Poland", "Nearshore", "Project", 0.1, 6],
    ];
    const wb = await tableWorkbook(headers, rows);
    const outcome = await evaluateTable(wb, RATE_CARD_TABLE_NAME, options);
    if (outcome.kind !== "done") throw new Error(outcome.message);
    expect(outcome.summary.evaluated).toBe(3);
    expect(outcome.summary.rows).toBe(4);
    expect(outcome.summary.lowestCost).toMatchObject({ vendor: "Solo", name: "Row 5 (Solo)" });
    expect(outcome.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/The rows of the vendor option 'Split' .*row 6 gives 'Offshore', row 7 gives 'Nearshore'/)]));
  });

  test("a plain range holding a rate card is summarised per option too", async () => {
    const wb = new MemoryWorkbook().addSheet("Quotes").setCells("Quotes", "A1", [[...RATE_CARD_HEADERS], ...RATE_CARD_ROWS.map((r) => [...r])]);
    const region = { sheet: "Quotes", address: `A1:${columnLetters(RATE_CARD_HEADERS.length - 1)}${RATE_CARD_ROWS.length + 1}`, headers: [...RATE_CARD_HEADERS], rowCount: RATE_CARD_ROWS.length };
    const outcome = await evaluateRange(wb, region, options);
    if (outcome.kind !== "done") throw new Error(outcome.message);
    expect(outcome.summary).toMatchObject({ evaluated: 3, rows: RATE_CARD_ROWS.length });
  });

  test("a table of one row per vendor is summarised per row, as before", async () => {
    const wb = await tableWorkbook(SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS);
    const outcome = await evaluateTable(wb, RATE_CARD_TABLE_NAME, options);
    if (outcome.kind !== "done") throw new Error(outcome.message);
    expect(outcome.summary.evaluated).toBe(SAMPLE_VENDOR_ROWS.length);
    expect(outcome.summary.rows).toBeUndefined();
    expect(outcome.summary.lowestCost?.name).toMatch(/^Row \d+ \(/);
  });
});
