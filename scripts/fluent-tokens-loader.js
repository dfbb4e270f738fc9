// Fluent UI's components read a few design tokens at run time (`tokens.strokeWidthThin` beside
// their compiled styles), and each such read keeps the whole `tokens` object (467 CSS variable
// names, about 9,000 B gzip) in the pane's script, since webpack cannot drop unused properties.
// Every token is a constant CSS variable reference ("var(--strokeWidthThin)"), so a read is
// replaced with its value at build time; once no module reads the object, webpack leaves it out.
// Only modules that import `tokens` from Fluent's theme packages are touched, so a local
// variable of that name elsewhere (react-positioning has one) keeps its meaning.
const { tokens } = require("@fluentui/tokens");

const IMPORTS_TOKENS = /\bimport\s*\{[^}]*\btokens\b[^}]*\}\s*from\s*["']@fluentui\/(?:react-theme|tokens)["']/;

module.exports = function fluentTokensLoader(source) {
  if (!IMPORTS_TOKENS.test(source)) return source;
  return source.replace(/\btokens\.([A-Za-z_$][\w$]*)/g, (read, name) => (Object.hasOwn(tokens, name) ? JSON.stringify(tokens[name]) : read));
};
