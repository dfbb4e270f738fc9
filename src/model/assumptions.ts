// Every number that drives a result, with its default, unit, range and source. A buyer
// overrides any of them with a two-column (name, value) table; the names below are the
// public interface (the assumptions sheet, the custom functions and the portable formulas
// all use them). Category-dependent factors are one row per category so finance can see
// and change each one.
import type { CellValue, DataSensitivity, EngagementModel, Level, LocationModel, PricingModel, Result, WorkType } from "./types";
import { ENGAGEMENT_MODELS, LEVELS, LOCATION_MODELS, PRICING_MODELS, SENSITIVITIES, WORK_TYPES } from "./types";
import { normaliseHeader } from "./fields";
import { assumptionPercentFraction, isBlank, parseNumberCell } from "./values";
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
  readonly source: string;
  readonly description: string;
  /** For a list: the only items it may hold (a list of pricing models). */
  readonly allowed?: readonly string[];
  /** For a number that moves a cost line: how low and how high it plausibly is, and who says so. */
  readonly range?: AssumptionRange;
}

/**
 * The low and high ends of an assumption that moves a cost line. `source` opens with the
 * range as written ("0.2-2%: ...") and cites where it comes from, or says "Assumption".
 */
export interface AssumptionRange {
  readonly low: number;
  readonly high: number;
  readonly source: string;
}

/** Values by key. Percent values are fractions (0.05 is 5%); Reference date is an Excel serial, 0 = today (UTC). */
export type Assumptions = { readonly [K in AssumptionKey]: K extends "buyerTimeZone" | "reportingCurrency" | ListAssumptionKey ? string : number } & {
  /** The exchange-rate table (currency.ts), when one was given beside the (name, value) range. */
  readonly exchangeRates?: ExchangeRates;
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

const CIO = 'S. Overby, "The Hidden Costs of Offshore Outsourcing", CIO, 1 Sep 2003';
const OVERLAP_RULE = "Practitioner rule: 4 h overlap comfortable, 2 h bare minimum (GitHub engineering, as quoted)";
const NO_SOURCE = "Assumption";
const EQUATERRA = "EquaTerra, outsourcing management and governance study, May 2006";
const CGI = 'CGI, "Why Managed Services and Why Not Staff Augmentation?", 2010';
// The buyer's guide whose risk table, readiness checks and governance owners the model follows.
const GUIDE = '"Offshore Outsourcing Explained: What It Is, How It Works, Benefits, Risks, and When to Use It" (buyer\'s guide, 2026)';
const BRESDEL = '"Offshore Software Outsourcing: Unlocking Global Potential" (Bresdel)';
const NIST_161 = 'NIST SP 800-161 Rev. 1, "Cybersecurity Supply Chain Risk Management Practices for Systems and Organizations", 2022';
const CHAUVIN = 'Chauvin, Choudhury & Fang, "Working Around the Clock", Organization Science, 2024';
const BLS_OEWS = "US Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS), May 2024, national median hourly wage";
const BLS_ECEC = 'US Bureau of Labor Statistics, "Employer Costs for Employee Compensation", September 2024';
// Median hourly wage by work type and the occupation (2018 SOC) it is read from.
const WORK_TYPE_WAGES: readonly (readonly [number, string])[] = [
  [64, "SOC 15-1252 Software Developers (about $64)"],
  [49, "SOC 15-1253 Software Quality Assurance Analysts and Testers (about $49)"],
  [29, "SOC 15-1232 Computer User Support Specialists (about $29)"],
  [47, "SOC 15-1244 Network and Computer Systems Administrators (about $47)"],
  [58, "SOC 15-1212 Information Security Analysts (about $58)"],
  [54, "SOC 15-2051 Data Scientists (about $54)"],
  [20, "SOC 43-4051 Customer Service Representatives (about $20; data entry keyers, SOC 43-9021, earn a little less)"],
  [24, "SOC 43-3031 Bookkeeping, Accounting, and Auditing Clerks (about $24)"],
];
const WORKDAY = "Assumption: a 9:00-17:00 working day, the usual office day; set the hours your teams keep";
const WEIGHTS_NOTE = `Assumption: no published standard weights exist for vendor risk tiers (${NIST_161} lists the factors without weights); change them to the buyer's priorities`;

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

const list = (key: string, name: string, items: readonly string[], unit: string, source: string, description: string, allowed?: readonly string[]): SpecInput => ({
  key, name, kind: "list", defaultValue: items.join(", "), unit, source, description, ...(allowed ? { allowed } : {}),
});

function family<C extends string>(
  categories: readonly C[],
  values: readonly number[],
  make: (category: C, value: number) => SpecInput,
): SpecInput[] {
  return categories.map((c, i) => make(c, values[i]));
}

const pct = (key: string, name: string, value: number, source: string, description: string, max = 1): SpecInput => ({
  key, name, kind: "percent", defaultValue: value, unit: "% of labour", min: 0, max, source, description,
});
const points = (key: string, name: string, value: number, source: string, description: string): SpecInput => ({
  key, name, kind: "number", defaultValue: value, unit: "risk points (0-100)", min: 0, max: 100, source, description,
});
const hoursNeed = (key: string, name: string, value: number, source: string, description: string): SpecInput => ({
  key, name, kind: "number", defaultValue: value, unit: "hours of overlap", min: 0, max: 24, source, description,
});

const SPECS: SpecInput[] = [
  // Time zones and dates
  { key: "buyerTimeZone", name: "Buyer time zone", kind: "zone", defaultValue: "America/New_York", unit: "IANA time zone", source: "Assumption: a US East Coast buyer until you choose; the zone you choose (the pane asks on first use and only suggests your computer's zone) is stored here, and evaluation reads this cell, never the computer's zone", description: "Where the buyer's team works; overlap is measured against it. Change it here or in the pane's Buyer time zone field." },
  { key: "buyerWorkdayStart", name: "Buyer workday start", kind: "hours", defaultValue: 9, unit: "hour of day", min: 0, max: 24, source: WORKDAY, description: "Start of the buyer's working day, local time." },
  { key: "buyerWorkdayEnd", name: "Buyer workday end", kind: "hours", defaultValue: 17, unit: "hour of day", min: 0, max: 24, source: WORKDAY, description: "End of the buyer's working day, local time; before the start means past midnight." },
  { key: "vendorWorkdayStart", name: "Vendor workday start", kind: "hours", defaultValue: 9, unit: "hour of day", min: 0, max: 24, source: WORKDAY, description: "Start of the vendor's working day, local time." },
  { key: "vendorWorkdayEnd", name: "Vendor workday end", kind: "hours", defaultValue: 17, unit: "hour of day", min: 0, max: 24, source: WORKDAY, description: "End of the vendor's working day, local time; before the start means past midnight." },
  { key: "referenceDate", name: "Reference date", kind: "date", defaultValue: 0, unit: "date", min: 0, max: 2958465, source: "Assumption: blank means today; daylight saving changes the overlap, so write the date the decision is for", description: "Date the working-hours overlap is computed for." },
  // Currencies
  { key: "reportingCurrency", name: "Reporting currency", kind: "currency", defaultValue: "USD", unit: "ISO 4217 code", source: "Assumption: US dollars, the currency of the onshore wage figures; set your own and give every other currency a rate in the exchange-rate table", description: "Currency every total is reported in; a row's Currency other than this one is converted with the exchange-rate table." },
  { key: "exchangeRateMaxAgeDays", name: "Exchange rate maximum age (days)", kind: "number", defaultValue: 90, unit: "days", min: 0, max: 3650, source: "Assumption: a quarter; exchange rates move enough within months to change a ranking, so an older rate is flagged", description: "A rate valid more than this many days before the reference date is flagged as stale (still used)." },
  // Over the term: how fast the vendor's rate rises each contract year where the contract does not cap it
  { ...pct("wageInflationIndia", "Wage inflation (India)", 0.092, 'Salaries projected to rise 9.2% in 2025 (9.3% in 2024; 7.7% for technology consulting and services): Aon, "Annual Salary Increase and Turnover Survey 2024-25, India", 2025', "Yearly rise of a rate delivered from India, in each contract year after the first, unless the row's Indexation cap is lower."), unit: "% a year" },
  { ...pct("wageInflationChina", "Wage inflation (China)", 0.053, 'Salaries in China projected to rise 5.3% in 2025: Aon, Annual Salary Increase and Turnover Survey 2024-25, Asia-Pacific projections, as reported in "India\'s salary growth to slow further in 2025", YourStory, February 2025', "Yearly rise of a rate delivered from China, in each contract year after the first, unless the row's Indexation cap is lower."), unit: "% a year" },
  { ...pct("wageInflationOther", "Wage inflation (other countries)", 0.04, "Assumption: no public series was taken for every country; a moderate yearly rise, set it for your vendors' countries", "Yearly rise of a rate delivered from any other country (or with no country), in each contract year after the first, unless the row's Indexation cap is lower."), unit: "% a year" },
  // Row defaults
  { key: "defaultDurationMonths", name: "Default duration (months)", kind: "number", defaultValue: 12, unit: "months", min: 0.1, max: 600, source: "Assumption: a one-year engagement, the period annual contract value figures refer to", description: "Duration used when a row gives none." },
  { key: "defaultAttrition", name: "Default attrition", kind: "percent", defaultValue: 0.2, unit: "% per year", min: 0, max: 1, source: "Large offshore providers' FY22-FY23 results: 15-25% a year typical, 28% stress case", description: "Annual attrition used when a row gives none." },
  // Cost lines
  pct("vendorSelectionPct", "Vendor selection %", 0.01, `${CIO}: 0.2-2% of annual contract value`, "Cost of choosing the vendor, as a share of one year's labour (the whole labour when shorter)."),
  pct("transitionPct", "Transition %", 0.025, `${CIO}: 2-3% of contract value (widely quoted, not verified); 3-12 months of vendor staff onsite`, "Transition and knowledge transfer, as a share of labour."),
  ...family(ENGAGEMENT_MODELS, [0.07, 0.06, 0.05, 0.04, 0.04, 0.07], (c, v) =>
    pct(`governancePct${pascal(c)}`, `Governance % (${c})`, v, `${EQUATERRA}: satisfaction highest at 4-7% of annual contract value (TPI: 3-5% typical); higher where the buyer directs the work (${CGI})`, `Buyer's contract and delivery management under ${c}, as a share of labour.`),
  ),
  ...family(LOCATION_MODELS, [0, 0.03, 0.08], (c, v) =>
    pct(`productivityBasePct${pascal(c)}`, `Productivity loss % (${c})`, v, `${CIO}: lost productivity up to 20% in the first two years (Meta Group), 3-27% range; Assumption: split between location and missing overlap`, `Productivity lost to distance and culture for ${c} delivery, before any overlap shortfall.`),
  ),
  pct("productivityPctPerMissingHour", "Productivity loss % per missing overlap hour", 0.03, `Assumption: with 8% offshore base, 4 missing hours reach the Meta Group 20% (CIO 2003); ${CHAUVIN}: 1-2 fewer shared hours cut synchronous communication 9-11%`, "Extra productivity lost for each hour the overlap falls short of what the collaboration intensity needs."),
  pct("productivityMaxPct", "Productivity loss % maximum", 0.27, `${CIO}: 3-27% range`, "Cap on the productivity loss line."),
  { key: "productivityLossMonths", name: "Productivity loss period (months)", kind: "number", defaultValue: 24, unit: "months from the start", min: 0, max: 600, source: `${CIO}: lost productivity up to 20% in the first two years (Meta Group)`, description: "The loss applies to the labour of these first months only (labour spread evenly over the duration); later the team is up to speed." },
  ...family(LEVELS, [0.08, 0.04, 0.01], (c, v) =>
    pct(`reworkPct${c}Clarity`, `Rework % (${c} clarity)`, v, `Assumption: no published rework rate was found; grows as requirements clarity falls, kept low so that no combination exceeds the worst case of ${CIO} (hidden costs of 57% of contract value)`, `Work redone because requirements were unclear, when clarity is ${c}, before the buyer's share by pricing model.`),
  ),
  ...family(PRICING_MODELS, PRICING_MODELS.map((p) => REWORK_BUYER_SHARE[p]), (p, v) =>
    ({ ...pct(`reworkBuyerShare${pascal(p)}`, `Rework paid by buyer (${p})`, v, `Assumption: who pays rework follows who carries delivery risk under each pricing model (UK Cabinet Office, "Risk Allocation and Pricing Approaches", 2021; ${CGI}): hours and capacity are the buyer's, a fixed, per-unit or outcome price is delivered to the spec at the vendor's cost`, `Share of the rework the buyer pays under ${p}.`), unit: "% of the rework" }),
  ),
  ...PRICING_MODELS.flatMap((p) =>
    family(LEVELS, CHANGE_REQUEST_DEFAULTS[p], (c, v) =>
      pct(`changeRequestPct${pascal(p)}${c}Clarity`, `Change request % (${p}, ${c} clarity)`, v, `Assumption: no published change-request markup was found; moved scope is paid by the buyer under every pricing model, repriced with a risk premium under a fixed, per-unit or outcome price (${GUIDE}); kept low so that no combination exceeds the worst case of ${CIO}`, `Change requests for moved scope, paid on top of the agreed price under ${p} when clarity is ${c}.`),
    ),
  ),
  { key: "knowledgeLossMonths", name: "Knowledge loss per departure (months)", kind: "number", defaultValue: 2, unit: "months of one person's output", min: 0, max: 24, source: "Assumption: a replacement needs about two months to reach the leaver's output", description: "Output lost each time a vendor team member leaves; never more than the engagement's duration." },
  ...family(LOCATION_MODELS, [0.005, 0.015, 0.03], (c, v) =>
    pct(`travelPct${pascal(c)}`, `Travel % (${c})`, v, "Assumption: no published figure; visits cost more the farther the vendor; kept at the low end", `Travel for workshops, onboarding and reviews with ${c} delivery.`),
  ),
  ...family(SENSITIVITIES, [0, 0.005, 0.015, 0.03], (c, v) =>
    pct(`securityPct${pascal(c)}`, `Security % (${c})`, v, `Assumption: no published figure; supplier assessment, access control and evidence reviews grow with sensitivity (${NIST_161}); kept at the low end`, `Security and compliance work for ${c} data.`),
  ),
  pct("severancePct", "Severance and retention %", 0.04, `${CIO}: layoffs and retention 3-5%`, "Severance and retention bonuses when the engagement replaces in-house staff."),
  // Overlap need (location fit, productivity loss, communication friction)
  ...family(LEVELS, [0, 2, 4], (c, v) =>
    hoursNeed(`overlapNeed${c}Collaboration`, `Overlap need (${c} collaboration)`, v, c === "Low" ? `Assumption: asynchronous work with planned checkpoints needs no live overlap (${GUIDE})` : OVERLAP_RULE, `Shared working hours a day that ${c.toLowerCase()}-collaboration work needs.`),
  ),
  ...family(LEVELS, [0, 0, 1], (c, v) =>
    hoursNeed(`overlapExtra${c}Urgency`, `Overlap extra (${c} urgency)`, v, "Assumption: urgent work needs decisions the same day", `Extra overlap needed when urgency is ${c}.`),
  ),
  ...family(SENSITIVITIES, [0, 0, 0, 1], (c, v) =>
    hoursNeed(`overlapExtra${pascal(c)}`, `Overlap extra (${c} data)`, v, "Assumption: access approvals and incident handling on regulated data need live contact", `Extra overlap needed when data sensitivity is ${c}.`),
  ),
  hoursNeed("shiftToleranceHours", "Overlap gap a shift can close (hours)", 2, "GlobalLogic distributed-agile pattern: teams 10-12 h apart shift hours to reach 2-3 h of overlap", "A shortfall up to this many hours is a manageable trade-off; beyond it, a blocker."),
  // Onshore reference rate by work type, and how far a nearshore clock may be. A public wage
  // series exists for the wage; what a buyer's own onshore hour costs on top of it does not,
  // so the multiplier is its own row the buyer can change.
  ...family(WORK_TYPES, WORK_TYPE_WAGES.map((w) => w[0]), (c, v) => ({
    key: `onshoreWage${pascal(c)}`, name: `Onshore median hourly wage (${c})`, kind: "number" as const, defaultValue: v, unit: "currency per hour", min: 0.01, max: 100000,
    source: `Assumption: near the ${BLS_OEWS} for ${WORK_TYPE_WAGES[WORK_TYPES.indexOf(c)][1]}, rounded; check the current release and set your own, in the reporting currency`,
    description: `What an onshore employee doing ${c.toLowerCase()} work earns an hour before benefits; times the loaded-cost multiplier it is the onshore reference rate for this work.`,
  })),
  { key: "onshoreLoadedCostMultiplier", name: "Onshore loaded-cost multiplier", kind: "multiplier", defaultValue: 1.42, unit: "x wage", min: 1, max: 5, source: `${BLS_ECEC}: private industry wages and salaries averaged $31.25 of $44.40 total compensation per hour worked (x1.42); Assumption: benefits only, no office, equipment or management overhead, so the onshore rate it gives is on the low side`, description: "Onshore reference hourly rate = onshore median hourly wage x this multiplier: what an onshore hour of the same work costs the employer." },
  ({ ...hoursNeed("nearshoreMaxClockHours", "Nearshore clock difference, maximum (hours)", 3, `Assumption: nearshore means a nearby country in a similar time band; within 3 h a 9:00-17:00 day still shares 5 of its 8 hours, above the 4 h comfortable overlap (${OVERLAP_RULE.replace("Practitioner rule: ", "")})`, "A vendor in another country whose clock is at most this many hours from the buyer's is Nearshore when the row gives no Location model; farther is Offshore."), unit: "hours between the clocks", max: 12 }),
  { key: "minTradeOffLeverage", name: "Minimum cost leverage for a trade-off", kind: "percent", defaultValue: 0.25, unit: "% below the onshore reference rate", min: 0, max: 1, source: `Assumption: a time-zone gap is weighed against cost leverage (${GUIDE}); a gap is worth managing only when it saves at least this share`, description: "A shortfall in overlap is a manageable trade-off only when the effective hourly rate is at least this far below the onshore reference rate; otherwise it is a blocker." },
  // Risk drivers
  ...family(LEVELS, [10, 25, 40], (c, v) =>
    points(`communicationPoints${c}Collaboration`, `Communication risk (${c} collaboration)`, v, `${NO_SOURCE}: communication friction grows with the live collaboration the work needs (${GUIDE})`, `Communication friction before any overlap shortfall, when collaboration is ${c}.`),
  ),
  points("communicationPointsPerMissingHour", "Communication risk per missing overlap hour", 15, `${NO_SOURCE}: ${CHAUVIN} found each lost shared hour cuts synchronous communication`, "Risk points added for each hour the overlap falls short of the need."),
  { key: "hiddenCostShareForFullRisk", name: "Hidden cost share for full risk", kind: "percent", defaultValue: 0.6, unit: "% of labour", min: 0.01, max: 10, source: "Assumption: hidden costs at 60% of labour erase most of a typical offshore rate advantage", description: "Hidden costs (all lines but labour) at this share of labour score 100." },
  ...family(LEVELS, [70, 35, 10], (c, v) =>
    points(`scopeDriftPoints${c}Clarity`, `Scope drift risk (${c} clarity)`, v, `${NO_SOURCE}: scope drifts when work moves before deliverables are stable (${GUIDE})`, `Scope drift when requirements clarity is ${c}.`),
  ),
  ...family(LEVELS, [0, 10, 20], (c, v) =>
    points(`scopeDriftPoints${c}Urgency`, `Scope drift risk (${c} urgency)`, v, `${NO_SOURCE}: urgent work is moved before it is defined (${GUIDE})`, `Scope drift added when urgency is ${c}.`),
  ),
  ...family(SENSITIVITIES, [5, 25, 55, 85], (c, v) =>
    points(`dataRiskPoints${pascal(c)}`, `Data risk (${c})`, v, `${NO_SOURCE}: inherent risk grows with data sensitivity (vendor tiering practice; ${NIST_161})`, `Data and cyber risk for ${c} data.`),
  ),
  points("dataRiskCertificationCredit", "Data risk credit for security certification", 20, NO_SOURCE + ": a security certification (ISO 27001, SOC 2...) is evidence of foundational practices (NIST SP 1326, initial public draft, 2024)", "Points taken off data risk when the vendor holds a security certification."),
  ...family(LEVELS, [25, 15, 5], (c, v) =>
    points(`qualityPoints${c}Clarity`, `Quality risk (${c} clarity)`, v, `${NO_SOURCE}: quality varies when the definition of done is vague (${GUIDE}); smaller than the scope drift points, so that requirements clarity drives scope drift most and is not counted three times over`, `Quality inconsistency when requirements clarity is ${c}.`),
  ),
  { key: "qualityPointsPerAttrition", name: "Quality risk per 100% attrition", kind: "number", defaultValue: 100, unit: "risk points per 100% attrition", min: 0, max: 500, source: NO_SOURCE + ": leavers take context with them; 20% attrition adds 20 points", description: "Quality risk added in proportion to annual attrition." },
  ...family(ENGAGEMENT_MODELS, [50, 40, 35, 30, 35, 50], (c, v) =>
    points(`governanceGapPoints${pascal(c)}`, `Governance gap risk (${c})`, v, `${NO_SOURCE}: buyers assume the provider owns more than the contract states (${GUIDE}); heavier where the buyer directs the work (${CGI})`, `Governance gaps under ${c}.`),
  ),
  ...family(ENGAGEMENT_MODELS, [20, 35, 25, 50, 55, 40], (c, v) =>
    points(`dependencyPoints${pascal(c)}`, `Dependency risk (${c})`, v, `${NO_SOURCE}: over-reliance on one vendor is a risk (${BRESDEL}); the more of the process the vendor runs, the harder to switch`, `Dependency on the vendor under ${c}.`),
  ),
  points("dependencyPointsReplacesStaff", "Dependency risk when replacing staff", 25, `${NO_SOURCE}: the in-house skills leave with the displaced staff, deepening the reliance on the vendor (${BRESDEL})`, "Dependency added when the engagement replaces in-house staff."),
  { key: "dependencyPointsPerMonth", name: "Dependency risk per month", kind: "number", defaultValue: 1, unit: "risk points per month", min: 0, max: 100, source: NO_SOURCE + ": reliance grows with the length of the engagement", description: "Dependency added for each month of the engagement, up to the cap." },
  points("dependencyDurationCapPoints", "Dependency risk from duration, maximum", 25, NO_SOURCE + ": duration alone should not outweigh the engagement model", "Cap on the dependency added by duration."),
  ...RISK_KEYS.map((r): SpecInput => ({
    key: `weight${pascal(r)}`, name: `Risk weight (${r.charAt(0).toUpperCase() + r.slice(1)})`, kind: "multiplier",
    defaultValue: r === "data and cyber" ? 1.5 : r === "dependency" ? 0.5 : 1, unit: "weight", min: 0, max: 100, source: WEIGHTS_NOTE,
    description: `Weight of the ${r} risk in the risk score.`,
  })),
  points("mediumRiskFrom", "Medium risk from score", 25, NO_SOURCE + ": quartiles of the 0-100 scale", "Scores from here are Medium."),
  points("highRiskFrom", "High risk from score", 50, NO_SOURCE + ": quartiles of the 0-100 scale", "Scores from here are High."),
  points("criticalRiskFrom", "Critical risk from score", 75, NO_SOURCE + ": quartiles of the 0-100 scale", "Scores from here are Critical; regulated data without a security certification is at least this."),
  points("criticalDriverScore", "Critical single risk score", 90, `${NO_SOURCE}: the maximum-risk rule of vendor tiering practice, where one critical factor sets the floor of the tier`, "One risk scoring at least this lifts the total to at least the High threshold."),
  // Rules the risk score and the checklist read: certifications, mitigations, commercial fit, pilot
  list("certificationKeywords", "Security certification keywords", DEFAULT_CERTIFICATION_KEYWORDS, "words, separated by commas",
    `${NO_SOURCE}: the certifications buyers commonly accept as evidence of foundational security practice (NIST SP 1326, initial public draft, 2024); add or remove the ones you accept`,
    "A Certifications entry counts as a security certification when it contains one of these, in any case, and none of the not-held words."),
  list("certificationNotHeldWords", "Certification not-held words", DEFAULT_NOT_HELD_WORDS, "words or phrases, separated by commas",
    `${NO_SOURCE}: a buyer's evidence is a current certificate, so an entry that is negated, planned, pending, in progress or expired does not count`,
    "An entry holding one of these as a whole word or phrase, in any case, names a certification the vendor does not hold today ('No PCI DSS', 'SOC 2 planned 2027')."),
  points("mitigationFromScore", "Mitigations: any risk from score", 60, `${NO_SOURCE}: a risk this high needs its mitigation in the contract even beyond the top risks (${GUIDE}: each risk has its mitigation)`, "The checklist lists the mitigation of every risk scoring at least this."),
  { key: "mitigationTopDrivers", name: "Mitigations: top risks listed", kind: "number", defaultValue: 3, unit: "risks", min: 0, max: 7, source: `${NO_SOURCE}: the three highest risks are what a contract review can act on first`, description: "The checklist lists the mitigations of this many highest-scoring risks (those above zero), and of any risk at or above the score above." },
  ...ENGAGEMENT_MODELS.map((c) =>
    list(`typicalPricing${pascal(c)}`, `Typical pricing (${c})`, TYPICAL_PRICING_DEFAULTS[c], "pricing models, separated by commas",
      c === "Staff augmentation" || c === "Managed service"
        ? `${CGI}`
        : `${NO_SOURCE}: follows from who carries delivery risk (Cabinet Office (UK), "Risk Allocation and Pricing Approaches", 2021)`,
      `Pricing models usually paired with ${c}: under another one a commercial fit that would be Ready is Verify, to check who carries the risk.`, PRICING_MODELS),
  ),
  { key: "pilotShareOfDuration", name: "Pilot share of the engagement", kind: "percent", defaultValue: 0.25, unit: "% of duration", min: 0, max: 1, source: `${NO_SOURCE}: a small, measurable pilot before scaling (${GUIDE}); a quarter of the engagement, rounded to whole months`, description: "The pilot plan runs this share of the engagement's months, rounded, within the minimum and maximum below." },
  { key: "pilotMinMonths", name: "Pilot length, minimum (months)", kind: "number", defaultValue: 1, unit: "months", min: 0.1, max: 600, source: `${NO_SOURCE}: less than a month shows too few accepted work items to judge`, description: "Shortest pilot the plan proposes." },
  { key: "pilotMaxMonths", name: "Pilot length, maximum (months)", kind: "number", defaultValue: 3, unit: "months", min: 0.1, max: 600, source: `${NO_SOURCE}: a quarter is long enough to measure and short enough to stop (${GUIDE}: a measurable pilot, reviewed before scaling)`, description: "Longest pilot the plan proposes; also the pilot when the engagement has no duration." },
  { key: "engagementStartDate", name: "Engagement start date", kind: "date", defaultValue: 0, unit: "date", min: 0, max: 2958465, source: `${NO_SOURCE}: blank means not known yet; the checklist then gives each item's stage (before signature, before onboarding, in the pilot, at the first quarterly review) without dates`, description: "First day of the engagement. The checklist dates its items from it: signature 14 days before, onboarding on it, the pilot's end, and the first quarterly review three months after." },
];

// Ranges of the cost assumptions. A published range where one exists; elsewhere half to one
// and a half times the default, labelled as an assumption. Cost grows with every one of them
// (cost.ts), so all lows together give the lowest total and all highs the highest.
const NO_RANGE_SOURCE = "Assumption: no published range was found; half to one and a half times the default";
const SOURCED_RANGES: Readonly<Record<string, readonly [number, number, string]>> = {
  defaultAttrition: [0.15, 0.25, "15-25%: large offshore providers' FY22-FY23 results, 15-25% a year typical; applied to each row's attrition, widened to include the row's own figure"],
  vendorSelectionPct: [0.002, 0.02, `0.2-2%: ${CIO}, 0.2-2% of annual contract value`],
  transitionPct: [0.02, 0.03, `2-3%: ${CIO}, 2-3% of contract value (widely quoted, not verified)`],
  severancePct: [0.03, 0.05, `3-5%: ${CIO}, layoffs and retention 3-5%`],
  productivityBasePctOffshore: [0.03, 0.2, `3-20%: ${CIO}, from the 3% low end of its 3-27% range to the Meta Group's up to 20% in the first two years`],
  ...Object.fromEntries(
    ENGAGEMENT_MODELS.map((c) => [
      `governancePct${pascal(c)}`,
      [0.03, 0.07, `3-7%: from the low end of TPI's 3-5% typical (S. Hall, TPI, as quoted by Nearshore Americas) to the top of the 4-7% of annual contract value at which satisfaction is highest (${EQUATERRA})`],
    ]),
  ),
};
/** Cost assumptions with no published range: half to one and a half times their default. */
const UNSOURCED_RANGE = /^(productivityBasePct|productivityPctPerMissingHour$|reworkPct|changeRequestPct|knowledgeLossMonths$|travelPct|securityPct)/;

function rangeText(spec: SpecInput, low: number, high: number): string {
  const n = (x: number) => String(Number((spec.kind === "percent" ? x * 100 : x).toFixed(4)));
  return spec.kind === "percent" ? `${n(low)}-${n(high)}%` : `${n(low)}-${n(high)} ${spec.unit}`;
}

function withRange(spec: SpecInput): SpecInput {
  const sourced = SOURCED_RANGES[spec.key];
  if (sourced) return { ...spec, range: { low: sourced[0], high: sourced[1], source: sourced[2] } };
  if (!UNSOURCED_RANGE.test(spec.key) || typeof spec.defaultValue !== "number" || spec.defaultValue === 0) return spec;
  const low = Number((spec.defaultValue * 0.5).toFixed(6));
  const high = Number(Math.min(spec.max ?? Infinity, spec.defaultValue * 1.5).toFixed(6));
  return { ...spec, range: { low, high, source: `${rangeText(spec, low, high)}: ${NO_RANGE_SOURCE}` } };
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
  return typeof value === "string" ? `'${value}'` : String(value);
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
    if (!known) return assumptionError(spec.name, cell, `${spec.name}: '${item}' is not one of ${spec.allowed.join(", ")}`);
    if (!canonical.includes(known)) canonical.push(known);
  }
  return { ok: true, value: canonical.join(", ") };
}

const assumptionCache = new Map<string, Result<Assumptions>>();
const DEFAULTS_RESULT: Result<Assumptions> = Object.freeze({ ok: true as const, value: DEFAULT_ASSUMPTIONS });

function tableKey(table: readonly (readonly CellValue[])[], todaySerial: number): string {
  let key = String(todaySerial);
  for (const row of table) {
    key += "\u0002";
    for (let i = 0; i < Math.min(row?.length ?? 0, 2); i++) {
      const v = row[i];
      key += (v === null || v === undefined ? "" : typeof v + ":" + String(v)) + "\u0001";
    }
  }
  return key;
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
    if (!spec) return assumptionError(String(name), name, `Unknown assumption '${String(name)}'; the names are listed on the assumptions sheet and in the README`);
    if (seen.has(spec.key)) return assumptionError(spec.name, name, `Assumption '${spec.name}' is given twice`);
    seen.add(spec.key);
    const parsed = parseValue(spec, value, todaySerial);
    if (!parsed.ok) return parsed;
    values[spec.key] = parsed.value;
  }
  return { ok: true, value: Object.freeze(values) as unknown as Assumptions };
}
