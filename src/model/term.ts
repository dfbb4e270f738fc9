/*
 * Cost per contract year. The total cost (cost.ts) prices every hour at today's rate; over a
 * multi-year engagement the vendor's rate rises with wages in its country, unless the contract
 * caps the rise. Year y of D months (the last year may be short) holds, with
 * g = 1 + MIN([Wage inflation (<country>)], <Indexation cap>) and m(y) the months of year y:
 *
 *   labour(y)            = labour * m(y) / D * g^(y-1)
 *   one-off lines        = in year 1, as cost.ts computes them: vendor selection, transition,
 *                          severance and retention (spent before or as the engagement starts)
 *   exit(y)              = in the last year only: the line * g^(y-1) (the hand-over as the
 *                          engagement ends, priced on that year's labour)
 *   productivity loss(y) = the line * (months of year y within the loss period) / MIN(D, period)
 *                          * g^(y-1) (the loss falls on the labour of the first months, cost.ts)
 *   every other line(y)  = the line * m(y) / D * g^(y-1) (each is a share of that year's labour)
 *
 * With g = 1 the years add up to the total cost exactly. Exchange rates are held at the table's
 * rate (no currency forecast): the rise is in the vendor's own currency.
 */
import type { Assumptions } from "./assumptions";
import type { CostLineKey } from "./cost";
import { totalCost } from "./cost";
import type { CostBreakdown, VendorRow } from "./types";
import { zoneCountry } from "./zones";

const ONE_OFF: ReadonlySet<CostLineKey> = new Set(["vendorSelection", "transition", "severanceRetention"]);

/**
 * How a cost line is spread over the contract years (see the top): all in year 1, all in the
 * last year, over the productivity loss period, or by the months of each year. The finance
 * summary's portable formulas spread the lines by this too.
 */
export type YearSplit = "firstYear" | "lastYear" | "lossPeriod" | "byMonths";

export function yearSplit(key: CostLineKey): YearSplit {
  if (ONE_OFF.has(key)) return "firstYear";
  if (key === "exitTransitionOut") return "lastYear";
  return key === "productivityLoss" ? "lossPeriod" : "byMonths";
}

export interface CostYear {
  /** 1-based contract year. */
  readonly year: number;
  /** Months of the engagement in this year (12, or fewer in a short last year). */
  readonly months: number;
  /** The hourly rate in this year, in the row's own currency. */
  readonly hourlyRate: number;
  readonly labour: number;
  readonly total: number;
}

export interface CostOverTerm {
  readonly years: readonly CostYear[];
  /** The yearly rise applied: the country's wage inflation, or the row's cap when lower. */
  readonly yearlyRise: number;
  /** Where the rise comes from, in one sentence. */
  readonly riseBasis: string;
  /** Sum of the years: the total cost with the rate rising (NaN when `notSplit`). */
  readonly total: number;
  /** The wage inflation assumption the rise reads (absent when `notSplit`). */
  readonly wageAssumption?: string;
  /** The term is longer than MAX_TERM_YEARS: no years are listed. */
  readonly notSplit?: true;
}

/** The longest term listed year by year. */
export const MAX_TERM_YEARS = 100;

/** The wage inflation assumption for a vendor country (ISO code), and its name. */
export function wageInflationFor(country: string, a: Assumptions): { value: number; name: string } {
  if (country === "IN") return { value: a.wageInflationIndia, name: "Wage inflation (India)" };
  if (country === "CN") return { value: a.wageInflationChina, name: "Wage inflation (China)" };
  return { value: a.wageInflationOther, name: "Wage inflation (other countries)" };
}

const pct = (x: number) => `${Number((x * 100).toFixed(2))}%`;

/**
 * The row's cost in each contract year, its rate rising by its country's wage inflation or its
 * cap (see the top). `cost` is the row's totalCost under `a` when the caller has it already (an
 * evaluation's), so that it is not computed twice.
 */
export function costOverTerm(row: VendorRow, a: Assumptions, cost?: CostBreakdown): CostOverTerm {
  // A term typed as thousands of years (or 1e308 months) is legal for the total but cannot be
  // listed year by year: past MAX_TERM_YEARS it is not split, and says so.
  if (row.durationMonths > MAX_TERM_YEARS * 12)
    return { years: [], yearlyRise: NaN, riseBasis: `Not split by year: the term is longer than ${MAX_TERM_YEARS} years.`, total: NaN, notSplit: true };
  const { labour, lines } = cost ?? totalCost(row, a);
  const d = row.durationMonths;
  // Without a Country, the country of the vendor's time zone (Asia/Kolkata is India).
  const wage = wageInflationFor(row.country || (row.timeZone ? zoneCountry(row.timeZone) : ""), a);
  const capped = row.indexationCap !== undefined && row.indexationCap < wage.value;
  const rise = capped ? row.indexationCap! : wage.value;
  const riseBasis = capped
    ? `The rate rises ${pct(rise)} a year: the contract's indexation cap, below the ${pct(wage.value)} of '${wage.name}'.`
    : `The rate rises ${pct(rise)} a year: '${wage.name}'${row.indexationCap !== undefined ? `, within the contract's ${pct(row.indexationCap)} cap` : ""}.`;
  const period = Math.min(d, a.productivityLossMonths);
  const splits = lines.map((line) => yearSplit(line.key as CostLineKey));
  const years: CostYear[] = [];
  const count = Math.max(1, Math.ceil(d / 12 - 1e-9));
  let total = 0;
  for (let y = 1; y <= count; y++) {
    const start = 12 * (y - 1);
    const months = Math.min(12, d - start);
    const share = months / d;
    const growth = Math.pow(1 + rise, y - 1);
    let amount = labour * share * growth;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const split = splits[i];
      if (split === "firstYear") amount += y === 1 ? line.amount : 0;
      else if (split === "lastYear") amount += y === count ? line.amount * growth : 0;
      else if (split === "lossPeriod") amount += period > 0 ? (line.amount * Math.max(0, Math.min(start + months, period) - start)) / period * growth : 0;
      else amount += line.amount * share * growth;
    }
    years.push({ year: y, months, hourlyRate: row.hourlyRate * growth, labour: labour * share * growth, total: amount });
    total += amount;
  }
  return { years, yearlyRise: rise, riseBasis, total, wageAssumption: wage.name };
}
