// The cells of a user's sheet parked while the finance summary's cells are made, and given back
// the moment anything asks for them (src/workbook/xlsxParkedRows.ts): nothing ExcelJS's API
// shows of a cell may change, nor the objects a cell holds (its style, shared with the cells of
// its style number; its note; a merged range's), nor the file written, whether it is written
// from the parked sheet or from its cells.
import { mkdtempSync, readFileSync, rmSync } from "fs";
import os from "os";
import path from "path";
import v8 from "v8";
import vm from "vm";
import type ExcelJS from "exceljs";
import { writeBenchWorkbook } from "../../bench/cli.bench";
import { SUMMARY_SHEET } from "../../src/actions/finance";
import type { ApplyOptions, WorkbookChange } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { EMPTY_STYLE } from "../../src/workbook/xlsxLoadedCells";
import * as XlsxParked from "../../src/workbook/xlsxParkedRows";
import { isParked, parkCells, parkedRows } from "../../src/workbook/xlsxParkedRows";
import { runCli } from "../helpers/cli";
import { cellsOf, parts, readBoth, ROWS, shown, styles, userFile, type HeldCell } from "../helpers/loadedCells";

// A full collection on demand, as `node --expose-gc` gives it.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;

const NOW = new Date("2026-03-01T12:00:00Z");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-parked-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

/** Everything a cell holds, as ExcelJS's objects hold it: its fields in order, its value object's kind and fields, its model's fields in order. */
function held(cells: HeldCell[]): unknown[] {
  return cells.map((cell) => {
    const value = cell._value as unknown as Record<string, unknown>;
    return {
      fields: Object.keys(cell),
      row: (cell as unknown as { _row: unknown })._row,
      column: (cell as unknown as { _column: unknown })._column,
      valueKind: Object.getPrototypeOf(value),
      valueFields: Object.keys(value),
      valueCell: value.cell === undefined ? undefined : value.cell === cell,
      model: Object.entries(cell._value.model),
      style: cell._style,
      comment: (cell as unknown as { _comment?: unknown })._comment,
      mergeCount: (cell as unknown as { _mergeCount: number })._mergeCount,
    };
  });
}

/** The same fields, each object that is the cell's own (its value and model, made again) compared by what it holds. */
function heldAfter(before: unknown[], cells: HeldCell[]): void {
  const after = held(cells);
  expect(after.length).toBe(before.length);
  for (let i = 0; i < after.length; i++) {
    const [a, b] = [after[i] as Record<string, unknown>, before[i] as Record<string, unknown>];
    // The row, column, style, note and model's values are the very objects they were.
    for (const key of ["fields", "row", "column", "valueKind", "valueFields", "valueCell", "style", "comment", "mergeCount"]) expect({ cell: i, key, value: a[key] }).toEqual({ cell: i, key, value: b[key] });
    for (const key of ["row", "column", "style", "comment", "valueKind"]) expect({ cell: i, key, same: a[key] === b[key] }).toEqual({ cell: i, key, same: true });
    const [ma, mb] = [a.model as [string, unknown][], b.model as [string, unknown][]];
    expect(ma.map(([k]) => k)).toEqual(mb.map(([k]) => k));
    ma.forEach(([k, v], f) => expect({ cell: i, field: k, same: Object.is(v, mb[f][1]) }).toEqual({ cell: i, field: k, same: true }));
  }
}

/** A user's file with cells changed through ExcelJS's API as well: values written, formulas filled, a style set. */
async function changedBook(): Promise<{ ours: XlsxWorkbook; book: ExcelJS.Workbook; sheet: ExcelJS.Worksheet }> {
  const { ours, book } = await readBoth(await userFile());
  const sheet = book.getWorksheet("Vendors")!;
  sheet.getCell("B3").value = 12.5;
  sheet.getCell("C3").value = "written";
  sheet.getCell("C4").value = true;
  sheet.getCell("C5").value = new Date(Date.UTC(2026, 1, 2));
  sheet.getCell("C6").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
  sheet.getCell("L2").value = { formula: "B2*2", result: 4 } as ExcelJS.CellValue;
  for (let r = 3; r <= 20; r++) sheet.getCell(`L${r}`).value = { sharedFormula: "L2", result: r } as ExcelJS.CellValue;
  sheet.getCell("M7").value = { richText: [{ text: "rich " }, { text: "text", font: { bold: true } }] };
  sheet.getCell("B9").numFmt = "0.000";
  return { ours, book, sheet };
}

describe("a parked sheet", () => {
  it("holds none of its cells and gives each back as it was, the same objects where they are shared", async () => {
    const { sheet } = await changedBook();
    const before = cellsOf(sheet);
    const shownBefore = shown(before);
    // Read through its accessor, a style shared as the empty one becomes the cell's own (xlsxLoadedCells.ts): held after.
    const stylesBefore = styles(before);
    const heldBefore = held(before);
    expect(before.length).toBeGreaterThan(ROWS * 7);

    parkCells(sheet);
    expect(isParked(sheet)).toBe(true);
    const parked = parkedRows(sheet)!;
    expect(parked.rows.filter((row) => row !== undefined && (row as { _cells: unknown[] })._cells.length > 0)).toEqual([]);
    // A row held from before the sheet was parked cannot be given a cell unnoticed.
    const row = parked.rows[4] as { _cells: unknown[] };
    expect(() => row._cells.push({})).toThrow();

    // Anything that reads the sheet's rows gets every cell back.
    const after = cellsOf(sheet);
    expect(isParked(sheet)).toBe(false);
    heldAfter(heldBefore, after);
    expect(shown(after)).toEqual(shownBefore);
    expect(styles(after)).toEqual(stylesBefore);
  });

  it("gives back the shared empty style of cells whose style was never read, shared as before", async () => {
    const { sheet } = await changedBook();
    const before = cellsOf(sheet);
    const heldBefore = held(before);
    const empty = before.filter((cell) => cell._style === EMPTY_STYLE).length;
    expect(empty).toBeGreaterThan(ROWS * 4);
    parkCells(sheet);
    const after = cellsOf(sheet);
    heldAfter(heldBefore, after);
    expect(after.filter((cell) => cell._style === EMPTY_STYLE).length).toBe(empty);
  });

  it("is unparked by ExcelJS's own API and by setting its rows", async () => {
    const { sheet } = await changedBook();
    parkCells(sheet);
    expect(sheet.getCell("A2").value).toBe("Vendor 2");
    expect(isParked(sheet)).toBe(false);

    parkCells(sheet);
    expect(sheet.rowCount).toBe(ROWS);
    expect(isParked(sheet)).toBe(false);

    parkCells(sheet);
    const internals = sheet as unknown as { _rows: unknown[] };
    internals._rows = [];
    expect(isParked(sheet)).toBe(false);
    expect(sheet.rowCount).toBe(0);
  });

  it("is written as its cells are, and stays parked", async () => {
    const plain = await changedBook();
    const parkedBook = await changedBook();
    parkCells(parkedBook.sheet);
    const expected = await parts(await plain.ours.toBuffer());
    const actual = await parts(await parkedBook.ours.toBuffer());
    expect(isParked(parkedBook.sheet)).toBe(true);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const name of Object.keys(expected)) expect({ name, xml: actual[name] }).toEqual({ name, xml: expected[name] });
    // And written again once its cells are back.
    expect(cellsOf(parkedBook.sheet).length).toBe(cellsOf(plain.sheet).length);
    expect(await parts(await parkedBook.ours.toBuffer())).toEqual(expected);
  });
});

/** Weak references to every cell of `sheet`, made apart so that no frame of the test's holds the cells. */
function cellRefs(sheet: ExcelJS.Worksheet): WeakRef<object>[] {
  return cellsOf(sheet).map((cell) => new WeakRef(cell));
}

describe("the finance summary's apply", () => {
  const ROWS_BENCH = 400;

  it("parks the vendor table before the summary's cells are made: none of its cells is held at the end of the apply", async () => {
    const input = path.join(work, "in.xlsx");
    await writeBenchWorkbook(input, ROWS_BENCH);
    const apply = XlsxWorkbook.prototype.apply;
    let refs: WeakRef<object>[] = [];
    let alive = -1;
    let parkedAtEnd: boolean | undefined;
    jest.spyOn(XlsxWorkbook.prototype, "apply").mockImplementation(async function (this: XlsxWorkbook, changes: readonly WorkbookChange[], options?: ApplyOptions) {
      const summary = changes.some((c) => c.kind === "ensureSheet" && c.sheet === SUMMARY_SHEET);
      // Parked whatever the heap holds (a command on a table this small is below the threshold).
      this.parkAbove = 0;
      const sheet = (this as unknown as { book: ExcelJS.Workbook }).book.getWorksheet("Quotes")!;
      if (summary) refs = cellRefs(sheet);
      await apply.call(this, changes, options);
      if (!summary) return;
      parkedAtEnd = isParked(sheet);
      // A WeakRef keeps its object until the job that made it ends (ECMAScript's KeepDuringJob).
      await new Promise((resolve) => setImmediate(resolve));
      collect();
      alive = refs.filter((ref) => ref.deref() !== undefined).length;
    });

    const r = await runCli(NOW, [input, "--out", path.join(work, "out.xlsx"), "--buyer-zone", "America/New_York"]);

    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(refs.length).toBeGreaterThan(ROWS_BENCH * 16);
    expect(parkedAtEnd).toBe(true);
    expect(alive).toBe(0);
  });

  it("writes the same file with the user's sheets parked as without", async () => {
    const input = path.join(work, "in-same.xlsx");
    await writeBenchWorkbook(input, ROWS_BENCH);
    const apply = XlsxWorkbook.prototype.apply;
    const run = async (park: boolean, out: string) => {
      const spy = jest.spyOn(XlsxWorkbook.prototype, "apply").mockImplementation(async function (this: XlsxWorkbook, changes: readonly WorkbookChange[], options?: ApplyOptions) {
        this.parkAbove = park ? 0 : Infinity;
        await apply.call(this, changes, options);
      });
      const r = await runCli(NOW, [input, "--out", out, "--buyer-zone", "America/New_York"]);
      spy.mockRestore();
      expect(r.err).toEqual([]);
      return parts(readFileSync(out));
    };
    const park = jest.spyOn(XlsxParked, "parkCells");
    const without = await run(false, path.join(work, "without.xlsx"));
    expect(park).not.toHaveBeenCalled();
    const parkedFile = await run(true, path.join(work, "parked.xlsx"));
    expect(park).toHaveBeenCalled();
    expect(Object.keys(parkedFile)).toEqual(Object.keys(without));
    for (const name of Object.keys(without)) expect({ name, xml: parkedFile[name] }).toEqual({ name, xml: without[name] });
  });
});
