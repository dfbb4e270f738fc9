// What Prepare for finance will change, read before it writes anything, so the pane can ask
// the buyer first: which columns of which table get plain formulas (or values), which sheets
// are added or rewritten, and whether the table must be calculated first. One read (two when
// the assumptions' name points at a sheet the buyer renamed); the choices are made by the same
// functions the preparation uses, so the two cannot disagree.

import { OUTPUT_COLUMNS } from "./evaluate";
import { FINANCE_SETTING, SUMMARY_SHEET, financeKeyHeader, parseFinanceMemory, type FinanceMode } from "./finance";
import { isSummarySheet } from "./financeSummary";
import { parseMappingSetting, tableMemory } from "./mapping";
import { ASSUMPTIONS_SHEET_CANDIDATES, chooseAssumptionsSheet, chooseSheet, sheetNameCandidates, withNamedAssumptionsSheet } from "./sheets";
import { ASSUMPTIONS_NAME, MAPPING_SETTING, type WorkbookPort } from "../workbook/port";

export interface FinancePlan {
  readonly kind: "plan";
  readonly table: string;
  readonly mode: FinanceMode;
  /** The table has not been calculated (no add-in columns, or no assumptions sheet): the calculation runs first. */
  readonly calculateFirst: boolean;
  /** Headers of the table's columns whose cells are rewritten, left to right. */
  readonly columns: readonly string[];
  /** Sheets added or rewritten, in the order the buyer meets them. */
  readonly sheets: readonly { readonly name: string; readonly change: "add" | "update" }[];
}

export type FinancePlanOutcome = FinancePlan | { readonly kind: "refused"; readonly message: string };

export async function planFinance(port: WorkbookPort, tableName: string, mode: FinanceMode): Promise<FinancePlanOutcome> {
  const candidates = sheetNameCandidates(SUMMARY_SHEET);
  const read = await port.read({
    table: { name: tableName, values: true },
    settings: [MAPPING_SETTING, FINANCE_SETTING],
    names: [ASSUMPTIONS_NAME],
    sheets: ASSUMPTIONS_SHEET_CANDIDATES,
    sheetTitles: candidates,
  });
  const table = read.table;
  if (!table) return { kind: "refused", message: `The table '${tableName}' was not found; it may have been renamed or deleted. Pick the table again.` };
  const memory = tableMemory(parseMappingSetting(read.settings[MAPPING_SETTING]), table.name);
  const outputHeaders = OUTPUT_COLUMNS.map((o) => memory.outputs[o.key] ?? o.header);
  const has = (header: string) => table.headers.some((h) => h.trim().toLowerCase() === header.trim().toLowerCase());
  // Where the preparation finds the assumptions, or where the calculation it runs first puts them.
  const assumptions = chooseAssumptionsSheet({ names: read.names, sheets: await withNamedAssumptionsSheet(port, read) });
  if (!assumptions)
    return {
      kind: "refused",
      message: `Sheets named '${ASSUMPTIONS_SHEET_CANDIDATES[0]}' to '${ASSUMPTIONS_SHEET_CANDIDATES[ASSUMPTIONS_SHEET_CANDIDATES.length - 1]}' exist and none is the add-in's assumptions sheet. Rename one of them and try again.`,
    };
  const hasAssumptions = Boolean(assumptions.snapshot) && Boolean(read.names[ASSUMPTIONS_NAME]);
  const calculateFirst = !hasAssumptions || !outputHeaders.every(has);
  const previous = parseFinanceMemory(read.settings[FINANCE_SETTING]).memory;
  const summary = chooseSheet(candidates, read.titles, isSummarySheet, previous?.sheet);
  if (!summary)
    return { kind: "refused", message: `Sheets named '${SUMMARY_SHEET}' to '${candidates[candidates.length - 1]}' exist and none is the add-in's finance summary. Rename one of them and try again.` };
  const sheets: { name: string; change: "add" | "update" }[] = [];
  if (!assumptions.snapshot) sheets.push({ name: assumptions.name, change: "add" });
  sheets.push({ name: summary.name, change: summary.snapshot ? "update" : "add" });
  return { kind: "plan", table: table.name, mode, calculateFirst, columns: [...outputHeaders, financeKeyHeader(table, memory, outputHeaders)], sheets };
}
