// Tables larger than the Excel adapter reads at once (MAX_READ_CELLS): the adapter hands
// them over without their rows. Found while scaling the actions: prepare for finance then
// reported "done" with no vendor, an empty summary and the three output columns blanked,
// and the checklist answered "Select a vendor row" with a row selected (it now reads only
// the header and the selected row, so any table size works).
import { columnLetters } from "../../src/workbook/address";
import { evaluateTable } from "../../src/actions/evaluate";
import { loadChecklist } from "../../src/actions/checklist";
import { prepareForFinance } from "../../src/actions/finance";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { ExcelWorkbook, MAX_READ_CELLS } from "../../src/workbook/excel";
import { FakeExcel } from "./fakes/fakeExcel";

// The sample's output columns start right of its last input column.
const OUTPUT = SAMPLE_VENDOR_HEADERS.length;
const TOTAL = columnLetters(OUTPUT);

const today = { year: 2026, month: 3, day: 16 };
const NOW = new Date("2026-03-16T10:00:00Z");
// Just over one read once the three output columns are added, as after an evaluation.
const ROWS = Math.ceil(MAX_READ_CELLS / (SAMPLE_VENDOR_HEADERS.length + 3)) + 1;

async function evaluatedTable(): Promise<FakeExcel> {
  const excel = new FakeExcel();
  excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, Array.from({ length: ROWS }, (_, i) => [...SAMPLE_VENDOR_ROWS[i % SAMPLE_VENDOR_ROWS.length]]));
  const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", { today, buyerTimeZone: "UTC" });
  expect(outcome.kind).toBe("done");
  return excel;
}

test("prepare for finance refuses a table larger than one read, saying why and what to do, and writes nothing", async () => {
  const excel = await evaluatedTable();
  const before = excel.snapshot();
  excel.resetCounts();
  const outcome = await prepareForFinance(new ExcelWorkbook(excel.host()), "Vendors", { now: NOW, buyerTimeZone: "UTC" });
  expect(outcome).toMatchObject({ kind: "refused", written: "Nothing was written." });
  if (outcome.kind === "refused") expect(outcome.message).toMatch(new RegExp(`'Vendors' has ${ROWS} rows .*command line`));
  expect(excel.writes()).toEqual([]);
  expect(excel.snapshot()).toEqual(before);
  expect(excel.cell("Quotes", `${TOTAL}2`)?.formula).toMatch(/^=OFFSHORE\.TOTALCOST\(/);
});

test("the checklist of a row in a table larger than one read is built from that row alone: the header and the selected row are all it reads", async () => {
  const excel = await evaluatedTable();
  excel.active = { sheet: "Quotes", row: 3, column: 2 };
  excel.resetCounts();
  const loaded = await loadChecklist(new ExcelWorkbook(excel.host()), { today });
  expect(loaded.kind).toBe("ready");
  if (loaded.kind === "ready") {
    expect(loaded.rowIndex).toBe(2);
    expect(loaded.checklist.header.vendor).toBe(SAMPLE_VENDOR_ROWS[2][0]);
  }
  // Table rows read: the header row and row 3 only (the assumptions sheet is read apart).
  const tableReads = excel.rangeReads.filter((r) => r.sheet === "Quotes");
  expect(tableReads.reduce((n, r) => n + r.cells, 0)).toBeLessThanOrEqual(2 * (SAMPLE_VENDOR_HEADERS.length + 3));
});
