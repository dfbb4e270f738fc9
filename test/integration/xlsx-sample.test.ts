// The bundled sample workbook (the command line's default input) is generated from the
// readable sample by scripts/make-sample.ts; this keeps the committed file in step with it.
import path from "path";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { RATE_CARD_HEADERS, RATE_CARD_ROWS, RATE_CARD_SHEET_NAME, RATE_CARD_TABLE_NAME } from "../../src/sample/rateCard";
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

it("the committed rate-card sample holds exactly the readable rate-card RFP: three vendors, four roles each", async () => {
  const workbook = await XlsxWorkbook.open(path.resolve(__dirname, "..", "..", "assets", "sample-rate-card.xlsx"));
  const tables = await workbook.listTables();
  expect(tables.map((t) => [t.name, t.sheet])).toEqual([[RATE_CARD_TABLE_NAME, RATE_CARD_SHEET_NAME]]);
  const read = await workbook.read({ table: { name: RATE_CARD_TABLE_NAME, values: true } });
  expect(read.table!.headers).toEqual([...RATE_CARD_HEADERS]);
  const blankAsNull = (rows: readonly (readonly unknown[])[]) => rows.map((r) => r.map((v) => (v === "" || v === undefined ? null : v)));
  expect(blankAsNull(read.table!.rows!)).toEqual(blankAsNull(RATE_CARD_ROWS));
  const column = (header: string) => RATE_CARD_ROWS.map((r) => r[RATE_CARD_HEADERS.indexOf(header as (typeof RATE_CARD_HEADERS)[number])]);
  const vendors = column("Vendor");
  expect(new Set(vendors).size).toBe(3);
  for (const v of new Set(vendors)) expect(new Set(column("Role").filter((_r, i) => vendors[i] === v)).size).toBe(4);
  expect(new Set(column("Location model"))).toEqual(new Set(["Offshore", "Nearshore", "Onshore"]));
});
