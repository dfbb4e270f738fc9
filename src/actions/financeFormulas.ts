// The finance summary's portable formulas: the assumptions block they read (with the model's
// rule for a blank or missing value), each summary column's formula built once per column,
// and the one formula of each vendor-table output column. The formulas themselves come from
// src/model/portable.ts; this file only says which cells they read.

import type { Assumptions } from "../model";
import { ASSUMPTION_BY_KEY, ASSUMPTIONS } from "../model/assumptions";
import { assumptionLookup, excelText, inlineTotalCostFormula, percentFromCell, PORTABLE_FORMULAS, type PortableInputKey, type PortableResultKey } from "../model/portable";
import { rangeEnd, type RangeEnd } from "../model/range";
import { COST_LINES } from "../model/cost";
import { MAX_TERM_YEARS, yearSplit, type YearSplit } from "../model/term";
import { cellAddress, columnLetters, quoteSheet } from "../workbook/address";
import { ASSUMPTIONS_NAME, type CellWrite, type TableSnapshot, type WorkbookChange } from "../workbook/port";
import { structuredColumn } from "./evaluate";
import { FIRST_VENDOR_ROW, LOOKUP_BLOCK_COLUMN, NOT_IN_SUMMARY, rangeOverlapText, RANKING_CLEAR, SUMMARY_COLUMNS, SUMMARY_HEADER_ROW, summaryColumnOf, TABLE_BLOCK_COLUMN, type FinanceMode } from "./financeLayout";

/** Inputs whose blank cell means an assumption: the formula then follows that assumption. */
export const DEFAULTED_BY_ASSUMPTION: Partial<Record<PortableInputKey, string>> = {
  durationMonths: ASSUMPTION_BY_KEY.defaultDurationMonths.name,
  attrition: ASSUMPTION_BY_KEY.defaultAttrition.name,
};

/**
 * The assumptions the portable formulas read: every number but those that only feed the
 * overlap hours (time zone, working hours, reference date), which are values here, and the
 * word lists and the checklist's own rules (certification keywords, typical pricing, pilot
 * length, mitigations), which feed inputs and the checklist only.
 */
const CHECKLIST_ONLY: ReadonlySet<string> = new Set(["mitigationTopDrivers", "mitigationFromScore", "pilotMinMonths", "pilotMaxMonths", "pilotShareOfDuration"]);
export const BLOCK_ASSUMPTIONS = ASSUMPTIONS.filter((spec) => spec.kind !== "zone" && spec.kind !== "date" && spec.kind !== "hours" && spec.kind !== "list" && !CHECKLIST_ONLY.has(spec.key));

/** Where a row's formula goes in a column template: joined with the row number per row. */
export const ROW = "\u0001";

/**
 * The assumptions block, right of the vendor columns: every assumption the formulas use,
 * once, read from the assumptions sheet with the model's rule for a blank or missing
 * value (the default). Rows refer to its cells, or look a category's row up in it.
 * Returns how a formula reads the assumption a name expression yields.
 */
export function summaryAssumptionCell(end?: RangeEnd): (nameExpression: string) => string {
  const blockRow = new Map<string, number>();
  BLOCK_ASSUMPTIONS.forEach((spec, i) => blockRow.set(spec.name.toLowerCase(), FIRST_VENDOR_ROW + i));
  // The block's columns: name, value used, low end used, high end used.
  const offset = end === undefined ? 1 : end === "low" ? 2 : 3;
  const valueColumn = columnLetters(LOOKUP_BLOCK_COLUMN + offset);
  const blockRange = `$${columnLetters(LOOKUP_BLOCK_COLUMN)}$${FIRST_VENDOR_ROW + 1}:$${valueColumn}$${FIRST_VENDOR_ROW + BLOCK_ASSUMPTIONS.length}`;
  const lookup = end === undefined ? assumptionLookup(blockRange) : (name: string) => `VLOOKUP(${name},${blockRange},${offset + 1},FALSE)`;
  return (nameExpression: string): string => {
    const literal = /^"((?:[^"]|"")*)"$/.exec(nameExpression);
    const row = literal ? blockRow.get(literal[1].replace(/""/g, '"').toLowerCase()) : undefined;
    return row === undefined ? lookup(nameExpression) : `$${valueColumn}$${row + 1}`;
  };
}

/**
 * Each column's formula is the same in every row but for the row number: built once with
 * ROW where the row goes, then only joined per row (10,000 rows stay fast). Null for
 * columns that hold values, and for every column in values mode.
 */
export function columnTemplates(mode: FinanceMode, lastVendorRow: number, assumptionCell: (nameExpression: string) => string): (string[] | null)[] {
  const costColumn = SUMMARY_COLUMNS.findIndex((c) => c.kind === "result" && c.key === "totalCost");
  const riskColumn = SUMMARY_COLUMNS.findIndex((c) => c.kind === "result" && c.key === "riskScore");
  const templateCells = {
    input: (key: PortableInputKey) => `${columnLetters(summaryColumnOf("input", key))}${ROW}`,
    result: (key: PortableResultKey) => `${columnLetters(summaryColumnOf("result", key))}${ROW}`,
    assumption: assumptionCell,
  };
  return SUMMARY_COLUMNS.map((column): string[] | null => {
    if (mode === "values") return null;
    if (column.kind === "result") return ("=" + PORTABLE_FORMULAS[column.key](templateCells)).split(ROW);
    if (column.kind === "range") return ("=" + rangeTotalFormula(column.end, templateCells.input)).split(ROW);
    if (column.kind === "rangeOverlap") return rangeOverlapFormula(lastVendorRow).split(ROW);
    if (column.kind === "rank") {
      const col = columnLetters(column.of === "totalCost" ? costColumn : riskColumn);
      return `=RANK(${col}${ROW},$${col}$${FIRST_VENDOR_ROW + 1}:$${col}$${lastVendorRow + 1},1)`.split(ROW);
    }
    return null;
  });
}

/**
 * The total at one end of the cost ranges (range.ts): the total cost formula written out in
 * full, reading the block's column of that end, and the row's attrition moved to the end of
 * its range as the model moves it (MIN(low, attrition), MAX(high, attrition)).
 */
function rangeTotalFormula(end: RangeEnd, input: (key: PortableInputKey) => string): string {
  const attritionSpec = ASSUMPTION_BY_KEY.defaultAttrition;
  const nameCell = `$${columnLetters(LOOKUP_BLOCK_COLUMN)}$${FIRST_VENDOR_ROW + BLOCK_ASSUMPTIONS.indexOf(attritionSpec) + 1}`;
  const attrition = givenEnd(attritionSpec, nameCell, end);
  return inlineTotalCostFormula({
    input: (key) => (key === "attrition" ? `${end === "low" ? "MIN" : "MAX"}(${attrition},${input(key)})` : input(key)),
    assumption: summaryAssumptionCell(end),
  });
}

/**
 * How many other vendors' ranges overlap this row's by at least half of the narrower range
 * (overlappingRanges in range.ts, with the same element-wise MIN and MAX), as its text. The
 * count includes the row itself, which always overlaps itself wholly: hence the - 1.
 */
function rangeOverlapFormula(lastVendorRow: number): string {
  const low = columnLetters(summaryColumnOf("range", "low"));
  const high = columnLetters(summaryColumnOf("range", "high"));
  const [first, last] = [FIRST_VENDOR_ROW + 1, lastVendorRow + 1];
  const [l, h] = [`${low}${ROW}`, `${high}${ROW}`];
  const [ls, hs] = [`$${low}$${first}:$${low}$${last}`, `$${high}$${first}:$${high}$${last}`];
  const overlap = `((${h}+${hs}-ABS(${h}-${hs}))/2-(${l}+${ls}+ABS(${l}-${ls}))/2)`;
  const narrower = `(((${h}-${l})+(${hs}-${ls})-ABS((${h}-${l})-(${hs}-${ls})))/2)`;
  const n = `(SUMPRODUCT((${overlap}>=0)*(${overlap}>=${narrower}/2))-1)`;
  const [before, after] = rangeOverlapText(7).split("7");
  return `=IF(${n}=0,${excelText(RANKING_CLEAR)},${excelText(before)}&${n}&${excelText(after)})`;
}

/** Where the assumptions sheet's Low and High columns (K and L) sit in the name OffshoreAssumptions (A to M). */
export const ASSUMPTION_END_COLUMNS: Readonly<Record<RangeEnd, number>> = { low: 11, high: 12 };

/**
 * One end of a ranged assumption's range as the model reads it (parseAssumptions): the
 * assumptions sheet's Low or High cell on the row named in `nameCell`, read as the value
 * column is (a whole number in a percent cell is a percentage), the published end when that
 * cell is blank or not there (a name over A:B only, from an earlier version, has no column 11).
 */
function givenEnd(spec: (typeof ASSUMPTIONS)[number], nameCell: string, end: RangeEnd): string {
  const published = String(spec.range![end]);
  const cell = `INDEX(${ASSUMPTIONS_NAME},MATCH(${nameCell},INDEX(${ASSUMPTIONS_NAME},0,1),0),${ASSUMPTION_END_COLUMNS[end]})`;
  const value = spec.kind === "percent" ? percentFromCell(cell, spec.max ?? 1) : cell;
  return `IFERROR(IF(ISBLANK(${cell}),${published},${value}),${published})`;
}

/** The assumptions block's last column: name, value used, low end, high end. */
export const ASSUMPTION_BLOCK_RIGHT = LOOKUP_BLOCK_COLUMN + 3;

/** The assumptions block's cells (formulas mode only); `right` and `bottom` are its last column and row. */
export function assumptionBlockChanges(sheet: string, a: Assumptions): { changes: WorkbookChange[]; right: number; bottom: number } {
  const sheetValue = (row: number) =>
    `INDEX(${ASSUMPTIONS_NAME},MATCH(${columnLetters(LOOKUP_BLOCK_COLUMN)}${row + 1},INDEX(${ASSUMPTIONS_NAME},0,1),0),2)`;
  const blockRows: CellWrite[][] = BLOCK_ASSUMPTIONS.map((spec, i) => {
    const row = FIRST_VENDOR_ROW + i;
    // A text default (the reporting currency) is a string literal, not a name.
    const fallback = typeof spec.defaultValue === "string" ? excelText(spec.defaultValue) : String(spec.defaultValue);
    const value = spec.kind === "percent" ? percentFromCell(sheetValue(row), spec.max ?? 1) : sheetValue(row);
    const used = (a as unknown as Record<string, number>)[spec.key];
    // The ends of the cost ranges: never on the wrong side of the value used (rangeEnd).
    const valueCell = `$${columnLetters(LOOKUP_BLOCK_COLUMN + 1)}$${row + 1}`;
    const nameCell = `$${columnLetters(LOOKUP_BLOCK_COLUMN)}${row + 1}`;
    const end = (e: RangeEnd): CellWrite => ({
      formula: spec.range ? `=${e === "low" ? "MIN" : "MAX"}(${givenEnd(spec, nameCell, e)},${valueCell})` : `=${valueCell}`,
      cachedValue: rangeEnd(spec, used, e, a.ranges),
    });
    return [
      spec.name,
      {
        formula: `=IFERROR(IF(ISBLANK(${sheetValue(row)}),${fallback},${value}),${fallback})`,
        cachedValue: used,
      },
      end("low"),
      end("high"),
    ];
  });
  const changes: WorkbookChange[] = [
    {
      kind: "writeRange",
      sheet,
      address: cellAddress(SUMMARY_HEADER_ROW, LOOKUP_BLOCK_COLUMN),
      cells: [
        ["Assumption used by the formulas", "Value used (blank or missing on the assumptions sheet: the default)", "Low end used (cost ranges: the assumptions sheet's Low, blank: the published one; the value used where lower)", "High end used (cost ranges: the assumptions sheet's High, blank: the published one; the value used where higher)"],
        ...blockRows,
      ],
    },
    {
      kind: "formatRange",
      sheet,
      address: `${cellAddress(SUMMARY_HEADER_ROW, LOOKUP_BLOCK_COLUMN)}:${cellAddress(SUMMARY_HEADER_ROW, ASSUMPTION_BLOCK_RIGHT)}`,
      format: { bold: true, fill: "#D9E1F2", wrapText: true },
    },
    {
      kind: "formatRange",
      sheet,
      address: `${cellAddress(FIRST_VENDOR_ROW, LOOKUP_BLOCK_COLUMN)}:${cellAddress(FIRST_VENDOR_ROW + BLOCK_ASSUMPTIONS.length - 1, LOOKUP_BLOCK_COLUMN)}`,
      format: { columnWidth: 260 },
    },
  ];
  return { changes, right: ASSUMPTION_BLOCK_RIGHT, bottom: FIRST_VENDOR_ROW + BLOCK_ASSUMPTIONS.length - 1 };
}

/**
 * The one formula of output column `o` in the vendor table: the block's entry for the key in
 * the row's own key column (a structured reference: the same text on every row, and LibreOffice
 * reads it from an .xlsx too), "" for a blank entry, NOT_IN_SUMMARY for a row without a key
 * (added since) or with one the block does not have. The key is checked to be a whole number
 * from 1 up: INDEX with 0 would return the whole column.
 */
export function tableColumnFormula(table: TableSnapshot, keyHeader: string, o: number, sheet: string): string {
  const letters = columnLetters(TABLE_BLOCK_COLUMN + 1 + o);
  const block = `${quoteSheet(sheet)}!$${letters}$${FIRST_VENDOR_ROW + 1}:$${letters}$${FIRST_VENDOR_ROW + Math.max(table.rowCount, 1)}`;
  const key = `${table.name}[@${structuredColumn(keyHeader)}]`;
  const entry = `INDEX(${block},${key})`;
  const notInSummary = excelText(NOT_IN_SUMMARY);
  return `=IFERROR(IF(AND(ISNUMBER(${key}),${key}>=1,INT(${key})=${key}),IF(${entry}="","",${entry}),${notInSummary}),${notInSummary})`;
}

// The block's value-used cells, looked up once: the year formulas ask for them on every row.
let valueUsedCells: ((nameExpression: string) => string) | undefined;
const valueUsed = () => (valueUsedCells ??= summaryAssumptionCell());

/**
 * A vendor's cost by contract year as portable formulas over its summary row (term.ts, with
 * the same split of each line): `row` is the 1-based sheet row, `riseCell` the cell of its
 * yearly rise. Year y of D months (D: the duration column) holds, with k = y - 1 and P the
 * productivity loss period,
 *   by months:   lines * MIN(12, D - 12k) / D * (1 + rise)^k
 *   loss period: the line * MAX(0, MIN(12k + 12, D, P) - 12k) / MIN(D, P) * (1 + rise)^k
 *   first year:  the lines, in year 1 only
 *   last year:   the lines * (1 + rise)^k, in the term's last year only
 * and "" in a year past the term (D / 12 - 1e-9 > k, as the model counts years). The term's
 * sum is SUM(`yearCells`) when every year is shown; a longer term's runs over every year up to
 * MAX_TERM_YEARS at once (SUMPRODUCT over the constant array {0,...,99}, with MIN and MAX
 * written element-wise), some 4,000 characters, so only those rows carry it. `row` is only
 * written into the text, so ROW in its place makes a template to join with each row number.
 */
export function costByYearFormulas(row: number | typeof ROW, years: number, riseCell: string, yearCells?: string): { years: string[]; overTerm: string } {
  const cell = (key: PortableResultKey) => `${columnLetters(summaryColumnOf("result", key))}${row}`;
  const by: Record<YearSplit, string[]> = { firstYear: [], lastYear: [], lossPeriod: [], byMonths: [cell("labour")] };
  for (const line of COST_LINES) {
    const split = yearSplit(line.key);
    switch (split) {
      case "firstYear":
      case "lastYear":
      case "lossPeriod":
      case "byMonths":
        by[split].push(cell(line.key));
        break;
      default: {
        const unknown: never = split;
        throw new Error(`No portable formula spreads a cost line over the years by '${String(unknown)}'.`);
      }
    }
  }
  const sum = (cells: string[]) => (cells.length === 0 ? "0" : `(${cells.join("+")})`);
  const d = `${columnLetters(summaryColumnOf("input", "durationMonths"))}${row}`;
  const p = valueUsed()(excelText(ASSUMPTION_BY_KEY.productivityLossMonths.name));
  const period = `MIN(${d},${p})`;
  const growth = (k: string) => `(1+${riseCell})^${k}`;
  const loss = (k: string, kNext: string) => `IF(${period}>0,${sum(by.lossPeriod)}*MAX(0,MIN(${kNext},${period})-${k})/${period},0)`;
  const yearFormulas = Array.from({ length: years }, (_, k) => {
    // The last year is the one after which the model counts no other (D / 12 - 1e-9 > k + 1 is false).
    const last = `IF(${d}/12-1E-9>${k + 1},0,${sum(by.lastYear)}*${growth(String(k))})`;
    const amount = `(${sum(by.byMonths)}*MIN(12,${d}-${12 * k})/${d}+${loss(String(12 * k), String(12 * k + 12))})*${growth(String(k))}+${last}`;
    return k === 0 ? `=${amount}+${sum(by.firstYear)}` : `=IF(${d}/12-1E-9>${k},${amount},"")`;
  });
  if (yearCells !== undefined) return { years: yearFormulas, overTerm: `=SUM(${yearCells})` };
  const ks = `{${Array.from({ length: MAX_TERM_YEARS }, (_, k) => k).join(",")}}`;
  // Element-wise: MIN(x, y) = (x + y - ABS(x - y)) / 2 and MAX(0, x) = (x + ABS(x)) / 2.
  const min = (x: string, y: string) => `((${x})+(${y})-ABS((${x})-(${y})))/2`;
  const positive = (x: string) => `((${x})+ABS(${x}))/2`;
  const months = positive(min("12", `${d}-12*${ks}`));
  const lossMonths = positive(`${min(`12*${ks}+12`, period)}-12*${ks}`);
  const overTerm =
    `=${sum(by.byMonths)}*SUMPRODUCT(${months},${growth(ks)})/${d}+${sum(by.firstYear)}` +
    `+IF(${period}>0,${sum(by.lossPeriod)}*SUMPRODUCT(${lossMonths},${growth(ks)})/${period},0)` +
    // In the last year, at its rise: the model's count of years is MAX(1, CEILING(D / 12 - 1e-9)).
    `+${sum(by.lastYear)}*${growth(`(MAX(1,-INT(-(${d}/12-1E-9)))-1)`)}`;
  return { years: yearFormulas, overTerm };
}

/** The yearly rise: the wage inflation assumption of the vendor's country, or the row's indexation cap where lower. */
export function yearlyRiseFormula(wageAssumption: string, cap: number | undefined): string {
  let wage = wageCells.get(wageAssumption);
  if (wage === undefined) wageCells.set(wageAssumption, (wage = valueUsed()(excelText(wageAssumption))));
  return cap === undefined ? `=${wage}` : `=MIN(${wage},${cap})`;
}

// A few countries' wage inflation assumptions serve every row.
const wageCells = new Map<string, string>();
