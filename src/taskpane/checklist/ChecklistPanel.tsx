// The governance checklist of the selected vendor row: who on the buyer's side must own
// what before the engagement starts, whether it is ready, and how to start. The content
// comes from the model (buildChecklist); this component only shows it, keeps the names and
// answers the buyer types, and calls the checklist actions.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ArrowClockwiseRegular, CopyRegular } from "@fluentui/react-icons";
import { Button, Field, Input, Select } from "../controls";
import { insertChecklistSheet, loadChecklist, mergeChecklistInput, type ChecklistLoad, type LoadedChecklist } from "../../actions/checklist";
import { undoHint } from "../../actions/outcome";
import {
  buildChecklist,
  checklistToMarkdown,
  formatMoney,
  locationText,
  CHECK_STATUSES,
  type CheckKey,
  type CheckStatus,
  type OwnerKey,
} from "../../model/checklist";
import type { WorkbookPort } from "../../workbook/port";
import { Notice, type NoticeIntent } from "../Notice";

export interface ChecklistPanelProps {
  readonly port: WorkbookPort;
  /** The vendor table the pane works on; the selection decides the row. */
  readonly table: string | null;
  /**
   * The checklist is on screen (its tab chosen, the pane open). Only then does it follow the
   * selection: the shared runtime keeps this page alive with the pane closed, and every
   * selection read is a round trip to the workbook. Default true.
   */
  readonly active?: boolean;
  /** Runs `task` after `delayMs` unless cancelled; tests pass their own clock. */
  readonly schedule?: Schedule;
}

export type Schedule = (task: () => void, delayMs: number) => () => void;

/** A burst of selection moves (arrow keys held, a drag) reads the workbook once, after it. */
export const SELECTION_SETTLE_MS = 250;

const timerSchedule: Schedule = (task, delayMs) => {
  const timer = setTimeout(task, delayMs);
  return () => clearTimeout(timer);
};

type Message = { readonly intent: NoticeIntent; readonly text: string };

const styles = `
.checklist { display: flex; flex-direction: column; gap: 12px; min-width: 0; overflow-wrap: anywhere; }
.checklist h2, .checklist h3 { margin: 0; font-size: var(--fontSizeBase400); line-height: var(--lineHeightBase400); font-weight: var(--fontWeightSemibold); }
.checklist h3 { font-size: var(--fontSizeBase300); }
.checklist-facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 0; }
.checklist-facts dt { font-weight: var(--fontWeightSemibold); }
.checklist-facts dd { margin: 0; }
.checklist-list { margin: 0; padding-left: 18px; display: flex; flex-direction: column; gap: 8px; }
.checklist-plain { list-style: none; padding-left: 0; }
.checklist-duty { margin: 2px 0 0; font-size: var(--fontSizeBase200); color: var(--colorNeutralForeground2); }
.checklist-row { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.checklist-status { display: inline-block; padding: 0 6px; border-radius: var(--borderRadiusMedium); font-weight: var(--fontWeightSemibold); font-size: var(--fontSizeBase200); border: 1px solid; }
.checklist-status-Ready { color: var(--colorPaletteGreenForeground1); border-color: var(--colorPaletteGreenBorder2); background: var(--colorPaletteGreenBackground1); }
.checklist-status-Verify { color: var(--colorPaletteDarkOrangeForeground1); border-color: var(--colorPaletteDarkOrangeBorder2); background: var(--colorPaletteDarkOrangeBackground1); }
.checklist-status-Blocker { color: var(--colorPaletteRedForeground1); border-color: var(--colorPaletteRedBorder2); background: var(--colorPaletteRedBackground1); }
.checklist-actions { display: flex; flex-wrap: wrap; gap: 8px; }
.checklist textarea { width: 100%; min-height: 160px; box-sizing: border-box; font-family: var(--fontFamilyMonospace); font-size: var(--fontSizeBase200); }
`;

function localToday() {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

function Status({ status }: { status: CheckStatus }) {
  return <span className={`checklist-status checklist-status-${status}`}>{status}</span>;
}

export function ChecklistPanel({ port, table, active = true, schedule = timerSchedule }: ChecklistPanelProps) {
  const [load, setLoad] = useState<ChecklistLoad | null>(null);
  const [ownerNames, setOwnerNames] = useState<Partial<Record<OwnerKey, string>>>({});
  const [answers, setAnswers] = useState<Partial<Record<CheckKey, CheckStatus>>>({});
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState<"loading" | "inserting" | null>(active ? "loading" : null);
  const [copyFallback, setCopyFallback] = useState<string | null>(null);
  const latest = useRef(0);
  const copyArea = useRef<HTMLTextAreaElement | null>(null);
  // What the buyer typed in the pane for the row on show, so a refresh of the same row keeps it.
  const typed = useRef<{ row: string; ownerNames: Partial<Record<OwnerKey, string>>; answers: Partial<Record<CheckKey, CheckStatus>> } | null>(null);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    setBusy("loading");
    try {
      const current = typed.current;
      let result = await loadChecklist(port, {});
      // What the buyer typed in the pane for this row stays, under what the sheet holds.
      if (result.kind === "ready" && current && current.row === rowKey(result)) result = { ...result, ...mergeChecklistInput(result, current) };
      if (request !== latest.current) return;
      setLoad(result);
      if (result.kind === "ready") {
        setOwnerNames(result.ownerNames);
        setAnswers(result.answers);
        typed.current = { row: rowKey(result), ownerNames: result.ownerNames, answers: result.answers };
      }
      setCopyFallback(null);
    } catch (error) {
      if (request !== latest.current) return;
      setLoad({ kind: "error", message: `The selected row could not be read: ${error instanceof Error ? error.message : String(error)}. Press Refresh to try again.` });
    } finally {
      if (request === latest.current) setBusy(null);
    }
  }, [port]);

  useEffect(() => {
    if (!active) return;
    void refresh();
    let stop: (() => Promise<void>) | null = null;
    let unmounted = false;
    let pending: (() => void) | null = null;
    const settle = () => {
      pending?.();
      pending = schedule(() => {
        pending = null;
        void refresh();
      }, SELECTION_SETTLE_MS);
    };
    port
      .onSelectionChanged(settle)
      .then((off) => {
        if (unmounted) void off().catch(() => undefined);
        else stop = off;
      })
      // Selection events are unreliable on some platforms; the Refresh button stays.
      .catch(() => undefined);
    const requests = latest;
    return () => {
      unmounted = true;
      pending?.();
      // Answers still on their way belong to a panel that is gone.
      requests.current++;
      if (stop) void stop().catch(() => undefined);
    };
  }, [port, table, refresh, active, schedule]);

  // When copying was refused, the text is focused and selected so Ctrl+C copies it.
  useEffect(() => {
    if (copyFallback !== null && copyArea.current) {
      copyArea.current.focus();
      copyArea.current.select();
    }
  }, [copyFallback]);

  const ready = load?.kind === "ready" ? load : null;
  const checklist = useMemo(
    () => (ready ? buildChecklist(ready.evaluation, { ownerNames, answers, today: localToday(), assumptions: ready.assumptions }) : null),
    [ready, ownerNames, answers],
  );

  function setOwner(key: OwnerKey, name: string) {
    const next = { ...ownerNames, [key]: name };
    setOwnerNames(next);
    if (ready) typed.current = { row: rowKey(ready), ownerNames: next, answers };
  }

  function setAnswer(key: CheckKey, status: CheckStatus) {
    const next = { ...answers, [key]: status };
    setAnswers(next);
    if (ready) typed.current = { row: rowKey(ready), ownerNames, answers: next };
  }

  async function insert() {
    if (!ready) return;
    setBusy("inserting");
    setMessage(null);
    try {
      const outcome = await insertChecklistSheet(port, { table: ready.table, rowIndex: ready.rowIndex, ownerNames, answers });
      setMessage(outcome.kind === "done" ? { intent: "success", text: outcome.message } : { intent: "error", text: outcome.message });
    } catch (error) {
      setMessage({ intent: "error", text: `The checklist sheet could not be written: ${error instanceof Error ? error.message : String(error)}. Try again.${undoHint(error)}` });
    } finally {
      setBusy(null);
    }
    // Names typed on the sheet win: show what the sheet now holds.
    await refresh();
  }

  async function copy() {
    if (!checklist) return;
    const text = checklistToMarkdown(checklist);
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setCopyFallback(null);
      setMessage({ intent: "success", text: "The checklist is on the clipboard as Markdown; paste it into an e-mail." });
    } catch {
      setCopyFallback(text);
      setMessage({ intent: "warning", text: "This browser did not allow copying. The text is selected below: press Ctrl+C (Cmd+C on a Mac) to copy it." });
    }
  }

  return (
    <section className="checklist" aria-labelledby="checklist-heading" aria-busy={busy !== null}>
      <style>{styles}</style>
      <div className="checklist-actions">
        <Button appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void refresh()} disabled={busy === "inserting"}>
          Refresh
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {busy === "loading" && !load ? "Reading the selected row…" : null}
      </div>
      {load?.kind === "none" && (
        <>
          <h2 id="checklist-heading">Governance checklist</h2>
          <p>{load.message}</p>
        </>
      )}
      {load?.kind === "error" && (
        <>
          <h2 id="checklist-heading">Governance checklist</h2>
          <Notice intent="error">{load.message}</Notice>
        </>
      )}
      {ready && checklist && (
        <>
          <h2 id="checklist-heading">Governance checklist: {checklist.header.vendor || `row ${ready.rowIndex + 1}`}</h2>
          <dl className="checklist-facts">
            <dt>Location</dt>
            <dd>{locationText(checklist.header)}</dd>
            <dt>Engagement</dt>
            <dd>{checklist.header.engagementModel}</dd>
            <dt>Pricing</dt>
            <dd>{checklist.header.pricingModel}</dd>
            <dt>Total cost</dt>
            <dd>{formatMoney(checklist.header.totalCost)}</dd>
            <dt>Risk score</dt>
            <dd>
              {Math.round(checklist.header.riskScore)} ({checklist.header.riskLabel})
            </dd>
            <dt>Location fit</dt>
            <dd>
              {checklist.header.locationFit}, {Math.round(checklist.header.overlapHours * 10) / 10} h overlap
            </dd>
            <dt>Readiness</dt>
            <dd>
              <Status status={checklist.readiness.overall} /> {checklist.readiness.ready} ready, {checklist.readiness.verify} to verify, {checklist.readiness.blocker} blocker
              {checklist.readiness.blocker === 1 ? "" : "s"}
            </dd>
          </dl>

          <h3>Governance owners</h3>
          <ul className="checklist-list checklist-plain">
            {checklist.owners.map((o) => (
              <li key={o.key}>
                <Field
                  label={`${o.role} name`}
                  hint={o.decides}
                  validationState={o.missing ? "warning" : "none"}
                  validationMessage={o.missing ? "Name missing: name a person on your side." : undefined}
                >
                  <Input value={ownerNames[o.key] ?? ""} onChange={(_, data) => setOwner(o.key, data.value)} />
                </Field>
                <p className="checklist-duty">
                  <strong>You:</strong> {o.buyerDuty} <strong>Provider:</strong> {o.providerDuty}
                </p>
              </li>
            ))}
          </ul>

          <h3>Readiness checks</h3>
          <ul className="checklist-list checklist-plain">
            {checklist.checks.map((c) => (
              <li key={c.key}>
                <div className="checklist-row">
                  <strong>{c.label}</strong> <Status status={c.status} />
                </div>
                <p className="checklist-duty">{c.reason}</p>
                {c.answerable && (
                  <div className="checklist-row">
                    <label htmlFor={`checklist-answer-${c.key}`}>Your answer for {c.label.toLowerCase()}</label>
                    <Select id={`checklist-answer-${c.key}`} value={answers[c.key] ?? "Verify"} onChange={(_, data) => setAnswer(c.key, data.value as CheckStatus)}>
                      {CHECK_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {s}
                        </option>
                      ))}
                    </Select>
                  </div>
                )}
              </li>
            ))}
          </ul>

          {checklist.mitigations.length > 0 && (
            <>
              <h3>Mitigations for the top risks</h3>
              <ul className="checklist-list">
                {checklist.mitigations.map((m) => (
                  <li key={m.riskKey}>
                    <strong>
                      {m.risk} ({Math.round(m.score)}):
                    </strong>{" "}
                    {m.mitigation}
                    <p className="checklist-duty">{m.cause}</p>
                  </li>
                ))}
              </ul>
            </>
          )}

          {checklist.securityRules.length > 0 && (
            <>
              <h3>Security and access rules before onboarding</h3>
              <ul className="checklist-list">
                {checklist.securityRules.map((s) => (
                  <li key={s.key}>
                    <strong>{s.title}:</strong> {s.rule}
                  </li>
                ))}
              </ul>
            </>
          )}

          <h3>Pilot plan</h3>
          <ol className="checklist-list">
            {checklist.pilotPlan.map((p) => (
              <li key={p.key}>
                <strong>{p.title.replace(/^\d+\.\s*/, "")}:</strong> {p.detail}
              </li>
            ))}
          </ol>

          <div className="checklist-actions">
            <Button appearance="primary" onClick={() => void insert()} disabled={busy !== null}>
              Insert as sheet
            </Button>
            <Button icon={<CopyRegular />} onClick={() => void copy()} disabled={busy === "inserting"}>
              Copy as text
            </Button>
          </div>
          {/* Beside the buttons, where the eye is after a click; a live region for screen readers. */}
          <div role="status" aria-live="polite">
            {busy === "inserting" ? "Writing the checklist sheet…" : null}
            {message && <Notice intent={message.intent}>{message.text}</Notice>}
          </div>
          <p className="checklist-duty">
            {ready.sheetExists
              ? `The sheet '${ready.sheetName}' exists: inserting refreshes it and keeps the names, ticks and notes typed there.`
              : `Inserts the sheet '${ready.sheetName}'.`}
          </p>
          {copyFallback !== null && (
            <>
              <label htmlFor="checklist-copy-text">Checklist as Markdown</label>
              <textarea id="checklist-copy-text" readOnly value={copyFallback} ref={copyArea} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function rowKey(loaded: LoadedChecklist): string {
  return `${loaded.table.toLowerCase()}\u0001${loaded.rowIndex}\u0001${loaded.evaluation.row.vendor}`;
}
