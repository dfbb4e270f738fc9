// Contract and exit items of the governance checklist, and when each is due. An item is
// listed only when the row makes it relevant (engagement model, pricing model, data
// sensitivity, replaces in-house staff, duration); each says why it is there and cites
// the public standard or law behind it, or says "Assumption: ..." where there is none.
//
// Only the row's categories and duration are read, never its rate or hours, so a row whose
// rate cell is bad still gets its contract items.
//
// Pure: no Office, no DOM, no clock.

import type { EngagementModel, PricingModel, VendorRow } from "./types";
import { addDays, addMonths, type CalendarDate } from "./zones";

/** The row's fields the contract items depend on. */
export type ContractFacts = Pick<VendorRow, "engagementModel" | "pricingModel" | "dataSensitivity" | "replacesInHouseStaff" | "durationMonths" | "workType">;

export const DUE_STAGES = ["Before signature", "Before onboarding", "In the pilot", "At the first quarterly review"] as const;
export type DueStage = (typeof DUE_STAGES)[number];

export const CONTRACT_KEYS = [
  "serviceLevels",
  "acceptance",
  "intellectualProperty",
  "dataProcessing",
  "auditRights",
  "subcontractors",
  "continuity",
  "keyPersonnel",
  "liability",
  "indexation",
  "governanceCadence",
  "exit",
  "employeeConsultation",
] as const;
export type ContractKey = (typeof CONTRACT_KEYS)[number];

export interface ContractItem {
  readonly key: ContractKey;
  readonly title: string;
  /** What to agree. */
  readonly clause: string;
  /** Why this row needs it. */
  readonly why: string;
  /** The public standard, law or guidance behind it, or "Assumption: <reason>". */
  readonly source: string;
  readonly due: DueStage;
  /** "YYYY-MM-DD" when the engagement start is known; "" otherwise. */
  readonly dueDate: string;
}

/** Titles as written on the sheet: the sheet recognises its rows by them. */
export const CONTRACT_TITLES: Record<ContractKey, string> = {
  serviceLevels: "Service levels and service credits",
  acceptance: "Acceptance criteria and change control",
  intellectualProperty: "Intellectual property and escrow",
  dataProcessing: "Data processing agreement, data location, return and deletion",
  auditRights: "Audit rights and assurance reports",
  subcontractors: "Approval of subcontractors",
  continuity: "Business continuity and disaster recovery",
  keyPersonnel: "Key personnel",
  liability: "Liability caps and insurance",
  indexation: "Rate indexation, currency and benchmarking",
  governanceCadence: "Governance cadence",
  exit: "Exit and transition-out",
  employeeConsultation: "Consultation of employees",
};

const SOURCES = {
  iso20000: "ISO/IEC 20000-1:2018, Service management system requirements, clause 8.3.3 Service level management",
  gdpr28: "Regulation (EU) 2016/679 (GDPR), Art. 28(3): the processor contract, including (g) deletion or return of personal data at the end",
  gdprTransfers: "GDPR Chapter V (Art. 44-49): transfers of personal data to third countries",
  soc2: "AICPA, SOC 2 (Trust Services Criteria, 2017, revised 2022): a Type II report covers how controls operated over a period",
  iso27001: "ISO/IEC 27001:2022, Annex A 5.19-5.22 (information security in supplier relationships)",
  gdpr28_2: "GDPR Art. 28(2): the processor engages another processor only with the controller's prior written authorisation",
  iso22301: "ISO 22301:2019, Security and resilience: Business continuity management systems",
  eba: "European Banking Authority, Guidelines on outsourcing arrangements (EBA/GL/2019/02), section 15: exit strategies",
  acd: "Council Directive 2001/23/EC (Acquired Rights Directive), Art. 7: information and consultation; UK: TUPE Regulations 2006, reg. 13",
} as const;

/** Engagement models where the provider runs an operation in its own environment. */
const PROVIDER_RUNS: ReadonlySet<EngagementModel> = new Set(["Managed service", "BPO", "Outcome-based"]);
/** Pricing models that pay for units or results, so what a unit or result is must be measured. */
const PAID_BY_RESULT: ReadonlySet<PricingModel> = new Set(["Output-based", "Outcome-based"]);
/** Engagement models where the buyer's service depends on named people. */
const PEOPLE_BASED: ReadonlySet<EngagementModel> = new Set(["Staff augmentation", "Dedicated team", "Project"]);

const MULTI_YEAR_MONTHS = 24;
const LONG_MONTHS = 12;
const QUARTER_MONTHS = 3;

type Draft = Omit<ContractItem, "dueDate" | "title">;

function serviceLevels(f: ContractFacts): Draft | null {
  const byModel = PROVIDER_RUNS.has(f.engagementModel);
  if (!byModel && !PAID_BY_RESULT.has(f.pricingModel)) return null;
  return {
    key: "serviceLevels",
    clause:
      "Service levels and KPIs with how each is measured and reported, the service credit for each miss, and a cap on credits per month (and the point at which repeated misses allow termination).",
    why: byModel
      ? `Under ${f.engagementModel.toLowerCase()} the provider runs the work, so the service levels are how you hold it to account.`
      : `${f.pricingModel} pricing pays for measured output, so what counts and how it is measured must be agreed first.`,
    source: SOURCES.iso20000,
    due: "Before signature",
  };
}

function acceptance(f: ContractFacts): Draft | null {
  const project = f.engagementModel === "Project";
  const fixed = f.pricingModel === "Fixed price";
  if (!project && !fixed) return null;
  return {
    key: "acceptance",
    clause: "Acceptance criteria and tests for each deliverable, the time you have to accept or reject, and change control: every change priced and approved in writing before it is worked.",
    why: fixed
      ? "A fixed price covers the agreed specification only: without acceptance criteria and change control every disagreement becomes a dispute about the price."
      : "A project is paid for deliverables, so each needs criteria you accept it against.",
    source: "Assumption: the usual terms of fixed-scope work; the buyer's guide pairs fixed price with clear requirements",
    due: "Before signature",
  };
}

function intellectualProperty(f: ContractFacts): Draft {
  const code = /software|develop|code|application|app\b|platform|engineer/i.test(f.workType) || (f.workType.trim() === "" && f.engagementModel !== "BPO");
  return {
    key: "intellectualProperty",
    clause: code
      ? "Who owns what is delivered (assignment of copyright in code and documents to you on payment), licences to the provider's pre-existing tools, open-source rules, and escrow of source code you do not hold yourself."
      : "Who owns what is delivered (documents, data, process material) and the licences to the provider's pre-existing tools and methods.",
    why: code ? "The work delivers code: without assignment and escrow you may not be able to change or run it without the provider." : "Work product you pay for should be yours to reuse when the engagement ends.",
    source: "Assumption: ownership of work product must be written into the contract; escrow is common practice where code is delivered but not handed over",
    due: "Before signature",
  };
}

function dataProcessing(f: ContractFacts): Draft | null {
  if (f.dataSensitivity !== "Confidential" && f.dataSensitivity !== "Regulated") return null;
  return {
    key: "dataProcessing",
    clause: "A data processing agreement: what data is processed and why, where it may be stored and accessed from, the transfer mechanism for other countries, security measures, breach notice times, and return and deletion of all copies at exit with a certificate.",
    why: `The row's data is ${f.dataSensitivity.toLowerCase()}: the provider will process it on your behalf.`,
    source: f.dataSensitivity === "Regulated" ? `${SOURCES.gdpr28}; ${SOURCES.gdprTransfers}` : SOURCES.gdpr28,
    due: "Before signature",
  };
}

function auditRights(f: ContractFacts): Draft | null {
  const data = f.dataSensitivity === "Confidential" || f.dataSensitivity === "Regulated";
  if (!data && !PROVIDER_RUNS.has(f.engagementModel)) return null;
  return {
    key: "auditRights",
    clause: "Your right to audit (or to rely on an independent auditor), and the assurance report due each year: for example a SOC 2 Type II report, or an ISO/IEC 27001 certificate with its scope and statement of applicability, with exceptions followed up.",
    why: data ? `The provider handles ${f.dataSensitivity.toLowerCase()} data: you must be able to check its controls, not only its word.` : `Under ${f.engagementModel.toLowerCase()} the controls run in the provider's environment.`,
    source: `${SOURCES.soc2}; ${SOURCES.iso27001}`,
    due: "Before signature",
  };
}

function subcontractors(f: ContractFacts): Draft | null {
  const data = f.dataSensitivity === "Confidential" || f.dataSensitivity === "Regulated";
  // Under staff augmentation the buyer names and approves each person, which already covers fourth parties.
  if (!data && f.engagementModel === "Staff augmentation") return null;
  return {
    key: "subcontractors",
    clause: "No subcontracting (fourth parties) without your prior written approval; a list of current subcontractors, notice of changes, and the same obligations passed down to them.",
    why: data ? "Personal or confidential data passed to a subcontractor leaves the controls you agreed with the provider." : `Under ${f.engagementModel.toLowerCase()} the provider may hand parts of the work to others you have not assessed.`,
    source: data ? `${SOURCES.gdpr28_2}; ${SOURCES.iso27001}` : SOURCES.iso27001,
    due: "Before signature",
  };
}

function continuity(f: ContractFacts): Draft | null {
  if (!PROVIDER_RUNS.has(f.engagementModel) && f.dataSensitivity !== "Regulated" && f.durationMonths < LONG_MONTHS) return null;
  return {
    key: "continuity",
    clause: "The provider's business continuity and disaster recovery plan for this work: recovery times, alternate sites or staff, and a test you see the results of during the pilot.",
    why: PROVIDER_RUNS.has(f.engagementModel)
      ? `Under ${f.engagementModel.toLowerCase()} your operation stops when the provider's does.`
      : f.dataSensitivity === "Regulated"
        ? "Regulated work usually must show it can continue through an outage."
        : `A ${f.durationMonths}-month engagement will meet at least one outage.`,
    source: SOURCES.iso22301,
    due: "In the pilot",
  };
}

function keyPersonnel(f: ContractFacts): Draft | null {
  if (!PEOPLE_BASED.has(f.engagementModel)) return null;
  return {
    key: "keyPersonnel",
    clause: "Named key people, the notice and handover before any of them is replaced, your approval of replacements, and non-solicitation both ways.",
    why: `Under ${f.engagementModel.toLowerCase()} the work depends on the people the provider puts on it.`,
    source: "Assumption: attrition is the provider's risk the buyer feels first; a notice period and approval keep knowledge from walking out",
    due: "Before signature",
  };
}

function liability(): Draft {
  return {
    key: "liability",
    clause: "Caps on liability (with data breach, confidentiality and IP infringement outside or above the general cap), and the insurance the provider must hold: professional indemnity and cyber cover.",
    why: "Every engagement needs to say who pays when something goes wrong, and whether the provider can.",
    source: "Assumption: caps and insurance are negotiated per contract; no public standard sets them",
    due: "Before signature",
  };
}

function indexation(f: ContractFacts): Draft | null {
  if (f.durationMonths < MULTI_YEAR_MONTHS) return null;
  return {
    key: "indexation",
    clause: "How rates may change each year (an index and a cap), which currency invoices are in and who carries exchange-rate moves, and a benchmarking right to compare rates with the market.",
    why: `The engagement runs ${f.durationMonths} months: rates and exchange rates will move during it.`,
    source: "Assumption: multi-year offshore contracts usually index rates to wage inflation and fix the invoice currency",
    due: "Before signature",
  };
}

function governanceCadence(f: ContractFacts): Draft {
  const quarterly = f.durationMonths >= QUARTER_MONTHS;
  return {
    key: "governanceCadence",
    clause: quarterly
      ? "Operational meeting weekly (delivery owner and the provider's delivery manager), steering monthly (scope, quality and commercial owners with the provider's account lead), executive review quarterly (escalation owner and the provider's executive sponsor)."
      : "Operational meeting weekly (delivery owner and the provider's delivery manager) and steering monthly (scope, quality and commercial owners with the provider's account lead); the engagement is shorter than a quarter, so the closing review replaces the quarterly one.",
    why: "Governance that is not on the calendar does not happen.",
    source: "Assumption: a common three-tier outsourcing governance model (operational, steering, executive)",
    due: "Before onboarding",
  };
}

// Every row's total cost carries an exit and transition-out line, so every checklist names
// the plan that line pays for. A short project has no quarterly review to agree it at: its
// hand-over is one of its deliverables, written into the contract.
function exit(f: ContractFacts): Draft | null {
  const shortProject = f.engagementModel === "Project" && f.durationMonths < LONG_MONTHS;
  return {
    key: "exit",
    clause: "An exit and transition-out plan: termination assistance for a stated period, handover of knowledge, documents, code and data, and cooperation with the next provider or your own team; budget it as the 'Exit and transition-out' line of the total cost.",
    why: shortProject
      ? "A project ends with a hand-over: the code, documents and knowledge it produced must come back to you or to whoever maintains the work next."
      : PROVIDER_RUNS.has(f.engagementModel) || f.engagementModel === "Dedicated team"
        ? `Under ${f.engagementModel.toLowerCase()} the knowledge of how the work runs sits with the provider.`
        : `An engagement of ${f.durationMonths} months builds knowledge you must be able to take back.`,
    source: SOURCES.eba,
    due: shortProject ? "Before signature" : "At the first quarterly review",
  };
}

function employeeConsultation(f: ContractFacts): Draft | null {
  if (!f.replacesInHouseStaff) return null;
  return {
    key: "employeeConsultation",
    clause: "Inform and consult the employees affected, or their representatives, before the decision is final; check whether their employment transfers to the provider.",
    why: "The row says the engagement replaces in-house staff.",
    source: SOURCES.acd,
    due: "Before signature",
  };
}

const BUILDERS: readonly ((f: ContractFacts) => Draft | null)[] = [
  serviceLevels,
  acceptance,
  intellectualProperty,
  dataProcessing,
  auditRights,
  subcontractors,
  continuity,
  keyPersonnel,
  liability,
  indexation,
  governanceCadence,
  exit,
  employeeConsultation,
];

/** The contract and exit items this row needs, in a fixed order. */
export function contractItems(facts: ContractFacts, schedule: DueSchedule | null = null): ContractItem[] {
  return BUILDERS.map((b) => b(facts))
    .filter((d): d is Draft => d !== null)
    .map((d) => ({ ...d, title: CONTRACT_TITLES[d.key], dueDate: dueDate(d.due, schedule) }));
}

// ---------------------------------------------------------------------------------------
// Due dates

/** Sign at least this many days before the start, so access and accounts can be prepared. */
export const SIGNATURE_LEAD_DAYS = 14;

export interface DueSchedule {
  readonly start: CalendarDate;
  /** The pilot's length in months; 0 when there is no separate pilot. */
  readonly pilotMonths: number;
}

export function isoDateOf(date: CalendarDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** The last day a stage's items may be done by, as "YYYY-MM-DD"; "" without a start date. */
export function dueDate(stage: DueStage, schedule: DueSchedule | null): string {
  if (!schedule) return "";
  const { start } = schedule;
  switch (stage) {
    case "Before signature":
      return isoDateOf(addDays(start, -SIGNATURE_LEAD_DAYS));
    case "Before onboarding":
      return isoDateOf(start);
    case "In the pilot":
      // Without a separate pilot, the first month plays its part.
      return isoDateOf(addMonths(start, Math.max(1, Math.ceil(schedule.pilotMonths))));
    case "At the first quarterly review":
      return isoDateOf(addMonths(start, QUARTER_MONTHS));
  }
}

/** "Before signature (by 2027-01-18)", or the stage alone without a date. */
export function dueText(stage: DueStage, date: string): string {
  return date ? `${stage} (by ${date})` : stage;
}
