// Evaluate with a Currency column: the assumptions sheet's exchange-rate table (beside its
// other blocks, under its own name), the formulas that pass it, and the stale-rate warning.
import { evaluateTable, EXCHANGE_COLUMN } from "../../src/actions/evaluate";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { cellAddress } from "../../src/workbook/address";
import { ASSUMPTIONS_NAME, ASSUMPTIONS_SHEET } from "../../src/workbook/port";
import { EXCHANGE_RATE_HEADERS, EXCHANGE_RATES_NAME } from "../../src/model/currency";

const today = { year: 2026, month: 3, day: 16 };
const options = { today, buyerTimeZone: "Europe/Berlin" };
const HEADERS = ["Vendor", "Hourly rate", "Hours", "Currency", "Time zone"];
const ROWS = [
  ["Vistula Dev", 50, 4000, "EUR", "Europe/Warsaw"],
  ["Deccan Soft", 2400, 6000, "INR", "Asia/Kolkata"],
  ["Hudson Works", 95, 2000, "", "America/New_York"],
];

async function workbook(headers = HEADERS, rows: (string | number)[][] = ROWS) {
  const wb = new MemoryWorkbook();
  await wb.apply([
    { kind: "ensureSheet", sheet: "Quotes" },
    { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers, rows },
  ]);
  return wb;
}

describe("evaluate with currencies", () => {
  test("the new assumptions sheet has an empty exchange-rate table right of the range columns, named, and the foreign rows are refused until it has their rates", async () => {
    const wb = await workbook();
    const outcome = await evaluateTable(wb, "Quotes", options);
    expect(outcome.kind).toBe("done");
    if (outcome.kind !== "done") return;
    EXCHANGE_RATE_HEADERS.forEach((h, i) => expect(wb.cell(ASSUMPTIONS_SHEET, cellAddress(0, EXCHANGE_COLUMN + i))?.value).toBe(h));
    // Nothing of the other blocks is under it: the range columns end at M, the table starts at O.
    expect(wb.cell(ASSUMPTIONS_SHEET, cellAddress(0, EXCHANGE_COLUMN - 1))?.value ?? null).toBeNull();
    const read = await wb.read({ names: [EXCHANGE_RATES_NAME, ASSUMPTIONS_NAME] });
    expect(read.names[EXCHANGE_RATES_NAME]).toEqual({ sheet: ASSUMPTIONS_SHEET, address: "O2:Q31" });
    expect(outcome.rowErrors.map((e) => e.row)).toEqual([2, 3]);
    expect(outcome.rowErrors[0].message).toContain("Currency EUR has no exchange rate to the reporting currency USD");
    // The formulas pass the table where a row can name a currency.
    expect(wb.tableColumn("Quotes", "Total cost")?.formula).toBe(
      `=OFFSHORE.TOTALCOST(Quotes[@[Vendor]:[Time zone]],Quotes[[#Headers],[Vendor]:[Time zone]],${ASSUMPTIONS_NAME},${EXCHANGE_RATES_NAME})`,
    );
  });

  test("with rates typed in the table, every row computes in the reporting currency and a stale rate is a warning naming it", async () => {
    const wb = await workbook();
    await evaluateTable(wb, "Quotes", options);
    await wb.apply([{ kind: "writeRange", sheet: ASSUMPTIONS_SHEET, address: "O2", cells: [["EUR", 1.08, "2026-03-10"], ["INR", 0.012, "2025-09-30"]] }]);
    const outcome = await evaluateTable(wb, "Quotes", options);
    if (outcome.kind !== "done") throw new Error("refused");
    expect(outcome.rowErrors).toEqual([]);
    expect(outcome.evaluations[0]?.cost.labour).toBeCloseTo(50 * 4000 * 1.08, 6);
    const stale = outcome.warnings.filter((w) => w.includes("Exchange rate maximum age"));
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatch(/^The INR rate 0.012 is valid on 2025-09-30, 167 days before 2026-03-16, older than the 90 days allowed/);
  });

  test("a table without a Currency column keeps its formulas as they were", async () => {
    const wb = await workbook(["Vendor", "Hourly rate", "Hours"], [["A", 50, 100]]);
    await evaluateTable(wb, "Quotes", options);
    expect(wb.tableColumn("Quotes", "Total cost")?.formula).toBe(`=OFFSHORE.TOTALCOST(Quotes[@[Vendor]:[Hours]],Quotes[[#Headers],[Vendor]:[Hours]],${ASSUMPTIONS_NAME})`);
  });

  test("an unreadable exchange table refuses the evaluation, naming the row", async () => {
    const wb = await workbook();
    await evaluateTable(wb, "Quotes", options);
    await wb.apply([{ kind: "writeRange", sheet: ASSUMPTIONS_SHEET, address: "O2", cells: [["EURO", 1.08, "2026-03-10"]] }]);
    const outcome = await evaluateTable(wb, "Quotes", options);
    expect(outcome.kind).toBe("refused");
    if (outcome.kind === "refused") expect(outcome.message).toContain("Exchange rate row 2: 'EURO' is not an ISO 4217 currency code");
  });
});
