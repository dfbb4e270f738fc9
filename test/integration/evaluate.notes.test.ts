// A legal but implausible input value (a rate that is a date serial, a zero rate or zero hours)
// is a warning in the pane and a note on its cell, over the Office.js adapter where the host
// has notes (ExcelApi 1.18, "Work with notes using the Excel JavaScript API"); see the fake for
// the notes API it models. Before 1.18 the pane's warnings are all there is.
import { evaluateTable } from "../../src/actions/evaluate";
import { INPUT_NOTE_PREFIX } from "../../src/actions/inputNotes";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { cellAddress } from "../../src/workbook/address";
import { ExcelWorkbook } from "../../src/workbook/excel";
import type { CellValue } from "../../src/model/types";
import { FakeExcel } from "./fakes/fakeExcel";

const options = { today: { year: 2026, month: 3, day: 16 }, buyerTimeZone: "America/Chicago" };
const RATE = SAMPLE_VENDOR_HEADERS.indexOf("Hourly rate");
const HOURS = SAMPLE_VENDOR_HEADERS.indexOf("Hours");
// The table's header row is sheet row 1 (index 0), so data row n (1-based) is sheet row n + 1.
const rateCell = (tableRow: number) => cellAddress(tableRow, RATE);
const hoursCell = (tableRow: number) => cellAddress(tableRow, HOURS);

/** The sample, with a date serial (2024-01-15) as row 2's rate and zero hours in row 4. */
function doubtfulRows(): CellValue[][] {
  const rows = SAMPLE_VENDOR_ROWS.map((r) => [...r]) as CellValue[][];
  rows[1][RATE] = 45306;
  rows[3][HOURS] = 0;
  return rows;
}

function fakeWith(rows: CellValue[][], apiMinor = 20): FakeExcel {
  const excel = new FakeExcel();
  excel.apiMinor = apiMinor;
  excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, rows);
  return excel;
}

/** Every note on the sheet, by address. */
function notesOf(excel: FakeExcel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of excel.sheet("Quotes").notes ?? []) {
    const [row, column] = key.split(",").map(Number);
    out[cellAddress(row, column)] = text;
  }
  return out;
}

async function evaluate(excel: FakeExcel) {
  const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", options);
  if (outcome.kind !== "done") throw new Error(outcome.message);
  return outcome;
}

describe("notes on doubtful input cells over Excel", () => {
  test("each doubtful cell gets one note saying what the pane says, and no other cell gets one", async () => {
    const excel = fakeWith(doubtfulRows());
    const outcome = await evaluate(excel);
    const dateWarning = outcome.warnings.find((w) => /looks like a date \(2024-01-15\)/.test(w));
    const hoursWarning = outcome.warnings.find((w) => /Hours is 0/.test(w));
    expect(dateWarning).toBeDefined();
    expect(hoursWarning).toBeDefined();
    expect(notesOf(excel)).toEqual({ [rateCell(2)]: `${INPUT_NOTE_PREFIX}${dateWarning}`, [hoursCell(4)]: `${INPUT_NOTE_PREFIX}${hoursWarning}` });
  });

  test("evaluating again adds no second note, keeps the same ones, and within the usual round trips", async () => {
    const excel = fakeWith(doubtfulRows());
    await evaluate(excel);
    const first = notesOf(excel);
    excel.resetCounts();
    await evaluate(excel);
    expect(notesOf(excel)).toEqual(first);
    expect(excel.syncs).toBeLessThanOrEqual(4);
  });

  test("a corrected value loses its note; a value that became doubtful gets one", async () => {
    const excel = fakeWith(doubtfulRows());
    await evaluate(excel);
    excel.sheet("Quotes").cells.set(`2,${RATE}`, { value: 41 });
    excel.sheet("Quotes").cells.set(`5,${HOURS}`, { value: 0 });
    const outcome = await evaluate(excel);
    const hours = outcome.warnings.filter((w) => /Hours is 0/.test(w));
    expect(Object.keys(notesOf(excel)).sort()).toEqual([hoursCell(4), hoursCell(5)].sort());
    // Warnings name sheet rows: table row 5 is sheet row 6.
    expect(hours).toHaveLength(2);
    expect(notesOf(excel)[hoursCell(5)]).toBe(`${INPUT_NOTE_PREFIX}${hours.find((w) => w.startsWith("Row 6:"))}`);
  });

  test("a note of the user's on a doubtful cell is left as it is, and the warnings say the add-in's was not added there", async () => {
    const excel = fakeWith(doubtfulRows());
    excel.setNote("Quotes", rateCell(2), "Quoted per day; to convert");
    excel.setNote("Quotes", rateCell(3), "Asked for a discount");
    const outcome = await evaluate(excel);
    expect(excel.note("Quotes", rateCell(2))).toBe("Quoted per day; to convert");
    expect(excel.note("Quotes", rateCell(3))).toBe("Asked for a discount");
    expect(excel.note("Quotes", hoursCell(4))).toMatch(new RegExp(`^${INPUT_NOTE_PREFIX}`));
    const said = outcome.warnings.filter((w) => w.includes(`The cell ${rateCell(2)} on 'Quotes'`));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/has a note of yours, so the add-in's warning was not added to it: .*looks like a date/);
    // Evaluating again changes neither note, nor says more than once.
    const again = await evaluate(excel);
    expect(excel.note("Quotes", rateCell(2))).toBe("Quoted per day; to convert");
    expect(again.warnings.filter((w) => w.includes(`The cell ${rateCell(2)} on 'Quotes'`))).toHaveLength(1);
  });

  test("without ExcelApi 1.18 no note is read or written; the warnings are all there is, and evaluation succeeds", async () => {
    const excel = fakeWith(doubtfulRows(), 17);
    const outcome = await evaluate(excel);
    expect(outcome.warnings.some((w) => /looks like a date/.test(w))).toBe(true);
    expect(notesOf(excel)).toEqual({});
  });
});

describe("the Excel fake's notes, as Microsoft documents them", () => {
  test("add takes one cell, getItem of a cell without a note fails the sync, content and delete work, and an old host has no notes", async () => {
    const excel = fakeWith(doubtfulRows());
    const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => excel.host().run(batch);
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Quotes");
      sheet.notes.add(sheet.getRange("A2"), "first");
      await context.sync();
    });
    expect(excel.note("Quotes", "A2")).toBe("first");
    await expect(run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Quotes");
      sheet.notes.add(sheet.getRange("A2:B2"), "two cells");
      await context.sync();
    })).rejects.toThrow(/InvalidCellAddress/);
    await expect(run(async (context) => {
      context.workbook.worksheets.getItem("Quotes").notes.getItem("C9").delete();
      await context.sync();
    })).rejects.toThrow(/ItemNotFound/);
    const listed = await run(async (context) => {
      const notes = context.workbook.worksheets.getItem("Quotes").notes.load("items/content");
      await context.sync();
      const where = notes.items.map((n) => ({ text: n.content, cell: n.getLocation().load("address") }));
      await context.sync();
      return where.map((w) => [w.cell.address, w.text]);
    });
    expect(listed).toEqual([["Quotes!A2", "first"]]);
    await run(async (context) => {
      const notes = context.workbook.worksheets.getItem("Quotes").notes;
      notes.getItem("A2").content = "changed";
      await context.sync();
    });
    expect(excel.note("Quotes", "A2")).toBe("changed");
    await run(async (context) => {
      context.workbook.worksheets.getItem("Quotes").notes.getItem("A2").delete();
      await context.sync();
    });
    expect(excel.note("Quotes", "A2")).toBeUndefined();
    excel.apiMinor = 17;
    await expect(run(async (context) => {
      context.workbook.worksheets.getItem("Quotes").notes.load("items");
      await context.sync();
    })).rejects.toThrow(/ApiNotFound/);
  });
});
