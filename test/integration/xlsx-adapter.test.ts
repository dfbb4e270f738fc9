// The ExcelJS adapter keeps the WorkbookPort's promises in a saved file: what is written
// survives saving and reopening, text is never turned into a formula, and cells it was not
// asked to write stay as they were.
import ExcelJS from "exceljs";
import type { WorkbookChange } from "../../src/workbook/port";
import { fileFormOfTableFormula, SETTINGS_SHEET, XlsxWorkbook } from "../../src/workbook/xlsx";

async function reopened(workbook: XlsxWorkbook): Promise<XlsxWorkbook> {
  return XlsxWorkbook.fromBuffer(await workbook.toBuffer());
}

async function rawOf(workbook: XlsxWorkbook): Promise<ExcelJS.Workbook> {
  const raw = new ExcelJS.Workbook();
  await raw.xlsx.load((await workbook.toBuffer()) as unknown as ArrayBuffer);
  return raw;
}

const TABLE: WorkbookChange[] = [
  { kind: "ensureSheet", sheet: "Vendor quotes" },
  {
    kind: "createTable",
    sheet: "Vendor quotes",
    address: "B2",
    name: "Vendors",
    headers: ["Vendor", "Hourly rate", "Hours"],
    rows: [
      ["=HYPERLINK(\"http://x\",\"y\")", 40, 100],
      ["+cmd", 55, 200],
      ["00123", 0, 0],
    ],
  },
];

describe("xlsx adapter", () => {
  it("keeps text that looks like a formula or a number as text, through save and reopen", async () => {
    const workbook = XlsxWorkbook.create();
    await workbook.apply(TABLE);
    const again = await reopened(workbook);
    const read = await again.read({ table: { name: "vendors", values: true, formulasOf: ["Vendor"] } });
    expect(read.table!.rows!.map((r) => r[0])).toEqual(["=HYPERLINK(\"http://x\",\"y\")", "+cmd", "00123"]);
    expect(read.table!.columnFormulas.Vendor).toEqual(["=HYPERLINK(\"http://x\",\"y\")", "+cmd", "00123"]);
    const raw = await rawOf(again);
    expect(raw.getWorksheet("Vendor quotes")!.getCell("B3").formula).toBeUndefined();
  });

  it("lists tables with headers, data row count and address, by case-insensitive name", async () => {
    const workbook = await reopened(await (async () => {
      const w = XlsxWorkbook.create();
      await w.apply(TABLE);
      return w;
    })());
    expect(await workbook.listTables()).toEqual([{ name: "Vendors", sheet: "Vendor quotes", headers: ["Vendor", "Hourly rate", "Hours"], rowCount: 3, address: "B2:D5" }]);
    expect((await workbook.read({ table: { name: "VENDORS" } })).table?.name).toBe("Vendors");
    expect((await workbook.read({ table: { name: "Missing" } })).table).toBeNull();
  });

  it("adds a column at the table's right edge with one formula per row, its cached results and formats", async () => {
    const workbook = XlsxWorkbook.create();
    await workbook.apply(TABLE);
    await workbook.apply([
      {
        kind: "setTableColumn",
        table: "Vendors",
        header: "Labour",
        formula: "=[@[Hourly rate]]*[@Hours]",
        cachedValues: [4000, 11000, 0],
        numberFormat: "#,##0",
        conditionalFormats: [{ kind: "cellValue", operator: "greaterThan", bounds: [5000], fill: "#FFC7CE" }],
      },
    ]);
    const again = await reopened(workbook);
    const read = await again.read({ table: { name: "Vendors", values: true, formulasOf: ["Labour"] } });
    expect(read.table!.headers).toEqual(["Vendor", "Hourly rate", "Hours", "Labour"]);
    expect(read.table!.address).toBe("B2:E5");
    // A result of 0 must read as 0, not as an empty cell.
    expect(read.table!.rows!.map((r) => r[3])).toEqual([4000, 11000, 0]);
    expect(read.table!.columnFormulas.Labour).toEqual(Array(3).fill(expect.stringMatching(/^=Vendors\[\[#This Row\],\[Hourly rate\]\]\*Vendors\[\[#This Row\],\[Hours\]\]$/)));
    const sheet = (await rawOf(again)).getWorksheet("Vendor quotes")!;
    expect(sheet.getCell("E3").numFmt).toBe("#,##0");
    const rules = (sheet as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
    expect(rules.map((r) => [r.ref, r.rules.map((x) => x.type)])).toEqual([["E3:E5", ["cellIs"]]]);
  });

  it("refreshes an existing column in place instead of adding another, replacing its conditional formats", async () => {
    const workbook = XlsxWorkbook.create();
    await workbook.apply(TABLE);
    const column: WorkbookChange = { kind: "setTableColumn", table: "Vendors", header: "Labour", values: [1, 2, 3], conditionalFormats: [{ kind: "textContains", text: "x", fill: "#FFFFFF" }] };
    await workbook.apply([column, { ...column, values: [7, 8, 9] }]);
    const read = await workbook.read({ table: { name: "Vendors", values: true } });
    expect(read.table!.headers).toEqual(["Vendor", "Hourly rate", "Hours", "Labour"]);
    expect(read.table!.rows!.map((r) => r[3])).toEqual([7, 8, 9]);
    const sheet = workbook.workbook.getWorksheet("Vendor quotes") as unknown as { conditionalFormattings: unknown[] };
    expect(sheet.conditionalFormattings).toHaveLength(1);
  });

  it("leaves cells written as null unchanged, and clears only the range it is asked to clear", async () => {
    const workbook = XlsxWorkbook.create();
    await workbook.apply([
      { kind: "ensureSheet", sheet: "Notes" },
      { kind: "writeRange", sheet: "Notes", address: "A1", cells: [["kept", "old", 1], ["a", "b", "c"]] },
      { kind: "writeRange", sheet: "Notes", address: "A1", cells: [[null, "new", { formula: "=1+1", cachedValue: 2 }]] },
      { kind: "clearRange", sheet: "Notes", address: "A2:B2" },
    ]);
    const snapshot = (await (await reopened(workbook)).read({ sheets: ["Notes", "Absent"] })).sheets;
    expect(snapshot.Absent).toBeNull();
    expect(snapshot.Notes!.origin).toBe("A1");
    expect(snapshot.Notes!.values).toEqual([["kept", "new", 2], [null, null, "c"]]);
    expect(snapshot.Notes!.formulas[0][2]).toBe("=1+1");
  });

  it("keeps settings in a very hidden sheet, long values included, across save and reopen", async () => {
    const workbook = XlsxWorkbook.create();
    await workbook.apply(TABLE);
    const long = JSON.stringify({ text: "x".repeat(80_000) });
    await workbook.apply([
      { kind: "setSetting", key: "first", value: "one" },
      { kind: "setSetting", key: "long", value: long },
      { kind: "setSetting", key: "first", value: "two" },
    ]);
    const again = await reopened(workbook);
    expect((await again.read({ settings: ["first", "long", "absent"] })).settings).toEqual({ first: "two", long, absent: undefined });
    expect((await rawOf(again)).getWorksheet(SETTINGS_SHEET)!.state).toBe("veryHidden");
    expect((await again.listTables()).map((t) => t.sheet)).toEqual(["Vendor quotes"]);
  });

  it("creates and moves workbook names over sheets whose names need quoting", async () => {
    const workbook = XlsxWorkbook.create();
    await workbook.apply([
      { kind: "ensureSheet", sheet: "Offshore assumptions" },
      { kind: "setName", name: "OffshoreAssumptions", sheet: "Offshore assumptions", address: "A2:B10" },
      { kind: "setName", name: "OffshoreAssumptions", sheet: "Offshore assumptions", address: "A2:B12" },
    ]);
    const names = (await (await reopened(workbook)).read({ names: ["offshoreassumptions", "Other"] })).names;
    expect(names).toEqual({ offshoreassumptions: { sheet: "Offshore assumptions", address: "A2:B12" }, Other: undefined });
  });

  it("turns a plain range into a table, keeping its values", async () => {
    const workbook = XlsxWorkbook.create();
    await workbook.apply([
      { kind: "ensureSheet", sheet: "Data" },
      { kind: "writeRange", sheet: "Data", address: "C3", cells: [["Vendor", "Hours"], ["Acme", 10], ["Beta", 20]] },
    ]);
    const region = await workbook.detectRegion();
    expect(region).toEqual({ sheet: "Data", address: "C3:D5", headers: ["Vendor", "Hours"], rowCount: 2 });
    await workbook.apply([{ kind: "convertRangeToTable", sheet: "Data", address: region!.address, name: "Quotes" }]);
    const read = await (await reopened(workbook)).read({ table: { name: "Quotes", values: true } });
    expect(read.table!.rows).toEqual([["Acme", 10], ["Beta", 20]]);
  });

  it("writes the structured references of a calculated column in the form a saved file needs", () => {
    expect(fileFormOfTableFormula("=[@Hours]*2", "T")).toBe("T[[#This Row],[Hours]]*2");
    expect(fileFormOfTableFormula("=F(T[@[Hourly rate]:[Hours]],T[[#Headers],[Hourly rate]:[Hours]])", "T")).toBe(
      "F(T[[#This Row],[Hourly rate]:[Hours]],T[[#Headers],[Hourly rate]:[Hours]])",
    );
  });
});
