// What the installed command loads before it can do anything: every module is read, compiled
// and run on each start, so one the command never uses is start-up time spent for nothing. The
// command runs one bundled file (bin/cli-bundle.js), built on first use; without it, the
// TypeScript through tsx.
import { execFile } from "child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import v8 from "v8";
import JSZip from "jszip";

const ROOT = path.resolve(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "assets", "sample-vendors.xlsx");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-startup-"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleKey, removeUnused } = require(path.join(ROOT, "bin", "cli-bundle.js")) as { bundleKey(root: string): string; removeUnused(dir: string, keep: string): void };

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The CommonJS modules the command line's process had loaded when it ended (not the launcher's). */
  readonly loaded: string[];
  /** The Node options the command line's process was started with (process.execArgv). */
  readonly execArgv: string[];
  /** The command line's process's heap limit in MiB (V8's heap_size_limit: the old generation's and the young's). */
  readonly heapMegabytes: number;
}

/**
 * The installed command (bin/offshore-evaluate.js of `root`) with its bundles in `cache`; what
 * each process loaded is read through a script every Node process it starts loads first
 * (NODE_OPTIONS --require), after the scripts in `preload`.
 */
async function command(args: readonly string[], cache: string, options: { root?: string; preload?: string[]; env?: NodeJS.ProcessEnv; heapOption?: string; nodeArgs?: string[] } = {},
): Promise<Run> {
  const probe = path.join(work, "probe.cjs");
  const lists = mkdtempSync(path.join(work, "loaded-"));
  writeFileSync(
    probe,
    `const main = process.argv[1];\nprocess.on("exit", () => require("fs").writeFileSync(require("path").join(${JSON.stringify(lists)}, String(process.pid)), [main, JSON.stringify(process.execArgv), require("v8").getHeapStatistics().heap_size_limit / 2 ** 20, ...Object.keys(require.cache)].join("\\n")));\n`,
  );
  const preload = [...(options.preload ?? []), probe].map((file) => `--require ${JSON.stringify(file)}`).concat(options.heapOption ?? []).join(" ");
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), path.join(options.root ?? ROOT, "bin", "offshore-evaluate.js"), ...args],
      { env: { ...process.env, NODE_OPTIONS: preload, OFFSHORE_EVALUATE_CACHE: cache, OFFSHORE_DEBUG: "", ...options.env } },
      (error, out, err) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: out, stderr: err }),
    );
  });
  const processes = readdirSync(lists).map((name) => readFileSync(path.join(lists, name), "utf8").split("\n"));
  const launcher = path.join(options.root ?? ROOT, "bin", "offshore-evaluate.js");
  const children = processes.filter(([main]) => main !== launcher);
  if (children.length !== 1) throw new Error(`${processes.length} processes, ${children.length} not the launcher:\n${stderr}`);
  return { code, stdout, stderr, execArgv: JSON.parse(children[0][1]) as string[], heapMegabytes: Number(children[0][2]), loaded: children[0].slice(3) };
}

const bundlesIn = (cache: string) => (existsSync(cache) ? readdirSync(cache).filter((name) => /^cli-[0-9a-f]+\.js$/.test(name)) : []);

/** esbuild heads each module in the bundle with its path, as a comment line. */
const modulesIn = (bundle: string) => [...readFileSync(bundle, "utf8").matchAll(/^\/\/ (\S+\.(?:[cm]?js|tsx?|json))$/gm)].map((m) => m[1]);

const STREAMING = /exceljs[\\/]lib[\\/]stream[\\/]|node_modules[\\/](unzipper|archiver|zip-stream)[\\/]/;

/**
 * A script for NODE_OPTIONS --require under which esbuild's builds fail in the launcher's process
 * (tsx, in the command line's, needs esbuild's transform).
 */
function failingBuilds(): string {
  const file = path.join(work, "failing-builds.cjs");
  writeFileSync(
    file,
    `const Module = require("module");
const load = Module._load;
Module._load = function (request, ...rest) {
  const esbuild = load.call(this, request, ...rest);
  if (request !== "esbuild" || !process.argv[1].endsWith("offshore-evaluate.js")) return esbuild;
  return { ...esbuild, build: () => Promise.reject(new Error("Build failed with 1 error")) };
};
`,
  );
  return file;
}

async function sheetsOf(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return Object.keys(zip.files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
}

describe("the installed command's start", () => {
  const cache = path.join(work, "cache");
  let bundled: Run;
  const bundledOutput = path.join(work, "bundled.xlsx");

  beforeAll(async () => {
    bundled = await command([SAMPLE, "--out", bundledOutput], cache);
  }, 120_000);

  it("builds one bundle on first use and runs it: no TypeScript and no dependency's file is loaded on its own", async () => {
    expect(bundled.stderr).toBe("");
    expect(bundled.code).toBe(0);
    expect(bundlesIn(cache)).toHaveLength(1);
    expect(bundled.loaded).toContain(path.join(ROOT, "bin", "run-bundle.js"));
    expect(bundled.loaded.filter((file) => /\.tsx?$|node_modules/.test(file))).toEqual([]);
    expect((await sheetsOf(bundledOutput)).length).toBeGreaterThan(3);
  });

  it("bundles ExcelJS's workbook, not its streaming reader and writer or the zip libraries only they use", () => {
    const modules = modulesIn(path.join(cache, bundlesIn(cache)[0]));
    expect(modules).toEqual(expect.arrayContaining([expect.stringMatching(/src[\\/]workbook[\\/]xlsx\.ts$/), expect.stringMatching(/exceljs[\\/]lib[\\/]doc[\\/]workbook\.js$/)]));
    expect(modules.filter((file) => STREAMING.test(file))).toEqual([]);
  });

  it("finds the bundled sample from the bundle, which runs from the cache", async () => {
    const output = path.join(work, "default-input.xlsx");
    const run = await command(["--out", output, "--quiet"], cache);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(bundlesIn(cache)).toHaveLength(1);
    expect((await sheetsOf(output)).length).toBeGreaterThan(3);
  }, 60_000);

  it("where the build fails, runs the TypeScript through tsx as before, printing the same and loading ExcelJS's workbook but not its streaming reader and writer", async () => {
    const empty = path.join(work, "cache-of-failed-build");
    const output = path.join(work, "tsx.xlsx");
    const run = await command([SAMPLE, "--out", output], empty, { preload: [failingBuilds()] });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(bundlesIn(empty)).toEqual([]);
    expect(run.stdout.replaceAll(output, bundledOutput)).toBe(bundled.stdout);
    expect(run.loaded).toEqual(expect.arrayContaining([expect.stringMatching(/src[\\/]workbook[\\/]xlsx\.ts$/), expect.stringMatching(/exceljs[\\/]lib[\\/]doc[\\/]workbook\.js$/)]));
    expect(run.loaded.filter((file) => STREAMING.test(file))).toEqual([]);
  }, 120_000);

  it("runs through tsx where the bundle cannot be written", async () => {
    const notAFolder = path.join(work, "not-a-folder");
    writeFileSync(notAFolder, "");
    const run = await command(["--help"], notAFolder);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: offshore-evaluate");
    expect(run.loaded).toEqual(expect.arrayContaining([expect.stringMatching(/src[\\/]cli[\\/]main\.ts$/)]));
  }, 60_000);

  it("keeps V8's code cache beside the bundle, and replaces one V8 rejects instead of failing", async () => {
    const caches = () => readdirSync(cache).filter((name) => name.endsWith(".cache"));
    expect(caches()).toHaveLength(1);
    const file = path.join(cache, caches()[0]);
    writeFileSync(file, "not V8's code cache");
    const run = await command(["--help"], cache);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: offshore-evaluate /);
    expect(caches()).toEqual([path.basename(file)]);
    expect(readFileSync(file, "utf8")).not.toBe("not V8's code cache");
  }, 60_000);

  it("runs the command line with a young generation of up to 64 MB, the old generation's first collection at 512 MB, `gc` exposed and no allocation-site pretenuring, bundled or through tsx", async () => {
    // The heap only grows until the file is written: these spare it collections (bin/offshore-evaluate.js).
    // The adapter collects once the user's sheets are parked, on a large table (src/workbook/xlsx.ts, collectGarbage).
    // Cells parked as they are made die young: none is made in the old generation (bin/offshore-evaluate.js).
    const flags = ["--max-semi-space-size=64", "--initial-old-space-size=512", "--expose-gc", "--no-allocation-site-pretenuring"];
    expect(bundled.execArgv).toEqual(expect.arrayContaining(flags));
    const viaTsx = await command(["--help"], path.join(work, "cache-of-failed-build-2"), { preload: [failingBuilds()] });
    expect(viaTsx.loaded).toEqual(expect.arrayContaining([expect.stringMatching(/src[\\/]cli[\\/]main\.ts$/)]));
    expect(viaTsx.execArgv).toEqual(expect.arrayContaining(flags));
  }, 60_000);

  // V8's default heap limit does not follow the machine's memory (about 4 GB on 64 bits): a
  // 200,000-row table ran out of it on a machine of 24 GB.
  it("lets the command line's heap grow to half of the machine's memory (of its container's limit), never less than Node's default", async () => {
    const constrained = process.constrainedMemory?.() ?? 0;
    const memory = Math.min(os.totalmem(), constrained > 0 ? constrained : Infinity);
    const half = Math.floor(memory / 2 / 2 ** 20);
    const ownDefault = v8.getHeapStatistics().heap_size_limit / 2 ** 20;
    const plain = await command(["--help"], cache);
    if (half > ownDefault) {
      expect(plain.execArgv).toContain(`--max-old-space-size=${half}`);
      // The limit also holds the young generation (3 semi-spaces of 64 MB).
      expect(plain.heapMegabytes).toBeGreaterThanOrEqual(half);
    } else {
      expect(plain.execArgv.filter((f) => /max-old-space-size/.test(f))).toEqual([]);
      expect(plain.heapMegabytes).toBeGreaterThanOrEqual(ownDefault);
    }
  }, 60_000);

  it("keeps a heap limit the user gives, in NODE_OPTIONS or to node itself", async () => {
    const inOptions = await command(["--help"], cache, { heapOption: "--max-old-space-size=300" });
    expect(inOptions.execArgv.filter((f) => /max-old-space-size/.test(f))).toEqual([]);
    expect(inOptions.heapMegabytes).toBeGreaterThanOrEqual(300);
    expect(inOptions.heapMegabytes).toBeLessThan(300 + 3 * 64 + 16);
    const toNode = await command(["--help"], cache, { nodeArgs: ["--max-old-space-size=300"] });
    expect(toNode.execArgv).toContain("--max-old-space-size=300");
    expect(toNode.heapMegabytes).toBeLessThan(300 + 3 * 64 + 16);
    // Given both ways, node's own flag wins, as it does for node itself.
    const both = await command(["--help"], cache, { heapOption: "--max-old-space-size=300", nodeArgs: ["--max-old-space-size=600"] });
    expect(both.heapMegabytes).toBeGreaterThanOrEqual(600);
    expect(both.heapMegabytes).toBeLessThan(600 + 3 * 64 + 16);
  }, 60_000);

  it("says in one line when the system stops the command line's process (as its out-of-memory killer does)", async () => {
    const killer = path.join(work, "killed.cjs");
    const launcher = path.join(ROOT, "bin", "offshore-evaluate.js");
    writeFileSync(killer, `if (process.argv[1] !== ${JSON.stringify(launcher)}) setTimeout(() => process.kill(process.pid, "SIGKILL"), 0);\n`);
    const output = path.join(work, "killed.xlsx");
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [launcher, SAMPLE, "--out", output], { env: { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(killer)}`, OFFSHORE_EVALUATE_CACHE: cache } }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
      );
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Error: the command line was stopped \(SIGKILL\) before it finished; no workbook was left half-written\. .*runs out of memory/)]);
    expect(existsSync(output)).toBe(false);
  }, 60_000);

  it("keeps the exit code and the one error line", async () => {
    const run = await command([path.join(work, "missing.xlsx")], cache);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: .*missing\.xlsx/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(bundlesIn(cache)).toHaveLength(1);
  }, 60_000);
});

describe("the bundle's key", () => {
  /** A copy of the package's sources and command, with the installed dependencies. */
  function copyOfPackage(): string {
    const root = mkdtempSync(path.join(work, "package-"));
    for (const entry of ["bin", "src", "package.json", "tsconfig.json"]) cpSync(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
    return root;
  }

  it("changes with any source, a new one, the TypeScript settings and the package's folder", () => {
    const root = copyOfPackage();
    const keys = [bundleKey(root)];
    const model = path.join(root, "src", "model", "fields.ts");
    writeFileSync(model, readFileSync(model, "utf8") + "\n");
    keys.push(bundleKey(root));
    mkdirSync(path.join(root, "src", "later"));
    writeFileSync(path.join(root, "src", "later", "new.ts"), "export const later = 1;\n");
    keys.push(bundleKey(root));
    const tsconfig = path.join(root, "tsconfig.json");
    writeFileSync(tsconfig, readFileSync(tsconfig, "utf8").replace('"target": "ES2020"', '"target": "ES2022"'));
    keys.push(bundleKey(root));
    keys.push(bundleKey(ROOT));
    expect(new Set(keys).size).toBe(keys.length);
    expect(bundleKey(root)).toBe(keys[3]);
  });

  it("goes with its map and code caches when the bundle has not been used for a week, the current one never, and nothing else in the folder", () => {
    const dir = mkdtempSync(path.join(work, "prune-"));
    const files = ["cli-aa.js", "cli-aa.js.map", "cli-aa.js.v8-x64.cache", "cli-bb.js", "cli-bb.js.map", "cli-cc.js", "cli-cc.js.map", "notes.txt", "client-zz.js"];
    for (const name of files) writeFileSync(path.join(dir, name), "");
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    // aa unused for eight days (its map and cache are newer), bb used today (its map is old), cc the current one.
    // OFFSHORE_EVALUATE_CACHE may name a folder that holds the user's own files: old ones stay.
    for (const name of ["cli-aa.js", "cli-bb.js.map", "cli-cc.js", "cli-cc.js.map", "notes.txt", "client-zz.js"]) utimesSync(path.join(dir, name), eightDaysAgo, eightDaysAgo);
    removeUnused(dir, "cli-cc.js");
    expect(readdirSync(dir).sort()).toEqual(["cli-bb.js", "cli-bb.js.map", "cli-cc.js", "cli-cc.js.map", "client-zz.js", "notes.txt"]);
  });

  it("never runs a bundle of older sources: a changed source builds and runs a new one", async () => {
    const root = copyOfPackage();
    const cache = path.join(work, "cache-of-copy");
    const before = await command(["--help"], cache, { root });
    expect(before.stdout).toMatch(/^Usage: offshore-evaluate /);
    const main = path.join(root, "src", "cli", "main.ts");
    writeFileSync(main, readFileSync(main, "utf8").replace("Usage: offshore-evaluate ", "Usage: changed-evaluate "));
    const after = await command(["--help"], cache, { root });
    expect(after.stderr).toBe("");
    expect(after.stdout).toMatch(/^Usage: changed-evaluate /);
    expect(bundlesIn(cache)).toHaveLength(2);
    expect(after.loaded.filter((file) => /\.tsx?$/.test(file))).toEqual([]);
  }, 120_000);

  it("under OFFSHORE_DEBUG, prints a stack trace that names the source files, not the bundle", async () => {
    const root = copyOfPackage();
    const cache = path.join(work, "cache-of-failing-copy");
    const main = path.join(root, "src", "cli", "main.ts");
    const source = readFileSync(main, "utf8");
    const planted = source.replace("    const options = parseCli(argv);\n", "    const options = parseCli(argv);\n    if (argv.length > 0) throw new TypeError(\"planted\");\n");
    expect(planted).not.toBe(source);
    writeFileSync(main, planted);
    const line = planted.split("\n").findIndex((text) => text.includes('"planted"')) + 1;
    const run = await command([SAMPLE], cache, { root, env: { OFFSHORE_DEBUG: "1" } });
    expect(run.code).toBe(1);
    expect(bundlesIn(cache)).toHaveLength(1);
    expect(run.stderr).toContain("TypeError: planted");
    expect(run.stderr).toContain(`(${main}:${line}:`);
  }, 120_000);
});
