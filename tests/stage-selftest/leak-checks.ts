// Shared by the stage self-test files: a redirect target that records what reaches it, and the
// forms a self-test credential could be printed in.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SELFTEST_CREDENTIALS } from "./upstream.js";

/** A redirect target that only counts what reaches it (it must be nothing). */
export async function startRecorder(): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    received.push(`${req.method} ${req.url} auth=${req.headers.authorization ? "yes" : "no"}`);
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Every form a self-test credential could be printed in. */
export function secretForms(): string[] {
  const c = SELFTEST_CREDENTIALS;
  const raw = [c.BILLPRO_API_TOKEN, c.BACKD_SECRET_KEY, c.PAYWAY_ACCESS_TOKEN, c.PAYWAY_CLIENT_SECRET, c.KWIK_API_SECRET];
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  return [...raw, ...raw.map(encodeURIComponent), ...raw.map(b64),
    b64(`${c.BACKD_PUBLIC_KEY}:${c.BACKD_SECRET_KEY}`), b64(`${c.KWIK_API_KEY}:${c.KWIK_API_SECRET}`)];
}
export const leaks = (text: string) => secretForms().filter((s) => text.includes(s));
