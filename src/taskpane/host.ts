// Decides where the pane runs. Inside Excel, office.js calls Office.onReady with the host;
// in a plain browser office.js may be missing (no network, blocked CDN) or loaded but never
// call back, so a timeout sends the pane to preview mode instead of leaving it blank.
//
// Office opens the pane's page with a `_host_Info` query parameter (for example
// `taskpane.html?_host_Info=Excel$Win32$16.01$en-US$$$$0`: Microsoft's "Visual Studio Code
// Debugger Extension for Office Add-ins" page, office-js issue 1805). With it the page is
// inside Office whatever office.js does, and a slow start must never show the sample: the
// shared runtime keeps this page for the whole session, so the pane waits for Excel instead.

import type { OfficeThemeSource } from "./theme";

export type PaneHost =
  | { readonly kind: "excel" }
  | { readonly kind: "preview"; readonly reason: string }
  /** Opened by Office, but Office did not start Excel's API: the pane offers to try again. */
  | { readonly kind: "unavailable"; readonly reason: string };

/** The part of office.js the pane looks at before choosing an adapter. */
export interface OfficeLike {
  onReady(): Promise<{ host: unknown; platform?: unknown }>;
  HostType?: { Excel?: unknown };
  /** Office.addin (SharedRuntime 1.1): the pane's visibility in a shared runtime. */
  addin?: { onVisibilityModeChanged?(handler: (message: { visibilityMode: unknown }) => void): Promise<() => Promise<void>> };
  /** Office.context.officeTheme: the colours the pane's theme follows (theme.ts). */
  context?: OfficeThemeSource["context"];
}

export const OFFICE_READY_TIMEOUT_MS = 1500;

/** True when Office opened the page (its URL carries `_host_Info`). */
export function openedByOffice(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url, "https://localhost/");
    if ([...parsed.searchParams.keys()].some((k) => k.toLowerCase() === "_host_info")) return true;
    // Some hosts put their parameters after a hash route; read them there too.
    return /[?&#]_host_info=/i.test(parsed.hash);
  } catch {
    return /[?&#]_host_info=/i.test(url);
  }
}

export interface DetectOptions {
  /** The page was opened by Office (see openedByOffice): wait for Office however long it takes. */
  readonly insideOffice?: boolean;
  /** Called once when Office has not answered within the timeout but the pane keeps waiting. */
  readonly onSlow?: () => void;
}

export function detectHost(office: OfficeLike | undefined, timeoutMs: number = OFFICE_READY_TIMEOUT_MS, options: DetectOptions = {}): Promise<PaneHost> {
  const { insideOffice = false, onSlow } = options;
  if (!office || typeof office.onReady !== "function") {
    return Promise.resolve(
      insideOffice ? { kind: "unavailable", reason: "The Office library did not load" } : { kind: "preview", reason: "office.js is not loaded" },
    );
  }
  const excel = office.HostType?.Excel ?? "Excel";
  return new Promise<PaneHost>((resolve) => {
    const timer = setTimeout(() => {
      if (insideOffice) onSlow?.();
      else resolve({ kind: "preview", reason: "Office did not answer" });
    }, timeoutMs);
    office.onReady().then(
      (info) => {
        clearTimeout(timer);
        if (info && info.host === excel) resolve({ kind: "excel" });
        else if (insideOffice) resolve({ kind: "unavailable", reason: "Office started without Excel's workbook" });
        else resolve({ kind: "preview", reason: "not running inside Excel" });
      },
      () => {
        clearTimeout(timer);
        resolve(insideOffice ? { kind: "unavailable", reason: "Office failed to start" } : { kind: "preview", reason: "Office failed to start" });
      },
    );
  });
}

/**
 * Follows the pane being shown and closed (Office.addin.onVisibilityModeChanged, SharedRuntime
 * 1.1, "Show or hide the task pane of your Office Add-in"): with a shared runtime the page
 * keeps running while the pane is closed. Where the API is missing nothing is reported and the
 * pane counts as visible. Returns a function that stops listening.
 */
export function watchPaneVisibility(office: OfficeLike | undefined, listener: (visible: boolean) => void): () => void {
  const subscribe = office?.addin?.onVisibilityModeChanged;
  if (typeof subscribe !== "function") return () => undefined;
  let stopped = false;
  let remove: (() => Promise<void>) | null = null;
  subscribe
    .call(office!.addin, (message) => {
      if (!stopped) listener(message.visibilityMode !== "Hidden");
    })
    .then((off) => {
      if (stopped) void off().catch(() => undefined);
      else remove = off;
    })
    .catch(() => undefined);
  return () => {
    stopped = true;
    if (remove) void remove().catch(() => undefined);
  };
}
