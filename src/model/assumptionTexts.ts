// The words beside each assumption: who says so, what it means, and who gives its range.
// The assumptions sheet, the help page, the README and the pane show them; the custom
// functions never do, so they live here and not in assumptions.ts, which the functions'
// script (loaded first, and alone when Excel only calculates) carries.
import { ASSUMPTIONS, pascal, RISK_KEYS, type AssumptionKey, type AssumptionRange, type AssumptionSpec } from "./assumptions";
import { ENGAGEMENT_MODELS, LEVELS, LOCATION_MODELS, PRICING_MODELS, SENSITIVITIES, WORK_TYPES } from "./types";

export interface AssumptionText {
  /** Who says so, or "Assumption: <reason>". */
  readonly source: string;
  readonly description: string;
}

/** An assumption with its words: the spec as the sheet, the help page and the README show it. */
export type DocumentedAssumption = Omit<AssumptionSpec, "range"> &
  AssumptionText & {
    /** `source` opens with the range as written ("0.2-2%: ...") and cites where it comes from, or says "Assumption". */
    readonly range?: AssumptionRange & { readonly source: string };
  };

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
// The occupation (2018 SOC) each work type's median hourly wage is read from, in WORK_TYPES order.
const WORK_TYPE_OCCUPATIONS: readonly string[] = [
  "SOC 15-1252 Software Developers (about $64)",
  "SOC 15-1253 Software Quality Assurance Analysts and Testers (about $49)",
  "SOC 15-1232 Computer User Support Specialists (about $29)",
  "SOC 15-1244 Network and Computer Systems Administrators (about $47)",
  "SOC 15-1212 Information Security Analysts (about $58)",
  "SOC 15-2051 Data Scientists (about $54)",
  "SOC 43-4051 Customer Service Representatives (about $20; data entry keyers, SOC 43-9021, earn a little less)",
  "SOC 43-3031 Bookkeeping, Accounting, and Auditing Clerks (about $24)",
];
const WEST_MONROE = 'West Monroe, "4 common (but often overlooked) outsourcing costs", January 2019';
const EBA_EXIT = "European Banking Authority, Guidelines on outsourcing arrangements (EBA/GL/2019/02), 2019, section 15: exit strategies";
const WORKDAY = "Assumption: a 9:00-17:00 working day, the usual office day; set the hours your teams keep";
const WEIGHTS_NOTE = `Assumption: no published standard weights exist for vendor risk tiers (${NIST_161} lists the factors without weights); change them to the buyer's priorities`;

const t = (key: string, source: string, description: string): readonly [string, AssumptionText] => [key, { source, description }];

const TEXTS: ReadonlyMap<string, AssumptionText> = new Map([
  // Time zones and dates
  t("buyerTimeZone", "Assumption: a US East Coast buyer until you choose; the zone you choose (the pane asks on first use and only suggests your computer's zone) is stored here, and evaluation reads this cell, never the computer's zone", "Where the buyer's team works; overlap is measured against it. Change it here or in the pane's Buyer time zone field."),
  t("buyerWorkdayStart", WORKDAY, "Start of the buyer's working day, local time."),
  t("buyerWorkdayEnd", WORKDAY, "End of the buyer's working day, local time; before the start means past midnight."),
  t("vendorWorkdayStart", WORKDAY, "Start of the vendor's working day, local time."),
  t("vendorWorkdayEnd", WORKDAY, "End of the vendor's working day, local time; before the start means past midnight."),
  t("referenceDate", "Assumption: blank means today; daylight saving changes the overlap, so write the date the decision is for", "Date the working-hours overlap is computed for."),
  // Currencies
  t("reportingCurrency", "Assumption: US dollars, the currency of the onshore wage figures; set your own and give every other currency a rate in the exchange-rate table", "Currency every total is reported in; a row's Currency other than this one is converted with the exchange-rate table."),
  t("exchangeRateMaxAgeDays", "Assumption: a quarter; exchange rates move enough within months to change a ranking, so an older rate is flagged", "A rate valid more than this many days before the reference date is flagged as stale (still used)."),
  // Over the term: how fast the vendor's rate rises each contract year where the contract does not cap it
  t("wageInflationIndia", 'Salaries projected to rise 9.2% in 2025 (9.3% in 2024; 7.7% for technology consulting and services): Aon, "Annual Salary Increase and Turnover Survey 2024-25, India", 2025', "Yearly rise of a rate delivered from India, in each contract year after the first, unless the row's Indexation cap is lower."),
  t("wageInflationChina", 'Salaries in China projected to rise 5.3% in 2025: Aon, Annual Salary Increase and Turnover Survey 2024-25, Asia-Pacific projections, as reported in "India\'s salary growth to slow further in 2025", YourStory, February 2025', "Yearly rise of a rate delivered from China, in each contract year after the first, unless the row's Indexation cap is lower."),
  t("wageInflationOther", "Assumption: no public series was taken for every country; a moderate yearly rise, set it for your vendors' countries", "Yearly rise of a rate delivered from any other country (or with no country), in each contract year after the first, unless the row's Indexation cap is lower."),
  // Row defaults
  t("defaultDurationMonths", "Assumption: a one-year engagement, the period annual contract value figures refer to", "Duration used when a row gives none."),
  t("defaultAttrition", "Large offshore providers' FY22-FY23 results: 15-25% a year typical, 28% stress case", "Annual attrition used when a row gives none."),
  // Cost lines
  t("vendorSelectionPct", `${CIO}: 0.2-2% of annual contract value`, "Cost of choosing the vendor, as a share of one year's labour (the whole labour when shorter)."),
  t("transitionPct", `${CIO}: 2-3% of contract value (widely quoted, not verified); 3-12 months of vendor staff onsite`, "Transition and knowledge transfer, as a share of labour."),
  ...ENGAGEMENT_MODELS.map((c) =>
    t(`governancePct${pascal(c)}`, `${EQUATERRA}: satisfaction highest at 4-7% of annual contract value (TPI: 3-5% typical); higher where the buyer directs the work (${CGI})`, `Buyer's contract and delivery management under ${c}, as a share of labour.`)),
  ...LOCATION_MODELS.map((c) =>
    t(`productivityBasePct${pascal(c)}`, `${CIO}: lost productivity up to 20% in the first two years (Meta Group), 3-27% range; Assumption: split between location and missing overlap`, `Productivity lost to distance and culture for ${c} delivery, before any overlap shortfall.`)),
  t("productivityPctPerMissingHour", `Assumption: with 8% offshore base, 4 missing hours reach the Meta Group 20% (CIO 2003); ${CHAUVIN}: 1-2 fewer shared hours cut synchronous communication 9-11%`, "Extra productivity lost for each hour the overlap falls short of what the collaboration intensity needs."),
  t("productivityMaxPct", `${CIO}: 3-27% range`, "Cap on the productivity loss line."),
  t("productivityLossMonths", `${CIO}: lost productivity up to 20% in the first two years (Meta Group)`, "The loss applies to the labour of these first months only (labour spread evenly over the duration); later the team is up to speed."),
  ...LEVELS.map((c) =>
    t(`reworkPct${c}Clarity`, `Assumption: no published rework rate was found; grows as requirements clarity falls, kept low so that no combination exceeds the worst case of ${CIO} (hidden costs of 57% of contract value)`, `Work redone because requirements were unclear, when clarity is ${c}, before the buyer's share by pricing model.`)),
  ...PRICING_MODELS.map((p) =>
    t(`reworkBuyerShare${pascal(p)}`, `Assumption: who pays rework follows who carries delivery risk under each pricing model (UK Cabinet Office, "Risk Allocation and Pricing Approaches", 2021; ${CGI}): hours and capacity are the buyer's, a fixed, per-unit or outcome price is delivered to the spec at the vendor's cost`, `Share of the rework the buyer pays under ${p}.`)),
  ...PRICING_MODELS.flatMap((p) =>
    LEVELS.map((c) =>
      t(`changeRequestPct${pascal(p)}${c}Clarity`, `Assumption: no published change-request markup was found; moved scope is paid by the buyer under every pricing model, repriced with a risk premium under a fixed, per-unit or outcome price (${GUIDE}); kept low so that no combination exceeds the worst case of ${CIO}`, `Change requests for moved scope, paid on top of the agreed price under ${p} when clarity is ${c}.`)),
  ),
  t("knowledgeLossMonths", "Assumption: a replacement needs about two months to reach the leaver's output", "Output lost each time a vendor team member leaves; never more than the engagement's duration."),
  ...LOCATION_MODELS.map((c) =>
    t(`travelPct${pascal(c)}`, "Assumption: no published figure; visits cost more the farther the vendor; kept at the low end", `Travel for workshops, onboarding and reviews with ${c} delivery.`)),
  ...SENSITIVITIES.map((c) =>
    t(`securityPct${pascal(c)}`, `Assumption: no published figure; supplier assessment, access control and evidence reviews grow with sensitivity (${NIST_161}); kept at the low end`, `Security and compliance work for ${c} data.`)),
  t("severancePct", `${CIO}: layoffs and retention 3-5%`, "Severance and retention bonuses when the engagement replaces in-house staff."),
  t("exitPct", `Assumption: no published rate for exit or termination assistance was found; an exit is a transition in reverse, the outgoing vendor paid to hand over while the next team comes up to speed (${WEST_MONROE}), and exit plans are required for critical or important functions (${EBA_EXIT}); only the outgoing side is counted (the next team's ramp-up is its own engagement's transition), kept at the low end so that no combination exceeds the worst case of ${CIO} (hidden costs of 57% of contract value)`, "Termination assistance and the hand-over of knowledge, documents, code and data to the next provider or your own team when the engagement ends, as a share of one year's labour (the whole labour when shorter)."),
  // Overlap need (location fit, productivity loss, communication friction)
  ...LEVELS.map((c) =>
    t(`overlapNeed${c}Collaboration`, c === "Low" ? `Assumption: asynchronous work with planned checkpoints needs no live overlap (${GUIDE})` : OVERLAP_RULE, `Shared working hours a day that ${c.toLowerCase()}-collaboration work needs.`)),
  ...LEVELS.map((c) =>
    t(`overlapExtra${c}Urgency`, "Assumption: urgent work needs decisions the same day", `Extra overlap needed when urgency is ${c}.`)),
  ...SENSITIVITIES.map((c) =>
    t(`overlapExtra${pascal(c)}`, "Assumption: access approvals and incident handling on regulated data need live contact", `Extra overlap needed when data sensitivity is ${c}.`)),
  t("shiftToleranceHours", "GlobalLogic distributed-agile pattern: teams 10-12 h apart shift hours to reach 2-3 h of overlap", "A shortfall up to this many hours is a manageable trade-off; beyond it, a blocker."),
  // Onshore reference rate by work type, and how far a nearshore clock may be. A public wage
  // series exists for the wage; what a buyer's own onshore hour costs on top of it does not,
  // so the multiplier is its own row the buyer can change.
  ...WORK_TYPES.map((c) =>
    t(`onshoreWage${pascal(c)}`, `Assumption: near the ${BLS_OEWS} for ${WORK_TYPE_OCCUPATIONS[WORK_TYPES.indexOf(c)]}, rounded; check the current release and set your own, in the reporting currency`, `What an onshore employee doing ${c.toLowerCase()} work earns an hour before benefits; times the loaded-cost multiplier it is the onshore reference rate for this work.`)),
  t("onshoreLoadedCostMultiplier", `${BLS_ECEC}: private industry wages and salaries averaged $31.25 of $44.40 total compensation per hour worked (x1.42); Assumption: benefits only, no office, equipment or management overhead, so the onshore rate it gives is on the low side`, "Onshore reference hourly rate = onshore median hourly wage x this multiplier: what an onshore hour of the same work costs the employer."),
  t("nearshoreMaxClockHours", `Assumption: nearshore means a nearby country in a similar time band; within 3 h a 9:00-17:00 day still shares 5 of its 8 hours, above the 4 h comfortable overlap (${OVERLAP_RULE.replace("Practitioner rule: ", "")})`, "A vendor in another country whose clock is at most this many hours from the buyer's is Nearshore when the row gives no Location model; farther is Offshore."),
  t("minTradeOffLeverage", `Assumption: a time-zone gap is weighed against cost leverage (${GUIDE}); a gap is worth managing only when it saves at least this share`, "A shortfall in overlap is a manageable trade-off only when the effective hourly rate is at least this far below the onshore reference rate; otherwise it is a blocker."),
  // Risk drivers
  ...LEVELS.map((c) =>
    t(`communicationPoints${c}Collaboration`, `${NO_SOURCE}: communication friction grows with the live collaboration the work needs (${GUIDE})`, `Communication friction before any overlap shortfall, when collaboration is ${c}.`)),
  t("communicationPointsPerMissingHour", `${NO_SOURCE}: ${CHAUVIN} found each lost shared hour cuts synchronous communication`, "Risk points added for each hour the overlap falls short of the need."),
  t("hiddenCostShareForFullRisk", "Assumption: hidden costs at 60% of labour erase most of a typical offshore rate advantage", "Hidden costs (all lines but labour) at this share of labour score 100."),
  ...LEVELS.map((c) =>
    t(`scopeDriftPoints${c}Clarity`, `${NO_SOURCE}: scope drifts when work moves before deliverables are stable (${GUIDE})`, `Scope drift when requirements clarity is ${c}.`)),
  ...LEVELS.map((c) =>
    t(`scopeDriftPoints${c}Urgency`, `${NO_SOURCE}: urgent work is moved before it is defined (${GUIDE})`, `Scope drift added when urgency is ${c}.`)),
  ...SENSITIVITIES.map((c) =>
    t(`dataRiskPoints${pascal(c)}`, `${NO_SOURCE}: inherent risk grows with data sensitivity (vendor tiering practice; ${NIST_161})`, `Data and cyber risk for ${c} data.`)),
  t("dataRiskCertificationCredit", NO_SOURCE + ": a security certification (ISO 27001, SOC 2...) is evidence of foundational practices (NIST SP 1326, initial public draft, 2024)", "Points taken off data risk when the vendor holds a security certification."),
  ...LEVELS.map((c) =>
    t(`qualityPoints${c}Clarity`, `${NO_SOURCE}: quality varies when the definition of done is vague (${GUIDE}); smaller than the scope drift points, so that requirements clarity drives scope drift most and is not counted three times over`, `Quality inconsistency when requirements clarity is ${c}.`)),
  t("qualityPointsPerAttrition", NO_SOURCE + ": leavers take context with them; 20% attrition adds 20 points", "Quality risk added in proportion to annual attrition."),
  ...ENGAGEMENT_MODELS.map((c) =>
    t(`governanceGapPoints${pascal(c)}`, `${NO_SOURCE}: buyers assume the provider owns more than the contract states (${GUIDE}); heavier where the buyer directs the work (${CGI})`, `Governance gaps under ${c}.`)),
  ...ENGAGEMENT_MODELS.map((c) =>
    t(`dependencyPoints${pascal(c)}`, `${NO_SOURCE}: over-reliance on one vendor is a risk (${BRESDEL}); the more of the process the vendor runs, the harder to switch`, `Dependency on the vendor under ${c}.`)),
  t("dependencyPointsReplacesStaff", `${NO_SOURCE}: the in-house skills leave with the displaced staff, deepening the reliance on the vendor (${BRESDEL})`, "Dependency added when the engagement replaces in-house staff."),
  t("dependencyPointsPerMonth", NO_SOURCE + ": reliance grows with the length of the engagement", "Dependency added for each month of the engagement, up to the cap."),
  t("dependencyDurationCapPoints", NO_SOURCE + ": duration alone should not outweigh the engagement model", "Cap on the dependency added by duration."),
  ...RISK_KEYS.map((r) =>
    t(`weight${pascal(r)}`, WEIGHTS_NOTE, `Weight of the ${r} risk in the risk score.`)),
  t("mediumRiskFrom", NO_SOURCE + ": quartiles of the 0-100 scale", "Scores from here are Medium."),
  t("highRiskFrom", NO_SOURCE + ": quartiles of the 0-100 scale", "Scores from here are High."),
  t("criticalRiskFrom", NO_SOURCE + ": quartiles of the 0-100 scale", "Scores from here are Critical; regulated data without a security certification is at least this."),
  t("criticalDriverScore", `${NO_SOURCE}: the maximum-risk rule of vendor tiering practice, where one critical factor sets the floor of the tier`, "One risk scoring at least this lifts the total to at least the High threshold."),
  // Rules the risk score and the checklist read: certifications, mitigations, commercial fit, pilot
  t("certificationKeywords", `${NO_SOURCE}: the certifications buyers commonly accept as evidence of foundational security practice (NIST SP 1326, initial public draft, 2024); add or remove the ones you accept`, "A Certifications entry counts as a security certification when it contains one of these, in any case, and none of the not-held words."),
  t("certificationNotHeldWords", `${NO_SOURCE}: a buyer's evidence is a current certificate, so an entry that is negated, planned, pending, in progress or expired does not count`, "An entry holding one of these as a whole word or phrase, in any case, names a certification the vendor does not hold today ('No PCI DSS', 'SOC 2 planned 2027')."),
  t("mitigationFromScore", `${NO_SOURCE}: a risk this high needs its mitigation in the contract even beyond the top risks (${GUIDE}: each risk has its mitigation)`, "The checklist lists the mitigation of every risk scoring at least this."),
  t("mitigationTopDrivers", `${NO_SOURCE}: the three highest risks are what a contract review can act on first`, "The checklist lists the mitigations of this many highest-scoring risks (those above zero), and of any risk at or above the score above."),
  ...ENGAGEMENT_MODELS.map((c) =>
    t(`typicalPricing${pascal(c)}`, c === "Staff augmentation" || c === "Managed service"
        ? `${CGI}`
        : `${NO_SOURCE}: follows from who carries delivery risk (Cabinet Office (UK), "Risk Allocation and Pricing Approaches", 2021)`, `Pricing models usually paired with ${c}: under another one a commercial fit that would be Ready is Verify, to check who carries the risk.`)),
  t("pilotShareOfDuration", `${NO_SOURCE}: a small, measurable pilot before scaling (${GUIDE}); a quarter of the engagement, rounded to whole months`, "The pilot plan runs this share of the engagement's months, rounded, within the minimum and maximum below."),
  t("pilotMinMonths", `${NO_SOURCE}: less than a month shows too few accepted work items to judge`, "Shortest pilot the plan proposes."),
  t("pilotMaxMonths", `${NO_SOURCE}: a quarter is long enough to measure and short enough to stop (${GUIDE}: a measurable pilot, reviewed before scaling)`, "Longest pilot the plan proposes; also the pilot when the engagement has no duration."),
  t("engagementStartDate", `${NO_SOURCE}: blank means not known yet; the checklist then gives each item's stage (before signature, before onboarding, in the pilot, at the first quarterly review) without dates`, "First day of the engagement. The checklist dates its items from it: signature 14 days before, onboarding on it, the pilot's end, and the first quarterly review three months after."),

]);

const NO_RANGE_SOURCE = "Assumption: no published range was found; half to one and a half times the default";
const SOURCED_RANGE_TEXTS: Readonly<Record<string, string>> = {
  defaultAttrition: "15-25%: large offshore providers' FY22-FY23 results, 15-25% a year typical; applied to each row's attrition, widened to include the row's own figure",
  vendorSelectionPct: `0.2-2%: ${CIO}, 0.2-2% of annual contract value`,
  transitionPct: `2-3%: ${CIO}, 2-3% of contract value (widely quoted, not verified)`,
  severancePct: `3-5%: ${CIO}, layoffs and retention 3-5%`,
  productivityBasePctOffshore: `3-20%: ${CIO}, from the 3% low end of its 3-27% range to the Meta Group's up to 20% in the first two years`,
  ...Object.fromEntries(
    ENGAGEMENT_MODELS.map((c) => [
      `governancePct${pascal(c)}`,
      `3-7%: from the low end of TPI's 3-5% typical (S. Hall, TPI, as quoted by Nearshore Americas) to the top of the 4-7% of annual contract value at which satisfaction is highest (${EQUATERRA})`,
    ]),
  ),
};
function rangeText(spec: AssumptionSpec, low: number, high: number): string {
  const n = (x: number) => String(Number((spec.kind === "percent" ? x * 100 : x).toFixed(4)));
  return spec.kind === "percent" ? `${n(low)}-${n(high)}%` : `${n(low)}-${n(high)} ${spec.unit}`;
}


function documented(spec: AssumptionSpec): DocumentedAssumption {
  const text = TEXTS.get(spec.key);
  if (!text) throw new Error(`No source or description for the assumption ${spec.key}`);
  const { range, ...rest } = spec;
  if (!range) return Object.freeze({ ...rest, ...text });
  const source = SOURCED_RANGE_TEXTS[spec.key] ?? `${rangeText(spec, range.low, range.high)}: ${NO_RANGE_SOURCE}`;
  return Object.freeze({ ...rest, ...text, range: Object.freeze({ ...range, source }) });
}

/** Every assumption with its words, in the order of ASSUMPTIONS. */
export const DOCUMENTED_ASSUMPTIONS: readonly DocumentedAssumption[] = Object.freeze(ASSUMPTIONS.map(documented));

export const DOCUMENTED_BY_KEY: Readonly<Record<AssumptionKey, DocumentedAssumption>> = Object.fromEntries(DOCUMENTED_ASSUMPTIONS.map((s) => [s.key, s])) as Record<
  AssumptionKey,
  DocumentedAssumption
>;

/** The assumption's words, with its spec, for a key. */
export function documentedAssumption(key: AssumptionKey): DocumentedAssumption {
  return DOCUMENTED_BY_KEY[key];
}
