// What a buyer reads first after an evaluation: how many options are a Benefit, a Trade-off
// or a Blocker, the cheapest and the least risky, each named as Excel names its row (the
// sheet's row number) and by vendor, with amounts in the currency the table uses.

import type { Assumptions } from "./assumptions";
import { evaluateOptions } from "./rateCard";
import { FIT_VERDICTS, type Evaluation, type FitVerdict } from "./types";
import { shortenedText } from "./values";

/** A row as the buyer finds it in Excel: the sheet's row number, and the vendor when the row names one. */
export function rowName(sheetRow: number, vendor?: string | null): string {
  // A vendor cell may hold thousands of characters; the name is read in messages and the pane.
  const name = shortenedText((vendor ?? "").trim());
  return name ? `Row ${sheetRow} (${name})` : `Row ${sheetRow}`;
}

/** The currency amounts are shown in, and where that was learnt. */
export interface Currency {
  /** "$", "€", "USD"...; null when nothing names one (amounts are then plain numbers). */
  readonly symbol: string | null;
  /** "rates": the hourly rate cells or header name it; "format": the Total cost column's number format. */
  readonly from: "rates" | "format" | "none";
}

const SYMBOLS = "$€£¥₹";

/**
 * The currency an Excel number format shows: the text of a locale tag ("[$€-x-euro2]"), a
 * quoted or escaped currency sign, or a bare "$" (Excel's own currency formats are written so).
 */
export function currencyOfFormat(format: string | undefined): string | null {
  if (!format) return null;
  const tagged = /\[\$([^\]-]+)(?:-[^\]]*)?\]/.exec(format);
  if (tagged) return tagged[1];
  // Quoted text shows as written: a sign in it, or a code standing alone ("USD").
  for (const [, quoted] of format.matchAll(/"([^"]*)"/g)) {
    const sign = [...quoted].find((c) => SYMBOLS.includes(c));
    if (sign) return sign;
    if (/^\s*[A-Z]{3}\s*$/.test(quoted)) return quoted.trim();
  }
  const bare = format.replace(/"[^"]*"/g, "").replace(/\\(.)/g, "$1");
  const sign = [...bare].find((c) => SYMBOLS.includes(c));
  return sign ?? null;
}

/**
 * The rates' own currency when the rate cells (or the rate column's header) name exactly one,
 * else the Total cost column's format's, else none. `rateCurrencies` are the signs the rate
 * cells carry (see plausibility's currencyOf), one entry per cell that names one.
 */
export function currencyFor(rateCurrencies: readonly string[], totalCostFormat: string | undefined): Currency {
  const named = new Set(rateCurrencies);
  if (named.size === 1) return { symbol: [...named][0], from: "rates" };
  const symbol = currencyOfFormat(totalCostFormat);
  return symbol ? { symbol, from: "format" } : { symbol: null, from: "none" };
}

const wholeAmount = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** "$504,000", "EUR 504,000" or "504,000" (no currency named). */
export function formatAmount(amount: number, currency: Currency): string {
  const digits = wholeAmount.format(amount);
  const sign = amount < 0 ? "-" : "";
  const magnitude = amount < 0 ? digits.slice(1) : digits;
  if (!currency.symbol) return digits;
  // A sign is written against the number as Excel's currency formats do; a code takes a space.
  return [...currency.symbol].length === 1 ? `${sign}${currency.symbol}${magnitude}` : `${sign}${currency.symbol} ${magnitude}`;
}

export interface RankedOption {
  readonly vendor: string;
  /** Sheet row of the vendor's row. */
  readonly row: number;
  /** `rowName` of it. */
  readonly name: string;
}

export interface ResultsSummary {
  /** Vendor options the model evaluated (blank and failing rows are not counted): rows, or in a rate card the options. */
  readonly evaluated: number;
  /** In a rate card, the rows those options hold; absent when every row is its own option. */
  readonly rows?: number;
  readonly verdicts: Readonly<Record<FitVerdict, number>>;
  /** Lowest total cost; on a tie, the first row. */
  readonly lowestCost: (RankedOption & { readonly total: number; readonly amount: string }) | null;
  /** Lowest risk score; on a tie, the first row. */
  readonly lowestRisk: (RankedOption & { readonly score: number; readonly label: string }) | null;
  readonly currency: Currency;
}

/** One vendor option as the summary counts it: its evaluation, its name, its first sheet row and how many rows it holds. */
interface SummaryEntry {
  readonly evaluation: Evaluation;
  readonly vendor: string;
  readonly row: number;
  readonly rows: number;
}

/**
 * The summary of one evaluation. `evaluations` holds one entry per data row (null for a blank
 * or failing row) and `sheetRowOf` turns its 0-based index into the sheet's row number.
 */
export function summarizeResults(evaluations: readonly (Evaluation | null)[], sheetRowOf: (index: number) => number, currency: Currency): ResultsSummary {
  const entries: SummaryEntry[] = [];
  evaluations.forEach((e, i) => {
    if (e) entries.push({ evaluation: e, vendor: e.row.vendor.trim(), row: sheetRowOf(i), rows: 1 });
  });
  return summarize(entries, currency);
}

/**
 * The summary of a rate card (rateCard.ts): the rows of one vendor option are one engagement,
 * so the verdicts, the cheapest and the least risky are counted and named per option, with
 * the option's total. An option whose rows disagree on the engagement is left out and returned
 * in `conflicts` (its message names the rows); failing rows join no option, as in the finance summary.
 */
export function summarizeOptions(
  evaluations: readonly (Evaluation | null)[],
  sheetRowOf: (index: number) => number,
  currency: Currency,
  a: Assumptions,
): { summary: ResultsSummary; conflicts: string[] } {
  const entries: SummaryEntry[] = [];
  const conflicts: string[] = [];
  let rows = 0;
  for (const { group, result } of evaluateOptions(evaluations.map((e) => e?.row), true, a, (i) => `row ${sheetRowOf(i)}`)) {
    if (!result.ok) {
      conflicts.push(result.error.message);
      continue;
    }
    rows += group.members.length;
    entries.push({ evaluation: result.value.evaluation, vendor: group.name.trim(), row: sheetRowOf(group.members[0]), rows: group.members.length });
  }
  return { summary: { ...summarize(entries, currency), rows }, conflicts };
}

/** An option of several rows is named by its name and where its rows start; a one-row option as its row. */
function entryName(entry: SummaryEntry): string {
  return entry.rows > 1 ? `${shortenedText(entry.vendor)} (${entry.rows} rows from row ${entry.row})` : rowName(entry.row, entry.vendor);
}

function summarize(entries: readonly SummaryEntry[], currency: Currency): ResultsSummary {
  const verdicts = Object.fromEntries(FIT_VERDICTS.map((v) => [v, 0])) as Record<FitVerdict, number>;
  let cheapest: SummaryEntry | null = null;
  let safest: SummaryEntry | null = null;
  for (const entry of entries) {
    const e = entry.evaluation;
    verdicts[e.fit.verdict]++;
    if (cheapest === null || e.cost.total < cheapest.evaluation.cost.total) cheapest = entry;
    if (safest === null || e.risk.score < safest.evaluation.risk.score) safest = entry;
  }
  const option = (entry: SummaryEntry): RankedOption => ({ vendor: entry.vendor, row: entry.row, name: entryName(entry) });
  return {
    evaluated: entries.length,
    verdicts,
    lowestCost: cheapest === null ? null : { ...option(cheapest), total: cheapest.evaluation.cost.total, amount: formatAmount(cheapest.evaluation.cost.total, currency) },
    lowestRisk: safest === null ? null : { ...option(safest), score: safest.evaluation.risk.score, label: safest.evaluation.risk.label },
    currency,
  };
}
