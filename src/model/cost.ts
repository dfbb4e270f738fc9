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
 * object and combination of categories (CostProfile below).
 */
import type { CostBreakdown, CostLine, VendorRow } from "./types";
import { ENGAGEMENT_MODELS, LEVELS, LOCATION_MODELS, PRICING_MODELS, SENSITIVITIES } from "./types";
import type { Assumptions } from "./assumptions";
import { CATEGORY_BITS, categoriesOf, hoursText, percentText, tablesFor, type Tables } from "./tables";
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
 * the explanations that read nothing else. A vendor table repeats few combinations, so a row
 * finds its profile by the positions of its categories in their lists (the words a row holds
 * are those lists' own strings, so each comparison is cheap) instead of eight table lookups
 * and a text memo per line.
 */
interface CostProfile {
  readonly need: number;
  readonly productivityBasePct: number;
  readonly reworkPct: number;
  readonly reworkShare: number;
  readonly changePct: number;
  readonly governancePct: number;
  readonly travelPct: number;
  readonly securityPct: number;
  /**
   * Built on the first breakdown that shows them: a total alone (a range end, a tornado bar,
   * under one of many moved assumptions objects) never reads them.
   */
  texts: CostProfileTexts | undefined;
}

interface CostProfileTexts {
  readonly governanceText: string;
  readonly reworkText: string;
  readonly changesText: string;
  readonly travelText: string;
  readonly securityText: string;
  /**
   * The productivity loss explanation by overlap, then by the share of labour in the loss
   * period: shared by every profile of the same location model and collaboration, the only
   * categories it reads, so that it is built once for them and its maps stay few and small.
   */
  readonly productivityTexts: Map<number, Map<number, string>>;
}

type Nested<V> = Map<string, V>;

/** Per assumptions object (its Tables): the profiles and the texts that only the assumptions decide. */
interface CostCache {
  /** By profileSlot. */
  readonly profiles: (CostProfile | undefined)[];
  /** [the whole labour is one year or less, a share of it is]. */
  readonly selectionTexts: readonly [string, string];
  readonly exitTexts: readonly [string, string];
  readonly transitionText: string;
  /** [replaces in-house staff, does not]. */
  readonly severanceTexts: readonly [string, string];
  /** The attrition explanation by attrition, then by the months each leaver costs. */
  readonly attritionTexts: Map<number, Map<number, string>>;
  /** Location model, collaboration: the productivity texts of CostProfile. */
  readonly productivityTexts: Nested<Nested<Map<number, Map<number, string>>>>;
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
function slots(size: number): (Recent | undefined)[] {
  return new Array<Recent | undefined>(size).fill(undefined);
}

function cacheOf(t: Tables): CostCache {
  let c = t.cost as CostCache | undefined;
  if (c === undefined) {
    const a = t.a;
    c = {
      // Every slot from the start, so the array keeps fast elements.
      profiles: new Array<CostProfile | undefined>(ENGAGEMENTS.length * PRICINGS.length * LEVEL_WORDS.length * LOCATIONS.length * SENSITIVITY_WORDS.length * LEVEL_WORDS.length).fill(undefined),
      selectionTexts: [
        `${percentText(a.vendorSelectionPct)} of labour to choose and contract the vendor (0.2-2% of annual contract value, CIO 2003).`,
        `${percentText(a.vendorSelectionPct)} of one year's labour to choose and contract the vendor (0.2-2% of annual contract value, CIO 2003).`,
      ],
      exitTexts: [
        `${percentText(a.exitPct)} of labour for the exit: termination assistance and the hand-over of knowledge, documents, code and data to the next provider or your own team (an assumption: no published rate exists).`,
        `${percentText(a.exitPct)} of one year's labour for the exit: termination assistance and the hand-over of knowledge, documents, code and data to the next provider or your own team (an assumption: no published rate exists).`,
      ],
      transitionText: `${percentText(a.transitionPct)} of labour for transition and knowledge transfer before the vendor is productive.`,
      severanceTexts: [
        `${percentText(a.severancePct)} of labour for severance and retention of the in-house staff this replaces (3-5%, CIO 2003).`,
        "None: the engagement replaces no in-house staff.",
      ],
      attritionTexts: new Map(),
      productivityTexts: new Map(),
      recentProductivity: undefined,
      recentAttrition: undefined,
    };
    t.cost = c;
  }
  return c;
}

function within<I, V>(outer: Map<string, Map<I, V>>, key: string): Map<I, V> {
  let inner = outer.get(key);
  if (inner === undefined) outer.set(key, (inner = new Map()));
  return inner;
}

// The category lists, read once: an imported binding may be a getter on every read.
const ENGAGEMENTS: readonly string[] = ENGAGEMENT_MODELS;
const PRICINGS: readonly string[] = PRICING_MODELS;
const LEVEL_WORDS: readonly string[] = LEVELS;
const LOCATIONS: readonly string[] = LOCATION_MODELS;
const SENSITIVITY_WORDS: readonly string[] = SENSITIVITIES;
const B = CATEGORY_BITS;

/** The combination of categories that decides a cost profile, as one number, or -1 for a word outside the lists. */
function profileSlot(cats: number): number {
  if (cats < 0) return -1;
  const e = (cats >> B.engagement) & 7, p = (cats >> B.pricing) & 7, r = (cats >> B.clarity) & 7;
  const l = (cats >> B.location) & 7, s = (cats >> B.sensitivity) & 7, k = (cats >> B.collaboration) & 7;
  return ((((e * PRICINGS.length + p) * LEVEL_WORDS.length + r) * LOCATIONS.length + l) * SENSITIVITY_WORDS.length + s) * LEVEL_WORDS.length + k;
}

function profileOf(c: CostCache, t: Tables, row: VendorRow, slot: number): CostProfile {
  // A word outside the lists (a row built by hand) is computed as it reads, never cached.
  if (slot < 0) return buildProfile(t, row);
  let p = c.profiles[slot];
  if (p === undefined) p = c.profiles[slot] = buildProfile(t, row);
  return p;
}

function buildProfile(t: Tables, row: VendorRow): CostProfile {
  const location = row.locationModel;
  return {
    need: t.overlapNeed[row.collaborationIntensity],
    productivityBasePct: t.productivityBasePct[location],
    reworkPct: t.reworkPct[row.requirementsClarity],
    reworkShare: t.reworkBuyerShare[row.pricingModel],
    changePct: t.changeRequestPct[row.pricingModel][row.requirementsClarity],
    governancePct: t.governancePct[row.engagementModel],
    travelPct: t.travelPct[location],
    securityPct: t.securityPct[row.dataSensitivity],
    texts: undefined,
  };
}

function textsOf(p: CostProfile, row: VendorRow, c: CostCache): CostProfileTexts {
  if (p.texts !== undefined) return p.texts;
  const location = row.locationModel;
  const clarity = row.requirementsClarity;
  const { reworkPct, reworkShare, changePct, governancePct, travelPct, securityPct } = p;
  return (p.texts = {
    governanceText: `${percentText(governancePct)} of labour to manage the contract, because ${GOVERNANCE_WHY[row.engagementModel]}.`,
    reworkText: reworkShare === 0
      ? `None paid by the buyer: under ${row.pricingModel.toLowerCase()} the vendor delivers to the spec and redoes its own work (${percentText(reworkPct)} of labour would be redone at ${clarity.toLowerCase()} requirements clarity).`
      : `${percentText(reworkPct * reworkShare)} of labour redone because requirements clarity is ${clarity.toLowerCase()}${reworkShare === 1 ? "" : ` (the buyer pays ${percentText(reworkShare)} of ${percentText(reworkPct)} under ${row.pricingModel.toLowerCase()})`} (an assumption: no published rate exists).`,
    changesText: `${percentText(changePct)} of labour in change requests for moved scope on ${row.pricingModel.toLowerCase()} terms with ${clarity.toLowerCase()} requirements clarity${row.pricingModel === "Fixed price" && clarity !== "High" ? ": every clarification becomes a priced change" : ""}.`,
    travelText: `${percentText(travelPct)} of labour for visits, workshops and reviews with ${location.toLowerCase()} delivery.`,
    securityText: `${percentText(securityPct)} of labour for supplier assessment, access control and evidence reviews on ${row.dataSensitivity.toLowerCase()} data.`,
    productivityTexts: within(within(c.productivityTexts, location), row.collaborationIntensity),
  });
}

function capped<K, V>(m: Map<K, V>, key: K, value: V): V {
  if (m.size > 5000) m.clear();
  m.set(key, value);
  return value;
}

function productivityText(c: CostCache, p: CostProfile, texts: CostProfileTexts, t: Tables, location: string, overlap: number, periodShare: number, missing: number, productivityPct: number): string {
  const owner = texts.productivityTexts;
  const kept = (c.recentProductivity ??= slots(4096));
  // Overlap in quarter hours, the share in per mille, the location and the need, mixed into 12 bits.
  const slot = (Math.round(overlap * 4) * 521 + Math.round(periodShare * 1000) * 3 + location.length * 1031 + Math.round(p.need * 4) * 131) & 4095;
  return recent(kept, slot, owner, overlap, periodShare) ??
    keepRecent(kept, slot, owner, overlap, periodShare, productivityTextOf(p, texts, t, location, overlap, periodShare, missing, productivityPct));
}

function productivityTextOf(p: CostProfile, texts: CostProfileTexts, t: Tables, location: string, overlap: number, periodShare: number, missing: number, productivityPct: number): string {
  let byShare = texts.productivityTexts.get(overlap);
  if (byShare === undefined) byShare = capped(texts.productivityTexts, overlap, new Map<number, string>());
  const text = byShare.get(periodShare);
  if (text !== undefined) return text;
  const a = t.a;
  const need = p.need;
  const main = missing > 0
    ? `${percentText(productivityPct)} of labour lost: ${percentText(p.productivityBasePct)} for ${location.toLowerCase()} delivery plus ${percentText(a.productivityPctPerMissingHour)} for each of the ${hoursText(missing)} the ${hoursText(overlap)} overlap falls short of the ${hoursText(need)} this collaboration needs${productivityPct === a.productivityMaxPct ? " (capped)" : ""}`
    : `${percentText(productivityPct)} of labour lost to distance and hand-offs for ${location.toLowerCase()} delivery; the ${hoursText(overlap)} overlap covers the ${hoursText(need)} this collaboration needs`;
  // "... needs" + "." when the whole labour falls in the loss period, else the months it covers.
  return capped(byShare, periodShare, periodShare === 1
    ? `${main}.`
    : `${main}, on the ${percentText(periodShare)} of labour in the first ${Number(a.productivityLossMonths.toFixed(2))} months, after which the team is up to speed.`);
}

function attritionText(c: CostCache, attrition: number, knowledgeMonths: number): string {
  const kept = (c.recentAttrition ??= slots(1024));
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

/** Fills AMOUNTS for the row and returns the total: labour, then each line in order. */
function amountsOf(row: VendorRow, a: Assumptions, p: CostProfile, overlap: number): number {
  const out = AMOUNTS;
  const labour = row.hourlyRate * row.hours * (row.exchange?.rate ?? 1);
  const d = row.durationMonths;
  const missing = Math.max(0, p.need - overlap);
  const productivityPct = Math.min(a.productivityMaxPct, p.productivityBasePct + a.productivityPctPerMissingHour * missing);
  const knowledgeMonths = Math.min(a.knowledgeLossMonths, d);
  const selectionShare = Math.min(1, 12 / d);
  const periodShare = Math.min(1, a.productivityLossMonths / d);
  out[VENDOR_SELECTION] = labour * selectionShare * a.vendorSelectionPct;
  out[TRANSITION] = labour * a.transitionPct;
  out[GOVERNANCE] = labour * p.governancePct;
  out[PRODUCTIVITY] = labour * periodShare * productivityPct;
  out[REWORK] = labour * p.reworkPct * p.reworkShare;
  out[CHANGES] = labour * p.changePct;
  out[ATTRITION] = (labour * row.attrition * knowledgeMonths) / 12;
  out[TRAVEL] = labour * p.travelPct;
  out[SECURITY] = labour * p.securityPct;
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
  return amountsOf(row, t.a, profileOf(cacheOf(t), t, row, profileSlot(categoriesOf(row))), overlap);
}

/**
 * costTotal of one row under each of `tables`, into `out` in their order: the tornado's
 * dozens of totals per row, with the row's categories placed once for all of them.
 */
export function costTotals(row: VendorRow, tables: readonly Tables[], overlap: number, out: Float64Array): void {
  const slot = profileSlot(categoriesOf(row));
  for (let i = 0; i < tables.length; i++) {
    const t = tables[i];
    out[i] = amountsOf(row, t.a, profileOf(cacheOf(t), t, row, slot), overlap);
  }
}

/** `cats`: categoriesOf(row), when the caller has it already. */
export function costFrom(row: VendorRow, t: Tables, overlap: number, cats = categoriesOf(row)): CostBreakdown {
  const c = cacheOf(t);
  const p = profileOf(c, t, row, profileSlot(cats));
  const total = amountsOf(row, t.a, p, overlap);
  const x = AMOUNTS;
  const texts = textsOf(p, row, c);
  const yearShare = x[SELECTION_SHARE] === 1 ? 0 : 1;
  // The explanations in line order, each then replaced by its line in the same array: no call
  // per line (each amount is stored once, not passed first) and no second array.
  const lines: (string | CostLine)[] = [
    c.selectionTexts[yearShare],
    c.transitionText,
    texts.governanceText,
    productivityText(c, p, texts, t, row.locationModel, overlap, x[PERIOD_SHARE], x[MISSING], x[PRODUCTIVITY_PCT]),
    texts.reworkText,
    texts.changesText,
    attritionText(c, row.attrition, x[KNOWLEDGE_MONTHS]),
    texts.travelText,
    texts.securityText,
    c.severanceTexts[row.replacesInHouseStaff ? 0 : 1],
    c.exitTexts[yearShare],
  ];
  for (let i = 0; i < LABOUR; i++) lines[i] = { key: COST_LINES[i].key, label: COST_LINES[i].label, amount: x[i], explanation: lines[i] as string };
  return { labour: x[LABOUR], lines: lines as CostLine[], total, effectiveHourlyRate: row.hours > 0 ? total / row.hours : 0 };
}

/** Labour plus every hidden-cost line, each explained. */
export function totalCost(row: VendorRow, a: Assumptions): CostBreakdown {
  return costFrom(row, tablesFor(a), rowOverlapHours(row, a));
}
