// One production build per test run, shared by every test that needs dist/: the first
// caller builds (holding a lock directory so parallel jest workers do not build twice),
// the others wait for it; a build newer than every input is reused as it is.
import { execFile } from "child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "fs";
import path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const DIST = path.join(ROOT, "dist");

/** Files a complete build emits; if any is missing or older than an input, we rebuild. */
const OUTPUTS = ["functions.js", "functions.json", "taskpane.html", "taskpane.js", "commands.js", "manifest.xml", "help.html"];
const INPUT_DIRS = ["src", "assets"];
const INPUT_FILES = ["webpack.config.js", "scripts/fluent-tokens-loader.js", "scripts/fluent-themes-loader.js", "manifest.xml", "package.json", "tsconfig.json", "README.md"];
const LOCK = path.join(ROOT, "node_modules", ".cache", "offshore-build.lock");
const STALE_LOCK_MS = 10 * 60 * 1000;
const BUILD_TIMEOUT_MS = 10 * 60 * 1000;

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** True when dist holds every output and each is newer than every input. */
export function isBuildFresh(): boolean {
  let oldestOutput = Infinity;
  for (const name of OUTPUTS) {
    const file = path.join(DIST, name);
    if (!existsSync(file)) return false;
    oldestOutput = Math.min(oldestOutput, statSync(file).mtimeMs);
  }
  const newestInput = Math.max(
    ...INPUT_DIRS.map((dir) => newestMtime(path.join(ROOT, dir))),
    ...INPUT_FILES.map((file) => newestMtime(path.join(ROOT, file))),
  );
  return oldestOutput >= newestInput;
}

function runWebpack(): Promise<void> {
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, "--mode", "production"],
      { cwd: ROOT, timeout: BUILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve();
        const tail = (stdout + "\n" + stderr).trim().split("\n").slice(-40).join("\n");
        reject(new Error(`webpack --mode production failed:\n${tail}`));
      },
    );
  });
}

/** True while another process holds a lock that is not yet stale. */
function lockHeld(): boolean {
  try {
    return Date.now() - statSync(LOCK).mtimeMs <= STALE_LOCK_MS;
  } catch {
    return false;
  }
}

function tryLock(): boolean {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  try {
    mkdirSync(LOCK);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // A lock left by a killed run would block every later run.
    if (!lockHeld() && existsSync(LOCK)) {
      rmSync(LOCK, { recursive: true, force: true });
      return tryLock();
    }
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function buildOnce(): Promise<string> {
  for (;;) {
    if (isBuildFresh()) return DIST;
    if (tryLock()) {
      try {
        if (!isBuildFresh()) await runWebpack();
        return DIST;
      } finally {
        rmSync(LOCK, { recursive: true, force: true });
      }
    }
    // Another worker is building: wait for it, then look again.
    while (lockHeld()) await sleep(500);
  }
}

let pending: Promise<string> | undefined;

/** Builds dist/ in production mode unless it is already fresh; returns the dist folder. */
export function ensureBuilt(): Promise<string> {
  pending ??= buildOnce().catch((error) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
