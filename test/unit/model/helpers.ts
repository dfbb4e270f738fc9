import fc from "fast-check";
import { DEFAULT_ASSUMPTIONS, ENGAGEMENT_MODELS, LEVELS, LOCATION_MODELS, PRICING_MODELS, SENSITIVITIES, parseAssumptions, type Assumptions, type VendorRow } from "../../../src/model";

/** A typed row with every field set; tests override what their rule is about. */
export function vendorRow(overrides: Partial<VendorRow> = {}): VendorRow {
  return {
    vendor: "Acme",
    hourlyRate: 40,
    hours: 1000,
    durationMonths: 12,
    timeZone: "Asia/Kolkata",
    country: "IN",
    locationModel: "Offshore",
    engagementModel: "Staff augmentation",
    pricingModel: "Time and materials",
    requirementsClarity: "Medium",
    collaborationIntensity: "Medium",
    dataSensitivity: "Internal",
    urgency: "Medium",
    attrition: 0.2,
    replacesInHouseStaff: false,
    certifications: [],
    workType: "Software development",
    scope: "",
    ...overrides,
  };
}

/** Assumptions with overrides by public name, e.g. { "Reference date": "2026-01-15" }. */
export function assumptionsWith(values: Record<string, string | number>): Assumptions {
  const parsed = parseAssumptions(Object.entries(values));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** Defaults on a fixed winter date, so overlap does not depend on the day the tests run. */
export const WINTER: Assumptions = assumptionsWith({ "Reference date": "2026-01-15" });
export { DEFAULT_ASSUMPTIONS };

/** Every category column of a vendor row, each any of its values, for property tests to spread into their record. */
export const CATEGORY_ARBITRARIES = {
  locationModel: fc.constantFrom(...LOCATION_MODELS),
  engagementModel: fc.constantFrom(...ENGAGEMENT_MODELS),
  pricingModel: fc.constantFrom(...PRICING_MODELS),
  requirementsClarity: fc.constantFrom(...LEVELS),
  collaborationIntensity: fc.constantFrom(...LEVELS),
  dataSensitivity: fc.constantFrom(...SENSITIVITIES),
  urgency: fc.constantFrom(...LEVELS),
  replacesInHouseStaff: fc.boolean(),
};
