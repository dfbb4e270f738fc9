// Step 2: which column feeds which field. Recognised columns, the required ones missing
// (with what to do), the ignored ones, and a way to map a column by hand. The choice is
// stored in the workbook by the action, so it travels with the file.
import { useState } from "react";
import { Button, Caption1, Dropdown, Field, MessageBar, MessageBarBody, MessageBarTitle, Option, Text } from "@fluentui/react-components";
import type { FieldKey } from "../model/types";
import type { MappingView } from "./paneActions";

export interface ColumnMappingProps {
  readonly view: MappingView;
  readonly busy: boolean;
  readonly onMap: (field: FieldKey, column: string | null) => void;
}

const NO_COLUMN = "";

export function ColumnMapping({ view, busy, onMap }: ColumnMappingProps) {
  const [field, setField] = useState<FieldKey | null>(view.missingRequired[0]?.field ?? null);
  const [column, setColumn] = useState<string | null>(null);
  const fieldChoice = view.mappableFields.find((f) => f.field === field) ?? null;
  const current = view.recognised.find((m) => m.field === field);

  return (
    <div className="pane-stack">
      {view.missingRequired.map((m) => (
        <MessageBar key={m.field} intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{`${m.fieldHeader} is missing`}</MessageBarTitle>
            {m.whatToDo}
          </MessageBarBody>
        </MessageBar>
      ))}

      <div>
        <Text weight="semibold" as="h3" block>
          Recognised columns
        </Text>
        {view.recognised.length === 0 ? (
          <Caption1>None yet.</Caption1>
        ) : (
          <ul className="pane-list" aria-label="Recognised columns">
            {view.recognised.map((m) => (
              <li key={m.field}>
                {m.column === m.fieldHeader ? m.column : `${m.fieldHeader}: ${m.column}`}
                {m.byHand ? " (mapped by hand)" : ""}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div>
        <Text weight="semibold" as="h3" block>
          Ignored columns
        </Text>
        {view.ignored.length === 0 ? (
          <Caption1>None: every column is used.</Caption1>
        ) : (
          <>
            <Caption1 block>Not used by the calculation; they stay as they are.</Caption1>
            <ul className="pane-list" aria-label="Ignored columns">
              {view.ignored.map((h) => (
                <li key={h}>{h}</li>
              ))}
            </ul>
          </>
        )}
      </div>

      <fieldset className="pane-fieldset">
        <legend>
          <Text weight="semibold">Map a column by hand</Text>
        </legend>
        <Field label="Field">
          <Dropdown
            placeholder="Choose a field"
            value={fieldChoice ? fieldChoice.fieldHeader + (fieldChoice.required ? " (required)" : "") : ""}
            selectedOptions={field ? [field] : []}
            onOptionSelect={(_, data) => {
              setField((data.optionValue as FieldKey) ?? null);
              setColumn(null);
            }}
            disabled={busy}
          >
            {view.mappableFields.map((f) => (
              <Option key={f.field} value={f.field} text={f.fieldHeader + (f.required ? " (required)" : "")}>
                {f.fieldHeader + (f.required ? " (required)" : "")}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Column" hint={current ? `Now: ${current.column}` : field ? "Now: no column" : undefined}>
          <Dropdown
            placeholder="Choose a column"
            value={column === null ? "" : column === NO_COLUMN ? "No column (forget my choice)" : column}
            selectedOptions={column === null ? [] : [column]}
            onOptionSelect={(_, data) => setColumn(data.optionValue ?? null)}
            disabled={busy || !field}
          >
            {view.headers
              .filter((h) => h.trim() !== "")
              .map((h) => (
                <Option key={h} value={h}>
                  {h}
                </Option>
              ))}
            <Option value={NO_COLUMN} text="No column (forget my choice)">
              No column (forget my choice)
            </Option>
          </Dropdown>
        </Field>
        <Button
          onClick={() => field && column !== null && onMap(field, column === NO_COLUMN ? null : column)}
          disabled={busy || !field || column === null}
        >
          Save mapping
        </Button>
      </fieldset>
    </div>
  );
}
