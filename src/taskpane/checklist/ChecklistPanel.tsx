// The governance checklist of the selected vendor row: who on the buyer's side must own
// what before the engagement starts, whether it is ready, and how to start. The content
// comes from the model (buildChecklist); this component only shows it, keeps the names and
// answers the buyer types, and calls the checklist actions.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
// Fluent's Button, Field, Input and Select (through ../controls); sections fold with disclosure
// buttons, not Fluent's Accordion, Badge and Checkbox, which would take the shipped scripts
// past their budget.
import { ArrowClockwiseRegular, CopyRegular } from "@fluentui/react-icons";
import { Button } from "../controls";
import { Field, Input, Select } from "../fields";
import {
  EMPTY_INPUT,
  insertChecklistSheet,
  vendorKey,
  loadChecklist,
  saveChecklistInput,
  setEngagementStartDate,
  type ChecklistInput,
  type ChecklistLoad,
} from "../../actions/checklist";
import { undoHint } from "../../actions/outcome";
import {
  buildChecklist,
  checklistToMarkdown,
  formatMoney,
  locationText,
  raciLetters,
  CHECK_STATUSES,
  type ChecklistOwner,
  type CheckKey,
  type CheckStatus,
  type OwnerKey,
  type SecurityRule,
} from "../../model/checklist";
import type { ContractItem } from "../../model/checklistContract";
import { dueText } from "../../model/checklistContract";
import type { CalendarDate } from "../../model/zones";
import type { WorkbookPort } from "../../workbook/port";
import { Notice, type NoticeIntent } from "../Notice";
import { SensitivityList } from "./SensitivityList";

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

/** Typing is kept in the workbook once it pauses, not on every key: each save is a round trip. */
export const SAVE_SETTLE_MS = 400;

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
.checklist-summary { display: flex; flex-direction: column; gap: 4px; padding: 8px; border: 1px solid var(--colorNeutralStroke2); border-radius: var(--borderRadiusMedium); }
.checklist-summary p { margin: 0; }
.checklist-sections { display: flex; flex-direction: column; gap: 4px; }
.checklist-toggle { all: unset; cursor: pointer; display: block; width: 100%; padding: 4px 0; }
.checklist-toggle:focus-visible { outline: 2px solid var(--colorStrokeFocus2); outline-offset: 2px; }
.checklist-badge { display: inline-block; padding: 0 6px; border-radius: var(--borderRadiusMedium); border: 1px solid var(--colorNeutralStroke1); font-size: var(--fontSizeBase200); }
.checklist-badge-success { color: var(--colorPaletteGreenForeground1); border-color: var(--colorPaletteGreenBorder2); background: var(--colorPaletteGreenBackground1); }
.checklist-badge-warning { color: var(--colorPaletteDarkOrangeForeground1); border-color: var(--colorPaletteDarkOrangeBorder2); background: var(--colorPaletteDarkOrangeBackground1); }
.checklist-badge-severe, .checklist-badge-danger { color: var(--colorPaletteRedForeground1); border-color: var(--colorPaletteRedBorder2); background: var(--colorPaletteRedBackground1); }
.checklist-raci { font-size: var(--fontSizeBase200); }
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
  const [input, setInput] = useState<ChecklistInput>(EMPTY_INPUT);
  const [sameOwners, setSameOwners] = useState(false);
  const [startText, setStartText] = useState("");
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState<"loading" | "inserting" | null>(active ? "loading" : null);
  const [copyFallback, setCopyFallback] = useState<string | null>(null);
  const latest = useRef(0);
  const copyArea = useRef<HTMLTextAreaElement | null>(null);
  // A save waiting for typing to pause: run at once when another vendor's save comes, before a refresh, or when the panel goes.
  const pendingSave = useRef<{ row: string; run: () => Promise<void>; cancel: () => void } | null>(null);
  const startTextRef = useRef(startText);
  startTextRef.current = startText;
  // The row on screen: kept while the selection is outside every table (an assumption's cell, another sheet).
  const shownRow = useRef<{ table: string; rowIndex: number } | null>(null);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    setBusy("loading");
    try {
      // What was typed is in the workbook before the row is read again, so it comes back with it.
      await pendingSave.current?.run();
      const start = parseIsoDate(startTextRef.current);
      const result = await loadChecklist(port, { ...(start ? { startDate: start } : {}), whileOutside: shownRow.current });
      if (request !== latest.current) return;
      setLoad(result);
      shownRow.current = result.kind === "ready" || result.kind === "partial" ? { table: result.table, rowIndex: result.rowIndex } : null;
      if (result.kind === "ready" || result.kind === "partial") {
        setInput(result.input);
        setSameOwners(result.sameOwners);
        const known = result.kind === "ready" ? result.checklist.startDate : result.partial.startDate;
        if (known && startTextRef.current === "") setStartText(known);
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
    const saves = pendingSave;
    return () => {
      unmounted = true;
      pending?.();
      // Answers still on their way belong to a panel that is gone; typing not yet saved is saved now.
      requests.current++;
      void saves.current?.run();
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
  const partial = load?.kind === "partial" ? load : null;
  const startDate = parseIsoDate(startText);
  const checklist = useMemo(
    () => (ready ? buildChecklist(ready.evaluation, { ...input, today: localToday(), assumptions: ready.assumptions, startDate: startDate ?? undefined }) : null),
    // startDate is derived from startText.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready, input, startText],
  );

  function keep(next: ChecklistInput, same = sameOwners) {
    setInput(next);
    const shown = ready ?? partial;
    if (!shown) return;
    const vendor = shown.vendorOption;
    const row = `${vendorKey(vendor)}\u0001${vendor.rowIndex}`;
    const previous = pendingSave.current;
    if (previous && previous.row !== row) void previous.run();
    else previous?.cancel();
    let done = false;
    // Assigned below; a schedule that runs the task at once (tests) finds it already set.
    let cancel: () => void = () => undefined;
    const run = async () => {
      if (done) return;
      done = true;
      cancel();
      if (pendingSave.current?.run === run) pendingSave.current = null;
      await saveChecklistInput(port, vendor, next, same).catch((error) =>
        setMessage({ intent: "error", text: `What you typed could not be kept in the workbook: ${error instanceof Error ? error.message : String(error)}. It stays in the pane; try again.` }),
      );
    };
    pendingSave.current = { row, run, cancel: () => ((done = true), cancel()) };
    cancel = schedule(() => void run(), SAVE_SETTLE_MS);
  }

  const setOwner = (key: OwnerKey, name: string) => keep({ ...input, ownerNames: { ...input.ownerNames, [key]: name } });
  const setCounterpart = (key: OwnerKey, name: string) => keep({ ...input, counterpartNames: { ...input.counterpartNames, [key]: name } });
  const setAnswer = (key: CheckKey, status: CheckStatus) => keep({ ...input, answers: { ...input.answers, [key]: status } });
  const setDone = (key: string, value: boolean) => keep({ ...input, done: { ...input.done, [key]: value } });
  const setNote = (key: string, note: string) => keep({ ...input, notes: { ...input.notes, [key]: note } });
  function chooseSameOwners(value: boolean) {
    setSameOwners(value);
    keep(input, value);
  }

  async function changeStart(text: string) {
    setStartText(text);
    const date = parseIsoDate(text);
    if (text !== "" && !date) return;
    const outcome = await setEngagementStartDate(port, date);
    if (outcome.kind === "refused") setMessage({ intent: "warning", text: outcome.message });
  }

  async function insert() {
    if (!ready) return;
    setBusy("inserting");
    setMessage(null);
    try {
      await pendingSave.current?.run();
      const outcome = await insertChecklistSheet(port, { table: ready.table, rowIndex: ready.rowIndex, ...input, startDate: startDate ?? undefined });
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

  // Until the buyer has typed anything, an empty name is work to do, not a fault.
  const touched = hasInput(input);
  const owners = checklist?.owners ?? partial?.partial.owners ?? [];
  const contract = checklist?.contractItems ?? partial?.partial.contractItems ?? [];
  const security = checklist?.securityRules ?? partial?.partial.securityRules ?? [];
  const dueDates = checklist?.dueDates ?? partial?.partial.dueDates;
  const missingNames = owners.filter((o) => o.missing).length;
  const tickKeys = [...contract.map((i) => `contract:${i.key}`), ...security.map((r) => `security:${r.key}`), ...(checklist?.pilotPlan ?? []).map((p) => `pilot:${p.key}`)];
  const doneCount = tickKeys.filter((k) => input.done[k]).length;
  const shownStatus = (key: CheckKey, status: CheckStatus): CheckStatus | null => (!touched && key === "internalOwnership" ? null : status);
  const blockers = checklist ? checklist.checks.filter((c) => shownStatus(c.key, c.status) === "Blocker").length : 0;
  const vendorName = checklist?.header.vendor || partial?.vendor || (ready ? `row ${ready.rowIndex + 1}` : partial ? `row ${partial.rowIndex + 1}` : "");

  const ownersSection = (
    <Section value="owners" title="Governance owners">
      <p className="checklist-duty">RACI: R responsible, A accountable, C consulted, I informed.</p>
      <Checkbox checked={sameOwners} onChange={(_, data) => chooseSameOwners(data.checked === true)} label="Same owners on my side for every vendor" />
      <ul className="checklist-list checklist-plain">
        {owners.map((o) => (
          <OwnerItem key={o.key} owner={o} input={input} flag={touched} onName={setOwner} onCounterpart={setCounterpart} due={dueText("Before signature", dueDates?.["Before signature"] ?? "")} />
        ))}
      </ul>
    </Section>
  );
  const contractSection = contract.length > 0 && (
    <Section value="contract" title={`Contract and exit items (${contract.length})`}>
      <ul className="checklist-list checklist-plain">
        {contract.map((item) => (
          <ContractEntry key={item.key} item={item} input={input} onDone={setDone} onNote={setNote} />
        ))}
      </ul>
    </Section>
  );
  const securitySection = security.length > 0 && (
    <Section value="security" title="Security and access rules before onboarding">
      <ul className="checklist-list checklist-plain">
        {security.map((r) => (
          <SecurityEntry key={r.key} rule={r} input={input} onDone={setDone} />
        ))}
      </ul>
    </Section>
  );
  const startField = (
    <Field label="Engagement start date" hint={startDate ? `Sign by ${dueDates?.["Before signature"] ?? ""}.` : "Optional: gives each item a date."}>
      <Input type="date" value={startText} onChange={(_, data) => void changeStart(data.value)} />
    </Field>
  );

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
      {partial && (
        <>
          <h2 id="checklist-heading">Governance checklist: {vendorName}</h2>
          <Notice intent="warning">{partial.message}</Notice>
          <div className="checklist-summary" role="region" aria-label="Summary">
            <p>
              {partial.partial.engagementModel}, {partial.partial.pricingModel}, {partial.partial.dataSensitivity} data
            </p>
            <p>
              {doneCount} of {tickKeys.length} items done; {missingNames} owner name{missingNames === 1 ? "" : "s"} to fill in
            </p>
          </div>
          {startField}
          <div className="checklist-sections">
            {ownersSection}
            {contractSection}
            {securitySection}
          </div>
          <div role="status" aria-live="polite">
            {message && <Notice intent={message.intent}>{message.text}</Notice>}
          </div>
        </>
      )}
      {ready && checklist && (
        <>
          <h2 id="checklist-heading">Governance checklist: {vendorName}</h2>
          <div className="checklist-summary" role="region" aria-label="Summary">
            <p>
              Location fit <Badge appearance="tint" color={verdictColor(checklist.header.locationFit)}>{checklist.header.locationFit}</Badge> Risk{" "}
              <Badge appearance="tint" color={riskColor(checklist.header.riskBand)}>{checklist.header.riskLabel}</Badge>
            </p>
            <p>
              {doneCount} of {tickKeys.length} items done
              {missingNames > 0 ? `; ${missingNames} owner name${missingNames === 1 ? "" : "s"} to fill in` : "; all owners named"}
              {blockers > 0 ? `; ${blockers} blocker${blockers === 1 ? "" : "s"}` : ""}
            </p>
          </div>
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
          {startField}

          <div className="checklist-sections">
            <Section value="facts" title="Engagement">
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
              </dl>
            </Section>
            <Section value="sensitivity" title="What moves the total most">
              {/* Keyed by row: what Go to cell said belongs to this vendor, not the next one selected. */}
              <SensitivityList key={`${ready.table}\u0001${ready.rowIndex}`} sensitivity={ready.sensitivity} port={port} />
            </Section>
            {ownersSection}
            <Section value="checks" title="Readiness checks">
              <ul className="checklist-list checklist-plain">
                {checklist.checks.map((c) => {
                  const status = shownStatus(c.key, c.status);
                  return (
                    <li key={c.key}>
                      <div className="checklist-row">
                        <strong>{c.label}</strong> {status ? <Status status={status} /> : <Badge appearance="outline">{missingNames} to fill in</Badge>}
                      </div>
                      <p className="checklist-duty">{status ? c.reason : `Name the ${missingNames} owners above.`}</p>
                      {c.answerable && (
                        <div className="checklist-row">
                          <label htmlFor={`checklist-answer-${c.key}`}>Your answer for {c.label.toLowerCase()}</label>
                          <Select id={`checklist-answer-${c.key}`} value={input.answers[c.key] ?? "Verify"} onChange={(_, data) => setAnswer(c.key, data.value as CheckStatus)}>
                            {CHECK_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {s}
                              </option>
                            ))}
                          </Select>
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            </Section>
            {contractSection}
            {checklist.mitigations.length > 0 && (
              <Section value="mitigations" title="Mitigations for the top risks">
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
              </Section>
            )}
            {securitySection}
            <Section value="pilot" title="Pilot plan">
              {checklist.pilot.skipped && <p>{checklist.pilot.skipped}</p>}
              <ol className="checklist-list">
                {checklist.pilotPlan.map((p) => (
                  <li key={p.key}>
                    <Checkbox checked={input.done[`pilot:${p.key}`] === true} onChange={(_, data) => setDone(`pilot:${p.key}`, data.checked === true)} label={`${p.title.replace(/^\d+\.\s*/, "")} done`} />
                    <p className="checklist-duty">{withoutSkipReason(p.detail, checklist.pilot.skipped)}</p>
                  </li>
                ))}
              </ol>
            </Section>
          </div>
        </>
      )}
    </section>
  );
}

/** Sections open by default: what the buyer fills in, and what moves the total most. */
const OPEN_SECTIONS: ReadonlySet<string> = new Set(["sensitivity", "owners", "checks"]);

/** A collapsible section: a heading whose button shows or hides it (the disclosure pattern of the WAI-ARIA Authoring Practices). */
function Section({ value, title, children }: { value: string; title: string; children: ReactNode }) {
  const [open, setOpen] = useState(OPEN_SECTIONS.has(value));
  const id = useId();
  return (
    <div className="checklist-section">
      <h3>
        <button type="button" className="checklist-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? "▾" : "▸"}</span> {title}
        </button>
      </h3>
      <div id={id} hidden={!open}>
        {open ? children : null}
      </div>
    </div>
  );
}

function Badge({ children, color }: { children: ReactNode; appearance?: string; color?: string }) {
  return <span className={`checklist-badge${color ? ` checklist-badge-${color}` : ""}`}>{children}</span>;
}

function Checkbox({ checked, onChange, label }: { checked: boolean; onChange: (event: unknown, data: { checked: boolean }) => void; label: string }) {
  const id = useId();
  return (
    <div className="checklist-row">
      <input type="checkbox" id={id} checked={checked} onChange={(e) => onChange(e, { checked: e.target.checked })} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

function OwnerItem(props: {
  owner: ChecklistOwner;
  input: ChecklistInput;
  flag: boolean;
  due: string;
  onName: (key: OwnerKey, name: string) => void;
  onCounterpart: (key: OwnerKey, name: string) => void;
}) {
  const { owner: o, input, flag } = props;
  const missing = (input.ownerNames[o.key] ?? "").trim() === "";
  return (
    <li>
      <Field
        label={`${o.role} name`}
        hint={o.decides}
        validationState={flag && missing ? "warning" : "none"}
        validationMessage={flag && missing ? "Name missing: name a person on your side." : undefined}
      >
        <Input value={input.ownerNames[o.key] ?? ""} onChange={(_, data) => props.onName(o.key, data.value)} />
      </Field>
      <Field label={`${o.role}: provider's counterpart`}>
        <Input value={input.counterpartNames[o.key] ?? ""} onChange={(_, data) => props.onCounterpart(o.key, data.value)} />
      </Field>
      <p className="checklist-raci">
        RACI: you {raciLetters(o.raci.buyer)}, provider {raciLetters(o.raci.provider)} ({o.carrier === "Shared" ? "shared" : `carried by the ${o.carrier.toLowerCase()}`}). Due: {props.due}.
      </p>
      <p className="checklist-duty">
        <strong>You:</strong> {o.buyerDuty} <strong>Provider:</strong> {o.providerDuty}
      </p>
    </li>
  );
}

function ContractEntry({ item, input, onDone, onNote }: { item: ContractItem; input: ChecklistInput; onDone: (key: string, v: boolean) => void; onNote: (key: string, note: string) => void }) {
  const key = `contract:${item.key}`;
  return (
    <li>
      <Checkbox checked={input.done[key] === true} onChange={(_, data) => onDone(key, data.checked === true)} label={`${item.title} done`} />
      <p className="checklist-duty">
        <Badge appearance="outline">{dueText(item.due, item.dueDate)}</Badge> {item.clause}
      </p>
      <p className="checklist-duty">
        <strong>Why:</strong> {item.why} <strong>Source:</strong> {item.source}
      </p>
      <Field label={`${item.title}: notes`}>
        <Input value={input.notes[key] ?? ""} onChange={(_, data) => onNote(key, data.value)} />
      </Field>
    </li>
  );
}

function SecurityEntry({ rule, input, onDone }: { rule: SecurityRule; input: ChecklistInput; onDone: (key: string, v: boolean) => void }) {
  const key = `security:${rule.key}`;
  return (
    <li>
      <Checkbox checked={input.done[key] === true} onChange={(_, data) => onDone(key, data.checked === true)} label={`${rule.title} done`} />
      <p className="checklist-duty">
        <Badge appearance="outline">{dueText(rule.due, rule.dueDate)}</Badge> {rule.rule}
      </p>
    </li>
  );
}

/** The reason a pilot is skipped leads the section; a step that repeats it (the sheet's, which has no such lead) shows the rest. */
function withoutSkipReason(detail: string, skipped: string): string {
  return skipped !== "" && detail.startsWith(skipped) ? detail.slice(skipped.length).trim() : detail;
}

function hasInput(input: ChecklistInput): boolean {
  const filled = (r: Record<string, unknown>) => Object.values(r).some((v) => (typeof v === "string" ? v.trim() !== "" : v === true));
  return filled(input.ownerNames) || filled(input.counterpartNames) || Object.keys(input.answers).length > 0 || filled(input.done) || filled(input.notes);
}

function verdictColor(verdict: string): "success" | "warning" | "danger" {
  return verdict === "Benefit" ? "success" : verdict === "Trade-off" ? "warning" : "danger";
}

function riskColor(band: string): "success" | "warning" | "danger" | "severe" {
  return band === "Low" ? "success" : band === "Medium" ? "warning" : band === "High" ? "severe" : "danger";
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date an <input type="date"> gives (always YYYY-MM-DD), or null. */
function parseIsoDate(text: string): CalendarDate | null {
  const m = ISO.exec(text);
  return m ? { year: +m[1], month: +m[2], day: +m[3] } : null;
}
