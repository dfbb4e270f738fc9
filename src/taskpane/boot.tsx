// Starts the pane in `container`: choose the workbook (Excel, or the sample in memory
// outside Office), then render. Separate from index.tsx so tests can start it with a
// fake office.js or none. Opened by Office, the pane waits for Excel rather than showing the sample.
import { createRoot, type Root } from "react-dom/client";
import { FIELDS } from "../model/fields";
import { ExcelWorkbook } from "../workbook/excel";
import type { WorkbookPort } from "../workbook/port";
import { App } from "./App";
import { ChecklistPanel } from "./checklist/ChecklistPanel";
import { detectHost, OFFICE_READY_TIMEOUT_MS, openedByOffice, watchPaneVisibility, type OfficeLike } from "./host";
import { paneActionsFor } from "./paneActionsFor";
import { previewWorkbook } from "./preview";
import { prefersDark, watchTheme } from "./theme";
import { WaitingForExcel } from "./WaitingForExcel";

const EXPECTED_HEADERS = FIELDS.map((f) => ({ header: f.header, required: f.required }));

export interface StartOptions {
  /** office.js's global, when the page loaded it. */
  readonly office?: OfficeLike;
  readonly timeoutMs?: number;
  /** The workbook inside Excel (tests pass a fake). */
  readonly excelWorkbook?: () => WorkbookPort;
  /** The page's address; Office adds `_host_Info` to it. */
  readonly url?: string;
  /** Starts the page again (the pane's Try again while waiting for Excel). */
  readonly reload?: () => void;
}

export async function startPane(container: HTMLElement, options: StartOptions = {}): Promise<Root> {
  const root = createRoot(container);
  // Up to the office.js timeout passes before the pane knows its workbook: say so.
  root.render(<p style={{ padding: 12, fontFamily: "sans-serif" }}>Opening Offshore Sourcing…</p>);

  const insideOffice = openedByOffice(options.url ?? globalThis.location?.href);
  // office.js that is only slow answers later; one that is stuck needs the page loaded again.
  const retry = options.reload ?? (() => globalThis.location?.reload());
  const host = await detectHost(options.office, options.timeoutMs ?? OFFICE_READY_TIMEOUT_MS, {
    insideOffice,
    onSlow: () => root.render(<WaitingForExcel dark={prefersDark(options.office)} onRetry={retry} />),
  });
  if (host.kind === "unavailable") {
    root.render(<WaitingForExcel dark={prefersDark(options.office)} failure={host.reason} onRetry={retry} />);
    return root;
  }
  const visibility = host.kind === "excel" ? (listener: (visible: boolean) => void) => watchPaneVisibility(options.office, listener) : undefined;
  const port: WorkbookPort = host.kind === "excel" ? (options.excelWorkbook ?? (() => new ExcelWorkbook()))() : await previewWorkbook();
  root.render(
    <App
      port={port}
      actions={paneActionsFor(port)}
      preview={host.kind === "preview"}
      dark={prefersDark(options.office)}
      expectedHeaders={EXPECTED_HEADERS}
      renderChecklist={(workbook, table, active) => <ChecklistPanel port={workbook} table={table} active={active} />}
      watchPaneVisibility={visibility}
      watchTheme={(listener) => watchTheme(listener, options.office, visibility)}
    />,
  );
  return root;
}
