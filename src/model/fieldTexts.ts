// The words beside each vendor-table column, for the README, the mapping messages and the
// pane. The custom functions only match headers, so these live apart from fields.ts, which
// the functions' script (loaded first, and alone when Excel only calculates) carries.
import type { FieldKey } from "./types";

export interface FieldText {
  /** What a missing column or an empty cell means, in words. */
  readonly defaultText: string;
  readonly description: string;
}

const FIELD_TEXTS: Readonly<Record<FieldKey, FieldText>> = {
  vendor: { defaultText: "empty", description: "Name of the vendor. With a Role or Option column, the rows with the same Vendor (and Option) are one vendor option, costed as one engagement." },
  hourlyRate: { defaultText: "required", description: "Price of one hour of the vendor's work, in the row's Currency (the reporting currency when there is none)." },
  hours: { defaultText: "required", description: "Hours of work bought over the whole engagement." },
  currency: { defaultText: "the assumption 'Reporting currency'", description: "ISO 4217 code of the currency Hourly rate is quoted in (USD, EUR, INR). A code other than the reporting currency is converted with the exchange-rate table on the assumptions sheet." },
  durationMonths: { defaultText: "the assumption 'Default duration (months)'", description: "Length of the engagement in months." },
  country: { defaultText: "none (Time zone or the buyer's zone is used)", description: "Country the work is delivered from: ISO code (IN) or English name (India)." },
  timeZone: { defaultText: "from Country; without either, the buyer's time zone", description: "Time zone the vendor works in: an IANA zone (Asia/Kolkata), a city (Kolkata), an offset (UTC+5:30) or an abbreviation (CET). Wins over Country." },
  locationModel: { defaultText: "derived from Country and Time zone against the buyer's (same country: Onshore; another country within the assumption 'Nearshore clock difference, maximum (hours)': Nearshore; otherwise Offshore); with neither, Offshore", description: "Onshore, Nearshore or Offshore. A label the vendor's country or time zone contradicts is costed as written and flagged." },
  engagementModel: { defaultText: "Staff augmentation", description: "Who owns delivery: Staff augmentation, Dedicated team, Project, Managed service, BPO or Outcome-based." },
  pricingModel: { defaultText: "Time and materials", description: "Time and materials, Fixed price, Capacity, Output-based or Outcome-based." },
  requirementsClarity: { defaultText: "Medium", description: "How well the work is defined: Low, Medium or High." },
  collaborationIntensity: { defaultText: "Medium", description: "How much live collaboration the work needs: Low, Medium or High." },
  dataSensitivity: { defaultText: "Internal", description: "Public, Internal, Confidential or Regulated." },
  urgency: { defaultText: "Medium", description: "How time-critical the work is: Low, Medium or High." },
  attrition: { defaultText: "the assumption 'Default attrition'", description: "Share of the vendor's staff leaving per year: 18%, 0.18 or 18 (a number of 1 or more is a percentage, below 1 a fraction)." },
  indexationCap: { defaultText: "no cap: the rate rises by the vendor country's wage inflation assumption", description: "The contract's cap on the yearly rise of the rate (3%, 0.03 or 3; 0 for a fixed rate), used for the cost per contract year." },
  replacesInHouseStaff: { defaultText: "No", description: "Yes when the engagement replaces the buyer's own employees (severance and retention apply)." },
  certifications: { defaultText: "none", description: "Certifications the vendor holds, separated by commas or semicolons (ISO 27001, SOC 2...); an entry that is negated, planned, pending, in progress or expired ('SOC 2 planned 2027') does not count." },
  workType: { defaultText: "Software development", description: "The kind of work, which sets the onshore reference rate it is compared with: Software development, QA and testing, IT support, Infrastructure, Security, Data and analytics, Data processing and BPO or Finance operations. Other words are read by keyword (DevOps is Infrastructure, customer support is BPO, accounting is Finance operations); text naming none of them is Software development." },
  vendorHours: { defaultText: "the assumptions 'Vendor workday start' and 'Vendor workday end'", description: "The vendor's working day for this row, in the vendor's local time: 22:00-06:00 (past midnight), 9:00-17:30, 9-17 or 9am-5pm." },
  scope: { defaultText: "empty", description: "What the vendor will do, in free text." },
  option: { defaultText: "empty (one option per vendor)", description: "Which of a vendor's offers the row belongs to, when one vendor offers several (Option A, Nearshore team...): rows with the same Vendor and Option are one vendor option." },
  role: { defaultText: "empty (each row is its own vendor option, unless an Option column groups rows)", description: "The role or seniority the row prices (lead engineer, developer, QA, project manager...): a table with a Role column is a rate card, each row one role of its vendor option with its own rate, hours and attrition." },
};

export function fieldText(key: FieldKey): FieldText {
  return FIELD_TEXTS[key];
}
