// The cells of a workbook read by ExcelJS 4.4, made smaller once it is read: they are held from
// the read to the write, some 300 bytes a cell of a 16-column vendor table. Node only. Nothing
// anyone can see of a cell changes, nor any byte of the file written.
//
// - Style. ExcelJS's Cell `model` setter (lib/doc/cell.js) gives every cell read without a style
//   an empty object of its own (56 bytes). Here they hold one frozen empty object instead, and
//   a cell's `style` is read through an accessor on Cell's prototype that hands out an empty
//   object of the cell's own, kept on the cell, the first time it is read: whoever reads a
//   cell's style gets what ExcelJS gives, an object of that cell's alone, and whatever they do
//   with it (write into it: Cell's numFmt, font, alignment, border, fill and protection setters,
//   which Row's setters (lib/doc/row.js `_applyStyle`) and a table's column styles (lib/doc/table.js
//   `store`, assignStyle) call; or share it: `merge` gives the merged cells their master's style,
//   Worksheet's spliceRows and duplicateRow a row's styles to the rows they copy it to,
//   lib/doc/worksheet.js) is done to that object, as it was. Cell's getters of those six read the
//   stored style without making one. Styled cells already share one object per style number
//   (StylesXform.getStyleModel, lib/xlsx/xform/style/styles-xform.js), and keep it: writing into
//   one changes every cell of that style, as in ExcelJS.
// - Address. A cell keeps its address twice: the Cell's (`_address`, which Row's `model` setter,
//   lib/doc/row.js, takes from colCache.decodeAddress, which builds the string again) and its
//   value's model's (the `r` attribute the cell was parsed from, lib/xlsx/xform/sheet/cell-xform.js
//   `parseOpen`): equal strings, 24 bytes each. The model gets the Cell's.
//
// A value's model could be made smaller too: it is the object CellXform parsed, grown a property
// at a time, which V8 keeps in a separate array (88 bytes for a number's three fields, where an
// object made with them takes 64). Made again here, after the read, the models are old objects
// by then: at 100,000 rows some 100 MB made and 140 MB let go at once, which left the heap held
// after a full collection 39 MB smaller but the command's peak memory about 80 MB larger (medians
// of interleaved runs). Made smaller as they are parsed, they would cost nothing of the kind.
import type ExcelJS from "exceljs";
import Cell from "exceljs/lib/doc/cell";

type Style = Partial<ExcelJS.Style>;

/** The style every cell read without one holds until its style is read (frozen: nothing writes into it). */
export const EMPTY_STYLE: Readonly<Style> = Object.freeze({});

/** ExcelJS's Cell as the accessor keeps it: its style under `_style`. */
interface StoredCell {
  _style?: Style;
  readonly _address: string;
  readonly _value: { model: Record<string, unknown> };
}

/** The Cell setters that write into the cell's style object (lib/doc/cell.js). */
const STYLE_PARTS = ["numFmt", "font", "alignment", "border", "fill", "protection"] as const;

function installStyleAccessor(): void {
  const proto = Cell.prototype as unknown as Record<string, unknown> & { destroy(this: StoredCell): void };
  if (Object.getOwnPropertyDescriptor(proto, "style")) return;
  Object.defineProperty(proto, "style", {
    configurable: true,
    get(this: StoredCell): Style | undefined {
      const style = this._style;
      return style === EMPTY_STYLE ? (this._style = {}) : style;
    },
    set(this: StoredCell, style: Style) {
      this._style = style;
    },
  });
  for (const part of STYLE_PARTS) {
    const { set } = Object.getOwnPropertyDescriptor(proto, part)!;
    Object.defineProperty(proto, part, {
      configurable: true,
      // As ExcelJS's `this.style[part]`, which throws once the cell is destroyed.
      get(this: StoredCell) {
        return (this._style as Record<string, unknown>)[part];
      },
      set,
    });
  }
  // Cell's destroy deletes its `style` (an accessor now, which delete leaves): the stored one goes.
  const destroy = proto.destroy;
  proto.destroy = function (this: StoredCell) {
    destroy.call(this);
    delete this._style;
  };
}
installStyleAccessor();

/**
 * A cell's style as it is stored, EMPTY_STYLE included, without making the cell an object of its
 * own: for the writer, which only reads it. A cell made before the accessor was installed keeps
 * its style as ExcelJS does.
 */
export function storedStyle(cell: object): Readonly<Style> | undefined {
  const stored = (cell as StoredCell)._style;
  return stored === undefined ? (cell as { style?: Style }).style : stored;
}

/** An object of the cell's alone, as ExcelJS made it, with nothing in it. */
function isOwnEmpty(style: unknown): boolean {
  if (typeof style !== "object" || style === null || style === EMPTY_STYLE || Object.getPrototypeOf(style) !== Object.prototype) return false;
  for (const _part in style) return false;
  return true;
}

/**
 * Makes the cells of a sheet just read smaller (see the top of this file). A cell's empty style
 * is shared only where ExcelJS gave the cell one of its own (its model names no style: a style
 * number's model, even an empty one, is already shared with every cell of that number).
 */
export function compactLoadedCells(sheet: ExcelJS.Worksheet): void {
  const rows = (sheet as unknown as { _rows: ({ _cells: (StoredCell | undefined)[] } | undefined)[] })._rows;
  for (const row of rows) {
    if (!row) continue;
    for (const cell of row._cells) {
      if (!cell) continue;
      const model = cell._value.model;
      if (model.style === undefined && isOwnEmpty(cell._style)) cell._style = EMPTY_STYLE;
      if (model.address === cell._address) model.address = cell._address;
    }
  }
}
