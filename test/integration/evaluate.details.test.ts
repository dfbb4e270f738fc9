import { evaluateTable, structuredColumn } from "../../src/actions/evaluate";
import { convertRangeToTable, findVendorTables } from "../../src/actions/tables";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { FakeExcel } from "./fakes/fakeExcel";

const options = { today: { year: 2026, month: 3, day: 16 }, buyerTimeZone: "Europe/Paris" };

describe("evaluation details", () => {
  test("column names with brackets, hashes or quotes are escaped in structured references", () => {
    expect(structuredColumn("Rate [USD/h]")).toBe("[Rate '[USD/h']]");
    expect(structuredColumn("#Hours")).toBe("['#Hours]");
    expect(structuredColumn("Buyer's note")).toBe("[Buyer''s note]");
    expect(structuredColumn("Duration (months)")).toBe("[Duration (months)]");
  });

  test("a table whose first and last inputs need escaping gets a formula spanning exactly those columns", async () => {
    const wb = new MemoryWorkbook().addSheet("S");
    await wb.apply([{ kind: "createTable", sheet: "S", address: "A1", name: "Q", headers: ["Vendor [legal]", "Hourly rate", "Hours", "Notes #1"], rows: [["A", 50, 100, "x"]] }]);
    await evaluateTable(wb, "Q", options);
    expect(wb.tableColumn("Q", "Total cost")?.formula).toBe("=OFFSHORE.TOTALCOST(Q[@[Vendor '[legal']]:[Notes '#1]],Q[[#Headers],[Vendor '[legal']]:[Notes '#1]],OffshoreAssumptions)");
  });

  test("columns the user adds right of the outputs are not read by the formulas, and the outcome says so", async () => {
    const wb = new MemoryWorkbook().addSheet("S");
    await wb.apply([{ kind: "createTable", sheet: "S", address: "A1", name: "Q", headers: ["Vendor", "Hourly rate", "Hours"], rows: [["A", 50, 100]] }]);
    await evaluateTable(wb, "Q", options);
    await wb.apply([{ kind: "setTableColumn", table: "Q", header: "Comment", values: ["call back"] }]);
    const again = await evaluateTable(wb, "Q", options);
    expect(again.kind === "done" && again.warnings).toEqual([expect.stringMatching(/'Comment' is right of the output columns/)]);
    expect(wb.tableColumn("Q", "Total cost")?.formula).toContain("Q[@[Vendor]:[Hours]]");
    expect(wb.cell("S", "G2")?.value).toBe("call back");
  });

  test("progress is reported in order and ends complete", async () => {
    const wb = new MemoryWorkbook().addSheet("S");
    await wb.apply([{ kind: "createTable", sheet: "S", address: "A1", name: "Q", headers: ["Vendor", "Hourly rate", "Hours"], rows: [["A", 50, 100]] }]);
    const seen: number[] = [];
    await evaluateTable(wb, "Q", { ...options, onProgress: (p) => seen.push(p.done / p.total) });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[seen.length - 1]).toBe(1);
  });

  test("the memory workbook asks its calculate hook for formulas written without a value", async () => {
    const wb = new MemoryWorkbook({ calculate: (formula) => (formula === "=1+1" ? 2 : null) }).addSheet("S");
    await wb.apply([{ kind: "writeRange", sheet: "S", address: "A1", cells: [[{ formula: "=1+1" }, { formula: "=1+1", cachedValue: 5 }]] }]);
    expect(wb.cell("S", "A1")).toMatchObject({ formula: "=1+1", value: 2 });
    expect(wb.cell("S", "B1")?.value).toBe(5);
  });
});

describe("finding and converting over the Excel adapter", () => {
  test("a plain range around the active cell is offered and converted into a named table", async () => {
    const excel = new FakeExcel();
    const sheet = excel.sheet("Data");
    [["Vendor", "Hourly rate", "Hours"], ["A", 50, 100], ["B", 40, 120]].forEach((row, r) => row.forEach((v, c) => sheet.cells.set(`${r + 1},${c + 1}`, { value: v })));
    excel.active = { sheet: "Data", row: 2, column: 2 };
    const port = new ExcelWorkbook(excel.host());
    const found = await findVendorTables(port);
    expect(found.region).toEqual({ sheet: "Data", address: "B2:D4", headers: ["Vendor", "Hourly rate", "Hours"], rowCount: 2 });
    expect(await convertRangeToTable(port, found.region!, "Vendors")).toEqual({ ok: true, table: "Vendors", sheet: "Data" });
    expect(excel.table("Vendors")).toMatchObject({ top: 1, left: 1, rows: 2, columns: ["Vendor", "Hourly rate", "Hours"] });
  });

  test("a table that no longer exists is refused without a write", async () => {
    const excel = new FakeExcel();
    excel.sheet("Data");
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
    expect(outcome).toMatchObject({ kind: "refused", written: "Nothing was written." });
    expect(excel.writes()).toEqual([]);
  });
});
