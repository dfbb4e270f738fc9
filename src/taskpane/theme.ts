// Office hands the pane its theme as colours, not as a light/dark flag: the pane is dark
// when Office paints the body background dark.

/** Relative luminance below one half counts as dark; "#1f1f1f" is dark, "#ffffff" is not. */
export function isDarkBackground(color: string | undefined | null): boolean | undefined {
  if (!color) return undefined;
  const hex = color.trim().replace(/^#/, "");
  const full = hex.length === 3 ? hex.split("").map((c) => c + c).join("") : hex;
  if (!/^[0-9a-fA-F]{6}$/.test(full)) return undefined;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** The part of office.js the theme comes from (Office.context.officeTheme). */
export interface OfficeThemeSource {
  readonly context?: { readonly officeTheme?: { readonly bodyBackgroundColor?: string } };
}

const globalOffice = () => (globalThis as { Office?: OfficeThemeSource }).Office;

/** Office's theme inside Office; outside, the browser's colour-scheme preference. */
export function prefersDark(office: OfficeThemeSource | undefined = globalOffice()): boolean {
  let fromOffice: boolean | undefined;
  try {
    fromOffice = isDarkBackground(office?.context?.officeTheme?.bodyBackgroundColor);
  } catch {
    // officeTheme throws on hosts that do not support it; fall through to the browser.
  }
  if (fromOffice !== undefined) return fromOffice;
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/**
 * Calls `listener` with the theme whenever it may have changed. Excel reports no theme change:
 * Office.EventType.OfficeThemeChanged is Outlook's (Mailbox 1.14, @types/office-js), and
 * whether Office.context.officeTheme follows a change during a session differs by platform
 * (OfficeDev/office-js#713: not in Excel on Windows with Edge). So the pane reads the theme
 * again each time it is shown (`watchVisibility`, where given) and follows the browser's
 * colour-scheme preference, which is what decides outside Office. Returns a stop function.
 */
export function watchTheme(
  listener: (dark: boolean) => void,
  office?: OfficeThemeSource,
  watchVisibility?: (visible: (shown: boolean) => void) => () => void,
): () => void {
  const report = () => listener(prefersDark(office ?? globalOffice()));
  const media = typeof window !== "undefined" && typeof window.matchMedia === "function" ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  media?.addEventListener?.("change", report);
  const stopVisibility = watchVisibility?.((shown) => {
    if (shown) report();
  });
  return () => {
    media?.removeEventListener?.("change", report);
    stopVisibility?.();
  };
}
