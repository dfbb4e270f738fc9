// The help page as users open it: in a 350 px task pane and in a full browser window, in light
// and dark, with nothing to scroll sideways and nothing axe objects to.
import AxeBuilder from "@axe-core/playwright";
import path from "path";
import { pathToFileURL } from "url";
import { chromium, type Browser } from "playwright-core";
import { ensureBuilt } from "../helpers/build";
import { CHROMIUM_PATH, requireChromium } from "../helpers/chromium";

let browser: Browser | null = null;
let helpPage = "";

beforeAll(async () => {
  requireChromium();
  helpPage = pathToFileURL(path.join(await ensureBuilt(), "help.html")).href;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
}, 15 * 60 * 1000);

afterAll(async () => {
  await browser?.close();
});

describe("help page in Chromium", () => {
  test.each([
    [350, "light"],
    [350, "dark"],
    [1280, "light"],
  ] as const)("at %i px (%s) nothing needs sideways scrolling and axe finds no violation", async (width, colorScheme) => {
    const context = await browser!.newContext({ viewport: { width, height: 800 }, colorScheme });
    // The page loads nothing beyond itself: any other request would fail in the pane's sandbox.
    const outside: string[] = [];
    await context.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : (outside.push(route.request().url()), route.abort())));
    const page = await context.newPage();
    await page.goto(helpPage);
    const widths = await page.evaluate(() => ({
      scroll: document.scrollingElement!.scrollWidth,
      // The widest element, to name the culprit when the page overflows.
      widest: [...document.querySelectorAll("body *")]
        .map((el) => ({ tag: el.tagName + (el.id ? "#" + el.id : ""), right: Math.ceil(el.getBoundingClientRect().right) }))
        .sort((a, b) => b.right - a.right)[0],
    }));
    expect(widths.scroll > width ? widths.widest : null).toBeNull();
    expect(widths.scroll).toBeLessThanOrEqual(width);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  }, 120_000);

  test("every function's help link lands on its section, which names the function", async () => {
    const context = await browser!.newContext({ viewport: { width: 350, height: 800 } });
    const page = await context.newPage();
    for (const name of ["TOTALCOST", "RISKSCORE", "LOCATIONFIT", "OVERLAP", "COSTBREAKDOWN", "RISKDRIVERS", "FITDETAIL"]) {
      await page.goto(`${helpPage}#offshore${name.toLowerCase()}`);
      const heading = page.locator(`#offshore${name.toLowerCase()}`);
      expect(await heading.textContent()).toBe(`OFFSHORE.${name}`);
      expect(await heading.evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThanOrEqual(1);
    }
    await context.close();
  }, 120_000);
});
