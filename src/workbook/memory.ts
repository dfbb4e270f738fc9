// An in-memory workbook: sheets of cells (value, formula, format), tables, workbook names,
// settings and a selection. It backs the pane's preview mode (outside Office) and the
// integration tests, and follows Excel's behaviour where the actions depend on it: table
// names are case-insensitive, a calculated column fills every data row, a column added at a
// table's right edge pushes the cells beside the table to the right.
//
// It cannot run Excel formulas. A formula cell shows, in order of preference: the value
// the writer computed (`cachedValue`, or `cachedValues` of a calculated column: the evaluate
// action computes them with the model), else what the optional `calculate` hook returns,
// else null. The pane's preview therefore shows real numbers, computed by the same model
// the OFFSHORE functions call.

import type { CellValue } from "../model/types";
import { cellAddress, parseCell, parseRange, rangeAddress, type RangeRef } from "./address";
import {
  WorkbookWriteError,
  blockRows,
  type ApplyOptions,
  type ChartAnchor,
  type ChartSpec,
  type CellFormat,
  type CellWrite,
  type ConditionalFormatRule,
  type NamedRangeInfo,
  type RangeSnapshot,
  type ReadRequest,
  type ReadResult,
  type RegionInfo,
  type SelectionInfo,
  type SheetSnapshot,
  type SheetTitle,
  type TableInfo,
  type TableRowSnapshot,
  type TableSnapshot,
  type WorkbookChange,
  type WorkbookPort,
} from "./port";
import { assertWithinExcelLimits } from "./limits";

export interface MemoryCell {
  value: CellValue;
  formula?: string;
  format?: CellFormat;
}

interface MemorySheet {
  readonly name: string;
  /** Rows of sparse columns: rows.get(row)?.get(column). */
  readonly rows: Map<number, Map<number, MemoryCell>>;
}

/** A chart as drawn: the description it was given and where it sits. */
export interface MemoryChart {
  readonly name: string;
  readonly chart: ChartSpec;
  readonly anchor: ChartAnchor;
}

interface MemoryTableColumn {
  name: string;
  /** The calculated column's formula, when it has one. */
  formula?: string;
  numberFormat?: string;
  conditionalFormats: ConditionalFormatRule[];
}

interface MemoryTable {
  name: string;
  sheet: string;
  top: number;
  left: number;
  rowCount: number;
  columns: MemoryTableColumn[];
}

/** Computes a formula the writer gave no value for; `undefined` leaves the cell empty. */
export type FormulaCalculator = (formula: string, where: { sheet: string; row: number; column: number }) => CellValue;

export interface MemoryWorkbookOptions {
  readonly calculate?: FormulaCalculator;
}

const key = (name: string) => name.toLowerCase();

export class MemoryWorkbook implements WorkbookPort {
  readonly kind = "memory" as const;
  private readonly sheets = new Map<string, MemorySheet>();
  private readonly tables = new Map<string, MemoryTable>();
  private readonly names = new Map<string, { name: string } & NamedRangeInfo & { comment?: string }>();
  private readonly settings = new Map<string, string>();
  /** Charts per sheet (lower-case sheet name, then lower-case chart name), in the order drawn. */
  private readonly charts = new Map<string, Map<string, MemoryChart>>();
  private readonly listeners = new Set<(selection: SelectionInfo | null) => void>();
  private selection: { sheet: string; row: number; column: number } | null = null;
  private activeSheet: string | null = null;
  /** Count of `apply` calls, so tests can see that an action wrote as one unit. */
  applyCount = 0;

  constructor(private readonly options: MemoryWorkbookOptions = {}) {}

  // ---- Test and preview helpers (not part of the port) ----

  /** Add a sheet (if missing) and make it active. */
  addSheet(name: string): this {
    this.sheetOrCreate(name);
    this.activeSheet ??= name;
    return this;
  }

  /** Type into cells as a user would: strings starting with "=" become formulas. */
  setCells(sheet: string, address: string, values: readonly (readonly CellValue[])[]): this {
    const target = this.sheetOrCreate(sheet);
    const start = parseCell(address);
    values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (typeof value === "string" && value.startsWith("=")) this.put(target, start.row + r, start.column + c, { value: null, formula: value });
        else this.put(target, start.row + r, start.column + c, { value });
      }),
    );
    return this;
  }

  /** Move the selection, as a click would; listeners hear it. */
  select(sheet: string, address: string): this {
    const cell = parseCell(address);
    this.selection = { sheet, row: cell.row, column: cell.column };
    this.activeSheet = sheet;
    const info = this.selectionInfo();
    for (const listener of this.listeners) listener(info);
    return this;
  }

  /** The cell as stored (undefined when never written). */
  cell(sheet: string, address: string): MemoryCell | undefined {
    const { row, column } = parseCell(address);
    return this.sheets.get(key(sheet))?.rows.get(row)?.get(column);
  }

  /** The charts on a sheet, in the order they were first drawn. */
  chartsOn(sheet: string): MemoryChart[] {
    return [...(this.charts.get(key(sheet))?.values() ?? [])];
  }

  sheetNames(): string[] {
    return [...this.sheets.values()].map((s) => s.name);
  }

  /** Every non-empty cell as "Sheet!A1" -> value/formula, for before/after comparisons. */
  snapshot(): Map<string, { value: CellValue; formula?: string }> {
    const out = new Map<string, { value: CellValue; formula?: string }>();
    for (const sheet of this.sheets.values())
      for (const [r, row] of sheet.rows)
        for (const [c, cell] of row)
          if (!isEmpty(cell)) out.set(`${sheet.name}!${cellAddress(r, c)}`, { value: cell.value, formula: cell.formula });
    return out;
  }

  tableColumn(table: string, header: string): Readonly<MemoryTableColumn> | undefined {
    return this.tables.get(key(table))?.columns.find((c) => key(c.name) === key(header));
  }

  setting(key: string): string | undefined {
    return this.settings.get(key);
  }

  // ---- WorkbookPort ----

  async listTables(): Promise<TableInfo[]> {
    return [...this.tables.values()].map((t) => this.tableInfo(t));
  }

  async read(request: ReadRequest): Promise<ReadResult> {
    let table: TableSnapshot | null = null;
    if (request.table) {
      const found = this.tables.get(key(request.table.name));
      if (found) {
        const info = this.tableInfo(found);
        const sheet = this.sheet(found.sheet);
        const rows = request.table.values
          ? range(found.rowCount).map((r) => found.columns.map((_, c) => this.get(sheet, found.top + 1 + r, found.left + c)?.value ?? null))
          : undefined;
        const columnFormulas: Record<string, CellValue[]> = {};
        for (const header of request.table.formulasOf ?? []) {
          const index = found.columns.findIndex((c) => key(c.name) === key(header));
          if (index < 0) continue;
          columnFormulas[header] = range(found.rowCount).map((r) => {
            const cell = this.get(sheet, found.top + 1 + r, found.left + index);
            return cell?.formula ?? cell?.value ?? null;
          });
        }
        table = { ...info, rows, columnFormulas };
      }
    }
    const settings: Record<string, string | undefined> = {};
    for (const k of request.settings ?? []) settings[k] = this.settings.get(k);
    const names: Record<string, NamedRangeInfo | undefined> = {};
    for (const n of request.names ?? []) {
      const found = this.names.get(key(n));
      names[n] = found ? { sheet: found.sheet, address: found.address } : undefined;
    }
    const sheets: Record<string, SheetSnapshot | null> = {};
    for (const s of request.sheets ?? []) sheets[s] = this.sheets.has(key(s)) ? this.sheetSnapshot(this.sheet(s)) : null;
    const ranges = (request.ranges ?? []).map((r): RangeSnapshot | null => {
      if (!this.sheets.has(key(r.sheet))) return null;
      const sheet = this.sheet(r.sheet);
      const area = parseRange(r.address);
      const grid = (pick: (cell: MemoryCell | undefined) => CellValue) =>
        range(area.bottom - area.top + 1).map((i) => range(area.right - area.left + 1).map((j) => pick(this.get(sheet, area.top + i, area.left + j))));
      return {
        values: r.values === false ? undefined : grid((cell) => cell?.value ?? null),
        formulas: r.formulas ? grid((cell) => cell?.formula ?? cell?.value ?? null) : undefined,
      };
    });
    const titles: Record<string, SheetTitle | null> = {};
    for (const s of request.sheetTitles ?? []) {
      const sheet = this.sheets.get(key(s));
      titles[s] = sheet ? { name: sheet.name, title: this.get(sheet, 0, 0)?.value ?? "" } : null;
    }
    return { table, settings, names, sheets, titles, ranges };
  }

  async apply(changes: readonly WorkbookChange[], options: ApplyOptions = {}): Promise<void> {
    assertWithinExcelLimits(changes);
    this.applyCount++;
    for (let i = 0; i < changes.length; i++) {
      try {
        this.applyOne(changes[i]);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new WorkbookWriteError(message, changes.slice(0, i), [changes[i]], error);
      }
    }
    options.onProgress?.(changes.length, changes.length);
  }

  async detectRegion(): Promise<RegionInfo | null> {
    const sheetName = this.selection?.sheet ?? this.activeSheet;
    if (!sheetName || !this.sheets.has(key(sheetName))) return null;
    const sheet = this.sheet(sheetName);
    let start = this.selection && key(this.selection.sheet) === key(sheetName) ? { row: this.selection.row, column: this.selection.column } : null;
    if (!start || isEmpty(this.get(sheet, start.row, start.column))) start = this.firstFilledCell(sheet);
    if (!start) return null;
    const region = this.currentRegion(sheet, start.row, start.column);
    const headers = range(region.right - region.left + 1).map((c) => cellText(this.get(sheet, region.top, region.left + c)?.value));
    const owner = [...this.tables.values()].find(
      (t) => key(t.sheet) === key(sheetName) && overlaps(this.tableRange(t), region),
    );
    return {
      sheet: sheet.name,
      address: rangeAddress(owner ? this.tableRange(owner) : region),
      headers: owner ? owner.columns.map((c) => c.name) : headers,
      rowCount: owner ? owner.rowCount : region.bottom - region.top,
      table: owner?.name,
    };
  }

  async readTableRow(table: string, rowIndex: number): Promise<TableRowSnapshot | null> {
    const found = this.tables.get(key(table));
    if (!found) return null;
    const sheet = this.sheet(found.sheet);
    const inside = rowIndex >= 0 && rowIndex < found.rowCount;
    return { ...this.tableInfo(found), row: inside ? found.columns.map((_, c) => this.get(sheet, found.top + 1 + rowIndex, found.left + c)?.value ?? null) : null };
  }

  async getSelection(): Promise<SelectionInfo | null> {
    return this.selectionInfo();
  }

  /** As a click on the cell would: the selection moves there (listeners hear it) and its sheet comes to the front. */
  async selectCell(sheet: string, address: string): Promise<boolean> {
    const found = this.sheets.get(key(sheet));
    if (!found) throw new Error(`The sheet '${sheet}' was not found.`);
    this.select(found.name, address);
    return true;
  }

  async onSelectionChanged(listener: (selection: SelectionInfo | null) => void): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  // ---- Changes ----

  private applyOne(change: WorkbookChange): void {
    switch (change.kind) {
      case "ensureSheet": {
        this.sheetOrCreate(change.sheet);
        if (change.activate) this.activeSheet = change.sheet;
        return;
      }
      case "writeRange": {
        const sheet = this.sheet(change.sheet);
        const start = parseCell(change.address);
        blockRows(change.cells).forEach((row, r) =>
          row.forEach((cell, c) => {
            if (cell !== null) this.write(sheet, start.row + r, start.column + c, cell);
          }),
        );
        return;
      }
      case "clearRange": {
        const sheet = this.sheet(change.sheet);
        const area = parseRange(change.address);
        for (const [r, row] of sheet.rows) if (r >= area.top && r <= area.bottom) for (const c of [...row.keys()]) if (c >= area.left && c <= area.right) row.delete(c);
        return;
      }
      case "formatRange": {
        const sheet = this.sheet(change.sheet);
        const area = parseRange(change.address);
        for (let r = area.top; r <= area.bottom; r++)
          for (let c = area.left; c <= area.right; c++) {
            const cell = this.get(sheet, r, c) ?? this.put(sheet, r, c, { value: null });
            cell.format = { ...cell.format, ...change.format };
          }
        return;
      }
      case "createTable": {
        const sheet = this.sheet(change.sheet);
        const start = parseCell(change.address);
        const area = { top: start.row, left: start.column, bottom: start.row + change.rows.length, right: start.column + change.headers.length - 1 };
        this.assertNewTable(change.name, sheet.name, area);
        change.headers.forEach((header, c) => this.put(sheet, start.row, start.column + c, { value: header }));
        change.rows.forEach((row, r) => row.forEach((cell, c) => cell !== null && this.write(sheet, start.row + 1 + r, start.column + c, cell)));
        this.tables.set(key(change.name), {
          name: change.name,
          sheet: sheet.name,
          top: area.top,
          left: area.left,
          rowCount: change.rows.length,
          columns: change.headers.map((name) => ({ name, conditionalFormats: [] })),
        });
        return;
      }
      case "convertRangeToTable": {
        const sheet = this.sheet(change.sheet);
        const area = parseRange(change.address);
        this.assertNewTable(change.name, sheet.name, area);
        const seen = new Set<string>();
        const columns = range(area.right - area.left + 1).map((c) => {
          // Excel names blank or repeated headers Column1, Column2...; the cells get the name too.
          const base = cellText(this.get(sheet, area.top, area.left + c)?.value).trim() || `Column${c + 1}`;
          // Numbered from the header as typed (Vendor, Vendor2, Vendor3), as Excel does.
          let name = base;
          for (let n = 2; seen.has(key(name)); n++) name = `${base}${n}`;
          seen.add(key(name));
          this.put(sheet, area.top, area.left + c, { value: name });
          return { name, conditionalFormats: [] };
        });
        this.tables.set(key(change.name), { name: change.name, sheet: sheet.name, top: area.top, left: area.left, rowCount: area.bottom - area.top, columns });
        return;
      }
      case "setTableColumn": {
        const table = this.tables.get(key(change.table));
        if (!table) throw new Error(`The table '${change.table}' no longer exists.`);
        const sheet = this.sheet(table.sheet);
        let index = table.columns.findIndex((c) => key(c.name) === key(change.header));
        if (index < 0) {
          index = table.columns.length;
          this.shiftRight(sheet, table.top, table.top + table.rowCount, table.left + index);
          table.columns.push({ name: change.header, conditionalFormats: [] });
          this.put(sheet, table.top, table.left + index, { value: change.header });
        }
        const column = table.columns[index];
        column.formula = change.formula;
        column.numberFormat = change.numberFormat ?? column.numberFormat;
        column.conditionalFormats = [...(change.conditionalFormats ?? [])];
        // Read once: the change may work them out each time they are read.
        const cachedValues = change.cachedValues;
        for (let r = 0; r < table.rowCount; r++) {
          const row = table.top + 1 + r;
          const col = table.left + index;
          const format = change.numberFormat ? { ...this.get(sheet, row, col)?.format, numberFormat: change.numberFormat } : this.get(sheet, row, col)?.format;
          if (change.formula !== undefined) {
            const cached = cachedValues?.[r];
            const value = cached !== undefined ? cached : this.calculated(change.formula, sheet.name, row, col);
            this.put(sheet, row, col, { value, formula: change.formula, format });
          } else {
            this.put(sheet, row, col, { value: change.values?.[r] ?? null, format });
          }
        }
        return;
      }
      case "setName": {
        this.sheet(change.sheet);
        parseRange(change.address);
        this.names.set(key(change.name), { name: change.name, sheet: change.sheet, address: change.address, comment: change.comment });
        return;
      }
      case "setSetting": {
        this.settings.set(change.key, change.value);
        return;
      }
      case "setChart": {
        this.sheet(change.sheet);
        for (const range of [change.chart.categories, ...change.chart.series.map((s) => s.values), change.anchor.cell]) parseRange(range);
        let charts = this.charts.get(key(change.sheet));
        if (!charts) this.charts.set(key(change.sheet), (charts = new Map()));
        charts.set(key(change.name), { name: change.name, chart: change.chart, anchor: change.anchor });
        return;
      }
    }
  }

  // ---- Internals ----

  private write(sheet: MemorySheet, row: number, column: number, cell: Exclude<CellWrite, null>): void {
    const format = this.get(sheet, row, column)?.format;
    if (typeof cell === "object") {
      const value = cell.cachedValue !== undefined ? cell.cachedValue : this.calculated(cell.formula, sheet.name, row, column);
      this.put(sheet, row, column, { value, formula: cell.formula, format });
    } else {
      this.put(sheet, row, column, { value: cell, format });
    }
  }

  private calculated(formula: string, sheet: string, row: number, column: number): CellValue {
    return this.options.calculate?.(formula, { sheet, row, column }) ?? null;
  }

  private sheetOrCreate(name: string): MemorySheet {
    let sheet = this.sheets.get(key(name));
    if (!sheet) {
      if (!name.trim() || name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new Error(`'${name}' cannot be a sheet name: use at most 31 characters and none of \\ / ? * [ ] :`);
      sheet = { name, rows: new Map() };
      this.sheets.set(key(name), sheet);
    }
    return sheet;
  }

  private sheet(name: string): MemorySheet {
    const sheet = this.sheets.get(key(name));
    if (!sheet) throw new Error(`The sheet '${name}' does not exist.`);
    return sheet;
  }

  private get(sheet: MemorySheet, row: number, column: number): MemoryCell | undefined {
    return sheet.rows.get(row)?.get(column);
  }

  private put(sheet: MemorySheet, row: number, column: number, cell: MemoryCell): MemoryCell {
    let cells = sheet.rows.get(row);
    if (!cells) sheet.rows.set(row, (cells = new Map()));
    cells.set(column, cell);
    return cell;
  }

  private shiftRight(sheet: MemorySheet, top: number, bottom: number, fromColumn: number): void {
    for (let r = top; r <= bottom; r++) {
      const row = sheet.rows.get(r);
      if (!row) continue;
      const moved = [...row.entries()].filter(([c]) => c >= fromColumn).sort((a, b) => b[0] - a[0]);
      for (const [c, cell] of moved) {
        row.delete(c);
        row.set(c + 1, cell);
      }
    }
  }

  private tableRange(t: MemoryTable): RangeRef {
    return { top: t.top, left: t.left, bottom: t.top + t.rowCount, right: t.left + t.columns.length - 1 };
  }

  private tableInfo(t: MemoryTable): TableInfo {
    return { name: t.name, sheet: t.sheet, headers: t.columns.map((c) => c.name), rowCount: t.rowCount, address: rangeAddress(this.tableRange(t)) };
  }

  private assertNewTable(name: string, sheet: string, area: RangeRef): void {
    if (this.tables.has(key(name)) || this.names.has(key(name))) throw new Error(`A table or name called '${name}' already exists.`);
    for (const t of this.tables.values())
      if (key(t.sheet) === key(sheet) && overlaps(this.tableRange(t), area)) throw new Error(`The range overlaps the table '${t.name}'.`);
  }

  private sheetSnapshot(sheet: MemorySheet): SheetSnapshot {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    for (const [r, row] of sheet.rows)
      for (const [c, cell] of row)
        if (!isEmpty(cell)) {
          top = Math.min(top, r);
          left = Math.min(left, c);
          bottom = Math.max(bottom, r);
          right = Math.max(right, c);
        }
    if (bottom < 0) return { name: sheet.name, origin: "", values: [], formulas: [] };
    const rows = range(bottom - top + 1);
    const cols = range(right - left + 1);
    return {
      name: sheet.name,
      origin: cellAddress(top, left),
      values: rows.map((r) => cols.map((c) => this.get(sheet, top + r, left + c)?.value ?? null)),
      formulas: rows.map((r) => cols.map((c) => {
        const cell = this.get(sheet, top + r, left + c);
        return cell?.formula ?? cell?.value ?? null;
      })),
    };
  }

  private firstFilledCell(sheet: MemorySheet): { row: number; column: number } | null {
    let best: { row: number; column: number } | null = null;
    for (const [r, row] of sheet.rows)
      for (const [c, cell] of row)
        if (!isEmpty(cell) && (!best || r < best.row || (r === best.row && c < best.column))) best = { row: r, column: c };
    return best;
  }

  /** Excel's current region: grow the box while any cell touching its border is filled. */
  private currentRegion(sheet: MemorySheet, row: number, column: number): RangeRef {
    let box = { top: row, left: column, bottom: row, right: column };
    const filled = (r: number, c: number) => r >= 0 && c >= 0 && !isEmpty(this.get(sheet, r, c));
    for (let grown = true; grown; ) {
      grown = false;
      const { top, left, bottom, right } = box;
      const rowFilled = (r: number) => range(right - left + 3).some((i) => filled(r, left - 1 + i));
      const colFilled = (c: number) => range(bottom - top + 3).some((i) => filled(top - 1 + i, c));
      if (top > 0 && rowFilled(top - 1)) { box = { ...box, top: top - 1 }; grown = true; }
      if (rowFilled(bottom + 1)) { box = { ...box, bottom: bottom + 1 }; grown = true; }
      if (left > 0 && colFilled(left - 1)) { box = { ...box, left: left - 1 }; grown = true; }
      if (colFilled(right + 1)) { box = { ...box, right: right + 1 }; grown = true; }
    }
    return box;
  }

  private selectionInfo(): SelectionInfo | null {
    if (!this.selection) return null;
    const { sheet, row, column } = this.selection;
    const table = [...this.tables.values()].find((t) => {
      const area = this.tableRange(t);
      return key(t.sheet) === key(sheet) && row > area.top && row <= area.bottom && column >= area.left && column <= area.right;
    });
    return { sheet, address: cellAddress(row, column), table: table?.name, rowIndex: table ? row - table.top - 1 : undefined };
  }
}

function isEmpty(cell: MemoryCell | undefined): boolean {
  return !cell || ((cell.value === null || cell.value === undefined || cell.value === "") && !cell.formula);
}

function cellText(value: CellValue): string {
  return value === null || value === undefined ? "" : String(value);
}

function overlaps(a: RangeRef, b: RangeRef): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function range(n: number): number[] {
  return Array.from({ length: Math.max(0, n) }, (_, i) => i);
}
