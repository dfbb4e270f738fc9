// `npm start` end to end: certificates, the HTTPS dev server bound to localhost, the pages
// Office loads, and the messages for a busy port and for missing or expiring certificates.
import { spawn, spawnSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import net from "net";
import os from "os";
import path from "path";
import { ROOT } from "../helpers/build";
import { freePort, httpsGet, startDevServer, waitUntilServing } from "../helpers/devServer";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const devCerts = require(path.join(ROOT, "scripts/dev-certs.js"));

describe("npm start", () => {
  test("serves taskpane.html and functions.json over HTTPS to a client that trusts the dev CA", async () => {
    const port = await freePort();
    const certDir = mkdtempSync(path.join(os.tmpdir(), "offshore-certs-"));
    const server = startDevServer(port, certDir);
    try {
      const ca = await waitUntilServing(server, path.join(certDir, "ca.crt"));
      const page = await httpsGet(`${server.origin}/taskpane.html`, ca);
      expect(page.body).toMatch(/src="?functions\.js/);
      const metadata = await httpsGet(`${server.origin}/functions.json`, ca);
      expect(metadata.status).toBe(200);
      expect(JSON.parse(metadata.body).functions.length).toBeGreaterThanOrEqual(7);
      // CORS: Excel on the web reads functions.json from its own origin (OfficeDev/office-js#3970,
      // OfficeDev/Excel-Custom-Functions#212); no other page may read the source or its maps.
      for (const file of ["functions.json", "functions.js", "functions.js.map", "taskpane.html"]) {
        const fromElsewhere = await httpsGet(`${server.origin}/${file}`, ca, { Origin: "https://evil.example" });
        expect(fromElsewhere.status).toBe(200);
        expect([file, fromElsewhere.headers["access-control-allow-origin"]]).toEqual([file, undefined]);
      }
      const fromExcel = await httpsGet(`${server.origin}/functions.json`, ca, { Origin: "https://excel.officeapps.live.com" });
      expect(fromExcel.headers["access-control-allow-origin"]).toBe("https://excel.officeapps.live.com");
      expect(String(fromExcel.headers.vary)).toMatch(/Origin/i);
      const lookalike = await httpsGet(`${server.origin}/functions.json`, ca, { Origin: "https://excel.officeapps.live.com.evil.example" });
      expect(lookalike.headers["access-control-allow-origin"]).toBeUndefined();
      expect(server.output()).toMatch(/certificates regenerated/);
      expect(server.output()).toContain("manifest.xml");
      // Bound to localhost only: another loopback address (always there on Linux) and the
      // machine's network address, when it has one, must not answer.
      const external = Object.values(os.networkInterfaces())
        .flat()
        .find((i) => i && i.family === "IPv4" && !i.internal);
      const elsewhere = ["127.0.0.2", ...(external ? [external.address] : [])];
      for (const address of elsewhere) {
        await expect(
          new Promise((resolve, reject) => {
            const socket = net.connect(port, address, () => {
              socket.destroy();
              resolve("connected");
            });
            socket.on("error", reject);
          }),
        ).rejects.toThrow();
      }
    } finally {
      await server.stop();
    }
  }, 300_000);

  test("a busy port gets a plain message saying how to free or change it, and no stack trace", async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, "localhost", () => resolve((blocker.address() as net.AddressInfo).port)));
    try {
      const run = startDevServer(port);
      const code = await run.exited;
      expect(code).toBe(1);
      expect(run.output()).toContain(`Port ${port} is already in use`);
      expect(run.output()).toContain("OFFSHORE_PORT=");
      expect(run.output()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  }, 60_000);
});

describe("development certificates", () => {
  test("missing certificates are generated, with one line saying so", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "offshore-certs-"));
    const lines: string[] = [];
    const script = `process.env.OFFSHORE_CERT_DIR=${JSON.stringify(dir)};const c=require(${JSON.stringify(path.join(ROOT, "scripts/dev-certs.js"))});c.ensureDevCertificates().then(()=>c.ensureDevCertificates())`;
    const child = spawn(process.execPath, ["-e", script], { cwd: ROOT });
    child.stdout.on("data", (chunk) => lines.push(...String(chunk).trim().split("\n")));
    await new Promise((resolve) => child.on("exit", resolve));
    expect(lines.filter((line) => line.includes("regenerated"))).toHaveLength(1);
    expect(lines[0]).toContain("missing");
  }, 60_000);

  test("certificates that expire within a day, or do not match their key, are not accepted", async () => {
    await devCerts.ensureDevCertificates({ log: () => {} });
    expect(devCerts.certificateProblem(new Date())).toBeNull();
    const farFuture = new Date(Date.now() + 400 * 24 * 3600 * 1000);
    expect(devCerts.certificateProblem(farFuture)).toMatch(/expires/);
  }, 60_000);

  test("a corrupted certificate file is reported as unreadable, then regenerated", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "offshore-certs-"));
    for (const name of ["ca.crt", "localhost.crt", "localhost.key"]) writeFileSync(path.join(dir, name), "not a certificate");
    const child = spawnSync(
      process.execPath,
      ["-e", `process.env.OFFSHORE_CERT_DIR=${JSON.stringify(dir)};require(${JSON.stringify(path.join(ROOT, "scripts/dev-certs.js"))}).ensureDevCertificates()`],
      { encoding: "utf8" },
    );
    expect(child.stdout).toMatch(/regenerated \(unreadable certificate files/);
    expect(readFileSync(path.join(dir, "ca.crt"), "utf8")).toContain("BEGIN CERTIFICATE");
  }, 60_000);
});
