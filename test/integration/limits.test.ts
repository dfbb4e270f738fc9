// Nothing the add-in writes goes past Excel's documented limits (Microsoft Support, "Excel
// specifications and limits": 8,192 characters per formula, 32,767 per cell, 64 nested levels;
// 31 characters per sheet name; 255 per text inside a formula): long text from a cell is
// referenced, never copied into a formula, and each adapter refuses, before writing anything,
// a change that would break a limit, so a generated formula that grows too long fails here.
import path from "path";
import os from "os";
import { mkdtempSync } from "fs";
import ExcelJS from "exceljs";
import { evaluateTable } from "../../src/actions/evaluate";
import { prepareForFinance } from "../../src/actions/finance";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { EXCEL_LIMITS, excelLimitProblem, ExcelLimitError, formulaProblem, formulaShape } from "../../src/workbook/limits";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { CellSource, CellWrite, WorkbookChange } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { runCli, workbookFile } from "../helpers/cli";
import { FakeExcel } from "./fakes/fakeExcel";

const work = mkdtempSync(path.join(os.tmpdir(), "offshore-limits-"));
const LONG = "x".repeat(10_000);
const column = (header: string) => (SAMPLE_VENDOR_HEADERS as readonly string[]).indexOf(header);

/** The sample's rows, each with 10,000 characters in one more input cell (rate, pricing model, country, vendor...). */
function longRows(): unknown[][] {
  const targets = ["Hourly rate", "Pricing model", "Country", "Vendor", "Time zone", "Hours"].map(column).filter((c) => c >= 0);
  return SAMPLE_VENDOR_ROWS.map((row, i) => row.map((cell, c) => (c === targets[i % targets.length] ? LONG : cell)));
}

/** Every limit a cell's content can break, as one line per offending cell. */
function breaches(where: string, formula: string | undefined, value: unknown): string[] {
  const found: string[] = [];
  if (formula) {
    const problem = formulaProblem(formula.startsWith("=") ? formula : `=${formula}`);
    if (problem) found.push(`${where}: ${problem}`);
    if (formula.includes(LONG.slice(0, 300))) found.push(`${where}: a formula copies the long text`);
  }
  if (typeof value === "string" && value.length > EXCEL_LIMITS.cellText) found.push(`${where}: ${value.length} characters`);
  return found;
}

/** A block of `rows` × `columns` numbers worked out as it is read, `odd` at row `r`, column `c`. */
function sourced(rows: number, columns: number, r: number, c: number, odd: CellWrite): CellSource {
  return { rows, columns, cell: (row, column) => (row === r && column === c ? odd : row * columns + column) };
}

describe("Excel's limits, as a check on what is written", () => {
  test("text literals and quoted sheet names are measured apart from the formula around them", () => {
    expect(formulaShape(`=IF(A1="${"a".repeat(300)}",'It''s (a) sheet'!B2,"say ""hi""")`)).toEqual({ longestText: 300, depth: 1 });
    expect(formulaShape(`=${"SUM(".repeat(65)}1${")".repeat(65)}`).depth).toBe(65);
    expect(formulaProblem(`=${"SUM(".repeat(64)}1${")".repeat(64)}`)).toBe("");
    expect(formulaProblem(`=${"SUM(".repeat(65)}1${")".repeat(65)}`)).toMatch(/nested 65 levels/);
    expect(formulaProblem(`=A1&"${"a".repeat(256)}"`)).toMatch(/text of 256 characters/);
    expect(formulaProblem(`=${"1+".repeat(4095)}11`)).toMatch(/formula of 8,193 characters, over Excel's limit of 8,192/);
  });

  const tooLong: [string, WorkbookChange][] = [
    ["a formula over 8,192 characters", { kind: "writeRange", sheet: "S", address: "B2", cells: [[{ formula: `=${"1+".repeat(4095)}11` }]] }],
    ["a cell text over 32,767 characters", { kind: "writeRange", sheet: "S", address: "B2", cells: [["y".repeat(32_768)]] }],
    ["a sheet name over 31 characters", { kind: "ensureSheet", sheet: "s".repeat(32) }],
    ["a block past Excel's last row (1,048,576)", { kind: "writeRange", sheet: "S", address: "A1048576", cells: [[1], [2]] }],
    // A block worked out as it is read (CellSource), as the finance summary's vendor block is: the offending cell is deep inside it.
    ["a cell text over 32,767 characters in a block given as a source", { kind: "writeRange", sheet: "S", address: "B2", cells: sourced(500, 4, 377, 2, "y".repeat(32_768)) }],
    ["a formula over 8,192 characters in a block given as a source", { kind: "writeRange", sheet: "S", address: "B2", cells: sourced(500, 4, 499, 3, { formula: `=${"1+".repeat(4095)}11` }) }],
    ["a source block past Excel's last row (1,048,576)", { kind: "writeRange", sheet: "S", address: "A1048570", cells: sourced(8, 1, -1, -1, null) }],
    ["a table column formula with a long text inside", { kind: "setTableColumn", table: "T", header: "H", formula: `="${"z".repeat(300)}"` }],
  ];
  test("a source block's offending cell is named by its own address", () => {
    const change: WorkbookChange = { kind: "writeRange", sheet: "S", address: "B2", cells: sourced(500, 4, 377, 2, "y".repeat(32_768)) };
    expect(excelLimitProblem([change])).toBe("S!D379 would hold a text of 32,768 characters, over Excel's limit of 32,767 per cell");
  });

  // A column said to be of one template (CellSource.template) is judged by its first and last
  // rows; where one of them is too long, the cell named is still the block's first offending one.
  test("a source's templated column is judged by its rows' numbers, the first offending cell named", () => {
    const parts = [`=${"1+".repeat(4094)}A`, ""];
    const block = (rows: number): CellSource => ({
      rows,
      columns: 2,
      cell: (r, c) => (c === 0 ? `row ${r}` : { formula: parts.join(String(r + 1)), rowTemplate: { parts, row: String(r + 1) } }),
      template: (c) => (c === 1 ? { parts, row: (r) => String(r + 1) } : undefined),
    });
    // 8,190 characters and the row's digits: within the limit up to row 99, over it from row 100.
    expect(excelLimitProblem([{ kind: "writeRange", sheet: "S", address: "A1", cells: block(99) }])).toBe("");
    expect(excelLimitProblem([{ kind: "writeRange", sheet: "S", address: "A1", cells: block(150) }])).toBe("S!B100 would hold a formula of 8,193 characters, over Excel's limit of 8,192");
  });

  test.each(tooLong)("every adapter refuses %s before writing anything", async (_what, change) => {
    expect(excelLimitProblem([change])).not.toBe("");
    const memory = new MemoryWorkbook();
    await expect(memory.apply([{ kind: "ensureSheet", sheet: "First" }, change])).rejects.toBeInstanceOf(ExcelLimitError);
    expect(memory.sheetNames()).not.toContain("First");
    const xlsx = XlsxWorkbook.create();
    await expect(xlsx.apply([{ kind: "ensureSheet", sheet: "First" }, change])).rejects.toBeInstanceOf(ExcelLimitError);
    expect(xlsx.sheetNames()).not.toContain("First");
    const excel = new FakeExcel();
    await expect(new ExcelWorkbook(excel.host()).apply([{ kind: "ensureSheet", sheet: "First" }, change])).rejects.toBeInstanceOf(ExcelLimitError);
    expect(excel.syncs).toBe(0);
  });
});

describe("10,000 characters of text in input cells", () => {
  test("over the Excel fake: evaluate and prepare for finance write no formula or cell past a limit, and copy the text into no formula", async () => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, longRows() as never);
    const port = new ExcelWorkbook(excel.host());
    const evaluated = await evaluateTable(port, "Vendors", { today: { year: 2026, month: 3, day: 2 }, buyerTimeZone: "America/New_York" });
    if (evaluated.kind !== "done") throw new Error(evaluated.message);
    expect(evaluated.rowErrors.length).toBeGreaterThan(0);
    for (const e of evaluated.rowErrors) expect(e.message.length).toBeLessThan(400);
    const finance = await prepareForFinance(port, "Vendors", { now: new Date("2026-03-02T15:30:00Z"), buyerTimeZone: "America/New_York" });
    if (finance.kind !== "done") throw new Error(finance.message);
    const found = [...excel.sheets.values()].flatMap((sheet) => [...sheet.cells.entries()].flatMap(([at, cell]) => breaches(`${sheet.name}!${at}`, cell.formula, cell.value)));
    const calculated = excel.tables.flatMap((t) => [...(t.calculated?.values() ?? [])].flatMap((c) => breaches(`${t.name} column`, c.formula, null)));
    expect([...found, ...calculated]).toEqual([]);
  });

  test("the command line end to end: exit 0, the long text stays in its cell, and no cell of the output breaks a limit", async () => {
    const input = await workbookFile(work, "long-text.xlsx", (wb) => {
      const sheet = wb.addWorksheet("Quotes");
      sheet.addRow([...SAMPLE_VENDOR_HEADERS]);
      for (const row of longRows()) sheet.addRow(row as ExcelJS.CellValue[]);
    });
    const output = path.join(work, "long-text.out.xlsx");
    const r = await runCli(new Date("2026-03-02T15:30:00Z"), [input, "--out", output, "--checklists", "50"]);
    expect(r.code).toBe(0);
    for (const line of [...r.out, ...r.err]) expect(line.length).toBeLessThan(2_000);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
    const found: string[] = [];
    let kept = 0;
    for (const sheet of book.worksheets) {
      expect(sheet.name.length).toBeLessThanOrEqual(EXCEL_LIMITS.sheetName);
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const value = cell.value as { formula?: string; sharedFormula?: string; result?: unknown } | string | null;
          const formula = value && typeof value === "object" ? value.formula : undefined;
          if (value === LONG) kept++;
          found.push(...breaches(`${sheet.name}!${cell.address}`, formula, typeof value === "object" && value ? value.result : value));
          if (cell.note) found.push(...breaches(`${sheet.name}!${cell.address} note`, undefined, typeof cell.note === "string" ? cell.note : JSON.stringify(cell.note)));
        }),
      );
    }
    expect(found).toEqual([]);
    expect(kept).toBeGreaterThanOrEqual(SAMPLE_VENDOR_ROWS.length);
  }, 120_000);
});
