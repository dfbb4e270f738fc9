/** @jest-environment jsdom */
import { render, screen, waitFor, within } from "@testing-library/react";
import { columnLetters } from "../../src/workbook/address";
import userEvent from "@testing-library/user-event";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { setBuyerTimeZone } from "../../src/actions/buyerZone";
import { parseMappingSetting, tableMemory } from "../../src/actions/mapping";
import { FIELDS } from "../../src/model/fields";
import { RATE_CARD_HEADERS, RATE_CARD_ROWS, RATE_CARD_SHEET_NAME, RATE_CARD_TABLE_NAME } from "../../src/sample/rateCard";
import { SAMPLE_SHEET_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { App, PREVIEW_NOTICE, type AppProps } from "../../src/taskpane/App";
import { ChecklistPanel } from "../../src/taskpane/checklist/ChecklistPanel";
import { paneActionsFor } from "../../src/taskpane/paneActionsFor";
import type { PaneActions } from "../../src/taskpane/paneActions";
import { previewWorkbook } from "../../src/taskpane/preview";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { MAPPING_SETTING, WorkbookWriteError, type WorkbookPort } from "../../src/workbook/port";

const EXPECTED = FIELDS.map((f) => ({ header: f.header, required: f.required }));

function renderPane(port: WorkbookPort, options: { preview?: boolean; actions?: PaneActions; renderChecklist?: AppProps["renderChecklist"] } = {}) {
  const user = userEvent.setup();
  render(
    <App
      port={port}
      actions={options.actions ?? paneActionsFor(port)}
      preview={options.preview ?? false}
      dark={false}
      expectedHeaders={EXPECTED}
      renderChecklist={options.renderChecklist}
    />,
  );
  return user;
}

/** The message bar showing `text` (the live region repeats some texts for screen readers). */
async function findMessageBar(text: RegExp | string): Promise<HTMLElement> {
  const found = await screen.findByText(text, { ignore: '[data-testid="pane-live-region"], script, style' });
  return found.closest(".pane-notice") as HTMLElement;
}

/** Evaluate, once the pane has read the workbook's buyer time zone (it waits for one). */
async function evaluateButton(): Promise<HTMLElement> {
  const button = await screen.findByRole("button", { name: "Calculate cost, risk and fit" });
  // The time-zone field loads on demand; Evaluate waits for it to read the workbook.
  await waitFor(() => expect(button).toBeEnabled(), { timeout: 15_000 });
  return button;
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
    expect(await screen.findByRole("combobox", { name: "Vendor table" })).toHaveValue("Vendors");
  });

  test("inside Excel the preview notice is not shown", async () => {
    renderPane(await previewWorkbook(), { preview: false });
    await screen.findByRole("combobox", { name: "Vendor table" });
    expect(screen.queryByText(PREVIEW_NOTICE)).not.toBeInTheDocument();
  });
});

describe("preview workbook view", () => {
  const vendorName = (i: number) => String(SAMPLE_VENDOR_ROWS[i][SAMPLE_VENDOR_HEADERS.indexOf("Vendor")]);

  test("preview shows the sample vendors, and after Evaluate the three columns with the workbook's numbers", async () => {
    const workbook = await previewWorkbook();
    // The buyer answered the time-zone question before (the first-use prompt has its own tests).
    await setBuyerTimeZone(workbook, "America/New_York");
    const user = renderPane(workbook, { preview: true });
    const sheet = await screen.findByRole("table", { name: /Vendors on sheet/ });
    expect(within(sheet).getAllByRole("row")).toHaveLength(SAMPLE_VENDOR_ROWS.length + 1);
    expect(within(sheet).queryByRole("columnheader", { name: "Total cost" })).not.toBeInTheDocument();

    await user.click(await evaluateButton());
    await findMessageBar(/written to Vendors/);
    const evaluated = await screen.findByRole("table", { name: /Vendors on sheet/ });
    await waitFor(() => expect(within(evaluated).getByRole("columnheader", { name: "Risk score" })).toBeInTheDocument());
    const headers = within(evaluated).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["Vendor", "Total cost", "Risk score", "Location fit"]);
    const read = await workbook.read({ table: { name: "Vendors", values: true } });
    const riskIndex = read.table!.headers.indexOf("Risk score");
    const firstRow = within(evaluated).getAllByRole("row")[1];
    const cells = within(firstRow).getAllByRole("cell").map((c) => c.textContent);
    // Risk score is formatted as a whole number, as Excel shows it.
    expect(cells[1]).toBe(String(Math.round(read.table!.rows![0][riskIndex] as number)));
  });

  test("choosing a vendor in the preview selects its row, and the checklist follows", async () => {
    const workbook = await previewWorkbook();
    const user = renderPane(workbook, { preview: true, renderChecklist: (port, table, active) => <ChecklistPanel port={port} table={table} active={active} /> });
    // The first render also loads the time-zone field on demand, which takes a while in this test runner.
    await user.click(await screen.findByRole("button", { name: vendorName(3) }, { timeout: 15_000 }));
    expect(await workbook.getSelection()).toMatchObject({ table: "Vendors", rowIndex: 3 });
    expect(screen.getByRole("button", { name: vendorName(3) })).toHaveAttribute("aria-pressed", "true");
    await user.click(screen.getByRole("tab", { name: "Checklist" }));
    expect(await screen.findByRole("heading", { name: new RegExp(vendorName(3).replace(/[.()]/g, "\\$&")) })).toBeInTheDocument();
  });

  test("inside Excel there is no preview table", async () => {
    renderPane(await previewWorkbook(), { preview: false });
    await screen.findByRole("combobox", { name: "Vendor table" });
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });
});

describe("theme", () => {
  test.each([
    [false, webLightTheme],
    [true, webDarkTheme],
  ])("dark=%s paints the pane with the matching Fluent theme", async (dark, theme) => {
    const workbook = await previewWorkbook();
    const { container } = render(<App port={workbook} actions={paneActionsFor(workbook)} preview={false} dark={dark} expectedHeaders={EXPECTED} />);
    await screen.findByRole("combobox", { name: "Vendor table" });
    // FluentProvider sets the theme's tokens as CSS variables in a rule for its element's class.
    const scope = getComputedStyle(container.querySelector(".pane-theme") as HTMLElement);
    expect(scope.getPropertyValue("--colorNeutralBackground1")).toBe(theme.colorNeutralBackground1);
    expect(scope.getPropertyValue("--colorBrandBackground")).toBe(theme.colorBrandBackground);
  });
});

describe("finding the vendor table", () => {
  test("tables are offered best match first: the one with every required column leads", async () => {
    const workbook = await previewWorkbook();
    await workbook.apply([
      { kind: "ensureSheet", sheet: "Notes" },
      { kind: "createTable", sheet: "Notes", address: "A1", name: "Contacts", headers: ["Vendor", "Country"], rows: [["Acme", "India"]] },
    ]);
    renderPane(workbook);
    const picker = await screen.findByRole("combobox", { name: "Vendor table" });
    expect(picker).toHaveValue("Vendors");
    const options = within(picker).getAllByRole("option").map((o) => o.textContent);
    expect(options[0]).toMatch(/^Vendors/);
    expect(options[1]).toMatch(/^Contacts/);
  });

  test("a plain range of quotes is offered as a table named Vendors, and becomes one", async () => {
    const workbook = plainRangeWorkbook();
    const user = renderPane(workbook);
    await user.click(await screen.findByRole("button", { name: "Make it a table named Vendors" }));
    expect(await screen.findByRole("combobox", { name: "Vendor table" })).toHaveValue("Vendors");
    const tables = await workbook.listTables();
    expect(tables.map((t) => [t.name, t.sheet, t.address])).toEqual([["Vendors", "Quotes", `A1:${columnLetters(SAMPLE_VENDOR_HEADERS.length - 1)}4`]]);
  });

  test("with no table at all, the pane lists the expected headers and inserts an example table", async () => {
    const workbook = new MemoryWorkbook().addSheet("Sheet1");
    const user = renderPane(workbook);
    const bar = await findMessageBar(/No vendor table found/);
    expect(bar).toHaveTextContent("Hourly rate and Hours (required)");
    expect(bar).toHaveTextContent("Time zone");
    await user.click(within(bar).getByRole("button", { name: "Insert example table" }));
    expect(await screen.findByRole("combobox", { name: "Vendor table" })).toHaveValue("Vendors");
    const [table] = await workbook.listTables();
    expect(table.rowCount).toBe(SAMPLE_VENDOR_ROWS.length);
    expect(workbook.sheetNames()).toContain(table.sheet);
  });

  test("a failure to look for tables says what happened, what to do and that nothing was written", async () => {
    const workbook = await previewWorkbook();
    const actions = { ...paneActionsFor(workbook), findVendorTables: () => Promise.reject(new Error("The workbook is busy")) };
    renderPane(workbook, { actions });
    const bar = await findMessageBar(/Looking for vendor tables failed: The workbook is busy/);
    expect(bar).toHaveTextContent("Choose Refresh");
    expect(bar).toHaveTextContent("Nothing was written.");
  });

  test("a refused write when making the table says exactly what was written", async () => {
    const workbook = plainRangeWorkbook();
    const actions: PaneActions = {
      ...paneActionsFor(workbook),
      makeTable: () =>
        Promise.reject(
          // As Excel reports it from one merged undo group.
          new WorkbookWriteError("The range overlaps a merged cell", [], [{ kind: "convertRangeToTable", sheet: "Quotes", address: "A1:R4", name: "Vendors" }], undefined, true),
        ),
    };
    const user = renderPane(workbook, { actions });
    await user.click(await screen.findByRole("button", { name: "Make it a table named Vendors" }));
    const bar = await findMessageBar(/Making the table failed: The range overlaps a merged cell/);
    // What may be half-written is named, with the way back.
    expect(bar).toHaveTextContent(/partly written: table Vendors from A1:R4 on 'Quotes'/);
    expect(bar).toHaveTextContent(/Undo/);
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
    expect(screen.getByRole("combobox", { name: "Field" })).toHaveDisplayValue("Hourly rate (required)");
    await user.selectOptions(screen.getByRole("combobox", { name: "Column" }), "Day price / 8");
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

describe("evaluating the table", () => {
  /** The values of one column of the table, as the memory workbook holds them. */
  async function columnValues(workbook: MemoryWorkbook, table: string, header: string) {
    const read = await workbook.read({ table: { name: table, values: true } });
    const index = read.table!.headers.indexOf(header);
    expect(index).toBeGreaterThanOrEqual(0);
    return read.table!.rows!.map((row) => row[index]);
  }

  test("Evaluate adds Total cost, Risk score and Location fit with the model's values in every row", async () => {
    const workbook = await previewWorkbook();
    // The buyer answered the time-zone question before (the first-use prompt has its own tests).
    await setBuyerTimeZone(workbook, "America/New_York");
    const user = renderPane(workbook, { preview: true });
    await user.click(await evaluateButton());
    const bar = await findMessageBar(/written to Vendors/);
    expect(bar).toHaveTextContent(`Total cost, Risk score and Location fit written to Vendors (${SAMPLE_VENDOR_ROWS.length} rows).`);

    const { headers } = (await workbook.listTables())[0];
    expect(headers.slice(-3)).toEqual(["Total cost", "Risk score", "Location fit"]);
    const totals = await columnValues(workbook, "Vendors", "Total cost");
    const risks = await columnValues(workbook, "Vendors", "Risk score");
    const fits = await columnValues(workbook, "Vendors", "Location fit");
    const labour = SAMPLE_VENDOR_ROWS.map((r) => Number(r[SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate")]) * Number(r[SAMPLE_VENDOR_HEADERS.indexOf("Hours")]));
    totals.forEach((total, i) => expect(total as number).toBeGreaterThanOrEqual(labour[i]));
    risks.forEach((risk) => expect(risk).toEqual(expect.any(Number)));
    risks.forEach((risk) => expect((risk as number) >= 0 && (risk as number) <= 100).toBe(true));
    fits.forEach((fit) => expect(["Benefit", "Trade-off", "Blocker"]).toContain(fit));
    expect(workbook.tableColumn("Vendors", "Total cost")?.formula).toMatch(/^=OFFSHORE\.TOTALCOST\(/);
    expect(screen.getByTestId("pane-live-region")).toHaveTextContent(/written to Vendors/);
  });

  test("evaluating leaves every cell the buyer typed as it was", async () => {
    const workbook = await previewWorkbook();
    // The buyer answered the time-zone question before (the first-use prompt has its own tests).
    await setBuyerTimeZone(workbook, "America/New_York");
    const before = workbook.snapshot();
    const user = renderPane(workbook);
    await user.click(await evaluateButton());
    await findMessageBar(/written to Vendors/);
    const after = workbook.snapshot();
    for (const [address, cell] of before) expect(after.get(address)).toEqual(cell);
  });

  test("a column named Total cost holding the buyer's own values is refused, and another name is offered and used", async () => {
    const workbook = await previewWorkbook();
    // The buyer answered the time-zone question before (the first-use prompt has its own tests).
    await setBuyerTimeZone(workbook, "America/New_York");
    const rowCount = SAMPLE_VENDOR_ROWS.length;
    await workbook.apply([{ kind: "setTableColumn", table: "Vendors", header: "Total cost", values: Array.from({ length: rowCount }, (_, i) => 1000 + i) }]);
    const before = workbook.snapshot();
    const user = renderPane(workbook);
    await user.click(await evaluateButton());

    const bar = await findMessageBar(/Column 'Total cost' holds your own values/);
    expect(bar).toHaveTextContent("Nothing was written.");
    expect(workbook.snapshot()).toEqual(before);

    const useOther = within(bar).getByRole("button", { name: /^Use '.+' instead$/ });
    const otherName = /^Use '(.+)' instead$/.exec(useOther.textContent ?? "")![1];
    await user.click(useOther);
    await findMessageBar(new RegExp(`${otherName.replace(/[()]/g, "\\$&")}, Risk score and Location fit written to Vendors`));
    expect(await columnValues(workbook, "Vendors", "Total cost")).toEqual(Array.from({ length: rowCount }, (_, i) => 1000 + i));
    (await columnValues(workbook, "Vendors", otherName)).forEach((v) => expect(v).toEqual(expect.any(Number)));
  });

  test("a table missing a required column is not evaluated: the pane says which column and what to do", async () => {
    const workbook = await tableWithUnknownRateHeader();
    // The buyer answered the time-zone question before (the first-use prompt has its own tests).
    await setBuyerTimeZone(workbook, "America/New_York");
    const before = workbook.snapshot();
    const user = renderPane(workbook);
    await user.click(await evaluateButton());
    const bar = await findMessageBar(/Calculation stopped/);
    expect(bar).toHaveTextContent("'Hourly rate'");
    expect(bar).toHaveTextContent("pick the column that holds it by hand");
    expect(bar).toHaveTextContent("Nothing was written.");
    expect(workbook.snapshot()).toEqual(before);
  });

  test("a write Excel refuses during evaluation says what happened, what to do and what was written", async () => {
    const workbook = await previewWorkbook();
    // The buyer answered the time-zone question before (the first-use prompt has its own tests).
    await setBuyerTimeZone(workbook, "America/New_York");
    workbook.apply = () => Promise.reject(new WorkbookWriteError("The sheet is protected", [], []));
    const user = renderPane(workbook);
    await user.click(await evaluateButton());
    const bar = await findMessageBar(/Calculation stopped/);
    expect(bar).toHaveTextContent("The sheet is protected");
    expect(bar).toHaveTextContent("Check that the sheet is not protected");
    expect(bar).toHaveTextContent(/Nothing was written/);
  });

  test("progress is shown while the evaluation runs", async () => {
    const workbook = await previewWorkbook();
    // The buyer answered the time-zone question before (the first-use prompt has its own tests).
    await setBuyerTimeZone(workbook, "America/New_York");
    let release: () => void = () => undefined;
    const realApply = workbook.apply.bind(workbook);
    workbook.apply = (changes, options) => new Promise<void>((resolve) => (release = () => resolve(realApply(changes, options))));
    const user = renderPane(workbook);
    await user.click(await evaluateButton());
    expect(await screen.findByRole("progressbar")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Calculate cost, risk and fit" })).toBeDisabled();
    expect(screen.getByTestId("pane-live-region")).toHaveTextContent("Writing the columns…");
    release();
    await findMessageBar(/written to Vendors/);
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  });
});

describe("keyboard-only use", () => {
  test("Tab reaches Evaluate and Enter runs it", async () => {
    const workbook = await previewWorkbook();
    // The buyer answered the time-zone question before (the first-use prompt has its own tests).
    await setBuyerTimeZone(workbook, "America/New_York");
    const user = renderPane(workbook, { preview: true });
    const evaluate = await evaluateButton();
    for (let i = 0; i < 30 && document.activeElement !== evaluate; i++) await user.tab();
    expect(evaluate).toHaveFocus();
    await user.keyboard("{Enter}");
    await findMessageBar(/written to Vendors/);
    expect((await workbook.listTables())[0].headers).toContain("Risk score");
  });

  test("mapping by hand: Tab reaches each control, each has a name, and Enter saves", async () => {
    const workbook = await tableWithUnknownRateHeader();
    const user = renderPane(workbook);
    await screen.findByText("Hourly rate is missing");
    const field = screen.getByRole("combobox", { name: "Field" });
    const column = screen.getByRole("combobox", { name: "Column" });
    for (let i = 0; i < 40 && document.activeElement !== field; i++) await user.tab();
    expect(field).toHaveFocus();
    await user.tab();
    expect(column).toHaveFocus();
    // Native selects: the browser, not the pane, turns arrow keys into a choice.
    await user.selectOptions(column, "Day price / 8");
    await user.tab();
    expect(screen.getByRole("button", { name: "Save mapping" })).toHaveFocus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByText("Hourly rate is missing")).not.toBeInTheDocument());
    expect(tableMemory(parseMappingSetting(workbook.setting(MAPPING_SETTING)), "Quotes").byHand).toEqual({ hourlyRate: "Day price / 8" });
  });

  test("arrow keys move between the pane's tabs, and each panel is labelled by its tab", async () => {
    const user = renderPane(await previewWorkbook(), { renderChecklist: () => <p>Checklist content</p> });
    const tableTab = await screen.findByRole("tab", { name: "Vendor table" });
    for (let i = 0; i < 10 && document.activeElement !== tableTab; i++) await user.tab();
    expect(tableTab).toHaveFocus();
    await user.keyboard("{ArrowRight}");
    const checklistTab = screen.getByRole("tab", { name: "Checklist" });
    expect(checklistTab).toHaveFocus();
    expect(checklistTab).toHaveAttribute("aria-selected", "true");
    expect(screen.getByRole("tabpanel", { name: "Checklist" })).toHaveTextContent("Checklist content");
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByRole("tabpanel", { name: "Vendor table" })).toBeVisible();
  });
});

describe("results at the top of the step", () => {
  test("after the calculation a summary shows each verdict's count as a badge with its word, the cheapest and the least risky vendor with their rows, amounts with the currency", async () => {
    const workbook = await previewWorkbook();
    await setBuyerTimeZone(workbook, "America/New_York");
    const user = renderPane(workbook);
    await user.click(await evaluateButton());
    const summary = await screen.findByRole("region", { name: `Results for ${SAMPLE_VENDOR_ROWS.length} vendors` });
    const read = await workbook.read({ table: { name: "Vendors", values: true } });
    const column = (h: string) => read.table!.rows!.map((r) => r[read.table!.headers.indexOf(h)]);
    const fits = column("Location fit");
    const badges = within(within(summary).getByRole("list", { name: "Location fit verdicts" })).getAllByRole("listitem").map((b) => b.textContent);
    expect(badges).toEqual(["Benefit", "Trade-off", "Blocker"].map((v) => `${fits.filter((f) => f === v).length} ${v}`));
    const totals = column("Total cost") as number[];
    const cheapest = totals.indexOf(Math.min(...totals));
    const vendor = (i: number) => String(SAMPLE_VENDOR_ROWS[i][SAMPLE_VENDOR_HEADERS.indexOf("Vendor")]);
    const amount = `$${Math.round(totals[cheapest]).toLocaleString("en-US")}`;
    expect(summary).toHaveTextContent(`Lowest total cost${amount}: Row ${cheapest + 2} (${vendor(cheapest)})`);
    const risks = column("Risk score") as number[];
    const safest = risks.indexOf(Math.min(...risks));
    expect(summary).toHaveTextContent(new RegExp(`Lowest risk${Math.round(risks[safest])} \\(.+\\): Row ${safest + 2} \\(${vendor(safest).replace(/[().]/g, "\\$&")}\\)`));
    expect(summary).toHaveTextContent("Amounts in $");
    // Above the button: the first thing read after the calculation.
    const button = screen.getByRole("button", { name: "Calculate cost, risk and fit" });
    expect(summary.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe("the results of a rate card", () => {
  test("the summary counts and names vendor options, each with the total of all its roles, not rows", async () => {
    const workbook = new MemoryWorkbook().addSheet(RATE_CARD_SHEET_NAME);
    await workbook.apply([
      { kind: "createTable", sheet: RATE_CARD_SHEET_NAME, address: "A1", name: RATE_CARD_TABLE_NAME, headers: [...RATE_CARD_HEADERS], rows: RATE_CARD_ROWS.map((r) => r.map((c) => c ?? null)) },
    ]);
    workbook.select(RATE_CARD_SHEET_NAME, "A2");
    await setBuyerTimeZone(workbook, "America/New_York");
    const user = renderPane(workbook);
    await user.click(await evaluateButton());
    const vendors = [...new Set(RATE_CARD_ROWS.map((r) => String(r[RATE_CARD_HEADERS.indexOf("Vendor")])))];
    const summary = await screen.findByRole("region", { name: `Results for ${vendors.length} vendor options (${RATE_CARD_ROWS.length} rows)` });
    const badges = within(within(summary).getByRole("list", { name: "Location fit verdicts" })).getAllByRole("listitem").map((b) => Number.parseInt(b.textContent ?? "", 10));
    expect(badges.reduce((a, b) => a + b, 0)).toBe(vendors.length);
    // Per option: the sum of its rows' totals (its shares add up to it), named by the option and its rows.
    const read = await workbook.read({ table: { name: RATE_CARD_TABLE_NAME, values: true } });
    const totals = read.table!.rows!.map((r) => r[read.table!.headers.indexOf("Total cost")] as number);
    const byVendor = vendors.map((v) => totals.filter((_t, i) => RATE_CARD_ROWS[i][RATE_CARD_HEADERS.indexOf("Vendor")] === v).reduce((a, b) => a + b, 0));
    const cheapest = byVendor.indexOf(Math.min(...byVendor));
    const first = RATE_CARD_ROWS.findIndex((r) => r[RATE_CARD_HEADERS.indexOf("Vendor")] === vendors[cheapest]);
    const count = RATE_CARD_ROWS.filter((r) => r[RATE_CARD_HEADERS.indexOf("Vendor")] === vendors[cheapest]).length;
    expect(summary).toHaveTextContent(`Lowest total cost$${Math.round(byVendor[cheapest]).toLocaleString("en-US")}: ${vendors[cheapest]} (${count} rows from row ${first + 2})`);
  });
});

describe("rows that could not be computed", () => {
  const rate = columnLetters(SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate"));
  const third = String(SAMPLE_VENDOR_ROWS[1][SAMPLE_VENDOR_HEADERS.indexOf("Vendor")]);

  async function withBadRow(): Promise<MemoryWorkbook> {
    const workbook = await previewWorkbook();
    workbook.setCells(SAMPLE_SHEET_NAME, `${rate}3`, [["TBD"]]);
    await setBuyerTimeZone(workbook, "America/New_York");
    return workbook;
  }

  test("are named by sheet row and vendor, and Go to cell selects the cell at fault in the workbook", async () => {
    const workbook = await withBadRow();
    workbook.select(SAMPLE_SHEET_NAME, "A1");
    const user = renderPane(workbook);
    await user.click(await evaluateButton());
    const list = await screen.findByRole("list", { name: "Rows that could not be computed" });
    expect(list).toHaveTextContent(`Row 3 (${third}): Hourly rate`);
    await user.click(within(list).getByRole("button", { name: /^Go to cell/ }));
    await waitFor(async () => expect(await workbook.getSelection()).toMatchObject({ sheet: SAMPLE_SHEET_NAME, address: `${rate}3`, table: "Vendors", rowIndex: 1 }));
    expect(screen.getByTestId("pane-live-region")).toHaveTextContent(`Selected ${rate}3 on '${SAMPLE_SHEET_NAME}': Row 3 (${third}).`);
  });

  test("Go to cell works from the keyboard", async () => {
    const workbook = await withBadRow();
    const user = renderPane(workbook);
    await user.click(await evaluateButton());
    const go = within(await screen.findByRole("list", { name: "Rows that could not be computed" })).getByRole("button", { name: /^Go to cell/ });
    go.focus();
    await user.keyboard("{Enter}");
    await waitFor(async () => expect((await workbook.getSelection())?.address).toBe(`${rate}3`));
  });

  test("stay listed when the table is looked up again", async () => {
    const workbook = await withBadRow();
    const user = renderPane(workbook);
    await user.click(await evaluateButton());
    await screen.findByRole("list", { name: "Rows that could not be computed" });
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    await screen.findByRole("combobox", { name: "Vendor table" });
    expect(await screen.findByRole("list", { name: "Rows that could not be computed" })).toHaveTextContent(`Row 3 (${third})`);
    expect(screen.getByRole("region", { name: /^Results for/ })).toBeInTheDocument();
  });
});

describe("a day rate mapped as the hourly rate", () => {
  test("the mapping step warns about the unit, naming the column", async () => {
    const headers = SAMPLE_VENDOR_HEADERS.map((h) => (h === "Hourly rate" ? "Day rate" : h));
    const workbook = new MemoryWorkbook().addSheet("Quotes");
    await workbook.apply([{ kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers, rows: SAMPLE_VENDOR_ROWS.slice(0, 3).map((r) => r.map((c) => c ?? null)) }]);
    const user = renderPane(workbook);
    await screen.findByText("Hourly rate is missing");
    expect(screen.queryByRole("group", { name: "Check the unit" })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "Column" }), "Day rate");
    await user.click(screen.getByRole("button", { name: "Save mapping" }));
    const warning = await screen.findByRole("group", { name: "Check the unit" });
    expect(warning).toHaveTextContent("'Day rate' feeds Hourly rate, but its header reads as a price per day.");
  });
});
