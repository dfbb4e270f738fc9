// The pane: a title, the preview notice outside Excel, and two tabs (the vendor table
// steps, the governance checklist of the selected row).
import { useState, type ReactNode } from "react";
import { Body1, FluentProvider, MessageBar, MessageBarBody, Tab, TabList, Title3, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { WorkbookPort } from "../workbook/port";
import { PaneProvider } from "./PaneContext";
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

type PaneTab = "table" | "checklist";

const paneStyles = `
.pane { padding: 12px; display: flex; flex-direction: column; gap: 12px; min-width: 0; box-sizing: border-box; }
.pane-stack { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.pane-list { margin: 4px 0; padding-left: 20px; overflow-wrap: anywhere; }
.pane-fieldset { border: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.pane-fieldset legend { padding: 0; margin-bottom: 4px; }
.pane [role="tabpanel"][hidden] { display: none; }
.pane .fui-Dropdown { min-width: 0; max-width: 100%; }
`;

export function App({ port, actions, preview, dark, expectedHeaders, renderChecklist }: AppProps) {
  const [tab, setTab] = useState<PaneTab>("table");
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
          {preview && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>{PREVIEW_NOTICE}</MessageBarBody>
            </MessageBar>
          )}
          <TabList selectedValue={tab} onTabSelect={(_, data) => setTab(data.value as PaneTab)} aria-label="Pane sections">
            <Tab value="table" id="tab-table" aria-controls="panel-table">
              Vendor table
            </Tab>
            <Tab value="checklist" id="tab-checklist" aria-controls="panel-checklist">
              Checklist
            </Tab>
          </TabList>
          <div role="tabpanel" id="panel-table" aria-labelledby="tab-table" hidden={tab !== "table"}>
            <VendorTablePanel expectedHeaders={expectedHeaders} onTableChange={setTable} />
          </div>
          <div role="tabpanel" id="panel-checklist" aria-labelledby="tab-checklist" hidden={tab !== "checklist"}>
            {renderChecklist ? renderChecklist(port, table) : <Body1>The checklist is not available in this build.</Body1>}
          </div>
        </main>
      </PaneProvider>
    </FluentProvider>
  );
}
