// The checklist of the selected vendor option names the three assumptions that move its total
// most (model/sensitivity.ts's tornado), in the reporting currency, each with its value cell on the
// assumptions sheet the OffshoreAssumptions name points at, and "Go to cell" lands there.
import { evaluateTable } from "../../src/actions/evaluate";
import { loadChecklist, type ChecklistLoad } from "../../src/actions/checklist";
import { formatAmount } from "../../src/model/results";
import { dateToExcelSerial, evaluateOption, mapHeaders, parseAssumptions, readRow, sensitivity, sensitivitySentence, type Assumptions, type VendorRow } from "../../src/model";
import { RATE_CARD_HEADERS, RATE_CARD_ROWS, RATE_CARD_SHEET_NAME, RATE_CARD_TABLE_NAME } from "../../src/sample/rateCard";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { ASSUMPTIONS_NAME, ASSUMPTIONS_SHEET, type WorkbookPort } from "../../src/workbook/port";
import { FakeExcel } from "./fakes/fakeExcel";

const today = { year: 2026, month: 3, day: 16 };
const zone = "America/New_York";
const options = { today, buyerTimeZone: zone };
const MOVED = `${ASSUMPTIONS_SHEET} (2)`;

function defaults(): Assumptions {
  const parsed = parseAssumptions([["Buyer time zone", zone], ["Reference date", dateToExcelSerial(today)]], today);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

function modelRow(headers: readonly string[], cells: readonly unknown[], a: Assumptions): VendorRow {
  const read = readRow(cells as never, mapHeaders([...headers]), a);
  if (read === null || !read.ok) throw new Error("row did not read");
  return read.value;
}

function ready(load: ChecklistLoad) {
  if (load.kind !== "ready") throw new Error(`expected a checklist, got ${load.kind}: ${"message" in load ? load.message : ""}`);
  return load;
}

/** The sheet row whose column A names `name`, on the sheet as the workbook holds it. */
async function rowNaming(port: WorkbookPort, sheet: string, name: string): Promise<number> {
  const values = (await port.read({ sheets: [sheet] })).sheets[sheet]!.values;
  return values.findIndex((r) => String(r[0]).toLowerCase() === name.toLowerCase()) + 1;
}

describe("the assumptions that move the selected vendor's total most", () => {
  test("are the model's top three by swing, with the buyer's sentence, amounts in the reporting currency and each one's value cell", async () => {
    const wb = new MemoryWorkbook().addSheet(SAMPLE_SHEET_NAME);
    await wb.apply([{ kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: SAMPLE_TABLE_NAME, headers: [...SAMPLE_VENDOR_HEADERS], rows: SAMPLE_VENDOR_ROWS.map((r) => r.map((c) => c ?? null)) }]);
    const evaluated = await evaluateTable(wb, SAMPLE_TABLE_NAME, options);
    if (evaluated.kind !== "done") throw new Error(evaluated.message);
    const a = defaults();
    for (const rowIndex of [0, 3]) {
      const loaded = ready(await loadChecklist(wb, { table: SAMPLE_TABLE_NAME, rowIndex, today }));
      const bars = sensitivity(modelRow(SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS[rowIndex], a), a);
      const usd = (x: number) => formatAmount(x, { symbol: "USD", from: "rates" });
      expect(loaded.sensitivity.sentence).toBe(sensitivitySentence(bars, usd));
      expect(loaded.sensitivity.sentence).toMatch(/^The total is most sensitive to .+; if it is at its high end, the total is USD [\d,]+\.$/);
      expect(loaded.sensitivity.levers.map((l) => l.name)).toEqual(bars.slice(0, 3).map((b) => b.name));
      expect(loaded.sensitivity.levers).toHaveLength(3);
      for (const [i, lever] of loaded.sensitivity.levers.entries()) {
        expect(lever.swing).toBeCloseTo(bars[i].swing, 6);
        expect(lever.totalAtLow).toBeLessThanOrEqual(loaded.evaluation.cost.total + 1e-6);
        expect(lever.totalAtHigh).toBeGreaterThanOrEqual(loaded.evaluation.cost.total - 1e-6);
        expect(lever.swingText).toBe(usd(bars[i].swing));
        // Attrition's range is the Default attrition assumption's.
        const sheetName = lever.name === "Attrition" ? "Default attrition" : lever.name;
        expect(lever.cell).toEqual({ sheet: ASSUMPTIONS_SHEET, address: `B${await rowNaming(wb, ASSUMPTIONS_SHEET, sheetName)}` });
      }
      // Largest swing first.
      const swings = loaded.sensitivity.levers.map((l) => l.swing);
      expect([...swings].sort((x, y) => y - x)).toEqual(swings);
    }
    // Staff augmentation's governance default is the top of its range: the sentence gives the low end.
    const staffAugmentation = SAMPLE_VENDOR_ROWS.findIndex((r) => r[SAMPLE_VENDOR_HEADERS.indexOf("Engagement model")] === "Staff augmentation");
    const loaded = ready(await loadChecklist(wb, { table: SAMPLE_TABLE_NAME, rowIndex: staffAugmentation, today }));
    expect(loaded.sensitivity.levers[0].totalAtHigh).toBeCloseTo(loaded.evaluation.cost.total, 6);
    expect(loaded.sensitivity.sentence).toBe(
      `The total is most sensitive to ${loaded.sensitivity.levers[0].name}, which is already at the high end of its range; at its low end, the total is ${loaded.sensitivity.levers[0].lowText}.`,
    );
  });

  test("before the table is calculated there is no assumptions sheet: the defaults' levers have no cell", async () => {
    const wb = new MemoryWorkbook().addSheet(SAMPLE_SHEET_NAME);
    await wb.apply([{ kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: SAMPLE_TABLE_NAME, headers: [...SAMPLE_VENDOR_HEADERS], rows: SAMPLE_VENDOR_ROWS.map((r) => r.map((c) => c ?? null)) }]);
    const loaded = ready(await loadChecklist(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today }));
    expect(loaded.sensitivity.levers.length).toBeGreaterThan(0);
    expect(loaded.sensitivity.levers.every((l) => l.cell === null)).toBe(true);
  });

  test("in a rate card they are the vendor option's: all its roles together, whichever of its rows is selected", async () => {
    const wb = new MemoryWorkbook().addSheet(RATE_CARD_SHEET_NAME);
    await wb.apply([{ kind: "createTable", sheet: RATE_CARD_SHEET_NAME, address: "A1", name: RATE_CARD_TABLE_NAME, headers: [...RATE_CARD_HEADERS], rows: RATE_CARD_ROWS.map((r) => r.map((c) => c ?? null)) }]);
    const evaluated = await evaluateTable(wb, RATE_CARD_TABLE_NAME, options);
    if (evaluated.kind !== "done") throw new Error(evaluated.message);
    const a = defaults();
    const option = evaluateOption(RATE_CARD_ROWS.slice(4, 8).map((cells) => modelRow(RATE_CARD_HEADERS, cells, a)), a).evaluation;
    const bars = sensitivity(option.row, a);
    for (const rowIndex of [4, 7]) {
      const loaded = ready(await loadChecklist(wb, { table: RATE_CARD_TABLE_NAME, rowIndex, today }));
      expect(loaded.sensitivity.levers.map((l) => l.totalAtHigh)).toEqual(bars.slice(0, 3).map((b) => b.totalAtHigh));
      // The option's total lies inside each bar: a single role's would be far below.
      for (const lever of loaded.sensitivity.levers) expect(lever.totalAtHigh).toBeGreaterThanOrEqual(option.cost.total - 1e-6);
    }
  });

  test("the selection moved to an assumption's cell keeps the vendor on screen, read again with the changed value", async () => {
    const wb = new MemoryWorkbook().addSheet(SAMPLE_SHEET_NAME);
    await wb.apply([{ kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: SAMPLE_TABLE_NAME, headers: [...SAMPLE_VENDOR_HEADERS], rows: SAMPLE_VENDOR_ROWS.map((r) => r.map((c) => c ?? null)) }]);
    await evaluateTable(wb, SAMPLE_TABLE_NAME, options);
    wb.select(SAMPLE_SHEET_NAME, "B3");
    const first = ready(await loadChecklist(wb, { today }));
    const lever = first.sensitivity.levers.find((l) => l.name !== "Attrition")!;
    const { sheet, address } = lever.cell!;
    await wb.selectCell(sheet, address);
    expect(await loadChecklist(wb, { today })).toMatchObject({ kind: "none" });
    // The buyer raises the assumption there: every cost line grows with it.
    const value = (await wb.read({ sheets: [sheet] })).sheets[sheet]!.values[Number(address.slice(1)) - 1][1] as number;
    wb.setCells(sheet, address, [[value * 2]]);
    const kept = ready(await loadChecklist(wb, { today, whileOutside: { table: first.table, rowIndex: first.rowIndex } }));
    expect(kept.checklist.header.vendor).toBe(first.checklist.header.vendor);
    expect(kept.evaluation.cost.total).toBeGreaterThan(first.evaluation.cost.total);
    // Back in the table, the selection decides again.
    wb.select(SAMPLE_SHEET_NAME, "B5");
    expect(ready(await loadChecklist(wb, { today, whileOutside: { table: first.table, rowIndex: first.rowIndex } })).rowIndex).toBe(3);
  });

  test("over Excel, beside a sheet of the user's holding the usual name, the cells are on the sheet the defined name points at, and Go to cell selects there", async () => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS);
    excel.sheet(ASSUMPTIONS_SHEET).cells.set("0,0", { value: "My own notes" });
    const port = new ExcelWorkbook(excel.host());
    const evaluated = await evaluateTable(port, SAMPLE_TABLE_NAME, options);
    if (evaluated.kind !== "done") throw new Error(evaluated.message);
    expect(excel.names.get(ASSUMPTIONS_NAME.toLowerCase())).toMatchObject({ sheet: MOVED });
    await excel.select("Quotes", "C4");
    const loaded = ready(await loadChecklist(port, { today }));
    expect(loaded.rowIndex).toBe(2);
    expect(loaded.sensitivity.levers).toHaveLength(3);
    for (const lever of loaded.sensitivity.levers) {
      expect(lever.cell?.sheet).toBe(MOVED);
      const sheetName = lever.name === "Attrition" ? "Default attrition" : lever.name;
      expect(excel.cell(MOVED, `A${lever.cell!.address.slice(1)}`)?.value).toBe(sheetName);
    }
    const top = loaded.sensitivity.levers[0].cell!;
    await expect(port.selectCell(top.sheet, top.address)).resolves.toBe(true);
    expect(excel.activeCell()).toEqual({ sheet: MOVED, address: top.address });
  });
});
