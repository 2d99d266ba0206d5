// For long-running scripts started by npm (`npm run mock`, `npm start`): exit when our own parent
// dies. `SIGTERM` or `SIGKILL` to the npm pid (an IDE stop button, `timeout npm start`) kills npm
// without it forwarding anything, and we are silently re-parented (to init or a subreaper). The
// parent id then changes; polling it is the portable way to notice (Linux's PR_SET_PDEATHSIG is
// not reachable from Node).

export interface ParentWatch {
  stop(): void;
}

/**
 * Calls `onOrphaned` once when process.ppid changes. The default action is SIGTERM to ourselves,
 * so the script's usual shutdown path (stopping its children) runs.
 * @param intervalMs polling period; 500 ms keeps the 5 s clean-up budget with room to spare.
 */
export function watchParent(onOrphaned: (formerParent: number) => void = () => process.kill(process.pid, "SIGTERM"), intervalMs = 500): ParentWatch {
  const original = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== original) {
      clearInterval(timer);
      onOrphaned(original);
    }
  }, intervalMs);
  timer.unref(); // the watch never keeps the process alive by itself
  return { stop: () => clearInterval(timer) };
}
