import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { ASSUMPTIONS, FIELDS } from "../../../src/model";
import { DOCUMENTED_ASSUMPTIONS } from "../../../src/model/assumptionTexts";

// The README's "How the numbers are computed" section documents the model's public names.
const readme = readFileSync(join(__dirname, "../../../README.md"), "utf8");
const doc = readme.slice(readme.indexOf("\n## How the numbers are computed"), readme.indexOf("\n## Sideloading"));

test("the README lists every assumption with its name and source", () => {
  for (const s of ASSUMPTIONS) expect(doc).toContain(`| ${s.name} |`);
  for (const s of DOCUMENTED_ASSUMPTIONS) expect(doc).toContain(s.source.replace(/\|/g, "/"));
});

test("the README lists every recognised header", () => {
  for (const f of FIELDS) expect(doc).toContain(`| ${f.header} |`);
});

// Users read the assumptions sheet, the help page (made from the README) and the function
// help; a citation there must name a document they can find: publisher or authors, year,
// title. The project's internal notes are not such documents.
const INTERNAL_DOCUMENT = /DOMAIN\.md|DOMAIN section|\bseed \d{1,3}\b|\bthe seed('s)?\b|\bseeds\b/i;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

test("no assumption source, README line or source file cites an internal document", () => {
  for (const s of DOCUMENTED_ASSUMPTIONS) expect(`${s.name}: ${s.source}`).not.toMatch(INTERNAL_DOCUMENT);
  const offending = [join(__dirname, "../../../README.md"), ...filesUnder(join(__dirname, "../../../src"))].flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .map((line, i) => `${file.slice(file.lastIndexOf("/src/") + 1)}:${i + 1}: ${line.trim()}`)
      .filter((line) => INTERNAL_DOCUMENT.test(line.slice(line.indexOf(": ") + 2))),
  );
  expect(offending).toEqual([]);
});

test("the README lists every cost range with its default, low and high ends and its source", () => {
  const percent = (x: number) => `${Number((x * 100).toFixed(4))}%`;
  for (const s of DOCUMENTED_ASSUMPTIONS) {
    if (!s.range) continue;
    const f = (x: number) => (s.kind === "percent" ? percent(x) : String(x));
    expect(doc).toContain(`| ${s.name} | ${f(Number(s.defaultValue))} | ${f(s.range.low)} | ${f(s.range.high)} | ${s.range.source.replace(/\|/g, "/")} |`);
    expect(`${s.name}: ${s.range.source}`).not.toMatch(INTERNAL_DOCUMENT);
  }
});
