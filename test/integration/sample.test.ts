import { ENGAGEMENT_MODELS, LOCATION_MODELS, PRICING_MODELS, evaluateCells, mapHeaders, parseAssumptions, resolveZone } from "../../src/model";
import { SAMPLE_VENDORS, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";

const column = (header: (typeof SAMPLE_VENDOR_HEADERS)[number]) => SAMPLE_VENDORS.map((v) => v[header]);

describe("the sample vendor table", () => {
  test("holds 8 to 12 options and every header is one the model recognises", () => {
    expect(SAMPLE_VENDORS.length).toBeGreaterThanOrEqual(8);
    expect(SAMPLE_VENDORS.length).toBeLessThanOrEqual(12);
    const map = mapHeaders(SAMPLE_VENDOR_HEADERS);
    expect(map.ignored).toEqual([]);
    expect(Object.keys(map.columns)).toHaveLength(SAMPLE_VENDOR_HEADERS.length);
  });

  test("covers onshore, nearshore and offshore, all six engagement models and all five pricing models", () => {
    expect(new Set(column("Location model"))).toEqual(new Set(LOCATION_MODELS));
    expect(new Set(column("Engagement model"))).toEqual(new Set(ENGAGEMENT_MODELS));
    expect(new Set(column("Pricing model"))).toEqual(new Set(PRICING_MODELS));
  });

  test("spans several countries and time zones, each zone explicit or the country's only one", () => {
    expect(new Set(column("Country")).size).toBeGreaterThanOrEqual(8);
    const zones = SAMPLE_VENDORS.map((v) => resolveZone(String(v["Time zone"] || v.Country)));
    for (const zone of zones) expect(zone.ok).toBe(true);
    expect(new Set(zones.map((z) => (z.ok ? z.value : ""))).size).toBeGreaterThanOrEqual(8);
  });

  test("varies clarity, collaboration, sensitivity, urgency, attrition, certifications, work type and scope", () => {
    for (const header of ["Requirements clarity", "Collaboration intensity", "Urgency"] as const) expect(new Set(column(header))).toEqual(new Set(["Low", "Medium", "High"]));
    expect(new Set(column("Data sensitivity"))).toEqual(new Set(["Public", "Internal", "Confidential", "Regulated"]));
    expect(new Set(column("Attrition")).size).toBeGreaterThanOrEqual(5);
    expect(column("Certifications")).toContain("");
    expect(new Set(column("Work type")).size).toBeGreaterThanOrEqual(8);
    expect(new Set(column("Scope")).size).toBe(SAMPLE_VENDORS.length);
  });

  test("every sample row evaluates without error and the outcomes differ", () => {
    const assumptions = parseAssumptions([], { year: 2026, month: 3, day: 16 });
    if (!assumptions.ok) throw new Error(assumptions.error.message);
    const map = mapHeaders(SAMPLE_VENDOR_HEADERS);
    const results = SAMPLE_VENDOR_ROWS.map((row) => evaluateCells(row, map, assumptions.value));
    for (const r of results) expect(r?.ok).toBe(true);
    const verdicts = new Set(results.map((r) => (r && r.ok ? r.value.fit.verdict : "")));
    const bands = new Set(results.map((r) => (r && r.ok ? r.value.risk.band : "")));
    expect(verdicts.size).toBeGreaterThanOrEqual(2);
    expect(bands.size).toBeGreaterThanOrEqual(2);
  });
});
