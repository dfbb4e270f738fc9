// What the command line cannot write back (a buyer's charts, pivot tables, slicers...: ExcelJS
// does not read them) is never deleted from the buyer's file without a word: --in-place refuses,
// and a copy says what it lacks. The add-in's own charts, drawn again each run, do not count.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import JSZip from "jszip";
import { runCli } from "../helpers/cli";

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
