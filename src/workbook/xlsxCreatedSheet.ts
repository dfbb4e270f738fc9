// The cells of a sheet the command line creates (the finance summary above all: some 860,000
// cells at 10,000 vendors), kept as what ExcelJS's sheet writer reads of their models instead
// of as ExcelJS cells. An ExcelJS cell is a Cell object, a value object and its model, with the
// address as a string; here a cell is a slot in a few arrays (CreatedSheet), with its address
// worked out when it is needed. The sheet itself (name, position, views, column widths) stays an ExcelJS worksheet;
// only its cells live here. When the file is written, they are prepared (style, shared string
// and shared formula numbers) here as ExcelJS 4.4's row and cell renderers
// (lib/xlsx/xform/sheet/row-xform.js, cell-xform.js) prepare the same cells, with the same style
// and shared-string tables, in the same order, and their rows rendered as those renderers
// write them (xlsxRows.ts): the sheet's XML, its shared strings and styles are those ExcelJS
// would have written.
//
// Only what the add-in writes to a sheet it has just made is kept this way: values, formulas
// (a filled-down run as one shared formula) and formats. Anything else asked of such a sheet
// (reading it back, a table, a note, clearing) first moves its cells into ExcelJS (`replay`),
// and from then on the sheet is an ordinary ExcelJS sheet.
import type ExcelJS from "exceljs";
import enums from "exceljs/lib/doc/enums";
import Range from "exceljs/lib/doc/range";
import { columnLetters } from "./address";
import { renderCell, valueType, xmlEncoded } from "./xlsxRows";

type Style = Partial<ExcelJS.Style>;

/** Column letters by 1-based column, as addresses are asked for cell by cell when a sheet is written. */
const LETTERS: string[] = [];

const { String: StringType, Number: NumberType, Formula } = enums.ValueType;

/** `<c r="` and a column's letters, by 0-based column. */
const CELL_STARTS: string[] = [];
/** What comes between a cell's row number and its value, by style number (0 for none): a number's, */
const NUMBER_OPENS: string[] = [];
/** a shared string's, */
const STRING_OPENS: string[] = [];
/** a clone's with a number result, by shared formula number, then style number, */
const CLONE_OPENS: string[][] = [];
/** and a formula's written with its text (no shared formula's master), with a number result */
const FORMULA_OPENS: string[] = [];
/** or a text one. */
const TEXT_FORMULA_OPENS: string[] = [];

/** A cell's ` s="n"`, left out for style 0 (CellXform.render: `if (model.styleId)`). */
function styleText(style: number): string {
  return style ? ` s="${style}"` : "";
}

/** The style of a cell nothing has formatted. Shared by all of them, so never changed in place. */
const NO_STYLE: Style = {};

/**
 * What only a formula written with its text needs (ExcelJS's FormulaValue model's formula,
 * shareType and ref, and the range CellXform.prepare gives a master its clones name): kept off
 * the store's arrays, as most formula cells are the clones of a fill-down, which name their
 * master instead. A formula of its text alone (no share type, ref or shared formula: the finance
 * summary's vendor-table block, some 30,000 at 10,000 rows) is kept as its text itself, a string
 * in place of this object, until prepare makes it a master (FormulaText, a string read as
 * `{ formula }`).
 */
interface FormulaText {
  readonly formula: string | undefined;
  readonly sharedFormula: string | undefined;
  shareType: string | undefined;
  readonly ref: string | undefined;
  range: Range | undefined;
}

/** A cell's kind byte: its ExcelJS ValueType plus one (0 where no cell was made: a hole), */
const TYPE = 0x0f;
/** and whether its value, or its formula's result, is a number kept in `nums`. */
const NUM = 0x10;
/** and whether it is a formula with its text (FormulaText, or the text alone) rather than a clone. */
const TEXT = 0x20;
/**
 * and, with TEXT, whether that text is kept as pieces (FormulaWrite.pieces: parts shared by many
 * cells, and numbers of its own in `pieceNums`), not as a string: the finance summary's
 * vendor-table formulas, each of its own text (some 130 bytes, 30,000 at 10,000 rows).
 */
const PIECES = 0x40;

/** A cell's 1-based column in ExcelJS's spelling. */
function letters(col: number): string {
  return (LETTERS[col] ??= columnLetters(col - 1));
}

/** A typed array of `length` holding `old`'s rows, `from` slots apart there, `to` slots apart. */
function laidOut<A extends Uint8Array | Int32Array | Float64Array>(old: A, length: number, from: number, to: number, rowEnd: Int32Array, rows: number): A {
  const next = new (old.constructor as new (length: number) => A)(length);
  for (let r = 0; r < rows; r++) {
    const end = rowEnd[r];
    if (end) next.set(old.subarray(r * from, r * from + end), r * to);
  }
  return next;
}

/** A typed array of `length` holding `old`'s contents. */
export function grown<A extends Uint8Array | Uint16Array | Int32Array | Float64Array>(old: A, length: number): A {
  const next = new (old.constructor as new (length: number) => A)(length);
  next.set(old);
  return next;
}
/** The Range ExcelJS keeps a sheet's dimensions in (lib/doc/range.js). */
interface Dimensions {
  expand(top: number, left: number, bottom: number, right: number): void;
}

/** What ExcelJS's package writer prepares a sheet's cells with (lib/xlsx/xlsx.js prepareModel): its style and shared-string tables. */
export interface CellTables {
  styles: { addStyleModel(style: Style, cellType?: ExcelJS.ValueType): number };
  sharedStrings: { add(value: string): number };
  date1904: boolean | undefined;
}


/** A cell address as ExcelJS spells it ("B3"), and its 1-based row and column. */
const ADDRESS = /^([A-Z]{1,3})([1-9][0-9]*)$/;

/**
 * A made sheet's rows, in place of the row models in ExcelJS's model of the sheet. ExcelJS's
 * package writer prepares a sheet by handing each row to its row renderer through `forEach`
 * (ListXform.prepare, lib/xlsx/xform/list-xform.js); here `forEach` prepares the cells
 * itself, with the writer's tables, and hands it nothing. The rows are rendered by `render`,
 * which the adapter calls in place of ExcelJS's sheetData renderer.
 */
export class CreatedRows {
  constructor(
    private readonly sheet: CreatedSheet,
    /** The writer's tables, which exist once its preparation has begun. */
    private readonly tables: () => CellTables,
    readonly length: number,
  ) {}

  forEach(): void {
    this.sheet.prepare(this.tables());
  }

  /** Row slots, holes included: `render` takes a range of them. */
  get slots(): number {
    return this.sheet.slots;
  }

  render(write: (xml: string) => void, from?: number, to?: number): void {
    this.sheet.render(write, from, to);
  }
}

/**
 * A made sheet's cells, as ExcelJS 4.4's Cell.model gives them (lib/doc/cell.js: the value
 * classes' `model`, plus `style`) and its CellXform (lib/xlsx/xform/sheet/cell-xform.js)
 * prepares and renders them. A 10,000-vendor finance summary holds some 860,000 cells from the
 * finance step until the file is written, so a cell is no object of its own but a slot in a few
 * arrays: typed ones for its kind, number (or the place of a value that is none) and prepared
 * numbers, plain ones for what a cell points to (its style object, a value that is not a
 * number, a clone's master or a formula's text). Each row has as many slots as the widest row, one per column: a made sheet's rows are
 * mostly of one width (the finance summary's 80 columns). The arrays are few and large, so the
 * garbage collector neither copies a cell from one young generation to the next nor walks one
 * object per cell.
 */
export class CreatedSheet {
  /** By slot: the kind byte (TYPE, NUM, TEXT). */
  private kinds = new Uint8Array(0);
  /**
   * By slot: a number value or formula result (NUM), or else the place in `objects` of a value,
   * or a formula's result, that is not a number (0: undefined): one array for the two, as a
   * cell has one or the other.
   */
  private nums = new Float64Array(0);
  /** By slot: the style number prepare gives the cell (0 for none); empty until then. */
  private styleIds = new Int32Array(0);
  /** By slot: prepare's shared string number of a string, or shared formula number of a formula (-1 for none); empty until then. */
  private numbers = new Int32Array(0);
  /** By slot: the cell's style object's place in `styleList`, 0 for a cell nothing has formatted (NO_STYLE). */
  private styleRefs = new Int32Array(0);
  /** By slot: the place in `objects` of a clone's master address, or a formula's text (0: none). */
  private formulaRefs = new Int32Array(0);
  /**
   * What cells point to, each where it was first kept: the slots hold its place, so that the
   * arrays by slot are all typed ones, laid out anew by copying alone.
   */
  private objects: unknown[] = [undefined];
  /** The style objects cells have, and each one's place in the list. */
  private styleList: Style[] = [NO_STYLE];
  private styleRef = new Map<Style, number>();
  /**
   * A PIECES formula's record, at the place its slot's `formulaRefs` holds: its parts' place in
   * `pieceParts`, then its numbers; `pieceLength` of it used.
   */
  private pieceNums = new Float64Array(0);
  private pieceLength = 0;
  /** The parts PIECES formulas are made of (without the formula's leading "="), each kept once, */
  private pieceParts: (readonly string[])[] = [];
  /** those parts as XML text, made when first written, */
  private pieceEncoded: (readonly string[] | undefined)[] = [];
  /** and each one's place in `pieceParts` by the parts array the adapter was given. */
  private pieceRef = new Map<readonly string[], number>();
  /** Masters' addresses' places in `objects`: a filled-down run's clones all name one. */
  private masterRef = new Map<string, number>();
  /** Slots per row: the cell at 0-based row r and column c is in slot r * stride + c. */
  private stride = 0;
  /** Rows the typed arrays have room for. */
  private rowRoom = 0;
  /** By 0-based row: its columns up to the last cell made (0: no cell, no row). */
  private rowEnd = new Int32Array(0);
  /** Rows up to the last one with a cell. */
  private rowCount = 0;

  /** The slot of the cell at 1-based row and column, the cell made (of no value) on first use as ExcelJS's getRow().getCell() makes it. */
  private slot(row: number, col: number): number {
    const r = row - 1;
    const c = col - 1;
    if (c >= this.stride || r >= this.rowRoom) this.fit(r + 1, c + 1, false);
    if (c >= this.rowEnd[r]) this.rowEnd[r] = c + 1;
    if (r >= this.rowCount) this.rowCount = r + 1;
    const slot = r * this.stride + c;
    if (!this.kinds[slot]) this.kinds[slot] = enums.ValueType.Null + 1;
    return slot;
  }

  /**
   * Makes room for cells up to 1-based column `right` in rows `top` to `bottom`, before they are
   * written: a range is written a column at a time (the fill-downs run down a column), so
   * without this the rows would be widened again and again as the range is written.
   */
  reserve(_top: number, bottom: number, right: number): void {
    if (right > this.stride || bottom > this.rowRoom) this.fit(bottom, right, true);
  }

  /**
   * Room for `rows` rows of `columns` columns. Rows are widened to twice their width at least (so
   * that a sheet widened a range or a cell at a time is laid out again a few times only: the
   * arrays each layout leaves behind are freed only by a full collection), except for a sheet
   * of a few rows, laid out anew for little, when the caller knows the width (`exactly`).
   * Rows are added half as many again at least.
   */
  private fit(rows: number, columns: number, exactly: boolean): void {
    const stride = columns <= this.stride ? this.stride : exactly && this.rowCount <= 64 ? columns : Math.max(columns, this.stride * 2, 8);
    const rowRoom = rows <= this.rowRoom ? this.rowRoom : Math.max(rows, this.rowRoom + (this.rowRoom >> 1), exactly ? 0 : 64);
    const length = stride * rowRoom;
    // The prepared numbers are the next prepare's to make, for the slots as they are then.
    this.styleIds = new Int32Array(0);
    this.numbers = new Int32Array(0);
    const fields = ["kinds", "nums", "styleRefs", "formulaRefs"] as const;
    const arrays = this as unknown as Record<(typeof fields)[number], Uint8Array | Int32Array | Float64Array>;
    for (const field of fields) {
      const old = arrays[field];
      if (stride === this.stride) {
        arrays[field] = grown(old, length);
        continue;
      }
      // Wider rows: every row's cells move to their new slots.
      arrays[field] = laidOut(old, length, this.stride, stride, this.rowEnd, this.rowCount);
    }
    this.stride = stride;
    if (rowRoom !== this.rowRoom) this.rowEnd = grown(this.rowEnd, rowRoom);
    this.rowRoom = rowRoom;
  }

  /** The slot of the cell at 0-based row and column, -1 where none was made. */
  private find(r: number, c: number): number {
    if (r < 0 || r >= this.rowCount || c < 0 || c >= this.rowEnd[r]) return -1;
    const slot = r * this.stride + c;
    return this.kinds[slot] ? slot : -1;
  }

  /** A value, or formula result, into `slot`, whose kind is `type`. */
  private keep(slot: number, type: ExcelJS.ValueType, value: unknown): void {
    if (typeof value === "number") {
      this.kinds[slot] = type + 1 + NUM;
      this.nums[slot] = value;
    } else {
      this.kinds[slot] = type + 1;
      this.nums[slot] = value === undefined ? 0 : this.objects.push(value) - 1;
    }
  }

  /** A clone's master, or a formula's text (`text`: a string is the formula's text alone), into `slot`. */
  private keepFormula(slot: number, formula: string | FormulaText | undefined, text = typeof formula === "object"): void {
    let ref = 0;
    if (text) {
      ref = this.objects.push(formula) - 1;
      this.kinds[slot] |= TEXT;
    } else if (typeof formula === "string") {
      // A run's clones come one after another, naming one master.
      if (formula === this.lastMaster) ref = this.lastMasterRef;
      else {
        ref = this.masterRef.get(formula) ?? 0;
        if (!ref) this.masterRef.set(formula, (ref = this.objects.push(formula) - 1));
        this.lastMaster = formula;
        this.lastMasterRef = ref;
      }
    }
    this.formulaRefs[slot] = ref;
  }

  private lastMaster: string | undefined;
  private lastMasterRef = 0;
  private lastStyle: Style | undefined;
  private lastStyleRef = 0;

  /**
   * Sets the value of the cell at 1-based row and column as ExcelJS's `cell.value = v` would
   * (Value.getType and the value classes' constructors): the style stays. Only the kinds of
   * value the adapter writes are taken.
   */
  set(row: number, col: number, value: ExcelJS.CellValue): void {
    const slot = this.slot(row, col);
    if (value === null || value === undefined) {
      this.keep(slot, enums.ValueType.Null, undefined);
      this.formulaRefs[slot] = 0;
    } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      this.keep(slot, typeof value === "string" ? StringType : typeof value === "number" ? NumberType : enums.ValueType.Boolean, value);
      this.formulaRefs[slot] = 0;
    } else {
      const f = value as { formula?: string; sharedFormula?: string; result?: unknown; shareType?: string; ref?: string };
      this.keep(slot, Formula, f.result);
      if (typeof f.formula === "string" && f.shareType === undefined && f.ref === undefined && f.sharedFormula === undefined) this.keepFormula(slot, f.formula, true);
      else if (f.formula !== undefined || f.shareType !== undefined || f.ref !== undefined || (f.sharedFormula !== undefined && typeof f.sharedFormula !== "string")) {
        this.keepFormula(slot, { formula: f.formula, sharedFormula: f.sharedFormula, shareType: f.shareType, ref: f.ref, range: undefined });
      } else this.keepFormula(slot, f.sharedFormula);
    }
  }

  /**
   * As `set(row, col, { formula, result })` with `formula` the text FormulaWrite.pieces stands
   * for (without its leading "=", as the adapter writes a formula), kept as those pieces: the
   * numbers here, `parts` once for all the cells given that array.
   */
  setPieces(row: number, col: number, parts: readonly string[], numbers: ArrayLike<number>, result: unknown): void {
    const slot = this.slot(row, col);
    this.keep(slot, Formula, result);
    let ref = this.pieceRef.get(parts);
    if (ref === undefined) {
      ref = this.pieceParts.push(parts[0].startsWith("=") ? [parts[0].slice(1), ...parts.slice(1)] : parts.slice()) - 1;
      this.pieceEncoded.push(undefined);
      this.pieceRef.set(parts, ref);
    }
    const at = this.pieceLength;
    if (at + 1 + numbers.length > this.pieceNums.length) this.pieceNums = grown(this.pieceNums, Math.max(64, 2 * (at + 1 + numbers.length)));
    this.pieceNums[at] = ref;
    for (let i = 0; i < numbers.length; i++) this.pieceNums[at + 1 + i] = numbers[i];
    this.pieceLength = at + 1 + numbers.length;
    this.kinds[slot] |= TEXT | PIECES;
    this.formulaRefs[slot] = at;
  }

  /** A PIECES formula's text, of its parts (or their XML text, `encoded`) and numbers. */
  private piecesText(slot: number, encoded = false): string {
    const at = this.formulaRefs[slot];
    const ref = this.pieceNums[at];
    const parts = encoded ? (this.pieceEncoded[ref] ??= this.pieceParts[ref].map(xmlEncoded)) : this.pieceParts[ref];
    let text = parts[0];
    for (let i = 1; i < parts.length; i++) text += this.pieceNums[at + i] + parts[i];
    return text;
  }

  /** As `set(row, col, { sharedFormula: master, result })`, without that object: a clone of the formula at `master`. */
  setClone(row: number, col: number, master: string, result: unknown): void {
    const slot = this.slot(row, col);
    this.keep(slot, Formula, result);
    this.keepFormula(slot, master);
  }

  /** The style of the cell at 1-based row and column (made if it was not), an empty object if nothing has formatted it. */
  style(row: number, col: number): Style {
    // The slot first: making it may lay the arrays out anew.
    const slot = this.slot(row, col);
    return this.styleList[this.styleRefs[slot]];
  }

  /** Gives the cell at 1-based row and column (made if it was not) the style object `style`, kept, not copied. */
  setStyle(row: number, col: number, style: Style): void {
    const slot = this.slot(row, col);
    if (style !== this.lastStyle) {
      let ref = style === NO_STYLE ? 0 : this.styleRef.get(style);
      if (ref === undefined) {
        ref = this.styleList.push(style) - 1;
        this.styleRef.set(style, ref);
      }
      this.lastStyle = style;
      this.lastStyleRef = ref;
    }
    this.styleRefs[slot] = this.lastStyleRef;
  }

  private type(slot: number): ExcelJS.ValueType {
    return (this.kinds[slot] & TYPE) - 1;
  }

  private value(slot: number): unknown {
    return this.kinds[slot] & NUM ? this.nums[slot] : this.objects[this.nums[slot]];
  }

  /** A formula's text, as FormulaText or the text alone; undefined for a clone or a value. */
  private text(slot: number): FormulaText | string | undefined {
    if (this.kinds[slot] & PIECES) return this.piecesText(slot);
    return this.kinds[slot] & TEXT ? (this.objects[this.formulaRefs[slot]] as FormulaText | string) : undefined;
  }

  /** The text of a formula written with one. */
  private formula(slot: number): string | undefined {
    const text = this.text(slot);
    return typeof text === "string" ? text : text?.formula;
  }

  /** A formula's FormulaText, the text alone read as `{ formula }` (every other field undefined). */
  private shared(slot: number): Partial<FormulaText> | undefined {
    const text = this.text(slot);
    return typeof text === "string" ? { formula: text } : text;
  }

  private sharedFormula(slot: number): string | undefined {
    if (this.kinds[slot] & PIECES) return undefined;
    const f = this.objects[this.formulaRefs[slot]] as string | FormulaText | undefined;
    if (this.kinds[slot] & TEXT) return typeof f === "object" ? f.sharedFormula : undefined;
    return f as string | undefined;
  }

  /** The value as it was given to `set`, for ExcelJS's `cell.value`. */
  private written(slot: number): ExcelJS.CellValue {
    const type = this.type(slot);
    if (type === enums.ValueType.Null) return null;
    if (type !== Formula) return this.value(slot) as ExcelJS.CellValue;
    const text = this.shared(slot);
    const f: Record<string, unknown> = { formula: text?.formula, sharedFormula: this.sharedFormula(slot), result: this.value(slot), shareType: text?.shareType, ref: text?.ref };
    for (const key of Object.keys(f)) if (f[key] === undefined) delete f[key];
    return f as unknown as ExcelJS.CellValue;
  }

  /** The value of the cell at 1-based row and column, a formula's its result; null where there is none. */
  valueAt(row: number, col: number): ExcelJS.CellValue {
    const slot = this.find(row - 1, col - 1);
    if (slot < 0 || this.type(slot) === enums.ValueType.Null) return null;
    return (this.value(slot) ?? null) as ExcelJS.CellValue;
  }

  /**
   * Each cell, row by row, left to right: its 1-based row and column, the value as it was
   * given to `set` (ExcelJS's `cell.value`), and its style object, undefined where nothing has
   * formatted it.
   */
  forEachCell(each: (row: number, col: number, value: ExcelJS.CellValue, style: Style | undefined) => void): void {
    for (let r = 0; r < this.rowCount; r++) {
      // A row is made with its first cell (a reserved row may have none).
      if (!this.rowEnd[r]) continue;
      const base = r * this.stride;
      for (let c = 0; c < this.rowEnd[r]; c++) {
        if (this.kinds[base + c]) each(r + 1, c + 1, this.written(base + c), this.styleRefs[base + c] ? this.styleList[this.styleRefs[base + c]] : undefined);
      }
    }
  }

  /** Whether the prepared cells' dates count from 1904 (CellXform.prepare sets date1904 on each formula's model). */
  private date1904 = false;
  /** The style number of the rows (RowXform.prepare), all of which have the default style. */
  private rowStyleId = 0;

  /** The first and last 1-based columns of row `r` (0-based) that have a cell, 0 and 0 for none. */
  private span(r: number): [number, number] {
    const base = r * this.stride;
    let min = 0;
    let max = 0;
    for (let c = 0; c < this.rowEnd[r]; c++) {
      if (!this.kinds[base + c]) continue;
      if (!min) min = c + 1;
      max = c + 1;
    }
    return [min, max];
  }

  /** The rows for ExcelJS's model of the sheet, and the sheet's dimensions widened to them as ExcelJS's sheet model does. */
  rowList(dimensions: Dimensions, tables: () => CellTables): CreatedRows {
    let length = 0;
    for (let r = 0; r < this.rowCount; r++) {
      if (!this.rowEnd[r]) continue;
      length++;
      const [min, max] = this.span(r);
      dimensions.expand(r + 1, min, r + 1, max);
    }
    return new CreatedRows(this, tables, length);
  }

  /**
   * Gives every cell its style, shared string and shared formula numbers, as RowXform.prepare
   * and CellXform.prepare do, in the same order (row by row, each row's style first), so the
   * numbers and the tables' contents are theirs. A style object is only looked up again when
   * it changes from the cell above: ExcelJS's style table answers an object it has seen with
   * the number it gave it first (StylesXform's weakMap), whatever the cell's type.
   */
  prepare(tables: CellTables): void {
    const { styles, sharedStrings } = tables;
    this.date1904 = !!tables.date1904;
    let siFormulae = 0;
    // The formulas prepared so far by address (CellXform's options.formulae), looked up in the
    // store when a clone names one instead of a map with an address string per formula.
    const masters = new Map<string, { slot: number; r: number; c: number }>();
    const master = (address: string, r: number, c: number): { slot: number; r: number; c: number } | undefined => {
      let found = masters.get(address);
      if (found === undefined) {
        const match = ADDRESS.exec(address);
        let col = 0;
        if (match) for (const ch of match[1]) col = col * 26 + ch.charCodeAt(0) - 64;
        const mr = match ? Number(match[2]) - 1 : -1;
        found = { slot: match ? this.find(mr, col - 1) : -1, r: mr, c: col - 1 };
        masters.set(address, found);
      }
      const slot = found.slot;
      if (slot < 0 || this.type(slot) !== Formula || !this.formula(slot)) return undefined;
      // Only cells prepared before the clone are in ExcelJS's map: above it, or left of it in its row.
      return found.r < r || (found.r === r && found.c < c) ? found : undefined;
    };
    // The style object and its number last met in each column: a column's cells mostly share
    // one, and the number ExcelJS gives an object it has seen is the one it gave it first.
    const columnStyles: (Style | undefined)[] = [];
    const columnStyleIds: number[] = [];
    // An ExcelJS cell or row nothing has formatted has an empty style object of its own (Cell's
    // _mergeStyle, lib/doc/cell.js), numbered by the cell's type alone (StylesXform.addStyleModel,
    // lib/xlsx/xform/style/styles-xform.js: General for a number, mm-dd-yy for a date, none
    // otherwise; no type counts as a number). The one object all such cells share here is
    // never handed to the table, which would number it once, by the type it met first.
    const unformatted: number[] = [];
    const unformattedId = (type: ExcelJS.ValueType) => (unformatted[type || NumberType] ??= styles.addStyleModel({}, type || NumberType));
    // Made here, not with the cells: until the file is written, its cells take a third less memory.
    if (this.styleIds.length !== this.kinds.length) {
      this.styleIds = new Int32Array(this.kinds.length);
      this.numbers = new Int32Array(this.kinds.length);
    }
    const { kinds, styleIds, numbers } = this;
    for (let r = 0; r < this.rowCount; r++) {
      // A row is made with its first cell (a reserved row may have none).
      if (!this.rowEnd[r]) continue;
      const base = r * this.stride;
      this.rowStyleId = unformattedId(NumberType);
      for (let c = 0; c < this.rowEnd[r]; c++) {
        const slot = base + c;
        const kind = kinds[slot];
        if (!kind) continue;
        const type = (kind & TYPE) - 1;
        const styleRef = this.styleRefs[slot];
        const style = this.styleList[styleRef];
        let styleId: number;
        if (!styleRef) styleId = unformattedId(kind & NUM ? NumberType : type === Formula ? valueType(this.value(slot)) : type);
        else if (style === columnStyles[c]) styleId = columnStyleIds[c];
        else {
          styleId = styles.addStyleModel(style, kind & NUM ? NumberType : type === Formula ? valueType(this.value(slot)) : type);
          columnStyles[c] = style;
          columnStyleIds[c] = styleId;
        }
        styleIds[slot] = styleId || 0;
        if (type === StringType) {
          numbers[slot] = sharedStrings.add(this.value(slot) as string);
        } else if (type === Formula) {
          numbers[slot] = -1;
          const text = this.text(slot);
          if (typeof text === "object" && text.shareType === "shared") numbers[slot] = siFormulae++;
          const sharedFormula = this.sharedFormula(slot);
          if (!this.formula(slot) && sharedFormula) {
            const found = master(sharedFormula, r, c);
            if (!found) throw new Error(`Shared Formula master must exist above and or left of clone for cell ${letters(c + 1)}${r + 1}`);
            // A master has its text (`master` finds only formulas with one).
            const shared = found.slot;
            let masterText = this.text(shared)!;
            // A text alone becomes an object here, where it becomes a master.
            if (typeof masterText === "string") {
              const made: FormulaText = (masterText = { formula: masterText, sharedFormula: undefined, shareType: undefined, ref: undefined, range: undefined });
              if (kinds[shared] & PIECES) {
                kinds[shared] &= ~PIECES;
                this.formulaRefs[shared] = this.objects.push(made) - 1;
              } else this.objects[this.formulaRefs[shared]] = made;
            }
            if (numbers[shared] < 0) {
              masterText.shareType = "shared";
              numbers[shared] = siFormulae++;
              masterText.range = new Range(`${letters(found.c + 1)}${found.r + 1}`, `${letters(c + 1)}${r + 1}`);
            } else if (masterText.range) {
              masterText.range.expandToAddress(`${letters(c + 1)}${r + 1}`);
            }
            numbers[slot] = numbers[shared];
          }
        }
      }
    }
  }

  /** Row slots, holes included. */
  get slots(): number {
    return this.rowCount;
  }

  /**
   * The XML of the rows in slots `from` to `to` (0-based, end excluded), a row at a time, as
   * ExcelJS's RowXform writes a row of default height and style (xlsxRows.ts). The cells most
   * of a made sheet holds (numbers, shared strings, clones of a filled-down formula with a
   * number result, formulas written with their text and no shared formula) are written from
   * text built once per column, style and shared formula, so that such a cell is a few strings
   * joined instead of some ten and a cell object; every other cell is renderCell's.
   */
  render(write: (xml: string) => void, from = 0, to = this.rowCount): void {
    const rowStyle = this.rowStyleId ? ` s="${this.rowStyleId}" customFormat="1"` : "";
    const { kinds, rowEnd, stride } = this;
    for (let r = from; r < to; r++) {
      const end = rowEnd[r];
      // A row is made with its first cell (a reserved row may have none).
      if (!end) continue;
      const base = r * stride;
      const row = String(r + 1);
      let min = 0;
      let max = 0;
      let xml = "";
      for (let c = 0; c < end; c++) {
        // A hole: no cell was made there (forEach, which this stands for, skips holes too).
        if (!kinds[base + c]) continue;
        if (!min) min = c + 1;
        max = c + 1;
        xml += this.renderStored(base + c, c, row);
      }
      const start = `<row r="${row}" spans="${min}:${max}"${rowStyle} x14ac:dyDescent="0.25"`;
      write(xml ? `${start}>${xml}</row>` : `${start}/>`);
    }
  }

  /**
   * CellXform.render (lib/xlsx/xform/sheet/cell-xform.js) of one prepared cell: `<c r="A1"`, the
   * style, the type, then for a number `<v>n</v>`, for a shared string `<v>index</v>`, for a
   * clone `<f t="shared" si="n"/>` before its result's `<v>` (renderFormula); numbers as
   * JavaScript spells them, as XmlStream writes them.
   */
  private renderStored(slot: number, col: number, row: string): string {
    const kind = this.kinds[slot];
    const type = (kind & TYPE) - 1;
    const style = this.styleIds[slot];
    const number = this.numbers[slot];
    if (kind & NUM) {
      if (type === NumberType) return (CELL_STARTS[col] ??= `<c r="${columnLetters(col)}`) + row + (NUMBER_OPENS[style] ??= `"${styleText(style)}><v>`) + this.nums[slot] + "</v></c>";
      if (type === Formula && !(kind & TEXT) && number >= 0) {
        const opens = (CLONE_OPENS[number] ??= []);
        return (CELL_STARTS[col] ??= `<c r="${columnLetters(col)}`) + row + (opens[style] ??= `"${styleText(style)}><f t="shared" si="${number}"/><v>`) + this.nums[slot] + "</v></c>";
      }
      if (type === Formula && kind & TEXT) {
        const formula = this.formulaAlone(slot, number);
        if (formula !== undefined) return (CELL_STARTS[col] ??= `<c r="${columnLetters(col)}`) + row + (FORMULA_OPENS[style] ??= `"${styleText(style)}><f>`) + formula + "</f><v>" + this.nums[slot] + "</v></c>";
      }
    } else if (type === StringType && number >= 0) {
      return (CELL_STARTS[col] ??= `<c r="${columnLetters(col)}`) + row + (STRING_OPENS[style] ??= `"${styleText(style)} t="s"><v>`) + number + "</v></c>";
    } else if (type === Formula && kind & TEXT) {
      const value = this.objects[this.nums[slot]];
      const formula = typeof value === "string" ? this.formulaAlone(slot, number) : undefined;
      if (formula !== undefined)
        return (CELL_STARTS[col] ??= `<c r="${columnLetters(col)}`) + row + (TEXT_FORMULA_OPENS[style] ??= `"${styleText(style)} t="str"><f>`) + formula + "</f><v>" + xmlEncoded(value as string) + "</v></c>";
    }
    return this.renderOther(slot, col, row);
  }

  /**
   * The escaped text of a formula written with its text that is no shared formula's master (no
   * share type, range or number: the finance summary's vendor-table block), which renderFormula
   * writes as `<f>text</f>`; undefined for any other. Escaped as it comes, not kept: such texts
   * are each a cell's own.
   */
  private formulaAlone(slot: number, number: number): string | undefined {
    if (number >= 0) return undefined;
    if (this.kinds[slot] & PIECES) return this.piecesText(slot, true);
    const text = this.objects[this.formulaRefs[slot]] as FormulaText | string;
    if (typeof text === "string") return xmlEncoded(text);
    if (text.shareType !== undefined || text.ref !== undefined || typeof text.formula !== "string") return undefined;
    return xmlEncoded(text.formula);
  }

  /** renderCell of any other cell. */
  private renderOther(slot: number, col: number, row: string): string {
    const type = this.type(slot);
    const style = this.styleIds[slot];
    const number = this.numbers[slot];
    const text = this.shared(slot);
    const value = this.value(slot);
    const cell = {
      address: `${letters(col + 1)}${row}`,
      type,
      value,
      result: type === Formula ? value : undefined,
      formula: text?.formula,
      shareType: text?.shareType,
      ref: text?.ref,
      range: text?.range,
      styleId: style || undefined,
      ssId: type === StringType && number >= 0 ? number : undefined,
      si: type === Formula && number >= 0 ? number : undefined,
    };
    return renderCell(cell, this.date1904);
  }

  /** Moves every cell into the ExcelJS worksheet `sheet`, as if they had been written there. */
  replay(sheet: ExcelJS.Worksheet): void {
    let last = 0;
    let row: ExcelJS.Row | undefined;
    this.forEachCell((r, c, value, style) => {
      if (r !== last) {
        row = sheet.getRow(r);
        last = r;
      }
      const cell = row!.getCell(c);
      if (value !== null) cell.value = value;
      // A new ExcelJS cell has a style object of its own: the shared empty one must not be handed out.
      if (style !== undefined) cell.style = style;
    });
    this.kinds = new Uint8Array(0);
    this.nums = new Float64Array(0);
    this.styleIds = new Int32Array(0);
    this.numbers = new Int32Array(0);
    this.styleRefs = new Int32Array(0);
    this.formulaRefs = new Int32Array(0);
    this.objects = [undefined];
    this.pieceNums = new Float64Array(0);
    this.pieceLength = 0;
    this.pieceParts = [];
    this.pieceEncoded = [];
    this.pieceRef.clear();
    this.styleList = [NO_STYLE];
    this.styleRef.clear();
    this.masterRef.clear();
    this.lastStyle = this.lastMaster = undefined;
    this.lastStyleRef = this.lastMasterRef = 0;
    this.stride = 0;
    this.rowRoom = 0;
    this.rowEnd = new Int32Array(0);
    this.rowCount = 0;
  }
}
