// The governance owner checklist for one vendor row: who on the buyer's side must own what
// before the engagement starts ("The governance layer" of the buyer's guide "Offshore
// Outsourcing Explained: What It Is, How It Works, Benefits, Risks, and When to Use It"),
// whether the engagement is ready (its "How to decide"), what reduces its top risks, which
// security rules come before onboarding, and a pilot plan from the guide's start path.
//
// Who does what by engagement model follows CGI, "Why Managed Services and Why Not Staff
// Augmentation?" (2010) for staff augmentation and managed service; the other models
// follow from it and the UK Cabinet Office note "Risk Allocation and Pricing Approaches"
// (2021). Security and compliance stay with the buyer under every
// model (ISO 37500:2014; NIST CSF 2.0 GV.SC).
//
// Pure: no Office, no DOM, no clock. The caller passes today's date.

import type { DataSensitivity, EngagementModel, Evaluation, FitVerdict, Level, PricingModel, RiskBand, VendorRow, WorkType } from "./types";
import { countedCertifications, uncountedCertifications } from "./risk";
import { DEFAULT_ASSUMPTIONS, listItems, pascal, type Assumptions, type ListAssumptionKey } from "./assumptions";
import { contractItems, DUE_STAGES, dueDate, dueText, isoDateOf, type ContractFacts, type ContractItem, type DueSchedule, type DueStage } from "./checklistContract";
import { workTypeOf } from "./worktype";
import { excelSerialToDate, type CalendarDate } from "./zones";

export const OWNER_KEYS = ["scope", "delivery", "security", "quality", "commercial", "escalation"] as const;
export type OwnerKey = (typeof OWNER_KEYS)[number];

export const CHECK_KEYS = [
  "workClarity",
  "collaborationIntensity",
  "riskLevel",
  "internalOwnership",
  "providerMaturity",
  "commercialFit",
  "locationFit",
  "scalePath",
] as const;
export type CheckKey = (typeof CHECK_KEYS)[number];

export const CHECK_STATUSES = ["Ready", "Verify", "Blocker"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** Checks the row cannot decide: the buyer answers them. */
export const ANSWERABLE_CHECKS: readonly CheckKey[] = ["collaborationIntensity", "providerMaturity", "scalePath"];

/** Who carries the work an owner oversees, under the row's engagement model. */
export type Carrier = "Buyer" | "Provider" | "Shared";

export const RACI_ROLES = ["Responsible", "Accountable", "Consulted", "Informed"] as const;
export type RaciRole = (typeof RACI_ROLES)[number];

/** Each side's part in an owner's area: a responsibility assignment (RACI) matrix. */
export interface Raci {
  readonly buyer: readonly RaciRole[];
  readonly provider: readonly RaciRole[];
}

/**
 * RACI from who carries the work. The buyer stays Accountable wherever it carries all or part
 * of the work, since accountability for an outsourced function cannot be handed over; where
 * the provider carries it, the provider answers for it under the contract and the buyer is
 * consulted (it sets the criteria) and informed (it reads the reports).
 * Source: responsibility assignment matrix as in PMI, "A Guide to the Project Management Body
 * of Knowledge" (PMBOK Guide), 6th ed., 2017; Assumption: the mapping from Buyer / Provider /
 * Shared to its letters.
 */
export const RACI_BY_CARRIER: Record<Carrier, Raci> = {
  Buyer: { buyer: ["Responsible", "Accountable"], provider: ["Consulted"] },
  Provider: { buyer: ["Consulted", "Informed"], provider: ["Responsible", "Accountable"] },
  Shared: { buyer: ["Responsible", "Accountable"], provider: ["Responsible"] },
};

/** "R, A" for a RACI cell. */
export function raciLetters(roles: readonly RaciRole[]): string {
  return roles.map((r) => r.charAt(0)).join(", ");
}

export interface ChecklistOwner {
  readonly key: OwnerKey;
  /** "Scope owner". */
  readonly role: string;
  /** The guide's one-line definition: what this owner decides. */
  readonly decides: string;
  readonly carrier: Carrier;
  /** What the buyer's named owner does under this engagement model. */
  readonly buyerDuty: string;
  /** What the provider does under this engagement model. */
  readonly providerDuty: string;
  /** As typed by the buyer; "" when nobody is named yet. */
  readonly name: string;
  /** True when no name is filled in: every owner must be a named person on the buyer's side. */
  readonly missing: boolean;
  /** Who is Responsible, Accountable, Consulted, Informed, on which side. */
  readonly raci: Raci;
  /** The provider's counterpart as typed by the buyer; "" when nobody is named yet. */
  readonly counterpart: string;
}

export interface ReadinessCheck {
  readonly key: CheckKey;
  readonly label: string;
  /** The guide's question. */
  readonly question: string;
  readonly status: CheckStatus;
  readonly reason: string;
  /** "row": derived from the row; "answer": the buyer answered; "question": still open. */
  readonly basis: "row" | "answer" | "question";
  readonly answerable: boolean;
}

export interface ChecklistMitigation {
  readonly riskKey: string;
  readonly risk: string;
  readonly score: number;
  readonly cause: string;
  readonly mitigation: string;
}

export interface SecurityRule {
  readonly key: string;
  readonly title: string;
  readonly rule: string;
  readonly due: DueStage;
  /** "YYYY-MM-DD" when the engagement start is known; "" otherwise. */
  readonly dueDate: string;
}

export interface PilotStep {
  readonly key: string;
  readonly title: string;
  readonly detail: string;
}

export interface ChecklistHeader {
  readonly vendor: string;
  readonly country: string;
  readonly timeZone: string;
  readonly locationModel: string;
  readonly engagementModel: EngagementModel;
  readonly pricingModel: PricingModel;
  readonly totalCost: number;
  readonly effectiveHourlyRate: number;
  readonly riskScore: number;
  readonly riskBand: RiskBand;
  /** The band, naming a driver at or above the High threshold that a Low or Medium band would hide. */
  readonly riskLabel: string;
  readonly locationFit: FitVerdict;
  readonly overlapHours: number;
  readonly requiredOverlapHours: number;
  readonly dataSensitivity: DataSensitivity;
  readonly workType: string;
  readonly scope: string;
}

export interface Checklist {
  readonly header: ChecklistHeader;
  readonly owners: readonly ChecklistOwner[];
  readonly checks: readonly ReadinessCheck[];
  readonly readiness: { readonly ready: number; readonly verify: number; readonly blocker: number; readonly overall: CheckStatus };
  readonly mitigations: readonly ChecklistMitigation[];
  /** Empty unless the data is Confidential or Regulated. */
  readonly securityRules: readonly SecurityRule[];
  readonly pilotPlan: readonly PilotStep[];
  /** "YYYY-MM-DD", or "" when no date was given. */
  readonly generatedOn: string;
  /** Contract and exit items the row makes relevant. */
  readonly contractItems: readonly ContractItem[];
  /** The engagement start, "YYYY-MM-DD", or "" when not known. */
  readonly startDate: string;
  /** The last day of each stage; "" for every stage without a start date. */
  readonly dueDates: Readonly<Record<DueStage, string>>;
  /** The pilot's length in months (0 when skipped) and, when skipped, why. */
  readonly pilot: { readonly months: number; readonly skipped: string };
}

export interface ChecklistOptions {
  readonly ownerNames?: Partial<Record<OwnerKey, string>>;
  /** The provider's counterpart for each owner, as typed by the buyer. */
  readonly counterpartNames?: Partial<Record<OwnerKey, string>>;
  readonly answers?: Partial<Record<CheckKey, CheckStatus>>;
  readonly today?: { readonly year: number; readonly month: number; readonly day: number };
  /** The engagement start; when absent, the assumption "Engagement start date" (blank: not known). */
  readonly startDate?: CalendarDate | null;
  /** The assumptions the row was evaluated with: certification words, typical pricing, mitigation and pilot rules. */
  readonly assumptions?: Assumptions;
}

// ---------------------------------------------------------------------------------------
// Owners

const OWNER_ROLE: Record<OwnerKey, { role: string; decides: string }> = {
  scope: { role: "Scope owner", decides: "Decides what is in or out of scope." },
  delivery: { role: "Delivery owner", decides: "Manages the offshore team or service." },
  security: { role: "Security owner", decides: "Approves access to data, environments, tools and systems." },
  quality: { role: "Quality owner", decides: "Accepts deliverables and signs off changes." },
  commercial: { role: "Commercial owner", decides: "Tracks budget, change requests, invoices and pricing assumptions." },
  escalation: { role: "Escalation owner", decides: "Handles missed deadlines, quality issues and unresolved dependencies." },
};

type Duty = readonly [Carrier, string, string];

// [who carries the work, buyer's owner does, provider does], per engagement model.
const DUTIES: Record<OwnerKey, Record<EngagementModel, Duty>> = {
  scope: {
    "Staff augmentation": ["Buyer", "Sets and reprioritises the backlog; decides daily what is in or out.", "Works the tasks assigned and raises unclear requirements."],
    "Dedicated team": ["Buyer", "Owns the team's backlog and priorities.", "Keeps the team staffed to the agreed size and skills; flags work outside them."],
    Project: ["Buyer", "Owns requirements, acceptance criteria and change control; approves every change request.", "Delivers to the agreed specification; prices changes as change requests."],
    "Managed service": ["Buyer", "Defines the service catalogue, service levels and excluded work.", "Runs the service within the catalogue; proposes changes through service management."],
    BPO: ["Buyer", "Defines the process boundaries, volumes and the regulatory rules the process must keep.", "Runs the process as documented; reports volumes and exceptions."],
    "Outcome-based": ["Shared", "Defines the outcome, how it is measured, its baseline and the excluded scope.", "Chooses how to reach the outcome within the agreed boundaries."],
  },
  delivery: {
    "Staff augmentation": ["Buyer", "Directs daily work, assigns tasks and carries the delivery risk.", "Supplies people and replaces leavers; does not own delivery."],
    "Dedicated team": ["Buyer", "Directs the team's daily work and carries most of the delivery risk.", "Handles hiring, people management and backfill."],
    Project: ["Provider", "Tracks milestones; gives access and decisions on time.", "Manages the team and carries the delivery risk to the specification."],
    "Managed service": ["Provider", "Monitors service levels and applies service credits.", "Runs delivery and carries the delivery risk under the service levels."],
    BPO: ["Provider", "Monitors the process KPIs; keeps regulatory accountability for the process.", "Runs the process day to day and carries the operational risk."],
    "Outcome-based": ["Shared", "Tracks progress to the outcome; shares the delivery risk through payment by results.", "Runs delivery; shares the delivery risk through payment by results."],
  },
  security: {
    "Staff augmentation": ["Buyer", "Approves and reviews every access; security and compliance stay with the buyer.", "Makes its people follow the buyer's security policies on the buyer's systems."],
    "Dedicated team": ["Buyer", "Approves and reviews every access; security and compliance stay with the buyer.", "Vets and trains its people; keeps the agreed controls in its offices."],
    Project: ["Buyer", "Approves and reviews every access; security and compliance stay with the buyer.", "Keeps the agreed controls during the project and returns or deletes data at the end."],
    "Managed service": ["Buyer", "Approves access and reviews the provider's evidence; security and compliance stay with the buyer.", "Operates the agreed controls in its environment and gives evidence on request."],
    BPO: ["Buyer", "Approves access and reviews evidence; regulatory accountability stays with the buyer.", "Operates the agreed controls on the process and reports incidents."],
    "Outcome-based": ["Buyer", "Approves access and reviews evidence; security and compliance stay with the buyer.", "Operates the agreed controls and gives evidence on request."],
  },
  quality: {
    "Staff augmentation": ["Buyer", "Owns the definition of done; reviews and accepts all work.", "Works to the buyer's standards; carries no quality accountability."],
    "Dedicated team": ["Shared", "Owns the definition of done and acceptance.", "Runs the team's own reviews and QA practice."],
    Project: ["Provider", "Writes acceptance criteria; accepts or rejects each deliverable.", "Accountable for quality against the acceptance criteria."],
    "Managed service": ["Provider", "Reviews service-level reports, samples output and claims service credits.", "Accountable for quality under the service levels, with service credits."],
    BPO: ["Provider", "Samples output against the KPIs.", "Accountable for quality by KPI."],
    "Outcome-based": ["Provider", "Verifies the outcome measure independently.", "Accountable for the quality of the outcome."],
  },
  commercial: {
    "Staff augmentation": ["Buyer", "Approves timesheets and tracks hours against the budget.", "Invoices hours at the agreed rates."],
    "Dedicated team": ["Buyer", "Tracks team size and monthly capacity invoices against the budget.", "Invoices capacity; proposes team changes."],
    Project: ["Buyer", "Tracks milestone payments and prices every change request before approval.", "Invoices milestones and prices change requests."],
    "Managed service": ["Buyer", "Tracks volumes, service credits and invoices.", "Invoices by volume and applies service credits."],
    BPO: ["Buyer", "Tracks per-transaction or per-FTE charges against volumes.", "Invoices per transaction or FTE and reports volumes."],
    "Outcome-based": ["Shared", "Agrees how results are measured; settles bonus and penalty disputes.", "Invoices the base fee plus bonus or penalty from measured results."],
  },
  escalation: {
    "Staff augmentation": ["Buyer", "Handles missed deadlines and performance issues; asks for replacements.", "Account manager replaces people who do not perform."],
    "Dedicated team": ["Buyer", "Handles missed deadlines, quality issues and blocked dependencies.", "Delivery manager answers escalations and fixes staffing gaps."],
    Project: ["Shared", "Handles disputed deliverables, late milestones and unresolved dependencies.", "Project manager answers escalations within the agreed times."],
    "Managed service": ["Shared", "Escalates service-level breaches and unresolved incidents.", "Service manager answers escalations within the agreed times."],
    BPO: ["Shared", "Escalates KPI breaches and compliance issues.", "Operations lead answers escalations within the agreed times."],
    "Outcome-based": ["Shared", "Handles measurement disputes and missed outcomes.", "Engagement lead answers escalations and disputes."],
  },
};

function buildOwners(engagement: EngagementModel, names: Partial<Record<OwnerKey, string>>, counterparts: Partial<Record<OwnerKey, string>> = {}): ChecklistOwner[] {
  return OWNER_KEYS.map((key) => {
    const [carrier, buyerDuty, providerDuty] = DUTIES[key][engagement];
    const name = (names[key] ?? "").trim();
    const counterpart = (counterparts[key] ?? "").trim();
    return { key, ...OWNER_ROLE[key], carrier, buyerDuty, providerDuty, name, missing: name === "", raci: RACI_BY_CARRIER[carrier], counterpart };
  });
}

// ---------------------------------------------------------------------------------------
// Readiness checks

const CHECK_TEXT: Record<CheckKey, { label: string; question: string }> = {
  workClarity: { label: "Work clarity", question: "Can the work be documented, estimated, reviewed and accepted?" },
  collaborationIntensity: {
    label: "Collaboration intensity",
    question: "Does the work need live collaboration every day, or can it run asynchronously with planned checkpoints?",
  },
  riskLevel: { label: "Risk level", question: "Does the work involve sensitive data, regulated operations, critical infrastructure or customer-facing risk?" },
  internalOwnership: { label: "Internal ownership", question: "Who on your side owns scope, priorities, quality and vendor communication?" },
  providerMaturity: { label: "Provider maturity", question: "Can the provider show process, security, staffing, reporting and escalation evidence?" },
  commercialFit: { label: "Commercial fit", question: "Does the pricing model match the uncertainty of the work?" },
  locationFit: { label: "Location fit", question: "Is the time-zone gap a benefit, a manageable trade-off, or a blocker?" },
  scalePath: { label: "Scale path", question: "Can the setup grow from pilot to ongoing operation without losing control?" },
};

/** Engagement models where the provider must deliver defined outputs rather than hours. */
const PROVIDER_OWNS_OUTPUT: ReadonlySet<EngagementModel> = new Set(["Project", "Managed service", "BPO", "Outcome-based"]);

function workClarity(clarity: Level, engagement: EngagementModel): [CheckStatus, string] {
  if (clarity === "High") return ["Ready", "Requirements clarity is High: the work can be documented, estimated and accepted."];
  if (clarity === "Medium")
    return ["Verify", "Requirements clarity is Medium: write acceptance criteria and the excluded scope before the work moves."];
  if (PROVIDER_OWNS_OUTPUT.has(engagement))
    return [
      "Blocker",
      `Requirements clarity is Low, but under ${engagement.toLowerCase()} the provider must deliver defined outputs: run discovery first, then outsource defined work packages.`,
    ];
  return [
    "Verify",
    `Requirements clarity is Low: workable under ${engagement.toLowerCase()} only because the buyer directs daily work; the scope owner must prioritise every week.`,
  ];
}

function riskLevel(evaluation: Evaluation): [CheckStatus, string] {
  const { score, band, label, drivers, floorReason } = evaluation.risk;
  const top = drivers[0];
  const driverText = top && top.score > 0 ? ` Top driver: ${top.label.toLowerCase()} (${Math.round(top.score)}).` : "";
  const floorText = floorReason ? ` ${floorReason}` : "";
  // A label longer than the band names a driver at or above the High threshold: never Ready.
  const hidden = label !== band;
  const scoreText = hidden ? `Risk score ${Math.round(score)}: ${label}.` : `Risk score ${Math.round(score)} (${band}).`;
  if (band === "Critical") return ["Blocker", `${scoreText}${floorText}${driverText} Reduce it before onboarding.`];
  if (band === "High" || band === "Medium" || hidden) return ["Verify", `${scoreText}${floorText}${hidden ? "" : driverText} Put the mitigations below in the contract.`];
  return ["Ready", `${scoreText}${driverText}`.trim()];
}

function internalOwnership(owners: readonly ChecklistOwner[]): [CheckStatus, string] {
  const missing = owners.filter((o) => o.missing);
  if (missing.length === 0) return ["Ready", "All six owners are named."];
  const list = missing.map((o) => o.role.toLowerCase()).join(", ");
  // The guide: offshore is unsuitable when "the buyer has no internal owner for scope, quality, or acceptance".
  if (missing.length === owners.length) return ["Blocker", "No owner is named yet: name all six before the engagement starts."];
  const critical = missing.filter((o) => o.key === "scope" || o.key === "quality").map((o) => o.key);
  if (critical.length > 0)
    return ["Blocker", `Missing: ${list}. Nobody can decide and accept the work without a ${critical.join(" and a ")} owner.`];
  return ["Verify", `Missing: ${list}.`];
}

/** Pricing models usually paired with each engagement model: the "Typical pricing (...)" assumptions. */
function typicalPricing(engagement: EngagementModel, a: Assumptions): readonly string[] {
  return listItems(a[`typicalPricing${pascal(engagement)}` as ListAssumptionKey]);
}

function pricingAgainstClarity(pricing: PricingModel, clarity: Level): [CheckStatus, string] {
  const c = `${clarity.toLowerCase()} requirements clarity`;
  switch (pricing) {
    case "Fixed price":
    case "Output-based":
    case "Outcome-based": {
      const what = pricing === "Fixed price" ? "a fixed price" : pricing === "Output-based" ? "a price per unit" : "payment by results";
      if (clarity === "High") return ["Ready", `${pricing} on ${c}: ${what} can be agreed against a clear definition.`];
      if (clarity === "Medium")
        return ["Verify", `${pricing} on ${c}: expect change requests; lock acceptance criteria and change-control rules first.`];
      return ["Blocker", `${pricing} on ${c}: ${what} on unclear work turns into change requests and disputes; use time and materials until the work is defined.`];
    }
    case "Time and materials":
      if (clarity === "High")
        return ["Verify", `Time and materials on ${c}: you pay for uncertainty the work does not have; a fixed price or price per unit may cost less.`];
      return ["Ready", `Time and materials on ${c}: the price follows the effort while the work is still being defined; cap the budget.`];
    case "Capacity":
      if (clarity === "Low") return ["Verify", `Capacity on ${c}: the team will be paid whether or not the backlog is ready; keep the backlog two weeks ahead.`];
      return ["Ready", `Capacity on ${c}: a steady backlog fits a monthly team price.`];
  }
}

function commercialFit(pricing: PricingModel, clarity: Level, engagement: EngagementModel, a: Assumptions): [CheckStatus, string] {
  const [status, reason] = pricingAgainstClarity(pricing, clarity);
  const typical = typicalPricing(engagement, a);
  if (status === "Ready" && !typical.includes(pricing)) {
    const usual = typical.map((p) => p.toLowerCase()).join(" or ");
    return ["Verify", `${reason} ${engagement} is usually priced ${usual}: check who carries the risk.`];
  }
  return [status, reason];
}

function locationFit(evaluation: Evaluation): [CheckStatus, string] {
  const { verdict, overlapHours, requiredOverlapHours, reason, locationConflict, locationCheck } = evaluation.fit;
  const hours = `${formatHours(overlapHours)} h shared working time, ${formatHours(requiredOverlapHours)} h needed.`;
  const byVerdict: CheckStatus = verdict === "Benefit" ? "Ready" : verdict === "Trade-off" ? "Verify" : "Blocker";
  // A label the vendor's zone contradicts is costed as typed, so the buyer must confirm it.
  const status: CheckStatus = locationConflict && byVerdict === "Ready" ? "Verify" : byVerdict;
  const where = locationConflict || (evaluation.row.locationModelBasis ?? "given") !== "given" ? ` ${locationCheck}` : "";
  return [status, `${verdict}: ${hours} ${reason}${where}`.trim()];
}

/** Context shown with the questions the row cannot answer. */
function questionHint(key: CheckKey, evaluation: Evaluation, a: Assumptions): string {
  const { row, fit } = evaluation;
  switch (key) {
    case "collaborationIntensity":
      return `The row says ${row.collaborationIntensity.toLowerCase()} collaboration intensity with ${formatHours(fit.overlapHours)} h shared working time.`;
    case "providerMaturity":
      return row.certifications.length > 0
        ? `Certifications listed: ${row.certifications.join(", ")}. ${certificationsCountedText(row, a)} Ask for process, staffing, reporting and escalation evidence too.`
        : "No certification is listed: ask for process, security, staffing, reporting and escalation evidence.";
    case "scalePath":
      return `Plan how ${row.engagementModel.toLowerCase()} grows beyond the pilot: who adds people, who keeps control.`;
    default:
      return "";
  }
}

/** Which listed certifications the risk score counted, and which it did not because they are not held today. */
function certificationsCountedText(row: VendorRow, a: Assumptions): string {
  const counted = countedCertifications(row, a);
  const uncounted = uncountedCertifications(row, a);
  const held = counted.length > 0 ? `Counted as security certifications held today: ${counted.join(", ")}.` : "No security certification held today is counted.";
  return uncounted.length > 0 ? `${held} Not counted (negated, planned, pending, in progress or expired): ${uncounted.join(", ")}.` : held;
}

function buildChecks(evaluation: Evaluation, owners: readonly ChecklistOwner[], answers: Partial<Record<CheckKey, CheckStatus>>, a: Assumptions): ReadinessCheck[] {
  const { row } = evaluation;
  const derived: Partial<Record<CheckKey, [CheckStatus, string]>> = {
    workClarity: workClarity(row.requirementsClarity, row.engagementModel),
    riskLevel: riskLevel(evaluation),
    internalOwnership: internalOwnership(owners),
    commercialFit: commercialFit(row.pricingModel, row.requirementsClarity, row.engagementModel, a),
    locationFit: locationFit(evaluation),
  };
  return CHECK_KEYS.map((key) => {
    const text = CHECK_TEXT[key];
    const fromRow = derived[key];
    if (fromRow) return { key, ...text, status: fromRow[0], reason: fromRow[1], basis: "row" as const, answerable: false };
    const answer = answers[key];
    const hint = questionHint(key, evaluation, a);
    if (answer && (CHECK_STATUSES as readonly string[]).includes(answer))
      return { key, ...text, status: answer, reason: `Your answer: ${answer}. ${hint}`.trim(), basis: "answer" as const, answerable: true };
    return { key, ...text, status: "Verify" as const, reason: `To answer: ${text.question} ${hint}`.trim(), basis: "question" as const, answerable: true };
  });
}

// ---------------------------------------------------------------------------------------
// Mitigations, security rules, pilot plan

/** The top "Mitigations: top risks listed" drivers, and any at or above "Mitigations: any risk from score". */
function buildMitigations(evaluation: Evaluation, a: Assumptions): ChecklistMitigation[] {
  const drivers = [...evaluation.risk.drivers].filter((d) => d.score > 0).sort((x, y) => y.score - x.score);
  return drivers
    .filter((d, i) => i < a.mitigationTopDrivers || d.score >= a.mitigationFromScore)
    .map((d) => ({ riskKey: d.key, risk: d.label, score: d.score, cause: d.cause, mitigation: d.mitigation }));
}

export const SECURITY_RULE_TITLES = ["Least privilege", "Monitoring", "Evidence", "Data location"] as const;

function evidenceRule(row: VendorRow, a: Assumptions): string {
  const counted = countedCertifications(row, a);
  const uncounted = uncountedCertifications(row, a);
  const notYet = uncounted.length > 0 ? ` ${uncounted.join(", ")} ${uncounted.length === 1 ? "does" : "do"} not count until a current certificate is shown.` : "";
  if (counted.length > 0)
    return `Before onboarding, check the evidence behind ${counted.join(", ")} (scope, date, exceptions) and the background checks; review it again every year.${notYet}`;
  const none = row.certifications.length > 0 ? "No security certification held today is listed" : "No certification is listed";
  return `${none}: before onboarding, complete a supplier risk assessment (a security questionnaire such as SIG) and ask for background checks and an independent assessment.${notYet}`;
}

function buildSecurityRules(row: VendorRow, a: Assumptions, schedule: DueSchedule | null): SecurityRule[] {
  return securityRuleTexts(row, a).map((r) => ({ ...r, due: "Before onboarding" as const, dueDate: dueDate("Before onboarding", schedule) }));
}

function securityRuleTexts(row: VendorRow, a: Assumptions): Omit<SecurityRule, "due" | "dueDate">[] {
  if (row.dataSensitivity !== "Confidential" && row.dataSensitivity !== "Regulated") return [];
  const data = row.dataSensitivity.toLowerCase();
  const rules: Omit<SecurityRule, "due" | "dueDate">[] = [
    {
      key: "leastPrivilege",
      title: "Least privilege",
      rule: `Give each named person only the ${data} data, environments and tools their tasks need; no shared accounts; review access monthly and remove it the day someone leaves.`,
    },
    {
      key: "monitoring",
      title: "Monitoring",
      rule: `Log and monitor every access to ${data} data and systems; agree who reviews the logs and how fast the provider reports an incident.`,
    },
    {
      key: "evidence",
      title: "Evidence",
      rule: evidenceRule(row, a),
    },
  ];
  if (row.dataSensitivity === "Regulated")
    rules.push({
      key: "dataLocation",
      title: "Data location",
      rule: `Confirm where regulated data may be stored and processed${row.country ? ` (work delivered from ${row.country})` : ""}, and which transfer rules apply; regulatory accountability stays with you.`,
    });
  return rules;
}

export const PILOT_STEP_TITLES = [
  "1. One workstream",
  "2. Target outcome",
  "3. Engagement",
  "4. Pricing",
  "5. Security and access",
  "6. Measurable pilot",
  "7. Review before scaling",
] as const;

/** Step 6's title when the engagement is its own trial: there is no pilot to measure, only its first checkpoint. */
export const PILOT_SKIPPED_STEP_TITLE = "6. First checkpoint";

const ENGAGEMENT_SUPPLIES: Record<EngagementModel, string> = {
  "Staff augmentation": "the provider supplies people and you direct the work: do not expect it to own outcomes",
  "Dedicated team": "the provider supplies a stable team and handles its people; you direct the work",
  Project: "the provider delivers a project to a specification you own",
  "Managed service": "the provider owns a managed service under service levels",
  BPO: "the provider runs a business process by KPI; you keep regulatory accountability",
  "Outcome-based": "the provider is paid for results: agree how they are measured first",
};

const PILOT_MEASURE: Record<EngagementModel, string> = {
  "Staff augmentation": "work items accepted per week and rework found in review",
  "Dedicated team": "backlog items accepted per sprint and rework found in review",
  Project: "the first milestone accepted against its acceptance criteria",
  "Managed service": "service levels met and incidents resolved in time",
  BPO: "KPIs met on volume, accuracy and turnaround",
  "Outcome-based": "the outcome measure against its baseline",
};

/** The guide: a small pilot first. A share of the engagement, rounded to whole months, between the minimum and maximum assumptions. */
function pilotMonths(durationMonths: number, a: Assumptions): number {
  if (!(durationMonths > 0)) return a.pilotMaxMonths;
  return Math.max(a.pilotMinMonths, Math.min(a.pilotMaxMonths, Math.round(durationMonths * a.pilotShareOfDuration)));
}

/**
 * The pilot for this row, or why there is none. An engagement that is itself bounded (a
 * project, or a fixed price) and no longer than the longest pilot is its own trial: a pilot
 * would be most of it and there is nothing to scale to. Nor is there a pilot when it would
 * last as long as the engagement. Assumption: a pilot is worth running only when it is
 * clearly smaller than what follows it.
 */
export function pilotFor(row: Pick<VendorRow, "durationMonths" | "engagementModel" | "pricingModel">, a: Assumptions = DEFAULT_ASSUMPTIONS): { months: number; skipped: string } {
  const months = pilotMonths(row.durationMonths, a);
  const bounded = row.engagementModel === "Project" || row.pricingModel === "Fixed price";
  const d = row.durationMonths;
  const length = `${formatHours(d)}-month`;
  if (d > 0 && bounded && d <= a.pilotMaxMonths)
    return {
      months: 0,
      skipped: `No separate pilot: a ${length} ${row.pricingModel.toLowerCase()} ${row.engagementModel.toLowerCase()} is itself short and bounded, so a ${months}-month pilot would be most of it and there is nothing to scale to. Make the first deliverable the checkpoint instead.`,
    };
  if (d > 0 && months >= d)
    return { months: 0, skipped: `No separate pilot: the engagement lasts ${formatHours(d)} month${d === 1 ? "" : "s"}, no longer than a pilot would. Review it at the first checkpoint instead.` };
  return { months, skipped: "" };
}

/** What a pilot covers, by kind of work. Assumption: one unit of each kind that can be delivered and judged on its own. */
const PILOT_SCOPE: Record<WorkType, string> = {
  "Software development": "one feature or component, released to a test environment",
  "QA and testing": "one test suite or one release cycle",
  "IT support": "one support queue or one shift, run alongside the current team",
  Infrastructure: "one environment or a group of non-critical systems",
  Security: "one application or network segment, under written rules of engagement",
  "Data and analytics": "one report, model or data pipeline",
  "Data processing and BPO": "one process at a sample of its volume, run alongside the current team",
  "Finance operations": "one process for one entity, run alongside the current team for one close",
};

function buildPilotPlan(evaluation: Evaluation, checks: readonly ReadinessCheck[], securityRules: readonly SecurityRule[], a: Assumptions, pilot: { months: number; skipped: string }): PilotStep[] {
  const { row, cost } = evaluation;
  const workstream = row.workType.trim() || "one workstream";
  const scope = row.scope.trim();
  const unit = PILOT_SCOPE[workTypeOf(row.workType)];
  const commercial = checks.find((c) => c.key === "commercialFit");
  const clarityStep =
    row.requirementsClarity === "Low"
      ? "Requirements clarity is Low: run a short discovery first, then write the target outcome, deliverables, acceptance criteria and excluded scope."
      : "Write the target outcome, deliverables, acceptance criteria and excluded scope.";
  const months = pilot.months;
  const share = row.durationMonths > 0 ? Math.min(1, months / row.durationMonths) : 1;
  const pilotHours = Math.round(row.hours * share);
  const size =
    row.pricingModel === "Fixed price"
      ? "as a first fixed-price work package"
      : row.pricingModel === "Capacity"
        ? "with a smaller team at the agreed capacity price"
        : `(about ${formatNumber(pilotHours)} of the ${formatNumber(row.hours)} hours)`;
  const measure = pilot.skipped
    ? `${pilot.skipped} Measure ${PILOT_MEASURE[row.engagementModel]}.`
    : `Run ${months} month${months === 1 ? "" : "s"} ${size} on ${unit} and measure ${PILOT_MEASURE[row.engagementModel]}.`;
  const review = pilot.skipped
    ? `At acceptance, review quality, communication, cost (planned ${formatNumber(cost.total)} in total, ${formatRate(cost.effectiveHourlyRate)} per hour all-in) and governance before any follow-on work.`
    : `Review quality, communication, cost (planned ${formatNumber(cost.total)} in total, ${formatRate(cost.effectiveHourlyRate)} per hour all-in) and governance before scaling; scale only when no readiness check is a blocker.`;
  return [
    {
      key: "workstream",
      title: PILOT_STEP_TITLES[0],
      detail: pilot.skipped
        ? `The engagement is ${workstream}${scope ? ` (${scope})` : ""}; keep it to that scope.`
        : `Start with ${workstream}${scope ? ` (${scope})` : ""}, not an entire operating function.`,
    },
    { key: "outcome", title: PILOT_STEP_TITLES[1], detail: clarityStep },
    { key: "engagement", title: PILOT_STEP_TITLES[2], detail: `${row.engagementModel}: ${ENGAGEMENT_SUPPLIES[row.engagementModel]}.` },
    { key: "pricing", title: PILOT_STEP_TITLES[3], detail: commercial ? `${commercial.status}: ${commercial.reason}` : row.pricingModel },
    {
      key: "security",
      title: PILOT_STEP_TITLES[4],
      detail:
        securityRules.length > 0
          ? `${row.dataSensitivity} data: put the ${securityRules.length} security and access rules in place before anyone is onboarded.`
          : `${row.dataSensitivity} data: the security owner still approves every access before onboarding.`,
    },
    { key: "pilot", title: pilot.skipped ? PILOT_SKIPPED_STEP_TITLE : PILOT_STEP_TITLES[5], detail: measure },
    { key: "review", title: PILOT_STEP_TITLES[6], detail: review },
  ];
}

// ---------------------------------------------------------------------------------------

function formatHours(hours: number): string {
  return (Math.round(hours * 10) / 10).toString();
}

// One formatter for every call: building an Intl.NumberFormat costs far more than formatting
// with it, and the finance summary formats one amount per vendor.
const WHOLE_FORMAT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function formatNumber(value: number): string {
  return WHOLE_FORMAT.format(value);
}

const RATE_FORMAT = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An hourly rate to the cent, as rate cards quote it: 53.35, not 53. */
export function formatRate(value: number): string {
  return RATE_FORMAT.format(value);
}

function isoDate(today: ChecklistOptions["today"]): string {
  return today ? isoDateOf(today) : "";
}

/** The engagement start from the options, else from the assumption (0: not known). */
function startOf(options: ChecklistOptions, a: Assumptions): CalendarDate | null {
  if (options.startDate !== undefined) return options.startDate;
  return a.engagementStartDate > 0 ? excelSerialToDate(a.engagementStartDate) : null;
}

/** The last day of each stage, from the start and the pilot. */
export function dueDatesOf(schedule: DueSchedule | null): Record<DueStage, string> {
  return Object.fromEntries(DUE_STAGES.map((stage) => [stage, dueDate(stage, schedule)])) as Record<DueStage, string>;
}

/** The contract items of a row, the parts of the checklist that need no cost: a row whose rate cell is bad still gets them. */
export function contractItemsOf(row: ContractFacts & Pick<VendorRow, "durationMonths" | "engagementModel" | "pricingModel">, options: Pick<ChecklistOptions, "startDate" | "assumptions"> = {}): ContractItem[] {
  const a = options.assumptions ?? DEFAULT_ASSUMPTIONS;
  const start = startOf(options, a);
  return contractItems(row, start ? { start, pilotMonths: pilotFor(row, a).months } : null);
}

/** The parts of the checklist that need only the row's categories, not its cost or risk. */
export interface CostFreeChecklist {
  readonly vendor: string;
  readonly engagementModel: EngagementModel;
  readonly pricingModel: PricingModel;
  readonly dataSensitivity: DataSensitivity;
  readonly owners: readonly ChecklistOwner[];
  readonly contractItems: readonly ContractItem[];
  readonly securityRules: readonly SecurityRule[];
  readonly startDate: string;
  readonly dueDates: Readonly<Record<DueStage, string>>;
}

/** The fields a row's cost-free parts read: a row whose rate or hours cell is bad still has them. */
export const COST_FREE_FIELDS = ["engagementModel", "pricingModel", "dataSensitivity", "replacesInHouseStaff", "durationMonths", "workType", "certifications", "country"] as const;

/** Owners, contract items and security rules of a row whose cost cannot be computed. */
export function buildCostFreeChecklist(row: VendorRow, options: ChecklistOptions = {}): CostFreeChecklist {
  const a = options.assumptions ?? DEFAULT_ASSUMPTIONS;
  const start = startOf(options, a);
  const schedule: DueSchedule | null = start ? { start, pilotMonths: pilotFor(row, a).months } : null;
  return {
    vendor: row.vendor,
    engagementModel: row.engagementModel,
    pricingModel: row.pricingModel,
    dataSensitivity: row.dataSensitivity,
    owners: buildOwners(row.engagementModel, options.ownerNames ?? {}, options.counterpartNames ?? {}),
    contractItems: contractItems(row, schedule),
    securityRules: buildSecurityRules(row, a, schedule),
    startDate: start ? isoDateOf(start) : "",
    dueDates: dueDatesOf(schedule),
  };
}

export function buildChecklist(evaluation: Evaluation, options: ChecklistOptions = {}): Checklist {
  const { row, cost, risk, fit } = evaluation;
  const a = options.assumptions ?? DEFAULT_ASSUMPTIONS;
  const owners = buildOwners(row.engagementModel, options.ownerNames ?? {}, options.counterpartNames ?? {});
  const start = startOf(options, a);
  const pilot = pilotFor(row, a);
  const schedule: DueSchedule | null = start ? { start, pilotMonths: pilot.months } : null;
  const checks = buildChecks(evaluation, owners, options.answers ?? {}, a);
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  const readiness = {
    ready: count("Ready"),
    verify: count("Verify"),
    blocker: count("Blocker"),
    overall: (count("Blocker") > 0 ? "Blocker" : count("Verify") > 0 ? "Verify" : "Ready") as CheckStatus,
  };
  const securityRules = buildSecurityRules(row, a, schedule);
  return {
    header: {
      vendor: row.vendor,
      country: row.country,
      timeZone: row.timeZone,
      locationModel: row.locationModel,
      engagementModel: row.engagementModel,
      pricingModel: row.pricingModel,
      totalCost: cost.total,
      effectiveHourlyRate: cost.effectiveHourlyRate,
      riskScore: risk.score,
      riskBand: risk.band,
      riskLabel: risk.label,
      locationFit: fit.verdict,
      overlapHours: fit.overlapHours,
      requiredOverlapHours: fit.requiredOverlapHours,
      dataSensitivity: row.dataSensitivity,
      workType: row.workType,
      scope: row.scope,
    },
    owners,
    checks,
    readiness,
    mitigations: buildMitigations(evaluation, a),
    securityRules,
    pilotPlan: buildPilotPlan(evaluation, checks, securityRules, a, pilot),
    generatedOn: isoDate(options.today),
    contractItems: contractItems(row, schedule),
    startDate: start ? isoDateOf(start) : "",
    dueDates: dueDatesOf(schedule),
    pilot,
  };
}

// ---------------------------------------------------------------------------------------
// Markdown, for e-mail

/** Escapes text from the workbook so a vendor name cannot break the table or add links. */
function md(text: string | number): string {
  return String(text)
    .replace(/\\/g, "\\\\")
    // Brackets escaped, a link cannot form, so parentheses stay readable.
    .replace(/([`*_{}[\]<>#|~])/g, "\\$1")
    .replace(/\r?\n/g, " ");
}

export function formatMoney(value: number): string {
  return formatNumber(value);
}

export function locationText(header: ChecklistHeader): string {
  const where = [header.country, header.timeZone].filter((s) => s !== "").join(", ");
  return where ? `${header.locationModel} (${where})` : header.locationModel;
}

export function checklistToMarkdown(checklist: Checklist): string {
  const h = checklist.header;
  const lines: string[] = [];
  lines.push(`# Governance checklist: ${md(h.vendor || "(unnamed vendor)")}`, "");
  if (checklist.generatedOn) lines.push(`Generated ${checklist.generatedOn}.`, "");
  lines.push(
    `- **Location:** ${md(locationText(h))}`,
    `- **Engagement model:** ${md(h.engagementModel)}; **pricing model:** ${md(h.pricingModel)}`,
    `- **Total cost:** ${md(formatMoney(h.totalCost))} (${md(formatRate(h.effectiveHourlyRate))} per hour all-in)`,
    `- **Risk score:** ${Math.round(h.riskScore)} (${md(h.riskLabel)})`,
    `- **Location fit:** ${md(h.locationFit)}, ${formatHours(h.overlapHours)} h overlap (${formatHours(h.requiredOverlapHours)} h needed)`,
    `- **Data sensitivity:** ${md(h.dataSensitivity)}`,
  );
  if (h.workType) lines.push(`- **Work type:** ${md(h.workType)}`);
  if (h.scope) lines.push(`- **Scope:** ${md(h.scope)}`);
  const r = checklist.readiness;
  lines.push(`- **Readiness:** ${r.overall} (${r.ready} ready, ${r.verify} to verify, ${r.blocker} blocker${r.blocker === 1 ? "" : "s"})`, "");

  lines.push(
    `- **Engagement start:** ${checklist.startDate ? `${checklist.startDate}; sign by ${checklist.dueDates["Before signature"]}` : "not set (items show their stage; set Engagement start date for dates)"}`,
    "",
  );

  lines.push(
    "## Governance owners",
    "",
    "RACI: R responsible, A accountable, C consulted, I informed.",
    "",
    "| Owner | Buyer's owner | Buyer RACI | Provider's counterpart | Provider RACI | Buyer's owner does | Provider does | Due |",
    "|---|---|---|---|---|---|---|---|",
  );
  const ownersDue = dueText("Before signature", checklist.dueDates["Before signature"]);
  for (const o of checklist.owners)
    lines.push(
      `| ${md(o.role)} | ${o.missing ? "**MISSING**" : md(o.name)} | ${raciLetters(o.raci.buyer)} | ${o.counterpart ? md(o.counterpart) : "(not named)"} | ${raciLetters(o.raci.provider)} | ${md(o.buyerDuty)} | ${md(o.providerDuty)} | ${md(ownersDue)} |`,
    );
  lines.push("", "## Readiness checks", "", "| Check | Status | Reason |", "|---|---|---|");
  for (const c of checklist.checks) lines.push(`| ${md(c.label)} | ${c.status} | ${md(c.reason)} |`);

  if (checklist.mitigations.length > 0) {
    lines.push("", "## Mitigations for the top risks", "");
    for (const m of checklist.mitigations) lines.push(`- **${md(m.risk)}** (${Math.round(m.score)}): ${md(m.mitigation.replace(/\.\s*$/, ""))}. _Why:_ ${md(m.cause)}`);
  }
  if (checklist.contractItems.length > 0) {
    lines.push("", "## Contract and exit items", "");
    for (const item of checklist.contractItems)
      lines.push(`- **${md(item.title)}** (${md(dueText(item.due, item.dueDate))}): ${md(item.clause)} _Why:_ ${md(item.why)} _Source:_ ${md(item.source)}`);
  }
  if (checklist.securityRules.length > 0) {
    lines.push("", "## Security and access rules before onboarding", "");
    for (const s of checklist.securityRules) lines.push(`- **${md(s.title)}** (${md(dueText(s.due, s.dueDate))}): ${md(s.rule)}`);
  }
  const pilotDue = checklist.pilot.skipped ? "" : ` (${md(dueText("In the pilot", checklist.dueDates["In the pilot"]))})`;
  lines.push("", `## Pilot plan${pilotDue}`, "");
  checklist.pilotPlan.forEach((p, i) => lines.push(`${i + 1}. **${md(p.title.replace(/^\d+\.\s*/, ""))}:** ${md(p.detail)}`));
  lines.push("");
  return lines.join("\n");
}
