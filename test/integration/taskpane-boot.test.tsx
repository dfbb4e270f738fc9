/** @jest-environment jsdom */
import { act, screen, within } from "@testing-library/react";
import type { Root } from "react-dom/client";
import { PREVIEW_NOTICE } from "../../src/taskpane/App";
import { startPane } from "../../src/taskpane/boot";
import type { OfficeLike } from "../../src/taskpane/host";
import { previewWorkbook } from "../../src/taskpane/preview";

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
    expect(within(tabs).getAllByRole("tab").map((t) => t.textContent)).toEqual(["Vendor table", "Checklist"]);
  });
});
