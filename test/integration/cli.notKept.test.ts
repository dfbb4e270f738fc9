// What the command line cannot write back (a buyer's charts, pivot tables, slicers...: ExcelJS
// does not read them) is never deleted from the buyer's file without a word: --in-place refuses,
// and a copy says what it lacks. The add-in's own charts, drawn again each run, do not count.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { generateCells } from "../../bench/model.bench";
import { runCli, workbookFile } from "../helpers/cli";

const NOW = new Date("2026-03-01T12:00:00Z");
const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-vendors.xlsx");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-not-kept-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let evaluated: string;
beforeAll(async () => {
  evaluated = path.join(work, "evaluated.xlsx");
  expect((await runCli(NOW, [SAMPLE, "--out", evaluated, "--quiet"])).code).toBe(0);
}, 120_000);

/** `from` with `change` made to its package, written as `name`. */
async function edited(from: string, name: string, change: (zip: JSZip) => Promise<void>): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(from));
  await change(zip);
  const file = path.join(work, name);
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return file;
}

/** The add-in's record of its charts renamed: the charts it drew are then the buyer's own as far as the command knows. */
const chartsOfTheBuyer = (zip: JSZip) =>
  zip
    .file("xl/sharedStrings.xml")!
    .async("string")
    .then((xml) => void zip.file("xl/sharedStrings.xml", xml.replace("OffshoreSourcing.charts", "MyOwn.charts")));

/** Parts of kinds ExcelJS does not read, declared as Excel declares them. */
const pivotAndLink = async (zip: JSZip) => {
  zip.file("xl/pivotTables/pivotTable1.xml", '<pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="PivotTable1"/>');
  zip.file("xl/externalLinks/externalLink1.xml", '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      '<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"/>' +
        '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
    ),
  );
};

describe("what the command line cannot keep", () => {
  it("is nothing in a workbook it wrote: its own charts are drawn again, without a warning", async () => {
    const run = await runCli(NOW, [evaluated, "--out", path.join(work, "again.xlsx")]);
    expect(run.code).toBe(0);
    expect(run.err.filter((l) => l.startsWith("Warning:"))).toEqual([]);
  }, 120_000);

  it("refuses --in-place on a workbook with charts of the buyer's, and leaves it as it was", async () => {
    const file = await edited(evaluated, "charts.xlsx", chartsOfTheBuyer);
    const before = readFileSync(file);
    const run = await runCli(NOW, [file, "--in-place"]);
    expect(run.code).not.toBe(0);
    expect(run.err).toEqual([
      "Error: charts.xlsx holds 5 charts, which the command line cannot keep: --in-place would delete them. Use --out charts.evaluated.xlsx for an evaluated copy without them (charts.xlsx stays as it is), or use the add-in in Excel, which keeps them.",
    ]);
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 120_000);

  it("says what a copy lacks: the buyer's charts, pivot tables and links to other workbooks", async () => {
    const file = await edited(evaluated, "pivots.xlsx", async (zip) => {
      await chartsOfTheBuyer(zip);
      await pivotAndLink(zip);
    });
    const out = path.join(work, "pivots.out.xlsx");
    const run = await runCli(NOW, [file, "--out", out]);
    expect(run.code).toBe(0);
    expect(run.err).toContain(
      "Warning: pivots.xlsx holds 5 charts, pivot tables, and links to other workbooks, which pivots.out.xlsx does not have: the command line cannot keep them (pivots.xlsx keeps them, and so does the add-in in Excel).",
    );
  }, 120_000);

  it("refuses --in-place for a pivot table alone, on a workbook it never wrote", async () => {
    const file = path.join(work, "sample-pivot.xlsx");
    copyFileSync(await edited(SAMPLE, "sample-pivot-src.xlsx", pivotAndLink), file);
    const run = await runCli(NOW, [file, "--in-place"]);
    expect(run.code).not.toBe(0);
    expect(run.err[0]).toMatch(/^Error: sample-pivot\.xlsx holds pivot tables and links to other workbooks, which the command line cannot keep: --in-place would delete them\./);
  }, 120_000);
});

describe("the buyer's cells beside the vendor table", () => {
  const HEADERS = ["Vendor", "Hourly rate", "Hours", "Duration (months)", "Country", "Time zone", "Location model", "Engagement model", "Pricing model",
    "Requirements clarity", "Collaboration intensity", "Data sensitivity", "Urgency", "Attrition", "Replaces in-house staff", "Certifications"];
  /** A 20-vendor table on A1:P21 with `cell` (right of it) holding a formula of the buyer's. */
  const tableWith = (name: string, cell: string) =>
    workbookFile(work, name, (book) => {
      const sheet = book.addWorksheet("Quotes");
      sheet.addTable({ name: "Quotes", ref: "A1", columns: HEADERS.map((n) => ({ name: n })), rows: generateCells(20).map((r) => r.map((v) => (v === undefined ? null : v))) });
      sheet.getCell(cell).value = { formula: "B5*2", result: 0 } as ExcelJS.CellValue;
    });

  it("are never written over: a new result column that would land on one (Excel would move it aside) is refused before anything is written", async () => {
    const input = await tableWith("beside.xlsx", "S5");
    const out = path.join(work, "beside.out.xlsx");
    const run = await runCli(NOW, [input, "--out", out]);
    expect(run.code).not.toBe(0);
    expect(run.err).toEqual([
      "Error: Nothing was written: the table 'Quotes' needs the column S beside it for 'Location fit', and Quotes!S5 holds a cell of yours, which Excel would move to the right and this command would write over; move what is right of the table in rows 1 to 21, then run it again.",
    ]);
    expect(() => readFileSync(out)).toThrow();
  }, 120_000);

  it("below the table's last row are no obstacle, and stay as they were", async () => {
    const input = await tableWith("below.xlsx", "S30");
    const out = path.join(work, "below.out.xlsx");
    expect((await runCli(NOW, [input, "--out", out, "--quiet"])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.getWorksheet("Quotes")!.getCell("S30").formula).toBe("B5*2");
    expect(book.getWorksheet("Quotes")!.getCell("S1").value).toBe("Location fit");
  }, 120_000);
});
