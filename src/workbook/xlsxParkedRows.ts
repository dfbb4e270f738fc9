// The cells of a user's sheet set aside in a few typed arrays while the adapter writes the
// sheets it makes, and put back, as they were, the moment anything asks for them. Node only.
//
// The command line holds the buyer's workbook from the read to the write. Its largest sheet, the
// vendor table, is some 180 bytes a cell in ExcelJS 4.4's objects (a Cell, a value object, the
// value's model and an address string; xlsxLoadedCells.ts), and it is all there when the
// finance summary, tens of cells for each of its rows, is written: the command's peak. Parked,
// a plain cell is 20 bytes (its column, two kinds, a number, its style's place and its style
// number), and 4 more for the place of the text, date or error it holds, kept as it is.
//
// A parked sheet's `_rows` (lib/doc/worksheet.js keeps every row there, and reads cells only
// through it) is an accessor on the sheet: whoever reads or sets it, ExcelJS or the adapter,
// first gets every cell back. The rows themselves stay (each holds, meanwhile, a frozen empty
// list of cells, which nothing can add to unnoticed). A cell comes back an object of ExcelJS's
// Cell class with the fields the class gives it, in the same order and with the same values: the
// same row and column objects, its address, a value object of its own kind whose model has the
// fields it had, in order, with the same values (the same text, date and error objects, the same
// style object), the same style object on the cell. A cell that is not plain is kept as it is:
// one with a note, one in a merged range, a formula, a hyperlink, rich text, one whose model has
// a field a parked one cannot give back.
import type ExcelJS from "exceljs";
import Cell from "exceljs/lib/doc/cell";
import enums from "exceljs/lib/doc/enums";
import { columnLetters } from "./address";

const { Null, Number: NumberType, String: StringType, Date: DateType, Boolean: BooleanType, Error: ErrorType } = enums.ValueType;

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

/** The fields of the model shapeOf looks at, used again for each. */
const seen: string[] = [];

/** The index of the fields `model` has, in order, among SHAPES; -1 for any other. */
function shapeOf(model: Record<string, unknown>): number {
  let n = 0;
  for (const field in model) {
    if (n === 5) return -1;
    seen[n++] = field;
  }
  for (let shape = 0; shape < SHAPES.length; shape++) {
    const fields = SHAPES[shape];
    if (fields.length !== n) continue;
    let f = 0;
    while (f < n && fields[f] === seen[f]) f++;
    if (f === n) return shape;
  }
  return -1;
}

/** A sheet's cells while it is parked. */
class ParkedCells {
  /** Where each row's cells start among the slots (the last entry is the number of slots). */
  private readonly starts: Int32Array;
  private readonly columns: Uint16Array;
  /** SHAPES' index plus one; MODEL_KEPT for a cell whose model is kept, 0 for a cell kept as it is. */
  private readonly shapes: Uint8Array;
  private readonly types: Uint8Array;
  /** A number's value; for any other value, a kept model and a kept cell, its place in `objects`. */
  private readonly values: Float64Array;
  /** The place of the cell's style in `styleObjects`. */
  private readonly styles: Int32Array;
  /** The model's `styleId`: -1 where it is undefined. */
  private readonly styleIds: Int32Array;
  private readonly objects: unknown[] = [];
  private readonly styleObjects: unknown[] = [];
  /** By column number, the column object its cells share. */
  private readonly columnObjects: unknown[] = [];
  /** By column number, its letters. */
  private readonly letters: string[] = [];
  /** By value type, the maker of its value objects. */
  private readonly makers: ValueMaker[] = [];
  /** By value type, whether its value objects hold their cell (valueLayout). */
  private readonly withCell: boolean[] = [];

  constructor(readonly rows: (HeldRow | undefined)[]) {
    let slots = 0;
    for (const row of rows) if (row) for (const cell of row._cells) if (cell) slots++;
    this.starts = new Int32Array(rows.length + 1);
    this.columns = new Uint16Array(slots);
    this.shapes = new Uint8Array(slots);
    this.types = new Uint8Array(slots);
    this.values = new Float64Array(slots);
    this.styles = new Int32Array(slots);
    this.styleIds = new Int32Array(slots);
    const styleIndex = new Map<unknown, number>();
    let slot = 0;
    for (let r = 0; r < rows.length; r++) {
      this.starts[r] = slot;
      const row = rows[r];
      if (!row) continue;
      const cells = row._cells;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (!cell) continue;
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
          else {
            this.values[slot] = type === NumberType ? (model.value as number) : type === Null ? 0 : this.objects.push(model.value) - 1;
            this.styleIds[slot] = model.styleId === undefined ? -1 : (model.styleId as number);
          }
          const style = cell._style;
          let index = styleIndex.get(style);
          if (index === undefined) styleIndex.set(style, (index = this.styleObjects.push(style) - 1));
          this.styles[slot] = index;
        }
        slot++;
      }
      row._cells = NO_CELLS;
    }
    this.starts[rows.length] = slot;
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
   * cells and lets them go.
   */
  cellsAt(index: number): (HeldCell | undefined)[] {
    const { rows, starts, columns, shapes, types, values, styles, styleIds, objects, styleObjects, columnObjects, letters, makers } = this;
    const cells: (HeldCell | undefined)[] = [];
    const row = rows[index];
    if (!row) return cells;
    const number = row.number;
    for (let slot = starts[index]; slot < starts[index + 1]; slot++) {
      const column = columns[slot];
      const shape = shapes[slot];
      if (shape === 0) {
        cells[column - 1] = objects[values[slot]] as HeldCell;
        continue;
      }
      const type = types[slot];
      const style = styleObjects[styles[slot]];
      let model: Record<string, unknown>;
      let address: string;
      if (shape === MODEL_KEPT) {
        model = objects[values[slot]] as Record<string, unknown>;
        address = model.address as string;
      } else {
        address = letters[column] + number;
        const value = type === NumberType ? values[slot] : type === Null ? undefined : objects[values[slot]];
        const styleId = styleIds[slot] < 0 ? undefined : styleIds[slot];
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
      const cell = new MadeCell(row, columnObjects[column], address, undefined, style);
      cell._value = new makers[type](cell, model);
      cells[column - 1] = cell;
    }
    return cells;
  }
}

const parkedSheets = new WeakMap<object, { cells: ParkedCells; getter: () => unknown }>();

/** Whether a sheet's cells are parked. */
export function isParked(sheet: ExcelJS.Worksheet): boolean {
  const parked = parkedSheets.get(sheet);
  return parked !== undefined && Object.getOwnPropertyDescriptor(sheet, "_rows")?.get === parked.getter;
}

/**
 * A parked sheet's rows, and its cells a row at a time (made again each time they are asked
 * for, never given to the rows): what the writer reads of a parked sheet, without unparking it.
 * Undefined for a sheet that is not parked.
 */
export function parkedRows(sheet: ExcelJS.Worksheet): { rows: readonly unknown[]; cellsOf(row: { number: number }): readonly unknown[] } | undefined {
  if (!isParked(sheet)) return undefined;
  const { cells } = parkedSheets.get(sheet)!;
  return {
    rows: cells.rows,
    cellsOf: (row) => {
      if (cells.rows[row.number - 1] !== row) throw new Error(`Row ${row.number} is not where a parked sheet keeps it.`);
      return cells.cellsAt(row.number - 1);
    },
  };
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
  const held = sheet as unknown as HeldSheet;
  const parked = new ParkedCells(held._rows);
  let restored = false;
  const unpark = (): (HeldRow | undefined)[] => {
    if (!restored) {
      restored = true;
      parked.restore();
    }
    Object.defineProperty(sheet, "_rows", { configurable: true, enumerable: true, writable: true, value: parked.rows });
    return parked.rows;
  };
  Object.defineProperty(sheet, "_rows", {
    configurable: true,
    enumerable: true,
    get: unpark,
    set(rows: (HeldRow | undefined)[]) {
      unpark();
      held._rows = rows;
    },
  });
  parkedSheets.set(sheet, { cells: parked, getter: unpark });
}
