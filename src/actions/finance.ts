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
//
// The summary's layout is in financeLayout.ts, its plan in financeSummary.ts, the portable
// formulas it writes in financeFormulas.ts and its charts in financeCharts.ts.

import { costRange, evaluateCells, mapHeaders, overlappingRanges, parseAssumptions, sensitivities, sensitivitySentence, type Assumptions } from "../model";
import { evaluateOptions, isRateCard, optionName } from "../model/rateCard";
import { formatMoney } from "../model/checklist";
import { FIELD_BY_KEY } from "../model/fields";
import type { CalendarDate } from "../model/zones";
import type { PortableResultKey } from "../model/portable";
import type { CellValue, Evaluation, HeaderMap } from "../model/types";
import { cellAddress, parseRange } from "../workbook/address";
import { NoRoomError } from "../workbook/limits";
import { ASSUMPTIONS_NAME, MAPPING_SETTING, type SheetSnapshot, type TableSnapshot, type WorkbookChange, type WorkbookPort } from "../workbook/port";
import { evaluateTable, exchangeRatesOf, OUTPUT_COLUMNS, withRates, writtenBy, type EvaluatedRows, type RowError } from "./evaluate";
import { inputHeaders, readMappingSetting, rememberTable, tableMemory, type TableMemory } from "./mapping";
import { messageOf } from "./tables";
import { assumptionTable, ASSUMPTIONS_SHEET_CANDIDATES, chooseAssumptionsSheet, chooseSheet, passedOverNote, sheetNameCandidates, withNamedAssumptionsSheet } from "./sheets";
import { FINANCE_KEY_HEADER, SUMMARY_SHEET, type FinanceMode, type FinanceVendor } from "./financeLayout";
import { tableColumnFormula } from "./financeFormulas";
import { entryValue, isSummarySheet, MAX_SUMMARY_RIGHT, notEvaluated, OUTPUT_SUMMARY_KEYS, planSummary, rank, tableRowSlots } from "./financeSummary";
import { financeSettingSchema, parseStoredSetting } from "./storedSettings";

export {
  FINANCE_KEY_HEADER,
  NOT_IN_SUMMARY,
  SUMMARY_COLUMNS,
  SUMMARY_HEADER_ROW,
  SUMMARY_REORDERED,
  SUMMARY_SHEET,
  summaryColumnOf,
  type FinanceMode,
  type FinanceVendor,
} from "./financeLayout";
export { modeNote, overlapNote, rank } from "./financeSummary";
export { CHART_VENDOR_LIMIT, chartsNote, financeChartChanges, financeCharts, type FinanceChart } from "./financeCharts";

/** JSON: which table, mode and area the last preparation wrote. */
export const FINANCE_SETTING = "OffshoreSourcing.finance";

export interface FinanceOptions {
  /** "formulas" (default): portable Excel formulas; "values": static numbers as of `now`. */
  readonly mode?: FinanceMode;
  /** The time the values are "as of", and today for a blank reference date. */
  readonly now?: Date;
  /** Passed to the evaluation made first when the workbook has no assumptions sheet yet. */
  readonly buyerTimeZone?: string;
  /**
   * The table's evaluation just made (evaluateTable's outcome), taken for each row still read
   * as it was evaluated instead of evaluating the row again. Taken from these options (the
   * action clears it): its input cells, an array a row, are let go once compared, before the
   * summary is written.
   */
  evaluated?: EvaluatedRows;
  readonly onProgress?: (progress: { readonly done: number; readonly total: number; readonly step: string }) => void;
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
      /** The assumptions sheet read (not always the usual name: see chooseAssumptionsSheet). */
      readonly assumptionsSheet: string;
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

/** The stored memory, checked against what this action writes; the line saying it was ignored when it fails. */
export function parseFinanceMemory(text: string | undefined): { memory: FinanceMemory | null; ignored: string } {
  const parsed = parseStoredSetting(text, financeSettingSchema(MAX_SUMMARY_RIGHT), "finance summary setting");
  return { memory: parsed.value, ignored: parsed.ignored };
}

// ---- The action ----

export async function prepareForFinance(port: WorkbookPort, tableName: string, options: FinanceOptions = {}): Promise<FinanceOutcome> {
  const mode = options.mode ?? "formulas";
  const now = options.now ?? new Date();
  const progress = (done: number, step: string) => options.onProgress?.({ done, total: 4, step });
  progress(0, "Reading the table");

  let first = await readForFinance(port, tableName);
  // Taken from the options, and let go once the rows are compared with it (below).
  const given = { rows: options.evaluated };
  options.evaluated = undefined;
  if (!first.table) return refused(`The table '${tableName}' was not found; it may have been renamed or deleted. Pick the table again.`);
  let assumptionsSheet = chooseAssumptionsSheet({ names: first.names, sheets: await withNamedAssumptionsSheet(port, first) })?.snapshot;
  if (!first.names[ASSUMPTIONS_NAME] || !assumptionsSheet) {
    // Finance formulas read the assumptions sheet, which the first evaluation makes.
    const evaluated = await evaluateTable(port, first.table.name, { buyerTimeZone: options.buyerTimeZone, today: calendarDate(now) });
    if (evaluated.kind !== "done") return refused(evaluated.message, evaluated.kind === "refused" ? evaluated.written : "Nothing was written.");
    given.rows = evaluated.evaluatedRows;
    first = await readForFinance(port, tableName);
    assumptionsSheet = chooseAssumptionsSheet({ names: first.names, sheets: await withNamedAssumptionsSheet(port, first) })?.snapshot;
  }
  const table = first.table!;
  // Over Excel, a table larger than the adapter reads at once comes back without its rows:
  // preparing on nothing would write an empty summary and blank the output columns.
  if (table.rows === undefined && table.rowCount > 0)
    return refused(
      `The table '${table.name}' has ${table.rowCount} rows of ${table.headers.length} columns, more cells than the add-in reads from Excel at once, so the finance summary cannot be prepared here. Save the workbook and prepare it with the command line (offshore-evaluate file.xlsx), or split the table.`,
    );
  const { setting, ignored: ignoredMapping } = readMappingSetting(first.settings[MAPPING_SETTING]);
  const memory = tableMemory(setting, table.name);
  const { memory: previous, ignored } = parseFinanceMemory(first.settings[FINANCE_SETTING]);

  const assumptionsRows = assumptionTable(assumptionsSheet as SheetSnapshot);
  const assumptions = withRates(parseAssumptions(assumptionsRows, calendarDate(now)), exchangeRatesOf(assumptionsSheet ?? null));
  if (!assumptions.ok)
    return refused(`The assumptions sheet '${assumptionsSheet!.name}' has a problem: ${assumptions.error.message}. Correct that cell and prepare again.`);

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
  const choice = chooseSheet(sheetNameCandidates(SUMMARY_SHEET), first.titles, isSummarySheet, previous?.sheet);
  if (!choice)
    return refused(`Sheets named '${SUMMARY_SHEET}' to '${sheetNameCandidates(SUMMARY_SHEET).pop()}' exist and none is the add-in's finance summary, so nothing was written over them. Rename one of them and prepare again.`);
  const sheet = choice.name;

  progress(1, `Computing ${table.rowCount} rows`);
  const a = assumptions.value;
  let vendors: FinanceRow[] = [];
  const rowErrors: RowError[] = [];
  const firstDataRow = parseRange(table.address).top + 2; // 1-based sheet row of data row 1
  // Only this loop reads the evaluate step's rows: let go of them (their input cells) after it.
  let evaluationGiven: ReturnType<typeof givenEvaluation> | undefined = givenEvaluation(given.rows, inputs, map, a);
  given.rows = undefined;
  (table.rows ?? []).forEach((cells, i) => {
    const raw = inputIndexes.map((index) => cells[index]);
    const reused = evaluationGiven!(i, raw);
    // evaluateCells, not readRow + evaluateRow: it also refuses rows whose numbers overflow.
    const read = reused ? { ok: true as const, value: reused } : evaluateCells(raw, map, a);
    if (read === null) return;
    if (!read.ok) {
      rowErrors.push({ row: firstDataRow + i, tableRow: i + 1, message: read.error.message });
      return;
    }
    const evaluation = read.value;
    vendors.push({ vendor: evaluation.row.vendor || `Row ${firstDataRow + i}`, tableRow: i + 1, evaluation, raw });
  });
  evaluationGiven = undefined;
  if (isRateCard(map)) vendors = rateCardOptions(vendors, rowErrors, a, firstDataRow);
  const ranked = rank(vendors.map((v) => v.evaluation.cost.total));
  const rankedRisk = rank(vendors.map((v) => v.evaluation.risk.score));
  const ranges = vendors.map((v) => costRange(v.evaluation.row, a));
  const overlapping = overlappingRanges(ranges);
  // Each vendor's tornado for its sentence (which reads its first bar alone), and all vendors' for the chart, in one pass.
  const tornado = sensitivities(vendors.map((v) => v.evaluation.row), a, "top");
  const financeVendors: FinanceVendor[] = vendors.map((v, i) => ({
    ...(v.members ? { members: v.members } : {}),
    vendor: v.vendor,
    tableRow: v.tableRow,
    row: firstDataRow + v.tableRow - 1,
    evaluation: v.evaluation,
    rankByCost: ranked[i],
    rankByRisk: rankedRisk[i],
    costRange: ranges[i],
    rangesOverlapping: overlapping[i],
    sensitivity: sensitivitySentence(tornado.each[i], formatMoney, v.evaluation.cost.total),
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
    portfolio: tornado.portfolio,
    outputHeaders,
    keyHeader,
    sheet,
    assumptionsSheet: assumptionsSheet!.name,
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
    if (error instanceof NoRoomError) return refused(error.message);
    return refused(`The workbook did not accept the changes: ${messageOf(error)}. Check that the sheets are not protected, then prepare again.`, writtenBy(error));
  }
  progress(4, "Done");
  const notice = [ignoredMapping, ignored, passedOverNote(choice, "the finance summary")].filter(Boolean).join(" ");
  return { kind: "done", table: table.name, mode, vendors: financeVendors, rowErrors, sheet, summaryArea: plan.area, note: plan.note, assumptions: a, assumptionsSheet: assumptionsSheet!.name, ...(notice ? { notice } : {}) };
}

interface FinanceRow {
  readonly vendor: string;
  readonly tableRow: number;
  readonly evaluation: Evaluation;
  readonly raw: readonly CellValue[];
  readonly members?: FinanceVendor["members"];
}

/**
 * A rate card's rows as its vendor options (model/rateCard.ts): one summary row per option,
 * the option's rows that disagree on the engagement each an error naming them. An option of
 * one row stays the row. The option's inputs as read are its own row's (blended rate, total
 * hours); which cells were blank (defaults the formulas read from the assumptions) are its
 * first row's, which the others share.
 */
function rateCardOptions(rows: readonly FinanceRow[], rowErrors: RowError[], a: Assumptions, firstDataRow: number): FinanceRow[] {
  const sheetRow = (r: FinanceRow) => firstDataRow + r.tableRow - 1;
  const options: FinanceRow[] = [];
  for (const { group, result } of evaluateOptions(rows.map((r) => r.evaluation.row), true, a, (k) => `row ${sheetRow(rows[k])}`)) {
    const members = group.members.map((k) => rows[k]);
    if (!result.ok) {
      for (const m of members) rowErrors.push({ row: sheetRow(m), tableRow: m.tableRow, message: result.error.message });
      continue;
    }
    const first = members[0];
    const name = optionName(first.evaluation.row) || `Row ${sheetRow(first)}`;
    if (members.length === 1) {
      options.push({ ...first, vendor: name });
      continue;
    }
    const { evaluation, shares } = result.value;
    const labour = evaluation.cost.labour;
    options.push({
      vendor: name,
      tableRow: first.tableRow,
      evaluation,
      raw: first.raw,
      members: members.map((m, k) => ({ tableRow: m.tableRow, share: labour > 0 ? m.evaluation.cost.labour / labour : 0, total: shares[k].total })),
    });
  }
  rowErrors.sort((x, y) => x.tableRow - y.tableRow);
  return options;
}

/**
 * Data row i's evaluation from `given` when it was computed from the same assumptions, input
 * headers and mapping and the same input cells as read now (evaluateCells is a function of
 * these alone), else undefined. A row that failed or was blank is evaluated again, for its message.
 */
function givenEvaluation(given: EvaluatedRows | undefined, inputs: readonly string[], map: HeaderMap, a: Assumptions): (i: number, raw: readonly CellValue[]) => Evaluation | undefined {
  const none = () => undefined;
  if (given === undefined) return none;
  const sameInputs = given.inputs.length === inputs.length && given.inputs.every((h, k) => h === inputs[k]);
  if (!sameInputs || !sameJson(given.columns, map.columns) || !sameJson(given.assumptions, a)) return none;
  return (i, raw) => {
    const cells = given.cells[i];
    const evaluation = given.evaluations[i];
    if (!evaluation || cells === undefined || cells.length !== raw.length) return undefined;
    for (let k = 0; k < raw.length; k++) if (!Object.is(cells[k], raw[k])) return undefined;
    return evaluation;
  };
}

/** Plain data compared by its JSON (a Map by its entries, a number that JSON cannot spell by its text); key order counts, which only makes a match fail. */
function sameJson(x: unknown, y: unknown): boolean {
  const replacer = (_key: string, value: unknown) => (value instanceof Map ? [...value] : typeof value === "number" && !Number.isFinite(value) ? String(value) : value);
  return JSON.stringify(x, replacer) === JSON.stringify(y, replacer);
}

async function readForFinance(port: WorkbookPort, tableName: string) {
  return port.read({
    table: { name: tableName, values: true },
    settings: [MAPPING_SETTING, FINANCE_SETTING],
    names: [ASSUMPTIONS_NAME],
    sheets: ASSUMPTIONS_SHEET_CANDIDATES,
    // Known by its title: the summary's cells are rewritten, never read.
    sheetTitles: sheetNameCandidates(SUMMARY_SHEET),
  });
}

/**
 * The key column's header: the one this action wrote before when the table still has it
 * holding keys only, else "Finance row" (or "Finance row 2"... when the table has a column
 * of the user's by that name, which is never overwritten).
 */
export function financeKeyHeader(table: TableSnapshot, memory: TableMemory, outputHeaders: readonly string[]): string {
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
  const { slots, entry } = tableRowSlots(table.rowCount, vendors, rowErrors);
  // A row's cached value: its entry's, its error's, or nothing for a blank row.
  const valueOf = (i: number, key: PortableResultKey): CellValue => {
    const slot = slots[i];
    return slot > 0 ? entryValue(entry(i), key) : slot === 0 ? "" : notEvaluated(rowErrors[-slot - 1].message);
  };
  const outputs = OUTPUT_COLUMNS.map((output, o): WorkbookChange => {
    const header = outputHeaders[o];
    if (table.rowCount === 0) return { kind: "setTableColumn", table: table.name, header, values: [], numberFormat: output.numberFormat };
    const key = OUTPUT_SUMMARY_KEYS[o];
    return {
      kind: "setTableColumn",
      table: table.name,
      header,
      formula: tableColumnFormula(table, keyHeader, o, sheet),
      // Worked out when the adapter reads them, not held by the change until the apply returns:
      // the table's cells hold the values once written.
      get cachedValues() {
        return Array.from({ length: table.rowCount }, (_, i) => valueOf(i, key));
      },
      numberFormat: output.numberFormat,
      rowCount: table.rowCount,
    };
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

// ---- Helpers ----

function calendarDate(now: Date): CalendarDate {
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}


function same(x: string, y: string): boolean {
  return x.trim().toLowerCase() === y.trim().toLowerCase();
}

function refused(message: string, written = "Nothing was written."): FinanceOutcome {
  return { kind: "refused", message, written };
}
