// A counting fake of the slice of the Office.js Excel API the adapter uses.
//
// Why not office-addin-mock: it cannot load a collection's items the way Office.js code
// does (`tables.load("items/name")` throws "Property name needs to be present in object
// model before load is called"), and its OfficeMockObject serves fixed data. Objects are not
// related (adding a table column does not add a column; writing values does not change
// what a later load returns), methods must be hand-written per test, and it neither counts
// round trips nor sizes requests. A table of 10,000 rows, calculated columns, names and
// settings need a small workbook behind the API, so this fake keeps one and follows the
// API's rules that matter here:
// - a property can be read only after it was loaded AND a context.sync() followed
//   (PropertyNotLoaded otherwise), isNullObject only after a sync;
// - values, formulas and numberFormat take a 2-D array the size of the range (their type in
//   @types/office-js and the Excel.Range reference is any[][]); a single value is refused, since
//   broadcasting one to every cell is undocumented and reported to work on desktop only;
// - a formula written into a table column makes it a calculated column (Excel's AutoCorrect
//   option "Fill formulas in tables to create calculated columns", on by default): Excel
//   fills the bottom-most formula written, in R1C1 terms, down every formula or empty cell of
//   the column, even when the rows were given different formulas (office-js issues 5909,
//   2093 "by design", 6745); rows a user adds later get it only while that option is on;
// - null in a 2-D array leaves the cell as it is;
// - a string written through `values` is typed input: starting with "=", "+" or "-" it becomes
//   a formula (Range.values: "If the returned value starts with a plus, minus, or equal sign,
//   Excel interprets this value as a formula"; "+cmd" is stored as =+cmd, "-5" is the number),
//   unless the cell's number format is text ("@"), as Excel on Windows does;
// - Range.valuesAsJson (ExcelApi 1.16) takes typed values: a StringCellValue is stored as the
//   string it carries, whatever it starts with, and the number format stays as it was.
// - a cell can hold a data type (setDataType: a Geography or Stocks value is a
//   LinkedEntityCellValue). Range.values gives its basicValue, "#VALUE!" for an entity, a linked
//   entity, an image or an array ("Excel JavaScript API data types core concepts": values
//   "only returns one of the four basic types", basicValue "matches the value that would be
//   returned by the values property", an entity's is "#VALUE!"; SheetJS issue 1733 shows a
//   Geography cell stored as the #VALUE! error in the file). Range.valueTypes gives its
//   basicType ("Error" for those; what Excel reports there is not documented beyond the
//   RangeValueType enum, so the adapter does not rely on it). Range.valuesAsJson (ExcelApi
//   1.16 in @types/office-js; loading it on an older host fails) gives the object itself, and
//   a plain cell as the String, Double, Boolean or Empty cell value its value is.
// - getSpecialCells throws ItemNotFound at the sync when no cell matches; the
//   *OrNullObject variant comes back as a null object instead.
// - workbook.onSelectionChanged ("Work with Events using the Excel JavaScript API"): a handler
//   added in a batch is registered by that batch's sync and stays registered across batches
//   until removed; remove() goes through the RequestContext the handler was added in
//   (EventHandlerResult in @types/office-js) and takes effect at that context's next sync.
// - a response over 5 MB fails its sync with ResponsePayloadSizeLimitExceeded, as Excel on
//   the web does ("Resource limits and performance optimization for Office Add-ins": a payload
//   limit of 5MB for requests and responses; the error code from "Error handling with the
//   application-specific JavaScript APIs", where it "only occurs in Excel on the web");
// - a named item has a type; one that is not "Range" (a deleted sheet leaves #REF!, type
//   Error) makes getRange() fail at the sync and getRangeOrNullObject() a null object
//   (@types/office-js, NamedItem.getRange / getRangeOrNullObject / type);
// - the used range counts formatted cells unless asked for values only (Worksheet.
//   getUsedRangeOrNullObject(valuesOnly): "considers only cells with values as used cells");
// - a read of more than 5,000,000 cells fails with RangeExceedsLimit, on every platform
//   ("A range is limited to 5,000,000 cells for read operations", resource limits article).
// - inside a merged undo group (Excel.run's mergeUndoGroup), a write Excel cannot undo fails
//   its sync with UndoNotSupported ("Undo capabilities with the Excel JavaScript API": "If an
//   API within the group doesn't offer undo support, the UndoNotSupported error is thrown"):
//   a name's comment (NamedItem.comment: no undo on Excel on the web) and an array of more
//   than 1,500 cells, which Office.js splits into several actions (office-js issue 6491: a
//   40 x 40 formulas write fails so). What the request wrote before stays written.
// - notes (ExcelApi 1.18; "Work with notes using the Excel JavaScript API", Excel.NoteCollection
//   and Excel.Note in @types/office-js): a note belongs to one cell; Worksheet.notes lists the
//   sheet's, getItem takes the cell's address and fails the sync with ItemNotFound when the cell
//   has none (getItemOrNullObject gives a null object), add takes a single cell (a Range or an
//   address; anything else is InvalidCellAddress), Note.content is read and written, delete()
//   removes it, getLocation() is its cell. What add does on a cell that already has a note is
//   not documented: the fake refuses it, so nothing may rely on it. On a host without 1.18,
//   Worksheet.notes fails with ApiNotFound. Notes are not on the undo article's list of APIs
//   without undo, so a merged undo group takes them.
// Errors carry their code in `code`, as OfficeExtension.Error does.
// It counts syncs, Excel.run calls (with their mergeUndoGroup option), for every request
// the bytes of the values sent and the cells and formulas written, and for every sync the
// UTF-8 bytes of the properties its response carries back (Excel on the web limits both).

import type { CellValue } from "../../../src/model/types";
import { cellAddress, parseRange, quoteSheet, rangeAddress, type RangeRef } from "../../../src/workbook/address";
import type { ExcelHost } from "../../../src/workbook/excel";

/** A data type a cell holds (an Excel.CellValue as valuesAsJson returns it). */
export interface DataTypeCell {
  readonly type: string;
  readonly basicType?: string;
  readonly basicValue?: unknown;
}

interface Cell {
  value: CellValue;
  formula?: string;
  numberFormat?: string;
  /** The data type the cell holds; `value` is then its basicValue. */
  dataType?: DataTypeCell;
}

interface Sheet {
  name: string;
  cells: Map<string, Cell>;
  /** Notes by cell ("row,column"), in the order added. */
  notes?: Map<string, string>;
}

interface Table {
  name: string;
  sheet: string;
  top: number;
  left: number;
  rows: number;
  columns: string[];
  /** Calculated columns by column index: the formula as written in sheet row `row` (0-based). */
  calculated?: Map<number, { formula: string; row: number }>;
}

export interface RequestStats {
  bytes: number;
  /** Cells given a value (non-null entries; a single value on a range counts once). */
  valueCells: number;
  /** Formulas sent (a single formula set on a whole column counts once). */
  formulas: number;
  /** UTF-8 bytes of the loaded properties this sync's response returned (JSON, as on the wire). */
  responseBytes?: number;
}

export interface ConditionalFormatRecord {
  sheet: string;
  address: string;
  type: string;
  rule?: unknown;
  fill?: string;
}

export interface ChartSeriesRecord {
  name: string;
  /** Addresses without the sheet, as given to setValues / setXAxisValues (or taken from the source range). */
  values: string;
  xValues?: string;
  /** format.fill.clear() was called: drawn without fill. */
  fillCleared?: boolean;
}

export interface ChartRecord {
  sheet: string;
  name: string;
  /** Excel.ChartType, e.g. "BarStacked", "XYScatter". */
  type: string;
  title?: string;
  series: ChartSeriesRecord[];
  /** setPosition's cells. */
  position?: { start: string; end?: string };
  axisTitles: { category?: string; value?: string };
  /** categoryAxis.reversePlotOrder (first category at the top of a bar chart). */
  reversedCategories?: boolean;
  /** categoryAxis.position: where the value axis crosses it. */
  categoryAxisPosition?: string;
  /** categoryAxis.tickLabelPosition (Excel.ChartAxisTickLabelPosition). */
  categoryTickLabels?: string;
  /** Indexes of the legend entries set to visible = false. */
  hiddenLegendEntries?: number[];
}

const k = (r: number, c: number) => `${r},${c}`;
const low = (s: string) => s.toLowerCase();

/** An error as Office.js raises it: the code in `code` (OfficeExtension.Error), a message for people. */
export function officeError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { name: "RichApi.Error", code });
}

export class FakeExcel {
  readonly sheets = new Map<string, Sheet>();
  readonly tables: Table[] = [];
  /** `type` is Excel.NamedItemType; absent means "Range". */
  readonly names = new Map<string, { name: string; sheet: string; address: string; comment?: string; type?: string }>();
  readonly settings = new Map<string, string>();
  readonly conditionalFormats: ConditionalFormatRecord[] = [];
  /** Every chart of the workbook, in the order drawn (worksheet.charts). */
  readonly charts: ChartRecord[] = [];
  active = { sheet: "", row: 0, column: 0 };
  /** The user's AutoCorrect option "Fill formulas in tables to create calculated columns" (on by default). */
  fillFormulasInTables = true;
  /** The newest ExcelApi requirement set the fake host claims, as its minor number (20 for 1.20). */
  apiMinor = 20;
  /** Whether the host has the ExcelUndoApiAll requirement set (checked with ExcelApi 1.20 before merging undo). */
  undoApiAll = true;
  /**
   * Excel builds that fail any merged undo group that writes: RichApi.Error on Excel on the web
   * (office-js issue 6711), an internal error, GeneralException (issue 6255). The code to
   * fail with, or null. The request's writes stay made, as far as they went.
   */
  failMergedGroupsWith: string | null = null;
  /** Excel on the web's 5 MB response limit; desktop builds have none. */
  responseLimitBytes: number | null = 5 * 1024 * 1024;
  syncs = 0;
  readonly runs: { mergeUndoGroup: boolean }[] = [];
  readonly requests: RequestStats[] = [];
  current: RequestStats = { bytes: 0, valueCells: 0, formulas: 0 };
  selectionHandlers: ((args: { type: string }) => Promise<void>)[] = [];
  /** Cells whose formulas were returned by reads (responses are size-limited too). */
  formulaCellsRead = 0;
  /** Every range whose cells a sync returned (values, formulas or number formats), in order. */
  readonly rangeReads: { sheet: string; address: string; property: string; cells: number }[] = [];
  /** The request whose response is being filled (the last one synced). */
  private responding: RequestStats | null = null;

  host(): ExcelHost {
    return {
      run: async (batch, options) => {
        this.runs.push({ mergeUndoGroup: Boolean(options?.mergeUndoGroup) });
        return batch(new FakeContext(this, Boolean(options?.mergeUndoGroup)) as unknown as Excel.RequestContext);
      },
      // Excel.run(existingContext, batch): the batch works on that earlier context.
      runOn: async (context, batch) => {
        this.runs.push({ mergeUndoGroup: false });
        return batch(context as unknown as Excel.RequestContext);
      },
      supports: (version) => Number(version.split(".")[1]) <= this.apiMinor,
      supportsSet: (name, version) =>
        name === "ExcelApi" ? Number(version.split(".")[1]) <= this.apiMinor : name === "ExcelUndoApiAll" && version === "1.0" && this.undoApiAll,
    };
  }

  // ---- Setup and inspection (test side) ----

  sheet(name: string): Sheet {
    let sheet = this.sheets.get(low(name));
    if (!sheet) {
      sheet = { name, cells: new Map() };
      this.sheets.set(low(name), sheet);
      if (!this.active.sheet) this.active.sheet = name;
    }
    return sheet;
  }

  addTable(sheet: string, top: number, left: number, name: string, headers: readonly string[], rows: readonly (readonly CellValue[])[]): void {
    const s = this.sheet(sheet);
    headers.forEach((h, c) => s.cells.set(k(top, left + c), { value: h }));
    rows.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && s.cells.set(k(top + 1 + r, left + c), { value: v })));
    this.tables.push({ name, sheet: s.name, top, left, rows: rows.length, columns: [...headers] });
  }

  /**
   * Rows a user types below a table (the table grows over them): the calculated columns'
   * formulas fill the new rows only while the AutoCorrect option is on; otherwise those
   * cells stay empty. `rows` give the values of the table's columns, null for none.
   */
  addTableRows(name: string, rows: readonly (readonly CellValue[])[]): void {
    const t = this.table(name)!;
    const sheet = this.sheet(t.sheet);
    for (const row of rows) {
      t.rows++;
      const r = t.top + t.rows;
      row.forEach((v, c) => v !== null && v !== undefined && sheet.cells.set(k(r, t.left + c), { value: v }));
      if (!this.fillFormulasInTables) continue;
      for (const [c, calc] of t.calculated ?? []) sheet.cells.set(k(r, t.left + c), { value: 0, formula: shiftRows(calc.formula, r - calc.row) });
    }
  }

  /**
   * The user sorts the table (Data > Sort, a header's filter button, or TableSort.apply /
   * Range.sort.apply in Office.js, "Excel.TableSort class"): whole data rows move, every
   * column's values and formulas together. `order[i]` is the data row (0-based) that ends up
   * i-th. A moved formula is moved as if copied: its relative references keep their offset,
   * so one that read its own row still does, and its R1C1 form is unchanged (Microsoft KB
   * 40401, "Errors Sorting Cells That Contain References": after a sort, =A2 in B2 stays =A2
   * and =A3 moved from B1 to B3 reads A5).
   */
  sortTableRows(name: string, order: readonly number[]): void {
    const t = this.table(name)!;
    if ([...order].sort((a, b) => a - b).join() !== Array.from({ length: t.rows }, (_, i) => i).join()) throw new Error("order must list every data row once");
    this.moveRows(t.sheet, t.left, t.columns.length, order.map((from, to) => ({ from: t.top + 1 + from, to: t.top + 1 + to })));
  }

  /**
   * Table.sort.apply(fields, matchCase, method) (Excel.TableSort, ExcelApi 1.2): the table's
   * data rows sorted by `fields`, the first field deciding, then the next on a tie. A field's
   * `key` is "an offset from the first column" (SortField.key) and `ascending` its direction.
   * The order is Excel's default sort order (Microsoft Office Excel help, "Default sort
   * orders"): numbers low to high, then text, then FALSE before TRUE, then error values (all
   * equal); a descending sort reverses that, and blank cells go last either way. Text compares
   * without regard to case unless `matchCase` (TableSort.apply's matchCase: "Whether to have
   * the casing impact string ordering"). Rows then move as sortTableRows describes (KB 40401).
   * Not modelled, so refused rather than guessed: sorting on colour or icons (SortField.sortOn
   * other than "Value"), dataOption "TextAsNumber", and a key column holding formulas (the fake
   * does not calculate, so it has no value to sort them by). `method` orders Chinese
   * characters only (SortMethod: PinYin or StrokeCount), which no test table holds. Text order
   * is Intl collation, which agrees with Excel's for letters and digits; Excel's rules for
   * punctuation (apostrophes and hyphens ignored) are not modelled. Ties keep their order.
   */
  applyTableSort(name: string, fields: readonly Excel.SortField[], matchCase = false): void {
    const t = this.table(name)!;
    if (fields.length === 0) throw officeError("InvalidArgument", "TableSort.apply needs at least one field");
    const sheet = this.sheet(t.sheet);
    for (const f of fields) {
      if (!Number.isInteger(f.key) || f.key < 0 || f.key >= t.columns.length) throw officeError("InvalidArgument", `sort key ${f.key} is outside the table's ${t.columns.length} columns`);
      if ((f.sortOn ?? "Value") !== "Value") throw new Error(`the fake sorts on values only, not on ${f.sortOn}`);
      if ((f.dataOption ?? "Normal") !== "Normal") throw new Error(`the fake does not model dataOption ${f.dataOption}`);
      for (let r = 0; r < t.rows; r++)
        if (sheet.cells.get(k(t.top + 1 + r, t.left + f.key))?.formula) throw new Error(`the fake cannot sort on column '${t.columns[f.key]}': it holds formulas, which the fake does not calculate`);
    }
    const ERROR = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;
    const rank = (v: CellValue): number => (typeof v === "number" ? 0 : typeof v === "boolean" ? 2 : typeof v === "string" && ERROR.test(v) ? 3 : 1);
    const blank = (v: CellValue) => v === null || v === undefined || v === "";
    const compare = (a: CellValue, b: CellValue): number => {
      if (rank(a) !== rank(b)) return rank(a) - rank(b);
      if (typeof a === "number" && typeof b === "number") return a - b;
      if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
      if (rank(a) === 3) return 0;
      return String(a).localeCompare(String(b), "en", matchCase ? { sensitivity: "case", caseFirst: "lower" } : { sensitivity: "accent" });
    };
    const value = (row: number, key: number) => sheet.cells.get(k(t.top + 1 + row, t.left + key))?.value ?? null;
    const order = Array.from({ length: t.rows }, (_, i) => i).sort((x, y) => {
      for (const f of fields) {
        const a = value(x, f.key);
        const b = value(y, f.key);
        if (blank(a) || blank(b)) {
          if (blank(a) && blank(b)) continue;
          return blank(a) ? 1 : -1;
        }
        const c = compare(a, b) * (f.ascending === false ? -1 : 1);
        if (c !== 0) return c;
      }
      return 0;
    });
    this.sortTableRows(name, order);
  }

  /** The user sorts the rows of a plain range (Range.sort.apply; Data > Sort), as sortTableRows does for a table. */
  sortRangeRows(sheet: string, area: RangeRef, order: readonly number[]): void {
    if ([...order].sort((a, b) => a - b).join() !== Array.from({ length: area.bottom - area.top + 1 }, (_, i) => i).join()) throw new Error("order must list every row once");
    this.moveRows(sheet, area.left, area.right - area.left + 1, order.map((from, to) => ({ from: area.top + from, to: area.top + to })));
  }

  /**
   * The user inserts a row inside the table, above data row `at` (0-based; Table Row Above,
   * or TableRowCollection.add(index) in Office.js): the rows below move down one, their
   * formulas still reading their own row, and the new row gets the calculated columns while
   * AutoCorrect fills formulas in tables. `values` are the new row's typed cells, null for none.
   */
  insertTableRow(name: string, at: number, values: readonly CellValue[]): void {
    const t = this.table(name)!;
    const moves = [];
    for (let r = t.top + t.rows; r >= t.top + 1 + at; r--) moves.push({ from: r, to: r + 1 });
    t.rows++;
    this.moveRows(t.sheet, t.left, t.columns.length, moves);
    const sheet = this.sheet(t.sheet);
    const r = t.top + 1 + at;
    for (let c = 0; c < t.columns.length; c++) sheet.cells.delete(k(r, t.left + c));
    values.forEach((v, c) => v !== null && v !== undefined && sheet.cells.set(k(r, t.left + c), { value: v }));
    if (this.fillFormulasInTables) for (const [c, calc] of t.calculated ?? []) sheet.cells.set(k(r, t.left + c), { value: 0, formula: shiftRows(calc.formula, r - calc.row) });
  }

  private moveRows(sheetName: string, left: number, width: number, moves: readonly { from: number; to: number }[]): void {
    const sheet = this.sheet(sheetName);
    const taken = moves.map(({ from }) => Array.from({ length: width }, (_, c) => sheet.cells.get(k(from, left + c))));
    moves.forEach(({ from, to }, m) =>
      taken[m].forEach((cell, c) => {
        if (!cell) sheet.cells.delete(k(to, left + c));
        else sheet.cells.set(k(to, left + c), cell.formula ? { ...cell, formula: shiftRows(cell.formula, to - from) } : { ...cell });
      }),
    );
  }

  /** After a write of `formulas` (sheet row, column) into `sheet`: what a calculated column does with them. */
  fillCalculatedColumns(sheetName: string, area: RangeRef, formulas: readonly [number, number][], constants: readonly [number, number][]): void {
    const sheet = this.sheet(sheetName);
    for (const t of this.tables) {
      if (low(t.sheet) !== low(sheetName)) continue;
      const body = { top: t.top + 1, bottom: t.top + t.rows, left: t.left, right: t.left + t.columns.length - 1 };
      for (let c = Math.max(area.left, body.left); c <= Math.min(area.right, body.right); c++) {
        const written = formulas.filter(([r, col]) => col === c && r >= body.top && r <= body.bottom);
        const index = c - t.left;
        if (written.length === 0) {
          // A column given typed values in every data row is no longer calculated.
          if (constants.filter(([r, col]) => col === c && r >= body.top && r <= body.bottom).length === t.rows) t.calculated?.delete(index);
          continue;
        }
        if (!this.fillFormulasInTables) continue;
        const [row] = written.reduce((a, b) => (b[0] > a[0] ? b : a));
        const formula = sheet.cells.get(k(row, c))!.formula!;
        (t.calculated ??= new Map()).set(index, { formula, row });
        const sameOnEveryRow = shiftRows(formula, 1) === formula;
        for (let r = body.top; r <= body.bottom; r++) {
          const cell = sheet.cells.get(k(r, c));
          const empty = !cell || ((cell.value === null || cell.value === undefined || cell.value === "") && !cell.formula);
          if (!empty && !cell.formula) continue;
          const filled = sameOnEveryRow ? formula : shiftRows(formula, r - row);
          if (cell?.formula !== filled) sheet.cells.set(k(r, c), { ...cell, value: 0, formula: filled });
        }
      }
    }
  }

  /** A cell converted to a data type (Data > Geography, or an add-in's valuesAsJson). */
  setDataType(sheet: string, address: string, dataType: DataTypeCell): void {
    const { top, left } = parseRange(address);
    const basic = dataType.basicValue;
    const value = typeof basic === "string" || typeof basic === "number" || typeof basic === "boolean" ? basic : "#VALUE!";
    this.sheet(sheet).cells.set(k(top, left), { value, dataType });
  }

  /** A cell's note as the user sees it (Review > Notes), or undefined. */
  note(sheet: string, address: string): string | undefined {
    const { top, left } = parseRange(address);
    return this.sheets.get(low(sheet))?.notes?.get(k(top, left));
  }

  /** The user writes a note on a cell (Review > Notes > New Note), or edits the one there. */
  setNote(sheet: string, address: string, text: string): void {
    const { top, left } = parseRange(address);
    (this.sheet(sheet).notes ??= new Map()).set(k(top, left), text);
  }

  cell(sheet: string, address: string): Cell | undefined {
    const { top, left } = parseRange(address);
    return this.sheets.get(low(sheet))?.cells.get(k(top, left));
  }

  snapshot(): Map<string, Cell> {
    const out = new Map<string, Cell>();
    for (const s of this.sheets.values())
      for (const [key, cell] of s.cells) {
        const [r, c] = key.split(",").map(Number);
        if (cell.value !== null && cell.value !== undefined && cell.value !== "") out.set(`${s.name}!${cellAddress(r, c)}`, { ...cell });
        else if (cell.formula) out.set(`${s.name}!${cellAddress(r, c)}`, { ...cell });
      }
    return out;
  }

  table(name: string): Table | undefined {
    return this.tables.find((t) => low(t.name) === low(name));
  }

  /** Every write request so far: stats of the syncs that sent something. */
  writes(): RequestStats[] {
    return this.requests.filter((r) => r.bytes > 0 || r.valueCells > 0 || r.formulas > 0);
  }

  /** The largest response so far, in UTF-8 bytes. */
  largestResponse(): number {
    return Math.max(0, ...this.requests.map((r) => r.responseBytes ?? 0));
  }

  /** The active cell as Excel would show it in the Name Box, with its sheet. */
  activeCell(): { sheet: string; address: string } {
    return { sheet: this.active.sheet, address: cellAddress(this.active.row, this.active.column) };
  }

  /** The user selects a cell: the active cell moves and every registered handler runs, as Excel raises the event. */
  async select(sheet: string, address: string): Promise<void> {
    const { top, left } = parseRange(address);
    this.active = { sheet, row: top, column: left };
    for (const handler of [...this.selectionHandlers]) await handler({ type: "WorkbookSelectionChanged" });
  }

  /** Cells returned by range reads since the last resetCounts. */
  cellsRead(): number {
    return this.rangeReads.reduce((n, r) => n + r.cells, 0);
  }

  resetCounts(): void {
    this.syncs = 0;
    this.runs.length = 0;
    this.requests.length = 0;
    this.rangeReads.length = 0;
    this.current = { bytes: 0, valueCells: 0, formulas: 0 };
  }

  // ---- Internals used by the proxies ----

  record(value: unknown, valueCells: number, formulas: number): void {
    this.current.bytes += JSON.stringify(value)?.length ?? 0;
    this.current.valueCells += valueCells;
    this.current.formulas += formulas;
  }

  /** A loaded property travels back in the response of the sync that follows its load. */
  respond(value: unknown, formulaCells = 0): void {
    if (!this.responding) return;
    this.responding.responseBytes = (this.responding.responseBytes ?? 0) + Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
    this.formulaCellsRead += formulaCells;
  }

  startResponse(request: RequestStats | null): void {
    this.responding = request;
  }

  tableRange(t: Table): RangeRef {
    return { top: t.top, left: t.left, bottom: t.top + t.rows, right: t.left + t.columns.length - 1 };
  }
}

/** Arrays of more than this many cells are split by Office.js into several actions (issue 6491). */
const UNDO_SPLIT_CELLS = 1_500;

class FakeContext {
  readonly workbook: FakeWorkbook;
  private pending: (() => void)[] = [];
  /** Writes of the request being built that Excel cannot undo. */
  private notUndoable: string[] = [];
  constructor(readonly excel: FakeExcel, readonly mergeUndoGroup = false) {
    this.workbook = new FakeWorkbook(this);
  }
  /** A write with no undo: fails the sync inside a merged undo group. */
  withoutUndo(what: string): void {
    this.notUndoable.push(what);
  }
  /** Runs at the next sync (loads become readable; lookups that fail throw there, as in Excel). */
  later(step: () => void): void {
    this.pending.push(step);
  }
  async sync(): Promise<void> {
    this.excel.syncs++;
    const request = this.excel.current;
    this.excel.requests.push(request);
    this.excel.current = { bytes: 0, valueCells: 0, formulas: 0 };
    const steps = this.pending;
    this.pending = [];
    const notUndoable = this.notUndoable;
    this.notUndoable = [];
    if (this.mergeUndoGroup && notUndoable.length > 0) throw officeError("UndoNotSupported", `cannot be grouped for undo: ${notUndoable.join("; ")}`);
    const writes = request.bytes > 0 || request.valueCells > 0 || request.formulas > 0;
    if (this.mergeUndoGroup && writes && this.excel.failMergedGroupsWith) throw officeError(this.excel.failMergedGroupsWith, "the merged undo group failed");
    this.excel.startResponse(request);
    try {
      for (const step of steps) step();
    } finally {
      this.excel.startResponse(null);
    }
    const limit = this.excel.responseLimitBytes;
    if (limit !== null && (request.responseBytes ?? 0) > limit)
      throw officeError("ResponsePayloadSizeLimitExceeded", `the response of ${request.responseBytes} bytes is over the ${limit} bytes limit`);
  }
}

/** Properties become readable after load + sync. */
class FakeProxy {
  private readonly loaded = new Set<string>();
  private synced = false;
  constructor(protected readonly ctx: FakeContext) {
    ctx.later(() => (this.synced = true));
  }
  load(props?: string): this {
    const names = (props ?? "").split(",").map((p) => p.trim()).filter(Boolean);
    this.ctx.later(() => {
      names.forEach((n) => this.loaded.add(n.split("/")[0] === "items" ? "items" : n));
      // A null object's properties do not come back; collections' items are small here.
      if (this.missing()) return;
      for (const n of names) {
        if (n.startsWith("items")) continue;
        const value = (this as unknown as Record<string, unknown>)[n];
        const cells = n === "formulas" && Array.isArray(value) ? value.length * ((value[0] as unknown[] | undefined)?.length ?? 0) : 0;
        this.ctx.excel.respond(value, cells);
        this.returned(n, value);
      }
    });
    return this;
  }
  /** For items of a loaded collection: already loaded and synced. */
  protected preloaded(props: string): void {
    props.split(",").forEach((p) => this.loaded.add(p));
    this.synced = true;
  }
  /** A loaded property came back in a sync's response. */
  protected returned(_prop: string, _value: unknown): void {}
  protected need(prop: string): void {
    if (!this.loaded.has(prop)) throw new Error(`PropertyNotLoaded: '${prop}' was read before load() and sync()`);
  }
  get isNullObject(): boolean {
    if (!this.synced) throw new Error("PropertyNotLoaded: isNullObject read before sync()");
    return this.missing();
  }
  protected missing(): boolean {
    return false;
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly tables: FakeTables;
  readonly names: FakeNames;
  readonly settings: FakeSettings;
  readonly onSelectionChanged: { add: (handler: (args: { type: string }) => Promise<void>) => { context: unknown; remove: () => void } };
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.tables = new FakeTables(ctx);
    this.names = new FakeNames(ctx);
    this.settings = new FakeSettings(ctx);
    this.onSelectionChanged = {
      add: (handler) => {
        const handlers = ctx.excel.selectionHandlers;
        ctx.later(() => handlers.push(handler));
        return {
          context: ctx,
          // Removed at the next sync of the context it was added in, and only there.
          remove: () =>
            ctx.later(() => {
              const at = handlers.indexOf(handler);
              if (at < 0) throw new Error("InvalidArgument: the handler is not registered");
              handlers.splice(at, 1);
            }),
        };
      },
    };
  }
  getActiveCell(): FakeRange {
    const a = this.ctx.excel.active;
    return new FakeRange(this.ctx, a.sheet, () => ({ top: a.row, left: a.column, bottom: a.row, right: a.column }));
  }
}

class FakeWorksheets extends FakeProxy {
  get items(): FakeWorksheet[] {
    this.need("items");
    return [...this.ctx.excel.sheets.values()].map((s) => new FakeWorksheet(this.ctx, s.name, true));
  }
  getItem(name: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.ctx, name, false);
    this.ctx.later(() => {
      if (!this.ctx.excel.sheets.has(low(name))) throw new Error(`ItemNotFound: sheet '${name}'`);
    });
    return sheet;
  }
  // Excel's sheet names ignore case: worksheets.add of 'finance SUMMARY' beside 'Finance summary'
  // fails with ItemAlreadyExists ("The resource being created already exists", Office.js error
  // codes), as ExcelJS's addWorksheet does for the same reason (exceljs issues #1064, #3028);
  // getItem finds a sheet under any case.
  add(name: string): FakeWorksheet {
    if (this.ctx.excel.sheets.has(low(name))) throw new Error(`ItemAlreadyExists: sheet '${name}'`);
    this.ctx.excel.sheet(name);
    this.ctx.excel.record(name, 0, 0);
    return new FakeWorksheet(this.ctx, name, false);
  }
}

class FakeWorksheet extends FakeProxy {
  readonly tables: { add: (address: string, hasHeaders: boolean) => FakeTable };
  readonly charts: FakeCharts;
  constructor(ctx: FakeContext, private readonly sheetName: string, preloaded: boolean) {
    super(ctx);
    this.charts = new FakeCharts(ctx, sheetName);
    if (preloaded) this.preloaded("name");
    this.tables = {
      add: (address: string, hasHeaders: boolean) => {
        if (!hasHeaders) throw new Error("the fake only knows tables with headers");
        const ref = parseRange(address);
        const sheet = ctx.excel.sheet(this.sheetName);
        const columns = Array.from({ length: ref.right - ref.left + 1 }, (_, c) => {
          const v = sheet.cells.get(k(ref.top, ref.left + c))?.value;
          return v === null || v === undefined || v === "" ? `Column${c + 1}` : String(v);
        });
        const table: Table = { name: `Table${ctx.excel.tables.length + 1}`, sheet: sheet.name, top: ref.top, left: ref.left, rows: ref.bottom - ref.top, columns };
        ctx.excel.tables.push(table);
        ctx.excel.record(address, 0, 0);
        return new FakeTable(ctx, () => table);
      },
    };
  }
  get name(): string {
    this.need("name");
    return this.ctx.excel.sheets.get(low(this.sheetName))?.name ?? this.sheetName;
  }
  get notes(): FakeNotes {
    if (this.ctx.excel.apiMinor < 18) throw officeError("ApiNotFound", "Worksheet.notes needs ExcelApi 1.18");
    return new FakeNotes(this.ctx, this.sheetName);
  }
  getRange(address: string): FakeRange {
    const ref = parseRange(address);
    return new FakeRange(this.ctx, this.sheetName, () => ref);
  }
  getRangeByIndexes(top: number, left: number, rows: number, columns: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, () => ({ top, left, bottom: top + rows - 1, right: left + columns - 1 }));
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const excel = this.ctx.excel;
    const name = this.sheetName;
    const used = () => {
      let top = Infinity, left = Infinity, bottom = -1, right = -1;
      for (const [key, cell] of excel.sheet(name).cells) {
        const formatted = !valuesOnly && cell.numberFormat !== undefined && cell.numberFormat !== "General";
        if ((cell.value === null || cell.value === undefined || cell.value === "") && !cell.formula && !formatted) continue;
        const [r, c] = key.split(",").map(Number);
        top = Math.min(top, r); left = Math.min(left, c); bottom = Math.max(bottom, r); right = Math.max(right, c);
      }
      return bottom < 0 ? null : { top, left, bottom, right };
    };
    return new FakeRange(this.ctx, name, () => used() ?? { top: 0, left: 0, bottom: 0, right: 0 }, () => used() === null);
  }
  // Queued like every Office.js call and done by the sync, after the getItem that found the sheet (which fails the sync when it is gone).
  activate(): void {
    this.ctx.later(() => {
      this.ctx.excel.active = { sheet: this.sheetName, row: 0, column: 0 };
    });
  }
}

type Scalar = string | number | boolean | null;
type SpecialCellType = "Constants" | "Formulas" | "Blanks" | "Visible" | "ConditionalFormats" | "DataValidations" | "SameConditionalFormat" | "SameDataValidation";

/** Excel.RangeAreas (ExcelApi 1.9): a null object when it has no area. */
class FakeRangeAreas extends FakeProxy {
  constructor(ctx: FakeContext, private readonly sheetName: string, private readonly areas: () => RangeRef[]) {
    super(ctx);
  }
  protected override missing(): boolean {
    return this.areas().length === 0;
  }
  get address(): string {
    this.need("address");
    const sheet = quoteSheet(this.ctx.excel.sheet(this.sheetName).name);
    return this.areas().map((a) => `${sheet}!${rangeAddress(a)}`).join(",");
  }
  get areaCount(): number {
    this.need("areaCount");
    return this.areas().length;
  }
  get cellCount(): number {
    this.need("cellCount");
    return this.areas().reduce((n, a) => n + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0);
  }
}

class FakeRange extends FakeProxy {
  readonly format: { font: Record<string, unknown>; fill: Record<string, unknown>; wrapText?: boolean; columnWidth?: number };
  readonly conditionalFormats: { add: (type: string) => unknown; clearAll: () => void };
  constructor(ctx: FakeContext, private readonly sheetName: string, private readonly ref: () => RangeRef, private readonly absent: () => boolean = () => false) {
    super(ctx);
    this.format = { font: {}, fill: {} };
    const records = ctx.excel.conditionalFormats;
    this.conditionalFormats = {
      add: (type: string) => {
        const record: ConditionalFormatRecord = { sheet: sheetName, address: rangeAddress(this.ref()), type };
        records.push(record);
        const part = {
          format: { fill: {} as { color?: string }, font: {} as { color?: string } },
          set rule(rule: unknown) {
            record.rule = rule;
            record.fill = part.format.fill.color;
          },
        };
        return type === "CellValue" ? { cellValue: part } : { textComparison: part };
      },
      clearAll: () => {
        const address = rangeAddress(this.ref());
        for (let i = records.length - 1; i >= 0; i--) if (records[i].sheet === sheetName && records[i].address === address) records.splice(i, 1);
      },
    };
  }
  protected override missing(): boolean {
    return this.absent();
  }
  protected override returned(prop: string, value: unknown): void {
    if (!["values", "formulas", "numberFormat", "text", "valueTypes", "valuesAsJson"].includes(prop) || !Array.isArray(value)) return;
    const cells = value.reduce((n: number, row: unknown) => n + (Array.isArray(row) ? row.length : 0), 0);
    this.ctx.excel.rangeReads.push({ sheet: this.sheet.name, address: rangeAddress(this.ref()), property: prop, cells });
  }
  /** "A range is limited to 5,000,000 cells for read operations" (resource limits article): RangeExceedsLimit, on every platform. */
  override load(props?: string): this {
    if (/\bvaluesAsJson\b/.test(props ?? "") && this.ctx.excel.apiMinor < 16)
      this.ctx.later(() => {
        throw officeError("ApiNotFound", "Range.valuesAsJson needs ExcelApi 1.16");
      });
    if (/\b(values|formulas|numberFormat|valuesAsJson)\b/.test(props ?? ""))
      this.ctx.later(() => {
        if (this.missing()) return;
        const { top, left, bottom, right } = this.ref();
        const cells = (bottom - top + 1) * (right - left + 1);
        if (cells > 5_000_000) throw officeError("RangeExceedsLimit", `a read of ${cells} cells is over the 5,000,000 cells limit`);
      });
    return super.load(props);
  }
  private get sheet(): Sheet {
    return this.ctx.excel.sheet(this.sheetName);
  }
  /**
   * "Selects the specified range in the Excel UI" (Excel.Range.select, ExcelApi 1.1, in
   * @types/office-js; "Work with ranges using the Excel JavaScript API", "Set the selected
   * range"): queued, done by the sync; the active cell becomes the range's top-left, on its
   * sheet. Whether Excel raises onSelectionChanged for a selection an add-in makes is not
   * documented, so no handler runs here and the adapter relies on none.
   */
  select(): void {
    this.ctx.later(() => {
      const { top, left } = this.ref();
      this.ctx.excel.active = { sheet: this.sheet.name, row: top, column: left };
    });
  }
  private grid<T>(read: (cell: Cell | undefined) => T): T[][] {
    const { top, left, bottom, right } = this.ref();
    const rows: T[][] = [];
    for (let r = top; r <= bottom; r++) {
      const row: T[] = [];
      for (let c = left; c <= right; c++) row.push(read(this.sheet.cells.get(k(r, c))));
      rows.push(row);
    }
    return rows;
  }
  private write(input: unknown, put: (r: number, c: number, value: Scalar) => boolean, cellContents = true): void {
    const { top, left, bottom, right } = this.ref();
    let cells = 0, formulas = 0;
    // Range.values / formulas / numberFormat are any[][] (Excel.Range reference, @types/office-js):
    // one value for a whole range is not documented, and reported to work on desktop only.
    if (!Array.isArray(input) || !input.every((row) => Array.isArray(row)))
      throw new Error(`InvalidArgument: ${rangeAddress(this.ref())} takes a 2-D array, not ${JSON.stringify(input)?.slice(0, 40)}`);
    if (input.length !== bottom - top + 1 || input.some((row: unknown[]) => row.length !== right - left + 1))
      throw new Error(`InvalidArgument: a ${input.length}-row array does not fit ${rangeAddress(this.ref())}`);
    const size = (bottom - top + 1) * (right - left + 1);
    if (size > UNDO_SPLIT_CELLS) this.ctx.withoutUndo(`an array of ${size} cells`);
    const withFormula: [number, number][] = [];
    const withConstant: [number, number][] = [];
    input.forEach((row: Scalar[], r: number) =>
      row.forEach((value, c) => {
        if (value === null) return;
        cells++;
        if (put(top + r, left + c, value)) {
          formulas++;
          withFormula.push([top + r, left + c]);
        } else withConstant.push([top + r, left + c]);
      }),
    );
    this.ctx.excel.record(input, cells, formulas);
    if (cellContents) this.ctx.excel.fillCalculatedColumns(this.sheetName, this.ref(), withFormula, withConstant);
  }
  private cellAt(r: number, c: number): Cell {
    let cell = this.sheet.cells.get(k(r, c));
    if (!cell) this.sheet.cells.set(k(r, c), (cell = { value: null }));
    return cell;
  }

  get address(): string {
    this.need("address");
    return `${quoteSheet(this.sheet.name)}!${rangeAddress(this.ref())}`;
  }
  /** The cells this range covers, for the fake's own objects that take a Range (NoteCollection.add). */
  cellRef(): RangeRef {
    return this.ref();
  }
  get rowCount(): number {
    this.need("rowCount");
    const { top, bottom } = this.ref();
    return bottom - top + 1;
  }
  get columnCount(): number {
    this.need("columnCount");
    const { left, right } = this.ref();
    return right - left + 1;
  }
  get rowIndex(): number {
    this.need("rowIndex");
    return this.ref().top;
  }
  get values(): CellValue[][] {
    this.need("values");
    return this.grid((cell) => (cell?.formula ? 0 : (cell?.value ?? "")));
  }
  /** Excel.RangeValueType per cell: a data type's basicType, else the type of its value. */
  get valueTypes(): string[][] {
    this.need("valueTypes");
    return this.grid((cell) => {
      if (cell?.dataType) return cell.dataType.basicType ?? "Unknown";
      const v = cell?.formula ? 0 : cell?.value;
      if (v === null || v === undefined || v === "") return "Empty";
      if (typeof v === "number") return Number.isInteger(v) ? "Integer" : "Double";
      if (typeof v === "boolean") return "Boolean";
      return /^#[A-Z0-9/_]+[!?]?$/.test(v) ? "Error" : "String";
    });
  }
  get valuesAsJson(): DataTypeCell[][] {
    this.need("valuesAsJson");
    return this.grid((cell) => {
      if (cell?.dataType) return cell.dataType;
      const v = cell?.formula ? 0 : cell?.value;
      if (v === null || v === undefined || v === "") return { type: "Empty", basicType: "Empty", basicValue: "" };
      if (typeof v === "number") return { type: "Double", basicType: "Double", basicValue: v };
      if (typeof v === "boolean") return { type: "Boolean", basicType: "Boolean", basicValue: v };
      return { type: "String", basicType: "String", basicValue: v };
    });
  }
  /**
   * Excel's rule for a written cell: text starting with "=" becomes a formula, except through
   * `values` into a cell formatted as text ("@"). Returns whether a formula was written.
   */
  private assign(r: number, c: number, value: CellValue, textFormatKeepsText: boolean): boolean {
    const cell = this.cellAt(r, c);
    const parsed = textFormatKeepsText && cell.numberFormat === "@" ? null : typedInput(value);
    if (typeof parsed === "number") value = parsed;
    else if (parsed !== null) {
      cell.dataType = undefined;
      cell.formula = parsed.formula;
      cell.value = 0;
      return true;
    }
    cell.formula = undefined;
    cell.dataType = undefined;
    cell.value = value;
    return false;
  }
  set values(input: CellValue[][]) {
    this.write(input, (r, c, value) => this.assign(r, c, value, true));
  }
  /** Typed values (ExcelApi 1.16): String, Double, Boolean and Empty cell values, every cell given. */
  set valuesAsJson(input: { type: string; basicValue?: unknown }[][]) {
    if (this.ctx.excel.apiMinor < 16) throw officeError("ApiNotFound", "Range.valuesAsJson needs ExcelApi 1.16");
    if (!Array.isArray(input) || input.some((row) => !Array.isArray(row) || row.some((v) => v === null || typeof v !== "object")))
      throw officeError("InvalidArgument", "valuesAsJson takes a 2-D array of cell values");
    this.write(input, (r, c, value) => {
      const typed = value as unknown as { type: string; basicValue?: unknown };
      const cell = this.cellAt(r, c);
      cell.formula = undefined;
      cell.dataType = undefined;
      if (typed.type === "String") cell.value = String(typed.basicValue);
      else if (typed.type === "Double") cell.value = Number(typed.basicValue);
      else if (typed.type === "Boolean") cell.value = Boolean(typed.basicValue);
      else if (typed.type === "Empty") cell.value = null;
      else throw officeError("InvalidArgument", `the fake knows String, Double, Boolean and Empty cell values, not ${typed.type}`);
      return false;
    });
  }
  get formulas(): CellValue[][] {
    this.need("formulas");
    return this.grid((cell) => cell?.formula ?? cell?.value ?? "");
  }
  set formulas(input: CellValue[][]) {
    this.write(input, (r, c, value) => this.assign(r, c, value, false));
  }
  get numberFormat(): string[][] {
    this.need("numberFormat");
    return this.grid((cell) => cell?.numberFormat ?? "General");
  }
  set numberFormat(input: string[][]) {
    const before = { ...this.ctx.excel.current };
    this.write(
      input,
      (r, c, value) => {
        this.cellAt(r, c).numberFormat = String(value);
        return false;
      },
      false,
    );
    // Formats are not cell values: only their bytes count.
    this.ctx.excel.current.valueCells = before.valueCells;
  }
  clear(): void {
    const { top, left, bottom, right } = this.ref();
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) this.sheet.cells.delete(k(r, c));
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, this.sheetName, false);
  }
  getRow(index: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, () => {
      const ref = this.ref();
      return { ...ref, top: ref.top + index, bottom: ref.top + index };
    });
  }
  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, () => {
      const ref = this.ref();
      return { top: ref.top + row, left: ref.left + column, bottom: ref.top + row, right: ref.left + column };
    });
  }
  /** The range as large as this one, `rows` down and `columns` right (Range.getOffsetRange); outside the grid it throws. */
  getOffsetRange(rows: number, columns: number): FakeRange {
    const ref = this.ref();
    if (ref.top + rows < 0 || ref.bottom + rows > 1_048_575 || ref.left + columns < 0 || ref.right + columns > 16_383)
      throw new Error("InvalidArgument: the offset range is outside the worksheet");
    return new FakeRange(this.ctx, this.sheetName, () => {
      const r = this.ref();
      return { top: r.top + rows, left: r.left + columns, bottom: r.bottom + rows, right: r.right + columns };
    });
  }
  /** The range from this one's top-left cell grown by that many rows and columns (Range.getResizedRange, ExcelApi 1.7). */
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, () => {
      const ref = this.ref();
      return { ...ref, bottom: ref.bottom + deltaRows, right: ref.right + deltaColumns };
    });
  }
  /** Rows just below this range, as wide as it (Range.getRowsBelow). */
  getRowsBelow(count = 1): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, () => {
      const ref = this.ref();
      return { ...ref, top: ref.bottom + 1, bottom: ref.bottom + count };
    });
  }
  /** The cells holding a typed value (Constants) or a formula (Formulas); ItemNotFound at the sync when there is none. */
  getSpecialCells(type: SpecialCellType): FakeRangeAreas {
    const areas = new FakeRangeAreas(this.ctx, this.sheetName, () => this.special(type));
    this.ctx.later(() => {
      if (areas.isNullObject) throw new Error(`ItemNotFound: no cells of type ${type} in ${rangeAddress(this.ref())}`);
    });
    return areas;
  }
  /** As getSpecialCells, but a null object (isNullObject true after the sync) when there is none. */
  getSpecialCellsOrNullObject(type: SpecialCellType): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, this.sheetName, () => this.special(type));
  }
  /** Matching cells as areas: maximal runs down each column (Excel may group them in wider blocks; the cells are the same). */
  private special(type: SpecialCellType): RangeRef[] {
    if (type !== "Constants" && type !== "Formulas") throw new Error(`the fake knows Constants and Formulas only, not ${type}`);
    const { top, left, bottom, right } = this.ref();
    const areas: RangeRef[] = [];
    for (let c = left; c <= right; c++) {
      let run: { top: number; left: number; bottom: number; right: number } | null = null;
      for (let r = top; r <= bottom; r++) {
        const cell = this.sheet.cells.get(k(r, c));
        const typed = cell !== undefined && !cell.formula && cell.value !== null && cell.value !== undefined && cell.value !== "";
        const matches = type === "Constants" ? typed : Boolean(cell?.formula);
        if (matches && run) run.bottom = r;
        else if (matches) areas.push((run = { top: r, left: c, bottom: r, right: c }));
        else run = null;
      }
    }
    return areas;
  }
  getSurroundingRegion(): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, () => currentRegion(this.sheet, this.ref().top, this.ref().left));
  }
  getTables(_fullyContained: boolean): { load: (p: string) => { items: FakeTable[] } } {
    const ctx = this.ctx;
    const overlapping = () => {
      const a = this.ref();
      return ctx.excel.tables.filter((t) => {
        const b = ctx.excel.tableRange(t);
        return low(t.sheet) === low(this.sheetName) && a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
      });
    };
    return {
      load: () => {
        let ready = false;
        ctx.later(() => (ready = true));
        return {
          get items() {
            if (!ready) throw new Error("PropertyNotLoaded: items");
            return overlapping().map((t) => new FakeTable(ctx, () => t, true));
          },
        };
      },
    };
  }
}

class FakeTables extends FakeProxy {
  get items(): FakeTable[] {
    this.need("items");
    return this.ctx.excel.tables.map((t) => new FakeTable(this.ctx, () => t, true));
  }
  getItem(name: string): FakeTable {
    const find = () => this.ctx.excel.table(name);
    this.ctx.later(() => {
      if (!find()) throw new Error(`ItemNotFound: table '${name}'`);
    });
    return new FakeTable(this.ctx, () => find()!);
  }
}

class FakeTable extends FakeProxy {
  readonly columns: FakeColumns;
  constructor(ctx: FakeContext, private readonly table: () => Table, preloaded = false) {
    super(ctx);
    if (preloaded) this.preloaded("name,showTotals");
    this.columns = new FakeColumns(ctx, table);
  }
  get name(): string {
    this.need("name");
    return this.table().name;
  }
  set name(value: string) {
    if (this.ctx.excel.tables.some((t) => t !== this.table() && low(t.name) === low(value))) throw new Error(`InvalidArgument: table name '${value}' is taken`);
    this.table().name = value;
    this.ctx.excel.record(value, 0, 0);
  }
  get showTotals(): boolean {
    this.need("showTotals");
    return false;
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, this.table().sheet, false);
  }
  /** Table.sort (Excel.TableSort, ExcelApi 1.2): see FakeExcel.applyTableSort. */
  get sort(): { apply: (fields: Excel.SortField[], matchCase?: boolean, method?: string) => void } {
    const excel = this.ctx.excel;
    return {
      apply: (fields, matchCase) => {
        if (excel.apiMinor < 2) throw officeError("ApiNotFound", "TableSort needs ExcelApi 1.2");
        excel.record(fields, 0, 0);
        excel.applyTableSort(this.table().name, fields, matchCase);
      },
    };
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, this.table().sheet, () => this.ctx.excel.tableRange(this.table()));
  }
  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.ctx, this.table().sheet, () => {
      const r = this.ctx.excel.tableRange(this.table());
      return { ...r, bottom: r.top };
    });
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.ctx, this.table().sheet, () => {
      const r = this.ctx.excel.tableRange(this.table());
      return { ...r, top: r.top + 1 };
    });
  }
}

class FakeColumns extends FakeProxy {
  constructor(ctx: FakeContext, private readonly table: () => Table) {
    super(ctx);
  }
  get items(): { name: string }[] {
    this.need("items");
    return this.table().columns.map((name) => ({ name }));
  }
  getItem(name: string): { getDataBodyRange: () => FakeRange } {
    const index = () => this.table().columns.findIndex((c) => low(c) === low(name));
    this.ctx.later(() => {
      if (index() < 0) throw new Error(`ItemNotFound: column '${name}'`);
    });
    return { getDataBodyRange: () => this.body(index) };
  }
  add(index: number | undefined, values: unknown, name: string): { getDataBodyRange: () => FakeRange } {
    if (index !== undefined && index !== null && index !== -1) throw new Error("the fake adds columns at the end only");
    if (values !== undefined && values !== null) throw new Error("the fake adds empty columns only");
    const t = this.table();
    const sheet = this.ctx.excel.sheet(t.sheet);
    const at = t.left + t.columns.length;
    // Excel inserts cells in the table's rows, moving what is beside the table to the right.
    const moving = [...sheet.cells.entries()]
      .map(([key, cell]) => [key.split(",").map(Number), cell] as const)
      .filter(([[row, c]]) => row >= t.top && row <= t.top + t.rows && c >= at)
      .sort((a, b) => b[0][1] - a[0][1]);
    for (const [[row, c], cell] of moving) {
      sheet.cells.delete(k(row, c));
      sheet.cells.set(k(row, c + 1), cell);
    }
    t.columns.push(name);
    sheet.cells.set(k(t.top, at), { value: name });
    this.ctx.excel.record(name, 1, 0);
    const i = t.columns.length - 1;
    return { getDataBodyRange: () => this.body(() => i) };
  }
  private body(index: () => number): FakeRange {
    const t = this.table;
    return new FakeRange(this.ctx, t().sheet, () => {
      const c = t().left + index();
      return { top: t().top + 1, left: c, bottom: t().top + t().rows, right: c };
    });
  }
}

class FakeNames extends FakeProxy {
  get items(): { name: string; type: string }[] {
    this.need("items");
    return [...this.ctx.excel.names.values()].map((n) => ({ name: n.name, type: n.type ?? "Range" }));
  }
  getItem(name: string): { getRange: () => FakeRange; getRangeOrNullObject: () => FakeRange; delete: () => void } {
    const excel = this.ctx.excel;
    const find = () => excel.names.get(low(name));
    const isRange = () => (find()?.type ?? "Range") === "Range";
    this.ctx.later(() => {
      if (!find()) throw officeError("ItemNotFound", `name '${name}'`);
    });
    const range = () => {
      const n = find();
      return new FakeRange(this.ctx, n?.sheet ?? "", () => parseRange(n?.address ?? "A1"), () => !find() || !isRange());
    };
    return {
      // NamedItem.getRange: "Throws an error if the named item's type is not a range."
      getRange: () => {
        this.ctx.later(() => {
          if (find() && !isRange()) throw officeError("InvalidOperation", `the name '${name}' does not refer to a range (type ${find()?.type})`);
        });
        return range();
      },
      // NamedItem.getRangeOrNullObject: "If the named item's type is not a range, then this method returns an object with its isNullObject property set to true."
      getRangeOrNullObject: range,
      delete: () => {
        excel.names.delete(low(name));
      },
    };
  }
  add(name: string, range: FakeRange, comment?: string): void {
    if (this.ctx.excel.names.has(low(name))) throw new Error(`ItemAlreadyExists: name '${name}'`);
    if (comment !== undefined) this.ctx.withoutUndo(`the comment of the name '${name}'`);
    const r = range as unknown as { sheetName: string; ref: () => RangeRef };
    this.ctx.excel.names.set(low(name), { name, sheet: r.sheetName, address: rangeAddress(r.ref()), comment });
    this.ctx.excel.record(name, 0, 0);
  }
}

class FakeNotes extends FakeProxy {
  constructor(ctx: FakeContext, private readonly sheetName: string) {
    super(ctx);
  }
  private get notes(): Map<string, string> {
    const sheet = this.ctx.excel.sheet(this.sheetName);
    return (sheet.notes ??= new Map());
  }
  get items(): FakeNote[] {
    this.need("items");
    return [...this.notes.keys()].map((key) => new FakeNote(this.ctx, this.sheetName, key, true));
  }
  getItem(address: string): FakeNote {
    const key = this.keyOf(address);
    this.ctx.later(() => {
      if (!this.notes.has(key)) throw officeError("ItemNotFound", `no note on ${address}`);
    });
    return new FakeNote(this.ctx, this.sheetName, key, false);
  }
  getItemOrNullObject(address: string): FakeNote {
    return new FakeNote(this.ctx, this.sheetName, this.keyOf(address), false);
  }
  add(cell: FakeRange | string, content: string): FakeNote {
    const ref = typeof cell === "string" ? this.refOf(cell) : cell.cellRef();
    if (ref.top !== ref.bottom || ref.left !== ref.right) throw officeError("InvalidCellAddress", "a note goes on a single cell");
    const key = k(ref.top, ref.left);
    if (this.notes.has(key)) throw new Error(`the fake refuses a second note on ${cellAddress(ref.top, ref.left)}: what Excel does then is not documented`);
    this.notes.set(key, String(content));
    this.ctx.excel.record(content, 0, 0);
    return new FakeNote(this.ctx, this.sheetName, key, false);
  }
  private refOf(address: string): RangeRef {
    try {
      return parseRange(address);
    } catch {
      throw officeError("InvalidCellAddress", `'${address}' is no cell address`);
    }
  }
  private keyOf(address: string): string {
    const ref = this.refOf(address);
    return k(ref.top, ref.left);
  }
}

class FakeNote extends FakeProxy {
  constructor(ctx: FakeContext, private readonly sheetName: string, private readonly key: string, preloaded: boolean) {
    super(ctx);
    if (preloaded) this.preloaded("content");
  }
  private get notes(): Map<string, string> {
    return this.ctx.excel.sheet(this.sheetName).notes ?? new Map();
  }
  protected override missing(): boolean {
    return !this.notes.has(this.key);
  }
  get content(): string {
    this.need("content");
    return this.notes.get(this.key) ?? "";
  }
  set content(text: string) {
    const key = this.key;
    this.ctx.excel.record(text, 0, 0);
    this.ctx.later(() => {
      if (!this.notes.has(key)) throw officeError("ItemNotFound", "the note is gone");
      this.notes.set(key, text);
    });
  }
  delete(): void {
    this.ctx.excel.record(this.key, 0, 0);
    this.ctx.later(() => {
      if (!this.notes.delete(this.key)) throw officeError("ItemNotFound", "the note is gone");
    });
  }
  getLocation(): FakeRange {
    const [row, column] = this.key.split(",").map(Number);
    return new FakeRange(this.ctx, this.sheetName, () => ({ top: row, left: column, bottom: row, right: column }));
  }
}

class FakeSettings extends FakeProxy {
  getItemOrNullObject(key: string): { load: (p: string) => unknown; readonly isNullObject: boolean; readonly value: unknown } {
    const excel = this.ctx.excel;
    let ready = false;
    this.ctx.later(() => (ready = true));
    const item = {
      load: () => item,
      get isNullObject() {
        if (!ready) throw new Error("PropertyNotLoaded: isNullObject read before sync()");
        return !excel.settings.has(key);
      },
      get value() {
        if (!ready) throw new Error("PropertyNotLoaded: value");
        return excel.settings.get(key);
      },
    };
    return item;
  }
  add(key: string, value: string): void {
    this.ctx.excel.settings.set(key, value);
    this.ctx.excel.record(value, 0, 0);
  }
}

/**
 * A formula as Excel copies it `delta` rows down (same formula in R1C1 terms): relative row
 * numbers of A1 references move; $-rows, text in quotes, quoted sheet names and structured
 * references in brackets do not.
 */
export function shiftRows(formula: string, delta: number): string {
  if (delta === 0) return formula;
  return formula.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'|\[[^\]]*\]+|(?<![A-Za-z0-9_.$])(\$?[A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g, (match, column: string | undefined, dollar: string, row: string) =>
    column === undefined || dollar === "$" ? match : `${column}${Number(row) + delta}`,
  );
}

/** What Excel makes of a string given as typed input: a formula, a number, or null (text as it is). */
function typedInput(value: CellValue): { formula: string } | number | null {
  if (typeof value !== "string") return null;
  if (value.startsWith("=")) return { formula: value };
  if (/^[+-]./.test(value)) return Number.isFinite(Number(value)) ? Number(value) : { formula: `=${value}` };
  return null;
}

function currentRegion(sheet: Sheet, row: number, column: number): RangeRef {
  const filled = (r: number, c: number) => {
    const cell = sheet.cells.get(k(r, c));
    return r >= 0 && c >= 0 && cell !== undefined && ((cell.value !== null && cell.value !== undefined && cell.value !== "") || Boolean(cell.formula));
  };
  let box = { top: row, left: column, bottom: row, right: column };
  for (let grown = true; grown; ) {
    grown = false;
    const { top, left, bottom, right } = box;
    const rowFilled = (r: number) => Array.from({ length: right - left + 3 }, (_, i) => left - 1 + i).some((c) => filled(r, c));
    const colFilled = (c: number) => Array.from({ length: bottom - top + 3 }, (_, i) => top - 1 + i).some((r) => filled(r, c));
    if (top > 0 && rowFilled(top - 1)) { box = { ...box, top: top - 1 }; grown = true; }
    if (rowFilled(bottom + 1)) { box = { ...box, bottom: bottom + 1 }; grown = true; }
    if (left > 0 && colFilled(left - 1)) { box = { ...box, left: left - 1 }; grown = true; }
    if (colFilled(right + 1)) { box = { ...box, right: right + 1 }; grown = true; }
  }
  return box;
}

// ---- Charts (worksheet.charts) ----

function bareAddress(range: FakeRange): { sheet: string; ref: RangeRef } {
  const r = range as unknown as { sheetName: string; ref: () => RangeRef };
  return { sheet: r.sheetName, ref: r.ref() };
}

/** Worksheet.charts: items by name, getItem (ItemNotFound at the sync), add from a source range. */
class FakeCharts extends FakeProxy {
  constructor(ctx: FakeContext, private readonly sheetName: string) {
    super(ctx);
  }
  private onSheet(): ChartRecord[] {
    return this.ctx.excel.charts.filter((c) => low(c.sheet) === low(this.sheetName));
  }
  get items(): { name: string }[] {
    this.need("items");
    return this.onSheet().map((c) => ({ name: c.name }));
  }
  getItem(name: string): { delete: () => void } {
    const excel = this.ctx.excel;
    const find = () => this.onSheet().find((c) => low(c.name) === low(name));
    this.ctx.later(() => {
      if (!find()) throw new Error(`ItemNotFound: chart '${name}'`);
    });
    return {
      delete: () => {
        const chart = find();
        if (chart) excel.charts.splice(excel.charts.indexOf(chart), 1);
        excel.record(name, 0, 0);
      },
    };
  }
  /**
   * As Excel: a source range of n columns, series by columns, gives n series named Series1...;
   * by rows, one series per row ("Excel.ChartSeriesBy": Auto, Columns, Rows, ExcelApi 1.1).
   * "Auto" guesses from the shape on the desktop and means columns on the web (same page):
   * the fake refuses it, so the adapter always says which.
   */
  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    const { sheet, ref } = bareAddress(sourceData);
    if (low(sheet) !== low(this.sheetName)) throw new Error("the fake draws charts from ranges of their own sheet only");
    if (seriesBy !== "Columns" && seriesBy !== "Rows") throw new Error("the fake knows series by columns or by rows only");
    const series: ChartSeriesRecord[] = [];
    if (seriesBy === "Rows") for (let r = ref.top; r <= ref.bottom; r++) series.push({ name: `Series${series.length + 1}`, values: rangeAddress({ ...ref, top: r, bottom: r }) });
    else for (let c = ref.left; c <= ref.right; c++) series.push({ name: `Series${series.length + 1}`, values: rangeAddress({ ...ref, left: c, right: c }) });
    const record: ChartRecord = { sheet: this.ctx.excel.sheet(this.sheetName).name, name: `Chart ${this.ctx.excel.charts.length + 1}`, type, series, axisTitles: {} };
    this.ctx.excel.charts.push(record);
    this.ctx.excel.record(type, 0, 0);
    return new FakeChart(this.ctx, record);
  }
}

class FakeChart {
  readonly title: { text?: string };
  readonly axes: { categoryAxis: { title: { text?: string }; reversePlotOrder?: boolean; position?: string; tickLabelPosition?: string }; valueAxis: { title: { text?: string } } };
  /**
   * Chart.legend.legendEntries (ExcelApi 1.7): getItemAt(index) "returns a legend entry at the
   * given index", whose `visible` (ExcelApi 1.7) "represents the visibility of a chart legend
   * entry" (Excel.ChartLegendEntryCollection, Excel.ChartLegendEntry). An index past the
   * series fails at the sync, as getItemAt of any collection does.
   */
  readonly legend: { legendEntries: { getItemAt: (index: number) => { visible?: boolean } } };
  readonly series: { getItemAt: (index: number) => FakeChartSeries; add: (name?: string) => FakeChartSeries };
  constructor(private readonly ctx: FakeContext, private readonly record: ChartRecord) {
    const excel = ctx.excel;
    this.title = {
      set text(value: string) {
        record.title = value;
        excel.record(value, 0, 0);
      },
    } as { text?: string };
    const axisTitle = (which: "category" | "value") =>
      ({
        set text(value: string) {
          record.axisTitles[which] = value;
        },
      }) as { text?: string };
    this.axes = {
      categoryAxis: {
        title: axisTitle("category"),
        set reversePlotOrder(value: boolean) {
          if (excel.apiMinor < 7) throw new Error("ApiNotFound: ChartAxis.reversePlotOrder needs ExcelApi 1.7");
          record.reversedCategories = value;
        },
        set position(value: string) {
          if (excel.apiMinor < 8) throw new Error("ApiNotFound: ChartAxis.position needs ExcelApi 1.8");
          record.categoryAxisPosition = value;
        },
        // ChartAxis.tickLabelPosition: "NextToAxis" | "High" | "Low" | "None" (ExcelApi 1.7).
        set tickLabelPosition(value: string) {
          if (excel.apiMinor < 7) throw new Error("ApiNotFound: ChartAxis.tickLabelPosition needs ExcelApi 1.7");
          if (!["NextToAxis", "High", "Low", "None"].includes(value)) throw new Error(`InvalidArgument: tickLabelPosition '${value}'`);
          record.categoryTickLabels = value;
        },
      },
      valueAxis: { title: axisTitle("value") },
    };
    this.legend = {
      legendEntries: {
        getItemAt: (index: number) => {
          if (excel.apiMinor < 7) throw new Error("ApiNotFound: ChartLegendEntryCollection.getItemAt needs ExcelApi 1.7");
          ctx.later(() => {
            if (!record.series[index]) throw new Error(`ItemNotFound: legend entry ${index} of chart '${record.name}'`);
          });
          return {
            set visible(value: boolean) {
              const hidden = new Set(record.hiddenLegendEntries ?? []);
              if (value) hidden.delete(index);
              else hidden.add(index);
              record.hiddenLegendEntries = [...hidden].sort((x, y) => x - y);
            },
          } as { visible?: boolean };
        },
      },
    };
    this.series = {
      getItemAt: (index: number) => {
        ctx.later(() => {
          if (!record.series[index]) throw new Error(`ItemNotFound: series ${index} of chart '${record.name}'`);
        });
        return new FakeChartSeries(ctx, () => record.series[index]);
      },
      add: (name?: string) => {
        if (excel.apiMinor < 7) throw new Error("ApiNotFound: ChartSeriesCollection.add needs ExcelApi 1.7");
        const series: ChartSeriesRecord = { name: name ?? `Series${record.series.length + 1}`, values: "" };
        record.series.push(series);
        return new FakeChartSeries(ctx, () => series);
      },
    };
  }
  set name(value: string) {
    this.record.name = value;
    this.ctx.excel.record(value, 0, 0);
  }
  setPosition(startCell: string, endCell?: string): void {
    this.record.position = { start: startCell, end: endCell };
  }
}

class FakeChartSeries {
  /** ChartSeries.format.fill (ExcelApi 1.1): clear() "clears the fill color of a chart element" (Excel.ChartFill). */
  readonly format: { fill: { clear: () => void } };
  constructor(
    private readonly ctx: FakeContext,
    private readonly series: () => ChartSeriesRecord,
  ) {
    this.format = { fill: { clear: () => this.ctx.later(() => (this.series().fillCleared = true)) } };
  }
  set name(value: string) {
    this.ctx.later(() => (this.series().name = value));
  }
  setValues(range: FakeRange): void {
    if (this.ctx.excel.apiMinor < 7) throw new Error("ApiNotFound: ChartSeries.setValues needs ExcelApi 1.7");
    this.ctx.later(() => (this.series().values = rangeAddress(bareAddress(range).ref)));
  }
  setXAxisValues(range: FakeRange): void {
    if (this.ctx.excel.apiMinor < 7) throw new Error("ApiNotFound: ChartSeries.setXAxisValues needs ExcelApi 1.7");
    this.ctx.later(() => (this.series().xValues = rangeAddress(bareAddress(range).ref)));
  }
}

// ---- office.js's start and the shared runtime's pane (Office, not Excel) ----

type VisibilityMode = "Taskpane" | "Hidden";

/**
 * office.js as the pane meets it inside Excel:
 * - Office.onReady resolves only when the host has started, which may be long after the page
 *   loaded (a cold start of Excel on the web or a slow network); nothing bounds the wait
 *   ("Initialize your Office Add-in"; office-js issue 6148 for a library that never answers).
 *   The promise stays pending until `start()`.
 * - Office.addin.onVisibilityModeChanged (SharedRuntime 1.1, "Show or hide the task pane of
 *   your Office Add-in"): the handler is called with { visibilityMode: "Taskpane" | "Hidden" }
 *   when the pane is shown or closed while the runtime lives on; the returned promise resolves
 *   to a function that removes the handler.
 * - Office.context.officeTheme ("Office.OfficeTheme interface", supported in Excel on the web,
 *   Windows, Mac and iOS): the theme's colours as hex triplets, bodyBackgroundColor among them.
 *   Excel raises no event when the user changes the theme (Office.EventType.OfficeThemeChanged
 *   is Outlook's, Mailbox 1.14, per @types/office-js), and whether the object follows a change
 *   during the session varies (OfficeDev/office-js#713: not in Excel on Windows with Edge);
 *   `setOfficeTheme` stands for a platform where it does.
 */
export class FakeOffice {
  readonly HostType = { Excel: "Excel" };
  private started: ((info: { host: unknown; platform: unknown }) => void) | null = null;
  private readonly ready: Promise<{ host: unknown; platform: unknown }>;
  private readonly visibilityHandlers = new Set<(message: { visibilityMode: VisibilityMode }) => void>();
  readonly addin = {
    onVisibilityModeChanged: async (handler: (message: { visibilityMode: VisibilityMode }) => void): Promise<() => Promise<void>> => {
      this.visibilityHandlers.add(handler);
      return async () => {
        this.visibilityHandlers.delete(handler);
      };
    },
  };

  readonly context = { officeTheme: { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#262626", controlBackgroundColor: "#ffffff", controlForegroundColor: "#262626" } };

  constructor() {
    this.ready = new Promise((resolve) => (this.started = resolve));
  }

  /** The user picks another Office theme; no event tells the add-in. */
  setOfficeTheme(bodyBackgroundColor: string, bodyForegroundColor: string): void {
    this.context.officeTheme = { ...this.context.officeTheme, bodyBackgroundColor, bodyForegroundColor };
  }

  onReady(): Promise<{ host: unknown; platform: unknown }> {
    return this.ready;
  }

  /** The host has started: onReady resolves (late, if the pane has been waiting). */
  start(host: unknown = "Excel", platform: unknown = "OfficeOnline"): void {
    this.started?.({ host, platform });
  }

  /** The user closes or reopens the pane; the runtime (and this page) stays. */
  setPane(mode: VisibilityMode): void {
    for (const handler of [...this.visibilityHandlers]) handler({ visibilityMode: mode });
  }

  get visibilityListeners(): number {
    return this.visibilityHandlers.size;
  }
}
