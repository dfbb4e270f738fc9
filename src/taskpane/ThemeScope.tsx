// Fluent UI's light or dark theme as CSS variables on the pane's root element, which is
// what FluentProvider does; done here because the provider's runtime (style engine, focus
// manager, contexts) costs the pane more of its bundle budget than the components it no
// longer uses. Every colour, font and radius in styles.ts is one of these variables, and
// themeTokens.ts holds exactly those, generated from Fluent's webLightTheme / webDarkTheme.
import type { CSSProperties, ReactNode } from "react";
import { DARK_TOKENS, LIGHT_TOKENS } from "./themeTokens";

export function themeVariables(theme: Readonly<Record<string, string>>): CSSProperties {
  const variables: Record<string, string> = {};
  for (const [token, value] of Object.entries(theme)) variables[`--${token}`] = value;
  return variables as CSSProperties;
}

const LIGHT = themeVariables(LIGHT_TOKENS);
const DARK = themeVariables(DARK_TOKENS);

export function ThemeScope({ dark, children }: { dark: boolean; children: ReactNode }) {
  return (
    <div
      className="pane-theme"
      data-theme={dark ? "dark" : "light"}
      style={{ ...(dark ? DARK : LIGHT), minHeight: "100vh", background: "var(--colorNeutralBackground1)", color: "var(--colorNeutralForeground1)" }}
    >
      {children}
    </div>
  );
}
