// Repeated headers in a plain range turned into a table. Found by the wide-table property
// test in fuzz.actions.test.ts: the memory workbook numbered each repeat onto the previous
// name (Vendor, Vendor2, Vendor23, Vendor234...), so a header repeated a thousand times made
// names thousands of characters long and took minutes.
import { MemoryWorkbook } from "../../src/workbook/memory";

test("repeated headers of a range turned into a table are numbered as Excel numbers them: Vendor, Vendor2, Vendor3", async () => {
  const wb = new MemoryWorkbook().addSheet("Data");
  wb.setCells("Data", "A1", [["Vendor", "Vendor", "Vendor", "", "Hours", "hours"], ["a", "b", "c", "d", 1, 2]]);
  await wb.apply([{ kind: "convertRangeToTable", sheet: "Data", address: "A1:F2", name: "Quotes" }]);
  const [table] = await wb.listTables();
  expect(table.headers).toEqual(["Vendor", "Vendor2", "Vendor3", "Column4", "Hours", "hours2"]);
  expect(wb.cell("Data", "C1")?.value).toBe("Vendor3");
});

test("a header repeated 2,000 times gives 2,000 distinct names none longer than the header and its number", async () => {
  const wb = new MemoryWorkbook().addSheet("Data");
  wb.setCells("Data", "A1", [Array(2000).fill("Vendor"), Array(2000).fill("x")]);
  await wb.apply([{ kind: "convertRangeToTable", sheet: "Data", address: "A1:BXX2", name: "Wide" }]);
  const [table] = await wb.listTables();
  expect(new Set(table.headers.map((h) => h.toLowerCase())).size).toBe(2000);
  expect(table.headers[1999]).toBe("Vendor2000");
});
