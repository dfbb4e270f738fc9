// Every number that drives a result, with its default, unit, range and source. A buyer
// overrides any of them with a two-column (name, value) table; the names below are the
// public interface (the assumptions sheet, the custom functions and the portable formulas
// all use them). Category-dependent factors are one row per category so finance can see
// and change each one.
import type { CellValue, DataSensitivity, EngagementModel, Level, LocationModel, PricingModel, Result, WorkType } from "./types";
import { ENGAGEMENT_MODELS, LEVELS, LOCATION_MODELS, PRICING_MODELS, SENSITIVITIES, WORK_TYPES } from "./types";
import { normaliseHeader } from "./fields";
import { assumptionPercentFraction, isBlank, parseNumberCell, quotedText } from "./values";
import { dateToExcelSerial, resolveZone, toHourOfDay } from "./zones";
import { currencyCode, type ExchangeRates } from "./currency";

export type AssumptionKind = "number" | "percent" | "hours" | "zone" | "date" | "multiplier" | "list" | "currency";

// "Staff augmentation" -> "StaffAugmentation", "Outcome-based" -> "OutcomeBased".
type Pascal<S extends string> = S extends `${infer A} ${infer B}`
  ? `${Capitalize<A>}${Pascal<B>}`
  : S extends `${infer A}-${infer B}`
    ? `${Capitalize<A>}${Pascal<B>}`
    : Capitalize<S>;

export type AssumptionKey =
  | "buyerTimeZone"
  | "buyerWorkdayStart"
  | "buyerWorkdayEnd"
  | "vendorWorkdayStart"
  | "vendorWorkdayEnd"
  | "referenceDate"
  | "reportingCurrency"
  | "exchangeRateMaxAgeDays"
  | "wageInflationIndia"
  | "wageInflationChina"
  | "wageInflationOther"
  | "defaultDurationMonths"
  | "defaultAttrition"
  | "vendorSelectionPct"
  | "transitionPct"
  | `governancePct${Pascal<EngagementModel>}`
  | `productivityBasePct${Pascal<LocationModel>}`
  | "productivityPctPerMissingHour"
  | "productivityMaxPct"
  | "productivityLossMonths"
  | `reworkPct${Pascal<Level>}Clarity`
  | `reworkBuyerShare${Pascal<PricingModel>}`
  | `changeRequestPct${Pascal<PricingModel>}${Pascal<Level>}Clarity`
  | "knowledgeLossMonths"
  | `travelPct${Pascal<LocationModel>}`
  | `securityPct${Pascal<DataSensitivity>}`
  | "severancePct"
  | "exitPct"
  | `overlapNeed${Pascal<Level>}Collaboration`
  | `overlapExtra${Pascal<Level>}Urgency`
  | `overlapExtra${Pascal<DataSensitivity>}`
  | "shiftToleranceHours"
  | `onshoreWage${Pascal<WorkType>}`
  | "onshoreLoadedCostMultiplier"
  | "nearshoreMaxClockHours"
  | "minTradeOffLeverage"
  | `communicationPoints${Pascal<Level>}Collaboration`
  | "communicationPointsPerMissingHour"
  | "hiddenCostShareForFullRisk"
  | `scopeDriftPoints${Pascal<Level>}Clarity`
  | `scopeDriftPoints${Pascal<Level>}Urgency`
  | `dataRiskPoints${Pascal<DataSensitivity>}`
  | "dataRiskCertificationCredit"
  | `qualityPoints${Pascal<Level>}Clarity`
  | "qualityPointsPerAttrition"
  | `governanceGapPoints${Pascal<EngagementModel>}`
  | `dependencyPoints${Pascal<EngagementModel>}`
  | "dependencyPointsReplacesStaff"
  | "dependencyPointsPerMonth"
  | "dependencyDurationCapPoints"
  | `weight${Pascal<RiskKey>}`
  | "mediumRiskFrom"
  | "highRiskFrom"
  | "criticalRiskFrom"
  | "criticalDriverScore"
  | ListAssumptionKey
  | "mitigationTopDrivers"
  | "mitigationFromScore"
  | "pilotMinMonths"
  | "pilotMaxMonths"
  | "pilotShareOfDuration"
  | "engagementStartDate";

/** Assumptions whose value is a list of words, kept as text: "27001, SOC 2, PCI". */
export type ListAssumptionKey = "certificationKeywords" | "certificationNotHeldWords" | `typicalPricing${Pascal<EngagementModel>}`;

/** The seven risks, in their fixed documented order. */
export const RISK_KEYS = ["communication", "hidden cost", "scope drift", "data and cyber", "quality", "governance gaps", "dependency"] as const;
export type RiskKey = (typeof RISK_KEYS)[number];

export interface AssumptionSpec {
  readonly key: AssumptionKey;
  /** Public name, as written on the assumptions sheet. */
  readonly name: string;
  readonly kind: AssumptionKind;
  readonly defaultValue: number | string;
  readonly unit: string;
  readonly min?: number;
  readonly max?: number;
  /** For a list: the only items it may hold (a list of pricing models). */
  readonly allowed?: readonly string[];
  /** For a number that moves a cost line: how low and how high it plausibly is, and who says so. */
  readonly range?: AssumptionRange;
}

/**
 * The low and high ends of an assumption that moves a cost line; who says so is in
 * assumptionTexts.ts, with the other words the custom functions never show.
 */
export interface AssumptionRange {
  readonly low: number;
  readonly high: number;
}

/** Values by key. Percent values are fractions (0.05 is 5%); Reference date is an Excel serial, 0 = today (UTC). */
export type Assumptions = { readonly [K in AssumptionKey]: K extends "buyerTimeZone" | "reportingCurrency" | ListAssumptionKey ? string : number } & {
  /** The exchange-rate table (currency.ts), when one was given beside the (name, value) range. */
  readonly exchangeRates?: ExchangeRates;
  /** Ranges given in the table's Low and High columns, where they differ from the published ones (range.ts reads them). */
  readonly ranges?: Readonly<Partial<Record<AssumptionKey, AssumptionRange>>>;
};

/** The items of a list assumption's text: "27001, SOC 2; PCI" -> ["27001", "SOC 2", "PCI"]. */
export function listItems(text: string): string[] {
  return text
    .split(/[,;|\r\n]+/)
    .map((w) => w.trim().replace(/\s+/g, " "))
    .filter((w) => w.length > 0);
}

export function pascal(text: string): string {
  return text
    .split(/[\s-]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

// Median hourly wage by work type (the occupations it is read from are in assumptionTexts.ts).
const WORK_TYPE_WAGES: readonly number[] = [64, 49, 29, 47, 58, 54, 20, 24];

/** Text that marks a security certification inside the Certifications column. */
export const DEFAULT_CERTIFICATION_KEYWORDS = ["27001", "SOC 2", "SOC2", "PCI", "HITRUST", "FedRAMP", "TISAX", "Cyber Essentials"] as const;

/**
 * Words that make an entry something the vendor does not hold today: negated ("No PCI DSS",
 * "None (...)", "not certified"), planned or pending ("SOC 2 planned 2027", "audit
 * scheduled", "applied for", "working towards"), under way ("in progress", "Type II
 * ongoing") or past ("expired 2019", "lapsed", "revoked"). A buyer's evidence is a current
 * certificate, so an entry that hedges does not lift the regulated-data floor.
 */
export const DEFAULT_NOT_HELD_WORDS = [
  "no", "not", "none", "non", "without", "never", "lacks", "missing", "n/a",
  "planned", "planning", "plans", "pending", "scheduled", "upcoming", "future", "target", "targeted", "targeting", "roadmap",
  "intend", "intends", "intended", "expected", "awaiting", "applied", "applying", "application", "candidate",
  "working towards", "working toward", "pursuing", "preparing", "in preparation", "readiness", "gap assessment", "to be", "not yet",
  "in progress", "in-progress", "ongoing", "underway", "under way", "in process", "being", "started",
  "expired", "lapsed", "revoked", "suspended", "withdrawn", "former", "formerly", "previously",
] as const;

/** Pricing models usually paired with each engagement model (the commercial fit check). */
const TYPICAL_PRICING_DEFAULTS: Record<EngagementModel, readonly PricingModel[]> = {
  "Staff augmentation": ["Time and materials"],
  "Dedicated team": ["Capacity", "Time and materials"],
  Project: ["Fixed price", "Time and materials"],
  "Managed service": ["Output-based", "Capacity", "Fixed price"],
  BPO: ["Output-based", "Capacity", "Time and materials"],
  "Outcome-based": ["Outcome-based"],
};

// Change requests for moved scope by pricing model, for Low, Medium and High clarity. Time
// and materials and capacity bill the extra hours as ordinary hours; fixed, output and
// outcome prices reprice the moved scope with the vendor's risk premium, so the share is
// higher there, but the buyer no longer pays rework (REWORK_BUYER_SHARE). No published
// figure exists: the values sit low enough that every combination of categories stays
// within the CIO 2003 worst case (hidden costs of 57% of contract value).
const CHANGE_REQUEST_DEFAULTS: Record<PricingModel, readonly number[]> = {
  "Time and materials": [0.04, 0.02, 0.01],
  "Fixed price": [0.12, 0.06, 0.02],
  Capacity: [0.04, 0.02, 0.01],
  "Output-based": [0.1, 0.05, 0.02],
  "Outcome-based": [0.12, 0.06, 0.02],
};

/**
 * Who carries rework, change and delivery risk under each pricing model (the Cabinet Office
 * note and CGI's comparison). Rework is paid by the buyer only where the buyer pays for
 * hours or capacity; under a fixed, per-unit or outcome price the vendor delivers to the
 * spec at its own cost. Moved scope is a change request under every model.
 */
export const PRICING_ALLOCATION: readonly {
  readonly pricingModel: PricingModel;
  readonly rework: string;
  readonly changes: string;
  readonly deliveryRisk: string;
}[] = [
  { pricingModel: "Time and materials", rework: "Buyer: rework is billed as hours", changes: "Buyer: moved scope is billed as more hours", deliveryRisk: "Buyer" },
  { pricingModel: "Fixed price", rework: "Vendor: delivers to the spec at its price", changes: "Buyer: moved scope is a priced change request", deliveryRisk: "Vendor, to the spec; the buyer owns requirements and change control" },
  { pricingModel: "Capacity", rework: "Buyer: rework uses the capacity it pays for", changes: "Buyer: moved scope uses paid capacity", deliveryRisk: "Mostly buyer; the vendor keeps the team staffed" },
  { pricingModel: "Output-based", rework: "Vendor: pays per accepted unit, not for redone units", changes: "Buyer: a changed unit definition is repriced", deliveryRisk: "Vendor, by unit and service level" },
  { pricingModel: "Outcome-based", rework: "Vendor: paid by results", changes: "Buyer: a moved outcome or baseline is renegotiated", deliveryRisk: "Shared through payment by results" },
];

// Share of rework the buyer pays, by pricing model, as PRICING_ALLOCATION states it.
const REWORK_BUYER_SHARE: Record<PricingModel, number> = {
  "Time and materials": 1,
  "Fixed price": 0,
  Capacity: 1,
  "Output-based": 0,
  "Outcome-based": 0,
};

type SpecInput = Omit<AssumptionSpec, "key"> & { key: string };

const list = (key: string, name: string, items: readonly string[], unit: string, allowed?: readonly string[]): SpecInput => ({
  key, name, kind: "list", defaultValue: items.join(", "), unit, ...(allowed ? { allowed } : {}),
});

function family<C extends string>(
  categories: readonly C[],
  values: readonly number[],
  make: (category: C, value: number) => SpecInput,
): SpecInput[] {
  return categories.map((c, i) => make(c, values[i]));
}

const pct = (key: string, name: string, value: number, max = 1): SpecInput => ({
  key, name, kind: "percent", defaultValue: value, unit: "% of labour", min: 0, max,
});
const points = (key: string, name: string, value: number): SpecInput => ({
  key, name, kind: "number", defaultValue: value, unit: "risk points (0-100)", min: 0, max: 100,
});
const hoursNeed = (key: string, name: string, value: number): SpecInput => ({
  key, name, kind: "number", defaultValue: value, unit: "hours of overlap", min: 0, max: 24,
});

const SPECS: SpecInput[] = [
  // Time zones and dates
  { key: "buyerTimeZone", name: "Buyer time zone", kind: "zone", defaultValue: "America/New_York", unit: "IANA time zone" },
  { key: "buyerWorkdayStart", name: "Buyer workday start", kind: "hours", defaultValue: 9, unit: "hour of day", min: 0, max: 24 },
  { key: "buyerWorkdayEnd", name: "Buyer workday end", kind: "hours", defaultValue: 17, unit: "hour of day", min: 0, max: 24 },
  { key: "vendorWorkdayStart", name: "Vendor workday start", kind: "hours", defaultValue: 9, unit: "hour of day", min: 0, max: 24 },
  { key: "vendorWorkdayEnd", name: "Vendor workday end", kind: "hours", defaultValue: 17, unit: "hour of day", min: 0, max: 24 },
  { key: "referenceDate", name: "Reference date", kind: "date", defaultValue: 0, unit: "date", min: 0, max: 2958465 },
  // Currencies
  { key: "reportingCurrency", name: "Reporting currency", kind: "currency", defaultValue: "USD", unit: "ISO 4217 code" },
  { key: "exchangeRateMaxAgeDays", name: "Exchange rate maximum age (days)", kind: "number", defaultValue: 90, unit: "days", min: 0, max: 3650 },
  // Over the term: how fast the vendor's rate rises each contract year where the contract does not cap it
  { ...pct("wageInflationIndia", "Wage inflation (India)", 0.092), unit: "% a year" },
  { ...pct("wageInflationChina", "Wage inflation (China)", 0.053), unit: "% a year" },
  { ...pct("wageInflationOther", "Wage inflation (other countries)", 0.04), unit: "% a year" },
  // Row defaults
  { key: "defaultDurationMonths", name: "Default duration (months)", kind: "number", defaultValue: 12, unit: "months", min: 0.1, max: 600 },
  { key: "defaultAttrition", name: "Default attrition", kind: "percent", defaultValue: 0.2, unit: "% per year", min: 0, max: 1 },
  // Cost lines
  pct("vendorSelectionPct", "Vendor selection %", 0.01),
  pct("transitionPct", "Transition %", 0.025),
  ...family(ENGAGEMENT_MODELS, [0.07, 0.06, 0.05, 0.04, 0.04, 0.07], (c, v) =>
    pct(`governancePct${pascal(c)}`, `Governance % (${c})`, v),
  ),
  ...family(LOCATION_MODELS, [0, 0.03, 0.08], (c, v) =>
    pct(`productivityBasePct${pascal(c)}`, `Productivity loss % (${c})`, v),
  ),
  pct("productivityPctPerMissingHour", "Productivity loss % per missing overlap hour", 0.03),
  pct("productivityMaxPct", "Productivity loss % maximum", 0.27),
  { key: "productivityLossMonths", name: "Productivity loss period (months)", kind: "number", defaultValue: 24, unit: "months from the start", min: 0, max: 600 },
  ...family(LEVELS, [0.08, 0.04, 0.01], (c, v) =>
    pct(`reworkPct${c}Clarity`, `Rework % (${c} clarity)`, v),
  ),
  ...family(PRICING_MODELS, PRICING_MODELS.map((p) => REWORK_BUYER_SHARE[p]), (p, v) =>
    ({ ...pct(`reworkBuyerShare${pascal(p)}`, `Rework paid by buyer (${p})`, v), unit: "% of the rework" }),
  ),
  ...PRICING_MODELS.flatMap((p) =>
    family(LEVELS, CHANGE_REQUEST_DEFAULTS[p], (c, v) =>
      pct(`changeRequestPct${pascal(p)}${c}Clarity`, `Change request % (${p}, ${c} clarity)`, v),
    ),
  ),
  { key: "knowledgeLossMonths", name: "Knowledge loss per departure (months)", kind: "number", defaultValue: 2, unit: "months of one person's output", min: 0, max: 24 },
  ...family(LOCATION_MODELS, [0.005, 0.015, 0.03], (c, v) =>
    pct(`travelPct${pascal(c)}`, `Travel % (${c})`, v),
  ),
  ...family(SENSITIVITIES, [0, 0.005, 0.015, 0.03], (c, v) =>
    pct(`securityPct${pascal(c)}`, `Security % (${c})`, v),
  ),
  pct("severancePct", "Severance and retention %", 0.04),
  // No published rate for an exit was found: kept low enough that every combination of
  // categories stays within the CIO 2003 worst case (hidden costs of 57% of contract value).
  pct("exitPct", "Exit and transition-out %", 0.01),
  // Overlap need (location fit, productivity loss, communication friction)
  ...family(LEVELS, [0, 2, 4], (c, v) =>
    hoursNeed(`overlapNeed${c}Collaboration`, `Overlap need (${c} collaboration)`, v),
  ),
  ...family(LEVELS, [0, 0, 1], (c, v) =>
    hoursNeed(`overlapExtra${c}Urgency`, `Overlap extra (${c} urgency)`, v),
  ),
  ...family(SENSITIVITIES, [0, 0, 0, 1], (c, v) =>
    hoursNeed(`overlapExtra${pascal(c)}`, `Overlap extra (${c} data)`, v),
  ),
  hoursNeed("shiftToleranceHours", "Overlap gap a shift can close (hours)", 2),
  // Onshore reference rate by work type, and how far a nearshore clock may be. A public wage
  // series exists for the wage; what a buyer's own onshore hour costs on top of it does not,
  // so the multiplier is its own row the buyer can change.
  ...family(WORK_TYPES, WORK_TYPE_WAGES, (c, v) => ({
    key: `onshoreWage${pascal(c)}`, name: `Onshore median hourly wage (${c})`, kind: "number" as const, defaultValue: v, unit: "currency per hour", min: 0.01, max: 100000,
  })),
  { key: "onshoreLoadedCostMultiplier", name: "Onshore loaded-cost multiplier", kind: "multiplier", defaultValue: 1.42, unit: "x wage", min: 1, max: 5 },
  ({ ...hoursNeed("nearshoreMaxClockHours", "Nearshore clock difference, maximum (hours)", 3), unit: "hours between the clocks", max: 12 }),
  { key: "minTradeOffLeverage", name: "Minimum cost leverage for a trade-off", kind: "percent", defaultValue: 0.25, unit: "% below the onshore reference rate", min: 0, max: 1 },
  // Risk drivers
  ...family(LEVELS, [10, 25, 40], (c, v) =>
    points(`communicationPoints${c}Collaboration`, `Communication risk (${c} collaboration)`, v),
  ),
  points("communicationPointsPerMissingHour", "Communication risk per missing overlap hour", 15),
  { key: "hiddenCostShareForFullRisk", name: "Hidden cost share for full risk", kind: "percent", defaultValue: 0.6, unit: "% of labour", min: 0.01, max: 10 },
  ...family(LEVELS, [70, 35, 10], (c, v) =>
    points(`scopeDriftPoints${c}Clarity`, `Scope drift risk (${c} clarity)`, v),
  ),
  ...family(LEVELS, [0, 10, 20], (c, v) =>
    points(`scopeDriftPoints${c}Urgency`, `Scope drift risk (${c} urgency)`, v),
  ),
  ...family(SENSITIVITIES, [5, 25, 55, 85], (c, v) =>
    points(`dataRiskPoints${pascal(c)}`, `Data risk (${c})`, v),
  ),
  points("dataRiskCertificationCredit", "Data risk credit for security certification", 20),
  ...family(LEVELS, [25, 15, 5], (c, v) =>
    points(`qualityPoints${c}Clarity`, `Quality risk (${c} clarity)`, v),
  ),
  { key: "qualityPointsPerAttrition", name: "Quality risk per 100% attrition", kind: "number", defaultValue: 100, unit: "risk points per 100% attrition", min: 0, max: 500 },
  ...family(ENGAGEMENT_MODELS, [50, 40, 35, 30, 35, 50], (c, v) =>
    points(`governanceGapPoints${pascal(c)}`, `Governance gap risk (${c})`, v),
  ),
  ...family(ENGAGEMENT_MODELS, [20, 35, 25, 50, 55, 40], (c, v) =>
    points(`dependencyPoints${pascal(c)}`, `Dependency risk (${c})`, v),
  ),
  points("dependencyPointsReplacesStaff", "Dependency risk when replacing staff", 25),
  { key: "dependencyPointsPerMonth", name: "Dependency risk per month", kind: "number", defaultValue: 1, unit: "risk points per month", min: 0, max: 100 },
  points("dependencyDurationCapPoints", "Dependency risk from duration, maximum", 25),
  ...RISK_KEYS.map((r): SpecInput => ({
    key: `weight${pascal(r)}`, name: `Risk weight (${r.charAt(0).toUpperCase() + r.slice(1)})`, kind: "multiplier",
    defaultValue: r === "data and cyber" ? 1.5 : r === "dependency" ? 0.5 : 1, unit: "weight", min: 0, max: 100,
  })),
  points("mediumRiskFrom", "Medium risk from score", 25),
  points("highRiskFrom", "High risk from score", 50),
  points("criticalRiskFrom", "Critical risk from score", 75),
  points("criticalDriverScore", "Critical single risk score", 90),
  // Rules the risk score and the checklist read: certifications, mitigations, commercial fit, pilot
  list("certificationKeywords", "Security certification keywords", DEFAULT_CERTIFICATION_KEYWORDS, "words, separated by commas"),
  list("certificationNotHeldWords", "Certification not-held words", DEFAULT_NOT_HELD_WORDS, "words or phrases, separated by commas"),
  points("mitigationFromScore", "Mitigations: any risk from score", 60),
  { key: "mitigationTopDrivers", name: "Mitigations: top risks listed", kind: "number", defaultValue: 3, unit: "risks", min: 0, max: 7 },
  ...ENGAGEMENT_MODELS.map((c) =>
    list(`typicalPricing${pascal(c)}`, `Typical pricing (${c})`, TYPICAL_PRICING_DEFAULTS[c], "pricing models, separated by commas", PRICING_MODELS),
  ),
  { key: "pilotShareOfDuration", name: "Pilot share of the engagement", kind: "percent", defaultValue: 0.25, unit: "% of duration", min: 0, max: 1 },
  { key: "pilotMinMonths", name: "Pilot length, minimum (months)", kind: "number", defaultValue: 1, unit: "months", min: 0.1, max: 600 },
  { key: "pilotMaxMonths", name: "Pilot length, maximum (months)", kind: "number", defaultValue: 3, unit: "months", min: 0.1, max: 600 },
  { key: "engagementStartDate", name: "Engagement start date", kind: "date", defaultValue: 0, unit: "date", min: 0, max: 2958465 },
];

// Ranges of the cost assumptions. A published range where one exists; elsewhere half to one
// and a half times the default, labelled as an assumption. Cost grows with every one of them
// (cost.ts), so all lows together give the lowest total and all highs the highest.
const SOURCED_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  defaultAttrition: [0.15, 0.25],
  vendorSelectionPct: [0.002, 0.02],
  transitionPct: [0.02, 0.03],
  severancePct: [0.03, 0.05],
  productivityBasePctOffshore: [0.03, 0.2],
  ...Object.fromEntries(ENGAGEMENT_MODELS.map((c) => [`governancePct${pascal(c)}`, [0.03, 0.07]])),
};
/** Cost assumptions with no published range: half to one and a half times their default. */
const UNSOURCED_RANGE = /^(productivityBasePct|productivityPctPerMissingHour$|reworkPct|changeRequestPct|knowledgeLossMonths$|travelPct|securityPct|exitPct$)/;

function withRange(spec: SpecInput): SpecInput {
  const sourced = SOURCED_RANGES[spec.key];
  if (sourced) return { ...spec, range: { low: sourced[0], high: sourced[1] } };
  if (!UNSOURCED_RANGE.test(spec.key) || typeof spec.defaultValue !== "number" || spec.defaultValue === 0) return spec;
  const low = Number((spec.defaultValue * 0.5).toFixed(6));
  const high = Number(Math.min(spec.max ?? Infinity, spec.defaultValue * 1.5).toFixed(6));
  return { ...spec, range: { low, high } };
}

export const ASSUMPTIONS: readonly AssumptionSpec[] = Object.freeze(SPECS.map((s) => Object.freeze(withRange(s) as AssumptionSpec)));

const SPEC_BY_NAME: ReadonlyMap<string, AssumptionSpec> = new Map(ASSUMPTIONS.map((s) => [normaliseHeader(s.name), s]));

/**
 * Assumptions an earlier version wrote and this one no longer reads, with what replaced them.
 * A workbook's assumptions sheet is the buyer's and is never rewritten, so these rows stay
 * there: they are skipped, not an error that would stop every formula in the workbook.
 */
export const RETIRED_ASSUMPTIONS: ReadonlyMap<string, string> = new Map([
  ["Onshore reference hourly rate", "the onshore rate is now the row's work type's 'Onshore median hourly wage' times the 'Onshore loaded-cost multiplier'"],
]);
const RETIRED_BY_NAME: ReadonlySet<string> = new Set([...RETIRED_ASSUMPTIONS.keys()].map(normaliseHeader));
export const ASSUMPTION_BY_KEY: Readonly<Record<AssumptionKey, AssumptionSpec>> = Object.fromEntries(ASSUMPTIONS.map((s) => [s.key, s])) as Record<
  AssumptionKey,
  AssumptionSpec
>;

export const DEFAULT_ASSUMPTIONS: Assumptions = Object.freeze(Object.fromEntries(ASSUMPTIONS.map((s) => [s.key, s.defaultValue]))) as unknown as Assumptions;

function assumptionError(field: string, value: unknown, message: string): Result<never> {
  return { ok: false, error: { kind: "assumption", field, value, message } };
}

function shown(value: CellValue): string {
  return typeof value === "string" ? quotedText(value) : String(value);
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** One assumption value from a cell; blank means the default (for Reference date, today). */
function parseValue(spec: AssumptionSpec, cell: CellValue, todaySerial: number): Result<number | string> {
  if (isBlank(cell)) return { ok: true, value: spec.key === "referenceDate" ? todaySerial : spec.defaultValue };
  if (spec.kind === "zone") {
    const zone = resolveZone(String(cell));
    return zone.ok ? zone : assumptionError(spec.name, cell, `${spec.name}: ${zone.error.message}`);
  }
  if (spec.kind === "list") return parseList(spec, cell);
  if (spec.kind === "currency") {
    const code = currencyCode(cell);
    return code === undefined ? assumptionError(spec.name, cell, `${spec.name} must be an ISO 4217 currency code (such as USD, EUR, INR); got ${shown(cell)}`) : { ok: true, value: code };
  }
  let n: number;
  if (spec.kind === "date" && typeof cell === "string" && ISO_DATE.test(cell.trim())) {
    const [, y, m, d] = ISO_DATE.exec(cell.trim())!;
    const t = new Date(Date.UTC(+y, +m - 1, +d));
    if (t.getUTCMonth() !== +m - 1 || t.getUTCDate() !== +d) return assumptionError(spec.name, cell, `${spec.name} must be a date; got ${shown(cell)}`);
    n = dateToExcelSerial({ year: +y, month: +m, day: +d });
  } else {
    const parsed = parseNumberCell(cell);
    if (!parsed.ok) {
      const what = spec.kind === "date" ? "a date (a date cell or YYYY-MM-DD)" : "a number";
      return assumptionError(spec.name, cell, `${spec.name} must be ${what}; got ${shown(cell)}`);
    }
    n = parsed.value.value;
    if (parsed.value.percent && spec.kind !== "percent") return assumptionError(spec.name, cell, `${spec.name} is in ${spec.unit}, not a percentage; got ${shown(cell)}`);
    // A percentage cell stores a fraction (1 is 100%); 7 where at most 100% is allowed is 7%.
    if (spec.kind === "percent") n = assumptionPercentFraction(parsed.value, spec.max ?? 1);
    if (spec.kind === "hours") n = toHourOfDay(n);
    if (spec.kind === "date") n = Math.floor(n);
  }
  if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
    const range = spec.kind === "percent" ? `${(spec.min ?? 0) * 100}% and ${(spec.max ?? 1) * 100}%` : `${spec.min} and ${spec.max}`;
    return assumptionError(spec.name, cell, `${spec.name} must be between ${range}; got ${shown(cell)}`);
  }
  return { ok: true, value: n };
}

/** A list assumption: items separated by commas, semicolons, bars or line breaks; kept as "a, b, c". */
function parseList(spec: AssumptionSpec, cell: CellValue): Result<string> {
  if (typeof cell !== "string" && typeof cell !== "number") return assumptionError(spec.name, cell, `${spec.name} must be text: ${spec.unit}; got ${shown(cell)}`);
  const items = listItems(String(cell));
  if (items.length === 0) return assumptionError(spec.name, cell, `${spec.name} must list at least one item (${spec.unit}); leave it blank for the default`);
  if (!spec.allowed) return { ok: true, value: items.join(", ") };
  const canonical: string[] = [];
  for (const item of items) {
    const known = spec.allowed.find((a) => normaliseHeader(a) === normaliseHeader(item));
    if (!known) return assumptionError(spec.name, cell, `${spec.name}: ${quotedText(item)} is not one of ${spec.allowed.join(", ")}`);
    if (!canonical.includes(known)) canonical.push(known);
  }
  return { ok: true, value: canonical.join(", ") };
}

const assumptionCache = new Map<string, Result<Assumptions>>();
const DEFAULTS_RESULT: Result<Assumptions> = Object.freeze({ ok: true as const, value: DEFAULT_ASSUMPTIONS });

function tableKey(table: readonly (readonly CellValue[])[], todaySerial: number): string {
  let key = String(todaySerial);
  const ends = endColumns(table);
  const columns = ends ? [0, 1, ends.low, ends.high] : [0, 1];
  for (const row of table) {
    key += "\u0002";
    if (!Array.isArray(row)) continue;
    for (const i of columns) {
      const v = row[i];
      key += (v === null || v === undefined ? "" : typeof v + ":" + String(v)) + "\u0001";
    }
  }
  return key;
}

/**
 * The Low and High columns, when the table's first row is a header naming them (the
 * assumptions sheet's "Low (...)" and "High (...)" headers, or a buyer's own "Low" and "High").
 */
function endColumns(table: readonly (readonly CellValue[])[]): { low: number; high: number } | undefined {
  const header = table[0];
  if (!Array.isArray(header)) return undefined;
  const find = (word: string) => header.findIndex((h, i) => i > 1 && typeof h === "string" && new RegExp(`^\\s*${word}\\b`, "i").test(h));
  const low = find("low");
  const high = find("high");
  return low > 1 && high > 1 ? { low, high } : undefined;
}

/** One end of a ranged assumption's range from its Low or High cell; blank means the published end. */
function parseEnd(spec: AssumptionSpec & { range: AssumptionRange }, end: "low" | "high", cell: CellValue | undefined, todaySerial: number): Result<number> {
  if (cell === undefined || isBlank(cell)) return { ok: true, value: spec.range[end] };
  const parsed = parseValue(spec, cell, todaySerial);
  if (!parsed.ok) {
    const word = end === "low" ? "Low" : "High";
    return assumptionError(`${spec.name} (${word})`, cell, `${word} of ${parsed.error.message}`);
  }
  return parsed as Result<number>;
}

/**
 * Assumptions from a (name, value) table: blank rows ignored, a "Name | Value" header row
 * tolerated, extra columns (unit, source) ignored, blank values meaning the default.
 * Cached by content because every custom-function cell passes the same range.
 */
export function parseAssumptions(table?: readonly (readonly CellValue[])[] | null, today?: { year: number; month: number; day: number }): Result<Assumptions> {
  const todaySerial = today ? dateToExcelSerial(today) : 0;
  if ((!table || table.length === 0) && todaySerial === 0) return DEFAULTS_RESULT;
  if (table && !Array.isArray(table)) return assumptionError("Assumptions", table, "Assumptions must be a two-column range of names and values");
  // One object per content, so the lookup tables and overlap caches built on it are reused.
  const key = tableKey(table ?? [], todaySerial);
  const cached = assumptionCache.get(key);
  if (cached) return cached;
  const result = parseTable(table ?? [], todaySerial);
  if (assumptionCache.size > 256) assumptionCache.clear();
  assumptionCache.set(key, result);
  return result;
}

function parseTable(table: readonly (readonly CellValue[])[], todaySerial: number): Result<Assumptions> {
  const values: Record<string, unknown> = { ...DEFAULT_ASSUMPTIONS, referenceDate: todaySerial };
  const seen = new Set<string>();
  const ends = endColumns(table);
  const ranges: Partial<Record<AssumptionKey, AssumptionRange>> = {};
  for (let r = 0; r < table.length; r++) {
    const row = table[r];
    if (!Array.isArray(row)) return assumptionError("Assumptions", row, "Assumptions must be a two-column range of names and values");
    const name = row[0];
    const value = row.length > 1 ? row[1] : undefined;
    if (isBlank(name)) {
      if (isBlank(value)) continue;
      return assumptionError("Assumptions", value, `Assumption row ${r + 1} has the value ${shown(value)} but no name`);
    }
    const nameKey = normaliseHeader(String(name));
    // A header row ("Name | Value", "Assumption | Value | Unit | Source") is not an assumption.
    if (r === 0 && (nameKey === "name" || nameKey === "assumption" || nameKey === "parameter") && !SPEC_BY_NAME.has(nameKey)) continue;
    const spec = SPEC_BY_NAME.get(nameKey);
    if (!spec && RETIRED_BY_NAME.has(nameKey)) continue;
    if (!spec) return assumptionError(String(name), name, `Unknown assumption ${quotedText(String(name))}; the names are listed on the assumptions sheet and in the README`);
    if (seen.has(spec.key)) return assumptionError(spec.name, name, `Assumption '${spec.name}' is given twice`);
    seen.add(spec.key);
    const parsed = parseValue(spec, value, todaySerial);
    if (!parsed.ok) return parsed;
    values[spec.key] = parsed.value;
    if (ends && spec.range) {
      const ranged = spec as AssumptionSpec & { range: AssumptionRange };
      const low = parseEnd(ranged, "low", row[ends.low], todaySerial);
      if (!low.ok) return low;
      const high = parseEnd(ranged, "high", row[ends.high], todaySerial);
      if (!high.ok) return high;
      if (low.value > high.value) return assumptionError(`${spec.name} (Low)`, row[ends.low], `${spec.name}: its Low (${shown(row[ends.low])}) is above its High (${shown(row[ends.high] ?? spec.range.high)})`);
      if (low.value !== spec.range.low || high.value !== spec.range.high) ranges[spec.key] = Object.freeze({ low: low.value, high: high.value });
    }
  }
  if (Object.keys(ranges).length > 0) values.ranges = Object.freeze(ranges);
  return { ok: true, value: Object.freeze(values) as unknown as Assumptions };
}
