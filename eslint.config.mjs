import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

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
);
