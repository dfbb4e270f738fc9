// The model keeps explanations, location checks and advice per assumptions object, keyed by
// the values they depend on. A key missing one of those values would hand one row the text or
// verdict of an earlier row; these tests evaluate rows after many others and compare with the
// same row on cold caches.
import fc from "fast-check";
import { evaluateRow, parseAssumptions, type Assumptions, type Evaluation, type VendorRow } from "../../../src/model";
import { CATEGORY_ARBITRARIES, vendorRow } from "./helpers";

const SETTINGS: readonly (readonly [string, string | number][])[] = [
  [["Reference date", "2026-01-15"]],
  [["Reference date", "2026-03-08"], ["Buyer time zone", "America/Vancouver"]],
  [["Reference date", "2026-07-15"], ["Buyer time zone", "Europe/London"], ["High risk from score", 45]],
  [["Reference date", "2026-01-15"], ["Nearshore clock difference, maximum (hours)", 6], ["Minimum cost leverage for a trade-off", 0.6]],
];

/** A new assumptions object each call, so nothing is cached for it yet (parsing returns one object per content). */
function fresh(settings: readonly (readonly [string, string | number])[]): Assumptions {
  const parsed = parseAssumptions(settings.map(([k, v]) => [k, v]));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return Object.freeze({ ...parsed.value });
}

const rowArb: fc.Arbitrary<VendorRow> = fc
  .record({
    // Rates either side of the onshore reference less the trade-off leverage, and zones whose
    // overlap with New York or London falls short by less than a shifted day closes, so
    // neighbouring rows often differ only in the trade-off verdict.
    hourlyRate: fc.constantFrom(20, 40, 60, 80, 120),
    hours: fc.integer({ min: 0, max: 5000 }),
    durationMonths: fc.integer({ min: 1, max: 48 }),
    timeZone: fc.constantFrom("Asia/Kolkata", "Europe/Warsaw", "Europe/Bucharest", "America/Bogota", "America/Los_Angeles", "Pacific/Port_Moresby", "UTC+05:30", ""),
    country: fc.constantFrom("", "IN", "PL", "US", "CA", "GB"),
    ...CATEGORY_ARBITRARIES,
    locationModelBasis: fc.constantFrom("given" as const, "derived" as const, "default" as const),
    attrition: fc.integer({ min: 0, max: 40 }).map((p) => p / 100),
    certifications: fc.subarray(["ISO 27001", "SOC 2 planned 2027", "No PCI DSS", "CMMI 5"]),
    workType: fc.constantFrom("", "QA", "Data entry", "Cloud operations", "Payroll"),
    vendorHours: fc.option(fc.constantFrom([22, 6] as const, [7, 15] as const), { nil: undefined }),
  })
  .map(({ vendorHours, ...r }) => (vendorHours === undefined ? vendorRow(r) : vendorRow({ ...r, vendorHours })));

describe("cached parts of an evaluation", () => {
  test("assumptions objects, which the caches are kept for, cannot change after parsing", () => {
    const a = fresh(SETTINGS[0]);
    expect(Object.isFrozen(a)).toBe(true);
  });

  test("a row that differs from the one before in a single column gets its own result, not the one cached for the other", () => {
    fc.assert(
      fc.property(rowArb, rowArb, fc.nat({ max: SETTINGS.length - 1 }), (first, other, i) => {
        const warm = fresh(SETTINGS[i]);
        for (const key of Object.keys(other) as (keyof VendorRow)[]) {
          const variant = { ...first, [key]: other[key] } as VendorRow;
          evaluateRow(first, warm);
          expect(evaluateRow(variant, warm)).toEqual(evaluateRow(variant, fresh(SETTINGS[i])));
        }
      }),
      { numRuns: 200 },
    );
  });

  test("a row evaluated after many others, under several assumptions in turn, equals the same row on cold caches", () => {
    const warm = SETTINGS.map(fresh);
    fc.assert(
      fc.property(fc.array(fc.tuple(rowArb, fc.nat({ max: SETTINGS.length - 1 })), { minLength: 20, maxLength: 60 }), (batch) => {
        const seen: Evaluation[] = batch.map(([row, i]) => evaluateRow(row, warm[i]));
        batch.forEach(([row, i], k) => {
          // A copy of the row and a new assumptions object: no cache entry made above can answer.
          expect(seen[k]).toEqual({ ...evaluateRow(structuredClone(row), fresh(SETTINGS[i])), row });
        });
      }),
      { numRuns: 30 },
    );
  });

  test("two certification entries and one entry holding both texts are told apart, whichever comes first", () => {
    const a = fresh(SETTINGS[0]);
    const two = vendorRow({ dataSensitivity: "Regulated", certifications: ["ISO 27001", "SOC 2 expired 2019"] });
    const one = vendorRow({ dataSensitivity: "Regulated", certifications: [two.certifications.join("\u0001")] });
    for (const [first, second] of [[two, one], [one, two]]) {
      evaluateRow(first, a);
      expect(evaluateRow(second, a)).toEqual(evaluateRow(second, fresh(SETTINGS[0])));
    }
  });
});
