// Starts and stops Prism (mock or validating proxy) for one spec, on loopback.
// Shared by `npm run mock`, `npm start`, the contract suite and the benchmarks so that every
// one of them runs Prism the same way: Node's own binary, no shell, no npx, `-v error`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer, type AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import type { ChildProcess, ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { specPath } from "../apis/spec-files.js";

const require = createRequire(import.meta.url);

/** Absolute path of Prism's CLI entry point, resolved from our pinned dependency. */
export function prismEntry(): string {
  const pkgFile = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = require(pkgFile) as { bin: string | Record<string, string> };
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin.prism;
  if (!bin) throw new Error("@stoplight/prism-cli declares no `prism` bin");
  return join(dirname(pkgFile), bin);
}

/** Resolves to true when nothing listens on host:port (so Prism can take it). */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** A port the OS says is free right now. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen({ port: 0, host }, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitUntilAnswering(url: string, child: ChildProcess, output: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const text = output.join("");
      // Another process can take the port between our check and Prism's listen().
      if (/EADDRINUSE/.test(text)) throw new Error(`Port ${new URL(url).port} is already in use (${url}): Prism could not listen on it.`);
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before answering at ${url}:\n${text.slice(-2000)}`);
    }
    try {
      // Any HTTP answer means Prism is serving. A CORS preflight is answered by Prism's server
      // itself (204) without a log line, whereas a plain GET / would log a "no path matched" error.
      await fetch(`${url}/`, {
        method: "OPTIONS",
        headers: { origin: "http://127.0.0.1", "access-control-request-method": "GET" },
        signal: AbortSignal.timeout(1000),
      });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`Prism did not answer at ${url} within ${timeoutMs} ms:\n${output.join("").slice(-2000)}`);
}

export interface StartPrismOptions {
  /** An API name from redocly.yaml. */
  api: string;
  /** Default "mock". */
  mode?: "mock" | "proxy";
  /** The upstream URL, for mode "proxy". */
  upstream?: string;
  /** Default: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Pass --errors (proxy: a drifting response becomes a 500). */
  errors?: boolean;
  extraArgs?: string[];
  /** Default 60000 (a busy 2-core machine running every test project at once needs it). */
  timeoutMs?: number;
  /** Called right after the spawn, before Prism answers, so that a caller interrupted during start-up (Ctrl-C) can still stop the process. */
  onSpawn?: (child: ChildProcess) => void;
}

export interface PrismInstance {
  api: string;
  url: string;
  port: number;
  host: string;
  child: ChildProcessByStdio<null, Readable, Readable>;
  output: string[];
  stop(): Promise<void>;
}

/**
 * Starts Prism for one API and resolves once it answers HTTP.
 */
export async function startPrism({ api, mode = "mock", upstream, port, host = "127.0.0.1", errors = false, extraArgs = [], timeoutMs = 60000, onSpawn }: StartPrismOptions): Promise<PrismInstance> {
  if (mode === "proxy" && !upstream) throw new Error(`Prism proxy for ${api} needs an upstream URL`);
  const chosenPort = port ?? (await freePort(host));
  if (!(await isPortFree(chosenPort, host))) {
    throw new Error(`Port ${chosenPort} on ${host} is already in use: cannot start the ${api} ${mode}. Stop what uses it or choose another port.`);
  }
  const args = [prismEntry(), mode, specPath(api), ...(mode === "proxy" && upstream ? [upstream] : []),
    "-h", host, "-p", String(chosenPort), "-v", "error", ...(errors ? ["--errors"] : []), ...extraArgs];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  onSpawn?.(child);
  const output: string[] = [];
  const keep = (chunk: Buffer | string): void => { output.push(String(chunk)); if (output.length > 200) output.shift(); };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const url = `http://${host}:${chosenPort}`;
  const stop = () => stopChild(child);
  try {
    await waitUntilAnswering(url, child, output, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { api, url, port: chosenPort, host, child, stop, output };
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => { clearTimeout(timer); resolve(); });
    child.kill("SIGTERM");
  });
}
