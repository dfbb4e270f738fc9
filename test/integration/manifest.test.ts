// manifest.xml against what the build emits: every resid resolves, every URL is a file in
// dist/, the namespace is the one the add-in's formulas use, and functions.json (from a
// fresh build) lists every function src/functions declares.
import { existsSync, readFileSync } from "fs";
import path from "path";
import { XMLParser } from "fast-xml-parser";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { ensureBuilt, ROOT, DIST } from "../helpers/build";
import { FUNCTION_NAMESPACE } from "../../src/functions/namespace";

const DEV_ORIGIN = "https://localhost:3000/";
const manifestText = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: false, isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute });
const manifest = parser.parse(manifestText);

type Node = Record<string, unknown>;

/** Every element (depth first) with its tag name. */
function* elements(node: unknown, tag = "#root"): Generator<[string, Node]> {
  if (Array.isArray(node)) {
    for (const item of node) yield* elements(item, tag);
    return;
  }
  if (node === null || typeof node !== "object") return;
  yield [tag, node as Node];
  for (const [key, child] of Object.entries(node as Node)) {
    if (!key.startsWith("@")) yield* elements(child, key);
  }
}

const all = [...elements(manifest)];
const attr = (node: Node, name: string) => node[`@${name}`] as string | undefined;

const resourceIds = new Map<string, string>();
for (const [tag, node] of all) {
  if (["bt:Image", "bt:Url", "bt:String"].includes(tag) && attr(node, "id")) {
    resourceIds.set(attr(node, "id")!, attr(node, "DefaultValue") ?? "");
  }
}

function resourceOf(tag: string): string {
  const found = all.find(([t, node]) => t === tag && attr(node, "resid"));
  if (!found) throw new Error(`no <${tag} resid=...> in manifest.xml`);
  return resourceIds.get(attr(found[1], "resid")!) ?? "";
}

function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe("manifest.xml", () => {
  beforeAll(() => ensureBuilt(), 10 * 60 * 1000);

  test("every resid resolves to a resource", () => {
    const used = all.map(([, node]) => attr(node, "resid")).filter((id): id is string => Boolean(id));
    expect(used.length).toBeGreaterThan(5);
    const unresolved = used.filter((id) => !resourceIds.has(id));
    expect(unresolved).toEqual([]);
  });

  test("every URL points at a file the build emits", () => {
    const urls = [...manifestText.matchAll(/DefaultValue="(https:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    const missing = urls.filter((url) => {
      if (!url.startsWith(DEV_ORIGIN)) return true;
      return !existsSync(path.join(DIST, url.slice(DEV_ORIGIN.length).split(/[?#]/)[0]));
    });
    expect(missing).toEqual([]);
  });

  test("the functions namespace is the one the add-in's formulas use", () => {
    expect(resourceOf("Namespace")).toBe(FUNCTION_NAMESPACE);
  });

  test("functions.json from the build lists every function src/functions declares", async () => {
    const declared = await generateCustomFunctionsMetadata(path.join(ROOT, "src/functions/functions.ts"), false);
    expect(declared.errors).toEqual([]);
    const declaredIds = (JSON.parse(declared.metadataJson).functions as { id: string }[]).map((f) => f.id).sort();
    const built = JSON.parse(readFileSync(path.join(DIST, "functions.json"), "utf8")).functions as { id: string }[];
    expect(declaredIds.length).toBeGreaterThanOrEqual(7);
    expect(built.map((f) => f.id).sort()).toEqual(declaredIds);
  });

  test("shared runtime: one long-lived runtime hosting pane, functions and commands", () => {
    const runtime = all.find(([tag]) => tag === "Runtime")![1];
    expect(attr(runtime, "lifetime")).toBe("long");
    const pageUrl = resourceIds.get(attr(runtime, "resid")!);
    expect(pageUrl).toBe(`${DEV_ORIGIN}taskpane.html`);
    expect(resourceOf("FunctionFile")).toBe(pageUrl);
    const page = all.find(([tag]) => tag === "Page")![1];
    const pageSource = (page["SourceLocation"] as Node[])[0];
    expect(resourceIds.get(attr(pageSource, "resid")!)).toBe(pageUrl);
    const sets = all.filter(([tag]) => tag === "Set").map(([, node]) => `${attr(node, "Name")} ${attr(node, "MinVersion")}`);
    expect(sets).toContain("SharedRuntime 1.1");
    const html = readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(scripts.filter((src) => !src.startsWith("https://"))).toEqual(["functions.js", "taskpane.js", "commands.js"]);
  });

  test("host, permission, ribbon button and no extra app domains", () => {
    const hosts = all.filter(([tag]) => tag === "Host").map(([, node]) => attr(node, "Name") ?? attr(node, "xsi:type"));
    expect(hosts).toEqual(["Workbook", "Workbook"]);
    expect(manifest.OfficeApp[0].Permissions).toEqual(["ReadWriteDocument"]);
    expect(all.some(([tag]) => tag === "AppDomains" || tag === "AppDomain")).toBe(false);
    const tab = all.find(([tag]) => tag === "OfficeTab")![1];
    expect(attr(tab, "id")).toBe("TabHome");
    const action = all.find(([tag, node]) => tag === "Action" && attr(node, "xsi:type") === "ShowTaskpane");
    expect(action).toBeDefined();
    for (const id of ["GetStarted.Title", "GetStarted.Description", "GetStarted.LearnMoreUrl"]) expect(resourceIds.get(id)).toBeTruthy();
  });

  test("icons are real PNGs of the sizes the manifest declares", () => {
    const declared = all
      .filter(([tag, node]) => tag === "bt:Image" && attr(node, "id"))
      .map(([, node]) => [attr(node, "id")!, attr(node, "DefaultValue")!] as const);
    for (const [id, url] of declared) {
      const size = Number(/(\d+)x\d+/.exec(id)![1]);
      expect(pngSize(path.join(DIST, url.slice(DEV_ORIGIN.length)))).toEqual([size, size]);
    }
    expect(pngSize(path.join(DIST, "assets/icon-64.png"))).toEqual([64, 64]);
  });

  test("a production build for a deployment URL rewrites every localhost URL in the manifest", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const makeConfig = require(path.join(ROOT, "webpack.config.js"));
    const config = makeConfig({ deployUrl: "https://sourcing.example.com/addin" }, { mode: "production" });
    const copy = config.plugins.find((p: { constructor: { name: string } }) => p.constructor.name === "CopyPlugin");
    const pattern = copy.patterns.find((p: { to: string }) => p.to === "manifest.xml");
    const emitted = pattern.transform(Buffer.from(manifestText)).toString();
    expect(emitted).not.toContain("localhost");
    expect(emitted).toContain('DefaultValue="https://sourcing.example.com/addin/taskpane.html"');
    expect(() => makeConfig({ deployUrl: "http://insecure.example.com" }, { mode: "production" })).toThrow(/https/);
    expect(config.devtool).toBe(false);
  });
});
