// The command line's write path on a large table: the package is deflated part by part with
// Node's zlib (zipPackage.ts) and the charts drawn into it before it is written. Nothing of the
// buyer's workbook may be lost on the way, and a 20,000-row table must complete in a bounded heap.
import { execFile } from "child_process";
import { mkdtempSync, readFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { writeBenchWorkbook } from "../../bench/cli.bench";
import { SUMMARY_SHEET } from "../../src/actions/finance";
import { ZipPackage } from "../../src/workbook/zipPackage";
import { runCli } from "../helpers/cli";

const ROOT = path.resolve(__dirname, "..", "..");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-large-"));
const NOW = new Date("2026-03-02T15:30:00Z");

/** Local file headers of a zip, in order: name and compression method (PKWARE APPNOTE 4.3.7). */
function localHeaders(buffer: Buffer): { name: string; method: number }[] {
  const found: { name: string; method: number }[] = [];
  let at = 0;
  while (buffer.readUInt32LE(at) === 0x04034b50) {
    const compressed = buffer.readUInt32LE(at + 18);
    const nameLength = buffer.readUInt16LE(at + 26);
    const extraLength = buffer.readUInt16LE(at + 28);
    found.push({ name: buffer.subarray(at + 30, at + 30 + nameLength).toString("utf8"), method: buffer.readUInt16LE(at + 8) });
    at += 30 + nameLength + extraLength + compressed;
  }
  return found;
}

describe("the package writer", () => {
  it("writes parts any zip reader takes back byte for byte, CRC checked, a replaced part keeping its place", async () => {
    const zip = new ZipPackage();
    const big = "<row>".repeat(200_000) + "é€";
    zip.file("[Content_Types].xml", "<Types/>").file("xl/worksheets/sheet1.xml", big).file("xl/media/image1.png", Buffer.from([0, 1, 2, 255]));
    zip.file("[Content_Types].xml", "<Types>changed</Types>");
    const buffer = zip.toBuffer();
    expect(localHeaders(buffer)).toEqual([
      { name: "[Content_Types].xml", method: 8 },
      { name: "xl/worksheets/sheet1.xml", method: 8 },
      { name: "xl/media/image1.png", method: 8 },
    ]);
    const read = await JSZip.loadAsync(buffer, { checkCRC32: true });
    expect(await read.file("[Content_Types].xml")!.async("string")).toBe("<Types>changed</Types>");
    expect(await read.file("xl/worksheets/sheet1.xml")!.async("string")).toBe(big);
    expect([...(await read.file("xl/media/image1.png")!.async("nodebuffer"))]).toEqual([0, 1, 2, 255]);
    expect(await zip.part("xl/worksheets/sheet1.xml")!.async("string")).toBe(big);
    expect(zip.part("missing.xml")).toBeNull();
    // Deflated: far smaller than the repetitive text it holds.
    expect(buffer.length).toBeLessThan(big.length / 20);
  });

  it("writes a part in pieces as one text, its first text in the head and its last text, however long, in the tail a chart is added to", async () => {
    const zip = new ZipPackage();
    const start = '<worksheet xmlns:r="r"><sheetData>';
    // Rows of one- to three-byte characters, past several pieces; then an end longer than a piece.
    const rows = Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 1}"><c><v>${"é€x".repeat(i % 13)}</v></c></row>`);
    const end = `</sheetData>${"<x/>".repeat(400_000)}</worksheet>`;
    const part = zip.stream("xl/worksheets/sheet1.xml");
    part.write(start);
    for (const row of rows) part.write(row);
    part.write(end);
    part.end();
    const whole = start + rows.join("") + end;
    const read = await JSZip.loadAsync(zip.toBuffer(), { checkCRC32: true });
    expect(await read.file("xl/worksheets/sheet1.xml")!.async("string")).toBe(whole);
    const ends = zip.end("xl/worksheets/sheet1.xml")!;
    expect(ends.head.startsWith(start)).toBe(true);
    expect(ends.tail.endsWith(end)).toBe(true);
    ends.replaceTail(ends.tail.replace("</worksheet>", "<drawing/></worksheet>"));
    expect(await zip.part("xl/worksheets/sheet1.xml")!.async("string")).toBe(whole.replace("</worksheet>", "<drawing/></worksheet>"));
  });
});

describe("the command line keeps the buyer's workbook on the package path", () => {
  const input = path.join(work, "kept.xlsx");
  const output = path.join(work, "kept.evaluated.xlsx");
  let result: { code: number; out: string[]; err: string[] };
  let book: ExcelJS.Workbook;
  let zip: JSZip;

  beforeAll(async () => {
    await writeBenchWorkbook(input, 120);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    const notes = wb.addWorksheet("Buyer notes");
    notes.getCell("A1").value = "Shortlist";
    notes.getCell("A1").font = { bold: true, color: { argb: "FF1F4E79" } };
    notes.getCell("A1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
    notes.getCell("B2").value = 1234.5;
    notes.getCell("B2").numFmt = "#,##0.00 [$EUR]";
    notes.getCell("B2").note = "Agreed with procurement";
    notes.getCell("C3").value = { formula: "B2*2", result: 2469 };
    notes.getCell("D4").dataValidation = { type: "list", allowBlank: true, formulae: ['"Yes,No"'] };
    notes.getColumn(1).width = 31;
    notes.mergeCells("A6:C6");
    notes.getCell("A6").value = "Merged heading";
    const hidden = wb.addWorksheet("Lookup", { state: "hidden" });
    hidden.getCell("A1").value = "kept hidden";
    wb.definedNames.add("'Buyer notes'!$B$2", "Budget");
    await wb.xlsx.writeFile(input);

    result = await runCli(NOW, [input, "--out", output, "--buyer-zone", "America/New_York"]);
    const bytes = readFileSync(output);
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  }, 300_000);

  it("exits 0", () => {
    expect(result.code).toBe(0);
  });

  it("keeps the buyer's sheet with its values, formula, styles, number format, note, validation, width and merge", () => {
    const notes = book.getWorksheet("Buyer notes")!;
    expect(notes.getCell("A1").value).toBe("Shortlist");
    expect(notes.getCell("A1").font).toMatchObject({ bold: true, color: { argb: "FF1F4E79" } });
    expect(notes.getCell("A1").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } });
    expect(notes.getCell("B2").value).toBe(1234.5);
    expect(notes.getCell("B2").numFmt).toBe("#,##0.00 [$EUR]");
    expect(notes.getCell("B2").note).toBe("Agreed with procurement");
    expect(notes.getCell("C3").formula).toBe("B2*2");
    expect(notes.getCell("D4").dataValidation).toMatchObject({ type: "list", formulae: ['"Yes,No"'] });
    expect(notes.getColumn(1).width).toBe(31);
    expect(notes.getCell("C6").master.address).toBe("A6");
  });

  it("keeps the hidden sheet, the defined name and the table, and adds the summary with its charts", async () => {
    expect(book.getWorksheet("Lookup")!.state).toBe("hidden");
    expect(book.getWorksheet("Lookup")!.getCell("A1").value).toBe("kept hidden");
    expect(book.definedNames.getRanges("Budget").ranges).toEqual(["'Buyer notes'!$B$2"]);
    expect(book.getWorksheet("Quotes")!.getTable("Quotes")).toBeDefined();
    expect(book.getWorksheet(SUMMARY_SHEET)!.actualRowCount).toBeGreaterThan(120);
    const charts = Object.keys(zip.files).filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name));
    expect(charts.length).toBeGreaterThan(0);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    for (const chart of charts) expect(types).toContain(`PartName="/${chart}"`);
  });
});

/** The package's command in a fresh process, as a user runs it, with Node's heap capped. */
function runCommand(args: readonly string[], heapMegabytes: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "bin", "offshore-evaluate.js"), ...args],
      { env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${heapMegabytes}` }, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

describe("a 20,000-row table", () => {
  const ROWS = 20_000;
  // What 20,000 rows need today, with headroom for the collector's timing: ExcelJS's cells of
  // the table and the summary fill most of it before the write begins (1,200 MB was enough
  // until the summary gained the cost by contract year as formulas and the chart data blocks).
  // A change that makes the heap grow faster with the rows fails here.
  const HEAP_MEGABYTES = 2048;

  it(`completes within a ${HEAP_MEGABYTES} MB heap and writes every row into the summary`, async () => {
    const input = path.join(work, "large.xlsx");
    const output = path.join(work, "large.evaluated.xlsx");
    await writeBenchWorkbook(input, ROWS);
    const run = await runCommand([input, "--out", output, "--quiet", "--buyer-zone", "America/New_York"], HEAP_MEGABYTES);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(output), { checkCRC32: true });
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toContain(`name="${SUMMARY_SHEET}"`);
    // Every vendor row reaches the summary: its last row number is past the table's.
    const sheets = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async("string")));
    const lastRows = sheets.map((xml) => Math.max(0, ...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]))));
    expect(lastRows.filter((r) => r > ROWS).length).toBeGreaterThanOrEqual(2);
  }, 900_000);
});
