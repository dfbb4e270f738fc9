// The command line end to end: the bundled sample, and each broken input it must refuse with
// one clear line and a non-zero exit.
import { execFile } from "child_process";
import { createHash } from "crypto";
import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import CFB from "cfb";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli, workbookFile } from "../helpers/cli";
import { FINANCE_KEY_HEADER, SUMMARY_HEADER_ROW, SUMMARY_SHEET } from "../../src/actions/finance";
import { SAMPLE_VENDORS } from "../../src/sample/vendors";
import { ASSUMPTIONS_NAME, ASSUMPTIONS_SHEET } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { sampleChanges } from "../../scripts/make-sample";

const ROOT = path.resolve(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "assets", "sample-vendors.xlsx");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-"));
const NOW = new Date("2026-03-02T15:30:00Z");

const run = (...args: string[]) => runCli(NOW, args);

function sha(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

const workbookWith = (build: (wb: ExcelJS.Workbook) => void, name: string) => workbookFile(work, name, build);

/** A refusal: non-zero exit, exactly one line on stderr saying `pattern`, nothing on stdout. */
function expectOneLineRefusal(result: { code: number; out: string[]; err: string[] }, pattern: RegExp): void {
  expect(result.code).not.toBe(0);
  expect(result.out).toEqual([]);
  expect(result.err).toHaveLength(1);
  expect(result.err[0]).toMatch(/^Error: /);
  expect(result.err[0]).toMatch(pattern);
  expect(result.err[0]).not.toMatch(/\n| {4}at /);
}

describe("the command line on the bundled sample", () => {
  const output = path.join(work, "sample.evaluated.xlsx");
  let result: { code: number; out: string[]; err: string[] };
  let book: ExcelJS.Workbook;
  const before = sha(SAMPLE);

  beforeAll(async () => {
    result = await run(SAMPLE, "--out", output);
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
  });

  it("exits 0 and prints a summary line for every vendor", () => {
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^Vendor\s+Total cost\s+Per hour\s+Risk\s+Location fit/);
    for (const vendor of SAMPLE_VENDORS) expect(result.out.some((l) => l.startsWith(String(vendor.Vendor)))).toBe(true);
    expect(result.out[result.out.length - 1]).toContain(`Wrote ${output}`);
  });

  it("prints each vendor's cost low and high around its total, the sentence naming what its total is most sensitive to, and the ten assumptions that move the sum of all vendors most", () => {
    const header = result.out[0];
    expect(header).toMatch(/Risk rank\s+Cost low\s+Cost high\s+Cost ranking$/);
    const amount = (text: string) => Number(text.replace(/,/g, ""));
    for (const vendor of SAMPLE_VENDORS) {
      const line = result.out.find((l) => l.startsWith(String(vendor.Vendor)))!;
      const cells = line.slice(String(vendor.Vendor).length).trim().split(/\s{2,}/);
      const [total, low, high] = [amount(cells[0]), amount(cells[cells.length - 3]), amount(cells[cells.length - 2])];
      expect(low).toBeLessThan(total);
      expect(total).toBeLessThan(high);
      expect(result.out).toContainEqual(expect.stringMatching(new RegExp(`^  ${String(vendor.Vendor).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: The total is most sensitive to .+(; if it is at its high end|, which is already at the high end of its range; at its low end), the total is [\\d,]+\\.$`)));
    }
    const start = result.out.findIndex((l) => /^All \d+ vendors together/.test(l));
    expect(start).toBeGreaterThan(0);
    expect(result.out[start + 1]).toMatch(/^ {2}Assumption\s+Sum at low\s+Sum at high\s+Swing$/);
    const bars = result.out.slice(start + 2, start + 12).map((l) => l.trim().split(/\s{2,}/));
    expect(bars).toHaveLength(10);
    for (const [i, bar] of bars.entries()) {
      const [atLow, atHigh, swing] = bar.slice(1).map(amount);
      expect(Math.abs(atHigh - atLow - swing)).toBeLessThanOrEqual(1);
      if (i > 0) expect(swing).toBeLessThanOrEqual(amount(bars[i - 1][3]));
    }
  });

  it("writes the output columns, the assumptions sheet, the finance summary and a checklist sheet per vendor", () => {
    const names = book.worksheets.map((s) => s.name);
    expect(names).toContain(ASSUMPTIONS_SHEET);
    expect(names).toContain(SUMMARY_SHEET);
    expect(names.filter((n) => n.startsWith("Checklist "))).toHaveLength(SAMPLE_VENDORS.length);
    const table = book.worksheets.find((s) => s.getTables().length > 0)!;
    const headers = (table.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(-4)).toEqual(["Total cost", "Risk score", "Location fit", FINANCE_KEY_HEADER]);
    // The key the three columns look their row up by: plain values 1..n, read from the row's own key cell.
    const keyColumn = headers.length;
    const keys = SAMPLE_VENDORS.map((_v, i) => table.getRow(2 + i).getCell(keyColumn).value);
    expect(keys).toEqual(SAMPLE_VENDORS.map((_v, i) => i + 1));
    const formulas = SAMPLE_VENDORS.map((_v, i) => (table.getRow(2 + i).getCell(keyColumn - 3).value as { formula?: string }).formula);
    expect(formulas[0]).toContain(`[[#This Row],[${FINANCE_KEY_HEADER}]]`);
    formulas.forEach((f) => expect(f).toBe(formulas[0]));
  });

  it("the printed total carries the exit and transition-out line: the written summary has it as a column, its assumption is on the sheet", () => {
    const assumptions = book.getWorksheet(ASSUMPTIONS_SHEET)!;
    const names: unknown[] = [];
    assumptions.eachRow((row) => names.push(row.getCell(1).value));
    expect(names).toContain("Exit and transition-out %");
    const summary = book.getWorksheet(SUMMARY_SHEET)!;
    const header = (summary.getRow(SUMMARY_HEADER_ROW + 1).values as unknown[]).map(String);
    const [exit, labour, total] = ["Exit and transition-out", "Labour (rate x hours)", "Total cost"].map((h) => header.indexOf(h));
    const lines = header.map((h, c) => (c >= labour && c <= exit ? c : -1)).filter((c) => c >= 0);
    expect(exit).toBeGreaterThan(labour);
    const cached = (cell: ExcelJS.Cell): number => {
      const v = cell.value;
      // ExcelJS leaves out a cached result of 0.
      return typeof v === "object" && v !== null ? Number((v as { result?: number }).result ?? 0) : Number(v);
    };
    for (let i = 0; i < SAMPLE_VENDORS.length; i++) {
      const row = summary.getRow(SUMMARY_HEADER_ROW + 2 + i);
      const vendor = String(row.getCell(1).value);
      expect(cached(row.getCell(exit))).toBeGreaterThan(0);
      const sum = lines.reduce((s, c) => s + cached(row.getCell(c)), 0);
      expect(Math.abs(sum - cached(row.getCell(total)))).toBeLessThan(1e-6 * sum);
      const printed = result.out.find((l) => l.startsWith(vendor))!.slice(vendor.length).trim().split(/\s{2,}/)[0];
      expect(Number(printed.replace(/[^\d.]/g, ""))).toBe(Math.round(cached(row.getCell(total))));
    }
  });

  it("never modifies the input without --in-place", () => {
    expect(sha(SAMPLE)).toBe(before);
  });

  it("uses the bundled sample when no input is given, writing beside a copy given with --out", async () => {
    const out = path.join(work, "default-input.xlsx");
    const r = await run("--out", out, "--quiet");
    expect(r).toEqual({ code: 0, out: [], err: [] });
    const wb = await XlsxWorkbook.open(out);
    expect((await wb.listTables()).map((t) => t.rowCount)).toEqual([SAMPLE_VENDORS.length]);
  });
});

describe("the command line's choices", () => {
  it("writes input.evaluated.xlsx next to the input by default, and --in-place writes the input itself", async () => {
    const input = path.join(work, "quotes.xlsx");
    copyFileSync(SAMPLE, input);
    const original = sha(input);
    expect((await run(input, "--quiet")).code).toBe(0);
    expect(sha(input)).toBe(original);
    const beside = await XlsxWorkbook.open(path.join(work, "quotes.evaluated.xlsx"));
    expect((await beside.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]).not.toBeNull();

    expect((await run(input, "--in-place", "--quiet")).code).toBe(0);
    expect(sha(input)).not.toBe(original);
    const inPlace = await XlsxWorkbook.open(input);
    expect((await inPlace.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]).not.toBeNull();
  });

  it("--values writes static numbers with an 'as of' time", async () => {
    const out = path.join(work, "values.xlsx");
    expect((await run(SAMPLE, "--out", out, "--values", "--quiet")).code).toBe(0);
    const wb = await XlsxWorkbook.open(out);
    const summary = (await wb.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]!;
    expect(String(summary.values[1][0])).toContain("Values as of 2026-03-02 15:30 UTC");
    expect(summary.formulas.flat().filter((f) => typeof f === "string" && f.startsWith("="))).toEqual([]);
  });

  it("--checklists limits the checklist sheets and says how many vendors have none", async () => {
    const out = path.join(work, "two-checklists.xlsx");
    const r = await run(SAMPLE, "--out", out, "--checklists", "2");
    expect(r.code).toBe(0);
    expect(r.out[r.out.length - 1]).toContain(`2 checklist sheets (${SAMPLE_VENDORS.length - 2} more vendors have none`);
  });

  it("a workbook of the user's with no buyer time zone is measured from the documented default with a warning; its own zone then wins over --buyer-zone, with a warning", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply(sampleChanges());
    const input = path.join(work, "no-zone.xlsx");
    await wb.save(input);
    const first = path.join(work, "no-zone.out.xlsx");
    const r = await run(input, "--out", first);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([expect.stringMatching(/^Warning: The workbook names no buyer time zone, so the overlap is measured from America\/New_York \(the assumption's default\)/)]);
    const again = await run(first, "--out", path.join(work, "no-zone.again.xlsx"), "--buyer-zone", "Berlin");
    expect(again.code).toBe(0);
    expect(again.err).toEqual([`Warning: --buyer-zone Europe/Berlin was not used: the workbook's 'Buyer time zone' on the sheet '${ASSUMPTIONS_SHEET}' says America/New_York; change that cell to change it.`]);
  });

  it("reports bad rows with their row numbers and still computes the rest", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply(sampleChanges());
    const rate = (await wb.listTables())[0].headers.indexOf("Hourly rate");
    await wb.apply([{ kind: "writeRange", sheet: "Vendor quotes", address: `${String.fromCharCode(65 + rate)}4`, cells: [["TBD"]] }]);
    const input = path.join(work, "bad-row.xlsx");
    await wb.save(input);
    // A copy of the sample has no assumptions sheet: its zone is given, as for the sample.
    const r = await run(input, "--out", path.join(work, "bad-row.out.xlsx"), "--buyer-zone", "America/New_York");
    expect(r.code).toBe(0);
    expect(r.err).toEqual([expect.stringMatching(/^Row 4 not evaluated: Hourly rate must be a number; got 'TBD'/)]);
    const printed = r.out.filter((l) => SAMPLE_VENDORS.some((v) => l.startsWith(String(v.Vendor))));
    expect(printed).toHaveLength(SAMPLE_VENDORS.length - 1);
    expect(r.out[r.out.length - 1]).toContain("1 row not evaluated");
  });
});

describe("the command line on a large table", () => {
  it("reports progress on stderr and still prints only the summary on stdout", async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => [`Vendor ${i}`, 20 + (i % 50), 100 + i, "Offshore", "India"]);
    const file = await workbookWith((wb) => {
      wb.addWorksheet("Quotes").addTable({ name: "Quotes", ref: "A1", columns: ["Vendor", "Hourly rate", "Hours", "Location model", "Country"].map((name) => ({ name })), rows });
    }, "large.xlsx");
    const r = await run(file, "--out", path.join(work, "large.out.xlsx"), "--checklists", "1");
    expect(r.code).toBe(0);
    expect(r.err[0]).toBe("Evaluating 1,200 rows of table 'Quotes'...");
    expect(r.err).toContain("Preparing the finance summary...");
    expect(r.out.filter((l) => /^Vendor \d/.test(l))).toHaveLength(30);
    expect(r.out).toContain("... and 1170 more vendors (all in the workbook's 'Finance summary' sheet)");
  }, 60_000);
});

describe("the command line refuses broken inputs with one clear line", () => {
  it("a missing file", async () => {
    expectOneLineRefusal(await run(path.join(work, "nowhere.xlsx")), /File not found: .*nowhere\.xlsx/);
  });

  it("a file that is not an .xlsx", async () => {
    const file = path.join(work, "notes.xlsx");
    writeFileSync(file, "Vendor,Hourly rate,Hours\nAcme,40,100\n");
    expectOneLineRefusal(await run(file), /notes\.xlsx is not an \.xlsx workbook/);
  });

  it("an encrypted (password-protected) workbook", async () => {
    // What Office writes for a password: an OLE container with EncryptionInfo and EncryptedPackage streams.
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, "/EncryptionInfo", Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    CFB.utils.cfb_add(container, "/EncryptedPackage", Buffer.alloc(4096, 7));
    const file = path.join(work, "locked.xlsx");
    writeFileSync(file, CFB.write(container, { type: "buffer" }) as Buffer);
    expectOneLineRefusal(await run(file), /locked\.xlsx is password-protected \(encrypted\)/);
  });

  it("a legacy .xls workbook", async () => {
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, "/Workbook", Buffer.alloc(4096, 1));
    const file = path.join(work, "old.xls");
    writeFileSync(file, CFB.write(container, { type: "buffer" }) as Buffer);
    expectOneLineRefusal(await run(file), /old\.xls is a legacy \.xls workbook, not an \.xlsx; open it in Excel and save it as \.xlsx/);
  });

  it("an OpenDocument spreadsheet (.ods) says it is not supported and how to convert it", async () => {
    // As LibreOffice writes one: the media type first, stored uncompressed, then the content.
    const zip = new JSZip();
    zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
    zip.file("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>');
    zip.file("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>');
    const file = path.join(work, "quotes.ods");
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    expectOneLineRefusal(await run(file), /quotes\.ods is an OpenDocument spreadsheet \(\.ods\), which is not supported; .*save it as an Excel workbook \(\.xlsx\).*soffice --headless --convert-to xlsx/);
  });

  it("a damaged part is named as damage, not by the reader's own error ('Cannot read properties of null')", async () => {
    const damaged: Record<string, (zip: JSZip) => void> = {
      "bad-table.xlsx": (zip) => zip.file("xl/tables/table1.xml", "<table/>"),
      "bad-strings.xlsx": (zip) => zip.file("xl/sharedStrings.xml", "<sst><si/></sst>"),
    };
    for (const [name, damage] of Object.entries(damaged)) {
      const zip = await JSZip.loadAsync(readFileSync(SAMPLE));
      damage(zip);
      const file = path.join(work, name);
      writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
      const result = await run(file);
      expectOneLineRefusal(result, new RegExp(`${name.replace(".", "\\.")} is not a readable \\.xlsx workbook: a part of it is damaged`));
      expect(result.err[0]).not.toMatch(/Cannot read|is not a function|\[object Object\]|forEach|richText/);
    }
  });

  it("a failure inside the command line is one plain line, not the engine's 'e?.map is not a function' or '[object Object]'", async () => {
    for (const thrown of [new TypeError("e?.map is not a function"), { code: 7 }]) {
      const open = jest.spyOn(XlsxWorkbook, "open").mockRejectedValueOnce(thrown);
      try {
        const result = await run(SAMPLE, "--out", path.join(work, "internal.xlsx"));
        expectOneLineRefusal(result, /unexpected failure inside the command line .*OFFSHORE_DEBUG=1/);
        expect(result.err[0]).not.toMatch(/is not a function|\[object Object\]/);
      } finally {
        open.mockRestore();
      }
    }
  });

  it("a workbook with no vendor table", async () => {
    const file = await workbookWith((wb) => {
      const sheet = wb.addWorksheet("Fruit");
      sheet.addRow(["Fruit", "Colour"]);
      sheet.addRow(["Apple", "Red"]);
    }, "fruit.xlsx");
    expectOneLineRefusal(await run(file), /No vendor table in fruit\.xlsx: expected a table .*'Hourly rate' and 'Hours'/);
  });

  it("a vendor table missing the required columns", async () => {
    const file = await workbookWith((wb) => {
      const sheet = wb.addWorksheet("Quotes");
      sheet.addTable({ name: "Quotes", ref: "A1", columns: [{ name: "Vendor" }, { name: "Country" }, { name: "Hours" }], rows: [["Acme", "India", 100]] });
    }, "no-rate.xlsx");
    expectOneLineRefusal(await run(file), /The table 'Quotes' has no column for 'Hourly rate'/);
  });

  it("a --table that does not exist", async () => {
    expectOneLineRefusal(await run(SAMPLE, "--table", "Suppliers", "--out", path.join(work, "x.xlsx")), /No table named 'Suppliers' .* its tables: Vendors/);
  });

  it("an output that cannot be written", async () => {
    expectOneLineRefusal(await run(SAMPLE, "--out", path.join(work, "no-such-folder", "out.xlsx")), /Cannot write .*out\.xlsx: the folder .* does not exist/);
    const folder = path.join(work, "a-folder.xlsx");
    mkdirSync(folder, { recursive: true });
    expectOneLineRefusal(await run(SAMPLE, "--out", folder), /Cannot write .*a-folder\.xlsx: it is a folder/);
  });

  it("the installed command exits non-zero with one line on stderr", async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(ROOT, "bin", "offshore-evaluate.js"), path.join(work, "missing.xlsx")], (error, stdout, stderr) =>
        resolve({ code: error ? (error as NodeJS.ErrnoException & { code: number }).code : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Error: File not found: .*missing\.xlsx$/)]);
  });
});

// Node ends a process out of heap with a native stack trace; the command says so in one line.
describe("the installed command out of memory", () => {
  it("exits non-zero with one line on stderr naming the limit and what to do, and writes nothing", async () => {
    const output = path.join(work, "out-of-memory.xlsx");
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(ROOT, "bin", "offshore-evaluate.js"), SAMPLE, "--out", output],
        // Well below what the sample needs (about 24 MB of old space, run from the bundle).
        { env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=12" } },
        (error, stdout, stderr) => resolve({ code: error ? (error as NodeJS.ErrnoException & { code: number }).code : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Error: the command line ran out of memory \(it was allowed 12 MB\).*nothing was written.*NODE_OPTIONS=--max-old-space-size=24 /)]);
    expect(() => statSync(output)).toThrow();
  }, 120_000);
});

// Excel's sheet names ignore case (ExcelJS's addWorksheet refuses 'finance SUMMARY' beside
// 'Finance summary' too: exceljs issues #1064, #3028): a sheet of the user's under any spelling
// of a name the add-in writes is left as it is, and the output says which sheet was used instead.
describe("the command line never writes over a sheet of the user's that bears a name the add-in uses", () => {
  const own = (sheet: ExcelJS.Worksheet) => {
    sheet.getCell("A1").value = "My own notes";
    sheet.getCell("B7").value = 1234;
    sheet.getCell("AT8").value = "keep me";
  };
  async function inputWith(sheetName: string, file: string): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(SAMPLE);
    own(wb.addWorksheet(sheetName));
    const input = path.join(work, file);
    await wb.xlsx.writeFile(input);
    return input;
  }
  async function cellsOf(file: string, sheetName: string): Promise<unknown[]> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets.find((s) => s.name === sheetName)!;
    return [sheet.getCell("A1").value, sheet.getCell("B7").value, sheet.getCell("AT8").value, sheet.actualRowCount];
  }

  it.each(["Finance summary", "finance SUMMARY"])("'%s': its cells stay, the summary goes to 'Finance summary (2)', exit 0 with a line saying so", async (name) => {
    const input = await inputWith(name, `own-${name.replace(/ /g, "-")}.xlsx`);
    const output = path.join(work, `own-${name.replace(/ /g, "-")}.out.xlsx`);
    const r = await run(input, "--out", output, "--buyer-zone", "America/New_York");
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toContainEqual(`The sheet '${name}' is not the add-in's and was left as it is: the finance summary is on the sheet 'Finance summary (2)'.`);
    expect(await cellsOf(output, name)).toEqual(["My own notes", 1234, "keep me", 3]);
    const wb = await XlsxWorkbook.open(output);
    const summary = (await wb.read({ sheets: ["Finance summary (2)"] })).sheets["Finance summary (2)"]!;
    expect(String(summary.values[0][0])).toMatch(/^Vendor options for finance/);

    // Run again on the output: the add-in's own summary is found and refreshed, no third sheet.
    const again = path.join(work, `own-${name.replace(/ /g, "-")}.again.xlsx`);
    expect((await run(output, "--out", again, "--quiet")).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(again);
    expect(book.worksheets.map((s) => s.name).filter((n) => /finance summary/i.test(n)).sort()).toEqual(["Finance summary (2)", name].sort());
    expect(await cellsOf(again, name)).toEqual(["My own notes", 1234, "keep me", 3]);
  });

  it.each([ASSUMPTIONS_SHEET, ASSUMPTIONS_SHEET.toUpperCase()])("'%s': its cells stay, the assumptions go to a free name the defined name points at, exit 0 with a line saying so", async (name) => {
    const file = `own-assumptions-${name.replace(/ /g, "-")}`;
    const input = await inputWith(name, `${file}.xlsx`);
    const output = path.join(work, `${file}.out.xlsx`);
    const r = await run(input, "--out", output);
    const moved = `${ASSUMPTIONS_SHEET} (2)`;
    // The workbook names no buyer time zone: the one warning says where to set it, on the add-in's sheet.
    expect(r.err).toEqual([expect.stringContaining(`set 'Buyer time zone' on the sheet '${moved}'`)]);
    expect(r.code).toBe(0);
    expect(r.out).toContainEqual(`The sheet '${name}' is not the add-in's and was left as it is: the assumptions table is on the sheet '${moved}'. The name ${ASSUMPTIONS_NAME}, which the formulas read, points there.`);
    expect(await cellsOf(output, name)).toEqual(["My own notes", 1234, "keep me", 3]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
    expect(book.definedNames.getRanges(ASSUMPTIONS_NAME).ranges).toEqual([expect.stringMatching(new RegExp(`^'${moved.replace(/[()]/g, "\\$&")}'!\\$A\\$1:\\$L\\$\\d+$`))]);
    expect(book.getWorksheet(moved)!.getCell("A1").value).toBe("Assumption");

    // Run again on the output: the assumptions are found where the name points, no third sheet.
    const again = path.join(work, `${file}.again.xlsx`);
    const second = await run(output, "--out", again);
    expect(second.code).toBe(0);
    expect(second.out.filter((l) => l.includes(ASSUMPTIONS_NAME))).toEqual([]);
    const next = new ExcelJS.Workbook();
    await next.xlsx.readFile(again);
    expect(next.worksheets.map((s) => s.name).filter((n) => /offshore assumptions/i.test(n)).sort()).toEqual([moved, name].sort());
    expect(await cellsOf(again, name)).toEqual(["My own notes", 1234, "keep me", 3]);
  });

  it("a sheet of the user's named 'OffshoreSettings' (any case) is neither read as settings nor written", async () => {
    const input = await inputWith("offshoreSETTINGS", "own-settings.xlsx");
    const output = path.join(work, "own-settings.out.xlsx");
    const r = await run(input, "--out", output, "--quiet");
    expect(r.code).toBe(0);
    expect(await cellsOf(output, "offshoreSETTINGS")).toEqual(["My own notes", 1234, "keep me", 3]);
  });
});

describe("--in-place keeps the file what it was", () => {
  it("a private (0600) workbook stays private", async () => {
    const input = path.join(work, "private.xlsx");
    copyFileSync(SAMPLE, input);
    chmodSync(input, 0o600);
    const original = sha(input);
    expect((await run(input, "--in-place", "--quiet")).code).toBe(0);
    expect(sha(input)).not.toBe(original);
    expect(statSync(input).mode & 0o777).toBe(0o600);
  });

  it("a symbolic link is written through: the link stays, its target is updated", async () => {
    const folder = mkdtempSync(path.join(work, "linked-"));
    const real = path.join(folder, "real.xlsx");
    copyFileSync(SAMPLE, real);
    chmodSync(real, 0o640);
    const link = path.join(work, "link-to-real.xlsx");
    symlinkSync(real, link);
    const original = sha(real);
    expect((await run(link, "--in-place", "--quiet")).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(sha(real)).not.toBe(original);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    const written = await XlsxWorkbook.open(real);
    expect((await written.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]).not.toBeNull();
    // No temporary file is left beside either.
    expect(readdirSync(folder)).toEqual(["real.xlsx"]);
  });
});

describe("a macro-enabled workbook (.xlsm)", () => {
  /** The sample made macro-enabled as Excel saves it: a VBA project part and the macroEnabled content type. */
  async function xlsmFrom(source: string, name: string): Promise<string> {
    const zip = await JSZip.loadAsync(readFileSync(source));
    const types = await zip.file("[Content_Types].xml")!.async("string");
    zip.file(
      "[Content_Types].xml",
      types
        .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        .replace("<Default ", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default '),
    );
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file("xl/_rels/workbook.xml.rels", rels.replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
    zip.file("xl/vbaProject.bin", Buffer.alloc(512, 3));
    const file = path.join(work, name);
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    return file;
  }

  it("--in-place is refused in one line, and the file and its macros are left as they were", async () => {
    const input = await xlsmFrom(SAMPLE, "macros.xlsm");
    const original = sha(input);
    expectOneLineRefusal(await run(input, "--in-place"), /macros\.xlsm holds macros, which the command line cannot keep: --in-place would delete them\. Use --out macros\.evaluated\.xlsx/);
    expect(sha(input)).toBe(original);
    expect((await JSZip.loadAsync(readFileSync(input))).file("xl/vbaProject.bin")).not.toBeNull();
  });

  it("a macro workbook renamed .xlsx is recognised by its parts", async () => {
    const input = await xlsmFrom(SAMPLE, "renamed-macros.xlsx");
    const original = sha(input);
    expectOneLineRefusal(await run(input, "--in-place"), /renamed-macros\.xlsx holds macros/);
    expect(sha(input)).toBe(original);
  });

  it("an evaluated copy is an .xlsx named so, and the run says the macros are not carried", async () => {
    const input = await xlsmFrom(SAMPLE, "macro-copy.xlsm");
    const r = await run(input);
    expect(r.code).toBe(0);
    expect(r.err).toContain("Warning: macro-copy.xlsm holds macros; macro-copy.evaluated.xlsx is an .xlsx without them (macro-copy.xlsm keeps them).");
    expect(r.out[r.out.length - 1]).toContain(`Wrote ${path.join(work, "macro-copy.evaluated.xlsx")}`);
    expect((await JSZip.loadAsync(readFileSync(input))).file("xl/vbaProject.bin")).not.toBeNull();
  });

  it("--out with an .xlsm name is refused: the package written is an .xlsx", async () => {
    expectOneLineRefusal(await run(SAMPLE, "--out", path.join(work, "out.xlsm")), /Cannot write .*out\.xlsm: the command line writes an \.xlsx workbook without macros.*choose a name ending in \.xlsx/);
  });
});
