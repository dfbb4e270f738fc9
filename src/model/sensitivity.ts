/*
 * The tornado: for each ranged assumption alone (range.ts), the total at its low end and at its
 * high end, all others at their values; the swing is the difference. Ranked by swing, largest
 * first; assumptions that do not move this row (another category's row) are left out. Apart
 * from range.ts so that functions.js, which shows cost ranges but no tornado, does not carry it.
 */
import type { AssumptionKey, Assumptions, AssumptionSpec } from "./assumptions";
import { costTotals } from "./cost";
import { rowOverlapHours } from "./fit";
import { ATTRITION_KEY, ATTRITION_SPEC, RANGED_ASSUMPTIONS, assumptionsAt, rangeEnd } from "./range";
import { CATEGORY_BITS, categoriesOf, tablesFor, type Tables } from "./tables";
import type { VendorRow } from "./types";

/** One bar of the tornado: one assumption from its low end to its high end, the others at their values. */
export interface Sensitivity {
  readonly key: AssumptionKey;
  /** The assumption's name, as on the assumptions sheet ("Attrition" for the row's attrition). */
  readonly name: string;
  readonly totalAtLow: number;
  readonly totalAtHigh: number;
  /** totalAtHigh - totalAtLow. */
  readonly swing: number;
}

function nameOf(spec: AssumptionSpec): string {
  return spec.key === ATTRITION_KEY ? "Attrition" : spec.name;
}

/** The tornado of one row: every ranged assumption that moves its total, largest swing first. */
export function sensitivity(row: VendorRow, a: Assumptions): Sensitivity[] {
  return sensitivities([row], a, false).portfolio;
}

/**
 * The tornado of several rows together (the portfolio): each assumption moves every row's
 * total at once; ranked by the swing of the sum. Ties keep the assumptions sheet's order.
 */
export function portfolioSensitivity(rows: readonly VendorRow[], a: Assumptions): Sensitivity[] {
  return sensitivities(rows, a, false).portfolio;
}

/**
 * Each row's tornado and the portfolio's, in one pass over the rows: sensitivity(row, a) for
 * every row and portfolioSensitivity(rows, a), number for number (the finance summary shows both).
 * With `each` "top", a row's tornado is its first bar alone (none when nothing moves it): what
 * the buyer's sentence reads, without a bar object per assumption and a sort for each row.
 */
export function sensitivities(rows: readonly VendorRow[], a: Assumptions, each: boolean | "top" = true): { readonly each: Sensitivity[][]; readonly portfolio: Sensitivity[] } {
  const atLow = new Array<number>(RANGED_ASSUMPTIONS.length).fill(0);
  const atHigh = new Array<number>(RANGED_ASSUMPTIONS.length).fill(0);
  const rowLow = new Array<number>(RANGED_ASSUMPTIONS.length);
  const rowHigh = new Array<number>(RANGED_ASSUMPTIONS.length);
  const perRow: Sensitivity[][] = [];
  const cache = barsCacheOf(a);
  for (const row of rows) {
    const at = unitBars(row, a, cache);
    const unit = cache.pool;
    // In the reporting currency: the unit bars are per unit of converted labour.
    const labour = row.hourlyRate * row.hours * (row.exchange?.rate ?? 1);
    for (let k = 0; k < atLow.length; k++) {
      const low = labour * unit[at + 2 * k];
      const high = labour * unit[at + 2 * k + 1];
      atLow[k] += low;
      atHigh[k] += high;
      // As the portfolio of this row alone adds it: to 0 (which makes a -0 a 0).
      rowLow[k] = 0 + low;
      rowHigh[k] = 0 + high;
    }
    if (each === "top") perRow.push(top(rowLow, rowHigh));
    else if (each) perRow.push(ranked(rowLow, rowHigh));
  }
  return { each: perRow, portfolio: ranked(atLow, atHigh) };
}

function ranked(atLow: readonly number[], atHigh: readonly number[]): Sensitivity[] {
  const bars: Sensitivity[] = [];
  RANGED_ASSUMPTIONS.forEach((spec, k) => {
    const swing = atHigh[k] - atLow[k];
    if (moves(swing, atHigh[k])) bars.push(bar(k, atLow[k], atHigh[k]));
  });
  return bars.sort((x, y) => y.swing - x.swing);
}

/** ranked(atLow, atHigh)[0] alone: the first assumption of the largest swing, as the stable sort puts it first. */
function top(atLow: readonly number[], atHigh: readonly number[]): Sensitivity[] {
  let best = -1;
  let bestSwing = 0;
  for (let k = 0; k < atLow.length; k++) {
    const swing = atHigh[k] - atLow[k];
    // Strictly larger, as the sort's comparison (a difference; Infinity's with itself NaN, taken as equal) orders them.
    if (moves(swing, atHigh[k]) && (best < 0 || swing - bestSwing > 0)) {
      best = k;
      bestSwing = swing;
    }
  }
  return best < 0 ? [] : [bar(best, atLow[best], atHigh[best])];
}

/** Below a cent in a million is rounding, not a lever. */
function moves(swing: number, atHigh: number): boolean {
  return swing > 1e-9 * Math.max(1, Math.abs(atHigh));
}

function bar(k: number, totalAtLow: number, totalAtHigh: number): Sensitivity {
  const spec = RANGED_ASSUMPTIONS[k];
  return { key: spec.key, name: nameOf(spec), totalAtLow, totalAtHigh, swing: totalAtHigh - totalAtLow };
}

// Every cost line is labour times a factor (cost.ts), so a row's totals per unit of labour
// depend only on what the factors read; rows that share those share the bars. A vendor table
// repeats few combinations, so this runs the model once per combination, not per row. A row's
// bars: the total per unit of labour at the low end, then at the high end, of each ranged
// assumption in turn.
interface BarsCache {
  /** Where each combination's bars start in `pool`. */
  readonly at: Map<string, number>;
  /** The bars end to end, BAR_COUNT numbers per combination. */
  pool: Float64Array;
  used: number;
}

const BAR_COUNT = 2 * RANGED_ASSUMPTIONS.length;
/**
 * Combinations kept per assumptions object. The command line asks for the same rows' bars
 * several times over (the finance sheet, the checklist, the portfolio tornado), and a table
 * longer than the cache would miss on every pass; this many hold a 10,000-row table whose
 * every row differs, in about 12 MB.
 */
const BARS_KEPT = 16_384;
const barsCaches = new WeakMap<Assumptions, BarsCache>();

function barsCacheOf(a: Assumptions): BarsCache {
  let cache = barsCaches.get(a);
  if (cache === undefined) barsCaches.set(a, (cache = { at: new Map(), pool: new Float64Array(64 * BAR_COUNT), used: 0 }));
  return cache;
}

/**
 * The lookup tables of `a` with each ranged assumption alone at its low end, then at its high
 * end; attrition, the row's own, has `a`'s tables in both places (unitBars moves the row).
 */
const movedTables = new WeakMap<Assumptions, readonly Tables[]>();

function movedTablesOf(a: Assumptions): readonly Tables[] {
  let out = movedTables.get(a);
  if (out === undefined) {
    out = RANGED_ASSUMPTIONS.flatMap((spec) =>
      spec.key === ATTRITION_KEY ? [tablesFor(a), tablesFor(a)] : [tablesFor(assumptionsAt(a, "low", spec.key)), tablesFor(assumptionsAt(a, "high", spec.key))],
    );
    movedTables.set(a, out);
  }
  return out;
}

const ATTRITION_BAR = 2 * RANGED_ASSUMPTIONS.findIndex((s) => s.key === ATTRITION_KEY);

/**
 * Which of a row's bars need the model run, and which are its total at the values in use.
 * The cost reads an assumption either directly, the same for every row, or through a lookup
 * table by some of the row's categories (tables.ts: "Governance % (Project)" is the governance
 * table's entry for Project). An end that moves only table entries the row's categories never
 * look up leaves every number the cost reads as it was, so that bar is the row's total itself,
 * bit for bit; fewer than half of the bars of a row are not (its engagement model's
 * governance, its location's travel..., and the assumptions every row reads).
 */
interface BarsPlan {
  /** The bars every row runs (the ATTRITION_BAR pair aside): an assumption read directly, or an entry of a table not in LOOKED_UP_BY. */
  readonly all: number[];
  /** By entryKey of a table's name and the words of one of its entries: the bars whose end moves that entry. */
  readonly byEntry: Map<string, number[]>;
  /**
   * The bits of categoriesOf(row) that byEntry's entries are looked up by: the urgency never
   * (no table the cost reads is looked up by it), the collaboration only when an end moves a
   * required overlap, and so on.
   */
  readonly categories: number;
  /** By the row's `categories` bits: the bars to run and the tables to run: `a`'s, then theirs. */
  readonly byCategories: Map<number, { readonly bars: Int32Array; readonly tables: readonly Tables[] }>;
}

/**
 * The row's fields each table the cost reads is looked up by, one per level of its keys
 * (cost.ts factorsOf): "Low" in the rework table is the row's requirements clarity, never its
 * collaboration or urgency. An end that moves any other table is run for every row.
 */
const LOOKED_UP_BY: { readonly [field: string]: readonly (keyof VendorRow)[] } = {
  overlapNeed: ["collaborationIntensity"],
  productivityBasePct: ["locationModel"],
  travelPct: ["locationModel"],
  reworkPct: ["requirementsClarity"],
  reworkBuyerShare: ["pricingModel"],
  changeRequestPct: ["pricingModel", "requirementsClarity"],
  governancePct: ["engagementModel"],
  securityPct: ["dataSensitivity"],
};

const entryKey = (path: readonly unknown[]): string => path.join("\u0001");

/** The categoriesOf bits of the row's fields that LOOKED_UP_BY names (a field missing here keeps every bit in the plan's key). */
const FIELD_BITS: { readonly [field: string]: number } = {
  engagementModel: 7 << CATEGORY_BITS.engagement,
  pricingModel: 7 << CATEGORY_BITS.pricing,
  requirementsClarity: 7 << CATEGORY_BITS.clarity,
  locationModel: 7 << CATEGORY_BITS.location,
  dataSensitivity: 7 << CATEGORY_BITS.sensitivity,
  collaborationIntensity: 7 << CATEGORY_BITS.collaboration,
};

const barsPlans = new WeakMap<Assumptions, BarsPlan>();

function barsPlanOf(a: Assumptions): BarsPlan {
  let plan = barsPlans.get(a);
  if (plan === undefined) {
    const base = tablesFor(a);
    const all: number[] = [];
    const byEntry = new Map<string, number[]>();
    movedTablesOf(a).forEach((t, b) => {
      const key = RANGED_ASSUMPTIONS[b >> 1].key;
      if (b === ATTRITION_BAR || b === ATTRITION_BAR + 1 || Object.is((t.a as unknown as Record<string, unknown>)[key], (base.a as unknown as Record<string, unknown>)[key])) return;
      const entries: string[][] = [];
      // The tables by category; not the assumptions themselves, nor the numbers a Tables keeps of its own (the date its overlaps are for).
      for (const field of Object.keys(base) as (keyof Tables)[]) if (field !== "a" && isRecord(base[field])) movedEntries(base[field], t[field], [field], entries);
      // A number elsewhere than at an entry of a table the cost looks up by the row (a total kept beside the tables) could be read by every row.
      if (entries.length === 0 || entries.some(([field, ...words]) => LOOKED_UP_BY[field]?.length !== words.length)) all.push(b);
      else for (const entry of entries) byEntry.set(entryKey(entry), [...(byEntry.get(entryKey(entry)) ?? []), b]);
    });
    // A row's bars differ from another's only by the entries its words look up in byEntry: by the fields of the tables it holds.
    let categories = 0;
    for (const key of byEntry.keys()) for (const field of LOOKED_UP_BY[key.split("\u0001")[0]]) categories |= FIELD_BITS[field] ?? -1;
    plan = { all, byEntry, categories, byCategories: new Map() };
    barsPlans.set(a, plan);
  }
  return plan;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

/** The paths (category words) at which two lookup tables of numbers differ, into `out`; anything else (the caches a Tables holds) is passed over. */
function movedEntries(x: unknown, y: unknown, path: readonly string[], out: string[][]): void {
  if (typeof x === "number" && typeof y === "number") {
    if (!Object.is(x, y)) out.push([...path]);
  } else if (isRecord(x) && isRecord(y)) {
    for (const word of Object.keys(x)) movedEntries(x[word], y[word], [...path, word], out);
  }
}

/** The bars a row of these categories (categoriesOf(row), at least 0) needs the model run for. */
function barsToRun(plan: BarsPlan, a: Assumptions, row: VendorRow, cats: number): { readonly bars: Int32Array; readonly tables: readonly Tables[] } {
  // Most of a table's rows differ in their categories (6,319 combinations in the bench table's 10,000 rows), 3,105 without the urgency, 1,080 without the collaboration too.
  const costCats = cats & plan.categories;
  let run = plan.byCategories.get(costCats);
  if (run === undefined) {
    const bars = [...plan.all];
    for (const field in LOOKED_UP_BY) for (const b of plan.byEntry.get(entryKey([field, ...LOOKED_UP_BY[field].map((k) => row[k])])) ?? []) if (!bars.includes(b)) bars.push(b);
    const tables = movedTablesOf(a);
    plan.byCategories.set(costCats, (run = { bars: Int32Array.from(bars), tables: [tablesFor(a), ...bars.map((b) => tables[b])] }));
  }
  return run;
}

// The totals of the row being computed, by costTotals, before they are placed among its bars.
const RUN = new Float64Array(BAR_COUNT + 1);

/** Where the row's bars start in cache.pool, to be read before the next call, which may reuse the pool. */
function unitBars(row: VendorRow, a: Assumptions, cache: BarsCache): number {
  const overlap = rowOverlapHours(row, a);
  const key = [
    row.locationModel,
    row.engagementModel,
    row.pricingModel,
    row.requirementsClarity,
    row.collaborationIntensity,
    row.dataSensitivity,
    row.durationMonths,
    row.attrition,
    row.replacesInHouseStaff,
    overlap,
  ].join("\u0001");
  let at = cache.at.get(key);
  if (at === undefined) {
    if (cache.used === BARS_KEPT) {
      cache.at.clear();
      cache.used = 0;
    }
    if ((cache.used + 1) * BAR_COUNT > cache.pool.length) {
      const pool = new Float64Array(Math.min(BARS_KEPT, (2 * cache.pool.length) / BAR_COUNT) * BAR_COUNT);
      pool.set(cache.pool);
      cache.pool = pool;
    }
    at = cache.used++ * BAR_COUNT;
    const tables = movedTablesOf(a);
    const bars = cache.pool.subarray(at, at + BAR_COUNT);
    const cats = categoriesOf(row);
    if (cats >= 0) {
      // The row's total at the values in use, then the bars its categories move; the others are that total (BarsPlan).
      const run = barsToRun(barsPlanOf(a), a, row, cats);
      costTotals(row, run.tables, overlap, RUN);
      bars.fill(RUN[0]);
      for (let i = 0; i < run.bars.length; i++) bars[run.bars[i]] = RUN[i + 1];
    } else {
      // A word outside its list (a row built by hand) is computed as it reads.
      costTotals(row, tables, overlap, bars);
    }
    // The row at each end of its attrition range, without a copy of the row per end (which cost more than the model run).
    costTotals(row, [tables[ATTRITION_BAR]], overlap, RUN, rangeEnd(ATTRITION_SPEC, row.attrition, "low", a.ranges));
    bars[ATTRITION_BAR] = RUN[0];
    costTotals(row, [tables[ATTRITION_BAR + 1]], overlap, RUN, rangeEnd(ATTRITION_SPEC, row.attrition, "high", a.ranges));
    bars[ATTRITION_BAR + 1] = RUN[0];
    cache.at.set(key, at);
  }
  return at;
}

/**
 * The buyer's sentence: "The total is most sensitive to X; if it is at its high end, the
 * total is Y." `money` writes an amount in the buyer's format. Given the row's `total`, an
 * assumption whose value is already its high end (the total at its high end is the total
 * itself) is told from its low end instead, since "at its high end, the total is" the same
 * figure says nothing.
 */
export function sensitivitySentence(bars: readonly Sensitivity[], money: (amount: number) => string, total?: number): string {
  const top = bars[0];
  if (!top) return "No ranged assumption moves the total (no labour, or every range is a single value).";
  if (total !== undefined && Math.abs(top.totalAtHigh - total) <= Math.max(0.005, 1e-9 * Math.abs(total)))
    return `The total is most sensitive to ${top.name}, which is already at the high end of its range; at its low end, the total is ${money(top.totalAtLow)}.`;
  return `The total is most sensitive to ${top.name}; if it is at its high end, the total is ${money(top.totalAtHigh)}.`;
}

/**
 * When a ranking by expected cost is not meaningful: two vendors' ranges overlap by at least
 * half of the narrower range (an assumption: then the cheaper expected total is as likely to
 * be the dearer one as not). Overlap = MIN(high1, high2) - MAX(low1, low2), at least 0;
 * a range of width 0 inside the other counts, unless the forms below round it just outside
 * (0.1 in [0, 0.7]: MIN(0.1, 0.7) comes to just under 0.1). Returns, per vendor, how many
 * OTHER vendors' ranges overlap its own so. Written with the element-wise forms
 *   MIN(x, y) = (x + y - ABS(x - y)) / 2,  MAX(x, y) = (x + y + ABS(x - y)) / 2
 * that the summary's SUMPRODUCT formula uses, so both compute the same numbers.
 *
 * Without rounding the rule is: the narrower range's centre lies in the wider range (|c1 - c2|
 * <= the wider half-width). So pairs are counted by centre and width in O(n log n), and only the
 * pairs whose centre lies within `tol` of the other's end, or whose narrower range is within
 * `tol` of width 0, are put to the formula itself; identical ranges are counted once per kind.
 * Comparing each range with every range starting before it ends was quadratic where costs are
 * alike: 7 million pairs at 10,000 vendors, 63 million at 30,000 (the model bench's rows).
 */
export function overlappingRanges(ranges: readonly { readonly low: number; readonly high: number }[]): number[] {
  const n = ranges.length;
  const lows = new Float64Array(n);
  const highs = new Float64Array(n);
  let most = 0;
  for (let i = 0; i < n; i++) {
    const { low, high } = ranges[i];
    // NaN, an infinite end, a low above its high, or ends past 1e300 whose sums could overflow (a
    // rate times hours near the largest number a cell holds, where the high end overflows first;
    // the bench's cost ranges give none): every pair is compared, as it always was.
    if (!(low <= high && -low <= 1e300 && high <= 1e300)) return overlappingBySweep(ranges);
    lows[i] = low;
    highs[i] = high;
    most = Math.max(most, -low, high);
  }
  // Identical ranges, one kind each (`size` of them), so that many equal vendors are one check, not a quadratic band.
  const byEnds = new Int32Array(n).map((_v, i) => i).sort((x, y) => lows[x] - lows[y] || highs[x] - highs[y]);
  const kindOf = new Int32Array(n);
  const L = new Float64Array(n);
  const H = new Float64Array(n);
  const size = new Float64Array(n);
  let k = 0;
  for (const i of byEnds) {
    if (k === 0 || lows[i] !== L[k - 1] || highs[i] !== H[k - 1]) {
      L[k] = lows[i];
      H[k++] = highs[i];
    }
    size[k - 1]++;
    kindOf[i] = k - 1;
  }
  // With u = 2^-53 and every end at most `most` in size, tooClose's roundings move its overlap by
  // at most 8u·most and its narrower/2 by 4.5u·most, so it answers as exact arithmetic does when
  // min(distance of the narrower centre inside the wider range, narrower half-width) is more
  // than 12.5u·most from 0; the centres, half-widths and bounds below are each off by at most
  // u·most more (5u·most in all). tol = 128u·most covers both with room (the property tests find
  // pairs that 2u·most misjudges); the 2^-1000 covers halving ends of the smallest (subnormal) sizes.
  const tol = most * 2 ** -46 + 2 ** -1000;
  const C = new Float64Array(k);
  const R = new Float64Array(k);
  for (let d = 0; d < k; d++) {
    C[d] = (L[d] + H[d]) / 2;
    R[d] = (H[d] - L[d]) / 2;
  }
  // Each pair is judged once, from the narrower kind (earlier by half-width, ties by kind).
  const byWidth = new Int32Array(k).map((_v, d) => d).sort((x, y) => R[x] - R[y] || x - y);
  const rank = new Int32Array(k);
  byWidth.forEach((d, p) => (rank[d] = p));
  let thin = 0;
  while (thin < k && R[byWidth[thin]] <= tol) thin++;
  const got = new Float64Array(k);
  const check = (i: number, j: number): void => {
    // As the sweep by low compared them: only when the later low is at most the earlier high.
    if (tooClose(L[i], H[i], L[j], H[j]) && (L[i] <= L[j] ? L[j] <= H[i] : L[i] <= H[j])) {
      got[i] += size[j];
      got[j] += size[i];
    }
  };
  // Clear pairs: the narrower centre strictly between the wider range's low + tol and high - tol.
  // Wider kinds come in order of width; `inside` holds the narrower centres seen (by centre),
  // `covers` the spans given so far (as differences), read for each centre at the end.
  const wide = byWidth.slice(thin);
  const byCentre = wide.slice().sort((x, y) => C[x] - C[y]);
  const centres = Float64Array.from(byCentre, (d) => C[d]);
  const at = new Int32Array(k);
  byCentre.forEach((d, q) => (at[d] = q));
  const inside = new Float64Array(wide.length + 1);
  const covers = new Float64Array(wide.length + 1);
  const seen = new Float64Array(k);
  for (const j of wide) {
    const first = countUpTo(centres, L[j] + tol, true);
    const end = countUpTo(centres, H[j] - tol, false);
    if (first < end) {
      got[j] += prefix(inside, end) - prefix(inside, first);
      add(covers, first, size[j]);
      add(covers, end, -size[j]);
    }
    add(inside, at[j], size[j]);
    seen[j] = prefix(covers, at[j] + 1);
  }
  for (const i of wide) got[i] += prefix(covers, at[i] + 1) - seen[i];
  // The band: a wider kind's low or high within tol of the narrower centre (kinds are in order of low, byHigh of high).
  const byHigh = new Int32Array(k).map((_v, d) => d).sort((x, y) => H[x] - H[y]);
  const lowsUp = L.map((low) => low + tol).subarray(0, k);
  const highsUp = Float64Array.from(byHigh, (d) => H[d] + tol);
  for (const i of wide) {
    const x = C[i];
    for (let d = countUpTo(lowsUp, x, false); d < k && L[d] - tol <= x; d++) if (rank[d] > rank[i]) check(i, d);
    for (let e = countUpTo(highsUp, x, false); e < k && H[byHigh[e]] - tol <= x; e++) {
      const j = byHigh[e];
      if (rank[j] > rank[i] && x > L[j] + tol) check(i, j);
    }
  }
  // A kind of width (within tol of) 0 against every kind whose span (widened by tol) holds it, by a sweep of centres:
  // rounding decides a point inside a range pair by pair, so k such points inside the same w ranges still take k·w checks.
  const points = byWidth.slice(0, thin).sort((x, y) => C[x] - C[y]);
  let active: number[] = [];
  let next = 0;
  for (const i of points) {
    const x = C[i];
    while (next < k && L[next] - tol <= x) active.push(next++);
    active = active.filter((j) => H[j] + tol >= x);
    for (const j of active) if (rank[j] > rank[i]) check(i, j);
  }
  const counts = new Array<number>(n);
  for (let i = 0; i < n; i++) counts[i] = got[kindOf[i]] + size[kindOf[i]] - 1;
  return counts;
}

/** How many of the ascending numbers are below x (or x itself too). */
function countUpTo(sorted: Float64Array, x: number, orEqual: boolean): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x || (orEqual && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// A Fenwick tree over positions 0..length-2: add v at a position, and the sum of the first `count` positions.
function add(tree: Float64Array, position: number, v: number): void {
  for (let x = position + 1; x < tree.length; x += x & -x) tree[x] += v;
}

function prefix(tree: Float64Array, count: number): number {
  let sum = 0;
  for (let x = count; x > 0; x -= x & -x) sum += tree[x];
  return sum;
}

/** Today's reading of inputs outside the rule's arithmetic (NaN, infinities, a low above its high): sorted by low, each range against the ones starting before it ends. */
function overlappingBySweep(ranges: readonly { readonly low: number; readonly high: number }[]): number[] {
  const counts = new Array<number>(ranges.length).fill(0);
  const order = ranges.map((_r, i) => i).sort((x, y) => ranges[x].low - ranges[y].low);
  for (let p = 0; p < order.length; p++) {
    const { low, high } = ranges[order[p]];
    for (let q = p + 1; q < order.length && ranges[order[q]].low <= high; q++) {
      if (tooClose(low, high, ranges[order[q]].low, ranges[order[q]].high)) {
        counts[order[p]]++;
        counts[order[q]]++;
      }
    }
  }
  return counts;
}

export function rangesTooClose(r: { readonly low: number; readonly high: number }, o: { readonly low: number; readonly high: number }): boolean {
  return tooClose(r.low, r.high, o.low, o.high);
}

function tooClose(low1: number, high1: number, low2: number, high2: number): boolean {
  const overlap = (high1 + high2 - Math.abs(high1 - high2)) / 2 - (low1 + low2 + Math.abs(low1 - low2)) / 2;
  const w1 = high1 - low1;
  const w2 = high2 - low2;
  const narrower = (w1 + w2 - Math.abs(w1 - w2)) / 2;
  return overlap >= 0 && overlap >= narrower / 2;
}
