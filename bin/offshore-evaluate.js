#!/usr/bin/env node
// The package's command: runs src/cli/main.ts through tsx (a dependency), so the command line
// needs no separate build step. Arguments and exit code pass straight through.
const { spawnSync } = require("child_process");
const path = require("path");

const cli = path.join(__dirname, "..", "src", "cli", "main.ts");
const result = spawnSync(process.execPath, [require.resolve("tsx/cli"), cli, ...process.argv.slice(2)], { stdio: "inherit" });
if (result.error) {
  console.error(`Error: could not start the command line: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status === null ? 1 : result.status);
