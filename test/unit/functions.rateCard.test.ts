// The OFFSHORE functions over a rate card: rows given together are grouped into vendor
// options (model/rateCard.ts); each row's total is its share, and the shares add up.
import { readFileSync } from "fs";
import path from "path";
import { evaluateOption, mapHeaders, parseAssumptions, readRow, type CellValue, type VendorRow } from "../../src/model";
import { costRangeCells, locationFitCells, riskScoreCells, totalCostCells } from "../../src/functions/wrappers";
import { CustomFunctionsError, installCustomFunctionsRuntime } from "../helpers/customFunctionsRuntime";

installCustomFunctionsRuntime();

const HEADERS: CellValue[][] = [["Vendor", "Option", "Role", "Hourly rate", "Hours", "Country", "Location model", "Attrition"]];
const ROWS: CellValue[][] = [
  ["Acme", "", "Lead engineer", 48, 1200, "India", "Offshore", 0.2],
  ["Beta", "", "Lead engineer", 70, 1000, "Poland", "Nearshore", 0.12],
  ["Acme", "", "Developer", 30, 6000, "India", "Offshore", 0.2],
  ["Acme", "", "QA engineer", 25, 2500, "India", "Offshore", 0.2],
  ["Beta", "", "Developer", 50, 4000, "Poland", "Offshore", 0.12],
];
const ASSUMPTIONS: CellValue[][] = [
  ["Buyer time zone", "Europe/London"],
  ["Reference date", "2026-01-15"],
];

function modelOption(indexes: number[]) {
  const a = parseAssumptions(ASSUMPTIONS);
  if (!a.ok) throw new Error(a.error.message);
  const map = mapHeaders(HEADERS[0]);
  return evaluateOption(indexes.map((i) => (readRow(ROWS[i], map, a.value) as { value: VendorRow }).value), a.value);
}

const close = (x: unknown, y: number) => Math.abs(Number(x) - y) <= 1e-9 * Math.max(1, Math.abs(y));

test("TOTALCOST over a rate card gives each row its share; the shares add up to the option's total and equal the row given alone", () => {
  const totals = totalCostCells(ROWS.slice(0, 4), HEADERS, ASSUMPTIONS).map((r) => r[0]);
  const acme = modelOption([0, 2, 3]);
  [0, 2, 3].forEach((i, k) => expect(close(totals[i], acme.shares[k].total)).toBe(true));
  expect(close(Number(totals[0]) + Number(totals[2]) + Number(totals[3]), acme.evaluation.cost.total)).toBe(true);
  // A calculated column calls the function one row at a time: the same share.
  [0, 2, 3].forEach((i) => expect(close(totalCostCells([ROWS[i]], HEADERS, ASSUMPTIONS)[0][0], Number(totals[i]))).toBe(true));
  const ranges = costRangeCells(ROWS.slice(0, 4), HEADERS, ASSUMPTIONS);
  [0, 2, 3].forEach((i) => expect(close(ranges[i][1], Number(totals[i]))).toBe(true));
});

test("RISKSCORE and LOCATIONFIT give every row of an option the option's", () => {
  const scores = riskScoreCells(ROWS.slice(0, 4), HEADERS, ASSUMPTIONS).map((r) => r[0]);
  const fits = locationFitCells(ROWS.slice(0, 4), HEADERS, ASSUMPTIONS).map((r) => r[0]);
  const acme = modelOption([0, 2, 3]).evaluation;
  for (const i of [0, 2, 3]) {
    expect(scores[i]).toBe(acme.risk.score);
    expect(fits[i]).toBe(acme.fit.verdict);
  }
});

test("the rows of an option that disagree on the engagement each show the error naming them; other options are unaffected", () => {
  const totals = totalCostCells(ROWS, HEADERS, ASSUMPTIONS).map((r) => r[0]);
  for (const i of [1, 4]) {
    expect(totals[i]).toBeInstanceOf(CustomFunctionsError);
    expect((totals[i] as CustomFunctionsError).message).toContain("must agree on Location model: row 2 of rows gives 'Nearshore', row 5 of rows gives 'Offshore'");
  }
  for (const i of [0, 2, 3]) expect(typeof totals[i]).toBe("number");
});

test("the README's rate-card worked example states the shares and the total these functions compute", () => {
  const readme = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Rate cards"), readme.indexOf("### Working-hours overlap"));
  const table = /```\n(Vendor\tRole[^`]*)```/.exec(section)![1].trim().split("\n").map((line) => line.split("\t").map((c) => (/^\d+$/.test(c) ? Number(c) : c)));
  const assumptions: CellValue[][] = [
    ["Buyer time zone", "America/New_York"],
    ["Reference date", "2026-01-15"],
  ];
  const totals = totalCostCells(table.slice(1), [table[0]], assumptions).map((r) => Number(r[0]));
  const shown = (n: number) => `\`${Math.round(n).toLocaleString("en-US")}\``;
  const stated = /spills each role's share, (`[\d,]+`),\s+(`[\d,]+`), (`[\d,]+`) and (`[\d,]+`)/.exec(section)!.slice(1);
  expect(stated).toEqual(totals.map(shown));
  expect(section).toContain(`gives the option's total, ${shown(totals.reduce((x, y) => x + y, 0))}`);
  const rows = table.slice(1);
  const labour = rows.reduce((x, r) => x + Number(r[2]) * Number(r[3]), 0);
  const hours = rows.reduce((x, r) => x + Number(r[3]), 0);
  expect(section).toContain(`labour of ${labour.toLocaleString("en-US")} over ${hours.toLocaleString("en-US")} hours (a blended rate of\n${(labour / hours).toFixed(2)}`);
});
