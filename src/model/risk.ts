/*
 * Risk score, 0-100 (higher is riskier). [Name] = assumptions sheet row; <Field> = the row's
 * value; O = overlap hours (given); required = the location fit's required overlap;
 * hidden = total cost - labour (from the cost formula); certified = at least one entry of
 * the Certifications list (entries are separated by commas, semicolons, bars or line breaks)
 * contains one of [Security certification keywords], case-insensitively, and none of
 * [Certification not-held words] as a whole word or phrase, which say the certification is
 * absent or not yet or no longer held ("No PCI DSS", "None (SOC 2 planned 2027)", "ISO 27001
 * expired 2019", "SOC 2 in progress" do not count).
 * The portable formulas take certified as a TRUE/FALSE input the model computed.
 *
 *   communication  = MIN(100, [Communication risk (<Collaboration intensity> collaboration)]
 *                      + [Communication risk per missing overlap hour] * MAX(0, required - O))
 *   hiddenCost     = IF(labour > 0, MIN(100, 100 * hidden / labour / [Hidden cost share for full risk]), 0)
 *   scopeDrift     = MIN(100, [Scope drift risk (<Requirements clarity> clarity)] + [Scope drift risk (<Urgency> urgency)])
 *   dataCyber      = MAX(0, [Data risk (<Data sensitivity>)] - IF(certified, [Data risk credit for security certification], 0))
 *   quality        = MIN(100, [Quality risk (<Requirements clarity> clarity)] + [Quality risk per 100% attrition] * <Attrition>)
 *   governanceGaps = [Governance gap risk (<Engagement model>)]
 *   dependency     = MIN(100, [Dependency risk (<Engagement model>)]
 *                      + IF(<Replaces in-house staff>, [Dependency risk when replacing staff], 0)
 *                      + MIN([Dependency risk from duration, maximum], [Dependency risk per month] * <Duration (months)>))
 *   weighted = IF(SUM(weights) > 0, SUMPRODUCT(weights, risks) / SUM(weights), 0)
 *              with weights [Risk weight (Communication)] ... [Risk weight (Dependency)] in the order above
 *   floorRegulated = IF(AND(<Data sensitivity> = "Regulated", NOT(certified)), [Critical risk from score], 0)
 *   floorDriver    = IF(ROUND(MAX(risks), 6) >= [Critical single risk score], [High risk from score], 0)
 *   score = MIN(100, MAX(weighted, floorRegulated, floorDriver))
 *   band  = IF(score >= [Critical risk from score], "Critical", IF(score >= [High risk from score], "High",
 *             IF(score >= [Medium risk from score], "Medium", "Low")))
 *   n     = number of risks >= [High risk from score]; top = the highest risk (first in the order above on a tie)
 *   label = IF(OR(band is High or Critical, n = 0), band,
 *             band & " (" & IF(n = 1, "one driver " & <top's own band, High or Critical> & ": ", n & " drivers High or above, highest ")
 *             & <top's name> & " " & ROUND(ROUND(top, 6), 0) & ")")
 *
 * Floors (each lifts the score to a minimum, whatever the weights, because a weighted
 * average dilutes one serious risk among six mild ones):
 *   floorRegulated: regulated data with no security certification held today is at least Critical.
 *   floorDriver: the maximum-risk rule of vendor tiering, one risk at [Critical single risk score] or
 *                more makes the whole at least High, whichever risk it is and whatever its weight.
 * The label is not a floor: it leaves the score alone and names a risk the band would hide.
 *
 * Drivers are returned highest score first; equal scores keep the order above.
 */
import type { CostBreakdown, LocationFit, RiskBand, RiskDriver, RiskResult, VendorRow } from "./types";
import { ENGAGEMENT_MODELS, LEVELS, SENSITIVITIES } from "./types";
import { DEFAULT_ASSUMPTIONS, DEFAULT_CERTIFICATION_KEYWORDS, DEFAULT_NOT_HELD_WORDS, listItems, type Assumptions } from "./assumptions";
import { CATEGORY_BITS, byPosition, categoriesOf, hoursText, percentText, tablesFor, type Tables } from "./tables";
import { fitFrom, rowOverlapHours } from "./fit";
import { costFrom } from "./cost";

/** The default lists of the "Security certification keywords" and "Certification not-held words" assumptions. */
export const SECURITY_CERTIFICATION_KEYWORDS = DEFAULT_CERTIFICATION_KEYWORDS;
export const NOT_HELD_WORDS = DEFAULT_NOT_HELD_WORDS;

export type CertificationReading = "counted" | "not held" | "not a security certification";

interface CertificationRule {
  readonly keywords: readonly string[];
  readonly notHeld: RegExp;
  readonly cache: Map<string, CertificationReading>;
}

// One rule per pair of lists, shared by every assumptions object that has them.
const rules = new Map<string, CertificationRule>();
const ruleOf = new WeakMap<Assumptions, CertificationRule>();

function certificationRule(a: Assumptions): CertificationRule {
  const known = ruleOf.get(a);
  if (known !== undefined) return known;
  const key = a.certificationKeywords + "\u0001" + a.certificationNotHeldWords;
  let rule = rules.get(key);
  if (rule === undefined) {
    const words = listItems(a.certificationNotHeldWords).map((w) => w.toLowerCase().replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&").replace(/\s+/g, "\\s+"));
    rule = {
      keywords: listItems(a.certificationKeywords).map((k) => k.toLowerCase()),
      notHeld: words.length > 0 ? new RegExp(`(?:^|[^a-z0-9])(?:${words.join("|")})(?=$|[^a-z0-9])`) : /(?!)/,
      cache: new Map(),
    };
    if (rules.size > 64) rules.clear();
    rules.set(key, rule);
  }
  ruleOf.set(a, rule);
  return rule;
}

/** How one Certifications entry reads: a security certification held today, one not held, or another kind. */
export function readCertification(entry: string, a: Assumptions = DEFAULT_ASSUMPTIONS): CertificationReading {
  const rule = certificationRule(a);
  let reading = rule.cache.get(entry);
  if (reading === undefined) {
    const lower = entry.toLowerCase();
    // "Certificate no. 12345" numbers a certificate; it does not negate it.
    reading = !rule.keywords.some((k) => lower.includes(k))
      ? "not a security certification"
      : rule.notHeld.test(lower.replace(/\bno\.\s*\d/g, " ")) ? "not held" : "counted";
    if (entry.length <= MAX_KEPT_TEXT) {
      if (rule.cache.size > 10_000) rule.cache.clear();
      rule.cache.set(entry, reading);
    }
  }
  return reading;
}

/** The Certifications entries that count as security certifications held today, in the row's order. */
export function countedCertifications(row: VendorRow, a: Assumptions = DEFAULT_ASSUMPTIONS): readonly string[] {
  return row.certifications.filter((c) => readCertification(c, a) === "counted");
}

/** Entries that name a security certification but say it is not held (planned, expired, negated...). */
export function uncountedCertifications(row: VendorRow, a: Assumptions = DEFAULT_ASSUMPTIONS): readonly string[] {
  return row.certifications.filter((c) => readCertification(c, a) === "not held");
}

export function hasSecurityCertification(row: VendorRow, a: Assumptions = DEFAULT_ASSUMPTIONS): boolean {
  const certs = row.certifications;
  for (let i = 0; i < certs.length; i++) if (readCertification(certs[i], a) === "counted") return true;
  return false;
}

/** "with ISO 27001 counted as a security certification; not counted: SOC 2 planned 2027" */
function certificationText(row: VendorRow, a: Assumptions): string {
  const counted = countedCertifications(row, a);
  const uncounted = uncountedCertifications(row, a);
  const held = counted.length > 0 ? `with ${counted.join(", ")} counted as a security certification` : "without a security certification";
  return uncounted.length > 0 ? `${held} (not counted, as not held today: ${uncounted.join(", ")})` : held;
}

// Same order as RISK_KEYS, whose names the "Risk weight (...)" assumptions use.
export const RISK_DRIVERS = [
  { key: "communication", label: "Communication friction", mitigation: "Define meeting rhythm, escalation path, written decision logs." },
  { key: "hiddenCost", label: "Hidden cost", mitigation: "Compare total cost and contract assumptions." },
  { key: "scopeDrift", label: "Scope drift", mitigation: "Lock requirements, acceptance criteria, and change-control rules." },
  { key: "dataCyber", label: "Data and cyber risk", mitigation: "Apply supplier risk assessment, access controls, and evidence reviews." },
  { key: "quality", label: "Quality inconsistency", mitigation: "Use QA checklists, sample reviews, and performance metrics." },
  { key: "governanceGaps", label: "Governance gaps", mitigation: "Define RACI, SLAs, KPIs, reporting, and decision rights." },
  { key: "dependency", label: "Dependency", mitigation: "Diversify outsourcing partners so the work does not hang on one vendor." },
] as const;
export type RiskDriverKey = (typeof RISK_DRIVERS)[number]["key"];

export function bandOf(score: number, a: Assumptions): RiskBand {
  return score >= a.criticalRiskFrom ? "Critical" : score >= a.highRiskFrom ? "High" : score >= a.mediumRiskFrom ? "Medium" : "Low";
}

/**
 * A driver's score as a whole number in a label. Rounded to 6 decimals first, as
 * ROUND(ROUND(x,6),0) in the portable formula: a spreadsheet sums the cost lines in
 * another order, and 52.49999999999999 against 52.5 must not show 52 here and 53 there.
 */
export function wholeScore(score: number): number {
  return Math.round(Math.round(score * 1e6) / 1e6);
}

/**
 * A driver's score at or above a threshold, compared at 6 decimals as ROUND(x,6)>= in the
 * portable formula: a hidden-cost driver that is exactly 50 on paper comes out 49.99999999999999
 * in one summing order and 50.00000000000001 in another.
 */
export function reaches(score: number, threshold: number): boolean {
  return Math.round(score * 1e6) / 1e6 >= threshold;
}

/**
 * The driver a label names: the highest at 6 decimals, the first in the documented order
 * among those tied there, as the portable formula picks it (two drivers at 50 on paper may
 * differ in the last digit, one way in the model and the other in a spreadsheet).
 */
export function labelledDriver(drivers: readonly RiskDriver[]): RiskDriver {
  const highest = Math.round(drivers[0].score * 1e6) / 1e6;
  let top = drivers[0];
  let order = orderOf(top);
  for (let i = 1; i < drivers.length && Math.round(drivers[i].score * 1e6) / 1e6 === highest; i++) {
    const o = orderOf(drivers[i]);
    if (o < order) [top, order] = [drivers[i], o];
  }
  return top;
}

/** A driver's place in the documented order. */
function orderOf(driver: RiskDriver): number {
  let i = 0;
  while (i < RISK_DRIVERS.length && RISK_DRIVERS[i].key !== driver.key) i++;
  return i < RISK_DRIVERS.length ? i : -1;
}

/**
 * The band as shown: a Low or Medium band never hides a driver at or above the High
 * threshold, because the weighted average can dilute one serious risk (a dependency of 74
 * under a score of 21). "Medium (one driver High: Dependency 74)", "Low (2 drivers High or
 * above, highest Scope drift 80)"; the band alone otherwise. `drivers` highest first.
 */
export function riskLabelOf(band: RiskBand, drivers: readonly RiskDriver[], a: Assumptions): string {
  if (band === "High" || band === "Critical") return band;
  let count = 0;
  for (const d of drivers) if (reaches(d.score, a.highRiskFrom)) count++;
  if (count === 0) return band;
  const top = labelledDriver(drivers);
  const shown = `${top.label} ${wholeScore(top.score)}`;
  return count === 1 ? `${band} (one driver ${reaches(top.score, a.criticalRiskFrom) ? "Critical" : "High"}: ${shown})` : `${band} (${count} drivers High or above, highest ${shown})`;
}

/**
 * Cause and label texts of one assumptions object, by the categories and numbers each text
 * depends on. Read with the row's own strings and numbers as keys, so nothing is built per
 * row; a map past 5,000 entries starts again, so odd inputs cannot grow it without bound.
 * A driver decided by its key alone (its score and cause, the weight being the assumptions')
 * is kept whole and shared by every row that has it: the results are read-only, and six of
 * seven drivers repeat across a vendor table, so a row allocates only those that do not.
 */
interface Held {
  readonly certified: boolean;
  /** The data driver by data sensitivity. */
  readonly drivers: Map<string, RiskDriver>;
}

interface RiskTexts {
  /** The communication cause by collaboration, required overlap, then overlap. */
  readonly communicationByRequired: Map<string, Map<number, Map<number, RiskDriver>>>;
  /** The hidden-cost cause by the share in per mille: PERMILLE_SLOTS of them by position, any other in the map. */
  readonly hiddenByPermille: (string | undefined)[];
  readonly hidden: Map<number, string>;
  /**
   * By the certification entries (false for none; one entry, the usual case, is its own key):
   * whether they hold a security certification, and the data cause by data sensitivity.
   */
  readonly data: Map<string | false, Held>;
  /** The same for two entries or more, keyed by the list as JSON, which no other list shares. */
  readonly dataMany: Map<string, Held>;
  readonly quality: Map<string, Map<number, string>>;
  /** The quality driver by position for the usual attritions, by clarity: its cause, and its score for the attrition last seen there. */
  readonly qualityByPermille: Map<string, (RiskDriver | undefined)[]>;
  /** The dependency driver by engagement model, then [not replacing staff, replacing staff], then duration. */
  readonly dependency: Map<string, [Map<number, RiskDriver>, Map<number, RiskDriver>]>;
  readonly floorDriver: Map<number, string>;
  floorRegulated: string | undefined;
  readonly labels: Map<string, Map<string, Map<number, string>>>;
  readonly dims: RiskDims;
}

/**
 * What each category decides, by its position in its list, per assumptions object: small arrays
 * every row reads, so they stay in the processor's cache, where a profile per combination of
 * categories (hundreds in a varied table) would be fetched from memory on most rows. A row with
 * a word outside the lists (built by hand) reads fresh ones at position 0, never kept.
 */
interface RiskDims {
  /** By collaboration, data sensitivity, clarity and engagement model. */
  readonly communicationPoints: Float64Array;
  readonly dataPoints: Float64Array;
  readonly qualityPoints: Float64Array;
  readonly dependencyPoints: Float64Array;
  /** The scope drift driver by clarity * LEVELS.length + urgency, which they alone decide. */
  readonly scope: (RiskDriver | undefined)[];
  /** The governance gap driver by engagement model, which it alone decides. */
  readonly governance: (RiskDriver | undefined)[];
  /** By (collaboration * LEVELS.length + urgency) * SENSITIVITIES.length + data sensitivity. */
  readonly communication: (Communication | undefined)[];
  /** By clarity: the quality cause by attrition per mille, and the quality driver by position for the usual attritions. */
  readonly qualityTexts: (Map<number, string> | undefined)[];
  readonly qualityByPermille: ((RiskDriver | undefined)[] | undefined)[];
  /** By engagement model: [not replacing staff, replacing staff], then duration. */
  readonly dependency: ([Map<number, RiskDriver>, Map<number, RiskDriver>] | undefined)[];
}

interface Communication {
  /** The location fit's required overlap for these categories; the drivers assume it. */
  readonly required: number;
  /** The communication driver by overlap. */
  readonly drivers: Map<number, RiskDriver>;
}

// The category lists, read once: an imported binding may be a getter on every read.
const ENGAGEMENTS: readonly string[] = ENGAGEMENT_MODELS;
const LEVEL_WORDS: readonly string[] = LEVELS;
const SENSITIVITY_WORDS: readonly string[] = SENSITIVITIES;
const B = CATEGORY_BITS;

/** `size` empty slots, every one there from the start so the array keeps fast elements. */
function slots<V>(size: number): (V | undefined)[] {
  return new Array<V | undefined>(size).fill(undefined);
}

/** The dims of an assumptions object, or with `row`, the fresh ones of a row with a word outside the lists. */
function riskDims(t: Tables, row?: VendorRow): RiskDims {
  const L = LEVEL_WORDS.length, E = ENGAGEMENTS.length;
  return {
    communicationPoints: row ? Float64Array.of(t.communicationPoints[row.collaborationIntensity]) : byPosition(LEVEL_WORDS, t.communicationPoints),
    dataPoints: row ? Float64Array.of(t.dataRiskPoints[row.dataSensitivity]) : byPosition(SENSITIVITY_WORDS, t.dataRiskPoints),
    qualityPoints: row ? Float64Array.of(t.qualityPoints[row.requirementsClarity]) : byPosition(LEVEL_WORDS, t.qualityPoints),
    dependencyPoints: row ? Float64Array.of(t.dependencyPoints[row.engagementModel]) : byPosition(ENGAGEMENTS, t.dependencyPoints),
    scope: slots(L * L), governance: slots(E), communication: slots(L * L * SENSITIVITY_WORDS.length),
    qualityTexts: slots(L), qualityByPermille: slots(L), dependency: slots(E),
  };
}

function communicationOf(row: VendorRow, t: Tables, texts: RiskTexts): Communication {
  const collaboration = row.collaborationIntensity;
  const required = t.overlapNeed[collaboration] + t.overlapExtraUrgency[row.urgency] + t.overlapExtraSensitivity[row.dataSensitivity];
  return { required, drivers: within(within(texts.communicationByRequired, collaboration), required) };
}

function dependencyOf(texts: RiskTexts, engagement: string): [Map<number, RiskDriver>, Map<number, RiskDriver>] {
  let drivers = texts.dependency.get(engagement);
  if (drivers === undefined) texts.dependency.set(engagement, (drivers = [new Map(), new Map()]));
  return drivers;
}

/** Driver `i` of RISK_DRIVERS with its score and cause. */
function driver(i: number, w: readonly number[], score: number, cause: string): RiskDriver {
  const d = RISK_DRIVERS[i];
  return { key: d.key, label: d.label, score, weight: w[i], cause, mitigation: d.mitigation };
}
function textsOf(t: Tables): RiskTexts {
  let texts = t.risk as RiskTexts | undefined;
  if (texts === undefined) {
    texts = {
      hidden: new Map(), data: new Map(), dataMany: new Map(), quality: new Map(),
      hiddenByPermille: new Array<string | undefined>(PERMILLE_SLOTS).fill(undefined), qualityByPermille: new Map(),
      dependency: new Map(), floorDriver: new Map(), floorRegulated: undefined, labels: new Map(),
      communicationByRequired: new Map(),
      dims: riskDims(t),
    };
    t.risk = texts;
  }
  return texts;
}

/**
 * Shares and attritions in whole per mille, as the texts round them: the usual ones find their
 * text by position in an array instead of by a hashed number key.
 */
const PERMILLE_SLOTS = 2000;

/** The longest Certifications text (an entry, or the list as JSON) kept as a key. */
const MAX_KEPT_TEXT = 200;

function permilleSlots<V>(outer: Map<string, (V | undefined)[]>, key: string): (V | undefined)[] {
  let slots = outer.get(key);
  // Every slot from the start, so the array keeps fast elements.
  if (slots === undefined) outer.set(key, (slots = new Array<V | undefined>(PERMILLE_SLOTS).fill(undefined)));
  return slots;
}

function within<K, I, V>(outer: Map<K, Map<I, V>>, key: K): Map<I, V> {
  let inner = outer.get(key);
  if (inner === undefined) {
    if (outer.size > 5000) outer.clear();
    outer.set(key, (inner = new Map()));
  }
  return inner;
}

function kept<K, V>(m: Map<K, V>, key: K, text: V): V {
  if (m.size > 5000) m.clear();
  m.set(key, text);
  return text;
}

function hiddenText(permille: number): string {
  return `Hidden costs add ${percentText(permille / 1000)} to the labour cost.`;
}

function qualityText(clarity: string, attritionPermille: number): string {
  return `Requirements clarity is ${clarity.toLowerCase()} and ${percentText(attritionPermille / 1000)} of the vendor's staff leave each year.`;
}

/** `cats`: categoriesOf(row), when the caller has it already. */
export function riskFrom(row: VendorRow, t: Tables, fit: LocationFit, cost: CostBreakdown, cats = categoriesOf(row)): RiskResult {
  const a = t.a;
  const texts = textsOf(t);
  // The categories' positions; a word outside the lists (a row built by hand) reads fresh dims at 0.
  const known = cats >= 0;
  const d = known ? texts.dims : riskDims(t, row);
  const e = known ? (cats >> B.engagement) & 7 : 0, r = known ? (cats >> B.clarity) & 7 : 0, u = known ? (cats >> B.urgency) & 7 : 0;
  const k = known ? (cats >> B.collaboration) & 7 : 0, s = known ? (cats >> B.sensitivity) & 7 : 0;
  const certs = row.certifications;
  const certKey = certs.length === 0 ? false : certs.length === 1 ? certs[0] : JSON.stringify(certs);
  const byCertifications: Map<string | false, Held> = certs.length > 1 ? texts.dataMany : texts.data;
  let held = byCertifications.get(certKey);
  if (held === undefined) {
    held = { certified: hasSecurityCertification(row, a), drivers: new Map() };
    // A long Certifications cell is read afresh each time: kept, it and its cause would stay as long as the assumptions do.
    if (certKey === false || certKey.length <= MAX_KEPT_TEXT) {
      if (byCertifications.size > 5000) byCertifications.clear();
      byCertifications.set(certKey, held);
    }
  }
  const certified = held.certified;
  const overlap = fit.overlapHours;
  const required = fit.requiredOverlapHours;
  const missing = Math.max(0, required - overlap);
  // total - labour, as the documented formula reads, so a spreadsheet gets the same digits.
  const hidden = cost.total - cost.labour;
  const hiddenShare = cost.labour > 0 ? hidden / cost.labour : 0;
  const collaboration = row.collaborationIntensity;
  const clarity = row.requirementsClarity;
  const engagement = row.engagementModel;
  const sensitivity = row.dataSensitivity;
  const duration = row.durationMonths;
  const w = t.weights;

  const at = (k * LEVEL_WORDS.length + u) * SENSITIVITY_WORDS.length + s;
  const communication = d.communication[at] ?? (d.communication[at] = communicationOf(row, t, texts));
  // A fit passed in from elsewhere may need another overlap than the categories'.
  const byOverlap = required === communication.required ? communication.drivers : within(within(texts.communicationByRequired, collaboration), required);
  const x0 =
    byOverlap.get(overlap) ??
    kept(byOverlap, overlap, driver(0, w, Math.min(100, d.communicationPoints[k] + a.communicationPointsPerMissingHour * missing), missing > 0
      ? `${hoursText(overlap)} of shared working hours against the ${hoursText(required)} this ${collaboration.toLowerCase()}-collaboration work needs.`
      : `${hoursText(overlap)} of shared working hours cover the ${hoursText(required)} needed; the ${collaboration.toLowerCase()} collaboration need sets the rest.`));
  const s1 = cost.labour > 0 ? Math.min(100, (100 * hiddenShare) / a.hiddenCostShareForFullRisk) : 0;
  const hiddenPermille = Math.round(hiddenShare * 1000);
  const inSlots = hiddenPermille >= 0 && hiddenPermille < PERMILLE_SLOTS;
  const c1 =
    (inSlots ? texts.hiddenByPermille[hiddenPermille] : texts.hidden.get(hiddenPermille)) ??
    (inSlots
      ? (texts.hiddenByPermille[hiddenPermille] = hiddenText(hiddenPermille))
      : kept(texts.hidden, hiddenPermille, hiddenText(hiddenPermille)));
  const x1 = driver(1, w, s1, c1);
  const x2 = d.scope[r * LEVEL_WORDS.length + u] ??
    (d.scope[r * LEVEL_WORDS.length + u] = driver(2, w, Math.min(100, t.scopeDriftClarity[clarity] + t.scopeDriftUrgency[row.urgency]),
      `Requirements clarity is ${clarity.toLowerCase()} and urgency ${row.urgency.toLowerCase()}: work may move before deliverables are stable.`));
  const x3 =
    held.drivers.get(sensitivity) ??
    kept(held.drivers, sensitivity, driver(3, w, Math.max(0, d.dataPoints[s] - (certified ? a.dataRiskCertificationCredit : 0)),
      certs.length === 0 ? `${sensitivity} data, without a security certification.` : `${sensitivity} data, ${certificationText(row, a)}.`));
  const s4 = Math.min(100, d.qualityPoints[r] + a.qualityPointsPerAttrition * row.attrition);
  const attritionPermille = Math.round(row.attrition * 1000);
  let x4: RiskDriver;
  if (attritionPermille >= 0 && attritionPermille < PERMILLE_SLOTS) {
    // The cause reads the attrition in per mille, the score the attrition itself: the driver kept is the last one seen.
    const byPermille = d.qualityByPermille[r] ?? (d.qualityByPermille[r] = permilleSlots(texts.qualityByPermille, clarity));
    const last = byPermille[attritionPermille];
    x4 = last !== undefined && Object.is(last.score, s4)
      ? last
      : (byPermille[attritionPermille] = driver(4, w, s4, last !== undefined ? last.cause : qualityText(clarity, attritionPermille)));
  } else {
    const byPermille = d.qualityTexts[r] ?? (d.qualityTexts[r] = within(texts.quality, clarity));
    x4 = driver(4, w, s4, byPermille.get(attritionPermille) ?? kept(byPermille, attritionPermille, qualityText(clarity, attritionPermille)));
  }
  const x5 = d.governance[e] ??
    (d.governance[e] = driver(5, w, t.governanceGapPoints[engagement],
      `${engagement}: the buyer must still own scope, delivery, security, quality, commercial and escalation decisions the contract leaves open.`));
  const byDuration = (d.dependency[e] ?? (d.dependency[e] = dependencyOf(texts, engagement)))[row.replacesInHouseStaff ? 1 : 0];
  const x6 =
    byDuration.get(duration) ??
    kept(byDuration, duration, driver(6, w,
      Math.min(100, d.dependencyPoints[e] + (row.replacesInHouseStaff ? a.dependencyPointsReplacesStaff : 0) + Math.min(a.dependencyDurationCapPoints, a.dependencyPointsPerMonth * duration)),
      `${engagement} over ${Number(duration.toFixed(2))} months${row.replacesInHouseStaff ? ", replacing in-house staff" : ""}: switching vendors gets harder.`));
  const s0 = x0.score, s2 = x2.score, s3 = x3.score, s5 = x5.score, s6 = x6.score;

  // Summed from 0 in the documented order, as a spreadsheet's SUMPRODUCT would.
  const sum = 0 + w[0] * s0 + w[1] * s1 + w[2] * s2 + w[3] * s3 + w[4] * s4 + w[5] * s5 + w[6] * s6;
  // Not Math.max: a score that is not a number never becomes the peak.
  let peak = 0;
  if (s0 > peak) peak = s0;
  if (s1 > peak) peak = s1;
  if (s2 > peak) peak = s2;
  if (s3 > peak) peak = s3;
  if (s4 > peak) peak = s4;
  if (s5 > peak) peak = s5;
  if (s6 > peak) peak = s6;
  const weighted = t.weightSum > 0 ? sum / t.weightSum : 0;
  const floorRegulated = sensitivity === "Regulated" && !certified ? a.criticalRiskFrom : 0;
  // At 6 decimals (reaches), as the label's thresholds: a hidden-cost driver exactly at the threshold on paper is
  // 59.99999999999998 in the model's order of operations and 60 in the spreadsheet's.
  const floorDriver = reaches(peak, a.criticalDriverScore) ? a.highRiskFrom : 0;
  const score = Math.min(100, Math.max(weighted, floorRegulated, floorDriver));

  let floorReason: string | undefined;
  if (score > weighted) {
    floorReason =
      floorRegulated >= floorDriver
        ? (texts.floorRegulated ??= `Regulated data without a security certification (ISO 27001, SOC 2...) sets the score to at least ${a.criticalRiskFrom}, the Critical threshold.`)
        : (texts.floorDriver.get(peak) ??
          kept(texts.floorDriver, peak, `One risk scores ${Number(peak.toFixed(1))}, at or above ${a.criticalDriverScore}: a single critical risk sets the score to at least ${a.highRiskFrom}, the High threshold.`));
  }

  // Highest first, equal scores in the documented order (a stable sort): each driver's place is
  // the number of drivers above it plus the number tied with it earlier in that order. Counted
  // rather than sorted, so no step hangs on the outcome of the step before it.
  const drivers: RiskDriver[] = [x0, x0, x0, x0, x0, x0, x0];
  if (s0 === s0 && s1 === s1 && s2 === s2 && s3 === s3 && s4 === s4 && s5 === s5 && s6 === s6) {
    drivers[+(s1 > s0) + +(s2 > s0) + +(s3 > s0) + +(s4 > s0) + +(s5 > s0) + +(s6 > s0)] = x0;
    drivers[+(s0 >= s1) + +(s2 > s1) + +(s3 > s1) + +(s4 > s1) + +(s5 > s1) + +(s6 > s1)] = x1;
    drivers[+(s0 >= s2) + +(s1 >= s2) + +(s3 > s2) + +(s4 > s2) + +(s5 > s2) + +(s6 > s2)] = x2;
    drivers[+(s0 >= s3) + +(s1 >= s3) + +(s2 >= s3) + +(s4 > s3) + +(s5 > s3) + +(s6 > s3)] = x3;
    drivers[+(s0 >= s4) + +(s1 >= s4) + +(s2 >= s4) + +(s3 >= s4) + +(s5 > s4) + +(s6 > s4)] = x4;
    drivers[+(s0 >= s5) + +(s1 >= s5) + +(s2 >= s5) + +(s3 >= s5) + +(s4 >= s5) + +(s6 > s5)] = x5;
    drivers[+(s0 >= s6) + +(s1 >= s6) + +(s2 >= s6) + +(s3 >= s6) + +(s4 >= s6) + +(s5 >= s6)] = x6;
  } else {
    // A score that is not a number has no place among the others: the insertion sort decides as before.
    const unsorted = [x0, x1, x2, x3, x4, x5, x6];
    for (let i = 0; i < 7; i++) {
      const driver = unsorted[i];
      let k = i;
      while (k > 0 && drivers[k - 1].score < driver.score) {
        drivers[k] = drivers[k - 1];
        k--;
      }
      drivers[k] = driver;
    }
  }
  const band = bandOf(score, a);
  let label: string = band;
  if (band !== "High" && band !== "Critical" && reaches(drivers[0].score, a.highRiskFrom)) {
    const top = labelledDriver(drivers);
    let count = 0;
    for (let i = 0; i < drivers.length; i++) if (reaches(drivers[i].score, a.highRiskFrom)) count++;
    const shape = count * 1000 + wholeScore(top.score) * 2 + (reaches(top.score, a.criticalRiskFrom) ? 1 : 0);
    const m = within(within(texts.labels, band), top.key);
    label = m.get(shape) ?? kept(m, shape, riskLabelOf(band, drivers, a));
  }
  return floorReason === undefined ? { score, band, label, drivers } : { score, band, label, drivers, floorReason };
}

/** Risk score of one row, with its drivers; pass the row's location fit when already computed. */
export function riskScore(row: VendorRow, a: Assumptions, fit?: LocationFit): RiskResult {
  const t = tablesFor(a);
  const overlap = fit ? fit.overlapHours : rowOverlapHours(row, a);
  const cost = costFrom(row, t, overlap);
  return riskFrom(row, t, fit ?? fitFrom(row, t, overlap, cost.effectiveHourlyRate), cost);
}
