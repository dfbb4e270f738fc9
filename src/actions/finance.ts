// Prepare for finance: make the workbook trustworthy without the add-in. Cells calling
// OFFSHORE functions show #NAME? once Excel recalculates on a machine without the add-in, so
// this action writes a summary sheet and turns the table's three output columns into either
// plain Excel formulas over the assumptions sheet (the default: finance changes an
// assumption and watches the totals move) or static values with an "as of" time.
//
// One read, one apply, over any WorkbookPort: the pane (Office.js) and the command line
// (ExcelJS) run the same code. The formulas come from src/model/portable.ts, the numbers
// cached beside them from the model, so no rule is implemented twice.
//
// The summary sheet is the action's own area: the area it wrote last time (kept in the
// FINANCE_SETTING) is cleared before writing, so nothing stale stays; cells outside it are
// never touched.

import { evaluateCells, mapHeaders, parseAssumptions, type Assumptions } from "../model";
import { ASSUMPTION_BY_KEY, ASSUMPTIONS } from "../model/assumptions";
import { COST_LINES } from "../model/cost";
import { hasSecurityCertification, RISK_DRIVERS } from "../model/risk";
import { workTypeOf } from "../model/worktype";
import { isBlank } from "../model/values";
import { FIELD_BY_KEY } from "../model/fields";
import type { CalendarDate } from "../model/zones";
import type { CellValue, Evaluation, FieldKey, VendorRow } from "../model/types";
import { assumptionLookup, excelText, percentFromCell, PORTABLE_FORMULAS, type PortableInputKey, type PortableResultKey } from "../model/portable";
import { cellAddress, columnLetters, parseRange, quoteSheet } from "../workbook/address";
import {
  ASSUMPTIONS_NAME,
  ASSUMPTIONS_SHEET,
  MAPPING_SETTING,
  type CellWrite,
  type ChartSpec,
  type SheetSnapshot,
  type TableSnapshot,
  type WorkbookChange,
  type WorkbookPort,
} from "../workbook/port";
import { evaluateTable, OUTPUT_COLUMNS, structuredColumn, writtenBy, type RowError } from "./evaluate";
import { inputHeaders, parseMappingSetting, rememberTable, tableMemory, type TableMemory } from "./mapping";
import { messageOf } from "./tables";
import { chooseSheet, passedOverNote, sheetNameCandidates, titleOf } from "./sheets";

export const SUMMARY_SHEET = "Finance summary";
/** JSON: which table, mode and area the last preparation wrote. */
export const FINANCE_SETTING = "OffshoreSourcing.finance";

export type FinanceMode = "formulas" | "values";

export interface FinanceOptions {
  /** "formulas" (default): portable Excel formulas; "values": static numbers as of `now`. */
  readonly mode?: FinanceMode;
  /** The time the values are "as of", and today for a blank reference date. */
  readonly now?: Date;
  /** Passed to the evaluation made first when the workbook has no assumptions sheet yet. */
  readonly buyerTimeZone?: string;
  readonly onProgress?: (progress: { readonly done: number; readonly total: number; readonly step: string }) => void;
}

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
}

export type FinanceOutcome =
  | {
      readonly kind: "done";
      readonly table: string;
      readonly mode: FinanceMode;
      readonly vendors: readonly FinanceVendor[];
      readonly rowErrors: readonly RowError[];
      /** The sheet the summary is on: SUMMARY_SHEET, or "Finance summary (2)"... when a sheet of the user's holds that name. */
      readonly sheet: string;
      /** The summary's address on `sheet`, e.g. "A1:AQ17". */
      readonly summaryArea: string;
      /** Set when the summary went to another sheet than SUMMARY_SHEET: which sheet of the user's was left alone. */
      readonly notice?: string;
      readonly note: string;
      readonly assumptions: Assumptions;
    }
  | { readonly kind: "refused"; readonly message: string; readonly written: string };

interface FinanceMemory {
  readonly version: 1;
  readonly table: string;
  readonly mode: FinanceMode;
  readonly preparedAt: string;
  readonly summaryArea: string;
  /** The summary's sheet (absent before sheets of the user's were told apart: SUMMARY_SHEET). */
  readonly sheet?: string;
  /** Output headers this action wrote values or formulas into. */
  readonly outputs: readonly string[];
}

function parseFinanceMemory(text: string | undefined): FinanceMemory | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as FinanceMemory;
    return parsed && parsed.version === 1 && typeof parsed.summaryArea === "string" ? parsed : null;
  } catch {
    return null;
  }
}

// ---- The summary's layout ----

/** Row of the column headers; vendors start on the next row. */
export const SUMMARY_HEADER_ROW = 5; // 0-based: sheet row 6
const FIRST_VENDOR_ROW = SUMMARY_HEADER_ROW + 1;
/** Cell A1 of every summary this action has written, whatever the mode: how its sheet is told from a user's. */
const SUMMARY_TITLE = "Vendor options for finance";

function isSummarySheet(snapshot: SheetSnapshot): boolean {
  return titleOf(snapshot).startsWith(SUMMARY_TITLE);
}

type Column =
  | { readonly kind: "vendor"; readonly header: string; readonly width: number }
  | { readonly kind: "tableRow"; readonly header: string; readonly width: number }
  | { readonly kind: "result"; readonly key: PortableResultKey; readonly header: string; readonly format?: string; readonly width: number }
  | { readonly kind: "rank"; readonly of: "totalCost" | "riskScore"; readonly header: string; readonly width: number }
  | { readonly kind: "input"; readonly key: PortableInputKey; readonly header: string; readonly format?: string; readonly width: number };

const MONEY = "#,##0";
const RATE = "#,##0.00";

/** Left to right; the headers are what finance reads. */
export const SUMMARY_COLUMNS: readonly Column[] = [
  { kind: "vendor", header: "Vendor", width: 170 },
  { kind: "tableRow", header: "Row on vendor sheet", width: 55 },
  { kind: "result", key: "totalCost", header: "Total cost", format: MONEY, width: 85 },
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
  { kind: "rank", of: "riskScore", header: "Rank by risk", width: 55 },
  ...RISK_DRIVERS.map((d): Column => ({ kind: "result", key: `risk.${d.key}`, header: / risk$/.test(d.label) ? d.label : `${d.label} risk`, format: "0.0", width: 70 })),
  { kind: "input", key: "hourlyRate", header: "Hourly rate (as read)", format: RATE, width: 70 },
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
];

const COLUMN_INDEX = new Map<string, number>();
SUMMARY_COLUMNS.forEach((c, i) => {
  if (c.kind === "result") COLUMN_INDEX.set(`result:${c.key}`, i);
  if (c.kind === "input") COLUMN_INDEX.set(`input:${c.key}`, i);
});

/** The summary column (0-based) of a result or input. */
export function summaryColumnOf(kind: "result" | "input", key: string): number {
  const index = COLUMN_INDEX.get(`${kind}:${key}`);
  if (index === undefined) throw new Error(`The summary has no ${kind} column '${key}'.`);
  return index;
}

// Assumptions that do not depend on the row are looked up once, in a block right of the
// vendor columns, and the rows refer to those cells: shorter formulas, same numbers.
const LOOKUP_BLOCK_COLUMN = SUMMARY_COLUMNS.length + 1;

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
const TABLE_BLOCK_COLUMN = LOOKUP_BLOCK_COLUMN + 3;
/** What an output cell of a table row the summary does not know (added since) shows. */
export const NOT_IN_SUMMARY = "Not in the finance summary: prepare for finance again";
/** What the table's output cells show once the summary's own rows were sorted or moved. */
export const SUMMARY_REORDERED = "The finance summary's rows were reordered: prepare for finance again";
const TABLE_ROW_LETTERS = columnLetters(SUMMARY_COLUMNS.findIndex((c) => c.kind === "tableRow"));
/** Header of the key column the action adds to the vendor table (another name if the table has a column of the user's called so). */
export const FINANCE_KEY_HEADER = "Finance row";

// ---- Inputs as the model read them ----

function inputValue(key: PortableInputKey, row: VendorRow, overlap: number, a: Assumptions): CellValue {
  switch (key) {
    case "securityCertified":
      return hasSecurityCertification(row, a);
    case "overlapHours":
      return overlap;
    case "workType":
      // The kind of work the onshore reference rate is looked up by, not the row's own words.
      return workTypeOf(row.workType);
    default:
      return row[key];
  }
}

/** Inputs whose blank cell means an assumption: the formula then follows that assumption. */
const DEFAULTED_BY_ASSUMPTION: Partial<Record<PortableInputKey, string>> = {
  durationMonths: ASSUMPTION_BY_KEY.defaultDurationMonths.name,
  attrition: ASSUMPTION_BY_KEY.defaultAttrition.name,
};

// ---- The action ----

export async function prepareForFinance(port: WorkbookPort, tableName: string, options: FinanceOptions = {}): Promise<FinanceOutcome> {
  const mode = options.mode ?? "formulas";
  const now = options.now ?? new Date();
  const progress = (done: number, step: string) => options.onProgress?.({ done, total: 4, step });
  progress(0, "Reading the table");

  let first = await readForFinance(port, tableName);
  if (!first.table) return refused(`The table '${tableName}' was not found; it may have been renamed or deleted. Pick the table again.`);
  if (!first.names[ASSUMPTIONS_NAME] || !first.sheets[ASSUMPTIONS_SHEET]) {
    // Finance formulas read the assumptions sheet, which the first evaluation makes.
    const evaluated = await evaluateTable(port, first.table.name, { buyerTimeZone: options.buyerTimeZone, today: calendarDate(now) });
    if (evaluated.kind !== "done") return refused(evaluated.message, evaluated.kind === "refused" ? evaluated.written : "Nothing was written.");
    first = await readForFinance(port, tableName);
  }
  const table = first.table!;
  // Over Excel, a table larger than the adapter reads at once comes back without its rows:
  // preparing on nothing would write an empty summary and blank the output columns.
  if (table.rows === undefined && table.rowCount > 0)
    return refused(
      `The table '${table.name}' has ${table.rowCount} rows of ${table.headers.length} columns, more cells than the add-in reads from Excel at once, so the finance summary cannot be prepared here. Save the workbook and prepare it with the command line (offshore-evaluate file.xlsx), or split the table.`,
    );
  const setting = parseMappingSetting(first.settings[MAPPING_SETTING]);
  const memory = tableMemory(setting, table.name);
  const previous = parseFinanceMemory(first.settings[FINANCE_SETTING]);

  const assumptionsRows = (first.sheets[ASSUMPTIONS_SHEET] as SheetSnapshot).values.slice(1).map((r) => [r[0] ?? null, r[1] ?? null]);
  const assumptions = parseAssumptions(assumptionsRows, calendarDate(now));
  if (!assumptions.ok)
    return refused(`The assumptions sheet '${ASSUMPTIONS_SHEET}' has a problem: ${assumptions.error.message}. Correct that cell and prepare again.`);

  const outputHeaders = OUTPUT_COLUMNS.map((o) => memory.outputs[o.key] ?? o.header);
  const keyHeader = financeKeyHeader(table, memory, outputHeaders);
  const inputs = inputHeaders(table.headers, {
    ...memory,
    outputs: { ...memory.outputs, ...Object.fromEntries(OUTPUT_COLUMNS.map((o, i) => [o.key, outputHeaders[i]])) },
    financeKey: keyHeader,
  });
  const inputIndexes = inputs.map((h) => table.headers.indexOf(h));
  const map = mapHeaders(inputs, memory.byHand);
  if (map.missingRequired.length > 0)
    return refused(
      `The table '${table.name}' has no column for ${map.missingRequired.map((f) => `'${FIELD_BY_KEY[f].header}'`).join(" and ")}; map it in the pane or add it, then prepare again.`,
    );

  // Never overwrite a user's column: an output column must be ours (formulas or this action's values).
  for (const header of outputHeaders) {
    if (!table.headers.some((h) => same(h, header))) continue;
    const ours = Object.values(memory.outputs).some((h) => same(h!, header)) || (previous?.outputs ?? []).some((h) => same(h, header));
    if (!ours)
      return refused(`The column '${header}' already holds your own values, so the add-in will not overwrite it. Evaluate the table in the pane first (it offers another name), then prepare again.`);
  }

  // The summary's sheet: the add-in's own, else a free name; never a sheet of the user's.
  const choice = chooseSheet(sheetNameCandidates(SUMMARY_SHEET), first.sheets, isSummarySheet, previous?.sheet);
  if (!choice)
    return refused(`Sheets named '${SUMMARY_SHEET}' to '${sheetNameCandidates(SUMMARY_SHEET).pop()}' exist and none is the add-in's finance summary, so nothing was written over them. Rename one of them and prepare again.`);
  const sheet = choice.name;

  progress(1, `Computing ${table.rowCount} rows`);
  const a = assumptions.value;
  const vendors: { vendor: string; tableRow: number; evaluation: Evaluation; raw: readonly CellValue[] }[] = [];
  const rowErrors: RowError[] = [];
  const firstDataRow = parseRange(table.address).top + 2; // 1-based sheet row of data row 1
  (table.rows ?? []).forEach((cells, i) => {
    const raw = inputIndexes.map((index) => cells[index]);
    // evaluateCells, not readRow + evaluateRow: it also refuses rows whose numbers overflow.
    const read = evaluateCells(raw, map, a);
    if (read === null) return;
    if (!read.ok) {
      rowErrors.push({ row: firstDataRow + i, tableRow: i + 1, message: read.error.message });
      return;
    }
    const evaluation = read.value;
    vendors.push({ vendor: evaluation.row.vendor || `Row ${firstDataRow + i}`, tableRow: i + 1, evaluation, raw });
  });
  const ranked = rank(vendors.map((v) => v.evaluation.cost.total));
  const rankedRisk = rank(vendors.map((v) => v.evaluation.risk.score));
  const financeVendors: FinanceVendor[] = vendors.map((v, i) => ({
    vendor: v.vendor,
    tableRow: v.tableRow,
    row: firstDataRow + v.tableRow - 1,
    evaluation: v.evaluation,
    rankByCost: ranked[i],
    rankByRisk: rankedRisk[i],
  }));

  progress(2, "Writing the summary");
  const plan = planSummary({
    mode,
    now,
    table,
    vendors: vendors.map((v, i) => ({ ...financeVendors[i], raw: v.raw })),
    rowErrors,
    map: map.columns,
    a,
    outputHeaders,
    keyHeader,
    sheet,
  });
  const changes: WorkbookChange[] = [{ kind: "ensureSheet", sheet }];
  if (previous && choice.snapshot) changes.push({ kind: "clearRange", sheet, address: previous.summaryArea });
  changes.push(...plan.changes);
  changes.push(...outputColumnChanges(table, outputHeaders, keyHeader, financeVendors, rowErrors, sheet));
  const outputs: Record<string, string> = {};
  OUTPUT_COLUMNS.forEach((o, i) => (outputs[o.key] = outputHeaders[i]));
  changes.push(rememberTable(setting, table.name, { ...memory, outputs, financeKey: keyHeader }));
  const financeMemory: FinanceMemory = { version: 1, table: table.name, mode, preparedAt: now.toISOString(), summaryArea: plan.area, sheet, outputs: outputHeaders };
  changes.push({ kind: "setSetting", key: FINANCE_SETTING, value: JSON.stringify(financeMemory) });

  try {
    await port.apply(changes);
  } catch (error) {
    return refused(`The workbook did not accept the changes: ${messageOf(error)}. Check that the sheets are not protected, then prepare again.`, writtenBy(error));
  }
  progress(4, "Done");
  const notice = passedOverNote(choice, "the finance summary");
  return { kind: "done", table: table.name, mode, vendors: financeVendors, rowErrors, sheet, summaryArea: plan.area, note: plan.note, assumptions: a, ...(notice ? { notice } : {}) };
}

async function readForFinance(port: WorkbookPort, tableName: string) {
  return port.read({
    table: { name: tableName, values: true },
    settings: [MAPPING_SETTING, FINANCE_SETTING],
    names: [ASSUMPTIONS_NAME],
    sheets: [ASSUMPTIONS_SHEET, ...sheetNameCandidates(SUMMARY_SHEET)],
  });
}

// ---- Planning the summary (pure) ----

interface SummaryInput {
  readonly mode: FinanceMode;
  readonly now: Date;
  readonly table: TableSnapshot;
  readonly vendors: readonly (FinanceVendor & { raw: readonly CellValue[] })[];
  readonly rowErrors: readonly RowError[];
  readonly map: Readonly<Partial<Record<FieldKey, number>>>;
  readonly a: Assumptions;
  readonly outputHeaders: readonly string[];
  readonly keyHeader: string;
  /** The summary's sheet. */
  readonly sheet: string;
}

/** The note that says which mode was chosen and how to get live add-in formulas back. */
export function modeNote(mode: FinanceMode, now: Date): string {
  const back = "To get live add-in formulas back, open this workbook in Excel with the Offshore Sourcing add-in and choose Evaluate in its pane.";
  return mode === "formulas"
    ? `Portable formulas: every number here is a plain Excel formula over the sheet '${ASSUMPTIONS_SHEET}' (name ${ASSUMPTIONS_NAME}); change an assumption there and the totals follow, in Excel, Excel on the web or LibreOffice, without the add-in. ${back}`
    : `Values as of ${asOf(now)}: static numbers that do not recalculate. ${back}`;
}

/**
 * The two charts finance expects, as data over the summary's cells (categories: vendor names
 * for the bars, total costs as the scatter's x values). Every adapter draws them (setChart);
 * `name` is what a refresh finds them by, so preparing again redraws them instead of adding more.
 */
export interface FinanceChart extends ChartSpec {
  readonly name: string;
}

/** Blank rows between the last vendor and the charts below. */
const CHARTS_GAP_ROWS = 1;

/**
 * A chart of more vendors than this is unreadable (and slow to draw in every spreadsheet),
 * so the charts cover the first ones in table order and the note says so.
 */
export const CHART_VENDOR_LIMIT = 50;

export function financeCharts(vendorCount: number): FinanceChart[] {
  const first = FIRST_VENDOR_ROW + 1;
  const last = FIRST_VENDOR_ROW + Math.min(Math.max(vendorCount, 1), CHART_VENDOR_LIMIT);
  const column = (kind: "result", key: PortableResultKey) => columnLetters(summaryColumnOf(kind, key));
  const span = (letters: string) => `${letters}${first}:${letters}${last}`;
  const costKeys: PortableResultKey[] = ["labour", ...COST_LINES.map((l) => l.key)];
  return [
    {
      name: "Offshore cost breakdown",
      title: "Cost breakdown per vendor",
      type: "barStacked",
      categories: span("A"),
      series: costKeys.map((key) => ({ name: SUMMARY_COLUMNS[summaryColumnOf("result", key)].header, values: span(column("result", key)) })),
    },
    {
      name: "Offshore risk against cost",
      title: "Risk score against total cost",
      type: "xyScatter",
      categories: span(column("result", "totalCost")),
      series: [{ name: "Risk score", values: span(column("result", "riskScore")) }],
      xAxisTitle: "Total cost",
      yAxisTitle: "Risk score (0 to 100)",
    },
  ];
}

/**
 * The charts side by side just below the vendor rows (`lastVendorRow`, 0-based), over empty
 * cells: the assumptions block that runs further down sits right of the vendor columns,
 * beyond the charts' width. The bars grow with the number of vendors, within reason.
 */
export function financeChartChanges(charts: readonly FinanceChart[], vendorCount: number, lastVendorRow: number, sheet = SUMMARY_SHEET): WorkbookChange[] {
  const top = lastVendorRow + 1 + CHARTS_GAP_ROWS;
  const barRows = Math.min(60, Math.max(18, Math.ceil(vendorCount * 1.5) + 8));
  let left = 0;
  return charts.map(({ name, ...chart }) => {
    const anchor = chart.type === "barStacked" ? { cell: cellAddress(top, left), columns: 7, rows: barRows } : { cell: cellAddress(top, left), columns: 7, rows: 18 };
    left += anchor.columns + 1;
    return { kind: "setChart", sheet, name, chart, anchor };
  });
}

export function chartsNote(charts: readonly FinanceChart[], vendorCount = 0): string {
  const [cost, risk] = charts;
  const limited = vendorCount > CHART_VENDOR_LIMIT ? `The charts show the first ${CHART_VENDOR_LIMIT} of the ${vendorCount} vendors, in table order. ` : "";
  // Selections start on the header row so Excel names the series.
  const withHeader = (range: string) => range.replace(/^([A-Z]+)\d+/, `$1${SUMMARY_HEADER_ROW + 1}`);
  const costColumns = `${cost.series[0].values.split(":")[0]}:${cost.series[cost.series.length - 1].values.split(":")[1]}`;
  return (
    limited +
    `Charts below the vendor rows: '${cost.title}' stacks the cost lines ${costColumns} of each vendor, '${risk.title}' plots ${risk.series[0].values} against ${risk.categories}; ` +
    `they read these cells, so they follow the numbers when an assumption changes, and preparing again redraws them. ` +
    `Where a chart is missing (Excel 2016 cannot draw them from the add-in): select ${withHeader(cost.categories)} and ${withHeader(costColumns)} (hold Ctrl) and choose Insert > Bar > Stacked Bar; ` +
    `select ${withHeader(risk.categories)} and ${withHeader(risk.series[0].values)} and choose Insert > Scatter.`
  );
}

export function overlapNote(a: Assumptions): string {
  return `Overlap hours are values, computed for the reference date ${isoDate(a.referenceDate)} from IANA time-zone rules (daylight saving moves them), which no spreadsheet has: changing the time zone, working hours or reference date assumptions does not move them; prepare for finance again to refresh them. Everything else is computed from the assumptions.`;
}

function planSummary(input: SummaryInput): { changes: WorkbookChange[]; area: string; note: string } {
  const { mode, now, vendors, a } = input;
  const sheet = input.sheet;
  const n = vendors.length;
  const lastVendorRow = FIRST_VENDOR_ROW + Math.max(n, 1) - 1;
  const note = modeNote(mode, now);

  // The assumptions block, right of the vendor columns: every assumption the formulas use,
  // once, read from the assumptions sheet with the model's rule for a blank or missing
  // value (the default). Rows refer to its cells, or look a category's row up in it.
  const blockRow = new Map<string, number>();
  BLOCK_ASSUMPTIONS.forEach((spec, i) => blockRow.set(spec.name.toLowerCase(), FIRST_VENDOR_ROW + i));
  const valueColumn = columnLetters(LOOKUP_BLOCK_COLUMN + 1);
  const blockRange = `$${columnLetters(LOOKUP_BLOCK_COLUMN)}$${FIRST_VENDOR_ROW + 1}:$${valueColumn}$${FIRST_VENDOR_ROW + BLOCK_ASSUMPTIONS.length}`;
  const lookup = assumptionLookup(blockRange);
  const assumptionCell = (nameExpression: string): string => {
    const literal = /^"((?:[^"]|"")*)"$/.exec(nameExpression);
    const row = literal ? blockRow.get(literal[1].replace(/""/g, '"').toLowerCase()) : undefined;
    return row === undefined ? lookup(nameExpression) : `$${valueColumn}$${row + 1}`;
  };

  const costColumn = SUMMARY_COLUMNS.findIndex((c) => c.kind === "result" && c.key === "totalCost");
  const riskColumn = SUMMARY_COLUMNS.findIndex((c) => c.kind === "result" && c.key === "riskScore");
  // Each column's formula is the same in every row but for the row number: build it once
  // with a marker where the row goes, then only join per row (10,000 rows stay fast).
  const ROW = "\u0001";
  const templateCells = {
    input: (key: PortableInputKey) => `${columnLetters(summaryColumnOf("input", key))}${ROW}`,
    result: (key: PortableResultKey) => `${columnLetters(summaryColumnOf("result", key))}${ROW}`,
    assumption: assumptionCell,
  };
  const templates = SUMMARY_COLUMNS.map((column): string[] | null => {
    if (mode === "values") return null;
    if (column.kind === "result") return ("=" + PORTABLE_FORMULAS[column.key](templateCells)).split(ROW);
    if (column.kind === "rank") {
      const col = columnLetters(column.of === "totalCost" ? costColumn : riskColumn);
      return `=RANK(${col}${ROW},$${col}$${FIRST_VENDOR_ROW + 1}:$${col}$${lastVendorRow + 1},1)`.split(ROW);
    }
    return null;
  });
  const rows: CellWrite[][] = vendors.map((v, i) => {
    const rowNumber = String(FIRST_VENDOR_ROW + i + 1);
    const e = v.evaluation;
    const values = resultValues(e);
    return SUMMARY_COLUMNS.map((column, c): CellWrite => {
      switch (column.kind) {
        case "vendor":
          return v.vendor;
        case "tableRow":
          return v.row;
        case "rank": {
          const value = column.of === "totalCost" ? v.rankByCost : v.rankByRisk;
          return mode === "values" ? value : { formula: templates[c]!.join(rowNumber), cachedValue: value };
        }
        case "result": {
          const value = values[column.key];
          return mode === "values" ? writable(value) : { formula: templates[c]!.join(rowNumber), cachedValue: value };
        }
        case "input": {
          const value = inputValue(column.key, e.row, e.fit.overlapHours, input.a);
          const assumption = DEFAULTED_BY_ASSUMPTION[column.key];
          const field = column.key as FieldKey;
          const index = input.map[field];
          if (mode === "formulas" && assumption && (index === undefined || isBlank(v.raw[index])))
            return { formula: "=" + assumptionCell(excelText(assumption)), cachedValue: value };
          return writable(value);
        }
      }
    });
  });

  const changes: WorkbookChange[] = [];
  const title = mode === "formulas" ? `${SUMMARY_TITLE}: portable formulas` : `${SUMMARY_TITLE}: values as of ${asOf(now)}`;
  const charts = financeCharts(n);
  changes.push({ kind: "writeRange", sheet, address: "A1", cells: [[title], [note], [overlapNote(a)], [rowErrorsNote(input.rowErrors)], [chartsNote(charts, n)]] });
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
  if (rows.length > 0) changes.push({ kind: "writeRange", sheet, address: cellAddress(FIRST_VENDOR_ROW, 0), cells: rows });
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
    const sheetValue = (row: number) =>
      `INDEX(${ASSUMPTIONS_NAME},MATCH(${columnLetters(LOOKUP_BLOCK_COLUMN)}${row + 1},INDEX(${ASSUMPTIONS_NAME},0,1),0),2)`;
    const blockRows: CellWrite[][] = BLOCK_ASSUMPTIONS.map((spec, i) => {
      const row = FIRST_VENDOR_ROW + i;
      const fallback = String(spec.defaultValue);
      const value = spec.kind === "percent" ? percentFromCell(sheetValue(row), spec.max ?? 1) : sheetValue(row);
      return [
        spec.name,
        {
          formula: `=IFERROR(IF(ISBLANK(${sheetValue(row)}),${fallback},${value}),${fallback})`,
          cachedValue: (a as unknown as Record<string, number>)[spec.key],
        },
      ];
    });
    changes.push({
      kind: "writeRange",
      sheet,
      address: cellAddress(SUMMARY_HEADER_ROW, LOOKUP_BLOCK_COLUMN),
      cells: [["Assumption used by the formulas", "Value used (blank or missing on the assumptions sheet: the default)"], ...blockRows],
    });
    changes.push({
      kind: "formatRange",
      sheet,
      address: `${cellAddress(SUMMARY_HEADER_ROW, LOOKUP_BLOCK_COLUMN)}:${cellAddress(SUMMARY_HEADER_ROW, LOOKUP_BLOCK_COLUMN + 1)}`,
      format: { bold: true, fill: "#D9E1F2", wrapText: true },
    });
    changes.push({
      kind: "formatRange",
      sheet,
      address: `${cellAddress(FIRST_VENDOR_ROW, LOOKUP_BLOCK_COLUMN)}:${cellAddress(FIRST_VENDOR_ROW + BLOCK_ASSUMPTIONS.length - 1, LOOKUP_BLOCK_COLUMN)}`,
      format: { columnWidth: 260 },
    });
    right = LOOKUP_BLOCK_COLUMN + 1;
    bottom = Math.max(bottom, FIRST_VENDOR_ROW + BLOCK_ASSUMPTIONS.length - 1);
  }
  const block = tableRowsBlock(input);
  changes.push(...block.changes);
  right = Math.max(right, block.right);
  bottom = Math.max(bottom, block.bottom);
  changes.push(...financeChartChanges(charts, n, lastVendorRow, input.sheet));
  return { changes, area: `A1:${cellAddress(bottom, right)}`, note };
}

/** What each table row's output cells show, by the row's key (see TABLE_BLOCK_COLUMN). */
function tableRowsBlock(input: SummaryInput): { changes: WorkbookChange[]; right: number; bottom: number } {
  const { table, vendors, rowErrors, outputHeaders, keyHeader, sheet } = input;
  const summaryRow = new Map(vendors.map((v, i) => [v.tableRow, { vendor: v, row: FIRST_VENDOR_ROW + i }]));
  const errors = new Map(rowErrors.map((e) => [e.tableRow, e.message]));
  const rows: CellWrite[][] = [];
  for (let i = 1; i <= table.rowCount; i++) {
    const found = summaryRow.get(i);
    const error = errors.get(i);
    rows.push([
      i,
      ...OUTPUT_SUMMARY_KEYS.map((key): CellWrite => {
        if (found) {
          const value = outputValue(found.vendor.evaluation, key);
          // Values mode keeps the summary free of formulas: the entry is the number itself.
          if (input.mode === "values") return writable(value);
          // A sort of the summary's rows moves the vendor away from the row referred to here
          // (references from outside a sorted range do not follow it): the row's "Row on vendor
          // sheet" then differs, and the entry says so instead of showing another vendor's number.
          const row = found.row + 1;
          const formula = `=IF(${TABLE_ROW_LETTERS}${row}=${found.vendor.row},${columnLetters(summaryColumnOf("result", key))}${row},${excelText(SUMMARY_REORDERED)})`;
          return { formula, cachedValue: value };
        }
        // A blank row shows nothing, as the add-in's own formulas leave it.
        return error === undefined ? "" : notEvaluated(error);
      }),
    ]);
  }
  const right = TABLE_BLOCK_COLUMN + OUTPUT_SUMMARY_KEYS.length;
  const changes: WorkbookChange[] = [
    {
      kind: "writeRange",
      sheet,
      address: cellAddress(SUMMARY_HEADER_ROW, TABLE_BLOCK_COLUMN),
      cells: [[`${keyHeader} (the vendor table's key column)`, ...outputHeaders.map((h) => `${h} (vendor table)`)], ...rows],
    },
    {
      kind: "formatRange",
      sheet,
      address: `${cellAddress(SUMMARY_HEADER_ROW, TABLE_BLOCK_COLUMN)}:${cellAddress(SUMMARY_HEADER_ROW, right)}`,
      format: { bold: true, fill: "#D9E1F2", wrapText: true, columnWidth: 90 },
    },
  ];
  return { changes, right, bottom: FIRST_VENDOR_ROW + Math.max(table.rowCount, 1) - 1 };
}

const OUTPUT_SUMMARY_KEYS: readonly PortableResultKey[] = ["totalCost", "riskScore", "fitVerdict"];

function notEvaluated(message: string): string {
  return `Not evaluated: ${message}`;
}

/**
 * The one formula of output column `o` in the vendor table: the block's entry for the key in
 * the row's own key column (a structured reference: the same text on every row, and LibreOffice
 * reads it from an .xlsx too), "" for a blank entry, NOT_IN_SUMMARY for a row without a key
 * (added since) or with one the block does not have. The key is checked to be a whole number
 * from 1 up: INDEX with 0 would return the whole column.
 */
function tableColumnFormula(table: TableSnapshot, keyHeader: string, o: number, sheet: string): string {
  const letters = columnLetters(TABLE_BLOCK_COLUMN + 1 + o);
  const block = `${quoteSheet(sheet)}!$${letters}$${FIRST_VENDOR_ROW + 1}:$${letters}$${FIRST_VENDOR_ROW + Math.max(table.rowCount, 1)}`;
  const key = `${table.name}[@${structuredColumn(keyHeader)}]`;
  const entry = `INDEX(${block},${key})`;
  const notInSummary = excelText(NOT_IN_SUMMARY);
  return `=IFERROR(IF(AND(ISNUMBER(${key}),${key}>=1,INT(${key})=${key}),IF(${entry}="","",${entry}),${notInSummary}),${notInSummary})`;
}

/**
 * The key column's header: the one this action wrote before when the table still has it
 * holding keys only, else "Finance row" (or "Finance row 2"... when the table has a column
 * of the user's by that name, which is never overwritten).
 */
function financeKeyHeader(table: TableSnapshot, memory: TableMemory, outputHeaders: readonly string[]): string {
  const recorded = memory.financeKey;
  const index = recorded === undefined ? -1 : table.headers.findIndex((h) => same(h, recorded));
  if (index >= 0 && (table.rows ?? []).every((row) => isKeyCell(row[index]))) return table.headers[index];
  const taken = [...table.headers, ...outputHeaders];
  let header = FINANCE_KEY_HEADER;
  for (let n = 2; taken.some((h) => same(h, header)); n++) header = `${FINANCE_KEY_HEADER} ${n}`;
  return header;
}

function isKeyCell(value: CellValue): boolean {
  return value === null || value === undefined || value === "" || (typeof value === "number" && Number.isInteger(value) && value >= 1);
}

/**
 * The assumptions the portable formulas read: every number but those that only feed the
 * overlap hours (time zone, working hours, reference date), which are values here, and the
 * word lists and the checklist's own rules (certification keywords, typical pricing, pilot
 * length, mitigations), which feed inputs and the checklist only.
 */
const CHECKLIST_ONLY: ReadonlySet<string> = new Set(["mitigationTopDrivers", "mitigationFromScore", "pilotMinMonths", "pilotMaxMonths", "pilotShareOfDuration"]);
const BLOCK_ASSUMPTIONS = ASSUMPTIONS.filter((spec) => spec.kind !== "zone" && spec.kind !== "date" && spec.kind !== "hours" && spec.kind !== "list" && !CHECKLIST_ONLY.has(spec.key));

/** The model's number (or word) for each result column. */
function resultValues(e: Evaluation): Record<PortableResultKey, CellValue> {
  const values: Record<string, CellValue> = {
    labour: e.cost.labour,
    totalCost: e.cost.total,
    effectiveHourlyRate: e.cost.effectiveHourlyRate,
    requiredOverlap: e.fit.requiredOverlapHours,
    fitScore: e.fit.score,
    fitVerdict: e.fit.verdict,
    riskScore: e.risk.score,
    riskBand: e.risk.band,
    riskLabel: e.risk.label,
  };
  for (const line of e.cost.lines) values[line.key] = line.amount;
  for (const driver of e.risk.drivers) values[`risk.${driver.key}`] = driver.score;
  return values as Record<PortableResultKey, CellValue>;
}

function rowErrorsNote(rowErrors: readonly RowError[]): string {
  if (rowErrors.length === 0) return "Every row of the vendor table was read.";
  const shown = rowErrors.slice(0, 5).map((e) => `row ${e.row}: ${e.message}`);
  const more = rowErrors.length > 5 ? `; and ${rowErrors.length - 5} more` : "";
  return `Not in the summary (correct these rows and prepare again): ${shown.join("; ")}${more}.`;
}

/**
 * The three table columns: one formula each, the same on every row (tableColumnFormula),
 * with the values it computes. In both modes the cells are formulas, so a later Evaluate in
 * the pane recognises the columns as the add-in's and brings the live OFFSHORE formulas back.
 * Then the key column they read, right of them (added after them, so a later Evaluate never
 * takes it for an input): plain values 1..n in table order, narrow and grey.
 */
function outputColumnChanges(
  table: TableSnapshot,
  outputHeaders: readonly string[],
  keyHeader: string,
  vendors: readonly FinanceVendor[],
  rowErrors: readonly RowError[],
  sheet: string,
): WorkbookChange[] {
  const byTableRow = new Map(vendors.map((v) => [v.tableRow, v]));
  const errors = new Map(rowErrors.map((e) => [e.tableRow, e.message]));
  const outputs = OUTPUT_COLUMNS.map((output, o): WorkbookChange => {
    const header = outputHeaders[o];
    if (table.rowCount === 0) return { kind: "setTableColumn", table: table.name, header, values: [], numberFormat: output.numberFormat };
    const cachedValues: CellValue[] = [];
    for (let i = 1; i <= table.rowCount; i++) {
      const vendor = byTableRow.get(i);
      const error = errors.get(i);
      cachedValues.push(vendor ? outputValue(vendor.evaluation, OUTPUT_SUMMARY_KEYS[o]) : error !== undefined ? notEvaluated(error) : "");
    }
    return { kind: "setTableColumn", table: table.name, header, formula: tableColumnFormula(table, keyHeader, o, sheet), cachedValues, numberFormat: output.numberFormat, rowCount: table.rowCount };
  });
  const keys = Array.from({ length: table.rowCount }, (_, i) => i + 1);
  // Where the key column ends up: columns the apply adds go at the table's right edge, in order.
  const headers = [...table.headers];
  for (const header of [...outputHeaders, keyHeader]) if (!headers.some((h) => same(h, header))) headers.push(header);
  const range = parseRange(table.address);
  const column = range.left + headers.findIndex((h) => same(h, keyHeader));
  return [
    ...outputs,
    { kind: "setTableColumn", table: table.name, header: keyHeader, values: keys, numberFormat: "0", rowCount: table.rowCount },
    {
      kind: "formatRange",
      sheet: table.sheet,
      address: `${cellAddress(range.top, column)}:${cellAddress(range.top + table.rowCount, column)}`,
      format: { fontColor: "#808080", columnWidth: 60 },
    },
  ];
}

function outputValue(e: Evaluation, key: PortableResultKey): CellValue {
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

// ---- Helpers ----

function writable(value: CellValue): CellWrite {
  return value === undefined ? null : value;
}

function calendarDate(now: Date): CalendarDate {
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

function asOf(now: Date): string {
  return `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function isoDate(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86400000)).toISOString().slice(0, 10);
}

function same(x: string, y: string): boolean {
  return x.trim().toLowerCase() === y.trim().toLowerCase();
}

function refused(message: string, written = "Nothing was written."): FinanceOutcome {
  return { kind: "refused", message, written };
}
