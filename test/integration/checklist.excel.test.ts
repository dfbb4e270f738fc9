// The checklist sheet through the Office.js adapter, on office-addin-mock objects backed by
// a small cell store that behaves as Excel does where it matters here: a string written to
// a cell that is not formatted as text and starts with = or + becomes a formula; null in a
// 2-D write leaves the cell; clear() removes values and formats; properties read before
// load() and context.sync() come back as office-addin-mock's error strings.
import { OfficeMockObject } from "office-addin-mock";
import { insertChecklistSheet, loadChecklist } from "../../src/actions/checklist";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { cellAddress, parseCell, parseRange, rangeAddress } from "../../src/workbook/address";
import { ExcelWorkbook, type ExcelHost } from "../../src/workbook/excel";
import type { CellValue } from "../../src/model/types";
import { linkedEntity } from "../helpers/dataTypes";
import { FakeExcel as CountingExcel } from "./fakes/fakeExcel";

interface Cell {
  value: CellValue;
  formula?: string;
  numberFormat?: string;
  bold?: boolean;
  fill?: string;
}

class FakeExcel {
  readonly sheets = new Map<string, { name: string; cells: Map<string, Cell> }>();
  readonly table = { name: SAMPLE_TABLE_NAME, sheet: SAMPLE_SHEET_NAME, top: 0, left: 0, width: SAMPLE_VENDOR_HEADERS.length, rowCount: 0 };
  active = { sheet: SAMPLE_SHEET_NAME, row: 1, column: 0 };
  syncs = 0;
  private ops: (() => void)[] = [];
  private mocks: OfficeMockObject[] = [];

  constructor(rows: readonly (readonly CellValue[])[]) {
    this.addSheet(SAMPLE_SHEET_NAME);
    this.type(SAMPLE_SHEET_NAME, "A1", [[...SAMPLE_VENDOR_HEADERS], ...rows]);
    this.table.rowCount = rows.length;
  }

  addSheet(name: string) {
    if (!this.sheets.has(name.toLowerCase())) this.sheets.set(name.toLowerCase(), { name, cells: new Map() });
  }
  sheet(name: string) {
    const s = this.sheets.get(name.toLowerCase());
    if (!s) throw new Error(`ItemNotFound: worksheet '${name}'`);
    return s;
  }
  /** The buyer typing: text as text (apostrophe entry), strings with = as formulas when asked. */
  type(sheet: string, address: string, rows: readonly (readonly CellValue[])[], asFormula = false) {
    const start = parseCell(address);
    rows.forEach((row, r) =>
      row.forEach((value, c) => {
        const key = `${start.row + r},${start.column + c}`;
        if (asFormula && typeof value === "string" && value.startsWith("=")) this.sheet(sheet).cells.set(key, { value: null, formula: value });
        else this.sheet(sheet).cells.set(key, { value, numberFormat: typeof value === "string" ? "@" : undefined });
      }),
    );
  }
  cell(sheet: string, address: string): Cell | undefined {
    const { row, column } = parseCell(address);
    return this.sheet(sheet).cells.get(`${row},${column}`);
  }

  host(): ExcelHost {
    return {
      run: async (batch) => {
        this.mocks = [];
        this.ops = [];
        return batch(this.context() as unknown as Excel.RequestContext);
      },
      supports: () => true,
    };
  }

  private mock<T extends object>(data: T): T & OfficeMockObject {
    const m = new OfficeMockObject(data as Record<string, unknown>) as unknown as T & OfficeMockObject;
    this.mocks.push(m);
    return m;
  }

  /** Office.js sets isNullObject on every *OrNullObject result at sync, loaded or not: kept outside the mock's load tracking. */
  private nullable<T extends object>(isNull: boolean, data: T) {
    return Object.assign(this.mock(data), { isNullObject: isNull });
  }

  private collection(items: { name: string }[]) {
    return { items, load() { return this; } };
  }

  private async sync() {
    this.syncs++;
    for (const m of this.mocks) await m.sync();
    const ops = this.ops;
    this.ops = [];
    for (const op of ops) op();
  }

  private context() {
    return {
      sync: () => this.sync(),
      workbook: {
        worksheets: {
          ...this.collection([...this.sheets.values()].map((s) => ({ name: s.name }))),
          getItem: (name: string) => this.worksheet(name),
          add: (name: string) => {
            this.ops.push(() => this.addSheet(name));
            return this.worksheet(name);
          },
        },
        tables: {
          ...this.collection([{ name: this.table.name }]),
          getItem: (name: string) => {
            if (name.toLowerCase() !== this.table.name.toLowerCase()) throw new Error(`ItemNotFound: table '${name}'`);
            return this.tableObject();
          },
        },
        names: { ...this.collection([]), getItem: () => { throw new Error("no names in this workbook"); } },
        settings: {
          getItemOrNullObject: () => this.nullable(true, { value: "" }),
          add: () => undefined,
        },
        getActiveCell: () => {
          const a = this.active;
          const inTable = a.sheet === this.table.sheet && a.row > this.table.top && a.row <= this.table.top + this.table.rowCount && a.column < this.table.width;
          return Object.assign(this.mock({ address: `'${a.sheet}'!${cellAddress(a.row, a.column)}`, rowIndex: a.row }), {
            worksheet: this.mock({ name: a.sheet }),
            getTables: () => this.collection(inTable ? [{ name: this.table.name }] : []),
          });
        },
      },
    };
  }

  private tableObject() {
    const t = this.table;
    const grid = (top: number, rows: number) => this.values(t.sheet, { top, left: t.left, bottom: top + rows - 1, right: t.left + t.width - 1 });
    return Object.assign(this.mock({ name: t.name, showTotals: false }), {
      worksheet: this.mock({ name: t.sheet }),
      getRange: () => this.mock({ address: `'${t.sheet}'!${rangeAddress({ top: t.top, left: t.left, bottom: t.top + t.rowCount, right: t.left + t.width - 1 })}`, rowCount: t.rowCount + 1, columnCount: t.width }),
      getHeaderRowRange: () =>
        Object.assign(this.mock({ values: grid(t.top, 1).values }), {
          getOffsetRange: (rows: number, columns: number) => {
            if (columns !== 0) throw new Error("this fake offsets rows only");
            return this.mock({ values: grid(t.top + rows, 1).values });
          },
        }),
      getDataBodyRange: () => this.mock({ values: grid(t.top + 1, t.rowCount).values, rowIndex: t.top + 1, rowCount: t.rowCount }),
      columns: { getItem: () => { throw new Error("no output columns in this workbook"); } },
    });
  }

  private values(sheet: string, area: { top: number; left: number; bottom: number; right: number }) {
    const cells = this.sheet(sheet).cells;
    const rows = Array.from({ length: area.bottom - area.top + 1 }, (_, r) => Array.from({ length: area.right - area.left + 1 }, (_, c) => cells.get(`${area.top + r},${area.left + c}`)));
    return {
      values: rows.map((r) => r.map((c) => c?.value ?? "")),
      formulas: rows.map((r) => r.map((c) => c?.formula ?? c?.value ?? "")),
    };
  }

  private worksheet(name: string) {
    return {
      activate: () => undefined,
      getUsedRangeOrNullObject: () => {
        const cells = this.sheet(name).cells;
        const filled = [...cells.entries()].filter(([, c]) => c.value !== "" && c.value !== null || c.formula || c.bold || c.fill).map(([k]) => k.split(",").map(Number));
        if (filled.length === 0) return this.nullable(true, { address: "", values: [], formulas: [] });
        const area = { top: Math.min(...filled.map((p) => p[0])), left: Math.min(...filled.map((p) => p[1])), bottom: Math.max(...filled.map((p) => p[0])), right: Math.max(...filled.map((p) => p[1])) };
        return this.nullable(false, { address: `'${name}'!${rangeAddress(area)}`, ...this.values(name, area) });
      },
      getRangeByIndexes: (top: number, left: number, rows: number, columns: number) => this.range(name, { top, left, bottom: top + rows - 1, right: left + columns - 1 }),
      getRange: (address: string) => this.range(name, parseRange(address)),
    };
  }

  /** A range whose writes are queued in the order the adapter makes them and applied at sync. */
  private range(sheetName: string, area: { top: number; left: number; bottom: number; right: number }) {
    const each = (fn: (cell: Cell, r: number, c: number) => void) => {
      const cells = this.sheet(sheetName).cells;
      for (let r = area.top; r <= area.bottom; r++)
        for (let c = area.left; c <= area.right; c++) {
          const key = `${r},${c}`;
          const cell = cells.get(key) ?? { value: "" };
          fn(cell, r - area.top, c - area.left);
          cells.set(key, cell);
        }
    };
    const grid = <T>(v: T | T[][], r: number, c: number): T | undefined => (Array.isArray(v) ? v[r]?.[c] : v);
    const range: Record<string, unknown> = { clear: () => this.ops.push(() => each((cell) => { cell.value = ""; delete cell.formula; delete cell.numberFormat; delete cell.bold; delete cell.fill; })) };
    Object.defineProperty(range, "values", {
      set: (v: CellValue[][]) =>
        this.ops.push(() =>
          each((cell, r, c) => {
            const x = grid(v, r, c);
            if (x === null || x === undefined) return;
            // Excel parses a string into a formula unless the cell is formatted as text.
            if (typeof x === "string" && /^[=+]/.test(x) && cell.numberFormat !== "@") {
              cell.formula = x.startsWith("=") ? x : `=${x}`;
              cell.value = null;
            } else {
              cell.value = x;
              delete cell.formula;
            }
          }),
        ),
    });
    // Typed values (Range.valuesAsJson, ExcelApi 1.16): a String cell value is stored as it is.
    Object.defineProperty(range, "valuesAsJson", {
      set: (v: { type: string; basicValue: CellValue }[][]) =>
        this.ops.push(() =>
          each((cell, r, c) => {
            const x = v[r][c];
            cell.value = x.type === "String" ? String(x.basicValue) : x.basicValue;
            delete cell.formula;
          }),
        ),
    });
    Object.defineProperty(range, "formulas", {
      set: (v: string[][]) => this.ops.push(() => each((cell, r, c) => { const x = grid(v, r, c); if (x !== null && x !== undefined) { cell.formula = x; cell.value = null; } })),
    });
    Object.defineProperty(range, "numberFormat", {
      set: (v: string[][] | string) => this.ops.push(() => each((cell, r, c) => { const x = grid(v, r, c); if (x !== null && x !== undefined) cell.numberFormat = x; })),
    });
    const font: Record<string, unknown> = {};
    Object.defineProperty(font, "bold", { set: (v: boolean) => this.ops.push(() => each((cell) => (cell.bold = v))) });
    Object.defineProperty(font, "color", { set: () => undefined });
    Object.defineProperty(font, "italic", { set: () => undefined });
    const fill: Record<string, unknown> = {};
    Object.defineProperty(fill, "color", { set: (v: string) => this.ops.push(() => each((cell) => (cell.fill = v))) });
    const format: Record<string, unknown> = { font, fill };
    Object.defineProperty(format, "wrapText", { set: () => undefined });
    Object.defineProperty(format, "columnWidth", { set: () => undefined });
    range.format = format;
    return range;
  }
}

const TODAY = { year: 2026, month: 3, day: 20 };
const headers = [...SAMPLE_VENDOR_HEADERS] as string[];
const col = (h: string) => headers.indexOf(h);

function rowOf(fake: FakeExcel, sheet: string, section: string, label: string): number {
  let inSection = false;
  for (let r = 1; r < 200; r++) {
    const a = fake.cell(sheet, `A${r}`)?.value;
    if (a === section) inSection = true;
    else if (inSection && a === label) return r;
  }
  throw new Error(`'${label}' not found under '${section}'`);
}

describe("checklist sheet through the Office.js adapter (office-addin-mock)", () => {
  test("the selected row's checklist loads through the adapter", async () => {
    const fake = new FakeExcel(SAMPLE_VENDOR_ROWS);
    fake.active = { sheet: SAMPLE_SHEET_NAME, row: 3, column: 2 };
    const loaded = await loadChecklist(new ExcelWorkbook(fake.host()), { today: TODAY });
    expect(loaded.kind).toBe("ready");
    if (loaded.kind === "ready") {
      expect(loaded.rowIndex).toBe(2);
      expect(loaded.checklist.header.vendor).toBe(SAMPLE_VENDOR_ROWS[2][col("Vendor")]);
    }
  });

  test("refresh keeps every owner name, answer, tick and note typed on the sheet", async () => {
    const fake = new FakeExcel(SAMPLE_VENDOR_ROWS);
    const port = new ExcelWorkbook(fake.host());
    const first = await insertChecklistSheet(port, { table: SAMPLE_TABLE_NAME, rowIndex: 1, today: TODAY });
    if (first.kind !== "done") throw new Error(first.message);
    const sheet = first.sheet;
    expect(fake.cell(sheet, "A1")?.value).toBe("Governance checklist");
    const owners = rowOf(fake, sheet, "Governance owners", "Scope owner");
    const scale = rowOf(fake, sheet, "Readiness checks", "Scale path");
    const step = rowOf(fake, sheet, "Pilot plan", "6. Measurable pilot");
    fake.type(sheet, `B${owners + 2}`, [["Sam Lee"]]);
    fake.type(sheet, `B${scale}`, [["Blocker"]]);
    fake.type(sheet, `F${step}`, [["done"]]);
    fake.type(sheet, `G${step}`, [["=TODAY()"]], true);
    fake.type(sheet, `G${owners}`, [["call Friday"]]);
    const syncsBefore = fake.syncs;

    const second = await insertChecklistSheet(port, { table: SAMPLE_TABLE_NAME, rowIndex: 1, today: { year: 2026, month: 4, day: 2 } });
    if (second.kind !== "done") throw new Error(second.message);
    expect(second.sheet).toBe(sheet);
    expect(fake.cell(sheet, "B2")?.value).toBe("2026-04-02");
    expect(fake.cell(sheet, `B${owners + 2}`)?.value).toBe("Sam Lee");
    expect(fake.cell(sheet, `C${owners + 2}`)?.value).toBe("Named");
    expect(fake.cell(sheet, `B${scale}`)?.value).toBe("Blocker");
    expect(fake.cell(sheet, `C${scale}`)?.value).toBe("Your answer");
    expect(fake.cell(sheet, `F${step}`)?.value).toBe("done");
    expect(fake.cell(sheet, `G${step}`)?.formula).toBe("=TODAY()");
    expect(fake.cell(sheet, `G${owners}`)?.value).toBe("call Friday");
    expect(second.keptCells).toBe(5);
    // Reading the row and the sheet, then writing: a handful of round trips, not one per cell.
    expect(fake.syncs - syncsBefore).toBeLessThanOrEqual(8);
  });

  test("vendor names and scopes that look like formulas are written as text", async () => {
    const rows = SAMPLE_VENDOR_ROWS.map((r) => [...r]);
    rows[0][col("Vendor")] = '=HYPERLINK("http://x","y")';
    rows[0][col("Scope")] = "+cmd";
    const fake = new FakeExcel(rows);
    const outcome = await insertChecklistSheet(new ExcelWorkbook(fake.host()), { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY, ownerNames: { scope: "=1+1" } });
    if (outcome.kind !== "done") throw new Error(outcome.message);
    // A typed string value (valuesAsJson): text as it is, the number format left alone.
    expect(fake.cell(outcome.sheet, "B1")).toMatchObject({ value: '=HYPERLINK("http://x","y")' });
    expect(fake.cell(outcome.sheet, "B1")?.numberFormat).toBeUndefined();
    expect(fake.cell(outcome.sheet, "B1")?.formula).toBeUndefined();
    const scope = rowOf(fake, outcome.sheet, "Engagement", "Scope");
    expect(fake.cell(outcome.sheet, `B${scope}`)).toMatchObject({ value: "+cmd" });
    const owner = rowOf(fake, outcome.sheet, "Governance owners", "Scope owner");
    expect(fake.cell(outcome.sheet, `B${owner}`)).toMatchObject({ value: "=1+1" });
    const formulas = [...fake.sheet(outcome.sheet).cells.values()].filter((c) => c.formula !== undefined);
    expect(formulas).toEqual([]);
  });
});

// The same promise on the pane's stricter counting fake, which throws on a property read
// before load and sync (office-addin-mock returns an error string instead).
describe("checklist sheet through the Office.js adapter (counting fake)", () => {
  test("refresh keeps the buyer's input and writes workbook text as text", async () => {
    const excel = new CountingExcel();
    const rows = SAMPLE_VENDOR_ROWS.map((r) => [...r]);
    rows[0][col("Vendor")] = "+cmd";
    excel.addTable(SAMPLE_SHEET_NAME, 0, 0, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, rows);
    const port = new ExcelWorkbook(excel.host());
    const first = await insertChecklistSheet(port, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (first.kind !== "done") throw new Error(first.message);
    expect(excel.cell(first.sheet, "B1")).toMatchObject({ value: "+cmd" });
    expect(excel.cell(first.sheet, "B1")?.formula).toBeUndefined();

    const labelRow = (label: string) => {
      for (let r = 1; r < 120; r++) if (excel.cell(first.sheet, `A${r}`)?.value === label) return r;
      throw new Error(label);
    };
    const quality = labelRow("Quality owner");
    const cells = excel.sheet(first.sheet).cells;
    cells.set(`${quality - 1},1`, { value: "Qi Zhang", numberFormat: "@" });
    cells.set(`${quality - 1},6`, { value: "back from leave in May", numberFormat: "@" });

    const second = await insertChecklistSheet(port, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (second.kind !== "done") throw new Error(second.message);
    expect(second.sheet).toBe(first.sheet);
    expect(excel.cell(first.sheet, `B${quality}`)?.value).toBe("Qi Zhang");
    expect(excel.cell(first.sheet, `G${quality}`)?.value).toBe("back from leave in May");
    expect(excel.cell(first.sheet, `C${quality}`)?.value).toBe("Named");
  });
});

// Following the selection over Excel. Workbook.onSelectionChanged handlers stay registered
// until removed, through the context that added them ("Work with Events using the Excel
// JavaScript API"; EventHandlerResult in @types/office-js); the fake counts every cell a sync returns.
describe("following the selection through the Office.js adapter (counting fake)", () => {
  function bigTable(rows: number): CountingExcel {
    const excel = new CountingExcel();
    const body = Array.from({ length: rows }, (_, i) => {
      const row = [...SAMPLE_VENDOR_ROWS[i % SAMPLE_VENDOR_ROWS.length]];
      row[col("Vendor")] = `Vendor ${i + 1}`;
      return row;
    });
    excel.addTable(SAMPLE_SHEET_NAME, 0, 0, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, body);
    return excel;
  }

  test("the checklist of a selected row reads the header row and that row only, on a table of 5,000 rows", async () => {
    const excel = bigTable(5_000);
    const port = new ExcelWorkbook(excel.host());
    await excel.select(SAMPLE_SHEET_NAME, "C4001");
    excel.resetCounts();
    const loaded = await loadChecklist(port, { today: TODAY });
    if (loaded.kind !== "ready") throw new Error(loaded.message);
    expect(loaded.rowIndex).toBe(3999);
    expect(loaded.checklist.header.vendor).toBe("Vendor 4000");
    const width = SAMPLE_VENDOR_HEADERS.length;
    const last = cellAddress(0, width - 1).replace(/\d+$/, "");
    expect(excel.rangeReads.filter((r) => r.sheet === SAMPLE_SHEET_NAME)).toEqual([
      { sheet: SAMPLE_SHEET_NAME, address: `A1:${last}1`, property: "values", cells: width },
      { sheet: SAMPLE_SHEET_NAME, address: `A4001:${last}4001`, property: "values", cells: width },
    ]);
    expect(excel.cellsRead()).toBe(2 * width);
    expect(excel.largestResponse()).toBeLessThan(10_000);
  });

  // A Country converted to Excel's Geography data type reads as "#VALUE!" through Range.values
  // (its basicValue: "Excel JavaScript API data types core concepts", LinkedEntityCellValue in
  // @types/office-js); the selected row's entity is read again through valuesAsJson (ExcelApi 1.16).
  test("the checklist of a row whose Country is a Geography value is the one of the same row with the country typed as text", async () => {
    const typed = bigTable(20);
    const converted = bigTable(20);
    const country = String(SAMPLE_VENDOR_ROWS[3 % SAMPLE_VENDOR_ROWS.length][col("Country")]);
    converted.setDataType(SAMPLE_SHEET_NAME, cellAddress(4, col("Country")), linkedEntity(country));
    const plain = await loadChecklist(new ExcelWorkbook(typed.host()), { table: SAMPLE_TABLE_NAME, rowIndex: 3, today: TODAY });
    converted.resetCounts();
    const entity = await loadChecklist(new ExcelWorkbook(converted.host()), { table: SAMPLE_TABLE_NAME, rowIndex: 3, today: TODAY });
    if (entity.kind !== "ready") throw new Error(entity.message);
    expect(entity.evaluation.row.country).not.toBe("");
    expect(entity).toEqual(plain);
    // The header, the row, then the one cell that read "#VALUE!".
    expect(converted.rangeReads.filter((r) => r.sheet === SAMPLE_SHEET_NAME).map((r) => [r.property, r.cells])).toEqual([
      ["values", SAMPLE_VENDOR_HEADERS.length],
      ["values", SAMPLE_VENDOR_HEADERS.length],
      ["valuesAsJson", 1],
    ]);
  });

  test("without ExcelApi 1.16 that row's checklist says how to read the Country cell", async () => {
    const excel = bigTable(20);
    excel.apiMinor = 15;
    excel.setDataType(SAMPLE_SHEET_NAME, cellAddress(4, col("Country")), linkedEntity("India"));
    const loaded = await loadChecklist(new ExcelWorkbook(excel.host()), { table: SAMPLE_TABLE_NAME, rowIndex: 3, today: TODAY });
    expect(loaded.kind).not.toBe("ready");
    expect(loaded.kind !== "ready" && loaded.message).toMatch(/Country '#VALUE!'.*Geography or Stocks value.*convert it to text/);
  });

  test("a sheet made for another row of the same vendor is told apart by reading the table once", async () => {
    const excel = bigTable(20);
    const port = new ExcelWorkbook(excel.host());
    const first = await insertChecklistSheet(port, { table: SAMPLE_TABLE_NAME, rowIndex: 2, today: TODAY });
    if (first.kind !== "done") throw new Error(first.message);
    // Another quote of the same vendor in row 6: its checklist must not take row 3's sheet.
    excel.sheet(SAMPLE_SHEET_NAME).cells.set(`6,${col("Vendor")}`, { value: "Vendor 3" });
    const other = await loadChecklist(port, { table: SAMPLE_TABLE_NAME, rowIndex: 5, today: TODAY });
    if (other.kind !== "ready") throw new Error(other.message);
    expect(other.sheetName).not.toBe(first.sheet);
    expect(other.sheetExists).toBe(false);
    // Row 3 itself finds its sheet without reading the other rows.
    excel.resetCounts();
    const same = await loadChecklist(port, { table: SAMPLE_TABLE_NAME, rowIndex: 2, today: TODAY });
    if (same.kind !== "ready") throw new Error(same.message);
    expect(same.sheetName).toBe(first.sheet);
    expect(excel.rangeReads.filter((r) => r.sheet === SAMPLE_SHEET_NAME).map((r) => r.cells)).toEqual([SAMPLE_VENDOR_HEADERS.length, SAMPLE_VENDOR_HEADERS.length]);
  });

  test("a selection handler hears every move until it is removed, and a move costs no round trip by itself", async () => {
    const excel = bigTable(10);
    const port = new ExcelWorkbook(excel.host());
    const heard: unknown[] = [];
    const stop = await port.onSelectionChanged((selection) => heard.push(selection));
    excel.resetCounts();
    await excel.select(SAMPLE_SHEET_NAME, "B3");
    await excel.select(SAMPLE_SHEET_NAME, "B4");
    expect(heard).toHaveLength(2);
    expect(excel.syncs).toBe(0);
    await stop();
    expect(excel.selectionHandlers).toHaveLength(0);
    await excel.select(SAMPLE_SHEET_NAME, "B5");
    expect(heard).toHaveLength(2);
  });
});
