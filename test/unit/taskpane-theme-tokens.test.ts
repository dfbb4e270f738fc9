// The pane ships only the Fluent tokens its CSS uses: the generated table must match what
// the sources use today and Fluent's own values.
import { readFileSync } from "fs";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { TOKENS_FILE, themeTokensSource, usedTokens } from "../../scripts/theme-tokens";
import { DARK_TOKENS, LIGHT_TOKENS } from "../../src/taskpane/themeTokens";

test("src/taskpane/themeTokens.ts is up to date with the tokens the pane uses (run npx tsx scripts/theme-tokens.ts)", () => {
  expect(readFileSync(TOKENS_FILE, "utf8")).toBe(themeTokensSource());
});

test("every token the pane's CSS uses has Fluent's light and dark value", () => {
  const used = usedTokens();
  expect(used.length).toBeGreaterThan(20);
  for (const name of used) {
    expect(LIGHT_TOKENS[name]).toBe(String((webLightTheme as unknown as Record<string, string>)[name]));
    expect(DARK_TOKENS[name]).toBe(String((webDarkTheme as unknown as Record<string, string>)[name]));
  }
  expect(Object.keys(LIGHT_TOKENS).sort()).toEqual(used);
});
