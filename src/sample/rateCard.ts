// The sample rate-card RFP: three vendors answering one request for a product team, each
// pricing it as four roles (lead engineer, developer, QA engineer, project manager) with a
// rate and hours per role. A buyer on the US east coast compares an offshore, a nearshore
// and an onshore team. It feeds assets/sample-rate-card.xlsx (scripts/make-sample.ts).
//
// One currency: every rate is in US dollars, the buyer's currency (rateCardCurrencies.ts has
// the same kind of RFP quoted in three currencies). Names and scopes are invented; the rates
// sit in the ranges published for each region and role.

import type { CellValue } from "../model/types";

export const RATE_CARD_TABLE_NAME = "RateCards";
export const RATE_CARD_SHEET_NAME = "Rate card RFP";

export const RATE_CARD_HEADERS = [
  "Vendor",
  "Role",
  "Hourly rate",
  "Hours",
  "Country",
  "Time zone",
  "Location model",
  "Engagement model",
  "Pricing model",
  "Duration (months)",
  "Requirements clarity",
  "Collaboration intensity",
  "Data sensitivity",
  "Urgency",
  "Attrition",
  "Replaces in-house staff",
  "Certifications",
  "Work type",
  "Scope",
] as const;

type Header = (typeof RATE_CARD_HEADERS)[number];
type Engagement = Omit<Record<Header, CellValue>, "Role" | "Hourly rate" | "Hours" | "Scope">;

const SCOPE = "Claims-portal rebuild: web front end, APIs and test automation over 18 months";

/** What each vendor's answer says about the engagement as a whole: the same on every role's row. */
const ENGAGEMENTS: readonly Engagement[] = [
  {
    Vendor: "Kaveri Software Services",
    Country: "India",
    "Time zone": "",
    "Location model": "Offshore",
    "Engagement model": "Dedicated team",
    "Pricing model": "Time and materials",
    "Duration (months)": 18,
    "Requirements clarity": "Medium",
    "Collaboration intensity": "Medium",
    "Data sensitivity": "Confidential",
    Urgency: "Medium",
    Attrition: 0.2,
    "Replaces in-house staff": "No",
    Certifications: "ISO 27001",
    "Work type": "Software development",
  },
  {
    Vendor: "Andes Digital",
    Country: "Colombia",
    "Time zone": "",
    "Location model": "Nearshore",
    "Engagement model": "Dedicated team",
    "Pricing model": "Time and materials",
    "Duration (months)": 18,
    "Requirements clarity": "Medium",
    "Collaboration intensity": "Medium",
    "Data sensitivity": "Confidential",
    Urgency: "Medium",
    Attrition: 0.15,
    "Replaces in-house staff": "No",
    Certifications: "ISO 27001, SOC 2",
    "Work type": "Software development",
  },
  {
    Vendor: "Harbor Point Consulting",
    Country: "United States",
    "Time zone": "America/Chicago",
    "Location model": "Onshore",
    "Engagement model": "Project",
    "Pricing model": "Time and materials",
    "Duration (months)": 18,
    "Requirements clarity": "Medium",
    "Collaboration intensity": "Medium",
    "Data sensitivity": "Confidential",
    Urgency: "Medium",
    Attrition: 0.1,
    "Replaces in-house staff": "No",
    Certifications: "SOC 2",
    "Work type": "Software development",
  },
];

/** Per vendor, in the order above: each role's rate (USD per hour) and hours over the engagement. */
const ROLES: readonly (readonly [role: string, rate: number, hours: number][])[] = [
  [
    ["Lead engineer", 45, 2700],
    ["Developer", 29, 10800],
    ["QA engineer", 24, 5400],
    ["Project manager", 40, 1350],
  ],
  [
    ["Lead engineer", 68, 2700],
    ["Developer", 52, 9900],
    ["QA engineer", 40, 4500],
    ["Project manager", 60, 1350],
  ],
  [
    ["Lead engineer", 165, 2700],
    ["Developer", 130, 8100],
    ["QA engineer", 100, 3600],
    ["Project manager", 145, 1350],
  ],
];

export const RATE_CARD_ROWS: readonly (readonly CellValue[])[] = ENGAGEMENTS.flatMap((engagement, v) =>
  ROLES[v].map(([role, rate, hours]) => {
    const row: Record<Header, CellValue> = { ...engagement, Role: role, "Hourly rate": rate, Hours: hours, Scope: SCOPE };
    return RATE_CARD_HEADERS.map((header) => row[header]);
  }),
);
