// The governance checklist of the selected vendor row: read the row, evaluate it through the
// model, and insert it as a formatted sheet per vendor. Running it again refreshes the
// generated parts in place and keeps what the buyer typed on that sheet (owner names,
// answers, ticks, notes): those cells are written as `null` (left alone) where they stay,
// carried where the layout moved them, and kept in a "Kept from earlier versions" block
// when the item they belonged to is gone. Nothing the buyer typed is ever dropped.
//
// Each rule has its own file: checklistSelectedRow.ts reads the row, checklistSheetLayout.ts
// lays out the sheet, checklistKeepsTyped.ts keeps what the buyer typed.

import type { Assumptions } from "../model/assumptions";
import { documentedAssumption } from "../model/assumptionTexts";
import { normaliseHeader } from "../model/fields";
import { dateToExcelSerial, type CalendarDate } from "../model/zones";
import { buildChecklist, buildCostFreeChecklist, CHECK_KEYS, type CheckKey, type CheckStatus, type Checklist, type CostFreeChecklist, type OwnerKey } from "../model/checklist";
import type { Evaluation, VendorRow } from "../model/types";
import { ASSUMPTIONS_NAME, type WorkbookChange, type WorkbookPort } from "../workbook/port";
import { ASSUMPTIONS_SHEET_CANDIDATES, chooseAssumptionsSheet, withNamedAssumptionsSheet } from "./sheets";
import { undoHint } from "./outcome";
import { localToday, readSelectedRow, type ChecklistRequest } from "./checklistSelectedRow";
import { sensitivityOf, type SelectedSensitivity } from "./checklistSensitivity";
import { pickSheet, sheetCandidates } from "./checklistSheetLayout";
import {
  CHECKLIST_INPUT_SETTING,
  EMPTY_INPUT,
  mergeInput,
  parseChecklistStore,
  planChecklistSheet,
  storedInput,
  tickableItems,
  userInputOf,
  withStoredInput,
  type ChecklistInput,
  type VendorOption,
} from "./checklistKeepsTyped";

export type { ChecklistRequest } from "./checklistSelectedRow";
export { checklistSheetName } from "./checklistSheetLayout";
export {
  CHECKLIST_INPUT_SETTING,
  EMPTY_INPUT,
  mergeChecklistInput,
  planChecklistSheet,
  saveChecklistInput,
  vendorKey,
  type ChecklistInput,
  type SheetPlan,
  type VendorOption,
} from "./checklistKeepsTyped";

export interface LoadedChecklist {
  readonly kind: "ready";
  readonly table: string;
  readonly rowIndex: number;
  readonly evaluation: Evaluation;
  /** The assumptions the row was evaluated with; the checklist reads its rules from them. */
  readonly assumptions: Assumptions;
  readonly checklist: Checklist;
  /** The sheet this vendor's checklist has or will have. */
  readonly sheetName: string;
  readonly sheetExists: boolean;
  /** Names and answers as merged from the sheet and the request. */
  readonly ownerNames: Partial<Record<OwnerKey, string>>;
  readonly answers: Partial<Record<CheckKey, CheckStatus>>;
  /** Everything typed for this vendor: on its sheet, in the request, and kept in the workbook. */
  readonly input: ChecklistInput;
  /** The buyer chose the same owners for every vendor. */
  readonly sameOwners: boolean;
  /** The assumptions that move this vendor option's total most, each with its cell. */
  readonly sensitivity: SelectedSensitivity;
  /** What the buyer types is kept under (saveChecklistInput). */
  readonly vendorOption: VendorOption;
}

export type ChecklistLoad =
  | LoadedChecklist
  /** Nothing to show yet: no row selected, or a blank row. */
  | { readonly kind: "none"; readonly message: string }
  /** The row cannot be evaluated: what is wrong and what to do. */
  | { readonly kind: "error"; readonly message: string }
  | PartialChecklistLoad;

/** A cell the cost needs is bad: the parts that do not need it, and a notice naming the cell. */
export interface PartialChecklistLoad {
  readonly kind: "partial";
  readonly table: string;
  readonly rowIndex: number;
  readonly vendor: string;
  readonly message: string;
  readonly row: VendorRow;
  readonly assumptions: Assumptions;
  readonly partial: CostFreeChecklist;
  readonly input: ChecklistInput;
  readonly sameOwners: boolean;
  readonly vendorOption: VendorOption;
}

export type InsertOutcome =
  | { readonly kind: "done"; readonly sheet: string; readonly created: boolean; readonly keptCells: number; readonly checklist: Checklist; readonly message: string }
  | { readonly kind: "refused"; readonly message: string };



/** The checklist of the selected row (or of `request.table`/`rowIndex`), with names and answers from its sheet. */
export async function loadChecklist(port: WorkbookPort, request: ChecklistRequest = {}): Promise<ChecklistLoad> {
  const found = await readSelectedRow(port, request);
  if (found.kind === "partial") {
    const read = await port.read({ settings: [CHECKLIST_INPUT_SETTING] });
    const store = parseChecklistStore(read.settings[CHECKLIST_INPUT_SETTING]);
    const input = mergeInput(EMPTY_INPUT, request, storedInput(store, found.vendorOption));
    const partial = buildCostFreeChecklist(found.row, { ...input, assumptions: found.assumptions, startDate: request.startDate });
    return { kind: "partial", table: found.table, rowIndex: found.rowIndex, vendor: found.row.vendor, message: found.message, row: found.row, assumptions: found.assumptions, partial, input, sameOwners: store.sameOwners, vendorOption: found.vendorOption };
  }
  if (found.kind !== "row") return found;
  // One read for the sheet and the kept input: each read is a round trip to the workbook.
  const sheets = await port.read({ sheets: sheetCandidates(found.evaluation.row.vendor, found.rowIndex), settings: [CHECKLIST_INPUT_SETTING] });
  const target = await pickSheet(sheets.sheets, found);
  const { input, sameOwners } = typedFor(sheets.settings[CHECKLIST_INPUT_SETTING], found, target.snapshot, request);
  const checklist = buildChecklist(found.evaluation, { ...input, today: request.today ?? localToday(), assumptions: found.assumptions, startDate: request.startDate });
  return {
    kind: "ready",
    table: found.table,
    rowIndex: found.rowIndex,
    evaluation: found.evaluation,
    assumptions: found.assumptions,
    checklist,
    sheetName: target.name,
    sheetExists: target.snapshot !== null,
    ownerNames: input.ownerNames,
    answers: input.answers,
    input,
    sameOwners,
    sensitivity: sensitivityOf(found.evaluation, found.assumptions, found.assumptionsSheet ?? null),
    vendorOption: found.vendorOption,
  };
}

/** What was typed for the row: on its sheet, in the request, and kept in the workbook's settings. */
function typedFor(
  setting: string | undefined,
  found: { vendorOption: VendorOption; evaluation: Evaluation; assumptions: Assumptions },
  snapshot: Parameters<typeof userInputOf>[0],
  request: ChecklistRequest,
): { input: ChecklistInput; sameOwners: boolean; keep: WorkbookChange } {
  const store = parseChecklistStore(setting);
  const stored = storedInput(store, found.vendorOption);
  // The items the sheet's ticks belong to are those of the checklist the sheet shows.
  const items = tickableItems(buildChecklist(found.evaluation, { assumptions: found.assumptions, startDate: request.startDate }));
  const sheet = userInputOf(snapshot, items);
  const input = mergeInput(sheet, request, stored);
  const keep: WorkbookChange = { kind: "setSetting", key: CHECKLIST_INPUT_SETTING, value: JSON.stringify(withStoredInput(store, found.vendorOption, input, store.sameOwners)) };
  return { input, sameOwners: store.sameOwners, keep };
}

// ---------------------------------------------------------------------------------------
// Insert or refresh

/** Inserts the checklist of the selected row (or `request.table`/`rowIndex`) as a sheet, or refreshes it in place. */
export async function insertChecklistSheet(port: WorkbookPort, request: ChecklistRequest = {}): Promise<InsertOutcome> {
  const found = await readSelectedRow(port, request);
  if (found.kind === "partial") return { kind: "refused", message: `${found.message.replace(/ The owners, contract items and security rules below do not depend on it\.$/, "")} The sheet is inserted once the row can be evaluated.` };
  if (found.kind !== "row") return { kind: "refused", message: found.message };
  const vendor = found.evaluation.row.vendor;
  const sheets = await port.read({ sheets: sheetCandidates(vendor, found.rowIndex), settings: [CHECKLIST_INPUT_SETTING] });
  const target = await pickSheet(sheets.sheets, found);
  if (!target.snapshot && Object.values(sheets.sheets).every((s) => s !== null))
    return { kind: "refused", message: `Every sheet name for '${vendor}' is taken (up to '${target.name}'). Rename or delete one of those sheets and try again.` };

  const { input, keep } = typedFor(sheets.settings[CHECKLIST_INPUT_SETTING], found, target.snapshot, request);
  const checklist = buildChecklist(found.evaluation, { ...input, today: request.today ?? localToday(), assumptions: found.assumptions, startDate: request.startDate });
  const plan = planChecklistSheet(target.name, target.snapshot, checklist, { table: found.table, rowIndex: found.rowIndex }, input);
  try {
    // What was typed is kept in the settings too, so it outlives the sheet.
    await port.apply([...plan.changes, keep]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: "refused", message: `The checklist sheet '${target.name}' could not be written: ${reason}. Check that the workbook is not protected, then try again: that rewrites the sheet.${undoHint(error)}` };
  }
  const created = target.snapshot === null;
  const left = target.passedOver.length === 0 ? "" : ` ${target.passedOver.map((n) => `'${n}'`).join(", ")} ${target.passedOver.length === 1 ? "is not this vendor's checklist and was" : "are not this vendor's checklist and were"} left as ${target.passedOver.length === 1 ? "it is" : "they are"}.`;
  return {
    kind: "done",
    sheet: target.name,
    created,
    keptCells: plan.keptCells,
    checklist,
    message: created
      ? `Inserted the sheet '${target.name}'. Type owner names, ticks and notes there; refreshing keeps them.${left}`
      : `Refreshed the sheet '${target.name}'; kept ${plan.keptCells} cell${plan.keptCells === 1 ? "" : "s"} you typed.${left}`,
  };
}

/** Check keys in display order, for components that list them. */
export const CHECKLIST_CHECK_KEYS = CHECK_KEYS;
/**
 * Writes the engagement start typed in the pane to the 'Engagement start date' assumption, so
 * the sheet, the pane and the next session date the items alike. A workbook made before the
 * assumption existed gets the row appended; one without an assumptions sheet is left alone.
 */
export async function setEngagementStartDate(port: WorkbookPort, date: CalendarDate | null): Promise<{ kind: "done" | "refused"; message: string }> {
  // Found by its defined name, as evaluation finds it: a sheet of the user's under the usual name is not the add-in's.
  const read = await port.read({ sheets: ASSUMPTIONS_SHEET_CANDIDATES, names: [ASSUMPTIONS_NAME] });
  const choice = chooseAssumptionsSheet({ names: read.names, sheets: await withNamedAssumptionsSheet(port, read) });
  const sheet = choice?.snapshot ?? null;
  if (!choice)
    return {
      kind: "refused",
      message: `Sheets named '${ASSUMPTIONS_SHEET_CANDIDATES[0]}' to '${ASSUMPTIONS_SHEET_CANDIDATES[ASSUMPTIONS_SHEET_CANDIDATES.length - 1]}' exist and none is the add-in's assumptions sheet, so the start date applies in this pane only. Rename one of them and evaluate the table to create the assumptions sheet.`,
    };
  if (!sheet)
    return { kind: "refused", message: `There is no assumptions sheet yet: evaluate the table once to create it as '${choice.name}'. Until then the start date applies in this pane only.` };
  const spec = documentedAssumption("engagementStartDate");
  const key = normaliseHeader(spec.name);
  let row = sheet.values.findIndex((r, i) => i > 0 && normaliseHeader(String(r[0] ?? "")) === key);
  const value = date ? dateToExcelSerial(date) : "";
  const changes: WorkbookChange[] = [];
  if (row < 0) {
    let last = sheet.values.length - 1;
    while (last > 0 && String(sheet.values[last]?.[0] ?? "").trim() === "") last--;
    row = last + 1;
    changes.push({ kind: "writeRange", sheet: choice.name, address: `A${row + 1}`, cells: [[spec.name, value, spec.unit, spec.source, spec.description]] });
  } else {
    changes.push({ kind: "writeRange", sheet: choice.name, address: `B${row + 1}`, cells: [[value]] });
  }
  changes.push({ kind: "formatRange", sheet: choice.name, address: `B${row + 1}`, format: { numberFormat: "yyyy-mm-dd" } });
  try {
    await port.apply(changes);
  } catch (error) {
    return { kind: "refused", message: `The start date could not be written to '${choice.name}': ${error instanceof Error ? error.message : String(error)}.${undoHint(error)}` };
  }
  return { kind: "done", message: date ? `Engagement start date set on '${choice.name}'.` : `Engagement start date cleared on '${choice.name}'.` };
}
