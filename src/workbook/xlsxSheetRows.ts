// The rows of an ordinary ExcelJS worksheet (the user's own sheets: the vendor table, read from
// their file, with the add-in's result columns written into it) as the package writer prepares
// and renders them, without ExcelJS's model of every row of the sheet at once. ExcelJS 4.4's
// worksheet model (lib/doc/worksheet.js `get model()`) lists a row model, with a cell model per
// cell, for every row; its package writer then prepares every sheet's cells (style, shared
// string and shared formula numbers set on those models, lib/xlsx/xform/sheet/cell-xform.js
// `prepare`) before it renders the first sheet. The cell models are the cells' own value models
// (lib/doc/cell.js `get model()`), so the numbers stay on them for as long as the workbook lives,
// and the row models and their lists of cells stay until the sheet is written: on a 30,000-row
// vendor table 28 MB more held once the sheets are prepared (after a full collection) than here,
// where two numbers a cell (8 bytes) are kept until the sheet is written.
//
// Here the rows are prepared from the cells when ExcelJS prepares the sheet (`forEach`, which
// ExcelJS's ListXform.prepare calls), in the same order and with the writer's own tables, lists
// of hyperlinks, notes and merges: each row through ExcelJS's own RowXform.prepare, each cell
// through its CellXform.prepare on a copy of the cell's model (one copy used again and again),
// or, for a cell that preparation only numbers (a number, text, date, boolean, error or empty
// cell without a note), by the same calls to the style and shared string tables. What the
// preparation gave each cell is kept as two numbers. `render` writes each row from the cells and
// those numbers when the sheet is written: the XML is the one ExcelJS would have written.
import type ExcelJS from "exceljs";
import enums from "exceljs/lib/doc/enums";
import type { CellTables } from "./xlsxCreatedSheet";
import { renderCell, rowXml, styleAttribute, type CellModel } from "./xlsxRows";
import { EMPTY_STYLE, storedStyle } from "./xlsxLoadedCells";

const { Formula, Date: DateType, Number: NumberType, String: StringType, RichText, Null, Boolean: BooleanType, Error: ErrorType } = enums.ValueType;

/**
 * The kinds of value CellXform.prepare gives a style number and, for text, a shared string
 * number, and nothing else but a note's entry and, for a date, the 1904 flag (which `render`
 * sets): `forEach` prepares those cells itself.
 */
const PLAIN: boolean[] = [];
for (const type of [Null, NumberType, StringType, DateType, RichText, BooleanType, ErrorType]) PLAIN[type] = true;

/** A cell's model as ExcelJS's value classes keep it (lib/doc/cell.js): plain data. */
type ValueModel = Record<string, unknown> & { type: ExcelJS.ValueType; address: string; formula?: unknown; sharedFormula?: unknown };

/** The parts of ExcelJS 4.4's Cell (lib/doc/cell.js) its `model` getter reads. */
interface SheetCell {
  readonly col: number;
  readonly _value: { readonly model: ValueModel };
  readonly _comment?: { readonly model: unknown };
}

/** The parts of ExcelJS 4.4's Row (lib/doc/row.js) its `model` getter reads. */
interface SheetRow {
  readonly number: number;
  readonly height?: number;
  readonly style: unknown;
  readonly hidden: boolean;
  readonly outlineLevel: number;
  readonly collapsed: boolean;
  readonly _cells: readonly (SheetCell | undefined)[];
}

/** The Range ExcelJS keeps a sheet's dimensions in (lib/doc/range.js). */
interface Dimensions {
  expand(top: number, left: number, bottom: number, right: number): void;
}

/** What RowXform.prepare reads of a row's model and sets on it (lib/xlsx/xform/sheet/row-xform.js). */
interface PreparedRow {
  cells: { forEach(prepareCell: (cell: ValueModel) => void): void };
  style: unknown;
  styleId?: number;
}

/** Kept in the typed arrays where a prepared number is missing. */
const NONE = -1;

/** A number a preparation gave that an Int32Array slot holds as it is. */
function fits(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0x7fffffff;
}

/**
 * A cell's model as Cell's `model` getter gives it (its value's model with the cell's style and,
 * if it has one, its note's model), as a copy, into `model`, of what CellXform's preparation and
 * rendering read of it (lib/xlsx/xform/sheet/cell-xform.js `prepare`, `render`, `renderFormula`;
 * Merges.add, lib/xlsx/xform/sheet/merges.js): the getter writes the style onto the value's own
 * model, and the preparation its numbers. Every copy has the same fields (`blank`), so that the
 * preparation, which sets some of them, meets one kind of object instead of one per kind of
 * value; nor is a copy made by spreading the value's model (a value's model may have had
 * properties deleted, which makes a spread copy slow to make and to read).
 */
function copyInto(model: ValueModel, cell: SheetCell): ValueModel {
  const base = cell._value.model;
  model.address = base.address;
  model.type = base.type;
  model.value = base.value;
  model.style = ownStyle(cell);
  model.comment = cell._comment ? cell._comment.model : base.comment;
  model.text = base.text;
  model.hyperlink = base.hyperlink;
  model.tooltip = base.tooltip;
  model.master = base.master;
  model.formula = base.formula;
  model.sharedFormula = base.sharedFormula;
  model.shareType = base.shareType;
  model.ref = base.ref;
  model.range = base.range;
  model.result = base.result;
  model.styleId = base.styleId;
  model.ssId = base.ssId;
  model.si = base.si;
  model.date1904 = base.date1904;
  return model;
}

/**
 * The style ExcelJS's preparation is given for a cell: its stored style, read without making the
 * cell an object of its own (xlsxLoadedCells.ts), or for the shared empty style an empty object
 * of the cell's alone, as ExcelJS's cell has. StylesXform keeps the number it gave an object
 * first, whatever the type of a later cell (its weakMap): one object for cells of every type
 * would give them all the first cell's number (a date's format, or a number's General).
 */
function ownStyle(cell: SheetCell): unknown {
  const style = storedStyle(cell);
  return style === EMPTY_STYLE ? {} : style;
}

/** An object with `copyInto`'s fields. */
function blank(): ValueModel {
  return {
    address: "",
    type: enums.ValueType.Null,
    value: undefined,
    style: undefined,
    comment: undefined,
    text: undefined,
    hyperlink: undefined,
    tooltip: undefined,
    master: undefined,
    formula: undefined,
    sharedFormula: undefined,
    shareType: undefined,
    ref: undefined,
    range: undefined,
    result: undefined,
    styleId: undefined,
    ssId: undefined,
    si: undefined,
    date1904: undefined,
  };
}

/** What CellXform.render reads of a prepared cell (`cellModel`'s fields less those only the preparation reads). */
function renderedModel(base: ValueModel, styleId: unknown, ssId: unknown, si: unknown, date1904: unknown): CellModel {
  return {
    address: base.address,
    type: base.type,
    value: base.value,
    text: base.text,
    formula: base.formula,
    shareType: base.shareType as string | undefined,
    ref: base.ref as string | undefined,
    range: base.range as CellModel["range"],
    result: base.result,
    styleId: styleId as number | undefined,
    ssId: ssId as number | undefined,
    si: si as number | undefined,
    date1904: date1904 as boolean | undefined,
  } as CellModel;
}

/**
 * A sheet's rows in place of the list of row models in ExcelJS's model of the sheet. ExcelJS's
 * package writer reads only `length` and `forEach` (ListXform.prepare); the rows are rendered by
 * `render`, which the adapter calls in place of ExcelJS's sheetData renderer.
 */
export class SheetRows {
  /** The rows ExcelJS's model would list: those with a cell or a height (Row's `model` getter). */
  private readonly rows: SheetRow[] = [];
  /** By listed row: its first cell's place in the arrays by cell, and after the last row their length. */
  private readonly firstCell: Int32Array;
  /** By listed row: its first and last cells' columns (Row's `model` getter's min and max). */
  private readonly spans: Int32Array;
  /** By listed row: the style number RowXform.prepare gave it, if any. */
  private rowStyleIds: unknown[] = [];
  /** By cell, row by row, left to right: the style number CellXform.prepare gave it (NONE: none), */
  private cellStyleIds = new Int32Array(0);
  /** and its shared string number, or for a formula its shared formula number (NONE: none). */
  private numbers = new Int32Array(0);
  /**
   * Prepared models kept whole by cell, where the two numbers do not say all the preparation
   * gave: the formulas that clones name (whose share type, number and range a later clone's
   * preparation sets or widens, possibly rows below) and any cell with a number of another form.
   */
  private kept = new Map<number, ValueModel>();
  /** The addresses clones name as their shared formula's master (CellXform.prepare's options.formulae keys). */
  private readonly masters = new Set<unknown>();

  /**
   * The rows of `sheetRows` (ExcelJS's worksheet's rows, holes where none was made), and
   * `dimensions` widened to them as ExcelJS's sheet model does. `tables` are the writer's style
   * and shared string tables and whether the workbook's dates count from 1904 (the preparation's
   * options), which exist once its preparation has begun.
   */
  constructor(
    sheetRows: readonly (SheetRow | undefined)[],
    dimensions: Dimensions,
    private readonly tables: () => CellTables,
    /** A row's cells: its own, or, for a parked sheet's, made again for each pass (xlsxParkedRows.ts). */
    private readonly cellsOf: (row: SheetRow) => readonly (SheetCell | undefined)[] = (row) => row._cells,
  ) {
    const starts: number[] = [];
    const spans: number[] = [];
    let cells = 0;
    for (const row of sheetRows) {
      if (!row) continue;
      let min = 0;
      let max = 0;
      let count = 0;
      for (const cell of cellsOf(row)) {
        if (!cell) continue;
        count++;
        const col = cell.col;
        if (!min || min > col) min = col;
        if (max < col) max = col;
        const model = cell._value.model;
        if (model.type === Formula && !model.formula && model.sharedFormula) this.masters.add(model.sharedFormula);
      }
      if (!row.height && !count) continue;
      dimensions.expand(row.number, min, row.number, max);
      this.rows.push(row);
      spans.push(min, max);
      starts.push(cells);
      cells += count;
    }
    starts.push(cells);
    this.firstCell = Int32Array.from(starts);
    this.spans = Int32Array.from(spans);
  }

  get length(): number {
    return this.rows.length;
  }

  /** Row slots for `render`: one per listed row. */
  get slots(): number {
    return this.rows.length;
  }

  /**
   * Hands each row to `prepare` (ExcelJS's ListXform.prepare's callback: RowXform.prepare with
   * the writer's options), in order, and keeps what the preparation gave the row and each cell.
   * RowXform.prepare numbers the row's style, then hands each of `cells` to CellXform.prepare
   * through `cells.forEach`; here that hands it each cell's model in turn, and reads back the
   * numbers it was given. A cell's model is kept by the preparation only if it is a formula
   * with its text (options.formulae, where a clone's master is looked up): one that a clone
   * names, or that is a clone too, gets a model of its own, kept whole, since a later clone's
   * preparation may change it, rows below; any other cell is prepared in one model used again
   * and again, a formula without its text (read by nothing else there).
   */
  forEach(prepare: (row: unknown, index: number) => void): void {
    const cellCount = this.firstCell[this.rows.length];
    const styleIds = (this.cellStyleIds = new Int32Array(cellCount));
    const numbers = (this.numbers = new Int32Array(cellCount));
    const kept = (this.kept = new Map());
    this.rowStyleIds = new Array(this.rows.length);
    const masters = this.masters;
    const cellsOf = this.cellsOf;
    const scratch = blank();
    const emptyByType: object[] = [];
    const { styles, sharedStrings } = this.tables();
    const date1904 = !!this.tables().date1904;
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      let index = this.firstCell[r];
      const cells = {
        forEach(prepareCell: (cell: ValueModel) => void): void {
          for (const cell of cellsOf(row)) {
            if (!cell) continue;
            const base = cell._value.model;
            const type = base.type;
            if (type === Formula && base.formula && (base.sharedFormula || masters.has(base.address))) {
              const own = copyInto(blank(), cell);
              prepareCell(own);
              kept.set(index++, own);
              continue;
            }
            if (PLAIN[type] && base.styleId === undefined && base.ssId === undefined && base.comment === undefined && !cell._comment) {
              // CellXform.prepare of such a cell, with the writer's tables, without its model.
              // The shared empty style as one empty object per cell type (see ownStyle).
              const stored = storedStyle(cell);
              const style = stored === EMPTY_STYLE ? (emptyByType[type] ??= {}) : stored || {};
              const styleId = styles.addStyleModel(style, type);
              const ssId = type === StringType || type === RichText ? sharedStrings.add(base.value as string) : undefined;
              if (fits(styleId) && (ssId === undefined || fits(ssId))) {
                styleIds[index] = styleId || NONE;
                numbers[index] = ssId ?? NONE;
              } else kept.set(index, { ...copyInto(blank(), cell), styleId: styleId || undefined, ssId, date1904: date1904 && type === DateType ? true : base.date1904 });
              index++;
              continue;
            }
            const model = copyInto(scratch, cell);
            if (model.type === Formula) model.formula = undefined;
            prepareCell(model);
            const styleId = model.styleId;
            const number = model.type === Formula ? model.si : model.ssId;
            if ((styleId === undefined || fits(styleId)) && (number === undefined || fits(number))) {
              styleIds[index] = styleId === undefined ? NONE : styleId;
              numbers[index] = number === undefined ? NONE : number;
            } else kept.set(index, { ...copyInto(blank(), cell), styleId, ssId: model.ssId, si: model.si, date1904: model.date1904 });
            index++;
          }
        },
      };
      const model: PreparedRow = { cells, style: row.style };
      prepare(model, r);
      this.rowStyleIds[r] = model.styleId;
    }
  }

  /**
   * The XML of listed rows `from` to `to` (end excluded), a row at a time, as ExcelJS's
   * RowXform and CellXform write the prepared models (xlsxRows.ts rowXml, renderCell): each
   * cell's model made again as `forEach` made it, with what the preparation gave it, the date
   * flag CellXform.prepare sets on a date or formula of a 1904 workbook included. A number, or a
   * shared string, whose style number is the preparation's or none, is written as renderCell
   * writes it without its model being made.
   */
  render(write: (xml: string) => void, from = 0, to = this.rows.length): void {
    const styleIds = this.cellStyleIds;
    const numbers = this.numbers;
    const kept = this.kept;
    const cellsOf = this.cellsOf;
    const date1904 = !!this.tables().date1904;
    for (let r = from; r < to; r++) {
      const row = this.rows[r];
      let index = this.firstCell[r];
      let xml = "";
      for (const cell of cellsOf(row)) {
        if (!cell) continue;
        const whole = kept.size === 0 ? undefined : kept.get(index);
        const base = cell._value.model;
        const type = base.type;
        const styleId = styleIds[index];
        const number = numbers[index];
        index++;
        // The style number is the preparation's, or none (where it gave none and the model had none).
        const styled = styleId !== NONE || base.styleId === undefined;
        if (whole) xml += renderCell(whole as unknown as CellModel);
        else if (styled && type === NumberType && typeof base.value === "number") xml += `<c r="${base.address}"${styleId > 0 ? styleAttribute(styleId) : ""}><v>${base.value}</v></c>`;
        else if (styled && type === StringType && number !== NONE) xml += `<c r="${base.address}"${styleId > 0 ? styleAttribute(styleId) : ""} t="s"><v>${number}</v></c>`;
        else {
          const model = renderedModel(
            base,
            styleId === NONE ? base.styleId : styleId,
            type !== Formula && number !== NONE ? number : base.ssId,
            type === Formula && number !== NONE ? number : base.si,
            date1904 && (type === DateType || type === Formula) ? true : base.date1904,
          );
          xml += renderCell(model);
        }
      }
      write(rowXml({ number: row.number, min: this.spans[2 * r], max: this.spans[2 * r + 1], height: row.height, hidden: row.hidden, styleId: this.rowStyleIds[r] as number | undefined, outlineLevel: row.outlineLevel, collapsed: row.collapsed }, xml));
    }
  }
}
