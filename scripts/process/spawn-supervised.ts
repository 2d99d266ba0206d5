// Spawns a Node child that can never outlive this process: an IPC channel plus the
// exit-with-parent.cjs preload make the child exit as soon as the channel closes, which the OS
// does when this process dies for any reason. Only for Node entry points (Prism's CLI, our
// scripts); the preload needs Node to run it.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const EXIT_WITH_PARENT = fileURLToPath(new URL("./exit-with-parent.cjs", import.meta.url));

export type StdioMode = "ignore" | "pipe" | "inherit";

export interface SupervisedOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** stdin/stdout/stderr; the IPC channel is added as the fourth. Default: ignore, pipe, pipe. */
  stdio?: [StdioMode, StdioMode, StdioMode];
  /** Extra Node options before the preload (e.g. ["--import", "tsx"]). */
  nodeArgs?: string[];
}

/**
 * `node [nodeArgs] --require exit-with-parent.cjs <entry> [args]`, with an IPC channel.
 * The channel is unref'd here too, so it never keeps this process alive.
 */
export function spawnSupervised(entry: string, args: string[] = [], options: SupervisedOptions = {}): ChildProcess {
  const [stdin, stdout, stderr] = options.stdio ?? ["ignore", "pipe", "pipe"];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--require", EXIT_WITH_PARENT, entry, ...args], {
    stdio: [stdin, stdout, stderr, "ipc"],
    env: options.env ?? process.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  child.channel?.unref();
  // Never let a child's closed channel throw in the parent (it is closed when the child exits).
  child.on("error", () => {});
  return child;
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => { clearTimeout(timer); resolve(); });
    child.kill("SIGTERM");
  });
}
