/** @jest-environment jsdom */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setBuyerTimeZone } from "../../src/actions/buyerZone";
import { FINANCE_SETTING, SUMMARY_HEADER_ROW, SUMMARY_SHEET } from "../../src/actions/finance";
import { FIELDS } from "../../src/model/fields";
import { SAMPLE_SHEET_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { App } from "../../src/taskpane/App";
import { paneActionsFor } from "../../src/taskpane/paneActionsFor";
import type { PaneActions } from "../../src/taskpane/paneActions";
import { previewWorkbook } from "../../src/taskpane/preview";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { columnLetters } from "../../src/workbook/address";
import { ASSUMPTIONS_SHEET, WorkbookWriteError, type WorkbookPort } from "../../src/workbook/port";

const EXPECTED = FIELDS.map((f) => ({ header: f.header, required: f.required }));
/** Sheet row (1-based) of the summary's first vendor. */
const FIRST_VENDOR_ROW = SUMMARY_HEADER_ROW + 2;

function renderPane(port: WorkbookPort, options: { preview?: boolean; actions?: PaneActions } = {}) {
  const user = userEvent.setup();
  render(<App port={port} actions={options.actions ?? paneActionsFor(port)} preview={options.preview ?? false} dark={false} expectedHeaders={EXPECTED} />);
  return user;
}

async function findMessageBar(text: RegExp | string): Promise<HTMLElement> {
  const found = await screen.findByText(text, { ignore: '[data-testid="pane-live-region"], script, style' });
  return found.closest(".pane-notice") as HTMLElement;
}

/** Opens the confirmation and confirms it with its writing button. */
async function prepareAndConfirm(user: ReturnType<typeof userEvent.setup>, confirm: "Write formulas" | "Write values" = "Write formulas"): Promise<void> {
  await user.click(await screen.findByRole("button", { name: "Prepare for finance…" }));
  const dialog = await screen.findByRole("dialog", { name: "Prepare for finance?" });
  await user.click(within(dialog).getByRole("button", { name: confirm }));
  // A modal dialog hides the rest of the page from assistive technology (aria-hidden) until it has closed.
  await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  await waitFor(() => expect(document.querySelector('main[aria-hidden="true"], [aria-hidden="true"] main')).toBeNull());
}

function financeSection(): HTMLElement {
  return screen.getByRole("region", { name: "4. Share with finance" });
}

/** Where the model's total of each sample vendor went on the summary, by vendor name. */
function summaryTotals(workbook: MemoryWorkbook): Map<string, { value: unknown; formula?: string }> {
  const totals = new Map<string, { value: unknown; formula?: string }>();
  for (let row = FIRST_VENDOR_ROW; ; row++) {
    const vendor = workbook.cell(SUMMARY_SHEET, `A${row}`);
    if (!vendor || vendor.value === null || vendor.value === undefined) break;
    const total = workbook.cell(SUMMARY_SHEET, `C${row}`)!;
    totals.set(String(vendor.value), { value: total.value, formula: total.formula });
  }
  return totals;
}

async function tableMissingHourlyRate(): Promise<MemoryWorkbook> {
  const headers = SAMPLE_VENDOR_HEADERS.map((h) => (h === "Hourly rate" ? "Day price / 8" : h));
  const workbook = new MemoryWorkbook().addSheet("Quotes");
  await workbook.apply([
    { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers, rows: SAMPLE_VENDOR_ROWS.slice(0, 3).map((r) => r.map((c) => c ?? null)) },
  ]);
  return workbook;
}

describe("share with finance", () => {
  test("the step explains the #NAME? problem and offers two labelled modes, portable formulas chosen, and a button", async () => {
    renderPane(await previewWorkbook());
    await screen.findByRole("button", { name: "Prepare for finance…" });
    const section = financeSection();
    expect(section).toHaveTextContent("#NAME?");
    expect(section).toHaveTextContent("Finance summary");
    const modes = within(section).getByRole("radiogroup", { name: "Numbers for finance" });
    const formulas = within(modes).getByRole("radio", { name: "Portable formulas (recommended)" });
    const values = within(modes).getByRole("radio", { name: "Values as of now" });
    expect(formulas).toBeChecked();
    expect(values).not.toBeChecked();
    expect(formulas).toHaveAccessibleDescription(/change an assumption/);
    expect(values).toHaveAccessibleDescription(/do not recalculate/);
  });

  test("keyboard only: Tab to the modes, arrow to Values, Tab to the button, Enter writes the summary as values", async () => {
    const workbook = await previewWorkbook();
    const user = renderPane(workbook, { preview: true });
    const formulas = await screen.findByRole("radio", { name: "Portable formulas (recommended)" });
    for (let i = 0; i < 40 && document.activeElement !== formulas; i++) await user.tab();
    expect(formulas).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    const values = screen.getByRole("radio", { name: "Values as of now" });
    expect(values).toHaveFocus();
    expect(values).toBeChecked();
    await user.tab();
    expect(screen.getByRole("button", { name: "Prepare for finance…" })).toHaveFocus();
    await user.keyboard("{Enter}");
    // The confirmation takes the focus; Tab stays inside it, Enter on its writing button writes.
    const dialog = await screen.findByRole("dialog", { name: "Prepare for finance?" });
    const write = within(dialog).getByRole("button", { name: "Write values" });
    for (let i = 0; i < 5 && document.activeElement !== write; i++) await user.tab();
    expect(write).toHaveFocus();
    await user.keyboard("{Enter}");

    const bar = await findMessageBar(/vendors on the sheet 'Finance summary'/);
    expect(bar).toHaveTextContent(`${SAMPLE_VENDOR_ROWS.length} vendors on the sheet 'Finance summary', as values as of`);
    expect(bar).toHaveTextContent("To get live add-in formulas back, choose Calculate cost, risk and fit.");
    expect(workbook.sheetNames()).toContain(SUMMARY_SHEET);
    expect(JSON.parse(workbook.setting(FINANCE_SETTING)!)).toMatchObject({ table: "Vendors", mode: "values" });
    expect(String(workbook.cell(SUMMARY_SHEET, "A1")?.value)).toMatch(/values as of/);
    const totals = summaryTotals(workbook);
    expect(totals.size).toBe(SAMPLE_VENDOR_ROWS.length);
    for (const { value, formula } of totals.values()) {
      expect(value).toEqual(expect.any(Number));
      expect(formula).toBeUndefined();
    }
    expect(screen.getByTestId("pane-live-region")).toHaveTextContent(/^Prepared for finance: /);
    expect(screen.getByText(/^Prepared for finance as values/)).toHaveTextContent(`the fixed numbers on the sheet '${SUMMARY_SHEET}'`);
  });

  test("portable formulas on a table never evaluated use the workbook's chosen time zone, and the columns stop calling the add-in until Evaluate", async () => {
    // A zone other than this machine's and the default, so the assumptions sheet shows where it came from.
    const zone = "Asia/Kolkata";
    const workbook = await previewWorkbook();
    expect((await setBuyerTimeZone(workbook, zone)).kind).toBe("done");
    const user = renderPane(workbook, { preview: true });
    await prepareAndConfirm(user);
    const bar = await findMessageBar(/vendors on the sheet 'Finance summary'/);
    expect(bar).toHaveTextContent("as portable formulas");
    // Never calculated: the pane calculated first and says so, instead of sending the buyer back.
    expect(bar).toHaveTextContent("The table had not been calculated, so Calculate cost, risk and fit ran first.");
    expect(bar).not.toHaveTextContent("again");

    const cells = [...workbook.snapshot().entries()];
    expect(cells.some(([address, cell]) => address.startsWith(`${ASSUMPTIONS_SHEET}!B`) && cell.value === zone)).toBe(true);
    for (const { formula } of summaryTotals(workbook).values()) {
      expect(formula).toMatch(/^=/);
      expect(formula).not.toMatch(/OFFSHORE\./i);
    }
    const read = await workbook.read({ table: { name: "Vendors", formulasOf: ["Total cost"] } });
    // One formula down the column (Excel makes it a calculated column), reading the summary.
    const column = read.table!.columnFormulas["Total cost"];
    expect(column[0]).toMatch(new RegExp(`^=IFERROR\\(.*'${SUMMARY_SHEET}'!`));
    expect(column[0]).not.toMatch(/OFFSHORE\./i);
    column.forEach((f) => expect(f).toBe(column[0]));

    // The preview sheet shows the prepared columns and says how they were prepared.
    const sheet = await screen.findByRole("table", { name: /Vendors on sheet/ });
    await waitFor(() => expect(within(sheet).getByRole("columnheader", { name: "Total cost" })).toBeInTheDocument());
    expect(await screen.findByText(/Prepared for finance as portable formulas/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Calculate cost, risk and fit" }));
    await findMessageBar(/written to Vendors/);
    expect(workbook.tableColumn("Vendors", "Total cost")?.formula).toMatch(/^=OFFSHORE\.TOTALCOST\(/);
    await waitFor(() => expect(screen.queryByText(/Prepared for finance as portable formulas/)).not.toBeInTheDocument());
    // The finance outcome no longer describes the columns.
    expect(screen.queryByRole("group", { name: "Prepared for finance" })).not.toBeInTheDocument();
  });

  test("a row that cannot be computed is left out of the summary, and the pane names its row and what is wrong", async () => {
    const workbook = await previewWorkbook();
    const rate = columnLetters(SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate"));
    workbook.setCells(SAMPLE_SHEET_NAME, `${rate}3`, [["TBD"]]);
    const user = renderPane(workbook);
    await prepareAndConfirm(user);
    const bar = await findMessageBar(/vendors on the sheet 'Finance summary'/);
    expect(bar).toHaveTextContent(`${SAMPLE_VENDOR_ROWS.length - 1} vendors on the sheet 'Finance summary'`);
    expect(bar).toHaveTextContent("1 row was left out");
    const left = within(bar).getByRole("list", { name: "Rows left out of the summary" });
    expect(left).toHaveTextContent(/^Row 3: .*TBD/);
    expect(summaryTotals(workbook).size).toBe(SAMPLE_VENDOR_ROWS.length - 1);
  });

  test("a table that cannot be evaluated is not prepared: the pane says which column is missing and that nothing was written", async () => {
    const workbook = await tableMissingHourlyRate();
    const before = workbook.snapshot();
    const user = renderPane(workbook);
    await prepareAndConfirm(user);
    const bar = await findMessageBar(/Preparing for finance stopped/);
    expect(bar).toHaveTextContent("'Hourly rate'");
    expect(bar).toHaveTextContent("Nothing was written.");
    expect(workbook.snapshot()).toEqual(before);
    expect(workbook.sheetNames()).not.toContain(SUMMARY_SHEET);
    expect(screen.getByTestId("pane-live-region")).toHaveTextContent(/Preparing for finance stopped/);
  });

  test("a summary the workbook refuses to take says what happened and what to do", async () => {
    const workbook = await previewWorkbook();
    expect((await paneActionsFor(workbook).evaluate("Vendors", {})).kind).toBe("done");
    const before = workbook.snapshot();
    workbook.apply = () => Promise.reject(new WorkbookWriteError("The sheet is protected", [], []));
    const user = renderPane(workbook);
    await prepareAndConfirm(user);
    const bar = await findMessageBar(/Preparing for finance stopped/);
    expect(bar).toHaveTextContent("The sheet is protected");
    expect(bar).toHaveTextContent("Check that the sheets are not protected");
    expect(workbook.snapshot()).toEqual(before);
  });

  test("an unexpected failure says what happened, what to do and what was written", async () => {
    const workbook = await previewWorkbook();
    const actions: PaneActions = {
      ...paneActionsFor(workbook),
      prepareForFinance: () => Promise.reject(new WorkbookWriteError("The sheet is protected", [], [])),
    };
    const user = renderPane(workbook, { actions });
    await prepareAndConfirm(user);
    const bar = await findMessageBar(/Preparing for finance failed: The sheet is protected/);
    expect(bar).toHaveTextContent("Check that the sheets are not protected");
    expect(bar).toHaveTextContent(/Nothing was written/);
  });

  test("progress is shown and announced while the summary is written; the modes and button wait", async () => {
    const workbook = await previewWorkbook();
    let release: () => void = () => undefined;
    const realApply = workbook.apply.bind(workbook);
    const held = new Promise<void>((resolve) => (release = resolve));
    // The buyer chose the zone and calculated before, so the summary's apply is the only one: it is held.
    await setBuyerTimeZone(workbook, "America/New_York");
    expect((await paneActionsFor(workbook).evaluate("Vendors", {})).kind).toBe("done");
    workbook.apply = async (changes, options) => {
      await held;
      return realApply(changes, options);
    };
    const user = renderPane(workbook);
    await prepareAndConfirm(user);
    const progress = await screen.findByRole("progressbar", { name: "Writing the summary…" });
    expect(progress).toBeInTheDocument();
    expect(screen.getByTestId("pane-live-region")).toHaveTextContent("Writing the summary…");
    expect(screen.getByRole("button", { name: "Prepare for finance…" })).toBeDisabled();
    expect(screen.getByRole("radio", { name: "Values as of now" })).toBeDisabled();
    // Evaluate writes the same three columns: it waits too.
    expect(screen.getByRole("button", { name: "Calculate cost, risk and fit" })).toBeDisabled();
    release();
    await findMessageBar(/vendors on the sheet 'Finance summary'/);
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Calculate cost, risk and fit" })).toBeEnabled(), { timeout: 15_000 });
  });

  test("while Evaluate writes the columns, Prepare for finance waits", async () => {
    const workbook = await previewWorkbook();
    await setBuyerTimeZone(workbook, "America/New_York");
    let release: () => void = () => undefined;
    const realApply = workbook.apply.bind(workbook);
    const held = new Promise<void>((resolve) => (release = resolve));
    workbook.apply = async (changes, options) => {
      await held;
      return realApply(changes, options);
    };
    const user = renderPane(workbook);
    const evaluate = await screen.findByRole("button", { name: "Calculate cost, risk and fit" });
    await waitFor(() => expect(evaluate).toBeEnabled(), { timeout: 15_000 });
    await user.click(evaluate);
    await screen.findByRole("progressbar");
    expect(screen.getByRole("button", { name: "Prepare for finance…" })).toBeDisabled();
    release();
    await findMessageBar(/written to Vendors/);
    expect(screen.getByRole("button", { name: "Prepare for finance…" })).toBeEnabled();
  });
});

describe("the confirmation before preparing for finance", () => {
  test("names the columns of the table and the sheets that will change; Cancel writes nothing", async () => {
    const workbook = await previewWorkbook();
    expect((await paneActionsFor(workbook).evaluate("Vendors", {})).kind).toBe("done");
    const before = workbook.snapshot();
    const settingBefore = workbook.setting(FINANCE_SETTING);
    const user = renderPane(workbook);
    await user.click(await screen.findByRole("button", { name: "Prepare for finance…" }));
    const dialog = await screen.findByRole("dialog", { name: "Prepare for finance?" });
    const changes = within(dialog).getByRole("list", { name: "What will change" });
    expect(changes).toHaveTextContent("Table 'Vendors': the columns 'Total cost', 'Risk score', 'Location fit' and 'Finance row' get plain Excel formulas in every row");
    expect(changes).toHaveTextContent(`Sheet '${SUMMARY_SHEET}' is added.`);
    // Calculated already: nothing runs first, and the assumptions sheet is not added again.
    expect(dialog).not.toHaveTextContent("runs first");
    expect(changes).not.toHaveTextContent(ASSUMPTIONS_SHEET);
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(workbook.snapshot()).toEqual(before);
    expect(workbook.sheetNames()).not.toContain(SUMMARY_SHEET);
    expect(workbook.setting(FINANCE_SETTING)).toBe(settingBefore);
    expect(screen.queryByRole("group", { name: "Prepared for finance" })).not.toBeInTheDocument();
  });

  test("on a table never calculated it says the calculation runs first and that the assumptions sheet is added; values mode says fixed numbers and writes values", async () => {
    const workbook = await previewWorkbook();
    const user = renderPane(workbook);
    await user.click(await screen.findByRole("radio", { name: "Values as of now" }));
    await user.click(screen.getByRole("button", { name: "Prepare for finance…" }));
    const dialog = await screen.findByRole("dialog", { name: "Prepare for finance?" });
    expect(dialog).toHaveTextContent("The table 'Vendors' has not been calculated yet, so Calculate cost, risk and fit runs first.");
    expect(dialog).toHaveTextContent("get fixed numbers in every row");
    expect(dialog).toHaveTextContent(`Sheet '${ASSUMPTIONS_SHEET}' is added.`);
    expect(workbook.sheetNames()).not.toContain(ASSUMPTIONS_SHEET);
    await user.click(within(dialog).getByRole("button", { name: "Write values" }));
    await findMessageBar(/vendors on the sheet 'Finance summary', as values as of/);
    expect(workbook.sheetNames()).toEqual(expect.arrayContaining([ASSUMPTIONS_SHEET, SUMMARY_SHEET]));
  });

  test("keyboard only: the dialog takes the focus, Escape closes it without writing and gives the focus back to the button", async () => {
    const workbook = await previewWorkbook();
    const before = workbook.snapshot();
    const user = renderPane(workbook);
    const open = await screen.findByRole("button", { name: "Prepare for finance…" });
    for (let i = 0; i < 40 && document.activeElement !== open; i++) await user.tab();
    expect(open).toHaveFocus();
    await user.keyboard("{Enter}");
    const dialog = await screen.findByRole("dialog", { name: "Prepare for finance?" });
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    // Tab cycles inside the dialog: both its buttons, never the pane behind it.
    for (let i = 0; i < 4; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(open).toHaveFocus());
    // The pane behind is given back to screen readers.
    await waitFor(() => expect(document.querySelector('main[aria-hidden="true"], [aria-hidden="true"] main')).toBeNull());
    expect(workbook.snapshot()).toEqual(before);
    expect(workbook.sheetNames()).not.toContain(SUMMARY_SHEET);
  });
});
