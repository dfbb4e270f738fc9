// Custom functions at table scale, through the built bundle and its registrations:
// (a) 100,000 single-row TOTALCOST calls as Excel makes them for a calculated column
//     (a fresh 1 x M row, a fresh header row and a fresh assumptions range on every call,
//     same contents each time), and (b) one call over 100,000 rows that spills the column.
// Target: (a) within 3x of (b). Also reports the gzip size of dist/functions.js.
// Run: npx tsx bench/functions.bench.ts
import { readFileSync } from "fs";
import path from "path";
import { performance } from "perf_hooks";
import { gzipSync } from "zlib";
import { ensureBuilt } from "../test/helpers/build";
import { createCustomFunctionsRuntime } from "../test/helpers/customFunctionsRuntime";

export interface FunctionsBenchResult {
  rows: number;
  runs: number;
  /** Median milliseconds for (a): one call per row. */
  perRowCallsMs: number;
  /** Median milliseconds for (b): one spilled call. */
  spilledCallMs: number;
  perRowCallsPerSecond: number;
  spilledRowsPerSecond: number;
  /** (a) / (b); the target is 3 or less. */
  ratio: number;
  functionsJsBytes: number;
  functionsJsGzipBytes: number;
}

const HEADERS = [
  "Vendor", "Hourly rate", "Hours", "Duration (months)", "Country", "Time zone", "Location model", "Engagement model",
  "Pricing model", "Requirements clarity", "Collaboration intensity", "Data sensitivity", "Urgency", "Attrition",
  "Replaces in-house staff", "Certifications",
];
const ASSUMPTIONS: (string | number)[][] = [
  ["Buyer time zone", "America/New_York"],
  ["Reference date", 46037],
  ["Buyer workday start", 9],
  ["Buyer workday end", 17],
  ["Default attrition", "20%"],
];
const PLACES = [
  ["Poland", "", "Nearshore"],
  ["IN", "", "Offshore"],
  ["", "America/Mexico_City", "Nearshore"],
  ["Philippines", "", "Offshore"],
  ["", "America/Chicago", "Onshore"],
  ["Vietnam", "", "Offshore"],
] as const;
const ENGAGEMENTS = ["Staff augmentation", "Dedicated team", "Project", "Managed service", "BPO", "Outcome-based"];
const PRICING = ["Time and materials", "Fixed price", "Capacity", "Output-based", "Outcome-based"];
const LEVELS = ["Low", "Medium", "High"];
const SENSITIVITY = ["Public", "Internal", "Confidential", "Regulated"];

/** Deterministic rows so every run and every machine measures the same work. */
function vendorRows(count: number): (string | number)[][] {
  const rows: (string | number)[][] = new Array(count);
  for (let i = 0; i < count; i++) {
    const [country, zone, location] = PLACES[i % PLACES.length];
    rows[i] = [
      `Vendor ${i}`, 20 + (i % 80), 500 + ((i * 37) % 9500), 3 + (i % 24), country, zone, location,
      ENGAGEMENTS[i % ENGAGEMENTS.length], PRICING[(i >> 1) % PRICING.length], LEVELS[i % 3], LEVELS[(i >> 2) % 3],
      SENSITIVITY[i % 4], LEVELS[(i >> 3) % 3], `${10 + (i % 20)}%`, i % 11 === 0 ? "Yes" : "No", i % 3 === 0 ? "ISO 27001, SOC 2" : "",
    ];
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

type ExcelFunction = (...args: unknown[]) => unknown;

/**
 * The bundle as Excel loads it: run with CustomFunctions as its only add-in global, its
 * functions taken from what it registers. It runs in this realm rather than a vm context
 * (as the tests do) because a vm context's global lookups are about three times slower than
 * a browser's, which would measure Node rather than the add-in.
 */
function loadRegisteredFunctions(bundle: string): Map<string, ExcelFunction> {
  const runtime = createCustomFunctionsRuntime();
  new Function("CustomFunctions", "self", "window", bundle)(runtime.global, globalThis, globalThis);
  return runtime.registered;
}

export async function runFunctionsBench(options: { rows?: number; runs?: number } = {}): Promise<FunctionsBenchResult> {
  const count = options.rows ?? 100_000;
  const runs = options.runs ?? 5;
  const dist = await ensureBuilt();
  const bundle = readFileSync(path.join(dist, "functions.js"));
  const totalCost = loadRegisteredFunctions(bundle.toString("utf8")).get("TOTALCOST");
  if (!totalCost) throw new Error("dist/functions.js registers no TOTALCOST");

  const rows = vendorRows(count);
  const perRowTimes: number[] = [];
  const spilledTimes: number[] = [];
  let sink = 0;
  for (let run = 0; run < runs; run++) {
    // Excel builds new argument arrays for every call; building them is Excel's cost, not
    // ours, so they are made before the clock starts.
    const calls = rows.map((row) => [[row.slice()], [HEADERS.slice()], ASSUMPTIONS.map((r) => r.slice())]);
    let start = performance.now();
    for (const args of calls) sink += (totalCost(...args) as unknown[][]).length;
    perRowTimes.push(performance.now() - start);

    const table = rows.map((row) => row.slice());
    start = performance.now();
    const spilled = totalCost(table, [HEADERS.slice()], ASSUMPTIONS.map((r) => r.slice())) as unknown[][];
    spilledTimes.push(performance.now() - start);
    sink += spilled.length;
    // Error rows take a shorter path; a benchmark of errors would flatter the numbers.
    const notNumbers = spilled.filter(([total]) => typeof total !== "number").length;
    if (notNumbers > 0) throw new Error(`${notNumbers} generated rows gave no total cost`);
  }
  if (sink !== 2 * runs * count) throw new Error("TOTALCOST returned the wrong number of rows");

  const perRowCallsMs = median(perRowTimes);
  const spilledCallMs = median(spilledTimes);
  return {
    rows: count,
    runs,
    perRowCallsMs,
    spilledCallMs,
    perRowCallsPerSecond: Math.round((count / perRowCallsMs) * 1000),
    spilledRowsPerSecond: Math.round((count / spilledCallMs) * 1000),
    ratio: perRowCallsMs / spilledCallMs,
    functionsJsBytes: bundle.length,
    functionsJsGzipBytes: gzipSync(bundle).length,
  };
}

if (require.main === module) {
  runFunctionsBench().then(
    (r) => {
      console.log(`OFFSHORE custom functions, ${r.rows.toLocaleString("en-US")} rows, median of ${r.runs} runs`);
      console.table({
        "(a) one call per row": { ms: r.perRowCallsMs.toFixed(1), "rows/s": r.perRowCallsPerSecond.toLocaleString("en-US") },
        "(b) one spilled call": { ms: r.spilledCallMs.toFixed(1), "rows/s": r.spilledRowsPerSecond.toLocaleString("en-US") },
      });
      console.log(`(a) / (b) = ${r.ratio.toFixed(2)} (target 3 or less: ${r.ratio <= 3 ? "met" : "NOT met"})`);
      console.log(`dist/functions.js: ${(r.functionsJsBytes / 1024).toFixed(1)} KiB, gzip ${(r.functionsJsGzipBytes / 1024).toFixed(1)} KiB`);
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
