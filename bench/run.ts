// `npm run bench`: every figure the project reports about speed and size, measured the same
// way each time (median of at least 5 runs after a warm-up), printed as one table and
// written to bench/results.json. Absolute times depend on the machine and its load; the
// ratios are what to compare across runs.
import { readdirSync, writeFileSync, readFileSync } from "fs";
import os from "os";
import path from "path";
import { gzipSync } from "zlib";
import { ensureBuilt } from "../test/helpers/build";
import { runModelBench } from "./model.bench";
import { runFunctionsBench } from "./functions.bench";
import { runCliBench } from "./cli.bench";
import { runPaneRenderBench } from "./paneRender.bench";
import { runPortableFormulasBench } from "./libreoffice.bench";

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
// What taskpane.html loads up front at most 150,000 B gzip; all shipped JavaScript (the parts
// loaded on demand too) at most 200,000 B.
const PANE_BUDGET_BYTES = 150_000;
const ALL_JS_BUDGET_BYTES = 200_000;
/** Rows for the LibreOffice figure: 100,000 by default; each run then takes LibreOffice about half an hour here. */
const LIBREOFFICE_ROWS = Number(process.env.BENCH_LO_ROWS ?? 100_000);
/** Runs of the 100,000-row command line (minutes and gigabytes each): 3 by default, the median reported. */
const CLI_LARGE_RUNS = Math.max(1, Number(process.env.BENCH_CLI_LARGE_RUNS ?? 3));
const megabytes = (mb: number | null) => (mb === null ? "n/a" : `${Math.round(mb).toLocaleString("en-US")} MB`);

interface Row {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
}

function gzipBytes(dist: string, file: string): number {
  return gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const perSecond = (n: number) => `${Math.round(n).toLocaleString("en-US")} rows/s`;

async function main(): Promise<void> {
  const step = (text: string) => process.stderr.write(`bench: ${text}\n`);
  step("production build");
  const dist = await ensureBuilt();
  const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
  const upFront = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
  const allScripts = readdirSync(dist).filter((name) => name.endsWith(".js"));
  const sizes = {
    functionsJsGzip: gzipBytes(dist, "functions.js"),
    taskpaneJsGzip: gzipBytes(dist, "taskpane.js"),
    commandsJsGzip: gzipBytes(dist, "commands.js"),
    onDemandJsGzip: Object.fromEntries(allScripts.filter((name) => !upFront.includes(name)).map((name) => [name, gzipBytes(dist, name)])),
  };
  const paneTotal = upFront.reduce((sum, name) => sum + gzipBytes(dist, name), 0);
  const allTotal = allScripts.reduce((sum, name) => sum + gzipBytes(dist, name), 0);

  step("model, 100,000 rows");
  const model = runModelBench(100_000, RUNS);
  step("custom functions, 100,000 rows per row and spilled");
  const functions = await runFunctionsBench({ rows: 100_000, runs: RUNS });
  step("pane and minimal Fluent page, first paint in Chromium");
  const pane = await runPaneRenderBench(dist, RUNS);
  step("command line, 10,000 rows");
  const cli = await runCliBench(10_000, RUNS);
  step(`command line, 100,000 rows (${CLI_LARGE_RUNS} runs, slow)`);
  const cliLarge = await runCliBench(100_000, CLI_LARGE_RUNS);
  step(`portable formulas in LibreOffice, ${LIBREOFFICE_ROWS.toLocaleString("en-US")} rows (slow)`);
  const portable = await runPortableFormulasBench(LIBREOFFICE_ROWS, RUNS, model.evaluateCellsRowsPerSecond);

  const rows: Row[] = [
    { figure: "Model, batch (evaluateRow, 100,000 rows)", value: perSecond(model.evaluateRowsPerSecond), target: ">= 500,000 rows/s" },
    { figure: "Model, from cells (evaluateCells)", value: perSecond(model.evaluateCellsRowsPerSecond), target: "" },
    { figure: "  evaluateRow time / a loop allocating its output only", value: `${model.evaluateRowToReference.toFixed(2)}x`, target: "" },
    { figure: "Functions, one spilled call (b)", value: perSecond(functions.spilledRowsPerSecond), target: "" },
    { figure: "Functions, one call per row (a)", value: perSecond(functions.perRowCallsPerSecond), target: "" },
    { figure: "Per-row / spilled time ratio (a/b)", value: functions.ratio.toFixed(2), target: "<= 3" },
    { figure: "functions.js gzip", value: kb(sizes.functionsJsGzip), target: "no React, no Fluent UI" },
    { figure: `Loaded up front by taskpane.html gzip (${upFront.join(" + ")})`, value: `${paneTotal.toLocaleString("en-US")} B`, target: `<= ${PANE_BUDGET_BYTES.toLocaleString("en-US")} B` },
    { figure: "All shipped JavaScript gzip (parts loaded on demand too)", value: `${allTotal.toLocaleString("en-US")} B`, target: `<= ${ALL_JS_BUDGET_BYTES.toLocaleString("en-US")} B` },
    { figure: "Pane first contentful paint / minimal Fluent page's", value: `${pane.fcpRatio.toFixed(2)}`, target: "<= 1.5" },
    { figure: `  pane / minimal page, ms`, value: `${pane.pane.fcpMs.toFixed(0)} / ${pane.minimal.fcpMs.toFixed(0)}`, target: "" },
    { figure: "Pane heading drawn / minimal page's button drawn", value: `${pane.contentRatio.toFixed(2)}`, target: "" },
    { figure: `  pane / minimal page, ms`, value: `${pane.pane.contentMs.toFixed(0)} / ${pane.minimal.contentMs.toFixed(0)}`, target: "" },
    { figure: "Command line, 10,000-row workbook", value: `${cli.medianSeconds.toFixed(2)} s`, target: "< 5 s" },
    { figure: "  peak memory", value: megabytes(cli.medianPeakMegabytes), target: "" },
    { figure: `Command line, 100,000-row workbook (median of ${CLI_LARGE_RUNS})`, value: cliLarge.failure ? "did not finish" : `${cliLarge.medianSeconds.toFixed(2)} s`, target: cliLarge.failure ?? "" },
    { figure: "  peak memory", value: megabytes(cliLarge.medianPeakMegabytes), target: "" },
    { figure: `LibreOffice load + recalculate + save, portable formulas, ${LIBREOFFICE_ROWS.toLocaleString("en-US")} rows`, value: `${portable.loadRecalcSaveSeconds.toFixed(2)} s`, target: "" },
    { figure: "  of which recalculation (less load + save, estimate)", value: `${portable.recalcSeconds.toFixed(2)} s`, target: "" },
    { figure: "  the same rows in the model", value: `${portable.modelSeconds.toFixed(3)} s`, target: "" },
    { figure: "  LibreOffice / model time", value: `${portable.ratio.toFixed(0)}x`, target: "" },
  ];

  const width = Math.max(...rows.map((r) => r.figure.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  console.log(`Offshore Sourcing benchmark: median of ${RUNS} runs, ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
  for (const r of rows) console.log(`${r.figure.padEnd(width)}  ${r.value.padStart(valueWidth)}  ${r.target}`);

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cores: os.cpus().length, node: process.version, loadAverage1m: os.loadavg()[0] },
    runs: RUNS,
    model,
    functions,
    sizes: { ...sizes, upFrontScripts: upFront, paneTotalGzip: paneTotal, paneBudgetGzip: PANE_BUDGET_BYTES, allJsGzip: allTotal, allJsBudgetGzip: ALL_JS_BUDGET_BYTES },
    paneFirstRender: pane,
    cli,
    cliLarge,
    portableFormulas: portable,
  };
  const file = path.join(__dirname, "results.json");
  writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  console.log(`Written ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
