// All three outputs for a row, sharing one overlap, one cost and one fit.
import type { CellValue, Evaluation, HeaderMap, Result, VendorRow } from "./types";
import type { Assumptions } from "./assumptions";
import { tablesFor } from "./tables";
import { fitFrom, rowOverlapHours } from "./fit";
import { costFrom } from "./cost";
import { riskFrom } from "./risk";
import { readRow } from "./row";

export function evaluateRow(row: VendorRow, a: Assumptions): Evaluation {
  const t = tablesFor(a);
  const overlap = rowOverlapHours(row, a);
  const fit = fitFrom(row, t, overlap);
  const cost = costFrom(row, t, overlap);
  return { row, cost, risk: riskFrom(row, t, fit, cost), fit };
}

/** Reads and evaluates one row of cells; null for a wholly blank row. */
export function evaluateCells(cells: readonly CellValue[], map: HeaderMap, a: Assumptions): Result<Evaluation> | null {
  const row = readRow(cells, map, a);
  if (row === null || !row.ok) return row;
  return { ok: true, value: evaluateRow(row.value, a) };
}
