import { mapHeaders, readRow, totalCost, ASSUMPTION_BY_KEY } from "../../../src/model";
import { costOverTerm, wageInflationFor } from "../../../src/model/term";
import { assumptionsWith, vendorRow, WINTER } from "./helpers";

describe("cost per contract year", () => {
  it("prices the years from the row's cost breakdown when handed one, exactly as it computes it otherwise", () => {
    const row = vendorRow({ country: "IN", durationMonths: 30, hourlyRate: 30 });
    const cost = totalCost(row, WINTER);
    expect(costOverTerm(row, WINTER, cost)).toEqual(costOverTerm(row, WINTER));
    // The breakdown handed is the one used: the row's own is not computed again.
    const doubled = { ...cost, labour: cost.labour * 2, lines: cost.lines.map((l) => ({ ...l, amount: l.amount * 2 })) };
    const term = costOverTerm(row, WINTER, doubled);
    expect(term.total).toBeCloseTo(2 * costOverTerm(row, WINTER).total, 6);
  });

  it("with no rise, the years add up to the total cost, one-off lines in year 1 and productivity loss in its first months", () => {
    const flat = assumptionsWith({ "Reference date": "2026-01-15", "Wage inflation (India)": 0 });
    for (const d of [6, 12, 30, 60]) {
      const row = vendorRow({ durationMonths: d });
      const term = costOverTerm(row, flat);
      expect(term.years).toHaveLength(Math.ceil(d / 12));
      expect(term.total).toBeCloseTo(totalCost(row, flat).total, 6);
      expect(term.years.reduce((s, y) => s + y.months, 0)).toBeCloseTo(d, 9);
    }
    const five = costOverTerm(vendorRow({ durationMonths: 60 }), flat);
    // Year 1 carries selection, transition and two of the productivity loss years' share: more than year 3.
    expect(five.years[0].total).toBeGreaterThan(five.years[2].total);
    // The last year carries the exit: the hand-over happens as the engagement ends.
    const exit = totalCost(vendorRow({ durationMonths: 60 }), flat).lines.find((l) => l.key === "exitTransitionOut")!.amount;
    expect(exit).toBeGreaterThan(0);
    expect(five.years[4].total).toBeCloseTo(five.years[2].total + exit, 6);
    expect(five.years[3].total).toBeCloseTo(five.years[2].total, 6);
  });

  it("the exit falls in the last contract year, at that year's rate", () => {
    const row = vendorRow({ country: "IN", durationMonths: 30, hourlyRate: 30 });
    const term = costOverTerm(row, WINTER);
    const cost = totalCost(row, WINTER);
    const exit = cost.lines.find((l) => l.key === "exitTransitionOut")!.amount;
    const withoutExit = costOverTerm(row, assumptionsWith({ "Reference date": "2026-01-15", "Exit and transition-out %": 0 }));
    expect(term.years.map((y, i) => y.total - withoutExit.years[i].total)).toEqual([0, 0, expect.closeTo(exit * 1.092 ** 2, 6)]);
  });

  it("an Indian rate rises by the India wage inflation each year; the contract's cap limits it", () => {
    const row = vendorRow({ country: "IN", durationMonths: 36, hourlyRate: 30 });
    const term = costOverTerm(row, WINTER);
    expect(term.yearlyRise).toBe(ASSUMPTION_BY_KEY.wageInflationIndia.defaultValue);
    expect(term.years.map((y) => y.hourlyRate)).toEqual([30, 30 * 1.092, 30 * 1.092 * 1.092].map((x) => expect.closeTo(x, 9)));
    expect(term.years[2].labour / term.years[1].labour).toBeCloseTo(1.092, 9);
    expect(term.total).toBeGreaterThan(totalCost(row, WINTER).total);
    const capped = costOverTerm({ ...row, indexationCap: 0.03 }, WINTER);
    expect(capped.yearlyRise).toBe(0.03);
    expect(capped.riseBasis).toBe("The rate rises 3% a year: the contract's indexation cap, below the 9.2% of 'Wage inflation (India)'.");
    expect(costOverTerm({ ...row, indexationCap: 0.2 }, WINTER).yearlyRise).toBe(0.092);
    expect(wageInflationFor("PL", WINTER).name).toBe("Wage inflation (other countries)");
    // Without a country, the time zone's country.
    expect(costOverTerm({ ...row, country: "", timeZone: "Asia/Shanghai" }, WINTER).yearlyRise).toBe(0.053);
  });

  it("a cheap offshore rate rising 10% a year is compared fairly with a flat onshore one: its later years cost more and the gap closes", () => {
    const a = assumptionsWith({ "Reference date": "2026-01-15", "Wage inflation (India)": 0.1 });
    const offshore = costOverTerm(vendorRow({ country: "IN", durationMonths: 60, hourlyRate: 40 }), a);
    const onshore = costOverTerm(vendorRow({ country: "US", timeZone: "America/New_York", locationModel: "Onshore", durationMonths: 60, hourlyRate: 60, indexationCap: 0 }), a);
    expect(onshore.years[4].hourlyRate).toBe(60);
    expect(offshore.years[4].hourlyRate).toBeCloseTo(40 * 1.1 ** 4, 9);
    const gap = (y: number) => onshore.years[y].total - offshore.years[y].total;
    expect(gap(4)).toBeLessThan(gap(1));
  });

  it("the Indexation cap column is read as a percentage and refused when it is not one", () => {
    const map = mapHeaders(["Hourly rate", "Hours", "Indexation cap"]);
    const read = (v: string | number) => readRow([40, 100, v], map);
    const r = read("3%");
    expect(r?.ok && r.value.indexationCap).toBe(0.03);
    const n = read(0);
    expect(n?.ok && n.value.indexationCap).toBe(0);
    const bad = read("CPI");
    expect(bad?.ok).toBe(false);
    if (bad && !bad.ok) expect(bad.error.message).toBe("Indexation cap must be a number; got 'CPI'");
  });
  test("a term longer than a hundred years is not split by year (1e308 months once ran out of memory), and says so", () => {
    for (const durationMonths of [1201, 1e9, 1e308]) {
      const term = costOverTerm(vendorRow({ durationMonths }), WINTER);
      expect(term.notSplit).toBe(true);
      expect(term.years).toEqual([]);
      expect(term.riseBasis).toMatch(/longer than 100 years/);
    }
    expect(costOverTerm(vendorRow({ durationMonths: 1200 }), WINTER).years).toHaveLength(100);
  });
});
