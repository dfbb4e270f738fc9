// The rows of the user's own sheets (ordinary ExcelJS worksheets: read from their file, then
// written into) are prepared and written a row at a time (src/workbook/xlsxSheetRows.ts) instead
// of from ExcelJS's model of every row at once. The package must be the one ExcelJS 4.4's own
// writer (workbook.xlsx.writeBuffer) writes for the same workbook: over generated workbooks of
// every kind of cell (numbers, text, booleans, dates in 1900 and 1904 workbooks, rich text,
// hyperlinks, errors, formulas with every kind of result, shared formulas and their clones, also
// in the row of their master and far below it, styled empty cells), notes, merged cells, row
// heights, hidden and outlined rows, read from a file and then written into as the add-in writes,
// each sheet's XML (row by row), the shared strings, styles, notes and relationships must be theirs.
import fc from "fast-check";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { columnLetters } from "../../src/workbook/address";
import { XlsxWorkbook } from "../../src/workbook/xlsx";

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("", " lead", "trail ", "Tom & Jerry's <b>", 'say "hi"', "line\nbreak", "Zürich 東京 🚀"));
const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(0, -1.5e-7, 0.1 + 0.2, 1e21));
const date = fc.date({ min: new Date(Date.UTC(1905, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true });
/** A formula's cached result, of every type ExcelJS writes one. */
const result = fc.oneof({ arbitrary: number, weight: 3 }, text, fc.boolean(), fc.constant(undefined), date, fc.constantFrom({ error: "#N/A" }, { error: "#DIV/0!" }));
const value: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  { arbitrary: number, weight: 3 },
  { arbitrary: text, weight: 3 },
  fc.boolean(),
  fc.constant(null),
  date,
  fc.constantFrom({ error: "#N/A" } as ExcelJS.CellErrorValue, { error: "#REF!" } as ExcelJS.CellErrorValue),
  // Plain objects, as a program makes them (fast-check's records have no prototype, which ExcelJS's rich text writer does not take).
  fc
    .array(fc.record({ text: fc.string({ minLength: 1, maxLength: 6 }), font: fc.constantFrom(undefined, { bold: true }, { italic: true, size: 9 }) }, { requiredKeys: ["text"] }), { minLength: 1, maxLength: 3 })
    .map((runs) => ({ richText: runs.map((run) => ({ ...run })) }) as ExcelJS.CellValue),
  fc
    .record({ text: fc.string({ minLength: 1, maxLength: 8 }), hyperlink: fc.constantFrom("https://example.com/a?b=1&c=2", "mailto:x@example.com"), tooltip: fc.constantFrom(undefined, "Open it") }, { requiredKeys: ["text", "hyperlink"] })
    .map((link) => ({ ...link }) as ExcelJS.CellValue),
);
type Entry =
  | { kind: "value"; value: ExcelJS.CellValue }
  | { kind: "formula"; formula: string; result: unknown }
  /** A clone of the `master`-th formula written before it (any row above, or left of it in its row). */
  | { kind: "clone"; master: number; result: unknown };
const entry: fc.Arbitrary<Entry> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("value" as const), value }), weight: 4 },
  fc.record({ kind: fc.constant("formula" as const), formula: fc.constantFrom("A1*2", 'IF(B2<>"","a&b<c>","")', "SUM($A$1:A1)", "NOW()"), result }),
  { arbitrary: fc.record({ kind: fc.constant("clone" as const), master: fc.nat(), result }), weight: 2 },
);
const STYLES: (Partial<ExcelJS.Style> | undefined)[] = [undefined, { numFmt: "0.00" }, { font: { bold: true } }, { numFmt: "yyyy-mm-dd", alignment: { wrapText: true } }];
const cell = fc.record({ entry, style: fc.nat(STYLES.length - 1), note: fc.option(fc.constantFrom("A note", "Tom & <Jerry>"), { nil: undefined, freq: 8 }) });
const row = fc.record({
  cells: fc.array(fc.option(cell, { nil: undefined, freq: 4 }), { maxLength: 8 }),
  height: fc.option(fc.constantFrom(12, 30.5), { nil: undefined, freq: 5 }),
  hidden: fc.boolean(),
  outlineLevel: fc.constantFrom(0, 0, 0, 1, 2),
});
/** Rows, with runs of missing rows between them. */
const grid = fc.array(fc.option(row, { nil: undefined, freq: 6 }), { maxLength: 14 });
/** Merged ranges right of the grid's columns (one band of columns each, so they never overlap): first row, rows, columns. */
const merges = fc.array(fc.record({ top: fc.integer({ min: 1, max: 12 }), rows: fc.integer({ min: 1, max: 3 }), columns: fc.integer({ min: 1, max: 2 }), value: fc.option(text, { nil: undefined }) }), { maxLength: 3 });
const sheet = fc.record({ grid, merges });

type Sheet = { grid: ({ cells: ({ entry: Entry; style: number; note?: string } | undefined)[]; height?: number; hidden: boolean; outlineLevel: number } | undefined)[]; merges: { top: number; rows: number; columns: number; value?: string }[] };

/** Writes `content` into `worksheet` from row `top` on, through ExcelJS's cell API. */
function write(worksheet: ExcelJS.Worksheet, content: Sheet, top: number, mergeColumn: number): void {
  const formulas: string[] = [];
  content.grid.forEach((generated, r) => {
    if (!generated) return;
    const sheetRow = worksheet.getRow(top + r);
    generated.cells.forEach((generatedCell, c) => {
      if (!generatedCell) return;
      const { entry: e, style, note } = generatedCell;
      const address = `${columnLetters(c)}${top + r}`;
      const target = worksheet.getCell(address);
      if (e.kind === "value") target.value = e.value;
      else if (e.kind === "formula") {
        target.value = { formula: e.formula, result: e.result } as ExcelJS.CellValue;
        formulas.push(address);
      } else {
        if (formulas.length === 0) return;
        target.value = { sharedFormula: formulas[e.master % formulas.length], result: e.result } as ExcelJS.CellValue;
      }
      if (STYLES[style]) target.style = { ...STYLES[style] };
      if (note !== undefined) target.note = note;
    });
    if (generated.height !== undefined) sheetRow.height = generated.height;
    if (generated.hidden) sheetRow.hidden = true;
    if (generated.outlineLevel) sheetRow.outlineLevel = generated.outlineLevel;
  });
  content.merges.forEach((merge, i) => {
    const left = mergeColumn + 3 * i;
    const from = `${columnLetters(left)}${top + merge.top - 1}`;
    const to = `${columnLetters(left + merge.columns - 1)}${top + merge.top + merge.rows - 2}`;
    if (merge.value !== undefined) worksheet.getCell(from).value = merge.value;
    if (merge.rows * merge.columns > 1) worksheet.mergeCells(`${from}:${to}`);
  });
}

/** Every part of a package but the one stamped with the time of writing, by name. */
async function parts(buffer: Buffer | ArrayBuffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buffer);
  const found: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) if (!zip.files[name].dir && name !== "docProps/core.xml") found[name] = await zip.file(name)!.async("string");
  return found;
}

/** A sheet's rows, one string each: a difference is reported by row. */
function sheetRows(xml: string): string[] {
  return xml.split(/(?=<row )/);
}

describe("the rows of an ordinary sheet", () => {
  it("are prepared and written as ExcelJS's own writer prepares and writes them, for a workbook read from a file and written into", async () => {
    await fc.assert(
      fc.asyncProperty(sheet, sheet, sheet, fc.boolean(), async (first, second, added, date1904) => {
        // The user's file: two sheets, written by ExcelJS.
        const original = new ExcelJS.Workbook();
        original.properties.date1904 = date1904;
        write(original.addWorksheet("Vendors"), first, 1, 10);
        write(original.addWorksheet("Other"), second, 3, 12);
        const file = Buffer.from(await original.xlsx.writeBuffer());

        // Read back, then written into below and right of what is there, by ExcelJS's cell API (as the adapter writes a sheet's result columns), and a sheet added.
        const writeInto = (book: ExcelJS.Workbook) => {
          write(book.getWorksheet("Vendors")!, added, 5, 22);
          write(book.addWorksheet("Added"), added, 1, 10);
        };
        const theirs = new ExcelJS.Workbook();
        await theirs.xlsx.load(file as unknown as ArrayBuffer);
        writeInto(theirs);
        const ours = await XlsxWorkbook.fromBuffer(file);
        writeInto((ours as unknown as { book: ExcelJS.Workbook }).book);

        // A clone whose master was written over is refused by ExcelJS's writer: by the adapter the same way.
        let written: Buffer | ArrayBuffer;
        try {
          written = await theirs.xlsx.writeBuffer();
        } catch (error) {
          await expect(ours.toBuffer()).rejects.toThrow((error as Error).message);
          return;
        }
        const expected = await parts(written);
        const actual = await parts(await ours.toBuffer());
        expect(Object.keys(actual)).toEqual(Object.keys(expected));
        for (const name of Object.keys(expected)) {
          if (name.startsWith("xl/worksheets/sheet")) expect({ name, rows: sheetRows(actual[name]) }).toEqual({ name, rows: sheetRows(expected[name]) });
          else expect({ name, xml: actual[name] }).toEqual({ name, xml: expected[name] });
        }
      }),
      { numRuns: 60 },
    );
  }, 240_000);
});

describe("writing an ordinary sheet", () => {
  // ExcelJS's sheet model (lib/doc/worksheet.js `get model()`) makes every row's model at once,
  // each with its cells' own models (lib/doc/row.js, lib/doc/cell.js `get model()`), and its
  // preparation writes its numbers onto them: a second copy of the user's table in memory, and
  // numbers kept on every cell for as long as the workbook lives.
  it("makes no row's ExcelJS model and leaves the cells' own models as they were", async () => {
    const original = new ExcelJS.Workbook();
    const vendors = original.addWorksheet("Vendors");
    for (let r = 1; r <= 200; r++) vendors.addRow([`Vendor ${r}`, r * 1.5, r % 3 === 0, new Date(Date.UTC(2026, 0, r)), { formula: `B${r}*2`, result: r * 3 }]);
    const workbook = await XlsxWorkbook.fromBuffer(Buffer.from(await original.xlsx.writeBuffer()));
    const sheet = (workbook as unknown as { book: ExcelJS.Workbook }).book.getWorksheet("Vendors")!;
    // Written into as the adapter writes a result column, and a filled-down formula.
    for (let r = 2; r <= 200; r++) {
      sheet.getCell(`F${r}`).value = `Result ${r % 7}`;
      sheet.getCell(`G${r}`).value = r === 2 ? { formula: "E2+1", result: 7 } : ({ sharedFormula: "G2", result: r } as ExcelJS.CellValue);
    }
    const models = () => {
      const found: string[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => found.push(JSON.stringify(Object.entries((cell as unknown as { _value: { model: object } })._value.model)))));
      return found;
    };
    const before = models();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Row = require("exceljs/lib/doc/row") as { prototype: object };
    const rowModels = jest.spyOn(Row.prototype as { model: unknown }, "model", "get");
    try {
      await workbook.toBuffer();
      expect(rowModels).not.toHaveBeenCalled();
    } finally {
      rowModels.mockRestore();
    }
    expect(models()).toEqual(before);
  });
});
