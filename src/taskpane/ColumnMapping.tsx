// Step 2: which column feeds which field. Recognised columns, the required ones missing
// (with what to do), the ignored ones, and a way to map a column by hand. The choice is
// stored in the workbook by the action, so it travels with the file.
import { useState } from "react";
import { Button } from "./controls";
import { Field, Select } from "./fields";
import { Notice } from "./Notice";
import type { FieldKey } from "../model/types";
import type { MappingView } from "./paneActions";

export interface ColumnMappingProps {
  readonly view: MappingView;
  readonly busy: boolean;
  readonly onMap: (field: FieldKey, column: string | null) => void;
}

// Option values no listed header can take: blank headers are not listed.
const CHOOSE = "";
const NO_COLUMN = " ";

export function ColumnMapping({ view, busy, onMap }: ColumnMappingProps) {
  const [field, setField] = useState<FieldKey | null>(view.missingRequired[0]?.field ?? null);
  const [column, setColumn] = useState<string | null>(null);
  // Open by itself when a required column is missing: that is when the buyer needs it.
  const [handOpen, setHandOpen] = useState(view.missingRequired.length > 0);
  const current = view.recognised.find((m) => m.field === field);

  return (
    <div className="pane-stack">
      {view.missingRequired.map((m) => (
        <Notice key={m.field} intent="warning" title={`${m.fieldHeader} is missing`}>
          {m.whatToDo}
        </Notice>
      ))}

      {view.warnings.map((w) => (
        <Notice key={w} intent="warning" title="Check the unit">
          {w}
        </Notice>
      ))}

      <p>{summary(view)}</p>
      {view.recognised.length > 0 && (
        <details className="pane-details">
          <summary>Recognised columns</summary>
          <ul className="pane-list" aria-label="Recognised columns">
            {view.recognised.map((m) => (
              <li key={m.field}>
                {m.column === m.fieldHeader ? m.column : `${m.fieldHeader}: ${m.column}`}
                {m.byHand ? " (mapped by hand)" : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
      {view.ignored.length > 0 && (
        <div>
          <h3>Ignored columns</h3>
          <p className="pane-caption">Not used by the calculation; they stay as they are.</p>
          <ul className="pane-list" aria-label="Ignored columns">
            {view.ignored.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
        </div>
      )}

      <details className="pane-details" open={handOpen} onToggle={(e) => setHandOpen(e.currentTarget.open)}>
        <summary>Map a column by hand</summary>
        <fieldset className="pane-fieldset">
          <legend className="pane-sr-only">Map a column by hand</legend>
          <Field label="Field">
            <Select
              value={field ?? ""}
              onChange={(_, data) => {
                setField((data.value as FieldKey) || null);
                setColumn(null);
              }}
              disabled={busy}
            >
              <option value="">Choose a field</option>
              {view.mappableFields.map((f) => (
                <option key={f.field} value={f.field}>
                  {f.fieldHeader + (f.required ? " (required)" : "")}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Column" hint={current ? `Now: ${current.column}` : field ? "Now: no column" : undefined}>
            <Select
              value={column === null ? CHOOSE : column}
              onChange={(_, data) => setColumn(data.value === CHOOSE ? null : data.value)}
              disabled={busy || !field}
            >
              <option value={CHOOSE}>Choose a column</option>
              {view.headers
                .filter((h) => h.trim() !== "")
                .map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              <option value={NO_COLUMN}>No column (forget my choice)</option>
            </Select>
          </Field>
          <Button
            onClick={() => field && column !== null && onMap(field, column === NO_COLUMN ? null : column)}
            disabled={busy || !field || column === null}
          >
            Save mapping
          </Button>
        </fieldset>
      </details>
    </div>
  );
}

function summary(view: MappingView): string {
  const recognised = `${view.recognised.length} ${view.recognised.length === 1 ? "column" : "columns"} recognised`;
  const ignored = view.ignored.length > 0 ? `, ${view.ignored.length} ignored` : ", none ignored";
  return `${recognised}${ignored}.`;
}
