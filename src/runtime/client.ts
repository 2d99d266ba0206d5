// The one client implementation behind all four generated clients. A generated client passes an
// ApiDefinition (operations, servers, security, read from the spec by the generator) and gets back an
// object with one method per operationId. Everything that does not change between calls (URL prefix,
// compiled path, header template, credentials header, default retry policy, status matcher) is worked
// out here, once; a call then builds a URL string, a plain header object and a string body and calls
// `fetch(url, init)` itself (a `Request` object would be copied again by undici, body included).
import { authKind, fixedAuthorization, isHeaderValue, validateAuth, type BasicAuth, type BearerAuth, type SchemeKind, type TokenProvider } from "./auth.js";
import { ApiClientError, InvalidRequestError, InvalidResponseError, NetworkError, RequestTimeoutError, UnexpectedStatusError, type CallContext } from "./errors.js";
import { assignHeaders, compilePath, queryString, redactHeaders, serializeBody, type PathBuilder } from "./request.js";
import { backoffDelay, checkRetryOption, isRetryableStatus, parseRetryAfter, resolveRetryPolicy, sleep, type RetryEvent, type RetryPolicy } from "./retry.js";
import type { HttpMethod, RequestOptions, RetryOptions } from "./types.js";

/** Default budget of one call, retries and backoff waits included. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** One operation, as the generator read it from the spec. */
export interface OperationDefinition {
  readonly method: HttpMethod;
  /** Path template relative to the server URL, e.g. "/orders/{id}". */
  readonly path: string;
  /** Documented response keys: "200", "422", "4XX", "default". */
  readonly responses: readonly string[];
  /** Response keys documented without a body (none → every documented response has one). */
  readonly noContent?: readonly string[];
  /** Security requirement alternatives, each listing the scheme names it needs; [] means no credentials. */
  readonly security: readonly (readonly string[])[];
  /** Operation-level servers by environment; they replace the API's servers for this operation. */
  readonly servers?: Readonly<Record<string, string>>;
  /** The request body's media type, when the operation has a body. */
  readonly requestMediaType?: string;
  /** `Accept` header: the media types the documented responses use. */
  readonly accept?: string;
  /** How a body is read: JSON (default) or text. */
  readonly parseAs?: "json" | "text" | "blob" | "arrayBuffer";
}

/** Everything the runtime needs to know about one API. */
export interface ApiDefinition {
  /** Short name used in messages, e.g. "kwik". */
  readonly name: string;
  /** Our package, e.g. "payment-api-contracts/0.1.0": sent as the `User-Agent`. */
  readonly userAgent: string;
  /** Server URL by `x-environment`. */
  readonly servers: Readonly<Record<string, string>>;
  readonly securitySchemes: Readonly<Record<string, SchemeKind>>;
  readonly operations: Readonly<Record<string, OperationDefinition>>;
}

/** Where requests go: one of the spec's environments, or any base URL (a mock, a proxy). */
export type ClientTarget<Env extends string> =
  | { environment: Env; baseUrl?: never }
  | { baseUrl: string; environment?: never };

/** `fetch`'s own signature: the client calls it with a URL string and a plain `RequestInit` (string body). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** What `onRequest` sees, per attempt: a plain object, credentials redacted — safe to log. */
export interface RequestEvent {
  readonly api: string;
  readonly operationId: string;
  readonly method: string;
  /** The full URL sent, query included. */
  readonly url: string;
  /** Request headers; `Authorization`, cookies and key/secret/token-like headers read "[redacted]". */
  readonly headers: Readonly<Record<string, string>>;
  /** 1 for the first attempt; retries and the replay after a refreshed token count up. */
  readonly attempt: number;
}

/** What `onResponse` sees, per attempt that got a response. */
export interface ResponseEvent extends RequestEvent {
  readonly status: number;
  /** Response headers, redacted the same way. */
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** From sending to the response headers, in ms (the body is read afterwards). */
  readonly durationMs: number;
}

/** Options shared by every client. */
export interface CommonClientOptions {
  /** The `fetch` to send requests with, called as `fetch(url, init)`. Default: `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Budget of one call, retries and backoff included, in ms. Default 30000. `Infinity` turns it off. */
  timeoutMs?: number;
  /** Retry policy (GET and HEAD only unless `unsafe: true`); `false` turns retries off. */
  retry?: false | RetryOptions;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Appended to our `User-Agent` (e.g. "my-shop/2.1"). */
  userAgent?: string;
  /** Called before each retry, with nothing secret in the event. A throwing hook is ignored. */
  onRetry?: (event: RetryEvent) => void;
  /** Called before each attempt is sent (logging, tracing). A throwing hook is ignored. */
  onRequest?: (event: RequestEvent) => void;
  /** Called when an attempt gets a response (before its body is read). A throwing hook is ignored. */
  onResponse?: (event: ResponseEvent) => void;
}

/** The options of a generated `create<Api>Client`. */
export type ClientOptions<Env extends string, Auth> = ClientTarget<Env> & CommonClientOptions & { auth: Auth };

/** What the runtime accepts: credentials may be absent (the token helper calls a public endpoint). */
export type RuntimeOptions = ClientTarget<string> & CommonClientOptions & { auth?: BearerAuth | BasicAuth | undefined };

/** Settings only the runtime itself passes (the token helper). */
export interface InternalOptions {
  /** `"error"`: a redirect fails the request (token requests carry the client secret). */
  readonly redirect?: "error";
}

type CallInitAny = RequestOptions & { params?: Record<string, Record<string, unknown> | undefined>; body?: unknown };
type Method = (init?: CallInitAny) => Promise<unknown>;

/** What is known about an operation before any call. */
interface Prepared {
  readonly context: CallContext;
  readonly method: string;
  readonly urlPrefix: string;
  readonly path: PathBuilder;
  /** Accept, User-Agent, the client's headers, Content-Type. */
  readonly headers: Readonly<Record<string, string>>;
  /** "Authorization" value, a function to get one, or a reason the call cannot be made. */
  readonly auth: { fixed: string } | { source: () => string | Promise<string>; provider?: TokenProvider } | { refuse: string } | undefined;
  readonly mediaType: string | undefined;
  readonly policy: RetryPolicy;
  readonly documented: (status: number) => boolean;
  readonly noContent: (status: number) => boolean;
  readonly json: boolean;
  readonly redirect: RequestRedirect;
}

/** Creates a client object with one method per operation of `api`. Generated code wraps and types it. */
export function createApiClient(api: ApiDefinition, options: RuntimeOptions, internal: InternalOptions = {}): Record<string, Method> {
  const baseUrl = resolveBaseUrl(api, options);
  const environment = options.baseUrl === undefined ? options.environment : undefined;
  const auth = options.auth;
  const kind = auth === undefined ? undefined : validateAuth(auth, api.name);
  checkCredentialKind(api, kind);
  const clientTimeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, api.name);
  checkRetryOption(options.retry, `${api.name}: retry`);
  for (const hook of ["fetch", "onRetry", "onRequest", "onResponse"] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== "function") throw new TypeError(`${api.name}: ${hook} must be a function`);
  }
  const customFetch = options.fetch;
  const fetchImpl: FetchLike = customFetch ?? ((url, init) => globalThis.fetch(url, init));
  const { onRetry, onRequest, onResponse } = options;
  const userAgent = options.userAgent ? `${api.userAgent} ${options.userAgent}` : api.userAgent;
  const common: Record<string, string> = {};
  assignHeaders(common, { "User-Agent": userAgent, ...options.headers }, (message) => {
    throw new TypeError(`${api.name}: ${message}`);
  });

  const prepared: Record<string, Prepared> = {};
  for (const [operationId, op] of Object.entries(api.operations)) {
    const context: CallContext = Object.freeze({ api: api.name, operationId, method: op.method.toUpperCase(), path: op.path });
    const headers: Record<string, string> = { Accept: op.accept ?? "application/json", ...common };
    if (op.requestMediaType !== undefined) headers["Content-Type"] = op.requestMediaType;
    const opAuth = authFor(api, op, auth, kind);
    prepared[operationId] = {
      context,
      method: context.method,
      urlPrefix: ((environment !== undefined && op.servers?.[environment]) || baseUrl).replace(/\/+$/, ""),
      path: compilePath(op.path),
      headers,
      auth: opAuth,
      mediaType: op.requestMediaType,
      policy: resolveRetryPolicy(context.method, options.retry),
      documented: statusMatcher(op.responses),
      noContent: statusMatcher(op.noContent ?? []),
      json: (op.parseAs ?? "json") === "json",
      // Credentials or a body are never handed to a redirect target: a 3xx comes back as a response.
      redirect: internal.redirect ?? (opAuth !== undefined || op.requestMediaType !== undefined ? "manual" : "follow"),
    };
  }

  async function call(prep: Prepared, init: CallInitAny = {}): Promise<unknown> {
    const { context } = prep;
    const timeoutMs = init.timeoutMs === undefined ? clientTimeoutMs : checkTimeout(init.timeoutMs, api.name);
    let policy = prep.policy;
    if (init.retry !== undefined) {
      checkRetryOption(init.retry, `${api.name}: call retry`);
      policy = resolveRetryPolicy(context.method, options.retry, init.retry);
    }
    const fail = (message: string): never => {
      throw new InvalidRequestError(context, message);
    };

    // Build the request before starting the clock: bad input throws without sending anything.
    const params = init.params;
    const url = prep.urlPrefix + prep.path(context, params?.["path"]) + queryString(context, params?.["query"]);
    const headers: Record<string, string> = { ...prep.headers };
    assignHeaders(headers, params?.["header"], fail);
    assignHeaders(headers, init.headers, fail);
    let body: string | undefined;
    if (prep.mediaType !== undefined && init.body !== undefined) body = serializeBody(context, prep.mediaType, init.body);
    else delete headers["Content-Type"];
    if (prep.auth !== undefined && "refuse" in prep.auth) throw new ApiClientError(context, prep.auth.refuse);

    const callerSignal = init.signal;
    if (callerSignal?.aborted) throw callerSignal.reason;
    // One controller per call, and none when there is neither a deadline nor a caller's signal.
    const finite = timeoutMs <= MAX_TIMER_MS;
    const controller = finite || callerSignal ? new AbortController() : undefined;
    const signal = controller?.signal;
    const endsAt = finite ? Date.now() + timeoutMs : Infinity;
    let timedOut = false;
    const timer = finite
      ? setTimeout(() => {
          timedOut = true;
          controller!.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError"));
        }, timeoutMs)
      : undefined;
    const onCallerAbort = callerSignal ? () => controller!.abort(callerSignal.reason) : undefined;
    if (onCallerAbort) callerSignal!.addEventListener("abort", onCallerAbort, { once: true });

    let received: Response | undefined;
    let attempt = 0;
    const requestInit: RequestInit = { method: prep.method, headers, redirect: prep.redirect };
    if (body !== undefined) requestInit.body = body;
    if (signal) requestInit.signal = signal;

    /** Sends, retrying while the policy allows; returns the last response. */
    const send = async (): Promise<Response> => {
      for (let retry = 0; ; retry++) {
        const canRetry = policy.enabled && retry < policy.maxRetries;
        attempt++;
        const started = onResponse ? performance.now() : 0;
        if (onRequest) safely(onRequest, Object.freeze({ ...context, url, headers: Object.freeze(redactHeaders(headers)), attempt }));
        let response: Response;
        try {
          const pending = fetchImpl(url, requestInit);
          // The native fetch follows the signal; an injected one might not, and the deadline must hold anyway.
          response = await (customFetch && signal ? abortable(pending, signal) : pending);
        } catch (error) {
          if (signal?.aborted) throw error;
          const delay = backoffDelay(retry, policy);
          if (!canRetry || delay >= endsAt - Date.now() || isRedirectRefusal(error)) throw new NetworkError(context, error);
          await waitBeforeRetry(retry, delay, undefined, false);
          continue;
        }
        received = response;
        if (onResponse) {
          const event = { ...context, url, headers: Object.freeze(redactHeaders(headers)), attempt, status: response.status, responseHeaders: Object.freeze(redactHeaders(response.headers)), durationMs: performance.now() - started };
          safely(onResponse, Object.freeze(event));
        }
        if (!canRetry || !isRetryableStatus(response.status)) return response;
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
        if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return response;
        const delay = retryAfter ?? backoffDelay(retry, policy);
        if (delay >= endsAt - Date.now()) return response;
        // Free the connection before waiting; the body of a response we retry is never read.
        await response.body?.cancel().catch(() => undefined);
        await waitBeforeRetry(retry, delay, response.status, retryAfter !== undefined);
      }
    };
    const waitBeforeRetry = async (retry: number, delayMs: number, status: number | undefined, fromRetryAfter: boolean) => {
      if (onRetry) safely(onRetry, Object.freeze({ ...context, retry: retry + 1, delayMs, status, fromRetryAfter }));
      await sleep(delayMs, signal);
    };

    try {
      let usedToken: string | undefined;
      if (prep.auth !== undefined && !("refuse" in prep.auth)) {
        if ("fixed" in prep.auth) headers["Authorization"] = prep.auth.fixed;
        else {
          const pending = tokenHeader(context, prep.auth.source);
          headers["Authorization"] = await (signal ? abortable(pending, signal) : pending);
          usedToken = headers["Authorization"].slice(7);
        }
      }
      let response = await send();
      // A 401 with a cached token: the token may have been revoked or expired early. The request was
      // refused, so sending it again is safe: refresh the token once (shared with concurrent calls) and replay.
      const provider = prep.auth !== undefined && "provider" in prep.auth ? prep.auth.provider : undefined;
      if (response.status === 401 && provider && usedToken !== undefined) {
        await response.body?.cancel().catch(() => undefined);
        provider.invalidate(usedToken);
        const pending = tokenHeader(context, provider);
        headers["Authorization"] = await (signal ? abortable(pending, signal) : pending);
        policy = { ...policy, enabled: false };
        response = await send();
      }
      return await toResult(prep, response);
    } catch (error) {
      if (timedOut) throw new RequestTimeoutError(context, timeoutMs);
      if (callerSignal?.aborted) throw callerSignal.reason;
      if (error instanceof ApiClientError) throw error;
      // After a response arrived, a failure is reading its body.
      if (received !== undefined) throw new InvalidResponseError(context, received.status, error);
      throw error;
    } finally {
      clearTimeout(timer);
      if (onCallerAbort) callerSignal!.removeEventListener("abort", onCallerAbort);
    }
  }

  const client: Record<string, Method> = {};
  for (const [operationId, prep] of Object.entries(prepared)) client[operationId] = (init) => call(prep, init);
  return client;
}

/** Reads the body and builds the result; undocumented statuses and unreadable success bodies throw. */
async function toResult(prep: Prepared, response: Response): Promise<unknown> {
  const { status } = response;
  const head = prep.method === "HEAD"; // a HEAD response never has a body, whatever the spec's content says
  const text = head ? "" : await response.text();
  if (!prep.documented(status)) throw new UnexpectedStatusError(prep.context, response, parseLoose(text));
  const expectsBody = !head && !prep.noContent(status);
  if (response.ok) {
    if (!expectsBody) return { ok: true, status, data: undefined, response };
    if (!prep.json) return { ok: true, status, data: text, response };
    if (text === "") throw new InvalidResponseError(prep.context, status, new Error("the body is empty, but the spec documents one"));
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new InvalidResponseError(prep.context, status, error);
    }
    return { ok: true, status, data, response };
  }
  if (!expectsBody) return { ok: false, status, parsed: true, error: undefined, response };
  if (!prep.json) return { ok: false, status, parsed: true, error: text, response };
  // A gateway's HTML page, an empty body, broken JSON: not the documented body, so not typed as it.
  if (text !== "") {
    try {
      return { ok: false, status, parsed: true, error: JSON.parse(text), response };
    } catch {
      // fall through
    }
  }
  return { ok: false, status, parsed: false, error: undefined, text, response };
}

function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function tokenHeader(context: CallContext, source: () => string | Promise<string>): Promise<string> {
  const token = await source();
  if (typeof token !== "string" || token.length === 0) throw new InvalidRequestError(context, "the bearer token is empty or not a string");
  if (!isHeaderValue(token)) throw new InvalidRequestError(context, "the bearer token contains a character not allowed in an HTTP header (CR, LF, NUL or above U+00FF)");
  return `Bearer ${token}`;
}

/** How an operation gets its Authorization header, decided once. */
function authFor(api: ApiDefinition, op: OperationDefinition, auth: BearerAuth | BasicAuth | undefined, kind: SchemeKind | undefined): Prepared["auth"] {
  if (op.security.length === 0) return undefined;
  const usable = op.security.some((alternative) => alternative.length > 0 && alternative.every((scheme) => api.securitySchemes[scheme] === kind));
  if (auth !== undefined && usable) {
    const fixed = fixedAuthorization(auth);
    if (fixed !== undefined) return { fixed };
    const source = (auth as BearerAuth).token as (() => string | Promise<string>) & Partial<TokenProvider>;
    return typeof source.invalidate === "function" ? { source, provider: source as TokenProvider } : { source };
  }
  if (op.security.some((alternative) => alternative.length === 0)) return undefined; // anonymous access allowed
  const needed = [...new Set(op.security.flat().map((scheme) => `${scheme} (${api.securitySchemes[scheme] ?? "?"})`))].join(" or ");
  return { refuse: `needs credentials for ${needed}, but the client was given ${kind === undefined ? "none" : `${kind} credentials`}` };
}

/** Credentials of a kind no operation of the API accepts are a mistake: say so at creation. */
function checkCredentialKind(api: ApiDefinition, kind: SchemeKind | undefined): void {
  if (kind === undefined) return;
  const kinds = new Set(Object.values(api.securitySchemes));
  if (kinds.size > 0 && !kinds.has(kind)) {
    const expected = [...kinds].map((k) => (k === "bearer" ? "{ token } (bearer)" : "{ username, password } (basic)")).join(" or ");
    throw new TypeError(`${api.name}: auth must be ${expected}; ${kind} credentials were given`);
  }
}

function safely<E>(hook: (event: E) => unknown, event: E): void {
  try {
    const returned = hook(event) as unknown;
    if (returned instanceof Promise) returned.catch(() => undefined);
  } catch {
    // A logging hook that throws must not change the call's outcome.
  }
}

/** undici refuses a redirect under `redirect: "error"` with a TypeError whose cause says so: not worth retrying. */
function isRedirectRefusal(error: unknown): boolean {
  const cause = (error as { cause?: { message?: unknown } } | undefined)?.cause;
  return typeof cause?.message === "string" && /redirect/i.test(cause.message);
}

/** Rejects with the signal's reason when it aborts, even if `promise` (a foreign fetch) ignores the signal. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** The error context of one operation of an API (for errors raised outside a call, e.g. by a token helper). */
export function callContext(api: ApiDefinition, operationId: string): CallContext {
  const op = api.operations[operationId];
  return { api: api.name, operationId, method: op ? op.method.toUpperCase() : "", path: op ? op.path : "" };
}

/** Whether a status matches a documented key: exactly, by class ("4XX"), or through "default". */
export function isDocumented(keys: readonly string[], status: number): boolean {
  return statusMatcher(keys)(status);
}

function statusMatcher(keys: readonly string[]): (status: number) => boolean {
  const exact = new Set(keys.filter((key) => /^\d{3}$/.test(key)).map(Number));
  const classes = new Set(keys.filter((key) => /^\dXX$/i.test(key)).map((key) => Number(key[0])));
  const fallback = keys.includes("default");
  return (status) => fallback || exact.has(status) || classes.has(Math.floor(status / 100));
}

function resolveBaseUrl(api: ApiDefinition, options: RuntimeOptions): string {
  const environments = Object.keys(api.servers).map((name) => `"${name}"`).join(", ");
  if ((options.baseUrl === undefined) === (options.environment === undefined)) {
    throw new TypeError(`${api.name}: pass exactly one of \`environment\` (${environments}) or \`baseUrl\``);
  }
  if (options.environment !== undefined) {
    const url = Object.hasOwn(api.servers, options.environment) ? api.servers[options.environment] : undefined;
    if (url === undefined) throw new TypeError(`${api.name}: unknown environment "${String(options.environment)}"; expected one of ${environments}`);
    return url;
  }
  let parsed: URL;
  try {
    parsed = new URL(String(options.baseUrl));
  } catch {
    throw new TypeError(`${api.name}: baseUrl is not an absolute URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new TypeError(`${api.name}: baseUrl must use http or https`);
  // Not echoed: a URL with a user name or password carries a credential. fetch would refuse it anyway.
  if (parsed.username || parsed.password) throw new TypeError(`${api.name}: baseUrl must not contain a user name or password; use the auth option`);
  if (parsed.search || parsed.hash) throw new TypeError(`${api.name}: baseUrl must not contain a query or a fragment`);
  return String(options.baseUrl);
}

function checkTimeout(timeoutMs: number, api: string): number {
  if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`${api}: timeoutMs must be a number > 0 (Infinity for no timeout)`);
  }
  return timeoutMs;
}

// setTimeout cannot wait longer than 2^31-1 ms; a longer budget is treated as no timeout.
const MAX_TIMER_MS = 2 ** 31 - 1;
