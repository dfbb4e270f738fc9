import { RISK_DRIVERS, SECURITY_CERTIFICATION_KEYWORDS, riskScore, type RiskResult } from "../../../src/model";
import { WINTER, assumptionsWith, vendorRow } from "./helpers";

function driver(r: RiskResult, key: string) {
  const d = r.drivers.find((x) => x.key === key);
  if (!d) throw new Error("no driver " + key);
  return d;
}

describe("risk score", () => {
  test("the seven seed risks are scored, highest first, each with the seed's mitigation", () => {
    const r = riskScore(vendorRow(), WINTER);
    expect(r.drivers.map((d) => d.key).sort()).toEqual(["communication", "dataCyber", "dependency", "governanceGaps", "hiddenCost", "quality", "scopeDrift"]);
    for (let i = 1; i < r.drivers.length; i++) expect(r.drivers[i - 1].score).toBeGreaterThanOrEqual(r.drivers[i].score);
    expect(driver(r, "scopeDrift").mitigation).toBe("Lock requirements, acceptance criteria, and change-control rules.");
    for (const d of r.drivers) expect(d.cause.length).toBeGreaterThan(0);
  });
  test("the score is the weighted average of the drivers when no floor applies", () => {
    const r = riskScore(vendorRow(), WINTER);
    const sumW = r.drivers.reduce((s, d) => s + d.weight, 0);
    expect(r.score).toBeCloseTo(r.drivers.reduce((s, d) => s + d.weight * d.score, 0) / sumW, 9);
    expect(r.floorReason).toBeUndefined();
  });
  test("regulated data without a security certification sets the floor at Critical", () => {
    const r = riskScore(vendorRow({ dataSensitivity: "Regulated", certifications: ["CMMI 5"] }), WINTER);
    expect(r.score).toBeGreaterThanOrEqual(WINTER.criticalRiskFrom);
    expect(r.band).toBe("Critical");
    expect(r.floorReason).toContain("Regulated data without a security certification");
  });
  test("a security certification lowers data risk and lifts the regulated floor", () => {
    const without = riskScore(vendorRow({ dataSensitivity: "Regulated" }), WINTER);
    const withCert = riskScore(vendorRow({ dataSensitivity: "Regulated", certifications: ["ISO/IEC 27001:2022"] }), WINTER);
    expect(driver(withCert, "dataCyber").score).toBe(driver(without, "dataCyber").score - WINTER.dataRiskCertificationCredit);
    expect(withCert.score).toBeLessThan(without.score);
  });
  test("one risk at the critical single score lifts the total to at least High", () => {
    const a = assumptionsWith({ "Reference date": "2026-01-15", "Critical single risk score": 70 });
    const r = riskScore(vendorRow({ requirementsClarity: "Low", urgency: "High" }), a); // scope drift 70 + 20 = 90
    expect(r.score).toBeGreaterThanOrEqual(a.highRiskFrom);
    expect(r.floorReason === undefined || r.floorReason.includes("single critical risk")).toBe(true);
  });
  test("bands follow the thresholds", () => {
    const a = assumptionsWith({ "Reference date": "2026-01-15", "Medium risk from score": 1, "High risk from score": 2, "Critical risk from score": 99 });
    expect(riskScore(vendorRow(), a).band).toBe("High");
  });
  test("weights are editable: a zero weight removes a risk from the score", () => {
    const base = riskScore(vendorRow({ dataSensitivity: "Confidential" }), WINTER);
    const a = assumptionsWith({ "Reference date": "2026-01-15", "Risk weight (Data and cyber)": 0 });
    const r = riskScore(vendorRow({ dataSensitivity: "Confidential" }), a);
    expect(driver(r, "dataCyber").weight).toBe(0);
    expect(r.score).not.toBeCloseTo(base.score, 6);
  });
  test("all weights at zero give a score of zero, not a division error", () => {
    const zero = Object.fromEntries(RISK_DRIVERS.map((d, i) => [["Risk weight (Communication)", "Risk weight (Hidden cost)", "Risk weight (Scope drift)",
      "Risk weight (Data and cyber)", "Risk weight (Quality)", "Risk weight (Governance gaps)", "Risk weight (Dependency)"][i], 0]));
    const r = riskScore(vendorRow(), assumptionsWith({ "Reference date": "2026-01-15", ...zero }));
    expect(r.score).toBe(0);
  });
  test("communication friction grows as overlap falls short", () => {
    const far = riskScore(vendorRow({ collaborationIntensity: "High", timeZone: "Asia/Kolkata" }), WINTER);
    const near = riskScore(vendorRow({ collaborationIntensity: "High", timeZone: "America/Mexico_City" }), WINTER);
    expect(driver(far, "communication").score).toBeGreaterThan(driver(near, "communication").score);
  });
  test("replacing in-house staff raises dependency", () => {
    const no = riskScore(vendorRow({ replacesInHouseStaff: false }), WINTER);
    const yes = riskScore(vendorRow({ replacesInHouseStaff: true }), WINTER);
    expect(driver(yes, "dependency").score).toBeGreaterThan(driver(no, "dependency").score);
  });
});

// A certification lifts the regulated-data floor only when the vendor holds it today: the
// entries buyers actually type say "planned", "No ..." or "expired" next to the keyword.
describe("security certifications are read entry by entry, not by substring", () => {
  const regulated = (certifications: string[]) => riskScore(vendorRow({ dataSensitivity: "Regulated", certifications }), WINTER);

  test.each([["None (SOC 2 planned 2027)"], ["No PCI DSS"], ["ISO 27001 expired 2019"], ["SOC 2 Type II in progress"], ["ISO 27001 (working towards)"], ["HITRUST pending"], ["PCI DSS non-compliant"]])(
    "'%s' does not count: the regulated floor stays Critical",
    (entry) => {
      const r = regulated([entry]);
      expect(r.band).toBe("Critical");
      expect(r.score).toBeGreaterThanOrEqual(WINTER.criticalRiskFrom);
      expect(driver(r, "dataCyber").score).toBe(WINTER.dataRiskPointsRegulated);
      expect(driver(r, "dataCyber").cause).toContain(`not counted, as not held today: ${entry}`);
    },
  );

  test("a held certification counts, and the driver names which entries counted", () => {
    const held = regulated(["ISO 27001"]);
    expect(held.score).toBeLessThan(WINTER.criticalRiskFrom);
    expect(driver(held, "dataCyber").score).toBe(WINTER.dataRiskPointsRegulated - WINTER.dataRiskCertificationCredit);
    const mixed = regulated(["ISO 27001 expired 2019", "SOC 2 Type II", "CMMI 5"]);
    expect(mixed.score).toBe(held.score);
    expect(driver(mixed, "dataCyber").cause).toBe("Regulated data, with SOC 2 Type II counted as a security certification (not counted, as not held today: ISO 27001 expired 2019).");
  });

  test("every keyword, negated, planned, pending, in progress, expired, lapsed or applied for, does not count; held, it does", () => {
    const hedges = ["No {k}", "None ({k} planned 2027)", "{k} planned", "{k} pending", "{k} in progress", "{k} expired 2019", "{k} lapsed", "{k} applied for", "working towards {k}", "not {k} certified"];
    for (const k of SECURITY_CERTIFICATION_KEYWORDS) {
      expect([k, regulated([k]).band]).not.toEqual([k, "Critical"]);
      for (const hedge of hedges) {
        const entry = hedge.replace("{k}", k);
        expect([entry, regulated([entry]).band]).toEqual([entry, "Critical"]);
      }
    }
  });

  test("a certificate number or a validity date is not a negation", () => {
    expect(regulated(["ISO 27001 certificate no. 12345"]).band).not.toBe("Critical");
    expect(regulated(["SOC 2 valid until 2027"]).band).not.toBe("Critical");
  });
});
