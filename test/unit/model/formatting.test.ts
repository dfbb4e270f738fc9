// The amount formatters keep one Intl.NumberFormat each: what they write must be what a
// formatter built for the call writes, for every number (the finance summary's sensitivity
// sentences and the checklists carry these texts).
import fc from "fast-check";
import { formatMoney, formatRate } from "../../../src/model/checklist";

const freshWhole = (value: number) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }).format(value);
const freshRate = (value: number) => new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

const amounts = fc.oneof(
  fc.double(),
  fc.double({ min: -1e7, max: 1e7 }),
  fc.integer({ min: -1e9, max: 1e9 }).map((n) => n + 0.5),
  fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 100),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 1e21, 999.5, 1000.4999999),
);

describe("amount formatting", () => {
  it("formatMoney writes what a fresh whole-number formatter writes", () => {
    fc.assert(fc.property(amounts, (value) => expect(formatMoney(value)).toBe(freshWhole(value))), { numRuns: 5000 });
  });

  it("formatRate writes what a fresh two-decimal formatter writes", () => {
    fc.assert(fc.property(amounts, (value) => expect(formatRate(value)).toBe(freshRate(value))), { numRuns: 5000 });
  });

  it("formats amounts with grouping and no decimals", () => {
    // Reference texts from the en-US rules (CLDR): a comma every three digits, halves away from zero.
    expect([formatMoney(1234567.5), formatMoney(-0.4), formatMoney(999.5)]).toEqual(["1,234,568", "-0", "1,000"]);
  });
});
