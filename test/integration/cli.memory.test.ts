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
