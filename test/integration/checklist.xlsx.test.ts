// The checklist sheet in an .xlsx file (the command line's path): inserted, saved, typed
// into, reopened and refreshed; the buyer's input survives every save and reopen.
import { insertChecklistSheet } from "../../src/actions/checklist";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { XlsxWorkbook } from "../../src/workbook/xlsx";

const TODAY = { year: 2026, month: 3, day: 20 };

async function reopened(workbook: XlsxWorkbook): Promise<XlsxWorkbook> {
  return XlsxWorkbook.fromBuffer(await workbook.toBuffer());
}

async function cellsOf(workbook: XlsxWorkbook, sheet: string) {
  const snapshot = (await workbook.read({ sheets: [sheet] })).sheets[sheet]!;
  expect(snapshot.origin).toBe("A1");
  return snapshot;
}

function rowOf(values: readonly (readonly unknown[])[], section: string, label: string): number {
  const start = values.findIndex((r) => r[0] === section);
  const offset = values.slice(start).findIndex((r) => r[0] === label);
  if (start < 0 || offset < 0) throw new Error(`'${label}' not found under '${section}'`);
  return start + offset;
}

test("a refreshed checklist sheet keeps the buyer's names, answers and notes through save and reopen", async () => {
  const rows = SAMPLE_VENDOR_ROWS.map((r) => r.map((c) => c ?? null));
  rows[0][SAMPLE_VENDOR_HEADERS.indexOf("Vendor")] = '=HYPERLINK("http://x","y")';
  const created = XlsxWorkbook.create();
  await created.apply([
    { kind: "ensureSheet", sheet: SAMPLE_SHEET_NAME },
    { kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: SAMPLE_TABLE_NAME, headers: [...SAMPLE_VENDOR_HEADERS], rows },
  ]);
  const first = await insertChecklistSheet(created, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
  if (first.kind !== "done") throw new Error(first.message);

  const typedInto = await reopened(created);
  const before = await cellsOf(typedInto, first.sheet);
  const owner = rowOf(before.values, "Governance owners", "Security owner");
  const scale = rowOf(before.values, "Readiness checks", "Scale path");
  await typedInto.apply([
    { kind: "writeRange", sheet: first.sheet, address: `B${owner + 1}`, cells: [["Sec Ops Lead"]] },
    { kind: "writeRange", sheet: first.sheet, address: `B${scale + 1}`, cells: [["Ready"]] },
    { kind: "writeRange", sheet: first.sheet, address: `F${scale + 1}`, cells: [["x", "asked on 19 March"]] },
  ]);

  const refreshedIn = await reopened(typedInto);
  const second = await insertChecklistSheet(refreshedIn, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: { year: 2026, month: 4, day: 1 } });
  if (second.kind !== "done") throw new Error(second.message);
  expect(second.sheet).toBe(first.sheet);
  expect(second.keptCells).toBe(4);

  const after = await cellsOf(await reopened(refreshedIn), first.sheet);
  expect(after.values[0][1]).toBe('=HYPERLINK("http://x","y")');
  expect(after.formulas[0][1]).toBe(after.values[0][1]);
  expect(after.values[1][1]).toBe("2026-04-01");
  expect(after.values[owner].slice(0, 3)).toEqual(["Security owner", "Sec Ops Lead", "Named"]);
  expect(after.values[scale].slice(0, 3)).toEqual(["Scale path", "Ready", "Your answer"]);
  expect(after.values[scale].slice(5, 7)).toEqual(["x", "asked on 19 March"]);
});
