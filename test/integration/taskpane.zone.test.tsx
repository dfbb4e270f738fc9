/** @jest-environment jsdom */
// The buyer time zone in the pane: asked for on first use with the computer's zone only
// suggested, found by city as well as by IANA name, stored on the assumptions sheet, and
// operable from the keyboard alone.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { readBuyerTimeZone, setBuyerTimeZone } from "../../src/actions/buyerZone";
import { evaluateTable } from "../../src/actions/evaluate";
import { FIELDS } from "../../src/model/fields";
import { App } from "../../src/taskpane/App";
import { paneActionsFor } from "../../src/taskpane/paneActionsFor";
import { previewWorkbook } from "../../src/taskpane/preview";
import type { MemoryWorkbook } from "../../src/workbook/memory";

const EXPECTED = FIELDS.map((f) => ({ header: f.header, required: f.required }));

/** The pane on `workbook`, on a computer whose zone is `computerZone`. */
function renderPane(workbook: MemoryWorkbook, computerZone = "Europe/Berlin") {
  const resolvedOptions = Intl.DateTimeFormat.prototype.resolvedOptions;
  const defaultZone = resolvedOptions.call(new Intl.DateTimeFormat()).timeZone;
  jest.spyOn(Intl.DateTimeFormat.prototype, "resolvedOptions").mockImplementation(function (this: Intl.DateTimeFormat) {
    const own = resolvedOptions.call(this);
    return own.timeZone === defaultZone ? { ...own, timeZone: computerZone } : own;
  });
  const user = userEvent.setup();
  render(<App port={workbook} actions={paneActionsFor(workbook)} preview={false} dark={false} expectedHeaders={EXPECTED} />);
  return user;
}

afterEach(() => jest.restoreAllMocks());

// The field loads on demand (Fluent's Combobox is kept out of the pane's first script): the first load takes a while.
const zoneBox = () => screen.findByRole("combobox", { name: "Buyer time zone" }, { timeout: 15_000 });

describe("buyer time zone", () => {
  test("first use: the pane asks, suggesting the computer's zone, and Evaluate waits until the buyer answers", async () => {
    const workbook = await previewWorkbook();
    const user = renderPane(workbook, "Europe/Berlin");
    const box = await zoneBox();
    await waitFor(() => expect(box).toHaveValue("Europe/Berlin"));
    expect(screen.getByText(/This workbook has no buyer time zone yet/)).toHaveTextContent("Your computer's zone, Europe/Berlin, is suggested");
    expect(screen.getByRole("button", { name: "Calculate cost, risk and fit" })).toBeDisabled();
    // Nothing is stored until the buyer answers.
    expect(await readBuyerTimeZone(workbook)).toEqual({ kind: "unset" });

    await user.click(screen.getByRole("button", { name: "Use this time zone" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Calculate cost, risk and fit" })).toBeEnabled());
    expect(await readBuyerTimeZone(workbook)).toMatchObject({ kind: "set", zone: "Europe/Berlin" });
    expect(screen.queryByRole("button", { name: "Use this time zone" })).not.toBeInTheDocument();
  });

  test("a workbook that has a zone is not asked again: the field shows the stored zone, whatever the computer's", async () => {
    const workbook = await previewWorkbook();
    await setBuyerTimeZone(workbook, "America/New_York");
    renderPane(workbook, "Asia/Tokyo");
    const box = await zoneBox();
    await waitFor(() => expect(box).toHaveValue("America/New_York"));
    expect(screen.queryByText(/no buyer time zone yet/)).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Calculate cost, risk and fit" })).toBeEnabled());
  });

  test("typing a city lists its zone: Kolkata finds Asia/Kolkata, and arrow keys and Enter choose it without a mouse", async () => {
    const workbook = await previewWorkbook();
    const user = renderPane(workbook);
    const box = await zoneBox();
    await waitFor(() => expect(box).toBeEnabled());
    await user.clear(box);
    await user.type(box, "Kolkata");
    const option = await screen.findByRole("option", { name: /^Asia\/Kolkata \(India/ });
    expect(within(screen.getByRole("listbox")).getAllByRole("option")[0]).toBe(option);
    await user.keyboard("{ArrowDown}");
    await user.keyboard("{Enter}");
    await waitFor(async () => expect(await readBuyerTimeZone(workbook)).toMatchObject({ kind: "set", zone: "Asia/Kolkata" }));
    expect(box).toHaveValue("Asia/Kolkata");
  });

  test("a typed zone the list does not spell (an offset) is read as the model reads it when Enter is pressed", async () => {
    const workbook = await previewWorkbook();
    const user = renderPane(workbook);
    const box = await zoneBox();
    await waitFor(() => expect(box).toBeEnabled());
    await user.clear(box);
    await user.type(box, "UTC+5:30{Enter}");
    await waitFor(async () => expect(await readBuyerTimeZone(workbook)).toMatchObject({ kind: "set", zone: "UTC+05:30" }));
  });

  test("a bad entry gets a validation message naming what was typed, with examples, and nothing is stored", async () => {
    const workbook = await previewWorkbook();
    const user = renderPane(workbook);
    const box = await zoneBox();
    await waitFor(() => expect(box).toBeEnabled());
    await user.clear(box);
    await user.type(box, "Atlantis{Enter}");
    const message = await screen.findByText(/'Atlantis' is not a time zone/, { ignore: '[data-testid="pane-live-region"], script, style' });
    expect(message).toHaveTextContent(/Asia\/Kolkata.*Kolkata.*UTC\+5:30/);
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(await readBuyerTimeZone(workbook)).toEqual({ kind: "unset" });
  });

  test("changing the zone rewrites the sheet's cell, and the next Evaluate measures from it", async () => {
    const workbook = await previewWorkbook();
    await setBuyerTimeZone(workbook, "America/New_York");
    const user = renderPane(workbook);
    const box = await zoneBox();
    await waitFor(() => expect(box).toHaveValue("America/New_York"));
    await user.clear(box);
    await user.type(box, "Kolkata");
    await user.click(await screen.findByRole("option", { name: /^Asia\/Kolkata/ }));
    await waitFor(async () => expect(await readBuyerTimeZone(workbook)).toMatchObject({ kind: "set", zone: "Asia/Kolkata" }));

    await user.click(screen.getByRole("button", { name: "Calculate cost, risk and fit" }));
    await screen.findByText(/written to Vendors/, { ignore: '[data-testid="pane-live-region"]' });
    const fits = (await workbook.read({ table: { name: "Vendors", values: true } })).table!;
    const fitColumn = fits.headers.indexOf("Location fit");
    // The same workbook evaluated directly with its sheet's zone gives the same verdicts.
    const direct = await evaluateTable(workbook, "Vendors", {});
    expect(direct.kind === "done" && direct.buyerTimeZone).toEqual({ zone: "Asia/Kolkata", from: "workbook", sheet: "Offshore assumptions" });
    expect(fits.rows!.map((r) => r[fitColumn])).toEqual(direct.kind === "done" ? direct.evaluations.map((e) => e?.fit.verdict ?? null) : []);
  });
});
