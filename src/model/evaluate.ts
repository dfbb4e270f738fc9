// All three outputs for a row, sharing one overlap, one cost and one fit.
import type { CellValue, Evaluation, HeaderMap, LocationFit, Result, VendorRow } from "./types";
import type { Assumptions } from "./assumptions";
import { categoriesOf, tablesFor } from "./tables";
import { fitFrom, overlapOf, rowOverlapHours, spotOf } from "./fit";
import { costFrom } from "./cost";
import { riskFrom } from "./risk";
import { readRow } from "./row";

// The formulas, read once: an imported binding may be a getter on every read (as the command
// line's CommonJS transform makes it), and evaluateRow reads seven per row.
const M = { tablesFor, spotOf, overlapOf, categoriesOf, costFrom, fitFrom, riskFrom };

export function evaluateRow(row: VendorRow, a: Assumptions): Evaluation {
  const t = M.tablesFor(a);
  const spot = M.spotOf(row, t);
  const overlap = row.vendorHours === undefined ? spot.overlap : M.overlapOf(row, t);
  const cats = M.categoriesOf(row);
  const cost = M.costFrom(row, t, overlap, cats);
  const fit = M.fitFrom(row, t, overlap, cost.effectiveHourlyRate, cats, spot);
  return { row, cost, risk: M.riskFrom(row, t, fit, cost, cats), fit };
}

/**
 * Location fit of one row: overlap against the need set by collaboration, urgency and data
 * sensitivity, weighed against the cost leverage the vendor's effective rate gives.
 */
export function locationFit(row: VendorRow, a: Assumptions): LocationFit {
  const t = tablesFor(a);
  const overlap = rowOverlapHours(row, a);
  return fitFrom(row, t, overlap, costFrom(row, t, overlap).effectiveHourlyRate);
}

/**
 * Reads and evaluates one row of cells; null for a wholly blank row. A rate and hours each
 * valid on their own can still multiply past the largest number a cell holds (1e308 x 2):
 * that row is an input error, never an Infinity or NaN written into the workbook.
 */
export function evaluateCells(cells: readonly CellValue[], map: HeaderMap, a: Assumptions): Result<Evaluation> | null {
  const row = readRow(cells, map, a);
  if (row === null || !row.ok) return row;
  const evaluation = evaluateRow(row.value, a);
  if (!Number.isFinite(evaluation.cost.total) || !Number.isFinite(evaluation.risk.score)) {
    const { hourlyRate, hours } = row.value;
    return {
      ok: false,
      error: {
        kind: "input",
        field: "Hourly rate",
        value: hourlyRate,
        message: `Hourly rate x Hours is too large to compute a total cost; got ${hourlyRate} x ${hours}. Check both cells`,
      },
    };
  }
  return { ok: true, value: evaluation };
}
