// The sample rate-card RFP again, as quotes arrive in practice: each vendor prices its roles in
// its own currency (Indian rupees, euros, US dollars), and the buyer, reporting in US dollars,
// has typed an exchange rate and the date it is valid for into the assumptions sheet's
// exchange-rate table. Three vendors, four roles each, one row per role. It feeds
// assets/sample-rate-card-currencies.xlsx (scripts/make-sample.ts).
//
// Names and scopes are invented. The exchange rates are illustrative round figures, not market
// quotes: a buyer types the rates their finance team uses.

import type { CellValue } from "../model/types";
import { RATE_CARD_HEADERS } from "./rateCard";

export const CURRENCY_CARD_TABLE_NAME = "CurrencyRateCards";
export const CURRENCY_CARD_SHEET_NAME = "Rate card RFP";
/** The day the buyer prepared the RFP: the assumptions sheet's reference date, and the rates' date. */
export const CURRENCY_CARD_DATE = { year: 2026, month: 2, day: 27 } as const;
export const CURRENCY_CARD_BUYER_ZONE = "America/New_York";

/** The rate-card columns with Currency (ISO 4217) right after Hourly rate. */
export const CURRENCY_CARD_HEADERS = [...RATE_CARD_HEADERS.slice(0, 3), "Currency", ...RATE_CARD_HEADERS.slice(3)] as const;

/** Code, rate to the reporting currency (USD), valid on: what the buyer typed into the exchange-rate table. */
export const CURRENCY_CARD_RATES: readonly (readonly [code: string, toUsd: number])[] = [
  ["INR", 0.012],
  ["EUR", 1.08],
];

type Header = (typeof CURRENCY_CARD_HEADERS)[number];
type Engagement = Omit<Record<Header, CellValue>, "Role" | "Hourly rate" | "Hours" | "Currency" | "Scope">;

const SCOPE = "Claims-portal rebuild: web front end, APIs and test automation over 18 months";

const common = {
  "Engagement model": "Dedicated team",
  "Pricing model": "Time and materials",
  "Duration (months)": 18,
  "Requirements clarity": "Medium",
  "Collaboration intensity": "Medium",
  "Data sensitivity": "Confidential",
  Urgency: "Medium",
  "Replaces in-house staff": "No",
  "Work type": "Software development",
} as const;

/** Each vendor's engagement, its currency, and each role's rate (in that currency, per hour) and hours. */
const VENDORS: readonly { engagement: Engagement; currency: string; roles: readonly (readonly [role: string, rate: number, hours: number])[] }[] = [
  {
    engagement: { ...common, Vendor: "Kaveri Software Services", Country: "India", "Time zone": "", "Location model": "Offshore", Attrition: 0.2, Certifications: "ISO 27001" },
    currency: "INR",
    roles: [
      ["Lead engineer", 3750, 2700],
      ["Developer", 2400, 10800],
      ["QA engineer", 2000, 5400],
      ["Project manager", 3350, 1350],
    ],
  },
  {
    engagement: { ...common, Vendor: "Vistula Software House", Country: "Poland", "Time zone": "Europe/Warsaw", "Location model": "Offshore", Attrition: 0.12, Certifications: "ISO 27001, SOC 2" },
    currency: "EUR",
    roles: [
      ["Lead engineer", 62, 2700],
      ["Developer", 46, 9900],
      ["QA engineer", 36, 4500],
      ["Project manager", 55, 1350],
    ],
  },
  {
    engagement: {
      ...common,
      Vendor: "Harbor Point Consulting",
      Country: "United States",
      "Time zone": "America/Chicago",
      "Location model": "Onshore",
      "Engagement model": "Project",
      Attrition: 0.1,
      Certifications: "SOC 2",
    },
    currency: "USD",
    roles: [
      ["Lead engineer", 165, 2700],
      ["Developer", 130, 8100],
      ["QA engineer", 100, 3600],
      ["Project manager", 145, 1350],
    ],
  },
];

export const CURRENCY_CARD_ROWS: readonly (readonly CellValue[])[] = VENDORS.flatMap(({ engagement, currency, roles }) =>
  roles.map(([role, rate, hours]) => {
    const row: Record<Header, CellValue> = { ...engagement, Role: role, "Hourly rate": rate, Currency: currency, Hours: hours, Scope: SCOPE };
    return CURRENCY_CARD_HEADERS.map((header) => row[header]);
  }),
);
