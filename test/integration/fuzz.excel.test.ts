// The same random bad tables through the Office.js adapter, on the counting fake of the
// Excel API: evaluate never throws, agrees with the memory workbook (outcome, row errors,
// formulas), changes no cell outside its output columns and assumptions sheet, and stays
// within 4 syncs.
import fc from "fast-check";
import { evaluateTable } from "../../src/actions/evaluate";
import { cellAddress, parseCell } from "../../src/workbook/address";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { ASSUMPTIONS_SHEET } from "../../src/workbook/port";
import { extremeNumberTable, vendorTableSpec, type VendorTableSpec } from "../helpers/vendorTableArbitraries";
import { FakeExcel } from "./fakes/fakeExcel";

const options = { today: { year: 2026, month: 3, day: 16 }, buyerTimeZone: "Asia/Kolkata" };

/** Excel's table headers: blank ones become Column1, Column2..., repeats are numbered (Vendor, Vendor2). */
function excelHeaders(headers: readonly (string | null)[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, c) => {
    const base = (h ?? "").trim() || `Column${c + 1}`;
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

async function both(spec: VendorTableSpec) {
  const headers = excelHeaders(spec.headers);
  const excel = new FakeExcel();
  excel.sheet("Data").cells.set(`${spec.top + spec.rows.length + 3},0`, { value: "the buyer's note below the table" });
  excel.sheet("Notes").cells.set("0,0", { value: "=Quotes[@Vendor]", formula: "=Quotes[@Vendor]" });
  excel.addTable("Data", spec.top, spec.left, "Quotes", headers, spec.rows);
  const memory = new MemoryWorkbook().addSheet("Data");
  await memory.apply([{ kind: "createTable", sheet: "Data", address: cellAddress(spec.top, spec.left), name: "Quotes", headers, rows: spec.rows.map((r) => r.map((c) => c ?? null)) }]);
  return { excel, memory };
}

test("random bad tables through the Excel adapter: no exception, the memory workbook's outcome and formulas, nothing else changed, at most 4 syncs (5 when a cell reads #VALUE!, looked at again for a data type)", async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(vendorTableSpec({ rows: { min: 0, max: 8 } }), extremeNumberTable()), async (spec) => {
      const { excel, memory } = await both(spec);
      const before = excel.snapshot();
      const viaExcel = await evaluateTable(new ExcelWorkbook(excel.host()), "Quotes", options);
      const viaMemory = await evaluateTable(memory, "Quotes", options);
      // A cell that reads #VALUE! may hold a data type (an entity's basic value): one more read looks.
      const showsValueError = spec.rows.some((row) => row.some((cell) => cell === "#VALUE!"));
      expect(excel.syncs).toBeLessThanOrEqual(showsValueError ? 5 : 4);
      expect(viaExcel.kind).toBe(viaMemory.kind);
      const after = excel.snapshot();
      if (viaExcel.kind !== "done" || viaMemory.kind !== "done") {
        expect(excel.writes()).toEqual([]);
        expect(after).toEqual(before);
        return;
      }
      expect(viaExcel.rowErrors).toEqual(viaMemory.rowErrors);
      const table = excel.table("Quotes")!;
      const outputColumns = viaExcel.columns.map((h) => table.left + table.columns.findIndex((c) => c.toLowerCase() === h.toLowerCase()));
      for (const [i, header] of viaExcel.columns.entries())
        expect(excel.cell("Data", cellAddress(table.top + 1, outputColumns[i]))?.formula ?? null).toBe(spec.rows.length > 0 ? memory.tableColumn("Quotes", header)?.formula : null);
      const owned = (key: string) => {
        const [sheet, address] = key.split("!");
        const { row, column } = parseCell(address);
        return sheet === ASSUMPTIONS_SHEET || (sheet === "Data" && row >= table.top && row <= table.top + table.rows && outputColumns.includes(column));
      };
      const unowned = (snapshot: ReturnType<FakeExcel["snapshot"]>) => new Map([...snapshot].filter(([key]) => !owned(key)));
      expect(unowned(after)).toEqual(unowned(before));
    }),
    { numRuns: 40 },
  );
});
