// The governance checklist of a rate card is its vendor option's: any row of the option gives
// the option's checklist (name, total, blended hours), on one sheet.
import { insertChecklistSheet, loadChecklist } from "../../src/actions/checklist";
import { evaluateOption, mapHeaders, parseAssumptions, readRow, type CellValue, type VendorRow } from "../../src/model";
import { RATE_CARD_HEADERS, RATE_CARD_ROWS, RATE_CARD_SHEET_NAME, RATE_CARD_TABLE_NAME } from "../../src/sample/rateCard";
import { MemoryWorkbook } from "../../src/workbook/memory";

const TODAY = { year: 2026, month: 3, day: 20 };

async function workbookWith(rows: readonly (readonly CellValue[])[]): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await wb.apply([
    { kind: "ensureSheet", sheet: RATE_CARD_SHEET_NAME, activate: true },
    { kind: "createTable", sheet: RATE_CARD_SHEET_NAME, address: "A1", name: RATE_CARD_TABLE_NAME, headers: [...RATE_CARD_HEADERS], rows: rows.map((r) => r.map((c) => c ?? null)) },
  ]);
  return wb;
}

/** The model's option of the sample's rows `from`..`to` (0-based, inclusive), under the checklist's defaults. */
function modelOption(from: number, to: number) {
  // A workbook without an assumptions sheet: the documented defaults, the buyer's zone among them.
  const parsed = parseAssumptions([], TODAY);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const map = mapHeaders([...RATE_CARD_HEADERS]);
  const rows = RATE_CARD_ROWS.slice(from, to + 1).map((cells) => (readRow(cells, map, parsed.value) as { value: VendorRow }).value);
  return evaluateOption(rows, parsed.value).evaluation;
}

test("any row of a rate card's option gives the option's checklist: its name, its total over all its roles", async () => {
  const wb = await workbookWith(RATE_CARD_ROWS);
  const option = modelOption(4, 7);
  for (const rowIndex of [4, 6, 7]) {
    const loaded = await loadChecklist(wb, { table: RATE_CARD_TABLE_NAME, rowIndex, today: TODAY });
    expect(loaded.kind).toBe("ready");
    if (loaded.kind !== "ready") return;
    expect(loaded.checklist.header.vendor).toBe("Andes Digital");
    expect(loaded.checklist.header.totalCost).toBeCloseTo(option.cost.total, 6);
    expect(loaded.rowIndex).toBe(4);
  }
});

test("the option's rows share one checklist sheet, whichever is used", async () => {
  const wb = await workbookWith(RATE_CARD_ROWS);
  const first = await insertChecklistSheet(wb, { table: RATE_CARD_TABLE_NAME, rowIndex: 1, today: TODAY });
  const again = await insertChecklistSheet(wb, { table: RATE_CARD_TABLE_NAME, rowIndex: 3, today: TODAY });
  const other = await insertChecklistSheet(wb, { table: RATE_CARD_TABLE_NAME, rowIndex: 8, today: TODAY });
  expect(first.kind === "done" && again.kind === "done" && other.kind === "done").toBe(true);
  if (first.kind !== "done" || again.kind !== "done" || other.kind !== "done") return;
  expect(again.sheet).toBe(first.sheet);
  expect(again.created).toBe(false);
  expect(other.sheet).not.toBe(first.sheet);
});

test("an option whose rows disagree on the engagement has no checklist; the message names the rows", async () => {
  const location = RATE_CARD_HEADERS.indexOf("Location model");
  const rows = RATE_CARD_ROWS.map((r, i) => (i === 2 ? r.map((c, k) => (k === location ? "Nearshore" : c)) : r));
  const wb = await workbookWith(rows);
  const loaded = await loadChecklist(wb, { table: RATE_CARD_TABLE_NAME, rowIndex: 0, today: TODAY });
  expect(loaded.kind).toBe("error");
  if (loaded.kind !== "error") return;
  // Rows as Excel numbers them: the table starts at A1, so its first data row is row 2.
  expect(loaded.message).toContain("row 2 gives 'Offshore', row 4 gives 'Nearshore'");
});
