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

/** Office's theme inside Office; outside, the browser's colour-scheme preference. */
export function prefersDark(): boolean {
  const office = (globalThis as { Office?: { context?: { officeTheme?: { bodyBackgroundColor?: string } } } }).Office;
  let fromOffice: boolean | undefined;
  try {
    fromOffice = isDarkBackground(office?.context?.officeTheme?.bodyBackgroundColor);
  } catch {
    // officeTheme throws on hosts that do not support it; fall through to the browser.
  }
  if (fromOffice !== undefined) return fromOffice;
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}
