// One vendor row from cells, through the header map: typed, validated, every default
// filled in. Errors name the column and the value so the buyer can fix the cell.
import type { CellValue, FieldKey, HeaderMap, LocationModel, LocationModelBasis, ModelError, Result, VendorRow } from "./types";
import { FIELD_BY_KEY } from "./fields";
import type { Assumptions } from "./assumptions";
import { DEFAULT_ASSUMPTIONS } from "./assumptions";
import {
  CLARITY_WORDS,
  COLLABORATION_WORDS,
  ENGAGEMENT_WORDS,
  LEVEL_WORDS,
  LOCATION_WORDS,
  PRICING_WORDS,
  SENSITIVITY_WORDS,
  isBlank,
  parseBooleanCell,
  parseNumberCell,
  percentFraction,
  quotedText,
  type CategoryVocabulary,
} from "./values";
import { countryCode, resolveZone } from "./zones";
import { vendorLocation } from "./location";
import { currencyCode, exchangeFor, type RowExchange } from "./currency";

/** Default words for category columns that are missing or empty. */
export const CATEGORY_DEFAULTS = {
  locationModel: "Offshore",
  engagementModel: "Staff augmentation",
  pricingModel: "Time and materials",
  requirementsClarity: "Medium",
  collaborationIntensity: "Medium",
  dataSensitivity: "Internal",
  urgency: "Medium",
} as const;

/** True when every cell is empty (null, undefined or only spaces). */
export function isBlankRow(cells: readonly CellValue[]): boolean {
  if (!cells) return true;
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) return false;
  return true;
}

class RowError {
  constructor(readonly error: ModelError) {}
}

function shown(value: CellValue): string {
  if (typeof value === "string") return quotedText(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/**
 * A cell holding a data type (a Country converted to Geography, a Stocks value) comes to an
 * add-in as its basic value, #VALUE!, wherever its typed value cannot be read: Excel without
 * ExcelApi 1.16 (Range.valuesAsJson: Microsoft 365 from version 2208, Excel 2024; not Excel
 * 2021) and a file read outside Excel, which stores the cell as that error.
 */
const DATA_TYPE_FALLBACK = "#VALUE!";

function fail(field: FieldKey, value: CellValue, message: string): never {
  const hint =
    value === DATA_TYPE_FALLBACK
      ? `. If the cell holds a data type (a Geography or Stocks value), it is read in Excel for Microsoft 365, Excel on the web and Excel 2024; in an older Excel, or from a file, convert it to text`
      : "";
  throw new RowError({ kind: "input", field: FIELD_BY_KEY[field].header, value, message: message + hint });
}

function cell(cells: readonly CellValue[], map: HeaderMap, field: FieldKey): CellValue {
  const i = map.columns[field];
  return i === undefined ? undefined : cells[i];
}

function text(value: CellValue): string {
  return value === null || value === undefined ? "" : String(value).trim();
}

function nonNegative(field: FieldKey, value: CellValue): number {
  const header = FIELD_BY_KEY[field].header;
  const parsed = parseNumberCell(value);
  if (!parsed.ok) fail(field, value, `${header} ${parsed.reason}; got ${shown(value)}`);
  if (parsed.value.percent) fail(field, value, `${header} must be a number, not a percentage; got ${shown(value)}`);
  if (parsed.value.value < 0) fail(field, value, `${header} must not be negative; got ${shown(value)}`);
  return parsed.value.value;
}

function category<T extends string>(field: FieldKey, value: CellValue, words: CategoryVocabulary<T>, fallback: T): T {
  if (isBlank(value)) return fallback;
  const found = typeof value === "string" ? words.lookup(value) : undefined;
  if (found === undefined) fail(field, value, `${FIELD_BY_KEY[field].header} must be one of ${words.accepted.join(", ")}; got ${shown(value)}`);
  return found;
}

function attritionOf(value: CellValue, fallback: number): number {
  if (isBlank(value)) return fallback;
  const parsed = parseNumberCell(value);
  if (!parsed.ok) fail("attrition", value, `Attrition ${parsed.reason}; got ${shown(value)}`);
  const n = parsed.value.value;
  if (n < 0) fail("attrition", value, `Attrition must not be negative; got ${shown(value)}`);
  // 0.18, "18%" and 18 all mean 18%; 1 means 1%: the rule every percentage input follows.
  const fraction = percentFraction(parsed.value);
  if (fraction > 1) fail("attrition", value, `Attrition must be at most 100%; got ${shown(value)}`);
  return fraction;
}

const NO_CERTIFICATION = new Set(["", "none", "no", "n/a", "na", "-", "--"]);

const NO_CERTIFICATIONS: readonly string[] = Object.freeze([]);
// Rows with the same Certifications text share one read-only list, as a vendor table repeats
// a few texts: the risk score then reads a list the row before it left at hand, not a copy per row.
const listsByText = new Map<string, readonly string[]>();

function certificationsOf(value: CellValue): readonly string[] {
  const t = text(value);
  let list = listsByText.get(t);
  if (list === undefined) {
    list = NO_CERTIFICATION.has(t.toLowerCase())
      ? NO_CERTIFICATIONS
      : Object.freeze(t
        .split(/[,;|\n]+/)
        .map((s) => s.trim())
        .filter((s) => s !== "" && !NO_CERTIFICATION.has(s.toLowerCase())));
    // A long text is read afresh each time: kept, it would stay for as long as the model runs.
    if (t.length <= 200) {
      if (listsByText.size > 4096) listsByText.clear();
      listsByText.set(t, list);
    }
  }
  return list;
}

function zoneOf(countryCell: CellValue, zoneCell: CellValue): { timeZone: string; country: string } {
  const countryText = text(countryCell);
  let country = "";
  if (countryText !== "") {
    country = countryCode(countryText);
    if (country === "" && typeof countryCell !== "string") fail("country", countryCell, `Country must be a country name or ISO code; got ${shown(countryCell)}`);
  }
  const zoneText = text(zoneCell);
  if (zoneText !== "") {
    const zone = resolveZone(zoneText);
    if (!zone.ok) fail("timeZone", zoneCell, zone.error.message);
    if (countryText !== "" && country === "") fail("country", countryCell, `Country ${quotedText(countryText)} is not a country name or ISO code the model knows`);
    return { timeZone: zone.value, country };
  }
  if (countryText !== "") {
    const zone = resolveZone(countryText);
    if (!zone.ok) fail("country", countryCell, zone.error.message);
    return { timeZone: zone.value, country };
  }
  // Without Time zone or Country the vendor is taken to work the buyer's hours.
  return { timeZone: "", country: "" };
}

// "22:00-06:00", "9:00 - 17:30", "9-17", "9am-5pm", "22:00 to 06:00": two times of day.
const TIME = String.raw`(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?`;
const HOURS_RANGE = new RegExp(`^${TIME}\\s*(?:-|\u2013|\u2014|to|until)\\s*${TIME}$`, "i");

function hourOf(h: string, m: string | undefined, half: string | undefined): number | undefined {
  let hour = Number(h);
  const minutes = m === undefined ? 0 : Number(m);
  if (minutes >= 60) return undefined;
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half.toLowerCase().startsWith("p") ? 12 : 0);
  }
  const value = hour + minutes / 60;
  return value <= 24 ? value : undefined;
}

/** The vendor's own working day from a Vendor hours cell; undefined when blank. */
function vendorHoursOf(value: CellValue): readonly [number, number] | undefined {
  if (isBlank(value)) return undefined;
  const m = typeof value === "string" ? HOURS_RANGE.exec(value.trim()) : null;
  const start = m ? hourOf(m[1], m[2], m[3]) : undefined;
  const end = m ? hourOf(m[4], m[5], m[6]) : undefined;
  if (start === undefined || end === undefined)
    fail("vendorHours", value, `Vendor hours must be a start and an end in the vendor's local time, such as 22:00-06:00 or 9:00-17:30; got ${shown(value)}`);
  if (start === end) fail("vendorHours", value, `Vendor hours must not start and end at the same time; got ${shown(value)}`);
  return [start, end];
}

/** The row's currency and its rate to the reporting currency; undefined for the reporting currency (blank or named). */
function exchangeOf(value: CellValue, a: Assumptions): RowExchange | undefined {
  if (isBlank(value)) return undefined;
  const code = currencyCode(value);
  if (code === undefined) fail("currency", value, `Currency must be an ISO 4217 code such as USD, EUR or INR; got ${shown(value)}`);
  if (code === a.reportingCurrency) return undefined;
  const found = exchangeFor(code, a);
  if (!found.ok) throw new RowError(found.error);
  return found.value;
}

/** A yearly percentage cap (Indexation cap), by the rule every percentage input follows; undefined when blank. */
function capOf(value: CellValue): number | undefined {
  if (isBlank(value)) return undefined;
  const parsed = parseNumberCell(value);
  if (!parsed.ok) fail("indexationCap", value, `Indexation cap ${parsed.reason}; got ${shown(value)}`);
  const fraction = percentFraction(parsed.value);
  if (fraction > 1) fail("indexationCap", value, `Indexation cap must be at most 100% a year; got ${shown(value)}`);
  return fraction;
}

function readRowOrThrow(cells: readonly CellValue[], map: HeaderMap, a: Assumptions): VendorRow {
  const rateCell = cell(cells, map, "hourlyRate");
  const hoursCell = cell(cells, map, "hours");
  if (isBlank(rateCell)) fail("hourlyRate", rateCell, "Hourly rate is empty; give the price of one hour of work");
  if (isBlank(hoursCell)) fail("hours", hoursCell, "Hours is empty; give the hours of work bought");
  const durationCell = cell(cells, map, "durationMonths");
  let durationMonths = a.defaultDurationMonths;
  if (!isBlank(durationCell)) {
    durationMonths = nonNegative("durationMonths", durationCell);
    if (durationMonths === 0) fail("durationMonths", durationCell, "Duration (months) must be more than 0; got 0");
  }
  const replacesCell = cell(cells, map, "replacesInHouseStaff");
  let replacesInHouseStaff = false;
  if (!isBlank(replacesCell)) {
    const parsed = parseBooleanCell(replacesCell);
    if (!parsed.ok) fail("replacesInHouseStaff", replacesCell, `Replaces in-house staff must be yes or no; got ${shown(replacesCell)}`);
    replacesInHouseStaff = parsed.value;
  }
  const { timeZone, country } = zoneOf(cell(cells, map, "country"), cell(cells, map, "timeZone"));
  const locationCell = cell(cells, map, "locationModel");
  let locationModel: LocationModel;
  let locationModelBasis: LocationModelBasis = "given";
  if (isBlank(locationCell)) {
    // Derived from where the vendor works; with no place given, the costliest reading.
    const derived = vendorLocation(country, timeZone, a).derived;
    locationModel = derived ?? CATEGORY_DEFAULTS.locationModel;
    locationModelBasis = derived === undefined ? "default" : "derived";
  } else {
    locationModel = category("locationModel", locationCell, LOCATION_WORDS, CATEGORY_DEFAULTS.locationModel);
  }
  const vendorHours = vendorHoursOf(cell(cells, map, "vendorHours"));
  const role = text(cell(cells, map, "role"));
  const option = text(cell(cells, map, "option"));
  const exchange = exchangeOf(cell(cells, map, "currency"), a);
  const indexationCap = capOf(cell(cells, map, "indexationCap"));
  const row: VendorRow = {
    vendor: text(cell(cells, map, "vendor")),
    hourlyRate: nonNegative("hourlyRate", rateCell),
    hours: nonNegative("hours", hoursCell),
    durationMonths,
    timeZone,
    country,
    locationModel,
    engagementModel: category("engagementModel", cell(cells, map, "engagementModel"), ENGAGEMENT_WORDS, CATEGORY_DEFAULTS.engagementModel),
    pricingModel: category("pricingModel", cell(cells, map, "pricingModel"), PRICING_WORDS, CATEGORY_DEFAULTS.pricingModel),
    requirementsClarity: category("requirementsClarity", cell(cells, map, "requirementsClarity"), CLARITY_WORDS, CATEGORY_DEFAULTS.requirementsClarity),
    collaborationIntensity: category("collaborationIntensity", cell(cells, map, "collaborationIntensity"), COLLABORATION_WORDS, CATEGORY_DEFAULTS.collaborationIntensity),
    dataSensitivity: category("dataSensitivity", cell(cells, map, "dataSensitivity"), SENSITIVITY_WORDS, CATEGORY_DEFAULTS.dataSensitivity),
    urgency: category("urgency", cell(cells, map, "urgency"), LEVEL_WORDS, CATEGORY_DEFAULTS.urgency),
    attrition: attritionOf(cell(cells, map, "attrition"), a.defaultAttrition),
    replacesInHouseStaff,
    certifications: certificationsOf(cell(cells, map, "certifications")),
    workType: text(cell(cells, map, "workType")),
    scope: text(cell(cells, map, "scope")),
    locationModelBasis,
    // Only when given, so a table without these columns reads exactly as before.
    ...(role !== "" ? { role } : {}),
    ...(option !== "" ? { option } : {}),
  };
  const withHours = vendorHours === undefined ? row : { ...row, vendorHours };
  const withCap = indexationCap === undefined ? withHours : { ...withHours, indexationCap };
  return exchange === undefined ? withCap : { ...withCap, exchange };
}

function headersError(map: HeaderMap): Result<never> {
  const names = map.missingRequired.map((f) => {
    const spec = FIELD_BY_KEY[f];
    return `${spec.header} (or ${spec.synonyms.slice(0, 3).join(", ")})`;
  });
  return {
    ok: false,
    error: { kind: "headers", field: FIELD_BY_KEY[map.missingRequired[0]].header, message: `No column for ${names.join(" and ")}; add or rename the header` },
  };
}

/**
 * The typed row, an error naming the column and value, or null for a wholly blank row.
 * `a` supplies the defaults that are assumptions (duration, attrition). Cells beyond the
 * end of a short row read as empty.
 */
export function readRow(cells: readonly CellValue[], map: HeaderMap, a: Assumptions = DEFAULT_ASSUMPTIONS): Result<VendorRow> | null {
  if (!Array.isArray(cells)) return { ok: false, error: { kind: "input", value: cells, message: "A vendor row must be a range of cells" } };
  if (isBlankRow(cells)) return null;
  if (map.missingRequired.length > 0) return headersError(map);
  try {
    return { ok: true, value: readRowOrThrow(cells, map, a) };
  } catch (e) {
    if (e instanceof RowError) return { ok: false, error: e.error };
    return { ok: false, error: { kind: "input", message: `The row could not be read: ${e instanceof Error ? e.message : String(e)}` } };
  }
}
