// Sits between `prism proxy` and a vendor's stage server. Prism's proxy (node-fetch 2.7.0,
// `redirect: follow`) follows an upstream 307 and re-sends Authorization and the body (a token request's
// client_secret) to wherever it points, and the suite still passes. Prism proxies to this guard
// instead; the guard forwards to the real upstream with node:http/https, which never follows
// redirects. Any 3xx becomes a 502 that says what happened (Prism then reports an undocumented
// status, so the test fails) and is recorded as an event; nothing is sent to the Location.
import { appendFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";

export interface UpstreamEvent {
  kind: "redirect" | "unreachable";
  /** Which upstream (e.g. the API name), for messages. */
  label: string;
  method: string;
  path: string;
  status?: number;
  /** The redirect target, redacted; it was never contacted. */
  location?: string;
  message: string;
}

export interface UpstreamGuardOptions {
  /** The vendor's base URL (http or https), with its own path. */
  upstream: string;
  label?: string;
  /** Applied to every text the guard reports (messages, events, its own answers). */
  redact?: (text: string) => string;
  /** Each event is appended to this file as one JSON line, for a test process to read. */
  eventsFile?: string;
  listen?: { host?: string; port?: number };
  /** Per-request cap for the upstream's answer. */
  timeoutMs?: number;
}

export interface UpstreamGuard {
  url: string;
  events: UpstreamEvent[];
  close(): Promise<void>;
}

export const UPSTREAM_GUARD_HEADER = "x-upstream-guard";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host"]);
const copyHeaders = (headers: IncomingHttpHeaders) => {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
};

/** 304 Not Modified is a cache answer, not a redirect. */
export const isRedirect = (status: number) => status >= 300 && status < 400 && status !== 304;

export async function startUpstreamGuard(options: UpstreamGuardOptions): Promise<UpstreamGuard> {
  const base = new URL(options.upstream);
  if (base.protocol !== "http:" && base.protocol !== "https:") throw new Error(`upstream guard: ${options.upstream} is not an http(s) URL`);
  const basePath = base.pathname.replace(/\/+$/, "");
  const send = base.protocol === "https:" ? httpsRequest : httpRequest;
  const redact = options.redact ?? ((t: string) => t);
  const label = options.label ?? base.host;
  const events: UpstreamEvent[] = [];

  const record = (event: UpstreamEvent) => {
    const safe: UpstreamEvent = JSON.parse(redact(JSON.stringify(event)));
    events.push(safe);
    if (options.eventsFile) appendFileSync(options.eventsFile, `${JSON.stringify(safe)}\n`);
    return safe;
  };
  const answer = (res: ServerResponse, status: number, code: string, message: string) => {
    const text = JSON.stringify({ error: { code, message: redact(message) } });
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), [UPSTREAM_GUARD_HEADER]: code });
    res.end(text);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = `${basePath}${req.url ?? "/"}`;
    const method = req.method ?? "GET";
    const outgoing = send({
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port || undefined,
      method,
      path,
      headers: { ...copyHeaders(req.headers), host: base.host },
      timeout: options.timeoutMs ?? 60_000,
    }, (reply) => {
      const status = reply.statusCode ?? 502;
      if (isRedirect(status)) {
        reply.resume(); // the redirect's own body is not needed; nothing follows it
        const location = String(reply.headers.location ?? "(no Location header)");
        const event = record({
          kind: "redirect", label, method, path, status, location,
          message: `${label}: the stage upstream answered ${method} ${path} with ${status} → ${location}. Redirects are never followed (credentials and the body would go to the new location); point the base URL at the final address if the move is genuine.`,
        });
        return answer(res, 502, "upstream_redirect", event.message);
      }
      res.writeHead(status, reply.statusMessage, copyHeaders(reply.headers));
      reply.pipe(res);
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${options.timeoutMs ?? 60_000} ms`)));
    outgoing.on("error", (error) => {
      const event = record({ kind: "unreachable", label, method, path, message: `${label}: ${method} ${path} failed: ${error.message}` });
      if (res.headersSent) res.destroy();
      else answer(res, 502, "upstream_unreachable", event.message);
    });
    req.pipe(outgoing);
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: options.listen?.host ?? "127.0.0.1", port: options.listen?.port ?? 0 }, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    events,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Reads the events a guard appended to its file (missing file = no events). */
export async function readUpstreamEvents(file: string): Promise<UpstreamEvent[]> {
  const { readFile } = await import("node:fs/promises");
  const text = await readFile(file, "utf8").catch(() => "");
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as UpstreamEvent);
}
