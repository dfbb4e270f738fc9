// The vendor table's columns: which header texts name which field, and how a header row
// maps onto fields. Header matching ignores case, spacing and punctuation because buyers
// type "Rate/h", "rate (per hour)" and "HOURLY RATE" for the same column.
import type { CellValue, FieldKey, HeaderMap } from "./types";

export interface FieldSpec {
  readonly key: FieldKey;
  /** The documented header, as the README and the sample workbook write it. */
  readonly header: string;
  readonly required: boolean;
  /** Other headers accepted for this field (matched after normaliseHeader). */
  readonly synonyms: readonly string[];
  /** What a missing column or an empty cell means, in words. */
  readonly defaultText: string;
  readonly description: string;
}

export const FIELDS: readonly FieldSpec[] = [
  { key: "vendor", header: "Vendor", required: false, synonyms: ["Vendor name", "Supplier", "Provider", "Name"], defaultText: "empty", description: "Name of the vendor. With a Role or Option column, the rows with the same Vendor (and Option) are one vendor option, costed as one engagement." },
  { key: "hourlyRate", header: "Hourly rate", required: true, synonyms: ["Rate", "Rate/h", "Rate per hour", "Hourly", "Price per hour", "Bill rate", "Rate (USD/h)", "Hourly rate (USD)"], defaultText: "required", description: "Price of one hour of the vendor's work, in the row's Currency (the reporting currency when there is none)." },
  { key: "hours", header: "Hours", required: true, synonyms: ["Effort", "Effort (h)", "Effort hours", "Total hours", "Hours (total)", "Estimated hours"], defaultText: "required", description: "Hours of work bought over the whole engagement." },
  { key: "currency", header: "Currency", required: false, synonyms: ["Currency code", "Rate currency", "Quote currency", "ISO currency", "Ccy"], defaultText: "the assumption 'Reporting currency'", description: "ISO 4217 code of the currency Hourly rate is quoted in (USD, EUR, INR). A code other than the reporting currency is converted with the exchange-rate table on the assumptions sheet." },
  { key: "durationMonths", header: "Duration (months)", required: false, synonyms: ["Duration", "Months", "Term", "Term (months)", "Contract length", "Contract months"], defaultText: "the assumption 'Default duration (months)'", description: "Length of the engagement in months." },
  { key: "country", header: "Country", required: false, synonyms: ["Vendor country", "Delivery country", "Location country"], defaultText: "none (Time zone or the buyer's zone is used)", description: "Country the work is delivered from: ISO code (IN) or English name (India)." },
  { key: "timeZone", header: "Time zone", required: false, synonyms: ["Timezone", "TZ", "Zone", "Vendor time zone", "IANA zone"], defaultText: "from Country; without either, the buyer's time zone", description: "Time zone the vendor works in: an IANA zone (Asia/Kolkata), a city (Kolkata), an offset (UTC+5:30) or an abbreviation (CET). Wins over Country." },
  { key: "locationModel", header: "Location model", required: false, synonyms: ["Location", "Shore", "Sourcing location", "Delivery location", "Location type"], defaultText: "derived from Country and Time zone against the buyer's (same country: Onshore; another country within the assumption 'Nearshore clock difference, maximum (hours)': Nearshore; otherwise Offshore); with neither, Offshore", description: "Onshore, Nearshore or Offshore. A label the vendor's country or time zone contradicts is costed as written and flagged." },
  { key: "engagementModel", header: "Engagement model", required: false, synonyms: ["Engagement", "Engagement type", "Delivery model", "Model"], defaultText: "Staff augmentation", description: "Who owns delivery: Staff augmentation, Dedicated team, Project, Managed service, BPO or Outcome-based." },
  { key: "pricingModel", header: "Pricing model", required: false, synonyms: ["Pricing", "Commercial model", "Contract type", "Price model"], defaultText: "Time and materials", description: "Time and materials, Fixed price, Capacity, Output-based or Outcome-based." },
  { key: "requirementsClarity", header: "Requirements clarity", required: false, synonyms: ["Clarity", "Work clarity", "Scope clarity", "Requirements"], defaultText: "Medium", description: "How well the work is defined: Low, Medium or High." },
  { key: "collaborationIntensity", header: "Collaboration intensity", required: false, synonyms: ["Collaboration", "Collaboration need", "Interaction", "Collaboration level"], defaultText: "Medium", description: "How much live collaboration the work needs: Low, Medium or High." },
  { key: "dataSensitivity", header: "Data sensitivity", required: false, synonyms: ["Sensitivity", "Data classification", "Data", "Data class", "Classification"], defaultText: "Internal", description: "Public, Internal, Confidential or Regulated." },
  { key: "urgency", header: "Urgency", required: false, synonyms: ["Priority", "Time pressure", "Urgency level"], defaultText: "Medium", description: "How time-critical the work is: Low, Medium or High." },
  { key: "attrition", header: "Attrition", required: false, synonyms: ["Attrition rate", "Annual attrition", "Attrition (%)", "Staff turnover", "Turnover"], defaultText: "the assumption 'Default attrition'", description: "Share of the vendor's staff leaving per year: 18%, 0.18 or 18 (a number of 1 or more is a percentage, below 1 a fraction)." },
  { key: "indexationCap", header: "Indexation cap", required: false, synonyms: ["Rate increase cap", "Annual increase cap", "Escalation cap", "Price increase cap", "Indexation"], defaultText: "no cap: the rate rises by the vendor country's wage inflation assumption", description: "The contract's cap on the yearly rise of the rate (3%, 0.03 or 3; 0 for a fixed rate), used for the cost per contract year." },
  { key: "replacesInHouseStaff", header: "Replaces in-house staff", required: false, synonyms: ["Replaces staff", "Replaces employees", "Displaces staff", "Layoffs", "Replaces in house staff"], defaultText: "No", description: "Yes when the engagement replaces the buyer's own employees (severance and retention apply)." },
  { key: "certifications", header: "Certifications", required: false, synonyms: ["Certification", "Certs", "Security certifications", "Accreditations", "Compliance"], defaultText: "none", description: "Certifications the vendor holds, separated by commas or semicolons (ISO 27001, SOC 2...); an entry that is negated, planned, pending, in progress or expired ('SOC 2 planned 2027') does not count." },
  { key: "workType", header: "Work type", required: false, synonyms: ["Type of work", "Service", "Service type", "Workstream", "Function", "Work category"], defaultText: "Software development", description: "The kind of work, which sets the onshore reference rate it is compared with: Software development, QA and testing, IT support, Infrastructure, Security, Data and analytics, Data processing and BPO or Finance operations. Other words are read by keyword (DevOps is Infrastructure, customer support is BPO, accounting is Finance operations); text naming none of them is Software development." },
  { key: "vendorHours", header: "Vendor hours", required: false, synonyms: ["Vendor working hours", "Working hours", "Work hours", "Shift", "Shift hours", "Vendor shift", "Business hours"], defaultText: "the assumptions 'Vendor workday start' and 'Vendor workday end'", description: "The vendor's working day for this row, in the vendor's local time: 22:00-06:00 (past midnight), 9:00-17:30, 9-17 or 9am-5pm." },
  { key: "scope", header: "Scope", required: false, synonyms: ["Description", "Scope of work", "SOW", "Notes"], defaultText: "empty", description: "What the vendor will do, in free text." },
  { key: "option", header: "Option", required: false, synonyms: ["Vendor option", "Offer", "Proposal", "Bid"], defaultText: "empty (one option per vendor)", description: "Which of a vendor's offers the row belongs to, when one vendor offers several (Option A, Nearshore team...): rows with the same Vendor and Option are one vendor option." },
  { key: "role", header: "Role", required: false, synonyms: ["Seniority", "Position", "Job title", "Grade", "Role or seniority", "Profile"], defaultText: "empty (each row is its own vendor option, unless an Option column groups rows)", description: "The role or seniority the row prices (lead engineer, developer, QA, project manager...): a table with a Role column is a rate card, each row one role of its vendor option with its own rate, hours and attrition." },
];

const NON_ALNUM = /[^a-z0-9]+/g;

/** Lower case, letters and digits only: "Duration (months)" and "duration_months" agree. */
export function normaliseHeader(text: string): string {
  return String(text).toLowerCase().replace(/&/g, "and").replace(NON_ALNUM, "");
}

const FIELD_BY_HEADER: ReadonlyMap<string, FieldKey> = (() => {
  const map = new Map<string, FieldKey>();
  // Documented headers first, so a synonym can never steal a documented name.
  for (const f of FIELDS) map.set(normaliseHeader(f.header), f.key);
  for (const f of FIELDS) for (const s of f.synonyms) if (!map.has(normaliseHeader(s))) map.set(normaliseHeader(s), f.key);
  return map;
})();

export const FIELD_BY_KEY: Readonly<Record<FieldKey, FieldSpec>> = Object.fromEntries(FIELDS.map((f) => [f.key, f])) as Record<
  FieldKey,
  FieldSpec
>;

/** The field a header names, or undefined. */
export function fieldForHeader(header: CellValue): FieldKey | undefined {
  if (header === null || header === undefined) return undefined;
  return FIELD_BY_HEADER.get(normaliseHeader(String(header)));
}

const HEADER_CACHE_LIMIT = 512;
const headerCache = new Map<string, HeaderMap>();

function cellKey(value: CellValue): string {
  return value === null || value === undefined ? "" : typeof value + ":" + String(value);
}

/**
 * Maps a header row to fields. `manual` (field -> header text the user picked) wins over
 * recognition; a manual choice naming no header in the row is ignored. Custom functions call
 * this once per cell, so results are cached by the header row's content.
 */
export function mapHeaders(headers: readonly CellValue[], manual?: Partial<Record<FieldKey, string>>): HeaderMap {
  let key = headers.length + "\u0001" + headers.map(cellKey).join("\u0001");
  if (manual) key += "\u0002" + JSON.stringify(Object.entries(manual).sort());
  const cached = headerCache.get(key);
  if (cached) return cached;

  const columns: Partial<Record<FieldKey, number>> = {};
  const ignored: string[] = [];
  const taken = new Set<number>();
  if (manual) {
    for (const [field, text] of Object.entries(manual) as [FieldKey, string | undefined][]) {
      if (!text || !(field in FIELD_BY_KEY)) continue;
      const wanted = normaliseHeader(text);
      const index = headers.findIndex((h, i) => !taken.has(i) && h !== null && h !== undefined && normaliseHeader(String(h)) === wanted);
      if (index >= 0) {
        columns[field] = index;
        taken.add(index);
      }
    }
  }
  headers.forEach((h, i) => {
    if (taken.has(i)) return;
    const field = fieldForHeader(h);
    if (field !== undefined && columns[field] === undefined) {
      columns[field] = i;
    } else if (h !== null && h !== undefined && String(h).trim() !== "") {
      ignored.push(String(h));
    }
  });
  const missingRequired = FIELDS.filter((f) => f.required && columns[f.key] === undefined).map((f) => f.key);
  const map: HeaderMap = Object.freeze({ columns: Object.freeze(columns), missingRequired: Object.freeze(missingRequired), ignored: Object.freeze(ignored), width: headers.length });
  if (headerCache.size >= HEADER_CACHE_LIMIT) headerCache.clear();
  headerCache.set(key, map);
  return map;
}
