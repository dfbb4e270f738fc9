// Prepare for finance, proved with an independent engine: the finance workbook is written
// through the xlsx adapter, recalculated by LibreOffice (cached results thrown away), and
// every number is compared with the model's own evaluation of the same rows.
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { costRange, evaluateRow, mapHeaders, overlappingRanges, parseAssumptions, readRow, type Assumptions, type CellValue, type Evaluation } from "../../src/model";
import { expectClose, modelValue } from "../helpers/financeOracle";
import { rangeOverlapText } from "../../src/actions/financeLayout";
import { NEWER_THAN_EXCEL_2016 } from "../../src/model/portable";
import { parseExchangeRates, withExchangeRates } from "../../src/model/currency";
import { costOverTerm } from "../../src/model/term";
import { COST_BY_YEAR_TITLE, SUMMARY_YEARS } from "../../src/actions/financeSummary";
import { FINANCE_KEY_HEADER, financeCharts, prepareForFinance, SUMMARY_REORDERED, SUMMARY_COLUMNS, SUMMARY_HEADER_ROW, SUMMARY_SHEET, FINANCE_SETTING, type FinanceOutcome } from "../../src/actions/finance";
import { evaluateTable, OUTPUT_COLUMNS } from "../../src/actions/evaluate";
import { SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { ASSUMPTIONS_SHEET, type CellWrite } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { sampleChanges } from "../../scripts/make-sample";
import { errorCells, readWorkbook, recalculateInLibreOffice, shown } from "./xlsx-libreoffice";
import { columnLetters, parseRange, type RangeRef } from "../../src/workbook/address";
import { shiftRows } from "./fakes/fakeExcel";

const NOW = new Date("2026-03-02T15:30:00Z");
const BUYER_ZONE = "America/New_York";
/** The assumption finance changes in the file, and its new value. */
const CHANGED = { name: "Governance % (Staff augmentation)", value: 0.12 };
/**
 * Low and High cells finance overwrites in the changed file: the governance share's Low above
 * its value (the low end stays the value), the transition share's both ways wider.
 */
const EDITED_ENDS: Record<string, readonly [number, number]> = { [CHANGED.name]: [0.2, 0.3], "Transition %": [0.001, 0.5] };

/** A table in the buyer's own words: synonyms, currency and percent text, blanks that mean defaults, one bad row. */
const MESSY_HEADERS = ["Supplier", "Rate/h", "Effort", "Duration", "Location", "Engagement", "Pricing", "Clarity", "Collaboration", "Sensitivity", "Urgency", "Attrition rate", "Replaces staff", "Certs", "Country"];
const MESSY_ROWS: (string | number)[][] = [
  ["Acme", "$45", "1,200", "", "off-shore", "staff aug", "T&M", "unclear", "daily", "restricted", "hi", "18%", "yes", "SOC 2", "India"],
  ["Beta", 60, 2000, 6, "Nearshore", "Managed services", "fixed", "clear", "async", "open", "lo", "", "no", "", "Poland"],
  ["Gamma", 90, 500, 3, "Onshore", "BPO", "per unit", "Medium", "Medium", "Regulated", "Medium", 0.1, "No", "ISO 27001", "United States"],
  ["Delta", 38, 900, 9, "Nearshore", "Dedicated team", "Capacity", "High", "High", "Internal", "Low", 0.15, "no", "", "Romania"],
];
/** An assumption finance empties in the file: it reads as its default. */
const BLANKED = "Transition %";
/**
 * Defaults that blank cells stand for, changed in the file; the attrition typed as a number
 * of percent (30 for 30%), which the formulas must read by the model's percentage rule.
 */
// 36 months is past the 24-month productivity loss period, so the formulas must prorate that line.
const MESSY_CHANGES: Record<string, number> = { "Default duration (months)": 36, "Default attrition": 30 };

const work = mkdtempSync(path.join(os.tmpdir(), "offshore-finance-"));
const files = {
  formulas: path.join(work, "formulas.xlsx"),
  values: path.join(work, "values.xlsx"),
  changed: path.join(work, "changed.xlsx"),
  messy: path.join(work, "messy.xlsx"),
  messyChanged: path.join(work, "messy-changed.xlsx"),
  gaps: path.join(work, "gaps.xlsx"),
  gapsSorted: path.join(work, "gaps-sorted.xlsx"),
  gapsValuesSorted: path.join(work, "gaps-values-sorted.xlsx"),
  gapsSummarySorted: path.join(work, "gaps-summary-sorted.xlsx"),
  currencies: path.join(work, "currencies.xlsx"),
  currenciesChanged: path.join(work, "currencies-changed.xlsx"),
  terms: path.join(work, "terms.xlsx"),
  termsChanged: path.join(work, "terms-changed.xlsx"),
};

/**
 * Terms the cost by year splits: longer than the years shown (12.5 years), capped below its
 * country's wage inflation, short, and a blank duration (the default) with a cap above.
 */
const TERM_HEADERS = ["Vendor", "Hourly rate", "Hours", "Time zone", "Duration (months)", "Indexation cap"];
const TERM_ROWS: CellValue[][] = [
  ["Long Bangalore", 30, 20000, "Asia/Kolkata", 150, null],
  ["Capped Pune", 28, 8000, "Asia/Kolkata", 40, 0.05],
  ["Short Ohio", 90, 1000, "America/New_York", 7, null],
  ["Default Warsaw", 40, 3000, "Europe/Warsaw", null, 0.2],
];
/** Assumptions finance changes in the terms file: none changes how many years a term has. */
const TERM_CHANGES: Record<string, number> = {
  "Wage inflation (India)": 0.15,
  "Wage inflation (other countries)": 0.07,
  "Productivity loss period (months)": 30,
  "Governance % (Staff augmentation)": 0.06,
};

/** Quotes in euros, rupees and the reporting currency (blank or named), and the two-currency exchange table the buyer types. */
const CURRENCY_HEADERS = ["Vendor", "Hourly rate", "Hours", "Currency", "Time zone", "Duration (months)"];
const CURRENCY_ROWS: CellValue[][] = [
  ["Vistula Dev", 50, 4000, "EUR", "Europe/Warsaw", 18],
  ["Deccan Soft", 2400, 6000, "inr", "Asia/Kolkata", 24],
  ["Hudson Works", 95, 2000, "", "America/New_York", 12],
  ["Liberty IT", 88, 2500, "USD", "America/Chicago", 6],
];
const RATE_DATE = 46078; // 2026-02-25, a week before NOW: not stale
const EXCHANGE_TABLE: CellValue[][] = [
  ["EUR", 1.08, RATE_DATE],
  ["INR", 0.012, RATE_DATE],
];
/** The rate finance changes in the file (cell P2 of the assumptions sheet: EUR's rate). */
const CHANGED_EUR_RATE = 1.2;

/**
 * The sample's rows with a bad row and a blank row among them, in a table that does not start
 * at A1: the summary then skips rows, so its rows and the table's no longer line up, and each
 * output column must still be one formula that finds its own row (Excel fills one formula
 * down a table column; office-js issues 5909 and 2093).
 */
const GAPS_TOP = 2;
const GAPS_ROWS: CellValue[][] = [
  [...SAMPLE_VENDOR_ROWS[0]],
  SAMPLE_VENDOR_ROWS[1].map((v, c) => (SAMPLE_VENDOR_HEADERS[c] === "Hourly rate" ? "TBD" : v)),
  [...SAMPLE_VENDOR_ROWS[2]],
  SAMPLE_VENDOR_HEADERS.map(() => null),
  [...SAMPLE_VENDOR_ROWS[3]],
  [...SAMPLE_VENDOR_ROWS[4]],
];

/** The order finance sorts the gaps table into after preparing: every row moves (the first ends up third...). */
const GAPS_ORDER = [5, 3, 0, 4, 1, 2];

/**
 * Sorts the data rows of the table on `sheetName` whose header row is `headerRow` (1-based)
 * in the file, as Excel's sort does: whole rows move, every column's values and formulas
 * together, a moved formula as if copied (relative references keep their offset; Microsoft
 * KB 40401), its cached result dropped so that only LibreOffice's recalculation counts.
 */
async function sortTableRows(from: string, to: string, sheetName: string, headerRow: number, order: readonly number[]): Promise<void> {
  const book = await readWorkbook(from);
  const sheet = book.getWorksheet(sheetName)!;
  const table = sheet.getTables()[0] as unknown as { table: { tableRef?: string; ref?: string } };
  const ref = parseRange(table.table.tableRef ?? table.table.ref!);
  expect(ref.top + 1).toBe(headerRow);
  expect(ref.bottom - ref.top).toBe(order.length);
  sortRows(sheet, { ...ref, top: ref.top + 1 }, order);
  await book.xlsx.writeFile(to);
}

/** Sorts the rows of `area` (0-based) on `sheet` into `order`, as sortTableRows describes. */
function sortRows(sheet: ExcelJS.Worksheet, area: RangeRef, order: readonly number[]): void {
  // Each cell's own formula text (ExcelJS translates a shared formula for its cell); every
  // formula of the area is written back as a plain one, so no shared master is left behind.
  const taken = order.map((r) => {
    const row = sheet.getRow(area.top + 1 + r);
    return Array.from({ length: area.right - area.left + 1 }, (_, c): { formula: string } | { value: ExcelJS.CellValue } => {
      const cell = row.getCell(area.left + 1 + c);
      return cell.type === ExcelJS.ValueType.Formula ? { formula: String(cell.formula) } : { value: cell.value };
    });
  });
  order.forEach((r, i) => {
    const row = sheet.getRow(area.top + 1 + i);
    taken[i].forEach((moved, c) => {
      row.getCell(area.left + 1 + c).value = "formula" in moved ? ({ formula: shiftRows(moved.formula, i - r) } as ExcelJS.CellFormulaValue) : moved.value;
    });
  });
}

/** Sets assumption values (column B) and, in `ends`, Low and High cells (columns K and L) of the named rows. */
async function setAssumptions(from: string, to: string, values: Record<string, number | null>, ends: Record<string, readonly [number, number]> = {}): Promise<void> {
  const book = await readWorkbook(from);
  const left = new Set([...Object.keys(values), ...Object.keys(ends)]);
  book.getWorksheet(ASSUMPTIONS_SHEET)!.eachRow((row) => {
    const name = String(row.getCell(1).value);
    if (name in values) row.getCell(2).value = values[name];
    if (name in ends) [row.getCell(11).value, row.getCell(12).value] = ends[name];
    left.delete(name);
  });
  if (left.size > 0) throw new Error(`assumptions not on the sheet: ${[...left].join(", ")}`);
  await book.xlsx.writeFile(to);
}

async function sampleWorkbook(): Promise<XlsxWorkbook> {
  const workbook = XlsxWorkbook.create();
  await workbook.apply(sampleChanges());
  return workbook;
}

async function prepared(mode: "formulas" | "values"): Promise<{ workbook: XlsxWorkbook; outcome: Extract<FinanceOutcome, { kind: "done" }> }> {
  const workbook = await sampleWorkbook();
  const outcome = await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { mode, now: NOW, buyerTimeZone: BUYER_ZONE });
  if (outcome.kind !== "done") throw new Error(outcome.message);
  return { workbook, outcome };
}

/** The model's evaluation of the sample rows under the assumptions sheet of `book`. */
function modelEvaluations(
  book: ExcelJS.Workbook,
  headers: readonly string[] = SAMPLE_VENDOR_HEADERS,
  table: readonly (readonly CellValue[])[] = SAMPLE_VENDOR_ROWS,
): { a: Assumptions; evaluations: Evaluation[] } {
  const sheet = book.getWorksheet(ASSUMPTIONS_SHEET)!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    const value = shown(row.getCell(2));
    // Date cells come back as Date objects; the model reads Excel serials. The header row and
    // the Low and High columns (K, L) are read as the functions read the name over them.
    rows.push([shown(row.getCell(1)), value instanceof Date ? value.getTime() / 86400000 + 25569 : value, shown(row.getCell(11)) ?? null, shown(row.getCell(12)) ?? null]);
  });
  const parsed = parseAssumptions(rows as never, { year: 2026, month: 3, day: 2 });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const map = mapHeaders([...headers]);
  const evaluations: Evaluation[] = [];
  for (const cells of table) {
    const row = readRow(cells, map, parsed.value);
    if (row && row.ok) evaluations.push(evaluateRow(row.value, parsed.value));
  }
  return { a: parsed.value, evaluations };
}

/**
 * Every vendor's low and high totals against the model's cost range under `a`, and the
 * ranking column against the model's rule for overlapping ranges. Returns how many cells were compared.
 */
function compareRanges(book: ExcelJS.Workbook, evaluations: readonly Evaluation[], a: Assumptions): number {
  const sheet = book.getWorksheet(SUMMARY_SHEET)!;
  const ranges = evaluations.map((e) => costRange(e.row, a));
  const overlapping = overlappingRanges(ranges);
  let compared = 0;
  evaluations.forEach((e, i) => {
    const row = sheet.getRow(SUMMARY_HEADER_ROW + 2 + i);
    SUMMARY_COLUMNS.forEach((column, c) => {
      if (column.kind === "range") expectClose(shown(row.getCell(c + 1)), ranges[i][column.end], `${e.row.vendor} / ${column.header}`);
      else if (column.kind === "rangeOverlap") expect({ vendor: e.row.vendor, flag: shown(row.getCell(c + 1)) }).toEqual({ vendor: e.row.vendor, flag: rangeOverlapText(overlapping[i]) });
      else if (column.kind === "sensitivity") {
        // A value as prepared: the model's sentence under the assumptions the file was prepared with.
        expect(String(shown(row.getCell(c + 1)))).toMatch(/^The total is most sensitive to .+(; if it is at its high end|, which is already at the high end of its range; at its low end), the total is [\d,]+\.$/);
        return;
      } else return;
      compared++;
    });
    expect(ranges[i].low).toBeLessThan(ranges[i].expected);
    expect(ranges[i].expected).toBeLessThan(ranges[i].high);
  });
  return compared;
}

/** Every summary number of every vendor row, against the model. Returns how many cells were compared. */
function compareSummary(book: ExcelJS.Workbook, evaluations: readonly Evaluation[]): number {
  const sheet = book.getWorksheet(SUMMARY_SHEET)!;
  let compared = 0;
  evaluations.forEach((e, i) => {
    const row = sheet.getRow(SUMMARY_HEADER_ROW + 2 + i);
    expect(shown(row.getCell(1))).toBe(e.row.vendor);
    SUMMARY_COLUMNS.forEach((column, c) => {
      if (column.kind !== "result" && !(column.kind === "input" && column.key === "overlapHours")) return;
      expectClose(shown(row.getCell(c + 1)), modelValue(e, column.key), `${e.row.vendor} / ${column.header}`);
      compared++;
    });
  });
  return compared;
}

function tableOutputs(book: ExcelJS.Workbook): Record<string, unknown[]> {
  const sheet = book.worksheets.find((s) => s.getTables().length > 0)!;
  const header = sheet.getRow(1);
  const out: Record<string, unknown[]> = {};
  header.eachCell((cell, col) => {
    const name = String(cell.value);
    if (!OUTPUT_COLUMNS.some((o) => o.header === name)) return;
    out[name] = SAMPLE_VENDOR_ROWS.map((_r, i) => shown(sheet.getRow(2 + i).getCell(col)));
  });
  return out;
}

/**
 * The gaps table after LibreOffice's recalculation: each output column is one formula (the
 * same text on every row, as Excel keeps a calculated column) and each data row, where it is
 * now (`order[i]`: the GAPS_ROWS row now i-th), shows the model's number for its own vendor,
 * the bad row its reason, the blank row nothing.
 */
function expectGapsRowsOwnNumbers(book: ExcelJS.Workbook, writtenBook: ExcelJS.Workbook, order: readonly number[]): void {
  expect(errorCells(book)).toEqual([]);
  const { evaluations } = modelEvaluations(book, SAMPLE_VENDOR_HEADERS, GAPS_ROWS);
  expect(evaluations).toHaveLength(4);
  expect(gapsOutcome.rowErrors.map((e) => e.tableRow)).toEqual([2]);
  const sheet = book.getWorksheet("Gaps")!;
  const header = sheet.getRow(GAPS_TOP + 1);
  const columnOf = (name: string) => {
    let found = 0;
    header.eachCell((cell, col) => (String(cell.value) === name ? (found = col) : undefined));
    return found;
  };
  const byOriginalRow = [evaluations[0], null, evaluations[1], null, evaluations[2], evaluations[3]];
  let compared = 0;
  for (const output of OUTPUT_COLUMNS) {
    const col = columnOf(output.header);
    expect(col).toBeGreaterThan(0);
    const formulas = order.map((_r, i) => (writtenBook.getWorksheet("Gaps")!.getRow(GAPS_TOP + 2 + i).getCell(col).value as { formula?: string }).formula);
    expect(formulas[0]).toBeDefined();
    formulas.forEach((f) => expect(f).toBe(formulas[0]));
    order.forEach((from, i) => {
      const e = byOriginalRow[from];
      const value = shown(sheet.getRow(GAPS_TOP + 2 + i).getCell(col));
      const where = `${output.header}, table row ${i + 1} (row ${from + 1} when prepared)`;
      if (from === 1) return expect({ where, value }).toEqual({ where, value: `Not evaluated: ${gapsOutcome.rowErrors[0].message}` });
      if (!e) return expect({ where, value: value ?? "" }).toEqual({ where, value: "" });
      expect(shown(sheet.getRow(GAPS_TOP + 2 + i).getCell(2))).toBe(e.row.vendor);
      if (output.key === "totalCost") expectClose(value, e.cost.total, where);
      else if (output.key === "riskScore") expectClose(value, e.risk.score, where);
      else expect({ where, value }).toEqual({ where, value: e.fit.verdict });
      compared++;
    });
  }
  expect(compared).toBe(3 * 4);
}

let recalculated: Record<keyof typeof files, ExcelJS.Workbook>;
let written: Record<keyof typeof files, ExcelJS.Workbook>;
let formulasOutcome: Extract<FinanceOutcome, { kind: "done" }>;
let messyRowErrors: string[];
let gapsOutcome: Extract<FinanceOutcome, { kind: "done" }>;
let currencyOutcome: Extract<FinanceOutcome, { kind: "done" }>;
let currencyFirstErrors: string[];

/** The model's evaluation of the currency rows under the file's assumptions and its exchange table (O:Q of the assumptions sheet). */
function currencyModel(book: ExcelJS.Workbook): { a: Assumptions; evaluations: Evaluation[] } {
  const { a } = modelEvaluations(book, CURRENCY_HEADERS, []);
  const sheet = book.getWorksheet(ASSUMPTIONS_SHEET)!;
  const table: CellValue[][] = [];
  for (let r = 2; r <= 31; r++) {
    const row = sheet.getRow(r);
    const cells = [15, 16, 17].map((c) => shown(row.getCell(c)));
    table.push(cells.map((v) => (v instanceof Date ? v.getTime() / 86400000 + 25569 : (v as CellValue))));
  }
  const rates = parseExchangeRates(table);
  if (!rates.ok) throw new Error(rates.error.message);
  const withRates = withExchangeRates(a, rates.value);
  const map = mapHeaders(CURRENCY_HEADERS);
  const evaluations = CURRENCY_ROWS.map((cells) => {
    const row = readRow(cells, map, withRates);
    if (!row || !row.ok) throw new Error(`unread: ${String(cells[0])}`);
    return evaluateRow(row.value, withRates);
  });
  return { a: withRates, evaluations };
}

beforeAll(async () => {
  const formulas = await prepared("formulas");
  formulasOutcome = formulas.outcome;
  await formulas.workbook.save(files.formulas);
  const values = await prepared("values");
  await values.workbook.save(files.values);

  // Finance edits assumptions in the file; cached results stay stale until recalculation.
  // A blank value means the default, as the model reads it (a plain VLOOKUP would read 0).
  await setAssumptions(files.formulas, files.changed, { [CHANGED.name]: CHANGED.value, [BLANKED]: null }, EDITED_ENDS);
  const messy = XlsxWorkbook.create();
  await messy.apply([
    { kind: "ensureSheet", sheet: "Quotes" },
    { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers: MESSY_HEADERS, rows: MESSY_ROWS },
  ]);
  const messyOutcome = await prepareForFinance(messy, "Quotes", { now: NOW, buyerTimeZone: BUYER_ZONE });
  if (messyOutcome.kind !== "done") throw new Error(messyOutcome.message);
  messyRowErrors = messyOutcome.rowErrors.map((e) => `${e.row}: ${e.message.slice(0, 40)}`);
  await messy.save(files.messy);
  await setAssumptions(files.messy, files.messyChanged, MESSY_CHANGES);
  const gaps = XlsxWorkbook.create();
  await gaps.apply([
    { kind: "ensureSheet", sheet: "Gaps" },
    { kind: "createTable", sheet: "Gaps", address: `B${GAPS_TOP + 1}`, name: "Gaps", headers: SAMPLE_VENDOR_HEADERS, rows: GAPS_ROWS as CellWrite[][] },
  ]);
  const gapsPrepared = await prepareForFinance(gaps, "Gaps", { now: NOW, buyerTimeZone: BUYER_ZONE });
  if (gapsPrepared.kind !== "done") throw new Error(gapsPrepared.message);
  gapsOutcome = gapsPrepared;
  await gaps.save(files.gaps);
  // Finance sorts the table after preparing, in both modes.
  await sortTableRows(files.gaps, files.gapsSorted, "Gaps", GAPS_TOP + 1, GAPS_ORDER);
  // ... or the summary's own vendor rows (by cost, say): here in reverse.
  const summarySorted = await readWorkbook(files.gaps);
  const vendorCount = gapsPrepared.vendors.length;
  sortRows(
    summarySorted.getWorksheet(SUMMARY_SHEET)!,
    { top: SUMMARY_HEADER_ROW + 1, bottom: SUMMARY_HEADER_ROW + vendorCount, left: 0, right: SUMMARY_COLUMNS.length - 1 },
    Array.from({ length: vendorCount }, (_, i) => vendorCount - 1 - i),
  );
  await summarySorted.xlsx.writeFile(files.gapsSummarySorted);
  const gapsValues = XlsxWorkbook.create();
  await gapsValues.apply([
    { kind: "ensureSheet", sheet: "Gaps" },
    { kind: "createTable", sheet: "Gaps", address: `B${GAPS_TOP + 1}`, name: "Gaps", headers: SAMPLE_VENDOR_HEADERS, rows: GAPS_ROWS as CellWrite[][] },
  ]);
  const gapsValuesPrepared = await prepareForFinance(gapsValues, "Gaps", { mode: "values", now: NOW, buyerTimeZone: BUYER_ZONE });
  if (gapsValuesPrepared.kind !== "done") throw new Error(gapsValuesPrepared.message);
  const gapsValuesFile = path.join(work, "gaps-values.xlsx");
  await gapsValues.save(gapsValuesFile);
  await sortTableRows(gapsValuesFile, files.gapsValuesSorted, "Gaps", GAPS_TOP + 1, GAPS_ORDER);

  // Two currencies: the sheet (and its empty exchange table) comes from a first evaluation,
  // whose foreign rows fail for want of a rate; the buyer then types the rates.
  const currencies = XlsxWorkbook.create();
  await currencies.apply([
    { kind: "ensureSheet", sheet: "Multi" },
    { kind: "createTable", sheet: "Multi", address: "A1", name: "Multi", headers: CURRENCY_HEADERS, rows: CURRENCY_ROWS as CellWrite[][] },
  ]);
  const first = await evaluateTable(currencies, "Multi", { buyerTimeZone: BUYER_ZONE, today: { year: 2026, month: 3, day: 2 } });
  if (first.kind !== "done") throw new Error("evaluate refused");
  currencyFirstErrors = first.rowErrors.map((e) => e.message);
  await currencies.apply([{ kind: "writeRange", sheet: ASSUMPTIONS_SHEET, address: "O2", cells: EXCHANGE_TABLE as CellWrite[][] }]);
  const currencyPrepared = await prepareForFinance(currencies, "Multi", { now: NOW, buyerTimeZone: BUYER_ZONE });
  if (currencyPrepared.kind !== "done") throw new Error(currencyPrepared.message);
  currencyOutcome = currencyPrepared;
  await currencies.save(files.currencies);
  const changedRates = await readWorkbook(files.currencies);
  changedRates.getWorksheet(ASSUMPTIONS_SHEET)!.getCell("P2").value = CHANGED_EUR_RATE;
  await changedRates.xlsx.writeFile(files.currenciesChanged);

  const terms = XlsxWorkbook.create();
  await terms.apply([
    { kind: "ensureSheet", sheet: "Terms" },
    { kind: "createTable", sheet: "Terms", address: "A1", name: "Terms", headers: TERM_HEADERS, rows: TERM_ROWS as CellWrite[][] },
  ]);
  const termsPrepared = await prepareForFinance(terms, "Terms", { now: NOW, buyerTimeZone: BUYER_ZONE });
  if (termsPrepared.kind !== "done") throw new Error(termsPrepared.message);
  await terms.save(files.terms);
  await setAssumptions(files.terms, files.termsChanged, TERM_CHANGES);

  const out = await recalculateInLibreOffice(Object.values(files));
  const keys = Object.keys(files) as (keyof typeof files)[];
  recalculated = {} as typeof recalculated;
  written = {} as typeof written;
  for (let i = 0; i < keys.length; i++) {
    recalculated[keys[i]] = await readWorkbook(out[i]);
    written[keys[i]] = await readWorkbook(files[keys[i]]);
  }
}, 240_000);

describe("prepare for finance, recalculated by LibreOffice", () => {
  it("portable formulas give the model's numbers for every vendor, to 1e-9", () => {
    const { evaluations } = modelEvaluations(recalculated.formulas);
    const compared = compareSummary(recalculated.formulas, evaluations);
    expect(compared).toBe(evaluations.length * (SUMMARY_COLUMNS.filter((c) => c.kind === "result").length + 1));
  });

  it("the low and high totals and the ranking flag, as portable formulas, give the model's cost ranges and its overlap rule, also after an assumption moves above its range and in the buyer's own words", () => {
    const sample = modelEvaluations(recalculated.formulas);
    expect(compareRanges(recalculated.formulas, sample.evaluations, sample.a)).toBe(sample.evaluations.length * 3);
    // Governance % (Staff augmentation) at 12%, above the 3-7% range: the high end is 12%
    // until finance's High of 30% in that file; Transition %'s Low and High edited too.
    const changed = modelEvaluations(recalculated.changed);
    expect(changed.a.ranges).toEqual({ governancePctStaffAugmentation: { low: 0.2, high: 0.3 }, transitionPct: { low: 0.001, high: 0.5 } });
    expect(compareRanges(recalculated.changed, changed.evaluations, changed.a)).toBe(changed.evaluations.length * 3);
    // The edited ends moved every vendor's low and high totals (transition is every row's).
    // (A staff augmentation row's low rises: its governance Low, 20%, is above its value.)
    const published: Assumptions = { ...changed.a, ranges: undefined };
    changed.evaluations.forEach((e) => {
      const before = costRange(e.row, published);
      const after = costRange(e.row, changed.a);
      expect(after.low).not.toBe(before.low);
      expect(after.high).toBeGreaterThan(before.high);
    });
    const messy = modelEvaluations(recalculated.messyChanged, MESSY_HEADERS, MESSY_ROWS);
    compareRanges(recalculated.messyChanged, messy.evaluations, messy.a);
    // Values mode writes the same numbers and flags as values.
    expect(compareRanges(recalculated.values, sample.evaluations, sample.a)).toBe(sample.evaluations.length * 3);
    // The sample has vendors whose ranges overlap by half or more and vendors whose do not.
    const flags = overlappingRanges(sample.evaluations.map((e) => costRange(e.row, sample.a)));
    expect(flags.some((n) => n > 0)).toBe(true);
  });

  it("the exit and transition-out line is a summary column of its own, LibreOffice's figure the model's, on one year's labour for a term past a year", () => {
    const exitColumn = SUMMARY_COLUMNS.findIndex((c) => c.kind === "result" && c.key === "exitTransitionOut");
    expect(exitColumn).toBeGreaterThan(0);
    const cases = [modelEvaluations(recalculated.formulas), modelEvaluations(recalculated.messyChanged, MESSY_HEADERS, MESSY_ROWS)];
    let pastAYear = 0;
    for (const [k, { a, evaluations }] of cases.entries()) {
      const sheet = (k === 0 ? recalculated.formulas : recalculated.messyChanged).getWorksheet(SUMMARY_SHEET)!;
      expect(shown(sheet.getRow(SUMMARY_HEADER_ROW + 1).getCell(exitColumn + 1))).toBe("Exit and transition-out");
      evaluations.forEach((e, i) => {
        const cell = shown(sheet.getRow(SUMMARY_HEADER_ROW + 2 + i).getCell(exitColumn + 1));
        const expected = e.cost.labour * Math.min(1, 12 / e.row.durationMonths) * a.exitPct;
        expect(expected).toBeGreaterThan(0);
        expectClose(cell, expected, `${e.row.vendor} / Exit and transition-out`);
        if (e.row.durationMonths > 12) pastAYear++;
      });
    }
    expect(pastAYear).toBeGreaterThan(0);
  });

  it("no cell of the finance workbook shows an error after recalculation", () => {
    expect(errorCells(recalculated.formulas)).toEqual([]);
    expect(errorCells(recalculated.values)).toEqual([]);
    expect(errorCells(recalculated.changed)).toEqual([]);
    expect(errorCells(recalculated.messy)).toEqual([]);
  });

  it("the table's output columns follow the summary: total cost, risk score and location fit per vendor", () => {
    const { evaluations } = modelEvaluations(recalculated.formulas);
    const outputs = tableOutputs(recalculated.formulas);
    evaluations.forEach((e, i) => {
      expectClose(outputs["Total cost"][i], e.cost.total, `${e.row.vendor} total cost column`);
      expectClose(outputs["Risk score"][i], e.risk.score, `${e.row.vendor} risk score column`);
      expect(outputs["Location fit"][i]).toBe(e.fit.verdict);
    });
  });

  it("with a bad row and a blank row in the table, each output column is one formula and every row shows its own vendor's number, the bad row why", () => {
    expectGapsRowsOwnNumbers(recalculated.gaps, written.gaps, [0, 1, 2, 3, 4, 5]);
  });

  it.each(["gapsSorted", "gapsValuesSorted"] as const)(
    "after finance sorts the table (%s), every row still equals the model for its own vendor: the rows find their entry by the key column, not by position",
    (file) => {
      expectGapsRowsOwnNumbers(recalculated[file], written[file], GAPS_ORDER);
    },
  );

  it("after finance sorts the summary's own rows, the table's rows say so instead of showing another vendor's numbers, and the summary still equals the model", () => {
    const book = recalculated.gapsSummarySorted;
    expect(errorCells(book)).toEqual([]);
    const { evaluations } = modelEvaluations(book, SAMPLE_VENDOR_HEADERS, GAPS_ROWS);
    const summary = book.getWorksheet(SUMMARY_SHEET)!;
    const byVendor = new Map(evaluations.map((e) => [e.row.vendor, e]));
    const cost = SUMMARY_COLUMNS.findIndex((c) => c.kind === "result" && c.key === "totalCost");
    for (let i = 0; i < evaluations.length; i++) {
      const row = summary.getRow(SUMMARY_HEADER_ROW + 2 + i);
      const e = byVendor.get(String(shown(row.getCell(1))))!;
      expectClose(shown(row.getCell(cost + 1)), e.cost.total, `summary row ${i + 1}`);
    }
    expect(String(shown(summary.getRow(SUMMARY_HEADER_ROW + 2).getCell(1)))).toBe(evaluations[evaluations.length - 1].row.vendor);
    const sheet = book.getWorksheet("Gaps")!;
    const header = sheet.getRow(GAPS_TOP + 1);
    for (const output of OUTPUT_COLUMNS) {
      let col = 0;
      header.eachCell((cell, c) => (String(cell.value) === output.header ? (col = c) : undefined));
      const values = GAPS_ROWS.map((_r, i) => shown(sheet.getRow(GAPS_TOP + 2 + i).getCell(col)) ?? "");
      expect(values).toEqual([SUMMARY_REORDERED, `Not evaluated: ${gapsOutcome.rowErrors[0].message}`, SUMMARY_REORDERED, "", SUMMARY_REORDERED, SUMMARY_REORDERED]);
    }
  });

  it("changing one assumption in the file moves the totals exactly as the model says, and a blanked one reads as its default", () => {
    const before = modelEvaluations(recalculated.formulas);
    const after = modelEvaluations(recalculated.changed);
    expect(after.a.governancePctStaffAugmentation).toBe(CHANGED.value);
    let blanked: unknown = "not found";
    written.changed.getWorksheet(ASSUMPTIONS_SHEET)!.eachRow((row) => {
      if (row.getCell(1).value === BLANKED) blanked = row.getCell(2).value;
    });
    expect(blanked).toBeNull();
    expect(after.a.transitionPct).toBe(before.a.transitionPct);
    compareSummary(recalculated.changed, after.evaluations);
    const moved = after.evaluations.filter((e, i) => e.cost.total !== before.evaluations[i].cost.total);
    // Only staff augmentation rows pay that governance share.
    expect(moved.map((e) => e.row.vendor)).toEqual(after.evaluations.filter((e) => e.row.engagementModel === "Staff augmentation").map((e) => e.row.vendor));
    expect(moved.length).toBeGreaterThan(0);
  });

  it("rows in the buyer's own words give the model's numbers, and blank cells follow their default assumptions", () => {
    expect(messyRowErrors).toEqual([expect.stringMatching(/^4: United States of America spans several/)]);
    const before = modelEvaluations(recalculated.messy, MESSY_HEADERS, MESSY_ROWS);
    expect(before.evaluations.map((e) => e.row.vendor)).toEqual(["Acme", "Beta", "Delta"]);
    compareSummary(recalculated.messy, before.evaluations);
    const after = modelEvaluations(recalculated.messyChanged, MESSY_HEADERS, MESSY_ROWS);
    expect([after.a.defaultDurationMonths, after.a.defaultAttrition]).toEqual([36, 0.3]);
    expect(after.evaluations[0].cost.lines.find((l) => l.key === "productivityLoss")?.explanation).toContain("first 24 months");
    compareSummary(recalculated.messyChanged, after.evaluations);
    // Acme has no duration and Beta no attrition: only they move.
    const moved = after.evaluations.filter((e, i) => e.cost.total !== before.evaluations[i].cost.total).map((e) => e.row.vendor);
    expect(moved).toEqual(["Acme", "Beta"]);
  });

  it("values mode writes static numbers equal to the model, with an 'as of' time", () => {
    const { evaluations } = modelEvaluations(written.values);
    compareSummary(written.values, evaluations);
    const sheet = written.values.getWorksheet(SUMMARY_SHEET)!;
    const formulas: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => void (cell.formula && formulas.push(cell.address))));
    expect(formulas).toEqual([]);
    expect(String(sheet.getCell("A2").value)).toContain("Values as of 2026-03-02 15:30 UTC");
    expect(String(sheet.getCell("A2").value)).toContain("live add-in formulas back");
  });

  it("portable formulas use nothing newer than Excel 2016 and no add-in function", () => {
    const formulas: string[] = [];
    written.formulas.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void (cell.formula && formulas.push(cell.formula)))));
    expect(formulas.length).toBeGreaterThan(SAMPLE_VENDOR_ROWS.length * 20);
    const newer = new RegExp(`\\b(${NEWER_THAN_EXCEL_2016.join("|")})\\s*\\(`, "i");
    expect(formulas.filter((f) => newer.test(f) || /OFFSHORE\./i.test(f))).toEqual([]);
  });

  it("the cost breakdown chart's stacked series add up to each vendor's total cost, and the risk chart plots risk against total cost", () => {
    const sheet = recalculated.formulas.getWorksheet(SUMMARY_SHEET)!;
    const [bars, scatter] = financeCharts(SAMPLE_VENDOR_ROWS.length);
    const cells = (range: string) => {
      const [from, to] = range.split(":");
      const column = from.replace(/\d+/g, "");
      const out: unknown[] = [];
      for (let r = Number(from.replace(/\D+/g, "")); r <= Number(to.replace(/\D+/g, "")); r++) out.push(shown(sheet.getCell(`${column}${r}`)));
      return out;
    };
    const { evaluations } = modelEvaluations(recalculated.formulas);
    expect(cells(bars.categories)).toEqual(evaluations.map((e) => e.row.vendor));
    const stacked = bars.series.map((s) => cells(s.values) as number[]);
    evaluations.forEach((e, i) => expectClose(stacked.reduce((sum, series) => sum + series[i], 0), e.cost.total, `${e.row.vendor} stacked bar`));
    evaluations.forEach((e, i) => expectClose(cells(scatter.categories)[i], e.cost.total, `${e.row.vendor} cost axis`));
    evaluations.forEach((e, i) => expectClose(cells(scatter.series[0].values)[i], e.risk.score, `${e.row.vendor} risk point`));
    expect(String(sheet.getCell("A5").value)).toContain("Insert > Bar > Stacked Bar");
  });

  it("the summary says which mode was chosen, and that overlap hours are values", () => {
    const sheet = written.formulas.getWorksheet(SUMMARY_SHEET)!;
    expect(String(sheet.getCell("A2").value)).toMatch(/^Portable formulas/);
    expect(String(sheet.getCell("A3").value)).toContain("Overlap hours are values");
    expect(formulasOutcome.vendors).toHaveLength(SAMPLE_VENDOR_ROWS.length);
  });
});

describe("two currencies, recalculated by LibreOffice", () => {
  it("without rates, each foreign row is refused naming its code and the exchange-rate table", () => {
    expect(currencyFirstErrors).toHaveLength(2);
    expect(currencyFirstErrors[0]).toContain("Currency EUR has no exchange rate to the reporting currency USD");
    expect(currencyFirstErrors[1]).toContain("Currency INR has no exchange rate");
    expect(currencyFirstErrors.every((m) => m.includes("OffshoreExchangeRates"))).toBe(true);
  });

  it("portable formulas convert each rate with the exchange table and give the model's numbers for every vendor, ranges included", () => {
    expect(currencyOutcome.rowErrors).toEqual([]);
    const book = recalculated.currencies;
    expect(errorCells(book)).toEqual([]);
    const { a, evaluations } = currencyModel(book);
    // The conversion matters: the euro row's labour is 50 x 4000 x 1.08 in dollars.
    expect(evaluations[0].cost.labour).toBeCloseTo(216_000, 6);
    expect(compareSummary(book, evaluations)).toBeGreaterThan(4 * 20);
    expect(compareRanges(book, evaluations, a)).toBe(4 * 3);
    // The rate column says what it was converted with.
    const sheet = book.getWorksheet(SUMMARY_SHEET)!;
    const rateColumn = SUMMARY_COLUMNS.findIndex((c) => c.kind === "input" && c.key === "exchangeRate") + 1;
    expect(CURRENCY_ROWS.map((_r, i) => shown(sheet.getRow(SUMMARY_HEADER_ROW + 2 + i).getCell(rateColumn)))).toEqual([1.08, 0.012, 1, 1]);
    expect(String(shown(sheet.getCell("A2")))).toContain("Amounts are in USD");
  });

  it("the cost-by-year block gives each vendor's contract years, rising by its country's wage inflation, as the model computes them", () => {
    const book = recalculated.currencies;
    const { a, evaluations } = currencyModel(book);
    const sheet = book.getWorksheet(SUMMARY_SHEET)!;
    let titleColumn = 0;
    sheet.getRow(SUMMARY_HEADER_ROW + 1).eachCell((cell, col) => (cell.value === COST_BY_YEAR_TITLE ? (titleColumn = col) : undefined));
    expect(titleColumn).toBeGreaterThan(0);
    evaluations.forEach((e, i) => {
      const row = sheet.getRow(SUMMARY_HEADER_ROW + 2 + i);
      const term = costOverTerm(e.row, a);
      expect(shown(row.getCell(titleColumn))).toBe(e.row.vendor);
      expectClose(shown(row.getCell(titleColumn + 1)), term.yearlyRise, `${e.row.vendor} rise`);
      term.years.forEach((y, k) => expectClose(shown(row.getCell(titleColumn + 2 + k)), y.total, `${e.row.vendor} year ${y.year}`));
      // Two years, the longest engagement here (24 months), then the sum.
      expectClose(shown(row.getCell(titleColumn + 4)), term.total, `${e.row.vendor} over the term`);
    });
    // The rupee row gives a time zone, no country: the zone's country (India) sets the rise.
    expect(costOverTerm(evaluations[1].row, a).yearlyRise).toBe(a.wageInflationIndia);
  });

  it("a rate finance changes in the file moves every total exactly as the model says under the new rate", () => {
    const book = recalculated.currenciesChanged;
    expect(errorCells(book)).toEqual([]);
    const { a, evaluations } = currencyModel(book);
    expect(evaluations[0].row.exchange?.rate).toBe(CHANGED_EUR_RATE);
    compareSummary(book, evaluations);
    compareRanges(book, evaluations, a);
    const before = currencyModel(recalculated.currencies).evaluations[0].cost.total;
    expect(evaluations[0].cost.total / before).toBeCloseTo(CHANGED_EUR_RATE / 1.08, 9);
  });
});

/** The cost-by-year block of a recalculated file against term.ts, to 1e-9: the rise, every year shown and the term's sum. */
function compareCostByYear(book: ExcelJS.Workbook, evaluations: readonly Evaluation[], a: Assumptions): number {
  const sheet = book.getWorksheet(SUMMARY_SHEET)!;
  let titleColumn = 0;
  sheet.getRow(SUMMARY_HEADER_ROW + 1).eachCell((cell, col) => (cell.value === COST_BY_YEAR_TITLE ? (titleColumn = col) : undefined));
  expect(titleColumn).toBeGreaterThan(0);
  let compared = 0;
  evaluations.forEach((e, i) => {
    const row = sheet.getRow(SUMMARY_HEADER_ROW + 2 + i);
    const term = costOverTerm(e.row, a);
    expect(shown(row.getCell(titleColumn))).toBe(e.row.vendor);
    expectClose(shown(row.getCell(titleColumn + 1)), term.yearlyRise, `${e.row.vendor} rise`);
    const shownYears = Math.min(term.years.length, SUMMARY_YEARS);
    term.years.slice(0, shownYears).forEach((y, k) => expectClose(shown(row.getCell(titleColumn + 2 + k)), y.total, `${e.row.vendor} year ${y.year}`));
    let last = titleColumn + 2;
    sheet.getRow(SUMMARY_HEADER_ROW + 1).eachCell((cell, col) => (cell.value === "Over the term" ? (last = col) : undefined));
    expectClose(shown(row.getCell(last)), term.total, `${e.row.vendor} over the term`);
    compared += 2 + shownYears;
  });
  return compared;
}

describe("the cost by contract year as portable formulas, recalculated by LibreOffice", () => {
  it("each vendor's rise, years and term's sum equal the model's: a term longer than the years shown, a cap below and above the wage inflation, a blank duration", () => {
    const { a, evaluations } = modelEvaluations(recalculated.terms, TERM_HEADERS, TERM_ROWS);
    expect(evaluations).toHaveLength(TERM_ROWS.length);
    expect(costOverTerm(evaluations[0].row, a).years.length).toBeGreaterThan(SUMMARY_YEARS);
    expect(compareCostByYear(recalculated.terms, evaluations, a)).toBeGreaterThan(TERM_ROWS.length * 3);
    expect(errorCells(recalculated.terms)).toEqual([]);
  });

  it("after finance changes the wage inflation, the productivity loss period and a cost line's assumption in the file, every year follows as the model says", () => {
    const { a, evaluations } = modelEvaluations(recalculated.termsChanged, TERM_HEADERS, TERM_ROWS);
    expect(a.wageInflationIndia).toBe(TERM_CHANGES["Wage inflation (India)"]);
    const before = modelEvaluations(recalculated.terms, TERM_HEADERS, TERM_ROWS);
    // The change moves the years: the proof is not of numbers that stood still.
    expect(costOverTerm(evaluations[0].row, a).total).not.toBeCloseTo(costOverTerm(before.evaluations[0].row, before.a).total, 0);
    compareCostByYear(recalculated.termsChanged, evaluations, a);
    expect(errorCells(recalculated.termsChanged)).toEqual([]);
  });

  it("the exchange rate finance changes moves the years too", () => {
    const { a, evaluations } = currencyModel(recalculated.currenciesChanged);
    compareCostByYear(recalculated.currenciesChanged, evaluations, a);
  });
});

describe("refreshing the finance summary", () => {
  it("keeps nothing stale and leaves the user's own cells outside its area alone", async () => {
    const { workbook, outcome } = await prepared("formulas");
    // Just right of the summary's area (which grows as columns are added).
    const noteColumn = parseRange(outcome.summaryArea).right + 2;
    await workbook.apply([{ kind: "writeRange", sheet: SUMMARY_SHEET, address: `${columnLetters(noteColumn)}1`, cells: [["my note"]] }]);
    // Fewer vendors the second time: the rows of the removed vendors must not linger.
    const read = await workbook.read({ table: { name: SAMPLE_TABLE_NAME, values: true } });
    const rateColumn = read.table!.headers.indexOf("Hourly rate");
    await workbook.apply([{ kind: "writeRange", sheet: read.table!.sheet, address: `${String.fromCharCode(65 + rateColumn)}3`, cells: [["TBD"]] }]);
    const again = await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { mode: "values", now: NOW });
    if (again.kind !== "done") throw new Error(again.message);
    expect(again.rowErrors).toHaveLength(1);
    expect(again.rowErrors[0].row).toBe(3);
    expect(again.rowErrors[0].message).toMatch(/Hourly rate/);
    const summary = (await workbook.read({ sheets: [SUMMARY_SHEET], settings: [FINANCE_SETTING] })).sheets[SUMMARY_SHEET]!;
    const vendorRows = summary.values.slice(SUMMARY_HEADER_ROW + 1).filter((r) => typeof r[0] === "string" && r[0] !== "");
    expect(vendorRows.map((r) => r[0])).toEqual(again.vendors.map((v) => v.vendor));
    expect(vendorRows.length).toBe(SAMPLE_VENDOR_ROWS.length - 1);
    // Values mode: no formula left in the vendor columns.
    const stale = summary.formulas.slice(SUMMARY_HEADER_ROW + 1).flatMap((r) => r.slice(0, SUMMARY_COLUMNS.length)).filter((f) => typeof f === "string" && f.startsWith("="));
    expect(stale).toEqual([]);
    expect(summary.values[0][noteColumn]).toBe("my note");
    expect(String(summary.values[3][0])).toContain("row 3");
  });
});

describe("getting live add-in formulas back", () => {
  it.each(["formulas", "values"] as const)("Evaluate in the pane takes the %s columns back as its own and writes OFFSHORE formulas again", async (mode) => {
    const { workbook } = await prepared(mode);
    const outcome = await evaluateTable(workbook, SAMPLE_TABLE_NAME, { buyerTimeZone: BUYER_ZONE, today: { year: 2026, month: 3, day: 2 } });
    expect(outcome.kind).toBe("done");
    const read = await workbook.read({ table: { name: SAMPLE_TABLE_NAME, formulasOf: ["Total cost"] } });
    expect(read.table!.columnFormulas["Total cost"].every((f) => typeof f === "string" && /^=OFFSHORE\.TOTALCOST\(/.test(f))).toBe(true);
  });
});

describe("prepare for finance in the pane's preview (memory workbook)", () => {
  it("reads the assumptions sheet's Low and High cells: the low and high totals are the model's under the edited ends, and a crossed pair is refused naming the assumption", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply(sampleChanges());
    await evaluateTable(workbook, SAMPLE_TABLE_NAME, { buyerTimeZone: BUYER_ZONE, today: { year: 2026, month: 3, day: 2 } });
    const lowColumn = SUMMARY_COLUMNS.findIndex((c) => c.kind === "range" && c.end === "low");
    const highColumn = SUMMARY_COLUMNS.findIndex((c) => c.kind === "range" && c.end === "high");
    const totals = async () => {
      const outcome = await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: NOW });
      if (outcome.kind !== "done") throw new Error(outcome.message);
      const values = (await workbook.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]!.values;
      return outcome.vendors.map((v, i) => ({ v, low: values[SUMMARY_HEADER_ROW + 1 + i][lowColumn], high: values[SUMMARY_HEADER_ROW + 1 + i][highColumn] }));
    };
    const before = await totals();
    const sheet = (await workbook.read({ sheets: [ASSUMPTIONS_SHEET] })).sheets[ASSUMPTIONS_SHEET]!;
    const row = sheet.values.findIndex((r) => r[0] === "Transition %") + 1;
    workbook.setCells(ASSUMPTIONS_SHEET, `K${row}`, [[0.001, 0.5]]);
    const after = await totals();
    // The model's figures: the sheet's (name, value) rows, with that one range given.
    const values = parseAssumptions(sheet.values.slice(1).map((r) => [r[0], r[1]]), { year: 2026, month: 3, day: 2 });
    if (!values.ok) throw new Error(values.error.message);
    const given: Assumptions = { ...values.value, ranges: { transitionPct: { low: 0.001, high: 0.5 } } };
    after.forEach(({ v, low, high }, i) => {
      const model = costRange(v.evaluation.row, given);
      expect({ low, high }).toEqual({ low: model.low, high: model.high });
      expect(low).toBeLessThan(before[i].low as number);
      expect(high).toBeGreaterThan(before[i].high as number);
    });
    workbook.setCells(ASSUMPTIONS_SHEET, `K${row}`, [[0.05, 0.02]]);
    const refused = await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: NOW });
    expect(refused.kind === "done" ? "done" : refused.message).toMatch(/Transition %: its Low \(0.05\) is above its High \(0.02\)/);
  });

  it("writes the summary and the table columns in one apply, showing the model's numbers", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply(sampleChanges());
    await evaluateTable(workbook, SAMPLE_TABLE_NAME, { buyerTimeZone: BUYER_ZONE, today: { year: 2026, month: 3, day: 2 } });
    const appliesBefore = workbook.applyCount;
    const outcome = await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: NOW });
    if (outcome.kind !== "done") throw new Error(outcome.message);
    expect(workbook.applyCount - appliesBefore).toBe(1);
    const read = await workbook.read({ table: { name: SAMPLE_TABLE_NAME, values: true }, sheets: [SUMMARY_SHEET] });
    const total = read.table!.headers.indexOf("Total cost");
    expect(read.table!.rows!.map((r) => r[total])).toEqual(outcome.vendors.map((v) => v.evaluation.cost.total));
    expect(read.sheets[SUMMARY_SHEET]!.values[SUMMARY_HEADER_ROW + 1][0]).toBe(outcome.vendors[0].vendor);
    // The key column: right of the three, grey and narrow, keys 1..n.
    expect(read.table!.headers.slice(-4)).toEqual([...OUTPUT_COLUMNS.map((o) => o.header), FINANCE_KEY_HEADER]);
    const key = read.table!.headers.length - 1;
    expect(read.table!.rows!.map((r) => r[key])).toEqual(SAMPLE_VENDOR_ROWS.map((_r, i) => i + 1));
    const keyLetter = String.fromCharCode(65 + key);
    for (const address of [`${keyLetter}1`, `${keyLetter}${SAMPLE_VENDOR_ROWS.length + 1}`]) expect(workbook.cell(read.table!.sheet, address)?.format).toMatchObject({ fontColor: "#808080", columnWidth: 60 });
  });
});
