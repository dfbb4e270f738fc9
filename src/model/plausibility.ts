// Values that parse and compute but are probably not what the buyer meant: a rate that is a
// date serial, a zero rate or zero hours (which rank a vendor cheapest), a rate far from the
// rest of the table, and rates quoted in different currencies ranked as one. Nothing here
// refuses a row: the numbers are legal, so the buyer is told and decides.
import type { CellValue, FieldKey, HeaderMap } from "./types";
import { parseNumberCell } from "./values";
import { excelSerialToDate } from "./zones";
import { currencyCode } from "./currency";

export interface Doubt {
  /** 1-based data rows the doubt is about (one for a cell, several for a column). */
  readonly tableRows: readonly number[];
  readonly field: FieldKey;
  readonly kind: "date" | "zero" | "outlier" | "currencies";
  /** Says what was seen and what to check; rows are named by the caller's numbering. */
  readonly message: string;
}

/**
 * Excel serials of 2000-01-01 and 2100-01-01. No hourly rate in any currency the add-in
 * reads is a five-digit number in this span, and a date-formatted cell typed into the rate
 * column arrives as one: an add-in reading values (Office.js `values`, or ExcelJS resolved to
 * numbers) cannot see the cell's format, so this is judged from the value.
 */
export const DATE_SERIAL_MIN = 36526;
export const DATE_SERIAL_MAX = 73051;
/** A rate this many times above or below the table's median is called far outside it. */
export const OUTLIER_FACTOR = 10;
/** The median needs this many positive rates to mean something. */
const OUTLIER_MIN_RATES = 4;

const CURRENCY = /^\s*([$€£¥₹]|usd|eur|gbp|inr|jpy)|(usd|eur|gbp|inr|jpy|[$€£¥₹])\s*(?:\/\s*\w+|per\s+\w+)?\s*$/i;
const CURRENCY_SYMBOL: Readonly<Record<string, string>> = { usd: "$", eur: "€", gbp: "£", inr: "₹", jpy: "¥" };

/** "$", "€"... for a text quoting a currency, else null (a number cell carries none). */
export function currencyOf(value: CellValue): string | null {
  if (typeof value !== "string") return null;
  const m = CURRENCY.exec(value);
  if (!m) return null;
  const raw = (m[1] ?? m[2]).toLowerCase();
  return CURRENCY_SYMBOL[raw] ?? raw;
}

// The ISO codes a mark can stand for: "$" is written for many dollars and pesos, "¥" for yen and yuan.
const MARK_CODES: Readonly<Record<string, readonly string[]>> = {
  $: ["USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN", "ARS", "CLP", "COP"],
  "€": ["EUR"],
  "£": ["GBP"],
  "¥": ["JPY", "CNY"],
  "₹": ["INR"],
};

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

function isoDate(serial: number): string {
  const d = excelSerialToDate(serial);
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The doubtful values of a vendor table's rows (`rows` as read, `map` over their headers).
 * `rowLabel` turns a 1-based data row into the number the buyer sees (the sheet's row).
 */
export function doubtfulValues(rows: readonly (readonly CellValue[])[], map: HeaderMap, rowLabel: (tableRow: number) => number = (r) => r): Doubt[] {
  const doubts: Doubt[] = [];
  const rateColumn = map.columns.hourlyRate;
  const hoursColumn = map.columns.hours;
  const rates: { tableRow: number; value: number; code: string }[] = [];
  const currencies = new Map<string, number>();
  const currencyColumn = map.columns.currency;
  // With a Currency column, each row's rate is in that row's code (blank: the reporting currency).
  const codeOf = (row: readonly CellValue[]): string => (currencyColumn === undefined ? "" : (currencyCode(row[currencyColumn]) ?? ""));
  rows.forEach((row, r) => {
    const tableRow = r + 1;
    const at = `Row ${rowLabel(tableRow)}`;
    if (rateColumn !== undefined) {
      const cell = row[rateColumn];
      const parsed = parseNumberCell(cell);
      if (parsed.ok) {
        const rate = parsed.value.value;
        if (typeof cell === "number" && Number.isInteger(rate) && rate >= DATE_SERIAL_MIN && rate < DATE_SERIAL_MAX)
          doubts.push({
            tableRows: [tableRow],
            field: "hourlyRate",
            kind: "date",
            message: `${at}: Hourly rate ${grouped.format(rate)} looks like a date (${isoDate(rate)}): a date-formatted cell or a date typed in the rate column. Type the rate per hour as a number.`,
          });
        else if (rate === 0)
          doubts.push({ tableRows: [tableRow], field: "hourlyRate", kind: "zero", message: `${at}: Hourly rate is 0, so this vendor costs nothing and ranks cheapest. Fill in the quoted rate, or clear the row.` });
        else rates.push({ tableRow, value: rate, code: codeOf(row) });
      }
      const currency = currencyOf(cell);
      const code = codeOf(row);
      if (currency !== null && code !== "") {
        // The Currency cell says what the rate is in; a mark in the rate that cannot mean it is a contradiction.
        const codes = MARK_CODES[currency] ?? [currency.toUpperCase()];
        if (!codes.includes(code))
          doubts.push({
            tableRows: [tableRow],
            field: "hourlyRate",
            kind: "currencies",
            message: `${at}: Hourly rate ${String(cell).trim()} is marked ${currency} but Currency says ${code}; the rate is converted as ${code}. Check which is right.`,
          });
      } else if (currency !== null && !currencies.has(currency)) currencies.set(currency, tableRow);
    }
    if (hoursColumn !== undefined) {
      const parsed = parseNumberCell(row[hoursColumn]);
      if (parsed.ok && parsed.value.value === 0)
        doubts.push({ tableRows: [tableRow], field: "hours", kind: "zero", message: `${at}: Hours is 0, so this vendor costs nothing and ranks cheapest. Fill in the hours quoted, or clear the row.` });
    }
  });
  // Rates in different currencies are not compared with one another's median.
  for (const code of new Set(rates.map((r) => r.code))) {
    const same = rates.filter((r) => r.code === code);
    if (same.length < OUTLIER_MIN_RATES) continue;
    const middle = median(same.map((r) => r.value).sort((a, b) => a - b));
    for (const { tableRow, value } of same) {
      if (value > middle * OUTLIER_FACTOR || value < middle / OUTLIER_FACTOR)
        doubts.push({
          tableRows: [tableRow],
          field: "hourlyRate",
          kind: "outlier",
          message: `Row ${rowLabel(tableRow)}: Hourly rate ${grouped.format(value)} is far outside the table's other rates${code === "" ? "" : ` in ${code}`} (median ${grouped.format(middle)}). Check the unit (per hour, not per month or per day) and the currency.`,
        });
    }
  }
  if (currencies.size > 1) {
    const seen = [...currencies].sort((a, b) => a[1] - b[1]);
    doubts.push({
      tableRows: seen.map(([, row]) => row),
      field: "hourlyRate",
      kind: "currencies",
      message: `Hourly rate mixes currencies: ${seen.map(([symbol, row]) => `${symbol} (row ${rowLabel(row)})`).join(", ")}. The rates${currencyColumn === undefined ? "" : " without a Currency code"} are compared as one currency: ${currencyColumn === undefined ? "add a Currency column" : "fill in the Currency column"} with each rate's ISO 4217 code (USD, EUR...) and give each code a rate in the exchange-rate table on the assumptions sheet, or convert them to one before ranking.`,
    });
  }
  return doubts;
}
