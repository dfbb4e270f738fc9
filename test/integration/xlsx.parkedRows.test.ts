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
import ExcelJS from "exceljs";
import { writeBenchWorkbook } from "../../bench/cli.bench";
import { SUMMARY_SHEET } from "../../src/actions/finance";
import type { ApplyOptions, WorkbookChange } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { EMPTY_STYLE } from "../../src/workbook/xlsxLoadedCells";
import * as XlsxParked from "../../src/workbook/xlsxParkedRows";
import { isParked, parkCells, parkedRows } from "../../src/workbook/xlsxParkedRows";
import { runCli } from "../helpers/cli";
import { cellsOf, held, heldAfter, parts, readBoth, ROWS, shown, styles, userFile } from "../helpers/loadedCells";

// A full collection on demand, as `node --expose-gc` gives it.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;

const NOW = new Date("2026-03-01T12:00:00Z");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-parked-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

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

/**
 * Weak references to the value models of `sheet`'s filled-down formula cells (no text of their
 * own), made apart so that no frame of the test's holds them: those with no note and not merged
 * (a cell with either is kept whole).
 */
function formulaModelRefs(sheet: ExcelJS.Worksheet): WeakRef<object>[] {
  return cellsOf(sheet)
    .filter((cell) => cell.type === ExcelJS.ValueType.Formula && cell._value.model.formula === undefined && !cell.note && !cell.isMerged)
    .map((cell) => new WeakRef(cell._value.model));
}

describe("a parked sheet's formulas", () => {
  const threshold = XlsxWorkbook.parkAsReadFrom;
  afterEach(() => {
    XlsxWorkbook.parkAsReadFrom = threshold;
  });

  it("filled down are kept as the parts their column's cells share, not as a model each, and given back as they were", async () => {
    XlsxWorkbook.parkAsReadFrom = Infinity;
    const file = await tableFile(false, true);
    const { sheet } = { sheet: sheetOf(await XlsxWorkbook.fromBuffer(file)) };
    const heldBefore = held(cellsOf(sheet));
    const refs = formulaModelRefs(sheet);
    // The master's clones with a result, and the last one without (tableFile); the master keeps its model.
    expect(refs.length).toBe(TABLE_ROWS - 1);
    parkCells(sheet);
    await new Promise(setImmediate);
    collect();
    expect(refs.filter((ref) => ref.deref() !== undefined).length).toBe(0);
    heldAfter(heldBefore, cellsOf(sheet));
    expect(isParked(sheet)).toBe(false);
    // A formula written through ExcelJS's API (FormulaValue's own model: other fields, in another order) too.
    const changed = await changedBook();
    // Clones' results of every kind: a text, a boolean, an error, a date, minus zero, none.
    const results: unknown[] = ["text", true, { error: "#N/A" }, new Date(Date.UTC(2026, 2, 1)), -0, undefined];
    changed.sheet.getCell("N2").value = { formula: 'A2&""', result: "Vendor 2" } as ExcelJS.CellValue;
    results.forEach((result, i) => (changed.sheet.getCell(`N${i + 3}`).value = { sharedFormula: "N2", result } as ExcelJS.CellValue));
    const heldChanged = held(cellsOf(changed.sheet));
    const written = formulaModelRefs(changed.sheet);
    expect(written.length).toBeGreaterThanOrEqual(18 + results.length);
    parkCells(changed.sheet);
    await new Promise(setImmediate);
    collect();
    expect(written.filter((ref) => ref.deref() !== undefined).length).toBe(0);
    heldAfter(heldChanged, cellsOf(changed.sheet));
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

/** A vendor table as ExcelJS writes it: text, numbers, blanks, dates, formulas without a saved result, a note, a styled cell; merged cells beside it if asked. */
async function tableFile(merged = false, sharedFormulas = false): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Quotes");
  sheet.addTable({
    name: "Quotes",
    ref: "A1",
    headerRow: true,
    columns: ["Vendor", "Rate", "Hours", "Start", "Cost"].map((name) => ({ name, filterButton: true })),
    rows: Array.from({ length: TABLE_ROWS }, (_, i) => [
      `Vendor ${i + 1}`,
      20 + (i % 13),
      i % 5 === 0 ? null : 100 + i,
      new Date(Date.UTC(2026, 0, 1 + (i % 200))),
      i % 50 === 7 ? { formula: `B${i + 2}*C${i + 2}` } : (i + 1) * 3,
    ]),
  });
  for (let r = 2; r <= TABLE_ROWS + 1; r++) sheet.getCell(`D${r}`).numFmt = "yyyy-mm-dd";
  sheet.getCell("B5").note = "Quoted in EUR";
  sheet.getCell("A9").font = { bold: true };
  if (sharedFormulas) {
    // Cost filled down from its first row, as Excel saves a fill: one shared formula, each clone naming its master (the last without a saved result).
    sheet.getCell("E2").value = { formula: "B2*C2", result: 0 } as ExcelJS.CellValue;
    for (let r = 3; r <= TABLE_ROWS + 1; r++) sheet.getCell(`E${r}`).value = { sharedFormula: "E2", ...(r === TABLE_ROWS + 1 ? {} : { result: r }) } as ExcelJS.CellValue;
  }
  if (merged) {
    sheet.getCell("G3").value = "Merged";
    sheet.mergeCells("G3:H4");
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
const TABLE_ROWS = 240;

/** The file read twice by the adapter: parked as it is read, and not. */
async function readParkedAndNot(file: Buffer): Promise<{ parked: XlsxWorkbook; plain: XlsxWorkbook }> {
  XlsxWorkbook.parkAsReadFrom = 0;
  const parked = await XlsxWorkbook.fromBuffer(file);
  XlsxWorkbook.parkAsReadFrom = Infinity;
  const plain = await XlsxWorkbook.fromBuffer(file);
  return { parked, plain };
}

function sheetOf(workbook: XlsxWorkbook, name = "Quotes"): ExcelJS.Worksheet {
  return (workbook as unknown as { book: ExcelJS.Workbook }).book.getWorksheet(name)!;
}

describe("a sheet parked as it is read", () => {
  const threshold = XlsxWorkbook.parkAsReadFrom;
  afterEach(() => {
    XlsxWorkbook.parkAsReadFrom = threshold;
  });

  it("holds none of its cells once read, and gives back each cell the same file read without parking holds", async () => {
    const file = await tableFile();
    const { parked, plain } = await readParkedAndNot(file);
    const sheet = sheetOf(parked);
    expect(isParked(sheet)).toBe(true);
    expect(isParked(sheetOf(plain))).toBe(false);
    const rows = parkedRows(sheet)!.rows as ({ _cells: unknown[] } | undefined)[];
    expect(rows.filter((row) => row !== undefined).length).toBe(TABLE_ROWS + 1);
    expect(rows.filter((row) => row !== undefined && row._cells.length > 0)).toEqual([]);

    const expected = cellsOf(sheetOf(plain));
    const heldExpected = held(expected).map((h) => ({ ...(h as Record<string, unknown>), row: undefined, column: undefined, style: undefined, comment: undefined }));
    const shownExpected = shown(expected);
    const stylesExpected = styles(expected);
    const actual = cellsOf(sheet);
    expect(isParked(sheet)).toBe(false);
    expect(actual.length).toBe(expected.length);
    expect(actual.length).toBeGreaterThan(TABLE_ROWS * 4);
    // Each cell's fields, value kind and model's fields in the same order, as the cells of the workbook read without parking.
    expect(held(actual).map((h) => ({ ...(h as Record<string, unknown>), row: undefined, column: undefined, style: undefined, comment: undefined }))).toEqual(heldExpected);
    expect(shown(actual)).toEqual(shownExpected);
    expect(styles(actual)).toEqual(stylesExpected);
    expect(actual.filter((cell) => cell._style === EMPTY_STYLE).length).toBe(expected.filter((cell) => cell._style === EMPTY_STYLE).length);
  });

  it("is not parked below the threshold, nor where the sheet has merged cells", async () => {
    const file = await tableFile();
    const cells = TABLE_ROWS * 5;
    XlsxWorkbook.parkAsReadFrom = cells * 2;
    expect(isParked(sheetOf(await XlsxWorkbook.fromBuffer(file)))).toBe(false);
    XlsxWorkbook.parkAsReadFrom = cells / 2;
    expect(isParked(sheetOf(await XlsxWorkbook.fromBuffer(file)))).toBe(true);
    XlsxWorkbook.parkAsReadFrom = 0;
    const merged = sheetOf(await XlsxWorkbook.fromBuffer(await tableFile(true)));
    expect(isParked(merged)).toBe(false);
    expect(merged.getCell("H4").isMerged).toBe(true);
  });

  it("answers the adapter's reads of its table without unparking", async () => {
    const { parked, plain } = await readParkedAndNot(await tableFile());
    const request = { table: { name: "Quotes", values: true, formulasOf: ["Cost", "Rate"], notes: true } };
    const read = await parked.read(request);
    expect(read).toEqual(await plain.read(request));
    // A date is read as Excel gives it, its serial number (46026: 4 January 2026).
    expect(read.table!.rows![3]).toEqual(["Vendor 4", 23, 103, 46026, 12]);
    expect(read.table!.notes).toEqual([{ address: "B5", text: "Quoted in EUR" }]);
    for (const row of [0, 7, 57, TABLE_ROWS - 1, TABLE_ROWS]) expect(await parked.readTableRow("Quotes", row)).toEqual(await plain.readTableRow("Quotes", row));
    const uncalculated = parked.uncalculatedCells("Quotes", ["Cost", "Hours"]);
    expect(uncalculated).toEqual(plain.uncalculatedCells("Quotes", ["Cost", "Hours"]));
    expect(uncalculated.map((c) => c.row)).toEqual([9, 59, 109, 159, 209]);
    expect(isParked(sheetOf(parked))).toBe(true);
  });

  it("gives its title (cell A1) without unparking, as the same file read without parking does", async () => {
    const { parked, plain } = await readParkedAndNot(await tableFile());
    const request = { sheetTitles: ["QUOTES", "Absent"] };
    const read = await parked.read(request);
    expect(read.titles).toEqual({ QUOTES: { name: "Quotes", title: "Vendor" }, Absent: null });
    expect(read).toEqual(await plain.read(request));
    expect(isParked(sheetOf(parked))).toBe(true);
  });

  it("reads a shared formula's clones as ExcelJS translates them from their master, without unparking", async () => {
    const { parked, plain } = await readParkedAndNot(await tableFile(false, true));
    const request = { table: { name: "Quotes", formulasOf: ["Cost"] } };
    const read = await parked.read(request);
    expect(read).toEqual(await plain.read(request));
    expect(read.table!.columnFormulas.Cost.slice(0, 3)).toEqual(["=B2*C2", "=B3*C3", "=B4*C4"]);
    const uncalculated = parked.uncalculatedCells("Quotes", ["Cost"]);
    expect(uncalculated).toEqual(plain.uncalculatedCells("Quotes", ["Cost"]));
    expect(uncalculated).toEqual([{ row: TABLE_ROWS + 1, header: "Cost", formula: `=B${TABLE_ROWS + 1}*C${TABLE_ROWS + 1}` }]);
    expect(isParked(sheetOf(parked))).toBe(true);
  });

  it("takes a table's columns, formats and notes without unparking, and writes the file written without parking", async () => {
    const { parked, plain } = await readParkedAndNot(await tableFile());
    const changes: WorkbookChange[] = [
      { kind: "setTableColumn", table: "Quotes", header: "Total", values: Array.from({ length: TABLE_ROWS }, (_, i) => (i % 9 === 4 ? "n/a" : i * 2.5)), numberFormat: "#,##0.00", rowCount: TABLE_ROWS },
      { kind: "setTableColumn", table: "Quotes", header: "Cost", formula: "=[@Rate]*[@Hours]", cachedValues: Array.from({ length: TABLE_ROWS }, (_, i) => i), rowCount: TABLE_ROWS },
      { kind: "setTableColumn", table: "Quotes", header: "Hours", values: Array.from({ length: TABLE_ROWS }, (_, i) => (i % 4 === 0 ? null : i)), rowCount: TABLE_ROWS },
      { kind: "formatRange", sheet: "Quotes", address: "A1:A60", format: { fontColor: "#808080", bold: true, columnWidth: 60 } },
      { kind: "setNote", sheet: "Quotes", address: "C7", text: "Checked", replaces: false },
      { kind: "setNote", sheet: "Quotes", address: "B5", text: null, replaces: true },
    ];
    await parked.apply(changes);
    await plain.apply(changes);
    const sheet = sheetOf(parked);
    expect(isParked(sheet)).toBe(true);
    const request = { table: { name: "Quotes", values: true, formulasOf: ["Cost"], notes: true } };
    const read = await parked.read(request);
    expect(read).toEqual(await plain.read(request));
    expect(read.table!.headers).toEqual(["Vendor", "Rate", "Hours", "Start", "Cost", "Total"]);
    expect(read.table!.rows![4]).toEqual(["Vendor 5", 24, null, 46027, 4, "n/a"]);
    expect(read.table!.notes).toEqual([{ address: "C7", text: "Checked" }]);

    const expected = await parts(await plain.toBuffer());
    const actual = await parts(await parked.toBuffer());
    expect(isParked(sheet)).toBe(true);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const name of Object.keys(expected)) expect({ name, xml: actual[name] }).toEqual({ name, xml: expected[name] });
    // And every cell as the cells of the workbook written without parking, once given back.
    expect(shown(cellsOf(sheet))).toEqual(shown(cellsOf(sheetOf(plain))));
  });

  it("folds the cells written into it into its store once the apply is done", async () => {
    const { parked } = await readParkedAndNot(await tableFile());
    const sheet = sheetOf(parked);
    const refs: WeakRef<object>[] = [];
    const cellToWrite = parkedRows(sheet)!.cellToWrite;
    const spy = jest.spyOn(parkedRows(sheet)!, "cellToWrite").mockImplementation((number, column) => {
      const cell = cellToWrite(number, column)!;
      refs.push(new WeakRef(cell));
      return cell;
    });
    await parked.apply([{ kind: "setTableColumn", table: "Quotes", header: "Total", values: Array.from({ length: TABLE_ROWS }, (_, i) => i), rowCount: TABLE_ROWS }]);
    spy.mockRestore();
    expect(refs.length).toBe(TABLE_ROWS + 1);
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    expect(refs.filter((ref) => ref.deref() !== undefined).length).toBe(0);
    expect((await parked.readTableRow("Quotes", 11))!.row).toEqual(["Vendor 12", 31, 111, 46034, 36, 11]);
    expect(isParked(sheet)).toBe(true);
  });

  it("once given its cells back, takes writes in its rows", async () => {
    const { parked, plain } = await readParkedAndNot(await tableFile());
    const view = parkedRows(sheetOf(parked))!;
    // Unparked by ExcelJS's own API: from then on the rows are the sheet's, and a view kept from before refuses to write.
    sheetOf(parked).getCell("A1");
    expect(isParked(sheetOf(parked))).toBe(false);
    expect(() => view.cellToWrite(3, 2)).toThrow(/no longer parked/);
    expect(() => view.cellsOfRow(3)).toThrow(/no longer parked/);
    const changes: WorkbookChange[] = [{ kind: "setTableColumn", table: "Quotes", header: "Rate", values: Array.from({ length: TABLE_ROWS }, (_, i) => i * 3), rowCount: TABLE_ROWS }];
    await parked.apply(changes);
    await plain.apply(changes);
    expect((await parked.readTableRow("Quotes", 2))!.row![1]).toBe(6);
    expect(await parts(await parked.toBuffer())).toEqual(await parts(await plain.toBuffer()));
  });
});

describe("the command line on a vendor table parked as it is read", () => {
  const threshold = XlsxWorkbook.parkAsReadFrom;
  afterEach(() => {
    XlsxWorkbook.parkAsReadFrom = threshold;
  });

  it("keeps the table parked from the read to the write, and writes the file written without parking", async () => {
    const input = path.join(work, "in-read.xlsx");
    await writeBenchWorkbook(input, 400);
    const toChunks = XlsxWorkbook.prototype.toChunks;
    const apply = XlsxWorkbook.prototype.apply;
    const run = async (parkFrom: number, out: string) => {
      XlsxWorkbook.parkAsReadFrom = parkFrom;
      const parked: boolean[] = [];
      const spy = jest.spyOn(XlsxWorkbook.prototype, "toChunks").mockImplementation(async function (this: XlsxWorkbook) {
        parked.push(isParked(sheetOf(this)));
        const chunks = await toChunks.call(this);
        parked.push(isParked(sheetOf(this)));
        return chunks;
      });
      // Without parking as read, nothing parked at all: not even where the test's heap is past the apply's threshold.
      const noParking = jest.spyOn(XlsxWorkbook.prototype, "apply").mockImplementation(async function (this: XlsxWorkbook, changes: readonly WorkbookChange[], options?: ApplyOptions) {
        if (parkFrom === Infinity) this.parkAbove = Infinity;
        await apply.call(this, changes, options);
      });
      const r = await runCli(NOW, [input, "--out", out, "--buyer-zone", "America/New_York"]);
      spy.mockRestore();
      noParking.mockRestore();
      expect(r.err).toEqual([]);
      expect(r.code).toBe(0);
      return { parked, file: await parts(readFileSync(out)) };
    };
    const park = jest.spyOn(XlsxParked, "parkCells");
    const parked = await run(0, path.join(work, "read-parked.xlsx"));
    // Evaluated, its columns and key written, 25 checklists and the finance summary made, and
    // written: parked all along (a sheet once unparked is parked again only by parkCells, which
    // may park the command's other sheets, the assumptions, where the test's heap is past 512 MB).
    expect(parked.parked).toEqual([true, true]);
    expect(park.mock.calls.filter(([sheet]) => sheet.name === "Quotes")).toEqual([]);
    const plain = await run(Infinity, path.join(work, "read-plain.xlsx"));
    expect(plain.parked).toEqual([false, false]);
    expect(Object.keys(parked.file)).toEqual(Object.keys(plain.file));
    for (const name of Object.keys(plain.file)) expect({ name, xml: parked.file[name] }).toEqual({ name, xml: plain.file[name] });
  });
});
