// The pane: a title, the preview notice outside Excel, and two tabs (the vendor table
// steps, the governance checklist of the selected row).
import { useCallback, useEffect, useState, type ReactNode } from "react";
import type { MemoryWorkbook } from "../workbook/memory";
import type { WorkbookPort } from "../workbook/port";
import { LazyPreviewSheet, LazyVendorTablePanel } from "./lazy";
import { HelpLink } from "./HelpLink";
import { Notice } from "./Notice";
import { PaneProvider } from "./PaneContext";
import { PaneTabs } from "./PaneTabs";
import { paneStyles } from "./styles";
import { ThemeScope } from "./ThemeScope";
import type { PaneActions } from "./paneActions";
import type { PreparedForFinance } from "./VendorTablePanel";

export const PREVIEW_NOTICE = "Preview outside Excel: try every step on a sample vendor table. Nothing here changes a workbook of yours.";

export interface AppProps {
  readonly port: WorkbookPort;
  readonly actions: PaneActions;
  readonly preview: boolean;
  readonly dark: boolean;
  readonly expectedHeaders: readonly { header: string; required: boolean }[];
  /** The checklist tab's content, for the table the buyer works on; `active` while it is on screen. */
  readonly renderChecklist?: (port: WorkbookPort, table: string | null, active: boolean) => ReactNode;
  /** Tells when Office shows or closes the pane (the page lives on in a shared runtime); returns a stop function. */
  readonly watchPaneVisibility?: (listener: (visible: boolean) => void) => () => void;
  /** Tells when the theme may have changed (dark or not); returns a stop function. */
  readonly watchTheme?: (listener: (dark: boolean) => void) => () => void;
}

type PaneSection = "table" | "checklist";

export function App({ port, actions, preview, dark, expectedHeaders, renderChecklist, watchPaneVisibility, watchTheme }: AppProps) {
  const [isDark, setDark] = useState(dark);
  useEffect(() => setDark(dark), [dark]);
  useEffect(() => watchTheme?.(setDark), [watchTheme]);
  const [section, setSection] = useState<PaneSection>("table");
  const [paneVisible, setPaneVisible] = useState(true);
  useEffect(() => watchPaneVisibility?.(setPaneVisible), [watchPaneVisibility]);
  const [table, setTable] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [prepared, setPrepared] = useState<PreparedForFinance | null>(null);
  const workbookChanged = useCallback(() => setRevision((r) => r + 1), []);

  return (
    <ThemeScope dark={isDark}>
      <style>{paneStyles}</style>
      <PaneProvider actions={actions} onWorkbookChanged={workbookChanged}>
        <main className="pane">
          <header className="pane-stack">
            <h1>Offshore Sourcing</h1>
            <p>
              Total cost, risk score and location fit for each vendor option. <HelpLink>Help: how to read the results</HelpLink>
            </p>
          </header>
          {preview && <Notice intent="info">{PREVIEW_NOTICE}</Notice>}
          <PaneTabs
            label="Pane sections"
            selected={section}
            onSelect={setSection}
            tabs={[
              { key: "table", label: "Vendor table", panel: <LazyVendorTablePanel expectedHeaders={expectedHeaders} onTableChange={setTable} onFinanceChange={setPrepared} /> },
              {
                key: "checklist",
                label: "Checklist",
                panel: renderChecklist ? renderChecklist(port, table, section === "checklist" && paneVisible) : <p>The checklist is not available in this build.</p>,
              },
            ]}
          />
          {preview && port.kind === "memory" && (
            <LazyPreviewSheet workbook={port as MemoryWorkbook} table={table} revision={revision} prepared={prepared && prepared.table === table ? prepared : null} />
          )}
        </main>
      </PaneProvider>
    </ThemeScope>
  );
}
