// Assumptions arranged as lookup tables by category, built once per assumptions object.
// The formulas read these exactly as a VLOOKUP on the assumptions sheet would read
// "Governance % (Staff augmentation)".
import type { DataSensitivity, EngagementModel, Level, LocationModel, PricingModel } from "./types";
import { ENGAGEMENT_MODELS, LEVELS, LOCATION_MODELS, PRICING_MODELS, SENSITIVITIES } from "./types";
import type { AssumptionKey, Assumptions } from "./assumptions";
import { RISK_KEYS, pascal } from "./assumptions";

export interface Tables {
  readonly a: Assumptions;
  readonly governancePct: Readonly<Record<EngagementModel, number>>;
  readonly productivityBasePct: Readonly<Record<LocationModel, number>>;
  readonly reworkPct: Readonly<Record<Level, number>>;
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
  /** Memo for explanation texts of this assumptions object. */
  readonly texts: Map<string, string>;
}

function table<C extends string>(a: Assumptions, categories: readonly C[], key: (c: C) => string): Record<C, number> {
  const out = {} as Record<C, number>;
  for (const c of categories) {
    const v = (a as unknown as Record<string, number>)[key(c)];
    out[c] = typeof v === "number" ? v : 0;
  }
  return out;
}

const compiled = new WeakMap<Assumptions, Tables>();

export function tablesFor(a: Assumptions): Tables {
  let t = compiled.get(a);
  if (t === undefined) {
    const weights = RISK_KEYS.map((r) => Number((a as unknown as Record<string, number>)[`weight${pascal(r)}` as AssumptionKey]) || 0);
    t = {
      a,
      governancePct: table(a, ENGAGEMENT_MODELS, (c) => `governancePct${pascal(c)}`),
      productivityBasePct: table(a, LOCATION_MODELS, (c) => `productivityBasePct${pascal(c)}`),
      reworkPct: table(a, LEVELS, (c) => `reworkPct${c}Clarity`),
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
      texts: new Map(),
    };
    compiled.set(a, t);
  }
  return t;
}

/** A text built once per assumptions object and key; explanations repeat across rows. */
export function memoText(t: Tables, key: string, build: () => string): string {
  let text = t.texts.get(key);
  if (text === undefined) {
    text = build();
    if (t.texts.size > 20_000) t.texts.clear();
    t.texts.set(key, text);
  }
  return text;
}

/** 0.075 -> "7.5%": for explanations only, never inside a computation. */
export function percentText(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

/** 2.5 -> "2.5 h". */
export function hoursText(hours: number): string {
  return `${Number(hours.toFixed(2))} h`;
}
