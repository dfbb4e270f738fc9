// Parts of the pane that are not on screen when it opens, loaded when first needed: each is
// its own script (webpack splits at import()), so taskpane.html loads only what the first
// view draws. The scripts sit next to taskpane.js and load from the same origin, as the
// page's Content-Security-Policy (script-src 'self') allows.
import { Component, lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import type { WorkbookPort } from "../workbook/port";
import { StepProgress } from "./controls";
import { Notice } from "./Notice";
import type { PreviewSheetProps } from "./PreviewSheet";
import type { VendorTablePanelProps } from "./VendorTablePanel";

const loadVendorTable = () => import(/* webpackChunkName: "vendor-table" */ "./VendorTablePanel");
let vendorTableLoading: ReturnType<typeof loadVendorTable> | null = null;

/**
 * Starts loading the vendor table steps (the first tab's content: finding the table, columns,
 * evaluate, finance). boot.tsx calls it before office.js has answered, so the script arrives
 * while Office starts up rather than after; taskpane.html itself carries React, Fluent UI
 * and the pane's frame.
 */
export function preloadVendorTable(): Promise<unknown> {
  vendorTableLoading ??= loadVendorTable();
  return vendorTableLoading;
}

// webpackPrefetch: once the pane is drawn, the browser fetches the checklist while idle.
const ChecklistPanel = lazy(() => import(/* webpackChunkName: "checklist", webpackPrefetch: true */ "./checklist/ChecklistPanel").then((m) => ({ default: m.ChecklistPanel })));
const VendorTablePanel = lazy(() => (preloadVendorTable() as ReturnType<typeof loadVendorTable>).then((m) => ({ default: m.VendorTablePanel })));
const PreviewSheet = lazy(() => import(/* webpackChunkName: "preview" */ "./PreviewSheet").then((m) => ({ default: m.PreviewSheet })));

/** A part that could not be loaded (the network dropped) says so instead of emptying the pane. */
class LoadFailure extends Component<{ what: string; children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    const reason = this.state.error instanceof Error ? this.state.error.message : String(this.state.error);
    return (
      <Notice intent="error" title={`The ${this.props.what} could not be loaded`}>
        {`${reason}. Close the pane and open it again. Nothing was written.`}
      </Notice>
    );
  }
}

function Loading({ id, what, children }: { id: string; what: string; children: ReactNode }) {
  return (
    <LoadFailure what={what}>
      <Suspense fallback={<StepProgress id={id} idle={`Opening the ${what}…`} />}>{children}</Suspense>
    </LoadFailure>
  );
}

/** The vendor table tab's content. */
export function LazyVendorTablePanel(props: VendorTablePanelProps) {
  return (
    <Loading id="vendor-table-loading" what="vendor table steps">
      <VendorTablePanel {...props} />
    </Loading>
  );
}

/** The checklist tab's content; nothing is loaded until the tab is first opened. */
export function LazyChecklist({ port, table, active }: { port: WorkbookPort; table: string | null; active: boolean }) {
  const [opened, setOpened] = useState(active);
  useEffect(() => {
    if (active) setOpened(true);
  }, [active]);
  if (!opened) return null;
  return (
    <Loading id="checklist-loading" what="checklist">
      <ChecklistPanel port={port} table={table} active={active} />
    </Loading>
  );
}

/** The sample table drawn under the pane in preview mode (outside Excel only). */
export function LazyPreviewSheet(props: PreviewSheetProps) {
  return (
    <Loading id="preview-loading" what="sample table">
      <PreviewSheet {...props} />
    </Loading>
  );
}
