// Writes assets/sample-vendors.xlsx, the command line's default input, from the readable
// sample in src/sample/vendors.ts (the same rows the pane's preview mode shows). Run with
// `npx tsx scripts/make-sample.ts` after changing the sample, and commit the .xlsx.
import path from "path";
import { cellAddress } from "../src/workbook/address";
import type { CellWrite, WorkbookChange } from "../src/workbook/port";
import { XlsxWorkbook } from "../src/workbook/xlsx";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../src/sample/vendors";

export const SAMPLE_WORKBOOK = path.resolve(__dirname, "..", "assets", "sample-vendors.xlsx");

/** Number formats a buyer would give the sample's columns. */
const COLUMN_FORMATS: Record<string, { numberFormat?: string; columnWidth: number }> = {
  Vendor: { columnWidth: 170 },
  "Hourly rate": { numberFormat: "#,##0.00", columnWidth: 70 },
  Hours: { numberFormat: "#,##0", columnWidth: 60 },
  Attrition: { numberFormat: "0%", columnWidth: 60 },
  Scope: { columnWidth: 320 },
};

export function sampleChanges(): WorkbookChange[] {
  const rows = SAMPLE_VENDOR_ROWS.map((row) => row.map((v): CellWrite => (v === undefined ? null : v)));
  const changes: WorkbookChange[] = [
    { kind: "ensureSheet", sheet: SAMPLE_SHEET_NAME, activate: true },
    { kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: SAMPLE_TABLE_NAME, headers: [...SAMPLE_VENDOR_HEADERS], rows },
  ];
  SAMPLE_VENDOR_HEADERS.forEach((header, column) => {
    const format = COLUMN_FORMATS[header] ?? { columnWidth: 95 };
    const address = `${cellAddress(0, column)}:${cellAddress(rows.length, column)}`;
    changes.push({ kind: "formatRange", sheet: SAMPLE_SHEET_NAME, address, format });
  });
  return changes;
}

export async function makeSample(target = SAMPLE_WORKBOOK): Promise<void> {
  const workbook = XlsxWorkbook.create();
  await workbook.apply(sampleChanges());
  workbook.workbook.creator = "Offshore Sourcing";
  // Fixed dates keep the committed file byte-stable across regenerations of the same data.
  workbook.workbook.created = new Date(Date.UTC(2026, 0, 1));
  workbook.workbook.modified = new Date(Date.UTC(2026, 0, 1));
  await workbook.save(target);
}

if (require.main === module) {
  makeSample().then(
    () => console.log(`Wrote ${path.relative(process.cwd(), SAMPLE_WORKBOOK)}`),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
