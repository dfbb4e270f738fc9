import { evaluateCells, evaluateRow, locationFit, mapHeaders, riskScore, totalCost } from "../../../src/model";
import { ENGAGEMENT_MODELS, LEVELS, LOCATION_MODELS, PRICING_MODELS, SENSITIVITIES, type VendorRow } from "../../../src/model";
import { CATEGORY_BITS, categoriesOf } from "../../../src/model/tables";
import { WINTER, vendorRow } from "./helpers";

const map = mapHeaders(["Vendor", "Hourly rate", "Hours", "Country", "Engagement model", "Data sensitivity"]);

describe("evaluating a row", () => {
  test("evaluateRow agrees with totalCost, riskScore and locationFit called one by one", () => {
    const row = vendorRow({ timeZone: "Europe/Warsaw", collaborationIntensity: "High", dataSensitivity: "Confidential" });
    const e = evaluateRow(row, WINTER);
    expect(e.cost).toEqual(totalCost(row, WINTER));
    expect(e.fit).toEqual(locationFit(row, WINTER));
    expect(e.risk).toEqual(riskScore(row, WINTER));
    expect(e.risk).toEqual(riskScore(row, WINTER, e.fit));
  });
  test("the categories found once per row give back each category's position in its list, for every combination", () => {
    const lists: [keyof typeof CATEGORY_BITS, keyof VendorRow, readonly string[]][] = [
      ["engagement", "engagementModel", ENGAGEMENT_MODELS], ["pricing", "pricingModel", PRICING_MODELS], ["clarity", "requirementsClarity", LEVELS],
      ["location", "locationModel", LOCATION_MODELS], ["sensitivity", "dataSensitivity", SENSITIVITIES], ["collaboration", "collaborationIntensity", LEVELS], ["urgency", "urgency", LEVELS],
    ];
    let combinations: Partial<VendorRow>[] = [{}];
    for (const [, field, words] of lists) combinations = combinations.flatMap((c) => words.map((w) => ({ ...c, [field]: w })));
    const seen = new Set<number>();
    for (const c of combinations) {
      const cats = categoriesOf(vendorRow(c));
      seen.add(cats);
      for (const [bits, field, words] of lists) expect((cats >> CATEGORY_BITS[bits]) & 7).toBe(words.indexOf(c[field] as string));
    }
    expect(seen.size).toBe(combinations.length);
  });
  test("a row with a word outside its list (built by hand) is evaluated as it reads: its cost as the row's with a listed urgency, which cost does not read", () => {
    const listed = vendorRow({ urgency: "Medium" });
    const unlisted = { ...listed, urgency: "Whenever" } as unknown as VendorRow;
    expect(categoriesOf(unlisted)).toBe(-1);
    expect(evaluateRow(unlisted, WINTER).cost).toEqual(evaluateRow(listed, WINTER).cost);
    expect(evaluateRow(unlisted, WINTER).cost).toEqual(totalCost(unlisted, WINTER));
  });
  test("evaluateCells reads then evaluates", () => {
    const r = evaluateCells(["Acme", "$40", "1,000", "Poland", "Managed service", "Public"], map, WINTER);
    expect(r && r.ok && r.value.row.engagementModel).toBe("Managed service");
    expect(r && r.ok && r.value.fit.overlapHours).toBe(2);
    expect(r && r.ok && r.value.cost.labour).toBe(40000);
  });
  test("a blank row evaluates to null and a bad row to its error", () => {
    expect(evaluateCells(["", null, undefined, "", "", ""], map, WINTER)).toBeNull();
    const bad = evaluateCells(["Acme", "TBD", 10], map, WINTER);
    expect(bad && !bad.ok && bad.error.message).toBe("Hourly rate must be a number; got 'TBD'");
  });
});

describe("risk drivers follow the row", () => {
  const score = (r: ReturnType<typeof riskScore>, key: string) => r.drivers.find((d) => d.key === key)!.score;
  test("scope drift rises with urgency", () => {
    expect(score(riskScore(vendorRow({ urgency: "High" }), WINTER), "scopeDrift")).toBeGreaterThan(score(riskScore(vendorRow({ urgency: "Low" }), WINTER), "scopeDrift"));
  });
  test("quality inconsistency rises with attrition", () => {
    expect(score(riskScore(vendorRow({ attrition: 0.3 }), WINTER), "quality")).toBeGreaterThan(score(riskScore(vendorRow({ attrition: 0.1 }), WINTER), "quality"));
  });
  test("governance gaps are larger under staff augmentation than under a managed service", () => {
    expect(score(riskScore(vendorRow({ engagementModel: "Staff augmentation" }), WINTER), "governanceGaps")).toBeGreaterThan(
      score(riskScore(vendorRow({ engagementModel: "Managed service" }), WINTER), "governanceGaps"),
    );
  });
  test("dependency grows with duration up to its cap", () => {
    const short = score(riskScore(vendorRow({ durationMonths: 3 }), WINTER), "dependency");
    const long = score(riskScore(vendorRow({ durationMonths: 24 }), WINTER), "dependency");
    const veryLong = score(riskScore(vendorRow({ durationMonths: 120 }), WINTER), "dependency");
    expect(long).toBeGreaterThan(short);
    // 120 months would add 120 points; the cap holds the duration part at its maximum.
    expect(veryLong - short).toBe(WINTER.dependencyDurationCapPoints - 3 * WINTER.dependencyPointsPerMonth);
  });
  test("hidden-cost risk rises as hidden costs grow against labour", () => {
    expect(score(riskScore(vendorRow({ dataSensitivity: "Regulated", replacesInHouseStaff: true }), WINTER), "hiddenCost")).toBeGreaterThan(
      score(riskScore(vendorRow({ dataSensitivity: "Public" }), WINTER), "hiddenCost"),
    );
  });
});
