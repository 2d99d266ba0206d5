// The processes below a pid, read from /proc (Linux). Used to count orphans after a kill.
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
  command: string;
}

export function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const rest = stat.slice(close + 2).split(" ");
    let command = stat.slice(stat.indexOf("(") + 1, close);
    try { command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim() || command; } catch { /* gone */ }
    return { pid, ppid: Number(rest[1]), state: rest[0] ?? "?", command };
  } catch {
    return null;
  }
}

export function listProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProcess(Number(name));
    if (info) found.push(info);
  }
  return found;
}

/** Every live descendant of pid (children, grandchildren, …). */
export function descendants(pid: number, all = listProcesses()): ProcessInfo[] {
  const byParent = new Map<number, ProcessInfo[]>();
  for (const p of all) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const out: ProcessInfo[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of byParent.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child.pid);
    }
  }
  return out;
}

/** Alive and not a zombie. */
export function isAlive(pid: number): boolean {
  const info = readProcess(pid);
  return info !== null && info.state !== "Z" && info.state !== "X";
}
