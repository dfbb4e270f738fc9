/*
 * Rate cards: one vendor option quoted as several rows, one per role or seniority.
 *
 * A table is a rate card when it has a Role or an Option column; then the rows with the same
 * Vendor and Option are one vendor option, costed as one engagement. Without either column
 * every row is its own option, as before.
 *
 * An option is one contract, so its rows must agree on everything that describes the
 * engagement (ENGAGEMENT_FIELDS: duration, where and when the team works, engagement and
 * pricing model, clarity, collaboration, data, urgency, the vendor's attrition,
 * certifications, work type, whether it replaces staff). Rows that differ there are an error
 * naming the rows: the buyer either fixes a typo or gives the rows different Option values.
 * What may differ per row is the role, its rate, its hours and its scope text: a rate card
 * quotes one team's turnover, and one attrition keeps each role's share a plain labour share
 * that a spreadsheet formula can take (the finance summary does).
 *
 * The option, with L = sum of the rows' labour and H = sum of their hours:
 *   blended rate     = L / H (the mean of the rows' rates when H = 0)
 *   engagement lines = computed once, on labour L, by cost.ts's formula with the shared fields:
 *                        vendor selection, transition, governance, security and compliance,
 *                        severance and retention, exit and transition-out
 *   labour lines     = the sum of each row's own line (cost.ts on the row):
 *                        productivity loss, rework, change requests, attrition knowledge loss, travel
 *   total            = L + every line;  effective hourly rate = total / H (0 when H = 0)
 * A row's share: its own labour lines, and each engagement line times labour_i / L (0 when
 * L = 0). The shares add up to the option's total. An option of one row is that row,
 * evaluated as a single row always was.
 *
 * Why this split: the engagement lines pay for things done once per contract whatever the
 * mix of roles (choosing and contracting the vendor, handing the work over, managing the
 * contract, assessing the supplier's security, severance for the staff the contract
 * replaces, handing the work over at its end); the labour lines scale with each role's own hours (time lost to distance, work
 * redone, changes priced at the role's rate, knowledge walking out with the role's leavers,
 * trips by the people doing the work). Every line of cost.ts is labour times a factor of the
 * shared fields: so a row's share of every line is its labour share, equal to what the row
 * costs on its own, and a function given one row of a rate card (a calculated column)
 * returns that row's share. So today the split moves no amount between rows; it fixes where
 * a fixed per-contract cost or a per-role factor would go when the model gets one.
 *
 * Risk and location fit are the option's: the model run on the option's row (the shared
 * fields, blended rate, total hours) with the option's cost.
 */
import type { CostBreakdown, CostLine, Evaluation, FieldKey, HeaderMap, ModelError, Result, VendorRow } from "./types";
import type { Assumptions } from "./assumptions";
import { FIELD_BY_KEY } from "./fields";
import { costFrom, type CostLineKey } from "./cost";
import { evaluateRow } from "./evaluate";
import { fitFrom, rowOverlapHours } from "./fit";
import { riskFrom } from "./risk";
import { tablesFor } from "./tables";

/** Cost lines computed once per option; every other line is the sum of the rows' own. */
export const ENGAGEMENT_LINES: ReadonlySet<CostLineKey> = new Set<CostLineKey>([
  "vendorSelection",
  "transition",
  "governance",
  "securityCompliance",
  "severanceRetention",
  "exitTransitionOut",
]);

/** Fields the rows of one option must agree on: they describe the engagement, not a role. */
export const ENGAGEMENT_FIELDS: readonly FieldKey[] = [
  "durationMonths",
  "country",
  "timeZone",
  "locationModel",
  "vendorHours",
  "engagementModel",
  "pricingModel",
  "requirementsClarity",
  "collaborationIntensity",
  "dataSensitivity",
  "urgency",
  "attrition",
  "replacesInHouseStaff",
  "certifications",
  "workType",
];

/** True when the table's rows group into options: it has a Role or an Option column. */
export function isRateCard(map: HeaderMap): boolean {
  return map.columns.role !== undefined || map.columns.option !== undefined;
}

/** The name an option is shown by: "Vendor", "Vendor (Option)" or "Option". */
export function optionName(row: VendorRow): string {
  const option = row.option ?? "";
  if (option === "") return row.vendor;
  return row.vendor === "" ? option : `${row.vendor} (${option})`;
}

export interface OptionGroup {
  readonly name: string;
  /** Positions, in the list given to groupOptions, of the option's rows, in table order. */
  readonly members: readonly number[];
}

/**
 * The options of a list of rows (undefined for a blank or unreadable row, which joins none).
 * Without `rateCard` every row is its own option. A row with neither Vendor nor Option
 * cannot be matched to others and stays on its own.
 */
export function groupOptions(rows: readonly (VendorRow | undefined)[], rateCard: boolean): OptionGroup[] {
  const groups: { name: string; members: number[] }[] = [];
  const byKey = new Map<string, { name: string; members: number[] }>();
  rows.forEach((row, i) => {
    if (row === undefined) return;
    const name = optionName(row);
    if (!rateCard || name === "") {
      groups.push({ name, members: [i] });
      return;
    }
    // Case and spacing do not split an option: buyers retype vendor names.
    const key = row.vendor.toLowerCase().replace(/\s+/g, " ") + "\u0001" + (row.option ?? "").toLowerCase().replace(/\s+/g, " ");
    let group = byKey.get(key);
    if (group === undefined) {
      group = { name, members: [] };
      byKey.set(key, group);
      groups.push(group);
    }
    group.members.push(i);
  });
  return groups;
}

function fieldText(row: VendorRow, field: FieldKey): string {
  const value = (row as unknown as Record<string, unknown>)[field];
  if (value === undefined) return "";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

/**
 * The first engagement field on which the option's rows disagree, as an error naming the
 * rows (by `label`, e.g. "row 5") and their values; undefined when they agree.
 */
export function optionConflict(name: string, rows: readonly VendorRow[], label: (index: number) => string): ModelError | undefined {
  for (const field of ENGAGEMENT_FIELDS) {
    const first = fieldText(rows[0], field);
    const other = rows.findIndex((r) => fieldText(r, field) !== first);
    if (other < 0) continue;
    const header = FIELD_BY_KEY[field].header;
    const shown = (v: string) => (v === "" ? "nothing" : `'${v}'`);
    return {
      kind: "input",
      field: header,
      value: fieldText(rows[other], field),
      message:
        `The rows of the vendor option '${name}' are one engagement and must agree on ${header}: ` +
        `${label(0)} gives ${shown(first)}, ${label(other)} gives ${shown(fieldText(rows[other], field))}. ` +
        `Make them the same, or give the rows different Option values to compare them as separate options`,
    };
  }
  return undefined;
}

/** The option's own row: the shared fields, blended rate, total hours. */
export function optionRow(rows: readonly VendorRow[]): VendorRow {
  if (rows.length === 1) return rows[0];
  let labour = 0;
  let hours = 0;
  let rates = 0;
  for (const r of rows) {
    labour += r.hourlyRate * r.hours;
    hours += r.hours;
    rates += r.hourlyRate;
  }
  const { role: _role, ...shared } = rows[0];
  return {
    ...shared,
    hourlyRate: hours > 0 ? labour / hours : rates / rows.length,
    hours,
  };
}

export interface OptionEvaluation {
  readonly name: string;
  /** The option as one evaluation: its own row (optionRow), its cost, risk and fit. */
  readonly evaluation: Evaluation;
  /** Each row's share of the option's cost, in the order of the rows given; they add up to evaluation.cost. */
  readonly shares: readonly CostBreakdown[];
}

function withAmount(line: CostLine, amount: number): CostLine {
  return { ...line, amount };
}

/**
 * One option from its rows (which must agree on ENGAGEMENT_FIELDS: see optionConflict).
 * One row gives exactly evaluateRow's result.
 */
export function evaluateOption(rows: readonly VendorRow[], a: Assumptions): OptionEvaluation {
  if (rows.length === 1) {
    const evaluation = evaluateRow(rows[0], a);
    return { name: optionName(rows[0]), evaluation, shares: [evaluation.cost] };
  }
  const t = tablesFor(a);
  const row = optionRow(rows);
  const overlap = rowOverlapHours(row, a);
  const own = rows.map((r) => costFrom(r, t, overlap));
  let labour = 0;
  for (const c of own) labour += c.labour;
  // Labour L exactly, as one hour at rate L: the engagement lines once on the option's labour.
  // L is already in the reporting currency, so the hour is too: the rows' exchange rate is not
  // applied a second time.
  const { exchange: _exchange, ...inReporting } = row;
  const once = costFrom({ ...inReporting, hourlyRate: labour, hours: 1 }, t, overlap);
  const lines = once.lines.map((line, i) => {
    if (ENGAGEMENT_LINES.has(line.key as CostLineKey)) return line;
    let sum = 0;
    for (const c of own) sum += c.lines[i].amount;
    return withAmount(line, sum);
  });
  let total = labour;
  for (const line of lines) total += line.amount;
  const cost: CostBreakdown = { labour, lines, total, effectiveHourlyRate: row.hours > 0 ? total / row.hours : 0 };
  const shares = own.map((c, k): CostBreakdown => {
    const share = labour > 0 ? c.labour / labour : 0;
    const rowLines = c.lines.map((line, i) => (ENGAGEMENT_LINES.has(line.key as CostLineKey) ? withAmount(line, lines[i].amount * share) : line));
    let rowTotal = c.labour;
    for (const line of rowLines) rowTotal += line.amount;
    return { labour: c.labour, lines: rowLines, total: rowTotal, effectiveHourlyRate: rows[k].hours > 0 ? rowTotal / rows[k].hours : 0 };
  });
  const fit = fitFrom(row, t, overlap, cost.effectiveHourlyRate);
  return { name: optionName(row), evaluation: { row, cost, risk: riskFrom(row, t, fit, cost), fit }, shares };
}

/**
 * Every option of a list of rows: the options whose rows agree, evaluated, and for each
 * option whose rows disagree its error. `label` names a row in an error ("row 5").
 */
export function evaluateOptions(
  rows: readonly (VendorRow | undefined)[],
  rateCard: boolean,
  a: Assumptions,
  label: (index: number) => string = (i) => `row ${i + 1}`,
): { group: OptionGroup; result: Result<OptionEvaluation> }[] {
  return groupOptions(rows, rateCard).map((group) => {
    const members = group.members.map((i) => rows[i] as VendorRow);
    const conflict = members.length > 1 ? optionConflict(group.name, members, (k) => label(group.members[k])) : undefined;
    return { group, result: conflict ? { ok: false, error: conflict } : { ok: true, value: evaluateOption(members, a) } };
  });
}
