// The command line as one CommonJS file, built by esbuild from src/cli/main.ts and everything it
// imports, dependencies included. Run through tsx, each start resolves, reads, compiles and wraps
// some 420 files one by one (about 100 of them TypeScript for tsx to transform): most of the time
// before the command's first line. One file is read and compiled in one go.
//
// The bundle is built on first use, not by a build step someone has to remember, into a cache
// (node_modules/.cache/offshore-evaluate/, or $OFFSHORE_EVALUATE_CACHE) under a key hashed from
// everything that goes into it, so a bundle of other sources is never run: a changed source makes
// a new key and a new build. It is written to a temporary file and renamed into place, so a
// command started meanwhile (tests run several at once) sees the whole file or none. Whatever goes
// wrong (esbuild not installed, a failed build, a cache that cannot be written), ensureBundle
// answers null and the command runs through tsx as before.
//
// Run directly (`node bin/cli-bundle.js`, as scripts/setup.sh does), it builds the bundle ahead
// of the first command and prints its path.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

const PACKAGE_ROOT = path.join(__dirname, "..");
/** A bundle left unused this long is removed when another is built (the command refreshes its own). */
const UNUSED_MS = 7 * 24 * 3600 * 1000;

function cacheDir(root) {
  return process.env.OFFSHORE_EVALUATE_CACHE || path.join(root, "node_modules", ".cache", "offshore-evaluate");
}

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

/**
 * What the bundle is made of: every file under src/ (a superset of what the command imports, so
 * a new import needs no list kept up to date), the package and TypeScript settings, the installed
 * dependencies' versions (npm's record of node_modules, else the lockfile), this file's build
 * options, and the package's folder, which the bundle names (PACKAGE_ROOT in src/cli/main.ts).
 * About 1.3 MB to read and hash, a few milliseconds.
 */
function bundleKey(root = PACKAGE_ROOT) {
  const hash = crypto.createHash("sha256");
  const add = (name, content) => {
    hash.update(`${name}\0${content.length}\0`);
    hash.update(content);
  };
  add("root", root);
  add("builder", fs.readFileSync(module.filename));
  add("package.json", fs.readFileSync(path.join(root, "package.json")));
  add("tsconfig.json", fs.readFileSync(path.join(root, "tsconfig.json")));
  const installed = [path.join(root, "node_modules", ".package-lock.json"), path.join(root, "package-lock.json")].find((file) => fs.existsSync(file));
  add("installed", installed ? fs.readFileSync(installed) : "");
  const src = path.join(root, "src");
  for (const file of filesUnder(src).sort()) add(path.relative(src, file).split(path.sep).join("/"), fs.readFileSync(file));
  return hash.digest("hex").slice(0, 32);
}

/**
 * tsx compiles the command's imports to require calls, so Node resolves its dependencies with the
 * "require" condition (zod's .cjs files). esbuild would resolve an import statement with the
 * "import" condition and bundle their ES module builds instead: the same packages, but not the
 * code the command has been tested with.
 */
const resolveAsRequire = {
  name: "resolve-as-require",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind !== "import-statement" || path.isAbsolute(args.path)) return undefined;
      return build.resolve(args.path, { kind: "require-call", resolveDir: args.resolveDir, importer: args.importer });
    });
  },
};

/** The bundle's text and its source map's, for the bundle to be written as `file`. */
async function build(root, file) {
  const esbuild = require("esbuild");
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, "src", "cli", "main.ts")],
    tsconfig: path.join(root, "tsconfig.json"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // Node's own choice of a package's file for require: its "main" and the "require" and "node"
    // conditions of its "exports", not the ES module builds esbuild would otherwise prefer
    // ("module" field and condition; uuid's, which ExcelJS requires).
    mainFields: ["main"],
    conditions: [],
    // Only what the command imports goes in: ExcelJS's streaming reader and writer, with unzipper
    // and archiver, stay out as under tsx, since the adapter imports exceljs/lib/doc/workbook and
    // not the package's entry point.
    define: { OFFSHORE_PACKAGE_ROOT: JSON.stringify(root) },
    // esbuild renames a function or class whose name another module also uses; keepNames keeps
    // its .name (and the names in a stack trace) as written.
    keepNames: true,
    // For stack traces under OFFSHORE_DEBUG (bin/offshore-evaluate.js turns source maps on then).
    sourcemap: "linked",
    sourcesContent: false,
    plugins: [resolveAsRequire],
    outfile: file,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles.find((output) => output.path.endsWith(".js"));
  const map = result.outputFiles.find((output) => output.path.endsWith(".map"));
  // The map's sources as absolute file URLs: the cache may be reached through a symlinked
  // node_modules, and Node resolves relative sources from the bundle's real path.
  const sourceMap = JSON.parse(map.text);
  sourceMap.sources = sourceMap.sources.map((source) => pathToFileURL(path.resolve(path.dirname(file), source)).href);
  return { code: code.contents, map: JSON.stringify(sourceMap), metafile: result.metafile };
}

function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  try {
    fs.writeFileSync(temporary, contents);
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** Removes the bundles (with their maps and code caches) not used for a week, all but `keep`. */
function removeUnused(dir, keep) {
  const before = Date.now() - UNUSED_MS;
  const lastUsed = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : undefined);
  const unused = fs.readdirSync(dir).filter((name) => {
    // Only the command's own files (a bundle, its map, code caches and temporary files all begin
    // with the bundle's name): OFFSHORE_EVALUATE_CACHE may name a folder that holds other files.
    const bundle = /^cli-[0-9a-f]+\.js/.exec(name)?.[0];
    if (bundle === undefined) return false;
    try {
      return bundle !== keep && (lastUsed(path.join(dir, bundle)) ?? lastUsed(path.join(dir, name))) < before;
    } catch {
      return false;
    }
  });
  for (const name of unused) {
    try {
      fs.rmSync(path.join(dir, name), { force: true });
    } catch {
      // not ours to remove
    }
  }
}

/**
 * The bundle for the sources as they are now, built if needed; null where it cannot be had, for
 * the command to run through tsx instead. OFFSHORE_DEBUG=1 says why.
 */
async function ensureBundle(root = PACKAGE_ROOT) {
  try {
    const key = bundleKey(root);
    const dir = cacheDir(root);
    const file = path.join(dir, `cli-${key}.js`);
    if (fs.existsSync(file)) {
      // Marks it used, for removeUnused; a cache that cannot be written is still read.
      try {
        if (fs.statSync(file).mtimeMs < Date.now() - 3600 * 1000) fs.utimesSync(file, new Date(), new Date());
      } catch {
        // kept all the same
      }
      return file;
    }
    fs.mkdirSync(dir, { recursive: true });
    const built = await build(root, file);
    // A source changed while esbuild read them: what was built may be neither version.
    if (bundleKey(root) !== key) throw new Error("the sources changed during the build");
    // The map first: a command that finds the bundle may look for its map.
    writeAtomically(`${file}.map`, built.map);
    writeAtomically(file, built.code);
    removeUnused(dir, path.basename(file));
    return file;
  } catch (error) {
    if (process.env.OFFSHORE_DEBUG) console.error(`offshore-evaluate: running through tsx, without the bundle: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

module.exports = { bundleKey, ensureBundle, cacheDir, removeUnused };

if (require.main === module) {
  ensureBundle().then((file) => {
    if (!file) {
      console.error("The command line's bundle could not be built; the command runs through tsx instead (OFFSHORE_DEBUG=1 says why).");
      process.exitCode = 1;
      return;
    }
    console.log(file);
  });
}
