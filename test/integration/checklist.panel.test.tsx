/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { checklistSheetName } from "../../src/actions/checklist";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { ChecklistPanel, type Schedule } from "../../src/taskpane/checklist/ChecklistPanel";
import { previewWorkbook } from "../../src/taskpane/preview";
import type { MemoryWorkbook } from "../../src/workbook/memory";
import type { WorkbookPort } from "../../src/workbook/port";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { FakeExcel } from "./fakes/fakeExcel";

const vendorAt = (rowIndex: number) => String(SAMPLE_VENDOR_ROWS[rowIndex][SAMPLE_VENDOR_HEADERS.indexOf("Vendor")]);

/** Runs a settled selection's refresh at once: these tests do not wait on a clock. */
const atOnce: Schedule = (task) => {
  task();
  return () => undefined;
};

function renderPanel(port: WorkbookPort) {
  return renderPanelOn(port, SAMPLE_TABLE_NAME);
}

function renderPanelOn(port: WorkbookPort, table: string) {
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <ChecklistPanel port={port} table={table} schedule={atOnce} />
    </FluentProvider>,
  );
  return user;
}

/** The same workbook, but its selection events never arrive (as on some platforms). */
function withoutSelectionEvents(wb: MemoryWorkbook): WorkbookPort {
  return {
    kind: wb.kind,
    listTables: () => wb.listTables(),
    read: (r) => wb.read(r),
    readTableRow: (t, i) => wb.readTableRow(t, i),
    apply: (c, o) => wb.apply(c, o),
    detectRegion: () => wb.detectRegion(),
    getSelection: () => wb.getSelection(),
    onSelectionChanged: async () => async () => undefined,
    selectCell: (s, a) => wb.selectCell(s, a),
  };
}

const heading = () => screen.findByRole("heading", { level: 2, name: /Governance checklist/ });

describe("checklist panel", () => {
  test("shows the selected row's vendor, facts, owners, checks, mitigations and pilot plan", async () => {
    const wb = await previewWorkbook();
    wb.select(SAMPLE_SHEET_NAME, "B3");
    renderPanel(wb);
    expect(await heading()).toHaveTextContent(`Governance checklist: ${vendorAt(1)}`);
    // The facts sit in a collapsed section under the summary.
    await userEvent.click(screen.getByRole("button", { name: "Engagement" }));
    for (const term of ["Location", "Engagement", "Pricing", "Total cost", "Risk score", "Location fit"]) expect(screen.getByText(term, { selector: "dt" })).toBeInTheDocument();
    expect(screen.getAllByRole("textbox", { name: /owner name/ })).toHaveLength(6);
    for (const check of ["Work clarity", "Collaboration intensity", "Risk level", "Internal ownership", "Provider maturity", "Commercial fit", "Location fit", "Scale path"])
      expect(screen.getByText(check, { selector: "strong" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Mitigations for the top risks" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Pilot plan" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Insert as sheet" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Copy as text" })).toBeEnabled();
  });

  test("follows the selection to another row", async () => {
    const wb = await previewWorkbook();
    wb.select(SAMPLE_SHEET_NAME, "B2");
    renderPanel(wb);
    expect(await heading()).toHaveTextContent(vendorAt(0));
    act(() => {
      wb.select(SAMPLE_SHEET_NAME, "C5");
    });
    await waitFor(() => expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent(vendorAt(3)));
  });

  test("the Refresh button catches up where selection events do not arrive", async () => {
    const wb = await previewWorkbook();
    wb.select(SAMPLE_SHEET_NAME, "B2");
    const user = renderPanel(withoutSelectionEvents(wb));
    expect(await heading()).toHaveTextContent(vendorAt(0));
    wb.select(SAMPLE_SHEET_NAME, "B4");
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    await waitFor(() => expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent(vendorAt(2)));
  });

  test("outside the table the panel says what to select", async () => {
    const wb = await previewWorkbook();
    wb.select(SAMPLE_SHEET_NAME, "Z50");
    renderPanel(wb);
    expect(await screen.findByText(/Select a vendor row in the table/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Insert as sheet" })).not.toBeInTheDocument();
  });

  test("before anything is typed, empty owners are a count, not flags or a blocker; once a name is typed the others are flagged", async () => {
    const wb = await previewWorkbook();
    const user = renderPanel(wb);
    await heading();
    const scope = screen.getByRole("textbox", { name: "Scope owner name" });
    expect(screen.queryAllByText(/Name missing/)).toHaveLength(0);
    const summary = screen.getByRole("region", { name: "Summary" });
    expect(summary).toHaveTextContent("6 owner names to fill in");
    const untouched = screen.getByText("Internal ownership", { selector: "strong" }).closest("li")!;
    expect(within(untouched).queryByText("Blocker")).not.toBeInTheDocument();
    expect(within(untouched).getByText("6 to fill in")).toBeInTheDocument();
    await user.type(scope, "Ana Silva");
    expect(screen.getAllByText(/Name missing/)).toHaveLength(5);
    expect(summary).toHaveTextContent("5 owner names to fill in");
    const internal = screen.getByText("Internal ownership", { selector: "strong" }).closest("li")!;
    expect(within(internal).getByText(/Missing: delivery owner/)).toBeInTheDocument();
  });

  test("keyboard only: name an owner, answer a question, insert the sheet", async () => {
    const wb = await previewWorkbook();
    const user = renderPanel(wb);
    await heading();
    await user.tab();
    expect(screen.getByRole("button", { name: "Refresh" })).toHaveFocus();
    // The actions come right after the summary, before any section.
    await user.tab();
    expect(screen.getByRole("button", { name: "Insert as sheet" })).toHaveFocus();
    const scope = screen.getByRole("textbox", { name: "Scope owner name" });
    for (let i = 0; i < 12 && document.activeElement !== scope; i++) await user.tab();
    expect(scope).toHaveFocus();
    await user.keyboard("Ana");
    await user.tab();
    expect(screen.getByRole("textbox", { name: "Scope owner: provider's counterpart" })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole("textbox", { name: "Delivery owner name" })).toHaveFocus();
    // On to the first question the buyer answers.
    const answer = screen.getByRole("combobox", { name: "Your answer for provider maturity" });
    while (document.activeElement !== answer) await user.tab();
    await user.selectOptions(answer, "Ready");
    const maturity = screen.getByText("Provider maturity", { selector: "strong" }).closest("li")!;
    expect(within(maturity).getByText("Ready", { selector: "span" })).toBeInTheDocument();
    const insert = screen.getByRole("button", { name: "Insert as sheet" });
    while (document.activeElement !== insert) await user.tab();
    await user.keyboard("{Enter}");
    expect(await screen.findByText(/Inserted the sheet/)).toBeInTheDocument();
    const sheet = checklistSheetName(vendorAt(0), 0);
    expect(wb.sheetNames()).toContain(sheet);
    const values = [...wb.snapshot().entries()].filter(([k]) => k.startsWith(`${sheet}!`)).map(([, v]) => v.value);
    expect(values).toContain("Ana");
    expect(values).toContain("Ready");
  });

  test("Copy as text puts the Markdown on the clipboard", async () => {
    const wb = await previewWorkbook();
    const user = renderPanel(wb);
    // After userEvent.setup(), which installs a clipboard stub of its own.
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    await heading();
    await user.click(screen.getByRole("button", { name: "Copy as text" }));
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining(`# Governance checklist: ${vendorAt(0)}`));
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining("| Buyer RACI | Provider's counterpart | Provider RACI |"));
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining("## Contract and exit items"));
    expect(await screen.findByText(/on the clipboard as Markdown/)).toBeInTheDocument();
  });

  test("when the browser refuses the clipboard, the text is shown selected with what to press", async () => {
    const wb = await previewWorkbook();
    const user = renderPanel(wb);
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) }, configurable: true });
    await heading();
    await user.click(screen.getByRole("button", { name: "Copy as text" }));
    expect(await screen.findByText(/press Ctrl\+C/)).toBeInTheDocument();
    const text = screen.getByRole("textbox", { name: "Checklist as Markdown" });
    expect(text).toHaveFocus();
    expect((text as HTMLTextAreaElement).value).toContain("## Governance owners");
  });

  test("names typed for one vendor come back after another vendor was selected, and stay only with it", async () => {
    const wb = await previewWorkbook();
    wb.select(SAMPLE_SHEET_NAME, "B2");
    const user = renderPanel(wb);
    expect(await heading()).toHaveTextContent(vendorAt(0));
    await user.type(screen.getByRole("textbox", { name: "Scope owner name" }), "Ana Silva");
    await user.type(screen.getByRole("textbox", { name: "Scope owner: provider's counterpart" }), "Raj");
    act(() => wb.select(SAMPLE_SHEET_NAME, "B3"));
    await waitFor(() => expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent(vendorAt(1)));
    expect(screen.getByRole("textbox", { name: "Scope owner name" })).toHaveValue("");
    act(() => wb.select(SAMPLE_SHEET_NAME, "B2"));
    await waitFor(() => expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent(vendorAt(0)));
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Scope owner name" })).toHaveValue("Ana Silva"));
    expect(screen.getByRole("textbox", { name: "Scope owner: provider's counterpart" })).toHaveValue("Raj");
  });

  test("two quotes of one vendor (an Option column) each keep their own names, also while a bad rate leaves them partial", async () => {
    const wb = await previewWorkbook();
    const quote = (option: string) => {
      const cells = [...SAMPLE_VENDOR_ROWS[0].map((c) => c ?? null), option];
      cells[SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate")] = "TBD";
      return cells;
    };
    await wb.apply([{ kind: "ensureSheet", sheet: "Options" }, { kind: "createTable", sheet: "Options", address: "A1", name: "Options", headers: [...SAMPLE_VENDOR_HEADERS, "Option"], rows: [quote("Gold"), quote("Silver")] }]);
    wb.select("Options", "B2");
    const user = renderPanelOn(wb, "Options");
    await screen.findByText(/Row 2 \([^)]+\) of the table 'Options'/);
    await user.type(screen.getByRole("textbox", { name: "Scope owner name" }), "Ana Silva");
    act(() => wb.select("Options", "B3"));
    await screen.findByText(/Row 3 \([^)]+\) of the table 'Options'/);
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Scope owner name" })).toHaveValue(""));
    act(() => wb.select("Options", "B2"));
    await screen.findByText(/Row 2 \([^)]+\) of the table 'Options'/);
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Scope owner name" })).toHaveValue("Ana Silva"));
  });

  test("with the same owners for every vendor ticked, a name typed for one vendor is there for the next", async () => {
    const wb = await previewWorkbook();
    wb.select(SAMPLE_SHEET_NAME, "B2");
    const user = renderPanel(wb);
    await heading();
    await user.click(screen.getByRole("checkbox", { name: "Same owners on my side for every vendor" }));
    await user.type(screen.getByRole("textbox", { name: "Quality owner name" }), "Di Chen");
    await user.type(screen.getByRole("textbox", { name: "Quality owner: provider's counterpart" }), "Omar");
    act(() => wb.select(SAMPLE_SHEET_NAME, "B4"));
    await waitFor(() => expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent(vendorAt(2)));
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Quality owner name" })).toHaveValue("Di Chen"));
    expect(screen.getByRole("textbox", { name: "Quality owner: provider's counterpart" })).toHaveValue("");
    expect(screen.getByRole("checkbox", { name: "Same owners on my side for every vendor" })).toBeChecked();
  });

  test("each owner shows its RACI on both sides, and a start date turns stages into dates", async () => {
    const wb = await previewWorkbook();
    const user = renderPanel(wb);
    await heading();
    expect(screen.getAllByText(/^RACI: you /)).toHaveLength(6);
    await user.click(screen.getByRole("button", { name: /Contract and exit items/ }));
    expect(screen.getAllByText("Before signature").length).toBeGreaterThan(0);
    fireEvent.change(screen.getByLabelText("Engagement start date"), { target: { value: "2027-03-01" } });
    await waitFor(() => expect(screen.getAllByText("Before signature (by 2027-02-15)").length).toBeGreaterThan(0));
    await user.click(screen.getByRole("checkbox", { name: "Liability caps and insurance done" }));
    expect(screen.getByRole("region", { name: "Summary" })).toHaveTextContent(/^.*1 of \d+ items done/);
  });

  test("a rate of TBD still shows the owners and contract items, with a notice naming the cell", async () => {
    const wb = await previewWorkbook();
    wb.setCells(SAMPLE_SHEET_NAME, `${String.fromCharCode(65 + SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate"))}2`, [["TBD"]]);
    wb.select(SAMPLE_SHEET_NAME, "A2");
    const user = renderPanel(wb);
    expect(await screen.findByText(/Row 2 \([^)]+\) of the table 'Vendors': Hourly rate.*TBD.*do not depend on it/)).toBeInTheDocument();
    expect(screen.getAllByRole("textbox", { name: /owner name/ })).toHaveLength(6);
    expect(screen.getByRole("heading", { name: /Contract and exit items/ })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /Contract and exit items/ }));
    expect(screen.getByRole("checkbox", { name: "Liability caps and insurance done" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Insert as sheet" })).not.toBeInTheDocument();
  });

  test("a row the model refuses shows its error and what to fix", async () => {
    const wb = await previewWorkbook();
    wb.setCells(SAMPLE_SHEET_NAME, `${String.fromCharCode(65 + SAMPLE_VENDOR_HEADERS.indexOf("Hours"))}2`, [["lots"]]);
    wb.select(SAMPLE_SHEET_NAME, "A2");
    renderPanel(wb);
    // Sheet row 2, as Excel numbers it and as the calculation names it, with its vendor.
    const vendor = String(SAMPLE_VENDOR_ROWS[0][SAMPLE_VENDOR_HEADERS.indexOf("Vendor")]);
    expect(await screen.findByText(`Row 2 (${vendor}) of the table 'Vendors': Hours`, { exact: false })).toBeInTheDocument();
  });
});

// Over Excel (the counting fake): Workbook.onSelectionChanged handlers stay until removed
// ("Work with Events using the Excel JavaScript API"), so the panel holds one only while it is
// on screen, and reads the selected row once a burst of moves has settled.
describe("checklist panel over Excel", () => {
  /** A clock the test advances by hand: cancelled tasks never run. */
  function manualClock() {
    const tasks = new Set<() => void>();
    const schedule: Schedule = (task) => {
      tasks.add(task);
      return () => tasks.delete(task);
    };
    return {
      schedule,
      pending: () => tasks.size,
      runAll: () => {
        const due = [...tasks];
        tasks.clear();
        due.forEach((t) => t());
      },
    };
  }

  function excelWith(rows: number) {
    const excel = new FakeExcel();
    const body = Array.from({ length: rows }, (_, i) => {
      const row = [...SAMPLE_VENDOR_ROWS[i % SAMPLE_VENDOR_ROWS.length]];
      row[SAMPLE_VENDOR_HEADERS.indexOf("Vendor")] = `Vendor ${i + 1}`;
      return row;
    });
    excel.addTable(SAMPLE_SHEET_NAME, 0, 0, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, body);
    return excel;
  }

  const panel = (port: WorkbookPort, active: boolean, schedule: Schedule) => (
    <FluentProvider theme={webLightTheme}>
      <ChecklistPanel port={port} table={SAMPLE_TABLE_NAME} active={active} schedule={schedule} />
    </FluentProvider>
  );

  test("not on screen, the panel holds no selection handler and reads nothing however the selection moves", async () => {
    const excel = excelWith(2_000);
    const clock = manualClock();
    render(panel(new ExcelWorkbook(excel.host()), false, clock.schedule));
    await act(async () => {
      await excel.select(SAMPLE_SHEET_NAME, "B3");
      await excel.select(SAMPLE_SHEET_NAME, "B900");
    });
    expect(excel.selectionHandlers).toHaveLength(0);
    expect(clock.pending()).toBe(0);
    expect(excel.syncs).toBe(0);
    expect(excel.cellsRead()).toBe(0);
  });

  test("on screen, a burst of moves reads the header and the last selected row once; hidden again, it lets go of the handler", async () => {
    const excel = excelWith(2_000);
    const clock = manualClock();
    const port = new ExcelWorkbook(excel.host());
    await excel.select(SAMPLE_SHEET_NAME, "B3");
    const { rerender } = render(panel(port, true, clock.schedule));
    expect(await heading()).toHaveTextContent("Vendor 2");
    await waitFor(() => expect(excel.selectionHandlers).toHaveLength(1));

    excel.resetCounts();
    await act(async () => {
      for (const address of ["B10", "B11", "B12", "B1501"]) await excel.select(SAMPLE_SHEET_NAME, address);
    });
    // Nothing is read while the selection is still moving.
    expect(excel.syncs).toBe(0);
    expect(clock.pending()).toBe(1);
    await act(async () => clock.runAll());
    await waitFor(() => expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent("Vendor 1500"));
    const width = SAMPLE_VENDOR_HEADERS.length;
    expect(excel.rangeReads.filter((r) => r.sheet === SAMPLE_SHEET_NAME).map((r) => r.address.replace(/[A-Z]+/g, ""))).toEqual(["1:1", "1501:1501"]);
    expect(excel.rangeReads.filter((r) => r.sheet === SAMPLE_SHEET_NAME).reduce((n, r) => n + r.cells, 0)).toBe(2 * width);

    rerender(panel(port, false, clock.schedule));
    await waitFor(() => expect(excel.selectionHandlers).toHaveLength(0));
    excel.resetCounts();
    await act(async () => {
      await excel.select(SAMPLE_SHEET_NAME, "B20");
    });
    expect(clock.pending()).toBe(0);
    expect(excel.syncs).toBe(0);
  });
});
