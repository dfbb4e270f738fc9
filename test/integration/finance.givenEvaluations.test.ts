// Prepare for finance handed the evaluation just made (the command line does this): it takes a
// row's evaluation only while the row, the mapping and the assumptions are what it was computed
// from, and what it writes is then the same as evaluating every row itself.
import { evaluateTable, type EvaluatedRows } from "../../src/actions/evaluate";
import { prepareForFinance, SUMMARY_SHEET } from "../../src/actions/finance";
import { SAMPLE_TABLE_NAME, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { ASSUMPTIONS_SHEET } from "../../src/workbook/port";
import { cellAddress, parseRange } from "../../src/workbook/address";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { sampleChanges } from "../../scripts/make-sample";

const NOW = new Date("2026-03-02T15:30:00Z");
const TODAY = { year: 2026, month: 3, day: 2 };

async function evaluated(): Promise<{ workbook: MemoryWorkbook; given: EvaluatedRows }> {
  const workbook = new MemoryWorkbook();
  await workbook.apply(sampleChanges());
  const run = await evaluateTable(workbook, SAMPLE_TABLE_NAME, { buyerTimeZone: "America/New_York", today: TODAY });
  if (run.kind !== "done" || !run.evaluatedRows) throw new Error(run.kind === "done" ? "no evaluated rows" : run.message);
  return { workbook, given: run.evaluatedRows };
}

async function prepare(workbook: MemoryWorkbook, given?: EvaluatedRows) {
  const outcome = await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: NOW, evaluated: given });
  if (outcome.kind !== "done") throw new Error(outcome.message);
  const read = await workbook.read({ table: { name: SAMPLE_TABLE_NAME, values: true }, sheets: [SUMMARY_SHEET] });
  return { outcome, summary: read.sheets[SUMMARY_SHEET]!.values, table: read.table!.rows };
}

/** Sets one input cell of the table's data row `tableRow` (1-based). */
async function setInput(workbook: MemoryWorkbook, tableRow: number, header: string, value: number): Promise<void> {
  const table = (await workbook.read({ table: { name: SAMPLE_TABLE_NAME, values: true } })).table!;
  const area = parseRange(table.address);
  workbook.setCells(table.sheet, cellAddress(area.top + tableRow, area.left + table.headers.indexOf(header)), [[value]]);
}

describe("prepare for finance with the evaluation handed to it", () => {
  it("takes every row's evaluation as given when nothing changed, and writes what it writes when evaluating itself", async () => {
    const { workbook, given } = await evaluated();
    const withGiven = await prepare(workbook, given);
    expect(withGiven.outcome.vendors).toHaveLength(SAMPLE_VENDOR_ROWS.length);
    for (const v of withGiven.outcome.vendors) expect(v.evaluation).toBe(given.evaluations[v.tableRow - 1]);
    const itself = await prepare(workbook);
    expect(withGiven.summary).toEqual(itself.summary);
    expect(withGiven.table).toEqual(itself.table);
  });

  it("evaluates again a row changed since (a stale evaluation is never written) and takes the others", async () => {
    const { workbook, given } = await evaluated();
    const changedRow = 2;
    const stale = given.evaluations[changedRow - 1]!;
    await setInput(workbook, changedRow, "Hourly rate", stale.row.hourlyRate * 3);
    const withGiven = await prepare(workbook, given);
    const itself = await prepare(workbook);
    for (const v of withGiven.outcome.vendors) {
      if (v.tableRow === changedRow) {
        expect(v.evaluation).not.toBe(stale);
        expect(v.evaluation.cost.total).not.toBe(stale.cost.total);
      } else expect(v.evaluation).toBe(given.evaluations[v.tableRow - 1]);
    }
    expect(withGiven.outcome.vendors.map((v) => v.evaluation)).toEqual(itself.outcome.vendors.map((v) => v.evaluation));
    expect(withGiven.summary).toEqual(itself.summary);
    expect(withGiven.table).toEqual(itself.table);
  });

  it("takes none when an assumption changed since, so every row follows the assumptions sheet", async () => {
    const { workbook, given } = await evaluated();
    const sheet = (await workbook.read({ sheets: [ASSUMPTIONS_SHEET] })).sheets[ASSUMPTIONS_SHEET]!;
    const row = sheet.values.findIndex((r) => r[0] === "Transition %");
    expect(row).toBeGreaterThan(0);
    workbook.setCells(ASSUMPTIONS_SHEET, cellAddress(row, 1), [[0.2]]);
    const withGiven = await prepare(workbook, given);
    const itself = await prepare(workbook);
    for (const v of withGiven.outcome.vendors) {
      expect(v.evaluation).not.toBe(given.evaluations[v.tableRow - 1]);
      expect(v.evaluation.cost.total).not.toBe(given.evaluations[v.tableRow - 1]!.cost.total);
    }
    expect(withGiven.summary).toEqual(itself.summary);
    expect(withGiven.table).toEqual(itself.table);
  });

  it("on a workbook never evaluated (the pane's path), takes the evaluation it runs first and writes what evaluating every row again writes", async () => {
    const fresh = new MemoryWorkbook();
    await fresh.apply(sampleChanges());
    const first = await prepareForFinance(fresh, SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: "America/New_York" });
    if (first.kind !== "done") throw new Error(first.message);
    const { workbook } = await evaluated();
    const again = await prepare(workbook);
    const read = await fresh.read({ table: { name: SAMPLE_TABLE_NAME, values: true }, sheets: [SUMMARY_SHEET] });
    expect(first.vendors.map((v) => v.evaluation)).toEqual(again.outcome.vendors.map((v) => v.evaluation));
    expect(read.sheets[SUMMARY_SHEET]!.values).toEqual(again.summary);
    expect(read.table!.rows).toEqual(again.table);
  });
});
