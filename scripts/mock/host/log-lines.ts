// Prism's log, as the terminal shows it: Prism writes pino JSON lines; each becomes one text line
// prefixed with its API (four mocks share one host and one stdout), e.g.
//   [<api>] 08:41:07 [VALIDATOR] error  Request body must have required property 'order'
// and repeats are dropped (./repeat-filter.ts: Prism reports each violation again as
// "Violation: <location> <message>").
import { Writable } from "node:stream";
import { repeatFilter } from "./repeat-filter.js";

// pino's numeric levels (Prism adds "success" between info and warn).
const LEVEL_NAMES: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 32: "success", 40: "warning", 50: "error", 60: "fatal" };

interface PinoLine { level?: unknown; name?: unknown; msg?: unknown; time?: unknown }

/** One pino JSON line as text (without the API prefix); a line that is not JSON is kept as it is. */
export function formatPinoLine(json: string, now = new Date()): string {
  let entry: PinoLine;
  try {
    entry = JSON.parse(json) as PinoLine;
  } catch {
    return json;
  }
  const level = typeof entry.level === "number" ? (LEVEL_NAMES[entry.level] ?? String(entry.level)) : String(entry.level ?? "info");
  const name = typeof entry.name === "string" ? `[${entry.name}] ` : "";
  return `${now.toTimeString().slice(0, 8)} ${name}${level}  ${String(entry.msg ?? "")}`;
}

/** A stream for Prism's logger that writes each line, formatted and prefixed, to `target`. */
export function prismLogStream(api: string, target: NodeJS.WritableStream): Writable {
  const isNew = repeatFilter();
  let pending = "";
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      pending += String(chunk);
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const json of lines) {
        if (!json.trim()) continue;
        const line = formatPinoLine(json);
        if (isNew(line)) target.write(`[${api}] ${line}\n`);
      }
      done();
    },
  });
}
