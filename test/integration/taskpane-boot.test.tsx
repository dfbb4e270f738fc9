/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { Root } from "react-dom/client";
import { PREVIEW_NOTICE } from "../../src/taskpane/App";
import { startPane } from "../../src/taskpane/boot";
import type { OfficeLike } from "../../src/taskpane/host";
import { previewWorkbook } from "../../src/taskpane/preview";
import { WAITING_TITLE } from "../../src/taskpane/WaitingForExcel";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { FakeExcel, FakeOffice } from "./fakes/fakeExcel";

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
});

async function start(options: Parameters<typeof startPane>[1]) {
  const container = document.body.appendChild(document.createElement("div"));
  await act(async () => {
    root = await startPane(container, options);
  });
}

describe("starting the pane", () => {
  test("in a plain browser without office.js the pane opens in preview on the sample table", async () => {
    await start({ office: undefined });
    expect(screen.getByText(PREVIEW_NOTICE)).toBeInTheDocument();
    expect(await screen.findByRole("combobox", { name: "Vendor table" })).toHaveValue("Vendors");
  });

  test("office.js that never answers still gives the preview once the wait is over", async () => {
    await start({ office: { onReady: () => new Promise(() => undefined) }, timeoutMs: 20 });
    expect(screen.getByText(PREVIEW_NOTICE)).toBeInTheDocument();
  });

  test("inside Excel the pane works on the Excel workbook and shows no preview notice", async () => {
    const excel = await previewWorkbook();
    const office: OfficeLike = { HostType: { Excel: "Excel" }, onReady: () => Promise.resolve({ host: "Excel" }) };
    await start({ office, excelWorkbook: () => excel });
    expect(await screen.findByRole("combobox", { name: "Vendor table" })).toHaveValue("Vendors");
    expect(screen.queryByText(PREVIEW_NOTICE)).not.toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    const tabs = screen.getByRole("tablist", { name: "Pane sections" });
    expect(within(tabs).getAllByRole("tab")).toEqual([within(tabs).getByRole("tab", { name: "Vendor table" }), within(tabs).getByRole("tab", { name: "Checklist" })]);
  });

  // Office adds _host_Info to the pane's URL ("Visual Studio Code Debugger Extension for Office
  // Add-ins"; office-js issue 1805); the shared runtime then keeps the page all session.
  describe("opened by Office", () => {
    const EXCEL_URL = "https://localhost:3000/taskpane.html?_host_Info=Excel$Win32$16.01$en-US$$$$0";
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    test("a slow Office start shows Waiting for Excel with a retry, never the sample, then the workbook", async () => {
      const office = new FakeOffice();
      const excel = await previewWorkbook();
      const reload = jest.fn();
      const container = document.body.appendChild(document.createElement("div"));
      let started: Promise<Root> | null = null;
      act(() => {
        started = startPane(container, { office, url: EXCEL_URL, timeoutMs: 1500, excelWorkbook: () => excel, reload });
      });
      act(() => jest.advanceTimersByTime(60_000));

      expect(screen.getByRole("group", { name: WAITING_TITLE })).toBeInTheDocument();
      expect(screen.getByRole("status")).toHaveTextContent(/Excel is still starting/);
      expect(screen.queryByText(PREVIEW_NOTICE)).not.toBeInTheDocument();
      expect(screen.queryByRole("combobox", { name: "Vendor table" })).not.toBeInTheDocument();
      const retry = screen.getByRole("button", { name: "Try again" });
      fireEvent.click(retry);
      expect(reload).toHaveBeenCalledTimes(1);

      office.start("Excel");
      await act(async () => {
        root = await started!;
      });
      expect(screen.queryByRole("group", { name: WAITING_TITLE })).not.toBeInTheDocument();
      expect(screen.queryByText(PREVIEW_NOTICE)).not.toBeInTheDocument();
      expect(screen.getByRole("tablist", { name: "Pane sections" })).toBeInTheDocument();
    });

    test("without office.js the pane says Excel did not start it and offers a retry, not the sample", async () => {
      const reload = jest.fn();
      await start({ office: undefined, url: EXCEL_URL, reload });
      expect(screen.getByText("Excel did not start the add-in")).toBeInTheDocument();
      expect(screen.queryByText(PREVIEW_NOTICE)).not.toBeInTheDocument();
      fireEvent.click(screen.getByRole("button", { name: "Try again" }));
      expect(reload).toHaveBeenCalledTimes(1);
    });
  });

  // Excel raises no theme-change event (OfficeThemeChanged is Outlook's, Mailbox 1.14); the pane
  // reads Office.context.officeTheme again whenever it is shown.
  test("inside Excel the pane takes Office's theme, and turns dark when shown again after the user picked a dark Office theme", async () => {
    const office = new FakeOffice();
    office.start("Excel");
    const excel = await previewWorkbook();
    await start({ office, url: "https://localhost:3000/taskpane.html?_host_Info=Excel$Win32$16.01$en-US$$$$0", excelWorkbook: () => excel });
    await screen.findByRole("combobox", { name: "Vendor table" });
    const theme = () => document.querySelector(".pane-theme")?.getAttribute("data-theme");
    expect(theme()).toBe("light");

    act(() => office.setPane("Hidden"));
    office.setOfficeTheme("#262626", "#ffffff");
    expect(theme()).toBe("light");
    act(() => office.setPane("Taskpane"));
    await waitFor(() => expect(theme()).toBe("dark"));
  });

  // The shared runtime keeps the page with the pane closed; Office.addin.onVisibilityModeChanged
  // (SharedRuntime 1.1, "Show or hide the task pane of your Office Add-in") says when it is
  // shown or closed. Selection handlers stay until removed ("Work with Events using the Excel
  // JavaScript API"), so the checklist holds one only while it is on screen.
  test("the checklist follows the selection only while its tab is open and the pane is shown", async () => {
    const excel = new FakeExcel();
    excel.addTable(SAMPLE_SHEET_NAME, 0, 0, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS.map((r) => [...r]));
    await excel.select(SAMPLE_SHEET_NAME, "B3");
    const office = new FakeOffice();
    office.start("Excel");
    await start({ office, url: "https://localhost:3000/taskpane.html?_host_Info=Excel$WAC$16.01$en-US$$$$0", excelWorkbook: () => new ExcelWorkbook(excel.host()) });
    await screen.findByRole("combobox", { name: "Vendor table" });

    // From start-up with the checklist tab never opened: no handler, nothing read on a click.
    expect(excel.selectionHandlers).toHaveLength(0);
    excel.resetCounts();
    await act(async () => excel.select(SAMPLE_SHEET_NAME, "B4"));
    expect(excel.syncs).toBe(0);

    fireEvent.click(screen.getByRole("tab", { name: "Checklist" }));
    expect(await screen.findByRole("heading", { level: 2, name: /Governance checklist: / })).toBeInTheDocument();
    await waitFor(() => expect(excel.selectionHandlers).toHaveLength(1));

    // The pane is closed; the runtime and this page live on.
    act(() => office.setPane("Hidden"));
    await waitFor(() => expect(excel.selectionHandlers).toHaveLength(0));
    excel.resetCounts();
    await act(async () => excel.select(SAMPLE_SHEET_NAME, "B5"));
    expect(excel.syncs).toBe(0);
    expect(excel.cellsRead()).toBe(0);

    // Shown again on the checklist: it catches up with the selection and listens again.
    act(() => office.setPane("Taskpane"));
    await waitFor(() => expect(excel.selectionHandlers).toHaveLength(1));
    const vendor = String(SAMPLE_VENDOR_ROWS[3][SAMPLE_VENDOR_HEADERS.indexOf("Vendor")]);
    await waitFor(() => expect(screen.getByRole("heading", { level: 2, name: /Governance checklist: / })).toHaveTextContent(vendor));
  });
});
