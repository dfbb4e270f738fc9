// The assumptions that move the selected vendor option's total most, largest swing first, each
// with "Go to cell" selecting its value on the assumptions sheet. The figures come from the
// checklist action (checklistSensitivity.ts); this only shows them.
import { useState } from "react";
import type { SelectedSensitivity, SensitivityLever } from "../../actions/checklistSensitivity";
import type { WorkbookPort } from "../../workbook/port";
import { Button } from "../controls";

export function SensitivityList({ sensitivity, port }: { sensitivity: SelectedSensitivity; port: Pick<WorkbookPort, "selectCell"> }) {
  const [said, setSaid] = useState("");

  async function goTo(lever: SensitivityLever) {
    const cell = lever.cell!;
    setSaid("");
    try {
      const selected = await port.selectCell(cell.sheet, cell.address);
      setSaid(selected ? `Selected ${cell.address} on '${cell.sheet}': ${lever.name}.` : `This workbook has no window to select in: find ${lever.name}, cell ${cell.address} on '${cell.sheet}'.`);
    } catch (e) {
      setSaid(`Cell ${cell.address} on '${cell.sheet}' could not be selected: ${e instanceof Error ? e.message : String(e)}. The sheet may have been renamed or deleted; press Refresh.`);
    }
  }

  return (
    <>
      <style>{".checklist-lever { margin: 0; font-size: var(--fontSizeBase300); font-weight: var(--fontWeightSemibold); }"}</style>
      <p>{sensitivity.sentence}</p>
      {sensitivity.levers.length > 0 && (
        <ol className="checklist-list" aria-label={`Assumptions that move the total most, in ${sensitivity.currency}`}>
          {sensitivity.levers.map((lever) => (
            <li key={lever.name}>
              <h4 className="checklist-lever">{lever.name}</h4>
              <p className="checklist-duty">{`Total ${lever.lowText} at its low end, ${lever.highText} at its high end: a swing of ${lever.swingText}.`}</p>
              {lever.cell && (
                <Button size="small" onClick={() => void goTo(lever)} aria-label={`Go to cell ${lever.cell.address} on '${lever.cell.sheet}': ${lever.name}`}>
                  Go to cell
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
      {sensitivity.levers.some((l) => !l.cell) && <p className="checklist-duty">Calculate the table to create or complete the assumptions sheet; each assumption&apos;s cell can then be selected from here.</p>}
      <div role="status" aria-live="polite">
        {said}
      </div>
    </>
  );
}
