// The one client implementation behind all four generated clients. A generated client passes an
// ApiDefinition (operations, servers, security, read from the spec by the generator) and gets back an
// object with one method per operationId. Everything that does not change between calls (URL prefix,
// compiled path, header template, credentials header, default retry policy, status matcher) is worked
// out here, once; a call then builds a URL string, a plain header object and a string body and calls
// `fetch(url, init)` itself (a `Request` object would be copied again by undici, body included).
//
// Size matters here: this file ships in every client bundle (target: ≤ 4 kB min+gzip per subpath import,
// measured by `npm run bench:clients`), so checks share their messages and helpers.
import { AUTH_SHAPES, bearer, readAuth, typeError, type BasicAuth, type BearerAuth, type Fail, type SchemeKind, type TokenProvider } from "./auth.js";
import { ApiClientError, InvalidRequestError, InvalidResponseError, NetworkError, RequestTimeoutError, UnexpectedStatusError, type CallContext } from "./errors.js";
import { assignHeaders, compilePath, queryString, redactHeaders, serializeBody, type PathBuilder } from "./request.js";
import { backoffDelay, checkRetryOption, isRetryableStatus, parseRetryAfter, resolveRetryPolicy, type RetryEvent, type RetryPolicy } from "./retry.js";
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
  /** Short name used in messages (the API's key in the list of APIs). */
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
type TokenSource = (() => string | Promise<string>) & Partial<TokenProvider>;

/** Creates a client object with one method per operation of `api`. Generated code wraps and types it. */
export function createApiClient(api: ApiDefinition, options: RuntimeOptions, internal: InternalOptions = {}): Record<string, Method> {
  const { name, securitySchemes } = api;
  const fail = typeError(name);
  const { auth, environment, fetch: customFetch, onRetry, onRequest, onResponse } = options;
  const baseUrl = resolveBaseUrl(api, options, fail);
  const [kind, fixed] = auth === undefined ? [] : readAuth(auth, fail);
  // Credentials of a kind no operation of the API accepts are a mistake: say so at creation.
  const kinds = new Set(Object.values(securitySchemes));
  if (kind && kinds.size && !kinds.has(kind)) fail(`auth must be ${[...kinds].map((k) => AUTH_SHAPES[k]).join(" or ")}; ${kind} credentials were given`);
  const clientTimeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, fail);
  checkRetryOption(options.retry, `${name}: retry`);
  for (const hook of ["fetch", "onRetry", "onRequest", "onResponse"] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== "function") fail(`${hook} must be a function`);
  }
  const fetchImpl: FetchLike = customFetch ?? ((url, init) => fetch(url, init));
  const common: Record<string, string> = {};
  assignHeaders(common, { "User-Agent": options.userAgent ? `${api.userAgent} ${options.userAgent}` : api.userAgent, ...options.headers }, fail);

  // Everything that does not change between calls is worked out here, per operation, once; the method
  // closes over it (plain variables rather than an object of settings: they minify to single letters).
  const client: Record<string, Method> = {};
  for (const [operationId, op] of Object.entries(api.operations)) {
    const context = callContext(api, operationId);
    const { method } = context;
    const head = method === "HEAD"; // a HEAD response never has a body, whatever the spec's content says
    const mediaType = op.requestMediaType;
    const prepared: Record<string, string> = { Accept: op.accept ?? "application/json", ...common };
    if (mediaType) prepared["Content-Type"] = mediaType;
    // How the operation gets its Authorization header, decided once.
    const { security } = op;
    const usable = kind && security.some((alternative) => alternative.length && alternative.every((scheme) => securitySchemes[scheme] === kind));
    const refusal =
      usable || !security.length || security.some((alternative) => !alternative.length)
        ? undefined
        : `needs credentials for ${[...new Set(security.flat())].join(" or ")}, but the client was given ${kind ? `${kind} credentials` : "none"}`;
    const token = usable && !fixed ? ((auth as BearerAuth).token as TokenSource) : undefined;
    const urlPrefix = ((environment !== undefined && op.servers?.[environment]) || baseUrl).replace(/\/+$/, "");
    const path = compilePath(op.path);
    const defaultPolicy = resolveRetryPolicy(method, options.retry);
    const documented = statusMatcher(op.responses);
    const noContent = statusMatcher(op.noContent ?? []);
    const json = (op.parseAs ?? "json") === "json";
    // Credentials or a body are never handed to a redirect target: a 3xx comes back as a response.
    const redirect = internal.redirect ?? (usable || mediaType ? "manual" : "follow");

    /** Reads the body and builds the result; undocumented statuses and unreadable success bodies throw. */
    const toResult = async (response: Response): Promise<unknown> => {
      const { status, ok } = response;
      const text = head ? "" : await response.text();
      let value: unknown = text;
      let bad: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        bad = text ? error : new Error("empty body");
      }
      if (!documented(status)) throw new UnexpectedStatusError(context, response, value);
      if (head || noContent(status)) value = undefined;
      else if (!json) value = text;
      else if (bad) {
        if (ok) throw new InvalidResponseError(context, status, bad);
        // A gateway's HTML page, an empty body, broken JSON: not the documented body, so not typed as it.
        return { ok, status, parsed: false, error: undefined, text, response };
      }
      return ok ? { ok, status, data: value, response } : { ok, status, parsed: true, error: value, response };
    };

    client[operationId] = async (init = {}) => {
      const refuse: Fail = (message) => {
        throw new InvalidRequestError(context, message);
      };
      const timeoutMs = init.timeoutMs === undefined ? clientTimeoutMs : checkTimeout(init.timeoutMs, fail);
      let policy = defaultPolicy;
      if (init.retry !== undefined) {
        checkRetryOption(init.retry, `${name}: call retry`);
        policy = resolveRetryPolicy(method, options.retry, init.retry);
      }

      // Build the request before starting the clock: bad input throws without sending anything.
      const params = init.params;
      const url = urlPrefix + path(context, params?.["path"]) + queryString(context, params?.["query"]);
      const headers: Record<string, string> = { ...prepared };
      assignHeaders(headers, params?.["header"], refuse);
      assignHeaders(headers, init.headers, refuse);
      const requestInit: RequestInit = { method, headers, redirect };
      if (mediaType && init.body !== undefined) requestInit.body = serializeBody(context, mediaType, init.body);
      else delete headers["Content-Type"];
      if (refusal) throw new ApiClientError(context, refusal);
      if (usable && fixed) headers["Authorization"] = fixed;

      const callerSignal = init.signal;
      callerSignal?.throwIfAborted();
      // One controller per call, and none when there is neither a deadline nor a caller's signal.
      const finite = timeoutMs <= MAX_TIMER_MS;
      const controller = finite || callerSignal ? new AbortController() : undefined;
      const signal = controller?.signal;
      if (signal) requestInit.signal = signal;
      const endsAt = finite ? Date.now() + timeoutMs : Infinity;
      let timedOut = false;
      const timer = finite
        ? setTimeout(() => {
            timedOut = true;
            controller!.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError"));
          }, timeoutMs)
        : undefined;
      const onCallerAbort = () => controller!.abort(callerSignal!.reason);
      callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
      // The native fetch follows the signal; an injected one or a token function might not, and the deadline must hold anyway.
      // `stopped` rejects when the call is aborted (deadline or caller); made on first use. The controller is
      // per call, so its listener goes with it.
      let stopped: Promise<never> | undefined;
      const guard = <T>(pending: Promise<T>): Promise<T> =>
        signal
          ? Promise.race([
              pending,
              (stopped ??= new Promise<never>((_, reject) => {
                const stop = () => reject(signal.reason);
                if (signal.aborted) stop();
                signal.addEventListener("abort", stop);
              })),
            ])
          : pending;
      let backoff: ReturnType<typeof setTimeout> | undefined;
      const hookEvent = (attempt: number) => ({ ...context, url, headers: redactHeaders(headers), attempt });
      const authorize = async () => {
        headers["Authorization"] = await guard((async () => bearer(await token!(), refuse))());
      };

      let received: Response | undefined;
      let attempt = 0;
      /** Sends, retrying while the policy allows; returns the last response. */
      const send = async (): Promise<Response> => {
        for (let retry = 0; ; retry++) {
          const canRetry = policy.enabled && retry < policy.maxRetries;
          const started = performance.now();
          attempt++;
          if (onRequest) safely(onRequest, hookEvent(attempt));
          let delay: number;
          let status: number | undefined;
          let retryAfter: number | undefined;
          try {
            const pending = fetchImpl(url, requestInit);
            received = await (customFetch ? guard(pending) : pending);
          } catch (error) {
            if (signal?.aborted) throw error;
            delay = backoffDelay(retry, policy);
            // undici refuses a redirect under `redirect: "error"` with a TypeError whose cause says so: not worth retrying.
            if (!canRetry || delay >= endsAt - Date.now() || /redirect/i.test(String((error as { cause?: { message?: unknown } })?.cause?.message))) {
              throw new NetworkError(context, error);
            }
          }
          const response = received;
          if (response) {
            ({ status } = response);
            if (onResponse) safely(onResponse, { ...hookEvent(attempt), status, responseHeaders: redactHeaders(response.headers), durationMs: performance.now() - started });
            if (!canRetry || !isRetryableStatus(status)) return response;
            retryAfter = parseRetryAfter(response.headers.get("retry-after"));
            delay = retryAfter ?? backoffDelay(retry, policy);
            if (delay > (retryAfter === undefined ? Infinity : policy.maxRetryAfterMs) || delay >= endsAt - Date.now()) return response;
            // Free the connection before waiting; the body of a response we retry is never read.
            await response.body?.cancel().catch(() => undefined);
            received = undefined;
          }
          if (onRetry) safely(onRetry, { ...context, retry: retry + 1, delayMs: delay!, status, fromRetryAfter: retryAfter !== undefined });
          // Cleared in `finally` when an abort ends the call during the wait: nothing keeps the process alive.
          await guard(new Promise((resolve) => (backoff = setTimeout(resolve, delay))));
        }
      };

      try {
        if (token) await authorize();
        let response = await send();
        // A 401 with a cached token: the token may have been revoked or expired early. The request was
        // refused, so sending it again is safe: refresh the token once (shared with concurrent calls) and replay.
        if (response.status === 401 && token?.invalidate) {
          await response.body?.cancel().catch(() => undefined);
          token.invalidate(headers["Authorization"]!.slice(7));
          await authorize();
          policy = { ...policy, enabled: false };
          received = undefined;
          response = await send();
        }
        return await toResult(response);
      } catch (error) {
        if (timedOut) throw new RequestTimeoutError(context, timeoutMs);
        callerSignal?.throwIfAborted();
        if (error instanceof ApiClientError) throw error;
        // After a response arrived, a failure is reading its body.
        if (received) throw new InvalidResponseError(context, received.status, error);
        throw error;
      } finally {
        clearTimeout(timer);
        clearTimeout(backoff);
        callerSignal?.removeEventListener("abort", onCallerAbort);
      }
    };
  }

  return client;
}

/** Calls a logging hook; a hook that throws (or rejects) must not change the call's outcome. */
function safely<E>(hook: (event: E) => unknown, event: E): void {
  try {
    Promise.resolve(hook(Object.freeze(event))).catch(() => undefined);
  } catch {
    // ignored, see above
  }
}

/** The error context of one operation of an API (for errors raised outside a call, e.g. by a token helper). */
export function callContext(api: ApiDefinition, operationId: string): CallContext {
  const { method, path } = api.operations[operationId]!;
  return Object.freeze({ api: api.name, operationId, method: method.toUpperCase(), path });
}

/** Whether a status matches a documented key: exactly, by class ("4XX"), or through "default". */
export function isDocumented(keys: readonly string[], status: number): boolean {
  return statusMatcher(keys)(status);
}

function statusMatcher(keys: readonly string[]): (status: number) => boolean {
  const set = new Set(keys.map((key) => key.toUpperCase()));
  return (status) => set.has("DEFAULT") || set.has(String(status)) || set.has(`${String(status)[0]}XX`);
}

function resolveBaseUrl(api: ApiDefinition, { baseUrl, environment }: RuntimeOptions, fail: Fail): string {
  const environments = JSON.stringify(Object.keys(api.servers));
  if ((baseUrl === undefined) === (environment === undefined)) fail(`pass exactly one of \`environment\` (${environments}) or \`baseUrl\``);
  if (environment !== undefined) {
    return (Object.hasOwn(api.servers, environment) && api.servers[environment]) || fail(`unknown environment "${String(environment)}" (${environments})`);
  }
  let url: URL | undefined;
  try {
    url = new URL(String(baseUrl));
  } catch {
    // reported below
  }
  // Not echoed: a URL with a user name or password carries a credential. fetch would refuse it anyway.
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    fail("baseUrl must be an absolute http(s) URL without credentials, query or fragment");
  }
  return String(baseUrl);
}

function checkTimeout(timeoutMs: number, fail: Fail): number {
  if (!(timeoutMs > 0)) fail("timeoutMs must be a number > 0 (Infinity for no timeout)");
  return timeoutMs;
}

// setTimeout cannot wait longer than 2^31-1 ms; a longer budget is treated as no timeout.
const MAX_TIMER_MS = 2 ** 31 - 1;
