// Location model, advice, onshore reference rate and vendor hours: issue 12 items 3, 4, 8, 10.
import fc from "fast-check";
import {
  LOCATION_MODELS,
  evaluateCells,
  evaluateRow,
  locationFit,
  mapHeaders,
  readRow,
  totalCost,
  type Assumptions,
  type Evaluation,
} from "../../../src/model";
import { DOCUMENTED_BY_KEY } from "../../../src/model/assumptionTexts";
import { buildChecklist } from "../../../src/model/checklist";
import { WORK_TYPES } from "../../../src/model/types";
import { WINTER, assumptionsWith, vendorRow } from "./helpers";

const HEADERS = ["Vendor", "Hourly rate", "Hours", "Country", "Time zone", "Location model", "Collaboration intensity", "Work type", "Vendor hours"];
const map = mapHeaders(HEADERS);
const LONDON = assumptionsWith({ "Reference date": "2026-01-15", "Buyer time zone": "Europe/London" });
const SUMMER = assumptionsWith({ "Reference date": "2026-07-15" });

function evaluate(cells: readonly (string | number)[], a: Assumptions = WINTER): Evaluation {
  const r = evaluateCells(cells, map, a);
  if (r === null || !r.ok) throw new Error(r === null ? "blank" : r.error.message);
  return r.value;
}

describe("a missing Location model is derived from where the vendor works", () => {
  test("a vendor in the buyer's own zone and country is Onshore, not the Offshore that added 12% of labour", () => {
    const e = evaluate(["Local", 60, 1000, "", "America/New_York", "", "High", "", ""]);
    expect(e.row.locationModel).toBe("Onshore");
    expect(e.row.locationModelBasis).toBe("derived");
    const offshore = totalCost(vendorRow({ ...e.row, locationModel: "Offshore" }), WINTER).total;
    expect(e.cost.total).toBeLessThan(offshore);
    expect(e.fit.locationCheck).toContain("derived");
  });
  test("same country in another time band is Onshore; another country within the band is Nearshore; farther is Offshore", () => {
    expect(evaluate(["LA", 60, 1000, "", "America/Los_Angeles", "", "High", "", ""]).row.locationModel).toBe("Onshore");
    expect(evaluate(["Toronto", 60, 1000, "Canada", "America/Toronto", "", "High", "", ""]).row.locationModel).toBe("Nearshore");
    expect(evaluate(["Bogota", 60, 1000, "Colombia", "", "", "High", "", ""]).row.locationModel).toBe("Nearshore");
    expect(evaluate(["Krakow", 60, 1000, "Poland", "", "", "High", "", ""]).row.locationModel).toBe("Offshore");
    expect(evaluate(["Krakow", 60, 1000, "Poland", "", "", "High", "", ""], LONDON).row.locationModel).toBe("Nearshore");
  });
  test("the time band is an assumption: widening it makes New York-Krakow (6 h) nearshore", () => {
    const wide = assumptionsWith({ "Reference date": "2026-01-15", "Nearshore clock difference, maximum (hours)": 6 });
    expect(evaluate(["Krakow", 60, 1000, "Poland", "", "", "High", "", ""], wide).row.locationModel).toBe("Nearshore");
    expect(DOCUMENTED_BY_KEY.nearshoreMaxClockHours.source).toMatch(/^Assumption/);
  });
  test("a fixed offset zone uses the model's own offsets: UTC+05:30 is 10.5 h from New York in winter, Offshore", () => {
    const e = evaluate(["Fixed", 20, 1000, "", "UTC+05:30", "", "High", "", ""]);
    expect(e.row.locationModel).toBe("Offshore");
    expect(e.fit.locationCheck).toContain("10.5 h");
  });
  test("the buyer's country comes from the buyer's zone; a buyer on a UTC offset has none, so a same-band vendor is Nearshore", () => {
    expect(evaluate(["London", 60, 1000, "United Kingdom", "", "", "High", "", ""], LONDON).row.locationModel).toBe("Onshore");
    const offsetBuyer = assumptionsWith({ "Reference date": "2026-01-15", "Buyer time zone": "UTC-05:00" });
    expect(evaluate(["NY", 60, 1000, "United States", "America/New_York", "", "High", "", ""], offsetBuyer).row.locationModel).toBe("Nearshore");
  });
  test("a row with no Location model, Country or Time zone stays Offshore, the costliest reading, and says so", () => {
    const e = evaluate(["Nowhere", 60, 1000, "", "", "", "High", "", ""]);
    expect(e.row.locationModel).toBe("Offshore");
    expect(e.fit.locationCheck).toMatch(/Offshore by default/);
  });
});

describe("a typed Location model the zone contradicts is costed as typed and flagged", () => {
  test("Onshore 8 hours away (London buyer, Los Angeles vendor) is flagged in the fit and the checklist", () => {
    const e = evaluate(["LA", 60, 1000, "", "America/Los_Angeles", "Onshore", "Low", "", ""], LONDON);
    expect(e.row.locationModel).toBe("Onshore");
    expect(e.fit.locationConflict).toBe(true);
    expect(e.fit.locationCheck).toMatch(/Check the Location model.*Onshore.*8 h.*Offshore.*costed as Onshore/);
    // Costed as labelled: the Onshore travel and productivity lines, not the Offshore ones.
    const travel = e.cost.lines.find((l) => l.key === "travel")!;
    expect(travel.amount).toBeCloseTo(60 * 1000 * (WINTER.travelPctOnshore as number), 6);
    const check = buildChecklist(e).checks.find((c) => c.key === "locationFit")!;
    expect(check.status).not.toBe("Ready");
    expect(check.reason).toContain("Check the Location model");
  });
  test("Nearshore with no overlap (New York buyer, Manila vendor) is flagged", () => {
    const e = evaluate(["Manila", 20, 1000, "Philippines", "", "Nearshore", "High", "", ""]);
    expect(e.fit.overlapHours).toBe(0);
    expect(e.fit.locationConflict).toBe(true);
  });
  test("a label that agrees with the zone is not flagged", () => {
    for (const [country, zone, label] of [["Mexico", "America/Mexico_City", "Nearshore"], ["India", "", "Offshore"], ["United States", "America/Chicago", "Onshore"]]) {
      const e = evaluate(["V", 30, 1000, country, zone, label, "Medium", "", ""]);
      expect(e.fit.locationConflict).toBe(false);
      expect(e.fit.locationCheck).toContain("as given, consistent");
    }
  });
});

describe("advice never recommends what the row already is", () => {
  test("London buyer, Los Angeles vendor labelled Onshore: not 'onshore delivery gives the overlap'", () => {
    const e = evaluate(["LA", 60, 1000, "", "America/Los_Angeles", "Onshore", "High", "", ""], LONDON);
    expect(e.fit.verdict).toBe("Blocker");
    expect(e.fit.recommendedLocationModel).not.toBe("Onshore");
    expect(e.fit.reason).not.toMatch(/onshore delivery/i);
  });
  test("an onshore vendor whose hours miss the buyer's gets no location advice but the hours it can change", () => {
    const e = evaluate(["Night", 60, 1000, "", "America/New_York", "Onshore", "High", "", "22:00-06:00"]);
    expect(e.fit.overlapHours).toBe(0);
    expect(e.fit.recommendedLocationModel).toBe("");
    expect(e.fit.reason).toContain("Vendor hours");
  });
  test("property: any label, zone and need with a shortfall recommends something other than the label", () => {
    const zones = ["America/New_York", "America/Los_Angeles", "America/Mexico_City", "Europe/Warsaw", "Asia/Kolkata", "Asia/Manila", "UTC+05:30", "Pacific/Auckland"];
    const buyers = ["America/New_York", "Europe/London", "Asia/Kolkata", "UTC-03:00"].map((z) => assumptionsWith({ "Reference date": "2026-03-20", "Buyer time zone": z }));
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.constantFrom(...LOCATION_MODELS, ""), fc.constantFrom("Medium", "High"), fc.constantFrom(...buyers), fc.constantFrom("", "22:00-06:00", "6-14"), (zone, label, collab, a, hours) => {
        const e = evaluate(["V", 40, 1000, "", zone, label, collab, "", hours], a);
        if (e.fit.overlapHours >= e.fit.requiredOverlapHours) return;
        expect(e.fit.recommendedLocationModel).not.toBe(e.row.locationModel);
        expect(e.fit.reason.toLowerCase()).not.toContain(`${e.row.locationModel.toLowerCase()} delivery (`);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the onshore reference rate depends on the work type", () => {
  test("each work type has its own median wage, read from the BLS wage series or labelled an assumption, times a loaded-cost multiplier", () => {
    for (const w of WORK_TYPES) {
      const spec = Object.values(DOCUMENTED_BY_KEY).find((s) => s.name === `Onshore median hourly wage (${w})`);
      expect(spec).toBeDefined();
      expect(spec!.source).toMatch(/Occupational Employment and Wage Statistics/);
      expect(spec!.source).toMatch(/^Assumption/);
    }
    expect(DOCUMENTED_BY_KEY.onshoreLoadedCostMultiplier.source).toMatch(/Employer Costs for Employee Compensation/);
    expect(DOCUMENTED_BY_KEY.onshoreLoadedCostMultiplier.source).toMatch(/Assumption/);
  });
  test("data entry at 20 an hour is compared with a data-processing wage, not the software developer's", () => {
    const row = vendorRow({ hourlyRate: 20, collaborationIntensity: "High", timeZone: "Europe/Warsaw" });
    const dev = locationFit(row, WINTER);
    const entry = locationFit({ ...row, workType: "Data entry" }, WINTER);
    expect(entry.workType).toBe("Data processing and BPO");
    expect(dev.workType).toBe("Software development");
    expect(entry.onshoreReferenceRate).toBeLessThan(dev.onshoreReferenceRate);
    expect(dev.verdict).toBe("Trade-off");
    expect(entry.verdict).toBe("Blocker");
    expect(entry.reason).toContain("data processing and bpo");
  });
  test("work types are read by keyword and default to software development", () => {
    const kind = (t: string) => locationFit(vendorRow({ workType: t }), WINTER).workType;
    expect(kind("")).toBe("Software development");
    expect(kind("Mobile app")).toBe("Software development");
    expect(kind("Security testing")).toBe("Security");
    expect(kind("QA and testing")).toBe("QA and testing");
    expect(kind("Cloud operations")).toBe("Infrastructure");
    expect(kind("Finance operations")).toBe("Finance operations");
    expect(kind("Customer support")).toBe("Data processing and BPO");
    expect(kind("Service desk")).toBe("IT support");
    expect(kind("Analytics")).toBe("Data and analytics");
  });
});

describe("Vendor hours override the workday for the row, daylight saving included", () => {
  test("a Manila night shift 22:00-06:00 covers the New York day: 8 h in January, 7 h when New York is on summer time", () => {
    const cells = ["Manila", 12, 1000, "Philippines", "", "Offshore", "High", "Customer support", "22:00-06:00"];
    expect(evaluate(cells).fit.overlapHours).toBe(8);
    expect(evaluate(cells, SUMMER).fit.overlapHours).toBe(7);
    expect(evaluate([...cells.slice(0, 8), ""]).fit.overlapHours).toBe(0);
  });
  test("spellings buyers type are read; anything else is an error naming the column", () => {
    const read = (text: string) => readRow(["V", 10, 100, "", "", "", "", "", text], map, WINTER);
    for (const text of ["22:00-06:00", "22-6", "10pm - 6am", "22:00 to 06:00", "22.00\u201306.00"]) {
      const r = read(text);
      expect(r?.ok && r.value.vendorHours).toEqual([22, 6]);
    }
    const r = read("9:00-17:30");
    expect(r?.ok && r.value.vendorHours).toEqual([9, 17.5]);
    for (const bad of ["nights", "25:00-06:00", "9-9", "13pm-5pm"]) {
      const e = read(bad);
      expect(e?.ok).toBe(false);
      if (e && !e.ok) expect(e.error.field).toBe("Vendor hours");
    }
  });
  test("the same row with and without hours evaluates once per zone and window", () => {
    const plain = evaluateRow(vendorRow({ timeZone: "Asia/Manila", country: "PH" }), WINTER).fit.overlapHours;
    const shifted = evaluateRow(vendorRow({ timeZone: "Asia/Manila", country: "PH", vendorHours: [22, 6] }), WINTER).fit.overlapHours;
    expect(plain).toBe(0);
    expect(shifted).toBe(8);
  });
});
