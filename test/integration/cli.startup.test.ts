// What the installed command loads before it can do anything: every module is read, compiled
// and run on each start, so one the command never uses is start-up time spent for nothing.
import { execFile } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import os from "os";
import path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "assets", "sample-vendors.xlsx");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-startup-"));

/**
 * The CommonJS modules each process of the installed command had loaded when it ended, read
 * through a script every Node process it starts loads first (NODE_OPTIONS --require).
 */
async function modulesLoaded(args: readonly string[]): Promise<string[]> {
  const probe = path.join(work, "probe.cjs");
  const lists = mkdtempSync(path.join(work, "loaded-"));
  writeFileSync(
    probe,
    `process.on("exit", () => require("fs").writeFileSync(require("path").join(${JSON.stringify(lists)}, String(process.pid)), Object.keys(require.cache).join("\\n")));\n`,
  );
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "bin", "offshore-evaluate.js"), ...args],
      { env: { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(probe)}` } },
      (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve()),
    );
  });
  return readdirSync(lists).flatMap((name) => readFileSync(path.join(lists, name), "utf8").split("\n"));
}

describe("the installed command's start", () => {
  it("evaluates a workbook without loading ExcelJS's streaming reader and writer, or the zip libraries only they use", async () => {
    const loaded = await modulesLoaded([SAMPLE, "--out", path.join(work, "out.xlsx"), "--quiet"]);
    // The command did run: the adapter and ExcelJS's workbook were loaded.
    expect(loaded).toEqual(expect.arrayContaining([expect.stringMatching(/src[\\/]workbook[\\/]xlsx\.ts$/), expect.stringMatching(/exceljs[\\/]lib[\\/]doc[\\/]workbook\.js$/)]));
    const unused = loaded.filter((file) => /exceljs[\\/]lib[\\/]stream[\\/]|node_modules[\\/](unzipper|archiver|zip-stream)[\\/]/.test(file));
    expect(unused).toEqual([]);
  }, 60_000);
});
