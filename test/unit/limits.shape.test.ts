// The limits check reads formulas by character code and skips formulas too short to break a
// limit: it must find what a reading character by character finds, for every formula.
import fc from "fast-check";
import { EXCEL_LIMITS, excelLimitProblem, formulaProblem, formulaShape } from "../../src/workbook/limits";

/** The shape read one character at a time, as the check did before it read character codes. */
function shapeByCharacters(formula: string): { longestText: number; depth: number } {
  let longestText = 0;
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      let length = 0;
      for (i++; i < formula.length; i++) {
        if (formula[i] === ch) {
          if (formula[i + 1] === ch) i++;
          else break;
        }
        length++;
      }
      if (ch === '"') longestText = Math.max(longestText, length);
    } else if (ch === "(") deepest = Math.max(deepest, ++depth);
    else if (ch === ")") depth--;
  }
  return { longestText, depth: deepest };
}

function problemByCharacters(formula: string): string {
  if (formula.length > EXCEL_LIMITS.formulaLength) return "length";
  const shape = shapeByCharacters(formula);
  if (shape.longestText > EXCEL_LIMITS.formulaText) return "text";
  if (shape.depth > EXCEL_LIMITS.nesting) return "nesting";
  return "";
}

const kindOf = (problem: string) => (problem === "" ? "" : /characters, over Excel's limit of 8,192/.test(problem) ? "length" : /holding a text/.test(problem) ? "text" : "nesting");

// Formulas made of what matters to the reading: quotes of both kinds, doubled or not, parentheses, and filler.
const pieces = fc.constantFrom('"', "'", '""', "''", "(", ")", "((", "))", "A1", "x", ",", "SUM(", "é", "😀", " ");
const formulas = fc.oneof(
  fc.array(pieces, { maxLength: 120 }).map((p) => "=" + p.join("")),
  fc.string({ maxLength: 300 }),
  // Near the limits: deep nesting, long texts (closed or not), around the short-formula cut.
  fc.tuple(fc.integer({ min: 55, max: 75 }), fc.integer({ min: 0, max: 75 })).map(([open, close]) => "=" + "(".repeat(open) + "1" + ")".repeat(close)),
  fc.tuple(fc.integer({ min: 240, max: 270 }), fc.boolean(), fc.constantFrom('"', "'")).map(([n, closed, q]) => `=IF(A1=${q}${"y".repeat(n)}${closed ? q : ""}`),
  fc.integer({ min: 0, max: 130 }).map((n) => "(".repeat(n)),
  fc.integer({ min: 250, max: 262 }).map((n) => '"' + "z".repeat(n)),
  // Around the length up to which only the nesting can break a limit: parentheses in and out of quotes, texts that reach the end.
  fc
    .tuple(fc.integer({ min: 60, max: 70 }), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 200 }), fc.constantFrom('"', "'", ""), fc.boolean())
    .map(([open, quoted, filler, q, closed]) => ("=" + "(".repeat(open) + q + "(".repeat(quoted) + "w".repeat(filler) + (closed ? q : "")).slice(0, 259)),
);

describe("formula limits read by character code", () => {
  it("formulaShape finds the longest text and the deepest nesting a character-by-character reading finds", () => {
    fc.assert(fc.property(formulas, (formula) => expect(formulaShape(formula)).toEqual(shapeByCharacters(formula))), { numRuns: 20000 });
  });

  it("formulaProblem names the same limit, or none, as the full reading", () => {
    fc.assert(fc.property(formulas, (formula) => expect(kindOf(formulaProblem(formula))).toBe(problemByCharacters(formula))), { numRuns: 20000 });
  });

  it("a formula past a limit is named at the edges the short-formula cut sits near", () => {
    expect(kindOf(formulaProblem("(".repeat(EXCEL_LIMITS.nesting + 1)))).toBe("nesting");
    expect(kindOf(formulaProblem("(".repeat(EXCEL_LIMITS.nesting)))).toBe("");
    expect(kindOf(formulaProblem('"' + "z".repeat(EXCEL_LIMITS.formulaText + 1)))).toBe("text");
    expect(kindOf(formulaProblem("=" + "1".repeat(EXCEL_LIMITS.formulaLength)))).toBe("length");
  });
});

describe("formulas written down a column from one template", () => {
  // One template's cells, as an action writes a column: the same parts array, the row number joined between them.
  const templated = (parts: readonly string[], row: string) => ({ formula: parts.join(row), cachedValue: null, rowTemplate: { parts, row } });
  const plain = (parts: readonly string[], row: string) => ({ formula: parts.join(row), cachedValue: null });
  const check = (cells: { formula: string }[][]) => excelLimitProblem([{ kind: "writeRange", sheet: "S", address: "A2", cells }]);

  it("are judged as their joined text is, whatever the row numbers' lengths, in any order", () => {
    const templates = fc.array(fc.array(fc.oneof(pieces, fc.constantFrom('="' + "t".repeat(250), "y".repeat(8180))), { maxLength: 40 }).map((p) => p.join("")), { minLength: 1, maxLength: 5 });
    const rows = fc.array(fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: EXCEL_LIMITS.rows })).map(String), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(templates, rows, (parts, numbers) => {
        expect(check(numbers.map((r) => [templated(parts, r)]))).toBe(check(numbers.map((r) => [plain(parts, r)])));
      }),
      { numRuns: 3000 },
    );
  });

  // A block checks each column's cells of one template and row length once: the first cell
  // past a limit must still be the one named, reading the block row by row.
  it("are judged as their joined texts are in blocks of several columns, a column's template and row numbers changing down it", () => {
    // A template's parts: one array, shared by every cell that takes it, as a column's cells share theirs.
    const parts = fc.array(fc.array(fc.oneof(pieces, fc.constantFrom('="' + "t".repeat(250), "=" + "(".repeat(63))), { maxLength: 20 }).map((p) => p.join("")), { minLength: 1, maxLength: 4 });
    const row = fc.oneof(fc.integer({ min: 1, max: 9 }).map(String), fc.integer({ min: 10, max: 1_000_000 }).map(String), fc.constantFrom("", "7a", "0x1", "\u0663", " 8", "\"", "((("));
    const grid = fc.array(fc.array(fc.tuple(fc.nat(), row), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(parts, { minLength: 1, maxLength: 3 }), grid, (templates, cells) => {
        const write = (make: (parts: readonly string[], row: string) => { formula: string }) => cells.map((r) => r.map(([t, n]) => make(templates[t % templates.length], n)));
        expect(check(write(templated))).toBe(check(write(plain)));
      }),
      { numRuns: 3000 },
    );
  });

  it("a longer row number that pushes a text inside the formula past Excel's limit is caught after a shorter one passed", () => {
    const parts = ['="' + "t".repeat(EXCEL_LIMITS.formulaText - 1), '"'];
    expect(check([[templated(parts, "9")]])).toBe("");
    expect(kindOf(check([[templated(parts, "9")], [templated(parts, "10")]]).replace(/^S!A3 would hold /, ""))).toBe("text");
  });
});
