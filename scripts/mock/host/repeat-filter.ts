// Drops the repeats in Prism's log: Prism logs each violation of a request once as a message and
// then again as "Violation: <location> <message>" (once per report), so the same reason would
// appear two or three times. The first line of each is kept.

/** The message part of a formatted log line, e.g. "08:41:07 [VALIDATOR] error  X" → "X". */
function messageOf(line: string): string {
  return line.replace(/^.*?\b(?:error|warning|info|success|debug|trace|fatal)\s+/, "").trim();
}

/**
 * A filter that says whether a line is worth showing: every plain line is; a "Violation:" line only
 * when its message is not one shown for the same request. A request's plain lines come first,
 * its "Violation:" lines after them, so a plain line after a "Violation:" line starts a new request.
 */
export function repeatFilter(): (line: string) => boolean {
  let shown: string[] = [];
  let inViolations = false;
  return (line) => {
    const message = messageOf(line);
    const violation = /^Violation:\s+\S+\s+(.*)$/.exec(message);
    if (!violation) {
      if (inViolations) shown = [];
      inViolations = false;
      shown.push(message);
      return true;
    }
    inViolations = true;
    const text = violation[1] ?? "";
    if (shown.includes(text)) return false;
    shown.push(text);
    return true;
  };
}
