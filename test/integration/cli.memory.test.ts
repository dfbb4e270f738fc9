// What the command line holds while it writes the file, the step that needs most memory: the
// rows' evaluations (their drivers and sentences) must be let go by then, the lines printed
// about them having been made first.
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import v8 from "v8";
import vm from "vm";
import * as finance from "../../src/actions/finance";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { runCli } from "../helpers/cli";

const ROOT = path.resolve(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "assets", "sample-vendors.xlsx");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-memory-"));
const NOW = new Date("2026-03-02T15:30:00Z");

// A full collection on demand, as `node --expose-gc` gives it.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;

afterEach(() => jest.restoreAllMocks());

it("lets go of the finance step's evaluations before the file is written, and still prints its lines", async () => {
  const prepare = finance.prepareForFinance;
  let evaluation: WeakRef<object> | undefined;
  let outcome: WeakRef<object> | undefined;
  const spy = jest.spyOn(finance, "prepareForFinance").mockImplementation(async (...args) => {
    const done = await prepare(...args);
    if (done.kind === "done") {
      evaluation = new WeakRef(done.vendors[0].evaluation);
      outcome = new WeakRef(done);
    }
    return done;
  });
  const write = XlsxWorkbook.prototype.toChunks;
  const heldAtWrite: string[] = [];
  const writes = jest.spyOn(XlsxWorkbook.prototype, "toChunks").mockImplementation(async function (this: XlsxWorkbook) {
    // The spy's own record of the call (its arguments and outcome) would hold them.
    spy.mockClear();
    collect();
    if (!evaluation || !outcome) heldAtWrite.push("(the finance step never ran)");
    if (evaluation?.deref()) heldAtWrite.push("a vendor's evaluation");
    if (outcome?.deref()) heldAtWrite.push("the finance step's outcome");
    return write.call(this);
  });

  const r = await runCli(NOW, [SAMPLE, "--out", path.join(work, "sample.out.xlsx")]);

  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  expect(writes).toHaveBeenCalledTimes(1);
  expect(heldAtWrite).toEqual([]);
  // The lines made from them before the write are all printed after it.
  expect(r.out[0]).toMatch(/^Vendor\s+Total cost\s+Per hour/);
  expect(r.out.some((l) => l.startsWith("Most sensitive assumption per vendor:"))).toBe(true);
  expect(r.out.some((l) => /^All \d+ vendors together \(total [\d,]+\)/.test(l))).toBe(true);
  expect(r.out[r.out.length - 1]).toMatch(/^Wrote .*sample\.out\.xlsx: table '\w+', \d+ vendors, portable formulas/);
});

// The evaluate step hands the finance step its rows' input cells (an array a row), which the
// finance step compares with the rows it reads again, and needs no more after that.
it("lets go of the evaluate step's input cells once the finance step has compared them, before the summary is written", async () => {
  const prepare = finance.prepareForFinance;
  let cells: WeakRef<object>[] = [];
  // Apart, so that no frame of the spy's holds the evaluate step's outcome.
  const refsOf = (options: finance.FinanceOptions | undefined) => (options?.evaluated?.cells ?? []).map((row) => new WeakRef(row));
  const spy = jest.spyOn(finance, "prepareForFinance").mockImplementation(async (...args) => {
    cells = refsOf(args[2]);
    return prepare(...args);
  });
  const apply = XlsxWorkbook.prototype.apply;
  const held: number[] = [];
  let looked = false;
  jest.spyOn(XlsxWorkbook.prototype, "apply").mockImplementation(async function (this: XlsxWorkbook, changes, options) {
    if (changes.some((c) => c.kind === "ensureSheet" && c.sheet === finance.SUMMARY_SHEET)) {
      // The spy's own record of the call (its arguments) would hold them.
      spy.mockClear();
      // A WeakRef keeps its object until the job that made it ends (ECMAScript's KeepDuringJob).
      await new Promise((resolve) => setImmediate(resolve));
      collect();
      looked = cells.length > 0;
      cells.forEach((ref, i) => ref.deref() !== undefined && held.push(i + 1));
    }
    return apply.call(this, changes, options);
  });

  const r = await runCli(NOW, [SAMPLE, "--out", path.join(work, "sample.cells.xlsx")]);

  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  expect(looked).toBe(true);
  // Data rows whose input cells were still held when the summary was written.
  expect(held).toEqual([]);
});
