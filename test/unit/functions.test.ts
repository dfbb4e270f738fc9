// The OFFSHORE wrappers over the model, called as Excel calls them (2-D arrays, "" for
// empty cells, null for omitted arguments), without a build. The model is the oracle:
// these tests pin what the wrappers add (shapes, blanks, errors), not the model's numbers.
import fc from "fast-check";
import { costAt, costRange, evaluateCells, mapHeaders, overlap, parseAssumptions, dateToExcelSerial } from "../../src/model";
import type { CellValue, Evaluation } from "../../src/model";
import {
  costBreakdownCells,
  costRangeCells,
  COST_RANGE_COLUMNS,
  fitDetailCells,
  FIT_DETAIL_COLUMNS,
  locationFitCells,
  overlapValue,
  riskDriversCells,
  riskScoreCells,
  totalCostCells,
} from "../../src/functions/wrappers";
import { CustomFunctionsError, installCustomFunctionsRuntime } from "../helpers/customFunctionsRuntime";
import { arrayValue, asDataType, asDataTypes, doubleValue, entity, formattedNumber, linkedEntity, notAvailable, webImage } from "../helpers/dataTypes";

installCustomFunctionsRuntime();

const HEADERS: CellValue[][] = [
  ["Vendor", "Hourly rate", "Hours", "Country", "Location model", "Engagement model", "Pricing model", "Requirements clarity", "Collaboration intensity", "Data sensitivity", "Certifications"],
];
const KRAKOW: CellValue[] = ["Vistula Dev", 55, 4000, "Poland", "Nearshore", "Dedicated team", "Time and materials", "High", "High", "Confidential", "ISO 27001"];
const BANGALORE: CellValue[] = ["Deccan Soft", 28, 6000, "India", "Offshore", "Staff augmentation", "Fixed price", "Low", "High", "Regulated", ""];
const LONDON: CellValue[] = ["Thames IT", 90, 2000, "United Kingdom", "Onshore", "Project", "Fixed price", "High", "Medium", "Internal", "SOC 2"];
const BLANK: CellValue[] = ["", "", "", "", "", "", "", "", "", "", ""];
const TBD_RATE: CellValue[] = ["Pending Co", "TBD", 1000, "Poland", "", "", "", "", "", "", ""];
const ASSUMPTIONS: CellValue[][] = [
  ["Buyer time zone", "Europe/London"],
  ["Reference date", dateToExcelSerial({ year: 2026, month: 1, day: 15 })],
];

/** The model's own evaluation of a row, for comparison. */
function modelEvaluation(row: CellValue[], assumptions: CellValue[][] | undefined = ASSUMPTIONS): Evaluation {
  const a = parseAssumptions(assumptions);
  if (!a.ok) throw new Error(a.error.message);
  const result = evaluateCells(row, mapHeaders(HEADERS[0]), a.value);
  if (!result) throw new Error("the model sees a blank row");
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function expectValueError(value: unknown, ...fragments: string[]): void {
  expect(value).toBeInstanceOf(CustomFunctionsError);
  const error = value as CustomFunctionsError;
  expect(error.code).toBe("#VALUE!");
  for (const fragment of fragments) expect(error.message).toContain(fragment);
}

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw a CustomFunctions.Error");
}

describe("TOTALCOST, RISKSCORE and LOCATIONFIT", () => {
  test("one row gives one cell with the model's total cost for that row", () => {
    expect(totalCostCells([KRAKOW], HEADERS, ASSUMPTIONS)).toEqual([[modelEvaluation(KRAKOW).cost.total]]);
  });

  test("many rows spill one result per row, in row order", () => {
    const rows = [KRAKOW, BANGALORE, LONDON];
    expect(totalCostCells(rows, HEADERS, ASSUMPTIONS)).toEqual(rows.map((r) => [modelEvaluation(r).cost.total]));
    expect(riskScoreCells(rows, HEADERS, ASSUMPTIONS)).toEqual(rows.map((r) => [modelEvaluation(r).risk.score]));
    expect(locationFitCells(rows, HEADERS, ASSUMPTIONS)).toEqual(rows.map((r) => [modelEvaluation(r).fit.verdict]));
  });

  test("a bad row gets its own #VALUE! naming the column and the value; the rows around it still compute", () => {
    const result = totalCostCells([KRAKOW, TBD_RATE, LONDON], HEADERS, ASSUMPTIONS);
    expect(result).toHaveLength(3);
    expect(result[0]).toEqual([modelEvaluation(KRAKOW).cost.total]);
    expectValueError(result[1][0], "Hourly rate", "TBD");
    expect(result[2]).toEqual([modelEvaluation(LONDON).cost.total]);
  });

  test("a blank row gives an empty cell, so empty table rows stay clean", () => {
    expect(totalCostCells([BLANK], HEADERS, ASSUMPTIONS)).toEqual([[""]]);
    expect(locationFitCells([KRAKOW, BLANK], HEADERS, ASSUMPTIONS)).toEqual([[modelEvaluation(KRAKOW).fit.verdict], [""]]);
  });

  test("omitted assumptions (null, undefined, an empty cell) mean the defaults", () => {
    const defaults = modelEvaluation(LONDON, undefined).cost.total;
    for (const omitted of [null, undefined, [[""]]]) {
      expect(totalCostCells([LONDON], HEADERS, omitted)).toEqual([[defaults]]);
    }
  });

  test("an assumptions range changes the result the way the model says", () => {
    const withBuyerInIndia = [["Buyer time zone", "Asia/Kolkata"], ASSUMPTIONS[1]];
    const expected = modelEvaluation(BANGALORE, withBuyerInIndia).fit.verdict;
    expect(locationFitCells([BANGALORE], HEADERS, withBuyerInIndia)).toEqual([[expected]]);
  });

  test("each call is read through its own headers and assumptions, even when they change from call to call", () => {
    const reversedHeaders = [HEADERS[0].slice().reverse()];
    const reversedRow = KRAKOW.slice().reverse();
    const otherAssumptions = [["Buyer time zone", "Asia/Kolkata"], ASSUMPTIONS[1]];
    for (let i = 0; i < 3; i++) {
      expect(totalCostCells([KRAKOW], HEADERS, ASSUMPTIONS)).toEqual([[modelEvaluation(KRAKOW).cost.total]]);
      expect(totalCostCells([reversedRow], reversedHeaders, ASSUMPTIONS)).toEqual([[modelEvaluation(KRAKOW).cost.total]]);
      expect(fitDetailCells([BANGALORE], HEADERS, otherAssumptions)[0][2]).toBe(modelEvaluation(BANGALORE, otherAssumptions).fit.overlapHours);
      expect(fitDetailCells([BANGALORE], HEADERS, ASSUMPTIONS)[0][2]).toBe(modelEvaluation(BANGALORE).fit.overlapHours);
    }
    expect(modelEvaluation(BANGALORE, otherAssumptions).fit.overlapHours).not.toBe(modelEvaluation(BANGALORE).fit.overlapHours);
  });

  test("headers of another width than rows is #VALUE! giving both widths", () => {
    const error = thrown(() => totalCostCells([KRAKOW.slice(0, 5)], HEADERS, ASSUMPTIONS));
    expectValueError(error, "11 columns", "5");
  });

  test("headers of more than one row is #VALUE!", () => {
    expectValueError(thrown(() => riskScoreCells([KRAKOW], [HEADERS[0], HEADERS[0]], ASSUMPTIONS)), "one row");
  });

  test("a missing required column is #VALUE! naming the column", () => {
    const headers = [HEADERS[0].map((h) => (h === "Hourly rate" ? "Notes on rate" : h))];
    expectValueError(thrown(() => totalCostCells([KRAKOW], headers, ASSUMPTIONS)), "Hourly rate");
  });

  test("an unknown assumption name is #VALUE! naming it", () => {
    const error = thrown(() => totalCostCells([KRAKOW], HEADERS, [["Coffee budget", 5]]));
    expectValueError(error, "Coffee budget");
  });

  test("a scalar where a range belongs is #VALUE!, not an exception", () => {
    expectValueError(thrown(() => totalCostCells(5, HEADERS)), "rows");
    expectValueError(thrown(() => totalCostCells([KRAKOW], "Vendor")), "headers");
  });

  test("hostile arguments get a #VALUE! in words, never the engine's message ('e?.map is not a function', '[object Object]')", () => {
    const hostile: unknown[] = ["x", 5, true, { a: 1 }, [null], [[KRAKOW[0]], null], [["Buyer time zone", { x: 1 }]], [{ a: 1 }]];
    const leaks = /is not a function|\[object Object\]|Cannot read|undefined|null \(reading/;
    for (const fn of [totalCostCells, riskScoreCells, locationFitCells, fitDetailCells, riskDriversCells, costBreakdownCells, costRangeCells]) {
      for (const bad of hostile) {
        for (const args of [[[KRAKOW], HEADERS, bad], [bad, HEADERS], [[KRAKOW], bad]]) {
          let message: string;
          try {
            const result = (fn as (...a: unknown[]) => unknown[][])(...args);
            message = result.flat().map((v) => (v instanceof CustomFunctionsError ? v.message ?? "" : "")).join(" ");
          } catch (error) {
            expect(error).toBeInstanceOf(CustomFunctionsError);
            message = (error as CustomFunctionsError).message ?? "";
          }
          expect([fn.name, JSON.stringify(args).slice(0, 60), message]).toEqual([fn.name, JSON.stringify(args).slice(0, 60), expect.not.stringMatching(leaks)]);
        }
      }
    }
  });

  test("whatever the cells hold, every result is a value, an empty cell or a CustomFunctions.Error", () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom("", "TBD", "$45", "18%", "Regulated", "Asia/Kolkata", "United States", "=1+1", "-5"),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 11, maxLength: 11 }), { minLength: 1, maxLength: 8 }), (rows) => {
        for (const fn of [totalCostCells, riskScoreCells, locationFitCells, fitDetailCells, riskDriversCells, costRangeCells]) {
          const result = fn(rows, HEADERS, ASSUMPTIONS);
          expect(result).toHaveLength(rows.length);
          for (const line of result) {
            for (const value of line) {
              const ok = value instanceof CustomFunctionsError || value === "" || typeof value === "string" || Number.isFinite(value);
              expect(ok).toBe(true);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("explaining functions", () => {
  test("COSTBREAKDOWN spills labour and every hidden-cost line, and its amounts add up to the total", () => {
    const evaluation = modelEvaluation(BANGALORE);
    const lines = costBreakdownCells([BANGALORE], HEADERS, ASSUMPTIONS);
    expect(lines.every((line) => line.length === 5)).toBe(true);
    expect(lines.map((line) => line[0])).toEqual([
      "Labour",
      ...evaluation.cost.lines.map((l) => l.label),
      "Total cost",
      "Effective hourly rate",
    ]);
    // Labour, eleven hidden-cost lines ending with the exit, the total and the rate: one row more than before the exit line.
    expect(lines).toHaveLength(14);
    expect(lines[11].slice(0, 2)).toEqual(["Exit and transition-out", evaluation.cost.lines[10].amount]);
    expect(lines[11][1]).toBeGreaterThan(0);
    const parts = lines.slice(0, -2).reduce((sum, line) => sum + (line[1] as number), 0);
    expect(parts).toBeCloseTo(evaluation.cost.total, 6);
    expect(lines[lines.length - 2][1]).toBe(evaluation.cost.total);
    expect(lines[lines.length - 1][1]).toBe(evaluation.cost.effectiveHourlyRate);
  });

  test("COSTBREAKDOWN shows each line's range after its first three columns: the model's line at the low and the high ends, labour without a range", () => {
    const evaluation = modelEvaluation(BANGALORE);
    const a = parseAssumptions(ASSUMPTIONS);
    if (!a.ok) throw new Error(a.error.message);
    const [low, high] = [costAt(evaluation.row, a.value, "low"), costAt(evaluation.row, a.value, "high")];
    const lines = costBreakdownCells([BANGALORE], HEADERS, ASSUMPTIONS);
    expect(lines[0].slice(3)).toEqual([evaluation.cost.labour, evaluation.cost.labour]);
    evaluation.cost.lines.forEach((line, i) => {
      expect(lines[i + 1].slice(0, 2)).toEqual([line.label, line.amount]);
      expect(lines[i + 1].slice(3)).toEqual([low.lines[i].amount, high.lines[i].amount]);
      expect(low.lines[i].amount).toBeLessThanOrEqual(line.amount);
      expect(high.lines[i].amount).toBeGreaterThanOrEqual(line.amount);
    });
    expect(lines[lines.length - 2].slice(3)).toEqual([low.total, high.total]);
    expect(lines[lines.length - 1].slice(3)).toEqual([low.effectiveHourlyRate, high.effectiveHourlyRate]);
    expect(high.total).toBeGreaterThan(low.total);
  });

  test("COSTRANGE spills low, expected and high per row: the model's range, expected equal to TOTALCOST; a blank row blanks, a bad row its error in each column", () => {
    expect(COST_RANGE_COLUMNS).toEqual(["Low", "Expected", "High"]);
    const result = costRangeCells([KRAKOW, BLANK, TBD_RATE, BANGALORE], HEADERS, ASSUMPTIONS);
    const a = parseAssumptions(ASSUMPTIONS);
    if (!a.ok) throw new Error(a.error.message);
    for (const [i, row] of [[0, KRAKOW], [3, BANGALORE]] as const) {
      const range = costRange(modelEvaluation(row).row, a.value);
      expect(result[i]).toEqual([range.low, range.expected, range.high]);
      expect(result[i][1]).toBe(totalCostCells([row], HEADERS, ASSUMPTIONS)[0][0]);
      expect(range.low).toBeLessThan(range.expected);
      expect(range.expected).toBeLessThan(range.high);
    }
    expect(result[1]).toEqual(["", "", ""]);
    expect(result[2]).toHaveLength(3);
    for (const v of result[2]) expectValueError(v, "Hourly rate", "TBD");
  });

  test("COSTBREAKDOWN explains one row: several rows is #VALUE!, a bad row its own message", () => {
    expectValueError(thrown(() => costBreakdownCells([KRAKOW, LONDON], HEADERS)), "one vendor row", "2 rows");
    expectValueError(thrown(() => costBreakdownCells([TBD_RATE], HEADERS)), "Hourly rate", "TBD");
    expect(costBreakdownCells([BLANK], HEADERS)).toEqual([[""]]);
  });

  test("RISKDRIVERS lists the highest-scoring risks first, three unless told, each with its mitigation", () => {
    const evaluation = modelEvaluation(BANGALORE);
    const [[text]] = riskDriversCells([BANGALORE], HEADERS, ASSUMPTIONS) as string[][];
    const parts = text.split(" | ");
    expect(parts).toHaveLength(3);
    evaluation.risk.drivers.slice(0, 3).forEach((driver, i) => {
      expect(parts[i].startsWith(driver.label)).toBe(true);
      expect(parts[i]).toContain(driver.mitigation);
    });
    const [[one]] = riskDriversCells([BANGALORE], HEADERS, ASSUMPTIONS, 1) as string[][];
    expect(one.split(" | ")).toHaveLength(1);
  });

  test("RISKDRIVERS with a top that is not a whole number of 1 or more is #VALUE!", () => {
    for (const top of [0, 2.5, "three", -1]) {
      expectValueError(thrown(() => riskDriversCells([BANGALORE], HEADERS, ASSUMPTIONS, top)), "top");
    }
  });

  test("FITDETAIL spills the model's score, verdict, overlap, need, recommended model, reason and location model check per row", () => {
    const rows = [KRAKOW, BLANK, BANGALORE];
    const result = fitDetailCells(rows, HEADERS, ASSUMPTIONS);
    expect(result).toHaveLength(3);
    for (const [i, row] of rows.entries()) {
      expect(result[i]).toHaveLength(FIT_DETAIL_COLUMNS.length);
      if (row === BLANK) {
        expect(result[i].every((v) => v === "")).toBe(true);
        continue;
      }
      const { fit } = modelEvaluation(row);
      expect(result[i]).toEqual([fit.score, fit.verdict, fit.overlapHours, fit.requiredOverlapHours, fit.recommendedLocationModel, fit.reason, fit.locationCheck]);
    }
  });

  test("FITDETAIL puts a bad row's error in each of its columns", () => {
    const [line] = fitDetailCells([TBD_RATE], HEADERS, ASSUMPTIONS);
    expect(line).toHaveLength(FIT_DETAIL_COLUMNS.length);
    for (const value of line) expectValueError(value, "Hourly rate");
  });
});

describe("OVERLAP", () => {
  const JAN_15_2026 = dateToExcelSerial({ year: 2026, month: 1, day: 15 });
  const JUL_15_2026 = dateToExcelSerial({ year: 2026, month: 7, day: 15 });

  test("gives the model's overlap for the date, daylight saving included", () => {
    const modelHours = (a: string, b: string, serial: number) => {
      const r = overlap(a, b, { year: 2026, month: serial === JAN_15_2026 ? 1 : 7, day: 15 });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    expect(overlapValue("America/New_York", "Europe/Warsaw", JAN_15_2026)).toBe(modelHours("America/New_York", "Europe/Warsaw", JAN_15_2026));
    expect(overlapValue("America/New_York", "America/Mexico_City", JUL_15_2026)).toBe(
      modelHours("America/New_York", "America/Mexico_City", JUL_15_2026),
    );
  });

  test("New York and Bangalore share no 9-to-5 hours", () => {
    expect(overlapValue("America/New_York", "India", JAN_15_2026)).toBe(0);
  });

  test("hours may be hour numbers or Excel times, and mean the same", () => {
    const asHours = overlapValue("America/New_York", "PL", JAN_15_2026, 8, 18.5, 9, 17);
    const asTimes = overlapValue("America/New_York", "PL", JAN_15_2026, 8 / 24, 18.5 / 24, 0.375, 17 / 24);
    expect(asTimes).toBeCloseTo(asHours, 9);
    expect(asHours).toBeGreaterThan(overlapValue("America/New_York", "PL", JAN_15_2026));
  });

  test("empty cells and omitted hours mean 9:00 to 17:00", () => {
    expect(overlapValue("Europe/Berlin", "Europe/Lisbon", JAN_15_2026, "", null, undefined, "")).toBe(
      overlapValue("Europe/Berlin", "Europe/Lisbon", JAN_15_2026, 9, 17, 9, 17),
    );
  });

  test("an omitted date means today", () => {
    const now = new Date();
    const today = dateToExcelSerial({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
    expect(overlapValue("America/New_York", "Europe/Warsaw")).toBe(overlapValue("America/New_York", "Europe/Warsaw", today));
  });

  test("a country with several time zones is #VALUE! naming candidate zones, never a guess", () => {
    expectValueError(thrown(() => overlapValue("United States", "Europe/Warsaw", JAN_15_2026)), "America/");
  });

  test("zones as buyers type them: cities, offsets and abbreviations; an ambiguous abbreviation is #VALUE! naming its zones", () => {
    expect(overlapValue("Kolkata", "UTC+5:30", JAN_15_2026)).toBe(8);
    expect(overlapValue("EST", "Kraków", JAN_15_2026)).toBe(overlapValue("America/New_York", "Europe/Warsaw", JAN_15_2026));
    expectValueError(thrown(() => overlapValue("IST", "Europe/Warsaw", JAN_15_2026)), "Asia/Kolkata");
  });

  test("whatever the arguments, OVERLAP gives a number of hours within the shorter window or raises #VALUE!", () => {
    // Weighted towards arguments that compute, so both outcomes are exercised.
    const zone = fc.oneof(
      { arbitrary: fc.constantFrom("Asia/Kolkata", "PL", "Poland", "europe/london", "UTC", "Etc/GMT+12", "Pacific/Kiritimati", "America/Sao_Paulo"), weight: 8 },
      { arbitrary: fc.constantFrom("Brazil", "", "Mars/Olympus"), weight: 1 },
      { arbitrary: fc.string(), weight: 1 },
    );
    const date = fc.oneof(
      { arbitrary: fc.constantFrom(null, ""), weight: 2 },
      { arbitrary: fc.integer({ min: 1, max: 80000 }), weight: 6 },
      { arbitrary: fc.oneof(fc.double(), fc.string()), weight: 1 },
    );
    const hour = fc.oneof(
      { arbitrary: fc.constantFrom(null, ""), weight: 3 },
      { arbitrary: fc.double({ min: 0, max: 24, noNaN: true }), weight: 4 },
      { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 2 },
      { arbitrary: fc.oneof(fc.double(), fc.string()), weight: 1 },
    );
    let computed = 0;
    fc.assert(
      fc.property(zone, zone, date, hour, hour, hour, hour, (...args) => {
        try {
          const hours = overlapValue(...args);
          computed++;
          expect(hours).toBeGreaterThanOrEqual(0);
          expect(hours).toBeLessThanOrEqual(24);
        } catch (error) {
          expect(error).toBeInstanceOf(CustomFunctionsError);
          expect((error as CustomFunctionsError).code).toBe("#VALUE!");
        }
      }),
      { numRuns: 300 },
    );
    // The property must also have been tried on arguments that compute.
    expect(computed).toBeGreaterThan(30);
  });

  test("an unknown zone, a text date or a text hour is #VALUE! saying what was expected", () => {
    expectValueError(thrown(() => overlapValue("Mars/Olympus", "Europe/Warsaw", JAN_15_2026)), "Mars/Olympus");
    expectValueError(thrown(() => overlapValue("", "Europe/Warsaw", JAN_15_2026)), "zone_a");
    expectValueError(thrown(() => overlapValue("Europe/Paris", "Europe/Warsaw", "next Tuesday")), "date", "next Tuesday");
    expectValueError(thrown(() => overlapValue("Europe/Paris", "Europe/Warsaw", JAN_15_2026, "nine")), "start_a", "nine");
    expectValueError(thrown(() => overlapValue("Europe/Paris", "Europe/Warsaw", JAN_15_2026, 9, 30)), "24");
  });
});

describe("unexpected failures", () => {
  test("an exception inside the model becomes that row's #VALUE!, never a raw exception", () => {
    jest.isolateModules(() => {
      jest.doMock("../../src/model", () => {
        const actual = jest.requireActual("../../src/model");
        return {
          ...actual,
          evaluateCells: (cells: CellValue[], ...rest: unknown[]) => {
            if (cells[0] === "Broken Ltd") throw new TypeError("cannot read properties of undefined");
            return actual.evaluateCells(cells, ...rest);
          },
          overlap: () => {
            throw new RangeError("invalid time zone data");
          },
        };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const wrappers = require("../../src/functions/wrappers") as typeof import("../../src/functions/wrappers");
      const result = wrappers.totalCostCells([KRAKOW, ["Broken Ltd", ...KRAKOW.slice(1)]], HEADERS, ASSUMPTIONS);
      expect(result[0]).toEqual([modelEvaluation(KRAKOW).cost.total]);
      // The engine's own message says nothing a user can act on (issue: "e?.map is not a function").
      expectValueError(result[1][0], "could not be computed from these arguments");
      expect((result[1][0] as CustomFunctionsError).message).not.toContain("cannot read properties");
      expectValueError(thrown(() => wrappers.overlapValue("Europe/Paris", "Europe/Warsaw")), "invalid time zone data");
    });
    jest.dontMock("../../src/model");
  });
});

// The generated metadata sets allowCustomDataForDataTypeAny, so a cell holding a data type
// reaches every `any` parameter as its object ("Custom functions and data types"; shapes from
// "Excel JavaScript API data types core concepts" and @types/office-js, see test/helpers/dataTypes).
describe("Excel data types as arguments (Custom functions and data types)", () => {
  const ROWS = [KRAKOW, BANGALORE, LONDON, BLANK, TBD_RATE];
  const JAN_15_2026 = dateToExcelSerial({ year: 2026, month: 1, day: 15 });
  const ALL = { totalCostCells, riskScoreCells, locationFitCells, fitDetailCells, riskDriversCells };

  test.each([
    ["linked entities (Geography) and formatted numbers", "entities"],
    ["string, double and boolean values", "basic"],
  ] as const)("rows, headers and assumptions held as %s give the results of plain cells", (_, style) => {
      const rows = asDataTypes(ROWS, style);
      const headers = asDataTypes(HEADERS, style);
      const assumptions = asDataTypes(ASSUMPTIONS, style);
      for (const [name, fn] of Object.entries(ALL)) {
        const plain = fn(ROWS, HEADERS, ASSUMPTIONS);
        expect({ name, result: fn(rows, headers, assumptions) }).toEqual({ name, result: plain });
        expect({ name, single: fn([rows[1]], headers, assumptions) }).toEqual({ name, single: [plain[1]] });
      }
      expect(costBreakdownCells([rows[0]], headers, assumptions)).toEqual(costBreakdownCells([KRAKOW], HEADERS, ASSUMPTIONS));
      expect(riskDriversCells(rows, headers, assumptions, asDataType(2, style))).toEqual(riskDriversCells(ROWS, HEADERS, ASSUMPTIONS, 2));
  });

  test("a Country converted to the Geography data type is read by the name the cell shows", () => {
    const geography = [[...KRAKOW.slice(0, 3), linkedEntity("Poland"), ...KRAKOW.slice(4)]];
    expect(fitDetailCells(geography, HEADERS, ASSUMPTIONS)).toEqual(fitDetailCells([KRAKOW], HEADERS, ASSUMPTIONS));
    const made = [[...BANGALORE.slice(0, 3), entity("India"), ...BANGALORE.slice(4)]];
    expect(locationFitCells(made, HEADERS, ASSUMPTIONS)).toEqual(locationFitCells([BANGALORE], HEADERS, ASSUMPTIONS));
  });

  test("OVERLAP reads zones, date and hours held as data types like the plain values", () => {
    const plain = overlapValue("America/New_York", "Poland", JAN_15_2026, 8, 18, 9, 17);
    expect(overlapValue("America/New_York", linkedEntity("Poland"), formattedNumber(JAN_15_2026, "d mmm yyyy"), formattedNumber(8 / 24, "h:mm"), asDataType(18, "basic"), asDataType(9, "entities"), 17)).toBe(plain);
    expect(overlapValue(entity("America/New_York"), asDataType("PL", "basic"), asDataType(JAN_15_2026, "basic"), 8, 18)).toBe(plain);
    // An empty cell held as an Empty value is omitted, as "" is.
    expect(overlapValue("America/New_York", "Poland", JAN_15_2026, asDataType("", "basic"), 18)).toBe(overlapValue("America/New_York", "Poland", JAN_15_2026, "", 18));
  });

  test("a cell with nothing to read (an image, an error value, an array) is a clear #VALUE! in its own row, never a throw", () => {
    const imageCountry = [...KRAKOW.slice(0, 3), webImage(), ...KRAKOW.slice(4)];
    const naRate = [KRAKOW[0], notAvailable(), ...KRAKOW.slice(2)];
    const result = totalCostCells([imageCountry, LONDON, naRate], HEADERS, ASSUMPTIONS);
    expectValueError(result[0][0], "Country", "an image");
    expect(result[1]).toEqual([modelEvaluation(LONDON).cost.total]);
    expectValueError(result[2][0], "Hourly rate", "#N/A");
    expectValueError(thrown(() => costBreakdownCells([[...KRAKOW.slice(0, 3), arrayValue([[doubleValue(1)]]), ...KRAKOW.slice(4)]], HEADERS, ASSUMPTIONS)), "Country", "array");
  });

  test("an image in a column no function reads (a logo) changes nothing", () => {
    const headers = [[...HEADERS[0], "Logo"]];
    expect(totalCostCells([[...KRAKOW, webImage()]], headers, ASSUMPTIONS)).toEqual(totalCostCells([KRAKOW], HEADERS, ASSUMPTIONS));
    const notes = ASSUMPTIONS.map((row) => [...row, webImage()]);
    expect(totalCostCells([KRAKOW], HEADERS, notes)).toEqual(totalCostCells([KRAKOW], HEADERS, ASSUMPTIONS));
  });

  test("an unreadable header, assumption or OVERLAP argument is #VALUE! saying where", () => {
    const headers = [[HEADERS[0][0], webImage(), ...HEADERS[0].slice(2)]];
    expectValueError(thrown(() => riskScoreCells([KRAKOW], headers, ASSUMPTIONS)), "Column 2 of headers", "an image");
    expectValueError(thrown(() => locationFitCells([KRAKOW], HEADERS, [ASSUMPTIONS[0], [ASSUMPTIONS[1][0], notAvailable()]])), "value in row 2 of assumptions", "#N/A");
    expectValueError(thrown(() => overlapValue(webImage(), "Poland", JAN_15_2026)), "zone_a", "an image");
    expectValueError(thrown(() => overlapValue("America/New_York", "Poland", notAvailable())), "date", "#N/A");
    expectValueError(thrown(() => overlapValue("America/New_York", "Poland", JAN_15_2026, arrayValue([[doubleValue(9)]]))), "start_a", "array");
    expectValueError(thrown(() => riskDriversCells([KRAKOW], HEADERS, ASSUMPTIONS, { type: "Reference", reference: 0 })), "top", "Reference");
  });

  test("whatever object a cell holds, every function returns values or #VALUE! errors and throws nothing else", () => {
    const odd = fc.oneof(
      fc.constantFrom<unknown>(webImage(), notAvailable(), arrayValue([]), {}, [], { type: "Entity" }, { type: 7, basicValue: {} }, { basicValue: "x", basicType: "Error" }),
      fc.object(),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: HEADERS[0].length - 1 }), odd, fc.boolean(), (column, value, inHeaders) => {
        const row: unknown[] = KRAKOW.slice();
        const headers: unknown[] = HEADERS[0].slice();
        (inHeaders ? headers : row)[column] = value;
        for (const fn of Object.values(ALL)) {
          try {
            for (const cell of fn([row], [headers], ASSUMPTIONS).flat()) {
              if (typeof cell === "object") expect(cell).toBeInstanceOf(CustomFunctionsError);
            }
          } catch (error) {
            expect(error).toBeInstanceOf(CustomFunctionsError);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

// Custom functions cannot be volatile per call, and the vendor-row functions must not be
// volatile at all (a 100,000-row calculated column would recompute on every edit): a blank
// Reference date is the day of the calculation, in the user's calendar as TODAY() gives it.
// (The machine's time zone cannot change inside the test runner; the built bundle is run in
// New York at 10 p.m. in test/integration/functions.test.ts.)
describe("a blank Reference date means the day of the calculation", () => {
  const localDay = (ms: number) => {
    const d = new Date(ms);
    return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
  };
  const assumptionsOn = (serial: number | "") => [
    ["Buyer time zone", "America/New_York"],
    ["Reference date", serial],
  ];
  afterEach(() => jest.useRealTimers());

  test("the next recalculation on a later day uses that day, across New York's clock change", () => {
    const march7 = Date.UTC(2026, 2, 7, 12, 0);
    const march9 = Date.UTC(2026, 2, 9, 12, 0);
    const blank = assumptionsOn("");
    const hours = (serial: number | "") => fitDetailCells([KRAKOW], HEADERS, assumptionsOn(serial))[0][2];
    jest.useFakeTimers({ now: march7 });
    expect(hours("")).toBe(hours(dateToExcelSerial(localDay(march7))));
    expect(fitDetailCells([KRAKOW], HEADERS, blank)[0][2]).toBe(hours(dateToExcelSerial(localDay(march7))));
    jest.setSystemTime(march9);
    expect(fitDetailCells([KRAKOW], HEADERS, blank)[0][2]).toBe(hours(dateToExcelSerial(localDay(march9))));
    // The two days differ, so the test tells them apart.
    expect(hours(dateToExcelSerial(localDay(march9)))).not.toBe(hours(dateToExcelSerial(localDay(march7))));
  });
});
