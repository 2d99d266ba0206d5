// Starts and stops Prism (mock or validating proxy) for one spec, on loopback.
// Shared by `npm run mock`, `npm start`, the contract suite and the benchmarks so that every
// one of them runs Prism the same way: Node's own binary, no shell, no npx, `-v error`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { specPath } from "../apis/spec-files.js";

const require = createRequire(import.meta.url);

/** Absolute path of Prism's CLI entry point, resolved from our pinned dependency. */
export function prismEntry() {
  const pkgFile = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = require(pkgFile);
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin.prism;
  return join(dirname(pkgFile), bin);
}

/** Resolves to true when nothing listens on host:port (so Prism can take it). */
export function isPortFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** A port the OS says is free right now. */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen({ port: 0, host }, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntilAnswering(url, child, output, timeoutMs) {
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

/**
 * Starts Prism for one API and resolves once it answers HTTP.
 * @param {object} options
 * @param {string} options.api            an API name from redocly.yaml
 * @param {"mock"|"proxy"} [options.mode] default "mock"
 * @param {string} [options.upstream]     the upstream URL, for mode "proxy"
 * @param {number} [options.port]         default: a free port
 * @param {string} [options.host]         default 127.0.0.1
 * @param {boolean} [options.errors]      pass --errors (proxy: a drifting response becomes a 500)
 * @param {string[]} [options.extraArgs]
 * @param {number} [options.timeoutMs]    default 60000 (a busy 2-core machine running every test project at once needs it)
 * @param {(child: import("node:child_process").ChildProcess) => void} [options.onSpawn]
 *        called right after the spawn, before Prism answers, so that a caller interrupted during
 *        start-up (Ctrl-C) can still stop the process
 * @returns {Promise<{api: string, url: string, port: number, host: string, child: import("node:child_process").ChildProcess, stop: () => Promise<void>}>}
 */
export async function startPrism({ api, mode = "mock", upstream, port, host = "127.0.0.1", errors = false, extraArgs = [], timeoutMs = 60000, onSpawn }) {
  if (mode === "proxy" && !upstream) throw new Error(`Prism proxy for ${api} needs an upstream URL`);
  const chosenPort = port ?? (await freePort(host));
  if (!(await isPortFree(chosenPort, host))) {
    throw new Error(`Port ${chosenPort} on ${host} is already in use: cannot start the ${api} ${mode}. Stop what uses it or choose another port.`);
  }
  const args = [prismEntry(), mode, specPath(api), ...(mode === "proxy" ? [upstream] : []),
    "-h", host, "-p", String(chosenPort), "-v", "error", ...(errors ? ["--errors"] : []), ...extraArgs];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  onSpawn?.(child);
  const output = [];
  const keep = (chunk) => { output.push(String(chunk)); if (output.length > 200) output.shift(); };
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
export function stopChild(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => { clearTimeout(timer); resolve(); });
    child.kill("SIGTERM");
  });
}
