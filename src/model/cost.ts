/*
 * Total cost. Names in [brackets] are rows of the assumptions sheet; <Field> is the row's
 * value for that column; O = overlap hours (given); every percent is a fraction of labour.
 *
 *   labour               = <Hourly rate> * <Hours> * <exchange rate of <Currency>>
 *   vendorSelection      = labour * MIN(1, 12 / <Duration (months)>) * [Vendor selection %]
 *   transition           = labour * [Transition %]
 *   governance           = labour * [Governance % (<Engagement model>)]
 *   productivityLoss     = labour * MIN(1, [Productivity loss period (months)] / <Duration (months)>)
 *                            * MIN([Productivity loss % maximum],
 *                            [Productivity loss % (<Location model>)]
 *                            + [Productivity loss % per missing overlap hour]
 *                              * MAX(0, [Overlap need (<Collaboration intensity> collaboration)] - O))
 *   rework               = labour * [Rework % (<Requirements clarity> clarity)] * [Rework paid by buyer (<Pricing model>)]
 *   changeRequests       = labour * [Change request % (<Pricing model>, <Requirements clarity> clarity)]
 *   attritionKnowledgeLoss = labour * <Attrition> * MIN([Knowledge loss per departure (months)], <Duration (months)>) / 12
 *   travel               = labour * [Travel % (<Location model>)]
 *   securityCompliance   = labour * [Security % (<Data sensitivity>)]
 *   severanceRetention   = IF(<Replaces in-house staff>, labour * [Severance and retention %], 0)
 *   exitTransitionOut    = labour * MIN(1, 12 / <Duration (months)>) * [Exit and transition-out %]
 *   total                = labour + the eleven lines above
 *   effectiveHourlyRate  = IF(<Hours> > 0, total / <Hours>, 0)
 *
 * Why attrition reads so: a team of F people over D months loses F * attrition * D / 12
 * people, each costing K months of one person's labour (labour / (F * D) a month), which
 * is labour * attrition * K / 12 whatever the team size; K cannot exceed the duration.
 * Why productivity loss reads so: the Meta Group figure (CIO 2003) is a loss "in the first
 * two years", so it applies to the labour of the first months only, the labour being spread
 * evenly over the duration. Why rework reads so: under a fixed, per-unit or outcome price
 * the vendor delivers to the spec at its own cost (PRICING_ALLOCATION in assumptions.ts);
 * moved scope stays a change request the buyer pays under every pricing model.
 * Why vendor selection reads so: the CIO figure is a share of annual contract value, and
 * one year's labour is labour * 12 / D, or the whole labour for engagements under a year.
 * Why the exit reads so too: termination assistance runs for a stated period at the end,
 * priced on the service as it then runs (a year's labour), not on every year of the term.
 * Why labour reads so: every amount is in the reporting currency, and the rate converts at
 * the exchange-rate table's rate for the row's Currency (1 for the reporting currency), so
 * every line, a share of labour, is converted with it.
 * Lines are in this fixed order; the factors and explanations are built once per assumptions
 * object and category (CostCache below).
 */
import type { CostBreakdown, CostLine, Level, PricingModel, VendorRow } from "./types";
import { ENGAGEMENT_MODELS, LEVELS, LOCATION_MODELS, PRICING_MODELS, SENSITIVITIES } from "./types";
import type { Assumptions } from "./assumptions";
import { CATEGORY_BITS, byPosition, categoriesOf, hoursText, percentText, tablesFor, type Tables } from "./tables";
import { rowOverlapHours } from "./fit";

export const COST_LINES = [
  { key: "vendorSelection", label: "Vendor selection" },
  { key: "transition", label: "Transition and knowledge transfer" },
  { key: "governance", label: "Governance" },
  { key: "productivityLoss", label: "Productivity loss" },
  { key: "rework", label: "Rework" },
  { key: "changeRequests", label: "Change requests" },
  { key: "attritionKnowledgeLoss", label: "Attrition knowledge loss" },
  { key: "travel", label: "Travel" },
  { key: "securityCompliance", label: "Security and compliance" },
  { key: "severanceRetention", label: "Severance and retention" },
  { key: "exitTransitionOut", label: "Exit and transition-out" },
] as const;
export type CostLineKey = (typeof COST_LINES)[number]["key"];

const GOVERNANCE_WHY: Record<string, string> = {
  "Staff augmentation": "under staff augmentation the buyer directs the daily work and carries delivery risk",
  "Dedicated team": "with a dedicated team the buyer still directs the work while the vendor handles people",
  Project: "on a project the buyer owns requirements and change control",
  "Managed service": "under a managed service the buyer manages service levels, not the daily work",
  BPO: "under BPO the buyer manages KPIs and keeps regulatory accountability",
  "Outcome-based": "outcome-based contracts need measurement and settle disputes over results",
};

// Positions of the lines in COST_LINES.
const VENDOR_SELECTION = 0, TRANSITION = 1, GOVERNANCE = 2, PRODUCTIVITY = 3, REWORK = 4, CHANGES = 5, ATTRITION = 6, TRAVEL = 7, SECURITY = 8, SEVERANCE = 9, EXIT = 10;

/**
 * What a row's categories decide under one assumptions object: the factors of the lines and
 * the explanations that read nothing else, by each category's position in its list (the words
 * a row holds are those lists' own strings, so finding a position is cheap). Small arrays every
 * row reads, so they stay in the processor's cache: a profile per combination of categories,
 * thousands in a varied table, would be fetched from memory on most rows.
 */
interface CostTexts {
  /** By engagement model. */
  readonly governance: (string | undefined)[];
  /** By pricing model * LEVELS.length + clarity, as the three below. */
  readonly rework: (string | undefined)[];
  /** The rework line of every row whose buyer pays no rework (an amount of 0), shared as drivers are. */
  readonly noRework: (CostLine | undefined)[];
  readonly changes: (string | undefined)[];
  /** By location model. */
  readonly travel: (string | undefined)[];
  /** By data sensitivity. */
  readonly security: (string | undefined)[];
  /**
   * The productivity loss explanation by overlap, then by the share of labour in the loss
   * period, by location model * LEVELS.length + collaboration, the only categories it reads.
   */
  readonly productivity: (Map<number, Map<number, string>> | undefined)[];
}

/** Per assumptions object (its Tables): the factors and texts by category, and the texts that only the assumptions decide. */
interface CostCache {
  /** By collaboration. */
  readonly need: Float64Array;
  /** By location model, as travel. */
  readonly productivityBase: Float64Array;
  readonly travel: Float64Array;
  /** By clarity. */
  readonly rework: Float64Array;
  /** By pricing model. */
  readonly reworkShare: Float64Array;
  /** By pricing model * LEVELS.length + clarity. */
  readonly change: Float64Array;
  /** By engagement model. */
  readonly governance: Float64Array;
  /** By data sensitivity. */
  readonly security: Float64Array;
  /**
   * Built on the first breakdown that shows them: a total alone (a range end, a tornado bar,
   * under one of many moved assumptions objects) never reads them.
   */
  readonly texts: CostTexts;
  /** [the whole labour is one year or less, a share of it is]. */
  readonly selectionTexts: readonly [string, string];
  readonly exitTexts: readonly [string, string];
  readonly transitionText: string;
  /** For a row that replaces in-house staff. */
  readonly severanceText: string;
  /**
   * The severance line of every row that replaces no in-house staff: its amount is 0 and its
   * text fixed, so rows share it (results are read-only) rather than allocate one each.
   */
  readonly noSeverance: CostLine;
  /** The attrition explanation by attrition, then by the months each leaver costs. */
  readonly attritionTexts: Map<number, Map<number, string>>;
  /** The productivity and attrition texts last found, by slots their numbers pick (see Recent); made on the first breakdown. */
  recentProductivity: (Recent | undefined)[] | undefined;
  recentAttrition: (Recent | undefined)[] | undefined;
}

/**
 * A text found in a map above with what it was found by: the map (`owner`) and two numbers.
 * Kept at a slot the numbers pick, so the next row with the same numbers finds it with one
 * array read and three comparisons, where the maps, keyed by fractional numbers, cost a hash
 * each. A slot holds one text at a time; a row whose numbers differ falls back to the maps.
 */
interface Recent {
  readonly owner: object;
  readonly x: number;
  readonly y: number;
  readonly text: string;
}
function recent(slots: (Recent | undefined)[], slot: number, owner: object, x: number, y: number): string | undefined {
  const r = slots[slot];
  return r !== undefined && r.owner === owner && r.x === x && r.y === y ? r.text : undefined;
}

function keepRecent(slots: (Recent | undefined)[], slot: number, owner: object, x: number, y: number, text: string): string {
  slots[slot] = { owner, x, y, text };
  return text;
}

/** `size` empty slots, every one there from the start so the array keeps fast elements. */
function slots<V>(size: number): (V | undefined)[] {
  return new Array<V | undefined>(size).fill(undefined);
}

/** Empty text slots; a row with a word outside the lists (built by hand) gets fresh ones, never kept. */
function costTexts(): CostTexts {
  const pr = PRICINGS.length * LEVEL_WORDS.length;
  return {
    governance: slots(ENGAGEMENTS.length), rework: slots(pr), noRework: slots(pr), changes: slots(pr),
    travel: slots(LOCATIONS.length), security: slots(SENSITIVITY_WORDS.length), productivity: slots(LOCATIONS.length * LEVEL_WORDS.length),
  };
}

function cacheOf(t: Tables): CostCache {
  let c = t.cost as CostCache | undefined;
  if (c === undefined) {
    const a = t.a;
    c = {
      need: byPosition(LEVEL_WORDS, t.overlapNeed),
      productivityBase: byPosition(LOCATIONS, t.productivityBasePct),
      travel: byPosition(LOCATIONS, t.travelPct),
      rework: byPosition(LEVEL_WORDS, t.reworkPct),
      reworkShare: byPosition(PRICINGS, t.reworkBuyerShare),
      change: Float64Array.from(PRICINGS.flatMap((p) => LEVEL_WORDS.map((r) => t.changeRequestPct[p as PricingModel][r as Level]))),
      governance: byPosition(ENGAGEMENTS, t.governancePct),
      security: byPosition(SENSITIVITY_WORDS, t.securityPct),
      texts: costTexts(),
      selectionTexts: [
        `${percentText(a.vendorSelectionPct)} of labour to choose and contract the vendor (0.2-2% of annual contract value, CIO 2003).`,
        `${percentText(a.vendorSelectionPct)} of one year's labour to choose and contract the vendor (0.2-2% of annual contract value, CIO 2003).`,
      ],
      exitTexts: [
        `${percentText(a.exitPct)} of labour for the exit: termination assistance and the hand-over of knowledge, documents, code and data to the next provider or your own team (an assumption: no published rate exists).`,
        `${percentText(a.exitPct)} of one year's labour for the exit: termination assistance and the hand-over of knowledge, documents, code and data to the next provider or your own team (an assumption: no published rate exists).`,
      ],
      transitionText: `${percentText(a.transitionPct)} of labour for transition and knowledge transfer before the vendor is productive.`,
      severanceText: `${percentText(a.severancePct)} of labour for severance and retention of the in-house staff this replaces (3-5%, CIO 2003).`,
      noSeverance: { key: COST_LINES[SEVERANCE].key, label: COST_LINES[SEVERANCE].label, amount: 0, explanation: "None: the engagement replaces no in-house staff." },
      attritionTexts: new Map(),
      recentProductivity: undefined,
      recentAttrition: undefined,
    };
    t.cost = c;
  }
  return c;
}

// The factors of one row, written by factorsOf and read straight after by amountsOf and costFrom
// (the model runs on one thread and nothing in between computes another row).
const FACTORS = new Float64Array(8);
const NEED = 0, BASE = 1, REWORK_PCT = 2, SHARE = 3, CHANGE_PCT = 4, GOVERNANCE_PCT = 5, TRAVEL_PCT = 6, SECURITY_PCT = 7;

/** Fills FACTORS for the row: by position from the cache, or, for a word outside the lists, from the tables by word. */
function factorsOf(c: CostCache, t: Tables, row: VendorRow, cats: number): void {
  const f = FACTORS;
  if (cats < 0) {
    const location = row.locationModel;
    f[NEED] = t.overlapNeed[row.collaborationIntensity];
    f[BASE] = t.productivityBasePct[location];
    f[REWORK_PCT] = t.reworkPct[row.requirementsClarity];
    f[SHARE] = t.reworkBuyerShare[row.pricingModel];
    f[CHANGE_PCT] = t.changeRequestPct[row.pricingModel][row.requirementsClarity];
    f[GOVERNANCE_PCT] = t.governancePct[row.engagementModel];
    f[TRAVEL_PCT] = t.travelPct[location];
    f[SECURITY_PCT] = t.securityPct[row.dataSensitivity];
    return;
  }
  const p = (cats >> B.pricing) & 7, r = (cats >> B.clarity) & 7, l = (cats >> B.location) & 7;
  f[NEED] = c.need[(cats >> B.collaboration) & 7];
  f[BASE] = c.productivityBase[l];
  f[REWORK_PCT] = c.rework[r];
  f[SHARE] = c.reworkShare[p];
  f[CHANGE_PCT] = c.change[p * LEVEL_WORDS.length + r];
  f[GOVERNANCE_PCT] = c.governance[(cats >> B.engagement) & 7];
  f[TRAVEL_PCT] = c.travel[l];
  f[SECURITY_PCT] = c.security[(cats >> B.sensitivity) & 7];
}

// The category lists, read once: an imported binding may be a getter on every read.
const ENGAGEMENTS: readonly string[] = ENGAGEMENT_MODELS;
const PRICINGS: readonly string[] = PRICING_MODELS;
const LEVEL_WORDS: readonly string[] = LEVELS;
const LOCATIONS: readonly string[] = LOCATION_MODELS;
const SENSITIVITY_WORDS: readonly string[] = SENSITIVITIES;
const B = CATEGORY_BITS;

function reworkText(pricing: string, clarity: string, reworkPct: number, reworkShare: number): string {
  return reworkShare === 0
    ? `None paid by the buyer: under ${pricing.toLowerCase()} the vendor delivers to the spec and redoes its own work (${percentText(reworkPct)} of labour would be redone at ${clarity.toLowerCase()} requirements clarity).`
    : `${percentText(reworkPct * reworkShare)} of labour redone because requirements clarity is ${clarity.toLowerCase()}${reworkShare === 1 ? "" : ` (the buyer pays ${percentText(reworkShare)} of ${percentText(reworkPct)} under ${pricing.toLowerCase()})`} (an assumption: no published rate exists).`;
}

function capped<K, V>(m: Map<K, V>, key: K, value: V): V {
  if (m.size > 5000) m.clear();
  m.set(key, value);
  return value;
}

/** `owner`: the texts of the row's location model and collaboration (CostTexts.productivity); FACTORS hold the row's. */
function productivityText(c: CostCache, owner: Map<number, Map<number, string>>, t: Tables, location: string, overlap: number, periodShare: number, missing: number, productivityPct: number): string {
  const kept = (c.recentProductivity ??= slots<Recent>(4096));
  // Overlap in quarter hours, the share in per mille, the location and the need, mixed into 12 bits.
  const slot = (Math.round(overlap * 4) * 521 + Math.round(periodShare * 1000) * 3 + location.length * 1031 + Math.round(FACTORS[NEED] * 4) * 131) & 4095;
  return recent(kept, slot, owner, overlap, periodShare) ??
    keepRecent(kept, slot, owner, overlap, periodShare, productivityTextOf(owner, t, location, overlap, periodShare, missing, productivityPct));
}

function productivityTextOf(owner: Map<number, Map<number, string>>, t: Tables, location: string, overlap: number, periodShare: number, missing: number, productivityPct: number): string {
  let byShare = owner.get(overlap);
  if (byShare === undefined) byShare = capped(owner, overlap, new Map<number, string>());
  const text = byShare.get(periodShare);
  if (text !== undefined) return text;
  const a = t.a;
  const need = FACTORS[NEED];
  const main = missing > 0
    ? `${percentText(productivityPct)} of labour lost: ${percentText(FACTORS[BASE])} for ${location.toLowerCase()} delivery plus ${percentText(a.productivityPctPerMissingHour)} for each of the ${hoursText(missing)} the ${hoursText(overlap)} overlap falls short of the ${hoursText(need)} this collaboration needs${productivityPct === a.productivityMaxPct ? " (capped)" : ""}`
    : `${percentText(productivityPct)} of labour lost to distance and hand-offs for ${location.toLowerCase()} delivery; the ${hoursText(overlap)} overlap covers the ${hoursText(need)} this collaboration needs`;
  // "... needs" + "." when the whole labour falls in the loss period, else the months it covers.
  return capped(byShare, periodShare, periodShare === 1
    ? `${main}.`
    : `${main}, on the ${percentText(periodShare)} of labour in the first ${Number(a.productivityLossMonths.toFixed(2))} months, after which the team is up to speed.`);
}

function attritionText(c: CostCache, attrition: number, knowledgeMonths: number): string {
  const kept = (c.recentAttrition ??= slots<Recent>(1024));
  const slot = (Math.round(attrition * 1000) * 7 + Math.round(knowledgeMonths * 4)) & 1023;
  return recent(kept, slot, c, attrition, knowledgeMonths) ??
    keepRecent(kept, slot, c, attrition, knowledgeMonths, attritionTextOf(c, attrition, knowledgeMonths));
}

function attritionTextOf(c: CostCache, attrition: number, knowledgeMonths: number): string {
  let byMonths = c.attritionTexts.get(attrition);
  if (byMonths === undefined) byMonths = capped(c.attritionTexts, attrition, new Map<number, string>());
  return byMonths.get(knowledgeMonths) ?? capped(byMonths, knowledgeMonths,
    `${percentText((attrition * knowledgeMonths) / 12)} of labour lost as ${percentText(attrition)} of the team leaves each year, each leaver costing ${Number(knowledgeMonths.toFixed(2))} months of output.`);
}

// The amounts of one row, written by amountsOf and read straight after by its caller (the
// model runs on one thread and nothing in between computes another row): the lines in
// COST_LINES order, then labour and the shares their explanations read. One computation
// serves the breakdown and the total alone, so the two can never differ.
const AMOUNTS = new Float64Array(COST_LINES.length + 6);
const LABOUR = COST_LINES.length, MISSING = LABOUR + 1, PRODUCTIVITY_PCT = LABOUR + 2, KNOWLEDGE_MONTHS = LABOUR + 3, SELECTION_SHARE = LABOUR + 4, PERIOD_SHARE = LABOUR + 5;

/** Fills AMOUNTS for the row, whose FACTORS are in place, and returns the total: labour, then each line in order. The tornado gives its own `labour` and `attrition` (costTotals). */
function amountsOf(row: VendorRow, a: Assumptions, overlap: number, labour = row.hourlyRate * row.hours * (row.exchange?.rate ?? 1), attrition = row.attrition): number {
  const out = AMOUNTS;
  const f = FACTORS;
  const d = row.durationMonths;
  const missing = Math.max(0, f[NEED] - overlap);
  const productivityPct = Math.min(a.productivityMaxPct, f[BASE] + a.productivityPctPerMissingHour * missing);
  const knowledgeMonths = Math.min(a.knowledgeLossMonths, d);
  const selectionShare = Math.min(1, 12 / d);
  const periodShare = Math.min(1, a.productivityLossMonths / d);
  out[VENDOR_SELECTION] = labour * selectionShare * a.vendorSelectionPct;
  out[TRANSITION] = labour * a.transitionPct;
  out[GOVERNANCE] = labour * f[GOVERNANCE_PCT];
  out[PRODUCTIVITY] = labour * periodShare * productivityPct;
  out[REWORK] = labour * f[REWORK_PCT] * f[SHARE];
  out[CHANGES] = labour * f[CHANGE_PCT];
  out[ATTRITION] = (labour * attrition * knowledgeMonths) / 12;
  out[TRAVEL] = labour * f[TRAVEL_PCT];
  out[SECURITY] = labour * f[SECURITY_PCT];
  out[SEVERANCE] = row.replacesInHouseStaff ? labour * a.severancePct : 0;
  out[EXIT] = labour * selectionShare * a.exitPct;
  out[LABOUR] = labour;
  out[MISSING] = missing;
  out[PRODUCTIVITY_PCT] = productivityPct;
  out[KNOWLEDGE_MONTHS] = knowledgeMonths;
  out[SELECTION_SHARE] = selectionShare;
  out[PERIOD_SHARE] = periodShare;
  let total = labour;
  for (let i = 0; i < LABOUR; i++) total += out[i];
  return total;
}

/** The total of costFrom(row, t, overlap), bit for bit, without its lines and explanations. */
export function costTotal(row: VendorRow, t: Tables, overlap: number): number {
  factorsOf(cacheOf(t), t, row, categoriesOf(row));
  return amountsOf(row, t.a, overlap);
}

/**
 * costTotal of one row per unit of labour (its rate, hours and exchange rate taken as 1), with
 * `attrition` for its own, under each of `tables`, into `out` in their order: the tornado's
 * dozens of totals per row, with the row's categories placed once for all of them and no copy of the row.
 */
export function costTotals(row: VendorRow, tables: readonly Tables[], overlap: number, out: Float64Array, attrition = row.attrition): void {
  const cats = categoriesOf(row);
  for (let i = 0; i < tables.length; i++) {
    const t = tables[i];
    factorsOf(cacheOf(t), t, row, cats);
    out[i] = amountsOf(row, t.a, overlap, 1, attrition);
  }
}

/** `cats`: categoriesOf(row), when the caller has it already. */
export function costFrom(row: VendorRow, t: Tables, overlap: number, cats = categoriesOf(row)): CostBreakdown {
  const c = cacheOf(t);
  factorsOf(c, t, row, cats);
  const total = amountsOf(row, t.a, overlap);
  const x = AMOUNTS, f = FACTORS;
  // The texts by the categories' positions; a row with a word outside the lists reads fresh slots at 0.
  const known = cats >= 0;
  const T = known ? c.texts : costTexts();
  const e = known ? (cats >> B.engagement) & 7 : 0, p = known ? (cats >> B.pricing) & 7 : 0, r = known ? (cats >> B.clarity) & 7 : 0;
  const l = known ? (cats >> B.location) & 7 : 0, s = known ? (cats >> B.sensitivity) & 7 : 0, k = known ? (cats >> B.collaboration) & 7 : 0;
  const pr = p * LEVEL_WORDS.length + r;
  const location = row.locationModel, pricing = row.pricingModel, clarity = row.requirementsClarity;
  const reworkLine = T.rework[pr] ?? (T.rework[pr] = reworkText(pricing, clarity, f[REWORK_PCT], f[SHARE]));
  const noRework = f[SHARE] === 0
    ? (T.noRework[pr] ??= { key: COST_LINES[REWORK].key, label: COST_LINES[REWORK].label, amount: 0, explanation: reworkLine })
    : undefined;
  const yearShare = x[SELECTION_SHARE] === 1 ? 0 : 1;
  const rework = x[REWORK];
  // The explanations in line order, each then replaced by its line in the same array: no call
  // per line (each amount is stored once, not passed first) and no second array. A shared line
  // stands where its amount is exactly 0 (not -0, not NaN).
  const lines: (string | CostLine)[] = [
    c.selectionTexts[yearShare],
    c.transitionText,
    T.governance[e] ?? (T.governance[e] = `${percentText(f[GOVERNANCE_PCT])} of labour to manage the contract, because ${GOVERNANCE_WHY[row.engagementModel]}.`),
    productivityText(c, T.productivity[l * LEVEL_WORDS.length + k] ??= new Map(), t, location, overlap, x[PERIOD_SHARE], x[MISSING], x[PRODUCTIVITY_PCT]),
    noRework !== undefined && rework === 0 && 1 / rework > 0 ? noRework : reworkLine,
    T.changes[pr] ??
      (T.changes[pr] = `${percentText(f[CHANGE_PCT])} of labour in change requests for moved scope on ${pricing.toLowerCase()} terms with ${clarity.toLowerCase()} requirements clarity${pricing === "Fixed price" && clarity !== "High" ? ": every clarification becomes a priced change" : ""}.`),
    attritionText(c, row.attrition, x[KNOWLEDGE_MONTHS]),
    T.travel[l] ?? (T.travel[l] = `${percentText(f[TRAVEL_PCT])} of labour for visits, workshops and reviews with ${location.toLowerCase()} delivery.`),
    T.security[s] ??
      (T.security[s] = `${percentText(f[SECURITY_PCT])} of labour for supplier assessment, access control and evidence reviews on ${row.dataSensitivity.toLowerCase()} data.`),
    row.replacesInHouseStaff ? c.severanceText : c.noSeverance,
    c.exitTexts[yearShare],
  ];
  for (let i = 0; i < LABOUR; i++) {
    const explanation = lines[i];
    if (typeof explanation === "string") lines[i] = { key: COST_LINES[i].key, label: COST_LINES[i].label, amount: x[i], explanation };
  }
  return { labour: x[LABOUR], lines: lines as CostLine[], total, effectiveHourlyRate: row.hours > 0 ? total / row.hours : 0 };
}

/** Labour plus every hidden-cost line, each explained. */
export function totalCost(row: VendorRow, a: Assumptions): CostBreakdown {
  return costFrom(row, tablesFor(a), rowOverlapHours(row, a));
}
