// Passes Prism's log lines through to our terminal, prefixed with the API (Prism's own lines carry
// no API name), and drops its repeats: Prism logs each violation once as a message and again as
// "Violation: <location> <message>" (once per report), so the same reason would appear two or
// three times. The first line of each is kept.
import type { Readable, Writable } from "node:stream";

/** The message part of a Prism log line, e.g. "[5:50:23 AM] ›  [VALIDATOR] ✖  error  X" → "X". */
function messageOf(line: string): string {
  return line.replace(/^.*?\b(?:error|warning|info|note|success|debug)\s+/, "").trim();
}

/**
 * A filter that says whether a line is worth showing: every plain line is; a "Violation:" line only
 * when its message is not one already shown since the last plain line (the same request).
 */
export function repeatFilter(): (line: string) => boolean {
  let shown: string[] = [];
  return (line) => {
    const message = messageOf(line);
    const violation = /^Violation:\s+\S+\s+(.*)$/.exec(message);
    if (!violation) {
      shown = [message];
      return true;
    }
    const text = violation[1] ?? "";
    if (shown.includes(text)) return false;
    shown.push(text);
    return true;
  };
}

export function relayOutput(api: string, stream: Readable, target: Writable): void {
  let pending = "";
  const isNew = repeatFilter();
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line.trim() && isNew(line)) target.write(`[${api}] ${line}\n`);
  });
}
