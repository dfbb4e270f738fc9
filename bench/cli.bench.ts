// The command line on a generated workbook (10,000 and 100,000 rows): the whole job (read,
// evaluate, checklist sheets for the default number of vendors, finance summary in portable
// formulas, write), as a user runs it: the package's command in a fresh process each time.
// Wall time and peak memory (the largest resident set of the command's processes, as GNU time
// reports it from wait4's rusage), medians; target under 5 s at 10,000 rows.
// Run: npx tsx bench/cli.bench.ts [rows]
import { execFile } from "child_process";
import { existsSync, mkdtempSync, statSync } from "fs";
import os from "os";
import path from "path";
import { XlsxWorkbook } from "../src/workbook/xlsx";
import { generateCells } from "./model.bench";

const ROOT = path.resolve(__dirname, "..");
const HEADERS = ["Vendor", "Hourly rate", "Hours", "Duration (months)", "Country", "Time zone", "Location model", "Engagement model", "Pricing model",
  "Requirements clarity", "Collaboration intensity", "Data sensitivity", "Urgency", "Attrition", "Replaces in-house staff", "Certifications"];

export interface CliBenchResult {
  readonly rows: number;
  readonly medianSeconds: number;
  readonly runsSeconds: readonly number[];
  /** Peak resident memory in MB, median over the runs; null where GNU time is not installed. */
  readonly medianPeakMegabytes: number | null;
  readonly runsPeakMegabytes: readonly (number | null)[];
  /** The first failing run's error line, when a run did not finish. */
  readonly failure?: string;
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly targetSeconds: number;
}

export async function writeBenchWorkbook(file: string, rows: number): Promise<void> {
  const workbook = XlsxWorkbook.create();
  await workbook.apply([
    { kind: "ensureSheet", sheet: "Quotes" },
    { kind: "createTable", sheet: "Quotes", address: "A1", name: "Quotes", headers: HEADERS, rows: generateCells(rows).map((row) => row.map((v) => (v === undefined ? null : v))) },
  ]);
  await workbook.save(file);
}

/** GNU time: its -f "%M" is the peak resident set in KB of the command and the children it waited for. */
const GNU_TIME = "/usr/bin/time";

interface Run {
  readonly seconds: number;
  readonly peakMegabytes: number | null;
  /** The command's one-line error when it did not finish (out of memory: its heap may use half of the machine's memory). */
  readonly failure?: string;
}

function runOnce(input: string, output: string): Promise<Run> {
  const command = [path.join(ROOT, "bin", "offshore-evaluate.js"), input, "--out", output, "--quiet", "--buyer-zone", "America/New_York"];
  const timed = existsSync(GNU_TIME);
  const [file, args] = timed ? [GNU_TIME, ["-f", "peak-kb %M", process.execPath, ...command]] : [process.execPath, command];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      const peak = /peak-kb (\d+)/.exec(stderr);
      const failure = error ? (/^Error: .*$/m.exec(stderr)?.[0] ?? error.message) : undefined;
      if (error && !peak) return reject(new Error(`${error.message}\n${stderr}`));
      resolve({ seconds: (performance.now() - started) / 1000, peakMegabytes: peak ? Number(peak[1]) / 1024 : null, ...(failure ? { failure } : {}) });
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function runCliBench(rows = 10_000, runs = 5): Promise<CliBenchResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-bench-"));
  const input = path.join(work, "vendors.xlsx");
  const output = path.join(work, "vendors.evaluated.xlsx");
  await writeBenchWorkbook(input, rows);
  const runsDone: Run[] = [];
  for (let i = 0; i < runs; i++) runsDone.push(await runOnce(input, output));
  const peaks = runsDone.map((r) => r.peakMegabytes);
  return {
    rows,
    medianSeconds: median(runsDone.map((r) => r.seconds)),
    runsSeconds: runsDone.map((r) => r.seconds),
    medianPeakMegabytes: peaks.every((p) => p !== null) ? median(peaks as number[]) : null,
    runsPeakMegabytes: peaks,
    ...(runsDone.some((r) => r.failure) ? { failure: runsDone.find((r) => r.failure)!.failure } : {}),
    inputBytes: statSync(input).size,
    outputBytes: existsSync(output) ? statSync(output).size : 0,
    targetSeconds: 5,
  };
}

function isMain(): boolean {
  return /cli\.bench\.[cm]?[tj]s$/.test(process.argv[1] ?? "");
}

if (isMain()) {
  runCliBench(Number(process.argv[2] ?? 10_000), Number(process.env.BENCH_RUNS ?? 5)).then(
    (r) => {
      console.log(`cli: ${r.rows.toLocaleString("en-US")}-row workbook (${(r.inputBytes / 1e6).toFixed(1)} MB in, ${(r.outputBytes / 1e6).toFixed(1)} MB out), median of ${r.runsSeconds.length} runs`);
      console.log(`  whole command: ${r.medianSeconds.toFixed(2)} s (target under ${r.targetSeconds} s at 10,000 rows); runs: ${r.runsSeconds.map((s) => s.toFixed(2)).join(", ")}`);
      if (r.failure) console.log(`  did not finish: ${r.failure}`);
      console.log(`  peak memory: ${r.medianPeakMegabytes === null ? "n/a (no GNU time)" : `${r.medianPeakMegabytes.toFixed(0)} MB`}; runs: ${r.runsPeakMegabytes.map((m) => (m === null ? "n/a" : m.toFixed(0))).join(", ")}`);
    },
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
