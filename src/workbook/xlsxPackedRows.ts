// The rows of a large sheet set aside as ExcelJS 4.4 parses them, and reconciled a row at a time
// when the sheet's rows are made. Node only. Nothing anyone can see of a cell changes.
//
// ExcelJS reads a worksheet part into a model of every row and every cell (RowXform and
// CellXform, lib/xlsx/xform/sheet/), reconciles them all once every part is read (shared strings,
// styles, dates, shared formulas, links and notes: CellXform.reconcile needs the workbook's
// other parts), and only then makes the sheet's rows from them (Worksheet's `_parseRows`). A
// sheet's cells are thus all held as models at once: at 30,000 vendors, the finance summary of a
// workbook the command wrote, read again, was some 700 MB of them. Here, once a sheet has given
// `fromCells` cells (withPackingAsParsed), each further row's cell models are set aside in a few
// typed arrays as the row's element closes (the models in the forms CellXform's parsing leaves
// the usual cells in, xlsxLoadedCells.ts; any other model is kept as it is) and the row keeps
// none. Reconciling the sheet reconciles such a row without them, and keeps what reconciling a
// cell needs of the sheet's (its shared formulas' masters, its links and notes by address, the
// workbook's styles and shared strings). When the rows are made, each row's models are made
// again, in the same forms with the same values, and reconciled then, in the rows' order, as
// ExcelJS reconciles them (a shared formula's clones name the master met before them), just
// before the row is made from them (unpackRow, which xlsxParkedRows.ts's `_parseRows` calls).
import RowXform from "exceljs/lib/xlsx/xform/sheet/row-xform";
import enums from "exceljs/lib/doc/enums";
import { columnLetters } from "./address";
import { grown } from "./xlsxCreatedSheet";
import { fieldsIndex, reconcileCell, type ReconcileOptions } from "./xlsxLoadedCells";

const { Formula } = enums.ValueType;

// A packed cell's kind: the form its model is made again in.
/** The model itself, kept as it is (its place in `objects`). */
const KEPT = 0;
/** `{ address, value, type }`: an unstyled value. */
const PLAIN = 1;
/** `{ address, styleId, value, type, style: undefined }`: a styled value. */
const STYLED = 2;
/** `{ address, styleId, type }`: a styled cell of no value. */
const STYLED_EMPTY = 3;
/** A styled shared formula's clone with its result (xlsxLoadedCells.ts, readyToReconcile's literal). */
const CLONE = 4;
/** With a kind: its value (or result) is a number kept in `nums`, not a place in `objects`. */
const NUM = 0x80;

/** The fields of each kind's model, in order (KEPT's: none, as no model has none). */
const FORMS: readonly (readonly string[])[] = [
  [],
  ["address", "value", "type"],
  ["address", "styleId", "value", "type", "style"],
  ["address", "styleId", "type"],
  ["address", "styleId", "ref", "value", "type", "result", "style", "sharedFormula", "si", "shareType"],
];

/** The 1-based column of `address` when it is a column's letters followed by `digits`, else 0. */
function columnOf(address: unknown, digits: string): number {
  if (typeof address !== "string") return 0;
  let column = 0;
  let i = 0;
  while (i < address.length && i < 3) {
    const code = address.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
    i++;
  }
  return i > 0 && address.length === i + digits.length && address.endsWith(digits) ? column : 0;
}

/** A sheet's rows set aside as parsed: their cells, one after the other. */
class SheetPack {
  kinds = new Uint8Array(1024);
  columns = new Uint16Array(1024);
  types = new Uint8Array(1024);
  /** A number value or result (NUM), else its place in `objects`. */
  nums = new Float64Array(1024);
  styleIds = new Int32Array(1024);
  /** A clone's `si` and `shareType`, their places in `objects`. */
  sis = new Int32Array(1024);
  shareTypes = new Int32Array(1024);
  length = 0;
  readonly objects: unknown[] = [];
  /** Places in `objects` of the texts kept once (a clone's `si` and `shareType`). */
  private readonly texts = new Map<string, number>();
  /** What reconciling the sheet's cells needs, kept when its first packed row is reconciled. */
  options: ReconcileOptions | undefined;
  /** Column letters by 1-based column. */
  private readonly letters: string[] = [];

  private room(): void {
    if (this.length < this.kinds.length) return;
    const length = this.kinds.length * 2;
    this.kinds = grown(this.kinds, length);
    this.columns = grown(this.columns, length);
    this.types = grown(this.types, length);
    this.nums = grown(this.nums, length);
    this.styleIds = grown(this.styleIds, length);
    this.sis = grown(this.sis, length);
    this.shareTypes = grown(this.shareTypes, length);
  }

  private text(value: string): number {
    let place = this.texts.get(value);
    if (place === undefined) this.texts.set(value, (place = this.objects.push(value) - 1));
    return place;
  }

  /** Sets aside one cell model of the row whose number is spelled `digits`. */
  add(model: Record<string, unknown>, digits: string): void {
    this.room();
    const i = this.length++;
    const form = fieldsIndex(model, FORMS);
    const column = form < 0 ? 0 : columnOf(model.address, digits);
    const type = model.type;
    const styleId = model.styleId;
    // A style number the typed array gives back as it was (parseInt may give NaN or -0 for a damaged file's).
    const styleIdKept = form === PLAIN || (typeof styleId === "number" && Number.isInteger(styleId) && styleId >= -0x80000000 && styleId <= 0x7fffffff && !Object.is(styleId, -0));
    const kept =
      form < 0 ||
      column === 0 ||
      !styleIdKept ||
      typeof type !== "number" ||
      !Number.isInteger(type) ||
      type < 0 ||
      type > 255 ||
      (form === STYLED && model.style !== undefined) ||
      (form === CLONE &&
        (type !== Formula || model.ref !== undefined || model.value !== undefined || model.style !== undefined || model.sharedFormula !== undefined || typeof model.si !== "string" || typeof model.shareType !== "string" || this.texts.size >= MAX_TEXTS));
    if (kept) {
      this.kinds[i] = KEPT;
      this.nums[i] = this.objects.push(model) - 1;
      return;
    }
    const value = form === CLONE ? model.result : model.value;
    this.columns[i] = column;
    this.types[i] = type as number;
    if (form !== PLAIN) this.styleIds[i] = styleId as number;
    if (form === CLONE) {
      this.sis[i] = this.text(model.si as string);
      this.shareTypes[i] = this.text(model.shareType as string);
    }
    if (form === STYLED_EMPTY) this.kinds[i] = form;
    else if (typeof value === "number") {
      this.kinds[i] = form | NUM;
      this.nums[i] = value;
    } else {
      this.kinds[i] = form;
      this.nums[i] = this.objects.push(value) - 1;
    }
  }

  /** The model of cell `i`, made again as it was set aside, in row `digits`. */
  model(i: number, digits: string): Record<string, unknown> {
    const kind = this.kinds[i];
    const form = kind & ~NUM;
    if (form === KEPT) return this.objects[this.nums[i]] as Record<string, unknown>;
    const column = this.columns[i];
    const address = (this.letters[column] ??= columnLetters(column - 1)) + digits;
    const type = this.types[i];
    if (form === STYLED_EMPTY) return { address, styleId: this.styleIds[i], type };
    const value = kind & NUM ? this.nums[i] : this.objects[this.nums[i]];
    if (form === PLAIN) return { address, value, type };
    if (form === STYLED) return { address, styleId: this.styleIds[i], value, type, style: undefined };
    return {
      address,
      styleId: this.styleIds[i],
      ref: undefined,
      value: undefined,
      type,
      result: value,
      style: undefined,
      sharedFormula: undefined,
      si: this.objects[this.sis[i]],
      shareType: this.objects[this.shareTypes[i]],
    };
  }
}

/** How many distinct `si` and `shareType` texts a sheet's pack keeps once each; a clone with another is kept as its model. */
const MAX_TEXTS = 10_000;

/** A packed row: its pack, and where its cells are there. */
interface PackedRow {
  readonly pack: SheetPack;
  readonly start: number;
  readonly end: number;
}

/** Row models whose cells are set aside, by row model. */
const packedRows = new WeakMap<object, PackedRow>();

/** By RowXform (one for each worksheet part parsed), the cells it has parsed, and its pack once it packs. */
const parsing = new WeakMap<object, { cells: number; pack?: SheetPack }>();

/** The number of cells a sheet gives before its rows are packed as parsed; Infinity while none is. */
let packFromCells = Infinity;

/**
 * Runs `read`, ExcelJS's read of a file, with each sheet's rows past its first `fromCells` cells
 * packed as they are parsed (see the top of this file). Reads in the same process meanwhile get
 * the same, which changes nothing anyone can see of the cells.
 */
export async function withPackingAsParsed<T>(fromCells: number, read: () => Promise<T>): Promise<T> {
  const before = packFromCells;
  packFromCells = fromCells;
  try {
    return await read();
  } finally {
    packFromCells = before;
  }
}

interface RowModel {
  number: number;
  cells: (Record<string, unknown> | undefined)[];
}

/** Sets aside the cells of `row`, just parsed by `parser`, when its sheet has given enough. */
function packParsed(parser: object, row: RowModel): void {
  let state = parsing.get(parser);
  if (!state) parsing.set(parser, (state = { cells: 0 }));
  if (!state.pack) {
    state.cells += row.cells.length;
    if (state.cells <= packFromCells) return;
    state.pack = new SheetPack();
  }
  const { pack } = state;
  const digits = String(row.number);
  const start = pack.length;
  for (const model of row.cells) if (model) pack.add(model, digits);
  row.cells = [];
  packedRows.set(row, { pack, start, end: pack.length });
}

/** The number of cells set aside for `row` (a row model of a parsed sheet); 0 for a row not packed. */
export function packedCells(row: object): number {
  const packed = packedRows.get(row);
  return packed ? packed.end - packed.start : 0;
}

/**
 * Gives `row` (a row model of a parsed sheet) its cells' models back, reconciled as ExcelJS
 * reconciles them; nothing for a row not packed. Called on a sheet's rows in their order.
 */
export function unpackRow(row: object): void {
  const packed = packedRows.get(row);
  if (!packed) return;
  packedRows.delete(row);
  const { pack, start, end } = packed;
  const options = pack.options;
  if (!options) throw new Error("A row set aside as it was read was not reconciled.");
  const digits = String((row as RowModel).number);
  const cells: Record<string, unknown>[] = [];
  for (let i = start; i < end; i++) cells.push(reconcileCell(pack.model(i, digits), options));
  (row as RowModel).cells = cells;
}

function installPackingAsParsed(): void {
  type Parsing = { model: RowModel | undefined; parseClose(this: Parsing, name: string): boolean; reconcile(this: unknown, model: RowModel, options: ReconcileOptions): void };
  const proto = RowXform.prototype as unknown as Parsing;
  const parseClose = proto.parseClose as Parsing["parseClose"] & { packs?: true };
  if (parseClose.packs) return;
  // The row's element closes when no cell's parser is open (RowXform.parseClose answers false);
  // the list of rows then takes `this.model` (ListXform.parseClose, lib/xlsx/xform/list-xform.js).
  const packingParseClose = function (this: Parsing, name: string): boolean {
    const open = parseClose.call(this, name);
    if (!open && name === "row" && Number.isFinite(packFromCells) && this.model && Array.isArray(this.model.cells)) packParsed(this, this.model);
    return open;
  };
  proto.parseClose = Object.assign(packingParseClose, { packs: true as const });
  // Reconciling a packed row gives the row its style (it holds no cells), and keeps what its
  // cells' reconciling needs: the sheet's shared formulas' masters (filled as the rows are
  // reconciled, and by its packed rows' masters as they are made), its links and notes.
  const reconcile = proto.reconcile;
  proto.reconcile = function (this: unknown, model: RowModel, options: ReconcileOptions): void {
    reconcile.call(this, model, options);
    const packed = packedRows.get(model);
    if (packed && !packed.pack.options) {
      const { styles, sharedStrings, date1904, formulae, hyperlinkMap, commentsMap } = options;
      packed.pack.options = { styles, sharedStrings, date1904, formulae, hyperlinkMap, commentsMap };
    }
  };
}
installPackingAsParsed();
