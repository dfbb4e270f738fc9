// Preview mode: outside Excel the pane runs on an in-memory workbook holding the sample
// vendor table, so anyone can try every step in a browser.
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../sample/vendors";
import { MemoryWorkbook } from "../workbook/memory";

export async function previewWorkbook(): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  await workbook.apply([
    { kind: "ensureSheet", sheet: SAMPLE_SHEET_NAME, activate: true },
    {
      kind: "createTable",
      sheet: SAMPLE_SHEET_NAME,
      address: "A1",
      name: SAMPLE_TABLE_NAME,
      headers: [...SAMPLE_VENDOR_HEADERS],
      rows: SAMPLE_VENDOR_ROWS.map((row) => row.map((cell) => cell ?? null)),
    },
  ]);
  // Inside the table, as a buyer who opened the pane from their quotes would be.
  workbook.select(SAMPLE_SHEET_NAME, "A2");
  return workbook;
}
