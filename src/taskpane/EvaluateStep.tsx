// Step 3: write Total cost, Risk score and Location fit into the table. Progress and the
// outcome go to the live region; a name collision is refused with an offer of another name.
import { lazy, Suspense, useState } from "react";
import { Button, StepProgress } from "./controls";
import { Notice } from "./Notice";
import { usePane } from "./PaneContext";
import { FailureMessage, failureFrom } from "./failure";
import type { EvaluateOutcome, EvaluateProgress, PaneFailure } from "./paneActions";

// Drawn only after a calculation, with Fluent components the first paint does not need: loaded then.
const ResultsSummary = lazy(() => import(/* webpackChunkName: "evaluate" */ "./ResultsSummary").then((m) => ({ default: m.ResultsSummary })));
const RowProblems = lazy(() => import(/* webpackChunkName: "evaluate" */ "./RowProblems").then((m) => ({ default: m.RowProblems })));

/** The step's button: what it does, in the buyer's words. */
export const CALCULATE = "Calculate cost, risk and fit";

type EvaluateState =
  | { readonly kind: "idle" }
  | { readonly kind: "running"; readonly progress: EvaluateProgress | null }
  | { readonly kind: "outcome"; readonly outcome: EvaluateOutcome }
  | { readonly kind: "failed"; readonly failure: PaneFailure };

// Fluent's Combobox would take the pane past its up-front script budget: it loads on demand, and Evaluate waits for it.
const BuyerTimeZoneField = lazy(() => import("./BuyerTimeZoneField").then((m) => ({ default: m.BuyerTimeZoneField })));

export function doneSummary(outcome: Extract<EvaluateOutcome, { kind: "done" }>): string {
  const columns = outcome.columns.length > 1 ? outcome.columns.slice(0, -1).join(", ") + " and " + outcome.columns.at(-1) : outcome.columns.join("");
  const rows = `${outcome.rowCount} ${outcome.rowCount === 1 ? "row" : "rows"}`;
  const errors = outcome.rowErrors.length > 0 ? ` ${outcome.rowErrors.length} of them could not be computed: see below.` : "";
  return `${columns} written to ${outcome.table} (${rows}).${errors}`;
}

export interface EvaluateStepProps {
  readonly table: string;
  /** Steps before this one are busy (mapping being saved...). */
  readonly blocked: boolean;
  readonly onEvaluated?: (outcome: EvaluateOutcome) => void;
  /** Tells when an evaluation starts and ends, so steps writing the same columns wait. */
  readonly onRunning?: (running: boolean) => void;
  /** The last outcome for this table, shown again when the step is drawn anew (the table looked up again). */
  readonly lastOutcome?: EvaluateOutcome;
}

export function EvaluateStep({ table, blocked, onEvaluated, onRunning, lastOutcome }: EvaluateStepProps) {
  const { actions, announce } = usePane();
  const [state, setState] = useState<EvaluateState>(lastOutcome ? { kind: "outcome", outcome: lastOutcome } : { kind: "idle" });
  const [outputNames, setOutputNames] = useState<Readonly<Record<string, string>>>({});
  const running = state.kind === "running";
  const [zoneReady, setZoneReady] = useState(false);

  async function run(names: Readonly<Record<string, string>>) {
    setState({ kind: "running", progress: null });
    onRunning?.(true);
    announce(`Calculating cost, risk and fit for ${table}…`);
    try {
      const outcome = await actions.evaluate(table, {
        outputNames: names,
        onProgress: (progress) => {
          setState({ kind: "running", progress });
          announce(`${progress.step}…`);
        },
      });
      setState({ kind: "outcome", outcome });
      if (outcome.kind === "done") announce(doneSummary(outcome));
      else if (outcome.kind === "collision") announce(outcome.message);
      else announce(`${outcome.message} ${outcome.written}`);
      onEvaluated?.(outcome);
    } catch (error) {
      const failure = failureFrom(error, `Calculating ${table} failed`, "Check the table is not being edited and try again.");
      setState({ kind: "failed", failure });
      announce(`${failure.what} ${failure.written}`);
    } finally {
      onRunning?.(false);
    }
  }

  function acceptSuggestion(header: string, suggestion: string) {
    const names = { ...outputNames, [header]: suggestion };
    setOutputNames(names);
    void run(names);
  }

  return (
    <div className="pane-stack">
      {state.kind === "outcome" && state.outcome.kind === "done" && state.outcome.summary.evaluated > 0 && (
        <Suspense fallback={null}>
          <ResultsSummary summary={state.outcome.summary} />
        </Suspense>
      )}
      <Suspense fallback={<p>Buyer time zone: loading…</p>}>
        <BuyerTimeZoneField disabled={running || blocked} onReadyChange={setZoneReady} />
      </Suspense>
      <Button appearance="primary" onClick={() => void run(outputNames)} disabled={running || blocked || !zoneReady}>
        {CALCULATE}
      </Button>
      {running && <StepProgress id="evaluate-progress" progress={state.progress} idle="Calculating…" />}
      {state.kind === "failed" && <FailureMessage failure={state.failure} />}
      {state.kind === "outcome" && state.outcome.kind === "done" && <DoneMessage outcome={state.outcome} />}
      {state.kind === "outcome" && state.outcome.kind === "collision" && (
        <Notice
          intent="warning"
          title={`Column '${state.outcome.header}' holds your own values`}
          actions={
            <Button onClick={() => state.outcome.kind === "collision" && acceptSuggestion(state.outcome.header, state.outcome.suggestion)}>
              {`Use '${state.outcome.suggestion}' instead`}
            </Button>
          }
        >
          {state.outcome.message}
        </Notice>
      )}
      {state.kind === "outcome" && state.outcome.kind === "refused" && (
        <FailureMessage failure={{ what: "Calculation stopped", whatToDo: state.outcome.message, written: state.outcome.written }} />
      )}
    </div>
  );
}

function DoneMessage({ outcome }: { outcome: Extract<EvaluateOutcome, { kind: "done" }> }) {
  return (
    <Notice intent={outcome.rowErrors.length > 0 ? "warning" : "success"} title="Calculated">
        {doneSummary(outcome)}
        {outcome.assumptionsNote ? ` ${outcome.assumptionsNote}` : ""}
        {outcome.warnings.length > 0 && (
          <ul className="pane-list" aria-label="Warnings">
            {outcome.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
        {outcome.rowErrors.length > 0 && (
          <Suspense fallback={null}>
            <RowProblems errors={outcome.rowErrors} label="Rows that could not be computed" />
          </Suspense>
        )}
    </Notice>
  );
}
