// The finance summary's native charts: what they plot (cells of the summary), where they sit
// and the note that tells finance how to draw them where a spreadsheet cannot.

import { COST_LINES } from "../model/cost";
import type { PortableResultKey } from "../model/portable";
import { cellAddress, columnLetters } from "../workbook/address";
import type { ChartSpec, WorkbookChange } from "../workbook/port";
import { FIRST_VENDOR_ROW, SUMMARY_COLUMNS, SUMMARY_HEADER_ROW, SUMMARY_SHEET, summaryColumnOf } from "./financeLayout";

/**
 * The two charts finance expects, as data over the summary's cells (categories: vendor names
 * for the bars, total costs as the scatter's x values). Every adapter draws them (setChart);
 * `name` is what a refresh finds them by, so preparing again redraws them instead of adding more.
 */
export interface FinanceChart extends ChartSpec {
  readonly name: string;
}

/** Blank rows between the last vendor and the charts below. */
const CHARTS_GAP_ROWS = 1;

/**
 * A chart of more vendors than this is unreadable (and slow to draw in every spreadsheet),
 * so the charts cover the first ones in table order and the note says so.
 */
export const CHART_VENDOR_LIMIT = 50;

export function financeCharts(vendorCount: number): FinanceChart[] {
  const first = FIRST_VENDOR_ROW + 1;
  const last = FIRST_VENDOR_ROW + Math.min(Math.max(vendorCount, 1), CHART_VENDOR_LIMIT);
  const column = (kind: "result", key: PortableResultKey) => columnLetters(summaryColumnOf(kind, key));
  const span = (letters: string) => `${letters}${first}:${letters}${last}`;
  const costKeys: PortableResultKey[] = ["labour", ...COST_LINES.map((l) => l.key)];
  return [
    {
      name: "Offshore cost breakdown",
      title: "Cost breakdown per vendor",
      type: "barStacked",
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
  ];
}

/**
 * The charts side by side just below the vendor rows (`lastVendorRow`, 0-based), over empty
 * cells: the assumptions block that runs further down sits right of the vendor columns,
 * beyond the charts' width. The bars grow with the number of vendors, within reason.
 */
export function financeChartChanges(charts: readonly FinanceChart[], vendorCount: number, lastVendorRow: number, sheet = SUMMARY_SHEET): WorkbookChange[] {
  const top = lastVendorRow + 1 + CHARTS_GAP_ROWS;
  const barRows = Math.min(60, Math.max(18, Math.ceil(vendorCount * 1.5) + 8));
  let left = 0;
  return charts.map(({ name, ...chart }) => {
    const anchor = chart.type === "barStacked" ? { cell: cellAddress(top, left), columns: 7, rows: barRows } : { cell: cellAddress(top, left), columns: 7, rows: 18 };
    left += anchor.columns + 1;
    return { kind: "setChart", sheet, name, chart, anchor };
  });
}

export function chartsNote(charts: readonly FinanceChart[], vendorCount = 0): string {
  const [cost, risk] = charts;
  const limited = vendorCount > CHART_VENDOR_LIMIT ? `The charts show the first ${CHART_VENDOR_LIMIT} of the ${vendorCount} vendors, in table order. ` : "";
  // Selections start on the header row so Excel names the series.
  const withHeader = (range: string) => range.replace(/^([A-Z]+)\d+/, `$1${SUMMARY_HEADER_ROW + 1}`);
  const costColumns = `${cost.series[0].values.split(":")[0]}:${cost.series[cost.series.length - 1].values.split(":")[1]}`;
  return (
    limited +
    `Charts below the vendor rows: '${cost.title}' stacks the cost lines ${costColumns} of each vendor, '${risk.title}' plots ${risk.series[0].values} against ${risk.categories}; ` +
    `they read these cells, so they follow the numbers when an assumption changes, and preparing again redraws them. ` +
    `Where a chart is missing (Excel 2016 cannot draw them from the add-in): select ${withHeader(cost.categories)} and ${withHeader(costColumns)} (hold Ctrl) and choose Insert > Bar > Stacked Bar; ` +
    `select ${withHeader(risk.categories)} and ${withHeader(risk.series[0].values)} and choose Insert > Scatter.`
  );
}
