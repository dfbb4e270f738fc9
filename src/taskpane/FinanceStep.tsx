// Step 4: share with finance. Colleagues without the add-in see #NAME? in the three columns
// once Excel recalculates, so the buyer picks portable formulas or values and the action
// writes the Finance summary sheet. Progress and the outcome go to the live region.
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { Button, StepProgress } from "./controls";
import { Notice } from "./Notice";
import { usePane } from "./PaneContext";
import { FailureMessage, failureFrom } from "./failure";
import type { EvaluateOutcome, FinanceMode, FinanceOutcome, FinancePlan, FinanceProgress, PaneFailure } from "./paneActions";
import { CALCULATE } from "./EvaluateStep";

// Fluent's Dialog is needed only when the buyer asks to prepare: loaded then, not with the pane.
const FinanceConfirmDialog = lazy(() => import("./FinanceConfirmDialog").then((m) => ({ default: m.FinanceConfirmDialog })));

/** Opens the confirmation; the dialog's button writes. */
export const PREPARE = "Prepare for finance…";

export const FINANCE_MODES: readonly { readonly mode: FinanceMode; readonly label: string; readonly hint: string }[] = [
  {
    mode: "formulas",
    label: "Portable formulas (recommended)",
    hint: "Plain Excel formulas over the assumptions sheet: finance can change an assumption and watch the totals move, without the add-in.",
  },
  { mode: "values", label: "Values as of now", hint: "Static numbers with the date and time they were computed; they do not recalculate." },
];

type FinanceState =
  | { readonly kind: "idle" }
  | { readonly kind: "running"; readonly progress: FinanceProgress | null }
  | { readonly kind: "done"; readonly outcome: Extract<FinanceOutcome, { kind: "done" }>; readonly preparedAt: Date; readonly calculatedFirst: boolean }
  | { readonly kind: "failed"; readonly failure: PaneFailure };

/** How many rows left out of the summary the pane lists before summarising the rest. */
const ROW_ERRORS_SHOWN = 5;

const preparedTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function financeSummary(outcome: Extract<FinanceOutcome, { kind: "done" }>, preparedAt: Date): string {
  const vendors = `${outcome.vendors.length} ${outcome.vendors.length === 1 ? "vendor" : "vendors"}`;
  const how = outcome.mode === "formulas" ? "as portable formulas" : `as values as of ${preparedTime.format(preparedAt)}`;
  const skipped = outcome.rowErrors.length > 0 ? ` ${outcome.rowErrors.length} ${outcome.rowErrors.length === 1 ? "row was" : "rows were"} left out: see below.` : "";
  const notice = outcome.notice ? ` ${outcome.notice}` : "";
  return `${vendors} on the sheet '${outcome.sheet}', ${how}.${notice}${skipped}`;
}

export interface FinanceStepProps {
  readonly table: string;
  /** Steps before this one are busy (mapping being saved...). */
  readonly blocked: boolean;
  /** Changes when the table was evaluated again: the last outcome no longer describes the columns. */
  readonly evaluations: number;
  /** After every attempt: the outcome when the action answered (a refusal may say part was written). */
  readonly onPrepared?: (outcome: FinanceOutcome) => void;
  /** Tells when a preparation starts and ends, so steps writing the same columns wait. */
  readonly onRunning?: (running: boolean) => void;
  /** The calculation run first, for a table not calculated yet. */
  readonly onCalculated?: (outcome: EvaluateOutcome) => void;
}

export function FinanceStep({ table, blocked, evaluations, onPrepared, onRunning, onCalculated }: FinanceStepProps) {
  const { actions, announce } = usePane();
  const [mode, setMode] = useState<FinanceMode>("formulas");
  const [state, setState] = useState<FinanceState>({ kind: "idle" });
  const [plan, setPlan] = useState<FinancePlan | null>(null);
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  /** Set on the first request to prepare: the dialog is loaded and drawn from then on. */
  const [mountNode, setMountNode] = useState<HTMLElement | undefined>(undefined);
  const running = state.kind === "running";

  useEffect(() => setState((s) => (s.kind === "running" ? s : { kind: "idle" })), [evaluations]);

  /** Reads what the preparation would change and asks; nothing is written before the buyer confirms. */
  async function ask() {
    if (asking || plan !== null) return;
    // The pane's theme is set as CSS variables on its root: a dialog drawn at the end of the page would miss them.
    setMountNode(opener.current?.closest<HTMLElement>(".pane-theme") ?? document.body);
    setAsking(true);
    try {
      const answer = await actions.planFinance(table, mode);
      if (answer.kind === "plan") setPlan(answer);
      else {
        const failure = { what: "Preparing for finance stopped", whatToDo: answer.message, written: "Nothing was written." };
        setState({ kind: "failed", failure });
        announce(`${failure.what}. ${failure.whatToDo} ${failure.written}`);
      }
    } catch (error) {
      const failure = failureFrom(error, "Preparing for finance failed", "Check that the sheets are not protected or being edited, then try again.");
      setState({ kind: "failed", failure });
      announce(`${failure.what} ${failure.written}`);
    } finally {
      setAsking(false);
    }
  }

  function cancel() {
    setPlan(null);
    // Back where the buyer was, so the keyboard carries on from the step's button.
    setTimeout(() => opener.current?.focus());
    announce("Nothing was written.");
  }

  async function prepare(confirmed: FinancePlan) {
    setPlan(null);
    const chosen = confirmed.mode;
    const preparedAt = new Date();
    setState({ kind: "running", progress: null });
    onRunning?.(true);
    try {
      if (confirmed.calculateFirst) {
        announce(`${CALCULATE} first…`);
        const calculated = await actions.evaluate(table, {});
        onCalculated?.(calculated);
        if (calculated.kind !== "done") {
          const failure = {
            what: "Preparing for finance stopped",
            whatToDo: `${CALCULATE} had to run first and stopped: ${calculated.message}`,
            written: calculated.kind === "refused" ? calculated.written : "Nothing was written.",
          };
          setState({ kind: "failed", failure });
          announce(`${failure.what}. ${failure.whatToDo} ${failure.written}`);
          return;
        }
      }
      announce(`Preparing ${table} for finance…`);
      const outcome = await actions.prepareForFinance(table, {
        mode: chosen,
        now: preparedAt,
        onProgress: (progress) => {
          setState({ kind: "running", progress });
          announce(`${progress.step}…`);
        },
      });
      if (outcome.kind === "done") {
        setState({ kind: "done", outcome, preparedAt, calculatedFirst: confirmed.calculateFirst });
        announce(`Prepared for finance: ${financeSummary(outcome, preparedAt)}`);
      } else {
        const failure = { what: "Preparing for finance stopped", whatToDo: outcome.message, written: outcome.written };
        setState({ kind: "failed", failure });
        announce(`${failure.what}. ${failure.whatToDo} ${failure.written}`);
      }
      onPrepared?.(outcome);
    } catch (error) {
      const failure = failureFrom(error, "Preparing for finance failed", "Check that the sheets are not protected or being edited, then try again.");
      setState({ kind: "failed", failure });
      announce(`${failure.what} ${failure.written}`);
    } finally {
      onRunning?.(false);
    }
  }

  return (
    <div className="pane-stack">
      <fieldset className="pane-fieldset" role="radiogroup" aria-labelledby="finance-mode-legend" disabled={running}>
        <legend id="finance-mode-legend">Numbers for finance</legend>
        {FINANCE_MODES.map((m) => (
          <div key={m.mode} className="pane-radio">
            <input
              type="radio"
              id={`finance-mode-${m.mode}`}
              name="finance-mode"
              value={m.mode}
              checked={mode === m.mode}
              onChange={() => setMode(m.mode)}
              aria-describedby={`finance-mode-${m.mode}-hint`}
            />
            <label htmlFor={`finance-mode-${m.mode}`}>{m.label}</label>
            <span id={`finance-mode-${m.mode}-hint`} className="pane-field-hint">
              {m.hint}
            </span>
          </div>
        ))}
      </fieldset>
      {/* Left enabled while asking: the dialog gives the focus back to this button when it closes. */}
      <Button ref={opener} appearance="primary" onClick={() => void ask()} disabled={running || blocked}>
        {PREPARE}
      </Button>
      {/* Once loaded it stays mounted, so closing runs Fluent's own path that gives the rest of the pane back to screen readers. */}
      {mountNode !== undefined && (
        <Suspense fallback={null}>
          <FinanceConfirmDialog plan={plan} onConfirm={(p) => void prepare(p)} onCancel={cancel} mountNode={mountNode} />
        </Suspense>
      )}
      {running && <StepProgress id="finance-progress" progress={state.progress} idle="Preparing for finance…" />}
      {state.kind === "failed" && <FailureMessage failure={state.failure} />}
      {state.kind === "done" && <PreparedMessage outcome={state.outcome} preparedAt={state.preparedAt} calculatedFirst={state.calculatedFirst} />}
    </div>
  );
}

function PreparedMessage({ outcome, preparedAt, calculatedFirst }: { outcome: Extract<FinanceOutcome, { kind: "done" }>; preparedAt: Date; calculatedFirst: boolean }) {
  const shown = outcome.rowErrors.slice(0, ROW_ERRORS_SHOWN);
  return (
    <Notice intent={outcome.rowErrors.length > 0 ? "warning" : "success"} title="Prepared for finance">
      {calculatedFirst ? `The table had not been calculated, so ${CALCULATE} ran first. ` : ""}
      {financeSummary(outcome, preparedAt)}
      {outcome.mode === "formulas"
        ? " The table's three add-in columns are now plain formulas: finance can change an assumption and the totals follow."
        : " The table's three add-in columns are now fixed numbers: they no longer follow the assumptions."}
      {` To get live add-in formulas back, choose ${CALCULATE}.`}
      {shown.length > 0 && (
        <ul className="pane-list" aria-label="Rows left out of the summary">
          {shown.map((e) => (
            <li key={e.tableRow}>{`Row ${e.row}: ${e.message}`}</li>
          ))}
          {outcome.rowErrors.length > shown.length && <li>{`…and ${outcome.rowErrors.length - shown.length} more.`}</li>}
        </ul>
      )}
    </Notice>
  );
}
