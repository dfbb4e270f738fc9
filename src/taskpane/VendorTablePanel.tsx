// The first tab: find the table, map its columns, evaluate, share with finance. Each step calls one action and
// turns its outcome or failure into words; the rules live in the actions and the model.
import { useCallback, useEffect, useState } from "react";
import type { FieldKey } from "../model/types";
import { ColumnMapping } from "./ColumnMapping";
import { EvaluateStep } from "./EvaluateStep";
import { FailureMessage, failureFrom } from "./failure";
import { FinanceStep } from "./FinanceStep";
import { FindTable, NEW_TABLE_NAME } from "./FindTable";
import { usePane } from "./PaneContext";
import type { EvaluateOutcome, FinanceMode, FindTableResult, MappingView, PaneFailure, TableActionOutcome } from "./paneActions";

export interface VendorTablePanelProps {
  readonly expectedHeaders: readonly { header: string; required: boolean }[];
  /** Tells the pane which table the buyer works on (the checklist tab follows it). */
  readonly onTableChange?: (table: string | null) => void;
  /** How the table's three columns were last prepared for finance; null once Evaluate made them live again. */
  readonly onFinanceChange?: (prepared: PreparedForFinance | null) => void;
}

export interface PreparedForFinance {
  readonly table: string;
  readonly mode: FinanceMode;
  readonly sheet: string;
}

export function VendorTablePanel({ expectedHeaders, onTableChange, onFinanceChange }: VendorTablePanelProps) {
  const { actions, announce, workbookChanged } = usePane();
  const [found, setFound] = useState<FindTableResult | null>(null);
  const [table, setTable] = useState<string | null>(null);
  const [mapping, setMapping] = useState<MappingView | null>(null);
  const [failure, setFailure] = useState<PaneFailure | null>(null);
  const [busy, setBusy] = useState(false);
  // Evaluate and Prepare for finance each rewrite the three columns: the other step's last
  // message no longer describes them once one of them ran.
  const [evaluations, setEvaluations] = useState(0);
  const [preparations, setPreparations] = useState(0);
  const [writing, setWriting] = useState<"evaluate" | "finance" | null>(null);
  // The last calculation's outcome (its summary and the rows to fix) outlives the step, which
  // is drawn anew when the table is looked up again.
  const [calculated, setCalculated] = useState<{ readonly table: string; readonly outcome: EvaluateOutcome } | null>(null);

  const chooseTable = useCallback(
    async (name: string | null) => {
      setTable(name);
      setMapping(null);
      onTableChange?.(name);
      if (!name) return;
      try {
        setMapping(await actions.readMapping(name));
      } catch (error) {
        setFailure(failureFrom(error, `Reading the columns of ${name} failed`, "Choose Refresh; if the table was renamed or deleted, pick it again."));
      }
    },
    [actions, onTableChange],
  );

  const refreshMapping = useCallback(async () => {
    if (!table) return;
    try {
      setMapping(await actions.readMapping(table));
    } catch {
      // The evaluation's own message already told what happened; the old view stays.
    }
  }, [actions, table]);

  const lookForTables = useCallback(
    async (prefer?: string) => {
      setFound(null);
      setFailure(null);
      try {
        const result = await actions.findVendorTables();
        setFound(result);
        const best = result.tables.find((c) => c.table.name === prefer) ?? result.tables[0];
        await chooseTable(best ? best.table.name : null);
        announce(
          result.tables.length > 0
            ? `${result.tables.length} vendor ${result.tables.length === 1 ? "table" : "tables"} found; using ${best!.table.name}.`
            : result.region
              ? "No vendor table yet; your data is a plain range."
              : "No vendor table found.",
        );
      } catch (error) {
        setFound({ tables: [], region: null, expectedHeaders: [] });
        setFailure(failureFrom(error, "Looking for vendor tables failed", "Choose Refresh; if it keeps failing, reopen the pane."));
      }
    },
    [actions, announce, chooseTable],
  );

  useEffect(() => {
    void lookForTables();
  }, [lookForTables]);

  /** Runs one step; a refusal (`{ ok: false }`) or a thrown error is shown, a new table is picked. */
  async function step(what: string, whatToDo: string, work: () => Promise<TableActionOutcome | undefined>) {
    setBusy(true);
    setFailure(null);
    try {
      const outcome = await work();
      if (outcome && !outcome.ok) {
        // The action's message already says what happened, what to do and what changed.
        setFailure({ what, whatToDo: outcome.message, written: "" });
        announce(`${what}. ${outcome.message}`);
      } else if (outcome) {
        workbookChanged();
        await lookForTables(outcome.table);
      }
    } catch (error) {
      const f = failureFrom(error, what, whatToDo);
      setFailure(f);
      announce(`${f.what} ${f.written}`);
    } finally {
      setBusy(false);
    }
  }

  const onMap = (field: FieldKey, column: string | null) =>
    step("Saving the column mapping failed", "Try again; the previous mapping is still in use.", async () => {
      if (!table) return undefined;
      const view = await actions.mapByHand(table, field, column);
      setMapping(view);
      workbookChanged();
      announce(column ? `Mapping saved: ${column} feeds ${view.mappableFields.find((f) => f.field === field)?.fieldHeader ?? field}.` : "Mapping forgotten.");
      return undefined;
    });

  return (
    <div className="pane-stack">
      <section aria-labelledby="step-table" className="pane-stack">
        <h2 id="step-table">1. Find your quotes</h2>
        <FindTable
          result={found}
          selected={table}
          busy={busy}
          expectedHeaders={expectedHeaders}
          onSelect={(name) => void chooseTable(name)}
          onLookAgain={() => void lookForTables(table ?? undefined)}
          onMakeTable={() =>
            void step("Making the table failed", "Select a cell inside your vendor data and try again, or insert it as a table yourself (Ctrl+T).", async () => {
              if (!found?.region) return undefined;
              const outcome = await actions.makeTable(found.region, NEW_TABLE_NAME);
              if (outcome.ok) announce([`Table ${outcome.table} made.`, ...(outcome.notes ?? [])].join(" "));
              return outcome;
            })
          }
          onInsertExample={() =>
            void step("Inserting the example table failed", "Try again; if a sheet with the same name exists, rename or delete it first.", async () => {
              const outcome = await actions.insertExampleTable();
              if (outcome.ok) announce(`Example table ${outcome.table} inserted on sheet '${outcome.sheet}'.`);
              return outcome;
            })
          }
        />
      </section>
      {failure && <FailureMessage failure={failure} />}
      {table && mapping && (
        <>
          <section aria-labelledby="step-columns" className="pane-stack">
            <h2 id="step-columns">2. Columns</h2>
            <ColumnMapping key={table} view={mapping} busy={busy} onMap={(field, column) => void onMap(field, column)} />
          </section>
          <section aria-labelledby="step-evaluate" className="pane-stack">
            <h2 id="step-evaluate">3. Calculate</h2>
            <p>Adds Total cost, Risk score and Location fit at the table&apos;s right edge, as formulas Excel keeps up to date.</p>
            <EvaluateStep
              key={`${table}:${preparations}`}
              table={table}
              lastOutcome={calculated?.table === table ? calculated.outcome : undefined}
              blocked={busy || writing === "finance"}
              onRunning={(running) => setWriting(running ? "evaluate" : null)}
              onEvaluated={(outcome) => {
                setCalculated({ table, outcome });
                setEvaluations((n) => n + 1);
                if (outcome.kind === "done") onFinanceChange?.(null);
                workbookChanged();
                void refreshMapping();
              }}
            />
          </section>
          <section aria-labelledby="step-finance" className="pane-stack">
            <h2 id="step-finance">4. Share with finance</h2>
            <p>
              Colleagues without the add-in see #NAME? in the three columns once Excel recalculates. This writes a Finance summary sheet and makes
              the three columns plain formulas or values, so the workbook computes anywhere.
            </p>
            <FinanceStep
              key={table}
              table={table}
              blocked={busy || writing === "evaluate"}
              evaluations={evaluations}
              onRunning={(running) => setWriting(running ? "finance" : null)}
              onCalculated={(outcome) => {
                if (outcome.kind === "done") onFinanceChange?.(null);
                workbookChanged();
              }}
              onPrepared={(outcome) => {
                if (outcome.kind === "done") {
                  // The add-in's columns are now finance's: the calculation's message no longer describes them.
                  setCalculated(null);
                  setPreparations((n) => n + 1);
                  onFinanceChange?.({ table, mode: outcome.mode, sheet: outcome.sheet });
                }
                workbookChanged();
                void refreshMapping();
              }}
            />
          </section>
        </>
      )}
    </div>
  );
}
