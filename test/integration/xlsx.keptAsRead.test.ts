// A workbook's data validations and defined names come out of the xlsx adapter (and so the
// command line) as the file gave them: ExcelJS 4.4 alone overlaps, drops, rewrites or expands
// them cell by cell (src/workbook/xlsxKeptAsRead.ts says how).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { generateCells } from "../../bench/model.bench";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { runCli } from "../helpers/cli";

const NOW = new Date("2026-03-01T12:00:00Z");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-kept-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HEADERS = ["Vendor", "Hourly rate", "Hours", "Duration (months)", "Country", "Time zone", "Location model", "Engagement model", "Pricing model",
  "Requirements clarity", "Collaboration intensity", "Data sensitivity", "Urgency", "Attrition", "Replaces in-house staff", "Certifications"];

// As Excel writes them: attributes in the schema's order, a list's items quoted, one rule on two ranges.
const VALIDATIONS =
  '<dataValidations count="5" disablePrompts="1">' +
  '<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="H2:H21"><formula1>"Dedicated team,Staff augmentation,Project,Managed service"</formula1></dataValidation>' +
  '<dataValidation type="decimal" allowBlank="1" showErrorMessage="1" errorTitle="Rate" error="Between the floor in Q1 and 500" sqref="B2:B21"><formula1>$Q$1</formula1><formula2>500</formula2></dataValidation>' +
  '<dataValidation type="list" allowBlank="1" showDropDown="1" sqref="G2:G21 I2:I21"><formula1>"Offshore,Nearshore,Onshore"</formula1></dataValidation>' +
  '<dataValidation type="whole" operator="greaterThan" imeMode="off" promptTitle="Hours" prompt="Whole hours &amp; more than &lt;0&gt;" sqref="C2:C1048576"><formula1>0</formula1></dataValidation>' +
  '<dataValidation type="textLength" operator="lessThanOrEqual" showErrorMessage="1" sqref="A2:P1048576"><formula1>LEN($R$1)+200</formula1></dataValidation>' +
  "</dataValidations>";

// Every kind of name Excel writes, in its order: a formula, a constant, whole columns and rows, #REF!,
// a sheet's own name (two, one of each sheet, of the same name), hidden, with a comment, two areas, a large range.
const NAMES = [
  '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Quotes!$A$1:$P$21</definedName>',
  '<definedName name="Big">Quotes!$A$1:$P$100000</definedName>',
  '<definedName name="Broken">#REF!</definedName>',
  '<definedName name="Data">Quotes!$A:$P</definedName>',
  '<definedName name="Hidden" hidden="1">Quotes!$D$2</definedName>',
  '<definedName name="Local" localSheetId="0">Quotes!$C$2</definedName>',
  '<definedName name="Local" localSheetId="1">Other!$A$1</definedName>',
  '<definedName name="Markup">0.2</definedName>',
  '<definedName name="Quoted">\'Other\'!$B$2:$C$3</definedName>',
  '<definedName name="RateUp" comment="Rates plus the markup">Quotes!$B$2*(1+Markup)</definedName>',
  '<definedName name="Row1">Quotes!$1:$1</definedName>',
  '<definedName name="Two">Quotes!$A$2:$A$5,Quotes!$C$2</definedName>',
];

/** VALIDATIONS but the rules on whole columns, for ExcelJS alone to read (it would make 17 million entries of them). */
const SMALL_VALIDATIONS = VALIDATIONS.replace(/<dataValidation type="whole".*(?=<\/dataValidations>)/, "").replace('count="5"', 'count="3"');

/** A 20-vendor table on "Quotes" (and a sheet "Other") with `validations` and NAMES in its parts, as Excel would have written them. */
async function craftedFile(validations = VALIDATIONS): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Quotes");
  sheet.addTable({ name: "Quotes", ref: "A1", columns: HEADERS.map((name) => ({ name })), rows: generateCells(20).map((r) => r.map((v) => (v === undefined ? null : v))) });
  // The bound the decimal rule names ($Q$1) sits below the table: a cell beside it, in its rows, would stop the command (cli.notKept.test.ts).
  sheet.getCell("Q30").value = 10;
  sheet.getCell("H2").dataValidation = { type: "list", formulae: ['"x"'] };
  book.addWorksheet("Other").getCell("A1").value = "kept";
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  zip.file("xl/worksheets/sheet1.xml", xml.replace(/<dataValidations.*<\/dataValidations>/, validations));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", workbook.replace(/<definedNames>.*<\/definedNames>|(?<=<\/sheets>)/, `<definedNames>${NAMES.join("")}</definedNames>`));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function part(buffer: Buffer, name: string): Promise<string> {
  return (await JSZip.loadAsync(buffer)).file(name)!.async("string");
}

/** The elements `tag` of `xml`, as written (XML's own escapes aside: ExcelJS writes &quot; where Excel writes a quote). */
function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}[ >].*?</${tag}>`, "g"))].map((m) => m[0].replace(/&quot;/g, '"'));
}

function bookOf(workbook: XlsxWorkbook): ExcelJS.Workbook {
  return (workbook as unknown as { book: ExcelJS.Workbook }).book;
}

describe("data validations", () => {
  it("are written back element for element: no overlapping ranges, no bound read as a number, no attribute dropped", async () => {
    const saved = await (await XlsxWorkbook.fromBuffer(await craftedFile())).toBuffer();
    const sheet = await part(saved, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain('<dataValidations count="5" disablePrompts="1">');
    expect(elements(sheet, "dataValidation")).toEqual(elements(VALIDATIONS, "dataValidation"));
  });

  it("are kept a rule a range, not a rule a cell: a rule on whole columns is one entry", async () => {
    const sheet = bookOf(await XlsxWorkbook.fromBuffer(await craftedFile())).getWorksheet("Quotes")!;
    const model = (sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae?: unknown[] }> } }).dataValidations.model;
    expect(Object.keys(model)).toEqual(["H2:H21", "B2:B21", "G2:G21 I2:I21", "C2:C1048576", "A2:P1048576"]);
    // Each as ExcelJS parses one (its API reads the model): the list's items, the whole number's bound.
    expect(model["H2:H21"]).toMatchObject({ type: "list", formulae: ['"Dedicated team,Staff augmentation,Project,Managed service"'] });
    expect(model["C2:C1048576"]).toMatchObject({ type: "whole", operator: "greaterThan", formulae: [0] });
  });

  it("added through ExcelJS's API to a sheet read from a file are written beside the kept ones, from their fields", async () => {
    const workbook = await XlsxWorkbook.fromBuffer(await craftedFile(SMALL_VALIDATIONS));
    const sheet = bookOf(workbook).getWorksheet("Other")!;
    sheet.getCell("A1").dataValidation = { type: "list", allowBlank: true, formulae: ['"x,y"'] };
    // The kept sheet's rule moved to another address is its fields again, under that address.
    const quotes = bookOf(workbook).getWorksheet("Quotes")!;
    const rules = (quotes as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    rules.R5 = rules["H2:H21"];
    const saved = await workbook.toBuffer();
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(saved as unknown as ArrayBuffer);
    expect(read.getWorksheet("Other")!.getCell("A1").dataValidation).toMatchObject({ type: "list", allowBlank: true, formulae: ['"x,y"'] });
    expect(read.getWorksheet("Quotes")!.getCell("R5").dataValidation).toMatchObject({ type: "list", formulae: ['"Dedicated team,Staff augmentation,Project,Managed service"'] });
    expect(elements(await part(saved, "xl/worksheets/sheet1.xml"), "dataValidation")).toHaveLength(4);
  });

  it("are ExcelJS's own for a read outside the adapter: a rule a cell, as ExcelJS's API expects", async () => {
    const theirs = new ExcelJS.Workbook();
    await theirs.xlsx.load((await craftedFile(SMALL_VALIDATIONS)) as unknown as ArrayBuffer);
    const model = (theirs.getWorksheet("Quotes") as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    expect(model.H2).toBeDefined();
    expect(model.H21).toBe(model.H2);
    expect(model["H2:H21"]).toBeUndefined();
  });
});

describe("defined names", () => {
  it("are written back as the file gave them, beside the add-in's own, each of a sheet's own names still that sheet's", async () => {
    const workbook = await XlsxWorkbook.fromBuffer(await craftedFile());
    await workbook.apply([{ kind: "ensureSheet", sheet: "Offshore assumptions" }, { kind: "setName", name: "OffshoreAssumptions", sheet: "Offshore assumptions", address: "A1:L143" }]);
    const names = elements(await part(await workbook.toBuffer(), "xl/workbook.xml"), "definedName");
    expect(names).toEqual([...NAMES.map((n) => n.replace(/'/g, "&apos;")), "<definedName name=\"OffshoreAssumptions\">&apos;Offshore assumptions&apos;!$A$1:$L$143</definedName>"]);
  });

  it("are kept as their text, not as the cells they cover", async () => {
    const book = bookOf(await XlsxWorkbook.fromBuffer(await craftedFile()));
    const names = book.definedNames as unknown as { matrixMap: Record<string, unknown> };
    // ExcelJS alone holds Big as 1.6 million cells.
    expect(Object.keys(names.matrixMap)).toEqual([]);
  });

  it("are read as the add-in reads a name: a range of cells of the workbook's, found whatever its case; a formula, a constant or whole columns as missing", async () => {
    const workbook = await XlsxWorkbook.fromBuffer(await craftedFile());
    const read = await workbook.read({ names: ["quoted", "Two", "Markup", "RateUp", "Data", "Broken", "Local", "Absent"] });
    expect(read.names).toEqual({ quoted: { sheet: "Other", address: "B2:C3" }, Two: undefined, Markup: undefined, RateUp: undefined, Data: undefined, Broken: undefined, Local: undefined, Absent: undefined });
  });

  it("of the workbook's are replaced by the add-in's of the same name (in any case); a sheet's own of that name stays", async () => {
    const workbook = await XlsxWorkbook.fromBuffer(await craftedFile());
    await workbook.apply([
      { kind: "setName", name: "markup", sheet: "Other", address: "A1" },
      { kind: "setName", name: "Local", sheet: "Other", address: "A2:A3" },
    ]);
    expect((await workbook.read({ names: ["Markup", "LOCAL"] })).names).toEqual({ Markup: { sheet: "Other", address: "A1" }, LOCAL: { sheet: "Other", address: "A2:A3" } });
    const names = elements(await part(await workbook.toBuffer(), "xl/workbook.xml"), "definedName");
    expect(names.filter((n) => /name="markup"/i.test(n))).toEqual(['<definedName name="markup">Other!$A$1</definedName>']);
    expect(names.filter((n) => /name="Local"/.test(n))).toEqual([NAMES[5], NAMES[6], '<definedName name="Local">Other!$A$2:$A$3</definedName>']);
  });
});

describe("the command line", () => {
  it("writes the buyer's validations and names back, twice over, and its own names once", async () => {
    const input = path.join(work, "crafted.xlsx");
    writeFileSync(input, await craftedFile());
    const first = path.join(work, "crafted.evaluated.xlsx");
    expect((await runCli(NOW, [input, "--out", first, "--quiet"])).code).toBe(0);
    const second = path.join(work, "crafted.again.xlsx");
    expect((await runCli(NOW, [first, "--out", second, "--quiet"])).code).toBe(0);
    for (const file of [first, second]) {
      const buffer = readFileSync(file);
      expect(elements(await part(buffer, "xl/worksheets/sheet1.xml"), "dataValidation")).toEqual(elements(VALIDATIONS, "dataValidation"));
      const names = elements(await part(buffer, "xl/workbook.xml"), "definedName");
      for (const name of NAMES) expect(names).toContain(name.replace(/'/g, "&apos;"));
      expect(names.filter((n) => n.includes('name="OffshoreAssumptions"'))).toHaveLength(1);
    }
  });
});
