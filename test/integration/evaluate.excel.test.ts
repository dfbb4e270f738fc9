// The actions over the Office.js adapter, on a counting fake of the Excel API (see
// fakes/fakeExcel.ts for why not office-addin-mock).
import { columnLetters } from "../../src/workbook/address";
import { evaluateTable } from "../../src/actions/evaluate";
import { mapByHand, readMapping } from "../../src/actions/mapping";
import { findVendorTables, insertExampleTable } from "../../src/actions/tables";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { writtenBy } from "../../src/actions/outcome";
import { cellAddress } from "../../src/workbook/address";
import { ExcelWorkbook, FIRST_DATA_TYPE_CELLS, MAX_READ_CELLS, MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES, VALUES_BUDGET_BYTES } from "../../src/workbook/excel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { ASSUMPTIONS_NAME, ASSUMPTIONS_SHEET, MAPPING_SETTING, WorkbookWriteError, type CellWrite, type WorkbookChange } from "../../src/workbook/port";
import { heavyLinkedEntity, linkedEntity, webImage } from "../helpers/dataTypes";
import { FakeExcel, type DataTypeCell } from "./fakes/fakeExcel";

// The sample's output columns start right of its last input column.
const OUTPUT = SAMPLE_VENDOR_HEADERS.length;
const [LAST_INPUT, TOTAL, RISK, FIT] = [OUTPUT - 1, OUTPUT, OUTPUT + 1, OUTPUT + 2].map((c) => columnLetters(c));

const options = { today: { year: 2026, month: 3, day: 16 }, buyerTimeZone: "America/Chicago" };

function vendorRows(count: number) {
  return Array.from({ length: count }, (_, i) => SAMPLE_VENDOR_ROWS[i % SAMPLE_VENDOR_ROWS.length]);
}

function excelWithVendors(rows: number) {
  const excel = new FakeExcel();
  excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, vendorRows(rows));
  return excel;
}

describe("evaluate over the Excel adapter", () => {
  // Range.formulas is a 2-D array (Excel.Range reference): each output cell is sent its
  // formula, the same text on every row, so a column costs one formula per row on the wire.
  test("a 10,000-row table is evaluated in at most 4 syncs with one formula per output column, sent for every row as a full 2-D array", async () => {
    const excel = excelWithVendors(10_000);
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome.kind).toBe("done");
    expect(excel.syncs).toBeLessThanOrEqual(4);
    const formulas = excel.requests.reduce((n, r) => n + r.formulas, 0);
    expect(formulas).toBe(3 * 10_000);
    for (const w of excel.writes()) expect(w.bytes).toBeLessThan(MAX_REQUEST_BYTES);
    // Every data row got its column formula.
    const t = excel.table("Vendors")!;
    expect(t.columns.slice(-3)).toEqual(["Total cost", "Risk score", "Location fit"]);
    expect(excel.cell("Quotes", `${TOTAL}10001`)?.formula).toBe(excel.cell("Quotes", `${TOTAL}2`)?.formula);
    expect(excel.cell("Quotes", `${TOTAL}2`)?.formula).toMatch(/^=OFFSHORE\.TOTALCOST\(Vendors\[@\[Vendor\]:\[Scope\]\]/);
  });

  test("the cells written grow with the table by one formula per output cell, and by nothing else", async () => {
    const counts = [];
    for (const rows of [10, 10_000]) {
      const excel = excelWithVendors(rows);
      await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
      counts.push({
        syncs: excel.syncs,
        cells: excel.requests.reduce((n, r) => n + r.valueCells, 0),
        formulas: excel.requests.reduce((n, r) => n + r.formulas, 0),
      });
    }
    expect(counts[1].formulas - counts[0].formulas).toBe(3 * (10_000 - 10));
    expect(counts[1].cells - counts[0].cells).toBe(3 * (10_000 - 10));
    for (const c of counts) expect(c.syncs).toBeLessThanOrEqual(4);
  });

  test("refreshing a 10,000-row table rewrites only the formulas, each request under the payload limit", async () => {
    const excel = excelWithVendors(10_000);
    const port = new ExcelWorkbook(excel.host());
    await evaluateTable(port, "Vendors", options);
    excel.resetCounts();
    const again = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(again.kind).toBe("done");
    // Three reads, then 30,000 formulas and number formats (about 4 MB) in two requests.
    expect(excel.syncs).toBeLessThanOrEqual(3 + excel.writes().length);
    expect(excel.writes().length).toBeLessThanOrEqual(2);
    for (const w of excel.writes()) expect(w.bytes).toBeLessThan(MAX_REQUEST_BYTES);
    expect(excel.requests.reduce((n, r) => n + r.formulas, 0)).toBe(3 * 10_000);
    expect(excel.table("Vendors")!.columns.filter((c) => c === "Total cost")).toHaveLength(1);
  });

  test("a value typed into a 10,000-row output column makes it the user's: the refresh refuses without writing", async () => {
    const excel = excelWithVendors(10_000);
    await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    // Nothing recorded: the workbook setting was lost, only the cells tell.
    excel.settings.clear();
    excel.sheet("Quotes").cells.set(`5000,${OUTPUT}`, { value: 12345 });
    excel.resetCounts();
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome).toMatchObject({ kind: "collision", header: "Total cost" });
    expect(excel.writes()).toEqual([]);
    expect(excel.syncs).toBeLessThanOrEqual(4);
    expect(excel.cell("Quotes", `${TOTAL}5001`)?.value).toBe(12345);
  });

  test("a refresh of a 10,000-row table reads each output column's formula once, not row by row", async () => {
    const excel = excelWithVendors(10_000);
    await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    excel.settings.clear();
    excel.formulaCellsRead = 0;
    const again = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(again.kind).toBe("done");
    // One formula per output column plus the assumptions sheet (about 150 rows by seventeen
    // columns: the pricing allocation table, the range columns and the exchange-rate table
    // beside the assumptions), not 30,000 cells.
    expect(excel.formulaCellsRead).toBeLessThan(3_000);
  });

  test("a short add-in column is read whole, so a formula of the user's own in one of its cells makes it the user's", async () => {
    const excel = excelWithVendors(50);
    await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    excel.settings.clear();
    excel.sheet("Quotes").cells.set(`30,${OUTPUT}`, { value: 0, formula: "=Q31*2" });
    excel.resetCounts();
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome).toMatchObject({ kind: "collision", header: "Total cost" });
    expect(excel.writes()).toEqual([]);
    expect(excel.cell("Quotes", `${TOTAL}31`)?.formula).toBe("=Q31*2");
  });

  test("a long column whose first cell is blank and whose formulas were not read is not taken for the add-in's", async () => {
    const excel = excelWithVendors(10_000);
    const sheet = excel.sheet("Quotes");
    excel.table("Vendors")!.columns.push("Total cost");
    sheet.cells.set(`0,${OUTPUT}`, { value: "Total cost" });
    for (let row = 2; row <= 10_000; row++) sheet.cells.set(`${row},${OUTPUT}`, { value: 0, formula: `=IF(ISNUMBER(Q${row + 1}),Q${row + 1}*2,"quote missing for this vendor")` });
    excel.formulaCellsRead = 0;
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome).toMatchObject({ kind: "collision", header: "Total cost" });
    expect(excel.writes()).toEqual([]);
    // The column was summarised, not read whole.
    expect(excel.formulaCellsRead).toBeLessThan(1_000);
  });

  test("without ExcelApi 1.9 (no special cells) a long column is read whole and a typed value still makes it the user's", async () => {
    const excel = excelWithVendors(10_000);
    excel.apiMinor = 8;
    await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    excel.settings.clear();
    excel.sheet("Quotes").cells.set(`9000,${OUTPUT + 2}`, { value: "Benefit" });
    excel.resetCounts();
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome).toMatchObject({ kind: "collision", header: "Location fit" });
    expect(excel.writes()).toEqual([]);
    expect(excel.syncs).toBeLessThanOrEqual(4);
  });

  test("a table under the cell cap whose long texts would overflow the response is read without its rows, and still evaluated", async () => {
    const scope = SAMPLE_VENDOR_HEADERS.indexOf("Scope");
    const rows = vendorRows(3_000).map((row) => row.map((cell, c) => (c === scope ? `${String(cell)} ${"détail ".repeat(200)}` : cell)));
    expect(rows.length * SAMPLE_VENDOR_HEADERS.length).toBeLessThan(MAX_READ_CELLS);
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, rows);
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome.kind).toBe("done");
    if (outcome.kind === "done") expect(outcome.evaluations).toEqual([]);
    expect(excel.largestResponse()).toBeLessThan(MAX_RESPONSE_BYTES);
    expect(excel.syncs).toBeLessThanOrEqual(4);
    expect(excel.cell("Quotes", `${TOTAL}3001`)?.formula).toMatch(/^=OFFSHORE\.TOTALCOST\(/);
  });

  test("the same table with short texts is read with its rows (the byte bound is an estimate from its first rows, not a blanket refusal)", async () => {
    const excel = excelWithVendors(3_000);
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome.kind === "done" && outcome.evaluations.length).toBe(3_000);
    expect(excel.largestResponse()).toBeLessThan(MAX_RESPONSE_BYTES);
  });

  test("special cells behave as in Excel: getSpecialCells fails the sync when none match, the OrNullObject variant is a null object", async () => {
    const excel = excelWithVendors(5);
    const run = (orNull: boolean) =>
      excel.host().run(async (context) => {
        const body = context.workbook.tables.getItem("Vendors").getDataBodyRange();
        const found = orNull ? body.getSpecialCellsOrNullObject("Formulas").load("cellCount") : body.getSpecialCells("Formulas").load("cellCount");
        await context.sync();
        return found.isNullObject;
      });
    await expect(run(false)).rejects.toThrow(/ItemNotFound/);
    expect(await run(true)).toBe(true);
    excel.sheet("Quotes").cells.set("2,3", { value: 0, formula: "=1+1" });
    expect(await run(true)).toBe(false);
  });

  test("one evaluation is one undo group where ExcelApi 1.20 is there, and runs without it elsewhere", async () => {
    const older = excelWithVendors(5);
    older.apiMinor = 19;
    expect((await evaluateTable(new ExcelWorkbook(older.host()), "Vendors", options)).kind).toBe("done");
    expect(older.runs.some((r) => r.mergeUndoGroup)).toBe(false);

    const current = excelWithVendors(5);
    current.apiMinor = 20;
    await evaluateTable(new ExcelWorkbook(current.host()), "Vendors", options);
    // The reads need no undo; the one write run is merged.
    expect(current.runs.filter((r) => r.mergeUndoGroup)).toHaveLength(1);
    expect(current.writes()).toHaveLength(1);
  });

  test("the assumptions sheet, its name and the mapping setting are written in the same request as the columns", async () => {
    const excel = excelWithVendors(3);
    await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(excel.names.get(ASSUMPTIONS_NAME.toLowerCase())).toMatchObject({ sheet: ASSUMPTIONS_SHEET, address: expect.stringMatching(/^A1:L\d+$/) });
    expect(excel.cell(ASSUMPTIONS_SHEET, "A1")?.value).toBe("Assumption");
    expect(JSON.parse(excel.settings.get(MAPPING_SETTING)!).tables.vendors.outputs).toEqual({ totalCost: "Total cost", riskScore: "Risk score", locationFit: "Location fit" });
    expect(excel.writes()).toHaveLength(1);
    // Risk bands and fit verdicts carry their conditional formats.
    expect(excel.conditionalFormats.filter((f) => f.type === "CellValue")).toHaveLength(4);
    expect(excel.conditionalFormats.filter((f) => f.type === "ContainsText")).toHaveLength(3);
  });

  test("the same formulas are written as over the memory workbook", async () => {
    const excel = excelWithVendors(4);
    await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    const memory = new MemoryWorkbook().addSheet("Quotes");
    await memory.apply([{ kind: "createTable", sheet: "Quotes", address: "A1", name: "Vendors", headers: SAMPLE_VENDOR_HEADERS, rows: vendorRows(4).map((r) => r.map((v) => v ?? null)) }]);
    await evaluateTable(memory, "Vendors", options);
    for (const [address, header] of [[`${TOTAL}2`, "Total cost"], [`${RISK}2`, "Risk score"], [`${FIT}2`, "Location fit"]] as const)
      expect(excel.cell("Quotes", address)?.formula).toBe(memory.tableColumn("Vendors", header)?.formula);
  });

  test("a user's own Total cost column is refused and nothing is written", async () => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Quotes", ["Vendor", "Hourly rate", "Hours", "Total cost"], [["A", 50, 100, 5000]]);
    const before = excel.snapshot();
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Quotes", options);
    expect(outcome).toMatchObject({ kind: "collision", header: "Total cost", suggestion: "Total cost (offshore)" });
    expect(excel.writes()).toEqual([]);
    expect(excel.snapshot()).toEqual(before);
  });

  test("every cell outside the output columns and the assumptions sheet is unchanged", async () => {
    const excel = excelWithVendors(20);
    excel.sheet("Quotes").cells.set("30,0", { value: "note below the table" });
    excel.sheet("Other").cells.set("0,0", { value: "=Vendors[@Vendor]", formula: "=Vendors[@Vendor]" });
    const before = excel.snapshot();
    await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    const after = excel.snapshot();
    for (const [address, cell] of before) expect(after.get(address)).toEqual(cell);
    const added = [...after.keys()].filter((a) => !before.has(a));
    expect(added.every((a) => a.startsWith(`${ASSUMPTIONS_SHEET}!`) || new RegExp(`^Quotes!(${TOTAL}|${RISK}|${FIT})\\d+$`).test(a))).toBe(true);
  });

  test("the mapping made by hand survives: written to the workbook setting and read back by a new session", async () => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Quotes", ["Supplier", "Cost per hr", "Hours"], [["A", 50, 100]]);
    await mapByHand(new ExcelWorkbook(excel.host()), "Quotes", "hourlyRate", "Cost per hr");
    const reopened = await readMapping(new ExcelWorkbook(excel.host()), "Quotes");
    expect(reopened?.recognised.find((c) => c.field === "hourlyRate")).toMatchObject({ column: "Cost per hr", byHand: true });
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Quotes", options);
    expect(outcome.kind).toBe("done");
    expect(excel.cell("Quotes", "D2")?.formula).toContain('{"Vendor","Hourly rate","Hours"}');
  });

  // Range.values parses strings as typed input ("starts with a plus, minus, or equal sign: Excel
  // interprets this value as a formula"); a StringCellValue through Range.valuesAsJson
  // (ExcelApi 1.16) is a string as it is.
  for (const apiMinor of [20, 15])
    test(`text from users is written as text, never as a formula or a number (ExcelApi 1.${apiMinor})`, async () => {
      const excel = new FakeExcel();
      excel.apiMinor = apiMinor;
      excel.sheet("Sheet1");
      const port = new ExcelWorkbook(excel.host());
      await port.read({ sheets: ["Sheet1"] });
      await port.apply([
        { kind: "createTable", sheet: "Sheet1", address: "A1", name: "Quotes", headers: ["Vendor", "Hourly rate", "Hours"], rows: [['=HYPERLINK("http://x","y")', 50, 100], ["+cmd", 40, 10], ["-5", "-", 1]] },
        { kind: "writeRange", sheet: "Sheet1", address: "F1", cells: [["=1+1"], [{ formula: "=1+1" }], ["- note", 7]] },
      ]);
      expect(excel.cell("Sheet1", "A2")?.value).toBe('=HYPERLINK("http://x","y")');
      expect(excel.cell("Sheet1", "A3")?.value).toBe("+cmd");
      expect(excel.cell("Sheet1", "A4")?.value).toBe("-5");
      expect(excel.cell("Sheet1", "B4")?.value).toBe("-");
      expect(excel.cell("Sheet1", "F1")?.value).toBe("=1+1");
      expect(excel.cell("Sheet1", "F3")?.value).toBe("- note");
      for (const a of ["A2", "A3", "A4", "F1", "F3"]) expect(excel.cell("Sheet1", a)?.formula).toBeUndefined();
      expect(excel.cell("Sheet1", "F2")?.formula).toBe("=1+1");
      expect(excel.cell("Sheet1", "G3")?.value).toBe(7);
      expect(excel.table("Quotes")?.columns).toEqual(["Vendor", "Hourly rate", "Hours"]);
      // From ExcelApi 1.16 the cells keep their number format: a number typed there later is a number.
      if (apiMinor >= 16) for (const a of ["A2", "A3", "F1"]) expect(excel.cell("Sheet1", a)?.numberFormat).toBeUndefined();
      else expect(excel.cell("Sheet1", "A2")?.numberFormat).toBe("@");
    });

  test("the fake parses strings given through values as Excel does: =, + and - start a formula", async () => {
    const excel = new FakeExcel();
    excel.sheet("Sheet1");
    await excel.host().run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:D1").values = [["=1+1", "+cmd", "-5", "plain"]];
      await context.sync();
    });
    expect(excel.cell("Sheet1", "A1")?.formula).toBe("=1+1");
    expect(excel.cell("Sheet1", "B1")?.formula).toBe("=+cmd");
    expect(excel.cell("Sheet1", "C1")?.value).toBe(-5);
    expect(excel.cell("Sheet1", "D1")?.value).toBe("plain");
  });

  test("the example table and table finding work through the adapter", async () => {
    const excel = new FakeExcel();
    excel.sheet("Sheet1");
    const port = new ExcelWorkbook(excel.host());
    const inserted = await insertExampleTable(port);
    expect(inserted).toEqual({ ok: true, table: "Vendors", sheet: "Vendor quotes" });
    const found = await findVendorTables(port);
    expect(found.tables[0].table).toMatchObject({ name: "Vendors", sheet: "Vendor quotes", rowCount: SAMPLE_VENDOR_ROWS.length, address: `A1:${LAST_INPUT}${SAMPLE_VENDOR_ROWS.length + 1}` });
  });

  test("the selection reports the table and data row under the active cell", async () => {
    const excel = excelWithVendors(5);
    excel.active = { sheet: "Quotes", row: 3, column: 2 };
    expect(await new ExcelWorkbook(excel.host()).getSelection()).toEqual({ sheet: "Quotes", address: "C4", table: "Vendors", rowIndex: 2 });
  });
});

describe("what Excel does with names, used ranges and large responses", () => {
  // NamedItem.getRange "throws an error if the named item's type is not a range" (@types/office-js);
  // deleting the sheet a name refers to leaves =#REF!, a name of type Error.
  test("an assumptions name left broken (#REF!, type Error) by a deleted sheet is rebuilt, and the evaluation succeeds", async () => {
    const excel = excelWithVendors(5);
    await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    excel.sheets.delete(ASSUMPTIONS_SHEET.toLowerCase());
    excel.names.get(ASSUMPTIONS_NAME.toLowerCase())!.type = "Error";
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome.kind).toBe("done");
    expect(excel.names.get(ASSUMPTIONS_NAME.toLowerCase())).toMatchObject({ sheet: ASSUMPTIONS_SHEET, address: expect.stringMatching(/^A1:L\d+$/) });
    expect(excel.names.get(ASSUMPTIONS_NAME.toLowerCase())?.type ?? "Range").toBe("Range");
    expect(excel.cell(ASSUMPTIONS_SHEET, "A1")?.value).toBe("Assumption");
  });

  test("a name that holds a constant (type Double) is not read as a range", async () => {
    const excel = excelWithVendors(5);
    excel.names.set(ASSUMPTIONS_NAME.toLowerCase(), { name: ASSUMPTIONS_NAME, sheet: "", address: "", type: "Double" });
    const read = await new ExcelWorkbook(excel.host()).read({ names: [ASSUMPTIONS_NAME] });
    expect(read.names[ASSUMPTIONS_NAME]).toBeUndefined();
  });

  // Worksheet.getUsedRangeOrNullObject(valuesOnly): without it, formatted cells count as used.
  test("a formatted column on the assumptions sheet does not make its read enormous (used range of values only)", async () => {
    const excel = excelWithVendors(5);
    await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    const cells = excel.sheet(ASSUMPTIONS_SHEET).cells;
    for (let r = 0; r < 300_000; r++) if (!cells.has(`${r},3`)) cells.set(`${r},3`, { value: null, numberFormat: "0.00" });
    excel.resetCounts();
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome.kind).toBe("done");
    // The sheet's own content (about 110 KB with its notes and the pricing table), not the
    // 300,000 formatted cells (over 10 MB).
    expect(excel.largestResponse()).toBeLessThan(250_000);
    expect(excel.syncs).toBeLessThanOrEqual(4);
  });

  test("a whole formatted column on a desktop host (no response limit) would be a read of over 5,000,000 cells: values only keep it small", async () => {
    const excel = excelWithVendors(5);
    excel.responseLimitBytes = null;
    await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    const cells = excel.sheet(ASSUMPTIONS_SHEET).cells;
    for (let r = 0; r < 1_048_576; r++) if (!cells.has(`${r},5`)) cells.set(`${r},5`, { value: null, numberFormat: "@" });
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome.kind).toBe("done");
  });

  // Excel on the web fails a sync whose response passes 5 MB with ResponsePayloadSizeLimitExceeded
  // ("Resource limits and performance optimization for Office Add-ins"; error codes in "Error
  // handling with the application-specific JavaScript APIs").
  test("rows much heavier below the first ten pass the response limit: the read is done again in chunks and succeeds", async () => {
    const scope = SAMPLE_VENDOR_HEADERS.indexOf("Scope");
    const rows = vendorRows(5_000).map((row, i) => row.map((cell, c) => (c === scope && i >= 10 ? `${String(cell)} ${"détail ".repeat(170)}` : cell)));
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, rows);
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome.kind === "done" && outcome.evaluations.length).toBe(5_000);
    // The first attempt did pass the limit; every later response kept under it.
    const over = excel.requests.filter((r) => (r.responseBytes ?? 0) > excel.responseLimitBytes!);
    expect(over).toHaveLength(1);
    expect(excel.requests.slice(excel.requests.indexOf(over[0]) + 1).every((r) => (r.responseBytes ?? 0) < MAX_RESPONSE_BYTES)).toBe(true);
    expect(excel.cell("Quotes", `${TOTAL}5001`)?.formula).toMatch(/^=OFFSHORE\.TOTALCOST\(/);
  });

  test("a plain range read in chunks returns every row once, in order, whatever size the later chunks take", async () => {
    const excel = new FakeExcel();
    const cells = excel.sheet("Data").cells;
    for (let r = 0; r < 3_000; r++) cells.set(`${r},0`, { value: r });
    const read = await new ExcelWorkbook(excel.host()).read({ ranges: [{ sheet: "Data", address: "A1:A3000" }] });
    expect(read.ranges?.[0]?.values?.map((row) => row[0])).toEqual(Array.from({ length: 3_000 }, (_, r) => r));
  });

  test("the same heavy rows on a desktop host (no response limit) are read in one go", async () => {
    const scope = SAMPLE_VENDOR_HEADERS.indexOf("Scope");
    const rows = vendorRows(5_000).map((row, i) => row.map((cell, c) => (c === scope && i >= 10 ? `${String(cell)} ${"détail ".repeat(170)}` : cell)));
    const excel = new FakeExcel();
    excel.responseLimitBytes = null;
    excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, rows);
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome.kind === "done" && outcome.evaluations.length).toBe(5_000);
    expect(excel.syncs).toBeLessThanOrEqual(4);
  });
});

describe("undo groups as Excel has them", () => {
  /** Every kind of change, on a workbook with a Data sheet holding a small table. */
  function everyKind(): { excel: FakeExcel; changes: WorkbookChange[] } {
    const excel = excelWithVendors(3);
    excel.sheet("Plain").cells.set("0,0", { value: "Region" });
    excel.sheet("Plain").cells.set("1,0", { value: "APAC" });
    const changes: WorkbookChange[] = [
      { kind: "ensureSheet", sheet: "Summary" },
      { kind: "clearRange", sheet: "Summary", address: "A1:D20" },
      { kind: "writeRange", sheet: "Summary", address: "A1", cells: [["Vendor", "Cost"], ["Acme", 10], ["Globex", { formula: "=B2*2" }]] },
      { kind: "formatRange", sheet: "Summary", address: "A1:B1", format: { bold: true, numberFormat: "0.00" } },
      { kind: "createTable", sheet: "Summary", address: "A10", name: "Totals", headers: ["Vendor", "Total"], rows: [["Acme", 10], ["Globex", 20]] },
      { kind: "convertRangeToTable", sheet: "Plain", address: "A1:A2", name: "Regions" },
      { kind: "setTableColumn", table: "Vendors", header: "Checked", values: ["yes", "no", "yes"] },
      { kind: "setName", name: "Rates", sheet: "Summary", address: "A2:B3", comment: "the rates" },
      { kind: "setSetting", key: "k", value: "v" },
      { kind: "setChart", sheet: "Summary", name: "Costs", chart: { title: "Costs", type: "barStacked", categories: "A2:A3", series: [{ name: "Cost", values: "B2:B3" }] }, anchor: { cell: "E1", columns: 6, rows: 10 } },
    ];
    return { excel, changes };
  }

  const state = (excel: FakeExcel) => ({
    cells: [...excel.snapshot().entries()].sort(),
    tables: excel.tables.map((t) => ({ ...t })),
    names: [...excel.names.values()].map(({ name, sheet, address }) => ({ name, sheet, address })),
    settings: [...excel.settings.entries()],
    charts: excel.charts.map((c) => ({ ...c })),
  });

  // "If an API within the group doesn't offer undo support, the UndoNotSupported error is thrown"
  // (undo capabilities article); office-js issues 6711 and 6255 show whole groups refused, with
  // RichApi.Error and GeneralException.
  for (const code of ["UndoNotSupported", "GeneralException"])
    test(`a merged undo group refused with ${code} is run again unmerged, and every kind of change lands exactly once`, async () => {
      const expected = everyKind();
      expected.excel.apiMinor = 19;
      const plain = new ExcelWorkbook(expected.excel.host());
      await plain.read({ table: { name: "Vendors", values: true }, sheets: ["Summary", "Plain"] });
      await plain.apply(expected.changes);

      const { excel, changes } = everyKind();
      excel.failMergedGroupsWith = code;
      const port = new ExcelWorkbook(excel.host());
      await port.read({ table: { name: "Vendors", values: true }, sheets: ["Summary", "Plain"] });
      excel.resetCounts();
      await port.apply(changes);
      expect(excel.runs).toEqual([{ mergeUndoGroup: true }, { mergeUndoGroup: false }]);
      expect(state(excel)).toEqual(state(expected.excel));
      // The unmerged run may write the name's comment, which a merged group on the web cannot undo.
      expect(excel.names.get("rates")?.comment).toBe("the rates");
    });

  test("another error in a merged group is not retried", async () => {
    const { excel, changes } = everyKind();
    excel.failMergedGroupsWith = "InvalidArgument";
    const port = new ExcelWorkbook(excel.host());
    await port.read({ table: { name: "Vendors", values: true }, sheets: ["Summary", "Plain"] });
    excel.resetCounts();
    await expect(port.apply(changes)).rejects.toBeInstanceOf(WorkbookWriteError);
    expect(excel.runs).toEqual([{ mergeUndoGroup: true }]);
  });

  test("the ExcelUndoApiAll requirement set is checked too: without it nothing is merged", async () => {
    const excel = excelWithVendors(5);
    excel.undoApiAll = false;
    expect((await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options)).kind).toBe("done");
    expect(excel.runs.some((r) => r.mergeUndoGroup)).toBe(false);
  });

  // office-js issue 6491: a 1,600-cell formulas write in a merged group fails with UndoNotSupported.
  test("a merged group refuses an array of more than 1,500 cells, so such a write is not merged in the first place", async () => {
    const excel = new FakeExcel();
    excel.sheet("Data");
    const formulas = Array.from({ length: 40 }, () => Array.from({ length: 40 }, () => "=RAND()"));
    await expect(
      excel.host().run(
        async (context) => {
          context.workbook.worksheets.getItem("Data").getRangeByIndexes(0, 0, 40, 40).formulas = formulas;
          await context.sync();
        },
        { mergeUndoGroup: true },
      ),
    ).rejects.toMatchObject({ code: "UndoNotSupported" });

    const fresh = new FakeExcel();
    fresh.sheet("Data");
    const port = new ExcelWorkbook(fresh.host());
    await port.read({ sheets: ["Data"] });
    fresh.resetCounts();
    await port.apply([{ kind: "writeRange", sheet: "Data", address: "A1", cells: Array.from({ length: 40 }, (_, r) => Array.from({ length: 40 }, (_, c) => r * 40 + c)) }]);
    expect(fresh.runs).toEqual([{ mergeUndoGroup: false }]);
    expect(fresh.cell("Data", "AN40")?.value).toBe(1_599);
  });

  test("a failed write says Undo takes it back only when it ran as one merged group that added no sheet, from ExcelApi 1.20", async () => {
    const failing = async (apiMinor: number, changes: WorkbookChange[]) => {
      const excel = excelWithVendors(3);
      excel.apiMinor = apiMinor;
      const port = new ExcelWorkbook(excel.host());
      await port.read({ table: { name: "Vendors", values: true } });
      const error = await port.apply(changes).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkbookWriteError);
      return error as WorkbookWriteError;
    };
    const broken: WorkbookChange = { kind: "setTableColumn", table: "Vendors", header: "Checked", values: ["a", "b"] };
    const merged = await failing(20, [{ kind: "setSetting", key: "k", value: "v" }, broken]);
    expect(merged.oneUndoStep).toBe(true);
    expect(writtenBy(merged)).toMatch(/Undo takes it back/);
    // worksheets.add clears the undo stack on Excel on Windows (office-js issue 6170).
    const newSheet = await failing(20, [{ kind: "ensureSheet", sheet: "New" }, broken]);
    expect(newSheet.oneUndoStep).toBe(false);
    expect(writtenBy(newSheet)).not.toMatch(/Undo/);
    const older = await failing(19, [{ kind: "setSetting", key: "k", value: "v" }, broken]);
    expect(older.oneUndoStep).toBe(false);
    expect(writtenBy(older)).not.toMatch(/Undo/);
  });
});

describe("plain range writes", () => {
  test("100,000 rows go in 2-D chunks each under 4 MB of request payload, every row written once", async () => {
    const excel = new FakeExcel();
    excel.sheet("Data");
    const port = new ExcelWorkbook(excel.host());
    await port.read({ sheets: ["Data"] });
    const rows: CellWrite[][] = Array.from({ length: 100_000 }, (_, i) => [`Vendor ${i} with a longer descriptive name`, i * 1.5, "Offshore", i % 7 === 0 ? "=1+1" : "Managed service", { formula: `=B${i + 1}*2` }]);
    excel.resetCounts();
    await port.apply([{ kind: "writeRange", sheet: "Data", address: "A1", cells: rows }]);
    const writes = excel.writes();
    expect(writes.length).toBeGreaterThan(1);
    for (const w of writes) expect(w.bytes).toBeLessThan(MAX_REQUEST_BYTES);
    // Every cell once: four values and one formula per row.
    expect(writes.reduce((n, w) => n + w.valueCells, 0)).toBe(100_000 * 5);
    expect(writes.reduce((n, w) => n + w.formulas, 0)).toBe(100_000);
    expect(excel.syncs).toBe(writes.length);
    expect(excel.cell("Data", "A1")?.value).toBe("Vendor 0 with a longer descriptive name");
    expect(excel.cell("Data", "B100000")?.value).toBe(99_999 * 1.5);
    expect(excel.cell("Data", "E100000")?.formula).toBe("=B100000*2");
    expect(excel.cell("Data", "D1")?.formula).toBeUndefined();
  });
});

// A Country column converted to Excel's Geography data type holds linked entities. Range.values
// gives each as its basicValue, "#VALUE!" ("Excel JavaScript API data types core concepts";
// EntityCellValue / LinkedEntityCellValue in @types/office-js: basicType Error, basicValue
// "#VALUE!"), while the functions in the cells read the entity's text. The adapter reads
// those cells again through valuesAsJson (ExcelApi 1.16), so the pane sees what the cells compute.
describe("a Country column converted to the Geography data type", () => {
  const country = SAMPLE_VENDOR_HEADERS.indexOf("Country");
  const rate = SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate");

  /** The sample rows, with one row whose rate is unreadable, so that both tables have a row error to compare. */
  function rows(count: number) {
    const out = vendorRows(count).map((row) => [...row]);
    out[2][rate] = "ask us";
    return out;
  }

  function tables(count: number, entity = (text: string) => linkedEntity(text) as DataTypeCell) {
    const body = rows(count);
    const text = new FakeExcel();
    text.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, body);
    const geography = new FakeExcel();
    geography.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, body);
    body.forEach((row, r) => geography.setDataType("Quotes", cellAddress(r + 1, country), entity(String(row[country]))));
    return { text, geography };
  }

  /** Every cell of the workbook but the Country column's, which holds entities on one side and text on the other. */
  function cellsBesidesCountry(excel: FakeExcel) {
    const column = cellAddress(0, country).replace(/\d+$/, "");
    return [...excel.snapshot()].filter(([address]) => !new RegExp(`^Quotes!${column}\\d+$`).test(address));
  }

  test("the fake gives an entity's basicValue through values and the entity through valuesAsJson", async () => {
    const { geography } = tables(3);
    await geography.host().run(async (context) => {
      const range = context.workbook.worksheets.getItem("Quotes").getRange("B2:B3").load("values,valueTypes,valuesAsJson");
      await context.sync();
      expect(range.values).toEqual([["#VALUE!"], ["#VALUE!"]]);
      expect(range.valueTypes).toEqual([["Error"], ["Error"]]);
      expect(range.valuesAsJson.map((row) => row[0])).toEqual([linkedEntity(String(SAMPLE_VENDOR_ROWS[0][country])), linkedEntity(String(SAMPLE_VENDOR_ROWS[1][country]))]);
    });
  });

  test("Evaluate gives the same outputs, row errors and warnings as the same table with the countries typed as text", async () => {
    const { text, geography } = tables(40);
    const typed = await evaluateTable(new ExcelWorkbook(text.host()), "Vendors", options);
    const converted = await evaluateTable(new ExcelWorkbook(geography.host()), "Vendors", options);
    expect(typed.kind === "done" && typed.rowErrors.map((e) => e.tableRow)).toEqual([3]);
    expect(converted).toEqual(typed);
    expect(cellsBesidesCountry(geography)).toEqual(cellsBesidesCountry(text));
    // Only the Country cells were read as typed values.
    const typedReads = geography.rangeReads.filter((r) => r.property === "valuesAsJson");
    expect(typedReads.reduce((n, r) => n + r.cells, 0)).toBe(40);
    expect(typedReads.every((r) => /^B\d+(:B\d+)?$/.test(r.address))).toBe(true);
  });

  test("read in chunks after a response over the limit, the Country cells are read as their text too", async () => {
    const scope = SAMPLE_VENDOR_HEADERS.indexOf("Scope");
    const body = vendorRows(5_000).map((row, i) => row.map((cell, c) => (c === scope && i >= 10 ? `${String(cell)} ${"détail ".repeat(170)}` : cell)));
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, body);
    for (const r of [0, 2_500, 4_999]) excel.setDataType("Quotes", cellAddress(r + 1, country), linkedEntity(String(body[r][country])));
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(excel.requests.some((r) => (r.responseBytes ?? 0) > excel.responseLimitBytes!)).toBe(true);
    expect(outcome.kind === "done" && outcome.rowErrors).toEqual([]);
    expect(outcome.kind === "done" && outcome.evaluations.every((e) => e !== null)).toBe(true);
  });

  test("a whole column of heavy entities is read in several typed reads, each response within the values budget", async () => {
    const { text, geography } = tables(2_000, (t) => heavyLinkedEntity(t, 4_000) as DataTypeCell);
    const typed = await evaluateTable(new ExcelWorkbook(text.host()), "Vendors", options);
    const converted = await evaluateTable(new ExcelWorkbook(geography.host()), "Vendors", options);
    expect(converted.kind === "done" && converted.rowErrors.length).toBe(1);
    expect(converted).toEqual(typed);
    // About 8 MB of entities: one read at once would pass Excel on the web's 5 MB.
    expect(geography.rangeReads.filter((r) => r.property === "valuesAsJson").reduce((n, r) => n + r.cells, 0)).toBe(2_000);
    expect(geography.largestResponse()).toBeLessThan(VALUES_BUDGET_BYTES + 10_000);
  });

  test("entities much heavier after the first ones pass the response limit: those cells are read again, fewer at a time", async () => {
    const { text, geography } = tables(200, (t) => heavyLinkedEntity(t, 60_000) as DataTypeCell);
    for (let r = 0; r < FIRST_DATA_TYPE_CELLS; r++) geography.setDataType("Quotes", cellAddress(r + 1, country), linkedEntity(String(vendorRows(200)[r][country])) as DataTypeCell);
    const typed = await evaluateTable(new ExcelWorkbook(text.host()), "Vendors", options);
    const converted = await evaluateTable(new ExcelWorkbook(geography.host()), "Vendors", options);
    expect(geography.requests.some((r) => (r.responseBytes ?? 0) > geography.responseLimitBytes!)).toBe(true);
    expect(converted.kind === "done" && converted.rowErrors.length).toBe(1);
    expect(converted).toEqual(typed);
  });

  test("without ExcelApi 1.16 the Country cells stay #VALUE! and each row's error says how to read them", async () => {
    const { geography } = tables(5);
    geography.apiMinor = 15;
    const outcome = await evaluateTable(new ExcelWorkbook(geography.host()), "Vendors", options);
    if (outcome.kind !== "done") throw new Error(outcome.kind);
    expect(outcome.rowErrors.map((e) => e.tableRow)).toEqual([1, 2, 3, 4, 5]);
    const countryError = outcome.rowErrors.find((e) => e.tableRow === 1)!;
    expect(countryError.message).toMatch(/^Country '#VALUE!'/);
    expect(countryError.message).toMatch(/data type \(a Geography or Stocks value\).*Microsoft 365.*Excel 2024.*convert it to text/);
    expect(geography.rangeReads.some((r) => r.property === "valuesAsJson")).toBe(false);
  });

  test("a vendor list kept out of a table (a plain range) reads its Geography cells as their text too", async () => {
    const { text, geography } = tables(30);
    const range = { sheet: "Quotes", address: `A1:${cellAddress(30, SAMPLE_VENDOR_HEADERS.length - 1)}` };
    const typed = await new ExcelWorkbook(text.host()).read({ ranges: [range] });
    const converted = await new ExcelWorkbook(geography.host()).read({ ranges: [range] });
    expect(converted.ranges?.[0]?.values?.[1][country]).toBe(SAMPLE_VENDOR_ROWS[0][country]);
    expect(converted.ranges).toEqual(typed.ranges);
  });

  test("an image or a real error in a cell keeps #VALUE! (nothing to read there)", async () => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, vendorRows(3));
    excel.setDataType("Quotes", cellAddress(1, country), webImage() as DataTypeCell);
    excel.setDataType("Quotes", cellAddress(2, country), { type: "Error", basicType: "Error", basicValue: "#VALUE!", errorType: "Value" } as DataTypeCell);
    const read = await new ExcelWorkbook(excel.host()).read({ table: { name: "Vendors", values: true } });
    expect(read.table?.rows?.map((row) => row[country])).toEqual(["#VALUE!", "#VALUE!", SAMPLE_VENDOR_ROWS[2][country]]);
  });
});

describe("implausible values over the Excel adapter, as the pane shows them", () => {
  // Range.values gives a date-formatted cell as its serial number ("Work with dates using the
  // Excel JavaScript API and the Moment-MSDate plug-in": values[0][0] is the OA date), so the
  // pane sees what the file adapter sees and the same model rule flags it.
  test("a date in Hourly rate, a zero rate and mixed currencies come back as evaluate warnings with sheet rows", async () => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 2, 0, "Quotes", ["Vendor", "Hourly rate", "Hours", "Country"], [
      ["Acme", "$40", 1000, "India"],
      ["Bolt", 45306, 1000, "India"],
      ["Cora", 0, 1000, "India"],
      ["Dyna", "€45", 1000, "India"],
    ]);
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Quotes", options);
    if (outcome.kind !== "done") throw new Error(JSON.stringify(outcome));
    expect(outcome.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Row 5: Hourly rate 45,306 looks like a date \(2024-01-15\)/),
        expect.stringMatching(/^Row 6: Hourly rate is 0/),
        expect.stringMatching(/^Hourly rate mixes currencies: \$ \(row 4\), € \(row 7\)/),
      ]),
    );
  });
});
