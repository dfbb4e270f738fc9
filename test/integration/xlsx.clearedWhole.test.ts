// A sheet the add-in writes whole (the finance summary) is cleared and written again each time the
// buyer prepares for finance. Where the clear leaves the sheet holding nothing a sheet made by the
// adapter does not hold as well, the xlsx adapter starts it again as a made sheet (its cells kept
// outside ExcelJS until the file is written) instead of making each old cell, emptying it and
// writing the new ones through ExcelJS's cells: what the file holds must be the same either way,
// and anything else in the sheet (a note, merged cells, a row's height, a column's style, a cell
// outside the cleared range, a table) keeps the sheet on the cell-by-cell path, where it is kept.
import { mkdtempSync, readFileSync, rmSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { writeBenchWorkbook } from "../../bench/cli.bench";
import { SUMMARY_SHEET } from "../../src/actions/finance";
import type { CellWrite, WorkbookChange } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import * as XlsxParked from "../../src/workbook/xlsxParkedRows";
import { isParked, parkedRows } from "../../src/workbook/xlsxParkedRows";
import { runCli } from "../helpers/cli";
import { parts } from "../helpers/loadedCells";

const NOW = new Date("2026-03-01T12:00:00Z");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cleared-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const threshold = XlsxWorkbook.parkAsReadFrom;
afterEach(() => {
  XlsxWorkbook.parkAsReadFrom = threshold;
  jest.restoreAllMocks();
});

const OLD_ROWS = 40;

/** A workbook whose "Summary" sheet holds an earlier summary in A1:H40 (values, styles, formulas, shared ones, widths), and `extra` done to it. */
async function summaryFile(extra: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void = () => {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const data = book.addWorksheet("Data");
  data.getCell("A1").value = "Kept";
  data.getCell("B2").value = 42;
  const sheet = book.addWorksheet("Summary");
  sheet.getCell("A1").value = "Old title";
  sheet.getCell("A1").font = { bold: true, size: 14 };
  for (let r = 2; r <= OLD_ROWS; r++) {
    sheet.getCell(`A${r}`).value = `Vendor ${r}`;
    sheet.getCell(`B${r}`).value = r * 1.5;
    sheet.getCell(`B${r}`).numFmt = "0.0";
    sheet.getCell(`C${r}`).value = (r === 2 ? { formula: "B2*2", result: 6, shareType: "shared", ref: `C2:C${OLD_ROWS}` } : { sharedFormula: "C2", result: r * 3 }) as ExcelJS.CellValue;
    sheet.getCell(`D${r}`).value = { formula: `B${r}+1`, result: r * 1.5 + 1 } as ExcelJS.CellValue;
    if (r % 3 === 0) sheet.getCell(`H${r}`).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEEFF" } };
  }
  sheet.getColumn(1).width = 30;
  sheet.getColumn(3).width = 12;
  extra(sheet, book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** What preparing again writes: the sheet ensured, its earlier area cleared, `rows` rows of a new summary written and formatted. */
function rewrite(rows: number, clearFirst = true): WorkbookChange[] {
  const sheet = "summary";
  const body: CellWrite[][] = Array.from({ length: rows }, (_, i) => {
    const r = i + 3;
    return [`Option ${i + 1}`, i * 2.25, { formula: `=B${r}*3`, cachedValue: i * 6.75 }, i % 2 === 0, null, "x"];
  });
  const clear: WorkbookChange = { kind: "clearRange", sheet, address: `A1:H${OLD_ROWS}` };
  const name: WorkbookChange = { kind: "setName", name: "SummaryArea", sheet, address: `A1:F${rows + 2}` };
  return [
    { kind: "ensureSheet", sheet },
    ...(clearFirst ? [clear, name] : [name, clear]),
    { kind: "writeRange", sheet, address: "A1", cells: [["New title"]] },
    { kind: "writeRange", sheet, address: "A3", cells: body },
    { kind: "formatRange", sheet, address: "A1", format: { bold: true, columnWidth: 150 } },
    { kind: "formatRange", sheet, address: `B3:C${rows + 2}`, format: { numberFormat: "#,##0.00", fill: "#FFF2CC" } },
  ];
}

function sheetOf(workbook: XlsxWorkbook, name = "Summary"): ExcelJS.Worksheet {
  return (workbook as unknown as { book: ExcelJS.Workbook }).book.getWorksheet(name)!;
}

function isMade(workbook: XlsxWorkbook, name = "Summary"): boolean {
  return (workbook as unknown as { created: Map<ExcelJS.Worksheet, unknown> }).created.has(sheetOf(workbook, name));
}

/** `file` with `changes` applied, by the adapter as it is (made: whether it made the sheet again) and cell by cell (the sheets it makes held in ExcelJS from the start). */
async function bothWays(file: Buffer, changes: readonly WorkbookChange[], parkFrom = Infinity) {
  XlsxWorkbook.parkAsReadFrom = parkFrom;
  const ours = await XlsxWorkbook.fromBuffer(file);
  XlsxWorkbook.parkAsReadFrom = Infinity;
  const byCell = await XlsxWorkbook.fromBuffer(file);
  byCell.keepMadeSheetsOutside = false;
  await ours.apply(changes);
  await byCell.apply(changes);
  return { ours, byCell, made: isMade(ours) };
}

/** Every cell ExcelJS reads back from the sheet, with its value and what it looks like, and the sheet's widths. */
async function shownCells(workbook: XlsxWorkbook, name = "Summary"): Promise<unknown> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await workbook.toBuffer()) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(name)!;
  const cells: unknown[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.value === null && Object.keys(cell.style).length === 0) return;
      cells.push({ at: cell.address, value: cell.value, numFmt: cell.numFmt, font: cell.font, fill: cell.fill, note: cell.note });
    }),
  );
  const widths = (sheet.columns ?? []).map((column) => column.width);
  return { cells, widths, merges: (sheet.model as { merges: string[] }).merges, names: book.definedNames.model };
}

describe("a sheet cleared whole and written again", () => {
  it.each([
    ["the same rows", OLD_ROWS - 2],
    ["fewer rows", 12],
    ["more rows", 90],
  ])("with %s is made again, and holds what clearing and writing it cell by cell leaves", async (_what, rows) => {
    const { ours, byCell, made } = await bothWays(await summaryFile(), rewrite(rows));
    expect(made).toBe(true);
    expect(isMade(byCell)).toBe(false);
    expect(await shownCells(ours)).toEqual(await shownCells(byCell));
    expect(await shownCells(ours, "Data")).toEqual(await shownCells(byCell, "Data"));
    const [mine, theirs] = [await parts(await ours.toBuffer()), await parts(await byCell.toBuffer())];
    expect(Object.keys(mine)).toEqual(Object.keys(theirs));
    // Cell by cell, the emptied cells stay in their rows: the rows' spans, and rows and cells of
    // no value below the new summary, are all that differ.
    const sheetPart = "xl/worksheets/sheet2.xml";
    for (const name of Object.keys(theirs)) if (name !== sheetPart) expect({ name, xml: mine[name] }).toEqual({ name, xml: theirs[name] });
    const plain = (xml: string) => xml.replace(/ spans="\d+:\d+"/g, "").replace(/<c r="[A-Z]+\d+"\/>/g, "").replace(/<row r="\d+"[^>]*\/>|<row r="\d+"[^>]*><\/row>/g, "").replace(/<dimension ref="[^"]*"\/>/, "");
    expect(plain(mine[sheetPart])).toEqual(plain(theirs[sheetPart]));
    if (rows >= OLD_ROWS - 2) expect(mine[sheetPart]).toContain(`<dimension ref="A1:F${rows + 2}"/>`);
  });

  it("then given a change of a kind a made sheet does not keep (a note) holds what the cell-by-cell path leaves, the note included", async () => {
    const changes: WorkbookChange[] = [...rewrite(20), { kind: "setNote", sheet: "Summary", address: "B4", text: "Checked", replaces: true }];
    const { ours, byCell } = await bothWays(await summaryFile(), changes);
    const shown = (await shownCells(ours)) as { cells: { at: string; note?: unknown }[] };
    expect(shown).toEqual(await shownCells(byCell));
    expect(shown.cells.find((c) => c.at === "B4")?.note).toBe("Checked");
  });

  it("keeps the order of its changes: a second clear after the writes empties what they wrote", async () => {
    const changes: WorkbookChange[] = [...rewrite(20), { kind: "clearRange", sheet: "Summary", address: "B5:C7" }];
    const { ours, byCell } = await bothWays(await summaryFile(), changes);
    const shown = (await shownCells(ours)) as { cells: { at: string; value: unknown }[] };
    expect(shown).toEqual(await shownCells(byCell));
    expect(shown.cells.filter((c) => /^[BC][567]$/.test(c.at) && c.value !== null)).toEqual([]);
    expect(shown.cells.find((c) => c.at === "B8")?.value).toBe(11.25);
  });

  it("is the same when the sheet was parked as it was read: its cells are let go, never given back", async () => {
    const discard = jest.spyOn(XlsxParked, "discardParked");
    const file = await summaryFile();
    XlsxWorkbook.parkAsReadFrom = 0;
    const ours = await XlsxWorkbook.fromBuffer(file);
    const sheet = sheetOf(ours);
    expect(isParked(sheet)).toBe(true);
    const view = parkedRows(sheet)!;
    await ours.apply(rewrite(20));
    expect(discard.mock.calls.map(([s]) => s.name)).toEqual(["Summary"]);
    expect(isMade(ours)).toBe(true);
    expect(isParked(sheet)).toBe(false);
    // A view kept from before refuses, as after an unpark.
    expect(() => view.cellOf(1, 1)).toThrow(/no longer parked/);
    const { byCell } = await bothWays(file, rewrite(20));
    expect(await shownCells(ours)).toEqual(await shownCells(byCell));
    expect(await shownCells(ours, "Data")).toEqual(await shownCells(byCell, "Data"));
  });

  const kept: [string, (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void, WorkbookChange[]?][] = [
    ["a note in the cleared range", (sheet) => (sheet.getCell("B5").note = "The buyer's own note")],
    ["merged cells", (sheet) => sheet.mergeCells("E10:F11")],
    ["a row of its own height", (sheet) => (sheet.getRow(7).height = 30)],
    ["a hidden row", (sheet) => (sheet.getRow(8).hidden = true)],
    ["a column with a style", (sheet) => (sheet.getColumn(5).numFmt = "0.000")],
    ["a cell right of the cleared range", (sheet) => (sheet.getCell("J4").value = "Mine")],
    ["a cell below the cleared range", (sheet) => (sheet.getCell(`A${OLD_ROWS + 3}`).value = "Mine")],
    ["a table", (sheet) => sheet.addTable({ name: "Mine", ref: "K2", columns: [{ name: "X" }], rows: [[1]] })],
    ["a clear that is not from A1", () => {}, rewrite(20).map((c) => (c.kind === "clearRange" ? { ...c, address: `A2:H${OLD_ROWS}` } : c))],
    ["a change to the sheet before the clear", () => {}, rewrite(20, false)],
  ];
  it.each(kept)("with %s is cleared cell by cell, as before, and keeps it", async (_what, extra, changes = rewrite(20)) => {
    for (const parkFrom of [Infinity, 0]) {
      const { ours, byCell, made } = await bothWays(await summaryFile(extra), changes, parkFrom);
      expect(made).toBe(false);
      const [mine, theirs] = [await parts(await ours.toBuffer()), await parts(await byCell.toBuffer())];
      for (const name of Object.keys(theirs)) expect({ parkFrom, name, xml: mine[name] }).toEqual({ parkFrom, name, xml: theirs[name] });
    }
  });

  it("keeps the note, the merge, the height, the column style and the cells outside", async () => {
    const file = await summaryFile((sheet) => {
      sheet.getCell("B5").note = "The buyer's own note";
      sheet.mergeCells("E10:F11");
      sheet.getRow(7).height = 30;
      sheet.getColumn(5).numFmt = "0.000";
      sheet.getCell("J4").value = "Mine";
    });
    const { ours } = await bothWays(file, rewrite(20));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await ours.toBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Summary")!;
    expect(sheet.getCell("B5").note).toBe("The buyer's own note");
    expect((sheet.model as { merges: string[] }).merges).toEqual(["E10:F11"]);
    expect(sheet.getRow(7).height).toBe(30);
    expect(sheet.getColumn(5).numFmt).toBe("0.000");
    expect(sheet.getCell("J4").value).toBe("Mine");
    expect(sheet.getCell("A1").value).toBe("New title");
  });
});

describe("the command line, run again on the file it wrote", () => {
  it("makes the finance summary again and writes the summary it wrote the first time", async () => {
    const input = path.join(work, "again-in.xlsx");
    const first = path.join(work, "again-1.xlsx");
    const second = path.join(work, "again-2.xlsx");
    await writeBenchWorkbook(input, 300);
    const run = async (from: string, out: string) => {
      const r = await runCli(NOW, [from, "--out", out, "--buyer-zone", "America/New_York"]);
      expect(r.err).toEqual([]);
      expect(r.code).toBe(0);
    };
    await run(input, first);
    const apply = XlsxWorkbook.prototype.apply;
    const made: boolean[] = [];
    jest.spyOn(XlsxWorkbook.prototype, "apply").mockImplementation(async function (this: XlsxWorkbook, changes, options) {
      const clearsSummary = changes.some((c) => c.kind === "clearRange" && c.sheet === SUMMARY_SHEET);
      await apply.call(this, changes, options);
      if (clearsSummary) made.push(isMade(this, SUMMARY_SHEET));
    });
    await run(first, second);
    expect(made).toEqual([true]);
    const [once, twice] = [await parts(readFileSync(first)), await parts(readFileSync(second))];
    const id = new RegExp(`<sheet [^>]*name="${SUMMARY_SHEET}"[^>]*r:id="(\\w+)"`).exec(once["xl/workbook.xml"])?.[1];
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(once["xl/_rels/workbook.xml.rels"]);
    const summaryPart = target && `xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, "")}`;
    // A sheet's page setup, read and written again by ExcelJS, gains its defaults: that part of the sheet is not the summary's.
    const cells = (xml: string) => xml.replace(/<pageSetup [^>]*\/>/, "");
    expect(summaryPart).toBeDefined();
    expect(cells(twice[summaryPart!])).toEqual(cells(once[summaryPart!]));
  });
});
