// Production only: src/taskpane/fluentThemes.ts becomes two placeholders that ThemeTokensPlugin
// (webpack.config.js) fills, once every script and stylesheet is built, with Fluent's themes
// reduced to the tokens those refer to. The placeholder is a call of an undeclared global, so a
// build in which the plugin did not run fails loudly in the browser instead of drawing unstyled.
module.exports = function fluentThemesLoader() {
  return ["webLightTheme", "webDarkTheme"].map((name) => `export const ${name} = OFFSHORE_THEME_TOKENS(${JSON.stringify(name)});`).join("\n");
};
