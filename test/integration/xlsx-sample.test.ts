// The bundled sample workbook (the command line's default input) is generated from the
// readable sample by scripts/make-sample.ts; this keeps the committed file in step with it.
import path from "path";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { XlsxWorkbook } from "../../src/workbook/xlsx";

const SAMPLE = path.resolve(__dirname, "..", "..", "assets", "sample-vendors.xlsx");

it("the committed sample workbook holds exactly the readable sample table (run scripts/make-sample.ts after changing it)", async () => {
  const workbook = await XlsxWorkbook.open(SAMPLE);
  const tables = await workbook.listTables();
  expect(tables.map((t) => [t.name, t.sheet])).toEqual([[SAMPLE_TABLE_NAME, SAMPLE_SHEET_NAME]]);
  const read = await workbook.read({ table: { name: SAMPLE_TABLE_NAME, values: true } });
  expect(read.table!.headers).toEqual([...SAMPLE_VENDOR_HEADERS]);
  // Empty cells read back as empty, whatever the readable data uses for "nothing".
  const blankAsNull = (rows: readonly (readonly unknown[])[]) => rows.map((r) => r.map((v) => (v === "" || v === undefined ? null : v)));
  expect(blankAsNull(read.table!.rows!)).toEqual(blankAsNull(SAMPLE_VENDOR_ROWS));
});
