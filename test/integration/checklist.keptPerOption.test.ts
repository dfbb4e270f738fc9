// Two quotes of one vendor in a table with an Option column are two vendor options
// (model/rateCard.ts): what the buyer types for one is kept for that one only. Input kept by
// an earlier version under the vendor's name alone still reads, for each option, until the
// buyer types for it. The walk runs over the memory workbook, the Office.js adapter on the
// counting fake, and an .xlsx file saved and reopened.
import { CHECKLIST_INPUT_SETTING, insertChecklistSheet, loadChecklist, saveChecklistInput, type ChecklistInput, type ChecklistLoad } from "../../src/actions/checklist";
import { SAMPLE_SHEET_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import type { CellValue } from "../../src/model/types";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import type { WorkbookPort } from "../../src/workbook/port";
import { FakeExcel } from "./fakes/fakeExcel";

const TODAY = { year: 2026, month: 3, day: 20 };
const TABLE = "Quotes";
const HEADERS = [...SAMPLE_VENDOR_HEADERS, "Option"];
const at = (header: string) => HEADERS.indexOf(header);

/** One vendor quoting twice (options Gold and Silver, Silver cheaper), and another vendor. */
function quotes(silverRate: CellValue = 140, goldRate?: CellValue): (string | number | boolean | null)[][] {
  const quote = (row: number, vendor: string, option: string, rate?: CellValue) => {
    const cells = [...SAMPLE_VENDOR_ROWS[row].map((c) => c ?? null), option];
    cells[at("Vendor")] = vendor;
    if (rate !== undefined) cells[at("Hourly rate")] = rate ?? null;
    return cells;
  };
  return [quote(0, "Acme Security", "Gold", goldRate), quote(0, "Acme Security", "Silver", silverRate), quote(1, "Northwind Digital", "")];
}
const GOLD = 0;
const SILVER = 1;
const OTHER = 2;

interface Host {
  port: WorkbookPort;
  reopen(): Promise<WorkbookPort>;
}

const HOSTS: Record<string, (rows: ReturnType<typeof quotes>) => Promise<Host>> = {
  memory: async (rows) => {
    const wb = new MemoryWorkbook();
    await wb.apply([
      { kind: "ensureSheet", sheet: SAMPLE_SHEET_NAME, activate: true },
      { kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: TABLE, headers: HEADERS, rows },
    ]);
    return { port: wb, reopen: async () => wb };
  },
  "Excel adapter (counting fake)": async (rows) => {
    const excel = new FakeExcel();
    excel.addTable(SAMPLE_SHEET_NAME, 0, 0, TABLE, HEADERS, rows);
    // Settings are "part of the workbook" (Excel.SettingCollection): a new adapter over the same workbook is the file opened again.
    return { port: new ExcelWorkbook(excel.host()), reopen: async () => new ExcelWorkbook(excel.host()) };
  },
  xlsx: async (rows) => {
    let wb = XlsxWorkbook.create();
    await wb.apply([
      { kind: "ensureSheet", sheet: SAMPLE_SHEET_NAME },
      { kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: TABLE, headers: HEADERS, rows },
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

type Shown = Extract<ChecklistLoad, { kind: "ready" | "partial" }>;

async function shown(port: WorkbookPort, rowIndex: number): Promise<Shown> {
  const result = await loadChecklist(port, { table: TABLE, rowIndex, today: TODAY });
  if (result.kind !== "ready" && result.kind !== "partial") throw new Error(result.message);
  return result;
}

const TYPED: ChecklistInput = {
  ownerNames: { scope: "Ana Silva" },
  counterpartNames: { scope: "Raj Patel" },
  answers: { scalePath: "Ready" },
  done: { "contract:liability": true },
  notes: { "contract:liability": "cap at 12 months of fees" },
};
const NOTHING = { ownerNames: {}, counterpartNames: {}, answers: {}, done: {}, notes: {} };

describe.each(Object.keys(HOSTS))("what the buyer typed is kept per vendor option (%s)", (name) => {
  test("typing for one option leaves the vendor's other option empty; switching back and reopening the file find it", async () => {
    const host = await HOSTS[name](quotes());
    const gold = await shown(host.port, GOLD);
    expect(gold.kind).toBe("ready");
    expect(gold.input).toEqual(NOTHING);
    // As the pane does: saved under what the load says it is kept under.
    await saveChecklistInput(host.port, gold.vendorOption, TYPED, false);

    const silver = await shown(host.port, SILVER);
    expect(silver.kind === "ready" && silver.checklist.header.vendor).toBe("Acme Security (Silver)");
    expect(silver.input).toEqual(NOTHING);
    await saveChecklistInput(host.port, silver.vendorOption, { ...NOTHING, ownerNames: { scope: "Bo Berg" } }, false);

    expect((await shown(host.port, GOLD)).input).toEqual(TYPED);
    // Insert as sheet and refresh keep each option's own.
    for (const row of [GOLD, SILVER, GOLD]) {
      const inserted = await insertChecklistSheet(host.port, { table: TABLE, rowIndex: row, today: TODAY });
      if (inserted.kind !== "done") throw new Error(inserted.message);
    }
    const next = await host.reopen();
    expect((await shown(next, GOLD)).input).toEqual(TYPED);
    expect((await shown(next, SILVER)).input.ownerNames).toEqual({ scope: "Bo Berg" });
    expect((await shown(next, SILVER)).input.notes).toEqual({});
    expect((await shown(next, OTHER)).input).toEqual(NOTHING);
  });

  test("options with a bad cell (a rate of 'TBD') keep their own input, not their sibling's", async () => {
    const host = await HOSTS[name](quotes("TBD", "TBD"));
    const gold = await shown(host.port, GOLD);
    expect(gold.kind).toBe("partial");
    await saveChecklistInput(host.port, gold.vendorOption, TYPED, false);
    const silver = await shown(host.port, SILVER);
    expect(silver.kind).toBe("partial");
    expect(silver.input).toEqual(NOTHING);
    await saveChecklistInput(host.port, silver.vendorOption, { ...NOTHING, notes: { "contract:liability": "ask for a rate first" } }, false);
    const next = await host.reopen();
    expect((await shown(next, GOLD)).input).toEqual(TYPED);
    expect((await shown(next, SILVER)).input.notes).toEqual({ "contract:liability": "ask for a rate first" });
  });

  test("input kept under the vendor's name alone (before options were told apart) reads for each option until the buyer types for it", async () => {
    const host = await HOSTS[name](quotes());
    const tableKey = TABLE.toLowerCase();
    const earlier = {
      version: 1,
      sameOwners: false,
      sharedOwnerNames: {},
      vendors: { [`${tableKey}\u0001Acme Security`]: TYPED, [`${tableKey}\u0001Northwind Digital`]: { ...NOTHING, ownerNames: { quality: "Di Chen" } } },
    };
    await host.port.apply([{ kind: "setSetting", key: CHECKLIST_INPUT_SETTING, value: JSON.stringify(earlier) }]);
    expect((await shown(host.port, GOLD)).input).toEqual(TYPED);
    expect((await shown(host.port, SILVER)).input).toEqual(TYPED);
    expect((await shown(host.port, OTHER)).input.ownerNames).toEqual({ quality: "Di Chen" });

    // Typing for Silver gives Silver its own entry; Gold still reads the vendor's.
    const silver = await shown(host.port, SILVER);
    await saveChecklistInput(host.port, silver.vendorOption, { ...silver.input, ownerNames: { scope: "Bo Berg" } }, false);
    const next = await host.reopen();
    expect((await shown(next, SILVER)).input).toEqual({ ...TYPED, ownerNames: { scope: "Bo Berg" } });
    expect((await shown(next, GOLD)).input).toEqual(TYPED);
    expect((await shown(next, OTHER)).input.ownerNames).toEqual({ quality: "Di Chen" });
  });

  test("the same owners for every vendor still follow to every option; counterparts stay per option", async () => {
    const host = await HOSTS[name](quotes());
    const gold = await shown(host.port, GOLD);
    await saveChecklistInput(host.port, gold.vendorOption, TYPED, true);
    const next = await host.reopen();
    const silver = await shown(next, SILVER);
    expect(silver.sameOwners).toBe(true);
    expect(silver.input.ownerNames).toEqual(TYPED.ownerNames);
    expect(silver.input.counterpartNames).toEqual({});
    expect((await shown(next, OTHER)).input.ownerNames).toEqual(TYPED.ownerNames);
  });
});
