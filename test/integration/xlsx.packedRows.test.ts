// A large sheet's rows set aside as they are parsed and reconciled a row at a time when its rows
// are made (src/workbook/xlsxPackedRows.ts): every cell must come back as ExcelJS reads it, on
// the path where the sheet is then parked and on the one where it is not (merged cells), and the
// file written must be the same.
import JSZip from "jszip";
import Worksheet from "exceljs/lib/doc/worksheet";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { isParked } from "../../src/workbook/xlsxParkedRows";
import { packedCells } from "../../src/workbook/xlsxPackedRows";
import { cellsOf, held, parts, readBoth, ROWS, shown, styles, userFile } from "../helpers/loadedCells";

const threshold = XlsxWorkbook.parkAsReadFrom;
afterEach(() => {
  XlsxWorkbook.parkAsReadFrom = threshold;
  jest.restoreAllMocks();
});

/** The user's file (userFile) without its merged range, so that its sheet is parked as it is read. */
async function unmergedFile(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await userFile());
  const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const unmerged = xml.replace(/<mergeCells[\s\S]*?<\/mergeCells>/, "");
  if (unmerged === xml) throw new Error("no merged range found in the sheet part");
  zip.file("xl/worksheets/sheet1.xml", unmerged);
  return zip.generateAsync({ type: "nodebuffer" });
}

/**
 * `file` read by the adapter with rows packed past their sheet's first `fromCells` cells, the
 * cells its rows held and had set aside when its rows were made, and the same file read by
 * ExcelJS alone and by the adapter without packing.
 */
async function readPacked(file: Buffer, fromCells: number) {
  const original = (Worksheet.prototype as unknown as { _parseRows(model: unknown): void })._parseRows;
  const made: { held: number; packed: number }[] = [];
  jest.spyOn(Worksheet.prototype as unknown as { _parseRows(model: unknown): void }, "_parseRows").mockImplementation(function (this: unknown, model: unknown) {
    const rows = ((model as { rows?: ({ cells: unknown[] } | undefined)[] }).rows ?? []).filter((row) => row !== undefined);
    made.push({ held: rows.reduce((n, row) => n + row.cells.length, 0), packed: rows.reduce((n, row) => n + packedCells(row), 0) });
    original.call(this, model);
  });
  XlsxWorkbook.parkAsReadFrom = fromCells;
  const packed = await XlsxWorkbook.fromBuffer(file);
  jest.restoreAllMocks();
  XlsxWorkbook.parkAsReadFrom = Infinity;
  const { theirs, ours: plain } = await readBoth(file);
  return { packed, plain, theirs, made };
}

function vendors(workbook: XlsxWorkbook) {
  return (workbook as unknown as { book: import("exceljs").Workbook }).book.getWorksheet("Vendors")!;
}

describe("rows packed as they are parsed", () => {
  // Past 20 cells, from the third row on (11 and 8 cells in the first two): the link (A10), the
  // notes (A12, F31) and the shared formula's clones are packed, its master (F2) held as parsed.
  // Past none, from the first row: the master is packed too.
  it.each([
    ["parked as read", 20, false],
    ["parked as read", 0, false],
    ["not parked (merged cells)", 20, true],
  ])("give back every cell as ExcelJS reads it, the sheet %s, packed past %d cells", async (_name, fromCells, merged) => {
    const file = merged ? await userFile() : await unmergedFile();
    const { packed, plain, theirs, made } = await readPacked(file, fromCells);
    // When the sheet's rows were made, its row models held its first cells up to the threshold at most: the rest were set aside.
    const sheetMade = made.reduce((most, m) => (m.held + m.packed > most.held + most.packed ? m : most));
    expect(sheetMade.held).toBeLessThanOrEqual(fromCells);
    const sheet = vendors(packed);
    expect(isParked(sheet)).toBe(!merged);
    expect(isParked(vendors(plain))).toBe(false);

    const expected = cellsOf(vendors(plain));
    const heldExpected = held(expected);
    const shownExpected = shown(expected);
    const stylesExpected = styles(expected);
    const actual = cellsOf(sheet);
    expect(actual.length).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(ROWS * 7);
    expect(sheetMade.packed).toBeGreaterThanOrEqual(expected.length - fromCells);
    // Fields in order, value kinds, models' fields and values (the same objects where they are shared), notes.
    const heldActual = held(actual).map((h) => ({ ...(h as Record<string, unknown>), row: undefined, column: undefined, style: undefined, comment: undefined }));
    expect(heldActual).toEqual(heldExpected.map((h) => ({ ...(h as Record<string, unknown>), row: undefined, column: undefined, style: undefined, comment: undefined })));
    expect(shown(actual)).toEqual(shownExpected);
    expect(styles(actual)).toEqual(stylesExpected);
    // What ExcelJS's own read shows: values, formats, notes, links, merges.
    expect(shown(actual).map((c) => ({ ...(c as Record<string, unknown>), model: undefined }))).toEqual(
      shown(cellsOf(theirs.getWorksheet("Vendors")!)).map((c) => ({ ...(c as Record<string, unknown>), model: undefined })),
    );
    // The file written is the same.
    expect(await parts(await packed.toBuffer())).toEqual(await parts(await plain.toBuffer()));
  });

  it("are not packed below the threshold", async () => {
    const { made } = await readPacked(await unmergedFile(), Infinity);
    expect(made.every((m) => m.packed === 0)).toBe(true);
  });

  it("give back the cells of a sheet the adapter made, read again, as they are read without packing", async () => {
    // A made sheet's filled-down formulas, written as shared formulas: styled clones with their
    // results (number, text, boolean), the forms most of the command's finance summary is in.
    const { ours } = await readBoth(await unmergedFile());
    const column = (parts: string[], result: (r: number) => unknown) => (r: number) => ({ formula: parts.join(String(r + 1)), cachedValue: result(r), rowTemplate: { parts, row: String(r + 1) } });
    const cost = column(["=B", "*2"], (r) => r * 3);
    const label = column(["=A", '&"!"'], (r) => `Row ${r + 1}!`);
    const flag = column(["=B", ">10"], (r) => r * 1.5 > 10);
    await ours.apply([
      { kind: "ensureSheet", sheet: "Made" },
      { kind: "writeRange", sheet: "Made", address: "A1", cells: Array.from({ length: 60 }, (_, r) => [`Row ${r + 1}`, r * 1.5, cost(r), label(r), flag(r)]) as never },
      { kind: "formatRange", sheet: "Made", address: "B1:E60", format: { numberFormat: "0.00" } },
      // Columns of two and three letters.
      { kind: "writeRange", sheet: "Made", address: "Z1", cells: Array.from({ length: 60 }, (_, r) => [r, `Z ${r}`, r % 2 === 0]) },
      { kind: "writeRange", sheet: "Made", address: "AAZ1", cells: Array.from({ length: 60 }, (_, r) => [r * 2]) },
    ]);
    const file = Buffer.from(await ours.toBuffer());
    const { packed, plain, made } = await readPacked(file, 50);
    expect(made.some((m) => m.packed >= 250)).toBe(true);
    const sheetOf = (workbook: XlsxWorkbook) => (workbook as unknown as { book: import("exceljs").Workbook }).book.getWorksheet("Made")!;
    const expected = cellsOf(sheetOf(plain));
    const actual = cellsOf(sheetOf(packed));
    expect(actual.length).toBe(540);
    expect(actual.some((cell) => cell.address === "AAZ60")).toBe(true);
    const anonymous = (cells: ReturnType<typeof cellsOf>) => held(cells).map((h) => ({ ...(h as Record<string, unknown>), row: undefined, column: undefined, style: undefined, comment: undefined }));
    expect(anonymous(actual)).toEqual(anonymous(expected));
    expect(shown(actual)).toEqual(shown(expected));
    expect(styles(actual)).toEqual(styles(expected));
    // Most of them are the clones packed in one form (the styled clone with its result).
    expect(expected.filter((cell) => "sharedFormula" in cell._value.model && cell._value.model.sharedFormula !== undefined).length).toBeGreaterThan(150);
  });
});
