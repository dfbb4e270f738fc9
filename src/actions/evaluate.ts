// Evaluate the vendor table: add (or refresh) the live columns Total cost, Risk score and
// Location fit at the table's right edge, each ONE calculated-column formula calling the
// OFFSHORE functions with structured references to the input columns only, and create the
// assumptions sheet on the first run. One read, one apply: over Excel that is a constant
// number of round trips, and one undo step where Excel can group it (see ExcelWorkbook.apply).

import { ASSUMPTIONS, ASSUMPTION_BY_KEY, PRICING_ALLOCATION, RETIRED_ASSUMPTIONS, parseAssumptions, type Assumptions, type AssumptionSpec } from "../model/assumptions";
import { DOCUMENTED_ASSUMPTIONS, documentedAssumption } from "../model/assumptionTexts";
import { EXCHANGE_RATE_HEADERS, EXCHANGE_RATES_NAME, NO_EXCHANGE_RATES, parseExchangeRates, withExchangeRates, type ExchangeRates } from "../model/currency";
import { evaluateCells } from "../model";
import { FIELDS, FIELD_BY_KEY, fieldForHeader, mapHeaders, normaliseHeader } from "../model/fields";
import { currencyOf, doubtfulValues } from "../model/plausibility";
import { currencyFor, rowName, summarizeOptions, summarizeResults, type Currency, type ResultsSummary } from "../model/results";
import { isRateCard } from "../model/rateCard";
import { isBlank } from "../model/values";
import type { CellValue, Evaluation, FieldKey, HeaderMap, Result } from "../model/types";
import { dateToExcelSerial, type CalendarDate } from "../model/zones";
import { FUNCTION_NAMESPACE } from "../functions/namespace";
import { cellAddress, columnLetters, parseRange, rangeAddress } from "../workbook/address";
import { EXCEL_LIMITS, NoRoomError } from "../workbook/limits";
import {
  ASSUMPTIONS_NAME,
  MAPPING_SETTING,
  type CellWrite,
  type ConditionalFormatRule,
  type NamedRangeInfo,
  type SheetSnapshot,
  type RegionInfo,
  type TableSnapshot,
  type WorkbookChange,
  type WorkbookPort,
} from "../workbook/port";
import { inputNoteChanges } from "./inputNotes";
import { missingFieldAdvice, readMappingSetting, rememberTable, tableMemory, type OutputKey } from "./mapping";
import { assumptionTable, ASSUMPTIONS_SHEET_CANDIDATES, chooseAssumptionsSheet, passedOverNote, RANGE_COLUMN, sameSheetName, withNamedAssumptionsSheet, type SheetChoice } from "./sheets";
import { messageOf, writtenBy } from "./outcome";

export { describeChange, messageOf, writtenBy } from "./outcome";

export interface OutputColumn {
  readonly key: OutputKey;
  /** Default header, and the key of `outputNames` when the buyer renames one. */
  readonly header: string;
  /** Custom function name inside the OFFSHORE namespace. */
  readonly functionName: string;
  readonly numberFormat: string;
}

/** The three output columns, left to right; the custom functions use the same names. */
export const OUTPUT_COLUMNS: readonly OutputColumn[] = [
  { key: "totalCost", header: "Total cost", functionName: "TOTALCOST", numberFormat: "$#,##0" },
  { key: "riskScore", header: "Risk score", functionName: "RISKSCORE", numberFormat: "0" },
  { key: "locationFit", header: "Location fit", functionName: "LOCATIONFIT", numberFormat: "General" },
];

const EXCEL_MAX_FORMULA_LENGTH = EXCEL_LIMITS.formulaLength;

const FORMULA_PREFIX = `=${FUNCTION_NAMESPACE}.`.toUpperCase();

export interface EvaluateOptions {
  /**
   * The buyer's zone as the user gave it (the pane's answer, the command line's --buyer-zone),
   * written into an assumptions sheet that has none yet. A zone the sheet holds wins: it is
   * the workbook's setting. Without either, the assumption's documented default is used and
   * the outcome says so; the computer's own zone never is.
   */
  readonly buyerTimeZone?: string;
  /** Today in the user's calendar, written as the reference date of a new assumptions sheet. */
  readonly today?: CalendarDate;
  /** Replacement headers for outputs, keyed by default header ("Total cost" -> "Total cost (offshore)"). */
  readonly outputNames?: Readonly<Record<string, string>>;
  /** Overrides the currency format of Total cost (default "$#,##0"). */
  readonly currencyFormat?: string;
  readonly onProgress?: (progress: { readonly done: number; readonly total: number; readonly step: string }) => void;
}

export interface RowError {
  /** Worksheet row number, as Excel shows it. */
  readonly row: number;
  /** 1-based position among the table's data rows. */
  readonly tableRow: number;
  readonly message: string;
  /** The row's vendor as typed ("" when it names none). */
  readonly vendor?: string;
  /** "Row 7 (Northwind Digital)": the row as Excel numbers it, and its vendor. */
  readonly name?: string;
  /** The cell at fault (the row's first cell when the error names no column), to select it. */
  readonly cell?: { readonly sheet: string; readonly address: string };
}

export type EvaluateOutcome =
  | {
      readonly kind: "done";
      readonly table: string;
      readonly rowCount: number;
      /** Output headers written, left to right. */
      readonly columns: readonly string[];
      readonly rowErrors: readonly RowError[];
      readonly assumptionsNote: string;
      /** Set when a sheet of the user's holds the assumptions sheet's name: where the assumptions went instead. */
      readonly notice?: string;
      /** Columns right of the outputs, which the formulas cannot see. */
      readonly warnings: readonly string[];
      /** The model's result per data row (null for blank or failing rows), for the pane and the summary. */
      readonly evaluations: readonly (Evaluation | null)[];
      /** What the evaluations were computed from, so prepareForFinance can take them instead of evaluating the rows again. */
      readonly evaluatedRows?: EvaluatedRows;
      /** Input cells holding a legal but implausible value (also in `warnings`), for a note beside the cell. */
      readonly doubts?: readonly CellDoubt[];
      /** Verdict counts, the cheapest and the least risky option, and the currency of the amounts. */
      readonly summary: ResultsSummary;
      /** The zone overlap was measured from, and whether the workbook, the caller's option or the default gave it. */
      readonly buyerTimeZone: BuyerZoneUsed;
    }
  | {
      /** A column with an output's name holds the buyer's own values: nothing was written. */
      readonly kind: "collision";
      readonly header: string;
      readonly suggestion: string;
      readonly message: string;
    }
  | {
      /** What happened and what to do; `written` says what, if anything, reached the workbook. */
      readonly kind: "refused";
      readonly message: string;
      readonly written: string;
    };

/**
 * A table's evaluations with what each was computed from: the assumptions, the input headers
 * and their mapping, and each row's input cells as read. Another action evaluating the same
 * table takes a row's evaluation only where all of these are still what it reads (a cell or an
 * assumption changed since gives a fresh evaluation), since evaluateCells is a function of them.
 */
export interface EvaluatedRows {
  readonly assumptions: Assumptions;
  readonly inputs: readonly string[];
  readonly columns: HeaderMap["columns"];
  /** Each data row's input cells, in the order of `inputs`. */
  readonly cells: readonly (readonly CellValue[])[];
  readonly evaluations: readonly (Evaluation | null)[];
}

export interface BuyerZoneUsed {
  readonly zone: string;
  readonly from: "workbook" | "option" | "default";
  /** The assumptions sheet holding the zone's cell (not always the usual name: see chooseAssumptionsSheet). */
  readonly sheet: string;
}

/** A doubtful input cell: 1-based data row of the table, the column's header, what is doubtful. */
export interface CellDoubt {
  readonly tableRow: number;
  readonly header: string;
  readonly message: string;
}

const NOTHING_WRITTEN = "Nothing was written.";

export async function evaluateTable(port: WorkbookPort, tableName: string, options: EvaluateOptions = {}): Promise<EvaluateOutcome> {
  const progress = (done: number, step: string) => options.onProgress?.({ done, total: 4, step });
  progress(0, "Reading the table");

  // Every header the outputs might have now: defaults, names chosen this time, names stored.
  // The suggested renames are asked for too, so a refresh after a rename needs no extra round trip.
  const wanted = new Set<string>(OUTPUT_COLUMNS.flatMap((o) => [o.header, `${o.header} (offshore)`]));
  for (const name of Object.values(options.outputNames ?? {})) wanted.add(name);
  const first = await port.read({
    table: { name: tableName, values: true, formulasOf: [...wanted], notes: true },
    settings: [MAPPING_SETTING],
    names: [ASSUMPTIONS_NAME],
    sheets: ASSUMPTIONS_SHEET_CANDIDATES,
  });
  const table = first.table;
  if (!table) return refused(`The table '${tableName}' was not found; it may have been renamed or deleted. Pick the table again.`);

  const { setting, ignored: ignoredMapping } = readMappingSetting(first.settings[MAPPING_SETTING]);
  const memory = tableMemory(setting, table.name);
  const outputHeaders = OUTPUT_COLUMNS.map((o) => options.outputNames?.[o.header] ?? memory.outputs[o.key] ?? o.header);

  // A stored output name the first read did not ask for: its formulas are needed to tell ours from the user's.
  let columnFormulas = table.columnFormulas;
  const unread = outputHeaders.filter((h) => !wanted.has(h) && table.headers.some((t) => same(t, h)));
  if (unread.length > 0) {
    const again = await port.read({ table: { name: table.name, formulasOf: unread } });
    columnFormulas = { ...columnFormulas, ...(again.table?.columnFormulas ?? {}) };
  }

  // Never overwrite a user's column that happens to carry an output's name.
  const recorded = new Set(Object.values(memory.outputs).map((h) => h!.toLowerCase()));
  for (const header of outputHeaders) {
    const index = table.headers.findIndex((h) => same(h, header));
    if (index < 0) continue;
    const cells = lookup(columnFormulas, header) ?? [];
    if (!isAddInColumn(cells, recorded.has(header.toLowerCase()))) {
      const suggestion = freeHeader(`${header} (offshore)`, table.headers);
      return {
        kind: "collision",
        header,
        suggestion,
        message: `The column '${header}' already holds your own values, so the add-in will not overwrite it. Use another name for its column, such as '${suggestion}', or rename your column. Nothing was written.`,
      };
    }
  }

  // Inputs: the columns left of the first output. Formulas never refer to outputs (no circular references).
  const outputIndexes = outputHeaders.map((h) => table.headers.findIndex((t) => same(t, h))).filter((i) => i >= 0);
  const firstOutput = outputIndexes.length > 0 ? Math.min(...outputIndexes) : table.headers.length;
  const inputs = table.headers.slice(0, firstOutput);
  const warnings = table.headers
    .slice(firstOutput)
    // The key column Prepare for finance adds is the add-in's own, read by no input.
    .filter((h) => !outputHeaders.some((o) => same(o, h)) && !(memory.financeKey !== undefined && same(memory.financeKey, h)))
    .map((h) => `The column '${h}' is right of the output columns, so the formulas do not read it; move it left of '${outputHeaders[0]}' if it matters.`);
  if (inputs.length === 0) return refused(`The table '${table.name}' has no input columns left of '${outputHeaders[0]}'. Add the vendor columns (at least Hourly rate and Hours) and evaluate again.`);
  const map = mapHeaders(inputs, memory.byHand);
  if (map.missingRequired.length > 0) {
    const lines = map.missingRequired.map((f) => `${FIELD_BY_KEY[f].header}: ${missingFieldAdvice(f)}`);
    return refused(`The table '${table.name}' has no column for ${map.missingRequired.map((f) => `'${FIELD_BY_KEY[f].header}'`).join(" and ")}. ${lines.join(" ")}`);
  }

  // The assumptions: the sheet's if it exists (the buyer may have changed it), else new defaults.
  const today = options.today ?? localToday();
  const sheetPlan = planAssumptionsSheet(chooseAssumptionsSheet({ names: first.names, sheets: await withNamedAssumptionsSheet(port, first) }), first.names[ASSUMPTIONS_NAME], givenZone(options), today);
  if (!sheetPlan.ok) return refused(sheetPlan.message);
  const assumptions = withRates(parseAssumptions(sheetPlan.table, today), sheetPlan.exchangeRates);
  if (!assumptions.ok)
    return refused(`The assumptions sheet '${sheetPlan.sheet}' has a problem: ${assumptions.error.message}. Correct that cell and evaluate again.`);

  // Excel refuses a formula over 8,192 characters; with a mapping by hand every input header is spelled out in it.
  const formulas = OUTPUT_COLUMNS.map((output) => outputFormula(output, table.name, inputs, memory.byHand, map));
  const longest = Math.max(...formulas.map((f) => f.length));
  if (longest > EXCEL_MAX_FORMULA_LENGTH)
    return refused(
      `The formulas for this table would be ${longest} characters long, over Excel's limit of ${EXCEL_MAX_FORMULA_LENGTH.toLocaleString("en-US")}: with columns mapped by hand, the formula lists all ${inputs.length} input headers. Rename the columns you mapped by hand to the headers the add-in recognises (such as '${FIELD_BY_KEY.hourlyRate.header}') and clear the hand mapping, or delete columns the evaluation does not need, then evaluate again.`,
    );

  progress(1, `Computing ${table.rowCount} rows`);
  const computed = computeRows(table.rows ?? [], inputs.length, map, assumptions.value);

  progress(2, "Writing the columns");
  const columnChanges = OUTPUT_COLUMNS.map((output, i): WorkbookChange => ({
    kind: "setTableColumn",
    table: table.name,
    header: outputHeaders[i],
    formula: formulas[i],
    cachedValues: computed.cached.map((row) => row[i]),
    rowCount: table.rowCount,
    numberFormat: output.key === "totalCost" ? (options.currencyFormat ?? moneyFormat(assumptions.value.reportingCurrency, output.numberFormat)) : output.numberFormat,
    conditionalFormats: conditionalFormatsFor(output.key, assumptions.value),
  }));
  const outputs: Partial<Record<OutputKey, string>> = {};
  OUTPUT_COLUMNS.forEach((o, i) => (outputs[o.key] = outputHeaders[i]));
  const doubts = doubtfulValues(table.rows ?? [], map, (r) => sheetRow(table, r));
  const cellDoubts = doubts.flatMap((d) => d.tableRows.map((tableRow) => ({ tableRow, header: inputs[map.columns[d.field]!], message: d.message })));
  const notes = inputNoteChanges(table, cellDoubts);
  const changes: WorkbookChange[] = [...sheetPlan.changes, ...columnChanges, ...notes.changes, rememberTable(setting, table.name, { ...memory, outputs })];
  try {
    await port.apply(changes);
  } catch (error) {
    if (error instanceof NoRoomError) return refused(error.message);
    return refused(`Excel did not accept the changes: ${messageOf(error)}. Check that the sheet is not protected and no cell is being edited, then evaluate again.`, writtenBy(error));
  }
  progress(4, "Done");
  const left = parseRange(table.address).left;
  const currencyFormat = options.currencyFormat ?? OUTPUT_COLUMNS[0].numberFormat;
  const summary = summaryOf(computed.evaluations, (i) => sheetRow(table, i + 1), currencyFor(rateCurrencies(table.rows ?? [], map), currencyFormat), map, assumptions.value);
  return {
    kind: "done",
    table: table.name,
    rowCount: table.rowCount,
    columns: outputHeaders,
    rowErrors: computed.rowErrors.map((e) => namedError(e, sheetRow(table, e.tableRow), table.sheet, left)),
    assumptionsNote: sheetPlan.note,
    ...(sheetPlan.notice ? { notice: sheetPlan.notice } : {}),
    warnings: [...(ignoredMapping ? [ignoredMapping] : []), ...warnings, ...doubts.map((d) => d.message), ...notes.kept, ...staleRateWarnings(computed.evaluations), ...summary.conflicts],
    evaluations: computed.evaluations,
    evaluatedRows: { assumptions: assumptions.value, inputs, columns: map.columns, cells: computed.inputs, evaluations: computed.evaluations },
    summary: summary.summary,
    buyerTimeZone: { zone: assumptions.value.buyerTimeZone, from: zoneUsed(sheetPlan, options), sheet: sheetPlan.sheet },
    doubts: cellDoubts,
  };
}

/**
 * Evaluates a plain range the buyer keeps out of a table (first row = headers): the three
 * outputs go in the columns right of it, one formula per row with A1 references (a plain
 * range has no calculated columns), written in chunks by the adapter. Cells there that are
 * not the add-in's own are never overwritten. Conditional formats need a table: turning the
 * range into one is the better path and the pane offers it first.
 */
export async function evaluateRange(port: WorkbookPort, region: RegionInfo, options: EvaluateOptions = {}): Promise<EvaluateOutcome> {
  if (region.table) return evaluateTable(port, region.table, options);
  const progress = (done: number, step: string) => options.onProgress?.({ done, total: 4, step });
  progress(0, "Reading the range");
  const area = parseRange(region.address);
  const outputHeaders = OUTPUT_COLUMNS.map((o) => options.outputNames?.[o.header] ?? o.header);
  // A range evaluated before includes the outputs at its right end: they are not inputs.
  let inputCount = region.headers.length;
  while (inputCount > 0 && outputHeaders.some((o) => same(o, region.headers[inputCount - 1]))) inputCount--;
  const inputs = region.headers.slice(0, inputCount);
  if (inputs.length === 0 || area.bottom <= area.top)
    return refused(`The range ${region.address} on '${region.sheet}' has no vendor rows under its header row. Select a cell inside your vendor list and try again.`);
  const inputRight = area.left + inputCount - 1;
  const outputArea = { top: area.top, left: inputRight + 1, bottom: area.bottom, right: inputRight + OUTPUT_COLUMNS.length };
  const bodyArea = { top: area.top + 1, left: area.left, bottom: area.bottom, right: inputRight };
  const read = await port.read({
    settings: [MAPPING_SETTING],
    names: [ASSUMPTIONS_NAME],
    sheets: ASSUMPTIONS_SHEET_CANDIDATES,
    ranges: [
      { sheet: region.sheet, address: rangeAddress(outputArea), values: true, formulas: true },
      // Excel computes the formulas itself; other workbooks get the model's values beside them.
      ...(port.kind === "excel" ? [] : [{ sheet: region.sheet, address: rangeAddress(bodyArea) }]),
    ],
  });
  if (!read.ranges) return refused("This kind of workbook cannot evaluate a plain range. Turn the range into a table first (the pane offers it), then evaluate.");
  const block = read.ranges[0];
  if (!block) return refused(`The sheet '${region.sheet}' was not found; it may have been renamed or deleted. Select your vendor list again.`);
  const occupied = (block.formulas ?? []).some((row, r) =>
    row.some((cell, c) => {
      if (cell === null || cell === undefined || cell === "") return false;
      if (r === 0) return !same(String(cell), outputHeaders[c]);
      return !(typeof cell === "string" && cell.toUpperCase().startsWith(FORMULA_PREFIX));
    }),
  );
  const outputColumns = `${columnLetters(outputArea.left)}:${columnLetters(outputArea.right)}`;
  if (occupied)
    return refused(
      `Columns ${outputColumns} right of your vendor list on '${region.sheet}' hold other values, so the add-in will not overwrite them. Move those cells, or turn the range into a table (the outputs then go at the table's right edge).`,
    );
  const map = mapHeaders(inputs);
  if (map.missingRequired.length > 0)
    return refused(`The range has no column for ${map.missingRequired.map((f) => `'${FIELD_BY_KEY[f].header}'`).join(" and ")}. ${map.missingRequired.map((f) => missingFieldAdvice(f)).join(" ")}`);

  const today = options.today ?? localToday();
  const sheetPlan = planAssumptionsSheet(chooseAssumptionsSheet({ names: read.names, sheets: await withNamedAssumptionsSheet(port, read) }), read.names[ASSUMPTIONS_NAME], givenZone(options), today);
  if (!sheetPlan.ok) return refused(sheetPlan.message);
  const assumptions = withRates(parseAssumptions(sheetPlan.table, today), sheetPlan.exchangeRates);
  if (!assumptions.ok) return refused(`The assumptions sheet '${sheetPlan.sheet}' has a problem: ${assumptions.error.message}. Correct that cell and evaluate again.`);

  progress(1, `Computing ${area.bottom - area.top} rows`);
  const values = read.ranges[1]?.values;
  const computed = values ? computeRows(values, inputCount, map, assumptions.value) : null;
  const first = columnLetters(area.left);
  const last = columnLetters(inputRight);
  const headerRow = area.top + 1;
  const headers = `$${first}$${headerRow}:$${last}$${headerRow}`;
  const rows: CellWrite[][] = [];
  for (let sheetRow = area.top + 2, i = 0; sheetRow <= area.bottom + 1; sheetRow++, i++) {
    const row = `$${first}${sheetRow}:$${last}${sheetRow}`;
    rows.push(OUTPUT_COLUMNS.map((o, c) => ({ formula: `=${FUNCTION_NAMESPACE}.${o.functionName}(${row},${headers},${ASSUMPTIONS_NAME}${ratesArgument(map)})`, cachedValue: computed?.cached[i][c] })));
  }
  const body = (c: number) => `${columnLetters(outputArea.left + c)}${area.top + 2}:${columnLetters(outputArea.left + c)}${area.bottom + 1}`;
  const changes: WorkbookChange[] = [
    ...sheetPlan.changes,
    { kind: "writeRange", sheet: region.sheet, address: cellAddress(area.top, outputArea.left), cells: [outputHeaders, ...rows] },
    { kind: "formatRange", sheet: region.sheet, address: `${columnLetters(outputArea.left)}${headerRow}:${columnLetters(outputArea.right)}${headerRow}`, format: { bold: true } },
    { kind: "formatRange", sheet: region.sheet, address: body(0), format: { numberFormat: options.currencyFormat ?? moneyFormat(assumptions.value.reportingCurrency, OUTPUT_COLUMNS[0].numberFormat) } },
    { kind: "formatRange", sheet: region.sheet, address: body(1), format: { numberFormat: OUTPUT_COLUMNS[1].numberFormat } },
  ];
  progress(2, "Writing the columns");
  try {
    await port.apply(changes, { onProgress: (done, total) => progress(2 + done / Math.max(total, 1), "Writing the columns") });
  } catch (error) {
    if (error instanceof NoRoomError) return refused(error.message);
    return refused(`Excel did not accept the changes: ${messageOf(error)}. Check that the sheet is not protected and no cell is being edited, then evaluate again.`, writtenBy(error));
  }
  progress(4, "Done");
  const summary = summaryOf(
    computed?.evaluations ?? [],
    (i) => area.top + 2 + i,
    currencyFor(rateCurrencies(values ?? [], map), options.currencyFormat ?? OUTPUT_COLUMNS[0].numberFormat),
    map,
    assumptions.value,
  );
  return {
    kind: "done",
    table: `${region.sheet}!${rangeAddress({ ...area, right: outputArea.right })}`,
    rowCount: area.bottom - area.top,
    columns: outputHeaders,
    rowErrors: (computed?.rowErrors ?? []).map((e) => namedError(e, area.top + 1 + e.tableRow, region.sheet, area.left)),
    assumptionsNote: sheetPlan.note,
    ...(sheetPlan.notice ? { notice: sheetPlan.notice } : {}),
    warnings: [
      ...(values ? doubtfulValues(values, map, (r) => area.top + 1 + r).map((d) => d.message) : []),
      ...staleRateWarnings(computed?.evaluations ?? []),
      ...summary.conflicts,
      `Columns ${outputColumns} hold one formula per row; rows added below the range need the formulas copied down. A table copies them into new rows by itself while Excel's AutoCorrect option "Fill formulas in tables to create calculated columns" is on (the default); Calculate cost, risk and fit fills any rows still without them.`,
    ],
    evaluations: computed?.evaluations ?? [],
    summary: summary.summary,
    buyerTimeZone: { zone: assumptions.value.buyerTimeZone, from: zoneUsed(sheetPlan, options), sheet: sheetPlan.sheet },
  };
}

// ---- Formulas ----

/** Escapes a column name inside [ ] of a structured reference (Excel's rule: ' before [ ] # '). */
export function structuredColumn(name: string): string {
  return `[${name.replace(/(['#[\]])/g, "'$1")}]`;
}

/**
 * The calculated column's formula. Row and headers are structured references spanning the
 * input columns, so a renamed or inserted input column follows. When the buyer mapped a
 * column by hand, the header row is passed as an array constant naming the mapped fields,
 * so the custom function (which maps headers itself) sees the buyer's mapping.
 */
export function outputFormula(output: OutputColumn, table: string, inputs: readonly string[], byHand: Partial<Record<FieldKey, string>>, map: HeaderMap): string {
  const span = `${structuredColumn(inputs[0])}:${structuredColumn(inputs[inputs.length - 1])}`;
  const row = `${table}[@${span}]`;
  const headers = Object.keys(byHand).length > 0 ? headersConstant(inputs, map) : `${table}[[#Headers],${span}]`;
  return `=${FUNCTION_NAMESPACE}.${output.functionName}(${row},${headers},${ASSUMPTIONS_NAME}${ratesArgument(map)})`;
}

/** The header row as the model should read it: mapped columns under their field's own header. */
function headersConstant(inputs: readonly string[], map: HeaderMap): string {
  const byColumn = new Map<number, FieldKey>();
  for (const [field, index] of Object.entries(map.columns)) byColumn.set(index!, field as FieldKey);
  const texts = inputs.map((header, i) => {
    const field = byColumn.get(i);
    if (field) return FIELD_BY_KEY[field].header;
    // An unmapped column whose header the model would read as a field must not compete with the mapped one.
    const text = fieldForHeader(header) ? `${header} (not used)` : header;
    // Excel refuses a text over 255 characters inside a formula; the header is not read anyway.
    return text.length > EXCEL_LIMITS.formulaText ? `(column ${i + 1}, not used)` : text;
  });
  return `{${texts.map((t) => `"${t.replace(/"/g, '""')}"`).join(",")}}`;
}

function conditionalFormatsFor(key: OutputKey, a: Assumptions): ConditionalFormatRule[] {
  if (key === "riskScore") {
    const below = (n: number) => n - 1e-9;
    return [
      { kind: "cellValue", operator: "lessThan", bounds: [a.mediumRiskFrom], fill: "#C6EFCE", fontColor: "#006100" },
      { kind: "cellValue", operator: "between", bounds: [a.mediumRiskFrom, below(a.highRiskFrom)], fill: "#FFEB9C", fontColor: "#9C5700" },
      { kind: "cellValue", operator: "between", bounds: [a.highRiskFrom, below(a.criticalRiskFrom)], fill: "#F8CBAD", fontColor: "#843C0C" },
      { kind: "cellValue", operator: "greaterThanOrEqual", bounds: [a.criticalRiskFrom], fill: "#FFC7CE", fontColor: "#9C0006" },
    ];
  }
  if (key === "locationFit")
    return [
      { kind: "textContains", text: "Benefit", fill: "#C6EFCE", fontColor: "#006100" },
      { kind: "textContains", text: "Trade-off", fill: "#FFEB9C", fontColor: "#9C5700" },
      { kind: "textContains", text: "Blocker", fill: "#FFC7CE", fontColor: "#9C0006" },
    ];
  return [];
}

// ---- Rows ----

function computeRows(rows: readonly (readonly CellValue[])[], inputCount: number, map: HeaderMap, assumptions: Assumptions) {
  const cached: CellValue[][] = [];
  const evaluations: (Evaluation | null)[] = [];
  const rowErrors: ComputedError[] = [];
  const inputRows: CellValue[][] = [];
  rows.forEach((row, r) => {
    const inputs = row.slice(0, inputCount);
    inputRows.push(inputs);
    const result: Result<Evaluation> | null = evaluateCells(inputs, map, assumptions);
    if (result === null) {
      cached.push([null, null, null]);
      evaluations.push(null);
    } else if (result.ok) {
      const e = result.value;
      cached.push([e.cost.total, e.risk.score, e.fit.verdict]);
      evaluations.push(e);
    } else {
      cached.push(["#VALUE!", "#VALUE!", "#VALUE!"]);
      evaluations.push(null);
      const vendorAt = map.columns.vendor;
      const field = FIELDS.find((f) => f.header === result.error.field)?.key;
      rowErrors.push({
        tableRow: r + 1,
        message: result.error.message,
        vendor: vendorAt === undefined ? "" : String(inputs[vendorAt] ?? "").trim(),
        column: field === undefined ? undefined : map.columns[field],
      });
    }
  });
  return { cached, evaluations, rowErrors, inputs: inputRows };
}

interface ComputedError {
  readonly tableRow: number;
  readonly message: string;
  readonly vendor: string;
  /** Input column (0-based) of the field the error names. */
  readonly column?: number;
}

/** A row error named as Excel numbers the row, with the cell to select: the one at fault, else the row's first. */
function namedError(e: ComputedError, row: number, sheet: string, left: number): RowError {
  return { row, tableRow: e.tableRow, message: e.message, vendor: e.vendor, name: rowName(row, e.vendor), cell: { sheet, address: cellAddress(row - 1, left + (e.column ?? 0)) } };
}

/** The summary the pane shows first: per row, or in a rate card per vendor option (its rows are one engagement). */
function summaryOf(evaluations: readonly (Evaluation | null)[], sheetRowOf: (index: number) => number, currency: Currency, map: HeaderMap, a: Assumptions): { summary: ResultsSummary; conflicts: string[] } {
  return isRateCard(map) ? summarizeOptions(evaluations, sheetRowOf, currency, a) : { summary: summarizeResults(evaluations, sheetRowOf, currency), conflicts: [] };
}

/** The currency signs the hourly rate cells carry ("$85", "EUR 40"), one per cell naming one. */
function rateCurrencies(rows: readonly (readonly CellValue[])[], map: HeaderMap): string[] {
  const at = map.columns.hourlyRate;
  if (at === undefined) return [];
  return rows.map((row) => currencyOf(row[at])).filter((c): c is string => c !== null);
}

function sheetRow(table: TableSnapshot, tableRow: number): number {
  const match = /^[A-Z]+(\d+)/i.exec(table.address);
  return (match ? Number(match[1]) : 1) + tableRow;
}

// ---- The assumptions sheet ----

const SHEET_HEADERS = ["Assumption", "Value", "Unit", "Source", "Description"] as const;

export type SheetPlan =
  /** `sheet`: where the assumptions are (or go); `zoneFromSheet`: the sheet's own 'Buyer time zone' cell was filled, so the zone given was not used. */
  | { ok: true; sheet: string; table: CellValue[][]; changes: WorkbookChange[]; note: string; notice: string; zoneFromSheet: boolean; exchangeRates: Result<ExchangeRates> }
  | { ok: false; message: string };

/**
 * First evaluation: a new sheet, one row per assumption, the name over name and value.
 * Later: the sheet is the buyer's to edit and is left alone, except that assumptions added
 * by a newer version are appended and a deleted name is restored. A sheet of the user's under
 * the usual name is left alone too: the assumptions go to the next free name, and say so.
 */
export function planAssumptionsSheet(choice: SheetChoice | null, named: NamedRangeInfo | undefined, buyerTimeZone: string, today: CalendarDate): SheetPlan {
  if (!choice)
    return {
      ok: false,
      message: `Sheets named '${ASSUMPTIONS_SHEET_CANDIDATES[0]}' to '${ASSUMPTIONS_SHEET_CANDIDATES[ASSUMPTIONS_SHEET_CANDIDATES.length - 1]}' exist and none is the add-in's assumptions sheet (cell A1 reads 'Assumption'), so nothing was written over them. Rename one of them and evaluate again. Nothing was written.`,
    };
  const name = choice.name;
  const moved = passedOverNote(choice, "the assumptions table");
  const notice = moved ? `${moved} The name ${ASSUMPTIONS_NAME}, which the formulas read, points there.` : "";
  const sheet = choice.snapshot;
  if (!sheet) {
    const rows = ASSUMPTIONS.map((spec) => assumptionRow(spec, buyerTimeZone, today));
    const last = rows.length + 1;
    return {
      ok: true,
      sheet: name,
      zoneFromSheet: false,
      table: rows.map((r) => [r[0] as CellValue, cachedOf(r[1])]),
      note: [`Created the sheet '${name}' with ${rows.length} assumptions; change a value there and the three columns recalculate.`, notice].filter(Boolean).join(" "),
      notice,
      changes: [
        { kind: "ensureSheet", sheet: name },
        { kind: "writeRange", sheet: name, address: "A1", cells: [[...SHEET_HEADERS], ...rows] },
        { kind: "formatRange", sheet: name, address: "A1:E1", format: { bold: true, fill: "#D9E1F2" } },
        ...formatAssumptionValues(name, 2, buyerTimeZone),
        { kind: "formatRange", sheet: name, address: `A2:A${last}`, format: { columnWidth: 260 } },
        { kind: "formatRange", sheet: name, address: `D2:E${last}`, format: { columnWidth: 360 } },
        { kind: "setName", name: ASSUMPTIONS_NAME, sheet: name, address: assumptionsAddress(last), comment: NAME_COMMENT },
        ...allocationTable(name),
        ...rangeColumns(name, ASSUMPTIONS.map((spec) => spec.name), 1),
        ...exchangeBlock(name),
      ],
      exchangeRates: { ok: true, value: NO_EXCHANGE_RATES },
    };
  }
  const table: CellValue[][] = sheet.values.slice(1).map((r) => [r[0] ?? null, r[1] ?? null]);
  const present = new Set(table.map((r) => String(r[0] ?? "").trim().toLowerCase()));
  const missing = ASSUMPTIONS.filter((s) => !present.has(s.name.toLowerCase()));
  // A sheet from a version without the allocation table gets it, beside the assumptions.
  const changes: WorkbookChange[] = sheet.values[0]?.[ALLOCATION_COLUMN] ? [] : allocationTable(name);
  // A sheet from a version without the range columns gets them when those columns are empty
  // (never over the buyer's own cells), on the row of each assumption's name.
  const headerAt = (i: number) => String(sheet.values[0]?.[RANGE_COLUMN + i] ?? "").trim();
  const earlierHeaders = EARLIER_RANGE_HEADERS.every((h, i) => headerAt(i) === h);
  const hasRanges = headerAt(0) === RANGE_HEADERS[0] || earlierHeaders;
  // Only the header cells: the buyer's Low and High cells below stay as they are.
  if (earlierHeaders) changes.push(...rangeColumns(name, [], 1));
  const rangeFree = !hasRanges && sheet.values.every((r) => RANGE_HEADERS.every((_h, i) => isBlank(r[RANGE_COLUMN + i] ?? null)));
  if (rangeFree) changes.push(...rangeColumns(name, sheet.values.slice(1).map((r) => String(r[0] ?? "")), 1));
  // A zone row left blank is one the buyer has not answered: it takes the zone given, as a new sheet would.
  const zoneIndex = table.findIndex((r) => normaliseHeader(String(r[0] ?? "")) === normaliseHeader(ASSUMPTION_BY_KEY.buyerTimeZone.name));
  const zoneFromSheet = zoneIndex >= 0 && String(table[zoneIndex][1] ?? "").trim() !== "";
  if (zoneIndex >= 0 && !zoneFromSheet) {
    changes.push({ kind: "writeRange", sheet: name, address: cellAddress(zoneIndex + 1, 1), cells: [[buyerTimeZone]] });
    table[zoneIndex] = [table[zoneIndex][0], buyerTimeZone];
  }
  // A sheet from a version without the exchange-rate table gets it where its columns are empty.
  const hasExchange = hasExchangeBlock(sheet);
  if (!hasExchange && sheet.values.every((r) => EXCHANGE_RATE_HEADERS.every((_h, i) => isBlank(r[EXCHANGE_COLUMN + i] ?? null)))) changes.push(...exchangeBlock(name));
  let last = sheet.values.length;
  if (missing.length > 0) {
    const rows = missing.map((spec) => assumptionRow(spec, buyerTimeZone, today));
    changes.push({ kind: "writeRange", sheet: name, address: cellAddress(last, 0), cells: rows });
    if (hasRanges || rangeFree) changes.push(...rangeColumns(name, missing.map((spec) => spec.name), last, false));
    table.push(...rows.map((r) => [r[0] as CellValue, cachedOf(r[1])]));
    last += rows.length;
  }
  const nameHere = named !== undefined && sameSheetName(named.sheet, name);
  // A name an earlier version set over the name and value only (A2:B): widened to the header
  // and the Low and High columns, which the functions and the summary's formulas now read.
  const earlierName = nameHere ? /^\$?A\$?2:\$?B\$?(\d+)$/.exec(named.address) : null;
  if (missing.length > 0 || !nameHere)
    changes.push({ kind: "setName", name: ASSUMPTIONS_NAME, sheet: name, address: assumptionsAddress(last), comment: NAME_COMMENT });
  else if (earlierName) changes.push({ kind: "setName", name: ASSUMPTIONS_NAME, sheet: name, address: assumptionsAddress(Math.max(last, Number(earlierName[1]))), comment: NAME_COMMENT });
  const notes = [`Kept the sheet '${name}' as it is`];
  for (const [retired, replacement] of RETIRED_ASSUMPTIONS)
    if (present.has(retired.toLowerCase())) notes.push(`its row '${retired}' is no longer read (${replacement}); you may delete it`);
  if (missing.length > 0) notes.push(`added ${missing.length} new assumption${missing.length === 1 ? "" : "s"} at its end`);
  if (earlierName && missing.length === 0) notes.push(`widened the name ${ASSUMPTIONS_NAME} to the Low and High columns, so the cost ranges follow them`);
  if (!named) notes.push(`restored the name ${ASSUMPTIONS_NAME}`);
  else if (!nameHere) notes.push(`pointed the name ${ASSUMPTIONS_NAME} at it`);
  if (zoneIndex >= 0 && !zoneFromSheet) notes.push(`wrote ${buyerTimeZone} in its blank '${ASSUMPTION_BY_KEY.buyerTimeZone.name}' cell`);
  return { ok: true, sheet: name, table: assumptionTable(sheet, table), changes, note: [notes.join("; ") + ".", notice].filter(Boolean).join(" "), notice, zoneFromSheet, exchangeRates: exchangeRatesOf(sheet) };
}

// The exchange-rate table: right of the range columns (K to M) with one blank column between,
// three columns (code, rate to the reporting currency, valid on) under its own name, so the
// (name, value) range and the blocks beside it never overlap it. The rows the name spans are
// left blank for the buyer to type or paste rates into; rows inserted inside it extend the name.
export const EXCHANGE_COLUMN = 14;
export const EXCHANGE_ROWS = 30;

function exchangeBlock(sheet: string): WorkbookChange[] {
  const first = cellAddress(0, EXCHANGE_COLUMN);
  const lastColumn = columnLetters(EXCHANGE_COLUMN + EXCHANGE_RATE_HEADERS.length - 1);
  const dates = columnLetters(EXCHANGE_COLUMN + 2);
  return [
    { kind: "writeRange", sheet, address: first, cells: [[...EXCHANGE_RATE_HEADERS]] },
    { kind: "formatRange", sheet, address: `${first}:${lastColumn}1`, format: { bold: true, fill: "#FFF2CC", columnWidth: 160, wrapText: true } },
    { kind: "formatRange", sheet, address: `${dates}2:${dates}${EXCHANGE_ROWS + 1}`, format: { numberFormat: "yyyy-mm-dd" } },
    {
      kind: "setName",
      name: EXCHANGE_RATES_NAME,
      sheet,
      address: `${columnLetters(EXCHANGE_COLUMN)}2:${lastColumn}${EXCHANGE_ROWS + 1}`,
      comment: "Offshore Sourcing exchange rates: ISO 4217 code, rate to the reporting currency, date the rate is valid for",
    },
  ];
}

function hasExchangeBlock(sheet: SheetSnapshot): boolean {
  return String(sheet.values[0]?.[EXCHANGE_COLUMN] ?? "").trim().toLowerCase() === EXCHANGE_RATE_HEADERS[0].toLowerCase();
}

/** The exchange-rate table of an assumptions sheet (none when the sheet has no such block). */
export function exchangeRatesOf(sheet: SheetSnapshot | null): Result<ExchangeRates> {
  if (!sheet || sheet.origin !== "A1" || !hasExchangeBlock(sheet)) return { ok: true, value: NO_EXCHANGE_RATES };
  // From the header row, so that a row named in an error is the sheet's row.
  return parseExchangeRates(sheet.values.map((r) => [r[EXCHANGE_COLUMN] ?? null, r[EXCHANGE_COLUMN + 1] ?? null, r[EXCHANGE_COLUMN + 2] ?? null]));
}

/** The assumptions with the sheet's exchange rates attached, or the first error of either. */
export function withRates(assumptions: Result<Assumptions>, rates: Result<ExchangeRates>): Result<Assumptions> {
  if (!assumptions.ok) return assumptions;
  if (!rates.ok) return rates;
  return { ok: true, value: withExchangeRates(assumptions.value, rates.value) };
}

/** Total cost's number format: the dollar format for US dollars, else the reporting currency's code after the number. */
function moneyFormat(reportingCurrency: string, dollars: string): string {
  return reportingCurrency === "USD" ? dollars : `#,##0 "${reportingCurrency}"`;
}

/** The functions read the exchange-rate table only where a row can name a currency. */
function ratesArgument(map: HeaderMap): string {
  return map.columns.currency === undefined ? "" : `,${EXCHANGE_RATES_NAME}`;
}

/** Each stale rate the rows use, once. */
export function staleRateWarnings(evaluations: readonly (Evaluation | null)[]): string[] {
  const seen = new Set<string>();
  for (const e of evaluations) if (e?.row.exchange?.stale) seen.add(e.row.exchange.stale);
  return [...seen];
}

// Who carries rework, change and delivery risk by pricing model: text beside the name and
// value columns, right of the description, so the named (name, value) range never holds it.
const ALLOCATION_COLUMN = 6;
const ALLOCATION_HEADERS = ["Pricing model (who carries what)", "Rework", "Change requests (moved scope)", "Delivery risk"] as const;

function allocationTable(sheet: string): WorkbookChange[] {
  const first = cellAddress(0, ALLOCATION_COLUMN);
  const lastColumn = columnLetters(ALLOCATION_COLUMN + ALLOCATION_HEADERS.length - 1);
  const lastRow = PRICING_ALLOCATION.length + 1;
  return [
    {
      kind: "writeRange", sheet, address: first,
      cells: [[...ALLOCATION_HEADERS], ...PRICING_ALLOCATION.map((p) => [p.pricingModel, p.rework, p.changes, p.deliveryRisk])],
    },
    { kind: "formatRange", sheet, address: `${first}:${lastColumn}1`, format: { bold: true, fill: "#FCE4D6" } },
    { kind: "formatRange", sheet, address: `${first}:${lastColumn}${lastRow}`, format: { columnWidth: 220, wrapText: true } },
  ];
}

// Each cost assumption's low and high ends and where they come from, on its own row, right of
// the allocation table (columns F to J hold the description's margin and that table). The
// name OffshoreAssumptions spans them (assumptionsAddress), so the functions, the pane, the
// command line and the finance summary's formulas all read an edited Low or High
// (parseAssumptions; givenEnd in financeFormulas.ts); a blank one is the published end.
const RANGE_HEADERS = [
  "Low (edit to change the cost ranges; blank: the published low)",
  "High (edit to change the cost ranges; blank: the published high)",
  "Range source (low to high, as published; a value outside Low to High widens the range to it)",
] as const;
/**
 * The name OffshoreAssumptions: the header row (so the Low and High columns are known by their
 * headers), the name and value columns and everything to the High column, L.
 */
function assumptionsAddress(last: number): string {
  return `A1:${columnLetters(RANGE_COLUMN + 1)}${last}`;
}
const NAME_COMMENT = "Offshore Sourcing assumptions: name, value, and the Low and High ends of the cost ranges";

/** The headers an earlier version wrote, which did not say the ends are fixed: rewritten in place. */
const EARLIER_RANGE_HEADERS = ["Low", "High", "Range source (low to high)"] as const;

/** The range cells on `sheet` of the assumptions named `names`, from 0-based sheet row `firstRow`; the header row too when `withHeader`. */
function rangeColumns(sheet: string, names: readonly string[], firstRow: number, withHeader = true): WorkbookChange[] {
  const byName = new Map(DOCUMENTED_ASSUMPTIONS.map((spec) => [spec.name.trim().toLowerCase(), spec]));
  const specs = names.map((name) => byName.get(name.trim().toLowerCase()));
  const rows: CellWrite[][] = specs.map((spec) => (spec?.range ? [spec.range.low, spec.range.high, spec.range.source] : [null, null, null]));
  const first = cellAddress(0, RANGE_COLUMN);
  const lastColumn = columnLetters(RANGE_COLUMN + RANGE_HEADERS.length - 1);
  const changes: WorkbookChange[] = [];
  if (withHeader) {
    changes.push({ kind: "writeRange", sheet, address: first, cells: [[...RANGE_HEADERS]] });
    changes.push({ kind: "formatRange", sheet, address: `${first}:${lastColumn}1`, format: { bold: true, fill: "#E2EFDA", wrapText: true } });
  }
  if (rows.length === 0) return changes;
  changes.push({ kind: "writeRange", sheet, address: cellAddress(firstRow, RANGE_COLUMN), cells: rows });
  specs.forEach((spec, i) => {
    if (spec?.range && spec.kind === "percent")
      changes.push({ kind: "formatRange", sheet, address: `${cellAddress(firstRow + i, RANGE_COLUMN)}:${cellAddress(firstRow + i, RANGE_COLUMN + 1)}`, format: { numberFormat: "0.0#%" } });
  });
  changes.push({ kind: "formatRange", sheet, address: `${columnLetters(RANGE_COLUMN + 2)}${firstRow + 1}:${columnLetters(RANGE_COLUMN + 2)}${firstRow + rows.length}`, format: { columnWidth: 360 } });
  return changes;
}

function assumptionRow(spec: AssumptionSpec, buyerTimeZone: string, today: CalendarDate): CellWrite[] {
  const { source, description } = documentedAssumption(spec.key);
  let value: CellWrite = spec.defaultValue;
  if (spec.key === "buyerTimeZone") value = buyerTimeZone;
  if (spec.key === "referenceDate") value = dateToExcelSerial(today);
  // Not known until the buyer writes it: a 0 would show as a date in January 1900.
  if (spec.key === "engagementStartDate") value = "";
  return [spec.name, value, spec.unit, source, description];
}

function formatAssumptionValues(sheet: string, firstRow: number, _zone: string): WorkbookChange[] {
  // Number formats per row so percentages read as 5% and the reference date as a date.
  return ASSUMPTIONS.map((spec, i): WorkbookChange | null => {
    const format = spec.kind === "percent" ? "0.0%" : spec.kind === "date" ? "yyyy-mm-dd" : null;
    return format ? { kind: "formatRange", sheet, address: `B${firstRow + i}`, format: { numberFormat: format } } : null;
  }).filter((c): c is WorkbookChange => c !== null);
}

/** The zone overlap is measured from: the sheet's own, else the caller's, else the assumption's default. */
function zoneUsed(plan: Extract<SheetPlan, { ok: true }>, options: EvaluateOptions): BuyerZoneUsed["from"] {
  if (plan.zoneFromSheet) return "workbook";
  return options.buyerTimeZone !== undefined ? "option" : "default";
}

function cachedOf(cell: CellWrite): CellValue {
  return cell !== null && typeof cell === "object" ? (cell.cachedValue ?? null) : cell;
}

/** The zone a sheet without one is given: the caller's, else the assumption's documented default (never the computer's). */
function givenZone(options: EvaluateOptions): string {
  return options.buyerTimeZone ?? (ASSUMPTION_BY_KEY.buyerTimeZone.defaultValue as string);
}

// ---- Helpers ----

/** The add-in's column: every filled cell an OFFSHORE formula, or a column the setting records as ours holding only formulas. */
export function isAddInColumn(cells: readonly CellValue[], recordedAsOurs: boolean): boolean {
  const filled = cells.filter((c) => c !== null && c !== undefined && c !== "");
  if (filled.every((c) => typeof c === "string" && c.toUpperCase().startsWith(FORMULA_PREFIX))) return true;
  return recordedAsOurs && filled.every((c) => typeof c === "string" && c.startsWith("="));
}

function freeHeader(base: string, headers: readonly string[]): string {
  if (!headers.some((h) => same(h, base))) return base;
  for (let n = 2; ; n++) if (!headers.some((h) => same(h, `${base} ${n}`))) return `${base} ${n}`;
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function lookup<T>(record: Readonly<Record<string, T>>, header: string): T | undefined {
  const key = Object.keys(record).find((k) => same(k, header));
  return key === undefined ? undefined : record[key];
}

function localToday(): CalendarDate {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

function refused(message: string, written: string = NOTHING_WRITTEN): EvaluateOutcome {
  return { kind: "refused", message, written };
}
