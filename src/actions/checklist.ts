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
import { buildChecklist, CHECK_KEYS, type CheckKey, type CheckStatus, type Checklist, type OwnerKey } from "../model/checklist";
import type { Evaluation } from "../model/types";
import type { WorkbookPort } from "../workbook/port";
import { undoHint } from "./outcome";
import { localToday, readSelectedRow, type ChecklistRequest } from "./checklistSelectedRow";
import { pickSheet, sheetCandidates } from "./checklistSheetLayout";
import { mergeAnswers, mergeNames, planChecklistSheet, userInputOf } from "./checklistKeepsTyped";

export type { ChecklistRequest } from "./checklistSelectedRow";
export { checklistSheetName } from "./checklistSheetLayout";
export { mergeChecklistInput, planChecklistSheet, type SheetPlan } from "./checklistKeepsTyped";

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
}

export type ChecklistLoad =
  | LoadedChecklist
  /** Nothing to show yet: no row selected, or a blank row. */
  | { readonly kind: "none"; readonly message: string }
  /** The row cannot be evaluated: what is wrong and what to do. */
  | { readonly kind: "error"; readonly message: string };

export type InsertOutcome =
  | { readonly kind: "done"; readonly sheet: string; readonly created: boolean; readonly keptCells: number; readonly checklist: Checklist; readonly message: string }
  | { readonly kind: "refused"; readonly message: string };



/** The checklist of the selected row (or of `request.table`/`rowIndex`), with names and answers from its sheet. */
export async function loadChecklist(port: WorkbookPort, request: ChecklistRequest = {}): Promise<ChecklistLoad> {
  const found = await readSelectedRow(port, request);
  if (found.kind !== "row") return found;
  const sheets = await port.read({ sheets: sheetCandidates(found.evaluation.row.vendor, found.rowIndex) });
  const target = await pickSheet(sheets.sheets, found);
  const fromSheet = target.snapshot ? userInputOf(target.snapshot) : { ownerNames: {}, answers: {} };
  const ownerNames = mergeNames(fromSheet.ownerNames, request.ownerNames);
  const answers = mergeAnswers(fromSheet.answers, request.answers);
  const checklist = buildChecklist(found.evaluation, { ownerNames, answers, today: request.today ?? localToday(), assumptions: found.assumptions });
  return {
    kind: "ready",
    table: found.table,
    rowIndex: found.rowIndex,
    evaluation: found.evaluation,
    assumptions: found.assumptions,
    checklist,
    sheetName: target.name,
    sheetExists: target.snapshot !== null,
    ownerNames,
    answers,
  };
}

// ---------------------------------------------------------------------------------------
// Insert or refresh

/** Inserts the checklist of the selected row (or `request.table`/`rowIndex`) as a sheet, or refreshes it in place. */
export async function insertChecklistSheet(port: WorkbookPort, request: ChecklistRequest = {}): Promise<InsertOutcome> {
  const found = await readSelectedRow(port, request);
  if (found.kind !== "row") return { kind: "refused", message: found.message };
  const vendor = found.evaluation.row.vendor;
  const sheets = await port.read({ sheets: sheetCandidates(vendor, found.rowIndex) });
  const target = await pickSheet(sheets.sheets, found);
  if (!target.snapshot && Object.values(sheets.sheets).every((s) => s !== null))
    return { kind: "refused", message: `Every sheet name for '${vendor}' is taken (up to '${target.name}'). Rename or delete one of those sheets and try again.` };

  const fromSheet = target.snapshot ? userInputOf(target.snapshot) : { ownerNames: {}, answers: {} };
  const ownerNames = mergeNames(fromSheet.ownerNames, request.ownerNames);
  const answers = mergeAnswers(fromSheet.answers, request.answers);
  const checklist = buildChecklist(found.evaluation, { ownerNames, answers, today: request.today ?? localToday(), assumptions: found.assumptions });
  const plan = planChecklistSheet(target.name, target.snapshot, checklist, { table: found.table, rowIndex: found.rowIndex }, { ownerNames, answers });
  try {
    await port.apply(plan.changes);
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