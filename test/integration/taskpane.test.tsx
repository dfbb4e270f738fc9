/** @jest-environment jsdom */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { parseMappingSetting, tableMemory } from "../../src/actions/mapping";
import { FIELDS } from "../../src/model/fields";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { App, PREVIEW_NOTICE } from "../../src/taskpane/App";
import { paneActionsFor } from "../../src/taskpane/paneActionsFor";
import type { PaneActions } from "../../src/taskpane/paneActions";
import { previewWorkbook } from "../../src/taskpane/preview";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { MAPPING_SETTING, WorkbookWriteError, type WorkbookPort } from "../../src/workbook/port";

const EXPECTED = FIELDS.map((f) => ({ header: f.header, required: f.required }));

function renderPane(port: WorkbookPort, options: { preview?: boolean; actions?: PaneActions } = {}) {
  const user = userEvent.setup();
  render(<App port={port} actions={options.actions ?? paneActionsFor(port)} preview={options.preview ?? false} dark={false} expectedHeaders={EXPECTED} />);
  return user;
}

/** The message bar showing `text` (the live region repeats some texts for screen readers). */
async function findMessageBar(text: RegExp | string): Promise<HTMLElement> {
  const found = await screen.findByText(text, { ignore: '[data-testid="pane-live-region"], script, style' });
  return found.closest(".fui-MessageBar") as HTMLElement;
}

/** A plain range of vendor quotes (not a table), with the selection inside it. */
function plainRangeWorkbook(headers: readonly string[] = SAMPLE_VENDOR_HEADERS): MemoryWorkbook {
  const rows = SAMPLE_VENDOR_ROWS.slice(0, 3).map((r) => r.map((c) => c ?? null));
  return new MemoryWorkbook().addSheet("Quotes").setCells("Quotes", "A1", [headers, ...rows]).select("Quotes", "B2");
}

/** A table whose rate column has a header the model does not know. */
async function tableWithUnknownRateHeader(): Promise<MemoryWorkbook> {
  const headers = SAMPLE_VENDOR_HEADERS.map((h) => (h === "Hourly rate" ? "Day price / 8" : h));
  const workbook = new MemoryWorkbook().addSheet("Quotes");
  await workbook.apply([
    { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers, rows: SAMPLE_VENDOR_ROWS.slice(0, 3).map((r) => r.map((c) => c ?? null)) },
  ]);
  return workbook;
}

describe("preview mode", () => {
  test("outside Excel the pane says it runs on a sample table in memory", async () => {
    renderPane(await previewWorkbook(), { preview: true });
    expect(screen.getByText(PREVIEW_NOTICE)).toBeInTheDocument();
    expect(await screen.findByRole("combobox", { name: "Vendor table" })).toHaveTextContent(/Vendors/);
  });

  test("inside Excel the preview notice is not shown", async () => {
    renderPane(await previewWorkbook(), { preview: false });
    await screen.findByRole("combobox", { name: "Vendor table" });
    expect(screen.queryByText(PREVIEW_NOTICE)).not.toBeInTheDocument();
  });
});

describe("finding the vendor table", () => {
  test("tables are offered best match first: the one with every required column leads", async () => {
    const workbook = await previewWorkbook();
    await workbook.apply([
      { kind: "ensureSheet", sheet: "Notes" },
      { kind: "createTable", sheet: "Notes", address: "A1", name: "Contacts", headers: ["Vendor", "Country"], rows: [["Acme", "India"]] },
    ]);
    const user = renderPane(workbook);
    const picker = await screen.findByRole("combobox", { name: "Vendor table" });
    expect(picker).toHaveTextContent(/^Vendors/);
    await user.click(picker);
    const options = screen.getAllByRole("option").map((o) => o.textContent);
    expect(options[0]).toMatch(/^Vendors/);
    expect(options[1]).toMatch(/^Contacts/);
  });

  test("a plain range of quotes is offered as a table named Vendors, and becomes one", async () => {
    const workbook = plainRangeWorkbook();
    const user = renderPane(workbook);
    await user.click(await screen.findByRole("button", { name: "Make it a table named Vendors" }));
    expect(await screen.findByRole("combobox", { name: "Vendor table" })).toHaveTextContent(/^Vendors/);
    const tables = await workbook.listTables();
    expect(tables.map((t) => [t.name, t.sheet, t.address])).toEqual([["Vendors", "Quotes", "A1:R4"]]);
  });

  test("with no table at all, the pane lists the expected headers and inserts an example table", async () => {
    const workbook = new MemoryWorkbook().addSheet("Sheet1");
    const user = renderPane(workbook);
    const bar = await findMessageBar(/No vendor table found/);
    expect(bar).toHaveTextContent("Hourly rate and Hours (required)");
    expect(bar).toHaveTextContent("Time zone");
    await user.click(within(bar).getByRole("button", { name: "Insert example table" }));
    expect(await screen.findByRole("combobox", { name: "Vendor table" })).toHaveTextContent(/^Vendors/);
    const [table] = await workbook.listTables();
    expect(table.rowCount).toBe(SAMPLE_VENDOR_ROWS.length);
    expect(workbook.sheetNames()).toContain(table.sheet);
  });

  test("a failure to look for tables says what happened, what to do and that nothing was written", async () => {
    const workbook = await previewWorkbook();
    const actions = { ...paneActionsFor(workbook), findVendorTables: () => Promise.reject(new Error("The workbook is busy")) };
    renderPane(workbook, { actions });
    const bar = await findMessageBar(/Looking for vendor tables failed: The workbook is busy/);
    expect(bar).toHaveTextContent("Choose Look again");
    expect(bar).toHaveTextContent("Nothing was written.");
  });

  test("a refused write when making the table says exactly what was written", async () => {
    const workbook = plainRangeWorkbook();
    const actions: PaneActions = {
      ...paneActionsFor(workbook),
      makeTable: () =>
        Promise.reject(
          new WorkbookWriteError("The range overlaps a merged cell", [], [{ kind: "convertRangeToTable", sheet: "Quotes", address: "A1:R4", name: "Vendors" }]),
        ),
    };
    const user = renderPane(workbook, { actions });
    await user.click(await screen.findByRole("button", { name: "Make it a table named Vendors" }));
    const bar = await findMessageBar(/Making the table failed: The range overlaps a merged cell/);
    expect(bar).toHaveTextContent("Nothing was written. May be partly written: table Vendors from A1:R4 on 'Quotes'.");
  });
});

describe("column mapping", () => {
  test("recognised, missing required (with what to do) and ignored columns are listed", async () => {
    renderPane(await tableWithUnknownRateHeader());
    expect(await screen.findByText("Hourly rate is missing")).toBeInTheDocument();
    expect(screen.getByText(/Add a column headed 'Hourly rate'/)).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Ignored columns" })).getByText("Day price / 8")).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Recognised columns" })).getByText("Hours")).toBeInTheDocument();
  });

  test("a column mapped by hand is used and stored in the workbook", async () => {
    const workbook = await tableWithUnknownRateHeader();
    const user = renderPane(workbook);
    await screen.findByText("Hourly rate is missing");
    // The first missing required field is preselected.
    expect(screen.getByRole("combobox", { name: "Field" })).toHaveTextContent("Hourly rate (required)");
    await user.click(screen.getByRole("combobox", { name: "Column" }));
    await user.click(screen.getByRole("option", { name: "Day price / 8" }));
    await user.click(screen.getByRole("button", { name: "Save mapping" }));

    await waitFor(() => expect(screen.queryByText("Hourly rate is missing")).not.toBeInTheDocument());
    expect(within(screen.getByRole("list", { name: "Recognised columns" })).getByText(/Hourly rate: Day price \/ 8 \(mapped by hand\)/)).toBeInTheDocument();
    const stored = tableMemory(parseMappingSetting(workbook.setting(MAPPING_SETTING)), "Quotes");
    expect(stored.byHand).toEqual({ hourlyRate: "Day price / 8" });
    expect(screen.getByTestId("pane-live-region")).toHaveTextContent("Mapping saved: Day price / 8 feeds Hourly rate.");
  });

  test("a stored mapping is shown when the pane opens again", async () => {
    const workbook = await tableWithUnknownRateHeader();
    await paneActionsFor(workbook).mapByHand("Quotes", "hourlyRate", "Day price / 8");
    renderPane(workbook);
    expect(await screen.findByText(/Hourly rate: Day price \/ 8 \(mapped by hand\)/)).toBeInTheDocument();
    expect(screen.queryByText("Hourly rate is missing")).not.toBeInTheDocument();
  });
});
