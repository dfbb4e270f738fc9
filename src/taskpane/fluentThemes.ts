// The two Fluent themes the pane switches between. The production build ships each with only
// the tokens its scripts and stylesheet refer to (webpack.config.js, ThemeTokensPlugin): the
// full themes set 459 CSS variables, from code that builds them out of Fluent's colour ramps.
export { webDarkTheme, webLightTheme } from "@fluentui/react-components";
