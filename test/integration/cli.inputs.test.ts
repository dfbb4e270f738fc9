// The command line on inputs that used to be dropped or misread without a word: formulas
// with no saved value, duplicated headers, a vendor block under a title or on another sheet,
// and values that are legal but implausible.
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { runCli, workbookFile } from "../helpers/cli";

const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-inputs-"));
const NOW = new Date("2026-03-02T15:30:00Z");
const HEADERS = ["Vendor", "Hourly rate", "Hours", "Location model", "Country"];

const run = (...args: string[]) => runCli(NOW, args);

const workbookWith = (build: (wb: ExcelJS.Workbook) => void, name: string) => workbookFile(work, name, build);

function vendorLines(out: readonly string[]): string[] {
  return out.filter((l) => /^(Acme|Bolt|Cora|Dyna)\b/.test(l));
}

describe("formulas with no saved value (a workbook written by a script, or saved without recalculating)", () => {
  it("names each row whose input is a formula without a value and says how to get one, instead of dropping the row", async () => {
    const file = await workbookWith((wb) => {
      wb.addWorksheet("Quotes").addTable({
        name: "Quotes",
        ref: "A1",
        columns: HEADERS.map((name) => ({ name })),
        rows: [
          ["Acme", 40, 1000, "Offshore", "India"],
          // ExcelJS writes a formula without <v> when no result is given: what a script produces.
          ["Bolt", { formula: "B2*1.1" } as ExcelJS.CellFormulaValue, 1000, "Offshore", "India"],
          ["Cora", 50, { formula: "C2" } as ExcelJS.CellFormulaValue, "Offshore", "India"],
          ["Dyna", { formula: "B2", result: 44 } as ExcelJS.CellFormulaValue, 1000, "Offshore", "India"],
        ],
      });
    }, "uncalculated.xlsx");
    const r = await run(file, "--out", path.join(work, "uncalculated.out.xlsx"));
    expect(r.code).not.toBe(0);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/formulas? with no saved value/);
    expect(r.err[0]).toMatch(/row 3 \('Hourly rate'\)/);
    expect(r.err[0]).toMatch(/row 4 \('Hours'\)/);
    // A formula whose value was saved is read as that value, not named.
    expect(r.err[0]).not.toMatch(/row 5/);
    expect(r.err[0]).toMatch(/open it in Excel .*save/i);
  });
});

describe("duplicated headers in a plain range", () => {
  it("names the duplicated header, the column read and the name the other column gets", async () => {
    const file = await workbookWith((wb) => {
      const sheet = wb.addWorksheet("Quotes");
      sheet.addRow(["Vendor", "Hourly rate", "Hours", "Hourly rate", "Country"]);
      sheet.addRow(["Acme", 40, 1000, 400, "India"]);
      sheet.addRow(["Bolt", 45, 1000, 450, "India"]);
    }, "duplicate-headers.xlsx");
    const output = path.join(work, "duplicate-headers.out.xlsx");
    const r = await run(file, "--out", output);
    expect(r.code).toBe(0);
    expect(r.err).toEqual(expect.arrayContaining([expect.stringMatching(/'Hourly rate' heads columns B and D: .*column B.* column D is now 'Hourly rate2'/)]));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
    const table = book.getWorksheet("Quotes")!.getTables()[0] as unknown as { table: { columns: { name: string }[] } };
    const names = table.table.columns.map((c) => c.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("a header merged across two columns of a plain range", () => {
  it("is unmerged, the second column numbered, and the header cells match the table's column names", async () => {
    const file = await workbookWith((wb) => {
      const sheet = wb.addWorksheet("Quotes");
      sheet.addRow(["Vendor", "Hourly rate", "", "Hours", "Country"]);
      sheet.addRow(["Acme", 40, 400, 1000, "India"]);
      sheet.addRow(["Bolt", 45, 450, 1000, "India"]);
      sheet.mergeCells("B1:C1");
    }, "merged-header.xlsx");
    const output = path.join(work, "merged-header.out.xlsx");
    const r = await run(file, "--out", output);
    expect(r.code).toBe(0);
    expect(r.err).toEqual(expect.arrayContaining([expect.stringMatching(/'Hourly rate' heads columns B and C: the evaluation reads column B; column C is now 'Hourly rate2'/)]));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
    const sheet = book.getWorksheet("Quotes")!;
    const columns = (sheet.getTables()[0] as unknown as { table: { columns: { name: string }[] } }).table.columns.map((c) => c.name);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(columns);
    expect(columns.slice(0, 3)).toEqual(["Vendor", "Hourly rate", "Hourly rate2"]);
  });
});

describe("finding the vendor block the way the pane does", () => {
  const titled = (wb: ExcelJS.Workbook) => {
    wb.addWorksheet("Cover").addRow(["Offshore sourcing review", "March 2026"]);
    const sheet = wb.addWorksheet("Quotes");
    sheet.addRow(["Vendor quotes received in Q1"]);
    sheet.addRow([]);
    sheet.addRow(HEADERS);
    sheet.addRow(["Acme", 40, 1000, "Offshore", "India"]);
    sheet.addRow(["Bolt", 45, 1200, "Offshore", "Philippines"]);
  };

  it("finds a block under a title row on another sheet than the first", async () => {
    const file = await workbookWith(titled, "titled.xlsx");
    const r = await run(file, "--out", path.join(work, "titled.out.xlsx"));
    expect(r.err.filter((l) => l.startsWith("Error"))).toEqual([]);
    expect(r.code).toBe(0);
    expect(vendorLines(r.out)).toHaveLength(2);
  });

  it("--sheet and --range pick the block by hand, and a wrong one is refused with one line", async () => {
    const file = await workbookWith((wb) => {
      titled(wb);
      const other = wb.addWorksheet("Old quotes");
      other.addRow(HEADERS);
      other.addRow(["Cora", 30, 500, "Offshore", "India"]);
      other.addRow(["Dyna", 35, 500, "Offshore", "India"]);
      other.addRow(["Dyna", 36, 500, "Offshore", "India"]);
    }, "two-blocks.xlsx");
    const bySheet = await run(file, "--sheet", "Quotes", "--out", path.join(work, "two-blocks.sheet.xlsx"));
    expect(bySheet.code).toBe(0);
    expect(vendorLines(bySheet.out).map((l) => l.slice(0, 4)).sort()).toEqual(["Acme", "Bolt"]);
    const byRange = await run(file, "--sheet", "Old quotes", "--range", "A1:E3", "--out", path.join(work, "two-blocks.range.xlsx"));
    expect(byRange.code).toBe(0);
    expect(vendorLines(byRange.out).map((l) => l.slice(0, 4)).sort()).toEqual(["Cora", "Dyna"]);
    const missing = await run(file, "--sheet", "Nope", "--out", path.join(work, "two-blocks.nope.xlsx"));
    expect(missing.code).not.toBe(0);
    expect(missing.err).toEqual([expect.stringMatching(/^Error: No sheet named 'Nope' .*Cover, Quotes, Old quotes/)]);
    const bad = await run(file, "--range", "A1:Q", "--out", path.join(work, "two-blocks.bad.xlsx"));
    expect(bad.code).toBe(2);
    expect(bad.err).toEqual([expect.stringMatching(/^Error: --range/)]);
  });
});

describe("legal but implausible values are warned about", () => {
  it("a rate that is a date, a zero rate or hours, a rate far outside the others, and mixed currencies", async () => {
    const file = await workbookWith((wb) => {
      const sheet = wb.addWorksheet("Quotes");
      sheet.addTable({
        name: "Quotes",
        ref: "A1",
        columns: HEADERS.map((name) => ({ name })),
        rows: [
          ["Acme", "$40", 1000, "Offshore", "India"],
          ["Bolt", new Date(Date.UTC(2024, 0, 15)), 1000, "Offshore", "India"],
          ["Cora", 0, 1000, "Offshore", "India"],
          ["Dyna", "€45", 0, "Offshore", "India"],
          ["Eiko", 42, 1000, "Offshore", "India"],
          ["Fama", 44, 1000, "Offshore", "India"],
          ["Gale", 900, 1000, "Offshore", "India"],
        ],
      });
    }, "implausible.xlsx");
    const output = path.join(work, "implausible.out.xlsx");
    const r = await run(file, "--out", output);
    expect(r.code).toBe(0);
    const warnings = r.err.filter((l) => l.startsWith("Warning: "));
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Row 3: Hourly rate 45,306 looks like a date \(2024-01-15\)/),
        expect.stringMatching(/Row 4: Hourly rate is 0/),
        expect.stringMatching(/Row 5: Hours is 0/),
        expect.stringMatching(/Row 8: Hourly rate 900 is far outside the table's other rates \(median 44\)/),
        expect.stringMatching(/Hourly rate mixes currencies: \$ \(row 2\), € \(row 5\)/),
      ]),
    );

    // The workbook says it too, as a note on each doubtful cell; a later run drops a note whose value was corrected.
    const noteOf = (book: ExcelJS.Workbook, cell: string) => {
      const note = book.getWorksheet("Quotes")!.getCell(cell).note as unknown;
      return typeof note === "string" ? note : ((note as { texts?: { text: string }[] } | undefined)?.texts ?? []).map((t) => t.text).join("");
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
    expect(noteOf(book, "B3")).toMatch(/looks like a date \(2024-01-15\)/);
    expect(noteOf(book, "B4")).toMatch(/Hourly rate is 0/);
    expect(noteOf(book, "C5")).toMatch(/Hours is 0/);
    expect(noteOf(book, "B5")).toMatch(/mixes currencies/);
    expect(noteOf(book, "B6")).toBe("");
    book.getWorksheet("Quotes")!.getCell("B3").value = 41;
    book.getWorksheet("Quotes")!.getCell("B3").numFmt = "0";
    book.getWorksheet("Quotes")!.getCell("B6").note = "Asked for a discount";
    book.getWorksheet("Quotes")!.getCell("C5").note = "Hours to be confirmed";
    const corrected = path.join(work, "implausible.corrected.xlsx");
    await book.xlsx.writeFile(corrected);
    const again = await run(corrected, "--in-place");
    expect(again.code).toBe(0);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(corrected);
    expect(noteOf(after, "B3")).toBe("");
    expect(noteOf(after, "B4")).toMatch(/Hourly rate is 0/);
    expect(noteOf(after, "B6")).toBe("Asked for a discount");
    // A doubtful cell carrying the buyer's own note keeps it; the warning is printed all the same.
    expect(noteOf(after, "C5")).toBe("Hours to be confirmed");
    expect(again.err).toEqual(expect.arrayContaining([expect.stringMatching(/Row 5: Hours is 0/)]));
    // ...and says the note there is the buyer's, so the warning is not in the workbook.
    expect(again.err.filter((l) => /The cell C5 on 'Quotes' .* has a note of yours, so the add-in's warning was not added to it: .*Hours is 0/.test(l))).toHaveLength(1);
  });
});
