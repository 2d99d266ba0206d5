// For long-running scripts started by npm (`npm run mock`, `npm start`): exit when whatever
// launched us dies. `SIGTERM` or `SIGKILL` to the npm pid (an IDE stop button, `timeout npm
// start`) kills npm without it passing anything on. npm runs scripts through `sh -c`, and that
// shell can survive npm's SIGKILL, so our own parent id need not change: every ancestor is
// watched, not just the parent. On Linux the chain is read from /proc once, at the start (up to,
// not including, pid 1); elsewhere only the parent id is watched. Polling is the portable way
// (Linux's PR_SET_PDEATHSIG is not reachable from Node).
import { readProcess } from "./process-tree.js";

export interface ParentWatch {
  /** The pids being watched, nearest first. */
  readonly watched: readonly number[];
  stop(): void;
}

/** Our ancestors, nearest first, up to (not including) pid 1; [ppid] where /proc is unavailable. */
export function ancestors(pid = process.pid): number[] {
  const chain: number[] = [];
  let current = readProcess(pid);
  if (!current) return [process.ppid];
  while (current && current.ppid > 1 && chain.length < 64) {
    chain.push(current.ppid);
    current = readProcess(current.ppid);
  }
  return chain;
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
 * Calls `onOrphaned` once when process.ppid changes or any ancestor stops running. The default
 * action is SIGTERM to ourselves, so the script's usual shutdown path (stopping its children) runs.
 * @param intervalMs polling period; 500 ms keeps the 5 s clean-up budget with room to spare.
 */
export function watchParent(onOrphaned: (gone: number) => void = () => process.kill(process.pid, "SIGTERM"), intervalMs = 500): ParentWatch {
  const original = process.ppid;
  const watched = ancestors();
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
