// WorkbookPort: everything the actions (evaluate, checklist sheet, prepare for finance)
// need from a workbook, and nothing else. Three adapters implement it: Office.js
// (src/workbook/excel.ts), in-memory (src/workbook/memory.ts, preview mode and tests) and
// ExcelJS (.xlsx files for the command line).
//
// The shape is two-phase on purpose: one `read` gathers everything an action needs to
// decide, one `apply` carries every change the action makes. Over Office.js that is at
// most three round trips to read (what exists; the details; column formulas and values)
// and one to write, whatever the table's size, and one `apply` is one undo step where the
// platform can group it. Over
// ExcelJS and memory the same shape costs nothing extra. Changes are plain data, so a test
// can inspect what an action is about to write before any adapter sees it.
//
// Conventions every adapter keeps:
// - Rows and columns are 0-based; addresses are A1 strings without the sheet name
//   ("B3", "A1:D12"). Table rows are data rows: the header row is not counted.
// - A string written as a cell value is ALWAYS stored as text, never parsed: a vendor named
//   `=HYPERLINK("http://x","y")`, `+cmd` or `00123` stays exactly that text. Formulas are
//   only ever written through an explicit `{ formula }`.
// - `null` in a 2-D write leaves that cell as it is (Office.js semantics), so a block can
//   refresh generated cells around cells the user typed.

import type { CellValue } from "../model/types";

/** Where a workbook lives; lets the pane say "preview" and the CLI skip selection. */
export type WorkbookKind = "excel" | "memory" | "xlsx";

/** A table as listed for the "find the table" step. */
export interface TableInfo {
  readonly name: string;
  readonly sheet: string;
  /** Header texts, left to right, as shown in the header row. */
  readonly headers: readonly string[];
  /** Data rows (the header row is not counted). */
  readonly rowCount: number;
  /** Range of the whole table including its header row, e.g. "A1:R11". */
  readonly address: string;
}

/** A table read for evaluation or for the checklist of one row. */
export interface TableSnapshot extends TableInfo {
  /** Data rows' values (what Excel displays, before number formatting), when asked for. */
  readonly rows?: readonly (readonly CellValue[])[];
  /**
   * For each header asked for in `formulasOf` that exists in the table: the column's cells
   * as formulas (a string starting with "=") where the cell holds a formula, or the constant
   * value where it does not. This is how the evaluate action tells its own output column
   * (`=OFFSHORE.…`) from a user's column that happens to carry the same name.
   * For a very long column an adapter may return a summary instead of every cell: the
   * formula (or value) of the first cell, then a text entry (not a formula) when typed values
   * sit in the column, and one when formulas below a first cell without one were not read
   * (Office.js responses are size-limited; a calculated column has one formula anyway). A
   * summary reads as the user's column whenever typed values or unread formulas would make
   * it so; what it cannot show is a user's formula below the add-in's own first formula.
   */
  readonly columnFormulas: Readonly<Record<string, readonly CellValue[]>>;
  /**
   * When asked for: every note on a cell of the table (header row included), by address
   * ("C5"). Absent when the adapter cannot read and write notes (Excel before ExcelApi 1.18):
   * then no `setNote` may be sent for the table.
   */
  readonly notes?: readonly CellNote[];
}

/** A cell's note (Excel's "Note", once called a comment; not a threaded comment). */
export interface CellNote {
  /** e.g. "C5", on the table's sheet. */
  readonly address: string;
  readonly text: string;
}

/** A table's header row and one of its data rows, read without the other rows. */
export interface TableRowSnapshot extends TableInfo {
  /** The data row's values; null when the row index is outside the table's data rows. */
  readonly row: readonly CellValue[] | null;
}

/** The block of cells around the selection (Excel's "current region"), for a plain range. */
export interface RegionInfo {
  readonly sheet: string;
  /** e.g. "B2:H40", first row being the presumed header row. */
  readonly address: string;
  readonly headers: readonly string[];
  /** Rows below the header row. */
  readonly rowCount: number;
  /** Set when the region already belongs to a table: convert nothing, use that table. */
  readonly table?: string;
}

/** What the user has selected; `table` and `rowIndex` when it is inside a table's data. */
export interface SelectionInfo {
  readonly sheet: string;
  /** Active cell, e.g. "C7". */
  readonly address: string;
  readonly table?: string;
  /** 0-based data row of `table` holding the active cell. */
  readonly rowIndex?: number;
}

/** A workbook-level name, e.g. OffshoreAssumptions. */
export interface NamedRangeInfo {
  readonly sheet: string;
  /** e.g. "A2:B20". */
  readonly address: string;
}

/** A sheet's used range, read to refresh a generated sheet without losing what the user typed. */
export interface SheetSnapshot {
  readonly name: string;
  /** Top-left cell of `values`/`formulas` (usually "A1"); "" with empty arrays when the sheet is blank. */
  readonly origin: string;
  readonly values: readonly (readonly CellValue[])[];
  /** Same shape as `values`; formula text where the cell holds a formula, else the value. */
  readonly formulas: readonly (readonly CellValue[])[];
}

/** A sheet as `sheetTitles` reads it: its name as the workbook spells it, and the value of its cell A1 ("" when empty). */
export interface SheetTitle {
  readonly name: string;
  readonly title: CellValue;
}

/** Everything one action needs to read, gathered in a constant number of round trips. All parts optional. */
export interface ReadRequest {
  readonly table?: {
    readonly name: string;
    /** Read the data rows' values (default false: headers and size only). */
    readonly values?: boolean;
    /** Headers whose column formulas are wanted (absent headers are skipped silently). */
    readonly formulasOf?: readonly string[];
    /** Read the notes on the table's cells (see TableSnapshot.notes). */
    readonly notes?: boolean;
  };
  /** Workbook settings to read (JSON strings as stored by `setSetting`). */
  readonly settings?: readonly string[];
  /** Workbook-level names to look up. */
  readonly names?: readonly string[];
  /** Sheets to look up: absent sheets come back as null, present ones with their used range. */
  readonly sheets?: readonly string[];
  /**
   * Sheets to look up by their top-left cell alone (where the add-in writes a sheet's title):
   * absent sheets come back as null. Much lighter than `sheets` for a sheet the add-in only
   * needs to recognise, such as a finance summary of a hundred thousand rows.
   */
  readonly sheetTitles?: readonly string[];
  /**
   * Plain ranges to read (a vendor list the user keeps out of a table). Large ranges may
   * cost one round trip per chunk over Excel (responses are limited too). Optional for
   * adapters: one that does not fill `ranges` in its result cannot evaluate plain ranges.
   */
  readonly ranges?: readonly RangeRequest[];
}

export interface RangeRequest {
  readonly sheet: string;
  /** e.g. "B2:H40". */
  readonly address: string;
  /** Read the values (default true). */
  readonly values?: boolean;
  /** Read the formulas (default false). */
  readonly formulas?: boolean;
}

/** A plain range as read: arrays sized to the address; null when its sheet does not exist. */
export interface RangeSnapshot {
  readonly values?: readonly (readonly CellValue[])[];
  readonly formulas?: readonly (readonly CellValue[])[];
}

export interface ReadResult {
  /** null when the table asked for does not exist (any more). */
  readonly table: TableSnapshot | null;
  readonly settings: Readonly<Record<string, string | undefined>>;
  readonly names: Readonly<Record<string, NamedRangeInfo | undefined>>;
  readonly sheets: Readonly<Record<string, SheetSnapshot | null>>;
  /** One entry per name in `sheetTitles`. */
  readonly titles: Readonly<Record<string, SheetTitle | null>>;
  /** One entry per requested range, in order; absent when the adapter does not read plain ranges. */
  readonly ranges?: readonly (RangeSnapshot | null)[];
}

/**
 * One cell to write. A string is text (never a formula, never converted to a number or a
 * date); `{ formula }` is a formula, with the value it computes when the caller knows it
 * (the memory adapter shows it, the xlsx adapter stores it as the cached result, Excel
 * ignores it and calculates). `null` leaves the cell unchanged.
 */
export type CellWrite = string | number | boolean | null | FormulaWrite;

export interface FormulaWrite {
  readonly formula: string;
  readonly cachedValue?: CellValue;
  /**
   * Set on a formula written down a column: `formula` is `rowTemplate.parts.join(rowTemplate.row)`,
   * `row` a row number (digits only), and every row of the column shares one `parts` array, so
   * an adapter may work out what does not depend on the row once per column.
   */
  readonly rowTemplate?: { readonly parts: readonly string[]; readonly row: string };
  /**
   * Set on a formula that no formula above it in its column becomes when filled down to its
   * row, and that itself becomes none of the formulas below it (it differs from them by more
   * than the rows of its references): an adapter that stores a filled-down run as one shared
   * formula need not look for a run through this cell. An adapter that writes each formula
   * as it is (Excel's, the memory one) has nothing to do with it.
   */
  readonly alone?: boolean;
  /**
   * Set on a formula made of a few parts shared by many cells and a few numbers of the cell's
   * own: `formula` is `parts[0] + numbers[0] + parts[1] + ... + parts[n]` (each number as
   * String spells it, `parts` one longer than `numbers`), and cells of one kind share one
   * `parts` array. An adapter that keeps formulas until it writes them may keep these instead
   * of each cell's text.
   */
  readonly pieces?: { readonly parts: readonly string[]; readonly numbers: ArrayLike<number> };
}

/**
 * A block of cells worked out as they are read, instead of held: the finance summary's vendor
 * block is some 50 cells a vendor, which as objects would be held from its plan until the
 * whole block is written. `cell` gives the same write each time it is asked for a cell.
 */
export interface CellSource {
  readonly rows: number;
  readonly columns: number;
  cell(row: number, column: number): CellWrite;
  /**
   * Set for a column whose every cell is a formula of one row template (FormulaWrite.rowTemplate:
   * these `parts`, row r's number being `row(r)`, rising with r): a check of the block may then
   * judge the column by its first and last rows instead of asking for every cell.
   */
  template?(column: number): { readonly parts: readonly string[]; row(r: number): string } | undefined;
}

/** A block's cells: rows of them, or a source that works them out. */
export type CellBlock = readonly (readonly CellWrite[])[] | CellSource;

/** A block's rows, worked out from its source where it has one: for adapters that send or keep rows. */
export function blockRows(block: CellBlock): readonly (readonly CellWrite[])[] {
  if (!("cell" in block)) return block;
  return Array.from({ length: block.rows }, (_, r) => Array.from({ length: block.columns }, (_, c) => block.cell(r, c)));
}

/** A block's rows and width (its longest row), and its cells by row and column (undefined past a short row's end). */
export function blockShape(block: CellBlock): { rows: number; columns: number; cell: (row: number, column: number) => CellWrite | undefined } {
  if ("cell" in block) return { rows: block.rows, columns: block.columns, cell: (r, c) => block.cell(r, c) };
  let columns = 0;
  for (const row of block) columns = Math.max(columns, row.length);
  return { rows: block.length, columns, cell: (r, c) => block[r][c] };
}

/** Colours are "#RRGGBB". */
export interface CellFormat {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fill?: string;
  readonly fontColor?: string;
  readonly wrapText?: boolean;
  /** Excel number format code, e.g. "#,##0" or "yyyy-mm-dd". */
  readonly numberFormat?: string;
  /** Width of every column the range spans, in points. */
  readonly columnWidth?: number;
}

/**
 * A conditional format over a whole output column, declared as data so each adapter maps it
 * to its own API (Office.js conditionalFormats, ExcelJS addConditionalFormatting).
 */
export type ConditionalFormatRule =
  | {
      readonly kind: "cellValue";
      readonly operator: "between" | "greaterThan" | "greaterThanOrEqual" | "lessThan" | "lessThanOrEqual" | "equal";
      /** One bound, or two for "between" (inclusive). */
      readonly bounds: readonly [number] | readonly [number, number];
      readonly fill: string;
      readonly fontColor?: string;
    }
  | {
      readonly kind: "textContains";
      readonly text: string;
      readonly fill: string;
      readonly fontColor?: string;
    };

/**
 * A chart drawn from cells of the sheet it sits on, declared as data so each adapter maps it
 * to its own API (Office.js charts, DrawingML parts in an .xlsx file). The chart reads the
 * cells, so it follows them when they recalculate.
 */
export interface ChartSpec {
  readonly title: string;
  /**
   * "barStacked": horizontal bars, one per category, top to bottom in the order of the cells,
   * each series stacked on the previous (negative values stack leftwards from zero);
   * "xyScatter": one point per row; "line": one line per series over the categories, left to
   * right, with a marker at each point.
   */
  readonly type: "barStacked" | "xyScatter" | "line";
  /** Range on the chart's sheet: the category labels (bars, lines) or the x values (scatter), e.g. "A7:A18" or "BA6:BJ6". */
  readonly categories: string;
  /**
   * One per series: its legend text and its values (y values for a scatter), a range as long as
   * `categories`. `noFill`: the series is drawn without fill and left out of the legend, so the
   * next series of a stacked bar floats (a bar from a low to a high value).
   */
  readonly series: readonly { readonly name: string; readonly values: string; readonly noFill?: true }[];
  /** Axis titles, when the axes need saying (a scatter's x and y). */
  readonly xAxisTitle?: string;
  readonly yAxisTitle?: string;
}

/** Where a chart sits: its top-left cell and how many columns and rows it covers. */
export interface ChartAnchor {
  readonly cell: string;
  readonly columns: number;
  readonly rows: number;
}

/** Every change an action can make. Adapters apply them in order. */
export type WorkbookChange =
  /** Add the sheet unless it exists (never clears an existing sheet). */
  | { readonly kind: "ensureSheet"; readonly sheet: string; readonly activate?: boolean }
  /** Write a block of cells with its top-left at `address`. Large blocks are chunked by the adapter. */
  | {
      readonly kind: "writeRange";
      readonly sheet: string;
      readonly address: string;
      readonly cells: CellBlock;
    }
  /** Clear values and formats of a range the action owns (a generated area being rebuilt). */
  | { readonly kind: "clearRange"; readonly sheet: string; readonly address: string }
  | { readonly kind: "formatRange"; readonly sheet: string; readonly address: string; readonly format: CellFormat }
  /** New table from headers and rows at `address` (top-left) of `sheet`. */
  | {
      readonly kind: "createTable";
      readonly sheet: string;
      readonly address: string;
      readonly name: string;
      readonly headers: readonly string[];
      readonly rows: readonly (readonly CellWrite[])[];
    }
  /** Turn a plain range (first row = headers) into a table named `name`. */
  | { readonly kind: "convertRangeToTable"; readonly sheet: string; readonly address: string; readonly name: string }
  /**
   * Add the column `header` at the table's right edge, or refresh it in place if it exists,
   * as ONE calculated-column formula (structured references; new rows inherit it while the
   * user's AutoCorrect option "Fill formulas in tables to create calculated columns" is on,
   * and the next evaluation fills those that did not) or as
   * static `values` (one per data row). Previous conditional formats of the column are
   * replaced by `conditionalFormats`.
   */
  | {
      readonly kind: "setTableColumn";
      readonly table: string;
      readonly header: string;
      readonly formula?: string;
      /**
       * Computed values of `formula`, one per data row (see CellWrite's cachedValue). May be
       * worked out each time it is read (a getter, so that the change does not hold them until
       * the apply returns): an adapter reads it once.
       */
      readonly cachedValues?: readonly CellValue[];
      /** Static values instead of a formula, one per data row. */
      readonly values?: readonly CellValue[];
      readonly numberFormat?: string;
      readonly conditionalFormats?: readonly ConditionalFormatRule[];
      /**
       * Data rows of the table as the action read it. Excel takes a formula or format per
       * cell (full 2-D arrays), so the Excel adapter needs the column's length; without it
       * (and without `values` or `cachedValues` to count) it looks it up first.
       */
      readonly rowCount?: number;
    }
  /** Create or move a workbook-level name to `sheet!address`. */
  | { readonly kind: "setName"; readonly name: string; readonly sheet: string; readonly address: string; readonly comment?: string }
  /**
   * Put `text` as the note of the cell `address` (null takes the note away). `replaces` says
   * whether the cell has a note now, as the last read of its table's notes saw it.
   */
  | { readonly kind: "setNote"; readonly sheet: string; readonly address: string; readonly text: string | null; readonly replaces: boolean }
  /** Store a string (JSON for structured data) in the workbook; it travels with the file. */
  | { readonly kind: "setSetting"; readonly key: string; readonly value: string }
  /**
   * Draw the chart `name` on `sheet`, or redraw it if the sheet has a chart of that name
   * (names compare case-insensitively): refreshing replaces it, never adds a second one,
   * and other charts on the sheet are left as they are. Over Excel, a chart on a sheet that
   * existed before the apply costs one more round trip (the sheet's chart names are looked up).
   */
  | { readonly kind: "setChart"; readonly sheet: string; readonly name: string; readonly chart: ChartSpec; readonly anchor: ChartAnchor };

export interface ApplyOptions {
  /** Called after each round trip with the count of changes sent so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Thrown by `apply` when the workbook refused a change. Says what was certainly written
 * (earlier round trips) and what may be half-written (the round trip that failed).
 * `oneUndoStep`: one Undo takes back everything this apply wrote. Only Excel can say so, and
 * only where the apply ran as one merged undo group and added no sheet; files and the preview
 * have no Undo.
 */
export class WorkbookWriteError extends Error {
  constructor(
    message: string,
    readonly written: readonly WorkbookChange[],
    readonly uncertain: readonly WorkbookChange[],
    override readonly cause?: unknown,
    readonly oneUndoStep = false,
  ) {
    super(message);
    this.name = "WorkbookWriteError";
  }
}

export interface WorkbookPort {
  readonly kind: WorkbookKind;
  /** Every table in the workbook with its headers and size. */
  listTables(): Promise<TableInfo[]>;
  /**
   * At most three round trips over Excel, whatever the table's size (plain `ranges` add one
   * per chunk). What a read saw (sheets, tables, columns, names) lets the next `apply` write
   * without looking again, so read right before applying.
   */
  read(request: ReadRequest): Promise<ReadResult>;
  /**
   * Apply the changes in order, as one unit: one undo step where the platform can group it,
   * one round trip unless a large `writeRange` must be split in chunks.
   */
  apply(changes: readonly WorkbookChange[], options?: ApplyOptions): Promise<void>;
  /** The block around the active cell on the active sheet, or null on an empty sheet. */
  detectRegion(): Promise<RegionInfo | null>;
  /**
   * The header row and data row `rowIndex` of a table, null when the table does not exist:
   * what following the selection needs, at the same cost on a table of ten rows or 100,000.
   */
  readTableRow(table: string, rowIndex: number): Promise<TableRowSnapshot | null>;
  /** The active cell and, inside a table, which data row. null where there is no selection (files). */
  getSelection(): Promise<SelectionInfo | null>;
  /**
   * Call `listener` when the selection moves. Returns a function that stops listening.
   * `selection` is given where it costs nothing to know (memory); `undefined` means "it
   * moved, ask getSelection" (over Excel each lookup is a round trip, so a listener asks once
   * after a burst of moves). Selection events are unreliable on some platforms: callers keep
   * a refresh control.
   */
  onSelectionChanged(listener: (selection?: SelectionInfo | null) => void): Promise<() => Promise<void>>;
  /**
   * Select the cell `address` of `sheet` in the workbook's window, bringing its sheet to the
   * front, so the buyer lands on a cell the pane names ("Go to cell"). Resolves true when the
   * cell was selected, false where a workbook has no window to select in (a file on disk);
   * rejects when the sheet does not exist (any more).
   */
  selectCell(sheet: string, address: string): Promise<boolean>;
}

/** The setting key holding the column mapping and the add-in's own output columns. */
export const MAPPING_SETTING = "OffshoreSourcing.mapping";
/** The workbook name over the assumptions' name and value columns. */
export const ASSUMPTIONS_NAME = "OffshoreAssumptions";
export const ASSUMPTIONS_SHEET = "Offshore assumptions";
