// The README's "Functions" section is what users paste: its example table, its assumptions
// and the results it states must be what the functions give.
import { readFileSync } from "fs";
import path from "path";
import { dateToExcelSerial } from "../../src/model";
import type { CellValue } from "../../src/model";
import { costBreakdownCells, locationFitCells, overlapValue, totalCostCells } from "../../src/functions/wrappers";
import { CustomFunctionsError, installCustomFunctionsRuntime } from "../helpers/customFunctionsRuntime";

installCustomFunctionsRuntime();

const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
const doc = readme.slice(readme.indexOf("\n## Functions"), readme.indexOf("\n## How the numbers are computed"));
const codeBlocks = [...doc.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]);

/**
 * A pasted tab-separated block as Excel holds it: numbers as numbers, the rest as text, and
 * a rectangle (trailing empty cells of a line are still cells).
 */
function pasted(block: string): CellValue[][] {
  const lines = block
    .replace(/\s+$/, "")
    .split("\n")
    .map((line) => line.split("\t").map((cell): CellValue => (cell !== "" && !Number.isNaN(Number(cell)) ? Number(cell) : cell)));
  const width = Math.max(...lines.map((l) => l.length));
  return lines.map((l) => [...l, ...new Array<CellValue>(width - l.length).fill("")]);
}

const [table, assumptions] = [pasted(codeBlocks[0]), pasted(codeBlocks[1])];
const headers = [table[0]];
const rows = table.slice(1);

test("the example table has the required columns, one header row and four vendors", () => {
  expect(headers[0]).toEqual(expect.arrayContaining(["Hourly rate", "Hours"]));
  expect(rows).toHaveLength(4);
  expect(headers[0].every((h) => typeof h === "string" && h !== "")).toBe(true);
});

test("TOTALCOST on the example gives three totals and the TBD rate's #VALUE!, as the text says", () => {
  const result = totalCostCells(rows, headers, assumptions);
  expect(result.slice(0, 3).every(([v]) => typeof v === "number" && v > 0)).toBe(true);
  expect(result[3][0]).toBeInstanceOf(CustomFunctionsError);
  expect(doc).toContain((result[3][0] as CustomFunctionsError).message!);
});

test("LOCATIONFIT on the example gives the verdicts the text states", () => {
  const verdicts = locationFitCells(rows, headers, assumptions).slice(0, 3).map(([v]) => v);
  const stated = /Vistula Dev `([\w-]+)`.*?Deccan Soft `([\w-]+)`.*?Azteca Labs `([\w-]+)`/s.exec(doc);
  expect(stated).not.toBeNull();
  expect(verdicts).toEqual(stated!.slice(1, 4));
});

test("the lines COSTBREAKDOWN is said to read for Deccan Soft are its lines, the exit among them, and the spill has the rows the text states", () => {
  const section = doc.slice(doc.indexOf("### OFFSHORE.COSTBREAKDOWN"), doc.indexOf("### OFFSHORE.RISKDRIVERS"));
  const deccan = rows.findIndex((r) => r[0] === "Deccan Soft");
  const lines = costBreakdownCells([rows[deccan]], headers, assumptions).map((l) => `${String(l[0])}: ${String(l[2])}`);
  const quoted = [...section.matchAll(/\*([A-Z][^*:]+: [^*]+)\*/g)].map((m) => m[1].replace(/\s+/g, " "));
  expect(quoted.map((q) => q.split(":")[0])).toEqual(["Change requests", "Governance", "Exit and transition-out"]);
  for (const q of quoted) {
    // "..." stands for words left out: each part must appear, in order, in the line.
    const pattern = new RegExp("^" + q.split(" ...").map((part) => part.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*"));
    expect(lines.some((l) => pattern.test(l))).toBe(true);
  }
  const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"];
  const stated = /: (\w+) rows, labour, the (\w+) hidden-cost lines/.exec(section)!;
  expect([words.indexOf(stated[1]), words.indexOf(stated[2])]).toEqual([lines.length, lines.length - 3]);
  expect(section).toContain(`(to rows ${lines.length - 1} and ${lines.length})`);
});

test("every OVERLAP example gives the hours written beside it", () => {
  const examples = [...doc.matchAll(/^=OFFSHORE\.OVERLAP\((.*)\)\s+([\d.]+)/gm)];
  expect(examples.length).toBeGreaterThanOrEqual(4);
  for (const [, args, hours] of examples) {
    const values = args.split(/,(?![^(]*\))/).map((arg) => {
      const text = arg.trim();
      const date = /^DATE\((\d+),(\d+),(\d+)\)$/.exec(text);
      if (date) return dateToExcelSerial({ year: +date[1], month: +date[2], day: +date[3] });
      return text.startsWith('"') ? text.slice(1, -1) : Number(text);
    });
    expect(overlapValue(...(values as [unknown, unknown]))).toBe(Number(hours));
  }
});

test("the count of functions the README states is the count registered, and each has its heading", () => {
  const source = readFileSync(path.resolve(__dirname, "../../src/functions/functions.ts"), "utf8");
  const registered = [...source.matchAll(/@customfunction (\w+)/g)].map((m) => m[1]);
  const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
  const stated = /adds (\w+) worksheet functions/.exec(doc);
  expect(stated).not.toBeNull();
  expect(words.indexOf(stated![1])).toBe(registered.length);
  expect([...doc.matchAll(/^### OFFSHORE\.(\w+)\(/gm)].map((m) => m[1]).sort()).toEqual([...registered].sort());
});
