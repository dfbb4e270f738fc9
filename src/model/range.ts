/*
 * How wrong the total cost can be, and which assumption matters most.
 *
 * Every assumption that moves a cost line has a range (AssumptionSpec.range in
 * assumptions.ts). An end of the range used is never on the wrong side of the value in use:
 *   low end  = MIN(range low,  value)      high end = MAX(range high, value)
 * so a buyer's value outside the published range widens it. Attrition is the row's own
 * (the vendor's figure, or Default attrition when the row gives none), so its ends are
 * MIN(15%, row attrition) and MAX(25%, row attrition).
 *
 * Every cost line grows with each of these assumptions (cost.ts: products and MIN/MAX of
 * them, no subtraction), so
 *   low      = total cost with every ranged assumption at its low end
 *   expected = total cost with the values in use (totalCost)
 *   high     = total cost with every ranged assumption at its high end
 * and low <= expected <= high for every row.
 *
 * Sensitivity (a tornado, sensitivity.ts): for each ranged assumption alone, the total at its low end and at
 * its high end, all others at their values; the swing is the difference. Ranked by swing,
 * largest first; assumptions that do not move this row (another category's row) are left out.
 */
import { ASSUMPTIONS, type AssumptionKey, type Assumptions, type AssumptionSpec } from "./assumptions";
import { costFrom, costTotal } from "./cost";
import { overlapOf, rowOverlapHours } from "./fit";
import { tablesFor, type Tables } from "./tables";
import type { CostBreakdown, VendorRow } from "./types";

export type RangeEnd = "low" | "high";

/** The assumptions that have a range, in the assumptions sheet's order. */
export const RANGED_ASSUMPTIONS: readonly (AssumptionSpec & { readonly range: NonNullable<AssumptionSpec["range"]> })[] = ASSUMPTIONS.filter(
  (s): s is AssumptionSpec & { range: NonNullable<AssumptionSpec["range"]> } => s.range !== undefined,
);

export const ATTRITION_KEY: AssumptionKey = "defaultAttrition";

/**
 * The end of an assumption's range used with `value` in use: never on the wrong side of the
 * value. The range is the one given with the assumptions (their Low and High columns), else the published one.
 */
export function rangeEnd(spec: AssumptionSpec, value: number, end: RangeEnd, given?: Assumptions["ranges"]): number {
  const range = given?.[spec.key] ?? spec.range;
  if (!range) return value;
  return end === "low" ? Math.min(range.low, value) : Math.max(range.high, value);
}

// One assumptions object per (base, end, key), so the lookup tables built on it are reused
// from row to row (tablesFor caches by object).
const moved = new WeakMap<Assumptions, Map<string, Assumptions>>();

/** `a` with one ranged assumption (or every one, when `only` is absent) at an end of its range. */
export function assumptionsAt(a: Assumptions, end: RangeEnd, only?: AssumptionKey): Assumptions {
  let byKey = moved.get(a);
  if (byKey === undefined) moved.set(a, (byKey = new Map()));
  const cacheKey = `${end}:${only ?? "*"}`;
  let out = byKey.get(cacheKey);
  if (out === undefined) {
    const values: Record<string, unknown> = { ...a };
    for (const spec of RANGED_ASSUMPTIONS)
      if (only === undefined || spec.key === only) values[spec.key] = rangeEnd(spec, (a as unknown as Record<string, number>)[spec.key], end, a.ranges);
    out = Object.freeze(values) as unknown as Assumptions;
    byKey.set(cacheKey, out);
  }
  return out;
}

export const ATTRITION_SPEC = RANGED_ASSUMPTIONS.find((s) => s.key === ATTRITION_KEY)!;

function rowAt(row: VendorRow, end: RangeEnd, a: Assumptions): VendorRow {
  const attrition = rangeEnd(ATTRITION_SPEC, row.attrition, end, a.ranges);
  return attrition === row.attrition ? row : { ...row, attrition };
}

/** The cost breakdown, line by line, with every ranged assumption at one end of its range. */
export function costAt(row: VendorRow, a: Assumptions, end: RangeEnd): CostBreakdown {
  return costFrom(rowAt(row, end, a), tablesFor(assumptionsAt(a, end)), rowOverlapHours(row, a));
}

export interface CostRange {
  readonly low: number;
  readonly expected: number;
  readonly high: number;
}

/** Total cost at the low ends, at the values in use, and at the high ends (see the top). */
export function costRange(row: VendorRow, a: Assumptions): CostRange {
  const [low, expected, high] = rangeTablesOf(a);
  // The overlap depends on time zones and working hours only, which have no range.
  const overlap = overlapOf(row, expected);
  // costAt's totals alone (the ranges never show their explanations), with the overlap computed once.
  return {
    low: costTotal(rowAt(row, "low", a), low, overlap),
    expected: costTotal(row, expected, overlap),
    high: costTotal(rowAt(row, "high", a), high, overlap),
  };
}

// The tables at the low ends, of the values in use and at the high ends, found once per
// assumptions object: a summary asks for every vendor's range under the same assumptions.
const rangeTables = new WeakMap<Assumptions, readonly [Tables, Tables, Tables]>();

function rangeTablesOf(a: Assumptions): readonly [Tables, Tables, Tables] {
  let out = rangeTables.get(a);
  if (out === undefined) rangeTables.set(a, (out = [tablesFor(assumptionsAt(a, "low")), tablesFor(a), tablesFor(assumptionsAt(a, "high"))]));
  return out;
}
