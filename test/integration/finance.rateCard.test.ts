// Prepare for finance on rate cards, proved with an independent engine: the finance workbook
// of the sample rate-card RFP (and of a table whose vendor offers two options, one of them
// with rows that disagree) is written through the xlsx adapter, recalculated by LibreOffice
// (cached results thrown away), and every number is compared with the model's evaluation of
// each vendor option (model/rateCard.ts).
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import type ExcelJS from "exceljs";
import { costRange, evaluateOptions, mapHeaders, parseAssumptions, readRow, type Assumptions, type CellValue, type OptionEvaluation, type VendorRow } from "../../src/model";
import { expectClose, modelValue } from "../helpers/financeOracle";
import { prepareForFinance, SUMMARY_COLUMNS, SUMMARY_HEADER_ROW, SUMMARY_SHEET, type FinanceOutcome } from "../../src/actions/finance";
import { OUTPUT_COLUMNS } from "../../src/actions/evaluate";
import { RATE_CARD_HEADERS, RATE_CARD_ROWS, RATE_CARD_TABLE_NAME } from "../../src/sample/rateCard";
import { ASSUMPTIONS_SHEET, type CellWrite } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { rateCardChanges } from "../../scripts/make-sample";
import { errorCells, readWorkbook, recalculateInLibreOffice, shown } from "./xlsx-libreoffice";

const NOW = new Date("2026-03-02T15:30:00Z");
const BUYER_ZONE = "America/New_York";
/** Finance changes an engagement line's assumption and a labour line's in the file. */
const CHANGED: Record<string, number> = { "Governance % (Dedicated team)": 0.09, "Default attrition": 0.3 };

/** One vendor offering two options (Option), an option of one row, and an option whose rows disagree on Location model. */
const OPTION_HEADERS = ["Vendor", "Option", "Role", "Hourly rate", "Hours", "Country", "Location model", "Engagement model", "Attrition", "Duration (months)"];
const OPTION_ROWS: CellValue[][] = [
  ["Acme", "Offshore team", "Lead", 48, 1200, "India", "Offshore", "Dedicated team", "", 12],
  ["Acme", "Nearshore team", "Lead", 70, 1200, "Costa Rica", "", "Dedicated team", 0.12, 12],
  ["Acme", "Offshore team", "Developer", 30, 6000, "India", "Offshore", "Dedicated team", "", 12],
  ["Acme", "Nearshore team", "Developer", 50, 5000, "Costa Rica", "", "Dedicated team", 0.12, 12],
  ["Solo", "", "Architect", 120, 300, "Ireland", "", "Project", 0.08, ""],
  ["Split", "", "Lead", 60, 500, "Poland", "Offshore", "Project", 0.1, 6],
  ["Split", "", "QA", 30, 900, "Poland", "Nearshore", "Project", 0.1, 6],
];

const work = mkdtempSync(path.join(os.tmpdir(), "offshore-ratecard-"));
const files = {
  rateCard: path.join(work, "rate-card.xlsx"),
  changed: path.join(work, "rate-card-changed.xlsx"),
  values: path.join(work, "rate-card-values.xlsx"),
  options: path.join(work, "options.xlsx"),
};

async function setAssumptions(from: string, to: string, values: Record<string, number>): Promise<void> {
  const book = await readWorkbook(from);
  book.getWorksheet(ASSUMPTIONS_SHEET)!.eachRow((row) => {
    const name = String(row.getCell(1).value);
    if (name in values) row.getCell(2).value = values[name];
  });
  await book.xlsx.writeFile(to);
}

/** The model's options of `table` under the assumptions sheet of `book`. */
function modelOptions(book: ExcelJS.Workbook, headers: readonly string[], table: readonly (readonly CellValue[])[]): { a: Assumptions; options: ReturnType<typeof evaluateOptions> } {
  const rows: unknown[][] = [];
  book.getWorksheet(ASSUMPTIONS_SHEET)!.eachRow((row, n) => {
    const value = shown(row.getCell(2));
    if (n > 1) rows.push([shown(row.getCell(1)), value instanceof Date ? value.getTime() / 86400000 + 25569 : value]);
  });
  const parsed = parseAssumptions(rows as never, { year: 2026, month: 3, day: 2 });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const map = mapHeaders([...headers]);
  const read = table.map((cells): VendorRow | undefined => {
    const r = readRow(cells, map, parsed.value);
    return r && r.ok ? r.value : undefined;
  });
  return { a: parsed.value, options: evaluateOptions(read, true, parsed.value, (i) => `row ${i + 2}`) };
}

/** Every result, range and the overlap of every summary row against the model's option, in order. */
function compareSummary(book: ExcelJS.Workbook, options: readonly OptionEvaluation[], a: Assumptions): number {
  const sheet = book.getWorksheet(SUMMARY_SHEET)!;
  let compared = 0;
  options.forEach((o, i) => {
    const row = sheet.getRow(SUMMARY_HEADER_ROW + 2 + i);
    expect(shown(row.getCell(1))).toBe(o.name);
    const range = costRange(o.evaluation.row, a);
    SUMMARY_COLUMNS.forEach((column, c) => {
      const where = `${o.name} / ${column.header}`;
      if (column.kind === "result" || (column.kind === "input" && column.key === "overlapHours")) expectClose(shown(row.getCell(c + 1)), modelValue(o.evaluation, column.key), where);
      else if (column.kind === "range") expectClose(shown(row.getCell(c + 1)), range[column.end], where);
      else if (column.kind === "input" && (column.key === "hourlyRate" || column.key === "hours")) expectClose(shown(row.getCell(c + 1)), o.evaluation.row[column.key], where);
      else return;
      compared++;
    });
  });
  return compared;
}

/** The table's output columns: each row's share of its option's total, the option's risk and fit. */
function compareTable(book: ExcelJS.Workbook, groups: ReturnType<typeof evaluateOptions>, rowCount: number): number {
  const sheet = book.worksheets.find((s) => s.getTables().length > 0)!;
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => columns.set(String(cell.value), col));
  let compared = 0;
  for (const { group, result } of groups) {
    if (!result.ok) {
      for (const i of group.members) expect(String(shown(sheet.getRow(2 + i).getCell(columns.get("Total cost")!)))).toBe(`Not evaluated: ${result.error.message}`);
      continue;
    }
    const o = result.value;
    let sum = 0;
    group.members.forEach((i, k) => {
      const row = sheet.getRow(2 + i);
      const where = `${o.name}, table row ${i + 1}`;
      const total = shown(row.getCell(columns.get("Total cost")!));
      expectClose(total, o.shares[k].total, `${where} total cost`);
      sum += Number(total);
      expectClose(shown(row.getCell(columns.get("Risk score")!)), o.evaluation.risk.score, `${where} risk score`);
      expect({ where, fit: shown(row.getCell(columns.get("Location fit")!)) }).toEqual({ where, fit: o.evaluation.fit.verdict });
      compared++;
    });
    // The rows' totals add up to the option's, in the spreadsheet as in the model.
    expectClose(sum, o.evaluation.cost.total, `${o.name}: sum of its rows`);
  }
  expect(compared + groups.filter((g) => !g.result.ok).reduce((n, g) => n + g.group.members.length, 0)).toBe(rowCount);
  for (const header of OUTPUT_COLUMNS.map((o) => o.header)) expect(columns.has(header)).toBe(true);
  return compared;
}

let recalculated: Record<keyof typeof files, ExcelJS.Workbook>;
let optionsOutcome: Extract<FinanceOutcome, { kind: "done" }>;
let rateCardOutcome: Extract<FinanceOutcome, { kind: "done" }>;

beforeAll(async () => {
  for (const mode of ["formulas", "values"] as const) {
    const workbook = XlsxWorkbook.create();
    await workbook.apply(rateCardChanges());
    const outcome = await prepareForFinance(workbook, RATE_CARD_TABLE_NAME, { mode, now: NOW, buyerTimeZone: BUYER_ZONE });
    if (outcome.kind !== "done") throw new Error(outcome.message);
    if (mode === "formulas") rateCardOutcome = outcome;
    await workbook.save(mode === "formulas" ? files.rateCard : files.values);
  }
  await setAssumptions(files.rateCard, files.changed, CHANGED);
  const options = XlsxWorkbook.create();
  await options.apply([
    { kind: "ensureSheet", sheet: "Quotes" },
    { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers: OPTION_HEADERS, rows: OPTION_ROWS as CellWrite[][] },
  ]);
  const outcome = await prepareForFinance(options, "Quotes", { now: NOW, buyerTimeZone: BUYER_ZONE });
  if (outcome.kind !== "done") throw new Error(outcome.message);
  optionsOutcome = outcome;
  await options.save(files.options);
  const out = await recalculateInLibreOffice(Object.values(files));
  const keys = Object.keys(files) as (keyof typeof files)[];
  recalculated = {} as typeof recalculated;
  for (let i = 0; i < keys.length; i++) recalculated[keys[i]] = await readWorkbook(out[i]);
}, 240_000);

const okOptions = (groups: ReturnType<typeof evaluateOptions>) => groups.flatMap((g) => (g.result.ok ? [g.result.value] : []));

describe("prepare for finance on a rate card, recalculated by LibreOffice", () => {
  it("the summary has one row per vendor option, whose portable formulas give the model's option to 1e-9, also after finance changes an assumption", () => {
    for (const file of ["rateCard", "changed", "values"] as const) {
      const { a, options } = modelOptions(recalculated[file], RATE_CARD_HEADERS, RATE_CARD_ROWS);
      expect(options.map((o) => o.group.members.length)).toEqual([4, 4, 4]);
      const compared = compareSummary(recalculated[file], okOptions(options), a);
      expect(compared).toBe(3 * (SUMMARY_COLUMNS.filter((c) => c.kind === "result" || c.kind === "range").length + 3));
    }
    expect(rateCardOutcome.vendors.map((v) => v.vendor)).toEqual(["Kaveri Software Services", "Andes Digital", "Harbor Point Consulting"]);
    // The changed file's numbers moved: the proof is not of cached values.
    const before = modelOptions(recalculated.rateCard, RATE_CARD_HEADERS, RATE_CARD_ROWS);
    const after = modelOptions(recalculated.changed, RATE_CARD_HEADERS, RATE_CARD_ROWS);
    expect(okOptions(after.options)[0].evaluation.cost.total).toBeGreaterThan(okOptions(before.options)[0].evaluation.cost.total);
  });

  it("each table row shows its share of its option's total, which add up to the option's, and the option's risk and fit", () => {
    for (const file of ["rateCard", "changed", "values"] as const) {
      const { options } = modelOptions(recalculated[file], RATE_CARD_HEADERS, RATE_CARD_ROWS);
      expect(compareTable(recalculated[file], options, RATE_CARD_ROWS.length)).toBe(12);
    }
  });

  it("a vendor's two options are two rows of the summary, an option of one row is that row, and the rows of an option that disagree are not evaluated, each saying why", () => {
    const book = recalculated.options;
    const { a, options } = modelOptions(book, OPTION_HEADERS, OPTION_ROWS);
    expect(options.map((o) => [o.group.name, o.group.members])).toEqual([
      ["Acme (Offshore team)", [0, 2]],
      ["Acme (Nearshore team)", [1, 3]],
      ["Solo", [4]],
      ["Split", [5, 6]],
    ]);
    compareSummary(book, okOptions(options), a);
    expect(compareTable(book, options, OPTION_ROWS.length)).toBe(5);
    expect(optionsOutcome.rowErrors.map((e) => e.row)).toEqual([7, 8]);
    expect(optionsOutcome.rowErrors[0].message).toContain("must agree on Location model: row 7 gives 'Offshore', row 8 gives 'Nearshore'");
  });

  it("no cell of the rate card's finance workbooks shows an error after recalculation", () => {
    for (const book of Object.values(recalculated)) expect(errorCells(book)).toEqual([]);
  });
});
