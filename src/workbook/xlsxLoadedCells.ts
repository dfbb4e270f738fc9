// The cells of a workbook read by ExcelJS 4.4, made smaller as it is read: they are held from
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
// - Formula. A shared formula's model loses fields to `delete` as the workbook is reconciled
//   (CellXform.reconcile: `si`, and a clone's `shareType`). V8 deletes an object's last field by
//   going back to the shape it had before, and turns it into a dictionary of some 800 bytes for
//   any other field. So each shared formula's model is made again as its cell is parsed, while it
//   is young, with the fields reconciling sets first (`style`, a clone's `sharedFormula`) held
//   undefined and the ones it deletes last (see readyToReconcile): reconciled, it has ExcelJS's
//   fields in ExcelJS's order and stays an ordinary object of some 60 bytes. A workbook written
//   by the command holds one in each of the finance summary's formula cells, most of its cells:
//   read again at 30,000 rows, they were some 2 GB of dictionaries at once; copied into ordinary
//   objects after reconciling, the dictionaries still made 1.2 GB of garbage, and the read's peak.
//   The model takes one kept string for each `si` and `shareType` text (the parser makes them
//   anew for every cell), and a styled clone with its result, the command's usual, is made in
//   one literal with all its fields in the object: the heap at the end of parsing a 30,000-row
//   output went from 772 MB to 698 MB.
// - Model. A value's model is the object CellXform parses it into, grown a field at a time,
//   which V8 keeps in an array of its own: 72 bytes for an integer's three fields, 48 made at
//   once. The model of an unstyled number, text, boolean or error cell is made again with the
//   same fields, in the same order, with the same values, as the cell is parsed (CellXform's
//   parseClose, while the adapter reads a file), while the parsed one is still young. A styled
//   one's (`address`, `styleId`, `value`, `type`) is made again with room for the style that
//   reconciling gives it as a fifth field, held undefined until then (a 30,000-row table's
//   command: 687 MB to 650 MB at its peak). Made again after the read instead, the models are
//   old objects by then: at 100,000 rows some 100 MB made and 140 MB let go at once, which left
//   the heap held after a full collection as small but the command's peak memory about 80 MB larger.
import type ExcelJS from "exceljs";
import Cell from "exceljs/lib/doc/cell";
import CellXform from "exceljs/lib/xlsx/xform/sheet/cell-xform";
import RowXform from "exceljs/lib/xlsx/xform/sheet/row-xform";

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
  for (const row of rows) if (row) compactLoadedRow(row._cells);
}

/** Makes the cells of one row just read smaller, as compactLoadedCells does a sheet's. */
export function compactLoadedRow(cells: readonly unknown[]): void {
  for (const cell of cells as readonly (StoredCell | undefined)[]) {
    if (!cell) continue;
    const model = cell._value.model;
    if (model.style === undefined && isOwnEmpty(cell._style)) cell._style = EMPTY_STYLE;
    if (model.address === cell._address) model.address = cell._address;
  }
}

/** The fields of the model fieldsIndex looks at, used again for each. */
const looked: string[] = [];

/** The index among `lists` of the list of fields `model` has, in order; -1 for none. */
export function fieldsIndex(model: object, lists: readonly (readonly string[])[]): number {
  let longest = 0;
  for (const list of lists) if (list.length > longest) longest = list.length;
  let n = 0;
  for (const field in model) {
    if (n === longest) return -1;
    looked[n++] = field;
  }
  for (let index = 0; index < lists.length; index++) {
    const fields = lists[index];
    if (fields.length !== n) continue;
    let f = 0;
    while (f < n && fields[f] === looked[f]) f++;
    if (f === n) return index;
  }
  return -1;
}

/** Reads under way whose cells' models are made in one object as they are parsed. */
let reading = 0;

/**
 * Runs ExcelJS's read of a file (`read`) with each plain value's model made in one object as its
 * cell is parsed (see the top of this file). Other reads in the same process meanwhile get the
 * same, which nothing can tell from ExcelJS's own.
 */
export async function withCompactModels<T>(read: () => Promise<T>): Promise<T> {
  reading++;
  try {
    return await read();
  } finally {
    reading--;
    if (reading === 0) sharedTexts.clear();
  }
}

const fields: string[] = [];
/**
 * `model` with the fields CellXform's parsing gives an unstyled number, text, boolean or error
 * cell (`address`, `value`, `type`, in that order), made again in one object; undefined for any
 * other model.
 */
function inOneObject(model: Record<string, unknown>): Record<string, unknown> | undefined {
  let n = 0;
  for (const field in model) {
    if (n === 4) return undefined;
    fields[n++] = field;
  }
  if (n === 3 && fields[0] === "address" && fields[1] === "value" && fields[2] === "type") return { address: model.address, value: model.value, type: model.type };
  // A styled one's (`styleId` second) gets its style as a fifth field when reconciled: made with
  // room for it, held undefined until then, reconciling neither grows nor copies it.
  if (n === 4 && fields[0] === "address" && fields[1] === "styleId" && fields[2] === "value" && fields[3] === "type" && model.styleId)
    return { address: model.address, styleId: model.styleId, value: model.value, type: model.type, style: undefined };
  return undefined;
}

/**
 * A shared formula's model made again with the fields CellXform.reconcile deletes last, in the
 * order it deletes them (a clone's `shareType`, then `si`), after the fields it sets first (`style`
 * when the cell has a style number, a clone's `sharedFormula`), held undefined until then. V8
 * deletes an object's last field by going back to the shape it had before that field was added,
 * which keeps the object ordinary; deleting any other field makes it a dictionary. Once
 * reconciled, the model has ExcelJS's fields in ExcelJS's order.
 */
function readyToReconcile(model: Record<string, unknown>): Record<string, unknown> {
  const clone = !model.ref;
  // The parser makes each cell's `si` and `shareType` strings anew: one of each value is kept.
  const si = sharedText(model.si);
  const shareType = sharedText(model.shareType);
  // A styled clone with its cached result, as the command writes a shared formula down a column
  // (fields as CellXform parses them: address, styleId, si, shareType, ref, value, type, result):
  // made in one literal, every field in the object itself.
  if (clone && model.styleId && isCloneWithResult(model)) {
    return { address: model.address, styleId: model.styleId, ref: model.ref, value: model.value, type: model.type, result: model.result, style: undefined, sharedFormula: undefined, si, shareType };
  }
  const made: Record<string, unknown> = {};
  for (const field in model) if (field !== "si" && !(clone && field === "shareType")) made[field] = model[field];
  if (model.styleId) made.style = undefined;
  if (clone) made.sharedFormula = undefined;
  made.si = si;
  if (clone) made.shareType = shareType;
  return made;
}

const CLONE_FIELDS = ["address", "styleId", "si", "shareType", "ref", "value", "type", "result"];

function isCloneWithResult(model: Record<string, unknown>): boolean {
  let n = 0;
  for (const field in model) if (n >= CLONE_FIELDS.length || field !== CLONE_FIELDS[n++]) return false;
  return n === CLONE_FIELDS.length;
}

/** The texts of shared formulas' `si` and `shareType` seen in the reads under way, each kept once. */
const sharedTexts = new Map<string, string>();

/** How many texts sharedTexts keeps at most: a workbook's shared formulas number a few hundred; a crafted file's may not. */
const SHARED_TEXTS = 10_000;

function sharedText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const kept = sharedTexts.get(value);
  if (kept !== undefined) return kept;
  if (sharedTexts.size < SHARED_TEXTS) sharedTexts.set(value, value);
  return value;
}

/** `model` without its `style` field, fields in the same order. */
function withoutStyle(model: Record<string, unknown>): Record<string, unknown> {
  const made: Record<string, unknown> = {};
  for (const field in model) if (field !== "style") made[field] = model[field];
  return made;
}

/** What CellXform.reconcile reads of its options (the sheet's, set by WorksheetXform.reconcile, and the workbook's). */
export interface ReconcileOptions {
  styles?: unknown;
  sharedStrings?: unknown;
  date1904?: boolean;
  formulae: Record<string, string>;
  hyperlinkMap: Record<string, string>;
  commentsMap?: Record<string, unknown>;
}

const cellReconciler = new CellXform() as unknown as { reconcile(model: Record<string, unknown>, options: ReconcileOptions): void };

/**
 * A cell model reconciled as RowXform.reconcile reconciles each of its row's (CellXform.reconcile,
 * then, during a read, the fix-up of a style number the styles part lacks, as installFastFormulaModels
 * does): the model itself, or the one made in its place.
 */
export function reconcileCell(model: Record<string, unknown>, options: ReconcileOptions): Record<string, unknown> {
  cellReconciler.reconcile(model, options);
  return reading > 0 && model.style === undefined && "style" in model ? withoutStyle(model) : model;
}

/**
 * V8 keeps a substring of 13 characters or more as a slice of the text it was cut from (a
 * SlicedString), and a text joined from pieces as the pieces (a ConsString). The parser cuts a
 * cell's formula, its cached result and its text from the part's whole XML, as one text (the part
 * inflated whole, zipInflate.ts), and joins a formula's pieces where the XML escapes a character:
 * one such text kept by a cell keeps the whole part, a workbook the command wrote, read again,
 * some 190 MB of XML at 30,000 vendors. A text that long is made again here as a text of its own.
 */
const SLICED_FROM = 13;

function ownText(text: string): string {
  // Joined, then cut: V8 makes the joined text one text of its own (flattens it) before cutting it.
  return (" " + text).slice(1);
}

/** The cell model's texts that may be cut from the part's XML, each made a text of its own (see ownText). */
function ownTexts(model: Record<string, unknown>): void {
  for (const field of OWN_TEXT_FIELDS) {
    const value = model[field];
    if (typeof value === "string" && value.length >= SLICED_FROM) model[field] = ownText(value);
  }
}
const OWN_TEXT_FIELDS = ["formula", "result", "value", "ref"] as const;

function installCompactParsing(): void {
  type Parsing = { model: Record<string, unknown> };
  const proto = CellXform.prototype as unknown as { parseClose(this: Parsing, name: string): boolean };
  const parseClose = proto.parseClose as typeof proto.parseClose & { compact?: true };
  if (parseClose.compact) return;
  // A cell's parsed fields are all there at the end of its element (`c`), and the row's parser
  // then takes `this.model` into its list of cells (RowXform.parseClose,
  // lib/xlsx/xform/sheet/row-xform.js); reconciling the workbook later sets shared strings,
  // dates, styles, links and notes on whichever object that is.
  const compactParseClose = function (this: Parsing, name: string): boolean {
    const open = parseClose.call(this, name);
    if (reading > 0 && name === "c") {
      const model = this.model;
      ownTexts(model);
      const made = model.shareType === "shared" ? readyToReconcile(model) : inOneObject(model);
      if (made) this.model = made;
    }
    return open;
  };
  proto.parseClose = Object.assign(compactParseClose, { compact: true as const });
}
installCompactParsing();

function installFastFormulaModels(): void {
  type Reconciling = { reconcile(this: unknown, model: { cells: (Record<string, unknown> | undefined)[] }, options: unknown): void };
  const proto = RowXform.prototype as unknown as Reconciling;
  const reconcile = proto.reconcile as Reconciling["reconcile"] & { fast?: true };
  if (reconcile.fast) return;
  const fastReconcile = function (this: unknown, model: { cells: (Record<string, unknown> | undefined)[] }, options: unknown): void {
    reconcile.call(this, model, options);
    if (reading === 0) return;
    // A style number the styles part does not have (a damaged file) gives no style: the field made
    // for it goes, as ExcelJS never adds it.
    const cells = model.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell && cell.style === undefined && "style" in cell) cells[i] = withoutStyle(cell);
    }
  };
  proto.reconcile = Object.assign(fastReconcile, { fast: true as const });
}
installFastFormulaModels();
