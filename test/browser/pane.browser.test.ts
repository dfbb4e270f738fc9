// The pane in a real browser: the dev server over HTTPS with its development certificate,
// office.js from the package, preview mode on the sample table. Each step is checked
// against the model, screenshotted under test-results/browser/, and scanned by axe.
import AxeBuilder from "@axe-core/playwright";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import https from "https";
import os from "os";
import path from "path";
import { generateCertificates } from "office-addin-dev-certs/lib/generate";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { mapHeaders, parseAssumptions, evaluateCells, sensitivity, sensitivitySentence, type Evaluation } from "../../src/model";
import { formatAmount } from "../../src/model/results";
import { ASSUMPTION_BY_KEY } from "../../src/model/assumptions";
import { dateToExcelSerial, type CalendarDate } from "../../src/model/zones";
import { SAMPLE_TABLE_NAME, SAMPLE_VENDOR_HEADERS, SAMPLE_VENDOR_ROWS } from "../../src/sample/vendors";
import { PREVIEW_NOTICE } from "../../src/taskpane/App";
import { ROOT } from "../helpers/build";
import { CONSOLE_TELEMETRY_REFUSAL, launchChromium, requireChromium, routeRequests, type RequestLog } from "../helpers/chromium";
import { freePort, startDevServer, waitUntilServing, type RunningServer } from "../helpers/devServer";

const ARTIFACTS = path.join(ROOT, "test-results/browser");
/**
 * The browser's zone and language are fixed so the test's model sees the same buyer and
 * digits. Not the default buyer zone (New York): the sample's fit verdicts differ between
 * the two, so the pane matches only if the buyer accepts the browser's zone it suggests.
 */
const BUYER_TIME_ZONE = "Asia/Kolkata";
const LOCALE = "en-US";
const STEP_TIMEOUT = 180_000;

let certDir = "";
let server: RunningServer | null = null;
let browser: Browser | null = null;
let context: BrowserContext;
let page: Page;
let requests: RequestLog;
const consoleErrors: string[] = [];
const pageErrors: string[] = [];
const cspViolations: CspViolation[] = [];
const consoleMessages: string[] = [];

interface CspViolation {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
}

/**
 * office.js, outside Office, loads its Office 2013 start-up file, which frames Microsoft's
 * telemetry proxy three seconds later (ULSEndpointProxy in o15apptofilemappingtable.js,
 * unconditionally). The pane's frame-src refuses it, so preview mode sends nothing out;
 * Chromium reports that refusal as a violation and a console error. It is the only one
 * tolerated, and only for that origin and directive.
 */
const OFFICE_TELEMETRY_ORIGIN = "https://telemetryservice.firstpartyapps.oaspapps.com";
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
const isOfficeTelemetryRefusal = (v: CspViolation) => v.directive === "frame-src" && originOf(v.blocked) === OFFICE_TELEMETRY_ORIGIN;

/** Today in the buyer's zone, as the pane's evaluation writes it into the assumptions. */
function todayIn(zone: string): CalendarDate {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: part("year"), month: part("month"), day: part("day") };
}

/** The model's results for the sample rows, for a buyer in BUYER_TIME_ZONE today. */
function modelResults(): Evaluation[] {
  return modelRun().evaluations;
}

function modelRun() {
  const today = todayIn(BUYER_TIME_ZONE);
  const assumptions = parseAssumptions(
    [
      [ASSUMPTION_BY_KEY.buyerTimeZone.name, BUYER_TIME_ZONE],
      [ASSUMPTION_BY_KEY.referenceDate.name, dateToExcelSerial(today)],
    ],
    today,
  );
  if (!assumptions.ok) throw new Error(assumptions.error.message);
  const map = mapHeaders([...SAMPLE_VENDOR_HEADERS]);
  const evaluations = SAMPLE_VENDOR_ROWS.map((row) => {
    const result = evaluateCells(row, map, assumptions.value);
    if (!result || !result.ok) throw new Error(`sample row ${String(row[0])} does not evaluate`);
    return result.value;
  });
  return { evaluations, assumptions: assumptions.value };
}

const wholeNumber = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

/** The whole page, and when the step's result is further down, the screen around it too; nothing may need sideways scrolling. */
async function screenshot(name: string, result?: Locator) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  if (result) {
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-result.png`) });
  }
  // A modal dialog hides the page's scrollbar, so the client area grows by the scrollbar's
  // width and this difference goes negative: only a positive one is sideways scrolling.
  const sideways = Math.max(0, await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth));
  expect(`${name}: ${sideways} px wider than the 350 px pane`).toBe(`${name}: 0 px wider than the 350 px pane`);
}

/**
 * Fluent's focus manager (tabster) puts focusable, aria-hidden <i data-tabster-dummy> elements around a
 * dialog's focus trap to catch Tab and send the focus back in: by design (microsoft/tabster issue 288,
 * "intentionally focusable with aria-hidden ... to redirect the focus"; microsoft/fluentui issue 27517,
 * closed "By Design"), and excluded from this rule by Accessibility Insights (accessibility-insights-web
 * pull request 7605). Only those nodes are left out of aria-hidden-focus; any other node still fails it.
 */
function isFocusTrapBumper(ruleId: string, html: string): boolean {
  return ruleId === "aria-hidden-focus" && /^<i\b[^>]*\bdata-tabster-dummy\b/.test(html);
}

/** axe's serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isFocusTrapBumper(v.id, n.html)) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function openPane() {
  await page.goto(`${server!.origin}/taskpane.html`);
  await page.getByText(PREVIEW_NOTICE).waitFor();
  await page.getByRole("combobox", { name: "Vendor table" }).waitFor();
}

async function evaluate() {
  // A workbook without a buyer time zone is asked for one first; the browser's zone is suggested, and accepted here.
  const zone = page.getByRole("combobox", { name: "Buyer time zone" });
  // Either the question, or Calculate enabled by a zone the workbook already has.
  await page.locator('button:has-text("Use this time zone"), button:text-is("Calculate cost, risk and fit"):not([disabled])').first().waitFor();
  if (await page.getByRole("button", { name: "Use this time zone" }).isVisible()) {
    expect(await zone.inputValue()).toBe(BUYER_TIME_ZONE);
    await page.getByRole("button", { name: "Use this time zone" }).click();
  }
  await page.getByRole("button", { name: "Calculate cost, risk and fit", exact: true }).click();
  await page.getByRole("group", { name: "Calculated" }).waitFor();
  await page.getByRole("columnheader", { name: "Location fit" }).waitFor();
}

beforeAll(async () => {
  requireChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  certDir = mkdtempSync(path.join(os.tmpdir(), "offshore-browser-certs-"));
  server = startDevServer(await freePort(), certDir);
  await waitUntilServing(server, path.join(certDir, "ca.crt"));
  browser = await launchChromium(readFileSync(path.join(certDir, "localhost.crt")));
  context = await browser.newContext({ viewport: { width: 350, height: 900 }, timezoneId: BUYER_TIME_ZONE, locale: LOCALE, colorScheme: "light" });
  requests = await routeRequests(context, server.origin);
  await context.exposeFunction("reportCspViolation", (violation: CspViolation) => cspViolations.push(violation));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (violation: CspViolation) => Promise<void> }).reportCspViolation;
      void report({ directive: event.effectiveDirective, blocked: event.blockedURI || "inline", source: `${event.sourceFile}:${event.lineNumber}` });
    });
  });
  page = await context.newPage();
  page.on("console", (message) => {
    consoleMessages.push(`${message.type()}: ${message.text()}`);
    if (message.type() === "error" && !CONSOLE_TELEMETRY_REFUSAL.test(message.text())) consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  // The first start builds the bundles; on a busy machine that alone can take minutes.
}, 300_000);

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await server?.stop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  }
}, 60_000);

describe("the pane in Chromium, in preview mode over the dev server", () => {
  test("before the pane's script runs the page already shows 'Opening Offshore Sourcing…', and the pane replaces it", async () => {
    const opening = page.locator("#root").getByText("Opening Offshore Sourcing…");
    const paneScript = /\/taskpane\.js(\?.*)?$/;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The pane's script is held back until the placeholder has been seen on screen.
    await page.route(paneScript, async (route) => {
      await held;
      await route.fallback();
    });
    try {
      await page.goto(`${server!.origin}/taskpane.html`, { waitUntil: "commit" });
      await opening.waitFor({ state: "visible" });
      release();
      await page.getByRole("combobox", { name: "Vendor table" }).waitFor();
      await expect(opening.count()).resolves.toBe(0);
    } finally {
      release();
      await page.unroute(paneScript);
    }
  }, STEP_TIMEOUT);

  test("opens outside Excel in preview mode with its Content-Security-Policy, office.js from the package, and finds the sample table", async () => {
    await openPane();
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(policy).toMatch(/default-src 'self'/);
    expect(policy).toMatch(/object-src 'none'/);
    expect(requests.servedFromPackage).toContain("office.js");
    expect(await page.evaluate(() => typeof (window as { Office?: unknown }).Office)).toBe("object");
    expect(await page.getByRole("combobox", { name: "Vendor table" }).locator("option:checked").textContent()).toContain(SAMPLE_TABLE_NAME);
    await page.getByRole("heading", { name: `Sample workbook: ${SAMPLE_TABLE_NAME}` }).waitFor();
    await screenshot("01-initial");
    expect(await seriousViolations()).toEqual([]);
  }, STEP_TIMEOUT);

  test("Evaluate adds Total cost, Risk score and Location fit holding the model's numbers for every sample row", async () => {
    await evaluate();
    const expected = modelResults();
    const sheet = page.getByRole("table", { name: `${SAMPLE_TABLE_NAME} on sheet` });
    const headers = await sheet.getByRole("columnheader").allTextContents();
    expect(headers.slice(-3)).toEqual(["Total cost", "Risk score", "Location fit"]);
    const rows = sheet.locator("tbody tr");
    expect(await rows.count()).toBe(expected.length);
    for (const [i, evaluation] of expected.entries()) {
      const cells = await rows.nth(i).locator("th, td").allTextContents();
      expect(cells).toEqual([
        evaluation.row.vendor,
        wholeNumber.format(evaluation.cost.total),
        wholeNumber.format(evaluation.risk.score),
        evaluation.fit.verdict,
      ]);
    }
    // The summary at the top of the step counts the verdicts the table shows.
    const summary = page.getByRole("region", { name: `Results for ${expected.length} vendors` });
    await summary.waitFor();
    const verdicts = await summary.getByRole("list", { name: "Location fit verdicts" }).getByRole("listitem").allTextContents();
    expect(verdicts).toEqual(["Benefit", "Trade-off", "Blocker"].map((v) => `${expected.filter((e) => e.fit.verdict === v).length} ${v}`));
    await screenshot("02-evaluated", summary);
    expect(await seriousViolations()).toEqual([]);
  }, STEP_TIMEOUT);

  test("choosing a vendor row shows that vendor's governance checklist with its cost, risk and fit", async () => {
    const expected = modelResults();
    // A row past the first, so the checklist shows the chosen row and not merely the selected cell's.
    const chosen = expected[2];
    await page.getByRole("button", { name: chosen.row.vendor, exact: true }).click();
    await expect(page.getByRole("button", { name: chosen.row.vendor, exact: true }).getAttribute("aria-pressed")).resolves.toBe("true");
    await page.getByRole("tab", { name: "Checklist" }).click();
    await page.getByRole("heading", { name: `Governance checklist: ${chosen.row.vendor}` }).waitFor();
    const checklist = page.getByRole("tabpanel", { name: "Checklist" });
    // The engagement's facts sit in a collapsed section under the summary.
    await checklist.getByRole("button", { name: "Engagement", exact: true }).click();
    const facts = await checklist.locator("dl.checklist-facts").innerText();
    expect(facts).toContain(String(Math.round(chosen.risk.score)));
    expect(facts).toContain(chosen.fit.verdict);
    expect(facts.replace(/\D/g, "")).toContain(String(Math.round(chosen.cost.total)));
    for (const owner of ["Scope owner name", "Delivery owner name", "Security owner name", "Quality owner name", "Commercial owner name", "Escalation owner name"]) {
      await expect(checklist.getByLabel(owner, { exact: true }).count()).resolves.toBe(1);
    }
    await screenshot("03-checklist", page.getByRole("heading", { name: `Governance checklist: ${chosen.row.vendor}` }));
    expect(await seriousViolations()).toEqual([]);
  }, STEP_TIMEOUT);

  test("Insert as sheet writes the checklist sheet, keeps the owner name typed in the pane, and says so", async () => {
    const checklist = page.getByRole("tabpanel", { name: "Checklist" });
    await checklist.getByLabel("Scope owner name", { exact: true }).fill("Priya Raman");
    await checklist.getByRole("button", { name: "Insert as sheet" }).click();
    const done = checklist.getByRole("group", { name: "Done" });
    await done.waitFor();
    expect(await done.innerText()).toMatch(/sheet/i);
    // After inserting, the pane reads the sheet back: it now exists and holds the typed name.
    await checklist.getByText(/exists: inserting refreshes it/).waitFor();
    await expect(checklist.getByLabel("Scope owner name", { exact: true }).inputValue()).resolves.toBe("Priya Raman");
    await screenshot("04-inserted-sheet", done);
    expect(await seriousViolations()).toEqual([]);
  }, STEP_TIMEOUT);

  test("Copy as text puts the checklist on the clipboard as Markdown, with the vendor and the owner name typed", async () => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server!.origin });
    const checklist = page.getByRole("tabpanel", { name: "Checklist" });
    const vendor = modelResults()[2].row.vendor;
    await checklist.getByRole("button", { name: "Copy as text" }).click();
    await checklist.getByText(/on the clipboard as Markdown/).waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(/^#/m);
    expect(text).toContain(vendor);
    expect(text).toContain("Priya Raman");
  }, STEP_TIMEOUT);

  test("the checklist names the three assumptions that move the chosen vendor's total most; Go to cell from the keyboard selects one and the vendor stays", async () => {
    const { evaluations, assumptions } = modelRun();
    const chosen = evaluations[2];
    const bars = sensitivity(chosen.row, assumptions);
    const checklist = page.getByRole("tabpanel", { name: "Checklist" });
    const list = checklist.getByRole("list", { name: "Assumptions that move the total most, in USD" });
    await list.waitFor();
    await checklist.getByText(sensitivitySentence(bars, (x) => formatAmount(x, { symbol: "USD", from: "rates" })), { exact: true }).waitFor();
    expect(await list.getByRole("heading", { level: 4 }).allTextContents()).toEqual(bars.slice(0, 3).map((b) => b.name));
    const go = list.getByRole("button", { name: /^Go to cell B\d+ on 'Offshore assumptions': / });
    expect(await go.count()).toBe(3);
    await go.first().focus();
    await page.keyboard.press("Enter");
    await checklist.getByText(new RegExp(`^Selected B\\d+ on 'Offshore assumptions': ${bars[0].name.replace(/[()]/g, "\\$&")}\\.$`)).waitFor();
    await page.getByRole("heading", { name: `Governance checklist: ${chosen.row.vendor}` }).waitFor();
    await screenshot("04b-sensitivity", list);
    expect(await seriousViolations()).toEqual([]);
  }, STEP_TIMEOUT);

  test("Prepare for finance writes the Finance summary with portable formulas, keeps the model's numbers in the table, and says how to get live formulas back", async () => {
    const expected = modelResults();
    await page.getByRole("tab", { name: "Vendor table" }).click();
    const section = page.getByRole("region", { name: "4. Share with finance" });
    await expect(section.getByRole("radio", { name: "Portable formulas (recommended)" }).isChecked()).resolves.toBe(true);
    await section.getByRole("button", { name: "Prepare for finance…" }).click();
    const confirm = page.getByRole("dialog", { name: "Prepare for finance?" });
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain(`Table '${SAMPLE_TABLE_NAME}': the columns 'Total cost', 'Risk score', 'Location fit' and 'Finance row' get plain Excel formulas`);
    await screenshot("08-finance-confirm", confirm);
    expect(await seriousViolations()).toEqual([]);
    await confirm.getByRole("button", { name: "Write formulas" }).click();
    const done = section.getByRole("group", { name: "Prepared for finance" });
    await done.waitFor();
    const message = await done.innerText();
    expect(message).toContain(`${expected.length} vendors`);
    expect(message).toContain("Finance summary");
    expect(message).toMatch(/choose Calculate cost, risk and fit/);
    await page.getByText(/^Prepared for finance as portable formulas/).waitFor();
    const rows = page.getByRole("table", { name: `${SAMPLE_TABLE_NAME} on sheet` }).locator("tbody tr");
    for (const [i, evaluation] of expected.entries()) {
      const cells = await rows.nth(i).locator("th, td").allTextContents();
      expect(cells.slice(-3)).toEqual([wholeNumber.format(evaluation.cost.total), wholeNumber.format(evaluation.risk.score), evaluation.fit.verdict]);
    }
    await screenshot("08-finance", done);
    expect(await seriousViolations()).toEqual([]);
  }, STEP_TIMEOUT);

  test("with a dark colour scheme the pane opens dark, and its views pass axe", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await openPane();
    await expect(page.locator(".pane-theme").getAttribute("data-theme")).resolves.toBe("dark");
    await screenshot("05-dark-initial");
    expect(await seriousViolations()).toEqual([]);
    await evaluate();
    await page.getByRole("button", { name: modelResults()[0].row.vendor, exact: true }).click();
    await screenshot("06-dark-evaluated");
    expect(await seriousViolations()).toEqual([]);
    await page.getByRole("tab", { name: "Checklist" }).click();
    await page.getByRole("heading", { name: `Governance checklist: ${modelResults()[0].row.vendor}` }).waitFor();
    await screenshot("07-dark-checklist");
    expect(await seriousViolations()).toEqual([]);
  }, STEP_TIMEOUT);

  test("Chromium trusts only the dev server's certificate: another certificate for localhost is refused", async () => {
    const otherDir = mkdtempSync(path.join(os.tmpdir(), "offshore-other-certs-"));
    const files = { ca: path.join(otherDir, "ca.crt"), cert: path.join(otherDir, "localhost.crt"), key: path.join(otherDir, "localhost.key") };
    const quiet = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      await generateCertificates(files.ca, files.cert, files.key, 1, ["127.0.0.1", "localhost"]);
    } finally {
      quiet.mockRestore();
    }
    const other = https.createServer({ cert: readFileSync(files.cert), key: readFileSync(files.key) }, (_, response) => response.end("other"));
    const port = await freePort();
    await new Promise<void>((resolve) => other.listen(port, "localhost", resolve));
    // A context of its own: the pane's context refuses every origin but the dev server's.
    const probe = await browser!.newContext();
    try {
      await expect((await probe.newPage()).goto(`https://localhost:${port}/`)).rejects.toThrow(/ERR_CERT/);
      // The same context reaches the dev server (a file that loads nothing from elsewhere).
      const trusted = await (await probe.newPage()).goto(`${server!.origin}/functions.json`);
      expect(trusted?.status()).toBe(200);
    } finally {
      await probe.close();
      await new Promise((resolve) => other.close(resolve));
      rmSync(otherDir, { recursive: true, force: true });
    }
  }, STEP_TIMEOUT);

  test("during the whole run nothing was requested outside localhost, no CSP violation, no console or page error", async () => {
    writeFileSync(
      path.join(ARTIFACTS, "run.json"),
      JSON.stringify({ requests, cspViolations, consoleMessages, pageErrors }, null, 2),
    );
    expect(requests.outside).toEqual([]);
    expect(requests.missingFromPackage).toEqual([]);
    expect(cspViolations.filter((v) => !isOfficeTelemetryRefusal(v))).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, STEP_TIMEOUT);
});
