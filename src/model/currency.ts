// Rates quoted in several currencies, converted to the one the totals are reported in. The
// buyer types or pastes the exchange rates (no network: the add-in never fetches a rate), each
// with the date it is valid for, so a rate months old is flagged rather than silently used.
import type { Assumptions } from "./assumptions";
import type { CellValue, ModelError, Result } from "./types";
import { isBlank, parseNumberCell } from "./values";
import { dateToExcelSerial, excelSerialToDate } from "./zones";
import { referenceDateOf } from "./reference";

/** The workbook name of the exchange-rate table on the assumptions sheet (three columns: currency, rate, valid on). */
export const EXCHANGE_RATES_NAME = "OffshoreExchangeRates";
export const EXCHANGE_RATE_HEADERS = ["Currency", "Rate to the reporting currency", "Valid on"] as const;

export interface ExchangeRate {
  /** Units of the reporting currency one unit of this currency buys. */
  readonly rate: number;
  /** Excel serial of the date the rate is valid for. */
  readonly validOn: number;
  /** 1-based row of the table it was read from (a header row counts). */
  readonly row: number;
}

export interface ExchangeRates {
  readonly rates: ReadonlyMap<string, ExchangeRate>;
}

export const NO_EXCHANGE_RATES: ExchangeRates = Object.freeze({ rates: new Map<string, ExchangeRate>() });

// Intl knows the ISO 4217 list (ECMA-402 Intl.supportedValuesOf, Chrome 99, Safari 15.4); a
// runtime without it is trusted with any three letters rather than refusing every code.
const KNOWN: ReadonlySet<string> | null = (() => {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf ? new Set(intl.supportedValuesOf("currency")) : null;
  } catch {
    return null;
  }
})();

/** The ISO 4217 code a cell names ("eur " -> "EUR"), or undefined when it names none. */
export function currencyCode(value: CellValue): string | undefined {
  if (typeof value !== "string") return undefined;
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return undefined;
  return KNOWN === null || KNOWN.has(code) ? code : undefined;
}

function where(): string {
  return `the exchange-rate table on the assumptions sheet (name ${EXCHANGE_RATES_NAME}: ${EXCHANGE_RATE_HEADERS.join(", ")})`;
}

function tableError(value: unknown, message: string): Result<never> {
  return { ok: false, error: { kind: "assumption", field: "Exchange rates", value, message } };
}

function shown(value: CellValue): string {
  return typeof value === "string" ? `'${value}'` : String(value);
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function dateOf(cell: CellValue): number | undefined {
  if (typeof cell === "number" && Number.isFinite(cell) && cell > 0) return Math.floor(cell);
  if (typeof cell !== "string") return undefined;
  const m = ISO_DATE.exec(cell.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? dateToExcelSerial({ year: y, month: mo, day: d }) : undefined;
}

/** YYYY-MM-DD of an Excel serial. */
export function isoDateOf(serial: number): string {
  const d = excelSerialToDate(serial);
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

const cache = new Map<string, Result<ExchangeRates>>();

/**
 * The exchange-rate table: rows of (ISO 4217 code, rate to the reporting currency, date the
 * rate is valid for: a date cell or YYYY-MM-DD). Blank rows are skipped and a header row is
 * tolerated; an unknown code, a rate that is not a positive number, a missing date or a
 * currency given twice is an error naming the row.
 */
export function parseExchangeRates(table?: readonly (readonly CellValue[])[] | null): Result<ExchangeRates> {
  if (!table || table.length === 0) return { ok: true, value: NO_EXCHANGE_RATES };
  if (!Array.isArray(table)) return tableError(table, `Exchange rates must be a three-column range: ${EXCHANGE_RATE_HEADERS.join(", ")}`);
  const key = JSON.stringify(table.map((r) => (Array.isArray(r) ? r.slice(0, 3) : r)));
  const cached = cache.get(key);
  if (cached) return cached;
  const result = parseTable(table);
  if (cache.size > 64) cache.clear();
  cache.set(key, result);
  return result;
}

function parseTable(table: readonly (readonly CellValue[])[]): Result<ExchangeRates> {
  const rates = new Map<string, ExchangeRate>();
  for (let r = 0; r < table.length; r++) {
    const row = table[r];
    if (!Array.isArray(row)) return tableError(row, `Exchange rates must be a three-column range: ${EXCHANGE_RATE_HEADERS.join(", ")}`);
    const [codeCell, rateCell, dateCell] = [row[0], row[1], row[2]];
    if (isBlank(codeCell) && isBlank(rateCell) && isBlank(dateCell)) continue;
    if (r === 0 && typeof codeCell === "string" && codeCell.trim().toLowerCase() === EXCHANGE_RATE_HEADERS[0].toLowerCase()) continue;
    const at = `Exchange rate row ${r + 1}`;
    const code = currencyCode(codeCell);
    if (code === undefined) return tableError(codeCell, `${at}: ${shown(codeCell)} is not an ISO 4217 currency code (such as USD, EUR, INR)`);
    if (rates.has(code)) return tableError(codeCell, `${at}: ${code} is given twice; keep one rate per currency`);
    const parsed = parseNumberCell(rateCell);
    if (!parsed.ok || parsed.value.percent || parsed.value.value <= 0)
      return tableError(rateCell, `${at}: the rate for ${code} must be a number above 0 (units of the reporting currency per ${code}); got ${shown(rateCell)}`);
    const validOn = dateOf(dateCell);
    if (validOn === undefined)
      return tableError(dateCell, `${at}: the rate for ${code} needs the date it is valid for (a date cell or YYYY-MM-DD); got ${isBlank(dateCell) ? "nothing" : shown(dateCell)}`);
    rates.set(code, { rate: parsed.value.value, validOn, row: r + 1 });
  }
  return { ok: true, value: Object.freeze({ rates }) };
}

/** A rate as a row uses it: 1 for the reporting currency; `stale` says how old it is when past the maximum age. */
export interface RowExchange {
  readonly currency: string;
  readonly rate: number;
  readonly validOn?: number;
  readonly stale?: string;
}

/**
 * The rate that converts an amount in `code` to the reporting currency. The reporting
 * currency converts at 1 without a table row; any other code needs one. A rate valid more
 * than the maximum age before the reference date (today when blank) is used and flagged.
 */
export function exchangeFor(code: string, a: Assumptions, rates: ExchangeRates = a.exchangeRates ?? NO_EXCHANGE_RATES): Result<RowExchange> {
  const reporting = a.reportingCurrency;
  if (code === reporting) return { ok: true, value: { currency: code, rate: 1 } };
  const found = rates.rates.get(code);
  if (!found) {
    const error: ModelError = {
      kind: "input",
      field: "Currency",
      value: code,
      message: `Currency ${code} has no exchange rate to the reporting currency ${reporting}; add a row '${code} | rate | date' to ${where()}`,
    };
    return { ok: false, error };
  }
  const today = dateToExcelSerial(referenceDateOf(a));
  const age = today - found.validOn;
  const value: RowExchange = { currency: code, rate: found.rate, validOn: found.validOn };
  if (age > a.exchangeRateMaxAgeDays)
    return {
      ok: true,
      value: {
        ...value,
        stale: `The ${code} rate ${found.rate} is valid on ${isoDateOf(found.validOn)}, ${age} days before ${isoDateOf(today)}, older than the ${a.exchangeRateMaxAgeDays} days allowed (assumption 'Exchange rate maximum age (days)'): update it in ${where()}`,
      },
    };
  return { ok: true, value };
}

/** The stale-rate sentences of every rate the table holds, for a reference date: what the evaluate result and the CLI list. */
export function staleRates(a: Assumptions, rates: ExchangeRates = a.exchangeRates ?? NO_EXCHANGE_RATES): string[] {
  const out: string[] = [];
  for (const code of rates.rates.keys()) {
    const e = exchangeFor(code, a, rates);
    if (e.ok && e.value.stale) out.push(e.value.stale);
  }
  return out;
}

const attached = new WeakMap<Assumptions, WeakMap<ExchangeRates, Assumptions>>();

/**
 * `a` with the exchange-rate table attached, one object per pair so the lookup tables the
 * model caches per assumptions object are reused from call to call.
 */
export function withExchangeRates(a: Assumptions, rates: ExchangeRates): Assumptions {
  if (rates.rates.size === 0 && a.exchangeRates === undefined) return a;
  let byRates = attached.get(a);
  if (byRates === undefined) attached.set(a, (byRates = new WeakMap()));
  let out = byRates.get(rates);
  if (out === undefined) byRates.set(rates, (out = Object.freeze({ ...a, exchangeRates: rates })));
  return out;
}
