// Notices a child that is alive but not serving: stopped (SIGSTOP, a debugger) or hung (a
// blocked event loop). The process state comes from /proc on Linux ('T' = stopped); liveness
// from an HTTP request with a deadline, so a hung child is a timeout rather than a hang of ours.
import { readFileSync } from "node:fs";

export type HealthState = "ok" | "stopped" | "unresponsive" | "exited";

export interface HealthReport {
  state: HealthState;
  detail: string;
}

/** The one-letter state of a process from /proc/<pid>/stat, or null if unknown (gone, not Linux). */
export function processState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: the state follows the last ')'.
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) || null;
  } catch {
    return null;
  }
}

/** One probe: any HTTP answer within timeoutMs counts as serving. */
export async function probeOnce(pid: number, url: string, timeoutMs = 5000): Promise<HealthReport> {
  const state = processState(pid);
  if (state === "T" || state === "t") return { state: "stopped", detail: `process ${pid} is stopped (state ${state}); requests to ${url} would hang` };
  if (state === "Z" || state === "X") return { state: "exited", detail: `process ${pid} has exited` };
  try {
    // OPTIONS with a CORS preflight: Prism answers it itself (204) without logging anything.
    await fetch(url, {
      method: "OPTIONS",
      headers: { origin: "http://127.0.0.1", "access-control-request-method": "GET" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { state: "ok", detail: `${url} answered` };
  } catch (error) {
    // A stop can land while the probe waits (a signal is not instant): look again.
    const after = processState(pid);
    if (after === "T" || after === "t") return { state: "stopped", detail: `process ${pid} is stopped (state ${after}); requests to ${url} would hang` };
    if (after === null || after === "Z" || after === "X") return { state: "exited", detail: `process ${pid} has exited` };
    return { state: "unresponsive", detail: `${url} did not answer within ${timeoutMs} ms (${(error as Error).message})` };
  }
}

export interface HealthCheck {
  stop(): void;
}

/**
 * Probes every intervalMs; calls onUnhealthy once per bad spell, after `failures` bad probes in a
 * row (a busy 2-core machine can miss one deadline). A good probe ends the spell.
 */
export function healthCheck(
  target: { pid: number; url: string; name?: string },
  onUnhealthy: (report: HealthReport) => void,
  { intervalMs = 5000, timeoutMs = 5000, failures = 2, onRecovered }: { intervalMs?: number; timeoutMs?: number; failures?: number; onRecovered?: (report: HealthReport) => void } = {},
): HealthCheck {
  let bad = 0;
  let running = false;
  let stopped = false;
  const timer = setInterval(async () => {
    if (running || stopped) return;
    running = true;
    try {
      const report = await probeOnce(target.pid, target.url, timeoutMs);
      if (report.state === "ok") {
        // A spell that was reported gets its end reported too.
        if (bad >= failures && !stopped) onRecovered?.({ ...report, detail: `${target.name ?? `pid ${target.pid}`}: ${report.detail} again` });
        bad = 0;
      }
      else if (++bad === failures && !stopped) onUnhealthy({ ...report, detail: `${target.name ?? `pid ${target.pid}`}: ${report.detail}` });
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => { stopped = true; clearInterval(timer); } };
}
