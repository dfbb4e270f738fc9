// Headless Chromium from the system's packages, trusting exactly the dev server's
// certificate, with office.js answered from the @microsoft/office-js package and every
// other request outside the dev server recorded and refused: the pane must work offline
// and must not call home.
import { createHash, X509Certificate } from "crypto";
import { existsSync, readFileSync } from "fs";
import path from "path";
import { chromium, type Browser, type BrowserContext, type Route } from "playwright-core";
import { ROOT } from "./build";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Where office.js lives on Microsoft's CDN; the pane's page asks for it there. */
export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_PACKAGE = path.join(ROOT, "node_modules/@microsoft/office-js/dist");

/**
 * office.js, outside Office, frames Microsoft's telemetry proxy (ULSEndpointProxy in
 * o15apptofilemappingtable.js, unconditionally); the pane's frame-src refuses it, and Chromium
 * logs that refusal as a console error: the one error a preview page may show.
 */
export const CONSOLE_TELEMETRY_REFUSAL = /^Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/[^']*' violates the following Content Security Policy directive: "frame-src /;

/** Base64 SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's SPKI list expects. */
export function spkiHash(certificatePem: string | Buffer): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}

/** A missing browser fails the run, saying how to install it: browser tests never skip. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}, so the browser tests cannot run. Run \`npm run setup\` (it runs apt-get install chromium), then run the tests again.`);
  }
}

/** Launches the system Chromium trusting the one certificate given (PEM). */
export async function launchChromium(trustedCertificatePem: string | Buffer): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // Trust the dev server's certificate only; any other certificate error still fails.
      `--ignore-certificate-errors-spki-list=${spkiHash(trustedCertificatePem)}`,
    ],
  });
}

export interface RequestLog {
  /** office.js files answered from the package, by path under the CDN's hosted folder. */
  readonly servedFromPackage: string[];
  /** office.js files the package does not have (answered 404). */
  readonly missingFromPackage: string[];
  /** Requests to anywhere but `origin` and office.js's CDN path: refused. */
  readonly outside: string[];
  /** The dev server's live-reload sockets, answered by a silent stand-in. */
  readonly liveReloadSockets: string[];
}

function packageFile(url: string): string | null {
  const relative = decodeURIComponent(new URL(url).pathname.slice(new URL(OFFICE_JS_CDN).pathname.length));
  const file = path.resolve(OFFICE_JS_PACKAGE, relative);
  return file.startsWith(OFFICE_JS_PACKAGE + path.sep) ? file : null;
}

/**
 * Routes every request of `context`: `origin` goes to the network, office.js's CDN path is
 * answered from the package, anything else is recorded and aborted. The dev server's
 * live-reload socket gets a stand-in that never speaks: the working tree may change while
 * the suite runs, and a reload would drop the in-memory workbook between two steps.
 */
export async function routeRequests(context: BrowserContext, origin: string): Promise<RequestLog> {
  const log: RequestLog = { servedFromPackage: [], missingFromPackage: [], outside: [], liveReloadSockets: [] };
  await context.routeWebSocket((url) => url.origin.replace(/^wss:/, "https:") === origin && url.pathname === "/ws", (socket) => {
    log.liveReloadSockets.push(socket.url());
  });
  await context.route("**/*", async (route: Route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    if (url.startsWith(OFFICE_JS_CDN)) {
      const file = packageFile(url);
      const relative = url.slice(OFFICE_JS_CDN.length).split(/[?#]/)[0];
      if (file && existsSync(file)) {
        log.servedFromPackage.push(relative);
        return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: readFileSync(file) });
      }
      log.missingFromPackage.push(relative);
      return route.fulfill({ status: 404, contentType: "text/plain", body: "not in @microsoft/office-js" });
    }
    log.outside.push(url);
    return route.abort("blockedbyclient");
  });
  return log;
}
