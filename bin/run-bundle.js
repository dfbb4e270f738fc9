// Runs the command line's bundle (cli-bundle.js) as the main module, with V8's code cache: the
// bytecode V8 compiled for the bundle on an earlier run (vm.Script's cachedData and
// createCachedData, Node.js documentation, VM module), so a start deserializes it instead of
// compiling the bundle again. V8 checks the cache against the script and its own version and
// flags, and compiles as usual where it does not fit (cachedDataRejected); the cache is then
// written again. Started as `node run-bundle.js BUNDLE args...` by offshore-evaluate.js.
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { wrap } = require("module");

const bundle = process.argv[2];
// The command reads its arguments from process.argv.slice(2), as if Node had run the bundle.
process.argv.splice(1, 1);
// V8 also rejects a cache made under other V8 flags (--max-old-space-size in NODE_OPTIONS, say):
// a cache per set of flags, so that runs with and without them do not keep replacing each other's.
let flags = 0x811c9dc5;
for (const c of `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`) flags = Math.imul(flags ^ c.charCodeAt(0), 0x01000193) >>> 0;
const cacheFile = `${bundle}.${process.versions.v8}-${process.arch}-${flags.toString(16)}.cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(wrap(fs.readFileSync(bundle, "utf8")), { filename: bundle, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  // At exit, the cache also holds the functions this run compiled on their first call, not only
  // the bundle's top level.
  process.once("exit", () => {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile);
    } catch {
      fs.rmSync(temporary, { force: true });
    }
  });
}
// The bundle is this module's body: it sees this module as require.main, so its entry point runs.
script.runInThisContext().call(module.exports, module.exports, require, module, bundle, path.dirname(bundle));
