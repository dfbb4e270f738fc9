// The built dist/functions.js loaded the way Excel loads it: evaluated in a fresh context
// whose only add-in global is CustomFunctions, registering through associate(); then every
// function that dist/functions.json declares is called with Excel-shaped arguments (2-D
// arrays, serial dates, "" for empty cells). Passing proves that the bundle, its
// registrations and the generated metadata agree with each other and with the model.
import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import path from "path";
import vm from "vm";
import { gzipSync } from "zlib";
import { costAt, costRange, dateToExcelSerial, evaluateCells, mapHeaders, overlap, parseAssumptions } from "../../src/model";
import type { CellValue, Evaluation } from "../../src/model";
import { DIST, ensureBuilt } from "../helpers/build";
import { createCustomFunctionsRuntime, CustomFunctionsError } from "../helpers/customFunctionsRuntime";
import { asDataTypes, formattedNumber, linkedEntity, webImage } from "../helpers/dataTypes";

interface ParameterMetadata {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description: string;
  helpUrl: string;
  options?: Record<string, boolean>;
  parameters: ParameterMetadata[];
  result: { type?: string; dimensionality?: string };
}

type ExcelFunction = (...args: unknown[]) => unknown;

let metadata: FunctionMetadata[];
let metadataFile: { allowCustomDataForDataTypeAny?: boolean };
let registered: Map<string, ExcelFunction>;
let bundleText: string;

beforeAll(async () => {
  const dist = await ensureBuilt();
  bundleText = readFileSync(path.join(dist, "functions.js"), "utf8");
  metadataFile = JSON.parse(readFileSync(path.join(dist, "functions.json"), "utf8"));
  metadata = (metadataFile as { functions: FunctionMetadata[] }).functions;
  const runtime = createCustomFunctionsRuntime();
  // A bare context: the bundle gets the language built-ins (Intl included) and CustomFunctions, nothing of Node.
  const context = vm.createContext({ CustomFunctions: runtime.global });
  vm.runInContext("globalThis.self = globalThis; globalThis.window = globalThis;", context);
  vm.runInContext(bundleText, context, { filename: "functions.js" });
  registered = runtime.registered;
}, 10 * 60 * 1000);

/**
 * Calls to the built bundle in a separate Node process whose time zone is `zone` and whose
 * clock reads `now` (the test runner's own time zone cannot be changed while it runs).
 */
function callInZone(zone: string, now: number, calls: unknown[][]): unknown[] {
  const script = `
    const vm = require("vm");
    const NOW = ${now};
    class FixedDate extends Date {
      constructor(...args) { if (args.length === 0) super(NOW); else super(...args); }
      static now() { return NOW; }
    }
    const registered = {};
    class CFError { constructor(code, message) { this.code = code; this.message = message; } }
    const CustomFunctions = {
      associate(id, fn) { if (typeof id === "string") registered[id.toUpperCase()] = fn; else Object.assign(registered, id); },
      Error: CFError,
      ErrorCode: { invalidValue: "#VALUE!" },
    };
    const context = vm.createContext({ CustomFunctions, Date: FixedDate });
    vm.runInContext("globalThis.self = globalThis; globalThis.window = globalThis;", context);
    vm.runInContext(require("fs").readFileSync(process.argv[1], "utf8"), context);
    const out = JSON.parse(process.argv[2]).map(([id, ...args]) => {
      try { return registered[id](...args); } catch (error) { return { code: error.code, message: error.message }; }
    });
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ["-e", script, path.join(DIST, "functions.js"), JSON.stringify(calls)], {
    env: { ...process.env, TZ: zone },
    encoding: "utf8",
  });
  return JSON.parse(stdout) as unknown[];
}

/** Arrays made inside the bundle's context, copied into this one so matchers compare contents only. */
function plain(value: unknown): unknown {
  return Array.isArray(value) ? Array.from(value, plain) : value;
}

function call(id: string, ...args: unknown[]): unknown {
  const fn = registered.get(id);
  if (!fn) throw new Error(`${id} is not registered by dist/functions.js`);
  return plain(fn(...args));
}

function callError(id: string, ...args: unknown[]): CustomFunctionsError {
  try {
    call(id, ...args);
  } catch (error) {
    expect(error).toBeInstanceOf(CustomFunctionsError);
    return error as CustomFunctionsError;
  }
  throw new Error(`${id} returned instead of raising #VALUE!`);
}

// ---- Excel-shaped arguments ----------------------------------------------------------

const HEADERS: CellValue[][] = [["Vendor", "Rate/h", "Effort (h)", "Country", "Time zone", "Engagement", "Pricing model", "Requirements clarity", "Collaboration intensity", "Data sensitivity"]];
const ROWS: CellValue[][] = [
  ["Vistula Dev", 55, 4000, "PL", "", "Dedicated team", "T&M", "High", "High", "Confidential"],
  ["", "", "", "", "", "", "", "", "", ""],
  ["Deccan Soft", "$28", "6,000", "India", "", "Staff augmentation", "Fixed price", "Low", "High", "Regulated"],
  ["Pending Co", "TBD", 1000, "", "Europe/Lisbon", "", "", "", "", ""],
  ["Azteca Labs", 45, 3000, "", "America/Mexico_City", "Managed service", "Capacity", "Medium", "Medium", "Internal"],
];
const JAN_15_2026 = dateToExcelSerial({ year: 2026, month: 1, day: 15 });
const ASSUMPTIONS: CellValue[][] = [
  ["Buyer time zone", "America/New_York"],
  ["Reference date", JAN_15_2026],
  ["Buyer workday start", 0.375],
];

function model(row: CellValue[]): Evaluation | string | null {
  const a = parseAssumptions(ASSUMPTIONS);
  if (!a.ok) throw new Error(a.error.message);
  const r = evaluateCells(row, mapHeaders(HEADERS[0]), a.value);
  if (r === null) return null;
  return r.ok ? r.value : r.error.message;
}

/** What each function should give for ROWS, cell by cell, from the model. */
function expectPerRow(id: string, project: (e: Evaluation) => unknown[], width = 1): void {
  const result = call(id, ROWS, HEADERS, ASSUMPTIONS) as unknown[][];
  expect(result).toHaveLength(ROWS.length);
  ROWS.forEach((row, i) => {
    const expected = model(row);
    expect(result[i]).toHaveLength(width);
    if (expected === null) expect(result[i]).toEqual(new Array(width).fill(""));
    else if (typeof expected === "string") {
      for (const cell of result[i]) {
        expect(cell).toBeInstanceOf(CustomFunctionsError);
        expect(cell).toMatchObject({ code: "#VALUE!", message: expected });
      }
    } else expect(result[i]).toEqual(project(expected));
  });
}

/** Per function in functions.json: the call a user makes, checked against the model. */
const EXAMPLES: Record<string, () => void> = {
  TOTALCOST: () => expectPerRow("TOTALCOST", (e) => [e.cost.total]),
  RISKSCORE: () => expectPerRow("RISKSCORE", (e) => [e.risk.score]),
  LOCATIONFIT: () => expectPerRow("LOCATIONFIT", (e) => [e.fit.verdict]),
  FITDETAIL: () =>
    expectPerRow("FITDETAIL", ({ fit }) => [fit.score, fit.verdict, fit.overlapHours, fit.requiredOverlapHours, fit.recommendedLocationModel, fit.reason, fit.locationCheck], 7),
  RISKDRIVERS: () =>
    expectPerRow("RISKDRIVERS", ({ risk }) => [
      risk.drivers
        .slice(0, 3)
        .map((d) => `${d.label} (${Math.round(d.score)}): ${d.cause} Reduce it: ${d.mitigation}`)
        .join(" | "),
    ]),
  COSTBREAKDOWN: () => {
    const evaluation = model(ROWS[0]) as Evaluation;
    const lines = call("COSTBREAKDOWN", [ROWS[0]], HEADERS, ASSUMPTIONS) as unknown[][];
    expect(lines.map((l) => l.slice(0, 2))).toEqual([
      ["Labour", evaluation.cost.labour],
      ...evaluation.cost.lines.map((l) => [l.label, l.amount]),
      ["Total cost", evaluation.cost.total],
      ["Effective hourly rate", evaluation.cost.effectiveHourlyRate],
    ]);
    const a = parseAssumptions(ASSUMPTIONS);
    if (!a.ok) throw new Error(a.error.message);
    const [low, high] = [costAt(evaluation.row, a.value, "low"), costAt(evaluation.row, a.value, "high")];
    expect(lines.map((l) => l.slice(3))).toEqual([
      [evaluation.cost.labour, evaluation.cost.labour],
      ...low.lines.map((l, i) => [l.amount, high.lines[i].amount]),
      [low.total, high.total],
      [low.effectiveHourlyRate, high.effectiveHourlyRate],
    ]);
  },
  COSTRANGE: () => {
    const a = parseAssumptions(ASSUMPTIONS);
    if (!a.ok) throw new Error(a.error.message);
    const assumptions = a.value;
    expectPerRow("COSTRANGE", (e) => {
      const range = costRange(e.row, assumptions);
      return [range.low, range.expected, range.high];
    }, 3);
  },
  OVERLAP: () => {
    const krakow = overlap("America/New_York", "Europe/Warsaw", { year: 2026, month: 1, day: 15 });
    expect(krakow.ok && krakow.value).toBe(2);
    expect(call("OVERLAP", "America/New_York", "Poland", JAN_15_2026, null, null, null, null)).toBe(2);
    expect(call("OVERLAP", "America/New_York", "IN", JAN_15_2026)).toBe(0);
    expect(call("OVERLAP", "America/New_York", "America/Mexico_City", dateToExcelSerial({ year: 2026, month: 7, day: 15 }), 0.375, 17, "", "")).toBe(6);
  },
};

describe("dist/functions.js loaded as Excel loads it", () => {
  test("registers exactly the functions functions.json declares, each a function", () => {
    expect([...registered.keys()].sort()).toEqual(metadata.map((f) => f.id.toUpperCase()).sort());
  });

  test("every declared function gives the model's results for Excel-shaped arguments", () => {
    const missing = metadata.map((f) => f.id).filter((id) => !(id in EXAMPLES));
    expect(missing).toEqual([]);
    for (const f of metadata) EXAMPLES[f.id]();
  });

  test("a table row at a time (1 x M, as in a calculated column) gives a 1 x 1 result", () => {
    const expected = model(ROWS[4]) as Evaluation;
    expect(call("TOTALCOST", [ROWS[4].slice()], [HEADERS[0].slice()], ASSUMPTIONS.map((r) => r.slice()))).toEqual([[expected.cost.total]]);
    expect(call("LOCATIONFIT", [ROWS[1]], HEADERS)).toEqual([[""]]);
  });

  test("errors reach Excel as #VALUE! with the reason: widths, missing column, unknown assumption, bad zone", () => {
    expect(callError("TOTALCOST", [ROWS[0].slice(0, 4)], HEADERS).message).toContain("columns");
    const noHours = [HEADERS[0].map((h) => (h === "Effort (h)" ? "Notes" : h))];
    expect(callError("RISKSCORE", ROWS, noHours).message).toContain("Hours");
    expect(callError("LOCATIONFIT", ROWS, HEADERS, [["Coffee budget", 3]]).message).toContain("Coffee budget");
    const zone = callError("OVERLAP", "Atlantis", "Europe/Warsaw", JAN_15_2026);
    expect(zone.code).toBe("#VALUE!");
    expect(zone.message).toContain("Atlantis");
  });

  // functions.json sets allowCustomDataForDataTypeAny, so Excel passes a data type to an `any`
  // parameter as its object ("Custom functions and data types").
  test("cells holding Excel data types (Geography linked entities, formatted numbers) give the results of plain cells", () => {
    for (const id of ["TOTALCOST", "RISKSCORE", "LOCATIONFIT", "FITDETAIL", "RISKDRIVERS"]) {
      const plain = call(id, ROWS, HEADERS, ASSUMPTIONS);
      expect({ id, result: call(id, asDataTypes(ROWS, "entities"), asDataTypes(HEADERS, "basic"), asDataTypes(ASSUMPTIONS, "entities")) }).toEqual({ id, result: plain });
    }
    expect(callError("OVERLAP", linkedEntity("United States"), "Poland", JAN_15_2026).message).toContain("America/New_York");
    expect(call("OVERLAP", "America/New_York", linkedEntity("Poland"), formattedNumber(JAN_15_2026, "d mmm yyyy"))).toBe(2);
    const image = callError("OVERLAP", webImage(), "Poland", JAN_15_2026);
    expect(image.message).toMatch(/zone_a holds an image/);
  });

  test("outside Excel (no CustomFunctions runtime, as in the pane's browser preview) the bundle loads without an error", () => {
    const context = vm.createContext({});
    vm.runInContext("globalThis.self = globalThis; globalThis.window = globalThis;", context);
    expect(() => vm.runInContext(bundleText, context, { filename: "functions.js" })).not.toThrow();
  });

  test("the bundle carries no React and no Fluent UI", () => {
    expect(bundleText).not.toMatch(/react\.(element|fragment|transitional)|__SECRET_INTERNALS|fluentui|fui-[A-Z]/);
    // Kept small because Excel loads it before the first formula recalculates.
    expect(gzipSync(bundleText).length).toBeLessThan(200 * 1024);
  });
});

describe("functions.json from the build", () => {
  const ROW_FUNCTIONS = ["TOTALCOST", "RISKSCORE", "LOCATIONFIT", "FITDETAIL", "RISKDRIVERS", "COSTBREAKDOWN", "COSTRANGE"];
  const byId = (id: string) => {
    const f = metadata.find((m) => m.id === id);
    if (!f) throw new Error(`functions.json has no ${id}`);
    return f;
  };

  test("lists the four signature functions and at least three explaining ones", () => {
    const ids = metadata.map((f) => f.id);
    for (const id of ["TOTALCOST", "RISKSCORE", "LOCATIONFIT", "OVERLAP"]) expect(ids).toContain(id);
    expect(ids.length).toBeGreaterThanOrEqual(7);
    for (const f of metadata) expect(f.name).toBe(f.id);
  });

  test("rows, headers and assumptions are matrices; assumptions is optional; per-row results are matrices", () => {
    for (const id of ROW_FUNCTIONS) {
      const [rows, headers, assumptions] = byId(id).parameters;
      expect(rows).toMatchObject({ dimensionality: "matrix", type: "any" });
      expect(headers).toMatchObject({ name: "headers", dimensionality: "matrix", type: "any" });
      expect(assumptions).toMatchObject({ name: "assumptions", dimensionality: "matrix", type: "any", optional: true });
      expect(rows.optional).toBeUndefined();
      expect(headers.optional).toBeUndefined();
      expect(byId(id).result.dimensionality).toBe("matrix");
    }
    for (const id of ["TOTALCOST", "RISKSCORE", "LOCATIONFIT", "COSTRANGE"]) {
      expect(byId(id).parameters.map((p) => p.name)).toEqual(["rows", "headers", "assumptions", "exchange_rates"]);
    }
    // The exchange-rate table comes last (after top for RISKDRIVERS), optional, as a range.
    for (const id of ROW_FUNCTIONS) expect(byId(id).parameters[byId(id).parameters.length - 1]).toMatchObject({ name: "exchange_rates", dimensionality: "matrix", type: "any", optional: true });
  });

  test("every parameter is `any` and the file allows data types for `any` (Custom functions and data types), so a Geography cell arrives as its entity, read by its text", () => {
    expect(metadataFile.allowCustomDataForDataTypeAny).toBe(true);
    for (const f of metadata) for (const p of f.parameters) expect({ f: f.id, p: p.name, type: p.type }).toEqual({ f: f.id, p: p.name, type: "any" });
  });

  test("OVERLAP takes two zones, then an optional date and four optional hours, and returns one number", () => {
    const f = byId("OVERLAP");
    expect(f.parameters.map((p) => p.name)).toEqual(["zone_a", "zone_b", "date", "start_a", "end_a", "start_b", "end_b"]);
    expect(f.parameters.slice(0, 2).every((p) => !p.optional && !p.dimensionality)).toBe(true);
    expect(f.parameters.slice(2).every((p) => p.optional === true && !p.dimensionality)).toBe(true);
    expect(f.result).toEqual({ type: "number" });
  });

  // A volatile function recalculates with all its dependents at every calculation
  // ("Autogenerate JSON metadata for custom functions", @volatile): no function is volatile;
  // TODAY() as OVERLAP's date (or in the Reference date cell) follows the calendar instead.
  test("no function is volatile; OVERLAP's date and the README say to pass TODAY() to follow the calendar", () => {
    for (const f of metadata) expect({ id: f.id, volatile: f.options?.volatile }).toEqual({ id: f.id, volatile: undefined });
    expect(byId("OVERLAP").parameters[2].description).toContain("TODAY()");
    const readme = readFileSync(path.join(DIST, "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### OFFSHORE.OVERLAP"), readme.indexOf("### OFFSHORE.COSTBREAKDOWN"));
    expect(section).toMatch(/=OFFSHORE\.OVERLAP\([^)]*TODAY\(\)\)/);
    expect(section).toMatch(/blank `Reference date`/);
  });

  // Excel's TODAY() is the date where the user sits. The bundle runs in a Node process set to
  // New York at 10 p.m. on 7 March 2026, already 8 March in UTC and the day US clocks change.
  test("a left-out date and a blank Reference date are today in the user's time zone, as TODAY() is", () => {
    const at10pmInNewYork = Date.UTC(2026, 2, 8, 3, 0);
    const serial = (day: number) => dateToExcelSerial({ year: 2026, month: 3, day });
    const blank = [["Buyer time zone", "America/New_York"], ["Reference date", ""]];
    const on = (day: number) => [["Buyer time zone", "America/New_York"], ["Reference date", serial(day)]];
    const [noDate, march7, march8, fitBlank, fitMarch7, fitMarch8] = callInZone("America/New_York", at10pmInNewYork, [
      ["OVERLAP", "America/New_York", "Poland"],
      ["OVERLAP", "America/New_York", "Poland", serial(7)],
      ["OVERLAP", "America/New_York", "Poland", serial(8)],
      ["FITDETAIL", [ROWS[0]], HEADERS, blank],
      ["FITDETAIL", [ROWS[0]], HEADERS, on(7)],
      ["FITDETAIL", [ROWS[0]], HEADERS, on(8)],
    ]);
    expect(march7).not.toEqual(march8);
    expect(noDate).toEqual(march7);
    expect(fitMarch7).not.toEqual(fitMarch8);
    expect(fitBlank).toEqual(fitMarch7);
  });

  test("every function and parameter is described, and every help link opens a section of the help page", () => {
    const help = readFileSync(path.join(DIST, "help.html"), "utf8");
    const anchors = new Set([...help.matchAll(/\sid="?([^"\s>]+)/g)].map((m) => m[1]));
    for (const f of metadata) {
      expect(f.description.length).toBeGreaterThan(30);
      for (const p of f.parameters) expect(p.description?.length ?? 0).toBeGreaterThan(5);
      const url = new URL(f.helpUrl);
      expect(`${url.origin}${url.pathname}`).toBe("https://localhost:3000/help.html");
      expect(anchors).toContain(url.hash.slice(1));
    }
  });
});
