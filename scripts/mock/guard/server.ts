// The request guard: a small node:http front on the public mock port that forwards to Prism on
// an internal loopback port and answers, itself, the requests that would crash or starve Prism:
//   - a malformed percent-escape anywhere in the URL          → 400 malformed_percent_escape
//   - a body over the size limit                               → 413 body_too_large
//   - a JSON body nested deeper than the bound                 → 400 json_too_deep
//   - an empty or blank path/query value its schema refuses    → 400 invalid_parameter
// Everything else goes to Prism unchanged and Prism's answer streams back unchanged. It works the
// same in front of `prism mock` and `prism proxy` (stage mode).
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createDepthScanner, DEFAULT_MAX_DEPTH } from "./json-depth.js";
import { createParameterChecker } from "./parameters.js";
import { findMalformedEscape } from "./percent.js";
import { sendRefusal, type Refusal } from "./refusal.js";

/**
 * 1 MB: our choice, not a vendor's. The largest documented request (a batch of order records) is
 * a few kB; 1 MB leaves two orders of magnitude and keeps Prism's per-request work small
 * (Prism's own limit is 10 MB, which a single hostile body can use to block it for 14 s).
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface GuardOptions {
  /** The parsed OpenAPI document Prism serves (for the parameter checks). */
  document: unknown;
  /** Where Prism listens (loopback). */
  target: { host: string; port: number };
  /** Where the guard listens; port 0 = any free port. */
  listen?: { host?: string; port?: number };
  maxBodyBytes?: number;
  maxDepth?: number;
  /** Called for every refusal (for logs and counters). */
  onRefusal?: (refusal: Refusal, req: IncomingMessage) => void;
}

export interface Guard {
  url: string;
  port: number;
  host: string;
  server: Server;
  /** Refusals so far, by code. */
  readonly refused: Record<string, number>;
  /** Points the guard at a new Prism (a reloaded spec) and checks parameters against the new document. */
  retarget(next: { document: unknown; target: { host: string; port: number } }): void;
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not forwarded.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

function forwardHeaders(headers: IncomingHttpHeaders, bodyLength: number | null): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  if (bodyLength !== null) out["content-length"] = String(bodyLength);
  return out;
}

const hasBody = (req: IncomingMessage) =>
  req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0");

/** JSON (or no declared type, which Prism may still try to parse) is scanned for depth. */
const scansDepth = (req: IncomingMessage) => {
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  return type === "" || type.includes("json");
};

export async function startGuard(options: GuardOptions): Promise<Guard> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  let parameters = createParameterChecker(options.document);
  let target = options.target;
  // Keep-alive to Prism: one TCP handshake per socket, not per request. With a timeout set, Node's agent
  // drops an idle socket 1 s before the `Keep-Alive: timeout=5` Prism announces (without one it ignores
  // the hint and may reuse a socket as Prism closes it: a reset request, a 502 here).
  const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 60_000 });
  const refused: Record<string, number> = {};

  const refuse = (req: IncomingMessage, res: ServerResponse, refusal: Refusal, close = false) => {
    refused[refusal.code] = (refused[refusal.code] ?? 0) + 1;
    options.onRefusal?.(refusal, req);
    sendRefusal(res, refusal, { close });
    // A refused body is not read further: drop what is still coming.
    if (close) res.once("finish", () => req.destroy());
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer | null) => {
    const upstream = httpRequest({
      host: target.host,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: forwardHeaders(req.headers, body ? body.length : null),
      agent,
    }, (answer) => {
      const headers = forwardHeaders(answer.headers, null);
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
      answer.pipe(res);
    });
    upstream.on("error", (error) => {
      if (res.headersSent) return void res.destroy();
      const text = JSON.stringify({ error: { code: "mock_unreachable", message: `the mock behind the guard did not answer: ${error.message}` } });
      res.writeHead(502, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
    });
    // A client that goes away mid-answer must not leave the request to Prism hanging.
    res.on("close", () => { if (!res.writableFinished) upstream.destroy(); });
    upstream.end(body ?? undefined);
  };

  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    const escape = findMalformedEscape(url);
    if (escape) {
      return refuse(req, res, {
        status: 400,
        code: "malformed_percent_escape",
        message: `the URL has a malformed percent-escape '${escape.text}' at character ${escape.offset}: ${escape.reason}`,
      }, hasBody(req));
    }
    const parameterProblem = parameters.check(req.method ?? "GET", url);
    if (parameterProblem) return refuse(req, res, parameterProblem, hasBody(req));
    if (!hasBody(req)) return forward(req, res, null);

    const declared = Number(req.headers["content-length"] ?? NaN);
    const tooLarge: Refusal = { status: 413, code: "body_too_large", message: `the body is over the mock's limit of ${maxBodyBytes} bytes` };
    if (Number.isFinite(declared) && declared > maxBodyBytes) return refuse(req, res, tooLarge, true);

    // The body is bounded by the limit, so it is collected (scanning as it arrives) and then
    // forwarded whole: a hostile body never reaches Prism, not even in part.
    const scanner = scansDepth(req) ? createDepthScanner(maxDepth) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        done = true;
        return refuse(req, res, tooLarge, true);
      }
      if (scanner && !scanner.push(chunk)) {
        done = true;
        return refuse(req, res, {
          status: 400,
          code: "json_too_deep",
          message: `the JSON body nests deeper than ${maxDepth} levels (at byte ${scanner.bytes})`,
        }, true);
      }
      chunks.push(chunk);
    });
    req.on("end", () => { if (!done) forward(req, res, Buffer.concat(chunks, size)); });
    req.on("error", () => res.destroy());
  });
  // A stalled upload must not hold a socket for ever (Node's default is 300 s).
  server.requestTimeout = 30_000;
  // An idle keep-alive connection is closed by the client, not under it: Node's fetch reuses one until 1 s
  // before the server's advertised timeout, and with Node's default of 5 s a client whose event loop is
  // busy for that second sends its next request as the guard closes the socket ("other side closed", seen
  // in a loaded test run). 65 s, as common proxies use.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: options.listen?.host ?? "127.0.0.1", port: options.listen?.port ?? 0 }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const host = address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    host,
    server,
    refused,
    retarget: (next) => {
      parameters = createParameterChecker(next.document);
      target = next.target;
    },
    // Idempotent: the owner may close it, and so may the exit of the Prism behind it.
    close: () => (closing ??= new Promise<void>((resolve) => {
      server.closeAllConnections();
      agent.destroy();
      server.close(() => resolve());
    })),
  };
}
