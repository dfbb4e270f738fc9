// `npm start`: certificates, a free port, then the dev server on https://localhost:3000,
// and where to find the manifest to sideload.
const net = require("net");
const path = require("path");
const { spawn } = require("child_process");
const { ensureDevCertificates } = require("./dev-certs");

const port = Number(process.env.OFFSHORE_PORT || 3000);

function portIsFree(portNumber) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (error) => resolve(error.code !== "EADDRINUSE" && error.code !== "EACCES" ? true : false));
    probe.once("listening", () => probe.close(() => resolve(true)));
    probe.listen(portNumber, "localhost");
  });
}

async function main() {
  if (!(await portIsFree(port))) {
    console.error(
      `Port ${port} is already in use, so the dev server cannot start.\n` +
        `Stop the other server (find it with: lsof -i :${port}  or, on Windows, netstat -ano | findstr :${port}),\n` +
        `or use another port: OFFSHORE_PORT=3001 npm start (then replace localhost:3000 with localhost:3001 in manifest.xml).`,
    );
    process.exit(1);
  }
  let certificates;
  try {
    certificates = await ensureDevCertificates();
  } catch (error) {
    console.error(`Could not create the development certificates: ${error.message}`);
    process.exit(1);
  }
  const manifest = path.resolve(__dirname, "..", "manifest.xml");
  console.log(
    [
      `Serving the add-in on https://localhost:${port}/ (taskpane.html, functions.js, functions.json).`,
      `Certificates: ${certificates.directory} (trust ca.crt once; see README, "Trusting the development certificate").`,
      `Manifest to sideload: ${manifest}`,
      `  Excel on the web: Home > Add-ins > More Add-ins > Upload My Add-in, choose manifest.xml.`,
      `  Windows: put manifest.xml in a shared-folder catalog (File > Options > Trust Center > Trusted Add-in Catalogs).`,
      `  Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/`,
      `Opened in an ordinary browser, https://localhost:${port}/taskpane.html runs in preview mode on a sample table.`,
    ].join("\n"),
  );
  const webpackCli = require.resolve("webpack-cli/bin/cli.js");
  const server = spawn(process.execPath, [webpackCli, "serve", "--mode", "development"], {
    stdio: "inherit",
    env: { ...process.env, OFFSHORE_PORT: String(port) },
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main();
