// The command line on a generated 10,000-row workbook: the whole job (read, evaluate,
// checklist sheets for the default number of vendors, finance summary in portable formulas,
// write), as a user runs it: the package's command in a fresh process each time. Median of 5 runs; target under 5 s.
// Run: npx tsx bench/cli.bench.ts
import { execFile } from "child_process";
import { mkdtempSync, statSync } from "fs";
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

function runOnce(input: string, output: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "bin", "offshore-evaluate.js"), input, "--out", output, "--quiet", "--buyer-zone", "America/New_York"],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve((performance.now() - started) / 1000)),
    );
  });
}

export async function runCliBench(rows = 10_000, runs = 5): Promise<CliBenchResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-bench-"));
  const input = path.join(work, "vendors.xlsx");
  const output = path.join(work, "vendors.evaluated.xlsx");
  await writeBenchWorkbook(input, rows);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await runOnce(input, output));
  const sorted = [...times].sort((a, b) => a - b);
  return {
    rows,
    medianSeconds: sorted[Math.floor(sorted.length / 2)],
    runsSeconds: times,
    inputBytes: statSync(input).size,
    outputBytes: statSync(output).size,
    targetSeconds: 5,
  };
}

function isMain(): boolean {
  return /cli\.bench\.[cm]?[tj]s$/.test(process.argv[1] ?? "");
}

if (isMain()) {
  runCliBench().then(
    (r) => {
      console.log(`cli: ${r.rows.toLocaleString("en-US")}-row workbook (${(r.inputBytes / 1e6).toFixed(1)} MB in, ${(r.outputBytes / 1e6).toFixed(1)} MB out), median of ${r.runsSeconds.length} runs`);
      console.log(`  whole command: ${r.medianSeconds.toFixed(2)} s (target under ${r.targetSeconds} s); runs: ${r.runsSeconds.map((s) => s.toFixed(2)).join(", ")}`);
    },
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
