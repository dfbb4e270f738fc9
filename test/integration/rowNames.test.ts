// The evaluation and the checklist name a bad row the same way, as Excel numbers it and by
// vendor, and "Go to cell" lands on the cell at fault in every workbook that has a window.
import { evaluateTable } from "../../src/actions/evaluate";
import { loadChecklist } from "../../src/actions/checklist";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { columnLetters } from "../../src/workbook/address";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { FakeExcel } from "./fakes/fakeExcel";

const options = { today: { year: 2026, month: 3, day: 16 }, buyerTimeZone: "America/Chicago" };
const rateColumn = columnLetters(SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate"));
const vendorOf = (i: number) => String(SAMPLE_VENDOR_ROWS[i][SAMPLE_VENDOR_HEADERS.indexOf("Vendor")]);

/** The sample table with its header on sheet row `headerRow`, and 'TBD' as the rate of data row `bad` (0-based). */
async function memoryWithBadRate(headerRow: number, bad: number): Promise<MemoryWorkbook> {
  const rows = SAMPLE_VENDOR_ROWS.map((r, i) => r.map((c, col) => (i === bad && col === SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate") ? "TBD" : (c ?? null))));
  const wb = new MemoryWorkbook().addSheet(SAMPLE_SHEET_NAME);
  await wb.apply([{ kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: `A${headerRow}`, name: SAMPLE_TABLE_NAME, headers: [...SAMPLE_VENDOR_HEADERS], rows }]);
  return wb;
}

describe("a row the model cannot compute", () => {
  test.each([
    [1, 2],
    [4, 0],
  ])("with the header on sheet row %i and data row %i bad, Evaluate and the checklist both name it 'Row <sheet row> (<vendor>)'", async (headerRow, bad) => {
    const wb = await memoryWithBadRate(headerRow, bad);
    const sheetRow = headerRow + 1 + bad;
    const expected = `Row ${sheetRow} (${vendorOf(bad)})`;

    const outcome = await evaluateTable(wb, SAMPLE_TABLE_NAME, options);
    if (outcome.kind !== "done") throw new Error(outcome.message);
    expect(outcome.rowErrors).toHaveLength(1);
    expect(outcome.rowErrors[0]).toMatchObject({ row: sheetRow, name: expected, vendor: vendorOf(bad), cell: { sheet: SAMPLE_SHEET_NAME, address: `${rateColumn}${sheetRow}` } });

    wb.select(SAMPLE_SHEET_NAME, `A${sheetRow}`);
    const checklist = await loadChecklist(wb, { today: options.today });
    // A bad rate leaves the parts of the checklist that need no cost ("partial"), with a notice naming the row.
    expect(checklist.kind).toBe("partial");
    expect(checklist.kind === "partial" && checklist.message).toMatch(new RegExp(`^${expected.replace(/[().]/g, "\\$&")} of the table '${SAMPLE_TABLE_NAME}': Hourly rate`));
  });

  test("the summary counts only the rows computed and names the cheapest by sheet row and vendor", async () => {
    const wb = await memoryWithBadRate(1, 2);
    const outcome = await evaluateTable(wb, SAMPLE_TABLE_NAME, options);
    if (outcome.kind !== "done") throw new Error(outcome.message);
    const computed = outcome.evaluations.map((e, i) => ({ e, i })).filter((x) => x.e !== null);
    expect(outcome.summary.evaluated).toBe(SAMPLE_VENDOR_ROWS.length - 1);
    const cheapest = computed.reduce((a, b) => (b.e!.cost.total < a.e!.cost.total ? b : a));
    expect(outcome.summary.lowestCost?.name).toBe(`Row ${cheapest.i + 2} (${vendorOf(cheapest.i)})`);
    // Numbers in the rate column carry no currency: the Total cost column's "$" format says it.
    expect(outcome.summary.currency).toEqual({ symbol: "$", from: "format" });
  });
});

describe("Go to cell", () => {
  test("the memory workbook selects the cell and brings its sheet forward; listeners hear it", async () => {
    const wb = await memoryWithBadRate(1, 2);
    wb.addSheet("Other").select("Other", "B2");
    const heard: unknown[] = [];
    await wb.onSelectionChanged((s) => heard.push(s));
    await expect(wb.selectCell(SAMPLE_SHEET_NAME, `${rateColumn}4`)).resolves.toBe(true);
    expect(await wb.getSelection()).toMatchObject({ sheet: SAMPLE_SHEET_NAME, address: `${rateColumn}4`, table: SAMPLE_TABLE_NAME, rowIndex: 2 });
    expect(heard).toHaveLength(1);
    await expect(wb.selectCell("No such sheet", "A1")).rejects.toThrow("The sheet 'No such sheet' was not found.");
  });

  test("over Excel the sheet is activated and the range selected, in one sync", async () => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS);
    excel.addTable("Elsewhere", 0, 0, "Other", ["Name"], [["x"]]);
    await excel.select("Elsewhere", "A2");
    const wb = new ExcelWorkbook(excel.host());
    excel.resetCounts();
    await expect(wb.selectCell("Quotes", `${rateColumn}5`)).resolves.toBe(true);
    expect(excel.activeCell()).toEqual({ sheet: "Quotes", address: `${rateColumn}5` });
    expect(excel.syncs).toBe(1);
    expect(await wb.getSelection()).toMatchObject({ sheet: "Quotes", table: "Vendors", rowIndex: 3 });
  });

  test("over Excel a sheet that is gone fails, and the selection stays where it was", async () => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS);
    await excel.select("Quotes", "B3");
    await expect(new ExcelWorkbook(excel.host()).selectCell("Gone", "A1")).rejects.toThrow(/ItemNotFound/);
    expect(excel.activeCell()).toEqual({ sheet: "Quotes", address: "B3" });
  });
});
