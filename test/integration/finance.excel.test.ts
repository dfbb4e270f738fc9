// Prepare for finance and Evaluate over the Office.js adapter, on the Excel fake, where a
// formula written into a table column makes it a calculated column as Excel does it: the
// bottom-most formula written fills the whole column in R1C1 terms ("Fill formulas in tables
// to create calculated columns", on by default; office-js issues 5909, 2093 and 6745).
// Different formulas row by row would then show one row's number in every row, with no error.
import { evaluateTable } from "../../src/actions/evaluate";
import { FINANCE_KEY_HEADER, NOT_IN_SUMMARY, prepareForFinance, SUMMARY_COLUMNS, SUMMARY_REORDERED, SUMMARY_SHEET } from "../../src/actions/finance";
import { planFinance } from "../../src/actions/financePlan";
import { parseCell, parseRange, type RangeRef } from "../../src/workbook/address";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import type { CellValue } from "../../src/model/types";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { FakeExcel, shiftRows } from "./fakes/fakeExcel";
import { ASSUMPTIONS_NAME, ASSUMPTIONS_SHEET } from "../../src/workbook/port";

const NOW = new Date("2026-03-02T15:30:00Z");
const options = { now: NOW, buyerTimeZone: "America/New_York" };
const OUTPUTS = ["Total cost", "Risk score", "Location fit"];
const SUMMARY_KEYS = ["totalCost", "riskScore", "fitVerdict"];

const HOURLY_RATE = SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate");
const badRow = (): CellValue[] => SAMPLE_VENDOR_ROWS[1].map((v, c) => (c === HOURLY_RATE ? "TBD" : v));
const blankRow = (): CellValue[] => SAMPLE_VENDOR_HEADERS.map(() => null);

/**
 * What a cell of the fake shows, far enough to say where it leads: text, a number, or the
 * first cell reached that holds a formula other than a plain reference (the summary's own
 * formulas, which the fake does not compute). Knows the functions the table columns may use.
 */
type Shown = string | number | { sheet: string; row: number; column: number };

function show(excel: FakeExcel, sheet: string, row: number, column: number): Shown {
  const cell = excel.sheet(sheet).cells.get(`${row},${column}`);
  if (!cell?.formula) return cell?.value === null || cell?.value === undefined ? "" : (cell.value as string | number);
  const plain = /^=(?:'((?:[^']|'')+)'!|([A-Za-z0-9_]+)!)?\$?([A-Z]+)\$?(\d+)$/.exec(cell.formula);
  if (plain) {
    const target = parseCell(`${plain[3]}${plain[4]}`);
    return show(excel, plain[1]?.replace(/''/g, "'") ?? plain[2] ?? sheet, target.row, target.column);
  }
  // The summary's own formulas are where a table cell should lead; only the table's, and the
  // summary's guard of a block entry (its row still holds that vendor), are read on.
  const guard = sheet === SUMMARY_SHEET && /^=IF\([A-Z]+\d+=\d+,[A-Z]+\d+,"[^"]*"\)$/.test(cell.formula);
  if ((sheet === SUMMARY_SHEET && !guard) || !/^=(IFERROR|IF|INDEX)\(/.test(cell.formula)) return { sheet, row, column };
  return new Evaluator(excel, sheet, row).run(cell.formula.slice(1));
}

class Evaluator {
  private at = 0;
  private text = "";
  constructor(private readonly excel: FakeExcel, private readonly sheet: string, private readonly row: number) {}
  run(formula: string): Shown {
    this.text = formula;
    this.at = 0;
    const value = this.expression();
    if (this.at !== this.text.length) throw new Error(`cannot read '${formula}' at ${this.at}`);
    return this.value(value);
  }
  private value(v: Shown | { range: RangeRef; sheet: string }): Shown {
    if (typeof v === "object" && "range" in v) return show(this.excel, v.sheet, v.range.top, v.range.left);
    if (typeof v === "object") return show(this.excel, v.sheet, v.row, v.column);
    return v;
  }
  private expression(): Shown | { range: RangeRef; sheet: string } {
    let left = this.term();
    for (;;) {
      const op = /^(>=|-|=)/.exec(this.text.slice(this.at))?.[1];
      if (!op) return left;
      this.at += op.length;
      const right = this.value(this.term());
      const l = this.value(left);
      // Excel ranks any text above any number in a comparison.
      if (op === ">=") left = (typeof l === "string" && typeof right === "number") || (typeof l === typeof right && l >= right) ? 1 : 0;
      else left = op === "-" ? Number(l) - Number(right) : ((l === right ? 1 : 0) as number);
    }
  }
  private args(): (() => Shown | { range: RangeRef; sheet: string })[] {
    // Arguments are parsed lazily so IFERROR and IF evaluate only what Excel would.
    const starts: number[] = [];
    let depth = 0;
    let quoted: string | null = null;
    const open = this.at;
    starts.push(open);
    for (; this.at < this.text.length; this.at++) {
      const ch = this.text[this.at];
      if (quoted) {
        if (ch === quoted) quoted = null;
        continue;
      }
      if (ch === '"' || ch === "'") quoted = ch;
      else if (ch === "(") depth++;
      else if (ch === ")") {
        if (depth === 0) break;
        depth--;
      } else if (ch === "," && depth === 0) starts.push(this.at + 1);
    }
    const end = this.at++;
    const parts = starts.map((s, i) => this.text.slice(s, i + 1 < starts.length ? starts[i + 1] - 1 : end));
    if (parts.length === 1 && parts[0] === "") return [];
    return parts.map((part) => () => {
      const sub = new Evaluator(this.excel, this.sheet, this.row);
      sub.text = part;
      const v = sub.expression();
      if (sub.at !== part.length) throw new Error(`cannot read '${part}'`);
      return v;
    });
  }
  private term(): Shown | { range: RangeRef; sheet: string } {
    const rest = this.text.slice(this.at);
    const string = /^"((?:[^"]|"")*)"/.exec(rest);
    if (string) {
      this.at += string[0].length;
      return string[1].replace(/""/g, '"');
    }
    const number = /^\d+(\.\d+)?/.exec(rest);
    if (number) {
      this.at += number[0].length;
      return Number(number[0]);
    }
    const call = /^([A-Z]+)\(/.exec(rest);
    if (call) {
      this.at += call[0].length;
      const args = this.args();
      switch (call[1]) {
        case "ROW":
          if (args.length === 0) return this.row + 1;
          return (args[0]() as { range: RangeRef }).range.top + 1;
        case "INDEX": {
          const { range, sheet } = args[0]() as { range: RangeRef; sheet: string };
          const n = Number(this.value(args[1]()));
          if (!(n >= 1 && n <= range.bottom - range.top + 1)) throw new Error("#REF!");
          return { sheet, row: range.top + n - 1, column: range.left };
        }
        case "IF":
          return this.value(args[0]()) ? args[1]() : args[2]();
        case "ISNUMBER":
          return typeof this.value(args[0]()) === "number" ? 1 : 0;
        case "AND":
          return args.every((arg) => this.value(arg())) ? 1 : 0;
        case "INT": {
          const v = this.value(args[0]());
          if (typeof v !== "number") throw new Error("#VALUE!");
          return Math.floor(v);
        }
        case "IFERROR":
          try {
            return this.value(args[0]());
          } catch {
            return args[1]();
          }
        default:
          throw new Error(`no ${call[1]} here`);
      }
    }
    // Table[@[Column]]: the column's cell in the formula's own row.
    const structured = /^([A-Za-z_][A-Za-z0-9_.]*)\[@\[([^\]]+)\]\]/.exec(rest);
    if (structured) {
      this.at += structured[0].length;
      const t = this.excel.table(structured[1])!;
      const column = t.left + t.columns.findIndex((c) => c.toLowerCase() === structured[2].toLowerCase());
      return { sheet: t.sheet, range: { top: this.row, bottom: this.row, left: column, right: column } };
    }
    const ref = /^(?:'((?:[^']|'')+)'!)?(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)/.exec(rest);
    if (ref) {
      this.at += ref[0].length;
      return { sheet: ref[1]?.replace(/''/g, "'") ?? this.sheet, range: parseRange(ref[2].replace(/\$/g, "")) };
    }
    throw new Error(`cannot read '${rest}'`);
  }
}

function landing(summaryRow: number, key: string): Shown {
  return { sheet: SUMMARY_SHEET, row: summaryRow, column: SUMMARY_COLUMNS.findIndex((c) => c.kind === "result" && c.key === key) };
}

/** The summary's row (0-based) of each vendor, by its row on the vendor sheet (column B). */
function summaryRows(excel: FakeExcel): Map<number, number> {
  const rows = new Map<number, number>();
  for (const [key, cell] of excel.sheet(SUMMARY_SHEET).cells) {
    const [r, c] = key.split(",").map(Number);
    if (c === 1 && r > 5 && typeof cell.value === "number") rows.set(cell.value, r);
  }
  return rows;
}

describe("prepare for finance over the Excel adapter, where a table column fills one formula (office-js 5909, 2093)", () => {
  const rows: CellValue[][] = [
    [...SAMPLE_VENDOR_ROWS[0]],
    badRow(),
    [...SAMPLE_VENDOR_ROWS[2]],
    blankRow(),
    [...SAMPLE_VENDOR_ROWS[3]],
    [...SAMPLE_VENDOR_ROWS[4]],
  ];

  async function prepared(mode: "formulas" | "values") {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 2, 1, "Vendors", SAMPLE_VENDOR_HEADERS, rows);
    const outcome = await prepareForFinance(new ExcelWorkbook(excel.host()), "Vendors", { ...options, mode });
    if (outcome.kind !== "done") throw new Error(outcome.message);
    return { excel, outcome };
  }

  test.each(["formulas", "values"] as const)(
    "in %s mode every table row leads to its own vendor's summary row, with a bad row and a blank row among them",
    async (mode) => {
      const { excel, outcome } = await prepared(mode);
      expect(outcome.rowErrors.map((e) => e.tableRow)).toEqual([2]);
      const t = excel.table("Vendors")!;
      const bySheetRow = summaryRows(excel);
      OUTPUTS.forEach((header, o) => {
        const column = t.left + t.columns.indexOf(header);
        rows.forEach((_row, i) => {
          const sheetRow = t.top + 1 + i;
          const shown = show(excel, "Quotes", sheetRow, column);
          const where = `${header}, table row ${i + 1}`;
          if (i === 1) expect({ where, shown }).toEqual({ where, shown: `Not evaluated: ${outcome.rowErrors[0].message}` });
          else if (i === 3) expect({ where, shown }).toEqual({ where, shown: "" });
          else {
            const summaryRow = bySheetRow.get(sheetRow + 1)!;
            expect(summaryRow).toBeDefined();
            // Formulas mode lands on the summary's own formula cell; values mode shows its number.
            const target = landing(summaryRow, SUMMARY_KEYS[o]) as { row: number; column: number };
            const expected = mode === "formulas" ? target : show(excel, SUMMARY_SHEET, target.row, target.column);
            expect(expected).not.toBe("");
            expect({ where, shown }).toEqual({ where, shown: expected });
          }
        });
      });
    },
  );

  test("each output column holds one formula, the same on every row in R1C1 terms, and sends no single value for a range", async () => {
    const { excel } = await prepared("formulas");
    const t = excel.table("Vendors")!;
    for (const header of OUTPUTS) {
      const column = t.left + t.columns.indexOf(header);
      const first = excel.sheet("Quotes").cells.get(`${t.top + 1},${column}`)!.formula!;
      for (let i = 0; i < t.rows; i++) expect(excel.sheet("Quotes").cells.get(`${t.top + 1 + i},${column}`)?.formula).toBe(shiftRows(first, i));
    }
  });

  test("a row added after preparing gets the column's formula (AutoCorrect on) and says it is not in the summary", async () => {
    const { excel } = await prepared("formulas");
    excel.addTableRows("Vendors", [[...SAMPLE_VENDOR_ROWS[5]]]);
    const t = excel.table("Vendors")!;
    expect(show(excel, "Quotes", t.top + t.rows, t.left + t.columns.indexOf("Total cost"))).toBe(NOT_IN_SUMMARY);
  });
});

describe("prepare for finance, then finance sorts or inserts rows in the table (Excel.TableSort; KB 40401: a sort moves formulas as if copied)", () => {
  // A bad row (Hourly rate "TBD") and a blank row among the vendors, so that the summary's
  // rows and the table's do not line up either.
  const rows: CellValue[][] = [
    [...SAMPLE_VENDOR_ROWS[0]],
    badRow(),
    [...SAMPLE_VENDOR_ROWS[2]],
    blankRow(),
    [...SAMPLE_VENDOR_ROWS[3]],
    [...SAMPLE_VENDOR_ROWS[4]],
  ];
  /** Every row moves: the first ends up third, and so on. */
  const ORDER = [5, 3, 0, 4, 1, 2];

  async function prepared(mode: "formulas" | "values", table = rows, headers: readonly string[] = SAMPLE_VENDOR_HEADERS) {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 2, 1, "Vendors", headers, table);
    const outcome = await prepareForFinance(new ExcelWorkbook(excel.host()), "Vendors", { ...options, mode });
    if (outcome.kind !== "done") throw new Error(outcome.message);
    return { excel, outcome };
  }

  /** The summary's row (0-based) of each vendor, by its name (column A). */
  function summaryRowsByVendor(excel: FakeExcel): Map<string, number> {
    const found = new Map<string, number>();
    for (const [key, cell] of excel.sheet(SUMMARY_SHEET).cells) {
      const [r, c] = key.split(",").map(Number);
      if (c === 0 && r > 5 && typeof cell.value === "string") found.set(cell.value, r);
    }
    return found;
  }

  /**
   * Each data row, where it is now, shows what its own vendor has in the summary: `original`
   * gives the row's index in `rows` (or "new" for a row added after preparing).
   */
  function expectOwnNumbers(excel: FakeExcel, mode: "formulas" | "values", badRowMessage: string, original: readonly (number | "new")[]) {
    const t = excel.table("Vendors")!;
    expect(t.rows).toBe(original.length);
    const byVendor = summaryRowsByVendor(excel);
    let compared = 0;
    OUTPUTS.forEach((header, o) => {
      const column = t.left + t.columns.indexOf(header);
      original.forEach((from, i) => {
        const sheetRow = t.top + 1 + i;
        const shown = show(excel, "Quotes", sheetRow, column);
        const where = `${header}, table row ${i + 1} (was ${from})`;
        if (from === "new") return expect({ where, shown }).toEqual({ where, shown: NOT_IN_SUMMARY });
        if (from === 1) return expect({ where, shown }).toEqual({ where, shown: `Not evaluated: ${badRowMessage}` });
        if (from === 3) return expect({ where, shown }).toEqual({ where, shown: "" });
        const vendor = excel.sheet("Quotes").cells.get(`${sheetRow},${t.left}`)!.value as string;
        expect(vendor).toBe(rows[from][0]);
        const target = landing(byVendor.get(vendor)!, SUMMARY_KEYS[o]) as { row: number; column: number };
        const expected = mode === "formulas" ? target : show(excel, SUMMARY_SHEET, target.row, target.column);
        expect(expected).not.toBe("");
        expect({ where, shown }).toEqual({ where, shown: expected });
        compared++;
      });
    });
    expect(compared).toBe(3 * 4);
  }

  test.each(["formulas", "values"] as const)("in %s mode, after the table is sorted every row still shows its own vendor's numbers, the bad row its reason", async (mode) => {
    const { excel, outcome } = await prepared(mode);
    excel.sortTableRows("Vendors", ORDER);
    expectOwnNumbers(excel, mode, outcome.rowErrors[0].message, ORDER);
  });

  /** Sorts the table through Office.js (Table.sort.apply, ExcelApi 1.2), as finance would from Data > Sort. */
  async function sortThroughOfficeJs(excel: FakeExcel, fields: Excel.SortField[]): Promise<void> {
    await excel.host().run(async (context) => {
      context.workbook.tables.getItem("Vendors").sort.apply(fields);
      await context.sync();
    });
  }

  /** Where each row now came from in `rows`, told by its vendor (names are unique; the blank row has none). */
  function originalRows(excel: FakeExcel): number[] {
    const t = excel.table("Vendors")!;
    return Array.from({ length: t.rows }, (_, i) => {
      const vendor = excel.sheet("Quotes").cells.get(`${t.top + 1 + i},${t.left}`)?.value ?? null;
      return rows.findIndex((r) => (r[0] ?? null) === vendor);
    });
  }

  test.each(["formulas", "values"] as const)("in %s mode, after table.sort.apply by Vendor (descending) and by Hourly rate, every row still shows its own vendor's numbers", async (mode) => {
    const { excel, outcome } = await prepared(mode);
    await sortThroughOfficeJs(excel, [{ key: SAMPLE_VENDOR_HEADERS.indexOf("Vendor"), ascending: false }]);
    const byVendor = originalRows(excel);
    // Descending by name, the blank row last (Excel's default sort order).
    const names = rows.filter((r) => r[0] !== null).map((r) => String(r[0]));
    expect(byVendor).toEqual([...names.sort((a, b) => b.localeCompare(a)).map((n) => rows.findIndex((r) => r[0] === n)), 3]);
    expect(byVendor).not.toEqual(rows.map((_r, i) => i));
    expectOwnNumbers(excel, mode, outcome.rowErrors[0].message, byVendor);

    await sortThroughOfficeJs(excel, [{ key: HOURLY_RATE, ascending: true }]);
    const byRate = originalRows(excel);
    // Numbers low to high, then the text 'TBD', then the blank row.
    const rated = rows.map((r, i) => [r[HOURLY_RATE], i] as const).filter(([v]) => typeof v === "number") as (readonly [number, number])[];
    expect(byRate).toEqual([...rated.sort((a, b) => a[0] - b[0]).map(([, i]) => i), 1, 3]);
    expect(byRate).not.toEqual(byVendor);
    expectOwnNumbers(excel, mode, outcome.rowErrors[0].message, byRate);
  });

  test.each(["formulas", "values"] as const)("in %s mode, a row inserted inside the table says it is not in the summary and the rows below it keep their vendors", async (mode) => {
    const { excel, outcome } = await prepared(mode);
    excel.insertTableRow("Vendors", 2, [...SAMPLE_VENDOR_ROWS[5]]);
    expectOwnNumbers(excel, mode, outcome.rowErrors[0].message, [0, 1, "new", 2, 3, 4, 5]);
    excel.sortTableRows("Vendors", [2, 6, 5, 4, 3, 1, 0]);
    expectOwnNumbers(excel, mode, outcome.rowErrors[0].message, ["new", 5, 4, 3, 2, 1, 0]);
  });

  test.each(["formulas", "values"] as const)("in %s mode, after finance sorts the summary's own rows, no table row shows another vendor's numbers (KB 40401: references from outside a sorted range do not follow it)", async (mode) => {
    const { excel, outcome } = await prepared(mode);
    const vendors = outcome.vendors.length;
    excel.sortRangeRows(SUMMARY_SHEET, { top: 6, bottom: 6 + vendors - 1, left: 0, right: SUMMARY_COLUMNS.length - 1 }, Array.from({ length: vendors }, (_, i) => vendors - 1 - i));
    if (mode === "values") return expectOwnNumbers(excel, mode, outcome.rowErrors[0].message, [0, 1, 2, 3, 4, 5]);
    const t = excel.table("Vendors")!;
    for (const header of OUTPUTS) {
      const shown = rows.map((_r, i) => show(excel, "Quotes", t.top + 1 + i, t.left + t.columns.indexOf(header)));
      expect(shown).toEqual([SUMMARY_REORDERED, `Not evaluated: ${outcome.rowErrors[0].message}`, SUMMARY_REORDERED, "", SUMMARY_REORDERED, SUMMARY_REORDERED]);
    }
  });

  test("the key column: plain values 1..n right of the outputs, read by one structured reference per output column; no position", async () => {
    const { excel } = await prepared("formulas");
    const t = excel.table("Vendors")!;
    expect(t.columns.slice(-4)).toEqual([...OUTPUTS, FINANCE_KEY_HEADER]);
    const keyColumn = t.left + t.columns.indexOf(FINANCE_KEY_HEADER);
    const cells = rows.map((_r, i) => excel.sheet("Quotes").cells.get(`${t.top + 1 + i},${keyColumn}`));
    expect(cells.map((c) => c?.value)).toEqual(rows.map((_r, i) => i + 1));
    expect(cells.every((c) => !c?.formula)).toBe(true);
    for (const header of OUTPUTS) {
      const formula = excel.sheet("Quotes").cells.get(`${t.top + 1},${t.left + t.columns.indexOf(header)}`)!.formula!;
      expect(formula).toContain(`Vendors[@[${FINANCE_KEY_HEADER}]]`);
      expect(formula).not.toMatch(/ROW\(|MATCH\(/);
    }
  });

  test("preparing again reuses its key column; a column of the user's called 'Finance row' is never overwritten", async () => {
    const headers = [...SAMPLE_VENDOR_HEADERS, FINANCE_KEY_HEADER];
    // The blank row stays blank: a note would make it a row without an hourly rate.
    const note = (i: number) => (i === 3 ? undefined : `note ${i}`);
    const own = rows.map((r, i) => [...r, note(i) ?? null]);
    const { excel } = await prepared("formulas", own, headers);
    const workbook = new ExcelWorkbook(excel.host());
    const again = await prepareForFinance(workbook, "Vendors", { ...options, mode: "values" });
    expect(again.kind).toBe("done");
    const t = excel.table("Vendors")!;
    expect(t.columns.slice(SAMPLE_VENDOR_HEADERS.length)).toEqual([FINANCE_KEY_HEADER, ...OUTPUTS, `${FINANCE_KEY_HEADER} 2`]);
    const userColumn = t.left + SAMPLE_VENDOR_HEADERS.length;
    expect(own.map((_r, i) => excel.sheet("Quotes").cells.get(`${t.top + 1 + i},${userColumn}`)?.value)).toEqual(own.map((_r, i) => note(i)));
    if (again.kind !== "done") throw new Error(again.message);
    excel.sortTableRows("Vendors", ORDER);
    expectOwnNumbers(excel, "values", again.rowErrors[0].message, ORDER);
  });

  test("Evaluate afterwards leaves the key column alone, does not read it, and does not warn about it", async () => {
    const { excel } = await prepared("formulas");
    const evaluated = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", { today: { year: 2026, month: 3, day: 2 }, buyerTimeZone: "America/New_York" });
    if (evaluated.kind !== "done") throw new Error(evaluated.kind === "collision" ? evaluated.message : evaluated.message);
    expect(evaluated.warnings).toEqual([]);
    const t = excel.table("Vendors")!;
    expect(t.columns.slice(-4)).toEqual([...OUTPUTS, FINANCE_KEY_HEADER]);
    const formula = excel.sheet("Quotes").cells.get(`${t.top + 1},${t.left + t.columns.indexOf("Total cost")}`)!.formula!;
    expect(formula).toMatch(/^=OFFSHORE\.TOTALCOST\(/);
    expect(formula).not.toContain(FINANCE_KEY_HEADER);
    const keyColumn = t.left + t.columns.indexOf(FINANCE_KEY_HEADER);
    expect(rows.map((_r, i) => excel.sheet("Quotes").cells.get(`${t.top + 1 + i},${keyColumn}`)?.value)).toEqual(rows.map((_r, i) => i + 1));
  });
});

describe("rows added to an evaluated table, with and without Excel's AutoCorrect filling formulas in tables", () => {
  const evaluateOptions = { today: { year: 2026, month: 3, day: 16 }, buyerTimeZone: "America/Chicago" };

  async function evaluated() {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS.slice(0, 4));
    expect((await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", evaluateOptions)).kind).toBe("done");
    return excel;
  }

  const outputCells = (excel: FakeExcel, row: number) => {
    const t = excel.table("Vendors")!;
    return OUTPUTS.map((h) => excel.sheet("Quotes").cells.get(`${row},${t.left + t.columns.indexOf(h)}`)?.formula);
  };

  test("with the option on (the default), a new row inherits the calculated columns", async () => {
    const excel = await evaluated();
    excel.addTableRows("Vendors", [[...SAMPLE_VENDOR_ROWS[4], null, null, null]]);
    expect(outputCells(excel, 5)).toEqual(outputCells(excel, 1));
  });

  test("with the option off, new rows stay empty until Evaluate fills them", async () => {
    const excel = await evaluated();
    excel.fillFormulasInTables = false;
    excel.addTableRows("Vendors", [
      [...SAMPLE_VENDOR_ROWS[4], null, null, null],
      [...SAMPLE_VENDOR_ROWS[5], null, null, null],
    ]);
    expect(outputCells(excel, 5)).toEqual([undefined, undefined, undefined]);
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", evaluateOptions);
    expect(outcome.kind).toBe("done");
    expect(outputCells(excel, 5)).toEqual(outputCells(excel, 1));
    expect(outputCells(excel, 6)).toEqual(outputCells(excel, 1));
    expect(outputCells(excel, 1)[0]).toMatch(/^=OFFSHORE\.TOTALCOST\(/);
  });
});

describe("the Excel fake, as Excel's documentation and tracker describe it", () => {
  test("a single value for a multi-cell range is refused: Range.formulas, values and numberFormat are 2-D arrays", async () => {
    const excel = new FakeExcel();
    excel.sheet("S");
    for (const property of ["formulas", "values", "numberFormat"]) {
      await expect(
        excel.host().run(async (context) => {
          (context.workbook.worksheets.getItem("S").getRange("A1:A3") as unknown as Record<string, unknown>)[property] = property === "numberFormat" ? "0" : "=1";
          await context.sync();
        }),
      ).rejects.toThrow(/2-D array/);
    }
  });

  test("table.sort.apply sorts in Excel's default order (numbers, text, FALSE before TRUE, errors; blanks last either way), by several keys, with case only when asked", async () => {
    const excel = new FakeExcel();
    const body: CellValue[][] = [["b", 2], [null, 1], ["#N/A", 1], [true, 1], ["B", 1], [10, 1], [false, 1], ["a", 1], [-3, 1], ["b", 1]];
    excel.addTable("S", 0, 0, "T", ["K", "N"], body);
    const sorted = async (fields: Excel.SortField[], matchCase?: boolean) => {
      await excel.host().run(async (context) => {
        context.workbook.tables.getItem("T").sort.apply(fields, matchCase);
        await context.sync();
      });
      return Array.from({ length: body.length }, (_, r) => [excel.sheet("S").cells.get(`${r + 1},0`)?.value ?? null, excel.sheet("S").cells.get(`${r + 1},1`)?.value ?? null]);
    };
    // Ties ("b"/"B" without case) fall to the second key, N ascending; rows tied on both keep their order.
    expect(await sorted([{ key: 0 }, { key: 1 }])).toEqual([[-3, 1], [10, 1], ["a", 1], ["B", 1], ["b", 1], ["b", 2], [false, 1], [true, 1], ["#N/A", 1], [null, 1]]);
    expect((await sorted([{ key: 0, ascending: false }, { key: 1 }])).map(([v]) => v)).toEqual(["#N/A", true, false, "B", "b", "b", "a", 10, -3, null]);
    expect((await sorted([{ key: 0 }, { key: 1, ascending: false }], true)).map(([v]) => v)).toEqual([-3, 10, "a", "b", "b", "B", false, true, "#N/A", null]);
    await expect(sorted([{ key: 2 }])).rejects.toThrow(/InvalidArgument/);
    excel.apiMinor = 1;
    await expect(sorted([{ key: 0 }])).rejects.toThrow(/ApiNotFound/);
  });

  test("different formulas written into a table column become the bottom-most one, filled down in R1C1 terms (office-js 5909, 6745)", async () => {
    const excel = new FakeExcel();
    excel.addTable("S", 0, 0, "T", ["A", "B"], [[1, null], [2, null], [3, null]]);
    await excel.host().run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("B2:B4").formulas = [["=A2*10"], ['="x"'], ["=A3+1"]];
      await context.sync();
    });
    expect(["B2", "B3", "B4"].map((a) => excel.cell("S", a)?.formula)).toEqual(["=A1+1", "=A2+1", "=A3+1"]);
    excel.fillFormulasInTables = false;
    await excel.host().run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("B2:B4").formulas = [["=A2*10"], ['="x"'], ["=A3+1"]];
      await context.sync();
    });
    expect(["B2", "B3", "B4"].map((a) => excel.cell("S", a)?.formula)).toEqual(["=A2*10", '="x"', "=A3+1"]);
  });
});

// A sheet of the user's under the summary's name, in any case (Excel's sheet names ignore
// case; worksheets.add refuses the name with ItemAlreadyExists, see the fake), is left as it is.
describe("prepare for finance beside a sheet of the user's named like the summary", () => {
  test.each(["Finance summary", "finance SUMMARY"])("'%s' keeps its cells; the summary goes to 'Finance summary (2)' and the outcome says so", async (name) => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 2, 1, "Vendors", SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS.slice(0, 3));
    const own = excel.sheet(name);
    own.cells.set("0,0", { value: "My own notes" });
    own.cells.set("6,1", { value: 1234 });
    own.cells.set("7,45", { value: "keep me" });
    const mine = () => [...own.cells.entries()].map(([at, cell]) => [at, cell.value]);
    const before = mine();

    const port = new ExcelWorkbook(excel.host());
    const outcome = await prepareForFinance(port, "Vendors", options);
    if (outcome.kind !== "done") throw new Error(outcome.message);
    expect(outcome.sheet).toBe("Finance summary (2)");
    // The user's sheet is named as the workbook spells it, whatever case the add-in looked it up in.
    expect(outcome.notice).toBe(`The sheet '${name}' is not the add-in's and was left as it is: the finance summary is on the sheet 'Finance summary (2)'.`);
    expect(mine()).toEqual(before);
    expect(String(excel.sheet("Finance summary (2)").cells.get("0,0")?.value)).toMatch(/^Vendor options for finance/);
    // The table's output columns lead to the summary that was written, not to the user's sheet.
    const t = excel.table("Vendors")!;
    expect(show(excel, "Quotes", t.top + 1, t.left + t.columns.indexOf("Total cost"))).toEqual({ sheet: "Finance summary (2)", row: expect.any(Number), column: expect.any(Number) });

    // Preparing again refreshes the add-in's own summary: no third sheet.
    const again = await prepareForFinance(port, "Vendors", options);
    expect(again.kind === "done" && again.sheet).toBe("Finance summary (2)");
    expect([...excel.sheets.values()].map((s) => s.name).filter((n) => /finance summary/i.test(n))).toHaveLength(2);
    expect(mine()).toEqual(before);
  });
});

// A summary is recognised by its title in A1. Reading it whole would cost a round trip (or
// many, in chunks) of some 86 cells a vendor, only to be cleared and written again.
describe("preparing again reads the old summary's title cell only", () => {
  test("the second preparation and its plan read A1 of the summary sheets and no other cell of them", async () => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 2, 1, "Vendors", SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS.slice(0, 4));
    excel.sheet("Finance summary (3)").cells.set("0,0", { value: "Someone else's" });
    const port = new ExcelWorkbook(excel.host());
    const first = await prepareForFinance(port, "Vendors", options);
    if (first.kind !== "done") throw new Error(first.message);
    expect(excel.sheet(SUMMARY_SHEET).cells.size).toBeGreaterThan(4 * 40);

    for (const step of [() => planFinance(port, "Vendors", "formulas"), () => prepareForFinance(port, "Vendors", options)]) {
      excel.resetCounts();
      const outcome = await step();
      expect(outcome.kind).not.toBe("refused");
      const summaryReads = excel.rangeReads.filter((r) => /^finance summary/i.test(r.sheet));
      expect(summaryReads.map((r) => [r.sheet, r.address, r.property, r.cells])).toEqual([
        [SUMMARY_SHEET, "A1", "values", 1],
        ["Finance summary (3)", "A1", "values", 1],
      ]);
    }
    expect(String(excel.sheet("Finance summary (3)").cells.get("0,0")?.value)).toBe("Someone else's");
  });
});

// The assumptions sheet is found by its defined name, which every formula reads: a sheet of the
// user's under its usual name (any case) keeps its cells, and the name points at the add-in's.
describe("evaluate and prepare beside a sheet of the user's named like the assumptions sheet", () => {
  test.each([ASSUMPTIONS_SHEET, ASSUMPTIONS_SHEET.toUpperCase()])("'%s' keeps its cells; the assumptions go to '(2)', the name points there, and the outcome says so", async (name) => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 2, 1, "Vendors", SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS.slice(0, 3));
    const own = excel.sheet(name);
    own.cells.set("0,0", { value: "My own notes" });
    own.cells.set("6,1", { value: 1234 });
    const mine = () => [...own.cells.entries()].map(([at, cell]) => [at, cell.value]);
    const before = mine();
    const moved = `${ASSUMPTIONS_SHEET} (2)`;

    const port = new ExcelWorkbook(excel.host());
    // The confirmation names the sheet the calculation will add, not the user's.
    const planned = await planFinance(port, "Vendors", "formulas");
    if (planned.kind !== "plan") throw new Error(planned.message);
    expect(planned.calculateFirst).toBe(true);
    expect(planned.sheets).toContainEqual({ name: moved, change: "add" });

    const evaluated = await evaluateTable(port, "Vendors", { today: { year: 2026, month: 3, day: 2 }, buyerTimeZone: "America/New_York" });
    if (evaluated.kind !== "done") throw new Error(evaluated.message);
    expect(evaluated.notice?.toLowerCase()).toBe(
      `The sheet '${name}' is not the add-in's and was left as it is: the assumptions table is on the sheet '${moved}'. The name ${ASSUMPTIONS_NAME}, which the formulas read, points there.`.toLowerCase(),
    );
    expect(evaluated.assumptionsNote).toContain(evaluated.notice);
    expect(excel.names.get(ASSUMPTIONS_NAME.toLowerCase())).toMatchObject({ sheet: moved, address: expect.stringMatching(/^A1:L\d+$/) });
    expect(excel.cell(moved, "A1")?.value).toBe("Assumption");
    expect(String(excel.cell(moved, "K1")?.value)).toMatch(/^Low \(/);
    expect(mine()).toEqual(before);
    const replanned = await planFinance(port, "Vendors", "formulas");
    if (replanned.kind !== "plan") throw new Error(replanned.message);
    expect(replanned.calculateFirst).toBe(false);
    expect(replanned.sheets.map((s) => s.name.toLowerCase())).not.toContain(moved.toLowerCase());

    // Finance reads the add-in's sheet: a rate changed there reaches the outcome.
    const rows = [...excel.sheet(moved).cells.entries()].filter(([at, cell]) => at.endsWith(",0") && cell.value === "Transition %");
    expect(rows).toHaveLength(1);
    excel.sheet(moved).cells.set(`${rows[0][0].split(",")[0]},1`, { value: 0.2 });
    const outcome = await prepareForFinance(port, "Vendors", options);
    if (outcome.kind !== "done") throw new Error(outcome.message);
    expect(outcome.assumptions.transitionPct).toBe(0.2);
    expect(outcome.note).toContain(`over the sheet '${moved}'`);
    expect([...excel.sheets.values()].map((s) => s.name).filter((n) => /offshore assumptions/i.test(n))).toHaveLength(2);
    expect(mine()).toEqual(before);

    // Evaluating again finds the add-in's sheet by the name: nothing more is said or added.
    const again = await evaluateTable(port, "Vendors", { today: { year: 2026, month: 3, day: 2 }, buyerTimeZone: "America/New_York" });
    expect(again.kind === "done" && again.notice).toBeFalsy();
    expect([...excel.sheets.values()].map((s) => s.name).filter((n) => /offshore assumptions/i.test(n))).toHaveLength(2);
  });
});
