// Renders assets/icon.svg to the PNG sizes the manifest names (16, 32, 64, 80 px),
// with Chromium, so the committed icons always come from one readable source.
import { readFileSync } from "fs";
import path from "path";
import { chromium } from "playwright-core";

const SIZES = [16, 32, 64, 80];

async function main(): Promise<void> {
  const svg = readFileSync(path.join(__dirname, "..", "assets", "icon.svg"), "utf8");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
      await page.screenshot({ path: path.join(__dirname, "..", "assets", `icon-${size}.png`), omitBackground: true });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`Could not render the icons: ${error.message}`);
  process.exit(1);
});
