// The pane as the production build ships it. The other browser suites run the development
// build, which inserts Fluent's style rules at run time; the production build moves them into
// a stylesheet taskpane.html links (Griffel's CSS extraction) and rewrites Fluent's token reads
// at build time. Here the built dist/ is served as a host would serve it and opened in Chromium
// at 350 px: the pane must be styled by that stylesheet, load no script from elsewhere, log no
// error, and leave axe nothing serious to report.
import AxeBuilder from "@axe-core/playwright";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { existsSync, readdirSync, readFileSync } from "fs";
import http from "http";
import type { AddressInfo } from "net";
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ensureBuilt } from "../helpers/build";
import { CHROMIUM_PATH, CONSOLE_TELEMETRY_REFUSAL, requireChromium, routeRequests } from "../helpers/chromium";

const TYPES: Record<string, string> = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".png": "image/png" };

let browser: Browser | null = null;
let server: http.Server | null = null;
let origin = "";

beforeAll(async () => {
  requireChromium();
  const dist = await ensureBuilt();
  server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = path.join(dist, path.normalize(pathname).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dist) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server!.listen(0, "localhost", resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
}, 15 * 60 * 1000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** Each Fluent button's computed corner radius and font, as drawn. */
function buttonStyles(page: Page): Promise<{ radius: string; font: string }[]> {
  return page.locator(".fui-Button").evaluateAll((buttons) => buttons.map((b) => ({ radius: getComputedStyle(b).borderTopLeftRadius, font: getComputedStyle(b).fontFamily })));
}

/** Serious or critical axe findings, less Fluent's focus-trap bumpers (microsoft/tabster issue 288), as the development suite excludes them. */
async function seriousViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).analyze();
  return axe.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !(v.id === "aria-hidden-focus" && /^<i\b[^>]*\bdata-tabster-dummy\b/.test(n.html))) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.impact} ${v.id}: ${v.help}`);
}

/** The Fluent theme tokens the built scripts, stylesheet and page refer to as CSS variables ("var(--colorNeutralForeground1)"). */
function tokensUsedByBuild(dist: string): string[] {
  const text = readdirSync(dist)
    .filter((name) => /\.(js|css|html)$/.test(name) && name !== "help.html")
    .map((name) => readFileSync(path.join(dist, name), "utf8"))
    .join("\n");
  const used = new Set([...text.matchAll(/var\(--([A-Za-z0-9]+)/g)].map((m) => m[1]));
  return Object.keys(webLightTheme).filter((name) => used.has(name));
}

async function openPane(colorScheme: "light" | "dark", withoutStylesheet = false) {
  const context = await browser!.newContext({ viewport: { width: 350, height: 720 }, colorScheme, timezoneId: "Asia/Kolkata" });
  const requests = await routeRequests(context, origin);
  // The check of the check: without the stylesheet, the same buttons are drawn by the browser's defaults.
  if (withoutStylesheet) await context.route(/\.css$/, (route) => route.fulfill({ status: 404, body: "" }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => (message.type() === "error" && !CONSOLE_TELEMETRY_REFUSAL.test(message.text()) ? errors.push(message.text()) : undefined));
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${origin}/taskpane.html`);
  // A plain browser: after its wait for Office the pane opens its preview workbook.
  await page.getByRole("heading", { level: 1 }).waitFor({ timeout: 30_000 });
  await page.locator(".fui-Button").first().waitFor({ timeout: 30_000 });
  return { context, page, errors, requests };
}

describe("the production build in Chromium at 350 px", () => {
  test.each(["light", "dark"] as const)("(%s) Fluent's components are styled by the linked stylesheet, nothing else is loaded, no error is logged and axe finds nothing serious", async (colorScheme) => {
    const { context, page, errors, requests } = await openPane(colorScheme);
    const stylesheets = await page.evaluate(() => [...document.styleSheets].map((s) => (s.href ? new URL(s.href).pathname : null)).filter((href) => href !== null));
    expect(stylesheets.some((href) => /\.css$/.test(href!))).toBe(true);
    const styles = await buttonStyles(page);
    expect(styles.length).toBeGreaterThan(0);
    // Fluent's medium button: borderRadiusMedium (4px) and the Segoe UI stack of its theme.
    for (const style of styles) {
      expect(style.radius).toBe("4px");
      expect(style.font).toMatch(/Segoe UI/);
    }
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(sideways).toBeLessThanOrEqual(0);
    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      // Fluent's focus-trap bumpers, as the development suite excludes them (microsoft/tabster issue 288).
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !(v.id === "aria-hidden-focus" && /^<i\b[^>]*\bdata-tabster-dummy\b/.test(n.html))) }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => `${v.impact} ${v.id}: ${v.help}`);
    expect(serious).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests.outside).toEqual([]);
    await context.close();
  }, 180_000);

  // The parts loaded on demand (the time zone Combobox, the results, the finance Dialog in its
  // portal) as the production build splits and themes them, and every design token the build
  // refers to set by the pane's FluentProvider to Fluent's own value for the theme.
  test.each(["light", "dark"] as const)("(%s) the time zone list, the results and the finance confirmation open from the built parts, every token the build uses has Fluent's value, axe finds nothing serious", async (colorScheme) => {
    const { context, page, errors, requests } = await openPane(colorScheme);
    const theme: Record<string, string | number> = colorScheme === "dark" ? webDarkTheme : webLightTheme;
    const used = tokensUsedByBuild(await ensureBuilt());
    expect(used.length).toBeGreaterThan(100);
    const set = await page.locator(".fui-FluentProvider").first().evaluate((provider, names) => names.map((name) => getComputedStyle(provider).getPropertyValue(`--${name}`).trim()), used);
    const normalize = (value: string) => value.replace(/\s+/g, " ").replace(/\s*,\s*/g, ",").replace(/"/g, "'");
    const wrong = used.map((name, i) => ({ name, set: set[i] })).filter(({ name, set }) => normalize(set) !== normalize(String(theme[name]))).map(({ name, set }) => `${name}: '${set}' (Fluent: ${theme[name]})`);
    expect(wrong).toEqual([]);

    const zone = page.getByRole("combobox", { name: "Buyer time zone" });
    await zone.waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Use this time zone" }).waitFor();
    await zone.focus();
    await page.keyboard.press("Alt+ArrowDown");
    await page.getByRole("listbox").getByRole("option").first().waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Use this time zone" }).click();
    await page.getByRole("button", { name: "Calculate cost, risk and fit", exact: true }).click();
    await page.getByRole("group", { name: "Calculated" }).waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Prepare for finance…" }).click();
    const confirm = page.getByRole("dialog", { name: "Prepare for finance?" });
    await confirm.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    expect(requests.outside).toEqual([]);
    await context.close();
  }, 180_000);

  test("without the stylesheet the same buttons fall back to the browser's defaults (so the check above can fail)", async () => {
    const { context, page } = await openPane("light", true);
    const styles = await buttonStyles(page);
    expect(styles.length).toBeGreaterThan(0);
    expect(styles.every((s) => s.radius === "4px")).toBe(false);
    await context.close();
  }, 180_000);
});
