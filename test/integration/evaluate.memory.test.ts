import { evaluateTable, OUTPUT_COLUMNS } from "../../src/actions/evaluate";
import { mapByHand, readMapping } from "../../src/actions/mapping";
import { convertRangeToTable, findVendorTables, insertExampleTable } from "../../src/actions/tables";
import { dateToExcelSerial, evaluateCells, mapHeaders, parseAssumptions } from "../../src/model";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { columnLetters } from "../../src/workbook/address";
import { ASSUMPTIONS_NAME, ASSUMPTIONS_SHEET, MAPPING_SETTING } from "../../src/workbook/port";
import { ASSUMPTIONS, PRICING_ALLOCATION } from "../../src/model/assumptions";
import { DOCUMENTED_ASSUMPTIONS } from "../../src/model/assumptionTexts";

// The sample's output columns start right of its last input column.
const TOTAL_COST_COLUMN = columnLetters(SAMPLE_VENDOR_HEADERS.length);

const today = { year: 2026, month: 3, day: 16 };
const zone = "Europe/Berlin";
const options = { today, buyerTimeZone: zone };

async function sampleWorkbook() {
  const wb = new MemoryWorkbook();
  const inserted = await insertExampleTable(wb);
  if (!inserted.ok) throw new Error(inserted.message);
  return { wb, table: inserted.table, sheet: inserted.sheet };
}

function expectedFor(headers: readonly string[], rows: readonly (readonly unknown[])[]) {
  const assumptions = parseAssumptions([["Buyer time zone", zone], ["Reference date", dateToExcelSerial(today)]], today);
  if (!assumptions.ok) throw new Error(assumptions.error.message);
  const map = mapHeaders(headers);
  return rows.map((row) => {
    const result = evaluateCells(row as never, map, assumptions.value);
    if (!result || !result.ok) throw new Error("sample row failed");
    return result.value;
  });
}

describe("evaluate over the memory workbook", () => {
  test("adds Total cost, Risk score and Location fit at the right edge as one OFFSHORE formula per column", async () => {
    const { wb, table } = await sampleWorkbook();
    const outcome = await evaluateTable(wb, table, options);
    expect(outcome.kind).toBe("done");
    const [listed] = await wb.listTables();
    expect(listed.headers).toEqual([...SAMPLE_VENDOR_HEADERS, "Total cost", "Risk score", "Location fit"]);
    const span = "[Vendor]:[Scope]";
    expect(wb.tableColumn(table, "Total cost")?.formula).toBe(
      `=OFFSHORE.TOTALCOST(${table}[@${span}],${table}[[#Headers],${span}],${ASSUMPTIONS_NAME})`,
    );
    expect(wb.tableColumn(table, "Risk score")?.formula).toMatch(/^=OFFSHORE\.RISKSCORE\(/);
    expect(wb.tableColumn(table, "Location fit")?.formula).toMatch(/^=OFFSHORE\.LOCATIONFIT\(/);
    // No formula refers to an output column: no circular reference.
    for (const o of OUTPUT_COLUMNS) for (const other of OUTPUT_COLUMNS) expect(wb.tableColumn(table, o.header)?.formula).not.toContain(`[${other.header}]`);
  });

  test("the preview shows the model's numbers beside each formula", async () => {
    const { wb, table, sheet } = await sampleWorkbook();
    await evaluateTable(wb, table, options);
    const expected = expectedFor(SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS);
    const totalColumn = SAMPLE_VENDOR_HEADERS.length; // 0-based index of Total cost
    expected.forEach((e, r) => {
      const row = r + 2;
      const letter = (i: number) => String.fromCharCode(65 + i);
      expect(wb.cell(sheet, `${letter(totalColumn)}${row}`)?.value).toBeCloseTo(e.cost.total, 9);
      expect(wb.cell(sheet, `${letter(totalColumn + 1)}${row}`)?.value).toBe(e.risk.score);
      expect(wb.cell(sheet, `${letter(totalColumn + 2)}${row}`)?.value).toBe(e.fit.verdict);
    });
  });

  test("number formats and conditional formats follow the output's meaning", async () => {
    const { wb, table } = await sampleWorkbook();
    await evaluateTable(wb, table, options);
    expect(wb.tableColumn(table, "Total cost")?.numberFormat).toBe("$#,##0");
    expect(wb.tableColumn(table, "Risk score")?.numberFormat).toBe("0");
    expect(wb.tableColumn(table, "Risk score")?.conditionalFormats).toHaveLength(4);
    expect(wb.tableColumn(table, "Location fit")?.conditionalFormats.map((r) => (r.kind === "textContains" ? r.text : ""))).toEqual(["Benefit", "Trade-off", "Blocker"]);
  });

  test("the first evaluation creates the assumptions sheet with the buyer's zone, today's date and the workbook name", async () => {
    const { wb, table } = await sampleWorkbook();
    const outcome = await evaluateTable(wb, table, options);
    expect(outcome.kind === "done" && outcome.assumptionsNote).toMatch(/Created/);
    const read = await wb.read({ sheets: [ASSUMPTIONS_SHEET], names: [ASSUMPTIONS_NAME] });
    const sheet = read.sheets[ASSUMPTIONS_SHEET]!;
    expect(sheet.values[0].slice(0, 5)).toEqual(["Assumption", "Value", "Unit", "Source", "Description"]);
    const byName = new Map(sheet.values.slice(1).map((r) => [r[0], r[1]]));
    expect(byName.get("Buyer time zone")).toBe(zone);
    expect(byName.get("Reference date")).toBe(dateToExcelSerial(today));
    // The header row and every column to High (L): the Low and High cells are read by their headers.
    expect(read.names[ASSUMPTIONS_NAME]).toEqual({ sheet: ASSUMPTIONS_SHEET, address: `A1:L${sheet.values.length}` });
    // Every row carries its source.
    for (const row of sheet.values.slice(1)) expect(String(row[3]).length).toBeGreaterThan(0);
  });

  test("the assumptions sheet shows who carries rework, change and delivery risk by pricing model, beside the name and value columns", async () => {
    const { wb, table } = await sampleWorkbook();
    await evaluateTable(wb, table, options);
    const read = await wb.read({ sheets: [ASSUMPTIONS_SHEET], names: [ASSUMPTIONS_NAME] });
    const values = read.sheets[ASSUMPTIONS_SHEET]!.values;
    const block = values.slice(0, PRICING_ALLOCATION.length + 1).map((r) => r.slice(6, 10));
    expect(block).toEqual([
      ["Pricing model (who carries what)", "Rework", "Change requests (moved scope)", "Delivery risk"],
      ...PRICING_ALLOCATION.map((p) => [p.pricingModel, p.rework, p.changes, p.deliveryRisk]),
    ]);
    expect(read.names[ASSUMPTIONS_NAME]?.address).toBe(`A1:L${values.length}`);
    // A sheet made before the table existed gets it on the next evaluation; the buyer's values stay.
    await wb.apply([{ kind: "writeRange", sheet: ASSUMPTIONS_SHEET, address: "G1", cells: Array.from({ length: 6 }, () => [null, null, null, null]) }]);
    const again = await evaluateTable(wb, table, options);
    expect(again.kind).toBe("done");
    expect(wb.cell(ASSUMPTIONS_SHEET, "H3")?.value).toBe(PRICING_ALLOCATION[1].rework);
  });

  test("the assumptions sheet shows each cost assumption's low and high ends and their source beside it, outside the named range; an earlier sheet gets them unless the buyer uses those columns", async () => {
    const { wb, table } = await sampleWorkbook();
    await evaluateTable(wb, table, options);
    const values = (await wb.read({ sheets: [ASSUMPTIONS_SHEET] })).sheets[ASSUMPTIONS_SHEET]!.values;
    // The headers say the ends are the buyer's to edit.
    const headers = values[0].slice(10, 13).map(String);
    expect(headers[0]).toMatch(/^Low \(edit to change the cost ranges/);
    expect(headers[1]).toMatch(/^High \(edit to change the cost ranges/);
    expect(headers[2]).toMatch(/^Range source \(low to high/);
    const expected = (name: unknown) => {
      const spec = DOCUMENTED_ASSUMPTIONS.find((s) => s.name === name)!;
      return spec.range ? [spec.range.low, spec.range.high, spec.range.source] : [null, null, null];
    };
    for (const row of values.slice(1)) expect(row.slice(10, 13).map((v) => (v === "" || v === undefined ? null : v))).toEqual(expected(row[0]));
    expect(values.slice(1).filter((r) => typeof r[10] === "number").length).toBe(ASSUMPTIONS.filter((s) => s.range).length);
    // A sheet made before the range columns existed gets them on the next evaluation.
    const clear = { kind: "clearRange", sheet: ASSUMPTIONS_SHEET, address: `K1:M${values.length}` } as const;
    await wb.apply([clear]);
    expect(wb.cell(ASSUMPTIONS_SHEET, "K2")?.value ?? null).toBeNull();
    await evaluateTable(wb, table, options);
    const transitionRow = values.findIndex((r) => r[0] === "Transition %") + 1;
    expect(wb.cell(ASSUMPTIONS_SHEET, `L${transitionRow}`)?.value).toBe(0.03);
    // A sheet from the version whose headers read plain "Low" and "High" gets the headers that
    // say the ends are read; its cells below are left as they are.
    await wb.apply([{ kind: "writeRange", sheet: ASSUMPTIONS_SHEET, address: "K1", cells: [["Low", "High", "Range source (low to high)"]] }]);
    wb.setCells(ASSUMPTIONS_SHEET, `K${transitionRow}`, [[0.025]]);
    await evaluateTable(wb, table, options);
    expect([1, 2, 3].map((c) => wb.cell(ASSUMPTIONS_SHEET, `${"KLM"[c - 1]}1`)?.value)).toEqual(headers);
    expect(wb.cell(ASSUMPTIONS_SHEET, `K${transitionRow}`)?.value).toBe(0.025);
    // The buyer's own notes in those columns are left alone.
    await wb.apply([clear, { kind: "writeRange", sheet: ASSUMPTIONS_SHEET, address: "K1", cells: [["My notes"]] }]);
    wb.setCells(ASSUMPTIONS_SHEET, `K${transitionRow}`, [["ask finance"]]);
    await evaluateTable(wb, table, options);
    expect(wb.cell(ASSUMPTIONS_SHEET, "K1")?.value).toBe("My notes");
    expect(wb.cell(ASSUMPTIONS_SHEET, `L${transitionRow}`)?.value ?? null).toBeNull();
  });

  test("an assumptions sheet from an earlier version, with a row this version no longer reads, still evaluates and says the row may go", async () => {
    const { wb, table, sheet } = await sampleWorkbook();
    await evaluateTable(wb, table, options);
    const snap = await wb.read({ sheets: [ASSUMPTIONS_SHEET] });
    const last = snap.sheets[ASSUMPTIONS_SHEET]!.values.length;
    wb.setCells(ASSUMPTIONS_SHEET, `A${last + 1}`, [["Onshore reference hourly rate", 100]]);
    await wb.apply([{ kind: "setName", name: ASSUMPTIONS_NAME, sheet: ASSUMPTIONS_SHEET, address: `A2:B${last + 1}` }]);
    const again = await evaluateTable(wb, table, options);
    expect(again.kind).toBe("done");
    expect(again.kind === "done" && again.assumptionsNote).toMatch(/'Onshore reference hourly rate' is no longer read/);
    // The earlier version's name over name and value only is widened to the Low and High columns.
    expect(again.kind === "done" && again.assumptionsNote).toMatch(/widened the name OffshoreAssumptions to the Low and High columns/);
    expect((await wb.read({ names: [ASSUMPTIONS_NAME] })).names[ASSUMPTIONS_NAME]?.address).toBe(`A1:L${last + 1}`);
    expect(typeof wb.cell(sheet, `${TOTAL_COST_COLUMN}2`)?.value).toBe("number");
  });

  test("evaluating again refreshes the columns in place and keeps the buyer's assumption edits", async () => {
    const { wb, table, sheet } = await sampleWorkbook();
    await evaluateTable(wb, table, options);
    const before = wb.cell(sheet, `${TOTAL_COST_COLUMN}2`)?.value as number;
    const snap = await wb.read({ sheets: [ASSUMPTIONS_SHEET] });
    const row = snap.sheets[ASSUMPTIONS_SHEET]!.values.findIndex((r) => r[0] === "Transition %");
    wb.setCells(ASSUMPTIONS_SHEET, `B${row + 1}`, [[0.1]]);
    const again = await evaluateTable(wb, table, { ...options, buyerTimeZone: "Asia/Tokyo" });
    expect(again.kind === "done" && again.assumptionsNote).toMatch(/Kept/);
    const [listed] = await wb.listTables();
    expect(listed.headers.filter((h) => h === "Total cost")).toHaveLength(1);
    expect(wb.cell(ASSUMPTIONS_SHEET, `B${row + 1}`)?.value).toBe(0.1);
    const zoneRow = snap.sheets[ASSUMPTIONS_SHEET]!.values.findIndex((r) => r[0] === "Buyer time zone");
    expect(wb.cell(ASSUMPTIONS_SHEET, `B${zoneRow + 1}`)?.value).toBe(zone);
    expect(wb.cell(sheet, `${TOTAL_COST_COLUMN}2`)?.value).toBeGreaterThan(before);
  });

  test("a user's own Total cost column is never overwritten: the evaluation refuses and offers another name", async () => {
    const wb = new MemoryWorkbook().addSheet("Quotes");
    await wb.apply([
      { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers: ["Vendor", "Hourly rate", "Hours", "Total cost"], rows: [["A", 50, 100, 5000], ["B", 40, 200, 8000]] },
    ]);
    const before = wb.snapshot();
    const outcome = await evaluateTable(wb, "Quotes", options);
    expect(outcome.kind).toBe("collision");
    if (outcome.kind !== "collision") return;
    expect(outcome.header).toBe("Total cost");
    expect(outcome.message).toMatch(/will not overwrite/);
    expect(wb.snapshot()).toEqual(before);
    expect(wb.sheetNames()).not.toContain(ASSUMPTIONS_SHEET);

    const renamed = await evaluateTable(wb, "Quotes", { ...options, outputNames: { "Total cost": outcome.suggestion } });
    expect(renamed.kind).toBe("done");
    expect(wb.cell("Quotes", "D2")?.value).toBe(5000);
    expect(wb.cell("Quotes", "D3")?.value).toBe(8000);
    // The user's column sits among the inputs now; the renamed output is the add-in's and refreshes later without asking.
    expect(wb.tableColumn("Quotes", outcome.suggestion)?.formula).toMatch(/^=OFFSHORE\.TOTALCOST\(Quotes\[@\[Vendor\]:\[Total cost\]\]/);
    const refresh = await evaluateTable(wb, "Quotes", options);
    expect(refresh.kind).toBe("done");
  });

  test("every cell outside the output columns and the assumptions sheet is unchanged by an evaluation", async () => {
    const { wb, table, sheet } = await sampleWorkbook();
    // Notes below the table and on another sheet; cells beside a table's rows move right when it grows, as in Excel.
    wb.setCells(sheet, "A20", [["my note", 42, "=SUM(G2:G12)"]]);
    wb.setCells("Notes", "A1", [["shortlist", "=Vendors[@Vendor]"]]);
    const before = wb.snapshot();
    await evaluateTable(wb, table, options);
    const after = wb.snapshot();
    const outputColumns = new Set([0, 1, 2].map((i) => columnLetters(SAMPLE_VENDOR_HEADERS.length + i)));
    for (const [address, cell] of before) {
      const [sheetName, a1] = address.split("!");
      const column = a1.replace(/\d+/g, "");
      if (sheetName === sheet && outputColumns.has(column)) continue;
      expect(after.get(address)).toEqual(cell);
    }
  });

  test("the mapping made by hand is stored in the workbook, read back, and reaches the formulas", async () => {
    const wb = new MemoryWorkbook().addSheet("Quotes");
    await wb.apply([
      { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers: ["Supplier", "Cost per hr", "Hours"], rows: [["A", 50, 100]] },
    ]);
    const first = await readMapping(wb, "Quotes");
    expect(first?.missingRequired.map((m) => m.field)).toEqual(["hourlyRate"]);
    const refused = await evaluateTable(wb, "Quotes", options);
    expect(refused.kind === "refused" && refused.message).toMatch(/Hourly rate/);

    await mapByHand(wb, "Quotes", "hourlyRate", "Cost per hr");
    expect(JSON.parse(wb.setting(MAPPING_SETTING)!).tables.quotes.byHand).toEqual({ hourlyRate: "Cost per hr" });
    const view = await readMapping(wb, "Quotes");
    expect(view?.recognised.find((c) => c.field === "hourlyRate")).toMatchObject({ column: "Cost per hr", byHand: true });
    expect(view?.missingRequired).toEqual([]);

    const outcome = await evaluateTable(wb, "Quotes", options);
    expect(outcome.kind).toBe("done");
    expect(wb.tableColumn("Quotes", "Total cost")?.formula).toContain(`{"Vendor","Hourly rate","Hours"}`);
    expect(wb.cell("Quotes", "D2")?.value).toBeGreaterThan(50 * 100);
  });

  test("a bad row is reported with its row number and the other rows are still computed", async () => {
    const wb = new MemoryWorkbook().addSheet("Quotes");
    await wb.apply([
      { kind: "createTable", sheet: "Quotes", address: "B3", name: "Quotes", headers: ["Vendor", "Hourly rate", "Hours"], rows: [["A", 50, 100], ["B", "TBD", 100], ["C", 30, 10]] },
    ]);
    const outcome = await evaluateTable(wb, "Quotes", options);
    expect(outcome.kind).toBe("done");
    if (outcome.kind !== "done") return;
    expect(outcome.rowErrors).toHaveLength(1);
    expect(outcome.rowErrors[0].row).toBe(5);
    expect(outcome.rowErrors[0].message).toMatch(/TBD/);
    expect(wb.cell("Quotes", "E4")?.value).toBeGreaterThan(0);
    expect(wb.cell("Quotes", "E6")?.value).toBeGreaterThan(0);
  });

  test("a missing table is refused with what to do and nothing written", async () => {
    const wb = new MemoryWorkbook().addSheet("Sheet1");
    const outcome = await evaluateTable(wb, "Nope", options);
    expect(outcome).toMatchObject({ kind: "refused", written: "Nothing was written." });
    expect(outcome.kind === "refused" && outcome.message).toMatch(/Pick the table again/);
  });

  test("a write the workbook refuses is reported with exactly what was written before it", async () => {
    const { wb, table } = await sampleWorkbook();
    // The workbook refuses the Risk score column (its table vanished between read and write).
    const failing = Object.assign(Object.create(wb), {
      apply: (changes: Parameters<MemoryWorkbook["apply"]>[0]) =>
        wb.apply(changes.map((c) => (c.kind === "setTableColumn" && c.header === "Risk score" ? { ...c, table: "Gone" } : c))),
    }) as MemoryWorkbook;
    const outcome = await evaluateTable(failing, table, options);
    expect(outcome.kind).toBe("refused");
    if (outcome.kind !== "refused") return;
    expect(outcome.message).toMatch(/Excel did not accept the changes: The table 'Gone' no longer exists/);
    expect(outcome.written).toBe(
      `Written: sheet '${ASSUMPTIONS_SHEET}'; cells on sheet '${ASSUMPTIONS_SHEET}'; the name ${ASSUMPTIONS_NAME}; the name OffshoreExchangeRates; column 'Total cost' of table ${table}. Possibly partly written: column 'Risk score' of table Gone.`,
    );
  });

  test("text typed by users is stored as text, never as a formula", async () => {
    const wb = new MemoryWorkbook().addSheet("Quotes");
    await wb.apply([
      { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers: ["Vendor", "Hourly rate", "Hours"], rows: [['=HYPERLINK("http://x","y")', 50, 100]] },
    ]);
    expect(wb.cell("Quotes", "A2")?.value).toBe('=HYPERLINK("http://x","y")');
    expect(wb.cell("Quotes", "A2")?.formula).toBeUndefined();
  });
});

describe("finding and making the vendor table", () => {
  test("tables are offered best match first and tables the model cannot read are left out", async () => {
    const wb = new MemoryWorkbook().addSheet("S");
    await wb.apply([
      { kind: "createTable", sheet: "S", address: "A1", name: "Budget", headers: ["Month", "Amount"], rows: [["Jan", 1]] },
      { kind: "createTable", sheet: "S", address: "E1", name: "Short", headers: ["Vendor", "Rate"], rows: [["A", 1]] },
      { kind: "createTable", sheet: "S", address: "J1", name: "Full", headers: ["Vendor", "Hourly rate", "Hours", "Country"], rows: [["A", 1, 2, "PL"]] },
    ]);
    const found = await findVendorTables(wb);
    expect(found.tables.map((c) => c.table.name)).toEqual(["Full", "Short"]);
    expect(found.tables[1].missingRequired).toEqual(["hours"]);
  });

  test("with no table, the plain range around the selection is offered and turned into a table", async () => {
    const wb = new MemoryWorkbook().addSheet("Data");
    wb.setCells("Data", "B2", [["Vendor", "Hourly rate", "Hours"], ["A", 50, 100], ["B", 40, 120]]).select("Data", "C3");
    const found = await findVendorTables(wb);
    expect(found.tables).toEqual([]);
    expect(found.region).toMatchObject({ sheet: "Data", address: "B2:D4", rowCount: 2 });
    const made = await convertRangeToTable(wb, found.region!, "Vendors");
    expect(made).toEqual({ ok: true, table: "Vendors", sheet: "Data" });
    const again = await findVendorTables(wb);
    expect(again.tables[0].table).toMatchObject({ name: "Vendors", address: "B2:D4", rowCount: 2 });
  });

  test("the example table goes on a new sheet, and a second one gets free names", async () => {
    const wb = new MemoryWorkbook();
    const first = await insertExampleTable(wb);
    const second = await insertExampleTable(wb);
    expect(first).toEqual({ ok: true, table: "Vendors", sheet: "Vendor quotes" });
    expect(second).toEqual({ ok: true, table: "Vendors2", sheet: "Vendor quotes (2)" });
  });
});
