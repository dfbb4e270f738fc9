// Step 1: which table holds the vendor quotes. Tables come best match first; a plain range
// is offered as a table; with nothing at all, the pane lists the headers it expects.
import { ArrowClockwiseRegular, TableAddRegular } from "@fluentui/react-icons";
import { Button, StepProgress } from "./controls";
import { Field, Select } from "./fields";
import { Notice } from "./Notice";
import type { FindTableResult, TableCandidate } from "./paneActions";

export const NEW_TABLE_NAME = "Vendors";

export interface FindTableProps {
  readonly result: FindTableResult | null;
  readonly selected: string | null;
  readonly busy: boolean;
  /** Documented headers, required ones first, for the "no table" message. */
  readonly expectedHeaders: readonly { header: string; required: boolean }[];
  readonly onSelect: (table: string) => void;
  readonly onMakeTable: () => void;
  readonly onInsertExample: () => void;
  readonly onLookAgain: () => void;
}

function describe(candidate: TableCandidate): string {
  const t = candidate.table;
  const rows = `${t.rowCount} ${t.rowCount === 1 ? "row" : "rows"}`;
  return `${t.name}: ${rows} on ${t.sheet}`;
}

export function FindTable({ result, selected, busy, expectedHeaders, onSelect, onMakeTable, onInsertExample, onLookAgain }: FindTableProps) {
  if (!result) {
    return (
      <StepProgress id="finding-tables" idle="Looking for vendor tables…" />
    );
  }

  // One word for reading the workbook again, here and in the checklist.
  const lookAgain = (
    <Button appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={onLookAgain} disabled={busy}>
      Refresh
    </Button>
  );

  if (result.tables.length > 0) {
    const chosen = result.tables.find((c) => c.table.name === selected) ?? result.tables[0];
    return (
      <div className="pane-stack">
        <Field label="Vendor table" hint={result.tables.length > 1 ? "Tables are listed best match first." : undefined}>
          <Select value={chosen.table.name} onChange={(_, data) => onSelect(data.value)} disabled={busy}>
            {result.tables.map((c) => (
              <option key={c.table.name} value={c.table.name}>
                {describe(c)}
              </option>
            ))}
          </Select>
        </Field>
        {lookAgain}
      </div>
    );
  }

  if (result.region) {
    const region = result.region;
    return (
      <Notice
        intent="info"
        title="Your vendor data is a plain range"
        actions={
          <>
            <Button appearance="primary" onClick={onMakeTable} disabled={busy}>
              {`Make it a table named ${NEW_TABLE_NAME}`}
            </Button>
            {lookAgain}
          </>
        }
      >
        {`${region.sheet}!${region.address} has vendor headers but is not an Excel table. As a table, new rows get the calculated columns by themselves (while Excel's AutoCorrect option to fill formulas in tables is on, the default), and Calculate cost, risk and fit fills any that did not.`}
      </Notice>
    );
  }

  const required = expectedHeaders.filter((h) => h.required).map((h) => h.header);
  const optional = expectedHeaders.filter((h) => !h.required).map((h) => h.header);
  return (
    <Notice
      intent="warning"
      title="No vendor table found"
      actions={
        <>
          <Button appearance="primary" icon={<TableAddRegular />} onClick={onInsertExample} disabled={busy}>
            Insert example table
          </Button>
          {lookAgain}
        </>
      }
    >
      {`Put your quotes in a table with the headers ${required.join(" and ")} (required), and any of ${optional.join(", ")}. Then select a cell in it and choose Refresh, or insert an example table to start from.`}
    </Notice>
  );
}
