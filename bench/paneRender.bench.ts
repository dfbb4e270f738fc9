// The pane's time to first render in Chromium: the production build served over HTTPS with
// the development certificates, office.js from the @microsoft/office-js package, a fresh
// browser context (cold cache) per run; from navigation start to the pane's heading.
// Run: npx tsx bench/paneRender.bench.ts
import { createHash, X509Certificate } from "crypto";
import { existsSync, readFileSync } from "fs";
import https from "https";
import type { AddressInfo } from "net";
import path from "path";
import { chromium } from "playwright-core";

const ROOT = path.resolve(__dirname, "..");
const CHROMIUM = "/usr/bin/chromium";
const OFFICE_JS_DIR = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".png": "image/png" };

export interface PaneRenderResult {
  readonly runs: number;
  readonly medianMs: number;
  readonly runsMs: readonly number[];
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Serves dist/ over HTTPS on a free localhost port. */
async function serveDist(dist: string, certs: { cert: Buffer; key: Buffer }): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = https.createServer(certs, (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "https://localhost").pathname);
    const file = path.join(dist, path.normalize(pathname).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dist) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `https://localhost:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function runPaneRenderBench(dist: string, runs = 5): Promise<PaneRenderResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed at ${CHROMIUM}: run npm run setup (apt-get install chromium)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ensureDevCertificates } = require(path.join(ROOT, "scripts", "dev-certs.js"));
  const paths = await ensureDevCertificates({ log: () => {} });
  const cert = readFileSync(paths.cert);
  const spki = createHash("sha256").update(new X509Certificate(cert).publicKey.export({ type: "spki", format: "der" })).digest("base64");
  const site = await serveDist(dist, { cert, key: readFileSync(paths.key) });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--ignore-certificate-errors-spki-list=${spki}`],
  });
  const times: number[] = [];
  try {
    for (let run = 0; run < runs + 1; run++) {
      const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
      await context.route("https://appsforoffice.microsoft.com/lib/1/hosted/**", (route) => {
        const file = path.join(OFFICE_JS_DIR, new URL(route.request().url()).pathname.replace("/lib/1/hosted/", ""));
        return existsSync(file) ? route.fulfill({ path: file, contentType: "text/javascript" }) : route.fulfill({ status: 404 });
      });
      const page = await context.newPage();
      await page.goto(`${site.origin}/taskpane.html`);
      await page.locator("h1", { hasText: "Offshore Sourcing" }).waitFor({ timeout: 30_000 });
      const ms = await page.evaluate(() => performance.now());
      await context.close();
      // The first run warms Chromium's own start-up; it is not counted.
      if (run > 0) times.push(ms);
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return { runs, medianMs: median(times), runsMs: times };
}

if (/paneRender\.bench\.[cm]?[tj]s$/.test(process.argv[1] ?? "")) {
  runPaneRenderBench(path.join(ROOT, "dist")).then(
    (r) => console.log(`pane first render: ${r.medianMs.toFixed(0)} ms median of ${r.runs} (${r.runsMs.map((m) => m.toFixed(0)).join(", ")})`),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
