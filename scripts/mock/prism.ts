// Starts and stops Prism (mock or validating proxy) for one spec, on loopback.
// Shared by `npm run mock`, `npm start`, the contract and client suites and the benchmarks, so
// that every one of them runs Prism the same way — and gets the same protection:
//   - Prism is a supervised child (scripts/process): it exits when its parent dies, however the
//     parent dies (SIGKILL included), so no caller can leave a Prism holding a port;
//   - Prism listens on an internal loopback port and the request guard (./guard) holds the
//     public one, answering itself the requests that crash or starve Prism 5.14.2 (malformed
//     percent-escapes, bodies over 1 MB, JSON nested too deep, blank parameter values the
//     schema refuses) and passing everything else through unchanged.
import { createServer } from "node:net";
import type { ChildProcess, ChildProcessByStdio } from "node:child_process";
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { loadSpec, specPath } from "../apis/spec-files.js";
import { stopChild } from "../process/spawn-supervised.js";
import { startGuard, type Guard } from "./guard/server.js";
import { freePort, prismEntry, startPrismChild } from "./guard/guarded-prism.js";
import type { Refusal } from "./guard/refusal.js";

export { freePort, prismEntry, stopChild };

/** Resolves to true when nothing listens on host:port (so Prism can take it). */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
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
  /**
   * The request guard's limits. Default: on, with its defaults (1 MB body, depth 64). `false`
   * runs Prism bare on the public port — only for showing what the guard prevents.
   */
  guard?: false | { maxBodyBytes?: number; maxDepth?: number };
  /** Called for every request the guard answers itself (for a log line). */
  onRefusal?: (refusal: Refusal, req: IncomingMessage) => void;
}

export interface PrismInstance {
  api: string;
  url: string;
  port: number;
  host: string;
  /** The Prism process (supervised). */
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Prism's own address behind the guard (the same as `url` without a guard): for health checks. */
  prismUrl: string;
  /** The guard in front of Prism, or null when started with `guard: false`. */
  guard: Guard | null;
  output: string[];
  stop(): Promise<void>;
}

/**
 * Starts Prism for one API, supervised and behind the request guard, and resolves once it answers
 * HTTP at `url` (the guard's address, on `port`).
 */
export async function startPrism({ api, mode = "mock", upstream, port, host = "127.0.0.1", errors = false, extraArgs = [], timeoutMs = 60000, onSpawn, guard: limits = {}, onRefusal }: StartPrismOptions): Promise<PrismInstance> {
  if (mode === "proxy" && !upstream) throw new Error(`Prism proxy for ${api} needs an upstream URL`);
  const chosenPort = port ?? (await freePort(host));
  const busy = `Port ${chosenPort} on ${host} is already in use: cannot start the ${api} ${mode}. Stop what uses it or choose another port.`;
  if (!(await isPortFree(chosenPort, host))) throw new Error(busy);
  // Parsed before anything starts: a spec that does not parse stops us with its file and line.
  const document = limits === false ? null : loadSpec(api);
  const prism = await startPrismChild({
    specFile: specPath(api), mode, ...(upstream ? { upstream } : {}), errors, extraArgs, host, timeoutMs,
    ...(limits === false ? { port: chosenPort } : {}),
    ...(onSpawn ? { onSpawn } : {}),
  });
  const child = prism.child as ChildProcessByStdio<null, Readable, Readable>;
  if (limits === false) {
    return { api, url: prism.url, port: chosenPort, host, child, prismUrl: prism.url, guard: null, output: prism.output, stop: prism.stop };
  }
  let guard: Guard;
  try {
    guard = await startGuard({ document, target: { host, port: prism.port }, listen: { host, port: chosenPort }, ...limits, ...(onRefusal ? { onRefusal } : {}) });
  } catch (error) {
    await prism.stop();
    // Something took the port while Prism was starting.
    throw (error as NodeJS.ErrnoException).code === "EADDRINUSE" ? new Error(busy) : error;
  }
  // A guard in front of a Prism that is gone serves nothing, and its open server would keep the
  // caller's process alive (a caller may stop the child alone, as it was handed out by onSpawn).
  child.once("exit", () => void guard.close());
  const stop = async () => { await guard.close(); await prism.stop(); };
  return { api, url: `http://${host}:${chosenPort}`, port: chosenPort, host, child, prismUrl: prism.url, guard, output: prism.output, stop };
}
