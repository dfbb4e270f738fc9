// Preloaded by offshore-evaluate.js (node --require): tsx's CommonJS loader compiles the command's
// TypeScript, and Node's own loader reads the JavaScript of its dependencies. tsx also takes over
// .js files, to compile any written as an ES module, and tells them apart by running an ES module
// lexer over each whole file whose text holds "import" or "export", as nearly every CommonJS file
// does (`exports`): on every start, some 370 files of ExcelJS, JSZip and zod, all CommonJS.
const Module = require("module");

const nodeJavaScript = Module._extensions[".js"];
require("tsx/cjs");
Module._extensions[".js"] = nodeJavaScript;
