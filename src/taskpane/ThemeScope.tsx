// The pane inside Fluent UI's FluentProvider, with the theme that matches Office's: Fluent's
// web light or dark theme (Office hands the pane no accent colour to build a brand ramp from:
// Office.OfficeTheme has body and control colours only). The provider sets every Fluent token
// as a CSS variable on its element, so the pane's own rules in styles.ts use the same tokens.
import { FluentProvider } from "@fluentui/react-components";
import { webDarkTheme, webLightTheme } from "./fluentThemes";
import type { ReactNode } from "react";

export function ThemeScope({ dark, children }: { dark: boolean; children: ReactNode }) {
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className="pane-theme" data-theme={dark ? "dark" : "light"} style={{ minHeight: "100vh" }}>
      {children}
    </FluentProvider>
  );
}
