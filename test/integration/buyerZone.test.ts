// The buyer time zone is the workbook's setting, read from its assumptions sheet: the same
// workbook gives the same verdicts and totals whatever zone the computer running it is set to.
import { readBuyerTimeZone, setBuyerTimeZone } from "../../src/actions/buyerZone";
import { loadChecklist, setEngagementStartDate } from "../../src/actions/checklist";
import { evaluateTable } from "../../src/actions/evaluate";
import { insertExampleTable } from "../../src/actions/tables";
import { parseCli } from "../../src/cli/main";
import { ASSUMPTION_BY_KEY } from "../../src/model/assumptions";
import type { CellValue } from "../../src/model/types";
import { dateToExcelSerial } from "../../src/model/zones";
import { SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { MemoryWorkbook } from "../../src/workbook/memory";
import { ASSUMPTIONS_NAME, ASSUMPTIONS_SHEET, type WorkbookPort } from "../../src/workbook/port";
import { FakeExcel } from "./fakes/fakeExcel";

const today = { year: 2026, month: 3, day: 16 };
const ZONE_ROW = ASSUMPTION_BY_KEY.buyerTimeZone.name;
/**
 * Runs `work` on a "computer" set to `zone`: Intl's default zone, where the platform tells a
 * program the computer's zone, answers `zone`. (Jest gives each test file its own copy of
 * process.env, so setting TZ there would not reach Node's clock.)
 */
async function onComputerIn<T>(zone: string, work: () => Promise<T>): Promise<T> {
  const resolvedOptions = Intl.DateTimeFormat.prototype.resolvedOptions;
  const spy = jest.spyOn(Intl.DateTimeFormat.prototype, "resolvedOptions").mockImplementation(function (this: Intl.DateTimeFormat) {
    const own = resolvedOptions.call(this);
    // Only a formatter made without a zone of its own stands for the computer's.
    return own.timeZone === defaultZone ? { ...own, timeZone: zone } : own;
  });
  try {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
    return await work();
  } finally {
    spy.mockRestore();
  }
}
const defaultZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

async function sample(): Promise<{ wb: MemoryWorkbook; table: string }> {
  const wb = new MemoryWorkbook();
  const inserted = await insertExampleTable(wb);
  if (!inserted.ok) throw new Error(inserted.message);
  return { wb, table: inserted.table };
}

/** Total cost and Location fit of every sample row, as the evaluation computed them. */
async function results(port: WorkbookPort, table: string) {
  const outcome = await evaluateTable(port, table, { today });
  if (outcome.kind !== "done") throw new Error(outcome.message);
  return { zone: outcome.buyerTimeZone, rows: outcome.evaluations.map((e) => (e ? [e.cost.total, e.fit.verdict, e.fit.overlapHours] : null)) };
}

function zoneCell(wb: MemoryWorkbook): CellValue | undefined {
  for (let row = 1; row < 400; row++) if (wb.cell(ASSUMPTIONS_SHEET, `A${row}`)?.value === ZONE_ROW) return wb.cell(ASSUMPTIONS_SHEET, `B${row}`)?.value;
  return undefined;
}

describe("the buyer time zone is the workbook's, never the computer's", () => {
  test("a workbook whose sheet says New York evaluates the same on computers set to New York, UTC and Berlin", async () => {
    const runs = [];
    for (const computer of ["America/New_York", "UTC", "Europe/Berlin"]) {
      runs.push(
        await onComputerIn(computer, async () => {
          const { wb, table } = await sample();
          const set = await setBuyerTimeZone(wb, "America/New_York", { today });
          expect(set.kind).toBe("done");
          return results(wb, table);
        }),
      );
    }
    expect(runs[0].zone).toEqual({ zone: "America/New_York", from: "workbook", sheet: ASSUMPTIONS_SHEET });
    // The sample has vendors whose verdict depends on the buyer's zone, so equality means something.
    expect(runs[0].rows.some((r) => r && r[1] !== "Blocker")).toBe(true);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  test("a first evaluation with no zone given writes the assumption's default, not the computer's zone, and says so", async () => {
    const runs = [];
    for (const computer of ["America/New_York", "UTC", "Europe/Berlin"]) {
      runs.push(
        await onComputerIn(computer, async () => {
          const { wb, table } = await sample();
          const evaluated = await results(wb, table);
          return { ...evaluated, cell: zoneCell(wb) };
        }),
      );
    }
    expect(runs.map((r) => r.cell)).toEqual(["America/New_York", "America/New_York", "America/New_York"]);
    expect(runs[0].zone).toEqual({ zone: "America/New_York", from: "default", sheet: ASSUMPTIONS_SHEET });
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  test("the checklist of a workbook without an assumptions sheet reads the same on a computer in Berlin as in New York", async () => {
    const verdicts = [];
    for (const computer of ["America/New_York", "Europe/Berlin"]) {
      verdicts.push(
        await onComputerIn(computer, async () => {
          const { wb, table } = await sample();
          const loaded = await loadChecklist(wb, { table, rowIndex: 0, today });
          if (loaded.kind !== "ready") throw new Error(loaded.message);
          return [loaded.assumptions.buyerTimeZone, loaded.evaluation.fit.verdict, loaded.evaluation.fit.overlapHours];
        }),
      );
    }
    expect(verdicts[0][0]).toBe(ASSUMPTION_BY_KEY.buyerTimeZone.defaultValue);
    expect(verdicts[1]).toEqual(verdicts[0]);
  });

  test("the command line on a workbook of the user's takes no zone from the computer; --buyer-zone and the sample's zone stay", async () => {
    await onComputerIn("Europe/Berlin", async () => {
      const own = parseCli(["quotes.xlsx"]);
      expect(own !== "help" && own.buyerTimeZone).toBeUndefined();
      const given = parseCli(["quotes.xlsx", "--buyer-zone", "Kolkata"]);
      expect(given !== "help" && given.buyerTimeZone).toBe("Asia/Kolkata");
      const bundled = parseCli([]);
      expect(bundled !== "help" && bundled.buyerTimeZone).toBe("America/New_York");
    });
  });

  test("a zone the sheet holds wins over the one given to the evaluation; a blank zone cell takes the one given", async () => {
    const { wb, table } = await sample();
    await setBuyerTimeZone(wb, "Tokyo", { today });
    const kept = await evaluateTable(wb, table, { today, buyerTimeZone: "Europe/Berlin" });
    expect(kept.kind === "done" && kept.buyerTimeZone).toEqual({ zone: "Asia/Tokyo", from: "workbook", sheet: ASSUMPTIONS_SHEET });

    const zoneRow = (await wb.read({ sheets: [ASSUMPTIONS_SHEET] })).sheets[ASSUMPTIONS_SHEET]!.values.findIndex((r) => r[0] === ZONE_ROW);
    wb.setCells(ASSUMPTIONS_SHEET, `B${zoneRow + 1}`, [[null]]);
    expect(await readBuyerTimeZone(wb)).toEqual({ kind: "unset" });
    const filled = await evaluateTable(wb, table, { today, buyerTimeZone: "Europe/Berlin" });
    expect(filled.kind === "done" && filled.buyerTimeZone).toEqual({ zone: "Europe/Berlin", from: "option", sheet: ASSUMPTIONS_SHEET });
    expect(filled.kind === "done" && filled.assumptionsNote).toMatch(/wrote Europe\/Berlin in its blank 'Buyer time zone' cell/);
    expect(zoneCell(wb)).toBe("Europe/Berlin");
  });
});

describe("reading and changing the stored zone", () => {
  test("memory workbook: a workbook without the sheet has no zone; setting one creates the sheet and the name, and reads back", async () => {
    const { wb } = await sample();
    expect(await readBuyerTimeZone(wb)).toEqual({ kind: "unset" });
    const set = await setBuyerTimeZone(wb, "Kolkata", { today });
    expect(set).toMatchObject({ kind: "done", zone: "Asia/Kolkata" });
    expect(await readBuyerTimeZone(wb)).toEqual({ kind: "set", zone: "Asia/Kolkata", text: "Asia/Kolkata", sheet: "Offshore assumptions" });
    const read = await wb.read({ names: [ASSUMPTIONS_NAME] });
    expect(read.names[ASSUMPTIONS_NAME]).toBeDefined();

    const changed = await setBuyerTimeZone(wb, "UTC+5:30");
    expect(changed).toMatchObject({ kind: "done", zone: "UTC+05:30" });
    expect(await readBuyerTimeZone(wb)).toEqual({ kind: "set", zone: "UTC+05:30", text: "UTC+05:30", sheet: "Offshore assumptions" });
  });

  test("a zone that is no zone is refused with what was typed and examples, and nothing is written", async () => {
    const { wb } = await sample();
    const before = wb.snapshot();
    const refused = await setBuyerTimeZone(wb, "Atlantis");
    expect(refused.kind).toBe("refused");
    expect(refused.kind === "refused" && refused.message).toMatch(/'Atlantis'.*Asia\/Kolkata/);
    expect(wb.snapshot()).toEqual(before);
  });

  test("a zone cell the buyer filled with text that is no zone reads as invalid, naming it", async () => {
    const { wb } = await sample();
    await setBuyerTimeZone(wb, "Europe/Berlin", { today });
    const zoneRow = (await wb.read({ sheets: [ASSUMPTIONS_SHEET] })).sheets[ASSUMPTIONS_SHEET]!.values.findIndex((r) => r[0] === ZONE_ROW);
    wb.setCells(ASSUMPTIONS_SHEET, `B${zoneRow + 1}`, [["Head office"]]);
    expect(await readBuyerTimeZone(wb)).toMatchObject({ kind: "invalid", text: "Head office", message: expect.stringMatching(/'Head office'/) });
  });

  test("Excel adapter: the zone set through Office.js is on the sheet as text, reads back, and the next evaluation measures from it", async () => {
    const excel = new FakeExcel();
    excel.addTable("Quotes", 0, 0, "Vendors", SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS.slice(0, 4));
    const port = new ExcelWorkbook(excel.host());
    expect(await readBuyerTimeZone(port)).toEqual({ kind: "unset" });
    expect(await setBuyerTimeZone(port, "Kolkata", { today })).toMatchObject({ kind: "done", zone: "Asia/Kolkata" });
    expect(await readBuyerTimeZone(new ExcelWorkbook(excel.host()))).toEqual({ kind: "set", zone: "Asia/Kolkata", text: "Asia/Kolkata", sheet: "Offshore assumptions" });
    // A zone written as an offset starts with no sign, but is text all the same.
    expect(await setBuyerTimeZone(port, "UTC-3")).toMatchObject({ kind: "done", zone: "UTC-03:00" });
    const cells = [...excel.snapshot().entries()].filter(([address]) => address.startsWith(`${ASSUMPTIONS_SHEET}!B`));
    expect(cells.some(([, cell]) => cell.value === "UTC-03:00" && !cell.formula)).toBe(true);
    const outcome = await evaluateTable(new ExcelWorkbook(excel.host()), "Vendors", { today, buyerTimeZone: "Europe/Berlin" });
    expect(outcome.kind === "done" && outcome.buyerTimeZone).toEqual({ zone: "UTC-03:00", from: "workbook", sheet: ASSUMPTIONS_SHEET });
  });
});

describe("a sheet of the user's under the assumptions sheet's name", () => {
  test("keeps its cells when the pane sets the buyer time zone and the engagement start date; both land on the add-in's sheet, which evaluation reads", async () => {
    const { wb, table } = await sample();
    wb.addSheet(ASSUMPTIONS_SHEET).setCells(ASSUMPTIONS_SHEET, "A1", [["Budget notes", "Q3"], ["Travel", 12000]]);
    const theirs = () => [...wb.snapshot().entries()].filter(([address]) => address.startsWith(`${ASSUMPTIONS_SHEET}!`));
    const before = theirs();

    const set = await setBuyerTimeZone(wb, "Kolkata", { today });
    expect(set).toMatchObject({ kind: "done", zone: "Asia/Kolkata" });
    expect(set.kind === "done" && set.sheet).not.toBe(ASSUMPTIONS_SHEET);
    const ours = set.kind === "done" ? set.sheet : "";
    expect(set.kind === "done" && set.message).toContain(`'${ours}'`);
    expect(await readBuyerTimeZone(wb)).toEqual({ kind: "set", zone: "Asia/Kolkata", text: "Asia/Kolkata", sheet: ours });
    expect((await wb.read({ names: [ASSUMPTIONS_NAME] })).names[ASSUMPTIONS_NAME]?.sheet).toBe(ours);

    const started = await setEngagementStartDate(wb, { year: 2026, month: 5, day: 4 });
    expect(started).toEqual({ kind: "done", message: `Engagement start date set on '${ours}'.` });
    const values = (await wb.read({ sheets: [ours] })).sheets[ours]!.values;
    const startRow = values.find((r) => r[0] === ASSUMPTION_BY_KEY.engagementStartDate.name);
    expect(startRow?.[1]).toBe(dateToExcelSerial({ year: 2026, month: 5, day: 4 }));
    expect(values.find((r) => r[0] === ZONE_ROW)?.[1]).toBe("Asia/Kolkata");

    expect(theirs()).toEqual(before);
    const outcome = await evaluateTable(wb, table, { today, buyerTimeZone: "Europe/Berlin" });
    expect(outcome.kind === "done" && outcome.buyerTimeZone).toEqual({ zone: "Asia/Kolkata", from: "workbook", sheet: ours });
    expect(theirs()).toEqual(before);
  });

  // Before any evaluation there is no assumptions sheet: the message names the one evaluation will add.
  test("with no assumptions sheet yet, setting the engagement start date names the sheet evaluation will add, not the user's", async () => {
    const { wb, table } = await sample();
    wb.addSheet(ASSUMPTIONS_SHEET).setCells(ASSUMPTIONS_SHEET, "A1", [["Budget notes", "Q3"]]);
    const started = await setEngagementStartDate(wb, { year: 2026, month: 5, day: 4 });
    expect(started.kind).toBe("refused");
    expect(started.message).toContain(`'${ASSUMPTIONS_SHEET} (2)'`);
    expect(started.message).not.toContain(`'${ASSUMPTIONS_SHEET}'`);
    const outcome = await evaluateTable(wb, table, { today, buyerTimeZone: "Europe/Berlin" });
    expect(outcome.kind === "done" && outcome.buyerTimeZone.sheet).toBe(`${ASSUMPTIONS_SHEET} (2)`);
  });

  test("with every name an assumptions sheet may take held by the user's sheets, the engagement start date says so instead of naming a sheet to be created", async () => {
    const { wb, table } = await sample();
    const names = [ASSUMPTIONS_SHEET, ...Array.from({ length: 8 }, (_, i) => `${ASSUMPTIONS_SHEET} (${i + 2})`)];
    for (const name of names) wb.addSheet(name).setCells(name, "A1", [["Budget notes", "Q3"]]);
    const started = await setEngagementStartDate(wb, { year: 2026, month: 5, day: 4 });
    expect(started.kind).toBe("refused");
    expect(started.message).not.toMatch(/There is no assumptions sheet/);
    expect(started.message).toContain(`'${names[0]}' to '${names[names.length - 1]}' exist`);
    // Evaluation refuses alike: there is no free name to create the sheet under.
    const outcome = await evaluateTable(wb, table, { today, buyerTimeZone: "Europe/Berlin" });
    expect(outcome.kind === "refused" && outcome.message).toContain(`'${names[0]}' to '${names[names.length - 1]}' exist`);
  });
});
