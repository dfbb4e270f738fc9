// Starts the pane in `container`: choose the workbook (Excel, or the sample in memory
// outside Office), then render. Separate from index.tsx so tests can start it with a
// fake office.js or none.
import { createRoot, type Root } from "react-dom/client";
import { FIELDS } from "../model/fields";
import { ExcelWorkbook } from "../workbook/excel";
import type { WorkbookPort } from "../workbook/port";
import { App } from "./App";
import { ChecklistPanel } from "./checklist/ChecklistPanel";
import { detectHost, OFFICE_READY_TIMEOUT_MS, type OfficeLike } from "./host";
import { paneActionsFor } from "./paneActionsFor";
import { previewWorkbook } from "./preview";
import { prefersDark } from "./theme";

const EXPECTED_HEADERS = FIELDS.map((f) => ({ header: f.header, required: f.required }));

export interface StartOptions {
  /** office.js's global, when the page loaded it. */
  readonly office?: OfficeLike;
  readonly timeoutMs?: number;
  /** The workbook inside Excel (tests pass a fake). */
  readonly excelWorkbook?: () => WorkbookPort;
}

export async function startPane(container: HTMLElement, options: StartOptions = {}): Promise<Root> {
  const root = createRoot(container);
  // Up to the office.js timeout passes before the pane knows its workbook: say so.
  root.render(<p style={{ padding: 12, fontFamily: "sans-serif" }}>Opening Offshore Sourcing…</p>);

  const host = await detectHost(options.office, options.timeoutMs ?? OFFICE_READY_TIMEOUT_MS);
  const port: WorkbookPort = host.kind === "excel" ? (options.excelWorkbook ?? (() => new ExcelWorkbook()))() : await previewWorkbook();
  root.render(
    <App
      port={port}
      actions={paneActionsFor(port)}
      preview={host.kind === "preview"}
      dark={prefersDark()}
      expectedHeaders={EXPECTED_HEADERS}
      renderChecklist={(workbook, table) => <ChecklistPanel port={workbook} table={table} />}
    />,
  );
  return root;
}
