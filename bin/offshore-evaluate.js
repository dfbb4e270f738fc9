#!/usr/bin/env node
// The package's command: runs the command line (src/cli/main.ts) in a child process, so the
// command line needs no separate build step. Arguments and exit code pass straight through.
const { spawn } = require("child_process");
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
const nodeFlags = ["--max-semi-space-size=64", "--initial-old-space-size=512"];
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
  const child = spawn(process.execPath, [...nodeFlags, ...entry, ...process.argv.slice(2)], { stdio: ["inherit", "inherit", "pipe"] });
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
  child.on("close", (code) => {
    if (!outOfMemory && OOM_START.test(pending)) outOfMemory = true;
    if (!outOfMemory && pending) process.stderr.write(pending);
    if (outOfMemory) {
      const heap = Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20).toLocaleString("en-US");
      console.error(
        `Error: the command line ran out of memory (this Node allows ${heap} MB) before the workbook was written; nothing was written. Split the vendor table, or give Node more memory: NODE_OPTIONS=--max-old-space-size=16384 offshore-evaluate ...`,
      );
      process.exit(1);
    }
    process.exit(code === null ? 1 : code);
  });
}
