// Preview mode has no Excel grid, so the pane shows the sample table itself: the vendor
// column and the add-in's output columns, as Excel would show them. Choosing a vendor
// selects its row in the in-memory workbook, and the checklist follows that selection just
// as it follows a click in Excel.
import { useEffect, useState } from "react";
import { parseMappingSetting, tableMemory } from "../actions/mapping";
import type { CellValue } from "../model/types";
import { cellAddress, parseRange } from "../workbook/address";
import type { MemoryWorkbook } from "../workbook/memory";
import { MAPPING_SETTING } from "../workbook/port";
import type { FinanceMode } from "./paneActions";

export interface PreviewSheetProps {
  readonly workbook: MemoryWorkbook;
  readonly table: string | null;
  /** Changes whenever the pane changed the workbook, so the view reads it again. */
  readonly revision: number;
  /** The columns' last preparation for finance, while Evaluate has not made them live again. */
  readonly prepared?: { readonly mode: FinanceMode; readonly sheet: string } | null;
}

function preparedCaption(prepared: { readonly mode: FinanceMode; readonly sheet: string }): string {
  const how =
    prepared.mode === "formulas"
      ? `as portable formulas: these columns read the sheet '${prepared.sheet}'`
      : `as values: these columns show the fixed numbers on the sheet '${prepared.sheet}'`;
  return `Prepared for finance ${how} and no longer call the add-in. Calculate cost, risk and fit brings the live add-in formulas back.`;
}

interface SheetView {
  readonly sheet: string;
  readonly address: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

const wholeNumber = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

function shown(value: CellValue): string {
  if (typeof value === "number") return wholeNumber.format(value);
  if (value === null || value === undefined) return "";
  return String(value);
}

export function PreviewSheet({ workbook, table, revision, prepared }: PreviewSheetProps) {
  const [view, setView] = useState<SheetView | null>(null);
  const [selectedRow, setSelectedRow] = useState<number | null>(null);

  useEffect(() => {
    let current = true;
    if (!table) {
      setView(null);
      return;
    }
    void workbook.read({ table: { name: table, values: true }, settings: [MAPPING_SETTING] }).then((read) => {
      if (!current || !read.table) return;
      const outputs = Object.values(tableMemory(parseMappingSetting(read.settings[MAPPING_SETTING]), read.table.name).outputs);
      const columns = [0, ...outputs.map((h) => read.table!.headers.findIndex((t) => t.toLowerCase() === h!.toLowerCase())).filter((i) => i > 0)];
      setView({
        sheet: read.table.sheet,
        address: read.table.address,
        headers: columns.map((i) => read.table!.headers[i]),
        rows: (read.table.rows ?? []).map((row) => columns.map((i) => row[i])),
      });
    });
    return () => {
      current = false;
    };
  }, [workbook, table, revision]);

  useEffect(() => {
    let stop: (() => Promise<void>) | null = null;
    const follow = (selection: { table?: string; rowIndex?: number } | null) =>
      setSelectedRow(selection && table && selection.table?.toLowerCase() === table.toLowerCase() ? (selection.rowIndex ?? null) : null);
    void workbook.getSelection().then(follow);
    void workbook.onSelectionChanged(follow).then((s) => (stop = s));
    return () => void stop?.();
  }, [workbook, table]);

  if (!table || !view) return null;

  function selectRow(index: number) {
    const top = parseRange(view!.address);
    workbook.select(view!.sheet, cellAddress(top.top + 1 + index, top.left));
  }

  return (
    <section aria-labelledby="preview-sheet-title" className="pane-stack">
      <h2 id="preview-sheet-title">{`Sample workbook: ${table}`}</h2>
      {prepared && <p className="pane-caption">{preparedCaption(prepared)}</p>}
      <p className="pane-caption">
        {view.headers.length > 1
          ? "The columns the add-in wrote, as Excel shows them. Choose a vendor to select its row; the Checklist tab follows the selection."
          : "Calculate cost, risk and fit to add Total cost, Risk score and Location fit. Choose a vendor to select its row; the Checklist tab follows the selection."}
      </p>
      <div className="pane-table-scroll">
        <table className="pane-table">
          <caption className="pane-sr-only">{`${table} on sheet ${view.sheet}`}</caption>
          <thead>
            <tr>
              {view.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row, index) => (
              <tr key={index} className={index === selectedRow ? "pane-row-selected" : undefined}>
                <th scope="row">
                  <button type="button" className="pane-row-button" aria-pressed={index === selectedRow} onClick={() => selectRow(index)}>
                    {shown(row[0]) || `Row ${index + 1}`}
                  </button>
                </th>
                {row.slice(1).map((cell, c) => (
                  <td key={c} className={typeof cell === "number" ? "pane-number" : undefined}>
                    {shown(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
