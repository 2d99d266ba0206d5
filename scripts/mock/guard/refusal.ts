// The guard's own answers: JSON, shaped like Prism's own `invalid_json` error so that clients
// and the contract suite read them the same way, and naming exactly what was wrong.
import type { ServerResponse } from "node:http";

export type RefusalCode =
  | "malformed_percent_escape"
  | "body_too_large"
  | "json_too_deep"
  | "invalid_parameter";

export interface Refusal {
  status: 400 | 413;
  code: RefusalCode;
  message: string;
}

/** Header that marks an answer as the guard's own, not Prism's. */
export const GUARD_HEADER = "x-mock-guard";

export function sendRefusal(res: ServerResponse, refusal: Refusal, { close = false } = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  res.writeHead(refusal.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    [GUARD_HEADER]: refusal.code,
    // The rest of a refused body is not worth reading: the connection ends after the answer.
    ...(close ? { connection: "close" } : {}),
  });
  res.end(text);
}
