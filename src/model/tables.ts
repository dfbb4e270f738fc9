// Assumptions arranged as lookup tables by category, built once per assumptions object.
// The formulas read these exactly as a VLOOKUP on the assumptions sheet would read
// "Governance % (Staff augmentation)".
import type { DataSensitivity, EngagementModel, Level, LocationModel, PricingModel, VendorRow } from "./types";
import { ENGAGEMENT_MODELS, LEVELS, LOCATION_MODELS, PRICING_MODELS, SENSITIVITIES } from "./types";
import type { AssumptionKey, Assumptions } from "./assumptions";
import { RISK_KEYS, pascal } from "./assumptions";

export interface Tables {
  readonly a: Assumptions;
  readonly governancePct: Readonly<Record<EngagementModel, number>>;
  readonly productivityBasePct: Readonly<Record<LocationModel, number>>;
  readonly reworkPct: Readonly<Record<Level, number>>;
  readonly reworkBuyerShare: Readonly<Record<PricingModel, number>>;
  readonly changeRequestPct: Readonly<Record<PricingModel, Readonly<Record<Level, number>>>>;
  readonly travelPct: Readonly<Record<LocationModel, number>>;
  readonly securityPct: Readonly<Record<DataSensitivity, number>>;
  readonly overlapNeed: Readonly<Record<Level, number>>;
  readonly overlapExtraUrgency: Readonly<Record<Level, number>>;
  readonly overlapExtraSensitivity: Readonly<Record<DataSensitivity, number>>;
  readonly communicationPoints: Readonly<Record<Level, number>>;
  readonly scopeDriftClarity: Readonly<Record<Level, number>>;
  readonly scopeDriftUrgency: Readonly<Record<Level, number>>;
  readonly dataRiskPoints: Readonly<Record<DataSensitivity, number>>;
  readonly qualityPoints: Readonly<Record<Level, number>>;
  readonly governanceGapPoints: Readonly<Record<EngagementModel, number>>;
  readonly dependencyPoints: Readonly<Record<EngagementModel, number>>;
  /** Weights in RISK_KEYS order. */
  readonly weights: readonly number[];
  readonly weightSum: number;
  /** Explanation texts of this assumptions object, one memo per text slot. */
  readonly texts: Memo[];
  /** Overlap by vendor zone for the reference date in `overlapSerial`. */
  readonly overlapByZone: Map<string, number>;
  overlapSerial: number;
  /**
   * What cost.ts, risk.ts and fit.ts keep for this assumptions object, each owned by its
   * module: held here so a row finds them by a field read, not a keyed lookup per row.
   */
  cost: unknown;
  risk: unknown;
  required: unknown;
  workRates: unknown;
  lastWorkRate: unknown;
  spots: unknown;
}

type Key = string | number | boolean;
// Nested maps keyed by the categories and numbers a text depends on: looking up interned
// category strings and numbers is far cheaper than building a composite string key per row.
export type Memo = Map<Key, unknown>;

function table<C extends string>(a: Assumptions, categories: readonly C[], key: (c: C) => string): Record<C, number> {
  const out = {} as Record<C, number>;
  for (const c of categories) {
    const v = (a as unknown as Record<string, number>)[key(c)];
    out[c] = typeof v === "number" ? v : 0;
  }
  return out;
}

const compiled = new WeakMap<Assumptions, Tables>();
// The tables last asked for: a batch asks for the same ones on every row, and comparing one
// reference is cheaper than a weak map lookup. Holds one assumptions object alive at most.
let last: Tables | undefined;

export function tablesFor(a: Assumptions): Tables {
  if (last !== undefined && last.a === a) return last;
  let t = compiled.get(a);
  if (t === undefined) {
    const weights = RISK_KEYS.map((r) => Number((a as unknown as Record<string, number>)[`weight${pascal(r)}` as AssumptionKey]) || 0);
    t = {
      a,
      governancePct: table(a, ENGAGEMENT_MODELS, (c) => `governancePct${pascal(c)}`),
      productivityBasePct: table(a, LOCATION_MODELS, (c) => `productivityBasePct${pascal(c)}`),
      reworkPct: table(a, LEVELS, (c) => `reworkPct${c}Clarity`),
      reworkBuyerShare: table(a, PRICING_MODELS, (c) => `reworkBuyerShare${pascal(c)}`),
      changeRequestPct: Object.fromEntries(PRICING_MODELS.map((p) => [p, table(a, LEVELS, (c) => `changeRequestPct${pascal(p)}${c}Clarity`)])) as Record<
        PricingModel,
        Record<Level, number>
      >,
      travelPct: table(a, LOCATION_MODELS, (c) => `travelPct${pascal(c)}`),
      securityPct: table(a, SENSITIVITIES, (c) => `securityPct${pascal(c)}`),
      overlapNeed: table(a, LEVELS, (c) => `overlapNeed${c}Collaboration`),
      overlapExtraUrgency: table(a, LEVELS, (c) => `overlapExtra${c}Urgency`),
      overlapExtraSensitivity: table(a, SENSITIVITIES, (c) => `overlapExtra${pascal(c)}`),
      communicationPoints: table(a, LEVELS, (c) => `communicationPoints${c}Collaboration`),
      scopeDriftClarity: table(a, LEVELS, (c) => `scopeDriftPoints${c}Clarity`),
      scopeDriftUrgency: table(a, LEVELS, (c) => `scopeDriftPoints${c}Urgency`),
      dataRiskPoints: table(a, SENSITIVITIES, (c) => `dataRiskPoints${pascal(c)}`),
      qualityPoints: table(a, LEVELS, (c) => `qualityPoints${c}Clarity`),
      governanceGapPoints: table(a, ENGAGEMENT_MODELS, (c) => `governanceGapPoints${pascal(c)}`),
      dependencyPoints: table(a, ENGAGEMENT_MODELS, (c) => `dependencyPoints${pascal(c)}`),
      weights,
      weightSum: weights.reduce((s, w) => s + w, 0),
      texts: [],
      overlapByZone: new Map(),
      overlapSerial: NaN,
      cost: undefined,
      risk: undefined,
      required: undefined,
      workRates: undefined,
      lastWorkRate: undefined,
      spots: undefined,
    };
    compiled.set(a, t);
  }
  return (last = t);
}

// The category lists, read once: an imported binding may be a getter on every read.
const ENGAGEMENT_WORDS: readonly string[] = ENGAGEMENT_MODELS;
const PRICING_WORDS: readonly string[] = PRICING_MODELS;
const LEVEL_WORDS: readonly string[] = LEVELS;
const LOCATION_WORDS: readonly string[] = LOCATION_MODELS;
const SENSITIVITY_WORDS: readonly string[] = SENSITIVITIES;

/**
 * Where each category's position sits in categoriesOf's number; every list has fewer than 8
 * words. One object, so a module reads it once (an imported binding may be a getter on every read).
 */
export const CATEGORY_BITS = Object.freeze({ engagement: 0, pricing: 3, clarity: 6, location: 9, sensitivity: 12, collaboration: 15, urgency: 18 });
const B = CATEGORY_BITS;

/**
 * A row's categories as their positions in their lists, three bits each (read back with
 * `(cats >> CATEGORY_BITS.x) & 7`), or -1 when a word is outside its list (a row built by hand). Found
 * once per row and shared by the cost, fit and risk formulas, which each find their profile
 * of what the categories decide from it.
 */
export function categoriesOf(row: VendorRow): number {
  const e = position(ENGAGEMENT_WORDS, row.engagementModel);
  const p = position(PRICING_WORDS, row.pricingModel);
  const r = position(LEVEL_WORDS, row.requirementsClarity);
  const l = position(LOCATION_WORDS, row.locationModel);
  const s = position(SENSITIVITY_WORDS, row.dataSensitivity);
  const k = position(LEVEL_WORDS, row.collaborationIntensity);
  const u = position(LEVEL_WORDS, row.urgency);
  if (e < 0 || p < 0 || r < 0 || l < 0 || s < 0 || k < 0 || u < 0) return -1;
  return (e << B.engagement) | (p << B.pricing) | (r << B.clarity) | (l << B.location) | (s << B.sensitivity) | (k << B.collaboration) | (u << B.urgency);
}

/** A table's values in the order of its list's words, for reading by a category's position. */
export function byPosition<C extends string>(words: readonly string[], table: Readonly<Record<C, number>>): Float64Array {
  return Float64Array.from(words, (w) => table[w as C]);
}

/** indexOf for a list of a few words, as a loop the compiler writes in place rather than a call per word. */
function position(words: readonly string[], word: string): number {
  for (let i = 0; i < words.length; i++) if (words[i] === word) return i;
  return -1;
}

/** The memo for one text slot (a cost line, a risk cause...). */
export function memo(t: Tables, slot: number): Memo {
  let m = t.texts[slot];
  if (m === undefined) m = t.texts[slot] = new Map();
  return m;
}

export function get1(m: Memo, a: Key): string | undefined {
  return m.get(a) as string | undefined;
}
export function put1(m: Memo, a: Key, text: string): string {
  if (m.size > 5000) m.clear();
  m.set(a, text);
  return text;
}
export function get2(m: Memo, a: Key, b: Key): string | undefined {
  return (m.get(a) as Memo | undefined)?.get(b) as string | undefined;
}
export function put2(m: Memo, a: Key, b: Key, text: string): string {
  let inner = m.get(a) as Memo | undefined;
  if (inner === undefined) m.set(a, (inner = new Map()));
  return put1(inner, b, text);
}
export function get3(m: Memo, a: Key, b: Key, c: Key): string | undefined {
  return ((m.get(a) as Memo | undefined)?.get(b) as Memo | undefined)?.get(c) as string | undefined;
}
export function put3(m: Memo, a: Key, b: Key, c: Key, text: string): string {
  let inner = m.get(a) as Memo | undefined;
  if (inner === undefined) m.set(a, (inner = new Map()));
  return put2(inner, b, c, text);
}

/** 0.075 -> "7.5%": for explanations only, never inside a computation. */
export function percentText(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

/** 2.5 -> "2.5 h". */
export function hoursText(hours: number): string {
  return `${Number(hours.toFixed(2))} h`;
}
