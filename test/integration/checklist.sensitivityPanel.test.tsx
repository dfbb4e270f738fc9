/** @jest-environment jsdom */
// The checklist tab's "What moves the total most": the three assumptions with the largest swing
// for the selected vendor, a list with a heading per assumption, each with a "Go to cell"
// button named by its cell and assumption, usable from the keyboard.
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { evaluateTable } from "../../src/actions/evaluate";
import { loadChecklist } from "../../src/actions/checklist";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { ChecklistPanel, type Schedule } from "../../src/taskpane/checklist/ChecklistPanel";
import { previewWorkbook } from "../../src/taskpane/preview";
import { ASSUMPTIONS_SHEET } from "../../src/workbook/port";

const atOnce: Schedule = (task) => {
  task();
  return () => undefined;
};
const today = { year: 2026, month: 3, day: 16 };
const vendorAt = (rowIndex: number) => String(SAMPLE_VENDOR_ROWS[rowIndex][SAMPLE_VENDOR_HEADERS.indexOf("Vendor")]);

async function evaluatedPreview() {
  const wb = await previewWorkbook();
  const outcome = await evaluateTable(wb, SAMPLE_TABLE_NAME, { today, buyerTimeZone: "America/New_York" });
  if (outcome.kind !== "done") throw new Error(outcome.message);
  return wb;
}

function renderPanel(port: Parameters<typeof ChecklistPanel>[0]["port"]) {
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <ChecklistPanel port={port} table={SAMPLE_TABLE_NAME} schedule={atOnce} />
    </FluentProvider>,
  );
  return user;
}

describe("what moves the selected vendor's total most", () => {
  test("lists the three assumptions with the largest swing, each under its own heading with its low and high totals, after the buyer's sentence", async () => {
    const wb = await evaluatedPreview();
    wb.select(SAMPLE_SHEET_NAME, "B3");
    renderPanel(wb);
    await screen.findByRole("heading", { level: 2, name: `Governance checklist: ${vendorAt(1)}` });
    const expected = await loadChecklist(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 1 });
    if (expected.kind !== "ready") throw new Error(expected.kind);
    // Open from the start: a section heading whose button says so.
    const toggle = screen.getByRole("button", { name: "What moves the total most" });
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("heading", { level: 3, name: "What moves the total most" })).toBeInTheDocument();
    expect(screen.getByText(expected.sensitivity.sentence)).toBeInTheDocument();
    const list = screen.getByRole("list", { name: "Assumptions that move the total most, in USD" });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(3);
    items.forEach((item, i) => {
      const lever = expected.sensitivity.levers[i];
      expect(within(item).getByRole("heading", { level: 4 })).toHaveTextContent(lever.name);
      expect(item).toHaveTextContent(`Total ${lever.lowText} at its low end, ${lever.highText} at its high end: a swing of ${lever.swingText}.`);
      expect(within(item).getByRole("button", { name: `Go to cell ${lever.cell!.address} on '${ASSUMPTIONS_SHEET}': ${lever.name}` })).toBeEnabled();
    });
  });

  test("from the keyboard, Go to cell selects the assumption's cell, says so, and the checklist stays on the vendor", async () => {
    const wb = await evaluatedPreview();
    wb.select(SAMPLE_SHEET_NAME, "B4");
    const user = renderPanel(wb);
    await screen.findByRole("heading", { level: 2, name: `Governance checklist: ${vendorAt(2)}` });
    const list = screen.getByRole("list", { name: /^Assumptions that move the total most/ });
    const go = within(list).getAllByRole("button", { name: /^Go to cell / })[0];
    const [, address, name] = /^Go to cell (\S+) on '.+': (.+)$/.exec(go.getAttribute("aria-label")!)!;
    for (let i = 0; i < 30 && document.activeElement !== go; i++) await user.tab();
    expect(go).toHaveFocus();
    await user.keyboard("{Enter}");
    await waitFor(async () => expect(await wb.getSelection()).toMatchObject({ sheet: ASSUMPTIONS_SHEET, address }));
    expect(await screen.findByText(`Selected ${address} on '${ASSUMPTIONS_SHEET}': ${name}.`)).toBeInTheDocument();
    // The selection left the table for the assumption: the same vendor stays, not "Select a vendor row".
    await waitFor(() => expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent(`Governance checklist: ${vendorAt(2)}`));
    expect(screen.queryByText(/Select a vendor row/)).not.toBeInTheDocument();
    // Another vendor selected: its own list, without what was said about the last one.
    act(() => wb.select(SAMPLE_SHEET_NAME, "B2"));
    await waitFor(() => expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent(`Governance checklist: ${vendorAt(0)}`));
    expect(screen.queryByText(/^Selected /)).not.toBeInTheDocument();
  });

  test("a sheet renamed since the list was read is said, with what to do", async () => {
    const wb = await evaluatedPreview();
    wb.select(SAMPLE_SHEET_NAME, "B2");
    const user = renderPanel({ kind: wb.kind, listTables: () => wb.listTables(), read: (r) => wb.read(r), readTableRow: (t, i) => wb.readTableRow(t, i), apply: (c, o) => wb.apply(c, o), detectRegion: () => wb.detectRegion(), getSelection: () => wb.getSelection(), onSelectionChanged: (l) => wb.onSelectionChanged(l), selectCell: async () => Promise.reject(new Error("ItemNotFound")) });
    await screen.findByRole("heading", { level: 2, name: `Governance checklist: ${vendorAt(0)}` });
    await user.click(within(screen.getByRole("list", { name: /^Assumptions that move the total most/ })).getAllByRole("button", { name: /^Go to cell / })[0]);
    expect(await screen.findByText(/could not be selected: ItemNotFound\. The sheet may have been renamed or deleted; press Refresh\./)).toBeInTheDocument();
  });

  test("before the table is calculated, the assumptions are listed without a cell to go to, and the pane says how to get one", async () => {
    const wb = await previewWorkbook();
    wb.select(SAMPLE_SHEET_NAME, "B2");
    renderPanel(wb);
    await screen.findByRole("heading", { level: 2, name: `Governance checklist: ${vendorAt(0)}` });
    const list = screen.getByRole("list", { name: /^Assumptions that move the total most/ });
    expect(within(list).getAllByRole("listitem")).toHaveLength(3);
    expect(within(list).queryAllByRole("button")).toHaveLength(0);
    expect(screen.getByText(/Calculate the table to create or complete the assumptions sheet/)).toBeInTheDocument();
  });
});
