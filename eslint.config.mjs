import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import officeAddins from "eslint-plugin-office-addins";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly", URL: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The model must stay pure: no Office, no DOM, no Node.
    files: ["src/model/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "Office", "Excel", "document", "window", "process", "require"],
      "no-restricted-imports": ["error", { patterns: ["fs", "path", "os", "node:*", "react", "react-dom", "@fluentui/*", "exceljs", "../workbook/*", "../actions/*", "../taskpane/*"] }],
    },
  },
  {
    // The custom functions bundle must not pull in the pane's libraries.
    files: ["src/functions/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["react", "react-dom", "@fluentui/*", "exceljs", "../taskpane/*"] }] },
  },
  {
    // Microsoft's Office.js rules, only where Office.js is called: they recognise Office.js
    // objects by method name, and the ExcelJS adapter's getRow/getCell results trip them falsely.
    // Only the rules: the plugin's presets also bring prettier and React settings.
    files: ["src/workbook/excel.ts", "src/taskpane/**/*.{ts,tsx}", "src/commands/**/*.ts"],
    plugins: { "office-addins": { meta: officeAddins.meta, rules: officeAddins.rules } },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
);
