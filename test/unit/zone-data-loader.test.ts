// The build rewrites countries-and-timezones' zone table as compact rows (scripts/zone-data-loader.js);
// the library the bundle loads must answer exactly as the one the command line and the tests load.
import { readFileSync } from "fs";
import path from "path";
import * as library from "countries-and-timezones";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loader = require("../../scripts/zone-data-loader.js") as ((source: string) => string) & { rowsOf: (table: object) => string };

const LIBRARY_DIR = path.join(__dirname, "..", "..", "node_modules", "countries-and-timezones");

/** The library's CommonJS build after the loader, run as a module of its own. */
function loadedThroughLoader(): typeof library {
  const source = loader(readFileSync(path.join(LIBRARY_DIR, "dist", "index.js"), "utf8"));
  const module = { exports: {} as typeof library };
  new Function("module", "exports", "require", source)(module, module.exports, require);
  return module.exports;
}

describe("zone data loader", () => {
  test("the library behind the loader gives the same zones and countries, deprecated ones included, in the same order", () => {
    const rewritten = loadedThroughLoader();
    expect(rewritten).not.toBe(library);
    for (const deprecated of [false, true]) {
      expect(JSON.stringify(rewritten.getAllTimezones({ deprecated }))).toBe(JSON.stringify(library.getAllTimezones({ deprecated })));
      expect(JSON.stringify(rewritten.getAllCountries({ deprecated }))).toBe(JSON.stringify(library.getAllCountries({ deprecated })));
    }
    expect(Object.keys(rewritten.getAllTimezones({ deprecated: true })).length).toBeGreaterThan(500);
  });

  test("the loader's output is smaller than the library's table and holds no JSON table", () => {
    const source = readFileSync(path.join(LIBRARY_DIR, "esm", "index.js"), "utf8");
    const out = loader(source);
    expect(out.length).toBeLessThan(source.length);
    expect(out).not.toMatch(/timezones: \/\* @__PURE__ \*\/ JSON\.parse/);
  });

  test("an entry the rows cannot give back exactly stops the build", () => {
    expect(() => loader.rowsOf({ "Asia/Kolkata": { u: 330, c: ["IN"] } })).not.toThrow();
    expect(() => loader.rowsOf({ "Asia/Calcutta": { a: "Asia/Kolkata", c: ["IN"] } })).toThrow(/does not fit/);
    expect(() => loader.rowsOf({ "Asia/Kolkata": { c: ["IN"], u: 330 } })).toThrow(/does not fit/);
    expect(() => loader("export const nothing = 1;")).toThrow(/no longer holds its zone table/);
  });
});
