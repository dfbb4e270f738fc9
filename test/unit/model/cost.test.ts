import { COST_LINES, totalCost, type CostBreakdown } from "../../../src/model";
import { WINTER, assumptionsWith, vendorRow } from "./helpers";

function amount(cost: CostBreakdown, key: string): number {
  const line = cost.lines.find((l) => l.key === key);
  if (!line) throw new Error("no line " + key);
  return line.amount;
}

describe("total cost", () => {
  test("labour is rate times hours", () => {
    expect(totalCost(vendorRow({ hourlyRate: 45, hours: 1200 }), WINTER).labour).toBe(54000);
  });
  test("the total is labour plus every line, and the effective rate is total over hours", () => {
    const c = totalCost(vendorRow({ hourlyRate: 45, hours: 1200 }), WINTER);
    expect(c.total).toBeCloseTo(c.labour + c.lines.reduce((s, l) => s + l.amount, 0), 9);
    expect(c.effectiveHourlyRate).toBeCloseTo(c.total / 1200, 12);
    expect(c.effectiveHourlyRate).toBeGreaterThan(45);
  });
  test("zero hours give an effective rate of 0, not a division error", () => {
    expect(totalCost(vendorRow({ hours: 0 }), WINTER).effectiveHourlyRate).toBe(0);
  });
  test("the lines come in the documented fixed order, each explained in a sentence", () => {
    const c = totalCost(vendorRow(), WINTER);
    expect(c.lines.map((l) => l.key)).toEqual(COST_LINES.map((l) => l.key));
    expect(c.lines.map((l) => l.key)).toEqual(["vendorSelection", "transition", "governance", "productivityLoss", "rework", "changeRequests",
      "attritionKnowledgeLoss", "travel", "securityCompliance", "severanceRetention"]);
    for (const l of c.lines) expect(l.explanation).toMatch(/^[A-Z0-9].+\.$/);
  });
});

describe("cost lines follow their drivers", () => {
  test("governance costs more under staff augmentation than under a managed service", () => {
    const aug = totalCost(vendorRow({ engagementModel: "Staff augmentation" }), WINTER);
    const managed = totalCost(vendorRow({ engagementModel: "Managed service" }), WINTER);
    expect(amount(aug, "governance")).toBeGreaterThan(amount(managed, "governance"));
    expect(amount(aug, "governance")).toBeCloseTo(aug.labour * WINTER.governancePctStaffAugmentation, 9);
  });
  test("productivity loss grows as overlap falls short of what high collaboration needs", () => {
    const bangalore = totalCost(vendorRow({ collaborationIntensity: "High", timeZone: "Asia/Kolkata" }), WINTER); // 0 h
    const krakow = totalCost(vendorRow({ collaborationIntensity: "High", timeZone: "Europe/Warsaw" }), WINTER); // 2 h
    const mexico = totalCost(vendorRow({ collaborationIntensity: "High", timeZone: "America/Mexico_City" }), WINTER); // 7 h
    expect(amount(bangalore, "productivityLoss")).toBeGreaterThan(amount(krakow, "productivityLoss"));
    expect(amount(krakow, "productivityLoss")).toBeGreaterThan(amount(mexico, "productivityLoss"));
    // Offshore base 8% + 4 missing hours x 3% = 20%, the Meta Group figure.
    expect(amount(bangalore, "productivityLoss") / bangalore.labour).toBeCloseTo(0.2, 12);
  });
  test("productivity loss never exceeds its maximum", () => {
    const a = assumptionsWith({ "Reference date": "2026-01-15", "Productivity loss % per missing overlap hour": "10%" });
    const c = totalCost(vendorRow({ collaborationIntensity: "High" }), a);
    expect(amount(c, "productivityLoss") / c.labour).toBeCloseTo(a.productivityMaxPct, 12);
    expect(c.lines[3].explanation).toContain("capped");
  });
  test("rework grows as requirements clarity falls", () => {
    const low = totalCost(vendorRow({ requirementsClarity: "Low" }), WINTER);
    const high = totalCost(vendorRow({ requirementsClarity: "High" }), WINTER);
    expect(amount(low, "rework")).toBeGreaterThan(amount(high, "rework"));
  });
  test("fixed price on unclear work costs the most in change requests", () => {
    const fixedLow = totalCost(vendorRow({ pricingModel: "Fixed price", requirementsClarity: "Low" }), WINTER);
    const fixedHigh = totalCost(vendorRow({ pricingModel: "Fixed price", requirementsClarity: "High" }), WINTER);
    const tmLow = totalCost(vendorRow({ pricingModel: "Time and materials", requirementsClarity: "Low" }), WINTER);
    expect(amount(fixedLow, "changeRequests")).toBeGreaterThan(amount(fixedHigh, "changeRequests"));
    expect(amount(fixedLow, "changeRequests")).toBeGreaterThan(amount(tmLow, "changeRequests"));
    expect(fixedLow.lines[5].explanation).toContain("priced change");
  });
  test("attrition knowledge loss grows with attrition and is capped by a short duration", () => {
    const low = totalCost(vendorRow({ attrition: 0.1 }), WINTER);
    const high = totalCost(vendorRow({ attrition: 0.3 }), WINTER);
    expect(amount(high, "attritionKnowledgeLoss")).toBeCloseTo(3 * amount(low, "attritionKnowledgeLoss"), 9);
    const oneMonth = totalCost(vendorRow({ attrition: 0.3, durationMonths: 1 }), WINTER);
    expect(amount(oneMonth, "attritionKnowledgeLoss")).toBeCloseTo((oneMonth.labour * 0.3 * 1) / 12, 9);
  });
  test("travel costs more the farther the location model", () => {
    const on = totalCost(vendorRow({ locationModel: "Onshore" }), WINTER);
    const off = totalCost(vendorRow({ locationModel: "Offshore" }), WINTER);
    expect(amount(off, "travel")).toBeGreaterThan(amount(on, "travel"));
  });
  test("security and compliance grow with data sensitivity", () => {
    const levels = (["Public", "Internal", "Confidential", "Regulated"] as const).map((s) => amount(totalCost(vendorRow({ dataSensitivity: s }), WINTER), "securityCompliance"));
    expect([...levels].sort((a, b) => a - b)).toEqual(levels);
    expect(levels[3]).toBeGreaterThan(levels[0]);
  });
  test("severance and retention apply only when the row replaces in-house staff", () => {
    expect(amount(totalCost(vendorRow({ replacesInHouseStaff: false }), WINTER), "severanceRetention")).toBe(0);
    const replaces = totalCost(vendorRow({ replacesInHouseStaff: true }), WINTER);
    expect(amount(replaces, "severanceRetention")).toBeCloseTo(replaces.labour * WINTER.severancePct, 9);
  });
  test("vendor selection is a share of one year's labour on long engagements", () => {
    const year = totalCost(vendorRow({ durationMonths: 12 }), WINTER);
    const twoYears = totalCost(vendorRow({ durationMonths: 24 }), WINTER);
    expect(amount(twoYears, "vendorSelection")).toBeCloseTo(amount(year, "vendorSelection") / 2, 9);
  });
  test("changing an assumption changes its line", () => {
    const a = assumptionsWith({ "Reference date": "2026-01-15", "Travel % (Offshore)": "10%" });
    const c = totalCost(vendorRow({ locationModel: "Offshore" }), a);
    expect(amount(c, "travel")).toBeCloseTo(c.labour * 0.1, 9);
    expect(c.lines[7].explanation).toContain("10%");
  });
});
