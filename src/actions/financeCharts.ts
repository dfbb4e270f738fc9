// The finance summary's native charts: what they plot (cells of the summary), where they sit
// and the note that tells finance how to draw them where a spreadsheet cannot.

import { COST_LINES } from "../model/cost";
import type { PortableResultKey } from "../model/portable";
import { cellAddress, columnLetters } from "../workbook/address";
import type { Assumptions } from "../model/assumptions";
import { portfolioSensitivity, type Sensitivity } from "../model/sensitivity";
import { blockShape, type CellBlock, type CellSource, type CellWrite, type ChartSpec, type WorkbookChange } from "../workbook/port";
import { shortenedText } from "../model/values";
import {
  COST_BY_YEAR_COLUMN,
  COST_RANGE_CHART_COLUMN,
  FIRST_VENDOR_ROW,
  RowFormula,
  SUMMARY_COLUMNS,
  SUMMARY_HEADER_ROW,
  SUMMARY_SHEET,
  SUMMARY_YEARS,
  summaryColumnOf,
  TORNADO_BARS,
  TORNADO_COLUMN,
  TORNADO_WIDTH,
  type FinanceMode,
  type FinanceVendor,
} from "./financeLayout";

/**
 * The charts finance expects, as data over the summary's cells: each vendor's cost broken
 * down by line (stacked bars), risk against total cost (scatter), each vendor's cost range
 * (bars floating from the low to the high total, split at the expected one), the assumptions
 * that move all vendors' total most (a tornado) and each vendor's cost by contract year
 * (lines). Every adapter draws them (setChart); `name` is what a refresh finds them by, so
 * preparing again redraws them instead of adding more. `perVendor`: one bar per vendor, so
 * the chart grows with the vendors.
 */
export interface FinanceChart extends ChartSpec {
  readonly name: string;
  readonly perVendor?: true;
}

/** Blank rows between the last vendor and the charts below, and between two rows of charts. */
const CHARTS_GAP_ROWS = 1;
/** Charts side by side before the next ones go below: all stay left of the assumptions block. */
const CHARTS_PER_ROW = 3;

/**
 * A chart of more vendors than this is unreadable (and slow to draw in every spreadsheet),
 * so the charts cover the first ones in table order and the note says so.
 */
export const CHART_VENDOR_LIMIT = 50;

export const COST_RANGE_CHART = "Offshore cost range";
export const SENSITIVITY_CHART = "Offshore sensitivity";
export const COST_BY_YEAR_CHART = "Offshore cost by year";

/** How far the blocks the charts read reach: the cost-by-year block's years, the tornado's assumptions. */
export interface ChartExtent {
  readonly years?: number;
  readonly assumptions?: number;
}

/**
 * `vendors`: the vendors' names in summary order (the cost-by-year lines' legend), or only
 * their count (then the lines are named by their summary row).
 */
export function financeCharts(vendors: number | readonly string[], extent: ChartExtent = {}): FinanceChart[] {
  const vendorCount = typeof vendors === "number" ? vendors : vendors.length;
  const first = FIRST_VENDOR_ROW + 1;
  const shown = Math.min(Math.max(vendorCount, 1), CHART_VENDOR_LIMIT);
  const last = FIRST_VENDOR_ROW + shown;
  const column = (kind: "result" | "range", key: string) => columnLetters(summaryColumnOf(kind, key));
  const span = (letters: string) => `${letters}${first}:${letters}${last}`;
  const costKeys: PortableResultKey[] = ["labour", ...COST_LINES.map((l) => l.key)];
  const rangeColumn = (k: number) => columnLetters(COST_RANGE_CHART_COLUMN + k);
  const bars = Math.min(Math.max(extent.assumptions ?? 1, 1), TORNADO_BARS);
  const tornado = (k: number) => `${columnLetters(TORNADO_COLUMN + k)}${first}:${columnLetters(TORNADO_COLUMN + k)}${FIRST_VENDOR_ROW + bars}`;
  const years = Math.min(Math.max(extent.years ?? 1, 1), SUMMARY_YEARS);
  const yearsFrom = columnLetters(COST_BY_YEAR_COLUMN + 2);
  const yearsTo = columnLetters(COST_BY_YEAR_COLUMN + 1 + years);
  const vendorName = (i: number) => (typeof vendors === "number" ? "" : shortenedText(vendors[i] ?? "")) || `Row ${FIRST_VENDOR_ROW + i + 1}`;
  return [
    {
      name: "Offshore cost breakdown",
      title: "Cost breakdown per vendor",
      type: "barStacked",
      perVendor: true,
      categories: span("A"),
      series: costKeys.map((key) => ({ name: SUMMARY_COLUMNS[summaryColumnOf("result", key)].header, values: span(column("result", key)) })),
    },
    {
      name: "Offshore risk against cost",
      title: "Risk score against total cost",
      type: "xyScatter",
      categories: span(column("result", "totalCost")),
      series: [{ name: "Risk score", values: span(column("result", "riskScore")) }],
      xAxisTitle: "Total cost",
      yAxisTitle: "Risk score (0 to 100)",
    },
    {
      // Floating bars: an unfilled bar up to the low total, then low to expected and expected to high.
      name: COST_RANGE_CHART,
      title: "Total cost range per vendor (low to high)",
      type: "barStacked",
      perVendor: true,
      categories: span("A"),
      series: [
        { name: "Total cost, low", values: span(rangeColumn(1)), noFill: true },
        { name: "Low to expected", values: span(rangeColumn(2)) },
        { name: "Expected to high", values: span(rangeColumn(3)) },
      ],
      yAxisTitle: "Total cost",
    },
    {
      // A tornado: each assumption's bar runs left of zero to its low end, right to its high end.
      name: SENSITIVITY_CHART,
      title: `Top ${TORNADO_BARS} assumptions: all vendors' total at each one's low and high end`,
      type: "barStacked",
      categories: tornado(0),
      series: [
        { name: "Change at its low end", values: tornado(3) },
        { name: "Change at its high end", values: tornado(4) },
      ],
      yAxisTitle: "Change in all vendors' total cost",
    },
    {
      name: COST_BY_YEAR_CHART,
      title: "Cost by contract year per vendor",
      type: "line",
      categories: `${yearsFrom}${SUMMARY_HEADER_ROW + 1}:${yearsTo}${SUMMARY_HEADER_ROW + 1}`,
      series: Array.from({ length: shown }, (_, i) => ({ name: vendorName(i), values: `${yearsFrom}${first + i}:${yearsTo}${first + i}` })),
      yAxisTitle: "Cost in the year",
    },
  ];
}

/**
 * The blocks only the charts read, right of the cost-by-year block: each vendor's cost range
 * as floating bars need it (portable formulas over the summary's range columns, or values),
 * and the portfolio's tornado, values as prepared (it runs the model once per ranged
 * assumption, as the sensitivity column does).
 */
export function chartBlocks(input: {
  readonly mode: FinanceMode;
  readonly sheet: string;
  readonly vendors: readonly FinanceVendor[];
  readonly a: Assumptions;
  readonly portfolio?: readonly Sensitivity[];
}): { changes: WorkbookChange[]; right: number; bottom: number; assumptions: number } {
  const { mode, sheet, vendors } = input;
  const lowLetters = columnLetters(summaryColumnOf("range", "low"));
  const expectedLetters = columnLetters(summaryColumnOf("result", "totalCost"));
  const highLetters = columnLetters(summaryColumnOf("range", "high"));
  // Each column's formula is its template joined with the row number (RowFormula).
  const lowParts = [`=${lowLetters}`, ""];
  const toExpectedParts = [`=${expectedLetters}`, `-${lowLetters}`, ""];
  const toHighParts = [`=${highLetters}`, `-${expectedLetters}`, ""];
  const parts = [undefined, lowParts, toExpectedParts, toHighParts];
  const row = (r: number) => String(FIRST_VENDOR_ROW + r + 1);
  // Worked out as the adapter writes them (CellSource), not held from the plan on.
  const rangeRows: CellSource = {
    rows: vendors.length,
    columns: 4,
    cell(r, c) {
      const v = vendors[r];
      const { low, expected, high } = v.costRange;
      const value = [v.vendor, low, expected - low, high - expected][c];
      return mode === "values" || c === 0 ? value : new RowFormula(parts[c]!, row(r), value);
    },
    template: (c) => (mode === "formulas" && parts[c] ? { parts: parts[c], row } : undefined),
  };
  const rangeHeader = ["Cost range chart: vendor", "Total cost, low", "Low to expected", "Expected to high"];
  const sum = vendors.reduce((total, v) => total + v.evaluation.cost.total, 0);
  const bars = (input.portfolio ?? portfolioSensitivity(
    vendors.map((v) => v.evaluation.row),
    input.a,
  )).slice(0, TORNADO_BARS);
  const tornadoHeader = [
    `Top ${TORNADO_BARS} assumptions for all vendors together (as prepared: values)`,
    "All vendors' total at its low end",
    "All vendors' total at its high end",
    "Change at its low end",
    "Change at its high end",
  ];
  const tornadoRows: CellWrite[][] = bars.map((b) => [b.name, b.totalAtLow, b.totalAtHigh, b.totalAtLow - sum, b.totalAtHigh - sum]);
  const header = (left: number, cells: string[]): WorkbookChange[] => [
    { kind: "writeRange", sheet, address: cellAddress(SUMMARY_HEADER_ROW, left), cells: [cells] },
    { kind: "formatRange", sheet, address: `${cellAddress(SUMMARY_HEADER_ROW, left)}:${cellAddress(SUMMARY_HEADER_ROW, left + cells.length - 1)}`, format: { bold: true, fill: "#FCE4D6", wrapText: true, columnWidth: 85 } },
  ];
  const body = (left: number, rows: CellBlock): WorkbookChange[] => {
    const shape = blockShape(rows);
    return shape.rows === 0
      ? []
      : [
          { kind: "writeRange", sheet, address: cellAddress(FIRST_VENDOR_ROW, left), cells: rows },
          { kind: "formatRange", sheet, address: `${cellAddress(FIRST_VENDOR_ROW, left + 1)}:${cellAddress(FIRST_VENDOR_ROW + shape.rows - 1, left + shape.columns - 1)}`, format: { numberFormat: "#,##0" } },
        ];
  };
  return {
    changes: [
      ...header(COST_RANGE_CHART_COLUMN, rangeHeader),
      ...body(COST_RANGE_CHART_COLUMN, rangeRows),
      ...header(TORNADO_COLUMN, tornadoHeader),
      ...body(TORNADO_COLUMN, tornadoRows),
    ],
    right: TORNADO_COLUMN + TORNADO_WIDTH - 1,
    bottom: FIRST_VENDOR_ROW + Math.max(vendors.length, tornadoRows.length, 1) - 1,
    assumptions: tornadoRows.length,
  };
}

/**
 * The charts below the vendor rows (`lastVendorRow`, 0-based), over empty cells, three side
 * by side and the next ones below the tallest of them: the assumptions block that runs
 * further down sits right of the vendor columns, beyond the charts' width. The bars of one
 * per vendor grow with the number of vendors, within reason.
 */
export function financeChartChanges(charts: readonly FinanceChart[], vendorCount: number, lastVendorRow: number, sheet = SUMMARY_SHEET): WorkbookChange[] {
  const barRows = Math.min(60, Math.max(18, Math.ceil(Math.min(vendorCount, CHART_VENDOR_LIMIT) * 1.5) + 8));
  let top = lastVendorRow + 1 + CHARTS_GAP_ROWS;
  let left = 0;
  let tallest = 0;
  return charts.map(({ name, perVendor, ...chart }, i) => {
    if (i > 0 && i % CHARTS_PER_ROW === 0) {
      top += tallest + CHARTS_GAP_ROWS;
      left = 0;
      tallest = 0;
    }
    const anchor = { cell: cellAddress(top, left), columns: 7, rows: perVendor ? barRows : 18 };
    left += anchor.columns + 1;
    tallest = Math.max(tallest, anchor.rows);
    return { kind: "setChart", sheet, name, chart, anchor };
  });
}

export function chartsNote(charts: readonly FinanceChart[], vendorCount = 0): string {
  const [cost, risk] = charts;
  const chart = (name: string) => charts.find((c) => c.name === name);
  const limited = vendorCount > CHART_VENDOR_LIMIT ? `The charts show the first ${CHART_VENDOR_LIMIT} of the ${vendorCount} vendors, in table order. ` : "";
  // Selections start on the header row so Excel names the series.
  const withHeader = (range: string) => range.replace(/^([A-Z]+)\d+/, `$1${SUMMARY_HEADER_ROW + 1}`);
  const columnsOf = (c: FinanceChart) => `${c.series[0].values.split(":")[0]}:${c.series[c.series.length - 1].values.split(":")[1]}`;
  const costColumns = columnsOf(cost);
  const range = chart(COST_RANGE_CHART);
  const tornado = chart(SENSITIVITY_CHART);
  const years = chart(COST_BY_YEAR_CHART);
  const more = [
    range && `'${range.title}' floats a bar from each vendor's low to its high total over ${columnsOf(range)} (select ${withHeader(range.categories)} and ${withHeader(columnsOf(range))}, Insert > Bar > Stacked Bar, then set the first series to No fill)`,
    tornado && `'${tornado.title}' shows the change in all vendors' total over ${columnsOf(tornado)} (select ${withHeader(tornado.categories)} and ${withHeader(columnsOf(tornado))}, Insert > Bar > Stacked Bar)`,
    years && `'${years.title}' draws a line per vendor over ${years.series[0].values.split(":")[0]}:${years.series[years.series.length - 1].values.split(":")[1]} (select the block with its header row, Insert > Line)`,
  ].filter(Boolean);
  return (
    limited +
    `Charts below the vendor rows: '${cost.title}' stacks the cost lines ${costColumns} of each vendor, '${risk.title}' plots ${risk.series[0].values} against ${risk.categories}; ` +
    `they read these cells, so they follow the numbers when an assumption changes, and preparing again redraws them. ` +
    `Where a chart is missing (Excel 2016 cannot draw them from the add-in): select ${withHeader(cost.categories)} and ${withHeader(costColumns)} (hold Ctrl) and choose Insert > Bar > Stacked Bar; ` +
    `select ${withHeader(risk.categories)} and ${withHeader(risk.series[0].values)} and choose Insert > Scatter.` +
    (more.length > 0 ? ` ${more.join("; ")}.` : "")
  );
}
