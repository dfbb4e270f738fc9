// Excel's "Help on this function" opens the help page at the function's @helpurl anchor: each
// function needs a section there, and the cost ranges the functions use are listed with their
// sources. Rendered here from help.md without a build.
import { readFileSync } from "fs";
import path from "path";
import { renderHelpPage } from "../../src/help/page";
import { DOCUMENTED_ASSUMPTIONS } from "../../src/model/assumptionTexts";

const root = path.resolve(__dirname, "../..");
const page = renderHelpPage(readFileSync(path.join(root, "src/help/help.md"), "utf8"), readFileSync(path.join(root, "src/help/help.template.html"), "utf8"));
const functionsSource = readFileSync(path.join(root, "src/functions/functions.ts"), "utf8");
const declared = [...functionsSource.matchAll(/@customfunction (\w+)[^\n]*\n\s*\* @helpurl [^#\s]+#(\S+)/g)].map((m) => ({ id: m[1], anchor: m[2] }));

test("every function's help link lands on a section headed with its name", () => {
  expect(declared.map((f) => f.id)).toEqual(expect.arrayContaining(["COSTRANGE", "COSTBREAKDOWN", "TOTALCOST"]));
  for (const { id, anchor } of declared) expect(page).toMatch(new RegExp(`<h3 id="${anchor}">OFFSHORE\\.${id}</h3>`));
});

test("the page says how many functions there are", () => {
  const words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
  expect(page).toContain(`adds ${words[declared.length - 1]} worksheet functions`);
});

test("every cost assumption's range is on the page with its source", () => {
  const ranged = DOCUMENTED_ASSUMPTIONS.filter((s) => s.range);
  expect(ranged.length).toBeGreaterThan(0);
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  for (const spec of ranged) expect(page).toContain(escape(spec.range!.source));
});

test("the total cost section names the exit and transition-out line beside the other hidden costs", () => {
  const section = page.slice(page.indexOf("Total cost</h3>"), page.indexOf("</h3>", page.indexOf("Total cost</h3>") + 20));
  expect(section).toContain("exit and transition-out");
  expect(page).toContain("Exit and transition-out %");
});
