// For long-running scripts started by npm (`npm run mock`, `npm start`): exit when the launcher in
// front of us dies. `SIGTERM` or `SIGKILL` to the npm pid (an IDE stop button, `timeout npm
// start`) kills npm without it passing anything on. npm runs scripts through `sh -c`, and that
// shell survives npm's SIGKILL, so our own parent id need not change: the whole launcher chain
// is watched — every ancestor up to and including the nearest npm/npx/pnpm/yarn process. Without
// such a launcher (plain `node scripts/...`), only the parent is watched, so that a shell or CI
// step that legitimately exits after starting us in the background does not stop us.
// On Linux the chain is read from /proc once, at the start; elsewhere only the parent id is
// watched. Polling is the portable way (Linux's PR_SET_PDEATHSIG is not reachable from Node).
import { readProcess } from "./process-tree.js";

export interface ParentWatch {
  /** The pids being watched, nearest first. */
  readonly watched: readonly number[];
  stop(): void;
}

/** A package manager's process: its command line starts with (or runs the CLI of) npm, npx, pnpm or yarn. */
export function isLauncher(command: string): boolean {
  const first = command.trim().split(/\s+/)[0] ?? "";
  return /(^|\/)(npm|npx|pnpm|yarn)$/.test(first) || /(^|\/)(npm|npx|pnpm|yarn)(-cli)?\.(c|m)?js(\s|$)/.test(command);
}

/**
 * The pids to watch, nearest first: the ancestors up to and including the nearest launcher
 * (npm…), or just the parent when there is none (or /proc is unavailable).
 */
export function launcherChain(pid = process.pid): number[] {
  const chain: number[] = [];
  let current = readProcess(pid);
  if (!current) return [process.ppid];
  while (current && current.ppid > 1 && chain.length < 16) {
    chain.push(current.ppid);
    const parent = readProcess(current.ppid);
    if (parent && isLauncher(parent.command)) return chain;
    current = parent;
  }
  return [process.ppid];
}

/** Alive and not a zombie (a killed npm may linger as a zombie until its own parent reaps it). */
function isRunning(pid: number): boolean {
  const info = readProcess(pid);
  if (info) return info.state !== "Z" && info.state !== "X";
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Calls `onOrphaned` once when process.ppid changes or any process of the launcher chain stops running. The default
 * action is SIGTERM to ourselves, so the script's usual shutdown path (stopping its children) runs.
 * @param intervalMs polling period; 500 ms keeps the 5 s clean-up budget with room to spare.
 */
export function watchParent(onOrphaned: (gone: number) => void = () => process.kill(process.pid, "SIGTERM"), intervalMs = 500): ParentWatch {
  const original = process.ppid;
  const watched = launcherChain();
  const timer = setInterval(() => {
    const gone = process.ppid !== original ? original : watched.find((pid) => !isRunning(pid));
    if (gone !== undefined) {
      clearInterval(timer);
      onOrphaned(gone);
    }
  }, intervalMs);
  timer.unref(); // the watch never keeps the process alive by itself
  return { watched, stop: () => clearInterval(timer) };
}
