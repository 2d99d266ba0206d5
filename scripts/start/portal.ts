// Pieces of `npm start` that are worth keeping apart from its control flow: running one step as
// a child process, waiting for the mocks to listen, and the table of URLs it prints.
import type { ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { siteFiles } from "../docs/build.js";
import { spawnSupervised } from "../process/index.js";

/**
 * Runs `node --import tsx <script> ...args` with the terminal attached, as a supervised child
 * (it exits if we die), resolving to its exit code (or the signal that ended it). `onChild`
 * receives the child so a Ctrl-C handler can stop it.
 */
export function runNode(script: string, args: string[] = [], { cwd, env = process.env, onChild = () => {} }: { cwd?: string; env?: NodeJS.ProcessEnv; onChild?: (child: ChildProcess) => void } = {}): Promise<number | NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawnSupervised(script, args, { nodeArgs: ["--import", "tsx"], env, stdio: ["inherit", "inherit", "inherit"], ...(cwd ? { cwd } : {}) });
    onChild(child);
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(signal ?? code));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves true if something accepts a TCP connection on host:port. */
function accepts(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1000);
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("timeout", () => { socket.destroy(); resolve(false); });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Resolves once every port accepts connections, rejects if `isDead()` turns true first or after
 * `timeoutMs`. A bare TCP connect, not an HTTP request: Prism would log a request to "/" as an
 * error ("no path matched") in the user's terminal.
 */
export async function waitForPorts(ports: number[], { host = "127.0.0.1", isDead = () => false, timeoutMs = 90_000 }: { host?: string; isDead?: () => boolean; timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(ports);
  while (pending.size > 0) {
    if (isDead()) throw new Error("it exited before listening");
    if (Date.now() > deadline) throw new Error(`nothing listened on ${host} port(s) ${[...pending].join(", ")} within ${timeoutMs / 1000} s`);
    for (const port of [...pending]) if (await accepts(port, host)) pending.delete(port);
    if (pending.size > 0) await sleep(200);
  }
}

/** The rows of the URL table: the portal (docsUrl, e.g. http://localhost:8080), then per API its reference page, spec downloads and mock. */
export function portalRows(docsUrl: string, entries: Array<{ api: string; model: { version: string }; mock: string }>): string[][] {
  const base = docsUrl.replace(/\/+$/, "");
  const rows: string[][] = [["portal", "docs index (all APIs)", `${base}/`]];
  for (const { api, model, mock } of entries) {
    const files = siteFiles(api);
    rows.push(
      [api, `reference, ${model.version}`, `${base}/${files.page.replace(/index\.html$/, "")}`],
      [api, "spec, bundled YAML", `${base}/${files.yaml}`],
      [api, "spec, bundled JSON", `${base}/${files.json}`],
      [api, "mock (Prism)", mock],
    );
  }
  return rows;
}

/** Plain-text table, columns padded to their widest cell. */
export function formatTable(header: string[], rows: unknown[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: unknown[]): string => cells.map((c, i) => (i === cells.length - 1 ? String(c) : String(c).padEnd(widths[i] ?? 0))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
