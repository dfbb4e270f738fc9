// Decides where the pane runs. Inside Excel, office.js calls Office.onReady with the host;
// in a plain browser office.js may be missing (no network, blocked CDN) or loaded but never
// call back, so a timeout sends the pane to preview mode instead of leaving it blank.

export type PaneHost = { readonly kind: "excel" } | { readonly kind: "preview"; readonly reason: string };

/** The part of office.js the pane looks at before choosing an adapter. */
export interface OfficeLike {
  onReady(): Promise<{ host: unknown; platform?: unknown }>;
  HostType?: { Excel?: unknown };
}

export const OFFICE_READY_TIMEOUT_MS = 1500;

export function detectHost(office: OfficeLike | undefined, timeoutMs: number = OFFICE_READY_TIMEOUT_MS): Promise<PaneHost> {
  if (!office || typeof office.onReady !== "function") {
    return Promise.resolve({ kind: "preview", reason: "office.js is not loaded" });
  }
  const excel = office.HostType?.Excel ?? "Excel";
  return new Promise<PaneHost>((resolve) => {
    const timer = setTimeout(() => resolve({ kind: "preview", reason: "Office did not answer" }), timeoutMs);
    office.onReady().then(
      (info) => {
        clearTimeout(timer);
        resolve(info && info.host === excel ? { kind: "excel" } : { kind: "preview", reason: "not running inside Excel" });
      },
      () => {
        clearTimeout(timer);
        resolve({ kind: "preview", reason: "Office failed to start" });
      },
    );
  });
}
