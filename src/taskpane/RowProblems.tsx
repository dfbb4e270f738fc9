// Rows the calculation could not compute, each named as Excel numbers it and by vendor, with
// "Go to cell" selecting the cell at fault in the workbook so the buyer can correct it there.
import { Button } from "@fluentui/react-components";
import { useState } from "react";
import type { RowError } from "../actions/evaluate";
import { usePane } from "./PaneContext";

/** How many rows the pane lists before summarising the rest. */
export const ROW_PROBLEMS_SHOWN = 5;

export function RowProblems({ errors, label }: { errors: readonly RowError[]; label: string }) {
  const { actions, announce } = usePane();
  const [failed, setFailed] = useState<string | null>(null);
  const shown = errors.slice(0, ROW_PROBLEMS_SHOWN);

  async function goTo(error: RowError) {
    if (!error.cell) return;
    const name = error.name ?? `Row ${error.row}`;
    setFailed(null);
    try {
      const selected = await actions.goToCell(error.cell.sheet, error.cell.address);
      if (selected) announce(`Selected ${error.cell.address} on '${error.cell.sheet}': ${name}.`);
      else setFailed(`This workbook has no window to select in: find ${name}, cell ${error.cell.address} on '${error.cell.sheet}'.`);
    } catch (e) {
      setFailed(`Cell ${error.cell.address} on '${error.cell.sheet}' could not be selected: ${e instanceof Error ? e.message : String(e)}. The sheet may have been renamed or deleted.`);
    }
  }

  return (
    <>
      <ul className="pane-list" aria-label={label}>
        {shown.map((e) => (
          <li key={e.tableRow}>
            {`${e.name ?? `Row ${e.row}`}: ${e.message}`}
            {e.cell && (
              <>
                {" "}
                <Button size="small" appearance="secondary" onClick={() => void goTo(e)} aria-label={`Go to cell ${e.cell.address} (${e.name ?? `Row ${e.row}`})`}>
                  Go to cell
                </Button>
              </>
            )}
          </li>
        ))}
        {errors.length > shown.length && <li>{`…and ${errors.length - shown.length} more.`}</li>}
      </ul>
      {failed && <p role="alert">{failed}</p>}
    </>
  );
}
