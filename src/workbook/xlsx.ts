// The WorkbookPort over an .xlsx file through ExcelJS: the command line's adapter. Node only
// (never imported by the pane or the custom functions, whose bundles must stay free of it).
//
// Where .xlsx has no direct equivalent of an Office.js feature:
// - Settings (Office.js `workbook.settings`) are kept on a very hidden sheet named
//   `OffshoreSettings`: key in column A, value in column B (continued in C, D... when a value
//   is longer than one cell may hold). Excel, Excel on the web and LibreOffice keep it; the
//   Excel adapter reads its own settings store, so a mapping made by the command line is not
//   seen by the pane (and the other way round).
// - A table column written with one formula gets that formula in every data cell, with
//   `[@Column]` rewritten to the file form `Table[[#This Row],[Column]]` that Excel expects in
//   a saved workbook. ExcelJS cannot mark the column as calculated, so rows added later in
//   Excel do not inherit it; the evaluate action in the pane does that.
// - A file has no selection: `getSelection` is null and the selection never changes.
// - Charts: ExcelJS neither writes charts nor keeps those of a file it reads. A chart
//   (setChart) is kept as data in the settings (CHARTS_SETTING) and added as DrawingML parts
//   when the file is written (xlsxCharts.ts), so the charts the add-in drew survive any
//   number of opens and saves here; charts a user drew in Excel do not.
import type ExcelJS from "exceljs";
import enums from "exceljs/lib/doc/enums";
import Workbook from "exceljs/lib/doc/workbook";
import { promises as fs } from "fs";
import type { CellValue } from "../model/types";
import { cellAddress, columnLetters, parseCell, parseRange, quoteSheet, type RangeRef } from "./address";
import type {
  ApplyOptions,
  CellFormat,
  CellNote,
  CellWrite,
  ConditionalFormatRule,
  FormulaWrite,
  NamedRangeInfo,
  ReadRequest,
  ReadResult,
  RegionInfo,
  SelectionInfo,
  SheetSnapshot,
  SheetTitle,
  TableInfo,
  TableRowSnapshot,
  TableSnapshot,
  WorkbookChange,
  WorkbookPort,
} from "./port";
import { NoRoomError, assertWithinExcelLimits } from "./limits";
import { WorkbookWriteError, blockShape, type CellBlock } from "./port";
import { addCharts, STORED_CHARTS_SCHEMA, type StoredChart } from "./xlsxCharts";
import { parseStoredSetting } from "./storedSetting";
import { ZipPackage } from "./zipPackage";
import { DamagedPartError, LARGEST_PART, partTooLarge, withZlibInflate } from "./zipInflate";
import { slideFormula } from "exceljs/lib/utils/shared-formula";
import { compactLoadedCells, compactLoadedRow, withCompactModels } from "./xlsxLoadedCells";
import { forgetKeptName, keptNameRange, withKeptAsRead } from "./xlsxKeptAsRead";
import { packageContent, type PackageContent } from "./xlsxUnkept";
import { CreatedRows, CreatedSheet, type CellTables } from "./xlsxCreatedSheet";
import { SheetRows } from "./xlsxSheetRows";
import { compactParked, discardParked, heldCells, isParked, parkCells, parkedPlainExtent, parkedRows, withParkingAsRead } from "./xlsxParkedRows";
import { withPackingAsParsed } from "./xlsxPackedRows";
import { shareEmptyStyles, sharedStringsXml, type SharedStringTable } from "./xlsxRows";
import XmlStream from "exceljs/lib/utils/xml-stream";
import WorksheetXform from "exceljs/lib/xlsx/xform/sheet/worksheet-xform";
import RelationshipsXform from "exceljs/lib/xlsx/xform/core/relationships-xform";
import CommentsXform from "exceljs/lib/xlsx/xform/comment/comments-xform";
import VmlNotesXform from "exceljs/lib/xlsx/xform/comment/vml-notes-xform";

export const SETTINGS_SHEET = "OffshoreSettings";

/**
 * The add-in's settings sheet: very hidden, as the add-in writes it (Excel's own interface
 * cannot make a sheet very hidden), or hidden with column A holding only the add-in's keys.
 */
function isSettingsSheet(sheet: ExcelJS.Worksheet): boolean {
  if (sheet.state === "veryHidden") return true;
  if (sheet.state !== "hidden") return false;
  let ours = true;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const key = row.getCell(1).value;
    if (typeof key !== "string" || !key.startsWith("OffshoreSourcing.")) ours = false;
  });
  return ours;
}
/** Setting holding the charts drawn here (JSON StoredChart[]), added to the file on every write. */
export const CHARTS_SETTING = "OffshoreSourcing.charts";
/** Excel's limit on the characters one cell holds. */
const CELL_TEXT_LIMIT = 32767;

/** Why a file could not be opened as a workbook, so the command line can say it in one line. */
export type WorkbookOpenProblem = "missing" | "notXlsx" | "encrypted" | "unreadable";

export class WorkbookOpenError extends Error {
  constructor(
    message: string,
    readonly problem: WorkbookOpenProblem,
  ) {
    super(message);
    this.name = "WorkbookOpenError";
  }
}

// The shape ExcelJS gives a table's model at run time (its .d.ts does not describe it).
interface TableModel {
  name: string;
  displayName?: string;
  tableRef: string;
  autoFilterRef?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: { name: string; filterButton?: boolean; totalsRowLabel?: string; totalsRowFunction?: string }[];
}
interface TableHandle {
  table: TableModel;
}
interface DefinedNamesInternals {
  matrixMap: Record<string, unknown>;
  add(location: string, name: string): void;
  getRanges(name: string): { name: string; ranges: string[] };
}

// The steps of ExcelJS's XLSX.write (not in its .d.ts): each renders parts and appends them to the zip it is given.
type PackageStep = (zip: { append(data: string | Buffer, options: { name: string; base64?: boolean }): unknown }, model: unknown) => Promise<void>;
/** The rows of a sheet's model as ExcelJS's sheet renderer reads them: only `length` and `forEach`. */
interface RowList {
  readonly length: number;
  forEach(each: (row: unknown, index: number) => void): void;
}
interface SheetModel {
  id: number;
  rows: RowList;
  rels?: unknown[];
  comments: unknown[];
}
interface WorkbookModel {
  worksheets: SheetModel[];
  sheets: unknown[];
  /** Set by ExcelJS's prepareModel before it prepares the sheets. */
  styles?: CellTables["styles"];
  sharedStrings?: CellTables["sharedStrings"] & SharedStringTable;
  properties?: { date1904?: boolean };
}
/**
 * Changes that may name a sheet made here without moving its cells into ExcelJS: they write
 * values and formats (CreatedSheet keeps those) or touch only the workbook (names, settings).
 */
const KEPT_OUTSIDE = new Set<WorkbookChange["kind"]>(["ensureSheet", "writeRange", "formatRange", "setName", "setChart"]);

interface XlsxWriterInternals {
  prepareModel(model: unknown, options: object): void;
  addContentTypes: PackageStep;
  addOfficeRels: PackageStep;
  addWorkbookRels: PackageStep;
  addSharedStrings: PackageStep;
  addDrawings: PackageStep;
  addTables: PackageStep;
  addThemes: PackageStep;
  addStyles: PackageStep;
  addMedia: PackageStep;
  addApp: PackageStep;
  addCore: PackageStep;
  addWorkbook: PackageStep;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buffer: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => buffer[i] === byte);
}

/**
 * Office saves a password-protected .xlsx as an OLE compound file holding an
 * `EncryptionInfo` stream; a legacy .xls is a compound file without it.
 */
function isEncryptedPackage(buffer: Buffer): boolean {
  return buffer.includes(Buffer.from("EncryptionInfo", "utf16le"));
}

function excelDateSerial(date: Date): number {
  // Excel's day 0 is 1899-12-30 (counting its 1900 leap-year quirk).
  return date.getTime() / 86400000 + 25569;
}

/** A cell's value as Excel hands it to an add-in: the result of a formula, text of rich text. */
function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return excelDateSerial(value);
  const v = value as unknown as Record<string, unknown>;
  if ("formula" in v || "sharedFormula" in v) {
    const result = v.result as ExcelJS.CellValue;
    if (result !== null && typeof result === "object" && !(result instanceof Date) && "error" in (result as object)) {
      return String((result as { error: string }).error);
    }
    return plainValue(result ?? null);
  }
  if ("richText" in v) return (v.richText as { text: string }[]).map((run) => run.text).join("");
  if ("error" in v) return String(v.error);
  if ("text" in v) return plainValue(v.text as ExcelJS.CellValue);
  return null;
}

/** A cell's shown value. ExcelJS's `cell.value` drops a formula's falsy result (0, FALSE, ""), `cell.result` keeps it. */
function cellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type === enums.ValueType.Formula) {
    const result = cell.result as ExcelJS.CellValue;
    if (result !== null && typeof result === "object" && !(result instanceof Date) && "error" in (result as object)) return String((result as { error: string }).error);
    return plainValue(result ?? null);
  }
  return plainValue(cell.value);
}

/** A cell's note as plain text ("" without one): ExcelJS gives a string, or rich text runs. */
function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as unknown;
  if (typeof note === "string") return note;
  return ((note as { texts?: { text: string }[] } | undefined)?.texts ?? []).map((t) => t.text).join("");
}

function formulaOrValue(cell: ExcelJS.Cell, sheet: ExcelJS.Worksheet): CellValue {
  const formula = formulaOf(cell, sheet);
  if (formula) return "=" + formula;
  return cellValue(cell);
}

/**
 * A cell's formula, as ExcelJS's `cell.formula` gives it. A shared formula's clone has its
 * master's, moved to the clone (FormulaValue's _getTranslatedFormula, lib/doc/cell.js, with
 * ExcelJS's slideFormula): the master is found in a parked sheet without unparking it, where
 * ExcelJS's own would look through the sheet's rows.
 */
function formulaOf(cell: ExcelJS.Cell, sheet: ExcelJS.Worksheet): string | undefined {
  const parked = parkedRows(sheet);
  if (!parked || cell.type !== enums.ValueType.Formula) return cell.formula;
  const model = (cell as unknown as { _value: { model: { address: string; formula?: string; sharedFormula?: string } } })._value.model;
  if (model.formula || !model.sharedFormula) return cell.formula;
  const at = parseCell(model.sharedFormula);
  const master = parked.cellOf(at.row + 1, at.column + 1);
  return master ? slideFormula(master.formula, master.address, model.address) : undefined;
}

/** `[@Column]` and `[@[Column name]]` (the typing form) to the form a saved file must hold. */
export function fileFormOfTableFormula(formula: string, table: string): string {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  return body.replace(
    /([A-Za-z_\\][A-Za-z0-9_.\\]*)?\[@(\[[^\]]+\](?::\[[^\]]+\])?|[^[\]]+)\]/g,
    (_match, name: string | undefined, columns: string) => `${name ?? table}[[#This Row],${columns.startsWith("[") ? columns : `[${columns}]`}]`,
  );
}


// A1 references outside string literals: optional $, column letters, optional $, row. A
// literal in quotes is matched as a whole where one starts, so no reference is read inside it;
// the character before or after a reference next to one is a quote, which the look-behind and
// look-ahead accept as they accept the start and end of the text.
const REFERENCE = /"(?:[^"]|"")*"|(?<![A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g;

/**
 * The formula `formula` becomes when filled down `offset` rows: relative row numbers move,
 * $-fixed rows and text in quotes stay. Used only to recognise a filled-down run; a
 * reference it misreads only makes the run shorter, never wrong, because every row is
 * compared with the text it was given.
 */
export function fillDown(formula: string): (offset: number) => string {
  return filledFrom(fillDownParts(formula));
}

function filledFrom(parts: readonly (string | number)[]): (offset: number) => string {
  return (offset) => {
    let out = "";
    for (const part of parts) out += typeof part === "number" ? String(part + offset) : part;
    return out;
  };
}

/** `formula` as fillDown reads it: its text pieces with the relative row numbers between them. */
function fillDownParts(formula: string): (string | number)[] {
  // One pass of exec over the text: fillDownParts runs on every formula cell that does not
  // continue a run (the finance summary's vendor-table block: 30,000 cells at 10,000 rows).
  const parts: (string | number)[] = [];
  let last = 0;
  REFERENCE.lastIndex = 0;
  // Where a piece between literals starts, fillDown has always read an unterminated quote (no
  // quote after it) as a literal: the rest of the text is then text.
  let piece = 0;
  for (let m = REFERENCE.exec(formula); m !== null; m = REFERENCE.exec(formula)) {
    if (formula.charCodeAt(piece) === 34 && m.index !== piece) break;
    // A literal in quotes (no groups) or a fixed row ($) stays in the text.
    if (m[4] === undefined) piece = REFERENCE.lastIndex;
    if (m[4] === undefined || m[3] === "$") continue;
    const end = m.index + m[1].length + m[2].length;
    parts.push(formula.slice(last, end), Number(m[4]));
    last = m.index + m[0].length;
  }
  parts.push(formula.slice(last));
  return parts;
}

/**
 * Whether filling a formula down (`read`, its fillDownParts) gives the template's text at every offset: it does exactly
 * when fillDown reads the template's own pieces with `row` between each two of them. Then
 * fillDown's text `offset` rows down is `parts.join(String(row + offset))`, and a cell of the
 * same template can be recognised by its row alone, without building its text.
 */
function fillsDownAsTemplate(read: readonly (string | number)[], template: NonNullable<FormulaWrite["rowTemplate"]>, row: number): boolean {
  const { parts } = template;
  if (read.length !== 2 * parts.length - 1) return false;
  for (let i = 0; i < parts.length; i++) {
    if (read[2 * i] !== parts[i]) return false;
    if (i > 0 && read[2 * i - 1] !== row) return false;
  }
  return true;
}

/**
 * Applies a style change to cells, giving every cell that had the same style the same new
 * style object. ExcelJS then recognises the style once per object instead of comparing it
 * cell by cell when saving, which matters on 10,000-row sheets. Styles are therefore only
 * ever replaced here, never changed in place (cell.numFmt = ... would change them all).
 */
function restyle(change: (old: Partial<ExcelJS.Style>) => Partial<ExcelJS.Style>): (old: Partial<ExcelJS.Style> | undefined) => Partial<ExcelJS.Style> {
  const byOld = new Map<unknown, Partial<ExcelJS.Style>>();
  return (style) => {
    const old = (style ?? {}) as Partial<ExcelJS.Style>;
    // New cells each get their own empty style object: treat them all as one.
    const key = Object.keys(old).length === 0 ? "" : old;
    let next = byOld.get(key);
    if (!next) {
      next = change(old);
      byOld.set(key, next);
    }
    return next;
  };
}

/** `restyle` for cells that keep their style object themselves. */
function restyler(change: (old: Partial<ExcelJS.Style>) => Partial<ExcelJS.Style>): (cell: { style: Partial<ExcelJS.Style> }) => void {
  const next = restyle(change);
  return (cell) => {
    cell.style = next(cell.style);
  };
}

/** `formulaText`, when given, is `write.formula` already built (a templated cell builds it on each read). */
function toExcelValue(write: Exclude<CellWrite, null>, formulaText?: string): ExcelJS.CellValue {
  if (typeof write === "object") {
    const text = formulaText ?? write.formula;
    const formula = text.startsWith("=") ? text.slice(1) : text;
    const cached = write.cachedValue;
    return { formula, result: cached === null || cached === undefined ? undefined : cached } as ExcelJS.CellFormulaValue;
  }
  return write;
}

function argb(colour: string): string {
  return "FF" + colour.replace(/^#/, "").toUpperCase();
}

/** Heap in use above which collectGarbage collects. */
const COLLECT_ABOVE = 512 * 1024 * 1024;

/**
 * A full collection, where the command line's process exposes one (--expose-gc; elsewhere there
 * is none), and only where the heap in use is past the old generation's first limit (the
 * command line's --initial-old-space-size=512), below which V8 would not collect on its own.
 * It is called where much of the heap has just become garbage: before the parts of a file read
 * are reconciled (the parser's), and once a sheet is parked as it is read (its rows' models); in
 * an apply that parks the user's sheets, before it starts (what the evaluation and the finance
 * step left behind) and once they are parked (their cells); before an apply makes a large made
 * sheet's cells; and before the file is written (the finance step's evaluations). V8 sets the
 * heap's next limit from what a full collection leaves, so each step grows from what is live,
 * not from the heap the steps before grew to: without them, a 200,000-row table parked as read
 * peaked at 2.73 GB, with them at 1.85 GB. A smaller table gains nothing from it, and is not
 * collected.
 */
function collectGarbage(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect && process.memoryUsage().heapUsed > COLLECT_ABOVE) collect();
}

/**
 * Cells written to sheets made here from which an apply collects garbage before it makes them,
 * where the heap in use is large (collectGarbage): the finance summary of a large table, never a
 * checklist's few hundred.
 */
const COLLECT_BEFORE_CELLS = 100_000;

/** The number of cells the blocks `changes` write hold. */
function cellsWritten(changes: readonly WorkbookChange[]): number {
  let written = 0;
  for (const change of changes) {
    if (change.kind !== "writeRange") continue;
    const shape = blockShape(change.cells);
    written += shape.rows * shape.columns;
  }
  return written;
}

/** Rows rendered between two looks at whether the thread pool has room for another piece. */
const ROW_BATCH = 64;

/**
 * One sheet's parts, as ExcelJS 4.4's addWorksheets (lib/xlsx/xlsx.js) renders them, except that
 * the sheet's XML goes to the package in pieces as its rows are rendered instead of as one
 * string: on a 10,000-row finance summary that string is tens of megabytes. Pieces are taken
 * only between rows (no start tag open, no rollback point pending), so the XML is the same.
 */
async function writeWorksheet(zip: ZipPackage, sheet: SheetModel): Promise<void> {
  // Its pieces are deflated on the thread pool while the next rows are rendered (renderPackage waits for them).
  const part = zip.stream(`xl/worksheets/sheet${sheet.id}.xml`, { inBackground: true });
  const xml = new XmlStream();
  /** Hands what the stream holds to the package, where no start tag is open and no rollback point pending (so the XML is the same). */
  const flush = () => {
    if (xml.open || xml._rollbacks.length !== 0) return false;
    part.write(xml._xml.join(""));
    xml._xml = [];
    return true;
  };
  const render = new WorksheetXform();
  // workbookModel gives every sheet one of the two: a made sheet's cells, or an ExcelJS sheet's rows.
  const rows = sheet.rows as CreatedRows | SheetRows;
  /**
   * Whether the rows go to the package after ExcelJS has rendered the rest of the sheet, between
   * what was handed over at sheetData's start tag and what the stream then holds (from its end
   * tag on): written outside ExcelJS's synchronous render, they can wait for the thread pool.
   */
  let afterRender = false;
  // The rows go from the cells straight to the package as ExcelJS's row and cell renderers
  // write them (an ExcelJS sheet's a row at a time, xlsxSheetRows.ts; a made sheet's from its
  // cells, xlsxCreatedSheet.ts), framed as ExcelJS's ListXform frames them.
  render.map.sheetData = {
    render(stream) {
      if (rows.length === 0) return stream.leafNode("sheetData");
      stream.openNode("sheetData");
      stream.writeXml("");
      if (flush()) afterRender = true;
      else rows.render((text) => stream.writeXml(text));
      stream.closeNode();
    },
  };
  render.render(xml, sheet);
  if (afterRender) {
    const write = (text: string) => part.write(text);
    const slots = rows.slots;
    for (let from = 0; from < slots; from += ROW_BATCH) {
      if (part.busy) await part.ready();
      rows.render(write, from, Math.min(slots, from + ROW_BATCH));
    }
  }
  part.write(xml.xml);
  part.end();
  if (sheet.rels && sheet.rels.length) {
    const rels = new XmlStream();
    new RelationshipsXform().render(rels, sheet.rels);
    zip.file(`xl/worksheets/_rels/sheet${sheet.id}.xml.rels`, rels.xml);
  }
  if (sheet.comments.length > 0) {
    const comments = new XmlStream();
    new CommentsXform().render(comments, sheet);
    zip.file(`xl/comments${sheet.id}.xml`, comments.xml);
    const vml = new XmlStream();
    new VmlNotesXform().render(vml, sheet);
    zip.file(`xl/drawings/vmlDrawing${sheet.id}.vml`, vml.xml);
  }
}

/** By sheet name in lower case, the bottom row and right column (1-based) that `changes` write. */
function writtenExtents(changes: readonly WorkbookChange[]): Map<string, { bottom: number; right: number }> {
  const extents = new Map<string, { bottom: number; right: number }>();
  for (const change of changes) {
    if (change.kind !== "writeRange") continue;
    const origin = parseCell(change.address);
    const shape = blockShape(change.cells);
    const name = change.sheet.toLowerCase();
    const extent = extents.get(name) ?? { bottom: 0, right: 0 };
    extents.set(name, { bottom: Math.max(extent.bottom, origin.row + shape.rows), right: Math.max(extent.right, origin.column + shape.columns) });
  }
  return extents;
}

/** A row's cells by column number (1-based), as ExcelJS's Row.findCell gives them. */
interface RowToRead {
  findCell(column: number): ExcelJS.Cell | undefined;
}

/**
 * The row numbered `number` (1-based) of `sheet`, to read cells from: as ExcelJS's findRow gives
 * it, or, while the sheet is parked, its cells made again, without unparking it.
 */
function rowToRead(sheet: ExcelJS.Worksheet, number: number): RowToRead | undefined {
  const parked = parkedRows(sheet);
  if (!parked) return sheet.findRow(number);
  const cells = parked.cellsOfRow(number);
  return cells && { findCell: (column) => cells[column - 1] };
}

/** The cell at row `number` and `column` (1-based) of `sheet`, to read: as ExcelJS's findRow and findCell give it, or made again from a parked sheet alone. */
function cellToRead(sheet: ExcelJS.Worksheet, number: number, column: number): ExcelJS.Cell | undefined {
  const parked = parkedRows(sheet);
  return parked ? parked.cellOf(number, column) : sheet.findRow(number)?.findCell(column);
}

/**
 * The cell at row `number` and `column` (1-based) of `sheet` to write into, as ExcelJS's
 * `getRow(number).getCell(column)` gives it: while the sheet is parked, without unparking it
 * (but for a row the sheet does not have, which ExcelJS makes).
 */
function cellToWrite(sheet: ExcelJS.Worksheet, number: number, column: number): ExcelJS.Cell {
  return parkedRows(sheet)?.cellToWrite(number, column) ?? sheet.getRow(number).getCell(column);
}

export class XlsxWorkbook implements WorkbookPort {
  readonly kind = "xlsx" as const;

  private readonly ignored: string[] = [];
  /** Sheets made here whose cells are kept outside ExcelJS until the file is written (xlsxCreatedSheet.ts). */
  private readonly created = new Map<ExcelJS.Worksheet, CreatedSheet>();
  /** By sheet name in lower case, the bottom row and right column (1-based) the apply under way writes. */
  private extents = new Map<string, { bottom: number; right: number }>();
  /**
   * Whether sheets made here keep their cells outside ExcelJS until the file is written. Off,
   * their cells are ExcelJS cells from the start: the file must be the same either way, which
   * is how the tests check the sheets kept outside.
   */
  keepMadeSheetsOutside = true;

  private constructor(private readonly book: ExcelJS.Workbook) {}

  /** What the file read holds that this adapter does not write back (xlsxUnkept.ts); nothing for a workbook made here. */
  private content: PackageContent = { kinds: [], charts: new Map() };

  /**
   * What the file this workbook was read from holds that the file it writes will not, in words
   * ("2 charts", "pivot tables"): the charts on its sheets but the add-in's own (which it draws
   * again), and the kinds of part ExcelJS does not read. Empty for a workbook made here.
   */
  notKept(): string[] {
    const own = new Map<string, number>();
    for (const chart of this.storedCharts()) own.set(chart.sheet.toLowerCase(), (own.get(chart.sheet.toLowerCase()) ?? 0) + 1);
    let charts = 0;
    for (const [sheet, count] of this.content.charts) charts += Math.max(0, count - (own.get(sheet) ?? 0));
    return [...(charts > 0 ? [charts === 1 ? "a chart" : `${charts} charts`] : []), ...this.content.kinds.map((k) => k.kind)];
  }

  /** ExcelJS's workbook, every cell in it: the cells of sheets made here are moved into it first. */
  get workbook(): ExcelJS.Workbook {
    for (const sheet of [...this.created.keys()]) this.replay(sheet);
    return this.book;
  }

  /** Makes `sheet` an ordinary ExcelJS sheet, before anything but writing values and formats is asked of it. */
  private replay(sheet: ExcelJS.Worksheet | undefined): void {
    const cells = sheet && this.created.get(sheet);
    if (!cells) return;
    this.created.delete(sheet);
    cells.replay(sheet);
  }

  /** A new, empty workbook. */
  static create(): XlsxWorkbook {
    return new XlsxWorkbook(new Workbook());
  }

  /**
   * The number of cells from which a sheet read from a file is parked as its rows are made
   * (xlsxParkedRows.ts, withParkingAsRead): a vendor table of some 15,000 rows of 16 columns
   * and more. Such a sheet's cells are never all held as ExcelJS's objects: the adapter reads
   * its rows and writes its table's columns without unparking it. Below it, parking would cost
   * time (every read makes the cells again) for little memory. Tests set it to 0 to park every
   * sheet, or to Infinity to park none: the file must be the same either way.
   */
  static parkAsReadFrom = 250_000;

  /** Opens a file; throws WorkbookOpenError whose message is one line a user can act on. */
  static async open(path: string): Promise<XlsxWorkbook> {
    let buffer: Buffer;
    try {
      buffer = await fs.readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new WorkbookOpenError(`File not found: ${path}`, "missing");
      if (code === "EISDIR") throw new WorkbookOpenError(`${path} is a folder, not an .xlsx workbook.`, "notXlsx");
      throw new WorkbookOpenError(`Cannot read ${path}: ${(error as Error).message}`, "unreadable");
    }
    return XlsxWorkbook.fromBuffer(buffer, path);
  }

  static async fromBuffer(buffer: Buffer, label = "the workbook"): Promise<XlsxWorkbook> {
    if (startsWith(buffer, OLE_MAGIC)) {
      if (isEncryptedPackage(buffer)) {
        throw new WorkbookOpenError(
          `${label} is password-protected (encrypted); open it in Excel, remove the password (File > Info > Protect Workbook) and save a copy.`,
          "encrypted",
        );
      }
      throw new WorkbookOpenError(`${label} is a legacy .xls workbook, not an .xlsx; open it in Excel and save it as .xlsx.`, "notXlsx");
    }
    if (!startsWith(buffer, ZIP_MAGIC)) {
      throw new WorkbookOpenError(`${label} is not an .xlsx workbook (expected an Excel 2007+ file).`, "notXlsx");
    }
    // An OpenDocument package is a zip too, whose first entry, stored uncompressed, is its
    // media type (OpenDocument 1.2, part 3, section 3.3): ExcelJS finds no worksheet in it.
    if (buffer.subarray(0, 120).toString("latin1").includes("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")) {
      throw new WorkbookOpenError(
        `${label} is an OpenDocument spreadsheet (.ods), which is not supported; open it in LibreOffice Calc or Excel and save it as an Excel workbook (.xlsx), or run: soffice --headless --convert-to xlsx <file>.`,
        "notXlsx",
      );
    }
    const large = await partTooLarge(buffer);
    if (large) {
      const mb = (bytes: number) => Math.round(bytes / 1e6).toLocaleString("en-US");
      throw new WorkbookOpenError(
        `${label} holds a part too large to read: ${large.name} is ${mb(large.size)} MB once uncompressed, and the command reads parts of up to ${mb(LARGEST_PART)} MB; split the vendor table over smaller workbooks.`,
        "notXlsx",
      );
    }
    const content = await withZlibInflate(() => packageContent(buffer));
    const workbook = new Workbook();
    // Between parsing the parts and reconciling them, ExcelJS's parser has left its garbage
    // (every element's node and attributes) and reconciling is about to make more: collected
    // there, the command run on a 30,000-row workbook it wrote peaked at 1.58 GB, not 1.82 GB.
    const xlsx = workbook.xlsx as unknown as { reconcile(model: unknown, options: unknown): void };
    const reconcile = xlsx.reconcile;
    xlsx.reconcile = function (model, options) {
      collectGarbage();
      reconcile.call(this, model, options);
    };
    try {
      await withZlibInflate(() =>
        withCompactModels(() =>
          withKeptAsRead(() =>
            withParkingAsRead(XlsxWorkbook.parkAsReadFrom, compactLoadedRow, () => withPackingAsParsed(XlsxWorkbook.parkAsReadFrom, () => workbook.xlsx.load(buffer as unknown as ArrayBuffer))),
          ),
        ),
      );
    } catch (error) {
      // A damaged part makes ExcelJS fail inside its parser ("Cannot read properties of null
      // (reading 'forEach')"): that names ExcelJS's code, not the file, so it is not repeated.
      // Nor is zlib's word for compressed bytes that do not inflate, or JSZip's for a part that
      // inflates to another size than the package gives ("Bug : uncompressed data size mismatch",
      // JSZip 3.10, lib/compressedObject.js).
      const internal =
        !(error instanceof Error) ||
        error instanceof TypeError ||
        error instanceof ReferenceError ||
        error instanceof DamagedPartError ||
        error.message === "Bug : uncompressed data size mismatch";
      throw new WorkbookOpenError(
        internal
          ? `${label} is not a readable .xlsx workbook: a part of it is damaged or not as Excel writes it; open it in Excel (which offers to repair it) and save it again.`
          : `${label} is not a readable .xlsx workbook (${error.message}).`,
        "notXlsx",
      );
    }
    if (workbook.worksheets.length === 0) {
      throw new WorkbookOpenError(`${label} is not an .xlsx workbook: it holds no worksheet.`, "notXlsx");
    }
    // Its cells are held until the file is written: a shared empty style and one address each.
    // (A sheet parked as it was read had its rows' cells made smaller on the way, and leaves its rows' models as garbage.)
    for (const sheet of workbook.worksheets) if (!isParked(sheet)) compactLoadedCells(sheet);
    if (workbook.worksheets.some(isParked)) collectGarbage();
    const read = new XlsxWorkbook(workbook);
    read.content = content;
    return read;
  }

  async save(path: string): Promise<void> {
    await fs.writeFile(path, await this.toBuffer());
  }

  async toBuffer(): Promise<Buffer> {
    return Buffer.concat(await this.toChunks());
  }

  /** The file's bytes, in order, as the package keeps them (ZipPackage.chunks): write them one after the other. */
  async toChunks(): Promise<Buffer[]> {
    const charts = this.storedCharts().filter((c) => this.book.getWorksheet(c.sheet));
    const zip = await this.renderPackage();
    await addCharts(zip, charts);
    return zip.chunks();
  }

  /**
   * The package's parts as ExcelJS renders them, each deflated by Node's zlib as it comes
   * (zipPackage.ts) instead of gathered and deflated by JSZip's JavaScript deflate. The steps
   * and their order are those of ExcelJS 4.4's XLSX.write (lib/xlsx/xlsx.js), with the package
   * in place of its ZipWriter, whose only method they call is append; its worksheets step is
   * writeWorksheet, which hands each sheet over in pieces.
   */
  private async renderPackage(): Promise<ZipPackage> {
    // What the steps before left (the finance step's evaluations, the summary's sources) is garbage by now.
    collectGarbage();
    const xlsx = this.book.xlsx as unknown as XlsxWriterInternals;
    const model = this.workbookModel();
    const zip = new ZipPackage();
    const writer = {
      append: (data: string | Buffer, options: { name: string; base64?: boolean }) =>
        zip.file(options.name, options.base64 ? Buffer.from(data as string, "base64") : data),
    };
    // ExcelJS's prepareModel makes the style table, then prepares every sheet's cells with it:
    // the table is given its shortcut for unformatted cells as it is made.
    let styles: CellTables["styles"] | undefined;
    Object.defineProperty(model, "styles", {
      configurable: true,
      enumerable: true,
      get: () => styles,
      set: (made: CellTables["styles"]) => {
        shareEmptyStyles(made);
        styles = made;
      },
    });
    xlsx.prepareModel(model, {});
    await xlsx.addContentTypes(writer, model);
    await xlsx.addOfficeRels(writer, model);
    await xlsx.addWorkbookRels(writer, model);
    // One sheet at a time, each sheet's cell models let go once its part is written: only the
    // sheet list, names and tables are read after this step.
    for (const sheet of model.worksheets) {
      await writeWorksheet(zip, sheet);
      sheet.rows = [];
    }
    // ExcelJS's addSharedStrings, with the table rendered as one string (xlsxRows.ts).
    if (model.sharedStrings && model.sharedStrings.count) zip.file("xl/sharedStrings.xml", sharedStringsXml(model.sharedStrings));
    await xlsx.addDrawings(writer, model);
    await xlsx.addTables(writer, model);
    await Promise.all([xlsx.addThemes(writer, model), xlsx.addStyles(writer, model)]);
    await xlsx.addMedia(writer, model);
    await Promise.all([xlsx.addApp(writer, model), xlsx.addCore(writer, model)]);
    await xlsx.addWorkbook(writer, model);
    await zip.settled();
    return zip;
  }

  /**
   * ExcelJS's workbook model with one model per sheet. Its own getter (lib/doc/workbook.js)
   * builds every sheet's model twice (`worksheets` and `sheets`, which the writer then sets to
   * `worksheets`): a second copy of every cell of the workbook at the moment memory peaks.
   */
  private workbookModel(): WorkbookModel {
    const sheets = this.book.worksheets;
    Object.defineProperty(this.book, "worksheets", { value: [], configurable: true });
    let model: WorkbookModel;
    try {
      model = (this.book as unknown as { model: WorkbookModel }).model;
    } finally {
      delete (this.book as unknown as { worksheets?: unknown }).worksheets;
    }
    model.worksheets = sheets.map((sheet) => {
      // The sheet's model without its rows (lib/doc/worksheet.js `get model()` makes every row's
      // model from `_rows`): they are made a row at a time as the sheet is prepared and written.
      // A parked sheet's rows are read without unparking it: its cells are made again a row at a time as they are written.
      const parked = parkedRows(sheet);
      const rowsHeld = Object.getOwnPropertyDescriptor(sheet, "_rows")!;
      const sheetRows = (parked ? parked.rows : rowsHeld.value) as ConstructorParameters<typeof SheetRows>[0];
      Object.defineProperty(sheet, "_rows", { configurable: true, enumerable: true, writable: true, value: [] });
      let sheetModel: SheetModel & { dimensions: Parameters<CreatedSheet["rowList"]>[0] };
      try {
        sheetModel = (sheet as unknown as { model: typeof sheetModel }).model;
      } finally {
        Object.defineProperty(sheet, "_rows", rowsHeld);
      }
      const cells = this.created.get(sheet);
      const tables = () => ({ styles: model.styles!, sharedStrings: model.sharedStrings!, date1904: model.properties?.date1904 });
      sheetModel.rows = cells
        ? cells.rowList(sheetModel.dimensions, tables)
        : new SheetRows(sheetRows, sheetModel.dimensions, tables, parked?.cellsOf as ConstructorParameters<typeof SheetRows>[3]);
      return sheetModel;
    });
    model.sheets = model.worksheets;
    return model;
  }

  /**
   * The charts drawn on this workbook, as kept in its settings: none when the setting is not
   * one setChart writes (then `ignoredSettings` says so, once).
   */
  storedCharts(): StoredChart[] {
    const parsed = parseStoredSetting(this.getSetting(CHARTS_SETTING), STORED_CHARTS_SCHEMA, "chart setting");
    if (parsed.ignored && !this.ignored.includes(parsed.ignored)) this.ignored.push(parsed.ignored);
    return parsed.value ?? [];
  }

  /** One line per setting read back from the file and ignored because the add-in could not have written it. */
  get ignoredSettings(): readonly string[] {
    return this.ignored;
  }

  // ---------------------------------------------------------------- tables

  private findTable(name: string): { sheet: ExcelJS.Worksheet; model: TableModel } | null {
    const wanted = name.toLowerCase();
    for (const sheet of this.book.worksheets) {
      for (const handle of sheet.getTables() as unknown as TableHandle[]) {
        const model = (handle as unknown as { table?: TableModel; model?: TableModel }).table ?? (handle as unknown as { model: TableModel }).model;
        if (model && model.name.toLowerCase() === wanted) return { sheet, model };
      }
    }
    return null;
  }

  private allTables(): { sheet: ExcelJS.Worksheet; model: TableModel }[] {
    const found: { sheet: ExcelJS.Worksheet; model: TableModel }[] = [];
    const settings = this.settingsSheet(false);
    for (const sheet of this.book.worksheets) {
      if (sheet === settings) continue;
      for (const handle of sheet.getTables() as unknown as TableHandle[]) found.push({ sheet, model: handle.table });
    }
    return found;
  }

  private tableInfo(sheet: ExcelJS.Worksheet, model: TableModel): TableInfo {
    const range = parseRange(model.tableRef);
    const headerRows = model.headerRow === false ? 0 : 1;
    const totalsRows = model.totalsRow ? 1 : 0;
    return {
      name: model.name,
      sheet: sheet.name,
      headers: model.columns.map((c) => c.name),
      rowCount: Math.max(0, range.bottom - range.top + 1 - headerRows - totalsRows),
      address: model.tableRef,
    };
  }

  /**
   * Where a table's new column (setTableColumn with a header the table does not have) would land
   * on a cell of the user's: the column right of the table, in the table's rows. Excel inserts
   * cells there, moving what is beside the table to the right (TableColumnCollection.add; the
   * Excel fake does the same); this adapter writes into the column, so it refuses, before
   * anything is written, instead of writing over the user's cell. "" where every such cell is empty.
   */
  private crowdedColumn(changes: readonly WorkbookChange[]): string {
    const added = new Map<TableModel, Set<string>>();
    for (const change of changes) {
      if (change.kind !== "setTableColumn") continue;
      const found = this.findTable(change.table);
      if (!found) continue;
      const { sheet, model } = found;
      const header = change.header.toLowerCase();
      const adding = added.get(model) ?? new Set<string>();
      added.set(model, adding);
      if (model.columns.some((c) => c.name.toLowerCase() === header) || adding.has(header)) continue;
      adding.add(header);
      const range = parseRange(model.tableRef);
      const column = range.right + adding.size;
      for (let r = range.top; r <= range.bottom; r++) {
        const cell = cellToRead(sheet, r + 1, column + 1);
        if (cell && (cell.type !== enums.ValueType.Null || cell.note !== undefined))
          return (
            `the table '${model.name}' needs the column ${columnLetters(column)} beside it for '${change.header}', and ${sheet.name}!${cellAddress(r, column)} holds a cell of yours, ` +
            `which Excel would move to the right and this command would write over; move what is right of the table in rows ${range.top + 1} to ${range.bottom + 1}, then run it again`
          );
      }
    }
    return "";
  }

  /** Data rows as 1-based sheet row numbers, and the table's first column (1-based). */
  private dataArea(model: TableModel): { firstRow: number; lastRow: number; firstColumn: number; range: RangeRef } {
    const range = parseRange(model.tableRef);
    const firstRow = range.top + 1 + (model.headerRow === false ? 0 : 1);
    const lastRow = range.bottom + 1 - (model.totalsRow ? 1 : 0);
    return { firstRow, lastRow, firstColumn: range.left + 1, range };
  }

  async listTables(): Promise<TableInfo[]> {
    return this.allTables().map(({ sheet, model }) => this.tableInfo(sheet, model));
  }

  // ------------------------------------------------------------------ read

  async read(request: ReadRequest): Promise<ReadResult> {
    let table: TableSnapshot | null = null;
    if (request.table) {
      const found = this.findTable(request.table.name);
      if (found) {
        const info = this.tableInfo(found.sheet, found.model);
        const { firstRow, lastRow, firstColumn } = this.dataArea(found.model);
        const width = info.headers.length;
        let rows: CellValue[][] | undefined;
        if (request.table.values) {
          rows = [];
          // find* rather than get*: reading must not create empty rows and cells.
          for (let r = firstRow; r <= lastRow; r++) {
            const row = rowToRead(found.sheet, r);
            const values: CellValue[] = new Array(width).fill(null);
            if (row) {
              for (let c = 0; c < width; c++) {
                const cell = row.findCell(firstColumn + c);
                if (cell) values[c] = cellValue(cell);
              }
            }
            rows.push(values);
          }
        }
        const columnFormulas: Record<string, CellValue[]> = {};
        for (const header of request.table.formulasOf ?? []) {
          const index = info.headers.findIndex((h) => h.toLowerCase() === header.toLowerCase());
          if (index < 0) continue;
          const cells: CellValue[] = [];
          for (let r = firstRow; r <= lastRow; r++) {
            const cell = cellToRead(found.sheet, r, firstColumn + index);
            cells.push(cell ? formulaOrValue(cell, found.sheet) : null);
          }
          columnFormulas[header] = cells;
        }
        const notes: CellNote[] = [];
        if (request.table.notes) {
          const { range } = this.dataArea(found.model);
          for (let r = range.top + 1; r <= range.bottom + 1; r++) {
            const row = rowToRead(found.sheet, r);
            for (let c = range.left + 1; row && c <= range.right + 1; c++) {
              const cell = row.findCell(c);
              const text = cell ? noteText(cell) : "";
              if (text !== "") notes.push({ address: cellAddress(r - 1, c - 1), text });
            }
          }
        }
        table = { ...info, rows, columnFormulas, ...(request.table.notes ? { notes } : {}) };
      }
    }
    const settings: Record<string, string | undefined> = {};
    for (const key of request.settings ?? []) settings[key] = this.getSetting(key);
    const names: Record<string, NamedRangeInfo | undefined> = {};
    for (const name of request.names ?? []) names[name] = this.getName(name);
    const sheets: Record<string, SheetSnapshot | null> = {};
    for (const name of request.sheets ?? []) {
      const sheet = this.worksheet(name);
      this.replay(sheet);
      sheets[name] = sheet ? this.snapshot(sheet) : null;
    }
    const titles: Record<string, SheetTitle | null> = {};
    for (const name of request.sheetTitles ?? []) {
      const sheet = this.worksheet(name);
      titles[name] = sheet ? { name: sheet.name, title: this.titleOf(sheet) } : null;
    }
    return { table, settings, names, sheets, titles };
  }

  /** A1's value, "" when empty, read without making a parked or made sheet's cells ExcelJS's. */
  private titleOf(sheet: ExcelJS.Worksheet): CellValue {
    const created = this.created.get(sheet);
    const cell = created ? undefined : cellToRead(sheet, 1, 1);
    const value = created ? plainValue(created.valueAt(1, 1)) : cell ? cellValue(cell) : null;
    return value ?? "";
  }

  private getName(name: string): NamedRangeInfo | undefined {
    const names = this.book.definedNames as unknown as DefinedNamesInternals;
    // A name read from the file is kept as the file gives it (xlsxKeptAsRead.ts); one that is not
    // a range of cells (a formula, a constant, #REF!) is read as missing, as over Excel (excel.ts).
    const kept = keptNameRange(names, name);
    if (kept !== undefined) return kept ?? undefined;
    const key = Object.keys(names.matrixMap).find((k) => k.toLowerCase() === name.toLowerCase());
    if (!key) return undefined;
    const [first] = names.getRanges(key).ranges;
    if (!first) return undefined;
    const bang = first.lastIndexOf("!");
    let sheet = first.slice(0, bang);
    if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    return { sheet, address: first.slice(bang + 1).replace(/\$/g, "") };
  }

  private snapshot(sheet: ExcelJS.Worksheet): SheetSnapshot {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (_cell, colNumber) => {
        top = Math.min(top, rowNumber);
        bottom = Math.max(bottom, rowNumber);
        left = Math.min(left, colNumber);
        right = Math.max(right, colNumber);
      });
    });
    if (bottom < 0) return { name: sheet.name, origin: "", values: [], formulas: [] };
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    for (let r = top; r <= bottom; r++) {
      const row = sheet.findRow(r);
      const valueRow: CellValue[] = [];
      const formulaRow: CellValue[] = [];
      for (let c = left; c <= right; c++) {
        const cell = row?.findCell(c);
        valueRow.push(cell ? cellValue(cell) : null);
        formulaRow.push(cell ? formulaOrValue(cell, sheet) : null);
      }
      values.push(valueRow);
      formulas.push(formulaRow);
    }
    return { name: sheet.name, origin: cellAddress(top - 1, left - 1), values, formulas };
  }

  // -------------------------------------------------------------- settings

  /**
   * The hidden sheet holding the settings: a sheet of the user's that happens to bear its name
   * is never written to (nor its rows read as settings); the next free name is used instead.
   */
  private settingsSheet(create: boolean): ExcelJS.Worksheet | undefined {
    const names = Array.from({ length: 9 }, (_, i) => (i === 0 ? SETTINGS_SHEET : `${SETTINGS_SHEET} (${i + 1})`));
    for (const name of names) {
      const sheet = this.worksheet(name);
      if (sheet && isSettingsSheet(sheet)) return sheet;
    }
    const free = names.find((n) => !this.worksheet(n));
    return create && free ? this.book.addWorksheet(free, { state: "veryHidden" }) : undefined;
  }

  private getSetting(key: string): string | undefined {
    const sheet = this.settingsSheet(false);
    if (!sheet) return undefined;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (row.getCell(1).value !== key) continue;
      let text = "";
      for (let c = 2; ; c++) {
        const part = row.getCell(c).value;
        if (typeof part !== "string") break;
        text += part;
      }
      return text;
    }
    return undefined;
  }

  private setSetting(key: string, value: string): void {
    const sheet = this.settingsSheet(true)!;
    let rowNumber = sheet.rowCount + 1;
    for (let r = 1; r <= sheet.rowCount; r++) {
      if (sheet.getRow(r).getCell(1).value === key) {
        rowNumber = r;
        break;
      }
    }
    const row = sheet.getRow(rowNumber);
    const previousWidth = row.cellCount;
    row.getCell(1).value = key;
    let column = 2;
    for (let start = 0; start < value.length || column === 2; start += CELL_TEXT_LIMIT) {
      row.getCell(column++).value = value.slice(start, start + CELL_TEXT_LIMIT);
    }
    for (; column <= previousWidth; column++) row.getCell(column).value = null;
  }

  // ----------------------------------------------------------------- apply

  async apply(changes: readonly WorkbookChange[], options?: ApplyOptions): Promise<void> {
    assertWithinExcelLimits(changes);
    const crowded = this.crowdedColumn(changes);
    if (crowded) throw new NoRoomError(crowded);
    this.extents = writtenExtents(changes);
    this.wholeClears = this.clearedWhole(changes);
    const done: WorkbookChange[] = [];
    const run = (list: readonly WorkbookChange[]) => {
      for (const change of list) {
        try {
          this.applyOne(change);
        } catch (error) {
          throw new WorkbookWriteError(`Could not apply ${change.kind}: ${(error as Error).message}`, done, [change], error);
        }
        done.push(change);
      }
    };
    const { first, last } = this.madeSheetsLast(changes);
    const toPark = this.sheetsToPark(last);
    if (toPark.length > 0) collectGarbage();
    run(first);
    // A table's columns written into a parked sheet are ExcelJS's cells until they are folded
    // into its store: before the made sheets' cells are made (which touch no user's sheet).
    for (const sheet of this.book.worksheets) compactParked(sheet);
    for (const sheet of toPark) parkCells(sheet);
    if (toPark.length > 0 || cellsWritten(last) >= COLLECT_BEFORE_CELLS) collectGarbage();
    run(last);
    this.wholeClears = new Set();
    options?.onProgress?.(changes.length, changes.length);
  }

  /**
   * Heap in use (bytes) above which the user's sheets are parked while a large write to the
   * sheets made here is under way (sheetsToPark): below it, V8 would not collect the old
   * generation on its own, and parking would cost time (a parked sheet's cells are made again
   * for each of the writer's three passes) and save no memory. Tests set it to 0 to park
   * always, or to Infinity to park never: the file must be the same either way.
   */
  parkAbove = COLLECT_ABOVE;

  /**
   * `changes` in two lists: the writes and formats of the sheets made here (whose every change
   * in `changes` is of a kind they keep outside ExcelJS) last, in their order, and everything
   * else first, in its order. The two touch different objects (a made sheet's cells and formats
   * are its CreatedSheet's until the file is written, the rest ExcelJS's or the workbook's own),
   * and neither adds a sheet (the order of sheets is the order they were added in), so the
   * order between them changes nothing of the file: it lets the user's sheets be parked, once
   * the changes to them are done, before the made sheets' cells are made.
   */
  private madeSheetsLast(changes: readonly WorkbookChange[]): { first: WorkbookChange[]; last: WorkbookChange[] } {
    if (!this.keepMadeSheetsOutside) return { first: [...changes], last: [] };
    const made = new Set<string>();
    for (const sheet of this.created.keys()) made.add(sheet.name.toLowerCase());
    for (const change of changes) if (change.kind === "ensureSheet" && !this.worksheet(change.sheet)) made.add(change.sheet.toLowerCase());
    // A sheet cleared whole is made again by its clear, which comes before any other change to it.
    for (const change of this.wholeClears) if ("sheet" in change) made.add(change.sheet.toLowerCase());
    for (const change of changes) if ("sheet" in change && !KEPT_OUTSIDE.has(change.kind) && !this.wholeClears.has(change)) made.delete(change.sheet.toLowerCase());
    const first: WorkbookChange[] = [];
    const last: WorkbookChange[] = [];
    for (const change of changes) ((change.kind === "writeRange" || change.kind === "formatRange") && made.has(change.sheet.toLowerCase()) ? last : first).push(change);
    return { first, last };
  }

  /** This apply's clears that empty their sheet whole (clearedWhole). */
  private wholeClears = new Set<WorkbookChange>();

  /**
   * The clears among `changes` that leave their sheet holding nothing a sheet made here does not
   * hold as well (clearsWhole), each the first change to its sheet: such a sheet is started again
   * as a made sheet by its clear (the finance summary, prepared again), instead of having each of
   * its cells made, emptied, and written again through ExcelJS's.
   */
  private clearedWhole(changes: readonly WorkbookChange[]): Set<WorkbookChange> {
    const whole = new Set<WorkbookChange>();
    if (!this.keepMadeSheetsOutside) return whole;
    const seen = new Set<string>();
    for (const change of changes) {
      if (!("sheet" in change) || change.kind === "ensureSheet") continue;
      const key = change.sheet.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const sheet = this.worksheet(change.sheet);
      if (change.kind === "clearRange" && sheet && this.clearsWhole(sheet, parseRange(change.address))) whole.add(change);
    }
    return whole;
  }

  /**
   * Whether clearing `range` of `sheet` (a user's sheet, not one made here) leaves nothing in it but
   * what a sheet made here keeps as well: every cell inside the range, none with a note or merged;
   * no row of its own height, style, visibility or outline level; no column with a style; no table.
   * Its column widths, views, validations, drawings and conditional formats are the sheet's, not its
   * cells', and stay either way.
   */
  private clearsWhole(sheet: ExcelJS.Worksheet, range: RangeRef): boolean {
    if (this.created.has(sheet) || range.top !== 0 || range.left !== 0) return false;
    const internals = sheet as unknown as { _merges: Record<string, unknown>; _columns?: ({ style?: object } | undefined)[] | null };
    if (Object.keys(internals._merges).length > 0 || sheet.getTables().length > 0) return false;
    for (const column of internals._columns ?? []) if (column?.style && Object.keys(column.style).length > 0) return false;
    const parked = parkedRows(sheet);
    type PlainRow = { height?: number; hidden?: boolean; outlineLevel?: number; style?: object; _cells: ({ _comment?: unknown; _mergeCount?: number } | undefined)[] };
    const rows = (parked ? parked.rows : (sheet as unknown as { _rows: (PlainRow | undefined)[] })._rows) as readonly (PlainRow | undefined)[];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      if (row.height !== undefined || row.hidden || row.outlineLevel || (row.style && Object.keys(row.style).length > 0)) return false;
      if (parked) continue;
      const cells = row._cells;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (cell && (r > range.bottom || c > range.right || cell._comment !== undefined || cell._mergeCount)) return false;
      }
    }
    if (!parked) return true;
    const extent = parkedPlainExtent(sheet);
    return extent !== null && extent !== undefined && extent.bottom <= range.bottom && extent.right - 1 <= range.right;
  }

  /**
   * The user's sheets to park (xlsxParkedRows.ts) once the changes to them are done, before
   * `changes`, all to sheets made here, are applied, where the heap in use is past `parkAbove`:
   * each that holds no more cells than `changes` write. The finance summary's many cells are
   * then made while the vendor table's are a fraction of their size. A checklist sheet's few
   * cells park nothing (the next step reads the table again, and would only unpark it).
   */
  private sheetsToPark(changes: readonly WorkbookChange[]): ExcelJS.Worksheet[] {
    if (changes.length === 0 || process.memoryUsage().heapUsed <= this.parkAbove) return [];
    const written = cellsWritten(changes);
    const settings = this.settingsSheet(false);
    return this.book.worksheets.filter((sheet) => {
      if (sheet === settings || this.created.has(sheet)) return false;
      const held = heldCells(sheet, written);
      return held > 0 && held <= written;
    });
  }

  /**
   * Excel's sheet names ignore case, and ExcelJS's addWorksheet refuses a name that differs
   * only in case (exceljs issue #3028) while its getWorksheet compares exactly: look up as Excel does.
   */
  private worksheet(name: string): ExcelJS.Worksheet | undefined {
    return this.book.getWorksheet(name) ?? this.book.worksheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const sheet = this.worksheet(name);
    if (!sheet) throw new Error(`There is no sheet named '${name}'.`);
    return sheet;
  }

  private applyOne(change: WorkbookChange): void {
    if ("sheet" in change && !KEPT_OUTSIDE.has(change.kind)) this.replay(this.worksheet(change.sheet));
    switch (change.kind) {
      case "ensureSheet": {
        let sheet = this.worksheet(change.sheet);
        if (!sheet) {
          sheet = this.book.addWorksheet(change.sheet);
          if (this.keepMadeSheetsOutside) this.created.set(sheet, new CreatedSheet());
        }
        if (change.activate) {
          const index = this.book.worksheets.indexOf(sheet);
          this.book.views = [{ x: 0, y: 0, width: 12000, height: 8000, firstSheet: 0, activeTab: index, visibility: "visible" }];
        }
        return;
      }
      case "writeRange": {
        const sheet = this.sheet(change.sheet);
        const cells = this.created.get(sheet);
        const put = cells
          ? (row: number, column: number, value: ExcelJS.CellValue) => cells.set(row, column, value)
          : (row: number, column: number, value: ExcelJS.CellValue) => (sheet.getRow(row).getCell(column).value = value);
        // A clone of a filled-down formula goes straight into a made sheet's cell, without a value object of its own for each.
        const share = cells
          ? (row: number, column: number, master: string, result: CellValue | undefined) => cells.setClone(row, column, master, result)
          : (row: number, column: number, master: string, result: CellValue | undefined) => put(row, column, { sharedFormula: master, result } as ExcelJS.CellValue);
        const origin = parseCell(change.address);
        // Room for all this apply writes to the sheet, so that a made sheet's rows are laid out
        // once at their full width: the finance summary's blocks right of its vendor block
        // would otherwise widen some 50 columns a row to twice that, copying every cell.
        const extent = this.extents.get(change.sheet.toLowerCase());
        if (cells && extent) cells.reserve(origin.row + 1, extent.bottom, extent.right);
        // A formula of pieces (FormulaWrite.pieces) is kept as them in a made sheet, not as its text.
        const putPieces = cells && ((row: number, column: number, pieces: NonNullable<FormulaWrite["pieces"]>, result: CellValue | undefined) => cells.setPieces(row, column, pieces.parts, pieces.numbers, result));
        this.writeRange(put, share, origin, change.cells, putPieces);
        return;
      }
      case "clearRange": {
        const sheet = this.sheet(change.sheet);
        const range = parseRange(change.address);
        if (this.wholeClears.has(change)) {
          // Nothing of the sheet's cells or rows is kept: it is started again as a made sheet.
          if (isParked(sheet)) discardParked(sheet);
          else (sheet as unknown as { _rows: unknown[] })._rows = [];
          this.created.set(sheet, new CreatedSheet());
          this.dropConditionalFormatsInside(sheet, range);
          return;
        }
        // Only cells that exist can hold anything: a stored area larger than the sheet costs nothing.
        const bottom = Math.min(range.bottom, sheet.rowCount - 1);
        const right = Math.min(range.right, sheet.columnCount - 1);
        for (let r = range.top; r <= bottom; r++) {
          const row = sheet.getRow(r + 1);
          for (let c = range.left; c <= right; c++) {
            const cell = row.getCell(c + 1);
            cell.value = null;
            cell.style = {};
          }
        }
        this.dropConditionalFormatsInside(sheet, range);
        return;
      }
      case "formatRange":
        this.format(this.sheet(change.sheet), parseRange(change.address), change.format);
        return;
      case "createTable": {
        const sheet = this.sheet(change.sheet);
        if (this.findTable(change.name)) throw new Error(`A table named '${change.name}' already exists.`);
        sheet.addTable({
          name: change.name,
          ref: change.address,
          headerRow: true,
          style: { theme: "TableStyleMedium2", showRowStripes: true },
          columns: change.headers.map((name) => ({ name, filterButton: true })),
          rows: change.rows.map((row) => row.map((w) => (w === null ? null : toExcelValue(w)))) as unknown[][],
        });
        return;
      }
      case "convertRangeToTable": {
        const sheet = this.sheet(change.sheet);
        if (this.findTable(change.name)) throw new Error(`A table named '${change.name}' already exists.`);
        const range = parseRange(change.address);
        const headers: string[] = [];
        const seen = new Set<string>();
        // A table holds no merged cells. A header merged across columns names each of them
        // (read before unmerging, as the block was shown) and is numbered below like any
        // repeat; left merged, the next column's name would be written into the merged cell.
        const merged = Object.values((sheet as unknown as { _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number }; range: string }> })._merges);
        const overlapping = merged.filter(({ model: m }) => m.left - 1 <= range.right && range.left <= m.right - 1 && m.top - 1 <= range.bottom && range.top <= m.bottom - 1);
        for (let c = range.left; c <= range.right; c++) {
          const text = cellValue(sheet.getRow(range.top + 1).getCell(c + 1));
          const base = text === null || text === undefined || String(text).trim() === "" ? `Column${c - range.left + 1}` : String(text);
          // Column names are unique in a table, case aside: Excel numbers a repeated header
          // (Rate, Rate2) as the memory adapter does; ExcelJS would keep both names and
          // every structured reference to the second would reach the first.
          let name = base;
          for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}${n}`;
          seen.add(name.toLowerCase());
          headers.push(name);
        }
        for (const m of overlapping) sheet.unMergeCells(m.range);
        const rows: ExcelJS.CellValue[][] = [];
        for (let r = range.top + 1; r <= range.bottom; r++) {
          const row = sheet.getRow(r + 1);
          const values: ExcelJS.CellValue[] = [];
          for (let c = range.left; c <= range.right; c++) values.push(row.getCell(c + 1).value);
          rows.push(values);
        }
        sheet.addTable({
          name: change.name,
          ref: cellAddress(range.top, range.left),
          headerRow: true,
          style: { theme: "TableStyleMedium2", showRowStripes: true },
          columns: headers.map((name) => ({ name, filterButton: true })),
          rows,
        });
        return;
      }
      case "setTableColumn":
        this.setTableColumn(change);
        return;
      case "setName": {
        const names = this.book.definedNames as unknown as DefinedNamesInternals;
        for (const key of Object.keys(names.matrixMap)) if (key.toLowerCase() === change.name.toLowerCase()) delete names.matrixMap[key];
        forgetKeptName(names, change.name);
        const range = parseRange(change.address);
        const absolute = `$${columnLetters(range.left)}$${range.top + 1}:$${columnLetters(range.right)}$${range.bottom + 1}`;
        names.add(`${quoteSheet(change.sheet)}!${absolute}`, change.name);
        return;
      }
      case "setSetting":
        this.setSetting(change.key, change.value);
        return;
      case "setNote": {
        const at = parseCell(change.address);
        const cell = cellToWrite(this.sheet(change.sheet), at.row + 1, at.column + 1);
        if (change.text !== null) cell.note = change.text;
        else {
          // ExcelJS has no way to remove a note (its setter always makes one), and a cell read
          // from a file also keeps the note in its value's model, which is what gets written.
          const held = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
          held._comment = undefined;
          if (held._value?.model) delete held._value.model.comment;
        }
        return;
      }
      case "setChart": {
        const sheet = this.sheet(change.sheet);
        for (const range of [change.chart.categories, ...change.chart.series.map((s) => s.values), change.anchor.cell]) parseRange(range);
        const same = (c: StoredChart) => c.sheet.toLowerCase() === sheet.name.toLowerCase() && c.name.toLowerCase() === change.name.toLowerCase();
        const charts = this.storedCharts();
        const chart: StoredChart = { sheet: sheet.name, name: change.name, chart: change.chart, anchor: change.anchor };
        const at = charts.findIndex(same);
        if (at >= 0) charts[at] = chart;
        else charts.push(chart);
        this.setSetting(CHARTS_SETTING, JSON.stringify(charts));
        return;
      }
    }
  }

  /**
   * Writes a block. A run of formulas down a column that differ only by the row (the same
   * formula filled down) is stored as one shared formula, as Excel itself saves a fill: the
   * file is a fraction of the size and saves several times faster on large tables.
   */
  private writeRange(
    put: (row: number, column: number, value: ExcelJS.CellValue) => void,
    share: (row: number, column: number, master: string, result: CellValue | undefined) => void,
    origin: { row: number; column: number },
    block: CellBlock,
    putPieces?: (row: number, column: number, pieces: NonNullable<FormulaWrite["pieces"]>, result: CellValue | undefined) => void,
  ): void {
    // Each cell is asked for once (a source works it out anew each time: CellSource).
    const { rows, columns, cell } = blockShape(block);
    for (let c = 0; c < columns; c++) {
      let r = 0;
      let write = rows > 0 ? cell(0, c) : undefined;
      while (r < rows) {
        if (write === undefined || write === null || typeof write !== "object" || write.alone) {
          // A value, or a formula no run passes through (FormulaWrite.alone): its text is not read for one.
          if (typeof write === "object" && write?.pieces && putPieces) putPieces(origin.row + 1 + r, origin.column + 1 + c, write.pieces, write.cachedValue ?? undefined);
          else if (write !== undefined && write !== null) put(origin.row + 1 + r, origin.column + 1 + c, typeof write === "object" ? toExcelValue(write, write.formula) : write);
          r++;
          write = r < rows ? cell(r, c) : undefined;
          continue;
        }
        const text = write.formula;
        // The template's cells follow by their row number alone; any other cell, and a template
        // fillDown reads differently, by comparing texts.
        const read = fillDownParts(text);
        const template = write.rowTemplate;
        const row = template ? Number(template.row) : NaN;
        const templated = template !== undefined && fillsDownAsTemplate(read, template, row) ? template.parts : undefined;
        let filled: ((offset: number) => string) | undefined;
        let end = r + 1;
        /** The run's clones' cached values, from r + 1 on. */
        const cached: CellValue[] = [];
        let next = end < rows ? cell(end, c) : undefined;
        while (end < rows) {
          if (next === null || next === undefined || typeof next !== "object" || next.alone) break;
          const offset = end - r;
          const sameTemplate = templated !== undefined && next.rowTemplate?.parts === templated && next.rowTemplate.row === String(row + offset);
          if (!sameTemplate && next.formula !== (filled ??= filledFrom(read))(offset)) break;
          cached.push(next.cachedValue ?? null);
          end++;
          next = end < rows ? cell(end, c) : undefined;
        }
        if (end - r < 2) {
          put(origin.row + 1 + r, origin.column + 1 + c, toExcelValue(write, text));
        } else {
          const master = cellAddress(origin.row + r, origin.column + c);
          const ref = `${master}:${cellAddress(origin.row + end - 1, origin.column + c)}`;
          put(origin.row + 1 + r, origin.column + 1 + c, { ...(toExcelValue(write, text) as ExcelJS.CellFormulaValue), shareType: "shared", ref } as ExcelJS.CellValue);
          for (let k = r + 1; k < end; k++) {
            const value = cached[k - r - 1];
            share(origin.row + 1 + k, origin.column + 1 + c, master, value === null ? undefined : value);
          }
        }
        r = end;
        write = next;
      }
    }
  }

  private setTableColumn(change: Extract<WorkbookChange, { kind: "setTableColumn" }>): void {
    const found = this.findTable(change.table);
    if (!found) throw new Error(`There is no table named '${change.table}'.`);
    const { sheet, model } = found;
    const { firstRow, lastRow, firstColumn, range } = this.dataArea(model);
    let index = model.columns.findIndex((c) => c.name.toLowerCase() === change.header.toLowerCase());
    if (index < 0) {
      index = model.columns.length;
      const column = range.right + 1;
      const blocker = this.allTables().find(
        (t) => t.sheet === sheet && t.model !== model && (() => {
          const other = parseRange(t.model.tableRef);
          return other.left <= column && column <= other.right && other.top <= range.bottom && range.top <= other.bottom;
        })(),
      );
      if (blocker) throw new Error(`Table '${blocker.model.name}' sits right of '${model.name}'; there is no room for the column '${change.header}'.`);
      model.columns.push({ name: change.header, filterButton: model.columns[0]?.filterButton ?? true, totalsRowFunction: "none" });
      const grown: RangeRef = { ...range, right: column };
      model.tableRef = `${cellAddress(grown.top, grown.left)}:${cellAddress(grown.bottom, grown.right)}`;
      if (model.autoFilterRef) {
        const filter = parseRange(model.autoFilterRef);
        model.autoFilterRef = `${cellAddress(filter.top, filter.left)}:${cellAddress(filter.bottom, column)}`;
      }
      if (model.headerRow !== false) cellToWrite(sheet, range.top + 1, column + 1).value = change.header;
    }
    const column = firstColumn + index;
    const formula = change.formula === undefined ? undefined : fileFormOfTableFormula(change.formula, model.name);
    const formatted = change.numberFormat ? restyler((old) => ({ ...old, numFmt: change.numberFormat })) : undefined;
    // Read once: the change may work them out each time they are read.
    const cachedValues = formula === undefined ? undefined : change.cachedValues;
    for (let r = firstRow, i = 0; r <= lastRow; r++, i++) {
      const cell = cellToWrite(sheet, r, column);
      if (formula !== undefined) {
        const cached = cachedValues?.[i];
        cell.value = { formula, result: cached === null || cached === undefined ? undefined : cached } as ExcelJS.CellFormulaValue;
      } else {
        const value = change.values?.[i];
        cell.value = value === undefined ? null : value;
      }
      formatted?.(cell);
    }
    if (lastRow >= firstRow) {
      const ref = `${cellAddress(firstRow - 1, column - 1)}:${cellAddress(lastRow - 1, column - 1)}`;
      const target = parseRange(ref);
      this.dropConditionalFormatsInside(sheet, target);
      if (change.conditionalFormats?.length) {
        sheet.addConditionalFormatting({ ref, rules: change.conditionalFormats.map((rule, i) => this.conditionalRule(rule, ref, i)) });
      }
    }
  }

  private conditionalRule(rule: ConditionalFormatRule, ref: string, priority: number): ExcelJS.ConditionalFormattingRule {
    const style: Partial<ExcelJS.Style> = {
      fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(rule.fill) }, fgColor: { argb: argb(rule.fill) } },
    };
    if (rule.fontColor) style.font = { color: { argb: argb(rule.fontColor) } };
    if (rule.kind === "textContains") {
      const topLeft = ref.split(":")[0];
      const text = rule.text.replace(/"/g, '""');
      return {
        type: "containsText",
        operator: "containsText",
        text: rule.text,
        formulae: [`NOT(ISERROR(SEARCH("${text}",${topLeft})))`],
        style,
        priority: priority + 1,
      } as unknown as ExcelJS.ConditionalFormattingRule;
    }
    return {
      type: "cellIs",
      operator: rule.operator,
      formulae: rule.bounds.map(String),
      style,
      priority: priority + 1,
    } as unknown as ExcelJS.ConditionalFormattingRule;
  }

  private dropConditionalFormatsInside(sheet: ExcelJS.Worksheet, range: RangeRef): void {
    const internals = sheet as unknown as { conditionalFormattings: { ref: string }[] };
    internals.conditionalFormattings = (internals.conditionalFormattings ?? []).filter((cf) => {
      const areas = cf.ref.split(/\s+/).map((a) => parseRange(a));
      return !areas.every((a) => a.top >= range.top && a.bottom <= range.bottom && a.left >= range.left && a.right <= range.right);
    });
  }

  private format(sheet: ExcelJS.Worksheet, range: RangeRef, format: CellFormat): void {
    const restyled = restyle((old) => {
      const next: Partial<ExcelJS.Style> = { ...old };
      if (format.bold !== undefined || format.italic !== undefined || format.fontColor !== undefined) {
        next.font = {
          ...old.font,
          ...(format.bold !== undefined ? { bold: format.bold } : {}),
          ...(format.italic !== undefined ? { italic: format.italic } : {}),
          ...(format.fontColor !== undefined ? { color: { argb: argb(format.fontColor) } } : {}),
        };
      }
      if (format.fill !== undefined) next.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(format.fill) } };
      if (format.wrapText !== undefined) next.alignment = { ...old.alignment, wrapText: format.wrapText, vertical: "top" };
      if (format.numberFormat !== undefined) next.numFmt = format.numberFormat;
      return next;
    });
    const cells = this.created.get(sheet);
    for (let r = range.top; r <= range.bottom; r++) {
      if (cells) {
        for (let c = range.left; c <= range.right; c++) cells.setStyle(r + 1, c + 1, restyled(cells.style(r + 1, c + 1)));
        continue;
      }
      for (let c = range.left; c <= range.right; c++) {
        const cell = cellToWrite(sheet, r + 1, c + 1);
        cell.style = restyled(cell.style);
      }
    }
    if (format.columnWidth !== undefined) {
      // ExcelJS widths are in characters of the default font (about 7 px); points are 4/3 px.
      const characters = Math.max(1, (format.columnWidth * 4) / 3 / 7);
      for (let c = range.left; c <= range.right; c++) sheet.getColumn(c + 1).width = characters;
    }
  }

  // --------------------------------------------------------- selection etc.

  /** The visible worksheets, left to right (the add-in's settings sheet is not the buyer's). */
  sheetNames(): string[] {
    return this.book.worksheets.filter((s) => s.state !== "hidden" && s.state !== "veryHidden" && s.name !== SETTINGS_SHEET).map((s) => s.name);
  }

  async detectRegion(): Promise<RegionInfo | null> {
    const sheet = this.book.worksheets.find((s) => s.state !== "hidden" && s.state !== "veryHidden");
    if (!sheet) return null;
    this.replay(sheet);
    const snap = this.snapshot(sheet);
    if (snap.values.length === 0) return null;
    const origin = parseCell(snap.origin);
    const bottom = origin.row + snap.values.length - 1;
    const right = origin.column + snap.values[0].length - 1;
    const address = `${snap.origin}:${cellAddress(bottom, right)}`;
    const headers = snap.values[0].map((v) => (v === null || v === undefined ? "" : String(v)));
    const owner = this.allTables().find((t) => {
      if (t.sheet !== sheet) return false;
      const r = parseRange(t.model.tableRef);
      return r.left <= right && origin.column <= r.right && r.top <= bottom && origin.row <= r.bottom;
    });
    return { sheet: sheet.name, address, headers, rowCount: snap.values.length - 1, ...(owner ? { table: owner.model.name } : {}) };
  }

  /**
   * Cells in the columns `headers` of `table` that hold a formula with no saved result. Excel
   * saves each formula's value with it; a workbook written by a program (ExcelJS, openpyxl) or
   * saved without recalculating has none, and reading it as blank would drop or misread the row.
   * Excel itself always calculates, so only the file adapter has this question to answer.
   */
  uncalculatedCells(table: string, headers: readonly string[]): { row: number; header: string; formula: string }[] {
    const found = this.findTable(table);
    if (!found) return [];
    const info = this.tableInfo(found.sheet, found.model);
    const { firstRow, lastRow, firstColumn } = this.dataArea(found.model);
    const columns = headers.map((h) => info.headers.findIndex((t) => t.toLowerCase() === h.toLowerCase())).filter((c) => c >= 0);
    const cells: { row: number; header: string; formula: string }[] = [];
    for (let r = firstRow; r <= lastRow && columns.length > 0; r++) {
      const row = rowToRead(found.sheet, r);
      if (!row) continue;
      for (const c of columns) {
        const cell = row.findCell(firstColumn + c);
        if (cell && cell.type === enums.ValueType.Formula && cell.result === undefined) cells.push({ row: r, header: info.headers[c], formula: "=" + formulaOf(cell, found.sheet) });
      }
    }
    return cells;
  }

  async readTableRow(table: string, rowIndex: number): Promise<TableRowSnapshot | null> {
    const found = this.findTable(table);
    if (!found) return null;
    const info = this.tableInfo(found.sheet, found.model);
    if (rowIndex < 0 || rowIndex >= info.rowCount) return { ...info, row: null };
    const { firstRow, firstColumn } = this.dataArea(found.model);
    const row = rowToRead(found.sheet, firstRow + rowIndex);
    return {
      ...info,
      row: info.headers.map((_, c) => {
        const cell = row?.findCell(firstColumn + c);
        return cell ? cellValue(cell) : null;
      }),
    };
  }

  async getSelection(): Promise<SelectionInfo | null> {
    return null;
  }

  async onSelectionChanged(): Promise<() => Promise<void>> {
    return async () => undefined;
  }

  /** A file on disk has no window to select in. */
  async selectCell(): Promise<boolean> {
    return false;
  }
}
