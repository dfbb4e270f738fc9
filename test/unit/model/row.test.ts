import { FIELDS, isBlankRow, mapHeaders, normaliseHeader, readRow, type CellValue, type VendorRow } from "../../../src/model";
import { assumptionsWith } from "./helpers";

const HEADERS = ["Vendor", "Hourly rate", "Hours", "Country", "Time zone", "Location model", "Engagement model", "Pricing model",
  "Requirements clarity", "Collaboration intensity", "Data sensitivity", "Urgency", "Attrition", "Replaces in-house staff", "Certifications", "Duration (months)"];
const map = mapHeaders(HEADERS);

/** Cells for the headers above, by header name. */
function cells(values: Record<string, CellValue>): CellValue[] {
  return HEADERS.map((h) => values[h]);
}
function read(values: Record<string, CellValue>): VendorRow {
  const r = readRow(cells({ "Hourly rate": 40, Hours: 100, ...values }), map);
  if (!r || !r.ok) throw new Error(JSON.stringify(r));
  return r.value;
}
function errorOf(values: Record<string, CellValue>): string {
  const r = readRow(cells({ "Hourly rate": 40, Hours: 100, ...values }), map);
  if (!r || r.ok) throw new Error("expected an error, got " + JSON.stringify(r));
  return r.error.message;
}

describe("headers", () => {
  test("the documented headers are the issue's eighteen fields, Vendor hours, Currency, Indexation cap, and a rate card's Option and Role, in order", () => {
    expect(FIELDS.map((f) => f.header)).toEqual(["Vendor", "Hourly rate", "Hours", "Currency", "Duration (months)", "Country", "Time zone", "Location model",
      "Engagement model", "Pricing model", "Requirements clarity", "Collaboration intensity", "Data sensitivity", "Urgency", "Attrition",
      "Indexation cap", "Replaces in-house staff", "Certifications", "Work type", "Vendor hours", "Scope", "Option", "Role"]);
  });
  test("only Hourly rate and Hours are required", () => {
    expect(FIELDS.filter((f) => f.required).map((f) => f.key)).toEqual(["hourlyRate", "hours"]);
  });
  test("header matching ignores case, spacing and punctuation", () => {
    expect(normaliseHeader(" Duration (Months) ")).toBe(normaliseHeader("duration_months"));
    const m = mapHeaders(["HOURLY RATE", "hours", "duration_months"]);
    expect(m.columns).toEqual({ hourlyRate: 0, hours: 1, durationMonths: 2 });
  });
  test("common synonyms name the fields", () => {
    const m = mapHeaders(["Rate/h", "Effort (h)", "Location", "Engagement", "Supplier"]);
    expect(m.columns).toEqual({ hourlyRate: 0, hours: 1, locationModel: 2, engagementModel: 3, vendor: 4 });
    expect(m.missingRequired).toEqual([]);
  });
  test("unknown headers are ignored and reported", () => {
    const m = mapHeaders(["Rate", "Hours", "Notes from call", ""]);
    expect(m.ignored).toEqual(["Notes from call"]);
    expect(m.width).toBe(4);
  });
  test("missing required headers are listed", () => {
    expect(mapHeaders(["Vendor", "Rate"]).missingRequired).toEqual(["hours"]);
  });
  test("a manual mapping wins over recognition", () => {
    const m = mapHeaders(["Cost per hour", "Hours", "Rate"], { hourlyRate: "Cost per hour" });
    expect(m.columns.hourlyRate).toBe(0);
    expect(m.ignored).toEqual(["Rate"]);
  });
  test("the same header row gives the same cached map", () => {
    expect(mapHeaders([...HEADERS])).toBe(map);
  });
  test("a row without a required column is a headers error naming it", () => {
    const r = readRow(["Acme", 40], mapHeaders(["Vendor", "Rate"]));
    expect(r && !r.ok && r.error.kind).toBe("headers");
    expect(r && !r.ok && r.error.message).toContain("No column for Hours");
  });
});

describe("numbers from cells", () => {
  test.each([
    [45, 45],
    ["45", 45],
    ["$45", 45],
    ["45/h", 45],
    ["1,200", 1200],
    ["1,200.50", 1200.5],
    [" 12.5 ", 12.5],
  ])("hourly rate %p reads as %p", (cell, expected) => {
    expect(read({ "Hourly rate": cell }).hourlyRate).toBe(expected);
  });
  test("text that is not a number names the column and the value", () => {
    expect(errorOf({ "Hourly rate": "TBD" })).toBe("Hourly rate must be a number; got 'TBD'");
  });
  test("European thousands are rejected, not guessed", () => {
    expect(errorOf({ Hours: "1.200,50" })).toContain("Hours must be a number");
    expect(errorOf({ "Hourly rate": "€ 1.200" })).toBe("Hourly rate is ambiguous (thousands or decimals?); write 1200 or 1.2; got '€ 1.200'");
  });
  test("decimals that cannot be thousands still read", () => {
    expect(read({ "Hourly rate": "0.125" }).hourlyRate).toBe(0.125);
    expect(read({ "Hourly rate": "12.5" }).hourlyRate).toBe(12.5);
    expect(read({ "Hourly rate": "1,200.500" }).hourlyRate).toBe(1200.5);
  });
  test("negative rates and hours are errors", () => {
    expect(errorOf({ "Hourly rate": -5 })).toBe("Hourly rate must not be negative; got -5");
    expect(errorOf({ Hours: "-10" })).toBe("Hours must not be negative; got '-10'");
  });
  test("non-finite numbers are errors", () => {
    expect(errorOf({ Hours: Infinity })).toContain("Hours is not a finite number");
    expect(errorOf({ "Hourly rate": NaN })).toContain("Hourly rate is not a finite number");
  });
  test("an empty required cell in a non-blank row is an error", () => {
    expect(errorOf({ "Hourly rate": "" })).toContain("Hourly rate is empty");
  });
  test("a zero duration is an error", () => {
    expect(errorOf({ "Duration (months)": 0 })).toContain("Duration (months) must be more than 0");
  });
});

describe("attrition", () => {
  test.each([["18%", 0.18], [0.18, 0.18], [18, 0.18], ["18", 0.18], [100, 1], ["100%", 1], [0.5, 0.5]])("%p reads as %p", (cell, expected) => {
    expect(read({ Attrition: cell }).attrition).toBeCloseTo(expected, 12);
  });
  // One rule for every percentage input: 1 or more is a number of percent, below 1 a
  // fraction. "1" once read as 100% while "1.5" read as 1.5%.
  test.each([[1, 0.01], ["1", 0.01], [1.5, 0.015], ["1.5", 0.015], [0.99, 0.99]])("%p reads as %p: 1 or more is a percentage, below 1 a fraction", (cell, expected) => {
    expect(read({ Attrition: cell }).attrition).toBeCloseTo(expected, 12);
  });
  test("attrition above 100% is an error", () => {
    expect(errorOf({ Attrition: "150%" })).toBe("Attrition must be at most 100%; got '150%'");
  });
  test("missing attrition takes the Default attrition assumption", () => {
    const a = assumptionsWith({ "Default attrition": "25%" });
    const r = readRow(cells({ "Hourly rate": 40, Hours: 100 }), map, a);
    expect(r && r.ok && r.value.attrition).toBe(0.25);
  });
});

describe("yes/no", () => {
  test.each([["yes", true], ["Y", true], ["TRUE", true], [true, true], [1, true], ["no", false], ["n", false], [false, false], [0, false], ["false", false]])(
    "Replaces in-house staff %p reads as %p",
    (cell, expected) => {
      expect(read({ "Replaces in-house staff": cell }).replacesInHouseStaff).toBe(expected);
    },
  );
  test("other words are errors", () => {
    expect(errorOf({ "Replaces in-house staff": "maybe" })).toBe("Replaces in-house staff must be yes or no; got 'maybe'");
  });
});

describe("categories", () => {
  test("the seed's words and synonyms are accepted in any case", () => {
    const r = read({ "Location model": "near-shore", "Engagement model": "staff aug", "Pricing model": "T&M", "Requirements clarity": "LOW", "Data sensitivity": "regulated", Urgency: "high" });
    expect([r.locationModel, r.engagementModel, r.pricingModel, r.requirementsClarity, r.dataSensitivity, r.urgency]).toEqual([
      "Nearshore", "Staff augmentation", "Time and materials", "Low", "Regulated", "High",
    ]);
  });
  test.each([
    ["Engagement model", "Project (fixed scope)", "engagementModel", "Project"],
    ["Engagement model", "Business process outsourcing", "engagementModel", "BPO"],
    ["Pricing model", "fixed-price", "pricingModel", "Fixed price"],
    ["Pricing model", "per FTE-month", "pricingModel", "Capacity"],
    ["Pricing model", "Output based", "pricingModel", "Output-based"],
    ["Pricing model", "Outcome-based", "pricingModel", "Outcome-based"],
  ] as const)("%s %p reads as %p", (header, cell, key, expected) => {
    expect(read({ [header]: cell })[key]).toBe(expected);
  });
  test("an unknown word is an error listing the accepted ones", () => {
    expect(errorOf({ "Location model": "Moon" })).toBe("Location model must be one of Onshore, Nearshore, Offshore; got 'Moon'");
  });
  test("missing categories take their documented defaults", () => {
    const r = read({});
    expect([r.locationModel, r.engagementModel, r.pricingModel, r.requirementsClarity, r.collaborationIntensity, r.dataSensitivity, r.urgency]).toEqual([
      "Offshore", "Staff augmentation", "Time and materials", "Medium", "Medium", "Internal", "Medium",
    ]);
  });
  test("certifications split on commas and semicolons; 'none' means none", () => {
    expect(read({ Certifications: "ISO 27001; SOC 2, CMMI 5" }).certifications).toEqual(["ISO 27001", "SOC 2", "CMMI 5"]);
    expect(read({ Certifications: "None" }).certifications).toEqual([]);
  });
});

describe("vendor location", () => {
  test("Time zone wins over Country", () => {
    const r = read({ Country: "United States", "Time zone": "America/Chicago" });
    expect(r.timeZone).toBe("America/Chicago");
    expect(r.country).toBe("US");
  });
  test("a one-zone country gives its zone", () => {
    expect(read({ Country: "India" }).timeZone).toBe("Asia/Kolkata");
  });
  test("a multi-zone country without a Time zone is an error naming the candidates", () => {
    const message = errorOf({ Country: "Brazil" });
    expect(message).toContain("Brazil spans several time zones");
    expect(message).toContain("America/Sao_Paulo");
  });
  test("neither Time zone nor Country means the buyer's zone", () => {
    expect(read({}).timeZone).toBe("");
  });
  test("an unknown Time zone is an error naming it", () => {
    expect(errorOf({ "Time zone": "Asia/Atlantis" })).toContain("'Asia/Atlantis'");
  });
});

describe("blank rows", () => {
  test("a wholly blank row gives no result", () => {
    expect(isBlankRow(["", null, undefined, "  "])).toBe(true);
    expect(readRow(["", null, undefined, "  "], map)).toBeNull();
  });
  test("a row with one value is not blank", () => {
    expect(isBlankRow(["", 0])).toBe(false);
  });
  test("a row shorter than the headers reads the missing cells as empty", () => {
    const r = readRow(["Acme", 40, 100], map);
    expect(r && r.ok && r.value.locationModel).toBe("Offshore");
  });
});
