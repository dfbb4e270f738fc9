// Prepare for finance rewrites the table's add-in columns and a sheet: before anything is
// written, the buyer reads what will change and confirms, or cancels and nothing is written.
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { CALCULATE } from "./EvaluateStep";
import type { FinancePlan } from "./paneActions";

export function confirmLabel(plan: FinancePlan): string {
  return plan.mode === "formulas" ? "Write formulas" : "Write values";
}

function list(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}` : items.join("");
}

export interface FinanceConfirmDialogProps {
  readonly plan: FinancePlan | null;
  readonly onConfirm: (plan: FinancePlan) => void;
  readonly onCancel: () => void;
  /** Where the dialog is drawn: inside the pane's themed root, so it takes the pane's colours and fonts. */
  readonly mountNode?: HTMLElement;
}

export function FinanceConfirmDialog({ plan, onConfirm, onCancel, mountNode }: FinanceConfirmDialogProps) {
  const columns = plan ? list(plan.columns.map((c) => `'${c}'`)) : "";
  return (
    // Escape and Cancel close it; focus goes back to the button that opened it (Fluent's Dialog does both).
    <Dialog open={plan !== null} modalType="modal" onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface aria-describedby="finance-confirm-what" mountNode={mountNode}>
        {plan && (
          <DialogBody>
            <DialogTitle>Prepare for finance?</DialogTitle>
            <DialogContent id="finance-confirm-what">
              {plan.calculateFirst && <p>{`The table '${plan.table}' has not been calculated yet, so ${CALCULATE} runs first.`}</p>}
              <p>This will change:</p>
              <ul className="pane-list" aria-label="What will change">
                <li>
                  {plan.mode === "formulas"
                    ? `Table '${plan.table}': the columns ${columns} get plain Excel formulas in every row, replacing the add-in's formulas.`
                    : `Table '${plan.table}': the columns ${columns} get fixed numbers in every row, replacing the add-in's formulas.`}
                </li>
                {plan.sheets.map((s) => (
                  <li key={s.name}>{s.change === "add" ? `Sheet '${s.name}' is added.` : `Sheet '${s.name}' is written again; cells you typed outside its summary stay.`}</li>
                ))}
              </ul>
              <p>{`Your own columns are not changed. ${CALCULATE} brings the add-in's formulas back.`}</p>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => onConfirm(plan)}>
                {confirmLabel(plan)}
              </Button>
              <Button appearance="secondary" onClick={onCancel}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
