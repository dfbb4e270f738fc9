// Fluent UI's compiled styles give a class for each text direction where they differ
// (`t21cq0: ["fibjyge", "f9yszdx"]`, left-to-right first), and Griffel picks one by the
// FluentProvider's `dir`. The pane is drawn left to right only (English text, no `dir` given to
// FluentProvider, whose default is "ltr"), so each pair is replaced by its left-to-right class:
// Griffel's __css takes a single class for both directions, and the classes applied are the same.
// Runs after Griffel's extraction loader, on the class maps it leaves in each call of Griffel's
// `__css` (imported as `__css as _css`; the style rules themselves went to the stylesheet); in a
// class map an array is only ever such a pair (Griffel's CSSClassesMap), and no other part of a
// module is touched.
const PAIR = /\[\s*("[A-Za-z0-9_-]+")\s*,\s*"[A-Za-z0-9_-]+"\s*\]/g;

/** The end (exclusive) of the parenthesised argument list opening at `open`; class maps hold no parentheses in strings. */
function argumentsEnd(source, open) {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === "(") depth++;
    else if (source[i] === ")" && --depth === 0) return i + 1;
  }
  return -1;
}

const CSS_IMPORT = /\bimport\s*\{[^}]*\b__css(?:\s+as\s+([A-Za-z_$][\w$]*))?[^}]*\}\s*from\s*["']@griffel\/(?:react|core)["']/;

// makeResetStyles compiles to `__resetCSS("r1f29ykk", "r9ks8bf")`: the left-to-right class, then
// the right-to-left one or null when they are the same; null makes Griffel use the first.
const RESET_IMPORT = /\bimport\s*\{[^}]*\b__resetCSS(?:\s+as\s+([A-Za-z_$][\w$]*))?[^}]*\}\s*from\s*["']@griffel\/(?:react|core)["']/;

function withoutRtlResets(source) {
  const imported = RESET_IMPORT.exec(source);
  if (!imported) return source;
  const name = (imported[1] ?? "__resetCSS").replace(/\$/g, "\\$");
  return source.replace(new RegExp(`\\b${name}\\(\\s*("[A-Za-z0-9_-]+")\\s*,\\s*"[A-Za-z0-9_-]+"\\s*\\)`, "g"), `${imported[1] ?? "__resetCSS"}($1, null)`);
}

module.exports = function fluentLtrLoader(input) {
  const source = withoutRtlResets(input);
  const imported = CSS_IMPORT.exec(source);
  if (!imported) return source;
  const CALL = `${imported[1] ?? "__css"}(`;
  let out = "";
  let from = 0;
  for (let at = source.indexOf(CALL, from); at !== -1; at = source.indexOf(CALL, from)) {
    const open = at + CALL.length - 1;
    const end = argumentsEnd(source, open);
    if (end === -1) break;
    out += source.slice(from, open) + source.slice(open, end).replace(PAIR, "$1");
    from = end;
  }
  return out + source.slice(from);
};
