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
}

export const FIELDS: readonly FieldSpec[] = [
  { key: "vendor", header: "Vendor", required: false, synonyms: ["Vendor name", "Supplier", "Provider", "Name"] },
  { key: "hourlyRate", header: "Hourly rate", required: true, synonyms: ["Rate", "Rate/h", "Rate per hour", "Hourly", "Price per hour", "Bill rate", "Rate (USD/h)", "Hourly rate (USD)"] },
  { key: "hours", header: "Hours", required: true, synonyms: ["Effort", "Effort (h)", "Effort hours", "Total hours", "Hours (total)", "Estimated hours"] },
  { key: "currency", header: "Currency", required: false, synonyms: ["Currency code", "Rate currency", "Quote currency", "ISO currency", "Ccy"] },
  { key: "durationMonths", header: "Duration (months)", required: false, synonyms: ["Duration", "Months", "Term", "Term (months)", "Contract length", "Contract months"] },
  { key: "country", header: "Country", required: false, synonyms: ["Vendor country", "Delivery country", "Location country"] },
  { key: "timeZone", header: "Time zone", required: false, synonyms: ["Timezone", "TZ", "Zone", "Vendor time zone", "IANA zone"] },
  { key: "locationModel", header: "Location model", required: false, synonyms: ["Location", "Shore", "Sourcing location", "Delivery location", "Location type"] },
  { key: "engagementModel", header: "Engagement model", required: false, synonyms: ["Engagement", "Engagement type", "Delivery model", "Model"] },
  { key: "pricingModel", header: "Pricing model", required: false, synonyms: ["Pricing", "Commercial model", "Contract type", "Price model"] },
  { key: "requirementsClarity", header: "Requirements clarity", required: false, synonyms: ["Clarity", "Work clarity", "Scope clarity", "Requirements"] },
  { key: "collaborationIntensity", header: "Collaboration intensity", required: false, synonyms: ["Collaboration", "Collaboration need", "Interaction", "Collaboration level"] },
  { key: "dataSensitivity", header: "Data sensitivity", required: false, synonyms: ["Sensitivity", "Data classification", "Data", "Data class", "Classification"] },
  { key: "urgency", header: "Urgency", required: false, synonyms: ["Priority", "Time pressure", "Urgency level"] },
  { key: "attrition", header: "Attrition", required: false, synonyms: ["Attrition rate", "Annual attrition", "Attrition (%)", "Staff turnover", "Turnover"] },
  { key: "indexationCap", header: "Indexation cap", required: false, synonyms: ["Rate increase cap", "Annual increase cap", "Escalation cap", "Price increase cap", "Indexation"] },
  { key: "replacesInHouseStaff", header: "Replaces in-house staff", required: false, synonyms: ["Replaces staff", "Replaces employees", "Displaces staff", "Layoffs", "Replaces in house staff"] },
  { key: "certifications", header: "Certifications", required: false, synonyms: ["Certification", "Certs", "Security certifications", "Accreditations", "Compliance"] },
  { key: "workType", header: "Work type", required: false, synonyms: ["Type of work", "Service", "Service type", "Workstream", "Function", "Work category"] },
  { key: "vendorHours", header: "Vendor hours", required: false, synonyms: ["Vendor working hours", "Working hours", "Work hours", "Shift", "Shift hours", "Vendor shift", "Business hours"] },
  { key: "scope", header: "Scope", required: false, synonyms: ["Description", "Scope of work", "SOW", "Notes"] },
  { key: "option", header: "Option", required: false, synonyms: ["Vendor option", "Offer", "Proposal", "Bid"] },
  { key: "role", header: "Role", required: false, synonyms: ["Seniority", "Position", "Job title", "Grade", "Role or seniority", "Profile"] },
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
