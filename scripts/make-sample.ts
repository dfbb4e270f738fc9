// Writes assets/sample-vendors.xlsx, the command line's default input, from the readable
// sample in src/sample/vendors.ts (the same rows the pane's preview mode shows), and
// assets/sample-rate-card.xlsx, a rate-card RFP, from src/sample/rateCard.ts. Run with
// `npx tsx scripts/make-sample.ts` after changing a sample, and commit the .xlsx files.
// assets/sample-rate-card-currencies.xlsx is the rate-card RFP quoted in three currencies
// (src/sample/rateCardCurrencies.ts), with the assumptions sheet the add-in writes and the
// buyer's exchange rates in its exchange-rate table.
import path from "path";
import { cellAddress } from "../src/workbook/address";
import type { CellValue } from "../src/model/types";
import type { CellWrite, WorkbookChange } from "../src/workbook/port";
import { XlsxWorkbook } from "../src/workbook/xlsx";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../src/sample/vendors";
import { RATE_CARD_HEADERS, RATE_CARD_ROWS, RATE_CARD_SHEET_NAME, RATE_CARD_TABLE_NAME } from "../src/sample/rateCard";
import {
  CURRENCY_CARD_BUYER_ZONE,
  CURRENCY_CARD_DATE,
  CURRENCY_CARD_HEADERS,
  CURRENCY_CARD_RATES,
  CURRENCY_CARD_ROWS,
  CURRENCY_CARD_SHEET_NAME,
  CURRENCY_CARD_TABLE_NAME,
} from "../src/sample/rateCardCurrencies";
import { EXCHANGE_COLUMN, planAssumptionsSheet } from "../src/actions/evaluate";
import { dateToExcelSerial } from "../src/model/zones";
import { ASSUMPTIONS_SHEET } from "../src/workbook/port";

export const SAMPLE_WORKBOOK = path.resolve(__dirname, "..", "assets", "sample-vendors.xlsx");
export const RATE_CARD_WORKBOOK = path.resolve(__dirname, "..", "assets", "sample-rate-card.xlsx");
export const CURRENCY_CARD_WORKBOOK = path.resolve(__dirname, "..", "assets", "sample-rate-card-currencies.xlsx");

/** Number formats a buyer would give the sample's columns. */
const COLUMN_FORMATS: Record<string, { numberFormat?: string; columnWidth: number }> = {
  Vendor: { columnWidth: 170 },
  Role: { columnWidth: 110 },
  "Hourly rate": { numberFormat: "#,##0.00", columnWidth: 70 },
  Hours: { numberFormat: "#,##0", columnWidth: 60 },
  Currency: { columnWidth: 60 },
  Attrition: { numberFormat: "0%", columnWidth: 60 },
  Scope: { columnWidth: 320 },
};

function tableChanges(sheet: string, table: string, headers: readonly string[], values: readonly (readonly CellValue[])[]): WorkbookChange[] {
  const rows = values.map((row) => row.map((v): CellWrite => (v === undefined ? null : v)));
  const changes: WorkbookChange[] = [
    { kind: "ensureSheet", sheet, activate: true },
    { kind: "createTable", sheet, address: "A1", name: table, headers: [...headers], rows },
  ];
  headers.forEach((header, column) => {
    const format = COLUMN_FORMATS[header] ?? { columnWidth: 95 };
    const address = `${cellAddress(0, column)}:${cellAddress(rows.length, column)}`;
    changes.push({ kind: "formatRange", sheet, address, format });
  });
  return changes;
}

export function sampleChanges(): WorkbookChange[] {
  return tableChanges(SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS);
}

/** The rate-card RFP: three vendors, four roles each, one row per role. */
export function rateCardChanges(): WorkbookChange[] {
  return tableChanges(RATE_CARD_SHEET_NAME, RATE_CARD_TABLE_NAME, RATE_CARD_HEADERS, RATE_CARD_ROWS);
}

/**
 * The rate-card RFP in three currencies, and the assumptions sheet as the add-in writes it
 * (dated the RFP's day) with the buyer's exchange rates to US dollars, valid on that day.
 */
export function currencyCardChanges(): WorkbookChange[] {
  const plan = planAssumptionsSheet({ name: ASSUMPTIONS_SHEET, snapshot: null, passedOver: [] }, undefined, CURRENCY_CARD_BUYER_ZONE, CURRENCY_CARD_DATE);
  if (!plan.ok) throw new Error(plan.message);
  const validOn = dateToExcelSerial(CURRENCY_CARD_DATE);
  return [
    ...tableChanges(CURRENCY_CARD_SHEET_NAME, CURRENCY_CARD_TABLE_NAME, CURRENCY_CARD_HEADERS, CURRENCY_CARD_ROWS),
    ...plan.changes,
    { kind: "writeRange", sheet: plan.sheet, address: cellAddress(1, EXCHANGE_COLUMN), cells: CURRENCY_CARD_RATES.map(([code, rate]) => [code, rate, validOn]) },
  ];
}

export async function makeSample(target = SAMPLE_WORKBOOK, changes: WorkbookChange[] = sampleChanges()): Promise<void> {
  const workbook = XlsxWorkbook.create();
  await workbook.apply(changes);
  workbook.workbook.creator = "Offshore Sourcing";
  // Fixed dates keep the committed file byte-stable across regenerations of the same data.
  workbook.workbook.created = new Date(Date.UTC(2026, 0, 1));
  workbook.workbook.modified = new Date(Date.UTC(2026, 0, 1));
  await workbook.save(target);
}

if (require.main === module) {
  makeSample()
    .then(() => makeSample(RATE_CARD_WORKBOOK, rateCardChanges()))
    .then(() => makeSample(CURRENCY_CARD_WORKBOOK, currencyCardChanges()))
    .then(
      () => console.log(`Wrote ${[SAMPLE_WORKBOOK, RATE_CARD_WORKBOOK, CURRENCY_CARD_WORKBOOK].map((f) => path.relative(process.cwd(), f)).join(", ")}`),
      (error) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
      },
    );
}
