// Prism behind the guard, as `npm run mock`, `npm start` and the contract suite should run it:
// Prism as a supervised child (it exits if we die, however we die) on an internal loopback port,
// the guard on the public port. Works for `prism mock` and `prism proxy` (stage mode).
import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { spawnSupervised, stopChild } from "../../process/spawn-supervised.js";
import { startGuard, type Guard, type GuardOptions } from "./server.js";

const require = createRequire(import.meta.url);

/** Prism's CLI entry point, resolved from our pinned dependency. */
export function prismEntry(): string {
  const pkgFile = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = require(pkgFile) as { bin: string | Record<string, string> };
  return join(dirname(pkgFile), typeof pkg.bin === "string" ? pkg.bin : pkg.bin["prism"]!);
}

export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface PrismChild {
  url: string;
  port: number;
  child: ChildProcess;
  /** Prism's recent output (last 200 chunks), for error messages. */
  output: string[];
  stop(): Promise<void>;
}

export interface PrismChildOptions {
  specFile: string;
  mode?: "mock" | "proxy";
  upstream?: string;
  errors?: boolean;
  port?: number;
  host?: string;
  extraArgs?: string[];
  timeoutMs?: number;
  /** Called right after the spawn, before Prism answers, so that a caller interrupted during start-up can still stop it. */
  onSpawn?: (child: ChildProcess) => void;
}

/** Starts Prism as a supervised child and resolves once it answers HTTP. */
export async function startPrismChild(options: PrismChildOptions): Promise<PrismChild> {
  const mode = options.mode ?? "mock";
  if (mode === "proxy" && !options.upstream) throw new Error(`prism proxy for ${options.specFile} needs an upstream URL`);
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? (await freePort(host));
  const args = [mode, options.specFile, ...(mode === "proxy" ? [options.upstream!] : []), "-h", host, "-p", String(port), "-v", "error",
    ...(options.errors ? ["--errors"] : []), ...(options.extraArgs ?? [])];
  const child = spawnSupervised(prismEntry(), args, { env: { ...process.env, NO_COLOR: "1" } });
  options.onSpawn?.(child);
  const output: string[] = [];
  const keep = (chunk: Buffer) => { output.push(String(chunk)); if (output.length > 200) output.shift(); };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://${host}:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      // Another process can take the port between our check and Prism's listen().
      if (/EADDRINUSE/.test(output.join(""))) throw new Error(`Port ${port} is already in use (${url}): Prism could not listen on it.`);
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before answering at ${url}:\n${output.join("").slice(-2000)}`);
    }
    try {
      // A CORS preflight is answered by Prism's server itself, without a log line.
      await fetch(`${url}/`, { method: "OPTIONS", headers: { origin: "http://127.0.0.1", "access-control-request-method": "GET" }, signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stopChild(child);
        throw new Error(`Prism did not answer at ${url} within ${options.timeoutMs ?? 90_000} ms:\n${output.join("").slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  return { url, port, child, output, stop: () => stopChild(child) };
}

export interface GuardedPrism {
  /** The public URL (the guard). */
  url: string;
  port: number;
  prism: PrismChild;
  guard: Guard;
  stop(): Promise<void>;
}

/**
 * Prism on a free internal port, the guard on `port` (default: a free one).
 * `document` is the parsed spec (the guard compiles its parameter schemas once).
 */
export async function startGuardedPrism(options: Omit<PrismChildOptions, "port"> & Pick<GuardOptions, "maxBodyBytes" | "maxDepth" | "onRefusal"> & { document: unknown; port?: number }): Promise<GuardedPrism> {
  const { document, port, maxBodyBytes, maxDepth, onRefusal, ...prismOptions } = options;
  const prism = await startPrismChild(prismOptions);
  try {
    const guard = await startGuard({
      document,
      target: { host: options.host ?? "127.0.0.1", port: prism.port },
      listen: { host: options.host ?? "127.0.0.1", port: port ?? 0 },
      ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
      ...(maxDepth !== undefined ? { maxDepth } : {}),
      ...(onRefusal ? { onRefusal } : {}),
    });
    return { url: guard.url, port: guard.port, prism, guard, stop: async () => { await guard.close(); await prism.stop(); } };
  } catch (error) {
    await prism.stop();
    throw error;
  }
}
