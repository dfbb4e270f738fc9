// The cells of a sheet the command line creates (the finance summary above all: some 600,000
// cells at 10,000 vendors), kept as the models ExcelJS's sheet writer reads instead of as
// ExcelJS cells. An ExcelJS cell is a Cell object, a value object and its model, with the
// address as a string; here a cell is the model alone, with its address worked out when it is
// needed. The sheet itself (name, position, views, column widths) stays an ExcelJS worksheet;
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
import { renderCell, valueType } from "./xlsxRows";

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
/** and a clone's with a number result, by shared formula number, then style number. */
const CLONE_OPENS: string[][] = [];

/** A cell's ` s="n"`, left out for style 0 (CellXform.render: `if (model.styleId)`). */
function styleText(style: number): string {
  return style ? ` s="${style}"` : "";
}

/** The style of a cell nothing has formatted. Shared by all of them, so never changed in place. */
const NO_STYLE: Style = {};

/**
 * What only a formula written with its text needs (ExcelJS's FormulaValue model's formula,
 * shareType and ref, and the range CellXform.prepare gives a master its clones name): kept off
 * the cell, as most formula cells are the clones of a fill-down, which name their master instead.
 */
interface FormulaText {
  readonly formula: string | undefined;
  shareType: string | undefined;
  readonly ref: string | undefined;
  range: Range | undefined;
}

/**
 * A cell as ExcelJS 4.4's Cell.model gives it (lib/doc/cell.js: the value classes' `model`,
 * plus `style`): the fields its CellXform (lib/xlsx/xform/sheet/cell-xform.js) prepares and
 * renders. A 100,000-row finance summary holds some 7 million of these until the file is
 * written, so a cell has as few fields as it can: a formula's result is kept where a value is,
 * and what only a formula's master needs is in an object of its own (FormulaText).
 */
export class StoredCell {
  type: ExcelJS.ValueType = enums.ValueType.Null;
  /** The value, or a formula's result (`result`). */
  value: unknown = undefined;
  sharedFormula: string | undefined = undefined;
  text: FormulaText | undefined = undefined;
  style: Style = NO_STYLE;
  // Set by ExcelJS's CellXform.prepare when the file is written (style, shared string and shared
  // formula numbers); declared here so that setting them does not give each cell a new shape.
  styleId: number | undefined = undefined;
  ssId: number | undefined = undefined;
  si: number | undefined = undefined;

  constructor(
    readonly row: number,
    readonly col: number,
  ) {}

  get address(): string {
    return (LETTERS[this.col] ??= columnLetters(this.col - 1)) + this.row;
  }

  get result(): unknown {
    return this.type === Formula ? this.value : undefined;
  }

  get formula(): string | undefined {
    return this.text?.formula;
  }

  get shareType(): string | undefined {
    return this.text?.shareType;
  }

  get ref(): string | undefined {
    return this.text?.ref;
  }

  /** The cells a formula is shared over when clones name it without it having been written as shared (CellXform.prepare). */
  get range(): Range | undefined {
    return this.text?.range;
  }

  /**
   * Sets the value as ExcelJS's `cell.value = v` would (Value.getType and the value classes'
   * constructors): the style stays. Only the kinds of value the adapter writes are taken.
   */
  set(value: ExcelJS.CellValue): void {
    this.sharedFormula = undefined;
    this.text = undefined;
    if (value === null || value === undefined) {
      this.type = enums.ValueType.Null;
      this.value = undefined;
    } else if (typeof value === "string") {
      this.type = enums.ValueType.String;
      this.value = value;
    } else if (typeof value === "number") {
      this.type = enums.ValueType.Number;
      this.value = value;
    } else if (typeof value === "boolean") {
      this.type = enums.ValueType.Boolean;
      this.value = value;
    } else {
      const f = value as { formula?: string; sharedFormula?: string; result?: unknown; shareType?: string; ref?: string };
      this.type = Formula;
      this.value = f.result;
      this.sharedFormula = f.sharedFormula;
      if (f.formula !== undefined || f.shareType !== undefined || f.ref !== undefined) this.text = { formula: f.formula, shareType: f.shareType, ref: f.ref, range: undefined };
    }
  }

  /** As `set({ sharedFormula: master, result })`, without that object: a clone of the formula at `master`. */
  setClone(master: string, result: unknown): void {
    this.type = Formula;
    this.value = result;
    this.sharedFormula = master;
    this.text = undefined;
  }

  /** The value as it was given to `set`, for ExcelJS's `cell.value`. */
  get written(): ExcelJS.CellValue {
    if (this.type === enums.ValueType.Null) return null;
    if (this.type !== Formula) return this.value as ExcelJS.CellValue;
    const f: Record<string, unknown> = { formula: this.formula, sharedFormula: this.sharedFormula, result: this.result, shareType: this.shareType, ref: this.ref };
    for (const key of Object.keys(f)) if (f[key] === undefined) delete f[key];
    return f as unknown as ExcelJS.CellValue;
  }
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

export class CreatedSheet {
  /** rows[row - 1][col - 1], both 1-based as in ExcelJS; holes where nothing was written. */
  private readonly rows: StoredCell[][] = [];

  /** The cell at 1-based row and column, made on first use as ExcelJS's getRow().getCell() makes it. */
  cell(row: number, col: number): StoredCell {
    const cells = (this.rows[row - 1] ??= []);
    return (cells[col - 1] ??= new StoredCell(row, col));
  }

  /** Whether the prepared cells' dates count from 1904 (CellXform.prepare sets date1904 on each formula's model). */
  private date1904 = false;
  /** The style number of the rows (RowXform.prepare), all of which have the default style. */
  private rowStyleId = 0;

  /** The rows for ExcelJS's model of the sheet, and the sheet's dimensions widened to them as ExcelJS's sheet model does. */
  rowList(dimensions: Dimensions, tables: () => CellTables): CreatedRows {
    let length = 0;
    this.rows.forEach((cells, r) => {
      length++;
      let min = 0;
      let max = 0;
      cells.forEach((_cell, c) => {
        if (!min) min = c + 1;
        max = c + 1;
      });
      dimensions.expand(r + 1, min, r + 1, max);
    });
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
    const masters = new Map<string, StoredCell | null>();
    const master = (address: string, clone: StoredCell): StoredCell | undefined => {
      let found = masters.get(address);
      if (found === undefined) {
        const match = ADDRESS.exec(address);
        let col = 0;
        if (match) for (const ch of match[1]) col = col * 26 + ch.charCodeAt(0) - 64;
        found = (match && this.rows[Number(match[2]) - 1]?.[col - 1]) || null;
        masters.set(address, found);
      }
      if (!found || found.type !== Formula || !found.formula) return undefined;
      // Only cells prepared before the clone are in ExcelJS's map: above it, or left of it in its row.
      return found.row < clone.row || (found.row === clone.row && found.col < clone.col) ? found : undefined;
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
    for (const cells of this.rows) {
      if (!cells) continue;
      this.rowStyleId = unformattedId(NumberType);
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (!cell) continue;
        let styleId: number;
        if (cell.style === NO_STYLE) styleId = unformattedId(cell.type === Formula ? valueType(cell.result) : cell.type);
        else if (cell.style === columnStyles[c]) styleId = columnStyleIds[c];
        else {
          styleId = styles.addStyleModel(cell.style, cell.type === Formula ? valueType(cell.result) : cell.type);
          columnStyles[c] = cell.style;
          columnStyleIds[c] = styleId;
        }
        cell.styleId = styleId || undefined;
        if (cell.type === StringType) {
          cell.ssId = sharedStrings.add(cell.value as string);
        } else if (cell.type === Formula) {
          cell.si = undefined;
          if (cell.shareType === "shared") cell.si = siFormulae++;
          if (!cell.formula && cell.sharedFormula) {
            const shared = master(cell.sharedFormula, cell);
            if (!shared) throw new Error(`Shared Formula master must exist above and or left of clone for cell ${cell.address}`);
            // A master has its text (`master` finds only formulas with one).
            const text = shared.text!;
            if (shared.si === undefined) {
              text.shareType = "shared";
              shared.si = siFormulae++;
              text.range = new Range(shared.address, cell.address);
            } else if (text.range) {
              text.range.expandToAddress(cell.address);
            }
            cell.si = shared.si;
          }
        }
      }
    }
  }

  /** Row slots, holes included. */
  get slots(): number {
    return this.rows.length;
  }

  /**
   * The XML of the rows in slots `from` to `to` (0-based, end excluded), a row at a time, as
   * ExcelJS's RowXform writes a row of default height and style (xlsxRows.ts). The cells most
   * of a made sheet holds (numbers, shared strings, clones of a filled-down formula with a
   * number result) are written from text built once per column, style and shared formula, so
   * that such a cell is four strings joined instead of some ten; every other cell is
   * renderCell's.
   */
  render(write: (xml: string) => void, from = 0, to = this.rows.length): void {
    const rowStyle = this.rowStyleId ? ` s="${this.rowStyleId}" customFormat="1"` : "";
    for (let r = from; r < to; r++) {
      const cells = this.rows[r];
      if (cells === undefined) continue;
      const row = String(r + 1);
      let min = 0;
      let max = 0;
      let xml = "";
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        // A hole: no cell was made there (forEach, which this stands for, skips holes too).
        if (cell === undefined) continue;
        if (!min) min = c + 1;
        max = c + 1;
        xml += this.renderStored(cell, c, row);
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
  private renderStored(cell: StoredCell, col: number, row: string): string {
    const value = cell.value;
    const style = cell.styleId ?? 0;
    if (typeof value === "number" && Number.isSafeInteger(style) && style >= 0) {
      if (cell.type === NumberType) return (CELL_STARTS[col] ??= `<c r="${columnLetters(col)}`) + row + (NUMBER_OPENS[style] ??= `"${styleText(style)}><v>`) + value + "</v></c>";
      const si = cell.si;
      if (cell.type === Formula && cell.text === undefined && typeof si === "number" && Number.isSafeInteger(si) && si >= 0) {
        const opens = (CLONE_OPENS[si] ??= []);
        return (CELL_STARTS[col] ??= `<c r="${columnLetters(col)}`) + row + (opens[style] ??= `"${styleText(style)}><f t="shared" si="${si}"/><v>`) + value + "</v></c>";
      }
    } else if (cell.type === StringType && typeof cell.ssId === "number" && Number.isSafeInteger(style) && style >= 0) {
      return (CELL_STARTS[col] ??= `<c r="${columnLetters(col)}`) + row + (STRING_OPENS[style] ??= `"${styleText(style)} t="s"><v>`) + cell.ssId + "</v></c>";
    }
    return renderCell(cell, this.date1904);
  }

  /** Moves every cell into the ExcelJS worksheet `sheet`, as if they had been written there. */
  replay(sheet: ExcelJS.Worksheet): void {
    this.rows.forEach((cells, r) => {
      const row = sheet.getRow(r + 1);
      cells.forEach((stored, c) => {
        const cell = row.getCell(c + 1);
        if (stored.type !== enums.ValueType.Null) cell.value = stored.written;
        // A new ExcelJS cell has a style object of its own: the shared empty one must not be handed out.
        if (stored.style !== NO_STYLE) cell.style = stored.style;
      });
    });
    this.rows.length = 0;
  }
}
