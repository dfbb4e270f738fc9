// The pane as boot.tsx starts it in preview mode (App, the lazy checklist, the pane's actions,
// the theme following the browser's colour scheme), on the sample table with one bad cell
// added: the last vendor's rate is "TBD", so the walk reaches the checklist's partial view.
// Bundled by checklist.browser.test.ts with esbuild; no office.js, so no dev server is needed.
import { createRoot } from "react-dom/client";
import { FIELDS } from "../../src/model/fields";
import { SAMPLE_SHEET_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { App } from "../../src/taskpane/App";
import { LazyChecklist } from "../../src/taskpane/lazy";
import { paneActionsFor } from "../../src/taskpane/paneActionsFor";
import { previewWorkbook } from "../../src/taskpane/preview";
import { prefersDark, watchTheme } from "../../src/taskpane/theme";
import { cellAddress } from "../../src/workbook/address";

const BAD_RATE_ROW = SAMPLE_VENDOR_ROWS.length - 1;

async function start() {
  const port = await previewWorkbook();
  port.setCells(SAMPLE_SHEET_NAME, cellAddress(BAD_RATE_ROW + 1, SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate")), [["TBD"]]);
  createRoot(document.getElementById("root")!).render(
    <App
      port={port}
      actions={paneActionsFor(port)}
      preview
      dark={prefersDark(undefined)}
      expectedHeaders={FIELDS.map((f) => ({ header: f.header, required: f.required }))}
      renderChecklist={(workbook, table, active) => <LazyChecklist port={workbook} table={table} active={active} />}
      watchTheme={(listener) => watchTheme(listener, undefined)}
    />,
  );
}

void start();
