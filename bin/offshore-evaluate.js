#!/usr/bin/env node
// The package's command: runs the command line (src/cli/main.ts) in a child process, so the
// command line needs no separate build step. Arguments and exit code pass straight through.
const { spawn } = require("child_process");
const { setTimeout, clearTimeout } = require("timers");
const fs = require("fs");
const os = require("os");
const path = require("path");
const v8 = require("v8");
const { ensureBundle } = require("./cli-bundle.js");

const cli = path.join(__dirname, "..", "src", "cli", "main.ts");
// Without the bundle (cli-bundle.js: esbuild missing, or the build failed), the TypeScript runs
// through tsx's CommonJS loader alone ("node --require tsx/cjs ./file.ts", tsx's documentation,
// Node.js CLI): the command and everything it loads are CommonJS (the package has no "type":
// "module"), so tsx's ES module hooks (`--import tsx`), which Node runs on a thread of their own
// (Node.js documentation, Modules: customization hooks) and asks about the entry point across
// threads, only add to every start. load-typescript.js registers it, by absolute path so the
// command works from any folder.
const tsxLoader = path.join(__dirname, "load-typescript.js");
const runBundle = path.join(__dirname, "run-bundle.js");
// Writing a large workbook allocates millions of short-lived strings: a larger young
// generation cuts garbage-collection pauses (about 15% on a 10,000-row table). The command
// keeps the workbook's cells until it writes the file, so its heap only grows: from V8's
// small starting limit, raised at each full collection, a 10,000-row table went through three
// full collections (with their incremental marking on the main thread), one when the old
// generation's first limit is 512 MB. The limit says when to collect, not what is taken: the
// peak memory stayed the same (at 10,000 and 100,000 rows), the wall time went from 5.52 s to
// about 4.9 s and the CPU time from 7.93 s to 6.75 s (medians of 6 interleaved runs).
// --expose-gc: the workbook adapter collects around parking the user's sheets before it makes
// the finance summary's cells, on a large table only (src/workbook/xlsx.ts, collectGarbage).
// --no-allocation-site-pretenuring: V8 makes objects in the old generation at once where most of
// those made at the same place in the code outlived their first collections (allocation-site
// pretenuring: Clifford, Payer, Stanton and Titzer, "Memento Mori: Dynamic Allocation-Site-Based
// Optimizations", ISMM 2015). Reading a workbook, ExcelJS's cells outlive the parse, so the
// places that make them were pretenured; a large sheet's cells are then parked a row at a time
// as they are made (src/workbook/xlsxParkedRows.ts), and each row's made straight into the old
// generation became garbage there, which only a full collection frees. A workbook the command
// wrote, read again at 30,000 rows, reached 1.53 GB with it and 1.16 GB without; the first run
// at 100,000 rows 988 MB with it and 972 MB without, and 10,000 rows no slower (medians of
// three runs: 5.55 s without, 6.26 s with).
const nodeFlags = ["--max-semi-space-size=64", "--initial-old-space-size=512", "--expose-gc", "--no-allocation-site-pretenuring"];
const heap = heapLimit();
/** How long the command has to end on its own once told to stop (a signal's handler takes milliseconds). */
const STOP_GRACE_MS = 3000;
// Node ends a process that runs out of heap with a native stack trace ("FATAL ERROR: ...
// JavaScript heap out of memory", preceded by "<--- Last few GCs --->"): that trace is held
// back and the user gets one line saying what happened and what to do.
const OOM_START = /^<--- Last few GCs --->|^FATAL ERROR: .*heap out of memory|JavaScript heap out of memory/;

ensureBundle().then(run);

/** Runs the bundle, or the TypeScript through tsx where there is none. */
function run(bundle) {
  // run-bundle.js adds V8's code cache. The stack trace OFFSHORE_DEBUG prints names the source
  // files instead of the bundle's lines: Node reads the bundle's source map when it loads the
  // bundle itself (a load of a few tens of milliseconds, for debugging only).
  const entry = !bundle ? ["--require", tsxLoader, cli] : process.env.OFFSHORE_DEBUG ? ["--enable-source-maps", bundle] : [runBundle, bundle];
  // The fourth channel carries the child's notices of the temporary file it writes the output to
  // (main.ts, writeSafely), so that one left by a child stopped with SIGKILL is removed here.
  const child = spawn(process.execPath, [...nodeFlags, ...heap.flags, ...entry, ...process.argv.slice(2)], {
    stdio: ["inherit", "inherit", "pipe", "ipc"],
    env: { ...process.env, OFFSHORE_LAUNCHER_CHANNEL: "1" },
  });
  const partials = new Set();
  child.on("message", (message) => {
    if (!message || typeof message.partial !== "string") return;
    if (message.open) partials.add(message.partial);
    else partials.delete(message.partial);
  });
  // Ctrl+C signals the launcher and the child alike (the terminal signals the whole foreground
  // process group); SIGTERM and SIGHUP may be sent to the launcher alone. Either way the child is
  // told, removes its temporary file and says so, and the launcher ends with it. Node runs a
  // signal's handler only between two pieces of JavaScript (Node.js documentation, Signal
  // events), and a step of the command may compute for minutes without a pause: a child that has
  // not ended STOP_GRACE_MS after the signal, or at a second one, is stopped with SIGKILL, and the
  // temporary file it told of is removed here.
  let stopping = null;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
    process.on(signal, () => {
      if (stopping) return child.kill("SIGKILL");
      stopping = { signal, timer: setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS) };
      child.kill(signal);
    });
  let outOfMemory = false;
  let pending = "";
  // Blank lines are held until the next line shows they do not open the trace.
  let blanks = 0;
  child.stderr.on("data", (chunk) => {
    if (outOfMemory) return;
    const lines = (pending + chunk.toString("utf8")).split("\n");
    pending = lines.pop();
    for (const line of lines) {
      if (OOM_START.test(line)) {
        outOfMemory = true;
        return;
      }
      if (line.trim() === "") {
        blanks++;
        continue;
      }
      process.stderr.write("\n".repeat(blanks) + line + "\n");
      blanks = 0;
    }
  });
  child.on("error", (error) => {
    console.error(`Error: could not start the command line: ${error.message}`);
    process.exit(1);
  });
  child.on("close", (code, signal) => {
    if (stopping) clearTimeout(stopping.timer);
    // A temporary file the child made and did not report gone: killed, out of memory, or a stop
    // that came as it was being made. Once renamed into place it is no longer there to remove.
    for (const partial of partials) fs.rmSync(partial, { force: true });
    if (!outOfMemory && OOM_START.test(pending)) outOfMemory = true;
    if (!outOfMemory && pending) process.stderr.write(pending);
    if (outOfMemory) {
      console.error(
        `Error: the command line ran out of memory (it was allowed ${heap.megabytes.toLocaleString("en-US")} MB) before the workbook was written; nothing was written. ` +
          `Split the vendor table, or on a machine with more memory raise the limit: NODE_OPTIONS=--max-old-space-size=${(2 * heap.megabytes).toLocaleString("en-US", { useGrouping: false })} offshore-evaluate ...`,
      );
      process.exit(1);
    }
    if (signal === "SIGKILL" && stopping) {
      console.error(`Error: the command line was stopped (${stopping.signal}) before it finished; no workbook was left half-written.`);
      process.exit(128 + os.constants.signals[stopping.signal]);
    }
    if (signal) {
      // Killed from outside (the system's out-of-memory killer sends SIGKILL): no stack trace,
      // no message of its own. The output is renamed into place only once complete (main.ts).
      console.error(
        `Error: the command line was stopped (${signal}) before it finished; no workbook was left half-written.` +
          (signal === "SIGKILL" ? " The system stops a process this way when the machine runs out of memory: close other programs, or split the vendor table." : ""),
      );
      process.exit(1);
    }
    process.exit(code === null ? 1 : code);
  });
}

/**
 * The command line's heap limit. V8's default is about 4 GB on a 64-bit machine whatever its
 * memory (Node.js documentation, --max-old-space-size), and the command keeps the workbook's
 * cells until it writes the file: a 300,000-row table needs about as much (4.2 GB at its
 * peak, a 200,000-row one 2.9 GB), so on that default it ends out of memory where the machine
 * has plenty to spare. The
 * command may use half of the machine's memory (or of its container's limit, which
 * process.constrainedMemory reports), never less than V8's default; a limit the user gives
 * (NODE_OPTIONS, or node's own --max-old-space-size) is left as it is.
 */
function heapLimit() {
  const mib = 2 ** 20;
  const isLimit = (flag) => /^--max[-_]old[-_]space[-_]size=/.test(flag);
  // Node's own flags win over NODE_OPTIONS (Node.js documentation, NODE_OPTIONS), so as here.
  const toNode = process.execArgv.find(isLimit);
  if (toNode) return { flags: [toNode], megabytes: Number(toNode.split("=")[1]) };
  const given = (process.env.NODE_OPTIONS ?? "").split(/\s+/).find(isLimit);
  const ownDefault = Math.floor(v8.getHeapStatistics().heap_size_limit / mib);
  if (given) return { flags: [], megabytes: Number(given.split("=")[1]) || ownDefault };
  const limit = process.constrainedMemory?.();
  const memory = Math.min(os.totalmem(), limit > 0 ? limit : Infinity);
  const half = Math.floor(memory / 2 / mib);
  return half > ownDefault ? { flags: [`--max-old-space-size=${half}`], megabytes: half } : { flags: [], megabytes: ownDefault };
}
