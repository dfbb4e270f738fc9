// Three bundles on one shared-runtime page: the pane (React + Fluent UI), the custom
// functions (model only) and the ribbon commands. functions.json is generated from the
// JSDoc of src/functions on every build.
const { execFileSync } = require("child_process");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { GriffelCSSExtractionPlugin } = require("@griffel/webpack-extraction-plugin");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");

const DEV_URL = "https://localhost:3000/";
const DEV_PORT = Number(process.env.OFFSHORE_PORT || 3000);

/** Office on the web's hosts, the only origins that read the dev server's files across origins. */
const OFFICE_ORIGIN = /^https:\/\/([a-z0-9-]+\.)*officeapps\.live\.com$/i;

/** CORS headers for a request from `origin`: it is echoed back only when it is Office's. */
function officeCorsHeaders(origin) {
  const headers = { Vary: "Origin" };
  if (typeof origin === "string" && OFFICE_ORIGIN.test(origin)) headers["Access-Control-Allow-Origin"] = origin;
  return headers;
}

/** The deployment URL for a production manifest: `--env deployUrl=...` or OFFSHORE_DEPLOY_URL. */
function deploymentUrl(env) {
  const raw = (env && env.deployUrl) || process.env.OFFSHORE_DEPLOY_URL || "";
  if (!raw) return DEV_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`The deployment URL must be an absolute https URL; got '${raw}'`);
  }
  if (url.protocol !== "https:") throw new Error(`Office add-ins must be served over https; got '${raw}'`);
  return url.href.endsWith("/") ? url.href : url.href + "/";
}

/** Replaces the development origin with the deployment URL in a text asset. */
function rewriteDevUrl(text, baseUrl) {
  return baseUrl === DEV_URL ? text : text.split(DEV_URL).join(baseUrl);
}

/** functions.json is generated during compilation, so its help URLs are rewritten as an asset. */
class DeploymentUrlPlugin {
  constructor(baseUrl, assets) {
    this.baseUrl = baseUrl;
    this.assets = assets;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("DeploymentUrlPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "DeploymentUrlPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE }, () => {
        for (const name of this.assets) {
          const asset = compilation.getAsset(name);
          if (asset) compilation.updateAsset(name, new sources.RawSource(rewriteDevUrl(asset.source.source().toString(), this.baseUrl)));
        }
      });
    });
  }
}

/**
 * help.html, where the manifest, the pane and every function's help link point: the user help
 * of src/help/help.md (not the README, which is for developers), with its contents list and the
 * assumptions with their sources generated from the model (scripts/help-page.ts, run through tsx).
 */
class HelpPagePlugin {
  apply(compiler) {
    const { sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("HelpPagePlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "HelpPagePlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const file of ["src/help/help.md", "src/help/help.template.html", "src/help/page.ts", "src/model/assumptions.ts", "scripts/help-page.ts"])
          compilation.fileDependencies.add(path.resolve(__dirname, file));
        const page = execFileSync(process.execPath, ["--import", "tsx", path.resolve(__dirname, "scripts/help-page.ts")], { cwd: __dirname, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
        compilation.emitAsset("help.html", new sources.RawSource(page));
      });
    });
  }
}

/**
 * Fills the placeholders scripts/fluent-themes-loader.js leaves for the pane's two themes with
 * Fluent's webLightTheme and webDarkTheme reduced to the tokens the build refers to: every
 * `var(--token)` in the emitted scripts and stylesheets (Fluent's extracted style rules, the
 * token reads fluent-tokens-loader.js rewrote, the pane's own styles.ts) and in the page. It runs
 * before the minifier, once all of them exist; a placeholder left unfilled fails the build.
 */
class ThemeTokensPlugin {
  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("ThemeTokensPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "ThemeTokensPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE }, (assets) => {
        const texts = Object.entries(assets)
          .filter(([name]) => /\.(js|css)$/.test(name))
          .map(([name, source]) => [name, source.source().toString()]);
        const used = new Set();
        for (const text of [...texts.map(([, text]) => text), require("fs").readFileSync(path.resolve(__dirname, "src/taskpane/taskpane.html"), "utf8")])
          for (const match of text.matchAll(/var\(--([A-Za-z0-9]+)/g)) used.add(match[1]);
        const themes = require("@fluentui/tokens");
        const reduced = (name) => JSON.stringify(Object.fromEntries(Object.entries(themes[name]).filter(([token]) => used.has(token))));
        const filled = [];
        for (const [name, text] of texts) {
          const placeholders = [...text.matchAll(/OFFSHORE_THEME_TOKENS\("(webLightTheme|webDarkTheme)"\)/g)];
          if (text.split("OFFSHORE_THEME_TOKENS").length - 1 !== placeholders.length)
            compilation.errors.push(new WebpackError(`ThemeTokensPlugin: ${name} refers to OFFSHORE_THEME_TOKENS in a form it does not fill`));
          if (placeholders.length === 0) continue;
          const source = new sources.ReplaceSource(compilation.getAsset(name).source);
          for (const match of placeholders) {
            source.replace(match.index, match.index + match[0].length - 1, reduced(match[1]));
            filled.push(match[1]);
          }
          compilation.updateAsset(name, source);
        }
        // A build without the pane (build.test.ts builds functions.js alone) has none to fill.
        if (filled.length > 0 && filled.sort().join() !== "webDarkTheme,webLightTheme")
          compilation.errors.push(new WebpackError(`ThemeTokensPlugin filled ${filled.join(", ")}; expected webLightTheme and webDarkTheme once each (src/taskpane/fluentThemes.ts)`));
      });
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const baseUrl = deploymentUrl(env);
  const withSourceMaps = !production || Boolean(env.sourceMaps);

  return {
    mode: production ? "production" : "development",
    devtool: withSourceMaps ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      // The pane runs on the same page as the functions (shared runtime) and uses the same
      // model: in production it takes those modules from functions.js instead of shipping
      // them twice (functions.js stays self-contained: Excel may load it alone). The dev
      // server keeps separate bundles, since its client script cannot be shared that way.
      taskpane: production ? { import: "./src/taskpane/index.tsx", dependOn: "functions" } : "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Parts of the pane loaded on demand (src/taskpane/lazy.tsx, boot.tsx): a name that changes
      // with the content, so a cached old part never meets a new taskpane.js. They load relative
      // to taskpane.html, beside it, so they follow the deployment URL; not publicPath "auto",
      // whose start-up code in functions.js throws where a page has no document.
      chunkFilename: "[name].[contenthash:8].js",
      publicPath: "",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // Fluent's context selector imports "scheduler" for runWithPriority, which npm resolves to
      // a newer copy than the one react-dom 18 carries: two schedulers in taskpane.js. React's own
      // copy has the same two exports, so the pane ships it once.
      // npm left two identical copies of @fluentui/react-portal 9.8.17 (under react-components and
      // under react-dialog), which webpack would ship twice (the Combobox part and the Dialog part):
      // both resolve to the copy react-components carries.
      alias: {
        scheduler$: path.dirname(require.resolve("scheduler/package.json", { paths: [path.dirname(require.resolve("react-dom/package.json"))] })),
        "@fluentui/react-portal$": path.join(path.dirname(require.resolve("@fluentui/react-portal/package.json", { paths: [path.dirname(require.resolve("@fluentui/react-components/package.json"))] })), "lib", "index.js"),
      },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { sourceMap: withSourceMaps } } },
        },
        // The model only declares (no module runs anything on import): webpack may then drop what
        // src/model/index.ts re-exports and functions.js never uses.
        { test: /[\\/]src[\\/]model[\\/][^\\/]+\.ts$/, sideEffects: false },
        // The zone table of countries-and-timezones as compact rows, the same table once loaded
        // (scripts/zone-data-loader.js checks it): about 720 B less gzip in functions.js.
        { test: /[\\/]node_modules[\\/]countries-and-timezones[\\/](?:esm|dist)[\\/]index\.js$/, use: { loader: path.resolve(__dirname, "scripts/zone-data-loader.js") } },
        // Fluent UI's packages ship their styles compiled ahead of time (Griffel's __styles): in
        // production the rules move out of the scripts into one stylesheet that taskpane.html
        // links, and the scripts keep only the class names (Griffel's documented extraction).
        ...(production
          ? [
              // Listed first so that it runs last, on what Griffel's loader below leaves.
              { test: /\.js$/, include: /[\\/]node_modules[\\/]@fluentui[\\/]/, use: { loader: path.resolve(__dirname, "scripts/fluent-ltr-loader.js") } },
              { test: /\.js$/, include: /[\\/]node_modules[\\/]@fluentui[\\/]/, use: { loader: GriffelCSSExtractionPlugin.loader } },
              { test: /\.js$/, include: /[\\/]node_modules[\\/]@fluentui[\\/]/, use: { loader: path.resolve(__dirname, "scripts/fluent-tokens-loader.js") } },
              { test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] },
              { test: /[\\/]src[\\/]taskpane[\\/]fluentThemes\.ts$/, use: { loader: path.resolve(__dirname, "scripts/fluent-themes-loader.js") } },
            ]
          : []),
      ],
    },
    // Code that parts loaded on demand share goes into one script, rather than into a copy in
    // each part or into many small scripts: the budget counts every byte shipped (build.test.ts).
    // The vendor table steps (src/taskpane/lazy.tsx) go into that script too: boot.tsx fetches
    // both as the pane starts, and gzip finds more repeats in one file than in two (about 800 B).
    optimization: {
      // The budget counts gzip bytes: the shortest module ids, chunk ids and export names, and a
      // third compress pass (webpack's default is two), take about 3,000 B off in all.
      ...(production ? { moduleIds: "size", chunkIds: "size", mangleExports: "size", minimizeOptions: { javascript: { compress: { passes: 3 } } } } : {}),
      splitChunks: {
        chunks: "async",
        cacheGroups: {
          default: false,
          defaultVendors: false,
          shared: { chunks: "async", type: /^javascript\//, minChunks: 2, minSize: 0, name: "pane-shared", enforce: true },
          vendorTable: {
            chunks: "async",
            type: /^javascript\//,
            test: (module, { chunkGraph }) => [...chunkGraph.getModuleChunksIterable(module)].some((chunk) => chunk.name === "vendor-table"),
            minSize: 0,
            name: "pane-shared",
            enforce: true,
          },
        },
      },
    },
    // Office's current engines run ES2020 natively: ship no polyfills.
    target: ["web", "es2020"],
    performance: { hints: false },
    plugins: [
      // Griffel orders its rules itself, so mini-css-extract-plugin's order warnings do not apply.
      // All of them go to the one stylesheet taskpane.html links, so no script loads CSS at run
      // time (runtime: false keeps that loader out of functions.js).
      ...(production ? [new MiniCssExtractPlugin({ ignoreOrder: true, runtime: false }), new GriffelCSSExtractionPlugin(), new ThemeTokensPlugin()] : []),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HelpPagePlugin(),
      new DeploymentUrlPlugin(production ? baseUrl : DEV_URL, ["functions.json"]),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: one page hosts the functions, the pane and the commands.
        chunks: ["functions", "taskpane", "commands"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (production ? rewriteDevUrl(content.toString(), baseUrl) : content),
          },
        ],
      }),
    ],
    devServer: {
      host: "localhost",
      port: DEV_PORT,
      allowedHosts: ["localhost"],
      hot: false,
      liveReload: true,
      client: { overlay: { errors: true, warnings: false } },
      // No "*": any page the developer visits could read the served source and its maps.
      // Excel on the web fetches functions.json from its own origin and needs CORS for it
      // (OfficeDev/office-js#3970: blocked from https://excel.officeapps.live.com;
      // OfficeDev/Excel-Custom-Functions#212: from https://inc-excel.officeapps.live.com), so
      // only Office's origins are echoed back; desktop Excel loads the files same-origin.
      headers: (req) => officeCorsHeaders(req.headers.origin),
      // Read only when serving, so a plain build never needs certificates.
      server: env.WEBPACK_SERVE ? { type: "https", options: require("./scripts/dev-certs").httpsOptions() } : undefined,
      static: false,
    },
  };
};
