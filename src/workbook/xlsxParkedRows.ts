// The cells of a user's sheet set aside in a few typed arrays, and put back, as they were, the
// moment anything asks for them. Node only.
//
// The command line holds the buyer's workbook from the read to the write. Its largest sheet, the
// vendor table, is some 180 bytes a cell in ExcelJS 4.4's objects (a Cell, a value object, the
// value's model and an address string; xlsxLoadedCells.ts). Parked, a plain cell is 20 bytes
// (its column, two kinds, a number, its style's place and its style number), and 4 more for the
// place of the text, date or error it holds, kept as it is. A sheet is parked:
// - as it is read, when it is large (withParkingAsRead): each row's cells are set aside as soon
//   as ExcelJS has made them, so that the sheet's cells are never all ExcelJS's objects at once;
// - while the adapter writes the sheets it makes (parkCells), when the heap is large.
//
// A parked sheet's `_rows` (lib/doc/worksheet.js keeps every row there, and reads cells only
// through it) is an accessor on the sheet: whoever reads or sets it, ExcelJS or the adapter,
// first gets every cell back. The rows themselves stay (each holds, meanwhile, a frozen empty
// list of cells, which nothing can add to unnoticed). A cell comes back an object of ExcelJS's
// Cell class with the fields the class gives it, in the same order and with the same values: the
// same row and column objects, its address, a value object of its own kind whose model has the
// fields it had, in order, with the same values (the same text, date and error objects, the same
// style object), the same style object on the cell. A filled-down formula's model (one with no
// text of its own) is made again from parts that its column's cells share (FormulaParts: its
// fields, and the values of all of them but its address, result and style), and its result (a
// number in the store). A formula with a text of its own, a hyperlink's and rich text's model
// are kept as they are. A cell with a note or in a merged range is kept whole,
// and so is one whose model has a field a parked one cannot give back.
//
// What the adapter reads and writes of a parked sheet goes through parkedRows, without unparking
// it: a row's cells made again to read them (and let go), and the cell to write into (a table's
// column, its format, a note) kept as ExcelJS's cell until the apply is done, then folded into
// the store (compactParked). The writer makes each row's cells again as it writes them.
import type ExcelJS from "exceljs";
import Cell from "exceljs/lib/doc/cell";
import Row from "exceljs/lib/doc/row";
import Worksheet from "exceljs/lib/doc/worksheet";
import enums from "exceljs/lib/doc/enums";
import { columnLetters } from "./address";
import { fieldsIndex } from "./xlsxLoadedCells";
import { packedCells, unpackRow } from "./xlsxPackedRows";

const { Null, Number: NumberType, String: StringType, Date: DateType, Boolean: BooleanType, Error: ErrorType, Formula: FormulaType } = enums.ValueType;

/** The value types whose model a parked cell makes again from its parts (any other type's model is kept as it is). */
const PLAIN = new Set<number>([Null, NumberType, StringType, DateType, BooleanType, ErrorType]);

/** A value's model's fields, in order: the forms CellXform's parsing and reconciling leave a plain cell's in. */
const SHAPES: readonly (readonly string[])[] = [
  ["address", "value", "type"],
  ["address", "styleId", "value", "type", "style"],
  ["address", "type"],
  ["address", "styleId", "type", "style"],
  ["address", "type", "style"],
  ["address", "value", "type", "style"],
  // As the value classes' constructors make them (a value written through ExcelJS's API).
  ["address", "type", "value"],
];
/** SHAPES' index plus one where a cell's model is kept as it is, not made again. */
const MODEL_KEPT = 255;
/** SHAPES' index plus one where a formula's model is made again from its parts (FormulaParts). */
const FORMULA = 254;

/**
 * A formula's model kept as parts: its fields in order, and the value of each but its address,
 * result and style (undefined in their places), which the cell gives. Most formula cells of a
 * sheet share one: a filled-down column's clones differ in their address and result alone (the
 * finance summary's cells, read again from the file the command wrote: their shared formula's
 * master, no text of their own, no style number once reconciled). Only texts, numbers, booleans,
 * null and undefined are kept this way, values with no identity of their own.
 */
interface FormulaParts {
  readonly fields: readonly string[];
  readonly values: readonly unknown[];
  /** The result: a number kept in `values` (0), undefined (1), anything else kept in `objects` (2). */
  readonly result: 0 | 1 | 2;
}

/** How many FormulaParts a sheet's store makes at most; a formula of any other is kept as its model. */
const FORMULA_PARTS = 65_536;

/** A formula's result's kind, as FormulaParts.result. */
function resultKind(result: unknown): 0 | 1 | 2 {
  return typeof result === "number" ? 0 : result === undefined ? 1 : 2;
}

/** A value kept in FormulaParts spelled apart from any other such value; undefined for one that is not kept there. */
function partKey(value: unknown): string | undefined {
  switch (typeof value) {
    case "undefined":
      return "u";
    case "boolean":
      return value ? "t" : "f";
    case "number":
      return Object.is(value, -0) ? "n-0" : `n${value}`;
    case "string":
      return `s${value.length}:${value}`;
    default:
      return value === null ? "l" : undefined;
  }
}

/** ExcelJS's Cell as the adapter holds it (its style under `_style`, xlsxLoadedCells.ts). */
interface HeldCell {
  _row: unknown;
  _column: unknown;
  _address: string;
  _value: { model: Record<string, unknown> };
  _style: unknown;
  _mergeCount: number;
}

/** The fields Cell's constructor gives a cell, in order (with the style accessor, `style` is kept as `_style`). */
const CELL_FIELDS = ["_row", "_column", "_address", "_value", "_style", "_mergeCount"];

interface HeldRow {
  readonly number: number;
  _cells: (HeldCell | undefined)[];
}

interface HeldSheet {
  _rows: (HeldRow | undefined)[];
}

/** What a parked row holds meanwhile: frozen, so that a cell added to a row held from before would throw instead of being lost. */
const NO_CELLS: (HeldCell | undefined)[] = Object.freeze([]) as unknown as (HeldCell | undefined)[];

/** Cells made again as Cell's constructor makes them, fields in the same order, on Cell's prototype. */
const MadeCell = function (this: HeldCell, row: unknown, column: unknown, address: string, value: HeldCell["_value"] | undefined, style: unknown) {
  this._row = row;
  this._column = column;
  this._address = address;
  // The value object is made once the cell is (FormulaValue's names it): the field comes here, in the constructor's order.
  this._value = value as HeldCell["_value"];
  this._style = style;
  this._mergeCount = 0;
} as unknown as new (row: unknown, column: unknown, address: string, value: HeldCell["_value"] | undefined, style: unknown) => HeldCell;
MadeCell.prototype = Cell.prototype;

type ValueMaker = new (cell: HeldCell, model: Record<string, unknown>) => HeldCell["_value"];

/**
 * A maker of value objects on one value class's prototype, with the fields its constructor
 * gives them: the model alone, or (FormulaValue) the cell and the model.
 */
function valueMaker(prototype: object, withCell: boolean): ValueMaker {
  const made = (
    withCell
      ? function (this: HeldCell["_value"] & { cell: HeldCell }, cell: HeldCell, model: Record<string, unknown>) {
          this.cell = cell;
          this.model = model;
        }
      : function (this: HeldCell["_value"], _cell: HeldCell, model: Record<string, unknown>) {
          this.model = model;
        }
  ) as unknown as ValueMaker;
  made.prototype = prototype;
  return made;
}

/** Whether a value object holds its model alone (false), its cell and its model (true), or anything else (undefined). */
function valueLayout(value: object, cell: HeldCell): boolean | undefined {
  if (hasFields(value, MODEL_ONLY)) return false;
  return hasFields(value, CELL_AND_MODEL) && (value as { cell?: unknown }).cell === cell ? true : undefined;
}
const MODEL_ONLY = ["model"];
const CELL_AND_MODEL = ["cell", "model"];

/** Whether `object`'s own enumerable fields are `fields`, in that order. */
function hasFields(object: object, fields: readonly string[]): boolean {
  let n = 0;
  for (const field in object) if (field !== fields[n++]) return false;
  return n === fields.length;
}

/** The index of the fields `model` has, in order, among SHAPES; -1 for any other. */
function shapeOf(model: Record<string, unknown>): number {
  return fieldsIndex(model, SHAPES);
}

/** A sheet's cells while it is parked. */
class ParkedCells {
  /** Where each row's cells start among the slots (the entry after the last row is the number of slots). */
  private readonly starts: Int32Array;
  private readonly columns: Uint16Array;
  /** SHAPES' index plus one; FORMULA for a formula kept as parts, MODEL_KEPT for a cell whose model is kept, 0 for a cell kept as it is. */
  private readonly shapes: Uint8Array;
  private readonly types: Uint8Array;
  /**
   * A number's value; for any other value, a kept model and a kept cell, its place in `objects`.
   * A formula kept as parts: its result, as the same (0 where it has none).
   */
  private readonly values: Float64Array;
  /** The place of the cell's style in `styleObjects`. */
  private readonly styles: Int32Array;
  /** The model's `styleId`: -1 where it is undefined. A formula kept as parts: the place of its parts in `formulaParts`. */
  private readonly styleIds: Int32Array;
  private readonly objects: unknown[] = [];
  private readonly styleObjects: unknown[] = [];
  private readonly styleIndex = new Map<unknown, number>();
  /** By column number, the column object its cells share. */
  private readonly columnObjects: unknown[] = [];
  /** By column number, its letters. */
  private readonly letters: string[] = [];
  /** By value type, the maker of its value objects. */
  private readonly makers: ValueMaker[] = [];
  /** By value type, whether its value objects hold their cell (valueLayout). */
  private readonly withCell: boolean[] = [];
  /** The formulas' parts (FormulaParts), each kept once, and each one's place by its fields and values spelled out. */
  private readonly formulaParts: FormulaParts[] = [];
  private readonly formulaPartsIndex = new Map<string, number>();
  /** By column number, the place of the parts of the last formula parked there: a filled-down column's next cell has the same. */
  private readonly lastFormulaParts: number[] = [];
  /** The place of the parts shapeOfCell found for the cell it last said was a FORMULA. */
  private foundParts = -1;
  /** The next slot to fill, and the index of the next row to park. */
  private slot = 0;
  private nextRow = 0;
  /**
   * The cells written since the sheet was parked (cellToWrite), by column number and row index:
   * each is the cell itself, which the row's cells made again include in place of the parked one.
   */
  private readonly written = new Map<number, (HeldCell | undefined)[]>();

  /**
   * An empty store for up to `slots` cells of `rows`, whose rows are parked one after the other
   * (park) up to the row at `lastIndex`, and then `finish`ed.
   */
  constructor(
    readonly rows: (HeldRow | undefined)[],
    slots: number,
    lastIndex: number,
  ) {
    this.starts = new Int32Array(lastIndex + 2);
    this.columns = new Uint16Array(slots);
    this.shapes = new Uint8Array(slots);
    this.types = new Uint8Array(slots);
    this.values = new Float64Array(slots);
    this.styles = new Int32Array(slots);
    this.styleIds = new Int32Array(slots);
  }

  /** A store of the cells `rows` hold now, each row left holding none. */
  static of(rows: (HeldRow | undefined)[]): ParkedCells {
    let slots = 0;
    for (const row of rows) if (row) for (const cell of row._cells) if (cell) slots++;
    const parked = new ParkedCells(rows, slots, rows.length - 1);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      parked.park(r, row, row._cells);
      row._cells = NO_CELLS;
    }
    parked.finish();
    return parked;
  }

  /** Sets aside `cells`, those of the row at `index` (after every row parked before it). */
  park(index: number, row: HeldRow, cells: readonly (HeldCell | undefined)[]): void {
    if (index < this.nextRow || index >= this.starts.length - 1) throw new Error(`Row ${index + 1} cannot be parked after row ${this.nextRow}.`);
    while (this.nextRow <= index) this.starts[this.nextRow++] = this.slot;
    let slot = this.slot;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) continue;
      if (slot === this.columns.length) throw new Error(`Row ${index + 1} holds more cells than were counted.`);
      this.columns[slot] = c + 1;
      const shape = this.shapeOfCell(cell, row, c + 1);
      if (shape === 0) {
        this.values[slot] = this.objects.push(cell) - 1;
      } else {
        const model = cell._value.model;
        const type = model.type as number;
        this.shapes[slot] = shape;
        this.types[slot] = type;
        if (shape === MODEL_KEPT) this.values[slot] = this.objects.push(model) - 1;
        else if (shape === FORMULA) {
          const parts = this.foundParts;
          const kind = this.formulaParts[parts].result;
          this.values[slot] = kind === 0 ? (model.result as number) : kind === 1 ? 0 : this.objects.push(model.result) - 1;
          this.styleIds[slot] = parts;
        } else {
          this.values[slot] = type === NumberType ? (model.value as number) : type === Null ? 0 : this.objects.push(model.value) - 1;
          this.styleIds[slot] = model.styleId === undefined ? -1 : (model.styleId as number);
        }
        const style = cell._style;
        let styleIndex = this.styleIndex.get(style);
        if (styleIndex === undefined) this.styleIndex.set(style, (styleIndex = this.styleObjects.push(style) - 1));
        this.styles[slot] = styleIndex;
      }
      slot++;
    }
    this.slot = slot;
  }

  /** Marks the rows after the last one parked as holding no cells. */
  finish(): void {
    while (this.nextRow < this.starts.length) this.starts[this.nextRow++] = this.slot;
  }

  /** Whether cells have been written since the sheet was parked. */
  get hasWritten(): boolean {
    return this.written.size > 0;
  }

  /** A store of the same cells, those written since included, and nothing else. */
  compacted(): ParkedCells {
    const { rows } = this;
    let slots = this.slot;
    for (const byRow of this.written.values()) for (const cell of byRow) if (cell) slots++;
    const parked = new ParkedCells(rows, slots, rows.length - 1);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row) parked.park(r, row, this.cellsAt(r));
    }
    parked.finish();
    return parked;
  }

  /** SHAPES' index plus one of a plain cell's model, MODEL_KEPT for a cell whose model is kept, 0 for a cell kept as it is. */
  private shapeOfCell(cell: HeldCell, row: HeldRow, column: number): number {
    if (Object.getPrototypeOf(cell) !== Cell.prototype || !hasFields(cell, CELL_FIELDS) || cell._mergeCount !== 0 || cell._row !== row) return 0;
    const columnObject = this.columnObjects[column] ?? (this.columnObjects[column] = cell._column);
    const letters = this.letters[column] ?? (this.letters[column] = columnLetters(column - 1));
    if (cell._column !== columnObject || cell._address !== letters + row.number) return 0;
    const value = cell._value;
    const model = value.model;
    const type = model.type as number;
    if (typeof type !== "number" || Object.getPrototypeOf(model) !== Object.prototype || model.address !== cell._address) return 0;
    const layout = valueLayout(value, cell);
    if (layout === undefined) return 0;
    if (this.makers[type] === undefined) {
      this.makers[type] = valueMaker(Object.getPrototypeOf(value) as object, layout);
      this.withCell[type] = layout;
    }
    if (Object.getPrototypeOf(value) !== this.makers[type].prototype || this.withCell[type] !== layout) return 0;
    if (type === FormulaType && layout) {
      const parts = this.formulaPartsOf(model, cell, column);
      if (parts < 0) return MODEL_KEPT;
      this.foundParts = parts;
      return FORMULA;
    }
    if (layout || !PLAIN.has(type)) return MODEL_KEPT;
    if (type === NumberType ? typeof model.value !== "number" : type === Null && "value" in model) return MODEL_KEPT;
    const shape = shapeOf(model);
    if (shape < 0) return MODEL_KEPT;
    const fields = SHAPES[shape];
    if (fields.includes("style") && model.style !== cell._style) return MODEL_KEPT;
    const styleId = model.styleId;
    if (fields.includes("styleId") && styleId !== undefined && !(typeof styleId === "number" && Number.isInteger(styleId) && styleId >= 0 && styleId <= 0x7fffffff)) return MODEL_KEPT;
    return shape + 1;
  }

  /**
   * The place in `formulaParts` of a formula model's parts (made the first time they are met),
   * -1 where the model cannot be kept as parts: it has a text of its own, its address is not the
   * cell's, its style not the cell's, a field other than its result holds an object, or the store
   * has made FORMULA_PARTS.
   */
  private formulaPartsOf(model: Record<string, unknown>, cell: HeldCell, column: number): number {
    // A formula with a text of its own (a master, or one not filled down) keeps its model: parts
    // holding its text would be made for it alone, and be larger than the model.
    if (model.formula !== undefined) return -1;
    const last = this.lastFormulaParts[column];
    if (last !== undefined && this.fitsParts(this.formulaParts[last], model, cell)) return last;
    const fields: string[] = [];
    const values: unknown[] = [];
    let key = "";
    for (const field in model) {
      const value = model[field];
      fields.push(field);
      values.push(undefined);
      if (field === "address" || field === "result" || field === "style") {
        if ((field === "address" && value !== cell._address) || (field === "style" && value !== cell._style)) return -1;
        key += `\u0000${field}`;
        continue;
      }
      const spelled = partKey(value);
      if (spelled === undefined) return -1;
      values[values.length - 1] = value;
      key += `\u0000${field.length}:${field}=${spelled}`;
    }
    if (!fields.includes("address")) return -1;
    const result = resultKind(model.result);
    key += `\u0000${result}`;
    let parts = this.formulaPartsIndex.get(key);
    if (parts === undefined) {
      if (this.formulaParts.length >= FORMULA_PARTS) return -1;
      this.formulaPartsIndex.set(key, (parts = this.formulaParts.push({ fields, values, result }) - 1));
    }
    this.lastFormulaParts[column] = parts;
    return parts;
  }

  /** Whether `model` is made of `parts` with the cell's address and style. */
  private fitsParts(parts: FormulaParts, model: Record<string, unknown>, cell: HeldCell): boolean {
    const { fields, values } = parts;
    let f = 0;
    for (const field in model) {
      if (f === fields.length || field !== fields[f]) return false;
      const value = model[field];
      if (field === "address" ? value !== cell._address : field === "style" ? value !== cell._style : field !== "result" && !Object.is(value, values[f])) return false;
      f++;
    }
    return f === fields.length && parts.result === resultKind(model.result);
  }

  /**
   * The last row index and the rightmost column (1-based) any cell is in (-1 and 0 for none);
   * null where a cell is kept as it is (more than a value and a style: a note, a merge) or was
   * written since the sheet was parked.
   */
  plainExtent(): { bottom: number; right: number } | null {
    if (this.written.size > 0) return null;
    let right = 0;
    for (let slot = 0; slot < this.slot; slot++) {
      if (this.shapes[slot] === 0) return null;
      if (this.columns[slot] > right) right = this.columns[slot];
    }
    let bottom = this.starts.length - 2;
    while (bottom >= 0 && this.starts[bottom + 1] === this.starts[bottom]) bottom--;
    return { bottom, right };
  }

  /** Gives every row its cells back. */
  restore(): void {
    const rows = this.rows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row) row._cells = this.cellsAt(r);
    }
  }

  /**
   * The cells of the row at `index` of the sheet's rows (its number less one), made again as
   * `restore` makes them, without giving them to the row: for the writer, which reads a row's
   * cells and lets them go, and for the adapter's reads. A cell written since the sheet was
   * parked is the cell itself.
   */
  cellsAt(index: number): (HeldCell | undefined)[] {
    const cells: (HeldCell | undefined)[] = [];
    const row = this.rows[index];
    if (!row) return cells;
    const { starts, columns } = this;
    for (let slot = starts[index]; slot < starts[index + 1]; slot++) cells[columns[slot] - 1] = this.cellIn(slot, row);
    for (const [column, byRow] of this.written) {
      const cell = byRow[index];
      if (cell) cells[column - 1] = cell;
    }
    return cells;
  }

  /** The cell of the row at `index` in `column` (1-based), made again (or written since the sheet was parked); undefined where there is none. */
  cellAt(index: number, column: number): HeldCell | undefined {
    const written = this.written.get(column)?.[index];
    if (written) return written;
    const row = this.rows[index];
    if (!row) return undefined;
    for (let slot = this.starts[index]; slot < this.starts[index + 1]; slot++) if (this.columns[slot] === column) return this.cellIn(slot, row);
    return undefined;
  }

  /**
   * The cell of the row at `index` in `column` to write into, as the row's `getCell` gives it
   * (ExcelJS's own, lib/doc/row.js: the cell there, or a new one with the row's and column's
   * style): kept from then on in place of the parked one, until the store is compacted. Undefined
   * where the sheet has no row there (making one is left to ExcelJS, which unparks the sheet).
   */
  cellToWrite(index: number, column: number): HeldCell | undefined {
    const row = this.rows[index];
    if (!row || index >= this.starts.length - 1) return undefined;
    let byRow = this.written.get(column);
    const written = byRow?.[index];
    if (written) return written;
    const cells: (HeldCell | undefined)[] = [];
    const parked = this.cellAt(index, column);
    if (parked) cells[column - 1] = parked;
    row._cells = cells;
    let cell: HeldCell;
    try {
      cell = (row as unknown as { getCell(column: number): HeldCell }).getCell(column);
    } finally {
      row._cells = NO_CELLS;
    }
    if (!byRow) this.written.set(column, (byRow = []));
    byRow[index] = cell;
    return cell;
  }

  /** The cell in `slot`, of `row`, made again. */
  private cellIn(slot: number, row: HeldRow): HeldCell {
    const shape = this.shapes[slot];
    if (shape === 0) return this.objects[this.values[slot]] as HeldCell;
    const column = this.columns[slot];
    const type = this.types[slot];
    const style = this.styleObjects[this.styles[slot]];
    let model: Record<string, unknown>;
    let address: string;
    if (shape === MODEL_KEPT) {
      model = this.objects[this.values[slot]] as Record<string, unknown>;
      address = model.address as string;
    } else if (shape === FORMULA) {
      address = this.letters[column] + row.number;
      const { fields, values, result: kind } = this.formulaParts[this.styleIds[slot]];
      const result = kind === 0 ? this.values[slot] : kind === 1 ? undefined : this.objects[this.values[slot]];
      model = {};
      for (let f = 0; f < fields.length; f++) {
        const field = fields[f];
        model[field] = field === "address" ? address : field === "result" ? result : field === "style" ? style : values[f];
      }
    } else {
      address = this.letters[column] + row.number;
      const value = type === NumberType ? this.values[slot] : type === Null ? undefined : this.objects[this.values[slot]];
      const styleId = this.styleIds[slot] < 0 ? undefined : this.styleIds[slot];
      switch (shape - 1) {
        case 0:
          model = { address, value, type };
          break;
        case 1:
          model = { address, styleId, value, type, style };
          break;
        case 2:
          model = { address, type };
          break;
        case 3:
          model = { address, styleId, type, style };
          break;
        case 4:
          model = { address, type, style };
          break;
        case 5:
          model = { address, value, type, style };
          break;
        default:
          model = { address, type, value };
      }
    }
    const cell = new MadeCell(row, this.columnObjects[column], address, undefined, style);
    cell._value = new this.makers[type](cell, model);
    return cell;
  }
}

/** A parked sheet's store (replaced when it is compacted), and the accessor its `_rows` is read through while it is parked. */
interface Parked {
  cells: ParkedCells;
  readonly getter: () => unknown;
  rowsView?: ParkedRows;
}

const parkedSheets = new WeakMap<object, Parked>();

/** The parked sheet's entry; undefined for a sheet that is not parked. */
function parkedEntry(sheet: ExcelJS.Worksheet): Parked | undefined {
  const parked = parkedSheets.get(sheet);
  return parked !== undefined && Object.getOwnPropertyDescriptor(sheet, "_rows")?.get === parked.getter ? parked : undefined;
}

/** Whether a sheet's cells are parked. */
export function isParked(sheet: ExcelJS.Worksheet): boolean {
  return parkedEntry(sheet) !== undefined;
}

/** What may be read of, and written to, a parked sheet without unparking it (parkedRows). */
export interface ParkedRows {
  readonly rows: readonly unknown[];
  /** The cells of `row`, one of `rows`, by column number less one, made again (the writer's). */
  cellsOf(row: { number: number }): readonly unknown[];
  /** The cells of the row numbered `number` (1-based), by column number less one, made again; undefined where there is no row. */
  cellsOfRow(number: number): readonly ExcelJS.Cell[] | undefined;
  /** The cell at row `number` and `column` (1-based), made again; undefined where there is none. */
  cellOf(number: number, column: number): ExcelJS.Cell | undefined;
  /**
   * The cell at row `number` and `column` (1-based) to write into, as ExcelJS's `getRow(number).getCell(column)`
   * gives it: kept as it is from then on. Undefined where the sheet has no such row.
   */
  cellToWrite(number: number, column: number): ExcelJS.Cell | undefined;
}

/**
 * A parked sheet's rows, and its cells a row at a time (made again each time they are asked
 * for, never given to the rows): what the writer and the adapter's reads and table writes use
 * of a parked sheet, without unparking it. Undefined for a sheet that is not parked.
 */
export function parkedRows(sheet: ExcelJS.Worksheet): ParkedRows | undefined {
  const parked = parkedEntry(sheet);
  if (!parked) return undefined;
  return (parked.rowsView ??= rowsView(sheet, parked));
}

/**
 * A parked sheet's ParkedRows, made once a sheet: its methods read the store in use when they
 * are called, and refuse once the sheet is unparked (whoever kept them would read cells that are
 * no longer the sheet's, or write where the sheet no longer looks): ask parkedRows again for each use.
 */
function rowsView(sheet: ExcelJS.Worksheet, parked: Parked): ParkedRows {
  const current = () => {
    if (parkedEntry(sheet) !== parked) throw new Error(`Sheet '${sheet.name}' is no longer parked.`);
    return parked.cells;
  };
  return {
    get rows() {
      return current().rows;
    },
    cellsOf: (row) => {
      const cells = current();
      if (cells.rows[row.number - 1] !== row) throw new Error(`Row ${row.number} is not where a parked sheet keeps it.`);
      return cells.cellsAt(row.number - 1);
    },
    cellsOfRow: (number) => {
      const cells = current();
      return cells.rows[number - 1] ? (cells.cellsAt(number - 1) as unknown as ExcelJS.Cell[]) : undefined;
    },
    cellOf: (number, column) => current().cellAt(number - 1, column) as unknown as ExcelJS.Cell | undefined,
    cellToWrite: (number, column) => current().cellToWrite(number - 1, column) as unknown as ExcelJS.Cell | undefined,
  };
}

/** ParkedCells.plainExtent of a parked sheet; undefined for a sheet that is not parked. */
export function parkedPlainExtent(sheet: ExcelJS.Worksheet): { bottom: number; right: number } | null | undefined {
  return parkedEntry(sheet)?.cells.plainExtent();
}

/**
 * Lets go of a parked sheet's cells and rows without giving them back: the sheet then holds no
 * row (it is being cleared whole). Views of it kept from before refuse, as after an unpark.
 */
export function discardParked(sheet: ExcelJS.Worksheet): void {
  if (!parkedEntry(sheet)) return;
  parkedSheets.delete(sheet);
  Object.defineProperty(sheet, "_rows", { configurable: true, enumerable: true, writable: true, value: [] });
}

/**
 * Folds the cells written into a parked sheet since it was parked (ParkedRows.cellToWrite)
 * into its store, where they take a parked cell's room instead of an ExcelJS cell's. Nothing
 * for a sheet that is not parked or has had nothing written.
 */
export function compactParked(sheet: ExcelJS.Worksheet): void {
  const parked = parkedEntry(sheet);
  if (parked?.cells.hasWritten) parked.cells = parked.cells.compacted();
}

/** The number of cells a sheet holds, without making any (0 for a parked sheet), counted up to `limit` and no further. */
export function heldCells(sheet: ExcelJS.Worksheet, limit = Infinity): number {
  if (isParked(sheet)) return 0;
  let count = 0;
  for (const row of (sheet as unknown as HeldSheet)._rows) {
    if (!row) continue;
    for (const cell of row._cells) if (cell) count++;
    if (count > limit) break;
  }
  return count;
}

/**
 * Sets `sheet`'s cells aside (see the top of this file) until anything reads or sets its rows.
 * A sheet already parked stays as it is.
 */
export function parkCells(sheet: ExcelJS.Worksheet): void {
  if (isParked(sheet)) return;
  keepParked(sheet, ParkedCells.of((sheet as unknown as HeldSheet)._rows));
}

/** Makes `sheet`'s rows an accessor that gives every row its cells back from `cells` the first time anyone reads or sets them. */
function keepParked(sheet: ExcelJS.Worksheet, cells: ParkedCells): void {
  const held = sheet as unknown as HeldSheet;
  let restored = false;
  const unpark = (): (HeldRow | undefined)[] => {
    const { rows } = parked.cells;
    if (!restored) {
      restored = true;
      parked.cells.restore();
    }
    Object.defineProperty(sheet, "_rows", { configurable: true, enumerable: true, writable: true, value: rows });
    return rows;
  };
  const parked: Parked = { cells, getter: unpark };
  Object.defineProperty(sheet, "_rows", {
    configurable: true,
    enumerable: true,
    get: unpark,
    set(rows: (HeldRow | undefined)[]) {
      unpark();
      held._rows = rows;
    },
  });
  parkedSheets.set(sheet, parked);
}

// ------------------------------------------------------------------ parked as read

/** The parts of a worksheet's model, as ExcelJS reads it from a file, that its rows are made from. */
interface SheetRowModels {
  rows: ({ number: number; cells: unknown[] } | undefined)[];
  mergeCells?: unknown[] | null;
}

/** The number of cells from which a sheet read from a file is parked as its rows are made (withParkingAsRead); Infinity while none is. */
let parkFromCells = Infinity;

/**
 * Runs `read`, ExcelJS's read of a file, with each sheet of at least `fromCells` cells parked
 * as its rows are made: each row's cells are set aside as soon as the row is made from its model
 * (and the model let go), so that the sheet's cells are never all held as ExcelJS's objects at
 * once. `compactRow` is given each row's cells first (xlsxLoadedCells.ts). A sheet with merged
 * cells is not parked as read (ExcelJS merges them once all its rows are made, through its
 * rows). Reads in the same process meanwhile get the same, which changes nothing anyone can see
 * of the cells, only where they are kept.
 */
export async function withParkingAsRead<T>(fromCells: number, compactRow: (cells: readonly unknown[]) => void, read: () => Promise<T>): Promise<T> {
  const before = { parkFromCells, compactRow: compactParsedRow };
  parkFromCells = fromCells;
  compactParsedRow = compactRow;
  try {
    return await read();
  } finally {
    parkFromCells = before.parkFromCells;
    compactParsedRow = before.compactRow;
  }
}

let compactParsedRow: (cells: readonly unknown[]) => void = () => undefined;

/** The cells to make room for where a sheet is parked as read: -1 where it is not (too small, merged cells, rows out of order). */
function slotsToPark(model: SheetRowModels): number {
  if (!Number.isFinite(parkFromCells) || !Array.isArray(model.rows) || model.rows.length === 0) return -1;
  // No merged cells (ExcelJS reads none as null).
  const merges = model.mergeCells;
  if (merges !== undefined && merges !== null && !(Array.isArray(merges) && merges.length === 0)) return -1;
  let previous = 0;
  let slots = 0;
  for (const row of model.rows) {
    if (!row || !Number.isInteger(row.number) || row.number <= previous || !Array.isArray(row.cells)) return -1;
    previous = row.number;
    slots += row.cells.length + packedCells(row);
  }
  return slots >= parkFromCells ? slots : -1;
}

function installParkingAsRead(): void {
  type MakesRows = { _parseRows(this: ExcelJS.Worksheet, model: SheetRowModels): void };
  const proto = Worksheet.prototype as unknown as MakesRows;
  const parseRows = proto._parseRows as MakesRows["_parseRows"] & { parks?: true };
  if (parseRows.parks) return;
  // ExcelJS's own (lib/doc/worksheet.js `_parseRows`): a Row for each model, in the sheet's rows
  // at its number less one, and its model set, which makes its cells (lib/doc/row.js).
  // A row set aside as it was parsed (xlsxPackedRows.ts) is given its cells' models back first.
  const parkingParseRows = function (this: ExcelJS.Worksheet, model: SheetRowModels): void {
    const slots = slotsToPark(model);
    if (slots < 0) {
      if (Array.isArray(model.rows)) for (const row of model.rows) if (row) unpackRow(row);
      return parseRows.call(this, model);
    }
    const rows: (HeldRow | undefined)[] = [];
    (this as unknown as HeldSheet)._rows = rows;
    const models = model.rows;
    const cells = new ParkedCells(rows, slots, models[models.length - 1]!.number - 1);
    for (let i = 0; i < models.length; i++) {
      const rowModel = models[i]!;
      unpackRow(rowModel);
      const row = new Row(this, rowModel.number) as unknown as HeldRow & { model: unknown };
      rows[row.number - 1] = row;
      row.model = rowModel;
      // The cells hold what they need of it; nothing reads the sheet's row models after this.
      models[i] = undefined;
      compactParsedRow(row._cells);
      cells.park(row.number - 1, row, row._cells);
      row._cells = NO_CELLS;
    }
    cells.finish();
    keepParked(this, cells);
  };
  proto._parseRows = Object.assign(parkingParseRows, { parks: true as const });
}
installParkingAsRead();
