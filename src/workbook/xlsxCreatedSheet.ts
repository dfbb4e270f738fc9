// The cells of a sheet the command line creates (the finance summary above all: some 600,000
// cells at 10,000 vendors), kept as the models ExcelJS's sheet writer reads instead of as
// ExcelJS cells. An ExcelJS cell is a Cell object, a value object and its model, with the
// address as a string; here a cell is the model alone, with its address worked out when the
// writer asks for it. The sheet itself (name, position, views, column widths) stays an ExcelJS
// worksheet; only its cells live here, and they are handed to ExcelJS's own row and cell
// renderers when the file is written (xlsx.ts), so the sheet's XML, its shared strings and
// styles are those ExcelJS would have written for the same cells.
//
// Only what the add-in writes to a sheet it has just made is kept this way: values, formulas
// (a filled-down run as one shared formula) and formats. Anything else asked of such a sheet
// (reading it back, a table, a note, clearing) first moves its cells into ExcelJS (`replay`),
// and from then on the sheet is an ordinary ExcelJS sheet.
import ExcelJS from "exceljs";
import { columnLetters } from "./address";

type Style = Partial<ExcelJS.Style>;

/** The style of a cell nothing has formatted. Shared by all of them, so never changed in place. */
const NO_STYLE: Style = {};

/**
 * A cell as ExcelJS 4.4's Cell.model gives it (lib/doc/cell.js: the value classes' `model`,
 * plus `style`): the fields its CellXform (lib/xlsx/xform/sheet/cell-xform.js) prepares and renders.
 */
export class StoredCell {
  type: ExcelJS.ValueType = ExcelJS.ValueType.Null;
  value: string | number | boolean | undefined = undefined;
  formula: string | undefined = undefined;
  sharedFormula: string | undefined = undefined;
  result: unknown = undefined;
  shareType: string | undefined = undefined;
  ref: string | undefined = undefined;
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
    return columnLetters(this.col - 1) + this.row;
  }

  /**
   * Sets the value as ExcelJS's `cell.value = v` would (Value.getType and the value classes'
   * constructors): the style stays. Only the kinds of value the adapter writes are taken.
   */
  set(value: ExcelJS.CellValue): void {
    this.value = undefined;
    this.formula = this.sharedFormula = this.shareType = this.ref = undefined;
    this.result = undefined;
    if (value === null || value === undefined) {
      this.type = ExcelJS.ValueType.Null;
    } else if (typeof value === "string") {
      this.type = ExcelJS.ValueType.String;
      this.value = value;
    } else if (typeof value === "number") {
      this.type = ExcelJS.ValueType.Number;
      this.value = value;
    } else if (typeof value === "boolean") {
      this.type = ExcelJS.ValueType.Boolean;
      this.value = value;
    } else {
      const f = value as { formula?: string; sharedFormula?: string; result?: unknown; shareType?: string; ref?: string };
      this.type = ExcelJS.ValueType.Formula;
      this.formula = f.formula;
      this.sharedFormula = f.sharedFormula;
      this.result = f.result;
      this.shareType = f.shareType;
      this.ref = f.ref;
    }
  }

  /** The value as it was given to `set`, for ExcelJS's `cell.value`. */
  get written(): ExcelJS.CellValue {
    if (this.type === ExcelJS.ValueType.Null) return null;
    if (this.type !== ExcelJS.ValueType.Formula) return this.value as ExcelJS.CellValue;
    const f: Record<string, unknown> = { formula: this.formula, sharedFormula: this.sharedFormula, result: this.result, shareType: this.shareType, ref: this.ref };
    for (const key of Object.keys(f)) if (f[key] === undefined) delete f[key];
    return f as unknown as ExcelJS.CellValue;
  }
}

/** A row as ExcelJS 4.4's Row.model gives it (lib/doc/row.js) for a row of default height and style. */
interface RowModel {
  cells: StoredCell[];
  number: number;
  min: number;
  max: number;
  height: undefined;
  style: Style;
  hidden: false;
  outlineLevel: number;
  collapsed: false;
}

/** The Range ExcelJS keeps a sheet's dimensions in (lib/doc/range.js). */
interface Dimensions {
  expand(top: number, left: number, bottom: number, right: number): void;
}

export class CreatedSheet {
  /** rows[row - 1][col - 1], both 1-based as in ExcelJS; holes where nothing was written. */
  private readonly rows: StoredCell[][] = [];

  /** The cell at 1-based row and column, made on first use as ExcelJS's getRow().getCell() makes it. */
  cell(row: number, col: number): StoredCell {
    const cells = (this.rows[row - 1] ??= []);
    return (cells[col - 1] ??= new StoredCell(row, col));
  }

  /** The rows as ExcelJS's sheet writer reads a sheet model's `rows`, made as they are read, and the sheet's dimensions widened to them. */
  rowModels(dimensions: Dimensions): { readonly length: number; forEach(each: (row: RowModel, index: number) => void): void } {
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
    return {
      length,
      forEach: (each) => {
        let index = 0;
        this.rows.forEach((cells, r) => {
          const present = cells.filter(() => true);
          each({ cells: present, number: r + 1, min: present[0].col, max: present[present.length - 1].col, height: undefined, style: NO_STYLE, hidden: false, outlineLevel: 0, collapsed: false }, index++);
        });
      },
    };
  }

  /** Moves every cell into the ExcelJS worksheet `sheet`, as if they had been written there. */
  replay(sheet: ExcelJS.Worksheet): void {
    this.rows.forEach((cells, r) => {
      const row = sheet.getRow(r + 1);
      cells.forEach((stored, c) => {
        const cell = row.getCell(c + 1);
        if (stored.type !== ExcelJS.ValueType.Null) cell.value = stored.written;
        // A new ExcelJS cell has a style object of its own: the shared empty one must not be handed out.
        if (stored.style !== NO_STYLE) cell.style = stored.style;
      });
    });
    this.rows.length = 0;
  }
}
