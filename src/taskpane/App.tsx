// The pane: a title, the preview notice outside Excel, and two tabs (the vendor table
// steps, the governance checklist of the selected row).
import { useState, type ReactNode } from "react";
import { Body1, FluentProvider, Title3, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { WorkbookPort } from "../workbook/port";
import { Notice } from "./Notice";
import { PaneProvider } from "./PaneContext";
import { PaneTabs } from "./PaneTabs";
import type { PaneActions } from "./paneActions";
import { VendorTablePanel } from "./VendorTablePanel";

export const PREVIEW_NOTICE = "Preview: not running inside Excel; using a sample vendor table in memory";

export interface AppProps {
  readonly port: WorkbookPort;
  readonly actions: PaneActions;
  readonly preview: boolean;
  readonly dark: boolean;
  readonly expectedHeaders: readonly { header: string; required: boolean }[];
  /** The checklist tab's content, for the table the buyer works on. */
  readonly renderChecklist?: (port: WorkbookPort, table: string | null) => ReactNode;
}

type PaneSection = "table" | "checklist";

// Fluent's tokens are CSS variables on the provider, so plain CSS follows the theme too.
const paneStyles = `
.pane { padding: 12px; display: flex; flex-direction: column; gap: 12px; min-width: 0; box-sizing: border-box; font-family: var(--fontFamilyBase); }
.pane-stack { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.pane-list { margin: 4px 0; padding-left: 20px; overflow-wrap: anywhere; }
.pane-fieldset { border: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.pane-fieldset legend { padding: 0; margin-bottom: 4px; }
.pane [hidden] { display: none !important; }
.pane-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.pane-notice { display: flex; flex-direction: column; gap: 8px; padding: 8px 12px; border-radius: var(--borderRadiusMedium);
  border: 1px solid var(--colorNeutralStroke2); border-left-width: 4px; background: var(--colorNeutralBackground3);
  color: var(--colorNeutralForeground1); font-size: var(--fontSizeBase300); line-height: var(--lineHeightBase300); overflow-wrap: anywhere; }
.pane-notice-info { border-left-color: var(--colorBrandStroke1); }
.pane-notice-warning { border-left-color: var(--colorPaletteDarkOrangeBorder2); }
.pane-notice-error { border-left-color: var(--colorPaletteRedBorder2); }
.pane-notice-success { border-left-color: var(--colorPaletteGreenBorder2); }
.pane-notice-title { font-weight: var(--fontWeightSemibold); }
.pane-notice-actions { display: flex; flex-wrap: wrap; gap: 8px; }
.pane-tablist { display: flex; gap: 4px; border-bottom: 1px solid var(--colorNeutralStroke2); }
.pane-tab { border-radius: 0; border-bottom: 3px solid transparent; }
.pane-tab-selected { border-bottom-color: var(--colorBrandStroke1); font-weight: var(--fontWeightSemibold); }
.pane-progress { width: 100%; height: 4px; accent-color: var(--colorBrandBackground); }
.pane select { max-width: 100%; }
`;

export function App({ port, actions, preview, dark, expectedHeaders, renderChecklist }: AppProps) {
  const [section, setSection] = useState<PaneSection>("table");
  const [table, setTable] = useState<string | null>(null);

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <style>{paneStyles}</style>
      <PaneProvider actions={actions}>
        <main className="pane">
          <header className="pane-stack">
            <Title3 as="h1">Offshore Sourcing</Title3>
            <Body1>Total cost, risk score and location fit for each vendor option.</Body1>
          </header>
          {preview && <Notice intent="info">{PREVIEW_NOTICE}</Notice>}
          <PaneTabs
            label="Pane sections"
            selected={section}
            onSelect={setSection}
            tabs={[
              { key: "table", label: "Vendor table", panel: <VendorTablePanel expectedHeaders={expectedHeaders} onTableChange={setTable} /> },
              {
                key: "checklist",
                label: "Checklist",
                panel: renderChecklist ? renderChecklist(port, table) : <Body1>The checklist is not available in this build.</Body1>,
              },
            ]}
          />
        </main>
      </PaneProvider>
    </FluentProvider>
  );
}
