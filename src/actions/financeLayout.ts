// The finance summary's layout: which column holds what, where the vendor rows, the
// assumptions block and the table-rows block sit. The plan (financeSummary.ts), the portable
// formulas (financeFormulas.ts) and the charts (financeCharts.ts) all place cells by it.

import { COST_LINES } from "../model/cost";
import { RISK_DRIVERS } from "../model/risk";
import type { CostRange, RangeEnd } from "../model/range";
import type { CellValue, Evaluation } from "../model/types";
import type { PortableInputKey, PortableResultKey } from "../model/portable";
import { columnLetters } from "../workbook/address";
import type { FormulaWrite } from "../workbook/port";

export const SUMMARY_SHEET = "Finance summary";

export type FinanceMode = "formulas" | "values";

/** One vendor as the summary shows it. */
export interface FinanceVendor {
  readonly vendor: string;
  /** 1-based position among the table's data rows. */
  readonly tableRow: number;
  /** Worksheet row of the vendor in the table. */
  readonly row: number;
  readonly evaluation: Evaluation;
  /** 1 = cheapest; equal totals share a rank (Excel's RANK). */
  readonly rankByCost: number;
  /** 1 = least risky. */
  readonly rankByRisk: number;
  /** Total cost at the low ends of the cost assumptions' ranges, expected, and at the high ends. */
  readonly costRange: CostRange;
  /** How many other vendors' ranges overlap this one's by at least half of the narrower (overlappingRanges). */
  readonly rangesOverlapping: number;
  /** "The total is most sensitive to X; if it is at its high end, the total is Y." */
  readonly sensitivity: string;
  /**
   * A rate card's option of several rows (model/rateCard.ts): each row's place in the table,
   * its labour share of the option and its share of the total. Absent for an option of one
   * row, which is that row (tableRow and row).
   */
  readonly members?: readonly { readonly tableRow: number; readonly share: number; readonly total: number }[];
}

/** Row of the column headers; vendors start on the next row. */
export const SUMMARY_HEADER_ROW = 5; // 0-based: sheet row 6
export const FIRST_VENDOR_ROW = SUMMARY_HEADER_ROW + 1;
/** Cell A1 of every summary this action has written, whatever the mode: how its sheet is told from a user's. */
export const SUMMARY_TITLE = "Vendor options for finance";

export type Column =
  | { readonly kind: "vendor"; readonly header: string; readonly width: number }
  | { readonly kind: "tableRow"; readonly header: string; readonly width: number }
  | { readonly kind: "result"; readonly key: PortableResultKey; readonly header: string; readonly format?: string; readonly width: number }
  | { readonly kind: "rank"; readonly of: "totalCost" | "riskScore"; readonly header: string; readonly width: number }
  | { readonly kind: "input"; readonly key: PortableInputKey; readonly header: string; readonly format?: string; readonly width: number }
  | { readonly kind: "range"; readonly end: RangeEnd; readonly header: string; readonly format?: string; readonly width: number }
  | { readonly kind: "rangeOverlap"; readonly header: string; readonly width: number }
  | { readonly kind: "sensitivity"; readonly header: string; readonly width: number };

const MONEY = "#,##0";
const RATE = "#,##0.00";

/** Left to right; the headers are what finance reads. */
export const SUMMARY_COLUMNS: readonly Column[] = [
  { kind: "vendor", header: "Vendor", width: 170 },
  { kind: "tableRow", header: "Row on vendor sheet", width: 55 },
  { kind: "result", key: "totalCost", header: "Total cost", format: MONEY, width: 85 },
  { kind: "range", end: "low", header: "Total cost, low", format: MONEY, width: 85 },
  { kind: "range", end: "high", header: "Total cost, high", format: MONEY, width: 85 },
  { kind: "result", key: "labour", header: "Labour (rate x hours)", format: MONEY, width: 85 },
  ...COST_LINES.map((l): Column => ({ kind: "result", key: l.key, header: l.label, format: MONEY, width: 85 })),
  { kind: "result", key: "effectiveHourlyRate", header: "Effective hourly rate", format: RATE, width: 85 },
  { kind: "result", key: "riskScore", header: "Risk score", format: "0.0", width: 60 },
  // The band, naming a driver at or above the High threshold that a Low or Medium band would hide.
  { kind: "result", key: "riskLabel", header: "Risk band", width: 150 },
  { kind: "result", key: "fitVerdict", header: "Location fit", width: 70 },
  { kind: "result", key: "fitScore", header: "Location fit score", format: "0.0", width: 70 },
  { kind: "input", key: "overlapHours", header: "Overlap hours (value)", format: "0.00", width: 70 },
  { kind: "result", key: "requiredOverlap", header: "Overlap needed (hours)", format: "0.00", width: 70 },
  { kind: "rank", of: "totalCost", header: "Rank by cost", width: 55 },
  { kind: "rangeOverlap", header: "Cost ranking (cost ranges overlapping by half or more)", width: 150 },
  { kind: "rank", of: "riskScore", header: "Rank by risk", width: 55 },
  ...RISK_DRIVERS.map((d): Column => ({ kind: "result", key: `risk.${d.key}`, header: / risk$/.test(d.label) ? d.label : `${d.label} risk`, format: "0.0", width: 70 })),
  { kind: "input", key: "hourlyRate", header: "Hourly rate (as read)", format: RATE, width: 70 },
  { kind: "input", key: "currency", header: "Currency of the rate (as read; blank: the reporting currency)", width: 70 },
  { kind: "input", key: "exchangeRate", header: "Rate to the reporting currency (exchange-rate table)", format: "0.0000##", width: 80 },
  { kind: "input", key: "hours", header: "Hours (as read)", format: "#,##0.##", width: 70 },
  { kind: "input", key: "durationMonths", header: "Duration months (as read)", format: "0.##", width: 70 },
  { kind: "input", key: "locationModel", header: "Location model (as read)", width: 80 },
  { kind: "input", key: "engagementModel", header: "Engagement model (as read)", width: 110 },
  { kind: "input", key: "pricingModel", header: "Pricing model (as read)", width: 110 },
  { kind: "input", key: "requirementsClarity", header: "Requirements clarity (as read)", width: 80 },
  { kind: "input", key: "collaborationIntensity", header: "Collaboration intensity (as read)", width: 80 },
  { kind: "input", key: "dataSensitivity", header: "Data sensitivity (as read)", width: 80 },
  { kind: "input", key: "urgency", header: "Urgency (as read)", width: 60 },
  { kind: "input", key: "attrition", header: "Attrition (as read)", format: "0.0%", width: 60 },
  { kind: "input", key: "replacesInHouseStaff", header: "Replaces in-house staff (as read)", width: 80 },
  { kind: "input", key: "securityCertified", header: "Security certification (as read)", width: 80 },
  { kind: "input", key: "workType", header: "Work type (as read)", width: 110 },
  // A value, not a formula: the tornado runs the model once per ranged assumption.
  { kind: "sensitivity", header: "Most sensitive to (as prepared)", width: 320 },
];

const COLUMN_INDEX = new Map<string, number>();
SUMMARY_COLUMNS.forEach((c, i) => {
  if (c.kind === "result") COLUMN_INDEX.set(`result:${c.key}`, i);
  if (c.kind === "input") COLUMN_INDEX.set(`input:${c.key}`, i);
  if (c.kind === "range") COLUMN_INDEX.set(`range:${c.end}`, i);
});

/** The summary column (0-based) of a result or input. */
export function summaryColumnOf(kind: "result" | "input" | "range", key: string): number {
  const index = COLUMN_INDEX.get(`${kind}:${key}`);
  if (index === undefined) throw new Error(`The summary has no ${kind} column '${key}'.`);
  return index;
}

// Assumptions that do not depend on the row are looked up once, in a block right of the
// vendor columns, and the rows refer to those cells: shorter formulas, same numbers.
export const LOOKUP_BLOCK_COLUMN = SUMMARY_COLUMNS.length + 1;

// Excel fills ONE formula down a table column (a calculated column), even over different
// formulas written row by row, so each output column of the vendor table holds the same
// formula on every row: it takes its own row's entry from this block, one row per table row
// in table order at preparing, right of the assumptions block. The block refers to the
// vendor's summary row, or says why the row is not in the summary.
//
// A row finds its entry by a key, never by its position: finance sorts, filters and inserts
// rows, and a position would then show another vendor's numbers. The key is a plain value in
// a column of the table (entry number 1..n), which moves with its row when the table is
// sorted; the output columns read it from their own row (a structured reference, the same
// text on every row) and INDEX the block with it: one lookup per cell, no search.
export const TABLE_BLOCK_COLUMN = LOOKUP_BLOCK_COLUMN + 5;
/** What an output cell of a table row the summary does not know (added since) shows. */
export const NOT_IN_SUMMARY = "Not in the finance summary: prepare for finance again";
/** What the table's output cells show once the summary's own rows were sorted or moved. */
export const SUMMARY_REORDERED = "The finance summary's rows were reordered: prepare for finance again";
export const TABLE_ROW_LETTERS = columnLetters(SUMMARY_COLUMNS.findIndex((c) => c.kind === "tableRow"));
/** Header of the key column the action adds to the vendor table (another name if the table has a column of the user's called so). */
export const FINANCE_KEY_HEADER = "Finance row";

/** The summary's results the vendor table's three output columns show, in their order. */
export const OUTPUT_SUMMARY_KEYS: readonly PortableResultKey[] = ["totalCost", "riskScore", "fitVerdict"];

/** Contract years the summary's cost-by-year block shows; longer engagements are summed in its last column. */
export const SUMMARY_YEARS = 10;
/** The cost-by-year block (vendor, yearly rise, the years, over the term): two columns right of the table block. */
export const COST_BY_YEAR_COLUMN = TABLE_BLOCK_COLUMN + OUTPUT_SUMMARY_KEYS.length + 2;
// The blocks the charts read that no other block holds, right of the widest cost-by-year
// block, so where they sit does not depend on how many years the vendors' terms run.
/** Each vendor's cost range as floating bars read it: vendor, low, expected above low, high above expected. */
export const COST_RANGE_CHART_COLUMN = COST_BY_YEAR_COLUMN + SUMMARY_YEARS + 3 + 1;
export const COST_RANGE_CHART_WIDTH = 4;
/** The portfolio's tornado: assumption, total at its low end, at its high end, change at low, change at high. */
export const TORNADO_COLUMN = COST_RANGE_CHART_COLUMN + COST_RANGE_CHART_WIDTH + 1;
export const TORNADO_WIDTH = 5;
/** Assumptions the portfolio's tornado shows. */
export const TORNADO_BARS = 10;

/** What the ranking column says when no other vendor's cost range overlaps too much. */
export const RANKING_CLEAR = "Clear";

/** The ranking column's text for a vendor whose range overlaps `n` others by half or more. */
export function rangeOverlapText(n: number): string {
  return n === 0 ? RANKING_CLEAR : `Not meaningful: overlaps ${n} other vendor(s)`;
}

/**
 * A formula cell of a column written down the rows: its text, the column's template joined
 * with the row number, is built each time an adapter reads it, which is once or twice as the
 * plan is applied, never held. Held, the texts of 10,000 rows (some 90 MB) outlived the young
 * generation's collections and were copied by each of them until the apply ended.
 */
export class RowFormula implements FormulaWrite {
  constructor(
    readonly parts: readonly string[],
    readonly row: string,
    readonly cachedValue: CellValue,
  ) {}

  get formula(): string {
    return this.parts.join(this.row);
  }

  /** The cell is its own template record: no second object per cell. */
  get rowTemplate(): { readonly parts: readonly string[]; readonly row: string } {
    return this;
  }
}

/**
 * A formula cell of its own text, made of parts shared by its kind's cells and a few numbers
 * (FormulaWrite.pieces): the text is built each time an adapter reads it, and an adapter that
 * keeps formulas until it writes them keeps the numbers instead of some 130 bytes of text a cell.
 */
export class PiecedFormula implements FormulaWrite {
  readonly alone = true;
  constructor(
    readonly parts: readonly string[],
    readonly numbers: readonly number[],
    readonly cachedValue: CellValue,
  ) {}

  get formula(): string {
    let text = this.parts[0];
    for (let i = 0; i < this.numbers.length; i++) text += this.numbers[i] + this.parts[i + 1];
    return text;
  }

  /** The cell is its own pieces record: no second object per cell. */
  get pieces(): { readonly parts: readonly string[]; readonly numbers: readonly number[] } {
    return this;
  }
}
