// Bad input through the actions on the memory workbook: random tables of garbage cells,
// extreme numbers, Unicode, formula-looking text, blanks, duplicate, missing and merged
// headers, and a few thousand-column tables. Whatever the input:
// - no exception escapes an action: failures come back as its typed outcomes;
// - every output cell holds a finite number, a verdict or an error the buyer can read;
// - no cell outside the add-in's own areas changes (the table's output columns, the
//   assumptions sheet, the sheets the action creates), and no setting but the add-in's.
import fc from "fast-check";
import { evaluateRange, evaluateTable, type EvaluateOutcome } from "../../src/actions/evaluate";
import { insertChecklistSheet, loadChecklist } from "../../src/actions/checklist";
import { mapByHand } from "../../src/actions/mapping";
import { FIELDS } from "../../src/model/fields";
import { prepareForFinance, SUMMARY_SHEET, type FinanceOutcome } from "../../src/actions/finance";
import { FIT_VERDICTS, type CellValue } from "../../src/model/types";
import { cellAddress, parseCell, parseRange } from "../../src/workbook/address";
import type { MemoryWorkbook } from "../../src/workbook/memory";
import { ASSUMPTIONS_SHEET, MAPPING_SETTING, type TableInfo } from "../../src/workbook/port";
import { DATA_SHEET, extremeNumberTable, FOREIGN_SETTING, plainRangeWorkbookFor, TABLE_NAME, vendorTableSpec, workbookFor, type VendorTableSpec } from "../helpers/vendorTableArbitraries";

const TODAY = { year: 2026, month: 3, day: 16 };
const NOW = new Date("2026-03-16T10:00:00Z");
const ZONE = "Europe/Berlin";
const VERDICTS: readonly CellValue[] = FIT_VERDICTS;
// Moderate run counts: the machine is shared, and each run builds and checks a whole workbook.
const RUNS = { numRuns: 60 };
const EXCEL_MAX_FORMULA_LENGTH = 8192;
const WIDE_RUNS = { numRuns: 3 };

type Snapshot = Map<string, { value: CellValue; formula?: string }>;

const lower = (s: string) => s.toLowerCase();

async function onlyTable(wb: MemoryWorkbook): Promise<TableInfo> {
  const tables = await wb.listTables();
  expect(tables).toHaveLength(1);
  return tables[0];
}

/** A failure message the buyer can act on: words, not an object dump. */
function expectReadable(message: string): void {
  expect(typeof message).toBe("string");
  expect(message.trim().length).toBeGreaterThan(10);
  expect(message).not.toMatch(/\[object Object\]|\bundefined\b/);
}

/** Columns (0-based, on the sheet) of the table's output headers after an action. */
function outputColumns(table: TableInfo, headers: readonly string[]): number[] {
  const left = parseCell(table.address.split(":")[0]).column;
  return headers.map((h) => {
    const index = table.headers.findIndex((t) => lower(t) === lower(h));
    expect(index).toBeGreaterThanOrEqual(0);
    return left + index;
  });
}

/**
 * Every cell of `before` is in `after` unchanged, and `after` holds nothing new, except in
 * the areas `owned` says the action may write. Cells right of the table on its rows move
 * right by the columns the action added, as in Excel.
 */
function expectOnlyOwnedChanged(before: Snapshot, after: Snapshot, tableBefore: TableInfo, tableAfter: TableInfo, owned: (sheet: string, row: number, column: number) => boolean): void {
  const area = parseCell(tableBefore.address.split(":")[0]);
  const bottom = area.row + tableBefore.rowCount;
  const added = tableAfter.headers.length - tableBefore.headers.length;
  const firstRight = area.column + tableBefore.headers.length;
  const where = (key: string) => {
    const at = key.lastIndexOf("!");
    return { sheet: key.slice(0, at), ...parseCell(key.slice(at + 1)) };
  };
  const expected = new Map<string, unknown>();
  for (const [key, cell] of before) {
    const { sheet, row, column } = where(key);
    const moved = sheet === DATA_SHEET && row >= area.row && row <= bottom && column >= firstRight ? column + added : column;
    if (!owned(sheet, row, moved)) expected.set(`${sheet}!${cellAddress(row, moved)}`, cell);
  }
  const kept = new Map<string, unknown>();
  for (const [key, cell] of after) {
    const { sheet, row, column } = where(key);
    if (!owned(sheet, row, column)) kept.set(key, cell);
  }
  expect(kept).toEqual(expected);
}

function ownedByOutputs(tableAfter: TableInfo, columns: readonly number[], sheets: readonly string[]) {
  const top = parseCell(tableAfter.address.split(":")[0]).row;
  const bottom = top + tableAfter.rowCount;
  return (sheet: string, row: number, column: number) =>
    sheets.includes(sheet) || (sheet === DATA_SHEET && row >= top && row <= bottom && columns.includes(column));
}

/** The input cells of data row `r`: the table's columns left of its first output column. */
function inputsBlank(spec: VendorTableSpec, r: number, inputCount: number): boolean {
  return spec.rows[r].slice(0, inputCount).every((c) => c === null || c === undefined || (typeof c === "string" && c.trim() === ""));
}

async function evaluateAndCheck(spec: VendorTableSpec, prepare?: (wb: MemoryWorkbook) => Promise<void>): Promise<{ wb: MemoryWorkbook; outcome: EvaluateOutcome }> {
  const wb = await workbookFor(spec);
  await prepare?.(wb);
  const tableBefore = await onlyTable(wb);
  const before = wb.snapshot();
  const settingBefore = wb.setting(MAPPING_SETTING);
  const outcome = await evaluateTable(wb, TABLE_NAME, { today: TODAY, buyerTimeZone: ZONE });
  const after = wb.snapshot();
  const tableAfter = await onlyTable(wb);
  expect(wb.setting(FOREIGN_SETTING)).toBe('{"keep":true}');

  if (outcome.kind !== "done") {
    expectReadable(outcome.message);
    if (outcome.kind === "refused") expect(outcome.written).toBe("Nothing was written.");
    expect(after).toEqual(before);
    expect(tableAfter).toEqual(tableBefore);
    expect(wb.setting(MAPPING_SETTING)).toBe(settingBefore);
    return { wb, outcome };
  }

  const columns = outputColumns(tableAfter, outcome.columns);
  for (const c of columns) expect(wb.cell(DATA_SHEET, cellAddress(parseCell(tableAfter.address.split(":")[0]).row + 1, c))?.formula?.length ?? 0).toBeLessThanOrEqual(EXCEL_MAX_FORMULA_LENGTH);
  expectOnlyOwnedChanged(before, after, tableBefore, tableAfter, ownedByOutputs(tableAfter, columns, [ASSUMPTIONS_SHEET]));
  expect(JSON.parse(wb.setting(MAPPING_SETTING)!)).toHaveProperty("version", 1);

  const top = parseCell(tableAfter.address.split(":")[0]).row;
  const left = parseCell(tableAfter.address.split(":")[0]).column;
  const inputCount = Math.min(...columns) - left;
  const errorRows = new Set(outcome.rowErrors.map((e) => e.tableRow - 1));
  for (const e of outcome.rowErrors) expectReadable(e.message);
  for (let r = 0; r < tableAfter.rowCount; r++) {
    const [cost, risk, fit] = columns.map((c) => wb.cell(DATA_SHEET, cellAddress(top + 1 + r, c)));
    for (const cell of [cost, risk, fit]) expect(cell?.formula).toMatch(/^=OFFSHORE\.[A-Z]+\(/);
    if (errorRows.has(r)) {
      expect([cost?.value, risk?.value, fit?.value]).toEqual(["#VALUE!", "#VALUE!", "#VALUE!"]);
    } else if (outcome.evaluations[r] === null) {
      // Only a row with every input blank shows nothing.
      expect(inputsBlank(spec, r, inputCount)).toBe(true);
      expect([cost?.value, risk?.value, fit?.value]).toEqual([null, null, null]);
    } else {
      expect(typeof cost?.value).toBe("number");
      expect(Number.isFinite(cost?.value)).toBe(true);
      expect(typeof risk?.value).toBe("number");
      expect(Number.isFinite(risk?.value)).toBe(true);
      expect(VERDICTS).toContain(fit?.value);
    }
  }
  return { wb, outcome };
}

describe("bad input through the evaluate action (memory workbook)", () => {
  test("random tables never make evaluate throw; outputs are numbers, verdicts or #VALUE!; nothing else changes", async () => {
    await fc.assert(fc.asyncProperty(vendorTableSpec(), async (spec) => void (await evaluateAndCheck(spec))), RUNS);
  });

  test("rates, hours and durations at the edges of a double (1e308, 5e-324, -0) give finite outputs or a row error, never Infinity or NaN", async () => {
    await fc.assert(fc.asyncProperty(extremeNumberTable(), async (spec) => void (await evaluateAndCheck(spec))), RUNS);
  });

  test("columns mapped by hand, to any header including repeated and blank ones, keep every rule; formulas stay within Excel's 8,192 characters", async () => {
    const choice = fc.record({ field: fc.constantFrom(...FIELDS.map((f) => f.key)), column: fc.nat(), forget: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.oneof(vendorTableSpec(), vendorTableSpec({ columns: { min: 300, max: 600 }, rows: { min: 1, max: 3 } })), fc.array(choice, { minLength: 1, maxLength: 4 }), async (spec, choices) => {
        await evaluateAndCheck(spec, async (wb) => {
          const { headers } = await onlyTable(wb);
          for (const c of choices) expect(await mapByHand(wb, TABLE_NAME, c.field, c.forget ? null : headers[c.column % headers.length])).not.toBeNull();
        });
      }),
      { numRuns: 30 },
    );
  });

  test("a mapping by hand on a table too wide for one formula is refused with what to do, and nothing is written", async () => {
    const headers = ["Supplier", "Cost per hr", "Hours", ...Array.from({ length: 400 }, (_, i) => `Extra column number ${i}`)];
    const spec: VendorTableSpec = { headers, rows: [["Acme", 40, 100, ...headers.slice(3).map(() => null)]], build: "table", top: 0, left: 0 };
    const { outcome } = await evaluateAndCheck(spec, async (wb) => void (await mapByHand(wb, TABLE_NAME, "hourlyRate", "Cost per hr")));
    expect(outcome.kind).toBe("refused");
    if (outcome.kind === "refused") expect(outcome.message).toMatch(/over Excel's limit of 8,192: with columns mapped by hand, the formula lists all 403 input headers\. Rename the columns you mapped by hand/);
  });

  test("evaluating twice is a refresh: the second run writes the same outputs and still touches nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(vendorTableSpec({ rows: { min: 1, max: 6 } }), async (spec) => {
        const { wb, outcome } = await evaluateAndCheck(spec);
        if (outcome.kind !== "done") return;
        const once = wb.snapshot();
        const again = await evaluateTable(wb, TABLE_NAME, { today: TODAY, buyerTimeZone: ZONE });
        expect(again.kind).toBe("done");
        expect(wb.snapshot()).toEqual(once);
      }),
      { numRuns: 25 },
    );
  });

  test("tables of 2,000 to 5,000 columns with merged and repeated headers are evaluated or refused, never thrown on", async () => {
    await fc.assert(
      fc.asyncProperty(vendorTableSpec({ columns: { min: 2000, max: 5000 }, rows: { min: 1, max: 4 } }), async (spec) => void (await evaluateAndCheck(spec))),
      WIDE_RUNS,
    );
  });
});

describe("bad input through evaluate on a plain range (memory workbook)", () => {
  test("random plain ranges are evaluated right of the range or refused; outputs are numbers, verdicts or #VALUE!; nothing else changes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(vendorTableSpec(), extremeNumberTable()), fc.integer({ min: 1, max: 6 }), async (spec, beside) => {
        const wb = await plainRangeWorkbookFor(spec, beside);
        const region = await wb.detectRegion();
        if (region === null) return;
        const before = wb.snapshot();
        const outcome = await evaluateRange(wb, region, { today: TODAY, buyerTimeZone: ZONE });
        const after = wb.snapshot();
        expect(await wb.listTables()).toEqual([]);
        expect(wb.setting(FOREIGN_SETTING)).toBe('{"keep":true}');
        if (outcome.kind !== "done") {
          expectReadable(outcome.message);
          if (outcome.kind === "refused") expect(outcome.written).toBe("Nothing was written.");
          expect(after).toEqual(before);
          return;
        }
        // The outputs are the last three columns of the evaluated block, header row included.
        const block = parseRange(outcome.table.slice(outcome.table.lastIndexOf("!") + 1));
        const outputs = [block.right - 2, block.right - 1, block.right];
        const owned = (sheet: string, row: number, column: number) =>
          sheet === ASSUMPTIONS_SHEET || (sheet === DATA_SHEET && row >= block.top && row <= block.bottom && outputs.includes(column));
        const unowned = (snapshot: Snapshot) => new Map([...snapshot].filter(([key]) => {
          const at = key.lastIndexOf("!");
          const { row, column } = parseCell(key.slice(at + 1));
          return !owned(key.slice(0, at), row, column);
        }));
        expect(unowned(after)).toEqual(unowned(before));
        expect(outputs.map((c) => wb.cell(DATA_SHEET, cellAddress(block.top, c))?.value)).toEqual(outcome.columns);
        const errorRows = new Set(outcome.rowErrors.map((e) => e.tableRow - 1));
        for (const e of outcome.rowErrors) expectReadable(e.message);
        for (let r = 0; r < outcome.rowCount; r++) {
          const [cost, risk, fit] = outputs.map((c) => wb.cell(DATA_SHEET, cellAddress(block.top + 1 + r, c)));
          for (const cell of [cost, risk, fit]) expect(cell?.formula).toMatch(/^=OFFSHORE\.[A-Z]+\(/);
          if (errorRows.has(r)) expect([cost?.value, risk?.value, fit?.value]).toEqual(["#VALUE!", "#VALUE!", "#VALUE!"]);
          else if (outcome.evaluations[r] === null) expect([cost?.value, risk?.value, fit?.value]).toEqual([null, null, null]);
          else {
            expect(Number.isFinite(cost?.value)).toBe(true);
            expect(Number.isFinite(risk?.value)).toBe(true);
            expect(VERDICTS).toContain(fit?.value);
          }
        }
      }),
      RUNS,
    );
  });
});

describe("bad input through the checklist action (memory workbook)", () => {
  test("any row of a random table gives a checklist, nothing to show, or an error message; inserting writes only its own sheet", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(vendorTableSpec({ rows: { min: 1, max: 8 } }), extremeNumberTable()), fc.nat(), fc.boolean(), async (spec, pick, evaluateFirst) => {
        const wb = await workbookFor(spec);
        if (evaluateFirst) await evaluateTable(wb, TABLE_NAME, { today: TODAY, buyerTimeZone: ZONE });
        const rowIndex = pick % spec.rows.length;
        const before = wb.snapshot();
        const loaded = await loadChecklist(wb, { table: TABLE_NAME, rowIndex, today: TODAY });
        expect(wb.snapshot()).toEqual(before);
        if (loaded.kind !== "ready") expectReadable(loaded.message);

        const tableBefore = await onlyTable(wb);
        const inserted = await insertChecklistSheet(wb, { table: TABLE_NAME, rowIndex, today: TODAY });
        const after = wb.snapshot();
        expect(wb.setting(FOREIGN_SETTING)).toBe('{"keep":true}');
        if (inserted.kind === "refused") {
          expectReadable(inserted.message);
          expect(after).toEqual(before);
          return;
        }
        expect(loaded.kind).toBe("ready");
        expect(wb.sheetNames()).toContain(inserted.sheet);
        expect(inserted.sheet.length).toBeLessThanOrEqual(31);
        expectOnlyOwnedChanged(before, after, tableBefore, await onlyTable(wb), (sheet) => sheet === inserted.sheet);
      }),
      RUNS,
    );
  });
});

describe("bad input through prepare for finance (memory workbook)", () => {
  test("random tables are prepared or refused; output cells hold numbers, verdicts or a 'Not evaluated' reason; nothing else changes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(vendorTableSpec({ rows: { min: 0, max: 8 } }), extremeNumberTable()), fc.constantFrom<"formulas" | "values">("formulas", "values"), async (spec, mode) => {
        const wb = await workbookFor(spec);
        const tableBefore = await onlyTable(wb);
        const before = wb.snapshot();
        const outcome: FinanceOutcome = await prepareForFinance(wb, TABLE_NAME, { mode, now: NOW, buyerTimeZone: ZONE });
        const after = wb.snapshot();
        const tableAfter = await onlyTable(wb);
        expect(wb.setting(FOREIGN_SETTING)).toBe('{"keep":true}');
        if (outcome.kind === "refused") {
          expectReadable(outcome.message);
          if (outcome.written === "Nothing was written.") expect(after).toEqual(before);
          return;
        }
        // The three outputs, then the key column they look their row up by.
        const headers = tableAfter.headers.slice(-4, -1);
        const columns = outputColumns(tableAfter, headers);
        const [keyColumn] = outputColumns(tableAfter, tableAfter.headers.slice(-1));
        expect(lower(tableAfter.headers[tableAfter.headers.length - 1])).toMatch(/^finance row( \d+)?$/);
        expectOnlyOwnedChanged(before, after, tableBefore, tableAfter, ownedByOutputs(tableAfter, [...columns, keyColumn], [ASSUMPTIONS_SHEET, SUMMARY_SHEET]));
        const top = parseCell(tableAfter.address.split(":")[0]).row;
        for (let r = 0; r < tableAfter.rowCount; r++) expect(wb.cell(DATA_SHEET, cellAddress(top + 1 + r, keyColumn))?.value).toBe(r + 1);
        // A rate card's option of several rows is one vendor; each of its rows (members) shows
        // its share of the option's total beside the option's risk and fit.
        const byRow = new Map(outcome.vendors.flatMap((v) => [v.tableRow, ...(v.members ?? []).map((m) => m.tableRow)].map((t) => [t - 1, v] as const)));
        const errors = new Map(outcome.rowErrors.map((e) => [e.tableRow - 1, e.message]));
        for (const e of outcome.rowErrors) expectReadable(e.message);
        for (let r = 0; r < tableAfter.rowCount; r++) {
          const [cost, risk, fit] = columns.map((c) => wb.cell(DATA_SHEET, cellAddress(top + 1 + r, c))?.value ?? null);
          if (byRow.has(r)) {
            expect(Number.isFinite(cost)).toBe(true);
            expect(Number.isFinite(risk)).toBe(true);
            expect(VERDICTS).toContain(fit);
          } else if (errors.has(r)) {
            for (const v of [cost, risk, fit]) expect(v).toBe(`Not evaluated: ${errors.get(r)}`);
          } else {
            // A blank row holds the column's one formula too (a calculated column fills every
            // row), which shows nothing.
            for (const v of [cost, risk, fit]) expect([null, ""]).toContain(v);
          }
        }
        for (const v of outcome.vendors) {
          expect(Number.isFinite(v.evaluation.cost.total)).toBe(true);
          expect(Number.isFinite(v.evaluation.risk.score)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
