import { locationFit, mapHeaders, readRow } from "../../../src/model";
import { WINTER, assumptionsWith, vendorRow } from "./helpers";

describe("location fit", () => {
  test("high collaboration with no overlap (New York-Bangalore) is a blocker; nearshore is recommended", () => {
    const f = locationFit(vendorRow({ collaborationIntensity: "High", timeZone: "Asia/Kolkata", locationModel: "Offshore" }), WINTER);
    expect(f.overlapHours).toBe(0);
    expect(f.requiredOverlapHours).toBe(4);
    expect(f.verdict).toBe("Blocker");
    expect(f.score).toBe(0);
    expect(f.recommendedLocationModel).toBe("Nearshore");
  });
  test("low-collaboration work with no overlap is a benefit: the time-zone spread extends coverage", () => {
    const f = locationFit(vendorRow({ collaborationIntensity: "Low", urgency: "Low", timeZone: "Asia/Kolkata" }), WINTER);
    expect(f.verdict).toBe("Benefit");
    expect(f.score).toBe(100);
    expect(f.reason).toContain("coverage");
  });
  test("a gap a shifted day can close is a trade-off (New York-Krakow, high collaboration)", () => {
    const f = locationFit(vendorRow({ collaborationIntensity: "High", timeZone: "Europe/Warsaw" }), WINTER);
    expect(f.overlapHours).toBe(2);
    expect(f.verdict).toBe("Trade-off");
    expect(f.score).toBe(50);
  });
  test("a closable gap is a blocker when the vendor saves too little against the onshore reference rate", () => {
    const krakow = { collaborationIntensity: "High" as const, timeZone: "Europe/Warsaw" };
    const cheap = locationFit(vendorRow({ ...krakow, hourlyRate: 40 }), WINTER);
    const dear = locationFit(vendorRow({ ...krakow, hourlyRate: 90 }), WINTER);
    expect(cheap.costLeverage).toBeGreaterThanOrEqual(0.25);
    expect(cheap.verdict).toBe("Trade-off");
    expect(dear.overlapHours).toBe(cheap.overlapHours);
    expect(dear.costLeverage).toBeLessThan(0.25);
    expect(dear.verdict).toBe("Blocker");
    expect(dear.reason).toContain("onshore reference rate");
  });
  test("cost leverage is measured on the effective rate against the assumptions' onshore reference rate", () => {
    const row = vendorRow({ collaborationIntensity: "High", timeZone: "Europe/Warsaw", hourlyRate: 90 });
    const richerBuyer = assumptionsWith({ "Reference date": "2026-01-15", "Onshore median hourly wage (Software development)": 200, "Onshore loaded-cost multiplier": 1 });
    const lenient = assumptionsWith({ "Reference date": "2026-01-15", "Minimum cost leverage for a trade-off": "0%" });
    expect(locationFit(row, richerBuyer).verdict).toBe("Trade-off");
    const modest = vendorRow({ collaborationIntensity: "High", timeZone: "Europe/Warsaw", hourlyRate: 60 });
    const byDefault = locationFit(modest, WINTER);
    expect(byDefault.costLeverage).toBeGreaterThan(0);
    expect(byDefault.costLeverage).toBeLessThan(0.25);
    expect(byDefault.verdict).toBe("Blocker");
    expect(locationFit(modest, lenient).verdict).toBe("Trade-off");
    const f = locationFit(row, richerBuyer);
    expect(f.costLeverage).toBeLessThan(1 - 90 / 200); // hidden costs raise the effective rate above the quoted one
  });
  test("cost leverage never rescues a gap a shift cannot close, and is not needed when overlap suffices", () => {
    const far = locationFit(vendorRow({ collaborationIntensity: "High", timeZone: "Asia/Kolkata", hourlyRate: 5 }), WINTER);
    expect(far.costLeverage).toBeGreaterThan(0.8);
    expect(far.verdict).toBe("Blocker");
    const near = locationFit(vendorRow({ collaborationIntensity: "High", timeZone: "America/Mexico_City", hourlyRate: 150 }), WINTER);
    expect(near.costLeverage).toBeLessThan(0);
    expect(near.verdict).toBe("Benefit");
  });
  test("nearshore overlap covering the need is a benefit (New York-Mexico City)", () => {
    const f = locationFit(vendorRow({ collaborationIntensity: "High", timeZone: "America/Mexico_City", locationModel: "Nearshore" }), WINTER);
    expect(f.verdict).toBe("Benefit");
    expect(f.recommendedLocationModel).toBe("Nearshore");
  });
  test("urgency and regulated data raise the overlap needed", () => {
    const base = locationFit(vendorRow({ collaborationIntensity: "Medium", urgency: "Low", dataSensitivity: "Internal" }), WINTER);
    const urgent = locationFit(vendorRow({ collaborationIntensity: "Medium", urgency: "High", dataSensitivity: "Internal" }), WINTER);
    const regulated = locationFit(vendorRow({ collaborationIntensity: "Medium", urgency: "Low", dataSensitivity: "Regulated" }), WINTER);
    expect(urgent.requiredOverlapHours).toBeGreaterThan(base.requiredOverlapHours);
    expect(regulated.requiredOverlapHours).toBeGreaterThan(base.requiredOverlapHours);
  });
  test("a row without a zone works the buyer's hours", () => {
    const f = locationFit(vendorRow({ timeZone: "" }), WINTER);
    expect(f.overlapHours).toBe(8);
  });
  test("the reference date moves the overlap with daylight saving", () => {
    const march = assumptionsWith({ "Reference date": "2026-03-20" });
    expect(locationFit(vendorRow({ timeZone: "Europe/Warsaw" }), march).overlapHours).toBe(3);
  });
  test("the buyer's zone and working hours are assumptions", () => {
    const london = assumptionsWith({ "Reference date": "2026-01-15", "Buyer time zone": "Europe/London", "Vendor workday start": 11, "Vendor workday end": 19 });
    // Kolkata 11:00-19:00 is 05:30-13:30 UTC; London 9-17 is 09:00-17:00 UTC.
    expect(locationFit(vendorRow({ timeZone: "Asia/Kolkata" }), london).overlapHours).toBe(4.5);
  });
  test("a buyer zone and a vendor zone typed as buyers type them give the fit of the IANA zones they stand for", () => {
    const typed = assumptionsWith({ "Reference date": "2026-07-15", "Buyer time zone": "EST" });
    const iana = assumptionsWith({ "Reference date": "2026-07-15", "Buyer time zone": "America/New_York" });
    const headers = mapHeaders(["Vendor", "Hourly rate", "Hours", "Time zone", "Collaboration intensity"]);
    for (const [text, zone] of [["Kraków", "Europe/Warsaw"], ["CET", "Europe/Brussels"], ["UTC-3", "UTC-03:00"]]) {
      const row = readRow(["Acme", 40, 1000, text, "High"], headers);
      expect(row?.ok && row.value.timeZone).toBe(zone);
      if (row?.ok) expect(locationFit(row.value, typed)).toEqual(locationFit(vendorRow({ timeZone: zone, collaborationIntensity: "High", country: row.value.country, locationModel: row.value.locationModel, locationModelBasis: row.value.locationModelBasis }), iana));
    }
    // New York on summer time (UTC-4) and a fixed UTC-3 share 7 h; Warsaw (UTC+2) 2 h.
    expect(locationFit(vendorRow({ timeZone: "UTC-03:00" }), typed).overlapHours).toBe(7);
  });
  test("on the day the vendor's clocks go forward, the buyer's day meets the vendor's day before, at its own offset", () => {
    const portMoresby = assumptionsWith({ "Reference date": "2026-03-08", "Buyer time zone": "Port Moresby" });
    expect(locationFit(vendorRow({ timeZone: "America/Vancouver" }), portMoresby).overlapHours).toBe(2);
  });
});
