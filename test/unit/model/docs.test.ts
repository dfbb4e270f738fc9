import { readFileSync } from "fs";
import { join } from "path";
import { ASSUMPTIONS, FIELDS } from "../../../src/model";

const doc = readFileSync(join(__dirname, "../../../docs/model.md"), "utf8");

test("docs/model.md lists every assumption with its name and source", () => {
  for (const s of ASSUMPTIONS) expect(doc).toContain(`| ${s.name} |`);
  for (const s of ASSUMPTIONS) expect(doc).toContain(s.source.replace(/\|/g, "/"));
});

test("docs/model.md lists every recognised header", () => {
  for (const f of FIELDS) expect(doc).toContain(`| ${f.header} |`);
});
