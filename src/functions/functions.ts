// The OFFSHORE functions as Excel sees them. The JSDoc below is the single source of
// functions.json (descriptions, parameter names, help links): the build generates the
// metadata from it and registers each function under its id. The work is in ./wrappers.
import {
  costBreakdownCells,
  costRangeCells,
  fitDetailCells,
  locationFitCells,
  overlapValue,
  riskDriversCells,
  riskScoreCells,
  totalCostCells,
} from "./wrappers";

// The build appends CustomFunctions.associate(...) calls to this file. Outside Excel (the
// pane's preview in an ordinary browser) there is no custom-functions runtime, so the
// registrations have nowhere to go: make them no-ops instead of a page error.
if (typeof CustomFunctions === "undefined") {
  (globalThis as { CustomFunctions?: Pick<typeof CustomFunctions, "associate"> }).CustomFunctions = { associate: () => undefined };
}

/**
 * Total cost of each vendor option: hourly rate x hours plus the hidden costs (vendor selection, transition, governance, productivity loss, rework, change requests, attrition, travel, security, severance, exit and transition-out).
 * @customfunction TOTALCOST TOTALCOST
 * @helpurl https://localhost:3000/help.html#offshoretotalcost
 * @param rows One vendor row, or many rows to get one total per row.
 * @param headers The header row naming the columns of rows (Hourly rate and Hours are required).
 * @param [assumptions] The assumptions: names and values, usually OffshoreAssumptions (under a header row with Low and High columns, their cells set the ends of the cost ranges); leave out to use the defaults.
 * @param [exchange_rates] The exchange-rate table (currency, rate to the reporting currency, valid on), usually OffshoreExchangeRates; needed when a row's Currency is not the reporting currency.
 * @returns Total cost per row, in the reporting currency (the assumption Reporting currency, USD by default).
 */
export function totalCost(rows: unknown[][], headers: unknown[][], assumptions?: unknown[][], exchange_rates?: unknown[][]): unknown[][] {
  return totalCostCells(rows, headers, assumptions, exchange_rates);
}

/**
 * How wrong each vendor option's total cost can be: the total with every cost assumption at the low end of its range (the assumptions sheet's Low and High columns; blank, the published range), the expected total (TOTALCOST) and the total with every one at its high end. Spills three columns: low, expected, high.
 * @customfunction COSTRANGE COSTRANGE
 * @helpurl https://localhost:3000/help.html#offshorecostrange
 * @param rows One vendor row, or many rows to get one range per row.
 * @param headers The header row naming the columns of rows (Hourly rate and Hours are required).
 * @param [assumptions] The assumptions: names and values, usually OffshoreAssumptions (under a header row with Low and High columns, their cells set the ends of the cost ranges); leave out to use the defaults.
 * @param [exchange_rates] The exchange-rate table (currency, rate to the reporting currency, valid on), usually OffshoreExchangeRates; needed when a row's Currency is not the reporting currency.
 * @returns Low, expected and high total cost per row, in the reporting currency.
 */
export function costRange(rows: unknown[][], headers: unknown[][], assumptions?: unknown[][], exchange_rates?: unknown[][]): unknown[][] {
  return costRangeCells(rows, headers, assumptions, exchange_rates);
}

/**
 * Risk score of each vendor option from 0 (low) to 100 (critical): communication friction, hidden cost, scope drift, data and cyber risk, quality, governance gaps and dependency, weighted.
 * @customfunction RISKSCORE RISKSCORE
 * @helpurl https://localhost:3000/help.html#offshoreriskscore
 * @param rows One vendor row, or many rows to get one score per row.
 * @param headers The header row naming the columns of rows.
 * @param [assumptions] The assumptions: names and values, usually OffshoreAssumptions (under a header row with Low and High columns, their cells set the ends of the cost ranges); leave out to use the defaults.
 * @param [exchange_rates] The exchange-rate table (currency, rate to the reporting currency, valid on), usually OffshoreExchangeRates; needed when a row's Currency is not the reporting currency.
 * @returns Risk score per row, 0 to 100.
 */
export function riskScore(rows: unknown[][], headers: unknown[][], assumptions?: unknown[][], exchange_rates?: unknown[][]): unknown[][] {
  return riskScoreCells(rows, headers, assumptions, exchange_rates);
}

/**
 * Whether the time-zone gap to each vendor is a Benefit, a Trade-off or a Blocker, given the working hours you share and how closely the work needs you to collaborate.
 * @customfunction LOCATIONFIT LOCATIONFIT
 * @helpurl https://localhost:3000/help.html#offshorelocationfit
 * @param rows One vendor row, or many rows to get one verdict per row.
 * @param headers The header row naming the columns of rows.
 * @param [assumptions] The assumptions: names and values (your time zone and working hours among them), usually OffshoreAssumptions; leave out to use the defaults.
 * @param [exchange_rates] The exchange-rate table (currency, rate to the reporting currency, valid on), usually OffshoreExchangeRates; needed when a row's Currency is not the reporting currency.
 * @returns Benefit, Trade-off or Blocker per row.
 */
export function locationFit(rows: unknown[][], headers: unknown[][], assumptions?: unknown[][], exchange_rates?: unknown[][]): unknown[][] {
  return locationFitCells(rows, headers, assumptions, exchange_rates);
}

// Not @volatile: the metadata makes a whole function volatile or not, and a volatile function
// is re-evaluated with all its dependents on every calculation ("Autogenerate JSON metadata
// for custom functions": use them sparingly), so every dated OVERLAP, the form a decision
// needs, would recompute on every edit. TODAY() as the date does what "volatile only when
// the date follows today" would: TODAY() is volatile, so just those cells recalculate, and
// a new day (or a clock change) reaches them as a new argument. The zones are `any`, not
// `string`: Excel converts a `string` argument before the call, while an `any` one arrives
// as it is, so a Geography cell comes as its entity and is read by its text.
/**
 * Working hours two places share on a date, daylight saving included.
 * @customfunction OVERLAP OVERLAP
 * @helpurl https://localhost:3000/help.html#offshoreoverlap
 * @param zone_a First place, whose date counts: a time zone (America/New_York), a city (Kolkata), a country with one time zone (Poland, PL), an offset (UTC+5:30) or an abbreviation (CET).
 * @param zone_b Second place, written the same way.
 * @param [date] The day to compare, as an Excel date such as DATE(2026,1,15), or TODAY() to follow the calendar. Left out, the day of the last recalculation.
 * @param [start_a] Start of the working day at the first place: an hour (9) or a time (9:00). Default 9:00.
 * @param [end_a] End of the working day at the first place. Default 17:00.
 * @param [start_b] Start of the working day at the second place. Default 9:00.
 * @param [end_b] End of the working day at the second place. Default 17:00.
 * @returns Shared working hours.
 */
export function overlapHours(
  zone_a: unknown,
  zone_b: unknown,
  date?: unknown,
  start_a?: unknown,
  end_a?: unknown,
  start_b?: unknown,
  end_b?: unknown,
): number {
  return overlapValue(zone_a, zone_b, date, start_a, end_a, start_b, end_b);
}

/**
 * One vendor option's total cost line by line: labour, each hidden cost, the total and the effective hourly rate, each with what drives it and its range. Spills five columns: cost line, amount, explanation, low, high.
 * @customfunction COSTBREAKDOWN COSTBREAKDOWN
 * @helpurl https://localhost:3000/help.html#offshorecostbreakdown
 * @param row One vendor row.
 * @param headers The header row naming the columns of row.
 * @param [assumptions] The assumptions: names and values, usually OffshoreAssumptions (under a header row with Low and High columns, their cells set the ends of the cost ranges); leave out to use the defaults.
 * @param [exchange_rates] The exchange-rate table (currency, rate to the reporting currency, valid on), usually OffshoreExchangeRates; needed when a row's Currency is not the reporting currency.
 * @returns Cost lines with labels, amounts (in the reporting currency), explanations, and the amounts at the low and high ends of the cost assumptions' ranges.
 */
export function costBreakdown(row: unknown[][], headers: unknown[][], assumptions?: unknown[][], exchange_rates?: unknown[][]): unknown[][] {
  return costBreakdownCells(row, headers, assumptions, exchange_rates);
}

/**
 * The risks that drive each vendor option's risk score, highest first, each with its cause and how to reduce it.
 * @customfunction RISKDRIVERS RISKDRIVERS
 * @helpurl https://localhost:3000/help.html#offshoreriskdrivers
 * @param rows One vendor row, or many rows to get one explanation per row.
 * @param headers The header row naming the columns of rows.
 * @param [assumptions] The assumptions: names and values, usually OffshoreAssumptions (under a header row with Low and High columns, their cells set the ends of the cost ranges); leave out to use the defaults.
 * @param [top] How many risks to list. Default 3.
 * @param [exchange_rates] The exchange-rate table (currency, rate to the reporting currency, valid on), usually OffshoreExchangeRates; needed when a row's Currency is not the reporting currency.
 * @returns The top risk drivers per row, as text.
 */
export function riskDrivers(rows: unknown[][], headers: unknown[][], assumptions?: unknown[][], top?: unknown, exchange_rates?: unknown[][]): unknown[][] {
  return riskDriversCells(rows, headers, assumptions, top, exchange_rates);
}

/**
 * The location fit of each vendor option in detail. Spills seven columns: fit score (0-100), verdict, shared working hours, hours the work needs, recommended location model (Onshore, Nearshore, Offshore; blank when none gives more overlap), the reason, and the location model check (where the row's location model came from, or that its country or time zone contradicts it).
 * @customfunction FITDETAIL FITDETAIL
 * @helpurl https://localhost:3000/help.html#offshorefitdetail
 * @param rows One vendor row, or many rows to get one line per row.
 * @param headers The header row naming the columns of rows.
 * @param [assumptions] The assumptions: names and values (your time zone and working hours among them), usually OffshoreAssumptions; leave out to use the defaults.
 * @param [exchange_rates] The exchange-rate table (currency, rate to the reporting currency, valid on), usually OffshoreExchangeRates; needed when a row's Currency is not the reporting currency.
 * @returns Score, verdict, overlap hours, needed hours, recommended location model, reason and location model check per row.
 */
export function fitDetail(rows: unknown[][], headers: unknown[][], assumptions?: unknown[][], exchange_rates?: unknown[][]): unknown[][] {
  return fitDetailCells(rows, headers, assumptions, exchange_rates);
}
