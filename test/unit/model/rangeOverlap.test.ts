import fc from "fast-check";
import { overlappingRanges } from "../../../src/model";

type Range = { low: number; high: number };

/**
 * overlappingRanges as it was before it counted by centre and width: sorted by low, each range
 * against every range starting before it ends, with the summary formula's element-wise MIN and
 * MAX. The new counts must be these, float for float, for every input.
 */
function bySweep(ranges: readonly Range[]): number[] {
  const counts = new Array<number>(ranges.length).fill(0);
  const order = ranges.map((_r, i) => i).sort((x, y) => ranges[x].low - ranges[y].low);
  const n = order.length;
  const lows = new Float64Array(n);
  const highs = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    lows[p] = ranges[order[p]].low;
    highs[p] = ranges[order[p]].high;
  }
  for (let p = 0; p < n; p++) {
    const low = lows[p];
    const high = highs[p];
    for (let q = p + 1; q < n && lows[q] <= high; q++) {
      if (tooClose(low, high, lows[q], highs[q])) {
        counts[order[p]]++;
        counts[order[q]]++;
      }
    }
  }
  return counts;
}

function tooClose(low1: number, high1: number, low2: number, high2: number): boolean {
  const overlap = (high1 + high2 - Math.abs(high1 - high2)) / 2 - (low1 + low2 + Math.abs(low1 - low2)) / 2;
  const w1 = high1 - low1;
  const w2 = high2 - low2;
  const narrower = (w1 + w2 - Math.abs(w1 - w2)) / 2;
  return overlap >= 0 && overlap >= narrower / 2;
}

/** x moved by `steps` representable doubles (up for positive steps). */
function nudged(x: number, steps: number): number {
  const view = new DataView(new ArrayBuffer(8));
  for (let s = 0; s < Math.abs(steps); s++) {
    if (x === 0) {
      x = steps > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
      continue;
    }
    view.setFloat64(0, x);
    const bits = view.getBigInt64(0);
    view.setBigInt64(0, (x > 0) === steps > 0 ? bits + 1n : bits - 1n);
    x = view.getFloat64(0);
  }
  return x;
}

/** The first vendor whose count differs from the sweep's, with its range (a short message where a diff of thousands of counts is not). */
function firstDifference(ranges: readonly Range[]): { vendor: number; range: Range; counted: number; bySweep: number } | undefined {
  const [counted, expected] = [overlappingRanges(ranges), bySweep(ranges)];
  const vendor = expected.findIndex((count, i) => !Object.is(count, counted[i]));
  return counted.length === expected.length && vendor < 0 ? undefined : { vendor, range: ranges[vendor], counted: counted[vendor], bySweep: expected[vendor] };
}

const ordered = ([x, y]: readonly [number, number]): Range => ({ low: Math.min(x, y), high: Math.max(x, y) });

// Ends of every kind a cost range or a hand-made table gives: whole numbers, cents up to a
// billion, sums that do not round to what they read (0.1 + 0.2), and any double.
const endArb = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.integer({ min: 0, max: 100_000_000_000 }).map((cents) => cents / 100),
  fc.constantFrom(0, -0, 0.1, 0.2, 0.3, 0.1 + 0.2, 0.7, 1 / 3, 2 / 3, 1e9 + 0.01, 123_456_789.12, 5e-324),
  fc.double({ min: -1e9, max: 1e9, noNaN: true }),
);

const stepsArb = fc.array(
  fc.record({ op: fc.integer({ min: 0, max: 7 }), of: fc.nat(), r: endArb, nudge: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -300, max: 300 })), end: fc.boolean() }),
  { maxLength: 40 },
);

/**
 * A table built around the rule's boundary: to the given ranges, each step adds a copy of one,
 * a point at its low, high or centre, a range centred exactly on its low or high (overlapping
 * it by exactly half of its own width), or one of these with an end moved by a few doubles (up
 * to 300: ranges about as wide as the few doubles within which rounding decides).
 */
function aroundBoundaries(table: Range[], steps: readonly { op: number; of: number; r: number; nudge: number; end: boolean }[]): Range[] {
  for (const { op, of, r, nudge, end } of steps) {
    const { low: a, high: b } = table[of % table.length];
    const half = Math.abs(r);
    const made: [number, number][] = [
      [a, b],
      [a, a],
      [b, b],
      [(a + b) / 2, (a + b) / 2],
      [b - half, b + half],
      [a - half, a + half],
      [b - half, 2 * b - (b - half)],
      [a + (b - a) / 4, b + (b - a) / 4],
    ];
    const [low, high] = made[op];
    table.push(ordered(end ? [nudged(low, nudge), high] : [low, nudged(high, nudge)]));
  }
  return table;
}

const boundaryTableArb = fc
  .tuple(fc.array(fc.tuple(endArb, endArb).map(ordered), { minLength: 1, maxLength: 4 }), stepsArb)
  .map(([seeds, steps]) => aroundBoundaries(seeds, steps));

describe("overlappingRanges counts as comparing every pair by the summary's formula did, float for float", () => {
  it("on tables of random ranges", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(endArb, endArb).map(ordered), { maxLength: 80 }), (ranges) => expect(firstDifference(ranges)).toBeUndefined()),
      { numRuns: 1000 },
    );
  });

  it("on ranges built exactly on the rule's boundary, points of width 0 and ends a few doubles away", () => {
    fc.assert(fc.property(boundaryTableArb, (ranges) => expect(firstDifference(ranges)).toBeUndefined()), { numRuns: 3000 });
  });

  it("on tables of many identical and nearly identical ranges", () => {
    const tableArb = fc
      .tuple(fc.array(fc.tuple(endArb, endArb).map(ordered), { minLength: 1, maxLength: 5 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: -1, max: 1 })), { maxLength: 300 }))
      .map(([pool, picks]) => picks.map(([at, nudge]) => ({ ...pool[at % pool.length], ...(nudge ? { high: Math.max(pool[at % pool.length].low, nudged(pool[at % pool.length].high, nudge)) } : {}) })));
    fc.assert(fc.property(tableArb, (ranges) => expect(firstDifference(ranges)).toBeUndefined()), { numRuns: 300 });
  });

  it("on tables of points of width 0 among ranges", () => {
    const pointArb = endArb.map((x) => ({ low: x, high: x }));
    const tableArb = fc.array(fc.oneof(pointArb, fc.tuple(endArb, endArb).map(ordered)), { maxLength: 80 });
    fc.assert(fc.property(tableArb, (ranges) => expect(firstDifference(ranges)).toBeUndefined()), { numRuns: 1000 });
  });

  it("on thousands of cost ranges of similar size, some of them on the boundary of others", () => {
    // About as a vendor table's costRange gives them: totals of 10,000 to 3 million in cents, 5 to 20 % wide.
    const costArb = fc.tuple(fc.integer({ min: 1_000_000, max: 300_000_000 }), fc.integer({ min: 5, max: 20 })).map(([cents, percent]) => {
      const low = cents / 100;
      return { low, high: Math.round(cents * (1 + percent / 100)) / 100 };
    });
    const tableArb = fc
      .tuple(fc.array(costArb, { minLength: 1000, maxLength: 3000 }), stepsArb)
      .map(([costs, steps]) => aroundBoundaries([...costs, ...costs.slice(0, 50)], steps));
    // Neither shrunk nor printed (thousands of ranges take minutes either way): the seed and path rerun it.
    const reporter = (run: fc.RunDetails<[Range[]]>) => {
      if (run.failed) throw new Error(`seed ${run.seed}, path ${run.counterexamplePath}: ${String(run.errorInstance)}`);
    };
    fc.assert(fc.property(tableArb, (ranges) => expect(firstDifference(ranges)).toBeUndefined()), { numRuns: 30, endOnFailure: true, reporter });
  });

  it("on NaN, infinite ends and a low above its high, which it reads as before", () => {
    const oddArb = fc.oneof(endArb, fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1e308));
    const tableArb = fc.array(fc.record({ low: oddArb, high: oddArb }), { maxLength: 40 });
    fc.assert(fc.property(tableArb, (ranges) => expect(firstDifference(ranges)).toBeUndefined()), { numRuns: 1000 });
  });

  it("counts identical ranges, points included, against each other", () => {
    const ranges = [
      { low: 0.1, high: 0.1 },
      { low: 0.1, high: 0.1 },
      { low: 0, high: 0.7 },
      { low: 5, high: 10 },
      { low: 5, high: 10 },
      { low: 5, high: 10 },
    ];
    // 0.1 strictly inside [0, 0.7] does not count: the formula's MIN(0.1, 0.7) rounds to just below 0.1.
    expect(bySweep(ranges)).toEqual([1, 1, 0, 2, 2, 2]);
    expect(overlappingRanges(ranges)).toEqual(bySweep(ranges));
  });
});
