// Sheets the command line makes (checklists, the finance summary) keep their cells outside
// ExcelJS until the file is written (src/workbook/xlsxCreatedSheet.ts), and every sheet's XML
// reaches the package in pieces (zipPackage.ts). The file must be the one ExcelJS would have
// written had the cells been ExcelJS cells all along: the same job is run twice on the same
// input, once as the command line runs it and once with the made sheets' cells written into
// ExcelJS as they come, and the two files are compared part by part and cell by cell.
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { writeBenchWorkbook } from "../../bench/cli.bench";
import { evaluateTable } from "../../src/actions/evaluate";
import { insertChecklistSheet } from "../../src/actions/checklist";
import { prepareForFinance, SUMMARY_SHEET } from "../../src/actions/finance";
import type { CellWrite, WorkbookChange } from "../../src/workbook/port";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { CreatedSheet as CreatedSheetClass, type CreatedSheet } from "../../src/workbook/xlsxCreatedSheet";
import { ZipPackage } from "../../src/workbook/zipPackage";

const ROOT = path.resolve(__dirname, "..", "..");
const NOW = new Date("2026-03-02T15:30:00Z");
const TODAY = { year: 2026, month: 3, day: 2 };
const ZONE = "America/New_York";
/** Parts that hold the time of writing (ExcelJS stamps the package's creation and change time). */
const STAMPED = new Set(["docProps/core.xml"]);

/** The command line's job on `file`: evaluate, a checklist for the first rows, the finance summary in formulas. */
async function job(file: string, table: string, checklists: number, outside: boolean): Promise<XlsxWorkbook> {
  const workbook = await XlsxWorkbook.open(file);
  workbook.keepMadeSheetsOutside = outside;
  const evaluated = await evaluateTable(workbook, table, { buyerTimeZone: ZONE, today: TODAY });
  expect(evaluated.kind).toBe("done");
  for (let rowIndex = 0; rowIndex < checklists; rowIndex++) {
    const outcome = await insertChecklistSheet(workbook, { table, rowIndex, today: TODAY });
    expect(outcome.kind).toBe("done");
  }
  const finance = await prepareForFinance(workbook, table, { mode: "formulas", now: NOW, buyerTimeZone: ZONE });
  expect(finance.kind).toBe("done");
  return workbook;
}

/** Everything of a workbook a user sees, cell by cell, as ExcelJS reads it back. */
function contents(book: ExcelJS.Workbook): unknown {
  return {
    names: (book.definedNames as unknown as { model: unknown }).model,
    sheets: book.worksheets.map((sheet) => {
      const cells: unknown[] = [];
      sheet.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          cells.push({
            address: cell.address,
            type: cell.type,
            value: cell.value,
            formula: cell.formula,
            result: cell.result,
            numFmt: cell.numFmt,
            font: cell.font,
            fill: cell.fill,
            alignment: cell.alignment,
            border: cell.border,
            note: cell.note,
          });
        }),
      );
      const model = sheet.model as unknown as { merges: string[]; dimensions: unknown };
      return {
        name: sheet.name,
        state: sheet.state,
        views: sheet.views,
        widths: (sheet.columns ?? []).map((c) => c.width),
        merges: model.merges,
        dimensions: String(model.dimensions),
        validations: (sheet as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
        conditionalFormats: (sheet as unknown as { conditionalFormattings: unknown }).conditionalFormattings,
        tables: sheet.getTables().map((t) => (t as unknown as { table: { name: string; tableRef: string } }).table.tableRef),
        cells,
      };
    }),
  };
}

async function parts(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buffer, { checkCRC32: true });
  const found = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) if (!STAMPED.has(name) && !zip.files[name].dir) found.set(name, await zip.file(name)!.async("string"));
  return found;
}

describe.each([
  ["the sample workbook", async () => path.join(ROOT, "assets", "sample-vendors.xlsx"), "Vendors", 3],
  [
    "a generated 300-row workbook",
    async () => {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), "offshore-created-")), "quotes.xlsx");
      await writeBenchWorkbook(file, 300);
      return file;
    },
    "Quotes",
    2,
  ],
] as const)("%s", (_label, input, table, checklists) => {
  let kept: Buffer;
  let moved: Buffer;

  beforeAll(async () => {
    const file = await input();
    kept = await (await job(file, table, checklists, true)).toBuffer();
    moved = await (await job(file, table, checklists, false)).toBuffer();
  }, 300_000);

  it("writes every part as it is written with the cells in ExcelJS from the start", async () => {
    const a = await parts(kept);
    const b = await parts(moved);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, text] of a) expect({ name, same: text === b.get(name) }).toEqual({ name, same: true });
  });

  it("reads back the same values, formulas, formats, widths, merges, validations and names", async () => {
    const a = new ExcelJS.Workbook();
    await a.xlsx.load(kept as unknown as ArrayBuffer);
    const b = new ExcelJS.Workbook();
    await b.xlsx.load(moved as unknown as ArrayBuffer);
    expect(a.getWorksheet(SUMMARY_SHEET)!.actualRowCount).toBeGreaterThan(10);
    expect(contents(a)).toEqual(contents(b));
  });
});

describe("a sheet made by the adapter", () => {
  // The finance summary writes its vendor block (51 columns) before the blocks right of it: laid
  // out at the width of the first block, every row would be copied to twice that width.
  it("is laid out once, at the width and height of all one apply writes to it, in the same file", async () => {
    const rows = 300;
    const left: CellWrite[][] = Array.from({ length: rows }, (_, r) => [`v${r}`, r, { formula: `=B${r + 1}*2`, cachedValue: r * 2 }]);
    const right: CellWrite[][] = Array.from({ length: rows + 20 }, (_, r) => [r, `w${r}`]);
    const changes: WorkbookChange[] = [
      { kind: "ensureSheet", sheet: "Made" },
      { kind: "writeRange", sheet: "Made", address: "A1", cells: left },
      { kind: "writeRange", sheet: "made", address: "BH3", cells: right },
    ];
    const fit = jest.spyOn(CreatedSheetClass.prototype as unknown as { fit: (rows: number, columns: number, exactly: boolean) => void }, "fit");
    const workbook = XlsxWorkbook.create();
    await workbook.apply(changes);
    expect(fit.mock.calls).toEqual([[rows + 22, 61, true]]);
    fit.mockRestore();
    const inExcelJS = XlsxWorkbook.create();
    inExcelJS.keepMadeSheetsOutside = false;
    await inExcelJS.apply(changes);
    expect((await workbook.toBuffer()).equals(await inExcelJS.toBuffer())).toBe(true);
  });

  it("keeps values, filled-down formulas and formats written to it, and can be read back after", async () => {
    const workbook = XlsxWorkbook.create();
    await workbook.apply([
      { kind: "ensureSheet", sheet: "Made" },
      {
        kind: "writeRange",
        sheet: "Made",
        address: "B2",
        cells: [
          ["Name", "Cost", "Double"],
          ["a", 1, { formula: "=C3*2", cachedValue: 2 }],
          ["b", 2.5, { formula: "=C4*2", cachedValue: 5 }],
          [true, null, { formula: "=C5*2", cachedValue: 0 }],
        ],
      },
      { kind: "formatRange", sheet: "Made", address: "B2:D2", format: { bold: true, fill: "#D9E1F2", columnWidth: 90 } },
      { kind: "formatRange", sheet: "Made", address: "C3:D5", format: { numberFormat: "#,##0.00" } },
    ]);
    const snapshot = (await workbook.read({ sheets: ["Made"] })).sheets.Made!;
    expect(snapshot.origin).toBe("B2");
    expect(snapshot.formulas).toEqual([
      ["Name", "Cost", "Double"],
      ["a", 1, "=C3*2"],
      ["b", 2.5, "=C4*2"],
      [true, null, "=C5*2"],
    ]);
    expect(snapshot.values[3]).toEqual([true, null, 0]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbook.toBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Made")!;
    expect(sheet.getCell("D4").formula).toBe("C4*2");
    expect(sheet.getCell("C5").numFmt).toBe("#,##0.00");
    expect(sheet.getCell("B2").font).toMatchObject({ bold: true });
  });
});

describe("a title read", () => {
  // What recognises the add-in's finance summary before it is written again: one cell, whichever
  // way the sheet's cells are kept, and the name as the workbook spells it.
  const changes: WorkbookChange[] = [
    { kind: "ensureSheet", sheet: "Made" },
    { kind: "writeRange", sheet: "Made", address: "A1", cells: [["  Title here", 1], [2, 3]] },
    { kind: "ensureSheet", sheet: "Formula" },
    { kind: "writeRange", sheet: "Formula", address: "A1", cells: [[{ formula: '="Com"&"puted"', cachedValue: "Computed" }]] },
    { kind: "ensureSheet", sheet: "Blank" },
    { kind: "ensureSheet", sheet: "Offset" },
    { kind: "writeRange", sheet: "Offset", address: "B2", cells: [["not a title"]] },
  ];
  const request = { sheetTitles: ["made", "FORMULA", "Blank", "Offset", "Absent"] };
  const expected = {
    made: { name: "Made", title: "  Title here" },
    FORMULA: { name: "Formula", title: "Computed" },
    Blank: { name: "Blank", title: "" },
    Offset: { name: "Offset", title: "" },
    Absent: null,
  };

  it("gives each sheet's A1 from a made sheet's own cells, without handing them to ExcelJS", async () => {
    const replay = jest.spyOn(CreatedSheetClass.prototype, "replay");
    const workbook = XlsxWorkbook.create();
    await workbook.apply(changes);
    expect((await workbook.read(request)).titles).toEqual(expected);
    expect(replay).not.toHaveBeenCalled();
    replay.mockRestore();
  });

  it("gives the same from ExcelJS's cells, from the file written, and from the memory workbook", async () => {
    const inExcelJS = XlsxWorkbook.create();
    inExcelJS.keepMadeSheetsOutside = false;
    await inExcelJS.apply(changes);
    expect((await inExcelJS.read(request)).titles).toEqual(expected);
    const reopened = await XlsxWorkbook.fromBuffer(await inExcelJS.toBuffer());
    expect((await reopened.read(request)).titles).toEqual(expected);
    const memory = new MemoryWorkbook();
    await memory.apply(changes);
    expect((await memory.read(request)).titles).toEqual(expected);
  });
});

/** The package written after `changes`, with the made sheets' cells kept outside ExcelJS or in it from the start. */
async function written(changes: readonly WorkbookChange[], outside: boolean, poke?: (workbook: XlsxWorkbook) => void): Promise<Map<string, string>> {
  const workbook = XlsxWorkbook.create();
  workbook.keepMadeSheetsOutside = outside;
  await workbook.apply(changes);
  poke?.(workbook);
  return parts(await workbook.toBuffer());
}

function expectSameParts(a: Map<string, string>, b: Map<string, string>): void {
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [name, text] of a) expect({ name, text }).toEqual({ name, text: b.get(name) });
}

// The made sheets' rows are rendered by the adapter's own code, not by ExcelJS's cell renderer:
// every kind of text, number, result and sharing it may meet must come out as ExcelJS writes it.
describe("a made sheet's rows, rendered from its cells", () => {
  const special = `<a href="x">Tom & Jerry's</a> > 'quoted' "double"`;
  const control = "tab\there, line\nbreak, CR\r, NUL\u0000 BEL\u0007 VT\u000b FF\u000c ESC\u001b DEL\u007f end";
  const unicode = "Zürich 東京 🚀 \u00a0nbsp \u2028 sep \ud800 lone";
  const long = "x&<".repeat(10_000);
  const values: CellWrite[][] = [
    ["Text", special, control, unicode, long, "", " padded ", "=not a formula"],
    ["Number", 0, -0, 1e21, -1.5e-7, 123456789.12345679, Number.MAX_SAFE_INTEGER, 0.1 + 0.2],
    ["Boolean", true, false, null, "", 7, null, "last"],
    ["Formulas", { formula: '=IF(B2<>"","a&b<c>","")', cachedValue: "a&b<c>" }, { formula: "=B2>0", cachedValue: false }, { formula: "=B2+1" }, { formula: "=NA()", cachedValue: null }, { formula: `="${special.replace(/"/g, '""')}"`, cachedValue: special }, { formula: "=C2*2", cachedValue: -0 }, { formula: "=1/3", cachedValue: 1 / 3 }],
  ];
  // A formula filled down (one shared formula with its clones), with and without results, next to a column of single formulas.
  const filled: CellWrite[][] = Array.from({ length: 40 }, (_, i) => [
    i,
    { formula: `=A${i + 10}*2+$A$10`, ...(i % 3 === 0 ? {} : { cachedValue: i % 5 === 0 ? `t${i}<` : i * 2 }) },
    { formula: `=B${i + 10}&"${i}"`, cachedValue: i % 2 === 0 },
    { formula: i % 7 === 0 ? "=SUM(A10:A49)" : `=A${i + 10}-1`, cachedValue: i - 1 },
  ]);
  const changes: WorkbookChange[] = [
    { kind: "ensureSheet", sheet: "Made" },
    { kind: "writeRange", sheet: "Made", address: "A1", cells: values },
    { kind: "writeRange", sheet: "Made", address: "A10", cells: filled },
    { kind: "ensureSheet", sheet: "Other" },
    { kind: "writeRange", sheet: "Other", address: "C3", cells: [[special, 1, true], [{ formula: "=Made!B2", cachedValue: special }, null, "Zürich 東京"]] },
    { kind: "formatRange", sheet: "Made", address: "A1:H1", format: { bold: true, fill: "#D9E1F2" } },
    { kind: "formatRange", sheet: "Made", address: "B2:H2", format: { numberFormat: "#,##0.00" } },
    { kind: "formatRange", sheet: "Made", address: "B11:D30", format: { numberFormat: "0.0%", italic: true } },
    // Formatted but never written: cells with a style and no value.
    { kind: "formatRange", sheet: "Made", address: "J5:L7", format: { fontColor: "#C00000", wrapText: true } },
    { kind: "formatRange", sheet: "Other", address: "A1:E6", format: { numberFormat: "0.00" } },
  ];

  it("writes every part as ExcelJS writes the same cells", async () => {
    const a = await written(changes, true);
    const b = await written(changes, false);
    // The cells really are there (the comparison is not between two empty sheets).
    expect(a.get("xl/worksheets/sheet1.xml")).toContain('t="shared"');
    expect(a.get("xl/sharedStrings.xml")).toContain("Tom &amp; Jerry&apos;s");
    expectSameParts(a, b);
  });

  it("writes results and shares ExcelJS takes but the adapter never writes: dates, errors, a clone of an unshared formula", async () => {
    const cells: [string, ExcelJS.CellValue][] = [
      ["A1", { formula: "TODAY()", result: new Date(Date.UTC(2026, 2, 2, 15, 30)) } as ExcelJS.CellValue],
      ["B1", { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellValue],
      ["C1", { formula: "A1+1" } as ExcelJS.CellValue],
      ["C2", { sharedFormula: "C1", result: 3 } as ExcelJS.CellValue],
      ["C3", { sharedFormula: "C1", result: "three" } as ExcelJS.CellValue],
      ["D2", { formula: "C2", result: "" } as ExcelJS.CellValue],
    ];
    const poke = (outside: boolean) => (workbook: XlsxWorkbook) => {
      const store = (workbook as unknown as { created: Map<ExcelJS.Worksheet, CreatedSheet> }).created;
      if (outside) {
        const [sheet, created] = [...store][0];
        expect(sheet.name).toBe("Dates");
        for (const [address, value] of cells) {
          const cell = sheet.getCell(address);
          created.set(Number(cell.row), Number(cell.col), value);
        }
      } else {
        expect(store.size).toBe(0);
        const sheet = workbook.workbook.getWorksheet("Dates")!;
        for (const [address, value] of cells) sheet.getCell(address).value = value;
      }
    };
    const made: WorkbookChange[] = [
      { kind: "ensureSheet", sheet: "Dates" },
      { kind: "formatRange", sheet: "Dates", address: "A1:C3", format: { bold: true } },
    ];
    const a = await written(made, true, poke(true));
    const b = await written(made, false, poke(false));
    expect(a.get("xl/worksheets/sheet1.xml")).toContain('t="e"');
    expectSameParts(a, b);
  });
});

// Every sheet's rows, the user's own included, are rendered by the adapter's own code: on a
// sheet that holds every kind of cell and row ExcelJS reads, the sheet's XML must be the one
// ExcelJS's own writer gives for the same workbook.
describe("an ordinary sheet's rows", () => {
  it("are written as ExcelJS's own package writer writes them, whatever the cells hold", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Mixed");
    sheet.getCell("A1").value = { richText: [{ text: "a<b", font: { bold: true } }, { text: " & 'c'" }] };
    sheet.getCell("A2").value = { text: "site & <x>", hyperlink: "https://example.com/?a=1&b=2", tooltip: "tip \"quoted\"" };
    sheet.getCell("A3").value = new Date(Date.UTC(2026, 2, 2, 15, 30));
    sheet.getCell("A4").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    sheet.getCell("A5").value = { formula: "TODAY()", result: new Date(Date.UTC(2026, 2, 2)) } as ExcelJS.CellValue;
    sheet.getCell("B1").value = "merged & <wide>";
    sheet.mergeCells("B1:C2");
    sheet.getRow(6).height = 30;
    sheet.getCell("A6").value = -0;
    sheet.getCell("B6").value = 1e21;
    sheet.getRow(7).hidden = true;
    sheet.getCell("A7").value = "tab\there NUL\u0000 ESC\u001b DEL\u007f";
    sheet.getRow(8).outlineLevel = 1;
    sheet.getCell("A8").value = true;
    sheet.getCell("B8").value = false;
    sheet.getRow(9).font = { bold: true };
    sheet.getCell("A9").value = "";
    sheet.getCell("A10").value = 2;
    sheet.getCell("B10").value = { formula: "A10*2", shareType: "shared", ref: "B10:B12", result: 4 } as ExcelJS.CellValue;
    sheet.getCell("B11").value = { sharedFormula: "B10", result: "four & <more>" } as ExcelJS.CellValue;
    sheet.getCell("B12").value = { sharedFormula: "B10", result: { error: "#REF!" } } as ExcelJS.CellValue;
    sheet.getCell("C10").value = { formula: "SUM(A10:A12)", shareType: "array", ref: "C10", result: 2 } as ExcelJS.CellValue;
    sheet.getCell("D10").value = { formula: 'IF(A10>1,"a&b","")', result: true } as ExcelJS.CellValue;
    sheet.getCell("D11").value = { formula: "A10" } as ExcelJS.CellValue;
    sheet.getCell("E12").value = "noted";
    sheet.getCell("E12").note = "a note & <b>";
    sheet.getCell("F13").numFmt = "0.00";
    sheet.getCell("G13").value = "x&<".repeat(10_000);
    const file = Buffer.from(await book.xlsx.writeBuffer());

    const reference = new ExcelJS.Workbook();
    await reference.xlsx.load(file as unknown as ArrayBuffer);
    const expected = await parts(Buffer.from(await reference.xlsx.writeBuffer()));
    const actual = await parts(await (await XlsxWorkbook.fromBuffer(file)).toBuffer());
    const sheetXml = actual.get("xl/worksheets/sheet1.xml")!;
    // The sheet really holds each kind (the comparison is not between two empty sheets).
    for (const kind of ['t="e"', 'hidden="1"', 'customHeight="1"', 'outlineLevel="1"', 't="array"', 't="shared"', 't="b"', 'customFormat="1"']) expect(sheetXml).toContain(kind);
    for (const name of ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/comments1.xml"]) expect({ name, text: actual.get(name) }).toEqual({ name, text: expected.get(name) });
  });
});

describe("unformatted cells", () => {
  // ExcelJS gives every such cell a style object of its own, numbered by its type; the adapter
  // numbers them by type once (xlsxRows.ts shareEmptyStyles). One object shared by cells of two
  // types keeps the number of the first, as in ExcelJS.
  it("get the style numbers ExcelJS's own package writer gives them, whatever their type", async () => {
    const workbook = XlsxWorkbook.create();
    const book = workbook.workbook;
    const sheet = book.addWorksheet("Plain");
    const values: ExcelJS.CellValue[] = [1.5, "text", true, new Date(Date.UTC(2026, 2, 2)), { formula: "A1*2", result: new Date(Date.UTC(2026, 2, 3)) } as ExcelJS.CellValue, { formula: "A1", result: "s" } as ExcelJS.CellValue, { error: "#N/A" } as ExcelJS.CellErrorValue, null];
    for (let r = 1; r <= 3; r++) values.forEach((value, c) => (sheet.getRow(r).getCell(c + 1).value = value));
    const shared = {};
    sheet.getCell("A5").value = "first a text";
    sheet.getCell("A5").style = shared;
    sheet.getCell("B5").value = new Date(Date.UTC(2026, 2, 4));
    sheet.getCell("B5").style = shared;
    sheet.getCell("C5").value = 3;
    sheet.getCell("C5").style = shared;
    sheet.getCell("D6").numFmt = "0.0";
    sheet.getCell("E6").value = new Date(Date.UTC(2026, 2, 5));
    const expected = await parts(Buffer.from(await book.xlsx.writeBuffer()));
    const actual = await parts(await workbook.toBuffer());
    // Dates and numbers do get different numbers (the comparison is not between styles that are all the same).
    expect(new Set(actual.get("xl/worksheets/sheet1.xml")!.match(/ s="\d+"/g)).size).toBeGreaterThan(1);
    for (const name of ["xl/worksheets/sheet1.xml", "xl/styles.xml"]) expect({ name, text: actual.get(name) }).toEqual({ name, text: expected.get(name) });
  });
});

describe("a part written in pieces", () => {
  it("joins into one deflate stream any zip reader takes back byte for byte, CRC checked", async () => {
    const zip = new ZipPackage();
    const writer = zip.stream("xl/worksheets/sheet1.xml");
    const pieces = Array.from({ length: 40 }, (_, i) => `<row r="${i}">${"<c>é€</c>".repeat(20_000 + i)}</row>`);
    for (const piece of pieces) writer.write(piece);
    writer.end();
    zip.file("xl/after.xml", "<after/>");
    const text = pieces.join("");
    // Several mebibytes: more than one piece is deflated on its own.
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 2 ** 20);
    const read = await JSZip.loadAsync(zip.toBuffer(), { checkCRC32: true });
    expect(await read.file("xl/worksheets/sheet1.xml")!.async("string")).toBe(text);
    expect(await read.file("xl/after.xml")!.async("string")).toBe("<after/>");
    expect(await zip.part("xl/worksheets/sheet1.xml")!.async("string")).toBe(text);
  });

  it("has its end replaced without the rest being inflated, still CRC checked", async () => {
    const zip = new ZipPackage();
    const writer = zip.stream("xl/worksheets/sheet1.xml");
    const pieces = Array.from({ length: 30 }, (_, i) => `<row r="${i}">${"<c>€</c>".repeat(30_000)}</row>`);
    for (const piece of pieces) writer.write(piece);
    writer.write("</sheetData></worksheet>");
    writer.end();
    const text = pieces.join("") + "</sheetData></worksheet>";
    const end = zip.end("xl/worksheets/sheet1.xml")!;
    expect(text.startsWith(end.head) && end.head.length >= 2000).toBe(true);
    expect(text.endsWith(end.tail) && end.tail.length < text.length / 2).toBe(true);
    end.replaceTail(end.tail.replace("</worksheet>", "<drawing/></worksheet>"));
    const read = await JSZip.loadAsync(zip.toBuffer(), { checkCRC32: true });
    expect(await read.file("xl/worksheets/sheet1.xml")!.async("string")).toBe(text.replace("</worksheet>", "<drawing/></worksheet>"));
    expect(zip.end("missing.xml")).toBeNull();
  });

  it("may be empty", async () => {
    const zip = new ZipPackage();
    zip.stream("empty.xml").end();
    const read = await JSZip.loadAsync(zip.toBuffer(), { checkCRC32: true });
    expect(await read.file("empty.xml")!.async("string")).toBe("");
  });
});
