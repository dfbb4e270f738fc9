// Model throughput: 100,000 generated vendor rows, all three outputs with their breakdowns
// (cost lines, risk drivers, fit), median of 5 runs. Run: npx tsx bench/model.bench.ts
import {
  COST_LINES,
  DEFAULT_ASSUMPTIONS,
  ENGAGEMENT_MODELS,
  LEVELS,
  LOCATION_MODELS,
  PRICING_MODELS,
  SENSITIVITIES,
  evaluateCells,
  evaluateRow,
  locationFit,
  mapHeaders,
  parseAssumptions,
  readRow,
  riskScore,
  totalCost,
  type CellValue,
  type VendorRow,
} from "../src/model";

const HEADERS = ["Vendor", "Hourly rate", "Hours", "Duration (months)", "Country", "Time zone", "Location model", "Engagement model", "Pricing model",
  "Requirements clarity", "Collaboration intensity", "Data sensitivity", "Urgency", "Attrition", "Replaces in-house staff", "Certifications"];
const ZONES = ["Asia/Kolkata", "Europe/Warsaw", "America/Mexico_City", "America/New_York", "Asia/Manila", "America/Bogota", "Europe/Bucharest", "Asia/Ho_Chi_Minh"];

/** Deterministic rows so runs compare (a linear congruential generator; no timing-dependent data). */
export function generateCells(count: number, seed = 42): CellValue[][] {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const rows: CellValue[][] = [];
  for (let i = 0; i < count; i++) {
    rows.push([`Vendor ${i}`, Math.round(20 + next() * 130), Math.round(100 + next() * 10000), 1 + Math.floor(next() * 36), "", pick(ZONES),
      pick(LOCATION_MODELS), pick(ENGAGEMENT_MODELS), pick(PRICING_MODELS), pick(LEVELS), pick(LEVELS), pick(SENSITIVITIES), pick(LEVELS),
      Math.round(next() * 30) / 100, next() < 0.2 ? "yes" : "no", next() < 0.5 ? "ISO 27001" : ""]);
  }
  return rows;
}

/** The output's shape with no model behind it: see ModelBenchResult.referenceRowsPerSecond. */
function referenceEvaluation(row: VendorRow): number {
  const labour = row.hourlyRate * row.hours;
  const lines = [];
  for (let i = 0; i < COST_LINES.length; i++) lines.push({ key: "line", label: "Line", amount: labour * i * 0.01, explanation: row.vendor });
  const drivers = [];
  for (let i = 0; i < 7; i++) drivers.push({ key: "driver", label: "Driver", score: row.attrition * i, weight: 1, cause: row.vendor, mitigation: row.timeZone });
  const cost = { labour, lines, total: labour * 1.3, effectiveHourlyRate: row.hourlyRate * 1.3 };
  const risk = { score: row.durationMonths, band: "Low", label: "Low", drivers };
  const fit = { overlapHours: 1, requiredOverlapHours: 2, score: 50, verdict: "Benefit", recommendedLocationModel: row.locationModel, reason: row.vendor,
    costLeverage: 0.5, workType: row.workType, onshoreReferenceRate: 100, locationCheck: row.country, locationConflict: false };
  const e = { row, cost, risk, fit };
  return e.cost.total + e.risk.score + e.fit.score + e.cost.lines.length + e.risk.drivers.length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export interface ModelBenchResult {
  readonly rows: number;
  /** evaluateRow on typed rows: the model's computation. */
  readonly evaluateRowsPerSecond: number;
  /** evaluateCells on raw cells: reading and validating plus the computation. */
  readonly evaluateCellsRowsPerSecond: number;
  /**
   * A loop that only allocates what evaluateRow returns (the cost lines, seven drivers, the
   * fit and the three results) from the row's numbers, timed in the same runs: the floor any
   * model with this output has on this machine at this moment, so the ratio below compares
   * across runs and loads where rows per second do not.
   */
  readonly referenceRowsPerSecond: number;
  /** evaluateRow time / reference loop time, median over the runs (1 would be the allocation floor). */
  readonly evaluateRowToReference: number;
  /** Where the time goes: rows per second of each part alone. */
  readonly parts: { readonly readRow: number; readonly totalCost: number; readonly locationFit: number; readonly riskScore: number };
}

function rate(count: number, runs: number, body: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    const t0 = performance.now();
    body();
    if (run > 0) times.push(performance.now() - t0);
  }
  return Math.round(count / (median(times) / 1000));
}

export function runModelBench(count = 100_000, runs = 5): ModelBenchResult {
  const assumptions = parseAssumptions([["Reference date", "2026-03-20"]]);
  const a = assumptions.ok ? assumptions.value : DEFAULT_ASSUMPTIONS;
  const cells = generateCells(count);
  const map = mapHeaders(HEADERS);
  const rows: VendorRow[] = cells.map((c) => {
    const r = readRow(c, map, a);
    if (!r || !r.ok) throw new Error("bench row did not read: " + JSON.stringify(r));
    return r.value;
  });
  let sink = 0;
  const timeRows: number[] = [];
  const timeCells: number[] = [];
  const timeReference: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    let t0 = performance.now();
    for (let i = 0; i < rows.length; i++) sink += referenceEvaluation(rows[i]);
    const referenceMs = performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < rows.length; i++) {
      const e = evaluateRow(rows[i], a);
      sink += e.cost.total + e.risk.score + e.fit.score + e.cost.lines.length + e.risk.drivers.length;
    }
    const rowMs = performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < cells.length; i++) {
      const e = evaluateCells(cells[i], map, a);
      if (e && e.ok) sink += e.value.cost.total + e.value.risk.score + e.value.fit.score;
    }
    const cellMs = performance.now() - t0;
    if (run > 0) {
      // The first run warms the caches and the JIT; it is not counted.
      timeRows.push(rowMs);
      timeCells.push(cellMs);
      timeReference.push(referenceMs);
      ratios.push(rowMs / referenceMs);
    }
  }
  const parts = {
    readRow: rate(count, runs, () => {
      for (let i = 0; i < cells.length; i++) sink += readRow(cells[i], map, a) ? 1 : 0;
    }),
    totalCost: rate(count, runs, () => {
      for (let i = 0; i < rows.length; i++) sink += totalCost(rows[i], a).total;
    }),
    locationFit: rate(count, runs, () => {
      for (let i = 0; i < rows.length; i++) sink += locationFit(rows[i], a).score;
    }),
    riskScore: rate(count, runs, () => {
      for (let i = 0; i < rows.length; i++) sink += riskScore(rows[i], a).score;
    }),
  };
  if (!Number.isFinite(sink)) throw new Error("non-finite result in bench");
  return {
    rows: count,
    evaluateRowsPerSecond: Math.round(count / (median(timeRows) / 1000)),
    evaluateCellsRowsPerSecond: Math.round(count / (median(timeCells) / 1000)),
    referenceRowsPerSecond: Math.round(count / (median(timeReference) / 1000)),
    evaluateRowToReference: Math.round(median(ratios) * 100) / 100,
    parts,
  };
}

function isMain(): boolean {
  const entry = typeof process !== "undefined" ? process.argv[1] ?? "" : "";
  return /model\.bench\.[cm]?[tj]s$/.test(entry);
}

if (isMain()) {
  const r = runModelBench();
  console.log(`model: ${r.rows} rows, median of 5 runs`);
  console.log(`  evaluateRow   (typed rows -> cost, risk, fit): ${r.evaluateRowsPerSecond.toLocaleString("en-US")} rows/s (target 500,000)`);
  console.log(`  evaluateCells (cells -> row -> cost, risk, fit): ${r.evaluateCellsRowsPerSecond.toLocaleString("en-US")} rows/s`);
  console.log(`  reference loop (allocates the output only): ${r.referenceRowsPerSecond.toLocaleString("en-US")} rows/s; evaluateRow takes ${r.evaluateRowToReference}x its time`);
  const p = r.parts;
  console.log(`  parts alone, rows/s: readRow ${p.readRow.toLocaleString("en-US")}, totalCost ${p.totalCost.toLocaleString("en-US")}, ` +
    `locationFit ${p.locationFit.toLocaleString("en-US")}, riskScore (recomputes cost and fit) ${p.riskScore.toLocaleString("en-US")}`);
  console.log("  time-zone offsets are cached by (zone, instant), overlap by zone per assumptions object; explanations by category");
}
