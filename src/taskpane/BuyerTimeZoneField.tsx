// The buyer time zone, the workbook's setting every overlap is measured from. A workbook
// without one is asked for it before its first evaluation: the computer's zone is offered as a
// suggestion and only ever used once the buyer accepts it. Typing finds zones by IANA name,
// city, country, offset or abbreviation (the model's zone reading); a choice is written to the
// assumptions sheet at once.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Button, Combobox, Field, Option } from "@fluentui/react-components";
import { currentZoneName, searchZones } from "../model/zones";
import { usePane } from "./PaneContext";
import type { BuyerTimeZoneView } from "./paneActions";

/**
 * The computer's zone, as the platform reports it: a suggestion, never a setting. Under its
 * current name: browsers still report some zones by an old one (Chromium says Asia/Calcutta).
 */
export function computerTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  return zone ? currentZoneName(zone) : "";
}

/** Zones listed while typing; more would make the list too long to scan in a 350 px pane. */
const LISTED = 20;

export interface BuyerTimeZoneFieldProps {
  readonly disabled?: boolean;
  /** Tells whether the workbook has a usable zone, so the steps that need one can wait for it. */
  readonly onReadyChange?: (ready: boolean) => void;
  /** Where the suggestion comes from (the computer's zone); replaced in tests. */
  readonly suggest?: () => string;
}

export function BuyerTimeZoneField({ disabled = false, onReadyChange, suggest = computerTimeZone }: BuyerTimeZoneFieldProps) {
  const { actions, announce, workbookChanged } = usePane();
  const [view, setView] = useState<BuyerTimeZoneView | null>(null);
  const [query, setQuery] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const selectedThisKey = useRef(false);
  const suggestion = useMemo(() => suggest(), [suggest]);

  useEffect(() => {
    let live = true;
    void actions.readBuyerTimeZone().then(
      (read) => {
        if (!live) return;
        setView(read);
        setQuery(read.kind === "set" ? read.zone : read.kind === "invalid" ? read.text : suggestion);
        if (read.kind === "invalid") setError(`The sheet '${read.sheet}' says '${read.text}': ${read.message}. Choose the zone here.`);
      },
      (failure: unknown) => live && setError(`The buyer time zone could not be read: ${failure instanceof Error ? failure.message : String(failure)}.`),
    );
    return () => {
      live = false;
    };
  }, [actions, suggestion]);

  useEffect(() => onReadyChange?.(view?.kind === "set"), [view, onReadyChange]);

  async function save(text: string) {
    if (saving) return;
    if (view?.kind === "set" && text === view.zone) return;
    setSaving(true);
    try {
      const outcome = await actions.setBuyerTimeZone(text);
      if (outcome.kind === "done") {
        setView({ kind: "set", zone: outcome.zone, text: outcome.zone, sheet: outcome.sheet });
        setQuery(outcome.zone);
        setError(null);
        setSaved(outcome.message);
        announce(outcome.message);
        workbookChanged();
      } else {
        setError(`${outcome.message} ${outcome.written}`);
        announce(outcome.message);
      }
    } finally {
      setSaving(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter on typed text that no listed zone took (a city such as Kolkata, an offset): read the text itself.
    if (event.key === "Enter" && !selectedThisKey.current && query.trim() !== "") void save(query);
    selectedThisKey.current = false;
  }

  const asking = view?.kind === "unset";
  const hint = asking
    ? `This workbook has no buyer time zone yet: where does your team work? ${suggestion ? `Your computer's zone, ${suggestion}, is suggested; ` : ""}nothing is measured until you choose. Type a city, a country or a zone.`
    : (saved ?? `Stored on the sheet '${view?.kind === "set" || view?.kind === "invalid" ? view.sheet : ""}'; every vendor's shared working hours are measured from it. Type a city, a country or a zone to change it.`);
  const choices = searchZones(query === (view?.kind === "set" ? view.zone : "") ? "" : query, LISTED);

  return (
    <div className="pane-stack">
      <Field label="Buyer time zone" hint={view ? hint : undefined} validationState={error ? "error" : "none"} validationMessage={error ?? undefined}>
        <Combobox
          freeform
          inlinePopup
          disabled={disabled || saving || view === null}
          value={query}
          selectedOptions={view?.kind === "set" ? [view.zone] : []}
          placeholder="Kolkata, Europe/Berlin, UTC+5:30"
          onChange={(event) => {
            setQuery(event.target.value);
            setError(null);
          }}
          onOptionSelect={(_, data) => {
            selectedThisKey.current = true;
            if (data.optionValue) void save(data.optionValue);
          }}
          onKeyDown={onKeyDown}
        >
          {choices.map((choice) => (
            <Option key={choice.zone} value={choice.zone} text={choice.zone}>
              {`${choice.zone} (${choice.detail})`}
            </Option>
          ))}
        </Combobox>
      </Field>
      {asking && (
        <Button appearance="primary" disabled={disabled || saving || query.trim() === ""} onClick={() => void save(query)}>
          Use this time zone
        </Button>
      )}
    </div>
  );
}
