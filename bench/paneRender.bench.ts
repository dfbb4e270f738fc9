// The pane's first paint in Chromium next to a minimal page's (FluentProvider and one Button,
// bench/minimal, built with the same webpack settings and served in the same page shell:
// taskpane.html's head with its Content-Security-Policy and office.js). Both are production
// builds served over HTTPS with the development certificates, office.js from the
// @microsoft/office-js package, a fresh browser context (cold cache) per run, the two pages
// taking turns so that both meet the same load. Two figures each: first contentful paint
// (Chromium's paint timing) and the time until the page's own content is drawn (the pane's
// heading, the minimal page's button). Run: npx tsx bench/paneRender.bench.ts
import { createHash, X509Certificate } from "crypto";
import { existsSync, mkdtempSync, readFileSync } from "fs";
import https from "https";
import type { AddressInfo } from "net";
import os from "os";
import path from "path";
import { chromium, type Browser } from "playwright-core";
import webpack from "webpack";

const ROOT = path.resolve(__dirname, "..");
const CHROMIUM = "/usr/bin/chromium";
const OFFICE_JS_DIR = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const TYPES: Record<string, string> = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".png": "image/png" };
const PANE_HEADING = "Offshore Sourcing";
const MINIMAL_BUTTON = "Evaluate";

export interface PageTimes {
  /** First contentful paint, ms from navigation start; median over the runs. */
  readonly fcpMs: number;
  /** Until the page's own content is on screen (pane: its heading; minimal page: its button). */
  readonly contentMs: number;
  readonly runsFcpMs: readonly number[];
  readonly runsContentMs: readonly number[];
}

export interface PaneRenderResult {
  readonly runs: number;
  /** The pane's time to its heading (kept under this name for earlier results). */
  readonly medianMs: number;
  readonly pane: PageTimes;
  readonly minimal: PageTimes;
  /** Pane / minimal page, first contentful paint (medians). */
  readonly fcpRatio: number;
  /** Pane / minimal page, own content on screen (medians). */
  readonly contentRatio: number;
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function compile(config: webpack.Configuration): Promise<void> {
  return new Promise((resolve, reject) =>
    webpack(config, (error, stats) => {
      if (error || !stats) return reject(error ?? new Error("webpack gave no result"));
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
}

/** Builds bench/minimal with the production config of webpack.config.js into a new folder; returns it. */
async function buildMinimalPage(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const HtmlWebpackPlugin = require("html-webpack-plugin");
  const config = makeConfig({}, { mode: "production" });
  const out = mkdtempSync(path.join(os.tmpdir(), "offshore-minimal-"));
  // The pane's page shell without the pane: same head, an empty root.
  const shell = readFileSync(path.join(ROOT, "src/taskpane/taskpane.html"), "utf8").replace(/<body>[\s\S]*<\/body>/, '<body><div id="root"></div></body>');
  config.context = ROOT;
  config.entry = { minimal: "./bench/minimal/index.tsx" };
  config.output = { ...config.output, path: out };
  // The stylesheet extraction stays (its loaders need their plugins): the minimal page's Button
  // is styled the way the pane's are.
  const extraction = config.plugins.filter((plugin: object) => ["MiniCssExtractPlugin", "GriffelCSSExtractionPlugin"].includes(plugin.constructor.name));
  config.plugins = [...extraction, new HtmlWebpackPlugin({ filename: "minimal.html", templateContent: shell, chunks: ["minimal"], scriptLoading: "defer" })];
  await compile(config);
  return out;
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

/** One cold load of `url`: first contentful paint and the frame in which `content` (a selector and its text) first appears. */
async function measure(browser: Browser, url: string, content: { selector: string; text: string }): Promise<{ fcp: number; content: number }> {
  const context = await browser.newContext({ viewport: { width: 350, height: 720 } });
  try {
    await context.route("https://appsforoffice.microsoft.com/lib/1/hosted/**", (route) => {
      const file = path.join(OFFICE_JS_DIR, new URL(route.request().url()).pathname.replace("/lib/1/hosted/", ""));
      return existsSync(file) ? route.fulfill({ path: file, contentType: "text/javascript" }) : route.fulfill({ status: 404 });
    });
    // Timed inside the page, so Playwright's own polling adds nothing: the animation frame after
    // the element enters the DOM is the one that paints it.
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    await context.addInitScript(`{
      const selector = ${JSON.stringify(content.selector)}, text = ${JSON.stringify(content.text)};
      const observer = new MutationObserver(() => {
        if (![...document.querySelectorAll(selector)].some((el) => (el.textContent || "").includes(text))) return;
        observer.disconnect();
        requestAnimationFrame(() => { window.contentShownAt = performance.now(); });
      });
      observer.observe(document, { childList: true, subtree: true });
    }`);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { contentShownAt?: number }).contentShownAt !== undefined, undefined, { timeout: 30_000 });
    const shownAt = await page.evaluate(() => (window as unknown as { contentShownAt: number }).contentShownAt);
    const fcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const entry = performance.getEntriesByName("first-contentful-paint")[0];
          if (entry) return resolve(entry.startTime);
          new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime)).observe({ type: "paint", buffered: true });
        }),
    );
    return { fcp, content: shownAt };
  } finally {
    await context.close();
  }
}

function times(fcp: number[], content: number[]): PageTimes {
  return { fcpMs: median(fcp), contentMs: median(content), runsFcpMs: fcp, runsContentMs: content };
}

export async function runPaneRenderBench(dist: string, runs = 5): Promise<PaneRenderResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed at ${CHROMIUM}: run npm run setup (apt-get install chromium)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ensureDevCertificates } = require(path.join(ROOT, "scripts", "dev-certs.js"));
  const paths = await ensureDevCertificates({ log: () => {} });
  const cert = readFileSync(paths.cert);
  const key = readFileSync(paths.key);
  const spki = createHash("sha256").update(new X509Certificate(cert).publicKey.export({ type: "spki", format: "der" })).digest("base64");
  const minimalDist = await buildMinimalPage();
  const site = await serveDist(dist, { cert, key });
  const minimalSite = await serveDist(minimalDist, { cert, key });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--ignore-certificate-errors-spki-list=${spki}`],
  });
  const pane = { fcp: [] as number[], content: [] as number[] };
  const minimal = { fcp: [] as number[], content: [] as number[] };
  try {
    for (let run = 0; run < runs + 1; run++) {
      const p = await measure(browser, `${site.origin}/taskpane.html`, { selector: "h1", text: PANE_HEADING });
      const m = await measure(browser, `${minimalSite.origin}/minimal.html`, { selector: "button", text: MINIMAL_BUTTON });
      // The first run warms Chromium's own start-up; it is not counted.
      if (run === 0) continue;
      pane.fcp.push(p.fcp);
      pane.content.push(p.content);
      minimal.fcp.push(m.fcp);
      minimal.content.push(m.content);
    }
  } finally {
    await browser.close();
    await site.close();
    await minimalSite.close();
  }
  const paneTimes = times(pane.fcp, pane.content);
  const minimalTimes = times(minimal.fcp, minimal.content);
  return {
    runs,
    medianMs: paneTimes.contentMs,
    pane: paneTimes,
    minimal: minimalTimes,
    fcpRatio: paneTimes.fcpMs / minimalTimes.fcpMs,
    contentRatio: paneTimes.contentMs / minimalTimes.contentMs,
  };
}

if (/paneRender\.bench\.[cm]?[tj]s$/.test(process.argv[1] ?? "")) {
  runPaneRenderBench(path.join(ROOT, "dist")).then(
    (r) =>
      console.log(
        `first contentful paint: pane ${r.pane.fcpMs.toFixed(0)} ms, minimal page ${r.minimal.fcpMs.toFixed(0)} ms, ratio ${r.fcpRatio.toFixed(2)}; ` +
          `own content drawn: pane ${r.pane.contentMs.toFixed(0)} ms, minimal page ${r.minimal.contentMs.toFixed(0)} ms, ratio ${r.contentRatio.toFixed(2)} (median of ${r.runs})`,
      ),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
