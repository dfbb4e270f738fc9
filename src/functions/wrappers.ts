// What each OFFSHORE function does with Excel's arguments, kept apart from the JSDoc
// declarations so it can be tested without Excel. Excel hands over ranges as 2-D arrays
// (a blank cell as "", an omitted optional argument as null or undefined) and expects a
// value, a 2-D array, or a CustomFunctions.Error: nothing else may escape from here. A cell
// holding a data type (a Geography country, a formatted number) arrives as an object and is
// read by its text or basic value (../model/dataTypes) wherever a cell enters the model.
//
// `CustomFunctions` is a global of Excel's runtime; it is only touched while a function
// runs, never when this module loads, so importing it elsewhere is harmless.
import { costAt, costRange, evaluateCells, excelSerialToDate, FIELDS, mapHeaders, overlap, parseAssumptions, toHourOfDay } from "../model";
import type { Assumptions, CalendarDate, CellValue, Evaluation, FieldKey, HeaderMap, ModelError, Result, VendorRow } from "../model";
import { evaluateOptions, isRateCard } from "../model/rateCard";
import { plainCell, plainRow, plainTable, UnusableAt, UnusableCell } from "../model/dataTypes";
import { isoDateOf, NO_EXCHANGE_RATES, parseExchangeRates, withExchangeRates } from "../model/currency";

/** What a custom function may put in a cell. */
export type ExcelValue = number | string | boolean | CustomFunctions.Error;
export type ExcelMatrix = ExcelValue[][];

/** A #VALUE! error whose message Excel shows when the user hovers the cell. */
export function invalidValue(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
}

function fromModelError(error: ModelError): CustomFunctions.Error {
  return invalidValue(error.message);
}

/** Whatever was caught, as the one kind of error Excel can display. */
export function asExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  // The engine's own errors ("x.map is not a function", in the minified bundle "e?.map")
  // and thrown non-errors ("[object Object]") say nothing a user can act on.
  const internal = !(error instanceof Error) || error instanceof TypeError || error instanceof ReferenceError;
  if (internal) return invalidValue("This could not be computed from these arguments; check that each one is the range or value the function's help describes");
  return invalidValue(`This could not be computed: ${error.message}`);
}

function describe(value: unknown): string {
  if (typeof value === "string") return `'${value}'`;
  if (Array.isArray(value)) return "a range";
  if (typeof value === "object" && value !== null) return "a value of an unknown kind";
  return String(value);
}

/** What a cell holding no readable value is, for an error message. */
const UNREADABLE = "which has no text or number to read";

/** One argument's value as the model reads it; a data type with nothing to read is #VALUE!. */
function scalar(value: unknown, name: string): CellValue {
  const plain = plainCell(value);
  if (plain instanceof UnusableCell) throw invalidValue(`${name} holds ${plain.what}, ${UNREADABLE}`);
  return plain;
}

function isOmitted(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/**
 * The machine's local date: a user who leaves a date out means today where they sit, as
 * TODAY() does. One object per day (until local midnight), so callers can compare by identity
 * and a calculated column does not build a Date per row.
 */
let today: CalendarDate | undefined;
let todayFrom = 0;
let todayUntil = 0;

function localToday(): CalendarDate {
  const now = Date.now();
  if (today === undefined || now < todayFrom || now >= todayUntil) {
    const d = new Date(now);
    today = { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
    todayFrom = new Date(today.year, today.month - 1, today.day).getTime();
    todayUntil = new Date(today.year, today.month - 1, today.day + 1).getTime();
  }
  return today;
}

// ---- Vendor rows --------------------------------------------------------------------

interface RowContext {
  readonly map: HeaderMap;
  readonly assumptions: Assumptions;
  /** The header row as text, to name a column in a row's error. */
  readonly headers: readonly CellValue[];
  /** Which columns the header map reads: only those need a readable value. */
  readonly isRead: (column: number) => boolean;
}

function isMatrix(value: unknown): value is CellValue[][] {
  return Array.isArray(value) && value.length > 0 && value.every((row) => Array.isArray(row));
}

/**
 * Header map and assumptions for one call. Excel passes fresh arrays on every call, so the
 * model caches both by content; what is left here is a few checks.
 */
function prepare(rows: unknown, headers: unknown, assumptions: unknown, exchangeRates?: unknown): RowContext {
  if (!isMatrix(rows)) throw invalidValue(`rows must be a range of vendor rows; got ${describe(rows)}`);
  if (!isMatrix(headers)) throw invalidValue(`headers must be the header row of the vendor table; got ${describe(headers)}`);
  if (headers.length !== 1) {
    throw invalidValue(`headers must be one row (the header row); got ${headers.length} rows`);
  }
  const headerRow = plainRow(headers[0]);
  if (headerRow instanceof UnusableAt) {
    throw invalidValue(`Column ${headerRow.column + 1} of headers holds ${headerRow.what}, ${UNREADABLE}; a header must be text`);
  }
  const width = rows[0].length;
  if (headerRow.length !== width) {
    throw invalidValue(
      `headers has ${headerRow.length} columns but rows has ${width}; select the same columns in both`,
    );
  }
  const map = headerMapFor(headerRow);
  if (map.missingRequired.length > 0) {
    const missing = map.missingRequired.map(columnName).join(" and ");
    throw invalidValue(`No ${missing} column in headers; name the column '${columnName(map.missingRequired[0])}'`);
  }
  const parsed = assumptionsFor(isOmitted(assumptions) ? undefined : plainAssumptions(assumptions));
  if (!parsed.ok) throw fromModelError(parsed.error);
  const mapped = readColumns(map);
  return { map, assumptions: withExchangeRates(parsed.value, exchangeRatesFor(exchangeRates)), headers: headerRow, isRead: (c) => mapped[c] === true };
}

/** The exchange-rate range (currency, rate, valid on) with data types read; the model caches it by content. */
function exchangeRatesFor(exchangeRates: unknown) {
  if (isOmitted(exchangeRates)) return NO_EXCHANGE_RATES;
  if (!isMatrix(exchangeRates)) throw invalidValue(`exchange_rates must be a three-column range: currency, rate to the reporting currency, valid on; got ${describe(exchangeRates)}`);
  const table = plainTable(exchangeRates, 3);
  if (table instanceof UnusableAt) throw invalidValue(`Row ${table.row + 1} of exchange_rates holds ${table.what}, ${UNREADABLE}`);
  const parsed = parseExchangeRates(table);
  if (!parsed.ok) throw fromModelError(parsed.error);
  return parsed.value;
}

/** The assumptions range with data types read; only names and values (the first two columns) are. */
function plainAssumptions(assumptions: unknown): CellValue[][] {
  if (!Array.isArray(assumptions)) return assumptions as CellValue[][];
  const table = plainTable(assumptions, 2);
  if (table instanceof UnusableAt) {
    const part = table.column === 0 ? "name" : "value";
    throw invalidValue(`The ${part} in row ${table.row + 1} of assumptions holds ${table.what}, ${UNREADABLE}`);
  }
  return table;
}

let lastReadMap: HeaderMap | undefined;
let lastRead: readonly boolean[] = [];

function readColumns(map: HeaderMap): readonly boolean[] {
  if (map === lastReadMap) return lastRead;
  const read: boolean[] = [];
  for (const column of Object.values(map.columns)) if (column !== undefined) read[column] = true;
  lastReadMap = map;
  lastRead = read;
  return read;
}

// In a calculated column every call repeats the previous call's header row and assumptions
// range in new arrays. Comparing them cell by cell with the last ones costs far less than
// building the model's cache keys, so the last answer is kept here as well.
let lastHeaderRow: CellValue[] | undefined;
let lastHeaderMap: HeaderMap | undefined;
let lastTable: CellValue[][] | undefined;
let lastToday: CalendarDate | undefined;
let lastAssumptions: Result<Assumptions> | undefined;

function sameCells(a: readonly CellValue[], b: readonly CellValue[] | undefined): boolean {
  if (b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function headerMapFor(headerRow: CellValue[]): HeaderMap {
  if (lastHeaderMap !== undefined && sameCells(headerRow, lastHeaderRow)) return lastHeaderMap;
  const map = mapHeaders(headerRow);
  lastHeaderRow = headerRow.slice();
  lastHeaderMap = map;
  return map;
}

function sameTable(a: CellValue[][] | undefined, b: CellValue[][] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    if (!Array.isArray(a[r]) || !sameCells(a[r], b[r])) return false;
  }
  return true;
}

// A blank Reference date (or no assumptions) means today in the user's calendar, as for
// OVERLAP and TODAY(), not the UTC date the model falls back to: in New York after 7 p.m.
// UTC is already tomorrow, and across a clock change that moves the overlap by an hour.
function assumptionsFor(table: CellValue[][] | undefined): Result<Assumptions> {
  const today = localToday();
  if (lastAssumptions !== undefined && today === lastToday && sameTable(table, lastTable)) return lastAssumptions;
  const parsed = parseAssumptions(table, today);
  lastTable = Array.isArray(table) ? table.map((row) => (Array.isArray(row) ? row.slice() : row)) : undefined;
  lastToday = today;
  lastAssumptions = parsed;
  return parsed;
}

/** The documented header of a field, as the README and the sample workbook write it. */
function columnName(field: FieldKey): string {
  return FIELDS.find((f) => f.key === field)?.header ?? field;
}

type Evaluated = Evaluation | null | CustomFunctions.Error;

/** How a row's error names a column: by its header, or by its place when the header is blank. */
function columnLabel(context: RowContext, column: number): string {
  const header = context.headers[column];
  return typeof header === "string" && header.trim() !== "" ? header.trim() : `Column ${column + 1}`;
}

/** One row through the model: an Evaluation, null for a blank row, or the row's own error. */
function evaluate(row: unknown[], context: RowContext): Evaluated {
  try {
    const cells = plainRow(row, 0, Infinity, context.isRead);
    if (cells instanceof UnusableAt) return invalidValue(`${columnLabel(context, cells.column)} holds ${cells.what}, ${UNREADABLE}`);
    const result = evaluateCells(cells, context.map, context.assumptions);
    if (result === null) return null;
    return result.ok ? result.value : fromModelError(result.error);
  } catch (error) {
    // One broken row must not take the others down with it.
    return asExcelError(error);
  }
}

/**
 * One output row per input row. A blank row gives blanks, a bad row its own error in every
 * output column, the others their values: a spilled column stays aligned with its table.
 */
function perRow(
  rows: unknown,
  headers: unknown,
  assumptions: unknown,
  width: number,
  project: (evaluation: Evaluation, assumptions: Assumptions) => ExcelValue[],
  exchangeRates?: unknown,
): ExcelMatrix {
  try {
    const context = prepare(rows, headers, assumptions, exchangeRates);
    const input = rows as unknown[][];
    const out: ExcelMatrix = new Array(input.length);
    const all = input.map((row) => evaluate(row, context));
    if (input.length > 1 && isRateCard(context.map)) asOptions(all, context.assumptions);
    for (let i = 0; i < input.length; i++) {
      const evaluated = all[i];
      if (evaluated === null) out[i] = width === 1 ? [""] : new Array<ExcelValue>(width).fill("");
      else if (evaluated instanceof CustomFunctions.Error) out[i] = width === 1 ? [evaluated] : new Array<ExcelValue>(width).fill(evaluated);
      else out[i] = project(evaluated, context.assumptions);
    }
    return out;
  } catch (error) {
    throw asExcelError(error);
  }
}

/**
 * A rate card's rows given together (model/rateCard.ts): each row keeps its own cost (its
 * share of its option's total) and takes its option's risk and fit; the rows of an option
 * that disagree on the engagement each get the error naming them. Given one row at a time (a
 * calculated column), a row is its own option: its cost is the same share.
 */
function asOptions(all: Evaluated[], a: Assumptions): void {
  const rows = all.map((e) => (e === null || e instanceof CustomFunctions.Error ? undefined : e.row));
  for (const { group, result } of evaluateOptions(rows, true, a, (i) => `row ${i + 1} of rows`)) {
    if (group.members.length < 2) continue;
    if (!result.ok) {
      const error = fromModelError(result.error);
      for (const i of group.members) all[i] = error;
      continue;
    }
    const { risk, fit } = result.value.evaluation;
    group.members.forEach((i, k) => (all[i] = { row: rows[i] as VendorRow, cost: result.value.shares[k], risk, fit }));
  }
}

export function totalCostCells(rows: unknown, headers: unknown, assumptions?: unknown, exchangeRates?: unknown): ExcelMatrix {
  return perRow(rows, headers, assumptions, 1, (e) => [e.cost.total], exchangeRates);
}

export function riskScoreCells(rows: unknown, headers: unknown, assumptions?: unknown, exchangeRates?: unknown): ExcelMatrix {
  return perRow(rows, headers, assumptions, 1, (e) => [e.risk.score], exchangeRates);
}

export function locationFitCells(rows: unknown, headers: unknown, assumptions?: unknown, exchangeRates?: unknown): ExcelMatrix {
  return perRow(rows, headers, assumptions, 1, (e) => [e.fit.verdict], exchangeRates);
}

/** Columns of COSTRANGE's spill, in order. */
export const COST_RANGE_COLUMNS = ["Low", "Expected", "High"] as const;

/** Total cost with every ranged assumption at its low end, at its value, and at its high end. */
export function costRangeCells(rows: unknown, headers: unknown, assumptions?: unknown, exchangeRates?: unknown): ExcelMatrix {
  return perRow(rows, headers, assumptions, COST_RANGE_COLUMNS.length, (e, a) => {
    const range = costRange(e.row, a);
    return [range.low, range.expected, range.high];
  }, exchangeRates);
}

// ---- Explanations -------------------------------------------------------------------

/** Columns of FITDETAIL, in order; also its documentation. */
export const FIT_DETAIL_COLUMNS = [
  "Fit score",
  "Verdict",
  "Overlap hours",
  "Overlap needed",
  "Recommended location model",
  "Reason",
  "Location model check",
] as const;

export function fitDetailCells(rows: unknown, headers: unknown, assumptions?: unknown, exchangeRates?: unknown): ExcelMatrix {
  return perRow(rows, headers, assumptions, FIT_DETAIL_COLUMNS.length, ({ fit }) => [
    fit.score,
    fit.verdict,
    fit.overlapHours,
    fit.requiredOverlapHours,
    fit.recommendedLocationModel,
    fit.reason,
    fit.locationCheck,
  ], exchangeRates);
}

const DEFAULT_DRIVER_COUNT = 3;

function driverCount(value: unknown): number {
  const top = scalar(value, "top");
  if (isOmitted(top)) return DEFAULT_DRIVER_COUNT;
  if (typeof top !== "number" || !Number.isInteger(top) || top < 1) {
    throw invalidValue(`top must be a whole number of drivers, 1 or more; got ${describe(top)}`);
  }
  return top;
}

/** The highest-scoring risks of each row as one line of text: "Label (score): cause. Reduce it: mitigation". */
export function riskDriversCells(rows: unknown, headers: unknown, assumptions?: unknown, top?: unknown, exchangeRates?: unknown): ExcelMatrix {
  let count: number;
  try {
    count = driverCount(top);
  } catch (error) {
    throw asExcelError(error);
  }
  return perRow(rows, headers, assumptions, 1, ({ risk }) => [
    risk.drivers
      .slice(0, count)
      .map((d) => `${d.label} (${Math.round(d.score)}): ${d.cause} Reduce it: ${d.mitigation}`)
      .join(" | "),
  ], exchangeRates);
}

/**
 * Columns of COSTBREAKDOWN's spill. Low and High came later: they are appended, so the first
 * three keep their place in formulas that INDEX into the spill.
 */
export const COST_BREAKDOWN_COLUMNS = ["Cost line", "Amount", "What drives it", "Low", "High"] as const;

/**
 * One vendor row's total cost as labelled lines: labour, each hidden cost, the total and the
 * effective hourly rate, each with the sentence that explains it.
 */
export function costBreakdownCells(row: unknown, headers: unknown, assumptions?: unknown, exchangeRates?: unknown): ExcelMatrix {
  try {
    const context = prepare(row, headers, assumptions, exchangeRates);
    const input = row as unknown[][];
    if (input.length !== 1) {
      throw invalidValue(`COSTBREAKDOWN explains one vendor row; got ${input.length} rows (select a single row)`);
    }
    const evaluated = evaluate(input[0], context);
    if (evaluated === null) return [[""]];
    if (evaluated instanceof CustomFunctions.Error) throw evaluated;
    const { cost, row: vendor } = evaluated;
    // Each line at the low and the high ends of the ranged assumptions (the model's costAt);
    // labour has no range.
    const low = costAt(vendor, context.assumptions, "low");
    const high = costAt(vendor, context.assumptions, "high");
    // Every amount is in the reporting currency; the labour line says how a quoted rate was converted.
    const reporting = context.assumptions.reportingCurrency;
    const fx = vendor.exchange;
    const labourText = fx
      ? `Hourly rate ${vendor.hourlyRate} ${fx.currency} x ${vendor.hours} hours x ${fx.rate} ${reporting} per ${fx.currency} (rate valid on ${fx.validOn === undefined ? "" : isoDateOf(fx.validOn)}), in ${reporting}${fx.stale ? `. Stale rate: ${fx.stale}` : ""}`
      : `Hourly rate ${vendor.hourlyRate} x ${vendor.hours} hours, in ${reporting}`;
    const out: ExcelMatrix = [["Labour", cost.labour, labourText, cost.labour, cost.labour]];
    cost.lines.forEach((line, i) => out.push([line.label, line.amount, line.explanation, low.lines[i].amount, high.lines[i].amount]));
    out.push(["Total cost", cost.total, `Labour plus every hidden-cost line above, in ${reporting}`, low.total, high.total]);
    out.push(["Effective hourly rate", cost.effectiveHourlyRate, `Total cost divided by hours, in ${reporting} per hour`, low.effectiveHourlyRate, high.effectiveHourlyRate]);
    return out;
  } catch (error) {
    throw asExcelError(error);
  }
}

// ---- Overlap ------------------------------------------------------------------------

const DEFAULT_START = 9;
const DEFAULT_END = 17;

function zoneText(argument: unknown, which: string): string {
  const value = scalar(argument, which);
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  throw invalidValue(
    `${which} must be a time zone (Asia/Kolkata), an ISO country code (IN) or a country name; got ${isOmitted(value) ? "an empty cell" : describe(value)}`,
  );
}

function hourOfDay(argument: unknown, fallback: number, what: string): number {
  const value = scalar(argument, what);
  if (isOmitted(value)) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalidValue(`${what} must be an hour (9, 17.5) or an Excel time (9:00); got ${describe(value)}`);
  }
  return toHourOfDay(value);
}


function calendarDate(argument: unknown): CalendarDate {
  const value = scalar(argument, "date");
  if (isOmitted(value)) return localToday();
  if (typeof value !== "number" || !Number.isFinite(value) || value < 1) {
    throw invalidValue(`date must be an Excel date such as DATE(2026,1,15); got ${describe(value)}`);
  }
  return excelSerialToDate(value);
}

/** Working hours two places share on a date, daylight saving included. */
export function overlapValue(
  zoneA: unknown,
  zoneB: unknown,
  date?: unknown,
  startA?: unknown,
  endA?: unknown,
  startB?: unknown,
  endB?: unknown,
): number {
  try {
    const result = overlap(
      zoneText(zoneA, "zone_a"),
      zoneText(zoneB, "zone_b"),
      calendarDate(date),
      [hourOfDay(startA, DEFAULT_START, "start_a"), hourOfDay(endA, DEFAULT_END, "end_a")],
      [hourOfDay(startB, DEFAULT_START, "start_b"), hourOfDay(endB, DEFAULT_END, "end_b")],
    );
    if (!result.ok) throw fromModelError(result.error);
    return result.value;
  } catch (error) {
    throw asExcelError(error);
  }
}
