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
import { XlsxWorkbook } from "../../src/workbook/xlsx";
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
  for (const name of Object.keys(zip.files).sort()) if (!STAMPED.has(name)) found.set(name, await zip.file(name)!.async("string"));
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
