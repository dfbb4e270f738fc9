// The pane's entry: choose the workbook (Excel, or the sample in memory outside Office),
// then render. office.js comes from Microsoft's CDN; without it the pane still opens.
import { createRoot } from "react-dom/client";
import { FIELDS } from "../model/fields";
import { ExcelWorkbook } from "../workbook/excel";
import type { WorkbookPort } from "../workbook/port";
import { App } from "./App";
import { ChecklistPanel } from "./checklist/ChecklistPanel";
import { detectHost, type OfficeLike } from "./host";
import { paneActionsFor } from "./paneActionsFor";
import { previewWorkbook } from "./preview";
import { prefersDark } from "./theme";

const EXPECTED_HEADERS = FIELDS.map((f) => ({ header: f.header, required: f.required }));

async function start(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) return;
  const root = createRoot(container);
  // Up to the office.js timeout passes before the pane knows its workbook: say so.
  root.render(<p style={{ padding: 12, fontFamily: "sans-serif" }}>Opening Offshore Sourcing…</p>);

  const host = await detectHost((globalThis as { Office?: OfficeLike }).Office);
  const port: WorkbookPort = host.kind === "excel" ? new ExcelWorkbook() : await previewWorkbook();
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
}

void start();
