// The WorkbookPort over Office.js. It owns every Excel API call and the platform's
// performance rules:
// - load only the properties needed; one context.sync() per phase, never one per row or cell;
// - a read costs at most three round trips (what exists / the details / column formulas and
//   values), an apply one (plus one per extra chunk of a large plain-range write), so
//   evaluating a table of any size costs at most four;
// - responses are limited like requests (5 MB on Excel on the web): a table read sizes what it
//   asks for from a sample of its first rows, and a long column is summarised (its first
//   formula and any typed values) instead of returned formula by formula;
// - a table column gets ONE formula for all its rows, the same text on every row (Excel makes
//   it a calculated column);
// - cells are written as full 2-D arrays (values, formulas, number formats alike), in chunks
//   kept under MAX_REQUEST_BYTES of payload (Excel on the web refuses requests over 5 MB);
// - an apply is one undo step where Excel can group it (ExcelApi 1.20, ExcelUndoApiAll, no
//   array over 1,500 cells), and is run again unmerged when Excel refuses the group;
// - a read whose response passes the limit anyway is read again in chunks;
// - a string is written as text, a typed string value (valuesAsJson, ExcelApi 1.16), so
//   `=HYPERLINK(...)`, `+cmd` or `00123` typed by a user stay exactly that and the cell keeps
//   its number format; older hosts get the text number format "@" before the value;
// - a cell holding a data type (a Country converted to Geography) reads as "#VALUE!" through
//   `values`; only such cells are read again as typed values (ExcelApi 1.16), in reads sized
//   like the others, and taken as the functions take them (their text).
//
// What the adapter learned in its last read (sheets, tables and their columns, names) lets
// the following apply go straight to writing without another lookup round trip; anything
// the read did not cover is looked up first.

import { plainCell, UnusableCell } from "../model/dataTypes";
import type { CellValue } from "../model/types";
import { cellAddress, parseCell, parseRange, rangeAddress, type RangeRef } from "./address";
import {
  WorkbookWriteError,
  blockRows,
  type ApplyOptions,
  type CellWrite,
  type ConditionalFormatRule,
  type NamedRangeInfo,
  type RangeSnapshot,
  type ReadRequest,
  type ReadResult,
  type RegionInfo,
  type SelectionInfo,
  type SheetSnapshot,
  type SheetTitle,
  type TableInfo,
  type TableRowSnapshot,
  type TableSnapshot,
  type WorkbookChange,
  type WorkbookPort,
} from "./port";
import { assertWithinExcelLimits } from "./limits";

/** Request payload kept per chunk: well under Excel on the web's 5 MB limit. */
export const MAX_REQUEST_BYTES = 4_000_000;
/** Response kept per round trip, like requests: well under Excel on the web's 5 MB limit. */
export const MAX_RESPONSE_BYTES = 4_000_000;
/**
 * Cells of table values a read returns at most; larger tables come back without `rows`
 * (Excel computes the outputs anyway). The estimated bytes bound it too: see VALUES_BUDGET_BYTES.
 */
export const MAX_READ_CELLS = 100_000;
/** Estimated response bytes the data rows' values may take in one read; over it the table comes back without `rows`. */
export const VALUES_BUDGET_BYTES = 3_000_000;
/**
 * Estimated response bytes of whole output columns' formulas (a formula may be 8,192
 * characters long); over it each column is summarised: its first formula and its typed
 * values, which are what tells the add-in's column from a user's.
 */
export const FORMULAS_BUDGET_BYTES = 500_000;
/** Rows sampled to estimate what a whole read would weigh. */
export const SAMPLE_ROWS = 10;
/** Rows of a plain range read first, to learn what a row weighs before sizing the next chunks. */
export const FIRST_RANGE_CHUNK_ROWS = 500;
/**
 * Cells read first as typed values, to learn what one weighs before sizing the next reads: a
 * linked entity comes with its properties (a Geography value carries dozens), so one cell
 * can weigh kilobytes where its "#VALUE!" through `values` weighed ten bytes.
 */
export const FIRST_DATA_TYPE_CELLS = 50;
/**
 * What Range.values gives for a cell holding an entity, a linked entity (Stocks, Geography),
 * an image or an array: their basicValue ("Excel JavaScript API data types core concepts":
 * values returns only basic types, and an entity's basicValue is "#VALUE!").
 */
const DATA_TYPE_BASIC_VALUE = "#VALUE!";
/** Chart series added and given their ranges one by one (ChartSeriesCollection.add, setValues, setXAxisValues). */
const CHART_SERIES_API = "1.7";
/** ChartAxis.position: where the other axis crosses. */
const CHART_AXIS_POSITION_API = "1.8";
/** Range.getSpecialCells and RangeAreas (the summary of a long column) need this ExcelApi set. */
const SPECIAL_CELLS_API = "1.9";
/** Range.valuesAsJson: typed cell values, a string that Excel stores as it is. */
const TYPED_VALUES_API = "1.16";
/** Workbook and Worksheet notes (NoteCollection, Note: "Work with notes using the Excel JavaScript API"). */
const NOTES_API = "1.18";
/** Excel keeps add-ins' writes on its undo stack from ExcelApi 1.19 (undo capabilities article's first release). */
const UNDO_API = "1.19";
/** Excel.run's mergeUndoGroup (RunOptions, ExcelApi 1.20). */
const UNDO_GROUP_API = "1.20";
/** Cells of one array write past which Office.js splits it into several actions (see splitsUndo). */
export const UNDO_SPLIT_CELLS = 1_500;
/** Errors of a merged undo group that the same writes, not merged, do not meet. */
const UNDO_GROUP_REFUSED = new Set(["UndoNotSupported", "GeneralException"]);

/** The slice of the Office.js globals the adapter uses, injectable so tests can count round trips. */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: { mergeUndoGroup?: boolean }): Promise<T>;
  /** ExcelApi requirement set check, e.g. "1.20". */
  supports(version: string): boolean;
  /** A batch on an earlier batch's context (Excel.run(context, batch)): removing an event handler needs the context that added it. */
  runOn?<T>(context: OfficeExtension.ClientRequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Another requirement set, e.g. ("ExcelUndoApiAll", "1.0"); a host without this check is taken not to have any. */
  supportsSet?(name: string, version: string): boolean;
}

export const officeHost: ExcelHost = {
  run: (batch, options) => (options?.mergeUndoGroup ? Excel.run({ mergeUndoGroup: true }, batch) : Excel.run(batch)),
  runOn: (context, batch) => Excel.run(context, batch),
  supports: (version) => officeHost.supportsSet!("ExcelApi", version),
  supportsSet: (name, version) => {
    try {
      return Office.context.requirements.isSetSupported(name, version);
    } catch {
      return false;
    }
  },
};

interface Knowledge {
  sheets: Set<string>;
  tables: Map<string, string>; // lower-case -> actual name
  names: Set<string>;
  columns: Map<string, Set<string>>; // lower-case table -> lower-case column names
  rows: Map<string, number>; // lower-case table -> data rows, where a read counted them
}

const lower = (s: string) => s.toLowerCase();

export class ExcelWorkbook implements WorkbookPort {
  readonly kind = "excel" as const;
  private known: Knowledge | null = null;
  /** Chart names per sheet (lower-case), as looked up by the last apply that drew charts there. */
  private readonly chartNames = new Map<string, Set<string>>();

  constructor(private readonly host: ExcelHost = officeHost) {}

  async listTables(): Promise<TableInfo[]> {
    return this.host.run(async (context) => {
      const tables = context.workbook.tables.load("items/name,items/showTotals");
      await context.sync();
      const parts = tables.items.map((table) => ({
        table,
        sheet: table.worksheet.load("name"),
        range: table.getRange().load("address,rowCount"),
        header: table.getHeaderRowRange().load("values"),
      }));
      await context.sync();
      return parts.map(({ table, sheet, range, header }) => ({
        name: table.name,
        sheet: sheet.name,
        headers: header.values[0].map(text),
        rowCount: range.rowCount - 1 - (table.showTotals ? 1 : 0),
        address: bare(range.address),
      }));
    });
  }

  async read(request: ReadRequest): Promise<ReadResult> {
    try {
      return await this.readOnce(request, false);
    } catch (error) {
      // What a read asks for at once is sized from its first rows; heavier rows further down
      // can still pass the response limit. Read again, every large block in sized chunks.
      if (!RESPONSE_TOO_LARGE.has(codeOf(error))) throw error;
      return this.readOnce(request, true);
    }
  }

  /** `inChunks`: table rows, output column formulas and used ranges come in chunks of rows (see readRows). */
  private async readOnce(request: ReadRequest, inChunks: boolean): Promise<ReadResult> {
    return this.host.run(async (context) => {
      const wb = context.workbook;
      // Phase 1: what exists. Collections and *OrNullObject lookups only: nothing is called on an object that may not exist.
      const sheets = wb.worksheets.load("items/name");
      const tables = wb.tables.load("items/name");
      // A name that no longer refers to a range (its sheet deleted: #REF!) is read as missing, so
      // the caller rebuilds it; getRange would fail the whole read (NamedItem.getRange throws
      // when the item's type is not a range).
      const names = wb.names.load("items/name,items/type");
      const settings = (request.settings ?? []).map((key) => ({ key, item: wb.settings.getItemOrNullObject(key).load("value") }));
      await context.sync();
      const known: Knowledge = {
        sheets: new Set(sheets.items.map((s) => lower(s.name))),
        tables: new Map(tables.items.map((t) => [lower(t.name), t.name])),
        names: new Set(names.items.map((n) => lower(n.name))),
        columns: new Map(),
        rows: new Map(),
      };
      this.known = known;
      const rangeNames = new Set(names.items.filter((n) => n.type === "Range").map((n) => lower(n.name)));

      // Phase 2: the details of what exists.
      const tableName = request.table ? known.tables.get(lower(request.table.name)) : undefined;
      const table = tableName ? wb.tables.getItem(tableName) : null;
      // The first rows, to estimate what reading whole columns would weigh before asking for
      // them. Taken for evaluation's reads (those asking for column formulas); a read of values
      // alone (the checklist, prepare for finance) is bounded by MAX_READ_CELLS only.
      const sampled = Boolean(request.table && (request.table.formulasOf ?? []).length > 0);
      const tableParts = table
        ? {
            table: table.load("name,showTotals"),
            sheet: table.worksheet.load("name"),
            range: table.getRange().load("address,rowCount,columnCount"),
            header: table.getHeaderRowRange().load("values"),
            sample: sampled ? table.getHeaderRowRange().getRowsBelow(SAMPLE_ROWS).load("values,formulas") : null,
            // The sheet's notes (ExcelApi 1.18); where each sits is asked for in the next round trip.
            notes: request.table?.notes && this.host.supports(NOTES_API) ? table.worksheet.notes.load("items/content") : null,
          }
        : null;
      // Values only: a used range counts formatted cells, and one formatted column would make
      // it a million rows long (getUsedRangeOrNullObject's valuesOnly).
      const sheetParts = (request.sheets ?? [])
        .filter((s) => known.sheets.has(lower(s)))
        .map((s) => ({ sheet: s, used: wb.worksheets.getItem(s).getUsedRangeOrNullObject(true).load(inChunks ? "address" : "address,values,formulas") }));
      // A title is one cell: the rest of the sheet (a finance summary of many rows) is not read.
      const spelled = new Map(sheets.items.map((s) => [lower(s.name), s.name]));
      const titleParts = (request.sheetTitles ?? [])
        .filter((s) => known.sheets.has(lower(s)))
        .map((s) => ({ sheet: s, cell: wb.worksheets.getItem(s).getRange("A1").load("values") }));
      const nameParts = (request.names ?? [])
        .filter((n) => rangeNames.has(lower(n)))
        .map((n) => ({ name: n, range: wb.names.getItem(n).getRangeOrNullObject().load("address") }));
      await context.sync();

      // Phase 3 (only when needed): the data rows' values, within budget, and formulas of the columns asked for.
      let snapshot: TableSnapshot | null = null;
      if (tableParts && request.table) {
        const headers = tableParts.header.values[0].map(text);
        known.columns.set(lower(tableParts.table.name), new Set(headers.map(lower)));
        const rowCount = tableParts.range.rowCount - 1 - (tableParts.table.showTotals ? 1 : 0);
        known.rows.set(lower(tableParts.table.name), rowCount);
        const sample = tableParts.sample
          ? { values: tableParts.sample.values.slice(0, rowCount), formulas: tableParts.sample.formulas.slice(0, rowCount) }
          : { values: [], formulas: [] };
        const valueBytes = rowCount * Math.max(0, ...sample.values.map(jsonBytes));
        const wantValues = request.table.values && rowCount > 0 && rowCount * headers.length <= MAX_READ_CELLS && valueBytes <= VALUES_BUDGET_BYTES;
        const formulaHeaders = (request.table.formulasOf ?? [])
          .map((h) => headers.find((x) => lower(x) === lower(h)))
          .filter((h, i, all): h is string => h !== undefined && all.indexOf(h) === i);
        const body = wantValues && !inChunks ? table!.getDataBodyRange().load("values") : null;
        // Every formula of a long column would overflow the response; a calculated column is
        // one formula, so its first cell and where typed values sit tell the same story. Hosts
        // without RangeAreas are desktop builds, which do not limit responses that way.
        const columnOf = (h: string) => headers.findIndex((x) => x === h);
        const formulaBytes = formulaHeaders.reduce((n, h) => n + rowCount * (4 + Math.max(0, ...sample.formulas.map((row) => jsonBytes(row[columnOf(h)] ?? "")))), 0);
        const whole = formulaBytes <= FORMULAS_BUDGET_BYTES || !this.host.supports(SPECIAL_CELLS_API);
        const formulaRanges =
          rowCount > 0
            ? formulaHeaders.map((h) => {
                const column = table!.columns.getItem(h).getDataBodyRange();
                return whole
                  ? { h, whole: inChunks ? null : column.load("formulas"), constants: null, formulas: null }
                  : {
                      h,
                      whole: null,
                      constants: column.getSpecialCellsOrNullObject("Constants").load("cellCount,areaCount"),
                      formulas: column.getSpecialCellsOrNullObject("Formulas").load("cellCount"),
                    };
              })
            : [];
        const noteCells = (tableParts.notes?.items ?? []).map((note) => ({ note, cell: note.getLocation().load("address") }));
        if (body || formulaRanges.length > 0 || noteCells.length > 0) await context.sync();
        const columnFormulas: Record<string, CellValue[]> = {};
        for (const h of formulaHeaders) columnFormulas[h] = [];
        // The table's data rows as a plain area, for reading in chunks.
        const tableArea = parseRange(bare(tableParts.range.address));
        const bodyArea = { ...tableArea, top: tableArea.top + 1, bottom: tableArea.top + rowCount };
        const sheetName = tableParts.sheet.name;
        const read = wantValues && inChunks ? (await this.readRows(context, sheetName, bodyArea, true, false)).values : body ? (body.values as CellValue[][]) : undefined;
        const rows = read && (await this.withDataTypes(context, sheetName, bodyArea, read));
        for (const { h, whole: cells, constants, formulas } of formulaRanges) {
          if (inChunks && whole) {
            const left = bodyArea.left + columnOf(h);
            columnFormulas[h] = (await this.readRows(context, sheetName, { ...bodyArea, left, right: left }, false, true)).formulas.map((row) => row[0]);
            continue;
          }
          if (cells) {
            columnFormulas[h] = cells.formulas.map((row) => row[0] as CellValue);
            continue;
          }
          const first = (sample.formulas[0]?.[columnOf(h)] ?? "") as CellValue;
          const summary: CellValue[] = [first];
          const formulaCount = formulas && !formulas.isNullObject ? formulas.cellCount : 0;
          // Formulas below a first cell that holds none were not read: they may be the user's.
          if (!isFormula(first) && formulaCount > 0) summary.push(`(${formulaCount} formulas not read, below a first cell without one)`);
          if (constants && !constants.isNullObject) summary.push(`(${constants.cellCount} typed values in ${constants.areaCount} blocks)`);
          columnFormulas[h] = summary;
        }
        snapshot = {
          name: tableParts.table.name,
          sheet: tableParts.sheet.name,
          headers,
          rowCount,
          address: bare(tableParts.range.address),
          rows: rows ?? (request.table.values && rowCount === 0 ? [] : undefined),
          columnFormulas,
          ...(tableParts.notes
            ? {
                notes: noteCells
                  .map(({ note, cell }) => ({ address: bare(cell.address), text: note.content }))
                  .filter(({ address }) => {
                    const at = parseCell(address);
                    return at.row >= tableArea.top && at.row <= tableArea.bottom && at.column >= tableArea.left && at.column <= tableArea.right;
                  }),
              }
            : {}),
        };
      }
      const settingValues: Record<string, string | undefined> = {};
      for (const { key, item } of settings) settingValues[key] = item.isNullObject ? undefined : String(item.value);
      const nameValues: Record<string, NamedRangeInfo | undefined> = {};
      for (const n of request.names ?? []) nameValues[n] = undefined;
      for (const { name, range } of nameParts) {
        if (range.isNullObject) continue;
        const [sheet, address] = splitAddress(range.address);
        nameValues[name] = { sheet, address };
      }
      const sheetValues: Record<string, SheetSnapshot | null> = {};
      for (const s of request.sheets ?? []) sheetValues[s] = null;
      for (const { sheet, used } of sheetParts) {
        if (used.isNullObject) sheetValues[sheet] = { name: sheet, origin: "", values: [], formulas: [] };
        else {
          const area = parseRange(bare(used.address));
          const start = rangeAddress(area).split(":")[0];
          const cells = inChunks ? await this.readRows(context, sheet, area, true, true) : { values: used.values as CellValue[][], formulas: used.formulas as CellValue[][] };
          sheetValues[sheet] = { name: sheet, origin: start, values: cells.values, formulas: cells.formulas };
        }
      }
      const titles: Record<string, SheetTitle | null> = {};
      for (const s of request.sheetTitles ?? []) titles[s] = null;
      for (const { sheet, cell } of titleParts) titles[sheet] = { name: spelled.get(lower(sheet)) ?? sheet, title: cell.values[0][0] as CellValue };
      const ranges: (RangeSnapshot | null)[] = [];
      for (const r of request.ranges ?? []) {
        if (!known.sheets.has(lower(r.sheet))) {
          ranges.push(null);
          continue;
        }
        const area = parseRange(r.address);
        const read = await this.readRows(context, r.sheet, area, r.values !== false, Boolean(r.formulas));
        const values = r.values === false ? undefined : await this.withDataTypes(context, r.sheet, area, read.values);
        ranges.push({ values, formulas: r.formulas ? read.formulas : undefined });
      }
      return { table: snapshot, settings: settingValues, names: nameValues, sheets: sheetValues, titles, ranges };
    });
  }

  /**
   * A block of cells, one round trip per chunk of rows, because Excel limits responses as it
   * limits requests. A first small chunk shows what a row weighs; each following chunk is
   * sized from the heaviest row seen so far (formulas of 80 bytes and more made a chunk of
   * MAX_READ_CELLS cells weigh over 7 MB).
   */
  private async readRows(context: Excel.RequestContext, sheetName: string, area: RangeRef, wantValues: boolean, wantFormulas: boolean): Promise<{ values: CellValue[][]; formulas: CellValue[][] }> {
    const width = area.right - area.left + 1;
    const mostRows = Math.max(1, Math.floor(MAX_READ_CELLS / width));
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    const properties = [wantValues ? "values" : "", wantFormulas ? "formulas" : ""].filter(Boolean).join(",");
    let heaviestRow = 1;
    let perChunk = Math.min(mostRows, FIRST_RANGE_CHUNK_ROWS);
    for (let top = area.top; top <= area.bottom; ) {
      const rows = Math.min(perChunk, area.bottom - top + 1);
      const part = sheet.getRangeByIndexes(top, area.left, rows, width).load(properties);
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the next chunk's size depends on what this one weighed, known only once it is read
      await context.sync();
      const partValues = wantValues ? (part.values as CellValue[][]) : [];
      const partFormulas = wantFormulas ? (part.formulas as CellValue[][]) : [];
      values.push(...partValues);
      formulas.push(...partFormulas);
      for (let i = 0; i < rows; i++) heaviestRow = Math.max(heaviestRow, jsonBytes(partValues[i] ?? []) + jsonBytes(partFormulas[i] ?? []));
      perChunk = Math.max(1, Math.min(mostRows, Math.floor(VALUES_BUDGET_BYTES / heaviestRow)));
      top += rows;
    }
    return { values, formulas };
  }

  /**
   * `values` (of the cells from `area`'s top-left corner) with the data types they hold read
   * as the functions read them (../model/dataTypes): a Geography or Stocks value by its text.
   * Range.values gave such a cell as its basicValue, "#VALUE!"; only those cells are read
   * again, through valuesAsJson (ExcelApi 1.16), which returns the whole object and weighs
   * far more per cell than values. The first FIRST_DATA_TYPE_CELLS show what a cell weighs;
   * each following read is sized from the heaviest seen so far to stay within
   * VALUES_BUDGET_BYTES. A real error or an image keeps "#VALUE!", and so does every such cell
   * on a host without 1.16 (the row's error then says how to read it). No "#VALUE!", no round trip.
   */
  private async withDataTypes(context: Excel.RequestContext, sheetName: string, area: Pick<RangeRef, "top" | "left">, values: CellValue[][]): Promise<CellValue[][]> {
    if (!this.host.supports(TYPED_VALUES_API)) return values;
    // Runs down each column of cells reading "#VALUE!": one range per run.
    const runs: { row: number; column: number; rows: number }[] = [];
    const open = new Map<number, { row: number; column: number; rows: number }>();
    for (let r = 0; r < values.length; r++) {
      const row = values[r];
      for (let c = 0; c < row.length; c++) {
        if (row[c] !== DATA_TYPE_BASIC_VALUE) continue;
        const run = open.get(c);
        if (run && run.row + run.rows === r) run.rows++;
        else {
          const next = { row: r, column: c, rows: 1 };
          runs.push(next);
          open.set(c, next);
        }
      }
    }
    if (runs.length === 0) return values;
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const out = values.slice();
    let heaviest = 1;
    let perRead = FIRST_DATA_TYPE_CELLS;
    let at = 0; // the run being read
    let done = 0; // its cells read so far
    while (at < runs.length) {
      const start = { at, done };
      const parts: { row: number; column: number; range: Excel.Range }[] = [];
      for (let cells = 0; at < runs.length && cells < perRead; ) {
        const run = runs[at];
        const rows = Math.min(run.rows - done, perRead - cells);
        parts.push({ row: run.row + done, column: run.column, range: sheet.getRangeByIndexes(area.top + run.row + done, area.left + run.column, rows, 1).load("valuesAsJson") });
        cells += rows;
        done += rows;
        if (done === run.rows) {
          at++;
          done = 0;
        }
      }
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the next read's size depends on what this one weighed, known only once it is read
        await context.sync();
      } catch (error) {
        // Heavier cells than the ones seen so far: the same cells again, half as many at a time.
        if (!RESPONSE_TOO_LARGE.has(codeOf(error)) || perRead === 1) throw error;
        perRead = Math.max(1, Math.floor(perRead / 2));
        ({ at, done } = start);
        continue;
      }
      for (const part of parts)
        part.range.valuesAsJson.forEach((cells, i) => {
          heaviest = Math.max(heaviest, jsonBytes(cells[0]));
          const plain = plainCell(cells[0]);
          if (plain instanceof UnusableCell) return;
          const r = part.row + i;
          if (out[r] === values[r]) out[r] = values[r].slice();
          out[r][part.column] = plain;
        });
      perRead = Math.max(1, Math.floor(VALUES_BUDGET_BYTES / heaviest));
    }
    return out;
  }

  async apply(changes: readonly WorkbookChange[], options: ApplyOptions = {}): Promise<void> {
    assertWithinExcelLimits(changes);
    // One undo step where Excel groups undo (ExcelApi 1.20 and the ExcelUndoApiAll set, as the
    // undo capabilities article checks) and the writes are not ones a group refuses.
    const merge =
      this.host.supports(UNDO_GROUP_API) && this.host.supportsSet?.("ExcelUndoApiAll", "1.0") === true && !changes.some((c) => this.splitsUndo(c));
    const made = new Set<string>();
    if (!merge) return this.applyOnce(changes, options, false, made);
    try {
      return await this.applyOnce(changes, options, true, made);
    } catch (error) {
      // A write Excel cannot group fails the merged group with UndoNotSupported (undo
      // capabilities article; office-js issues 6491, 6711), or with GeneralException
      // (issue 6255). Every change is safe to repeat: sheets, names, columns and charts are
      // looked up again and kept or replaced, values are rewritten, a table made by the first
      // attempt is not made twice.
      if (!(error instanceof WorkbookWriteError) || !UNDO_GROUP_REFUSED.has(codeOf(error.cause))) throw error;
      this.known = null;
      return this.applyOnce(changes, options, false, made);
    }
  }

  /**
   * Office.js splits an array of more than UNDO_SPLIT_CELLS cells into several actions, which
   * a merged undo group refuses (issue 6491: a 1,600-cell write fails with UndoNotSupported).
   */
  private splitsUndo(change: WorkbookChange): boolean {
    const cells = (rows: readonly (readonly unknown[])[]) => rows.reduce((n, r) => n + r.length, 0);
    switch (change.kind) {
      case "writeRange":
        return ("cell" in change.cells ? change.cells.rows * change.cells.columns : cells(change.cells)) > UNDO_SPLIT_CELLS;
      case "createTable":
        return cells(change.rows) + change.headers.length > UNDO_SPLIT_CELLS;
      case "setTableColumn":
        return (change.rowCount ?? change.values?.length ?? this.known?.rows.get(lower(change.table)) ?? 0) > UNDO_SPLIT_CELLS;
      case "formatRange": {
        if (change.format.numberFormat === undefined) return false;
        const area = parseRange(change.address);
        return (area.bottom - area.top + 1) * (area.right - area.left + 1) > UNDO_SPLIT_CELLS;
      }
      default:
        return false;
    }
  }

  /** `made`: tables this apply created, kept across a second attempt so none is made twice. */
  private async applyOnce(changes: readonly WorkbookChange[], options: ApplyOptions, merge: boolean, made: Set<string>): Promise<void> {
    const written: WorkbookChange[] = [];
    let pending: WorkbookChange[] = [];
    // worksheets.add clears the undo stack on Excel on Windows (office-js issue 6170), and before
    // ExcelApi 1.19 Excel kept no undo for add-ins at all; then Undo does not take an apply back.
    let addsSheet = false;
    const fail = (message: string, done: readonly WorkbookChange[], uncertain: readonly WorkbookChange[], error: unknown) =>
      new WorkbookWriteError(message, done, uncertain, error, merge && !addsSheet && this.host.supports(UNDO_API));
    await this.host.run(
      async (context) => {
        const known = await this.knowledgeFor(context, changes);
        addsSheet = changes.some((c) => c.kind === "ensureSheet" && !known.sheets.has(lower(c.sheet)));
        await this.lookUpCharts(context, changes, known);
        // A chunked write spans several round trips: it counts as written once its last chunk is through.
        const sync = async (inProgress?: WorkbookChange) => {
          try {
            await context.sync();
          } catch (error) {
            throw fail(messageOf(error), [...written], pending, error);
          }
          written.push(...pending.filter((c) => c !== inProgress));
          pending = inProgress ? [inProgress] : [];
          options.onProgress?.(written.length, changes.length);
        };
        let bytes = 0;
        // Large blocks go in chunks, each its own request under the payload limit.
        const inChunks = async (change: WorkbookChange, cells: readonly (readonly CellWrite[])[], write: (first: number, rows: readonly (readonly CellWrite[])[]) => void) => {
          for (const chunk of chunkRows(cells, MAX_REQUEST_BYTES - bytes, MAX_REQUEST_BYTES)) {
            if (chunk.first > 0 || (chunk.bytes + bytes > MAX_REQUEST_BYTES && bytes > 0)) {
              await sync(change);
              bytes = 0;
            }
            write(chunk.first, chunk.rows);
            bytes += chunk.bytes;
          }
        };
        for (const change of changes) {
          pending.push(change);
          if (change.kind === "writeRange" || change.kind === "createTable") {
            const cells = change.kind === "writeRange" ? blockRows(change.cells) : [change.headers as readonly CellWrite[], ...change.rows];
            const start = parseCell(change.address);
            const sheet = context.workbook.worksheets.getItem(change.sheet);
            await inChunks(change, cells, (first, rows) => writeBlock(sheet, start.row + first, start.column, rows, this.host.supports(TYPED_VALUES_API)));
            if (change.kind === "createTable" && !(made.has(lower(change.name)) && known.tables.has(lower(change.name)))) {
              const width = change.headers.length;
              const area = { top: start.row, left: start.column, bottom: start.row + change.rows.length, right: start.column + width - 1 };
              const table = sheet.tables.add(rangeAddress(area), true);
              table.name = change.name;
              made.add(lower(change.name));
              known.tables.set(lower(change.name), change.name);
              known.columns.set(lower(change.name), new Set(change.headers.map(lower)));
            }
            continue;
          }
          const grids = this.queue(context, change, known, merge, made);
          bytes += estimateBytes(change);
          for (const grid of grids) {
            let rows = grid.rows;
            if (rows === undefined) {
              grid.range.load("rowCount");
              await sync(change);
              bytes = 0;
              rows = grid.range.rowCount;
            }
            const cells = Array.from({ length: rows }, (_, r) => grid.row(r));
            const total = rows;
            await inChunks(change, cells, (first, part) => {
              const target = first === 0 && part.length === total ? grid.range : grid.range.getCell(first, 0).getResizedRange(part.length - 1, grid.columns - 1);
              setGrid(target, grid.property, part);
            });
          }
        }
        if (pending.length > 0) await sync();
      },
      { mergeUndoGroup: merge },
    ).catch((error) => {
      if (error instanceof WorkbookWriteError) throw error;
      throw fail(messageOf(error), written, pending.length > 0 ? pending : changes.slice(written.length), error);
    });
  }

  async detectRegion(): Promise<RegionInfo | null> {
    return this.host.run(async (context) => {
      const active = context.workbook.getActiveCell();
      const sheet = active.worksheet.load("name");
      const region = active.getSurroundingRegion().load("address,rowCount,columnCount");
      const header = active.getSurroundingRegion().getRow(0).load("values");
      const owners = active.getSurroundingRegion().getTables(false).load("items/name");
      await context.sync();
      const owner = owners.items[0];
      const values = header.values[0].map(text);
      if (region.rowCount <= 1 && values.every((v) => v === "")) return null;
      if (owner) {
        const table = context.workbook.tables.getItem(owner.name);
        const range = table.getRange().load("address,rowCount");
        const headers = table.getHeaderRowRange().load("values");
        await context.sync();
        return { sheet: sheet.name, address: bare(range.address), headers: headers.values[0].map(text), rowCount: range.rowCount - 1, table: owner.name };
      }
      return { sheet: sheet.name, address: bare(region.address), headers: values, rowCount: region.rowCount - 1 };
    });
  }

  async getSelection(): Promise<SelectionInfo | null> {
    return this.host.run(async (context) => {
      const active = context.workbook.getActiveCell().load("address,rowIndex");
      const sheet = active.worksheet.load("name");
      const owners = active.getTables(false).load("items/name");
      await context.sync();
      const owner = owners.items[0];
      const address = bare(active.address);
      if (!owner) return { sheet: sheet.name, address };
      const body = context.workbook.tables.getItem(owner.name).getDataBodyRange().load("rowIndex,rowCount");
      await context.sync();
      const rowIndex = active.rowIndex - body.rowIndex;
      if (rowIndex < 0 || rowIndex >= body.rowCount) return { sheet: sheet.name, address, table: owner.name };
      return { sheet: sheet.name, address, table: owner.name, rowIndex };
    });
  }

  /**
   * The selection is not looked up per event (two round trips each): the listener is told
   * that it moved, and calls getSelection when it needs the cell, after a burst of moves.
   */
  async onSelectionChanged(listener: (selection?: SelectionInfo | null) => void): Promise<() => Promise<void>> {
    const registration = await this.host.run(async (context) => {
      const handler = context.workbook.onSelectionChanged.add(async () => {
        listener(undefined);
      });
      await context.sync();
      return handler;
    });
    const runOn = this.host.runOn ?? ((context, batch) => Excel.run(context, batch));
    return async () => {
      await runOn(registration.context, async (context) => {
        registration.remove();
        await context.sync();
      });
    };
  }

  /**
   * One round trip. Range.select() "Selects the specified range in the Excel UI" (ExcelApi
   * 1.1, @types/office-js Excel.Range.select; "Work with ranges using the Excel JavaScript
   * API", section "Set the selected range", selects on the active worksheet), so the sheet is
   * activated first (Worksheet.activate, ExcelApi 1.1: "Activate the worksheet in the Excel UI").
   */
  async selectCell(sheet: string, address: string): Promise<boolean> {
    return this.host.run(async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.activate();
      worksheet.getRange(address).select();
      await context.sync();
      return true;
    });
  }

  /** The header row and one data row, whatever the table's size: two round trips (a third when the row holds a data type), no more cells. */
  async readTableRow(table: string, rowIndex: number): Promise<TableRowSnapshot | null> {
    return this.host.run(async (context) => {
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      const name = tables.items.map((t) => t.name).find((n) => lower(n) === lower(table));
      if (name === undefined) return null;
      const found = context.workbook.tables.getItem(name).load("name,showTotals");
      const sheet = found.worksheet.load("name");
      const range = found.getRange().load("address,rowCount");
      const header = found.getHeaderRowRange().load("values");
      // An offset of the header row: a row index past the table's end is still a valid range.
      const row = rowIndex >= 0 ? found.getHeaderRowRange().getOffsetRange(rowIndex + 1, 0).load("values") : null;
      await context.sync();
      const rowCount = range.rowCount - 1 - (found.showTotals ? 1 : 0);
      const address = bare(range.address);
      const { top, left } = parseRange(address);
      const cells = row && rowIndex < rowCount ? (await this.withDataTypes(context, sheet.name, { top: top + 1 + rowIndex, left }, [row.values[0] as CellValue[]]))[0] : null;
      return {
        name: found.name,
        sheet: sheet.name,
        headers: header.values[0].map(text),
        rowCount,
        address,
        row: cells,
      };
    });
  }

  // ---- Changes ----

  /** What exists, from the last read; looked up again only when a change names something it did not cover. */
  private async knowledgeFor(context: Excel.RequestContext, changes: readonly WorkbookChange[]): Promise<Knowledge> {
    const known = this.known;
    const tableOf = (c: WorkbookChange) => (c.kind === "setTableColumn" ? c.table : null);
    const covered =
      known !== null &&
      changes.every((c) => {
        const t = tableOf(c);
        return t === null || known.columns.has(lower(t));
      });
    if (covered) return known!;
    const sheets = context.workbook.worksheets.load("items/name");
    const tables = context.workbook.tables.load("items/name");
    const names = context.workbook.names.load("items/name");
    const wanted = [...new Set(changes.map(tableOf).filter((t): t is string => t !== null))];
    const columns = wanted.map((t) => ({ t, cols: context.workbook.tables.getItem(t).columns.load("items/name") }));
    await context.sync();
    const fresh: Knowledge = {
      sheets: new Set(sheets.items.map((s) => lower(s.name))),
      tables: new Map(tables.items.map((t) => [lower(t.name), t.name])),
      names: new Set(names.items.map((n) => lower(n.name))),
      columns: new Map(columns.map(({ t, cols }) => [lower(t), new Set(cols.items.map((c) => lower(c.name)))])),
      rows: known?.rows ?? new Map(),
    };
    this.known = fresh;
    return fresh;
  }

  /**
   * Chart names of the existing sheets a setChart targets, looked up again at every such
   * apply (the user adds, renames and deletes charts between two): one round trip, only then.
   * A sheet the apply creates has no chart to look up.
   */
  private async lookUpCharts(context: Excel.RequestContext, changes: readonly WorkbookChange[], known: Knowledge): Promise<void> {
    this.chartNames.clear();
    const sheets = [...new Set(changes.flatMap((c) => (c.kind === "setChart" ? [c.sheet] : [])))].filter((s) => known.sheets.has(lower(s)));
    if (sheets.length === 0) return;
    const parts = sheets.map((s) => ({ s, charts: context.workbook.worksheets.getItem(s).charts.load("items/name") }));
    await context.sync();
    for (const { s, charts } of parts) this.chartNames.set(lower(s), new Set(charts.items.map((c) => lower(c.name))));
  }

  /**
   * Replaces the chart of that name (deleted, then drawn again) and leaves the sheet's other
   * charts alone. Series are set one by one (ExcelApi 1.7) because a chart's categories and
   * series need not be side by side; a host without 1.7 (Excel 2016 bought outright) draws
   * nothing here, and the summary's note says how to insert the chart by hand.
   */
  private drawChart(wb: Excel.Workbook, change: Extract<WorkbookChange, { kind: "setChart" }>): void {
    const { chart: spec, anchor } = change;
    if (!this.host.supports(CHART_SERIES_API) || spec.series.length === 0) return;
    const sheet = wb.worksheets.getItem(change.sheet);
    const names = this.chartNames.get(lower(change.sheet)) ?? new Set<string>();
    this.chartNames.set(lower(change.sheet), names);
    if (names.has(lower(change.name))) sheet.charts.getItem(change.name).delete();
    const type = spec.type === "barStacked" ? "BarStacked" : spec.type === "line" ? "LineMarkers" : "XYScatter";
    // A series along a row (a line over the years' columns) is one series by rows; by columns
    // its source would make one series per column ("Excel.ChartSeriesBy").
    const source = parseRange(spec.series[0].values);
    const by = source.top === source.bottom && source.right > source.left ? "Rows" : "Columns";
    const chart = sheet.charts.add(type as Excel.ChartType, sheet.getRange(spec.series[0].values), by as Excel.ChartSeriesBy);
    chart.name = change.name;
    chart.title.text = spec.title;
    const categories = sheet.getRange(spec.categories);
    spec.series.forEach((s, i) => {
      const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
      series.name = s.name;
      series.setValues(sheet.getRange(s.values));
      series.setXAxisValues(categories);
      if (s.noFill) {
        // A floating bar's base: ChartFill.clear() "clears the fill color of a chart element"
        // (ExcelApi 1.1), and its legend entry is hidden (ChartLegendEntry.visible, ExcelApi 1.7;
        // the legend's entries are the series', by index: ChartLegendEntryCollection.getItemAt).
        series.format.fill.clear();
        chart.legend.legendEntries.getItemAt(i).visible = false;
      }
    });
    if (spec.type === "barStacked") {
      // Excel draws the first category at the bottom; the list reads top-down like the cells.
      chart.axes.categoryAxis.reversePlotOrder = true;
      // Reversed, the value axis would move to the top; from ExcelApi 1.8 it is kept at the bottom.
      if (this.host.supports(CHART_AXIS_POSITION_API)) chart.axes.categoryAxis.position = "Maximum" as Excel.ChartAxisPosition;
      // A tornado's bars run left of zero too: the names stay at the left edge, not on the zero
      // line under the bars (ChartAxis.tickLabelPosition "Low", ExcelApi 1.7).
      chart.axes.categoryAxis.tickLabelPosition = "Low" as Excel.ChartAxisTickLabelPosition;
    }
    if (spec.xAxisTitle) chart.axes.categoryAxis.title.text = spec.xAxisTitle;
    if (spec.yAxisTitle) chart.axes.valueAxis.title.text = spec.yAxisTitle;
    const start = parseCell(anchor.cell);
    chart.setPosition(anchor.cell, cellAddress(start.row + anchor.rows - 1, start.column + anchor.columns - 1));
    names.add(lower(change.name));
  }

  /** Queues a change; what it writes into every cell of a range comes back, for apply to send in chunks. */
  private queue(context: Excel.RequestContext, change: WorkbookChange, known: Knowledge, undoGroup: boolean, made: Set<string>): GridWrite[] {
    const wb = context.workbook;
    switch (change.kind) {
      case "ensureSheet": {
        const sheet = known.sheets.has(lower(change.sheet)) ? wb.worksheets.getItem(change.sheet) : wb.worksheets.add(change.sheet);
        known.sheets.add(lower(change.sheet));
        if (change.activate) sheet.activate();
        return [];
      }
      case "clearRange":
        wb.worksheets.getItem(change.sheet).getRange(change.address).clear();
        return [];
      case "formatRange": {
        const range = wb.worksheets.getItem(change.sheet).getRange(change.address);
        const f = change.format;
        if (f.bold !== undefined) range.format.font.bold = f.bold;
        if (f.italic !== undefined) range.format.font.italic = f.italic;
        if (f.fontColor !== undefined) range.format.font.color = f.fontColor;
        if (f.fill !== undefined) range.format.fill.color = f.fill;
        if (f.wrapText !== undefined) range.format.wrapText = f.wrapText;
        if (f.columnWidth !== undefined) range.format.columnWidth = f.columnWidth;
        if (f.numberFormat === undefined) return [];
        const area = parseRange(change.address);
        const columns = area.right - area.left + 1;
        const numberFormat = f.numberFormat;
        return [{ range, rows: area.bottom - area.top + 1, columns, property: "numberFormat", row: () => Array<CellWrite>(columns).fill(numberFormat) }];
      }
      case "convertRangeToTable": {
        if (made.has(lower(change.name)) && known.tables.has(lower(change.name))) return [];
        const table = wb.worksheets.getItem(change.sheet).tables.add(change.address, true);
        table.name = change.name;
        made.add(lower(change.name));
        known.tables.set(lower(change.name), change.name);
        return [];
      }
      case "setTableColumn": {
        const table = wb.tables.getItem(change.table);
        const columns = known.columns.get(lower(change.table)) ?? new Set<string>();
        const exists = columns.has(lower(change.header));
        const column = exists ? table.columns.getItem(change.header) : table.columns.add(undefined, undefined, change.header);
        columns.add(lower(change.header));
        known.columns.set(lower(change.table), columns);
        const body = column.getDataBodyRange();
        body.conditionalFormats.clearAll();
        for (const rule of change.conditionalFormats ?? []) addConditionalFormat(body, rule);
        // The same formula on every row: Excel keeps it as the column's calculated formula.
        const rows = change.rowCount ?? change.values?.length ?? change.cachedValues?.length;
        const grids: GridWrite[] = [];
        const { formula, values, numberFormat } = change;
        if (formula !== undefined) grids.push({ range: body, rows, columns: 1, property: "formulas", row: () => [{ formula }] });
        else if (values) grids.push({ range: body, rows: values.length, columns: 1, property: "values", row: (r) => [(values[r] ?? "") as CellWrite] });
        if (numberFormat) grids.push({ range: body, rows, columns: 1, property: "numberFormat", row: () => [numberFormat] });
        return grids;
      }
      case "setName": {
        if (known.names.has(lower(change.name))) wb.names.getItem(change.name).delete();
        // A name's comment has no undo on Excel on the web, which would fail the whole undo group.
        wb.names.add(change.name, wb.worksheets.getItem(change.sheet).getRange(change.address), undoGroup ? undefined : change.comment);
        known.names.add(lower(change.name));
        return [];
      }
      case "setSetting":
        wb.settings.add(change.key, change.value);
        return [];
      case "setNote": {
        // The read that saw the note said whether there is one: getItem of a cell without a
        // note fails the sync with ItemNotFound (NoteCollection.getItem), and what add does on
        // a cell that has one is not documented, so neither is left to chance.
        const notes = wb.worksheets.getItem(change.sheet).notes;
        if (change.replaces && change.text === null) notes.getItem(change.address).delete();
        else if (change.replaces) notes.getItem(change.address).content = change.text!;
        else if (change.text !== null) notes.add(wb.worksheets.getItem(change.sheet).getRange(change.address), change.text);
        return [];
      }
      case "setChart":
        this.drawChart(wb, change);
        return [];
      case "writeRange":
      case "createTable":
        return []; // written in chunks by apply
    }
  }
}

/**
 * One property of every cell of a range (a formula, a value or a number format per cell).
 * Range.formulas, values and numberFormat are 2-D arrays (any[][] in the Excel.Range
 * reference): a single value for a whole range is undocumented and reported to work on
 * desktop only, so apply sends full arrays, in chunks under the request limit.
 */
interface GridWrite {
  readonly range: Excel.Range;
  /** Rows of the range; when the change does not say, apply loads it first. */
  readonly rows: number | undefined;
  readonly columns: number;
  readonly property: "formulas" | "values" | "numberFormat";
  /** Row r's cells, as the chunker sizes them. */
  readonly row: (r: number) => CellWrite[];
}

function setGrid(range: Excel.Range, property: GridWrite["property"], rows: readonly (readonly CellWrite[])[]): void {
  const grid = rows.map((row) => row.map((cell) => (cell !== null && typeof cell === "object" ? cell.formula : cell)));
  if (property === "formulas") range.formulas = grid as string[][];
  else if (property === "values") range.values = grid as never;
  else range.numberFormat = grid as string[][];
}

function addConditionalFormat(range: Excel.Range, rule: ConditionalFormatRule): void {
  if (rule.kind === "cellValue") {
    const cf = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType.cellValue);
    cf.cellValue.format.fill.color = rule.fill;
    if (rule.fontColor) cf.cellValue.format.font.color = rule.fontColor;
    const operator = ({ between: "Between", greaterThan: "GreaterThan", greaterThanOrEqual: "GreaterThanOrEqual", lessThan: "LessThan", lessThanOrEqual: "LessThanOrEqual", equal: "EqualTo" } as const)[rule.operator];
    cf.cellValue.rule = { formula1: `=${rule.bounds[0]}`, formula2: rule.bounds[1] !== undefined ? `=${rule.bounds[1]}` : undefined, operator };
  } else {
    const cf = range.conditionalFormats.add("ContainsText" as Excel.ConditionalFormatType.containsText);
    cf.textComparison.format.fill.color = rule.fill;
    if (rule.fontColor) cf.textComparison.format.font.color = rule.fontColor;
    cf.textComparison.rule = { operator: "Contains" as Excel.ConditionalTextOperator.contains, text: rule.text };
  }
}

interface Chunk {
  readonly first: number;
  readonly rows: readonly (readonly CellWrite[])[];
  readonly bytes: number;
}

/** Splits rows into consecutive chunks whose estimated request payload stays under `limit` bytes. */
export function chunkRows(rows: readonly (readonly CellWrite[])[], firstLimit: number, limit: number): Chunk[] {
  const chunks: Chunk[] = [];
  let first = 0;
  let bytes = 0;
  let budget = Math.max(firstLimit, 0);
  for (let r = 0; r < rows.length; r++) {
    const size = rowBytes(rows[r]);
    if (r > first && bytes + size > budget) {
      chunks.push({ first, rows: rows.slice(first, r), bytes });
      first = r;
      bytes = 0;
      budget = limit;
    }
    bytes += size;
  }
  if (rows.length > first) chunks.push({ first, rows: rows.slice(first), bytes });
  return chunks;
}

/** Bytes a row adds to a request: its values, formulas and number formats as JSON (three arrays). */
function rowBytes(row: readonly CellWrite[]): number {
  let bytes = 12;
  for (const cell of row) {
    if (cell === null) bytes += 15;
    else if (typeof cell === "object") bytes += utf8Length(JSON.stringify(cell.formula)) + 15;
    else if (typeof cell === "string") bytes += utf8Length(JSON.stringify(cell)) + 48; // {"type":"String","basicValue":...}
    else bytes += String(cell).length + 15;
  }
  return bytes;
}

/**
 * The request travels as UTF-8: Arabic takes 2 bytes a character, CJK 3, an emoji 4, while
 * a JavaScript string's length counts 1 or 2. Counting the length let a chunk of Asian
 * vendor names reach 5.4 MB, over Excel on the web's 5 MB limit.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // 0x80-0x7FF: 2 bytes; 0x800 and up: 3; a surrogate pair: 4 (2 units, 2 bytes each).
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/** What a change adds to a request besides the cell grids apply sizes itself. */
function estimateBytes(_change: WorkbookChange): number {
  return 512;
}

/**
 * One block: values (null where text or a formula goes), text, then formulas (null where a
 * value went). null in a 2-D array leaves a cell as it is.
 *
 * Range.values parses what it is given as typed input ("If the returned value starts with a
 * plus, minus, or equal sign, Excel interprets this value as a formula", Range.values), so
 * text goes as typed string values (Excel.StringCellValue through Range.valuesAsJson, ExcelApi
 * 1.16), one column run of text cells at a time. Hosts without it (Excel 2016, 2019 and 2021 on
 * Windows) get the text number format "@" on those cells first, which keeps them text there.
 */
function writeBlock(sheet: Excel.Worksheet, top: number, left: number, rows: readonly (readonly CellWrite[])[], typedText: boolean): void {
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (rows.length === 0 || width === 0) return;
  const range = sheet.getRangeByIndexes(top, left, rows.length, width);
  const pad = <T>(row: readonly T[], fill: T) => (row.length === width ? [...row] : [...row, ...Array<T>(width - row.length).fill(fill)]);
  const hasText = rows.some((r) => r.some((c) => typeof c === "string"));
  const hasFormula = rows.some((r) => r.some((c) => c !== null && typeof c === "object"));
  const plain = (c: CellWrite) => c !== null && typeof c !== "object" && !(typedText && typeof c === "string");
  if (hasText && !typedText) range.numberFormat = rows.map((r) => pad(r.map((c) => (typeof c === "string" ? "@" : null)), null)) as unknown as string[][];
  if (rows.some((r) => r.some(plain))) range.values = rows.map((r) => pad(r.map((c) => (plain(c) ? c : null)), null)) as unknown as CellValue[][] as never;
  if (hasText && typedText)
    for (let c = 0; c < width; c++)
      for (let r = 0; r < rows.length; ) {
        if (typeof rows[r][c] !== "string") {
          r++;
          continue;
        }
        const run: Excel.StringCellValue[][] = [];
        for (; r < rows.length && typeof rows[r][c] === "string"; r++) run.push([{ type: "String" as Excel.CellValueType.string, basicValue: rows[r][c] as string }]);
        sheet.getRangeByIndexes(top + r - run.length, left + c, run.length, 1).valuesAsJson = run;
      }
  if (hasFormula) range.formulas = rows.map((r) => pad(r.map((c) => (c !== null && typeof c === "object" ? c.formula : null)), null)) as never;
}

function isFormula(value: CellValue): boolean {
  return typeof value === "string" && value.startsWith("=");
}

/** UTF-8 bytes of a value as JSON, the size it takes in a response. */
function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** "Sheet1!A1:B2" or "'My sheet'!A1" -> "A1:B2". */
function bare(address: string): string {
  return address.includes("!") ? address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "") : address.replace(/\$/g, "");
}

function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf("!");
  const sheet = address.slice(0, at).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
  return [sheet, bare(address)];
}

/**
 * Error codes of a response too large: ResponsePayloadSizeLimitExceeded on Excel on the web,
 * RangeExceedsLimit ("the cell count in the range has exceeded the maximum supported number")
 * on every platform ("Error handling with the application-specific JavaScript APIs").
 */
const RESPONSE_TOO_LARGE = new Set(["ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit"]);

/** OfficeExtension.Error's code ("ItemNotFound", "UndoNotSupported"...), or "" for other errors. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
