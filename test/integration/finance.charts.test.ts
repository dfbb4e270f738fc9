// The finance summary's native charts (cost breakdown per vendor as stacked bars, risk
// against total cost as a scatter), drawn by every adapter from one description: the memory
// workbook records them, the Excel adapter draws them through Office.js (on the counting
// fake), and the xlsx adapter adds DrawingML parts that LibreOffice, an independent reader,
// opens as real charts over the summary's cells.
import { execFile } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { COST_BY_YEAR_CHART, COST_RANGE_CHART, SENSITIVITY_CHART } from "../../src/actions/financeCharts";
import { LOOKUP_BLOCK_COLUMN } from "../../src/actions/financeLayout";
import { CHART_VENDOR_LIMIT, financeCharts, prepareForFinance, SUMMARY_COLUMNS, SUMMARY_HEADER_ROW, SUMMARY_SHEET, type FinanceOutcome } from "../../src/actions/finance";
import { main } from "../../src/cli/main";
import { COST_LINES } from "../../src/model/cost";
import { portfolioSensitivity } from "../../src/model/sensitivity";
import { costOverTerm } from "../../src/model/term";
import { SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { parseCell, parseRange } from "../../src/workbook/address";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { ChartSpec, SheetSnapshot, WorkbookChange } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { chartReference } from "../../src/workbook/xlsxCharts";
import { sampleChanges } from "../../scripts/make-sample";
import { FakeExcel } from "./fakes/fakeExcel";
import { readWorkbook, requireLibreOffice, shown, SOFFICE } from "./xlsx-libreoffice";

const NOW = new Date("2026-03-02T15:30:00Z");
const ZONE = "America/New_York";
const VENDORS = SAMPLE_VENDOR_ROWS.length;
/** Labour, then every cost line: the stacked bars add up to the total cost. */
const COST_SERIES = 1 + COST_LINES.length;
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-charts-"));

function done(outcome: FinanceOutcome): Extract<FinanceOutcome, { kind: "done" }> {
  if (outcome.kind !== "done") throw new Error(outcome.message);
  return outcome;
}

const USER_CHART: WorkbookChange = {
  kind: "setChart",
  sheet: SUMMARY_SHEET,
  name: "My own chart",
  chart: { title: "Mine", type: "xyScatter", categories: "BA1:BA3", series: [{ name: "Mine", values: "BB1:BB3" }] },
  anchor: { cell: "BD1", columns: 3, rows: 5 },
};

describe("the finance charts in the pane's preview (memory workbook)", () => {
  it("prepare draws the stacked cost bars (labour and every cost line, one bar per vendor) and the risk-against-cost scatter over the summary's cells", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply(sampleChanges());
    const outcome = done(await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    const charts = workbook.chartsOn(SUMMARY_SHEET);
    expect(charts.map((c) => c.chart.type)).toEqual(["barStacked", "xyScatter", "barStacked", "barStacked", "line"]);
    const [bars, scatter] = charts;
    const first = SUMMARY_HEADER_ROW + 2;
    const last = SUMMARY_HEADER_ROW + 1 + outcome.vendors.length;
    expect(bars.chart.categories).toBe(`A${first}:A${last}`);
    expect(bars.chart.series.map((s) => s.name)).toEqual(["Labour (rate x hours)", ...COST_LINES.map((l) => l.label)]);
    expect(bars.chart.series).toHaveLength(COST_SERIES);
    // Each series is its summary column, over the vendor rows.
    for (const s of bars.chart.series) {
      const column = SUMMARY_COLUMNS.findIndex((c) => c.header === s.name);
      const range = parseRange(s.values);
      expect([range.left, range.right, range.top + 1, range.bottom + 1]).toEqual([column, column, first, last]);
    }
    const header = (range: string) => SUMMARY_COLUMNS[parseRange(range).left].header;
    expect(header(scatter.chart.categories)).toBe("Total cost");
    expect(scatter.chart.series.map((s) => header(s.values))).toEqual(["Risk score"]);
  });

  it("the charts sit below the vendor rows over empty cells, and the summary's note says they are there", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply(sampleChanges());
    done(await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    const summary = (await workbook.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]!;
    const origin = parseCell(summary.origin);
    const filled = (row: number, column: number) => {
      const v = summary.values[row - origin.row]?.[column - origin.column];
      return v !== null && v !== undefined && v !== "";
    };
    const areas = workbook.chartsOn(SUMMARY_SHEET).map((c) => ({ ...parseCell(c.anchor.cell), rows: c.anchor.rows, columns: c.anchor.columns }));
    for (const a of areas) {
      expect(a.row).toBeGreaterThan(SUMMARY_HEADER_ROW + VENDORS);
      for (let r = a.row; r < a.row + a.rows; r++) for (let c = a.column; c < a.column + a.columns; c++) expect(filled(r, c)).toBe(false);
    }
    // Side by side, not on top of each other.
    expect(areas[1].column).toBeGreaterThanOrEqual(areas[0].column + areas[0].columns);
    expect(String(summary.values[4][0])).toMatch(/^Charts below the vendor rows: 'Cost breakdown per vendor'/);
  });

  it("with more vendors than a chart can show, the charts cover the first ones in table order and the note says how many", async () => {
    const many = CHART_VENDOR_LIMIT + 25;
    const workbook = new MemoryWorkbook();
    const rows = Array.from({ length: many }, (_, i) => SAMPLE_VENDOR_ROWS[i % VENDORS].map((v, c) => (c === 0 ? `Vendor ${i + 1}` : v)));
    await workbook.apply([
      { kind: "ensureSheet", sheet: "Quotes" },
      { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers: [...SAMPLE_VENDOR_HEADERS], rows: rows.map((r) => r.map((v) => (v === undefined ? null : v))) },
    ]);
    const outcome = done(await prepareForFinance(workbook, "Quotes", { now: NOW, buyerTimeZone: ZONE }));
    expect(outcome.vendors).toHaveLength(many);
    const [bars, scatter] = workbook.chartsOn(SUMMARY_SHEET);
    const first = SUMMARY_HEADER_ROW + 2;
    const last = first + CHART_VENDOR_LIMIT - 1;
    expect(bars.chart.categories).toBe(`A${first}:A${last}`);
    for (const s of [...bars.chart.series, ...scatter.chart.series]) expect(parseRange(s.values).bottom + 1).toBe(last);
    const summary = (await workbook.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]!;
    expect(String(summary.values[4][0])).toMatch(new RegExp(`^The charts show the first ${CHART_VENDOR_LIMIT} of the ${many} vendors`));
  });

  it("preparing again replaces the two charts (new ranges for fewer vendors), never adds more, and leaves the user's chart alone", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.apply(sampleChanges());
    done(await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    await workbook.apply([USER_CHART]);
    const read = await workbook.read({ table: { name: SAMPLE_TABLE_NAME } });
    const rate = read.table!.headers.indexOf("Hourly rate");
    await workbook.apply([{ kind: "writeRange", sheet: read.table!.sheet, address: `${String.fromCharCode(65 + rate)}3`, cells: [["TBD"]] }]);
    const again = done(await prepareForFinance(workbook, SAMPLE_TABLE_NAME, { mode: "values", now: NOW }));
    expect(again.vendors).toHaveLength(VENDORS - 1);
    const charts = workbook.chartsOn(SUMMARY_SHEET);
    expect(charts.map((c) => c.name)).toEqual([...financeCharts(1).map((c) => c.name), "My own chart"]);
    expect(charts[0].chart.categories).toBe(financeCharts(VENDORS - 1)[0].categories);
    expect(charts.find((c) => c.name === USER_CHART.name)).toEqual({ name: USER_CHART.name, chart: (USER_CHART as Extract<WorkbookChange, { kind: "setChart" }>).chart, anchor: (USER_CHART as Extract<WorkbookChange, { kind: "setChart" }>).anchor });
  });
});

/** The sample's rows with terms of one to four and a half years, so the cost-by-year lines have several points. */
function multiYearRows(count = VENDORS): (string | number | boolean | null)[][] {
  const duration = SAMPLE_VENDOR_HEADERS.indexOf("Duration (months)");
  return Array.from({ length: count }, (_, i) =>
    SAMPLE_VENDOR_ROWS[i % VENDORS].map((v, c) => (c === 0 && i >= VENDORS ? `Vendor ${i + 1}` : c === duration ? 12 + 10 * (i % 5) : v === undefined ? null : v)),
  );
}

async function multiYearWorkbook(count = VENDORS): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  await workbook.apply([
    { kind: "ensureSheet", sheet: "Quotes" },
    { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers: [...SAMPLE_VENDOR_HEADERS], rows: multiYearRows(count) },
  ]);
  return workbook;
}

function chartNamed(charts: readonly { name: string; chart: ChartSpec }[], name: string): ChartSpec {
  const found = charts.find((c) => c.name === name);
  if (!found) throw new Error(`no chart '${name}' among ${charts.map((c) => c.name).join(", ")}`);
  return found.chart;
}

/** The numbers of a range of the summary, top to bottom and left to right. */
function numbersOf(summary: SheetSnapshot, range: string): number[] {
  const r = parseRange(range);
  const origin = parseCell(summary.origin);
  const out: number[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) out.push(Number(summary.values[row - origin.row]?.[c - origin.column]));
  return out;
}

function textsOf(summary: SheetSnapshot, range: string): string[] {
  const r = parseRange(range);
  const origin = parseCell(summary.origin);
  const out: string[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) out.push(String(summary.values[row - origin.row]?.[c - origin.column] ?? ""));
  return out;
}

describe("the cost range, the portfolio's tornado and the cost by year as native charts (memory workbook)", () => {
  test.each(["formulas", "values"] as const)("in %s mode each vendor's range floats from its low to its high total, split at the expected one, over cells that hold those numbers", async (mode) => {
    const workbook = await multiYearWorkbook();
    const outcome = done(await prepareForFinance(workbook, "Quotes", { mode, now: NOW, buyerTimeZone: ZONE }));
    const charts = workbook.chartsOn(SUMMARY_SHEET);
    const range = chartNamed(charts, COST_RANGE_CHART);
    expect(range.type).toBe("barStacked");
    const first = SUMMARY_HEADER_ROW + 2;
    const last = SUMMARY_HEADER_ROW + 1 + outcome.vendors.length;
    expect(range.categories).toBe(`A${first}:A${last}`);
    // The base is invisible: only the bar from low to high shows.
    expect(range.series.map((s) => s.noFill ?? false)).toEqual([true, false, false]);
    const summary = (await workbook.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]!;
    const [base, toExpected, toHigh] = range.series.map((s) => numbersOf(summary, s.values));
    outcome.vendors.forEach((v, i) => {
      expect(base[i]).toBeCloseTo(v.costRange.low, 6);
      expect(base[i] + toExpected[i]).toBeCloseTo(v.evaluation.cost.total, 6);
      expect(base[i] + toExpected[i] + toHigh[i]).toBeCloseTo(v.costRange.high, 6);
      expect(Math.min(toExpected[i], toHigh[i])).toBeGreaterThanOrEqual(0);
    });
    // In formulas mode the cells follow the summary's own range columns (the LibreOffice proof checks their numbers).
    const cellOf = (range: string, i: number) => `${range.split(":")[0].replace(/\d+$/, "")}${first + i}`;
    const formula = workbook.cell(SUMMARY_SHEET, cellOf(range.series[1].values, 0))?.formula;
    if (mode === "formulas") expect(formula).toMatch(/^=[A-Z]+7-[A-Z]+7$/);
    else expect(formula).toBeUndefined();
    // Nothing else of the summary is under the block the chart reads.
    const blockLeft = parseRange(range.series[0].values).left - 1;
    expect(blockLeft).toBeGreaterThan(parseRange(chartNamed(charts, COST_BY_YEAR_CHART).categories).right);
  });

  it("the tornado shows the ten assumptions that move all vendors' total most, each from its low end (left of zero) to its high end", async () => {
    const workbook = await multiYearWorkbook();
    const outcome = done(await prepareForFinance(workbook, "Quotes", { now: NOW, buyerTimeZone: ZONE }));
    const tornado = chartNamed(workbook.chartsOn(SUMMARY_SHEET), SENSITIVITY_CHART);
    expect(tornado.type).toBe("barStacked");
    const expected = portfolioSensitivity(outcome.vendors.map((v) => v.evaluation.row), outcome.assumptions).slice(0, 10);
    expect(expected.length).toBeGreaterThan(1);
    const summary = (await workbook.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]!;
    expect(textsOf(summary, tornado.categories)).toEqual(expected.map((b) => b.name));
    const total = outcome.vendors.reduce((sum, v) => sum + v.evaluation.cost.total, 0);
    const [atLow, atHigh] = tornado.series.map((s) => numbersOf(summary, s.values));
    expected.forEach((b, k) => {
      expect(atLow[k]).toBeCloseTo(b.totalAtLow - total, 6);
      expect(atHigh[k]).toBeCloseTo(b.totalAtHigh - total, 6);
      expect(atLow[k]).toBeLessThanOrEqual(1e-6);
      expect(atHigh[k]).toBeGreaterThanOrEqual(-1e-6);
    });
    // Largest swing at the top.
    const swings = atHigh.map((h, k) => h - atLow[k]);
    expect([...swings].sort((x, y) => y - x)).toEqual(swings);
  });

  it("the cost by year is a line per vendor over the years' cells, which hold the model's cost of each year", async () => {
    const workbook = await multiYearWorkbook();
    const outcome = done(await prepareForFinance(workbook, "Quotes", { now: NOW, buyerTimeZone: ZONE }));
    const line = chartNamed(workbook.chartsOn(SUMMARY_SHEET), COST_BY_YEAR_CHART);
    expect(line.type).toBe("line");
    const summary = (await workbook.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]!;
    const terms = outcome.vendors.map((v) => costOverTerm(v.evaluation.row, outcome.assumptions));
    const years = Math.max(...terms.map((t) => t.years.length));
    expect(years).toBeGreaterThan(3);
    expect(textsOf(summary, line.categories)).toEqual(Array.from({ length: years }, (_, y) => `Year ${y + 1}`));
    expect(line.series.map((s) => s.name)).toEqual(outcome.vendors.map((v) => v.vendor));
    line.series.forEach((s, i) => {
      const range = parseRange(s.values);
      expect(range.top).toBe(range.bottom);
      const cells = numbersOf(summary, s.values);
      expect(cells.slice(0, terms[i].years.length).map((x) => Math.round(x * 100))).toEqual(terms[i].years.map((y) => Math.round(y.total * 100)));
    });
  });

  it("the five charts sit below the vendor rows, over empty cells, none on another, left of the assumptions block", async () => {
    const workbook = await multiYearWorkbook();
    done(await prepareForFinance(workbook, "Quotes", { now: NOW, buyerTimeZone: ZONE }));
    const charts = workbook.chartsOn(SUMMARY_SHEET);
    expect(charts.map((c) => c.name)).toEqual(financeCharts(VENDORS).map((c) => c.name));
    const summary = (await workbook.read({ sheets: [SUMMARY_SHEET] })).sheets[SUMMARY_SHEET]!;
    const origin = parseCell(summary.origin);
    const boxes = charts.map((c) => ({ ...parseCell(c.anchor.cell), rows: c.anchor.rows, columns: c.anchor.columns }));
    for (const b of boxes) {
      expect(b.row).toBeGreaterThan(SUMMARY_HEADER_ROW + VENDORS);
      expect(b.column + b.columns).toBeLessThanOrEqual(LOOKUP_BLOCK_COLUMN);
      for (let r = b.row; r < b.row + b.rows; r++)
        for (let c = b.column; c < b.column + b.columns; c++) expect([r, c, summary.values[r - origin.row]?.[c - origin.column] ?? null]).toEqual([r, c, null]);
    }
    boxes.forEach((x, i) =>
      boxes.slice(i + 1).forEach((y) => {
        const apart = x.row + x.rows <= y.row || y.row + y.rows <= x.row || x.column + x.columns <= y.column || y.column + y.columns <= x.column;
        expect(apart).toBe(true);
      }),
    );
  });

  it("with more vendors than a chart can show, the range bars and the lines cover the first ones, and preparing again redraws the five charts", async () => {
    const many = CHART_VENDOR_LIMIT + 7;
    const workbook = await multiYearWorkbook(many);
    done(await prepareForFinance(workbook, "Quotes", { now: NOW, buyerTimeZone: ZONE }));
    done(await prepareForFinance(workbook, "Quotes", { mode: "values", now: NOW }));
    const charts = workbook.chartsOn(SUMMARY_SHEET);
    expect(charts).toHaveLength(financeCharts(1).length);
    const last = SUMMARY_HEADER_ROW + 1 + CHART_VENDOR_LIMIT;
    expect(chartNamed(charts, COST_RANGE_CHART).categories).toBe(`A${SUMMARY_HEADER_ROW + 2}:A${last}`);
    for (const s of chartNamed(charts, COST_RANGE_CHART).series) expect(parseRange(s.values).bottom + 1).toBe(last);
    const lines = chartNamed(charts, COST_BY_YEAR_CHART).series;
    expect(lines).toHaveLength(CHART_VENDOR_LIMIT);
    expect(parseRange(lines[lines.length - 1].values).top + 1).toBe(last);
  });
});

describe("the finance charts through the Office.js adapter (counting fake)", () => {
  function evaluated(apiMinor = 20): FakeExcel {
    const excel = new FakeExcel();
    excel.apiMinor = apiMinor;
    excel.addTable("Quotes", 0, 0, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS.map((r) => [...r]));
    return excel;
  }

  it("draws a BarStacked chart with one series per cost column and an XYScatter of risk over total cost, named, titled and placed", async () => {
    const excel = evaluated();
    const outcome = done(await prepareForFinance(new ExcelWorkbook(excel.host()), SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    const expected = financeCharts(outcome.vendors.length);
    expect(excel.charts.slice(0, 2).map((c) => [c.sheet, c.name, c.type, c.title])).toEqual([
      [SUMMARY_SHEET, expected[0].name, "BarStacked", "Cost breakdown per vendor"],
      [SUMMARY_SHEET, expected[1].name, "XYScatter", "Risk score against total cost"],
    ]);
    const [bars, scatter] = excel.charts;
    expect(bars.series).toHaveLength(COST_SERIES);
    expect(bars.series).toEqual(expected[0].series.map((s) => ({ name: s.name, values: s.values, xValues: expected[0].categories })));
    expect(scatter.series).toEqual([{ name: "Risk score", values: expected[1].series[0].values, xValues: expected[1].categories }]);
    expect(scatter.axisTitles).toEqual({ category: "Total cost", value: "Risk score (0 to 100)" });
    // Vendors top-down as in the summary, the cost axis kept at the bottom.
    expect([bars.reversedCategories, bars.categoryAxisPosition]).toEqual([true, "Maximum"]);
    // Below the vendor rows, left of the assumptions block.
    expect(parseCell(bars.position!.start).row).toBeGreaterThan(SUMMARY_HEADER_ROW + VENDORS);
    expect(parseCell(scatter.position!.end!).column).toBeLessThan(SUMMARY_COLUMNS.length);
  });

  it("draws the cost range as floating bars (the base without fill and out of the legend), the tornado as bars with names at the left, and the cost by year as a LineMarkers chart of one series per vendor", async () => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Quotes", SAMPLE_VENDOR_HEADERS, multiYearRows());
    const outcome = done(await prepareForFinance(new ExcelWorkbook(excel.host()), "Quotes", { now: NOW, buyerTimeZone: ZONE }));
    const expected = financeCharts(
      outcome.vendors.map((v) => v.vendor),
      { years: Math.max(...outcome.vendors.map((v) => costOverTerm(v.evaluation.row, outcome.assumptions).years.length)), assumptions: 10 },
    );
    const drawn = (name: string) => excel.charts.find((c) => c.name === name)!;
    const asDrawn = (name: string) => {
      const spec = expected.find((c) => c.name === name)!;
      return spec.series.map((s) => ({ name: s.name, values: s.values, xValues: spec.categories, ...(s.noFill ? { fillCleared: true } : {}) }));
    };
    const range = drawn(COST_RANGE_CHART);
    expect([range.type, range.hiddenLegendEntries, range.categoryTickLabels, range.reversedCategories]).toEqual(["BarStacked", [0], "Low", true]);
    expect(range.series).toEqual(asDrawn(COST_RANGE_CHART));
    const tornado = drawn(SENSITIVITY_CHART);
    expect([tornado.type, tornado.hiddenLegendEntries, tornado.categoryTickLabels]).toEqual(["BarStacked", undefined, "Low"]);
    expect(tornado.series).toEqual(asDrawn(SENSITIVITY_CHART));
    const lines = drawn(COST_BY_YEAR_CHART);
    expect(lines.type).toBe("LineMarkers");
    // One series per vendor, each along its row of years: not one per year.
    expect(lines.series).toEqual(asDrawn(COST_BY_YEAR_CHART));
    expect(lines.series).toHaveLength(outcome.vendors.length);
  });

  it("preparing again deletes and redraws its two charts by name and keeps the user's chart", async () => {
    const excel = evaluated();
    const port = new ExcelWorkbook(excel.host());
    done(await prepareForFinance(port, SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    excel.charts.push({ sheet: SUMMARY_SHEET, name: "My own chart", type: "Pie", series: [{ name: "x", values: "BA1:BA3" }], axisTitles: {} });
    const mine = structuredClone(excel.charts[excel.charts.length - 1]);
    done(await prepareForFinance(port, SAMPLE_TABLE_NAME, { mode: "values", now: NOW }));
    expect(excel.charts.map((c) => c.name).sort()).toEqual(["My own chart", ...financeCharts(1).map((c) => c.name)].sort());
    expect(excel.charts.find((c) => c.name === "My own chart")).toEqual(mine);
    expect(excel.charts.filter((c) => c.type === "BarStacked")[0].series).toHaveLength(COST_SERIES);
  });

  it("drawing charts costs one round trip whatever their series count, plus one to look up the names on an existing sheet", async () => {
    const [bars, scatter] = financeCharts(VENDORS).map(({ name, ...chart }): WorkbookChange => ({ kind: "setChart", sheet: "Charts", name, chart, anchor: { cell: "A20", columns: 7, rows: 18 } }));
    const excel = new FakeExcel();
    const port = new ExcelWorkbook(excel.host());
    // As an action does: a read first, which tells the apply what exists.
    await port.read({});
    excel.resetCounts();
    await port.apply([{ kind: "ensureSheet", sheet: "Charts" }, bars, scatter]);
    expect(excel.syncs).toBe(1);
    excel.resetCounts();
    await port.apply([bars, scatter]);
    expect(excel.syncs).toBe(2);
    expect(excel.charts.map((c) => [c.name, c.series.length])).toEqual([
      [financeCharts(1)[0].name, COST_SERIES],
      [financeCharts(1)[1].name, 1],
    ]);
  });

  it("with ExcelApi 1.7 but not 1.8 the bars are drawn top-down and the cost axis is left where Excel puts it", async () => {
    const excel = evaluated(7);
    done(await prepareForFinance(new ExcelWorkbook(excel.host()), SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    expect(excel.charts.map((c) => [c.type, c.reversedCategories, c.categoryAxisPosition])).toEqual([
      ["BarStacked", true, undefined],
      ["XYScatter", undefined, undefined],
      ["BarStacked", true, undefined],
      ["BarStacked", true, undefined],
      ["LineMarkers", undefined, undefined],
    ]);
  });

  it("a host without ExcelApi 1.7 still prepares the summary, without charts (the note gives the steps)", async () => {
    const excel = evaluated(6);
    const outcome = await prepareForFinance(new ExcelWorkbook(excel.host()), SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE });
    expect(outcome.kind).toBe("done");
    expect(excel.charts).toEqual([]);
    expect(String(excel.cell(SUMMARY_SHEET, "A5")?.value)).toContain("Insert > Bar > Stacked Bar");
  });
});

// ---- The command line's file ----

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true });

async function runCli(...args: string[]): Promise<number> {
  return main(args, { out: () => undefined, err: () => undefined, now: NOW });
}

/** Converts files with LibreOffice headless, in one launch, with a private profile. */
async function convert(files: readonly string[], format: string): Promise<string[]> {
  requireLibreOffice();
  const dir = mkdtempSync(path.join(work, "lo-"));
  mkdirSync(path.join(dir, "profile"));
  await new Promise<void>((resolve, reject) =>
    execFile(
      SOFFICE,
      [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", format, "--outdir", dir, ...files],
      { timeout: 180_000 },
      (error, _out, stderr) => (error ? reject(new Error(`soffice failed: ${error.message}\n${stderr}`)) : resolve()),
    ),
  );
  return files.map((f) => path.join(dir, path.basename(f).replace(/\.[^.]+$/, `.${format}`)));
}

/** The charts LibreOffice read from a file: each embedded chart object's class, series ranges and its frame's name. */
async function libreOfficeCharts(ods: string): Promise<{ name: string; class: string; stacked: boolean; series: string[]; domain?: string }[]> {
  const zip = await JSZip.loadAsync(readFileSync(ods));
  const content = await zip.file("content.xml")!.async("string");
  const frames = [...content.matchAll(/<draw:frame [^>]*draw:name="([^"]*)"[^>]*>\s*<draw:object [^>]*xlink:href="\.\/([^"]+)"/g)];
  const out = [];
  for (const [, name, object] of frames) {
    const chart = await zip.file(`${object}/content.xml`)!.async("string");
    out.push({
      name,
      class: /<chart:chart [^>]*chart:class="chart:(\w+)"/.exec(chart)![1],
      stacked: /chart:stacked="true"/.test(chart),
      series: [...chart.matchAll(/<chart:series [^>]*chart:values-cell-range-address="([^"]+)"/g)].map((m) => m[1].replace(/&apos;/g, "'")),
      domain: /<chart:domain table:cell-range-address="([^"]+)"/.exec(chart)?.[1].replace(/&apos;/g, "'"),
    });
  }
  return out;
}

/** "'Finance summary'.D7:'Finance summary'.D17" (LibreOffice) for "D7:D17". */
function odsRange(range: string): string {
  const [from, to] = range.split(":");
  return `'${SUMMARY_SHEET}'.${from}:'${SUMMARY_SHEET}'.${to}`;
}

describe("the finance charts in the command line's workbook (xlsx adapter)", () => {
  const output = path.join(work, "sample-finance.xlsx");
  const refreshed = path.join(work, "sample-refreshed.xlsx");
  const multiYear = path.join(work, "multi-year.xlsx");
  let lo: Awaited<ReturnType<typeof libreOfficeCharts>>[];
  let ods: string[];
  let multiYearOutcome: Extract<FinanceOutcome, { kind: "done" }>;

  beforeAll(async () => {
    expect(await runCli("--out", output)).toBe(0);
    // The written file prepared again (ExcelJS reads it without its charts): as many charts.
    expect(await runCli(output, "--out", refreshed)).toBe(0);
    const book = XlsxWorkbook.create();
    await book.apply([
      { kind: "ensureSheet", sheet: "Quotes" },
      { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers: [...SAMPLE_VENDOR_HEADERS], rows: multiYearRows() },
    ]);
    multiYearOutcome = done(await prepareForFinance(book, "Quotes", { now: NOW, buyerTimeZone: ZONE }));
    await book.save(multiYear);
    ods = await convert([output, refreshed, multiYear], "ods");
    lo = [];
    for (const file of ods) lo.push(await libreOfficeCharts(file));
  }, 240_000);

  it("LibreOffice opens the cost range as stacked bars on an unfilled base, the tornado as stacked bars and the cost by year as one line per vendor", async () => {
    const charts = lo[2];
    const expected = financeCharts(
      multiYearOutcome.vendors.map((v) => v.vendor),
      { years: Math.max(...multiYearOutcome.vendors.map((v) => costOverTerm(v.evaluation.row, multiYearOutcome.assumptions).years.length)), assumptions: 10 },
    );
    expect(charts.map((c) => [c.name, c.class, c.stacked])).toEqual(expected.map((c) => [c.name, c.type === "xyScatter" ? "scatter" : c.type === "line" ? "line" : "bar", c.type === "barStacked"]));
    charts.forEach((c, i) => expect([c.name, c.series]).toEqual([c.name, expected[i].series.map((s) => odsRange(s.values))]));
    const zip = await JSZip.loadAsync(readFileSync(ods[2]));
    const content = await zip.file("content.xml")!.async("string");
    const object = (name: string) => new RegExp(`<draw:frame [^>]*draw:name="${name}"[^>]*>\\s*<draw:object [^>]*xlink:href="\\./([^"]+)"`).exec(content)![1];
    // The range's base series is drawn without fill; the others are filled.
    const range = await zip.file(`${object(COST_RANGE_CHART)}/content.xml`)!.async("string");
    const fills = [...range.matchAll(/<chart:series [^>]*chart:style-name="([^"]+)"/g)].map(([, style]) => new RegExp(`<style:style style:name="${style}"[^>]*>(?:(?!</style:style>).)*draw:fill="(\\w+)"`, "s").exec(range)?.[1]);
    expect(fills.map((f) => f === "none")).toEqual([true, false, false]);
    // The line chart's categories are the years' header cells.
    const years = await zip.file(`${object(COST_BY_YEAR_CHART)}/content.xml`)!.async("string");
    const categories = /<chart:categories table:cell-range-address="([^"]+)"/.exec(years)?.[1].replace(/&apos;/g, "'");
    expect(categories).toBe(odsRange(expected.find((c) => c.name === COST_BY_YEAR_CHART)!.categories));
  });

  it("the written chart parts: the range's base series has no fill nor outline and no legend entry, bar names sit at the left edge, the lines read a row per vendor", async () => {
    const zip = await JSZip.loadAsync(readFileSync(multiYear));
    const parts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    const charts = await Promise.all(parts.map(async (p) => parser.parse(await zip.file(p)!.async("string")).chartSpace.chart));
    const titled = (title: string) => charts.find((c) => JSON.stringify(c.title).includes(title))!;
    const years = Math.max(...multiYearOutcome.vendors.map((v) => costOverTerm(v.evaluation.row, multiYearOutcome.assumptions).years.length));
    const expected = financeCharts(
      multiYearOutcome.vendors.map((v) => v.vendor),
      { years, assumptions: 10 },
    );
    const spec = (name: string) => expected.find((c) => c.name === name)!;
    const range = titled(spec(COST_RANGE_CHART).title);
    const series = range.plotArea.barChart.ser as Record<string, unknown>[];
    expect(series.map((s) => s.spPr !== undefined)).toEqual([true, false, false]);
    expect(series[0].spPr).toEqual({ noFill: "", ln: { noFill: "" } });
    expect(range.legend.legendEntry).toEqual({ idx: { "@val": "0" }, delete: { "@val": "1" } });
    expect(range.plotArea.catAx.tickLblPos["@val"]).toBe("low");
    const tornado = titled(spec(SENSITIVITY_CHART).title);
    expect([tornado.plotArea.barChart.grouping["@val"], tornado.legend.legendEntry]).toEqual(["stacked", undefined]);
    const lines = titled(spec(COST_BY_YEAR_CHART).title).plotArea.lineChart;
    expect([lines.ser].flat().map((s: { val: { numRef: { f: string } } }) => s.val.numRef.f)).toEqual(spec(COST_BY_YEAR_CHART).series.map((s) => chartReference(SUMMARY_SHEET, s.values)));
  });

  it("LibreOffice opens real charts on the summary: stacked bars of the cost columns by vendor, and risk over total cost", () => {
    const [bars, scatter] = financeCharts(VENDORS);
    expect(lo[0].slice(0, 2).map((c) => [c.name, c.class])).toEqual([
      [bars.name, "bar"],
      [scatter.name, "scatter"],
    ]);
    expect(lo[0][0].stacked).toBe(true);
    expect(lo[0][0].series).toEqual(bars.series.map((s) => odsRange(s.values)));
    expect(lo[0][0].series).toHaveLength(COST_SERIES);
    expect(lo[0][1].series).toEqual([odsRange(scatter.series[0].values)]);
    expect(lo[0][1].domain).toBe(odsRange(scatter.categories));
  });

  it("preparing the written file again gives the same charts, not twice as many", () => {
    expect(lo[1]).toEqual(lo[0]);
  });

  it("the chart parts are well-formed and wired: content types, the summary sheet's drawing and its relationships", async () => {
    const zip = await JSZip.loadAsync(readFileSync(output));
    const names = Object.keys(zip.files);
    const charts = names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    const drawings = names.filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n));
    expect(charts).toHaveLength(financeCharts(VENDORS).length);
    expect(drawings).toHaveLength(1);
    for (const part of [...charts, ...drawings, "[Content_Types].xml", ...names.filter((n) => n.endsWith(".rels"))]) {
      expect([part, XMLValidator.validate(await zip.file(part)!.async("string"))]).toEqual([part, true]);
    }
    const types = await zip.file("[Content_Types].xml")!.async("string");
    for (const part of [...charts, ...drawings]) expect(types).toContain(`PartName="/${part}"`);
    const chartXml = await Promise.all(charts.map((c) => zip.file(c)!.async("string")));
    const bar = parser.parse(chartXml.find((x) => x.includes("<c:barChart"))!).chartSpace.chart.plotArea.barChart;
    expect(bar.grouping["@val"]).toBe("stacked");
    expect(bar.overlap["@val"]).toBe("100");
    expect(bar.ser).toHaveLength(COST_SERIES);
    const [expectedBars] = financeCharts(VENDORS);
    expect(bar.ser.map((s: { val: { numRef: { f: string } } }) => s.val.numRef.f)).toEqual(expectedBars.series.map((s) => chartReference(SUMMARY_SHEET, s.values)));
    expect(bar.ser[0].cat.strRef.f).toBe(`'${SUMMARY_SHEET}'!$A$7:$A$${6 + VENDORS}`);
    // Vendors top-down as in the summary (maxMin), the cost axis crossing at the last one, at the bottom.
    const plot = parser.parse(chartXml.find((x) => x.includes("<c:barChart"))!).chartSpace.chart.plotArea;
    expect([plot.catAx.scaling.orientation["@val"], plot.valAx.crosses["@val"]]).toEqual(["maxMin", "max"]);
    // The drawing is the summary sheet's.
    const book = parser.parse(await zip.file("xl/workbook.xml")!.async("string"));
    const sheets = [book.workbook.sheets.sheet].flat() as Record<string, string>[];
    const summaryId = sheets.find((s) => s["@name"] === SUMMARY_SHEET)!["@id"];
    const wbRels = [parser.parse(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).Relationships.Relationship].flat();
    const summaryPart = `xl/${wbRels.find((r: Record<string, string>) => r["@Id"] === summaryId)["@Target"]}`;
    const sheetRels = await zip.file(summaryPart.replace("worksheets/", "worksheets/_rels/") + ".rels")!.async("string");
    expect(sheetRels).toContain(`Target="../drawings/${drawings[0].split("/").pop()}"`);
    expect(await zip.file(summaryPart)!.async("string")).toMatch(/<drawing r:id="[^"]+"\/><\/worksheet>$/);
  });

  it("the file still opens in ExcelJS with every summary number as prepared", async () => {
    const book = await readWorkbook(output);
    const again = XlsxWorkbook.create();
    await again.apply(sampleChanges());
    const outcome = done(await prepareForFinance(again, SAMPLE_TABLE_NAME, { now: NOW, buyerTimeZone: ZONE }));
    const sheet = book.getWorksheet(SUMMARY_SHEET)!;
    const total = SUMMARY_COLUMNS.findIndex((c) => c.header === "Total cost") + 1;
    const risk = SUMMARY_COLUMNS.findIndex((c) => c.header === "Risk score") + 1;
    outcome.vendors.forEach((v, i) => {
      const row = sheet.getRow(SUMMARY_HEADER_ROW + 2 + i);
      expect(shown(row.getCell(1))).toBe(v.vendor);
      expect(shown(row.getCell(total))).toBe(v.evaluation.cost.total);
      expect(shown(row.getCell(risk))).toBe(v.evaluation.risk.score);
    });
  });
});

describe("charts in any .xlsx (xlsx adapter)", () => {
  it("join the drawing of a sheet that has pictures, which keeps them, and survive sheet names and titles with XML's special characters", async () => {
    const source = new ExcelJS.Workbook();
    const sheet = source.addWorksheet("Board");
    sheet.getCell("A1").value = 1;
    sheet.getCell("A2").value = 2;
    // A 1x1 PNG.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    sheet.addImage(source.addImage({ buffer: png, extension: "png" } as unknown as ExcelJS.Image), "D1:E3");
    const odd = source.addWorksheet("R&D's <plan>");
    odd.getCell("A1").value = "Q1 & Q2";
    odd.getCell("A2").value = "Q3 <late>";
    odd.getCell("B1").value = 10;
    odd.getCell("B2").value = 20;
    const file = path.join(work, "pictures.xlsx");
    writeFileSync(file, Buffer.from(await source.xlsx.writeBuffer()));
    const workbook = await XlsxWorkbook.open(file);
    await workbook.apply([
      { kind: "setChart", sheet: "Board", name: "Trend", chart: { title: "Trend", type: "xyScatter", categories: "A1:A2", series: [{ name: "A", values: "A1:A2" }] }, anchor: { cell: "G1", columns: 4, rows: 8 } },
      {
        kind: "setChart",
        sheet: "R&D's <plan>",
        name: `Plan "A" & <B>`,
        chart: { title: `Spend & "risk" <2026>`, type: "barStacked", categories: "A1:A2", series: [{ name: "R&D's <share>", values: "B1:B2" }] },
        anchor: { cell: "D1", columns: 4, rows: 8 },
      },
    ]);
    const zip = await JSZip.loadAsync(await workbook.toBuffer());
    const drawings = Object.keys(zip.files).filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n));
    // One drawing per sheet: the pictures' (now with the chart too) and a new one.
    expect(drawings).toHaveLength(2);
    const texts = await Promise.all(drawings.map((d) => zip.file(d)!.async("string")));
    texts.forEach((t) => expect(XMLValidator.validate(t)).toBe(true));
    const withPicture = texts.findIndex((t) => t.includes("<xdr:pic>"));
    expect(texts[withPicture]).toContain('name="Trend"');
    const rels = await zip.file(drawings[withPicture].replace("drawings/", "drawings/_rels/") + ".rels")!.async("string");
    expect(rels).toMatch(/relationships\/image/);
    expect(rels).toMatch(/relationships\/chart/);
    const withCharts = path.join(work, "pictures-charts.xlsx");
    await workbook.save(withCharts);
    const [ods] = await convert([withCharts], "ods");
    const read = await libreOfficeCharts(ods);
    expect(read.map((c) => [c.name, c.class, c.series])).toEqual([
      ["Trend", "scatter", ["Board.A1:Board.A2"]],
      ["Plan &quot;A&quot; &amp; &lt;B&gt;", "bar", ["'R&amp;D''s &lt;plan&gt;'.B1:'R&amp;D''s &lt;plan&gt;'.B2"]],
    ]);
    const chart = await JSZip.loadAsync(readFileSync(ods)).then((z) => z.file("Object 2/content.xml")!.async("string"));
    expect(chart).toContain("Spend &amp; &quot;risk&quot; &lt;2026&gt;");
    expect(chart).toContain("R&amp;D&apos;s &lt;share&gt;");
  }, 120_000);
});
