// A vendor list the buyer keeps as a plain range (declining the table): formulas per row
// right of it, written in chunks, never over the buyer's cells.
import { columnLetters } from "../../src/workbook/address";
import { evaluateRange, evaluateTable } from "../../src/actions/evaluate";
import { findVendorTables } from "../../src/actions/tables";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { ExcelWorkbook, MAX_REQUEST_BYTES } from "../../src/workbook/excel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import type { RegionInfo } from "../../src/workbook/port";
import { FakeExcel } from "./fakes/fakeExcel";

// The sample's output columns start right of its last input column.
const OUTPUT = SAMPLE_VENDOR_HEADERS.length;
const [LAST_INPUT, TOTAL] = [OUTPUT - 1, OUTPUT].map((c) => columnLetters(c));

const options = { today: { year: 2026, month: 3, day: 16 }, buyerTimeZone: "America/New_York" };
const rows = [["Andes QA Labs", 45, 2400, "Colombia"], ["Nile Data Entry Co.", 14, 4000, "Egypt"], ["Northwind Digital", 125, 3200, "US"]];

async function plainRange() {
  const wb = new MemoryWorkbook().addSheet("Quotes");
  wb.setCells("Quotes", "B2", [["Vendor", "Hourly rate", "Hours", "Country"], ...rows]).select("Quotes", "C3");
  const found = await findVendorTables(wb);
  return { wb, region: found.region! };
}

describe("evaluating a plain range", () => {
  test("writes the three outputs right of the range, one formula per row over that row's input cells", async () => {
    const { wb, region } = await plainRange();
    expect(region.address).toBe("B2:E5");
    const outcome = await evaluateRange(wb, region, options);
    expect(outcome.kind).toBe("done");
    expect([wb.cell("Quotes", "F2")?.value, wb.cell("Quotes", "G2")?.value, wb.cell("Quotes", "H2")?.value]).toEqual(["Total cost", "Risk score", "Location fit"]);
    expect(wb.cell("Quotes", "F3")?.formula).toBe("=OFFSHORE.TOTALCOST($B3:$E3,$B$2:$E$2,OffshoreAssumptions)");
    expect(wb.cell("Quotes", "H5")?.formula).toBe("=OFFSHORE.LOCATIONFIT($B5:$E5,$B$2:$E$2,OffshoreAssumptions)");
  });

  test("shows the same numbers as the same vendors in a table", async () => {
    const { wb, region } = await plainRange();
    await evaluateRange(wb, region, options);
    const tableBook = new MemoryWorkbook().addSheet("T");
    await tableBook.apply([{ kind: "createTable", sheet: "T", address: "A1", name: "V", headers: ["Vendor", "Hourly rate", "Hours", "Country"], rows }]);
    await evaluateTable(tableBook, "V", options);
    for (let r = 0; r < rows.length; r++)
      for (const [rangeColumn, tableColumn] of [["F", "E"], ["G", "F"], ["H", "G"]])
        expect(wb.cell("Quotes", `${rangeColumn}${r + 3}`)?.value).toEqual(tableBook.cell("T", `${tableColumn}${r + 2}`)?.value);
  });

  test("evaluating again refreshes the add-in's own columns in place", async () => {
    const { wb, region } = await plainRange();
    await evaluateRange(wb, region, options);
    const again = await findVendorTables(wb);
    expect(again.region?.address).toBe("B2:H5");
    const outcome = await evaluateRange(wb, again.region!, options);
    expect(outcome.kind).toBe("done");
    expect(wb.cell("Quotes", "I2")).toBeUndefined();
    expect(wb.cell("Quotes", "F3")?.formula).toBe("=OFFSHORE.TOTALCOST($B3:$E3,$B$2:$E$2,OffshoreAssumptions)");
  });

  test("cells of the user's right of the range are never overwritten", async () => {
    const { wb, region } = await plainRange();
    wb.setCells("Quotes", "G4", [["my note"]]);
    const before = wb.snapshot();
    const outcome = await evaluateRange(wb, region, options);
    expect(outcome.kind).toBe("refused");
    expect(outcome.kind === "refused" && outcome.message).toMatch(/Columns F:H .* will not overwrite/);
    expect(wb.snapshot()).toEqual(before);
  });

  test("over Excel, 100,000 rows are written in chunks each under 4 MB", async () => {
    const excel = new FakeExcel();
    const sheet = excel.sheet("Data");
    const all = [SAMPLE_VENDOR_HEADERS as readonly unknown[], ...Array.from({ length: 100_000 }, (_, i) => SAMPLE_VENDOR_ROWS[i % SAMPLE_VENDOR_ROWS.length])];
    all.forEach((row, r) => row.forEach((v, c) => v !== "" && sheet.cells.set(`${r},${c}`, { value: v as string | number })));
    const region: RegionInfo = { sheet: "Data", address: `A1:${LAST_INPUT}100001`, headers: [...SAMPLE_VENDOR_HEADERS], rowCount: 100_000 };
    const outcome = await evaluateRange(new ExcelWorkbook(excel.host()), region, options);
    expect(outcome.kind).toBe("done");
    const writes = excel.writes();
    expect(writes.length).toBeGreaterThan(1);
    for (const w of writes) expect(w.bytes).toBeLessThan(MAX_REQUEST_BYTES);
    expect(writes.reduce((n, w) => n + w.formulas, 0)).toBe(3 * 100_000);
    expect(excel.cell("Data", `${TOTAL}100001`)?.formula).toBe(`=OFFSHORE.TOTALCOST($A100001:$${LAST_INPUT}100001,$A$1:$${LAST_INPUT}$1,OffshoreAssumptions)`);
    expect(excel.cell("Data", "A2")?.value).toBe(SAMPLE_VENDOR_ROWS[0][0]);
  });
});
