// Starts and stops Prism mocks and validating proxies on loopback. Shared by `npm run mock`,
// `npm start`, the test suites, stage mode and the benchmarks, so that every one of them runs
// Prism the same way — and gets the same protection:
//   - the mocks live in one supervised child, the mock host (./host/main.ts): it exits when its
//     parent dies, however the parent dies (SIGKILL included), so no caller can leave a mock
//     holding a port; and it keeps serving while its caller is busy;
//   - each Prism listens on an internal loopback port and its request guard (./guard) holds the
//     public one, answering itself the requests that crash or starve Prism 5.14.2 (malformed
//     percent-escapes, bodies over 1 MB, JSON nested too deep, blank parameter values the
//     schema refuses) and passing everything else through unchanged;
//   - Prism runs as a library inside the host (./host/prism-library.ts), loaded once for all the
//     specs the host serves.
import type { ChildProcess, ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { bundledEntry, bundledFilePattern } from "../process/bundled-entry.js";
import { isPortFree } from "../process/ports.js";
import { spawnSupervised, stopChild } from "../process/spawn-supervised.js";
import { isHostMessage, type HostConfig, type HostMessage, type MockSpec } from "./host/protocol.js";

export { stopChild };

const HOST_ENTRY = new URL("./host/main.ts", import.meta.url).pathname;
const HOST_NAME = "mock-host";
/** Whether a process's command line is a mock host's (it runs ./host/main.ts bundled, see startPrisms). */
export const isMockHostCommand = (command: string): boolean => bundledFilePattern(HOST_NAME).test(command);

export interface MockRequest {
  /** An API name from redocly.yaml. */
  api: string;
  /** Default "mock". */
  mode?: "mock" | "proxy";
  /** The upstream URL, for mode "proxy". */
  upstream?: string;
  /** Default: a free port. */
  port?: number;
  /** Prism's `--errors` (proxy: a drifting response becomes a 500). */
  errors?: boolean;
  /**
   * The request guard's limits. Default: on, with its defaults (1 MB body, depth 64). `false`
   * runs Prism bare on the public port — only for showing what the guard prevents.
   */
  guard?: false | { maxBodyBytes?: number; maxDepth?: number };
}

export interface StartPrismsOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 60000 (a busy 2-core machine running every test project at once needs it). */
  timeoutMs?: number;
  /** Called right after the spawn, before the mocks answer, so that a caller interrupted during start-up (Ctrl-C) can still stop the host. */
  onSpawn?: (child: ChildProcess) => void;
  /** Serve a spec again when its file changes (`npm run mock`), as `prism mock` does. Default false. */
  watch?: boolean;
}

export interface PrismInstance {
  api: string;
  url: string;
  port: number;
  host: string;
  /** The mock host serving it (shared with the other mocks started together). */
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Prism's own address behind the guard at start (the same as `url` without a guard). */
  prismUrl: string;
  /** The host's recent output (last 200 chunks): Prism's log lines and the guard's refusals, prefixed with the API. */
  output: string[];
  /** Stops the host, and with it every mock started together with this one. */
  stop(): Promise<void>;
}

export interface PrismHost {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** In the order requested. */
  instances: PrismInstance[];
  output: string[];
  stop(): Promise<void>;
}

const busyMessage = (api: string, mode: string, port: number, host: string) =>
  `Port ${port} on ${host} is already in use: cannot start the ${api} ${mode}. Stop what uses it or choose another port.`;

/** The host's one message, or an error naming what went wrong (exit, timeout) with its last output. */
function waitForHost(child: ChildProcess, output: string[], timeoutMs: number): Promise<HostMessage> {
  return new Promise((resolve, reject) => {
    const tail = () => output.join("").slice(-2000);
    const timer = setTimeout(() => {
      cleanup();
      void stopChild(child).then(() => reject(new Error(`the mock host did not answer within ${timeoutMs} ms:\n${tail()}`)));
    }, timeoutMs);
    const onMessage = (message: unknown) => {
      if (!isHostMessage(message)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`the mock host exited (${code ?? signal}) before it was ready:\n${tail()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/**
 * Starts the mocks (or proxies) in one host, each behind its request guard, and resolves once
 * every one of them listens. If any cannot start, none is left running and the error names each
 * that failed.
 */
export async function startPrisms(requests: MockRequest[], { host = "127.0.0.1", timeoutMs = 60_000, onSpawn, watch = false }: StartPrismsOptions = {}): Promise<PrismHost> {
  const mocks: MockSpec[] = requests.map(({ api, mode = "mock", upstream, port = 0, errors = false, guard = {} }) => {
    if (mode === "proxy" && !upstream) throw new Error(`Prism proxy for ${api} needs an upstream URL`);
    return { api, mode, ...(upstream ? { upstream } : {}), port, errors, guard };
  });
  // Checked before anything starts, so that the error names the API the port was meant for.
  for (const mock of mocks) {
    if (mock.port !== 0 && !(await isPortFree(mock.port, host))) throw new Error(busyMessage(mock.api, mock.mode, mock.port, host));
  }
  const config: HostConfig = { host, mocks, watch };
  // Bundled, so that the host starts without tsx (scripts/process/bundled-entry.ts says why).
  const entry = await bundledEntry(HOST_ENTRY, HOST_NAME);
  const child = spawnSupervised(entry, [JSON.stringify(config)], { nodeArgs: ["--enable-source-maps"], env: { ...process.env, NO_COLOR: "1" } }) as ChildProcessByStdio<null, Readable, Readable>;
  onSpawn?.(child);
  const output: string[] = [];
  const keep = (chunk: Buffer) => { output.push(String(chunk)); if (output.length > 200) output.shift(); };
  // Always read: the host writes its log synchronously to a pipe, and a pipe nobody reads would stall it.
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);

  const message = await waitForHost(child, output, timeoutMs);
  if (message.type === "failed") {
    await stopChild(child);
    throw new Error(message.failures.map(({ api, message: why, portInUse }) => {
      const mock = mocks.find((m) => m.api === api)!;
      return portInUse ? busyMessage(api, mock.mode, mock.port, host) : `the ${api} ${mock.mode} did not start: ${why}`;
    }).join("\n"));
  }
  const stop = () => stopChild(child);
  const instances = message.mocks.map(({ api, url, prismUrl }) => ({ api, url, port: Number(new URL(url).port), host, child, prismUrl, output, stop }));
  return { child, instances, output, stop };
}

/** One mock (or proxy) in a host of its own: see startPrisms. */
export async function startPrism({ host, timeoutMs, onSpawn, ...request }: MockRequest & StartPrismsOptions): Promise<PrismInstance> {
  const started = await startPrisms([request], { ...(host ? { host } : {}), ...(timeoutMs ? { timeoutMs } : {}), ...(onSpawn ? { onSpawn } : {}) });
  return started.instances[0]!;
}
