// Starts the real dev server (`npm start`'s script) on a free port for a test file, and
// stops it afterwards. Certificates come from OFFSHORE_CERT_DIR when given.
import { spawn, ChildProcess } from "child_process";
import { readFileSync } from "fs";
import https from "https";
import net from "net";
import path from "path";
import { ROOT } from "./build";

export interface RunningServer {
  readonly child: ChildProcess;
  readonly port: number;
  readonly origin: string;
  output(): string;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "localhost", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function httpsGet(
  url: string,
  ca: Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, headers }, (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
      })
      .on("error", reject);
  });
}

/** Runs scripts/start.js; does not wait for it to be ready (see waitUntilServing). */
export function startDevServer(port: number, certDir?: string): RunningServer {
  const env: NodeJS.ProcessEnv = { ...process.env, OFFSHORE_PORT: String(port) };
  if (certDir) env.OFFSHORE_CERT_DIR = certDir;
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/start.js")], { cwd: ROOT, env, detached: true });
  let text = "";
  child.stdout!.on("data", (chunk) => (text += chunk));
  child.stderr!.on("data", (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    port,
    origin: `https://localhost:${port}`,
    output: () => text,
    exited,
    async stop() {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, "SIGTERM");
        } catch {
          // already gone
        }
      }
      await exited;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the CA file, then for `pathname` to answer 200; returns the CA to trust. */
export async function waitUntilServing(server: RunningServer, caFile: string, pathname = "/taskpane.html", timeoutMs = 240_000): Promise<Buffer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`the dev server exited (${server.child.exitCode}); it printed:\n${server.output()}`);
    try {
      const ca = readFileSync(caFile);
      const { status } = await httpsGet(`${server.origin}${pathname}`, ca);
      if (status === 200) return ca;
    } catch {
      // certificates not written or server not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the dev server did not answer ${pathname} in time; it printed:\n${server.output()}`);
    await sleep(1000);
  }
}
