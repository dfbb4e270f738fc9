// What the finance step's plan holds while the summary is applied, where the command's memory
// peaks (its made sheet full, the plan's changes still held by the step until the apply
// returns): the blocks with a cell on each vendor's or table row must not be held as rows of
// CellWrite, nor the cells they give the adapter kept, once the adapter has written them.
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import v8 from "v8";
import vm from "vm";
import { writeBenchWorkbook } from "../../bench/cli.bench";
import { SUMMARY_SHEET } from "../../src/actions/finance";
import { FIRST_VENDOR_ROW, SUMMARY_REORDERED } from "../../src/actions/financeLayout";
import { parseCell } from "../../src/workbook/address";
import { blockShape, type ApplyOptions, type WorkbookChange } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { runCli } from "../helpers/cli";

const work = mkdtempSync(path.join(os.tmpdir(), "offshore-plan-memory-"));
const NOW = new Date("2026-03-02T15:30:00Z");
const ROWS = 300;

// A full collection on demand, as `node --expose-gc` gives it.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;

afterEach(() => jest.restoreAllMocks());

/**
 * What each block gives for the rows from the first vendor's on, where it covers (nearly) all of
 * them (the vendors' or the table's rows, not the header, the assumptions or the tornado): its
 * rows and its formulas, by weak reference; made outside the apply's async frame, which may keep
 * the last of them in a register.
 */
function vendorRowsOf(changes: readonly WorkbookChange[]): [string, WeakRef<object>][] {
  const refs: [string, WeakRef<object>][] = [];
  for (const change of changes) {
    if (change.kind !== "writeRange" || change.sheet !== SUMMARY_SHEET) continue;
    const origin = parseCell(change.address);
    const { rows, columns, cell } = blockShape(change.cells);
    const from = Math.max(0, FIRST_VENDOR_ROW - origin.row);
    if (rows - from < ROWS / 2) continue;
    const block = `the block at ${change.address}`;
    for (let r = from; r < rows; r++) {
      if (!("cell" in change.cells)) refs.push([`${block}: its rows`, new WeakRef(change.cells[r])]);
      for (let c = 0; c < columns; c++) {
        const write = cell(r, c);
        if (write !== null && typeof write === "object") refs.push([`${block}: its formulas`, new WeakRef(write)]);
      }
    }
  }
  return refs;
}

it("holds none of the summary's vendor rows, nor the cells written from them, at the end of the summary's apply", async () => {
  const input = path.join(work, "in.xlsx");
  await writeBenchWorkbook(input, ROWS);
  const apply = XlsxWorkbook.prototype.apply;
  const held = new Map<string, number>();
  let looked = 0;
  jest.spyOn(XlsxWorkbook.prototype, "apply").mockImplementation(async function (this: XlsxWorkbook, changes: readonly WorkbookChange[], options?: ApplyOptions) {
    const refs = vendorRowsOf(changes);
    looked += refs.length;
    // The caller (the finance step) holds `changes` until this returns, as this function does.
    await apply.call(this, changes, options);
    // A WeakRef keeps its object until the job that made it ends (ECMAScript's KeepDuringJob).
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    for (const [what, ref] of refs) if (ref.deref() !== undefined) held.set(what, (held.get(what) ?? 0) + 1);
  });

  const r = await runCli(NOW, [input, "--out", path.join(work, "out.xlsx"), "--buyer-zone", "America/New_York"]);

  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  // The vendor block's formulas, the vendor table's block's and the cost by year block's at least.
  expect(looked).toBeGreaterThan(3 * ROWS);
  expect([...held]).toEqual([]);
});

// The vendor-table block gives each table row's cells a formula of its own text (some 130
// bytes), which the made summary sheet holds until the file is written: kept as pieces
// (FormulaWrite.pieces), none of those texts is held at the end of the summary's apply.
it("keeps none of the vendor-table block's formula texts in the made summary sheet at the end of the summary's apply", async () => {
  const input = path.join(work, "in-table.xlsx");
  await writeBenchWorkbook(input, ROWS);
  const apply = XlsxWorkbook.prototype.apply;
  let texts: number | undefined;
  let pieces = 0;
  jest.spyOn(XlsxWorkbook.prototype, "apply").mockImplementation(async function (this: XlsxWorkbook, changes: readonly WorkbookChange[], options?: ApplyOptions) {
    await apply.call(this, changes, options);
    const created = (this as unknown as { created: Map<{ name: string }, object> }).created;
    for (const [sheet, cells] of created) {
      if (sheet.name !== SUMMARY_SHEET) continue;
      const store = cells as { objects: unknown[]; pieceLength: number };
      texts = store.objects.filter((o) => typeof o === "string" && o.includes(SUMMARY_REORDERED)).length;
      pieces = store.pieceLength;
    }
  });

  const r = await runCli(NOW, [input, "--out", path.join(work, "out-table.xlsx"), "--buyer-zone", "America/New_York"]);

  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  expect(texts).toBe(0);
  // Three numbers and the parts' place for each of the block's formulas (3 a table row).
  expect(pieces).toBeGreaterThanOrEqual(3 * ROWS * 4);
});

/** Weak references to the cached values of the table's output columns, made apart so that no frame of the test's holds them. */
function cachedValuesOf(changes: readonly WorkbookChange[]): WeakRef<object>[] {
  const refs: WeakRef<object>[] = [];
  for (const change of changes) if (change.kind === "setTableColumn" && change.cachedValues) refs.push(new WeakRef(change.cachedValues));
  return refs;
}

// The table's output columns' cached values (an array of the table's rows each, boxed numbers)
// are written into the table's cells; the finance step holds its changes until the apply returns.
it("holds none of the table's output columns' cached values at the end of the summary's apply", async () => {
  const input = path.join(work, "in-columns.xlsx");
  await writeBenchWorkbook(input, ROWS);
  const apply = XlsxWorkbook.prototype.apply;
  const held: number[] = [];
  let looked = 0;
  jest.spyOn(XlsxWorkbook.prototype, "apply").mockImplementation(async function (this: XlsxWorkbook, changes: readonly WorkbookChange[], options?: ApplyOptions) {
    const refs = changes.some((c) => c.kind === "ensureSheet" && c.sheet === SUMMARY_SHEET) ? cachedValuesOf(changes) : [];
    looked += refs.length;
    // The caller (the finance step) holds `changes` until this returns, as this function does.
    await apply.call(this, changes, options);
    // A WeakRef keeps its object until the job that made it ends (ECMAScript's KeepDuringJob).
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    refs.forEach((ref, i) => ref.deref() !== undefined && held.push(i));
  });

  const r = await runCli(NOW, [input, "--out", path.join(work, "out-columns.xlsx"), "--buyer-zone", "America/New_York"]);

  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  expect(looked).toBeGreaterThan(0);
  // The output columns whose cached values were still held.
  expect(held).toEqual([]);
});
