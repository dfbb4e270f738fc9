import {
  ANSWERABLE_CHECKS,
  buildChecklist,
  CHECK_KEYS,
  checklistToMarkdown,
  OWNER_KEYS,
  type CheckKey,
  type Checklist,
  type OwnerKey,
} from "../../src/model/checklist";
import {
  ENGAGEMENT_MODELS,
  type EngagementModel,
  type Evaluation,
  type FitVerdict,
  type Level,
  type PricingModel,
  type RiskBand,
  type RiskDriver,
  type VendorRow,
} from "../../src/model/types";

import { assumptionsWith, vendorRow } from "./model/helpers";

// The checklist consumes an Evaluation; these tests build one by hand so each rule can be
// pinned to the single input it reads.
function evaluation(
  row: Partial<VendorRow> = {},
  more: { band?: RiskBand; label?: string; score?: number; verdict?: FitVerdict; drivers?: RiskDriver[]; floorReason?: string; locationCheck?: string; locationConflict?: boolean } = {},
): Evaluation {
  // The row these rules were pinned against: 18% attrition and a named scope.
  const fullRow: VendorRow = vendorRow({ attrition: 0.18, scope: "Billing API", ...row });
  const drivers = more.drivers ?? [
    driver("communication", "Communication friction", 70),
    driver("scope drift", "Scope drift", 50),
    driver("hidden cost", "Hidden cost", 30),
    driver("quality", "Quality inconsistency", 20),
    driver("dependency", "Dependency", 0),
  ];
  return {
    row: fullRow,
    cost: { labour: 40000, lines: [], total: 52000, effectiveHourlyRate: 52 },
    risk: { score: more.score ?? 45, band: more.band ?? "Medium", label: more.label ?? more.band ?? "Medium", drivers, floorReason: more.floorReason },
    fit: {
      overlapHours: 1.5,
      requiredOverlapHours: 3,
      costLeverage: 0.48,
      score: 40,
      verdict: more.verdict ?? "Trade-off",
      recommendedLocationModel: "Nearshore",
      reason: "Overlap is short of what the collaboration needs.",
      workType: "Software development",
      onshoreReferenceRate: 90.88,
      locationCheck: more.locationCheck ?? "Offshore as given, consistent with where the vendor works: IN, 10.5 h from your clock.",
      locationConflict: more.locationConflict ?? false,
    },
  };
}

function driver(key: string, label: string, score: number): RiskDriver {
  return { key, label, score, weight: 1, cause: `${label} cause`, mitigation: `${label} mitigation` };
}

const owner = (c: Checklist, key: OwnerKey) => c.owners.find((o) => o.key === key)!;
const check = (c: Checklist, key: CheckKey) => c.checks.find((x) => x.key === key)!;
const allNamed: Record<OwnerKey, string> = { scope: "Ana", delivery: "Ben", security: "Cy", quality: "Di", commercial: "Ed", escalation: "Flo" };

describe("governance owners by engagement model", () => {
  test("there are always six owners, in the seed's order, each with a buyer and a provider duty", () => {
    for (const model of ENGAGEMENT_MODELS) {
      const c = buildChecklist(evaluation({ engagementModel: model }));
      expect(c.owners.map((o) => o.key)).toEqual([...OWNER_KEYS]);
      for (const o of c.owners) {
        expect(o.buyerDuty.length).toBeGreaterThan(10);
        expect(o.providerDuty.length).toBeGreaterThan(10);
      }
    }
  });

  test("staff augmentation leaves delivery and quality with the buyer", () => {
    const c = buildChecklist(evaluation({ engagementModel: "Staff augmentation" }));
    expect(owner(c, "delivery").carrier).toBe("Buyer");
    expect(owner(c, "quality").carrier).toBe("Buyer");
    expect(owner(c, "delivery").buyerDuty).toMatch(/directs daily work/i);
  });

  test("a managed service moves delivery and quality to the provider under service levels", () => {
    const c = buildChecklist(evaluation({ engagementModel: "Managed service" }));
    expect(owner(c, "delivery").carrier).toBe("Provider");
    expect(owner(c, "quality").carrier).toBe("Provider");
    expect(owner(c, "delivery").providerDuty).toMatch(/service levels/);
    expect(owner(c, "quality").providerDuty).toMatch(/service levels/);
  });

  test("a dedicated team keeps daily direction with the buyer and shares quality", () => {
    const c = buildChecklist(evaluation({ engagementModel: "Dedicated team" }));
    expect(owner(c, "delivery").carrier).toBe("Buyer");
    expect(owner(c, "quality").carrier).toBe("Shared");
    expect(owner(c, "delivery").providerDuty).toMatch(/backfill/);
  });

  test("a project gives delivery to the provider while the buyer owns requirements and change control", () => {
    const c = buildChecklist(evaluation({ engagementModel: "Project", pricingModel: "Fixed price" }));
    expect(owner(c, "delivery").carrier).toBe("Provider");
    expect(owner(c, "quality").carrier).toBe("Provider");
    expect(owner(c, "scope").buyerDuty).toMatch(/change control/);
  });

  test("BPO runs the process at the provider while regulatory accountability stays with the buyer", () => {
    const c = buildChecklist(evaluation({ engagementModel: "BPO", pricingModel: "Output-based" }));
    expect(owner(c, "delivery").carrier).toBe("Provider");
    expect(owner(c, "delivery").buyerDuty).toMatch(/regulatory accountability/);
  });

  test("outcome-based shares delivery risk through payment by results", () => {
    const c = buildChecklist(evaluation({ engagementModel: "Outcome-based", pricingModel: "Outcome-based" }));
    expect(owner(c, "delivery").carrier).toBe("Shared");
    expect(owner(c, "delivery").providerDuty).toMatch(/payment by results/);
  });

  test("security and compliance stay with the buyer under every engagement model", () => {
    for (const model of ENGAGEMENT_MODELS) {
      const c = buildChecklist(evaluation({ engagementModel: model }));
      expect(owner(c, "security").carrier).toBe("Buyer");
      expect(owner(c, "security").buyerDuty).toMatch(/stay with the buyer|stays with the buyer/);
    }
  });

  test("duties differ between engagement models", () => {
    const texts = ENGAGEMENT_MODELS.map((m) => buildChecklist(evaluation({ engagementModel: m })).owners.map((o) => o.buyerDuty).join("|"));
    expect(new Set(texts).size).toBe(ENGAGEMENT_MODELS.length);
  });

  test("an owner left empty is flagged; a blank name counts as empty", () => {
    const c = buildChecklist(evaluation(), { ownerNames: { scope: "Ana Silva", delivery: "   " } });
    expect(owner(c, "scope")).toMatchObject({ name: "Ana Silva", missing: false });
    expect(owner(c, "delivery").missing).toBe(true);
    expect(owner(c, "quality").missing).toBe(true);
  });
});

describe("readiness checks", () => {
  test("the eight checks appear in the seed's order", () => {
    expect(buildChecklist(evaluation()).checks.map((c) => c.key)).toEqual([...CHECK_KEYS]);
  });

  test.each<[FitVerdict, string]>([
    ["Benefit", "Ready"],
    ["Trade-off", "Verify"],
    ["Blocker", "Blocker"],
  ])("location fit %s makes the location check %s", (verdict, status) => {
    const c = check(buildChecklist(evaluation({}, { verdict })), "locationFit");
    expect(c.status).toBe(status);
    expect(c.reason).toContain(verdict);
    expect(c.reason).toContain("1.5 h");
  });

  test.each<[RiskBand, string]>([
    ["Low", "Ready"],
    ["Medium", "Verify"],
    ["High", "Verify"],
    ["Critical", "Blocker"],
  ])("risk band %s makes the risk level check %s", (band, status) => {
    const c = check(buildChecklist(evaluation({}, { band, score: 77 })), "riskLevel");
    expect(c.status).toBe(status);
    expect(c.reason).toContain("77");
  });

  test("a Low band whose label names a driver at or above the High threshold is Verify, not Ready, and says which", () => {
    const drivers = [driver("dependency", "Dependency", 74), driver("quality", "Quality inconsistency", 20)];
    const label = "Low (one driver High: Dependency 74)";
    const checklist = buildChecklist(evaluation({}, { band: "Low", label, score: 22, drivers }));
    const c = check(checklist, "riskLevel");
    expect(c.status).toBe("Verify");
    expect(c.reason).toContain(label);
    expect(checklist.header.riskLabel).toBe(label);
    expect(checklistToMarkdown(checklist)).toContain("Dependency 74");
  });

  test("the maximum-risk rule's reason is shown with the risk level", () => {
    const c = check(buildChecklist(evaluation({}, { band: "Critical", floorReason: "Regulated data with no security certification." })), "riskLevel");
    expect(c.reason).toContain("Regulated data with no security certification.");
  });

  test.each<[Level, EngagementModel, string]>([
    ["High", "Project", "Ready"],
    ["Medium", "Project", "Verify"],
    ["Low", "Project", "Blocker"],
    ["Low", "Managed service", "Blocker"],
    ["Low", "Staff augmentation", "Verify"],
    ["Low", "Dedicated team", "Verify"],
  ])("work clarity: %s requirements clarity under %s is %s", (clarity, engagementModel, status) => {
    const c = buildChecklist(evaluation({ requirementsClarity: clarity, engagementModel, pricingModel: "Time and materials" }));
    expect(check(c, "workClarity").status).toBe(status);
  });

  test.each<[PricingModel, Level, EngagementModel, string]>([
    ["Fixed price", "High", "Project", "Ready"],
    ["Fixed price", "Medium", "Project", "Verify"],
    ["Fixed price", "Low", "Project", "Blocker"],
    ["Output-based", "Low", "Managed service", "Blocker"],
    ["Outcome-based", "High", "Outcome-based", "Ready"],
    ["Time and materials", "Low", "Staff augmentation", "Ready"],
    ["Time and materials", "High", "Staff augmentation", "Verify"],
    ["Capacity", "Medium", "Dedicated team", "Ready"],
    ["Capacity", "Low", "Dedicated team", "Verify"],
  ])("commercial fit: %s on %s clarity (%s) is %s", (pricingModel, clarity, engagementModel, status) => {
    const c = buildChecklist(evaluation({ pricingModel, requirementsClarity: clarity, engagementModel }));
    expect(check(c, "commercialFit").status).toBe(status);
  });

  test("a pricing model unusual for the engagement model is never Ready for commercial fit", () => {
    const usual = buildChecklist(evaluation({ pricingModel: "Fixed price", requirementsClarity: "High", engagementModel: "Project" }));
    const unusual = buildChecklist(evaluation({ pricingModel: "Fixed price", requirementsClarity: "High", engagementModel: "Staff augmentation" }));
    expect(check(usual, "commercialFit").status).toBe("Ready");
    expect(check(unusual, "commercialFit").status).toBe("Verify");
    expect(check(unusual, "commercialFit").reason).toMatch(/usually priced time and materials/);
  });

  test("internal ownership is Ready with all six owners named, Verify with some missing, Blocker without scope or quality owner", () => {
    expect(check(buildChecklist(evaluation(), { ownerNames: allNamed }), "internalOwnership").status).toBe("Ready");
    const noEscalation = buildChecklist(evaluation(), { ownerNames: { ...allNamed, escalation: "" } });
    expect(check(noEscalation, "internalOwnership")).toMatchObject({ status: "Verify", reason: "Missing: escalation owner." });
    const noQuality = buildChecklist(evaluation(), { ownerNames: { ...allNamed, quality: "" } });
    expect(check(noQuality, "internalOwnership").status).toBe("Blocker");
    expect(check(buildChecklist(evaluation()), "internalOwnership").status).toBe("Blocker");
  });

  test("questions the row cannot answer default to Verify with the question, and take the buyer's answer", () => {
    const open = buildChecklist(evaluation());
    for (const key of ANSWERABLE_CHECKS) {
      const c = check(open, key);
      expect(c).toMatchObject({ status: "Verify", basis: "question", answerable: true });
      expect(c.reason).toContain(c.question);
    }
    const answered = buildChecklist(evaluation(), { answers: { providerMaturity: "Ready", scalePath: "Blocker", collaborationIntensity: "Verify" } });
    expect(check(answered, "providerMaturity")).toMatchObject({ status: "Ready", basis: "answer" });
    expect(check(answered, "scalePath")).toMatchObject({ status: "Blocker", basis: "answer" });
    expect(check(answered, "collaborationIntensity")).toMatchObject({ status: "Verify", basis: "answer" });
  });

  test("an answer cannot override a check derived from the row", () => {
    const c = buildChecklist(evaluation({}, { verdict: "Blocker" }), { answers: { locationFit: "Ready" } as Partial<Record<CheckKey, "Ready">> });
    expect(check(c, "locationFit")).toMatchObject({ status: "Blocker", basis: "row", answerable: false });
  });

  test("provider maturity's question names the certifications the row lists", () => {
    const c = buildChecklist(evaluation({ certifications: ["ISO 27001", "SOC 2"] }));
    expect(check(c, "providerMaturity").reason).toContain("ISO 27001, SOC 2");
  });

  test("overall readiness is the worst status among the checks", () => {
    const blocked = buildChecklist(evaluation({}, { verdict: "Blocker" }), { ownerNames: allNamed });
    expect(blocked.readiness.overall).toBe("Blocker");
    const ready = buildChecklist(
      evaluation({ requirementsClarity: "High", pricingModel: "Fixed price", engagementModel: "Project" }, { band: "Low", verdict: "Benefit" }),
      { ownerNames: allNamed, answers: { collaborationIntensity: "Ready", providerMaturity: "Ready", scalePath: "Ready" } },
    );
    expect(ready.readiness).toEqual({ ready: 8, verify: 0, blocker: 0, overall: "Ready" });
  });
});

describe("mitigations, security rules and pilot plan", () => {
  test("mitigations come from the top three risk drivers with a score, highest first, with the model's text", () => {
    const c = buildChecklist(evaluation());
    expect(c.mitigations.map((m) => m.risk)).toEqual(["Communication friction", "Scope drift", "Hidden cost"]);
    expect(c.mitigations[0].mitigation).toBe("Communication friction mitigation");
  });

  test("every high-scoring driver gets its mitigation even beyond the top three; zero-score drivers never do", () => {
    const drivers = [driver("a", "A", 90), driver("b", "B", 80), driver("c", "C", 70), driver("d", "D", 65), driver("e", "E", 10), driver("f", "F", 0)];
    expect(buildChecklist(evaluation({}, { drivers })).mitigations.map((m) => m.risk)).toEqual(["A", "B", "C", "D"]);
    const calm = [driver("a", "A", 5), driver("f", "F", 0)];
    expect(buildChecklist(evaluation({}, { drivers: calm })).mitigations.map((m) => m.risk)).toEqual(["A"]);
  });

  test("security and access rules appear only for confidential or regulated data", () => {
    expect(buildChecklist(evaluation({ dataSensitivity: "Public" })).securityRules).toEqual([]);
    expect(buildChecklist(evaluation({ dataSensitivity: "Internal" })).securityRules).toEqual([]);
    const confidential = buildChecklist(evaluation({ dataSensitivity: "Confidential" })).securityRules.map((r) => r.title);
    expect(confidential).toEqual(["Least privilege", "Monitoring", "Evidence"]);
    const regulated = buildChecklist(evaluation({ dataSensitivity: "Regulated" })).securityRules.map((r) => r.title);
    expect(regulated).toEqual(["Least privilege", "Monitoring", "Evidence", "Data location"]);
  });

  test("the evidence rule asks for a supplier risk assessment when no certification is listed", () => {
    const none = buildChecklist(evaluation({ dataSensitivity: "Confidential" })).securityRules.find((r) => r.key === "evidence")!;
    expect(none.rule).toMatch(/supplier risk assessment/);
    const certified = buildChecklist(evaluation({ dataSensitivity: "Confidential", certifications: ["SOC 2"] })).securityRules.find((r) => r.key === "evidence")!;
    expect(certified.rule).toContain("SOC 2");
  });

  test("the effective hourly rate is shown to the cent in the pilot review and the e-mail text, not rounded to whole units", () => {
    const e = evaluation();
    const c = buildChecklist({ ...e, cost: { ...e.cost, effectiveHourlyRate: 53.35 } });
    expect(c.pilotPlan.find((p) => p.key === "review")!.detail).toContain("53.35 per hour all-in");
    expect(checklistToMarkdown(c)).toContain("(53.35 per hour all-in)");
  });

  test("the evidence rule and provider maturity say which certifications counted: a planned, negated or expired one does not", () => {
    const row = { dataSensitivity: "Regulated" as const, certifications: ["None (SOC 2 planned 2027)", "No PCI DSS", "ISO 27001 expired 2019"] };
    const hedged = buildChecklist(evaluation(row));
    const evidence = hedged.securityRules.find((r) => r.key === "evidence")!.rule;
    expect(evidence).toMatch(/^No security certification held today is listed: before onboarding, complete a supplier risk assessment/);
    expect(evidence).toContain("None (SOC 2 planned 2027), No PCI DSS, ISO 27001 expired 2019 do not count until a current certificate is shown.");
    expect(check(hedged, "providerMaturity").reason).toContain(
      "No security certification held today is counted. Not counted (negated, planned, pending, in progress or expired): None (SOC 2 planned 2027), No PCI DSS, ISO 27001 expired 2019.",
    );
    const mixed = buildChecklist(evaluation({ ...row, certifications: ["SOC 2 Type II", "ISO 27001 expired 2019"] }));
    const mixedEvidence = mixed.securityRules.find((r) => r.key === "evidence")!.rule;
    expect(mixedEvidence).toMatch(/^Before onboarding, check the evidence behind SOC 2 Type II \(scope/);
    expect(mixedEvidence).toContain("ISO 27001 expired 2019 does not count until a current certificate is shown.");
    expect(check(mixed, "providerMaturity").reason).toContain("Counted as security certifications held today: SOC 2 Type II.");
  });

  test("the pilot plan follows the seed's seven steps, tailored to the row's work type, scope, engagement and pricing", () => {
    const c = buildChecklist(evaluation({ workType: "QA", scope: "Regression suite", engagementModel: "Project", pricingModel: "Fixed price", requirementsClarity: "High" }));
    expect(c.pilotPlan).toHaveLength(7);
    expect(c.pilotPlan[0].detail).toContain("QA (Regression suite)");
    expect(c.pilotPlan[2].detail).toMatch(/^Project: /);
    expect(c.pilotPlan[3].detail).toMatch(/^Ready: Fixed price/);
    expect(c.pilotPlan[5].detail).toMatch(/first milestone accepted/);
  });

  test("the pilot runs a quarter of the engagement, at most three months, with its share of the hours", () => {
    const long = buildChecklist(evaluation({ durationMonths: 12, hours: 1200 }));
    expect(long.pilotPlan[5].detail).toContain("Run 3 months (about 300 of the 1,200 hours)");
    const short = buildChecklist(evaluation({ durationMonths: 4, hours: 400 }));
    expect(short.pilotPlan[5].detail).toContain("Run 1 month (about 100 of the 400 hours)");
  });

  // The rules behind the mitigations, the commercial fit and the pilot are assumptions a
  // buyer can see and change on the assumptions sheet, not constants in code.
  test("the mitigation rule follows 'Mitigations: top risks listed' and 'Mitigations: any risk from score'", () => {
    const drivers = [driver("a", "A", 90), driver("b", "B", 80), driver("c", "C", 70), driver("d", "D", 65), driver("e", "E", 10)];
    const a = assumptionsWith({ "Mitigations: top risks listed": 1, "Mitigations: any risk from score": 75 });
    expect(buildChecklist(evaluation({}, { drivers }), { assumptions: a }).mitigations.map((m) => m.risk)).toEqual(["A", "B"]);
  });

  test("the pilot length follows the pilot share, minimum and maximum assumptions", () => {
    const a = assumptionsWith({ "Pilot share of the engagement": "50%", "Pilot length, maximum (months)": 4, "Pilot length, minimum (months)": 2 });
    expect(buildChecklist(evaluation({ durationMonths: 12, hours: 1200 }), { assumptions: a }).pilotPlan[5].detail).toContain("Run 4 months (about 400 of the 1,200 hours)");
    // A pilot as long as the engagement is no pilot: it says so instead of "400 of the 400 hours".
    expect(buildChecklist(evaluation({ durationMonths: 3, hours: 400 }), { assumptions: a }).pilotPlan[5].detail).toContain("Run 2 months (about 267 of the 400 hours)");
    expect(buildChecklist(evaluation({ durationMonths: 2, hours: 400 }), { assumptions: a }).pilotPlan[5].detail).toMatch(/^No separate pilot: the engagement lasts 2 months/);
  });

  test("the commercial fit reads the typical pricing of the engagement model from the assumptions", () => {
    const row = { pricingModel: "Fixed price", requirementsClarity: "High", engagementModel: "Staff augmentation" } as const;
    const a = assumptionsWith({ "Typical pricing (Staff augmentation)": "Time and materials, Fixed price" });
    expect(check(buildChecklist(evaluation(row), { assumptions: a }), "commercialFit").status).toBe("Ready");
  });

  test("the provider maturity hint reads the certification words from the assumptions", () => {
    const a = assumptionsWith({ "Security certification keywords": "27001, CSA STAR" });
    const c = buildChecklist(evaluation({ certifications: ["CSA STAR Level 2"] }), { assumptions: a });
    expect(check(c, "providerMaturity").reason).toContain("Counted as security certifications held today: CSA STAR Level 2.");
  });

  test("low requirements clarity puts discovery first in the pilot plan", () => {
    expect(buildChecklist(evaluation({ requirementsClarity: "Low" })).pilotPlan[1].detail).toMatch(/discovery first/);
    expect(buildChecklist(evaluation({ requirementsClarity: "High" })).pilotPlan[1].detail).not.toMatch(/discovery/);
  });

  test("the header carries the row's facts and the generation date", () => {
    const c = buildChecklist(evaluation(), { today: { year: 2026, month: 3, day: 7 } });
    expect(c.generatedOn).toBe("2026-03-07");
    expect(c.header).toMatchObject({ vendor: "Acme", engagementModel: "Staff augmentation", totalCost: 52000, riskScore: 45, locationFit: "Trade-off" });
    expect(buildChecklist(evaluation()).generatedOn).toBe("");
  });
});

describe("markdown", () => {
  test("lists every owner, check, mitigation and pilot step, flagging missing owners", () => {
    const c = buildChecklist(evaluation({ dataSensitivity: "Regulated" }), { ownerNames: { scope: "Ana" }, today: { year: 2026, month: 1, day: 2 } });
    const text = checklistToMarkdown(c);
    expect(text).toContain("# Governance checklist: Acme");
    expect(text).toContain("Generated 2026-01-02.");
    expect(text).toContain("| Scope owner | Ana |");
    expect(text).toContain("| Delivery owner | **MISSING** |");
    for (const x of c.checks) expect(text).toContain(`| ${x.label} | ${x.status} |`);
    expect(text).toContain("## Security and access rules before onboarding");
    expect(text).toContain("7. **Review before scaling:**");
  });

  test("workbook text cannot break the table or become a link", () => {
    const c = buildChecklist(evaluation({ vendor: "A|B [x](http://evil)", scope: "line1\nline2" }), { ownerNames: { scope: "x|y" } });
    const text = checklistToMarkdown(c);
    expect(text).toContain("A\\|B \\[x\\](http://evil)");
    expect(text).toContain("| x\\|y |");
    expect(text).not.toContain("line1\nline2");
  });
});
