// Planning the finance summary (pure): the title and notes, one row per vendor (values, or
// the portable formulas with the model's numbers cached beside them), the assumptions block,
// the block the vendor table's output columns read, and the charts.

import type { Assumptions, Sensitivity } from "../model";
import { hasSecurityCertification } from "../model/risk";
import { workTypeOf } from "../model/worktype";
import { isBlank } from "../model/values";
import type { CellValue, Evaluation, FieldKey, VendorRow } from "../model/types";
import { excelText, exchangeRateFormula, type PortableInputKey, type PortableResultKey } from "../model/portable";
import { ASSUMPTION_BY_KEY } from "../model/assumptions";
import { EXCHANGE_RATES_NAME } from "../model/currency";
import { costOverTerm } from "../model/term";
import { cellAddress, columnLetters } from "../workbook/address";
import { ASSUMPTIONS_NAME, type CellSource, type CellWrite, type TableSnapshot, type WorkbookChange } from "../workbook/port";
import type { RowError } from "./evaluate";
import { titleOf, type SheetRead } from "./sheets";
import { chartBlocks, chartsNote, financeChartChanges, financeCharts } from "./financeCharts";
import { ASSUMPTION_BLOCK_RIGHT, assumptionBlockChanges, columnTemplates, costByYearFormulas, DEFAULTED_BY_ASSUMPTION, ROW, summaryAssumptionCell, yearlyRiseFormula } from "./financeFormulas";
import {
  COST_BY_YEAR_COLUMN,
  FIRST_VENDOR_ROW,
  OUTPUT_SUMMARY_KEYS,
  rangeOverlapText,
  PiecedFormula,
  RowFormula,
  SUMMARY_COLUMNS,
  SUMMARY_HEADER_ROW,
  SUMMARY_REORDERED,
  SUMMARY_TITLE,
  summaryColumnOf,
  TABLE_BLOCK_COLUMN,
  TABLE_ROW_LETTERS,
  SUMMARY_YEARS,
  TORNADO_COLUMN,
  TORNADO_WIDTH,
  type Column,
  type FinanceMode,
  type FinanceVendor,
} from "./financeLayout";

/** Whether a sheet is the add-in's finance summary, known by its title (read whole or by its title alone). */
export function isSummarySheet(sheet: SheetRead): boolean {
  return titleOf(sheet).startsWith(SUMMARY_TITLE);
}

// ---- Inputs as the model read them ----

function inputValue(key: PortableInputKey, row: VendorRow, overlap: number, a: Assumptions): CellValue {
  switch (key) {
    case "securityCertified":
      return hasSecurityCertification(row, a);
    case "overlapHours":
      return overlap;
    case "currency":
      return row.exchange?.currency ?? "";
    case "exchangeRate":
      return row.exchange?.rate ?? 1;
    case "workType":
      // The kind of work the onshore reference rate is looked up by, not the row's own words.
      return workTypeOf(row.workType);
    default:
      return row[key];
  }
}

export interface SummaryInput {
  readonly mode: FinanceMode;
  readonly now: Date;
  readonly table: TableSnapshot;
  readonly vendors: readonly (FinanceVendor & { raw: readonly CellValue[] })[];
  readonly rowErrors: readonly RowError[];
  readonly map: Readonly<Partial<Record<FieldKey, number>>>;
  readonly a: Assumptions;
  /** portfolioSensitivity of the vendors' rows, when the caller has it already. */
  readonly portfolio?: readonly Sensitivity[];
  readonly outputHeaders: readonly string[];
  readonly keyHeader: string;
  /** The summary's sheet. */
  readonly sheet: string;
  /** The sheet the assumptions were read from: not always the usual name (a sheet of the user's may hold it). */
  readonly assumptionsSheet: string;
}

/** The note that says which mode was chosen and how to get live add-in formulas back. */
export function modeNote(mode: FinanceMode, now: Date, assumptionsSheet: string): string {
  const back = "To get live add-in formulas back, open this workbook in Excel with the Offshore Sourcing add-in and choose Calculate cost, risk and fit in its pane.";
  return mode === "formulas"
    ? `Portable formulas: every number here is a plain Excel formula over the sheet '${assumptionsSheet}' (name ${ASSUMPTIONS_NAME}); change an assumption there and the totals follow, in Excel, Excel on the web or LibreOffice, without the add-in. ${back}`
    : `Values as of ${asOf(now)}: static numbers that do not recalculate. ${back}`;
}

/** Which currency the amounts are in, and how a rate in another one is converted. */
export function currencyNote(a: Assumptions, assumptionsSheet: string): string {
  return `Amounts are in ${a.reportingCurrency} (the assumption '${ASSUMPTION_BY_KEY.reportingCurrency.name}'); a rate in another currency is converted with the exchange-rate table on the sheet '${assumptionsSheet}' (name ${EXCHANGE_RATES_NAME}).`;
}

export function overlapNote(a: Assumptions): string {
  return `Overlap hours are values, computed for the reference date ${isoDate(a.referenceDate)} from IANA time-zone rules (daylight saving moves them), which no spreadsheet has: changing the time zone, working hours or reference date assumptions does not move them; prepare for finance again to refresh them. Everything else is computed from the assumptions.`;
}

export function planSummary(input: SummaryInput): { changes: WorkbookChange[]; area: string; note: string } {
  const { mode, now, vendors, a } = input;
  const sheet = input.sheet;
  const n = vendors.length;
  const lastVendorRow = FIRST_VENDOR_ROW + Math.max(n, 1) - 1;
  const note = modeNote(mode, now, input.assumptionsSheet);

  // The assumptions block, right of the vendor columns: every assumption the formulas use,
  // once, read from the assumptions sheet with the model's rule for a blank or missing
  // value (the default). Rows refer to its cells, or look a category's row up in it.
  const assumptionCell = summaryAssumptionCell();
  const templates = columnTemplates(mode, lastVendorRow, assumptionCell);
  // What each column writes, decided once per column: the rows then only fill in their values
  // and row numbers (10,000 rows stay fast).
  const writers = SUMMARY_COLUMNS.map((column, c) => columnWriter(column, templates[c], input, assumptionCell));
  // Worked out cell by cell as the adapter writes them, not held as some 50 objects a vendor
  // from here until the whole block is written (CellSource).
  const rowNumber = (r: number) => String(FIRST_VENDOR_ROW + r + 1);
  const rows: CellSource = {
    rows: n,
    columns: writers.length,
    cell: (r, c) => writers[c](vendors[r], rowNumber(r)),
    template: (c) => {
      const parts = writers[c].template;
      return parts && { parts, row: rowNumber };
    },
  };

  const changes: WorkbookChange[] = [];
  const title = mode === "formulas" ? `${SUMMARY_TITLE}: portable formulas` : `${SUMMARY_TITLE}: values as of ${asOf(now)}`;
  // A5, the charts' note, is written once the blocks the charts read are placed (below).
  changes.push({ kind: "writeRange", sheet, address: "A1", cells: [[title], [`${note} ${currencyNote(a, input.assumptionsSheet)}`], [overlapNote(a)], [rowErrorsNote(input.rowErrors)]] });
  changes.push({ kind: "formatRange", sheet, address: "A1", format: { bold: true } });
  changes.push({ kind: "formatRange", sheet, address: "A2:A5", format: { italic: true } });
  changes.push({ kind: "writeRange", sheet, address: cellAddress(SUMMARY_HEADER_ROW, 0), cells: [SUMMARY_COLUMNS.map((c) => c.header)] });
  const lastColumn = SUMMARY_COLUMNS.length - 1;
  changes.push({
    kind: "formatRange",
    sheet,
    address: `${cellAddress(SUMMARY_HEADER_ROW, 0)}:${cellAddress(SUMMARY_HEADER_ROW, lastColumn)}`,
    format: { bold: true, fill: "#D9E1F2", wrapText: true },
  });
  if (n > 0) changes.push({ kind: "writeRange", sheet, address: cellAddress(FIRST_VENDOR_ROW, 0), cells: rows });
  SUMMARY_COLUMNS.forEach((column, i) => {
    const format = "format" in column && column.format ? { numberFormat: column.format } : {};
    changes.push({
      kind: "formatRange",
      sheet,
      address: `${cellAddress(FIRST_VENDOR_ROW, i)}:${cellAddress(lastVendorRow, i)}`,
      format: { ...format, columnWidth: column.width },
    });
  });

  let right = lastColumn;
  let bottom = lastVendorRow;
  if (mode === "formulas") {
    const assumptionBlock = assumptionBlockChanges(sheet, a);
    changes.push(...assumptionBlock.changes);
    right = assumptionBlock.right;
    bottom = Math.max(bottom, assumptionBlock.bottom);
  }
  const block = tableRowsBlock(input);
  changes.push(...block.changes);
  right = Math.max(right, block.right);
  bottom = Math.max(bottom, block.bottom);
  const years = costByYearBlock(input, COST_BY_YEAR_COLUMN);
  changes.push(...years.changes);
  right = Math.max(right, years.right);
  bottom = Math.max(bottom, years.bottom);
  const chartData = chartBlocks(input);
  changes.push(...chartData.changes);
  right = Math.max(right, chartData.right);
  bottom = Math.max(bottom, chartData.bottom);
  const charts = financeCharts(
    vendors.map((v) => v.vendor),
    { years: years.count, assumptions: chartData.assumptions },
  );
  changes.push({ kind: "writeRange", sheet, address: "A5", cells: [[chartsNote(charts, n)]] });
  changes.push(...financeChartChanges(charts, n, lastVendorRow, input.sheet));
  return { changes, area: `A1:${cellAddress(bottom, right)}`, note };
}

type SummaryVendor = SummaryInput["vendors"][number];
/** A column's cell for a vendor; `template` where every cell is a formula of that row template (CellSource.template). */
type CellWriter = ((v: SummaryVendor, rowNumber: string) => CellWrite) & { template?: readonly string[] };

/** `write`, said to give formulas of `parts` on every row. */
function templated(parts: readonly string[], write: (v: SummaryVendor, rowNumber: string) => CellWrite): CellWriter {
  return Object.assign(write, { template: parts });
}

/** How one summary column's cell is written for a vendor: its value, or its formula (`template` joined with the row number) with the value cached. */
function columnWriter(column: Column, template: string[] | null, input: SummaryInput, assumptionCell: (nameExpression: string) => string): CellWriter {
  const formula = (rowNumber: string, value: CellValue): CellWrite => new RowFormula(template!, rowNumber, value);
  const values = input.mode === "values";
  switch (column.kind) {
    case "vendor":
      return (v) => v.vendor;
    case "tableRow":
      return (v) => v.row;
    case "rank": {
      const of = column.of;
      const rankOf = (v: SummaryVendor) => (of === "totalCost" ? v.rankByCost : v.rankByRisk);
      return values ? rankOf : templated(template!, (v, rowNumber) => formula(rowNumber, rankOf(v)));
    }
    case "result": {
      const result = resultReader(column.key);
      return values ? (v) => writable(result(v.evaluation)) : templated(template!, (v, rowNumber) => formula(rowNumber, result(v.evaluation)));
    }
    case "range": {
      const end = column.end;
      return values ? (v) => v.costRange[end] : templated(template!, (v, rowNumber) => formula(rowNumber, v.costRange[end]));
    }
    case "rangeOverlap":
      return values ? (v) => rangeOverlapText(v.rangesOverlapping) : templated(template!, (v, rowNumber) => formula(rowNumber, rangeOverlapText(v.rangesOverlapping)));
    case "sensitivity":
      return (v) => v.sensitivity;
    case "input": {
      const key = column.key;
      const valueOf = (v: SummaryVendor) => inputValue(key, v.evaluation.row, v.evaluation.fit.overlapHours, input.a);
      if (!values && key === "exchangeRate") {
        const rate = ("=" + exchangeRateFormula(`${columnLetters(summaryColumnOf("input", "currency"))}${ROW}`, assumptionCell(excelText(ASSUMPTION_BY_KEY.reportingCurrency.name)), EXCHANGE_RATES_NAME)).split(ROW);
        return templated(rate, (v, rowNumber) => new RowFormula(rate, rowNumber, valueOf(v)));
      }
      const assumption = DEFAULTED_BY_ASSUMPTION[key];
      const index = input.map[key as FieldKey];
      if (!values && assumption) {
        // A blank cell of the vendor's (or no such column) follows the assumption.
        // No row in it: a one-part template, so that the rows taking the default are recognised as a fill-down by it.
        const defaulted = ["=" + assumptionCell(excelText(assumption))];
        return (v, rowNumber) => (index === undefined || isBlank(v.raw[index]) ? new RowFormula(defaulted, rowNumber, valueOf(v)) : writable(valueOf(v)));
      }
      return (v) => writable(valueOf(v));
    }
  }
}

/**
 * Each table row's summary entry (its own, or its option's: TableRowEntry) as numbers, not an
 * object per row held until the apply ends: by 0-based table row, `slots` holds its vendor's
 * place + 1, or minus its error's place + 1, 0 for a blank row; `entry` is a vendor's row's
 * entry (on a rate card, its member's), made when asked for.
 */
export function tableRowSlots<V extends FinanceVendor>(
  rowCount: number,
  vendors: readonly V[],
  rowErrors: readonly RowError[],
): { slots: Int32Array; entry(row: number): TableRowEntry & { vendor: V } } {
  const slots = new Int32Array(rowCount);
  const members = vendors.some((v) => v.members) ? new Int32Array(rowCount) : undefined;
  // A later entry for a row replaces an earlier one, a vendor's an error's.
  rowErrors.forEach((e, k) => (slots[e.tableRow - 1] = -k - 1));
  for (const [k, v] of vendors.entries())
    for (const [j, m] of (v.members ?? [v]).entries()) {
      slots[m.tableRow - 1] = k + 1;
      if (members) members[m.tableRow - 1] = v.members ? j + 1 : 0;
    }
  const entry = (r: number) => {
    const slot = slots[r];
    const vendor = vendors[slot - 1];
    const member = members?.[r] ? vendor.members![members[r] - 1] : undefined;
    const row = FIRST_VENDOR_ROW + slot - 1;
    return member ? { vendor, row, share: member.share, total: member.total } : { vendor, row };
  };
  return { slots, entry };
}

/** What each table row's output cells show, by the row's key (see TABLE_BLOCK_COLUMN). */
function tableRowsBlock(input: SummaryInput): { changes: WorkbookChange[]; right: number; bottom: number } {
  const { table, vendors, rowErrors, outputHeaders, keyHeader, sheet } = input;
  const rowCount = table.rowCount;
  const { slots, entry } = tableRowSlots(rowCount, vendors, rowErrors);
  const reordered = excelText(SUMMARY_REORDERED);
  // Each column's formula, `=IF(<key><row>=<vendor's row>,<result><row>[*<share>],<reordered>)`,
  // as its parts (without and with a share), shared by the column's cells, and the row's numbers.
  const partsOf = OUTPUT_SUMMARY_KEYS.map((key) => {
    const result = "," + columnLetters(summaryColumnOf("result", key));
    const end = "," + reordered + ")";
    return [["=IF(" + TABLE_ROW_LETTERS, "=", result, end], ["=IF(" + TABLE_ROW_LETTERS, "=", result, "*", end]];
  });
  // Worked out as the adapter writes them (CellSource), not held from the plan on.
  const cell = (r: number, c: number): CellWrite => {
    if (c === 0) return r + 1;
    const k = c - 1;
    const slot = slots[r];
    // A blank row shows nothing, as the add-in's own formulas leave it.
    if (slot <= 0) return slot === 0 ? "" : notEvaluated(rowErrors[-slot - 1].message);
    const found = entry(r);
    const { vendor, row } = found;
    const key = OUTPUT_SUMMARY_KEYS[k];
    const value = entryValue(found, key);
    // Values mode keeps the summary free of formulas: the entry is the number itself.
    if (input.mode === "values") return writable(value);
    // A sort of the summary's rows moves the vendor away from the row referred to here
    // (references from outside a sorted range do not follow it): the row's "Row on vendor
    // sheet" then differs, and the entry says so instead of showing another vendor's number.
    // A rate card's row takes its labour share of its option's total (model/rateCard.ts).
    // Never a filled-down run (PiecedFormula.alone): the vendor's row in the table (a constant,
    // which filling down keeps) differs from one summary row to another, and rows of one
    // summary row (a rate card's option) refer to that same row.
    if (found.share !== undefined && key === "totalCost") return new PiecedFormula(partsOf[k][1], [row + 1, vendor.row, row + 1, found.share], value);
    return new PiecedFormula(partsOf[k][0], [row + 1, vendor.row, row + 1], value);
  };
  const right = TABLE_BLOCK_COLUMN + OUTPUT_SUMMARY_KEYS.length;
  const changes: WorkbookChange[] = [
    { kind: "writeRange", sheet, address: cellAddress(SUMMARY_HEADER_ROW, TABLE_BLOCK_COLUMN), cells: [[`${keyHeader} (the vendor table's key column)`, ...outputHeaders.map((h) => `${h} (vendor table)`)]] },
    {
      kind: "formatRange",
      sheet,
      address: `${cellAddress(SUMMARY_HEADER_ROW, TABLE_BLOCK_COLUMN)}:${cellAddress(SUMMARY_HEADER_ROW, right)}`,
      format: { bold: true, fill: "#D9E1F2", wrapText: true, columnWidth: 90 },
    },
  ];
  if (rowCount > 0) changes.splice(1, 0, { kind: "writeRange", sheet, address: cellAddress(FIRST_VENDOR_ROW, TABLE_BLOCK_COLUMN), cells: { rows: rowCount, columns: right - TABLE_BLOCK_COLUMN + 1, cell } });
  return { changes, right, bottom: FIRST_VENDOR_ROW + Math.max(rowCount, 1) - 1 };
}

export { OUTPUT_SUMMARY_KEYS, SUMMARY_YEARS } from "./financeLayout";
export const COST_BY_YEAR_TITLE = "Cost by contract year (portable formulas: each rate rises by its country's wage inflation assumption, or the row's indexation cap where lower)";
export const COST_BY_YEAR_VALUES_TITLE = "Cost by contract year (as prepared: values; prepare again after changing a wage inflation assumption)";

/**
 * Each vendor's cost per contract year (term.ts), in the summary's vendor order: portable
 * formulas over the vendor's row and the wage inflation assumptions (costByYearFormulas), or
 * values as prepared. A term too long to split keeps its sentence and no years.
 */
function costByYearBlock(input: SummaryInput, left: number): { changes: WorkbookChange[]; right: number; bottom: number; count: number } {
  const { vendors } = input;
  const n = vendors.length;
  const formulas = input.mode === "formulas";
  // The yearly rise's formula holds no row: one template (a single part) per wage assumption
  // and cap, so that rows sharing it are recognised as a fill-down by the template alone.
  const rises: string[][] = [];
  const riseAt = new Map<string, number>();
  // By vendor, what its cells are made of, kept as numbers (not as terms or cells, each some
  // objects a vendor held until the apply ends): its term's years (-1: not split), the rise's
  // template, and its rise, total and years' totals, `stride` numbers a vendor.
  const yearsOf = new Int32Array(n);
  const riseOf = new Int32Array(n);
  const notSplit = new Map<number, string>();
  let stride = SUMMARY_YEARS + 2;
  let numbers = new Float64Array(n * stride);
  // A loop, not Math.max(...): spreading some 150,000 vendors' terms overflows the call stack.
  let longest = 1;
  vendors.forEach((v, i) => {
    // A row's own evaluation holds its total cost under these assumptions; a rate card's option's
    // is its rows' together, priced otherwise than its combined row (model/rateCard.ts).
    const term = costOverTerm(v.evaluation.row, input.a, v.members === undefined ? v.evaluation.cost : undefined);
    longest = Math.max(longest, term.years.length);
    yearsOf[i] = term.notSplit ? -1 : term.years.length;
    if (term.notSplit) return void notSplit.set(i, term.riseBasis);
    const key = `${term.wageAssumption}\u0000${v.evaluation.row.indexationCap}`;
    let rise = riseAt.get(key);
    if (rise === undefined && formulas) riseAt.set(key, (rise = rises.push([yearlyRiseFormula(term.wageAssumption!, v.evaluation.row.indexationCap)]) - 1));
    riseOf[i] = rise ?? 0;
    numbers[i * stride] = term.yearlyRise;
    numbers[i * stride + 1] = term.total;
    for (let y = 0; y < SUMMARY_YEARS && y < term.years.length; y++) numbers[i * stride + 2 + y] = term.years[y].total;
  });
  const count = Math.min(SUMMARY_YEARS, longest);
  if (count + 2 < stride) {
    const kept = new Float64Array(n * (count + 2));
    for (let i = 0; i < n; i++) kept.set(numbers.subarray(i * stride, i * stride + count + 2), i * (count + 2));
    numbers = kept;
    stride = count + 2;
  }
  const header = [formulas ? COST_BY_YEAR_TITLE : COST_BY_YEAR_VALUES_TITLE, "Yearly rise of the rate", ...Array.from({ length: count }, (_, i) => `Year ${i + 1}`), "Over the term"];
  // The formulas differ between rows only by the row number and the term's years: built once
  // per number of years, with ROW where the row goes, then joined with each row's number.
  const templates = new Map<number, { years: string[][]; overTerm: string[] }>();
  const templateFor = (years: number) => {
    let template = templates.get(years);
    if (template === undefined) {
      const shown = years <= count ? `${columnLetters(left + 2)}${ROW}:${columnLetters(left + 1 + count)}${ROW}` : undefined;
      const built = costByYearFormulas(ROW, years, `$${columnLetters(left + 1)}${ROW}`, shown);
      templates.set(years, (template = { years: built.years.map((f) => f.split(ROW)), overTerm: built.overTerm.split(ROW) }));
    }
    return template;
  };
  // A column's template, from the rise (-1) to the term (count), or undefined where a year is blank.
  const partsOf = (years: number, rise: number, y: number) => (y < 0 ? rises[rise] : y === count ? templateFor(years).overTerm : y < years ? templateFor(years).years[y] : undefined);
  const rowNumber = (r: number) => String(FIRST_VENDOR_ROW + r + 1);
  // Cells worked out as the adapter writes them (CellSource); a term too long to split keeps its sentence and no years.
  const cell = (r: number, c: number): CellWrite => {
    if (c === 0) return vendors[r].vendor;
    const years = yearsOf[r];
    if (years < 0) return c === 1 ? notSplit.get(r)! : null;
    const y = c - 2;
    // Portable formulas for the years the term has as prepared; a later year stays blank.
    if (y >= years && y < count) return null;
    const value = numbers[r * stride + (y < 0 ? 0 : y === count ? 1 : 2 + y)];
    return formulas ? new RowFormula(partsOf(years, riseOf[r], y)!, rowNumber(r), value) : value;
  };
  // Where every vendor's term has as many years and one rise, each column is of one template.
  const same = (of: Int32Array) => (of.every((x) => x === of[0]) ? of[0] : -1);
  const years = n > 0 && formulas && notSplit.size === 0 ? same(yearsOf) : -1;
  const rise = years < 0 ? -1 : same(riseOf);
  const template = (c: number) => {
    const parts = c > 0 && (c > 1 || rise >= 0) ? partsOf(years, rise, c - 2) : undefined;
    return parts && { parts, row: rowNumber };
  };
  const right = left + header.length - 1;
  const bottom = FIRST_VENDOR_ROW + Math.max(n, 1) - 1;
  const changes: WorkbookChange[] = [
    { kind: "writeRange", sheet: input.sheet, address: cellAddress(SUMMARY_HEADER_ROW, left), cells: [header] },
    { kind: "formatRange", sheet: input.sheet, address: `${cellAddress(SUMMARY_HEADER_ROW, left)}:${cellAddress(SUMMARY_HEADER_ROW, right)}`, format: { bold: true, fill: "#E2EFDA", wrapText: true, columnWidth: 85 } },
  ];
  if (n > 0) {
    changes.splice(1, 0, { kind: "writeRange", sheet: input.sheet, address: cellAddress(FIRST_VENDOR_ROW, left), cells: { rows: n, columns: header.length, cell, ...(years >= 0 && { template }) } });
    changes.push({ kind: "formatRange", sheet: input.sheet, address: `${cellAddress(FIRST_VENDOR_ROW, left + 1)}:${cellAddress(bottom, left + 1)}`, format: { numberFormat: "0.0#%" } });
    changes.push({ kind: "formatRange", sheet: input.sheet, address: `${cellAddress(FIRST_VENDOR_ROW, left + 2)}:${cellAddress(bottom, right)}`, format: { numberFormat: "#,##0" } });
  }
  return { changes, right, bottom, count };
}

/**
 * The right-most column any summary reaches (the assumptions block, or the charts' blocks right
 * of the widest cost-by-year block), 0-based: a stored area past it is not one this action wrote.
 */
export const MAX_SUMMARY_RIGHT = Math.max(ASSUMPTION_BLOCK_RIGHT, TORNADO_COLUMN + TORNADO_WIDTH - 1);

export interface TableRowEntry {
  readonly vendor: FinanceVendor;
  /** 0-based sheet row of the vendor's summary row. */
  readonly row: number;
  /** For a row of a rate card's option of several rows: its labour share and its share of the total. */
  readonly share?: number;
  readonly total?: number;
}

/** What a table row's output cell shows: a rate card's row its share of the total, the option's risk and fit. */
export function entryValue(entry: TableRowEntry, key: PortableResultKey): CellValue {
  return key === "totalCost" && entry.total !== undefined ? entry.total : outputValue(entry.vendor.evaluation, key);
}

export function notEvaluated(message: string): string {
  return `Not evaluated: ${message}`;
}

/**
 * How a result column reads the model's number (or words) from an evaluation: a risk driver's
 * key among its drivers, else a cost line's among its lines, else its own field, a later driver
 * or line of the same key taking precedence, as in a record of them all. Decided once per
 * column; the vendor block is written a column at a time (CellSource), so a cell reads its own
 * column's value, not the row's.
 */
function resultReader(key: PortableResultKey): (e: Evaluation) => CellValue {
  const own: ((e: Evaluation) => CellValue) | undefined = RESULT_FIELDS[key as keyof typeof RESULT_FIELDS];
  // Backwards, so the first found is the last of its key.
  const fromLines = (e: Evaluation): CellValue => {
    const lines = e.cost.lines;
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i].key === key) return lines[i].amount;
    return own?.(e) as CellValue;
  };
  // Drivers by their own key: "risk.hiddenCost" is the driver hiddenCost.
  if (!key.startsWith("risk.")) return fromLines;
  const driverKey = key.slice("risk.".length);
  return (e) => {
    const drivers = e.risk.drivers;
    for (let i = drivers.length - 1; i >= 0; i--) if (drivers[i].key === driverKey) return drivers[i].score;
    return fromLines(e);
  };
}

const RESULT_FIELDS = {
  labour: (e: Evaluation) => e.cost.labour,
  totalCost: (e: Evaluation) => e.cost.total,
  effectiveHourlyRate: (e: Evaluation) => e.cost.effectiveHourlyRate,
  requiredOverlap: (e: Evaluation) => e.fit.requiredOverlapHours,
  fitScore: (e: Evaluation) => e.fit.score,
  fitVerdict: (e: Evaluation) => e.fit.verdict,
  riskScore: (e: Evaluation) => e.risk.score,
  riskBand: (e: Evaluation) => e.risk.band,
  riskLabel: (e: Evaluation) => e.risk.label,
};

function rowErrorsNote(rowErrors: readonly RowError[]): string {
  if (rowErrors.length === 0) return "Every row of the vendor table was read.";
  const shown = rowErrors.slice(0, 5).map((e) => `row ${e.row}: ${e.message}`);
  const more = rowErrors.length > 5 ? `; and ${rowErrors.length - 5} more` : "";
  return `Not in the summary (correct these rows and prepare again): ${shown.join("; ")}${more}.`;
}

export function outputValue(e: Evaluation, key: PortableResultKey): CellValue {
  return key === "totalCost" ? e.cost.total : key === "riskScore" ? e.risk.score : e.fit.verdict;
}

/** Excel's RANK(x, all, 1): 1 + how many are strictly smaller. */
export function rank(values: readonly number[]): number[] {
  const sorted = [...values].sort((x, y) => x - y);
  return values.map((v) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  });
}

export function writable(value: CellValue): CellWrite {
  return value === undefined ? null : value;
}

export function asOf(now: Date): string {
  return `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function isoDate(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86400000)).toISOString().slice(0, 10);
}
