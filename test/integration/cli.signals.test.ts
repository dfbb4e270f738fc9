// The command stopped while it writes the workbook: by Ctrl+C, SIGTERM (to the launcher or the
// command's own process), or SIGKILL (the system's out-of-memory killer). The output is written
// to a hidden temporary file beside it and renamed into place once complete (main.ts,
// writeSafely): a stop must leave either the old file or the whole new one, and never that
// temporary file. Each stop is made at a known point by a script every Node process of the
// command loads first (NODE_OPTIONS --require), which acts when the command renames its
// temporary file, that is once the file is fully written and flushed.
import { execFile } from "child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";

const ROOT = path.resolve(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "assets", "sample-vendors.xlsx");
const LAUNCHER = path.join(ROOT, "bin", "offshore-evaluate.js");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-signals-"));
const cache = path.join(work, "cache");

/** What the script does when the command's process renames its temporary (.partial) file into place. */
type Stop =
  | "SIGKILL itself" // before the rename, as the out-of-memory killer would
  | "SIGINT itself" // before the rename, as Ctrl+C would (the terminal signals every process of the command)
  | "SIGTERM the launcher" // before the rename: a signal to the launcher alone
  | "SIGTERM the launcher, busy" // before the rename, then a minute and a half of computing without a pause, as a long step would
  | "SIGINT itself after the rename"
  | "exit without a word"; // before the rename, as a stop that came while the file was being made would leave it

function stopScript(stop: Stop): string {
  // The rename that never ends stands for one under way, which keeps the process alive (a timer
  // does so here) until the signal is handled.
  const pending = "new Promise(() => setInterval(() => {}, 1000))";
  const file = path.join(work, `${stop.replace(/\W+/g, "-")}.cjs`);
  const act = {
    "SIGKILL itself": `process.kill(process.pid, "SIGKILL"); return ${pending};`,
    "SIGINT itself": `process.kill(process.pid, "SIGINT"); return ${pending};`,
    "SIGTERM the launcher": `process.kill(process.ppid, "SIGTERM"); return ${pending};`,
    "SIGTERM the launcher, busy": `process.kill(process.ppid, "SIGTERM"); for (const end = Date.now() + 90_000; Date.now() < end; );`,
    "SIGINT itself after the rename": `return rename.apply(this, arguments).then(() => { process.kill(process.pid, "SIGINT"); return ${pending}; });`,
    "exit without a word": `process.exit(7);`,
  }[stop];
  writeFileSync(
    file,
    `if (process.argv[1] !== ${JSON.stringify(LAUNCHER)}) {
  const fs = require("fs");
  const rename = fs.promises.rename;
  fs.promises.rename = function (from) {
    if (!String(from).endsWith(".partial")) return rename.apply(this, arguments);
    require("fs").writeFileSync(${JSON.stringify(path.join(work, "reached"))}, String(from));
    ${act}
  };
}
`,
  );
  return file;
}

async function run(args: string[], stop: Stop): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [LAUNCHER, ...args],
      { env: { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(stopScript(stop))}`, OFFSHORE_EVALUATE_CACHE: cache, OFFSHORE_DEBUG: "" }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const failed = error as (Error & { code?: number; signal?: string }) | null;
        resolve({ code: failed ? (typeof failed.code === "number" ? failed.code : null) : 0, signal: failed?.signal ?? null, stdout, stderr });
      },
    );
  });
}

/** The files in `folder`, the temporary ones included (their names begin with a dot). */
const filesIn = (folder: string) => readdirSync(folder).sort();

/** A folder of its own holding a copy of the sample workbook, for one run. */
function folderWithSample(name: string): { folder: string; input: string } {
  const folder = mkdtempSync(path.join(work, `${name}-`));
  const input = path.join(folder, "vendors.xlsx");
  copyFileSync(SAMPLE, input);
  return { folder, input };
}

beforeEach(() => {
  if (existsSync(path.join(work, "reached"))) writeFileSync(path.join(work, "reached"), "");
});

/** That the stop was made where the test means it: at the rename of the command's temporary file. */
function reachedRename(folder: string): void {
  const renamed = readFileSync(path.join(work, "reached"), "utf8");
  expect(path.dirname(renamed)).toBe(folder);
  expect(path.basename(renamed)).toMatch(/^\.out\.xlsx\.\d+\.partial$/);
}

describe("a command stopped while it writes the workbook", () => {
  it("leaves no temporary file when the system kills it (SIGKILL): the launcher removes the one it was told of", async () => {
    const { folder, input } = folderWithSample("kill");
    const result = await run([input, "--out", path.join(folder, "out.xlsx"), "--quiet"], "SIGKILL itself");
    reachedRename(folder);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^Error: the command line was stopped \(SIGKILL\) before it finished; no workbook was left half-written\. The system stops a process this way when the machine runs out of memory/),
    ]);
    expect(filesIn(folder)).toEqual(["vendors.xlsx"]);
  }, 120_000);

  it("on Ctrl+C removes its temporary file, says nothing was written and ends with code 130", async () => {
    const { folder, input } = folderWithSample("interrupt");
    const result = await run([input, "--out", path.join(folder, "out.xlsx"), "--quiet"], "SIGINT itself");
    reachedRename(folder);
    expect(result.code).toBe(130);
    expect(result.stderr.trim().split("\n")).toEqual(["Error: the command line was stopped (SIGINT) before it wrote the workbook; nothing was written."]);
    expect(filesIn(folder)).toEqual(["vendors.xlsx"]);
  }, 120_000);

  it("leaves the buyer's own file as it was when --in-place is stopped by SIGTERM sent to the launcher alone", async () => {
    const { folder, input } = folderWithSample("terminate");
    const before = readFileSync(input);
    const result = await run([input, "--in-place", "--quiet"], "SIGTERM the launcher");
    const renamed = readFileSync(path.join(work, "reached"), "utf8");
    expect(path.basename(renamed)).toMatch(/^\.vendors\.xlsx\.\d+\.partial$/);
    expect(result.code).toBe(143);
    expect(result.stderr.trim().split("\n")).toEqual(["Error: the command line was stopped (SIGTERM) before it wrote the workbook; nothing was written."]);
    expect(filesIn(folder)).toEqual(["vendors.xlsx"]);
    expect(readFileSync(input).equals(before)).toBe(true);
  }, 120_000);

  it("ends soon after SIGTERM even while the command computes without a pause, and leaves the buyer's file as it was", async () => {
    const { folder, input } = folderWithSample("busy");
    const before = readFileSync(input);
    // The command computes for 90 s after the signal: ended before then, the launcher stopped it.
    const result = await run([input, "--in-place", "--quiet"], "SIGTERM the launcher, busy");
    expect(path.basename(readFileSync(path.join(work, "reached"), "utf8"))).toMatch(/^\.vendors\.xlsx\.\d+\.partial$/);
    expect(result.code).toBe(143);
    expect(result.stderr.trim().split("\n")).toEqual(["Error: the command line was stopped (SIGTERM) before it finished; no workbook was left half-written."]);
    expect(filesIn(folder)).toEqual(["vendors.xlsx"]);
    expect(readFileSync(input).equals(before)).toBe(true);
  }, 60_000);

  it("leaves no temporary file when the command ends in any other way without removing it: the launcher removes it", async () => {
    const { folder, input } = folderWithSample("exit");
    const result = await run([input, "--out", path.join(folder, "out.xlsx"), "--quiet"], "exit without a word");
    reachedRename(folder);
    expect(result.code).toBe(7);
    expect(filesIn(folder)).toEqual(["vendors.xlsx"]);
  }, 120_000);

  it("says the workbook is complete when stopped after the rename, and it is", async () => {
    const { folder, input } = folderWithSample("after");
    const output = path.join(folder, "out.xlsx");
    const result = await run([input, "--out", output, "--quiet"], "SIGINT itself after the rename");
    reachedRename(folder);
    expect(result.code).toBe(130);
    expect(result.stderr.trim().split("\n")).toEqual([`Error: the command line was stopped (SIGINT) after it wrote ${output}, which is complete.`]);
    expect(filesIn(folder)).toEqual(["out.xlsx", "vendors.xlsx"]);
    expect(statSync(output).size).toBeGreaterThan(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(output);
    expect(book.getWorksheet("Finance summary")).toBeDefined();
  }, 120_000);
});
