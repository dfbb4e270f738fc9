// What the buyer types for a vendor's checklist (owner names, counterparts, answers, ticks,
// notes) is kept per vendor in the workbook: switching to another vendor and back, refreshing
// the sheet and reopening the file all find it. The same walk runs over the memory workbook,
// the Office.js adapter on the counting fake, and an .xlsx file saved and reopened.
import { CHECKLIST_INPUT_SETTING, insertChecklistSheet, loadChecklist, saveChecklistInput, type ChecklistInput, type LoadedChecklist } from "../../src/actions/checklist";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import type { WorkbookPort } from "../../src/workbook/port";
import { FakeExcel } from "./fakes/fakeExcel";

const TODAY = { year: 2026, month: 3, day: 20 };
const rows = () => SAMPLE_VENDOR_ROWS.map((r) => r.map((c) => c ?? null));
const vendorOf = (rowIndex: number) => String(SAMPLE_VENDOR_ROWS[rowIndex][SAMPLE_VENDOR_HEADERS.indexOf("Vendor")]);

interface Host {
  port: WorkbookPort;
  /** The same workbook as the next session sees it: closed and opened again where the adapter can. */
  reopen(): Promise<WorkbookPort>;
}

const HOSTS: Record<string, () => Promise<Host>> = {
  memory: async () => {
    const wb = new MemoryWorkbook();
    await wb.apply([
      { kind: "ensureSheet", sheet: SAMPLE_SHEET_NAME, activate: true },
      { kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: SAMPLE_TABLE_NAME, headers: [...SAMPLE_VENDOR_HEADERS], rows: rows() },
    ]);
    // The memory workbook has no file: the next session is the same object.
    return { port: wb, reopen: async () => wb };
  },
  "Excel adapter (counting fake)": async () => {
    const excel = new FakeExcel();
    excel.addTable(SAMPLE_SHEET_NAME, 0, 0, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, rows());
    // Settings belong to the document (Excel.SettingCollection: "part of the workbook", per file
    // and add-in), so a new adapter over the same workbook is the file opened again.
    return { port: new ExcelWorkbook(excel.host()), reopen: async () => new ExcelWorkbook(excel.host()) };
  },
  xlsx: async () => {
    let wb = XlsxWorkbook.create();
    await wb.apply([
      { kind: "ensureSheet", sheet: SAMPLE_SHEET_NAME },
      { kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: SAMPLE_TABLE_NAME, headers: [...SAMPLE_VENDOR_HEADERS], rows: rows() },
    ]);
    const host: Host = {
      port: wb,
      reopen: async () => {
        wb = await XlsxWorkbook.fromBuffer(await wb.toBuffer());
        host.port = wb;
        return wb;
      },
    };
    return host;
  },
};

async function loaded(port: WorkbookPort, rowIndex: number): Promise<LoadedChecklist> {
  const result = await loadChecklist(port, { table: SAMPLE_TABLE_NAME, rowIndex, today: TODAY });
  if (result.kind !== "ready") throw new Error(result.message);
  return result;
}

const TYPED: ChecklistInput = {
  ownerNames: { scope: "Ana Silva", quality: "Di Chen" },
  counterpartNames: { scope: "Raj Patel" },
  answers: { scalePath: "Ready" },
  done: { "contract:liability": true },
  notes: { "contract:liability": "cap at 12 months of fees" },
};

describe.each(Object.keys(HOSTS))("what the buyer typed is kept per vendor (%s)", (name) => {
  test("switching to another vendor and back, refreshing the sheet and reopening the file keep it", async () => {
    const host = await HOSTS[name]();
    const a = await loaded(host.port, 0);
    expect(a.input.ownerNames).toEqual({});
    await saveChecklistInput(host.port, { table: a.table, vendor: vendorOf(0), rowIndex: 0 }, TYPED, false);

    // Another vendor starts empty: nothing leaks across.
    const b = await loaded(host.port, 1);
    expect(b.checklist.header.vendor).not.toBe(a.checklist.header.vendor);
    expect(b.input).toMatchObject({ ownerNames: {}, counterpartNames: {}, done: {}, notes: {} });

    // Back to the first: all of it.
    const again = await loaded(host.port, 0);
    expect(again.input).toEqual(TYPED);
    expect(again.checklist.owners.find((o) => o.key === "scope")).toMatchObject({ name: "Ana Silva", counterpart: "Raj Patel" });
    expect(again.checklist.checks.find((c) => c.key === "scalePath")!.status).toBe("Ready");

    // Insert as sheet: the pane's input lands on the sheet, in the columns the buyer would type it.
    const inserted = await insertChecklistSheet(host.port, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (inserted.kind !== "done") throw new Error(inserted.message);
    const sheet = (await host.port.read({ sheets: [inserted.sheet] })).sheets[inserted.sheet]!;
    const row = (label: string) => sheet.values.find((r) => r[0] === label)!;
    expect(row("Scope owner").slice(0, 2)).toEqual(["Scope owner", "Ana Silva"]);
    expect(row("Scope owner")[7]).toBe("Raj Patel");
    // The RACI of both sides and the stage it is due by sit beside the counterpart.
    expect(row("Scope owner")[8]).toMatch(/^[RACI](, [RACI])* \/ [RACI](, [RACI])*$/);
    expect(row("Scope owner")[9]).toBe("Before signature");
    expect(row("Liability caps and insurance")[8]).toMatch(/^Assumption: /);
    expect(row("Liability caps and insurance").slice(5, 7)).toEqual(["x", "cap at 12 months of fees"]);

    // Refresh: nothing is lost.
    const refreshed = await insertChecklistSheet(host.port, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (refreshed.kind !== "done") throw new Error(refreshed.message);
    expect(refreshed.sheet).toBe(inserted.sheet);
    expect((await loaded(host.port, 0)).input).toEqual(TYPED);

    // Reopen: still there, and still only for that vendor.
    const next = await host.reopen();
    expect((await loaded(next, 0)).input).toEqual(TYPED);
    expect((await loaded(next, 1)).input.ownerNames).toEqual({});
  });

  test("with the same owners for every vendor, the buyer's owners follow to each vendor; counterparts stay per vendor", async () => {
    const host = await HOSTS[name]();
    await saveChecklistInput(host.port, { table: SAMPLE_TABLE_NAME, vendor: vendorOf(0), rowIndex: 0 }, TYPED, true);
    const b = await loaded(host.port, 1);
    expect(b.sameOwners).toBe(true);
    expect(b.input.ownerNames).toEqual(TYPED.ownerNames);
    expect(b.input.counterpartNames).toEqual({});
    // A change made on another vendor is the shared owners' change.
    await saveChecklistInput(host.port, { table: SAMPLE_TABLE_NAME, vendor: vendorOf(1), rowIndex: 1 }, { ...b.input, ownerNames: { scope: "Bo Berg" } }, true);
    const next = await host.reopen();
    expect((await loaded(next, 0)).input.ownerNames).toEqual({ scope: "Bo Berg" });
    expect((await loaded(next, 0)).input.counterpartNames).toEqual(TYPED.counterpartNames);
    // Turning the choice off gives each vendor back its own owners.
    await saveChecklistInput(next, { table: SAMPLE_TABLE_NAME, vendor: vendorOf(1), rowIndex: 1 }, { ...b.input, ownerNames: { scope: "Cy Dorn" } }, false);
    expect((await loaded(next, 1)).input.ownerNames).toEqual({ scope: "Cy Dorn" });
    expect((await loaded(next, 0)).input.ownerNames).toEqual({});
  });

  test("a counterpart typed on the sheet wins over the pane's, and a broken setting reads as nothing kept", async () => {
    const host = await HOSTS[name]();
    await saveChecklistInput(host.port, { table: SAMPLE_TABLE_NAME, vendor: vendorOf(0), rowIndex: 0 }, TYPED, false);
    const inserted = await insertChecklistSheet(host.port, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (inserted.kind !== "done") throw new Error(inserted.message);
    const sheet = (await host.port.read({ sheets: [inserted.sheet] })).sheets[inserted.sheet]!;
    const scopeRow = sheet.values.findIndex((r) => r[0] === "Scope owner") + 1;
    await host.port.apply([{ kind: "writeRange", sheet: inserted.sheet, address: `H${scopeRow}`, cells: [["Meera Rao"]] }]);
    expect((await loaded(host.port, 0)).input.counterpartNames).toEqual({ scope: "Meera Rao" });

    await host.port.apply([{ kind: "setSetting", key: CHECKLIST_INPUT_SETTING, value: "{not json" }]);
    const after = await loaded(host.port, 0);
    // The sheet still holds what was typed there.
    expect(after.input.ownerNames).toEqual(TYPED.ownerNames);
    expect(after.input.counterpartNames).toEqual({ scope: "Meera Rao" });
  });
});

describe("a row with a bad cell", () => {
  async function withRate(rate: unknown, engagement?: string) {
    const bad = rows();
    bad[0][SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate")] = rate as string;
    if (engagement !== undefined) bad[0][SAMPLE_VENDOR_HEADERS.indexOf("Engagement model")] = engagement;
    const wb = new MemoryWorkbook();
    await wb.apply([
      { kind: "ensureSheet", sheet: SAMPLE_SHEET_NAME, activate: true },
      { kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: SAMPLE_TABLE_NAME, headers: [...SAMPLE_VENDOR_HEADERS], rows: bad },
    ]);
    return wb;
  }

  test("a rate of 'TBD' still gets the owners, contract items and security rules, with a notice naming the cell", async () => {
    const wb = await withRate("TBD");
    await saveChecklistInput(wb, { table: SAMPLE_TABLE_NAME, vendor: vendorOf(0), rowIndex: 0 }, TYPED, false);
    const result = await loadChecklist(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    expect(result.kind).toBe("partial");
    if (result.kind !== "partial") return;
    expect(result.message).toMatch(/^Row 2 \([^)]+\) of the table 'Vendors'.*Hourly rate.*'TBD'/);
    expect(result.message).toContain("do not depend on it");
    expect(result.partial.owners).toHaveLength(6);
    expect(result.partial.owners.find((o) => o.key === "scope")).toMatchObject({ name: "Ana Silva", counterpart: "Raj Patel" });
    expect(result.partial.contractItems.map((i) => i.key)).toContain("liability");
    const good = await loaded(await HOSTS.memory().then((h) => h.port), 0);
    expect(result.partial.contractItems).toEqual(good.checklist.contractItems);

    const insert = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    expect(insert.kind).toBe("refused");
    if (insert.kind === "refused") expect(insert.message).toMatch(/Hourly rate.*once the row can be evaluated/);
  });

  test("a bad cell the contract items read leaves nothing to show but the error", async () => {
    const wb = await withRate("TBD", "Body shopping");
    const result = await loadChecklist(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    expect(result.kind).toBe("error");
  });
});
