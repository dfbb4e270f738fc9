// Evaluating 100,000 rows through the Office.js adapter on the counting fake
// (fakes/fakeExcel.ts). evaluate.excel.test.ts pins 10,000 rows; this takes it to 100,000
// and measures every request in UTF-8 bytes, since Excel on the web refuses one over 5 MB.
import { columnLetters } from "../../src/workbook/address";
import { evaluateRange, evaluateTable } from "../../src/actions/evaluate";
import type { CellValue } from "../../src/model/types";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { cellAddress } from "../../src/workbook/address";
import { ExcelWorkbook, MAX_READ_CELLS } from "../../src/workbook/excel";
import { heavyLinkedEntity } from "../helpers/dataTypes";
import { MeasuredExcel } from "../helpers/measuredExcel";
import type { DataTypeCell } from "./fakes/fakeExcel";

// The sample's output columns start right of its last input column.
const OUTPUT = SAMPLE_VENDOR_HEADERS.length;
const [LAST_INPUT, TOTAL, RISK, FIT] = [OUTPUT - 1, OUTPUT, OUTPUT + 1, OUTPUT + 2].map((c) => columnLetters(c));

const options = { today: { year: 2026, month: 3, day: 16 }, buyerTimeZone: "America/Chicago" };
const FOUR_MB = 4_000_000;

function vendorTable(rows: number): MeasuredExcel {
  const excel = new MeasuredExcel();
  const body: CellValue[][] = Array.from({ length: rows }, (_, i) => [...SAMPLE_VENDOR_ROWS[i % SAMPLE_VENDOR_ROWS.length]]);
  excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, body);
  return excel;
}

function costOf(excel: MeasuredExcel) {
  const requests = excel.measured();
  return {
    syncs: excel.syncs,
    valueCells: requests.reduce((n, r) => n + r.valueCells, 0),
    formulas: requests.reduce((n, r) => n + r.formulas, 0),
  };
}

describe("evaluating 100,000 rows through the Excel adapter", () => {
  // Built once: a 100,000-row table is the expensive part of these tests.
  let large: MeasuredExcel;
  beforeAll(() => {
    large = vendorTable(100_000);
  });

  // Range.formulas and numberFormat are 2-D arrays (Excel.Range reference): every output cell
  // is sent its formula and format, so the write grows with the table and goes in chunks.
  test("the first evaluation sends one formula per output cell for 10, 5,000 and 100,000 rows, in chunks each under 4 MB, after at most 3 reads", async () => {
    const costs = [];
    for (const [rows, excel] of [[10, vendorTable(10)], [5_000, vendorTable(5_000)], [100_000, large]] as const) {
      const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
      expect(outcome.kind).toBe("done");
      expect(excel.syncs).toBeLessThanOrEqual(3 + excel.writes().length);
      expect(excel.largestRequest()).toBeLessThan(FOUR_MB);
      expect(excel.largestResponse()).toBeLessThan(FOUR_MB);
      const { valueCells, formulas } = costOf(excel);
      expect(formulas).toBe(3 * rows);
      costs.push({ otherCells: valueCells - formulas, writes: excel.writes().length });
    }
    // Nothing but the output cells grows with the table.
    expect(costs[2].otherCells).toBe(costs[0].otherCells);
    expect(costs[1].otherCells).toBe(costs[0].otherCells);
    // 300,000 formulas of about 110 bytes and their formats: a dozen requests, not one per row.
    expect(costs[2].writes).toBeGreaterThan(1);
    expect(costs[2].writes).toBeLessThanOrEqual(16);
    // The calculated column reaches the last row.
    expect(large.cell("Quotes", `${TOTAL}100001`)?.formula).toBe(large.cell("Quotes", `${TOTAL}2`)?.formula);
    expect(large.cell("Quotes", `${FIT}100001`)?.formula).toMatch(/^=OFFSHORE\.LOCATIONFIT\(/);
  });

  test("a refresh of the evaluated 100,000 rows also reads in at most 3 syncs and sends each formula once, each request under 4 MB", async () => {
    large.resetCounts();
    const again = await evaluateTable(new ExcelWorkbook(large.host()), "Vendors", options);
    expect(again.kind).toBe("done");
    expect(large.syncs).toBeLessThanOrEqual(3 + large.writes().length);
    expect(costOf(large).formulas).toBe(3 * 100_000);
    expect(large.largestRequest()).toBeLessThan(FOUR_MB);
    expect(large.table("Vendors")!.columns.filter((c) => c === "Risk score")).toHaveLength(1);
  });
});

describe("refreshing an evaluated 100,000-row table through the Excel adapter", () => {
  let evaluated: MeasuredExcel;
  beforeAll(async () => {
    evaluated = vendorTable(100_000);
    expect((await evaluateTable(new ExcelWorkbook(evaluated.host()), "Vendors", options)).kind).toBe("done");
  });

  test("reading the output columns' formulas whole would overflow the response limit (what the refresh must avoid)", async () => {
    evaluated.resetCounts();
    const read = evaluated.host().run(async (context) => {
      for (const header of ["Total cost", "Risk score", "Location fit"]) context.workbook.tables.getItem("Vendors").columns.getItem(header).getDataBodyRange().load("formulas");
      await context.sync();
    });
    // Excel on the web refuses such a response (over 5 MB): ResponsePayloadSizeLimitExceeded.
    await expect(read).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(evaluated.largestResponse()).toBeGreaterThan(FOUR_MB);
  });

  test("the refresh keeps every request and response under 4 MB, reads in at most 3 syncs and rewrites the add-in's own columns", async () => {
    // Only the cells tell whose columns these are: the workbook setting was lost.
    evaluated.settings.clear();
    const sheet = evaluated.sheet("Quotes");
    const old = "=OFFSHORE.TOTALCOST(Vendors[@[Vendor]:[Hours]],Vendors[[#Headers],[Vendor]:[Hours]],OffshoreAssumptions)";
    for (let row = 1; row <= 100_000; row++) sheet.cells.set(`${row},${OUTPUT}`, { value: 0, formula: old });
    evaluated.resetCounts();
    const outcome = await evaluateTable(new ExcelWorkbook(evaluated.host()), "Vendors", options);
    expect(outcome.kind).toBe("done");
    expect(evaluated.syncs).toBeLessThanOrEqual(3 + evaluated.writes().length);
    expect(evaluated.largestResponse()).toBeGreaterThan(0);
    expect(evaluated.largestResponse()).toBeLessThan(FOUR_MB);
    expect(evaluated.largestRequest()).toBeLessThan(FOUR_MB);
    expect(costOf(evaluated).formulas).toBe(3 * 100_000);
    const current = evaluated.cell("Quotes", `${TOTAL}2`)?.formula;
    expect(current).toMatch(/^=OFFSHORE\.TOTALCOST\(Vendors\[@\[Vendor\]:\[Scope\]\]/);
    expect(evaluated.cell("Quotes", `${TOTAL}100001`)?.formula).toBe(current);
    expect(evaluated.cell("Quotes", `${TOTAL}50001`)?.formula).toBe(current);
    expect(evaluated.table("Vendors")!.columns.filter((c) => c === "Total cost")).toHaveLength(1);
  });

  test("one typed value among 100,000 formulas makes the column the user's: the refresh refuses and writes nothing, every response under 4 MB", async () => {
    evaluated.settings.clear();
    const sheet = evaluated.sheet("Quotes");
    const formula = sheet.cells.get(`73210,${OUTPUT + 1}`);
    sheet.cells.set(`73210,${OUTPUT + 1}`, { value: 42 });
    try {
      evaluated.resetCounts();
      const outcome = await evaluateTable(new ExcelWorkbook(evaluated.host()), "Vendors", options);
      expect(outcome).toMatchObject({ kind: "collision", header: "Risk score", suggestion: "Risk score (offshore)" });
      expect(evaluated.writes()).toEqual([]);
      expect(evaluated.syncs).toBeLessThanOrEqual(4);
      expect(evaluated.largestResponse()).toBeLessThan(FOUR_MB);
      expect(evaluated.cell("Quotes", `${RISK}73211`)?.value).toBe(42);
    } finally {
      sheet.cells.set(`73210,${OUTPUT + 1}`, formula!);
    }
  });
});

describe("refreshing a 100,000-row plain range through the Excel adapter", () => {
  test("the outputs already right of the range are read back in chunks each under 4 MB of response, then rewritten", async () => {
    const excel = new MeasuredExcel();
    const sheet = excel.sheet("Data");
    const all = [SAMPLE_VENDOR_HEADERS as readonly CellValue[], ...Array.from({ length: 100_000 }, (_, i) => SAMPLE_VENDOR_ROWS[i % SAMPLE_VENDOR_ROWS.length])];
    all.forEach((row, r) => row.forEach((v, c) => v !== "" && v !== null && sheet.cells.set(`${r},${c}`, { value: v })));
    const inputs = { sheet: "Data", address: `A1:${LAST_INPUT}100001`, headers: [...SAMPLE_VENDOR_HEADERS], rowCount: 100_000 };
    expect((await evaluateRange(new ExcelWorkbook(excel.host()), inputs, options)).kind).toBe("done");
    excel.resetCounts();
    const evaluated = { ...inputs, address: `A1:${FIT}100001`, headers: [...SAMPLE_VENDOR_HEADERS, "Total cost", "Risk score", "Location fit"] };
    const outcome = await evaluateRange(new ExcelWorkbook(excel.host()), evaluated, options);
    expect(outcome.kind).toBe("done");
    expect(excel.largestResponse()).toBeGreaterThan(0);
    expect(excel.largestResponse()).toBeLessThan(FOUR_MB);
    expect(excel.largestRequest()).toBeLessThan(FOUR_MB);
    expect(excel.cell("Data", `${TOTAL}100001`)?.formula).toBe(`=OFFSHORE.TOTALCOST($A100001:$${LAST_INPUT}100001,$A$1:$${LAST_INPUT}$1,OffshoreAssumptions)`);
  });
});

// A few Country cells converted to Excel's Geography data type read as "#VALUE!" through
// Range.values ("Excel JavaScript API data types core concepts": values returns an entity's
// basicValue) and are read again through valuesAsJson, which returns the whole linked entity
// with its properties: only those cells, so the response budget holds. 5,000 rows of 18
// columns is the largest table whose rows a read returns (MAX_READ_CELLS); a larger one comes
// back without rows, and its Country cells are read by the functions alone.
describe("a few Geography values in the largest table whose rows are read, through the Excel adapter", () => {
  const country = SAMPLE_VENDOR_HEADERS.indexOf("Country");
  const rows = Math.floor(MAX_READ_CELLS / SAMPLE_VENDOR_HEADERS.length);
  const converted = [0, 9, 1_234, 2_500, rows - 1];

  test("only those cells are read as typed values, every response stays under 4 MB and every row is computed", async () => {
    const excel = vendorTable(rows);
    for (const r of converted)
      excel.setDataType("Quotes", cellAddress(r + 1, country), heavyLinkedEntity(String(SAMPLE_VENDOR_ROWS[r % SAMPLE_VENDOR_ROWS.length][country]), 20_000) as DataTypeCell);
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    if (outcome.kind !== "done") throw new Error(outcome.kind);
    expect(outcome.rowErrors).toEqual([]);
    expect(outcome.evaluations).toHaveLength(rows);
    expect(converted.every((r) => outcome.evaluations[r] !== null)).toBe(true);
    const typed = excel.rangeReads.filter((r) => r.property === "valuesAsJson");
    expect(typed.reduce((n, r) => n + r.cells, 0)).toBe(converted.length);
    expect(excel.largestResponse()).toBeLessThan(FOUR_MB);
    expect(excel.largestRequest()).toBeLessThan(FOUR_MB);
    // One more read than without entities.
    expect(excel.syncs).toBeLessThanOrEqual(4 + excel.writes().length);
  });
});
