// A reader that stops early (`offshore-evaluate | head -1`) closes the pipe before the command
// has printed everything. Node reports that as an EPIPE 'error' event on process.stdout, which
// with no listener ends the process with a stack trace and exit code 1 (Node.js documentation,
// Errors: "EPIPE (Broken pipe): A write on a pipe, socket, or FIFO for which there is no process
// to read the data"; Process: process.stdout is a stream like any other). The workbook is the
// command's work, its printed table a courtesy: the command keeps going, prints nothing more,
// and exits as its work did.
import { spawn } from "child_process";
import { existsSync, mkdtempSync, readFileSync } from "fs";
import os from "os";
import path from "path";
import JSZip from "jszip";

const ROOT = path.resolve(__dirname, "..", "..");
const work = mkdtempSync(path.join(os.tmpdir(), "offshore-cli-pipe-"));

function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "offshore-evaluate.js"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    // The reader goes away before the command prints its first line.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

test("a reader that closes the pipe early ends neither the job nor the command with a stack trace: the workbook is written and the exit code is 0", async () => {
  const output = path.join(work, "sample.evaluated.xlsx");
  const { code, stderr } = await runWithClosedStdout(["--out", output]);
  expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event|node:events/);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(existsSync(output)).toBe(true);
  const zip = await JSZip.loadAsync(readFileSync(output));
  expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(["xl/workbook.xml", "xl/worksheets/sheet1.xml"]));
}, 120_000);

test("--help into a closed pipe exits 0 with nothing on stderr", async () => {
  const { code, stderr } = await runWithClosedStdout(["--help"]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
}, 120_000);
