// The production dependencies' licences, checked offline against the allow-list in `npm run
// licences` (license-checker-rseidelsohn reads each installed package's package.json and licence
// file; no network). Advisories need the registry: `npm audit --omit=dev`, see README.
import { execFile } from "child_process";
import { readFileSync } from "fs";
import path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const script: string = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.licences;

function run(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("sh", ["-c", command], { cwd: ROOT, env: { ...process.env, PATH: `${path.join(ROOT, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}` }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run licences", () => {
  it("passes: every production dependency's licence is on the allow-list", async () => {
    const r = await run(script);
    expect(r.stderr).not.toMatch(/not permitted/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/MIT: \d+/);
  }, 180_000);

  it("fails, naming the package, when a licence in use is taken off the allow-list", async () => {
    expect(script).toMatch(/--onlyAllow "MIT;/);
    const r = await run(script.replace(/--onlyAllow "MIT;/, '--onlyAllow "'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Package ".+@.+" is licensed under ".*MIT.*" which is not permitted by the --onlyAllow flag/);
  }, 180_000);
});
