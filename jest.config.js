/** Unit and integration tests run in Node; component tests opt into jsdom per file. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { jsx: "react-jsx", module: "commonjs", esModuleInterop: true }, isolatedModules: true, diagnostics: false }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  // Shims jsdom lacks for Fluent UI, and jest-dom's matchers (no-ops in the node environment).
  setupFilesAfterEnv: ["<rootDir>/test/setup/jsdom.ts"],
  testTimeout: 30000,
};
