// Development HTTPS certificates for https://localhost:3000.
// office-addin-dev-certs makes them, but trusting its CA system-wide needs admin rights,
// so the dev server reads the files itself and clients trust ca.crt explicitly.
const fs = require("fs");
const path = require("path");
const os = require("os");
const { X509Certificate, createPrivateKey } = require("crypto");

const certificateDirectory = process.env.OFFSHORE_CERT_DIR || path.join(os.homedir(), ".office-addin-dev-certs");
const paths = {
  directory: certificateDirectory,
  ca: path.join(certificateDirectory, "ca.crt"),
  cert: path.join(certificateDirectory, "localhost.crt"),
  key: path.join(certificateDirectory, "localhost.key"),
};

/** Why the current files cannot be used, or null when they are fine. */
function certificateProblem(now = new Date()) {
  for (const file of [paths.ca, paths.cert, paths.key]) {
    if (!fs.existsSync(file)) return `missing ${file}`;
  }
  try {
    const cert = new X509Certificate(fs.readFileSync(paths.cert));
    const ca = new X509Certificate(fs.readFileSync(paths.ca));
    // A day of margin, so a server started today does not die mid-session.
    const soon = new Date(now.getTime() + 24 * 3600 * 1000);
    if (new Date(cert.validTo) < soon) return `the localhost certificate expires ${cert.validTo}`;
    if (new Date(ca.validTo) < soon) return `the CA certificate expires ${ca.validTo}`;
    if (!cert.checkIssued(ca)) return "the localhost certificate was not issued by ca.crt";
    if (!cert.checkPrivateKey(createPrivateKey(fs.readFileSync(paths.key)))) return "localhost.key does not match localhost.crt";
    if (!cert.checkHost("localhost")) return "the certificate does not cover localhost";
  } catch (error) {
    return `unreadable certificate files (${error.message})`;
  }
  return null;
}

/** Makes sure valid certificates exist; regenerates them with one line saying why. */
async function ensureDevCertificates({ log = console.log } = {}) {
  const problem = certificateProblem();
  if (problem) {
    for (const file of [paths.ca, paths.cert, paths.key]) fs.rmSync(file, { force: true });
    const { generateCertificates } = require("office-addin-dev-certs/lib/generate");
    const quiet = console.log;
    console.log = () => {};
    try {
      await generateCertificates(paths.ca, paths.cert, paths.key, 30, ["127.0.0.1", "localhost"]);
    } finally {
      console.log = quiet;
    }
    log(`Development certificates regenerated (${problem}) in ${paths.directory}`);
  }
  return paths;
}

/** HTTPS options for webpack-dev-server; certificates must already exist (see ensureDevCertificates). */
function httpsOptions() {
  return {
    ca: fs.readFileSync(paths.ca),
    cert: fs.readFileSync(paths.cert),
    key: fs.readFileSync(paths.key),
  };
}

module.exports = { paths, certificateProblem, ensureDevCertificates, httpsOptions };

if (require.main === module) {
  ensureDevCertificates().then((p) => console.log(`Certificates ready: ${p.directory}`), (e) => {
    console.error(`Could not create development certificates: ${e.message}`);
    process.exit(1);
  });
}
