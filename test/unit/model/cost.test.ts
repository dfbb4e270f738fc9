import { readFileSync } from "fs";
import { join } from "path";
import { ASSUMPTIONS, COST_LINES, LEVELS, PRICING_MODELS, totalCost, type CostBreakdown } from "../../../src/model";
import { PRICING_ALLOCATION } from "../../../src/model/assumptions";
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
      "attritionKnowledgeLoss", "travel", "securityCompliance", "severanceRetention", "exitTransitionOut"]);
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
  test("every engagement carries its exit: termination assistance and hand-over, a share of one year's labour like vendor selection", () => {
    const spec = ASSUMPTIONS.find((s) => s.key === "exitPct")!;
    expect(spec.name).toBe("Exit and transition-out %");
    expect(WINTER.exitPct).toBe(spec.defaultValue);
    expect(WINTER.exitPct).toBeGreaterThan(0);
    const year = totalCost(vendorRow({ durationMonths: 12 }), WINTER);
    const half = totalCost(vendorRow({ durationMonths: 6 }), WINTER);
    const fiveYears = totalCost(vendorRow({ durationMonths: 60 }), WINTER);
    expect(amount(year, "exitTransitionOut")).toBeCloseTo(year.labour * WINTER.exitPct, 9);
    expect(amount(half, "exitTransitionOut")).toBeCloseTo(half.labour * WINTER.exitPct, 9);
    expect(amount(fiveYears, "exitTransitionOut")).toBeCloseTo((fiveYears.labour * 12 / 60) * WINTER.exitPct, 9);
    expect(year.lines[10].label).toBe("Exit and transition-out");
    expect(year.lines[10].explanation).toMatch(/^1% of labour for the exit: termination assistance/);
    expect(fiveYears.lines[10].explanation).toMatch(/^1% of one year's labour for the exit/);
    // It counts in the total, so it moves the hidden-cost share the risk score reads.
    const none = assumptionsWith({ "Reference date": "2026-01-15", "Exit and transition-out %": 0 });
    expect(year.total - totalCost(vendorRow({ durationMonths: 12 }), none).total).toBeCloseTo(year.labour * WINTER.exitPct, 9);
  });
  test("changing an assumption changes its line", () => {
    const a = assumptionsWith({ "Reference date": "2026-01-15", "Travel % (Offshore)": "10%" });
    const c = totalCost(vendorRow({ locationModel: "Offshore" }), a);
    expect(amount(c, "travel")).toBeCloseTo(c.labour * 0.1, 9);
    expect(c.lines[7].explanation).toContain("10%");
  });
});

// Who pays rework follows who carries delivery risk (UK Cabinet Office, "Risk Allocation and
// Pricing Approaches", 2021): under a fixed, per-unit or outcome price the vendor delivers to
// the spec, so charging the buyer rework on top of that price counted it twice.
describe("rework and change requests follow the pricing model's allocation", () => {
  test.each(["Fixed price", "Output-based", "Outcome-based"] as const)("under %s the buyer pays no rework, whatever the clarity", (pricingModel) => {
    for (const requirementsClarity of LEVELS) {
      const c = totalCost(vendorRow({ engagementModel: "Project", pricingModel, requirementsClarity }), WINTER);
      expect(amount(c, "rework")).toBe(0);
      expect(c.lines[4].explanation).toMatch(/^None paid by the buyer/);
    }
  });
  test.each(["Time and materials", "Capacity"] as const)("under %s the buyer pays the rework of unclear requirements", (pricingModel) => {
    const c = totalCost(vendorRow({ pricingModel, requirementsClarity: "Low" }), WINTER);
    expect(amount(c, "rework")).toBeCloseTo(c.labour * WINTER.reworkPctLowClarity, 9);
    expect(amount(c, "rework")).toBeGreaterThan(0);
  });
  test.each(PRICING_MODELS)("under %s change requests for moved scope remain and grow as clarity falls", (pricingModel) => {
    const [low, medium, high] = LEVELS.map((requirementsClarity) => amount(totalCost(vendorRow({ pricingModel, requirementsClarity }), WINTER), "changeRequests"));
    expect(high).toBeGreaterThan(0);
    expect(medium).toBeGreaterThan(high);
    expect(low).toBeGreaterThan(medium);
  });
  test("the rework share is an assumption: a buyer who pays half the rework on a fixed price sees half", () => {
    const a = assumptionsWith({ "Reference date": "2026-01-15", "Rework paid by buyer (Fixed price)": "50%" });
    const c = totalCost(vendorRow({ pricingModel: "Fixed price", requirementsClarity: "Low" }), a);
    expect(amount(c, "rework")).toBeCloseTo(c.labour * a.reworkPctLowClarity * 0.5, 9);
    expect(c.lines[4].explanation).toContain("the buyer pays 50%");
  });
  test("the README carries the allocation table row for row", () => {
    const readme = readFileSync(join(__dirname, "../../../README.md"), "utf8");
    for (const p of PRICING_ALLOCATION) expect(readme).toContain(`| ${p.pricingModel} | ${p.rework} | ${p.changes} | ${p.deliveryRisk} |`);
  });
  test("the allocation table says Vendor for rework exactly where the buyer's default share is nothing", () => {
    expect(PRICING_ALLOCATION.map((p) => p.pricingModel)).toEqual([...PRICING_MODELS]);
    for (const p of PRICING_ALLOCATION) {
      const spec = ASSUMPTIONS.find((s) => s.name === `Rework paid by buyer (${p.pricingModel})`)!;
      expect(p.rework.startsWith("Vendor")).toBe(spec.defaultValue === 0);
      expect(p.changes).toMatch(/^Buyer/);
    }
  });
});

// CIO 2003 (S. Overby, "The Hidden Costs of Offshore Outsourcing"): "lost productivity up to
// 20% in the first two years" (Meta Group). Over a longer term the loss applies to the labour
// of those first months only.
describe("productivity loss covers the ramp-up period, not the whole term", () => {
  // 0 h overlap with Bangalore in January against the 4 h high collaboration needs: 8% + 4 x 3% = 20%.
  const row = (durationMonths: number) => vendorRow({ hourlyRate: 50, hours: 6000, durationMonths, collaborationIntensity: "High", timeZone: "Asia/Kolkata" });
  test("over 60 months, 20% of the 24 months' labour: 24,000 of 300,000, not 60,000", () => {
    const c = totalCost(row(60), WINTER);
    expect(c.labour).toBe(300000);
    expect(amount(c, "productivityLoss")).toBeCloseTo(24000, 6);
    expect(c.lines[3].explanation).toContain("first 24 months");
  });
  test("an engagement within the period loses the full share of its labour", () => {
    for (const d of [3, 12, 24]) expect(amount(totalCost(row(d), WINTER), "productivityLoss")).toBeCloseTo(60000, 6);
    expect(totalCost(row(12), WINTER).lines[3].explanation).not.toContain("first 24 months");
  });
  test("the period is an assumption", () => {
    const a = assumptionsWith({ "Reference date": "2026-01-15", "Productivity loss period (months)": 12 });
    expect(amount(totalCost(row(60), a), "productivityLoss")).toBeCloseTo(12000, 6);
  });
});
