import { checklistSheetName, insertChecklistSheet, loadChecklist, planChecklistSheet } from "../../src/actions/checklist";
import { SAMPLE_SHEET_NAME, SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { MemoryWorkbook } from "../../src/workbook/memory";
import fc from "fast-check";
import { LEVELS, SENSITIVITIES, type CellValue } from "../../src/model/types";
import { columnLetters } from "../../src/workbook/address";
import { blockRows } from "../../src/workbook/port";

const TODAY = { year: 2026, month: 3, day: 20 };
const headers = [...SAMPLE_VENDOR_HEADERS] as string[];
const col = (h: string) => headers.indexOf(h);

async function workbookWith(rows: readonly (readonly CellValue[])[] = SAMPLE_VENDOR_ROWS): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await wb.apply([
    { kind: "ensureSheet", sheet: SAMPLE_SHEET_NAME, activate: true },
    { kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: SAMPLE_TABLE_NAME, headers, rows: rows.map((r) => r.map((c) => c ?? null)) },
  ]);
  return wb;
}

/** Finds the row whose column A reads `label` below the section titled `section`. */
function rowOf(wb: MemoryWorkbook, sheet: string, section: string, label: string): number {
  let inSection = false;
  for (let r = 1; r < 200; r++) {
    const a = wb.cell(sheet, `A${r}`)?.value;
    if (a === section) inSection = true;
    else if (inSection && a === label) return r;
  }
  throw new Error(`'${label}' not found under '${section}' on '${sheet}'`);
}

const vendorOf = (rowIndex: number) => String(SAMPLE_VENDOR_ROWS[rowIndex][col("Vendor")]);

describe("checklist of the selected row over the memory workbook", () => {
  test("follows the selection: the selected table row's vendor is evaluated through the model", async () => {
    const wb = await workbookWith();
    wb.select(SAMPLE_SHEET_NAME, "C4");
    const loaded = await loadChecklist(wb, { today: TODAY });
    expect(loaded.kind).toBe("ready");
    if (loaded.kind !== "ready") return;
    expect(loaded.rowIndex).toBe(2);
    expect(loaded.checklist.header.vendor).toBe(vendorOf(2));
    expect(loaded.checklist.header.totalCost).toBeGreaterThan(0);
    expect(loaded.sheetExists).toBe(false);
  });

  test("outside the table there is nothing to show, with a message saying what to select", async () => {
    const wb = await workbookWith();
    wb.select(SAMPLE_SHEET_NAME, "Z40");
    const loaded = await loadChecklist(wb);
    expect(loaded).toEqual({ kind: "none", message: expect.stringMatching(/Select a vendor row/) });
  });

  test("a row the model refuses gives its error with the row number; a bad rate alone still leaves the parts that need no cost", async () => {
    const rows = SAMPLE_VENDOR_ROWS.map((r) => [...r]);
    rows[1][col("Hourly rate")] = "TBD";
    const wb = await workbookWith(rows);
    const loaded = await loadChecklist(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 1 });
    expect(loaded.kind).toBe("partial");
    // The sheet's row number (the table's header is on row 1), as Excel and the calculation name it, with the vendor.
    if (loaded.kind === "partial") expect(loaded.message).toMatch(new RegExp(`^Row 3 \\(${vendorOf(1).replace(/[().]/g, "\\$&")}\\) of the table '${SAMPLE_TABLE_NAME}': Hourly rate.*TBD`));
    rows[1][col("Pricing model")] = "Whatever works";
    const refused = await loadChecklist(await workbookWith(rows), { table: SAMPLE_TABLE_NAME, rowIndex: 1 });
    expect(refused.kind).toBe("error");
    if (refused.kind === "error") expect(refused.message).toMatch(/^Row 3 /);
  });

  test("inserting makes a sheet per vendor with owners, checks, mitigations, pilot plan, date and source", async () => {
    const wb = await workbookWith();
    const outcome = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY, ownerNames: { scope: "Ana" } });
    expect(outcome.kind).toBe("done");
    if (outcome.kind !== "done") return;
    const sheet = outcome.sheet;
    expect(sheet).toBe(checklistSheetName(vendorOf(0), 0));
    expect(wb.cell(sheet, "B1")?.value).toBe(vendorOf(0));
    expect(wb.cell(sheet, "B2")?.value).toBe("2026-03-20");
    expect(wb.cell(sheet, "B3")?.value).toBe(SAMPLE_TABLE_NAME);
    expect(wb.cell(sheet, "C3")?.value).toBe("data row 1");
    const scope = rowOf(wb, sheet, "Governance owners", "Scope owner");
    expect(wb.cell(sheet, `B${scope}`)?.value).toBe("Ana");
    expect(wb.cell(sheet, `C${scope + 1}`)?.value).toBe("Name missing");
    const location = rowOf(wb, sheet, "Readiness checks", "Location fit");
    expect(["Ready", "Verify", "Blocker"]).toContain(wb.cell(sheet, `B${location}`)?.value);
    expect(rowOf(wb, sheet, "Pilot plan", "7. Review before scaling")).toBeGreaterThan(location);
    expect(outcome.checklist.mitigations.length).toBeGreaterThan(0);
    rowOf(wb, sheet, "Mitigations for the top risks", outcome.checklist.mitigations[0].risk);
    // The all-in rate to the cent: 53.35 once showed as 53.
    const rate = outcome.checklist.header.effectiveHourlyRate;
    expect(rate * 100).not.toBeCloseTo(Math.round(rate) * 100, 0);
    expect(wb.cell(sheet, `C${rowOf(wb, sheet, "Engagement", "Total cost")}`)?.value).toBe(`${rate.toFixed(2)} per hour all-in`);
  });

  test("running again refreshes generated parts in place and keeps every owner name, answer, tick and note typed on the sheet", async () => {
    const wb = await workbookWith();
    const first = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 1, today: TODAY });
    if (first.kind !== "done") throw new Error(first.message);
    const sheet = first.sheet;
    const owners = rowOf(wb, sheet, "Governance owners", "Scope owner");
    const maturity = rowOf(wb, sheet, "Readiness checks", "Provider maturity");
    const step1 = rowOf(wb, sheet, "Pilot plan", "1. One workstream");
    // The buyer types on the sheet: names, an answer, ticks, notes (one a formula), and text beside the checklist.
    wb.setCells(sheet, `B${owners}`, [["Ana Silva"], ["Ben Okafor"]]);
    wb.setCells(sheet, `B${maturity}`, [["Ready"]]);
    wb.setCells(sheet, `F${step1}`, [["x"]]);
    wb.setCells(sheet, `G${step1}`, [["Kick-off 3 April"]]);
    wb.setCells(sheet, `G${owners}`, [["=1+1"]]);
    wb.setCells(sheet, "J5", [["my own cell"]]);
    // The row changes: a higher rate, so the generated total moves.
    wb.setCells(SAMPLE_SHEET_NAME, `${String.fromCharCode(65 + col("Hourly rate"))}3`, [[999]]);
    const totalBefore = first.checklist.header.totalCost;

    const second = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 1, today: { year: 2026, month: 4, day: 1 } });
    if (second.kind !== "done") throw new Error(second.message);
    expect(second.sheet).toBe(sheet);
    expect(second.created).toBe(false);
    expect(second.checklist.header.totalCost).toBeGreaterThan(totalBefore);
    expect(wb.cell(sheet, "B2")?.value).toBe("2026-04-01");
    expect(wb.cell(sheet, `B${owners}`)?.value).toBe("Ana Silva");
    expect(wb.cell(sheet, `B${owners + 1}`)?.value).toBe("Ben Okafor");
    expect(wb.cell(sheet, `C${owners}`)?.value).toBe("Named");
    expect(wb.cell(sheet, `B${maturity}`)?.value).toBe("Ready");
    expect(wb.cell(sheet, `C${maturity}`)?.value).toBe("Your answer");
    expect(wb.cell(sheet, `F${step1}`)?.value).toBe("x");
    expect(wb.cell(sheet, `G${step1}`)?.value).toBe("Kick-off 3 April");
    expect(wb.cell(sheet, `G${owners}`)?.formula).toBe("=1+1");
    expect(wb.cell(sheet, "J5")?.value).toBe("my own cell");
    expect(second.keptCells).toBe(6);
    const internal = second.checklist.checks.find((c) => c.key === "internalOwnership")!;
    expect(internal.reason).not.toMatch(/scope owner|delivery owner/);
    expect(second.checklist.checks.find((c) => c.key === "providerMaturity")!.status).toBe("Ready");
  });

  test("a note on an item that disappears is kept in a block of its own, not dropped", async () => {
    const rows = SAMPLE_VENDOR_ROWS.map((r) => [...r]);
    const index = rows.findIndex((r) => r[col("Data sensitivity")] === "Confidential");
    const wb = await workbookWith(rows);
    const first = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: index, today: TODAY });
    if (first.kind !== "done") throw new Error(first.message);
    const rule = rowOf(wb, first.sheet, "Security and access rules before onboarding", "Monitoring");
    wb.setCells(first.sheet, `G${rule}`, [["SIEM access agreed"]]);
    // The data is reclassified: the security rules no longer apply.
    wb.setCells(SAMPLE_SHEET_NAME, `${String.fromCharCode(65 + col("Data sensitivity"))}${index + 2}`, [["Public"]]);
    const second = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: index, today: TODAY });
    if (second.kind !== "done") throw new Error(second.message);
    expect(second.checklist.securityRules).toEqual([]);
    const kept = rowOf(wb, first.sheet, "Kept from earlier versions of this sheet", "Security and access rules before onboarding: Monitoring");
    expect(wb.cell(first.sheet, `G${kept}`)?.value).toBe("SIEM access agreed");
    // Nothing of the old rule's generated text is left behind.
    const values = [...wb.snapshot().entries()].filter(([k]) => k.startsWith(`${first.sheet}!`)).map(([, v]) => String(v.value));
    expect(values.some((v) => v.startsWith("Log and monitor"))).toBe(false);
    // And a third run keeps the kept note where it is.
    const third = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: index, today: TODAY });
    expect(third.kind).toBe("done");
    expect(wb.cell(first.sheet, `G${kept}`)?.value).toBe("SIEM access agreed");
  });

  test("names typed on the sheet win over the pane's; the pane fills the names the sheet lacks", async () => {
    const wb = await workbookWith();
    const first = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (first.kind !== "done") throw new Error(first.message);
    const scope = rowOf(wb, first.sheet, "Governance owners", "Scope owner");
    wb.setCells(first.sheet, `B${scope}`, [["Sheet Name"]]);
    await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY, ownerNames: { scope: "Pane Name", quality: "Quinn" }, answers: { scalePath: "Blocker" } });
    expect(wb.cell(first.sheet, `B${scope}`)?.value).toBe("Sheet Name");
    expect(wb.cell(first.sheet, `B${rowOf(wb, first.sheet, "Governance owners", "Quality owner")}`)?.value).toBe("Quinn");
    expect(wb.cell(first.sheet, `B${rowOf(wb, first.sheet, "Readiness checks", "Scale path")}`)?.value).toBe("Blocker");
    const loaded = await loadChecklist(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (loaded.kind !== "ready") throw new Error("not ready");
    expect(loaded.sheetExists).toBe(true);
    expect(loaded.ownerNames).toMatchObject({ scope: "Sheet Name", quality: "Quinn" });
    expect(loaded.answers).toEqual({ scalePath: "Blocker" });
  });

  test("formula-looking text from the workbook is written as text, never as a formula", async () => {
    const rows = SAMPLE_VENDOR_ROWS.map((r) => [...r]);
    rows[0][col("Vendor")] = '=HYPERLINK("http://x","y")';
    rows[1][col("Vendor")] = "+cmd";
    rows[1][col("Scope")] = "=1+2";
    const wb = new MemoryWorkbook();
    // Typed through the port, so the table holds the text exactly (a buyer's apostrophe-prefixed entry).
    await wb.apply([
      { kind: "ensureSheet", sheet: SAMPLE_SHEET_NAME },
      { kind: "createTable", sheet: SAMPLE_SHEET_NAME, address: "A1", name: SAMPLE_TABLE_NAME, headers, rows: rows.map((r) => r.map((c) => c ?? null)) },
    ]);
    for (const rowIndex of [0, 1]) {
      const outcome = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex, today: TODAY, ownerNames: { scope: "=2*3" } });
      if (outcome.kind !== "done") throw new Error(outcome.message);
      const vendor = String(rows[rowIndex][col("Vendor")]);
      expect(wb.cell(outcome.sheet, "B1")).toEqual(expect.objectContaining({ value: vendor }));
      expect(wb.cell(outcome.sheet, "B1")?.formula).toBeUndefined();
      const scope = rowOf(wb, outcome.sheet, "Governance owners", "Scope owner");
      expect(wb.cell(outcome.sheet, `B${scope}`)?.value).toBe("=2*3");
      expect(wb.cell(outcome.sheet, `B${scope}`)?.formula).toBeUndefined();
    }
    const all = [...wb.snapshot().values()];
    expect(all.filter((c) => c.formula !== undefined)).toEqual([]);
  });

  test("two vendors whose names shorten alike get a sheet each, and each refresh finds its own", async () => {
    const rows = SAMPLE_VENDOR_ROWS.map((r) => [...r]);
    rows[0][col("Vendor")] = "Very Long Vendor Name Consulting Alpha";
    rows[1][col("Vendor")] = "Very Long Vendor Name Consulting Beta";
    const wb = await workbookWith(rows);
    const a = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    const b = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 1, today: TODAY });
    if (a.kind !== "done" || b.kind !== "done") throw new Error("insert failed");
    expect(a.sheet).not.toBe(b.sheet);
    expect(b.sheet.endsWith(" (2)")).toBe(true);
    const again = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 1, today: TODAY });
    expect(again.kind === "done" && again.sheet).toBe(b.sheet);
    expect(wb.cell(a.sheet, "B1")?.value).toBe(rows[0][col("Vendor")]);
  });

  test("two quotes from the same vendor get a sheet each, told apart by their row", async () => {
    const rows = SAMPLE_VENDOR_ROWS.map((r) => [...r]);
    rows[1][col("Vendor")] = rows[0][col("Vendor")];
    rows[1][col("Engagement model")] = "Managed service";
    const wb = await workbookWith(rows);
    const a = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    const b = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 1, today: TODAY });
    if (a.kind !== "done" || b.kind !== "done") throw new Error("insert failed");
    expect(b.sheet).not.toBe(a.sheet);
    expect(wb.cell(a.sheet, "C3")?.value).toBe("data row 1");
    expect(wb.cell(b.sheet, "C3")?.value).toBe("data row 2");
    const again = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    expect(again.kind === "done" && again.sheet).toBe(a.sheet);
  });

  test("a sheet the buyer made with the same name is never taken over", async () => {
    const wb = await workbookWith();
    const name = checklistSheetName(vendorOf(0), 0);
    wb.setCells(name, "A1", [["my own plan"]]);
    const outcome = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (outcome.kind !== "done") throw new Error(outcome.message);
    expect(outcome.sheet).toBe(checklistSheetName(vendorOf(0), 0, 2));
    expect(wb.cell(name, "A1")?.value).toBe("my own plan");
  });

  test("the plan writes the buyer's cells as null where they stay", async () => {
    const wb = await workbookWith();
    const first = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (first.kind !== "done") throw new Error(first.message);
    const scope = rowOf(wb, first.sheet, "Governance owners", "Scope owner");
    wb.setCells(first.sheet, `B${scope}`, [["Ana"]]);
    const read = await wb.read({ sheets: [first.sheet] });
    const plan = planChecklistSheet(first.sheet, read.sheets[first.sheet], first.checklist, { table: SAMPLE_TABLE_NAME, rowIndex: 0 });
    const write = plan.changes.find((c) => c.kind === "writeRange");
    expect(write && write.kind === "writeRange" && blockRows(write.cells)[scope - 1][1]).toBeNull();
    const cleared = plan.changes.filter((c) => c.kind === "clearRange").map((c) => (c.kind === "clearRange" ? c.address : ""));
    expect(cleared.some((a) => a.includes(`B${scope}`) || a === `A${scope}:G${scope}`)).toBe(false);
  });
});

describe("refresh never drops what the buyer typed", () => {
  test("any text typed into empty cells of the sheet survives a refresh after the row changes, and a second refresh changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: SAMPLE_VENDOR_ROWS.length - 1 }),
        fc.array(fc.record({ row: fc.integer({ min: 1, max: 70 }), column: fc.integer({ min: 0, max: 9 }) }), { maxLength: 25 }),
        fc.constantFrom(...SENSITIVITIES),
        fc.constantFrom(...LEVELS),
        async (rowIndex, edits, sensitivity, clarity) => {
          const wb = await workbookWith();
          const first = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex, today: TODAY });
          if (first.kind !== "done") throw new Error(first.message);
          const typed: string[] = [];
          edits.forEach(({ row, column }, i) => {
            const address = `${columnLetters(column)}${row}`;
            const cell = wb.cell(first.sheet, address);
            if (cell && ((cell.value !== null && cell.value !== undefined && cell.value !== "") || cell.formula)) return;
            wb.setCells(first.sheet, address, [[`typed ${i}`]]);
            typed.push(`typed ${i}`);
          });
          const letter = (h: string) => columnLetters(col(h));
          wb.setCells(SAMPLE_SHEET_NAME, `${letter("Data sensitivity")}${rowIndex + 2}`, [[sensitivity]]);
          wb.setCells(SAMPLE_SHEET_NAME, `${letter("Requirements clarity")}${rowIndex + 2}`, [[clarity]]);

          const second = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex, today: TODAY });
          if (second.kind !== "done") throw new Error(second.message);
          const onSheet = () =>
            new Map([...wb.snapshot().entries()].filter(([k]) => k.startsWith(`${first.sheet}!`)).map(([k, v]) => [k, String(v.value)]));
          const after = onSheet();
          const values = new Set(after.values());
          for (const t of typed) expect(values).toContain(t);

          await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex, today: TODAY });
          expect(onSheet()).toEqual(after);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("checklist sheet names", () => {
  test.each([
    ["Acme", "Checklist Acme"],
    ["a/b\\c[d]e:f*g?h", "Checklist a b c d e f g h"],
    ["", "Checklist row 4"],
    ["Quote'", "Checklist Quote"],
  ])("vendor %j gets the sheet %j", (vendor, name) => {
    expect(checklistSheetName(vendor, 3)).toBe(name);
  });

  test("names stay within Excel's 31 characters, with room for the numbering", () => {
    const long = "Extremely Long Vendor Name With Many Words Ltd";
    expect(checklistSheetName(long, 0).length).toBeLessThanOrEqual(31);
    const second = checklistSheetName(long, 0, 2);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(second.endsWith(" (2)")).toBe(true);
    expect(checklistSheetName("😀".repeat(40), 0).length).toBeLessThanOrEqual(31);
  });

  test("a long name is cut after its last whole word, and numbering keeps two such names apart", () => {
    expect(checklistSheetName("Hudson Security Partners", 0)).toBe("Checklist Hudson Security");
    expect(checklistSheetName("Hudson Security Partnership", 0)).toBe("Checklist Hudson Security");
    expect(checklistSheetName("Hudson Security Partnership", 0, 2)).toBe("Checklist Hudson Security (2)");
    // A name that fits is kept whole, up to Excel's 31 characters.
    expect(checklistSheetName("Hudson Security Partn", 0)).toBe("Checklist Hudson Security Partn");
    // A single word longer than the room left can only be cut inside.
    expect(checklistSheetName("Supercalifragilisticexpialidocious", 0)).toBe("Checklist Supercalifragilistice");
  });

  test("a checklist an earlier version named by cutting mid-word is refreshed under that name, not duplicated", async () => {
    const vendor = "Hudson Security Partners";
    const wb = await workbookWith([SAMPLE_VENDOR_ROWS[0].map((c, i) => (i === col("Vendor") ? vendor : c))]);
    const first = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (first.kind !== "done") throw new Error(first.message);
    expect(first.sheet).toBe("Checklist Hudson Security");
    // As an earlier version would have named it.
    const earlier = await workbookWith([SAMPLE_VENDOR_ROWS[0].map((c, i) => (i === col("Vendor") ? vendor : c))]);
    await earlier.apply([{ kind: "ensureSheet", sheet: "Checklist Hudson Security Partn" }]);
    const plan = (await wb.read({ sheets: [first.sheet] })).sheets[first.sheet]!;
    earlier.setCells("Checklist Hudson Security Partn", "A1", plan.formulas.map((r) => [...r]));
    const again = await insertChecklistSheet(earlier, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (again.kind !== "done") throw new Error(again.message);
    expect(again.sheet).toBe("Checklist Hudson Security Partn");
    expect(earlier.sheetNames()).not.toContain("Checklist Hudson Security");
  });
});

// Excel's sheet names ignore case: a sheet of the user's under the checklist's name, in any
// case, is not this vendor's checklist (its A1 is not the add-in's title) and is left alone.
describe("a sheet of the user's named like a checklist", () => {
  test.each(["upper", "lower"] as const)("in %s case keeps its cells; the checklist goes to the next free name and the outcome says so", async (which) => {
    const wb = await workbookWith();
    const usual = checklistSheetName(String(SAMPLE_VENDOR_ROWS[0][col("Vendor")]), 0);
    const name = which === "upper" ? usual.toUpperCase() : usual.toLowerCase();
    wb.addSheet(name).setCells(name, "A1", [["My own notes"]]).setCells(name, "B7", [[1234]]);
    const outcome = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    if (outcome.kind !== "done") throw new Error(outcome.message);
    expect(outcome.sheet).toBe(checklistSheetName(String(SAMPLE_VENDOR_ROWS[0][col("Vendor")]), 0, 2));
    expect(outcome.message).toContain(`'${name}' is not this vendor's checklist and was left as it is.`);
    expect(wb.cell(name, "A1")?.value).toBe("My own notes");
    expect(wb.cell(name, "B7")?.value).toBe(1234);
    const again = await insertChecklistSheet(wb, { table: SAMPLE_TABLE_NAME, rowIndex: 0, today: TODAY });
    expect(again.kind === "done" && again.sheet).toBe(outcome.sheet);
  });
});
