import { readFileSync } from "fs";
import { join } from "path";
import { ASSUMPTIONS, FIELDS } from "../../../src/model";

// The README's "How the numbers are computed" section documents the model's public names.
const readme = readFileSync(join(__dirname, "../../../README.md"), "utf8");
const doc = readme.slice(readme.indexOf("\n## How the numbers are computed"), readme.indexOf("\n## Sideloading"));

test("the README lists every assumption with its name and source", () => {
  for (const s of ASSUMPTIONS) expect(doc).toContain(`| ${s.name} |`);
  for (const s of ASSUMPTIONS) expect(doc).toContain(s.source.replace(/\|/g, "/"));
});

test("the README lists every recognised header", () => {
  for (const f of FIELDS) expect(doc).toContain(`| ${f.header} |`);
});
