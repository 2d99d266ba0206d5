// The one client implementation behind all four generated clients. A generated client passes an
// ApiDefinition (servers, and per operation what the generator read from the spec and worked out: its
// statuses as a pattern, the credential kinds it takes; plus the runtime pieces its API needs: its auth
// schemes, the path and query writers, a form body writer) and gets back an object with one method per operationId. Everything else that does
// not change between calls (URL prefix, compiled path, header template with the credentials header,
// default retry policy) is worked out here, once; a call then builds a URL string, a plain header object
// and a string body and calls `fetch(url, init)` itself (a `Request` object would be copied again by
// undici, body included), in one async function.
//
// Size matters here: this file ships in every client bundle (target: ≤ 4 kB min+gzip per subpath import,
// measured by `npm run bench:clients`), so checks share their messages and helpers.
import { schemeFor, typeError, type AuthScheme, type BasicAuth, type BearerAuth, type DynamicAuthorization, type Fail, type SchemeKind } from "./auth.js";
import { ApiClientError, InvalidRequestError, InvalidResponseError, NetworkError, RequestTimeoutError, UnexpectedStatusError, type CallContext } from "./errors.js";
import { assignHeaders, redactHeaders } from "./request.js";
import { backoffDelay, isRetryableStatus, parseRetryAfter, resolveRetryPolicy, type RetryEvent } from "./retry.js";
import type { HttpMethod, RequestOptions, RetryOptions } from "./types.js";

/** Default budget of one call, retries and backoff waits included. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Fills a compiled path template in (percent-encoded); problems go to `refuse`. */
export type PathWriter = (pathParams: Record<string, unknown> | undefined, refuse: Fail) => string;

/** Writes the query string ("?a=1&b=2", or "" when there is none); problems go to `refuse`. */
export type QueryWriter = (query: Record<string, unknown> | undefined, refuse: Fail) => string;

/** Writes a request body as a string (JSON.stringify when an operation names none); problems go to `refuse`. */
export type BodyWriter = (body: unknown, refuse: Fail) => string;

/** One operation, as the generator read it from the spec. */
export interface OperationDefinition {
  /** Upper-case, as the request sends it and messages name it (the generator writes it so). */
  readonly method: Uppercase<HttpMethod>;
  /** Path template relative to the server URL, e.g. "/orders/{id}". */
  readonly path: string;
  /** For a template with parameters: compiles it (the generator passes compilePath); the path is sent as it is without. */
  readonly compilePath?: (template: string) => PathWriter;
  /** For an operation with query parameters: writes them (the generator passes queryString); none are sent without. */
  readonly writeQuery?: QueryWriter;
  /** The documented statuses (response keys "200", "4XX", "default"), as the generator writes them: statusPattern(keys). */
  readonly responses: RegExp;
  /**
   * The credential kinds that satisfy the operation's security requirements (worked out by the generator);
   * absent when it needs none.
   */
  readonly auth?: readonly SchemeKind[];
  /** Operation-level servers by environment; they replace the API's servers for this operation. */
  readonly servers?: Readonly<Record<string, string>>;
  /** The request body's media type, when the operation has a body. */
  readonly mediaType?: string;
  /** How the body is written for that media type (e.g. formBody); JSON when absent. */
  readonly writeBody?: BodyWriter;
}

/** Everything the runtime needs to know about one API. */
export interface ApiDefinition {
  /** Short name used in messages (the API's key in the list of APIs). */
  readonly name: string;
  /** Our package, e.g. "payment-api-contracts/0.1.0": sent as the `User-Agent`. */
  readonly userAgent: string;
  /** Server URL by `x-environment`. */
  readonly servers: Readonly<Record<string, string>>;
  /** The runtime modules that read credentials for the spec's security schemes, one per kind. */
  readonly schemes: readonly AuthScheme[];
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
  /** The spec's path template. */
  readonly path: string;
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

// setTimeout cannot wait longer than 2^31-1 ms; a longer budget is treated as no timeout.
const MAX_TIMER_MS = 2 ** 31 - 1;
const noop = () => undefined;

/** Creates a client object with one method per operation of `api`. Generated code wraps and types it. */
export const createApiClient = (api: ApiDefinition, options: RuntimeOptions, internal: InternalOptions = {}): Record<string, Method> => {
  const { servers, schemes } = api;
  const fail = typeError(api.name);
  const { auth, environment, baseUrl, fetch: customFetch, retry: clientRetry, onRetry, onRequest, onResponse } = options;
  const checkTimeout = (timeoutMs: number) => (timeoutMs > 0 ? timeoutMs : fail("timeoutMs must be a number > 0"));

  // Where requests go: one known environment, or a base URL that parses (a host, a port) and that the pattern
  // allows. One message for every mistake here; it never echoes a base URL (with a user name it holds a credential).
  // An unknown environment reads undefined, or something inherited (a function, the prototype) that does
  // not parse as a URL: either way it is refused below, as is a base URL that does not parse.
  let base = environment === undefined ? baseUrl : baseUrl === undefined ? servers[environment] : "";
  try {
    new URL(base!);
  } catch {
    base = "";
  }
  if (!BASE_URL.test(base!)) fail(`pass \`environment\` (${JSON.stringify(Object.keys(servers))}) or \`baseUrl\` (http(s), no credentials, query or fragment), not both`);

  // Credentials: the API's scheme whose field they have, which reads them. Credentials no scheme of the
  // API takes are a mistake: say so at creation (the message names what is expected, never the value).
  const scheme = schemeFor(schemes, auth);
  const kind = scheme?.kind;
  if (auth !== undefined && !scheme) fail(`auth must be ${schemes.map((s) => s.shape).join(" or ") || "left out"}`);
  const credential = scheme?.read(auth, fail);

  const clientTimeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  for (const hook of ["fetch", "onRetry", "onRequest", "onResponse"] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== "function") fail(`${hook} must be a function`);
  }
  const common: Record<string, string> = {};
  assignHeaders(common, { "User-Agent": options.userAgent ? `${api.userAgent} ${options.userAgent}` : api.userAgent, ...options.headers }, fail);

  const client: Record<string, Method> = {};
  for (const [operationId, op] of Object.entries(api.operations)) {
    const context = callContext(api, operationId);
    const { method } = context;
    const refuse: Fail = (message) => {
      throw new InvalidRequestError(context, message);
    };
    const { auth: kinds, mediaType, writeBody = writeJson } = op;
    const template: Record<string, string> = { Accept: "application/json", ...common };
    if (mediaType) template["Content-Type"] = mediaType;
    // How the operation gets its Authorization header, decided once.
    const usable = kind && kinds?.includes(kind);
    const refusal = kinds && !usable && `needs ${kinds.join(" or ")} credentials`;
    const fixed = usable && typeof credential === "string" && credential;
    // A scheme reads credentials as a non-empty string or a function: the function, when not a string.
    const dynamic = usable && !fixed ? (credential as DynamicAuthorization) : undefined;
    if (fixed) template["Authorization"] = fixed;
    // (environment is a key of `servers` here, or undefined, which no server is named)
    const urlPrefix = (op.servers?.[environment!] || base!).replace(/\/+$/, "");
    const path = op.compilePath?.(op.path);
    // Also checks the client's `retry`, at creation.
    const defaultPolicy = resolveRetryPolicy(method, clientRetry, undefined, fail);
    // Credentials or a body are never handed to a redirect target: a 3xx comes back as a response. Every
    // operation of the four specs sends credentials or a body, so no call follows a redirect.
    const redirect = internal.redirect ?? "manual";

    client[operationId] = async (init = {}) => {
      const { params, body, signal: callerSignal, timeoutMs = clientTimeoutMs, retry: callRetry, headers: callHeaders } = init;
      checkTimeout(timeoutMs);
      let policy = callRetry === undefined ? defaultPolicy : resolveRetryPolicy(method, clientRetry, callRetry, fail);

      // Build the request before starting the clock: bad input throws without sending anything.
      const url = urlPrefix + (path ? path(params?.["path"], refuse) : op.path) + (op.writeQuery?.(params?.["query"], refuse) ?? "");
      const headers = { ...template };
      assignHeaders(headers, params?.["header"], refuse);
      assignHeaders(headers, callHeaders, refuse);
      // The credentials from `auth` win over a per-call header.
      if (fixed) headers["Authorization"] = fixed;
      let payload: string | undefined;
      // A body is written for its media type; without one, no Content-Type is sent.
      if (mediaType) {
        if (body === undefined) delete headers["Content-Type"];
        else payload = writeBody(body, refuse);
      }
      if (refusal) throw new ApiClientError(context, refusal);
      callerSignal?.throwIfAborted();

      // One controller per call, and none when there is neither a deadline nor a caller's signal. The
      // native fetch follows its signal; an injected fetch, a token function or a backoff wait might not,
      // and the deadline must hold anyway: those are raced against the abort (see abortable).
      const finite = timeoutMs <= MAX_TIMER_MS;
      const controller = finite || callerSignal ? new AbortController() : undefined;
      const signal = controller?.signal;
      // One shape for every call (V8 keeps such objects fast).
      const request = { method, headers, redirect, body: payload, signal } as RequestInit;
      const endsAt = Date.now() + timeoutMs;
      // The deadline and the caller's abort both abort the controller with the error the call then throws (what an
      // injected fetch sees as `signal.reason`); the deadline's is built only when it happens, since an error captures
      // a stack.
      const timer = finite ? setTimeout(() => controller!.abort(new RequestTimeoutError(context, timeoutMs)), timeoutMs) : undefined;
      const onCallerAbort = callerSignal && (() => controller!.abort(callerSignal.reason));
      if (onCallerAbort) callerSignal.addEventListener("abort", onCallerAbort);

      let backoff: ReturnType<typeof setTimeout> | undefined;
      let response: Response | undefined;
      let status: number | undefined; // response's
      let failure: unknown;
      // Set when a (fresh) token is needed before the next attempt; `replay` is spent by the one replay
      // after a 401 (only a credential that can be invalidated gets one).
      let authorize = dynamic;
      let replay = !!dynamic?.invalidate;
      try {
        // Sends, retrying while the policy allows, until `response` is the one to answer with.
        for (let attempt = 1; ; attempt++) {
          // Cleared first, so that nothing thrown before the next response (a token function's error on the
          // replay) is taken for a problem with the last one. (`failure` is read only when there is no response.)
          response = undefined;
          if (authorize) headers["Authorization"] = await abortable(authorize(refuse), signal);
          authorize = undefined;
          // What onRequest and onResponse see: a plain object, credentials redacted.
          const event = onRequest || onResponse ? { ...context, url, headers: redactHeaders(Object.entries(headers)), attempt } : undefined;
          safely(onRequest, event!);
          const started = onResponse && performance.now();
          try {
            // An injected fetch might not follow the signal: the deadline must hold anyway.
            response = await (customFetch ? abortable(customFetch(url, request), signal) : fetch(url, request));
          } catch (error) {
            if (signal?.aborted) throw error;
            failure = error;
          }
          status = response?.status;
          if (response && onResponse) safely(onResponse, { ...event!, status: status!, responseHeaders: redactHeaders(response.headers), durationMs: performance.now() - started! });
          let wait: Promise<unknown> | undefined;
          // A 401 with a cached token: the token may have been revoked or expired early. The request was
          // refused, so sending it again is safe: refresh the token once (shared with concurrent calls) and
          // replay, without retries after that.
          if (status === 401 && replay) {
            policy = { ...policy, maxRetries: 0 };
            // Called on its object: a credential's invalidate may use `this`.
            dynamic!.invalidate!(headers["Authorization"]!);
            replay = false;
            authorize = dynamic;
          } else {
            // undici refuses a redirect under `redirect: "error"` with a TypeError whose cause says so: not worth retrying.
            if (!(attempt <= policy.maxRetries && (response ? isRetryableStatus(status!) : !/redirect/i.test((failure as { cause?: { message: string } })?.cause?.message as string)))) break;
            const retryAfter = parseRetryAfter(response?.headers.get("retry-after"));
            const delay = retryAfter ?? backoffDelay(attempt - 1, policy);
            // A Retry-After beyond maxRetryAfterMs, or a wait past the deadline: answer with this response instead.
            if ((retryAfter ?? 0) > policy.maxRetryAfterMs || !(delay < endsAt - Date.now())) break;
            safely(onRetry, { ...context, retry: attempt, delayMs: delay, status, fromRetryAfter: retryAfter !== undefined });
            // Cleared in `finally` when an abort ends the call during the wait: nothing keeps the process alive.
            wait = abortable(new Promise((resolve) => (backoff = setTimeout(resolve, delay))), signal);
          }
          // Free the connection before sending again; the body of a response we do not answer with is never read.
          await response?.body?.cancel().catch(noop);
          await wait;
        }
        if (!response) throw new NetworkError(context, failure);

        // The result: undocumented statuses and unreadable success bodies throw.
        const { ok } = response;
        const code = `${status}`;
        // A body that breaks off while it is read (the connection dropped) is an InvalidResponseError, whatever the status.
        let raw: string;
        try {
          raw = await response.text();
        } catch (error) {
          throw new InvalidResponseError(context, status!, error);
        }
        let value: unknown = raw;
        let bad: unknown;
        try {
          value = JSON.parse(raw);
        } catch (error) {
          bad = raw ? error : "empty body"; // a reason for the message, see below
        }
        if (!op.responses.test(code)) throw new UnexpectedStatusError(context, response, value);
        if (bad && ok) throw new InvalidResponseError(context, status!, bad); // a success body that is not JSON
        // A gateway's HTML page, an empty body, broken JSON: not the documented body, so not typed as it.
        return ok ? { ok, status, data: value, response } : bad ? { ok, status, parsed: false, error: undefined, text: raw, response } : { ok, status, parsed: true, error: value, response };
      } catch (error) {
        // A timed-out or aborted call throws the signal's reason (see above); everything else unchanged: our own
        // errors, and whatever the caller's token function or its `invalidate` threw.
        throw signal?.aborted ? signal.reason : error;
      } finally {
        clearTimeout(timer);
        clearTimeout(backoff);
        if (onCallerAbort) callerSignal.removeEventListener("abort", onCallerAbort);
      }
    };
  }

  return client;
};

/** The default body writer: JSON. */
const writeJson: BodyWriter = (body, refuse) => {
  try {
    return JSON.stringify(body);
  } catch {
    return refuse("the body is not JSON-serialisable");
  }
};

// An absolute http(s) URL without credentials (no "@" before the path), query or fragment.
const BASE_URL = /^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/i;

/**
 * `pending`, or the signal's reason as soon as it aborts (for what might not follow the signal itself). The
 * listener goes once `pending` settles: a call with many retries races each attempt and each wait against
 * the same signal, and Node warns of a leak from the 11th listener on.
 */
const abortable = <T>(pending: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> =>
  signal
    ? new Promise<T>((resolve, reject) => {
        const stop = () => reject(signal.reason);
        if (signal.aborted) stop();
        signal.addEventListener("abort", stop);
        pending.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
      })
    : pending;

/** Calls a logging hook, if there is one; a hook that throws (or rejects) must not change the call's outcome. */
const safely = <E>(hook: ((event: E) => unknown) | undefined, event: E): void => {
  try {
    // A rejected promise is caught too (anything else a hook returns is ignored).
    (hook?.(Object.freeze(event)) as Promise<unknown> | undefined)?.catch?.(noop);
  } catch {
    // ignored, see above
  }
};

/** The error context of one operation of an API (for errors raised outside a call, e.g. by a token helper). */
export const callContext = (api: ApiDefinition, operationId: string): CallContext => {
  const { method, path } = api.operations[operationId]!;
  return { api: api.name, operationId, method, path };
};

/**
 * The statuses that response keys document, as one pattern over the status code: "200" exactly, "4XX" every
 * status of its class, "default" any. The generator writes it into each operation, so a client does not work
 * it out at run time.
 */
export function statusPattern(keys: readonly string[]): RegExp {
  if (keys.some((key) => /^default$/i.test(key))) return /^\d+$/;
  // An exact status that a range of the same class also documents adds nothing to the pattern.
  const ranges = keys.filter((key) => /^\dxx$/i.test(key)).map((key) => key[0]);
  const kept = keys.filter((key) => !/^\d+$/.test(key) || !ranges.includes(key[0]));
  return new RegExp(`^(?:${kept.map((key) => key.replace(/x/gi, "\\d")).join("|") || "(?!)"})$`);
}

/** Whether a status matches a documented key: exactly, by class ("4XX"), or through "default". */
export function isDocumented(keys: readonly string[], status: number): boolean {
  return statusPattern(keys).test(`${status}`);
}
