// The model's public types: the contract shared by the custom functions, the pane,
// the actions and the command line. Pure data; no Office, no DOM, no Node.
import type { RowExchange } from "./currency";

/** A cell value as Excel, ExcelJS and the memory workbook hand it over. */
export type CellValue = string | number | boolean | null | undefined;

export const LOCATION_MODELS = ["Onshore", "Nearshore", "Offshore"] as const;
export type LocationModel = (typeof LOCATION_MODELS)[number];

export const ENGAGEMENT_MODELS = [
  "Staff augmentation",
  "Dedicated team",
  "Project",
  "Managed service",
  "BPO",
  "Outcome-based",
] as const;
export type EngagementModel = (typeof ENGAGEMENT_MODELS)[number];

export const PRICING_MODELS = ["Time and materials", "Fixed price", "Capacity", "Output-based", "Outcome-based"] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

export const LEVELS = ["Low", "Medium", "High"] as const;
export type Level = (typeof LEVELS)[number];

export const SENSITIVITIES = ["Public", "Internal", "Confidential", "Regulated"] as const;
export type DataSensitivity = (typeof SENSITIVITIES)[number];

/**
 * Kinds of work the onshore reference rate is set for; a row's Work type text is read into
 * one of them (row.ts), software development when it names none.
 */
export const WORK_TYPES = [
  "Software development",
  "QA and testing",
  "IT support",
  "Infrastructure",
  "Security",
  "Data and analytics",
  "Data processing and BPO",
  "Finance operations",
] as const;
export type WorkType = (typeof WORK_TYPES)[number];

/** Where a row's location model came from: typed in the row, derived from its zone, or the default. */
export type LocationModelBasis = "given" | "derived" | "default";

export const FIT_VERDICTS = ["Benefit", "Trade-off", "Blocker"] as const;
export type FitVerdict = (typeof FIT_VERDICTS)[number];

export const RISK_BANDS = ["Low", "Medium", "High", "Critical"] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** The columns a vendor table may have, in the order they are documented. */
export type FieldKey =
  | "vendor"
  | "hourlyRate"
  | "hours"
  | "currency"
  | "durationMonths"
  | "country"
  | "timeZone"
  | "locationModel"
  | "engagementModel"
  | "pricingModel"
  | "requirementsClarity"
  | "collaborationIntensity"
  | "dataSensitivity"
  | "urgency"
  | "attrition"
  | "indexationCap"
  | "replacesInHouseStaff"
  | "certifications"
  | "workType"
  | "vendorHours"
  | "scope"
  | "option"
  | "role";

/** Which column (0-based index into the header row) holds each recognised field. */
export interface HeaderMap {
  readonly columns: Readonly<Partial<Record<FieldKey, number>>>;
  /** Required fields (Hourly rate, Hours) that no header names. */
  readonly missingRequired: readonly FieldKey[];
  /** Headers that name no field, as written. */
  readonly ignored: readonly string[];
  /** Width of the header row the map was made from. */
  readonly width: number;
}

/** One vendor option, typed, every default filled in. */
export interface VendorRow {
  readonly vendor: string;
  readonly hourlyRate: number;
  readonly hours: number;
  readonly durationMonths: number;
  /** IANA zone the vendor works in, resolved from Time zone or Country; "" when the row gives neither (the buyer's zone is used). */
  readonly timeZone: string;
  /** ISO code when a country was given or could be derived; "" otherwise. */
  readonly country: string;
  readonly locationModel: LocationModel;
  readonly engagementModel: EngagementModel;
  readonly pricingModel: PricingModel;
  readonly requirementsClarity: Level;
  readonly collaborationIntensity: Level;
  readonly dataSensitivity: DataSensitivity;
  readonly urgency: Level;
  /** Annual attrition as a fraction (0.18 for 18%). */
  readonly attrition: number;
  readonly replacesInHouseStaff: boolean;
  /** Certifications as written (ISO 27001, SOC 2...); empty when none. */
  readonly certifications: readonly string[];
  readonly workType: string;
  readonly scope: string;
  /** The vendor's own working day (local hours, an end at or before the start runs past midnight); absent: the assumptions' vendor workday. */
  readonly vendorHours?: readonly [number, number];
  /** Absent means "given". */
  readonly locationModelBasis?: LocationModelBasis;
  /** A rate card's role or seniority for this row (Role column); absent when blank or no such column. */
  readonly role?: string;
  /** Which of the vendor's offers the row belongs to (Option column); absent when blank or no such column. */
  readonly option?: string;
  /** The contract's cap on the rate's yearly rise, as a fraction; absent: no cap (the country's wage inflation applies). */
  readonly indexationCap?: number;
  /** The currency Hourly rate is quoted in and its rate to the reporting currency; absent: the reporting currency (rate 1). */
  readonly exchange?: RowExchange;
}

/** An error a user can act on: names the column (or assumption) and the value. */
export interface ModelError {
  readonly kind: "input" | "headers" | "assumption" | "zone";
  /** Header or assumption name the error is about, when there is one. */
  readonly field?: string;
  readonly value?: unknown;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ModelError };

export interface CostLine {
  readonly key: string;
  readonly label: string;
  readonly amount: number;
  /** One sentence a finance reader understands: what drives this amount. */
  readonly explanation: string;
}

export interface CostBreakdown {
  /** Rate x hours. */
  readonly labour: number;
  /** Hidden-cost lines, in a fixed documented order (labour not included). */
  readonly lines: readonly CostLine[];
  readonly total: number;
  /** total / hours (0 when hours is 0). */
  readonly effectiveHourlyRate: number;
}

export interface RiskDriver {
  readonly key: string;
  readonly label: string;
  /** This risk's own score, 0-100. */
  readonly score: number;
  readonly weight: number;
  /** Why it scores as it does for this row. */
  readonly cause: string;
  /** The guide's "How to reduce it". */
  readonly mitigation: string;
}

export interface RiskResult {
  /** 0-100, higher is riskier. */
  readonly score: number;
  readonly band: RiskBand;
  /** The band, naming any driver at or above the High threshold a Low or Medium band would hide. */
  readonly label: string;
  /** All drivers, highest score first. */
  readonly drivers: readonly RiskDriver[];
  /** When the maximum-risk rule raised the score: what triggered it. */
  readonly floorReason?: string;
}

export interface LocationFit {
  readonly overlapHours: number;
  /** Overlap this row needs, from collaboration intensity and urgency. */
  readonly requiredOverlapHours: number;
  /** 0-100, higher fits better. */
  readonly score: number;
  readonly verdict: FitVerdict;
  /** The location model that would meet the overlap need; "" when no location model gives more overlap. */
  readonly recommendedLocationModel: LocationModel | "";
  readonly reason: string;
  /** 1 - effective hourly rate / onshore reference rate: the share the vendor saves. */
  readonly costLeverage: number;
  /** The work type the onshore reference rate was taken for, and that rate. */
  readonly workType: WorkType;
  readonly onshoreReferenceRate: number;
  /** Where the row's location model came from and whether its zone agrees, in one sentence. */
  readonly locationCheck: string;
  /** True when a typed location model contradicts the vendor's country or time zone. */
  readonly locationConflict: boolean;
}

export interface Evaluation {
  readonly row: VendorRow;
  readonly cost: CostBreakdown;
  readonly risk: RiskResult;
  readonly fit: LocationFit;
}
