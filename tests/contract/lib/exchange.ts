// One request/response exchange, as the contract tests see it: the status, the body, and the
// rule violations Prism reported (from `sl-violations` or from its own problem body).
import { fillPath, type OperationRecord } from "../../../scripts/apis/operations.js";
import { readViolations, type Violation } from "../../../scripts/mock/violations.js";
import { stageRedactor } from "../../../scripts/stage/credentials.js";
import type { CallAuth } from "./targets.js";

export interface OutgoingRequest {
  pathParams: Record<string, unknown>;
  query: Record<string, unknown>;
  headers?: Record<string, string>;
  mediaType: string | null;
  body?: unknown;
}

export interface Exchange {
  url: string;
  status: number;
  headers: Headers;
  bodyText: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: unknown;
  contentType: string;
  violations: Violation[];
}

/** Reads a Response into an Exchange (cloning, so the caller's Response stays readable). */
export async function toExchange(response: Response, url = response.url): Promise<Exchange> {
  const bodyText = await response.clone().text();
  let body: unknown;
  try { body = bodyText ? JSON.parse(bodyText) : undefined; } catch { body = undefined; }
  return {
    url,
    status: response.status,
    headers: response.headers,
    bodyText,
    body,
    contentType: response.headers.get("content-type") ?? "",
    violations: readViolations(response.headers, bodyText),
  };
}

export function authorizationHeader(auth: CallAuth): string {
  if ("token" in auth) return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}`;
}

/** The request URL: base + filled path template + query string (undefined values left out). */
export function requestUrl(baseUrl: string, op: OperationRecord, request: OutgoingRequest): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
  }
  const text = query.toString();
  return `${baseUrl}${fillPath(op.path, request.pathParams)}${text ? `?${text}` : ""}`;
}

export function encodeBody(mediaType: string | null, body: unknown): string | undefined {
  if (body === undefined || mediaType === null) return undefined;
  if (/x-www-form-urlencoded/i.test(mediaType)) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
      if (value !== undefined && value !== null) form.append(key, String(value));
    }
    return form.toString();
  }
  return JSON.stringify(body);
}

/**
 * Sends what a typed client cannot: no Authorization header at all, or a body that is not JSON.
 * Everything else goes through the generated clients (see clients.ts).
 */
export async function sendRaw(
  baseUrl: string,
  op: OperationRecord,
  request: OutgoingRequest,
  { auth, rawBody }: { auth?: CallAuth | undefined; rawBody?: string } = {},
): Promise<Exchange> {
  const url = requestUrl(baseUrl, op, request);
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  if (auth) headers["authorization"] = authorizationHeader(auth);
  const body = rawBody ?? encodeBody(request.mediaType, request.body);
  if (body !== undefined && request.mediaType) headers["content-type"] = request.mediaType;
  const response = await fetch(url, { method: op.method.toUpperCase(), headers, body: body ?? null, signal: AbortSignal.timeout(30_000) });
  return toExchange(response, url);
}

// Stage mode: an upstream's body or headers may echo a credential (a 401 that quotes the
// Authorization it got). Anything about an exchange that is printed goes through this redactor,
// built once from the stage credential variables (the run-time Payway token is caught by its shape).
let redactor: ((text: string) => string) | undefined;
export function redactForPrint(text: string): string {
  redactor ??= stageRedactor(process.env);
  return redactor(text);
}

/** An exchange as a failure message prints it: status, URL, violations, the body's start — redacted. */
export function describeExchange(exchange: Exchange, formatViolations: (violations: Violation[]) => string = (v) => JSON.stringify(v)): string {
  const violations = exchange.violations.length ? `\nviolations:\n${formatViolations(exchange.violations)}` : "";
  return redactForPrint(`${exchange.status} from ${exchange.url}${violations}\nbody: ${exchange.bodyText.slice(0, 600)}`);
}
