import fc from "fast-check";
import {
  ASSUMPTIONS,
  costAt,
  costRange,
  parseAssumptions,
  type Assumptions,
  overlappingRanges,
  portfolioSensitivity,
  RANGED_ASSUMPTIONS,
  rangeEnd,
  rowOverlapHours,
  sensitivities,
  sensitivity,
  sensitivitySentence,
  totalCost,
  type VendorRow,
} from "../../../src/model";
import { DOCUMENTED_ASSUMPTIONS, type DocumentedAssumption } from "../../../src/model/assumptionTexts";
import { costFrom, costTotal } from "../../../src/model/cost";
import { assumptionsAt } from "../../../src/model/range";
import { tablesFor } from "../../../src/model/tables";
import { assumptionsWith, CATEGORY_ARBITRARIES, vendorRow, WINTER } from "./helpers";

const rowArb = fc.record({
  ...CATEGORY_ARBITRARIES,
  hourlyRate: fc.double({ min: 0, max: 500, noNaN: true }),
  hours: fc.double({ min: 0, max: 100_000, noNaN: true }),
  durationMonths: fc.double({ min: 0.1, max: 120, noNaN: true }),
  attrition: fc.double({ min: 0, max: 1, noNaN: true }),
  timeZone: fc.constantFrom("Asia/Kolkata", "Europe/Warsaw", "America/Mexico_City", "America/New_York"),
});

/** A value the buyer may type for a ranged assumption: anywhere in its allowed span, inside or outside the range. */
const overrideArb = fc.dictionary(
  fc.constantFrom(...RANGED_ASSUMPTIONS.map((s) => s.name)),
  fc.double({ min: 0, max: 1, noNaN: true }),
  { maxKeys: 6 },
);

function withOverrides(overrides: Record<string, number>) {
  const values: Record<string, string | number> = { "Reference date": "2026-01-15" };
  for (const [name, v] of Object.entries(overrides)) {
    const spec = RANGED_ASSUMPTIONS.find((s) => s.name === name)!;
    // Percent assumptions take a fraction within their maximum; the others (months) their own span.
    values[name] = spec.kind === "percent" ? Math.min(v, spec.max ?? 1) : (spec.min ?? 0) + v * Math.min(24, (spec.max ?? 24) - (spec.min ?? 0));
  }
  return assumptionsWith(values);
}

const percent = (x: number) => Number((x * 100).toFixed(4));

describe("cost ranges", () => {
  it("low <= expected <= high for every row, whatever value the buyer gives a ranged assumption; expected is the total cost", () => {
    fc.assert(
      fc.property(rowArb, overrideArb, (fields, overrides) => {
        const a = withOverrides(overrides);
        const row = vendorRow(fields);
        const range = costRange(row, a);
        expect(range.expected).toBe(totalCost(row, a).total);
        expect(range.low).toBeLessThanOrEqual(range.expected * (1 + 1e-12));
        expect(range.expected).toBeLessThanOrEqual(range.high * (1 + 1e-12));
      }),
      { numRuns: 300 },
    );
  });

  it("the total alone that ranges and bars use is costFrom's total bit for bit, at the values in use and at every end of every range", () => {
    const exact = (x: number) => (Object.is(x, -0) ? "-0" : String(x));
    fc.assert(
      fc.property(
        rowArb,
        overrideArb,
        fc.double({ min: 0, max: 24, noNaN: true }),
        fc.option(fc.double({ min: 1e-4, max: 1e4, noNaN: true }), { nil: undefined }),
        (fields, overrides, overlap, rate) => {
          const a = withOverrides(overrides);
          const row = vendorRow({ ...fields, ...(rate === undefined ? {} : { exchange: { currency: "INR", rate } }) });
          const sets = [a, ...(["low", "high"] as const).flatMap((end) => [assumptionsAt(a, end), ...RANGED_ASSUMPTIONS.map((s) => assumptionsAt(a, end, s.key))])];
          for (const b of sets) {
            const t = tablesFor(b);
            // Compared as text so that -0 and +0, or two NaNs, are told apart as the outputs would be.
            expect(exact(costTotal(row, t, overlap))).toBe(exact(costFrom(row, t, overlap).total));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the low total is the total with every ranged assumption typed at its low end (and the row's attrition at 15% when above it); the high likewise", () => {
    const row = vendorRow({ attrition: 0.4, replacesInHouseStaff: true, requirementsClarity: "Low", pricingModel: "Fixed price" });
    const at = (end: "low" | "high") => assumptionsWith({ "Reference date": "2026-01-15", ...Object.fromEntries(RANGED_ASSUMPTIONS.filter((s) => s.key !== "defaultAttrition").map((s) => [s.name, s.range[end]])) });
    const range = costRange(row, WINTER);
    // Attrition 40% is above the 15-25% range: the high end keeps the vendor's 40%.
    expect(range.low).toBeCloseTo(totalCost({ ...row, attrition: 0.15 }, at("low")).total, 6);
    expect(range.high).toBeCloseTo(totalCost(row, at("high")).total, 6);
    expect(range.low).toBeLessThan(range.expected);
    expect(range.high).toBeGreaterThan(range.expected);
  });

  it("a buyer's value above the range widens the high end to it instead of lowering the cost", () => {
    const a = assumptionsWith({ "Reference date": "2026-01-15", "Transition %": 0.1 });
    const row = vendorRow();
    const withOnlyTransitionAbove = costRange(row, a);
    expect(withOnlyTransitionAbove.high).toBeGreaterThanOrEqual(withOnlyTransitionAbove.expected);
    expect(sensitivity(row, a).find((s) => s.name === "Transition %")!.totalAtHigh).toBeCloseTo(totalCost(row, a).total, 9);
  });
});

describe("the ranges and their sources", () => {
  const ranged = DOCUMENTED_ASSUMPTIONS.filter((s): s is DocumentedAssumption & { range: NonNullable<DocumentedAssumption["range"]> } => s.range !== undefined);

  it("every range holds its default and stays within what the assumption allows", () => {
    for (const s of ranged) {
      expect({ name: s.name, inside: s.range.low <= Number(s.defaultValue) && Number(s.defaultValue) <= s.range.high }).toEqual({ name: s.name, inside: true });
      expect(s.range.low).toBeGreaterThanOrEqual(s.min ?? 0);
      expect(s.range.high).toBeLessThanOrEqual(s.max ?? Infinity);
    }
  });

  it("each range's text opens with its own figures", () => {
    for (const s of ranged) {
      const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)( ?%| )/.exec(s.range.source);
      expect({ name: s.name, opens: m !== null }).toEqual({ name: s.name, opens: true });
      const scale = s.kind === "percent" ? percent : (x: number) => x;
      expect([Number(m![1]), Number(m![2])]).toEqual([scale(s.range.low), scale(s.range.high)]);
    }
  });

  it("a range that cites a source (not an assumption) takes both ends from the figures of that source as the assumption cites it", () => {
    const sourced = ranged.filter((s) => !/: Assumption\b/.test(s.range.source));
    expect(sourced.map((s) => s.key)).toEqual(expect.arrayContaining(["defaultAttrition", "vendorSelectionPct", "transitionPct", "severancePct", "productivityBasePctOffshore", "governancePctProject"]));
    for (const s of sourced) {
      // The figures the assumption's own source quotes: "0.2-2%", "3-27% range", "4-7%", "TPI: 3-5%".
      const quoted = [...s.source.matchAll(/(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?%/g)].flatMap((m) => [Number(m[1]), ...(m[2] ? [Number(m[2])] : [])]);
      expect({ name: s.name, low: quoted.includes(percent(s.range.low)), high: quoted.includes(percent(s.range.high)) }).toEqual({ name: s.name, low: true, high: true });
    }
  });

  it("every cost assumption a buyer would argue about has a range; those without one are named here with the reason", () => {
    const costKeys = ASSUMPTIONS.filter((s) => /Pct|knowledgeLossMonths|defaultAttrition/.test(s.key) && Number(s.defaultValue) !== 0).map((s) => s.key);
    // Who pays rework is the contract's allocation, not an estimate; the maximum is a cap.
    const without = costKeys.filter((k) => !ranged.some((s) => s.key === k));
    expect(without.every((k) => k.startsWith("reworkBuyerShare") || k === "productivityMaxPct")).toBe(true);
  });
});

describe("sensitivity", () => {
  const row = vendorRow({ engagementModel: "Staff augmentation", locationModel: "Offshore" });

  it("a row's bars are its own after a table longer than the bars kept for reuse has been ranked, and the same as on a first reading", () => {
    const fresh = () => assumptionsWith({ "Reference date": "2026-01-15" });
    // Rows that all differ, so none shares another's bars: 20,000 is more than are kept.
    const rows = Array.from({ length: 20_000 }, (_x, i) =>
      vendorRow({ durationMonths: 1 + (i % 60), attrition: Math.floor(i / 60) / 400, replacesInHouseStaff: i % 7 === 0, hourlyRate: 10 + (i % 13) }),
    );
    const probes = [0, 1, 16_383, 16_384, 19_999].map((i) => rows[i]);
    const cold = probes.map((r) => sensitivity(r, fresh()));
    const a = fresh();
    const before = probes.map((r) => sensitivity(r, a));
    const whole = portfolioSensitivity(rows, a);
    const after = probes.map((r) => sensitivity(r, a));
    expect(before).toEqual(cold);
    expect(after).toEqual(cold);
    // And the portfolio is the sum of the rows' bars, each read where its own bars are kept.
    const sum = (key: string) => rows.reduce((s, r) => s + sensitivity(r, a).find((b) => b.key === key)!.totalAtHigh, 0);
    expect(whole.find((b) => b.key === "transitionPct")!.totalAtHigh).toBeCloseTo(sum("transitionPct"), 0);
  });

  it("each bar is the total with that one assumption typed at its low and at its high end, all others at their values", () => {
    const bars = sensitivity(row, WINTER);
    expect(bars.length).toBeGreaterThan(5);
    for (const bar of bars.slice(0, 6)) {
      const spec = RANGED_ASSUMPTIONS.find((s) => s.key === bar.key)!;
      if (spec.key === "defaultAttrition") continue;
      const typed = (v: number) => totalCost(row, assumptionsWith({ "Reference date": "2026-01-15", [spec.name]: v })).total;
      expect(bar.totalAtLow).toBeCloseTo(typed(spec.range.low), 6);
      expect(bar.totalAtHigh).toBeCloseTo(typed(spec.range.high), 6);
      expect(bar.swing).toBeCloseTo(bar.totalAtHigh - bar.totalAtLow, 9);
    }
  });

  it("bars are ranked by swing, largest first, and an assumption of another category (another engagement model's governance) is not among them", () => {
    const bars = sensitivity(row, WINTER);
    for (let i = 1; i < bars.length; i++) expect(bars[i - 1].swing).toBeGreaterThanOrEqual(bars[i].swing);
    const names = bars.map((b) => b.name);
    expect(names).toContain("Governance % (Staff augmentation)");
    expect(names).not.toContain("Governance % (Project)");
    expect(names).not.toContain("Severance and retention %");
  });

  it("the portfolio's bar for an assumption is the sum of the vendors' bars", () => {
    const rows = [row, vendorRow({ engagementModel: "Project", locationModel: "Nearshore", timeZone: "Europe/Warsaw", hourlyRate: 55 })];
    const portfolio = portfolioSensitivity(rows, WINTER);
    const each = rows.map((r) => sensitivity(r, WINTER));
    for (const bar of portfolio) {
      const sum = each.reduce((s, bars) => s + (bars.find((b) => b.key === bar.key)?.swing ?? 0), 0);
      expect(bar.swing).toBeCloseTo(sum, 6);
    }
  });

  it("the buyer's sentence names the assumption with the largest swing and the total at its high end", () => {
    const bars = sensitivity(row, WINTER);
    const sentence = sensitivitySentence(bars, (x) => x.toFixed(0));
    expect(sentence).toBe(`The total is most sensitive to ${bars[0].name}; if it is at its high end, the total is ${bars[0].totalAtHigh.toFixed(0)}.`);
    expect(sensitivitySentence(sensitivity(vendorRow({ hours: 0 }), WINTER), String)).toMatch(/^No ranged assumption moves the total/);
  });

  it("an assumption already at its high end is told from its low end, since its high end is the total itself", () => {
    const bars = [{ key: "governancePctStaffAugmentation", name: "Governance % (Staff augmentation)", totalAtLow: 442_800, totalAtHigh: 486_000, swing: 43_200 }] as const;
    expect(sensitivitySentence(bars, String, 486_000)).toBe(
      "The total is most sensitive to Governance % (Staff augmentation), which is already at the high end of its range; at its low end, the total is 442800.",
    );
    expect(sensitivitySentence(bars, String, 470_000)).toBe("The total is most sensitive to Governance % (Staff augmentation); if it is at its high end, the total is 486000.");
    // The model's own: staff augmentation's governance default is the top of its 3-7% range.
    const staffAugmentation = vendorRow({ engagementModel: "Staff augmentation", locationModel: "Offshore" });
    const governance = sensitivity(staffAugmentation, WINTER).find((b) => b.key === "governancePctStaffAugmentation")!;
    expect(governance.totalAtHigh).toBeCloseTo(totalCost(staffAugmentation, WINTER).total, 6);
  });

  it("every bar is, bit for bit, the model run with that one assumption at each end, whatever the rows, their categories and the assumptions' values and ranges", () => {
    // The straightforward computation: every bar of every row by running the whole model.
    const straightforward = (rows: readonly VendorRow[], a: Assumptions) => {
      const atLow = RANGED_ASSUMPTIONS.map(() => 0);
      const atHigh = RANGED_ASSUMPTIONS.map(() => 0);
      for (const row of rows) {
        const unit = { ...row, hourlyRate: 1, hours: 1, exchange: undefined };
        const overlap = rowOverlapHours(row, a);
        const labour = row.hourlyRate * row.hours * (row.exchange?.rate ?? 1);
        RANGED_ASSUMPTIONS.forEach((spec, k) => {
          const total = (end: "low" | "high") =>
            spec.key === "defaultAttrition"
              ? costTotal({ ...unit, attrition: rangeEnd(spec, row.attrition, end, a.ranges) }, tablesFor(a), overlap)
              : costTotal(unit, tablesFor(assumptionsAt(a, end, spec.key)), overlap);
          atLow[k] += labour * total("low");
          atHigh[k] += labour * total("high");
        });
      }
      return RANGED_ASSUMPTIONS.map((spec, k) => ({ key: spec.key, name: spec.key === "defaultAttrition" ? "Attrition" : spec.name, totalAtLow: atLow[k], totalAtHigh: atHigh[k], swing: atHigh[k] - atLow[k] }))
        .filter((b) => b.swing > 1e-9 * Math.max(1, Math.abs(b.totalAtHigh)))
        .sort((x, y) => y.swing - x.swing);
    };
    // Few durations, attritions and zones, so that rows share bars as well as differ.
    const fewRowArb = fc.record({
      ...CATEGORY_ARBITRARIES,
      hourlyRate: fc.constantFrom(0, 12.5, 40, 333.33),
      hours: fc.constantFrom(0, 160, 1000, 7777.7),
      durationMonths: fc.constantFrom(0.5, 1, 3, 6, 12, 13, 24, 60),
      attrition: fc.constantFrom(0, 0.1, 0.15, 0.2, 0.25, 0.5),
      timeZone: fc.constantFrom("Asia/Kolkata", "Europe/Warsaw", "America/New_York"),
      exchange: fc.option(fc.record({ currency: fc.constant("INR"), rate: fc.constantFrom(0.012, 1.1) }), { nil: undefined }),
    });
    // A value typed for an assumption: anywhere, or exactly at an end of its range (the bar then does not move).
    const typedArb = fc.dictionary(
      fc.constantFrom(...RANGED_ASSUMPTIONS.map((s) => s.name)),
      fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom("low", "high")),
      { maxKeys: 8 },
    );
    // Ranges given in the Low and High columns: a span within the assumption's own.
    const givenArb = fc.dictionary(fc.constantFrom(...RANGED_ASSUMPTIONS.map((s) => s.name)), fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxKeys: 5 });
    const scaled = (spec: (typeof RANGED_ASSUMPTIONS)[number], v: number) => (spec.kind === "percent" ? v * Math.min(1, spec.max ?? 1) : (spec.min ?? 0) + v * Math.min(24, (spec.max ?? 24) - (spec.min ?? 0)));
    const assumptionsOf = (typed: Record<string, number | "low" | "high">, given: Record<string, [number, number]>) => {
      const rows: unknown[][] = [["Assumption", "Value", "Unit", "Low", "High"], ["Reference date", "2026-01-15", "", null, null]];
      for (const spec of RANGED_ASSUMPTIONS) {
        const v = typed[spec.name];
        const g = given[spec.name];
        if (v === undefined && g === undefined) continue;
        const value = v === undefined ? null : v === "low" || v === "high" ? spec.range[v] : scaled(spec, v);
        rows.push([spec.name, value, "", g ? scaled(spec, Math.min(...g)) : null, g ? scaled(spec, Math.max(...g)) : null]);
      }
      const parsed = parseAssumptions(rows as never);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    };
    // Rows that differ from the first in one category alone: the categories that share a row's bars plan.
    const oneCategoryArb = fc.array(fc.tuple(fc.constantFrom(...(Object.keys(CATEGORY_ARBITRARIES) as (keyof typeof CATEGORY_ARBITRARIES)[])), fc.record(CATEGORY_ARBITRARIES)), { maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fewRowArb, { minLength: 1, maxLength: 8 }), oneCategoryArb, typedArb, givenArb, (fields, changes, typed, given) => {
        const a = assumptionsOf(typed, given);
        const rows = [...fields, ...changes.map(([key, other]) => ({ ...fields[0], [key]: other[key] }))].map((f) => vendorRow(f));
        // Each row alone, then all together, then each again: a row's bars found again are its own.
        const first = rows.map((r) => sensitivity(r, a));
        expect(first).toEqual(rows.map((r) => straightforward([r], a)));
        expect(portfolioSensitivity(rows, a)).toEqual(straightforward(rows, a));
        expect(rows.map((r) => sensitivity(r, a))).toEqual(first);
        // Both in one pass, on assumptions whose bars nothing has asked for yet.
        const fresh = { ...a };
        expect(sensitivities(rows, fresh)).toEqual({ each: first, portfolio: straightforward(rows, a) });
        // Each row's first bar alone: the same bar, none where nothing moves the row.
        expect(sensitivities(rows, { ...a }, "top")).toEqual({ each: first.map((bars) => bars.slice(0, 1)), portfolio: straightforward(rows, a) });
      }),
      { numRuns: 100 },
    );
  });

  it("no swing is negative: every cost line grows with every ranged assumption", () => {
    fc.assert(
      fc.property(rowArb, (fields) => {
        for (const bar of sensitivity(vendorRow(fields), WINTER)) expect(bar.totalAtHigh).toBeGreaterThanOrEqual(bar.totalAtLow);
      }),
      { numRuns: 100 },
    );
  });
});

describe("when a ranking by expected cost is not meaningful", () => {
  it("flags two ranges that overlap by at least half of the narrower one, not less", () => {
    // [0,10] and [4,12]: overlap 6, narrower 8: flagged. [0,10] and [6,30]: overlap 4 of 10: not.
    expect(overlappingRanges([{ low: 0, high: 10 }, { low: 4, high: 12 }])).toEqual([1, 1]);
    expect(overlappingRanges([{ low: 0, high: 10 }, { low: 6, high: 30 }])).toEqual([0, 0]);
    expect(overlappingRanges([{ low: 0, high: 10 }, { low: 5, high: 5 }, { low: 20, high: 30 }])).toEqual([1, 1, 0]);
    expect(overlappingRanges([{ low: 0, high: 10 }, { low: 11, high: 12 }])).toEqual([0, 0]);
    // A range of width 0 at the other's high end is inside it.
    expect(overlappingRanges([{ low: 10, high: 10 }, { low: 0, high: 10 }, { low: 10, high: 12 }])).toEqual([2, 1, 1]);
  });

  it("counts, for each vendor, every other vendor the rule flags against it, as comparing every pair would", () => {
    const rangeArb = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 40 })).map(([low, width]) => ({ low, high: low + width }));
    fc.assert(
      fc.property(fc.array(rangeArb, { maxLength: 12 }), (ranges) => {
        // The documented rule, written plainly: integer ends keep it exact.
        const tooClose = (r: { low: number; high: number }, o: { low: number; high: number }) => {
          const overlap = Math.min(r.high, o.high) - Math.max(r.low, o.low);
          return overlap >= 0 && overlap >= Math.min(r.high - r.low, o.high - o.low) / 2;
        };
        const pairwise = ranges.map((r, i) => ranges.filter((o, j) => j !== i && tooClose(r, o)).length);
        expect(overlappingRanges(ranges)).toEqual(pairwise);
      }),
    );
  });

  it("the rule is symmetric", () => {
    const rangeArb = fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true })).map(([x, y]) => ({ low: Math.min(x, y), high: Math.max(x, y) }));
    fc.assert(fc.property(rangeArb, rangeArb, (r, o) => expect(overlappingRanges([r, o])[0]).toBe(overlappingRanges([o, r])[0])));
  });
});

describe("ranges given in the assumptions table's Low and High columns", () => {
  const header = ["Assumption", "Value", "Unit", "Low", "High"];
  const row = vendorRow({ engagementModel: "Managed service", hourlyRate: 40, hours: 10_000, durationMonths: 24, attrition: 0.2 });
  const parsed = (rows: unknown[][]) => parseAssumptions(rows as never);

  it("move the low and high totals as the model computes them with those ends, blank cells keeping the published ends", () => {
    const published = parsed([header, ["Transition %", null, "%", null, null]]);
    const edited = parsed([header, ["Transition %", null, "%", 0.01, 0.09], ["Default attrition", null, "%", "", 0.4]]);
    if (!published.ok || !edited.ok) throw new Error("parse failed");
    expect(published.value.ranges).toBeUndefined();
    expect(edited.value.ranges).toEqual({ transitionPct: { low: 0.01, high: 0.09 }, defaultAttrition: { low: 0.15, high: 0.4 } });
    const before = costRange(row, published.value);
    const after = costRange(row, edited.value);
    expect(after.expected).toBe(before.expected);
    expect(after.low).toBeLessThan(before.low);
    expect(after.high).toBeGreaterThan(before.high);
    // The transition line moves by exactly the labour times the change in its end.
    const labour = row.hourlyRate * row.hours;
    const line = (a: Assumptions, end: "low" | "high") => costAt(row, a, end).lines.find((l) => l.key === "transition")!.amount;
    expect(line(edited.value, "low")).toBeCloseTo(labour * 0.01, 6);
    expect(line(edited.value, "high")).toBeCloseTo(labour * 0.09, 6);
    // The row's attrition (20%) moves to the given high end, 40%.
    expect(sensitivity(row, edited.value).find((b) => b.key === "defaultAttrition")!.totalAtHigh).toBeGreaterThan(sensitivity(row, published.value).find((b) => b.key === "defaultAttrition")!.totalAtHigh);
  });

  it("a percentage typed as a whole number is read as the value column reads it, and a bad end is an error naming the assumption and the column", () => {
    const whole = parsed([header, ["Transition %", null, "%", 2, 9]]);
    expect(whole.ok && whole.value.ranges?.transitionPct).toEqual({ low: 0.02, high: 0.09 });
    const text = parsed([header, ["Transition %", null, "%", "lots", null]]);
    expect(text.ok).toBe(false);
    if (!text.ok) expect(text.error).toMatchObject({ field: "Transition % (Low)", value: "lots" });
    const crossed = parsed([header, ["Transition %", null, "%", 0.05, 0.02]]);
    expect(crossed.ok).toBe(false);
    if (!crossed.ok) expect(crossed.error.message).toMatch(/Transition %: its Low .* is above its High/);
    const outside = parsed([header, ["Transition %", null, "%", null, -0.5]]);
    expect(!outside.ok && outside.error.field).toBe("Transition % (High)");
  });

  it("are read only under a header naming them: a plain (name, value) table with more columns keeps the published ends", () => {
    const plain = parsed([["Transition %", 0.025, "%", 0.01, 0.09]]);
    expect(plain.ok && plain.value.ranges).toBeUndefined();
  });
});
