// Reading the selected vendor row for its checklist: the row, the header row, the stored
// mapping and the assumptions, evaluated as the evaluate action would, so the checklist
// and the table never disagree.

import { parseAssumptions, type Assumptions } from "../model/assumptions";
import type { CheckKey, CheckStatus, OwnerKey } from "../model/checklist";
import { evaluateCells, FIELDS, isBlankRow, mapHeaders, readRow } from "../model";
import { evaluateOption, groupOptions, isRateCard, optionConflict } from "../model/rateCard";
import { COST_FREE_FIELDS } from "../model/checklist";
import type { CellValue, Evaluation, HeaderMap, ModelError, VendorRow } from "../model/types";
import type { CalendarDate } from "../model/zones";
import { rowName } from "../model/results";
import { parseRange } from "../workbook/address";
import { ASSUMPTIONS_NAME, MAPPING_SETTING, type WorkbookPort } from "../workbook/port";
import { inputHeaders, parseMappingSetting, tableMemory } from "./mapping";
import { exchangeRatesOf, withRates } from "./evaluate";
import type { VendorOption } from "./checklistKeepsTyped";
import { assumptionTable, ASSUMPTIONS_SHEET_CANDIDATES, chooseAssumptionsSheet, withNamedAssumptionsSheet, type SheetChoice } from "./sheets";

export interface ChecklistRequest {
  /** Table and data row; when absent, the selection decides. */
  readonly table?: string | null;
  readonly rowIndex?: number;
  /**
   * The row shown so far, read again while the selection is in no table: the buyer went to an
   * assumption's cell (the pane's "Go to cell") or another sheet, and the checklist stays theirs.
   */
  readonly whileOutside?: { readonly table: string; readonly rowIndex: number } | null;
  /** Names typed in the pane; names typed on the sheet win. */
  readonly ownerNames?: Partial<Record<OwnerKey, string>>;
  /** Answers chosen in the pane; Ready or Blocker typed on the sheet win. */
  readonly answers?: Partial<Record<CheckKey, CheckStatus>>;
  /** Counterparts, ticks and notes typed in the pane; those typed on the sheet win. */
  readonly counterpartNames?: Partial<Record<OwnerKey, string>>;
  readonly done?: Readonly<Record<string, boolean>>;
  readonly notes?: Readonly<Record<string, string>>;
  /** The engagement start typed in the pane; absent: the assumption. */
  readonly startDate?: CalendarDate | null;
  readonly today?: CalendarDate;
}

const SELECT_A_ROW = "Select a vendor row in the table to see its governance checklist.";

export type FoundRow =
  | {
      kind: "row";
      table: string;
      rowIndex: number;
      evaluation: Evaluation;
      assumptions: Assumptions;
      /** What the buyer typed is kept under: the Vendor and, in a rate card with an Option column, the Option. */
      vendorOption: VendorOption;
      /** Whether another row of the table names the same vendor (two quotes from one vendor): its sheet is told apart by row. Reads every row: asked only when it decides. */
      sharedName: () => Promise<boolean>;
      /** The assumptions sheet the values came from (null: none yet, the defaults), for links to its cells. */
      assumptionsSheet?: SheetChoice | null;
    }
  | { kind: "none"; message: string }
  | { kind: "error"; message: string }
  /** A cell the cost needs is bad, but the row's categories read: the checklist parts that need no cost can still be shown. */
  | { kind: "partial"; table: string; rowIndex: number; row: VendorRow; assumptions: Assumptions; message: string; vendorOption: VendorOption };

/**
 * The row read with its bad cells set aside, when none of them is one the cost-free parts
 * read: a rate of "TBD" blocks the cost, not the owners or the contract items. A bad required
 * number is read as a placeholder that nothing shown depends on.
 */
function costFreeRow(cells: readonly CellValue[], map: HeaderMap, a: Assumptions, first: ModelError): { row: VendorRow; bad: string[] } | null {
  const current = [...cells];
  const bad: string[] = [];
  let error = first;
  for (let attempt = 0; attempt < FIELDS.length; attempt++) {
    const spec = FIELDS.find((f) => f.header === error.field);
    if (!spec || (COST_FREE_FIELDS as readonly string[]).includes(spec.key)) return null;
    const column = map.columns[spec.key];
    if (column === undefined) return null;
    bad.push(`${spec.header} '${String(current[column] ?? "")}'`);
    current[column] = spec.required ? 1 : null;
    const again = readRow(current, map, a);
    if (again === null) return null;
    if (again.ok) return { row: again.value, bad };
    error = again.error;
  }
  return null;
}

/**
 * The row's checklist needs that row, the header row, the mapping and the assumptions: the
 * other rows are read only when a sheet of the same vendor made for another row exists (to
 * tell two quotes of one vendor from a sorted table), so following the selection costs the
 * same on ten rows as on 100,000.
 */
export async function readSelectedRow(port: WorkbookPort, request: ChecklistRequest): Promise<FoundRow> {
  let table = request.table ?? null;
  let rowIndex = request.rowIndex;
  if (rowIndex === undefined) {
    const selection = await port.getSelection();
    const inTable = selection?.table && selection.rowIndex !== undefined;
    if (!inTable && !request.whileOutside) return { kind: "none", message: SELECT_A_ROW };
    table = inTable ? selection.table! : request.whileOutside!.table;
    rowIndex = inTable ? selection.rowIndex! : request.whileOutside!.rowIndex;
  }
  if (!table) return { kind: "none", message: SELECT_A_ROW };
  const found = await port.readTableRow(table, rowIndex);
  if (!found) return { kind: "error", message: `The table '${table}' was not found; it may have been renamed or deleted. Select a row of your vendor table again.` };
  if (found.row === null) return { kind: "none", message: SELECT_A_ROW };
  const read = await port.read({ settings: [MAPPING_SETTING], names: [ASSUMPTIONS_NAME], sheets: ASSUMPTIONS_SHEET_CANDIDATES });

  // The same inputs the evaluate action reads: the stored mapping, and the columns that are not the add-in's outputs.
  const memory = tableMemory(parseMappingSetting(read.settings[MAPPING_SETTING]), found.name);
  const inputs = inputHeaders(found.headers, memory);
  const inputIndexes = inputs.map((h) => found.headers.indexOf(h));
  const cells = inputIndexes.map((i) => found.row![i] ?? null);
  // Named as Excel and the evaluation name it: the sheet's row number, then the vendor.
  const sheetRow = parseRange(found.address).top + 2 + rowIndex;
  const empty = `${rowName(sheetRow)} of the table '${found.name}' is empty. Select a vendor row to see its checklist.`;
  if (isBlankRow(cells)) return { kind: "none", message: empty };

  const map = mapHeaders(inputs, memory.byHand);
  if (map.missingRequired.length > 0)
    return {
      kind: "error",
      message: `The table '${found.name}' has no column for ${map.missingRequired.join(" and ")}. Map the columns in the vendor table step first.`,
    };
  const assumptionsSheet = chooseAssumptionsSheet({ names: read.names, sheets: await withNamedAssumptionsSheet(port, read) });
  const assumptions = assumptionsOf(assumptionsSheet, request.today ?? localToday());
  if (!assumptions.ok) return { kind: "error", message: assumptions.message };
  const result = evaluateCells(cells, map, assumptions.value);
  if (result === null) return { kind: "none", message: empty };
  if (!result.ok) {
    const vendorAt = map.columns.vendor;
    const named = vendorAt === undefined ? "" : String(cells[vendorAt] ?? "");
    const message = `${rowName(sheetRow, named)} of the table '${found.name}': ${result.error.message}`;
    const costFree = costFreeRow(cells, map, assumptions.value, result.error);
    if (!costFree) return { kind: "error", message };
    return {
      kind: "partial",
      table: found.name,
      rowIndex,
      row: costFree.row,
      assumptions: assumptions.value,
      vendorOption: { table: found.name, vendor: costFree.row.vendor, option: costFree.row.option, rowIndex },
      message: `${message}. The cost, risk, readiness checks and pilot need ${costFree.bad.length === 1 ? "that cell" : `those cells (${costFree.bad.join(", ")})`}: correct it in the table. The owners, contract items and security rules below do not depend on it.`,
    };
  }
  if (isRateCard(map)) {
    const option = await optionOfRow(port, found.name, rowIndex, parseRange(found.address).top + 2, inputIndexes, map, assumptions.value);
    return option.kind === "row" ? { ...option, assumptionsSheet } : option;
  }
  const vendor = result.value.row.vendor.trim();
  const vendorColumn = map.columns.vendor;
  const vendorIndex = vendorColumn === undefined ? undefined : inputIndexes[vendorColumn];
  const index = rowIndex;
  const sharedName = async () => {
    if (vendor === "" || vendorIndex === undefined) return false;
    const whole = await port.read({ table: { name: found.name, values: true } });
    // A table too large to read at once: assume another quote of the vendor may own the sheet, so none is overwritten.
    if (!whole.table?.rows) return true;
    return whole.table.rows.some((row, i) => i !== index && String(row[vendorIndex] ?? "").trim() === vendor);
  };
  const vendorOption = { table: found.name, vendor: result.value.row.vendor, option: result.value.row.option, rowIndex };
  return { kind: "row", table: found.name, rowIndex, evaluation: result.value, assumptions: assumptions.value, vendorOption, sharedName, assumptionsSheet };
}

/**
 * In a rate card (model/rateCard.ts) a row is one role of its vendor option: the checklist is
 * the option's, made from all its rows, kept on one sheet whichever of its rows is selected
 * (the option's first row names it), under the option's name.
 */
async function optionOfRow(port: WorkbookPort, table: string, rowIndex: number, firstSheetRow: number, inputIndexes: readonly number[], map: HeaderMap, a: Assumptions): Promise<FoundRow> {
  const whole = await port.read({ table: { name: table, values: true } });
  const rows = (whole.table?.rows ?? []).map((raw) => {
    const read = readRow(inputIndexes.map((i) => raw[i] ?? null), map, a);
    return read !== null && read.ok ? read.value : undefined;
  });
  const group = groupOptions(rows, true).find((g) => g.members.includes(rowIndex));
  const sheetRow = firstSheetRow + rowIndex;
  if (group === undefined) return { kind: "error", message: `${rowName(sheetRow)} of the table '${table}' could not be read with the rest of its table; select it again.` };
  const members = group.members.map((i) => rows[i] as VendorRow);
  const conflict = optionConflict(group.name, members, (k) => `row ${firstSheetRow + group.members[k]}`);
  if (conflict) return { kind: "error", message: `${rowName(sheetRow)} of the table '${table}': ${conflict.message}` };
  const option = evaluateOption(members, a).evaluation;
  const evaluation = { ...option, row: { ...option.row, vendor: group.name } };
  // Options are told apart by name (Vendor and Option), so no other option shares this one's.
  const vendorOption = { table, vendor: members[0].vendor, option: members[0].option, rowIndex: group.members[0] };
  return { kind: "row", table, rowIndex: group.members[0], evaluation, assumptions: a, vendorOption, sharedName: async () => group.name === "" };
}

/**
 * The workbook's assumptions sheet when there is one; otherwise the documented defaults, as the
 * evaluate action would write them. The buyer time zone is the workbook's setting: the
 * computer's own zone is never read, so a checklist reads the same on every machine.
 */
function assumptionsOf(choice: SheetChoice | null, today: CalendarDate): { ok: true; value: Assumptions } | { ok: false; message: string } {
  let table: CellValue[][] = [];
  const sheet = choice?.snapshot;
  if (sheet) {
    table = assumptionTable(sheet);
  }
  const parsed = withRates(parseAssumptions(table, today), exchangeRatesOf(sheet ?? null));
  if (!parsed.ok) return { ok: false, message: `The assumptions sheet '${choice?.name}' has a problem: ${parsed.error.message}. Correct that cell and try again.` };
  return { ok: true, value: parsed.value };
}

export function localToday(): CalendarDate {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

