// The portable formulas at scale in an independent engine: a 100,000-row vendor table goes
// through the command line (evaluate + prepare for finance, portable formulas), then
// LibreOffice headless loads the workbook, recalculates every formula and saves it.
// Reported: LibreOffice's load + recalculate + save against the model's time for the same
// rows, and an estimate of the recalculation alone (less a load + save with recalculation
// off; on small files the two are within noise of each other).
// Run: npx tsx bench/libreoffice.bench.ts
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";
import { main as cli } from "../src/cli/main";
import { recalculateInLibreOffice, readWorkbook, errorCells } from "../test/integration/xlsx-libreoffice";
import { writeBenchWorkbook } from "./cli.bench";

export interface PortableFormulasBenchResult {
  readonly rows: number;
  readonly runs: number;
  /** Median seconds of load + recalculate + save. */
  readonly loadRecalcSaveSeconds: number;
  /** Median seconds of load + save with recalculation off. */
  readonly loadSaveSeconds: number;
  /** The difference, an estimate of the recalculation alone (within noise on small files). */
  readonly recalcSeconds: number;
  /** The model's time for the same rows (from its evaluateCells rate). */
  readonly modelSeconds: number;
  /** loadRecalcSaveSeconds / modelSeconds: what finance waits for against what the model needs. */
  readonly ratio: number;
  /** Cells showing an error after recalculation (must be 0); null when the file was too large to read back. */
  readonly errorCells: number | null;
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

export async function runPortableFormulasBench(rows = 100_000, runs = 5, modelRowsPerSecond?: number): Promise<PortableFormulasBenchResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), "offshore-lo-bench-"));
  const input = path.join(work, "vendors.xlsx");
  const finance = path.join(work, "finance.xlsx");
  await writeBenchWorkbook(input, rows);
  const quiet = { out: () => {}, err: () => {} };
  const code = await cli([input, "--out", finance, "--checklists", "0", "--quiet"], quiet);
  if (code !== 0) throw new Error(`the command line failed (exit ${code}) preparing the finance workbook`);

  const full: number[] = [];
  const baseline: number[] = [];
  let recalculated = "";
  for (let run = 0; run < runs; run++) {
    // A 100,000-row workbook takes LibreOffice minutes; the tests' 3-minute limit is too short.
    full.push(await timed(async () => ([recalculated] = await recalculateInLibreOffice([finance], { timeoutMs: 60 * 60_000 }))));
    baseline.push(await timed(() => recalculateInLibreOffice([finance], { recalculate: false, timeoutMs: 60 * 60_000 })));
  }
  // ExcelJS cannot read back LibreOffice's save of the largest workbooks (a sheet's XML passes
  // the longest string V8 holds): the count is then unknown, not zero. The tests prove the
  // numbers on smaller files.
  let errors: number | null;
  try {
    errors = errorCells(await readWorkbook(recalculated)).length;
  } catch {
    errors = null;
  }

  let modelRate = modelRowsPerSecond;
  if (!modelRate) {
    const { runModelBench } = await import("./model.bench");
    modelRate = runModelBench(rows, runs).evaluateCellsRowsPerSecond;
  }
  const loadRecalcSave = median(full);
  const loadSave = median(baseline);
  const recalcSeconds = Math.max(0, loadRecalcSave - loadSave);
  const modelSeconds = rows / modelRate;
  return { rows, runs, loadRecalcSaveSeconds: loadRecalcSave, loadSaveSeconds: loadSave, recalcSeconds, modelSeconds, ratio: loadRecalcSave / modelSeconds, errorCells: errors };
}

if (/libreoffice\.bench\.[cm]?[tj]s$/.test(process.argv[1] ?? "")) {
  const rows = Number(process.env.BENCH_ROWS ?? 100_000);
  runPortableFormulasBench(rows, Number(process.env.BENCH_RUNS ?? 5)).then(
    (r) =>
      console.log(
        `portable formulas in LibreOffice, ${r.rows.toLocaleString("en-US")} rows, median of ${r.runs}: ` +
          `load+recalculate+save ${r.loadRecalcSaveSeconds.toFixed(2)} s, load+save ${r.loadSaveSeconds.toFixed(2)} s, ` +
          `recalculation alone about ${r.recalcSeconds.toFixed(2)} s; model ${r.modelSeconds.toFixed(3)} s; LibreOffice / model ${r.ratio.toFixed(0)}x; error cells ${r.errorCells ?? "not read back (file too large for ExcelJS)"}`,
      ),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
