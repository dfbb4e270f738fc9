import fc from "fast-check";
import {
  ASSUMPTIONS,
  SENSITIVITIES,
  evaluateCells,
  evaluateRow,
  mapHeaders,
  overlap,
  overlapHours,
  parseAssumptions,
  readRow,
  resolveZone,
  riskScore,
  totalCost,
  windowLength,
  type CellValue,
  type Level,
  type VendorRow,
} from "../../../src/model";
import { CATEGORY_ARBITRARIES, WINTER, vendorRow } from "./helpers";

const ZONES = ["America/New_York", "America/Los_Angeles", "America/Mexico_City", "America/Sao_Paulo", "Europe/London", "Europe/Warsaw",
  "Europe/Bucharest", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Manila", "Asia/Tokyo", "Australia/Adelaide", "Pacific/Auckland", "Pacific/Chatham", "UTC", ""];

const rowArb: fc.Arbitrary<VendorRow> = fc.record({
  hourlyRate: fc.double({ min: 0, max: 1000, noNaN: true }),
  hours: fc.double({ min: 0, max: 100_000, noNaN: true }),
  durationMonths: fc.double({ min: 0.1, max: 120, noNaN: true }),
  timeZone: fc.constantFrom(...ZONES),
  ...CATEGORY_ARBITRARIES,
  attrition: fc.double({ min: 0, max: 1, noNaN: true }),
  certifications: fc.subarray(["ISO 27001", "SOC 2", "CMMI 5"]),
}).map((r) => vendorRow(r));

const LOWER: Record<Level, Level | undefined> = { High: "Medium", Medium: "Low", Low: undefined };
const HIGHER: Record<Level, Level | undefined> = { Low: "Medium", Medium: "High", High: undefined };

describe("cost properties over random rows", () => {
  test("total cost is never below labour", () => {
    fc.assert(fc.property(rowArb, (row) => {
      const c = totalCost(row, WINTER);
      expect(c.total).toBeGreaterThanOrEqual(c.labour);
    }));
  });
  test("total cost never falls when hours or rate rise", () => {
    fc.assert(fc.property(rowArb, fc.double({ min: 0, max: 10_000, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (row, moreHours, moreRate) => {
      const base = totalCost(row, WINTER).total;
      expect(totalCost({ ...row, hours: row.hours + moreHours }, WINTER).total).toBeGreaterThanOrEqual(base);
      expect(totalCost({ ...row, hourlyRate: row.hourlyRate + moreRate }, WINTER).total).toBeGreaterThanOrEqual(base);
    }));
  });
  test("total cost never falls when collaboration intensity rises", () => {
    fc.assert(fc.property(rowArb, (row) => {
      const up = HIGHER[row.collaborationIntensity];
      fc.pre(up !== undefined);
      expect(totalCost({ ...row, collaborationIntensity: up! }, WINTER).total).toBeGreaterThanOrEqual(totalCost(row, WINTER).total);
    }));
  });
  test("total cost never falls when requirements clarity falls", () => {
    fc.assert(fc.property(rowArb, (row) => {
      const down = LOWER[row.requirementsClarity];
      fc.pre(down !== undefined);
      expect(totalCost({ ...row, requirementsClarity: down! }, WINTER).total).toBeGreaterThanOrEqual(totalCost(row, WINTER).total);
    }));
  });
});

describe("risk properties over random rows", () => {
  test("risk score stays within 0-100 and so does every driver", () => {
    fc.assert(fc.property(rowArb, (row) => {
      const r = riskScore(row, WINTER);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      for (const d of r.drivers) {
        expect(d.score).toBeGreaterThanOrEqual(0);
        expect(d.score).toBeLessThanOrEqual(100);
      }
    }));
  });
  test("risk score is never lower when data sensitivity rises", () => {
    fc.assert(fc.property(rowArb, (row) => {
      const i = SENSITIVITIES.indexOf(row.dataSensitivity);
      fc.pre(i < SENSITIVITIES.length - 1);
      expect(riskScore({ ...row, dataSensitivity: SENSITIVITIES[i + 1] }, WINTER).score).toBeGreaterThanOrEqual(riskScore(row, WINTER).score);
    }));
  });
  test("risk score is never lower when requirements clarity falls", () => {
    fc.assert(fc.property(rowArb, (row) => {
      const down = LOWER[row.requirementsClarity];
      fc.pre(down !== undefined);
      expect(riskScore({ ...row, requirementsClarity: down! }, WINTER).score).toBeGreaterThanOrEqual(riskScore(row, WINTER).score);
    }));
  });
  test("location fit score stays within 0-100", () => {
    fc.assert(fc.property(rowArb, (row) => {
      const e = evaluateRow(row, WINTER);
      expect(e.fit.score).toBeGreaterThanOrEqual(0);
      expect(e.fit.score).toBeLessThanOrEqual(100);
    }));
  });
});

const dateArb = fc.record({ year: fc.integer({ min: 2000, max: 2040 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });
const hourArb = fc.integer({ min: 0, max: 96 }).map((q) => q / 4);
const windowArb = fc.tuple(hourArb, hourArb);
const zoneArb = fc.constantFrom(...ZONES.filter((z) => z !== ""));

/** Whether the zone keeps one UTC offset from four days before the date to four days after. */
function steady(zone: string, date: { year: number; month: number; day: number }): boolean {
  const f = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
  const offset = (days: number) => f.format(Date.UTC(date.year, date.month - 1, date.day + days));
  return offset(-4) === offset(4);
}

describe("overlap properties", () => {
  // On the days a clock changes, each side's own day differs in length, so the order of the
  // sides matters there (the first side's date is the one counted).
  test("overlap is within zero and the shorter window, and symmetric away from clock changes", () => {
    fc.assert(fc.property(zoneArb, zoneArb, dateArb, windowArb, windowArb, (a, b, date, wa, wb) => {
      const ab = overlapHours(a, b, date, wa, wb);
      const ba = overlapHours(b, a, date, wb, wa);
      if (steady(a, date) && steady(b, date)) expect(ab).toBe(ba);
      expect(ab).toBeGreaterThanOrEqual(0);
      expect(ab).toBeLessThanOrEqual(Math.min(windowLength(wa), windowLength(wb)));
    }), { numRuns: 300 });
  });
});

const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string(),
  fc.constantFrom("", " ", "TBD", "1,200", "$45", "45/h", "18%", "-3", "Offshore", "T&M", "Regulated", "India", "Mexico", "Asia/Kolkata", "yes", "maybe"),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(null, undefined, NaN, Infinity, -Infinity),
);

describe("every input yields a result or a typed error, never an exception", () => {
  const map = mapHeaders(["Vendor", "Hourly rate", "Hours", "Duration (months)", "Country", "Time zone", "Location model", "Engagement model", "Pricing model",
    "Requirements clarity", "Collaboration intensity", "Data sensitivity", "Urgency", "Attrition", "Replaces in-house staff", "Certifications", "Work type", "Scope"]);
  test("random cells", () => {
    fc.assert(fc.property(fc.array(cellArb, { maxLength: 20 }), (cells) => {
      const r = evaluateCells(cells, map, WINTER);
      if (r !== null) {
        expect(typeof r.ok).toBe("boolean");
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
        else expect(Number.isFinite(r.value.cost.total)).toBe(true);
      }
    }), { numRuns: 500 });
  });
  test("random header rows and rows", () => {
    fc.assert(fc.property(fc.array(cellArb, { maxLength: 10 }), fc.array(cellArb, { maxLength: 10 }), (headers, cells) => {
      const r = readRow(cells, mapHeaders(headers));
      expect(r === null || typeof r.ok === "boolean").toBe(true);
    }));
  });
  test("random assumption tables", () => {
    fc.assert(fc.property(fc.array(fc.array(cellArb, { maxLength: 3 }), { maxLength: 6 }), (table) => {
      expect(typeof parseAssumptions(table).ok).toBe("boolean");
    }));
  });
  test("random zone texts, dates and windows", () => {
    fc.assert(fc.property(fc.string(), fc.string(), fc.record({ year: fc.integer(), month: fc.integer(), day: fc.integer() }), fc.tuple(fc.double(), fc.double()), (a, b, date, w) => {
      expect(typeof resolveZone(a).ok).toBe("boolean");
      expect(typeof overlap(a, b, date, w).ok).toBe("boolean");
      expect(typeof overlapHours(a, b, date, w)).toBe("number");
    }));
  });
});

describe("any assumptions within their ranges give finite results", () => {
  const numeric = ASSUMPTIONS.filter((s) => typeof s.defaultValue === "number" && s.key !== "referenceDate" && s.min !== undefined && s.max !== undefined);
  const overridesArb = fc.subarray(numeric, { maxLength: 12 }).chain((specs) =>
    fc.tuple(...specs.map((s) => fc.double({ min: s.min!, max: s.max!, noNaN: true }).map((v) => [s.name, v] as [string, number]))),
  );
  test("cost, risk and fit stay finite and risk within 0-100", () => {
    fc.assert(fc.property(overridesArb, rowArb, (overrides, row) => {
      const parsed = parseAssumptions([["Reference date", "2026-01-15"], ...overrides]);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const e = evaluateRow(row, parsed.value);
      expect(Number.isFinite(e.cost.total)).toBe(true);
      expect(e.cost.total).toBeGreaterThanOrEqual(e.cost.labour);
      expect(e.risk.score).toBeGreaterThanOrEqual(0);
      expect(e.risk.score).toBeLessThanOrEqual(100);
      expect(Number.isFinite(e.fit.score)).toBe(true);
    }), { numRuns: 300 });
  });
});
