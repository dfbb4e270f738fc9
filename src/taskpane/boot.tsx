// Starts the pane in `container`: choose the workbook (Excel, or the sample in memory
// outside Office), then render. Separate from index.tsx so tests can start it with a
// fake office.js or none. Opened by Office, the pane waits for Excel rather than showing the sample.
import { createRoot, type Root } from "react-dom/client";
import { FIELDS } from "../model/fields";
import type { WorkbookPort } from "../workbook/port";
import { App } from "./App";
import { detectHost, OFFICE_READY_TIMEOUT_MS, openedByOffice, watchPaneVisibility, type OfficeLike } from "./host";
import { LazyChecklist, preloadVendorTable } from "./lazy";
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
  // taskpane.html shows "Opening Offshore Sourcing…" until the first render replaces it: up to
  // the office.js timeout passes before the pane knows its workbook.
  const root = createRoot(container);

  // The vendor table steps and the actions they call are one script, fetched while office.js
  // starts; a failure to load the steps shows in their tab (lazy.tsx).
  const vendorTableLoading = preloadVendorTable().catch(() => undefined);
  const actionsLoading = import(/* webpackChunkName: "vendor-table" */ "./paneActionsFor");
  const insideOffice = openedByOffice(options.url ?? globalThis.location?.href);
  // Only one workbook adapter is ever used, so each is its own script; inside Office, Excel's is
  // fetched while office.js starts.
  const excelAdapter = () => import(/* webpackChunkName: "excel" */ "../workbook/excel");
  const excelAdapterLoading = insideOffice && !options.excelWorkbook ? excelAdapter() : null;
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
  const port: WorkbookPort =
    host.kind === "excel"
      ? options.excelWorkbook
        ? options.excelWorkbook()
        : new (await (excelAdapterLoading ?? excelAdapter())).ExcelWorkbook()
      : await (await import(/* webpackChunkName: "preview" */ "./preview")).previewWorkbook();
  const [{ paneActionsFor }] = await Promise.all([actionsLoading, vendorTableLoading]);
  root.render(
    <App
      port={port}
      actions={paneActionsFor(port)}
      preview={host.kind === "preview"}
      dark={prefersDark(options.office)}
      expectedHeaders={EXPECTED_HEADERS}
      renderChecklist={(workbook, table, active) => <LazyChecklist port={workbook} table={table} active={active} />}
      watchPaneVisibility={visibility}
      watchTheme={(listener) => watchTheme(listener, options.office, visibility)}
    />,
  );
  return root;
}
