// The one client implementation behind all four generated clients. A generated client passes an
// ApiDefinition (operations, servers, security, read from the spec by scripts/generate.mjs) and
// gets back an object with one method per operationId. openapi-fetch builds the URL, serializes
// parameters and bodies and parses responses; this file adds what openapi-fetch leaves out:
// environments, credentials, a per-call deadline, safe retries and status-narrowed results.
import createFetchClient from "openapi-fetch";
import { authKind, authorizationHeader, validateAuth, type BasicAuth, type BearerAuth, type SchemeKind } from "./auth.js";
import { ApiClientError, InvalidResponseError, RequestTimeoutError, UnexpectedStatusError, type CallContext } from "./errors.js";
import { abortable, resolveRetryPolicy, sendWithRetries, type FetchLike, type RetryEvent } from "./retry.js";
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
  /** Security requirement alternatives, each listing the scheme names it needs; [] means no credentials. */
  readonly security: readonly (readonly string[])[];
  /** Operation-level servers by environment; they replace the API's servers for this operation. */
  readonly servers?: Readonly<Record<string, string>>;
  /** The request body's media type, when the operation has a body. */
  readonly requestMediaType?: string;
  /** `Accept` header: the media types the documented responses use. */
  readonly accept?: string;
  /** How openapi-fetch reads a success body. Default "json". */
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

/** Options shared by every client. */
export interface CommonClientOptions {
  /** The `fetch` to send requests with (tests inject one). Default: `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Budget of one call, retries and backoff included, in ms. Default 30000. `Infinity` turns it off. */
  timeoutMs?: number;
  /** Retry policy for idempotent requests; `false` turns retries off. See RetryOptions for the defaults. */
  retry?: false | RetryOptions;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Appended to our `User-Agent` (e.g. "my-shop/2.1"). */
  userAgent?: string;
  /** Called before each retry, with nothing secret in the event: useful for logging. */
  onRetry?: (event: RetryEvent) => void;
}

/** The options of a generated `create<Api>Client`. */
export type ClientOptions<Env extends string, Auth> = ClientTarget<Env> & CommonClientOptions & { auth: Auth };

/** What the runtime accepts: credentials may be absent (the token helper calls a public endpoint). */
export type RuntimeOptions = ClientTarget<string> & CommonClientOptions & { auth?: BearerAuth | BasicAuth | undefined };

type CallInitAny = RequestOptions & { params?: Record<string, unknown>; body?: unknown };
type Method = (init?: CallInitAny) => Promise<unknown>;

// The slice of openapi-fetch we use; its own generics are keyed by `paths`, which the runtime does not know.
interface CoreClient {
  request(method: string, url: string, init: Record<string, unknown>): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

/** Creates a client object with one method per operation of `api`. Generated code wraps and types it. */
export function createApiClient(api: ApiDefinition, options: RuntimeOptions): Record<string, Method> {
  const baseUrl = resolveBaseUrl(api, options);
  const environment = options.baseUrl === undefined ? options.environment : undefined;
  const auth = options.auth;
  if (auth !== undefined) validateAuth(auth, api.name);
  const clientTimeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, api.name);
  const fetchImpl: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const userAgent = options.userAgent ? `${api.userAgent} ${options.userAgent}` : api.userAgent;
  const core = createFetchClient({ baseUrl }) as unknown as CoreClient;
  // Fixed credentials give a fixed header: encode them once. Only a token function is called per request.
  const fixedAuthorization = auth !== undefined && !(authKind(auth) === "bearer" && typeof (auth as BearerAuth).token === "function")
    ? authorizationHeader(auth, api.name)
    : undefined;
  fixedAuthorization?.catch(() => undefined); // a bad token is reported by the call that uses it

  async function call(operationId: string, op: OperationDefinition, init: CallInitAny = {}): Promise<unknown> {
    const context: CallContext = { api: api.name, operationId, method: op.method.toUpperCase(), path: op.path };
    const timeoutMs = init.timeoutMs === undefined ? clientTimeoutMs : checkTimeout(init.timeoutMs, api.name);
    const policy = resolveRetryPolicy(context.method, options.retry, init.retry);
    const deadline = startDeadline(timeoutMs, init.signal);
    let received: Response | undefined;
    try {
      const headers: Record<string, string> = { Accept: op.accept ?? "application/json", "User-Agent": userAgent, ...options.headers };
      const authorization = await abortable(authorizationFor(context, op), deadline.signal);
      if (authorization !== undefined) headers["Authorization"] = authorization;
      // A FormData body gets its multipart boundary from fetch, so its Content-Type is left to fetch.
      if (op.requestMediaType !== undefined && init.body !== undefined && !(init.body instanceof FormData)) headers["Content-Type"] = op.requestMediaType;
      Object.assign(headers, init.headers);

      const { data, error, response } = await core.request(op.method, op.path, {
        baseUrl: (environment !== undefined && op.servers?.[environment]) || baseUrl,
        params: init.params ?? {},
        body: init.body,
        headers,
        signal: deadline.signal,
        parseAs: op.parseAs ?? "json",
        ...(op.requestMediaType === FORM ? { bodySerializer: serializeForm } : {}),
        fetch: async (request: Request) => {
          received = await sendWithRetries(request, {
            call: context,
            policy,
            fetch: fetchImpl,
            signal: deadline.signal,
            remainingMs: deadline.remainingMs,
            onRetry: options.onRetry,
          });
          return received;
        },
      });

      if (!isDocumented(op.responses, response.status)) {
        throw new UnexpectedStatusError(context, response, response.ok ? data : error);
      }
      return response.ok
        ? { ok: true, status: response.status, data, response }
        : { ok: false, status: response.status, error, response };
    } catch (error) {
      if (deadline.timedOut) throw new RequestTimeoutError(context, timeoutMs);
      if (init.signal?.aborted) throw init.signal.reason;
      if (error instanceof ApiClientError) throw error;
      // After a response arrived, a failure is reading or parsing its body.
      if (received !== undefined) throw new InvalidResponseError(context, received.status, error);
      throw error;
    } finally {
      deadline.dispose();
    }
  }

  async function authorizationFor(context: CallContext, op: OperationDefinition): Promise<string | undefined> {
    if (op.security.length === 0) return undefined;
    const kind = authKind(auth);
    const usable = op.security.some((alternative) => alternative.length > 0 && alternative.every((scheme) => api.securitySchemes[scheme] === kind));
    if (auth !== undefined && usable) return fixedAuthorization ?? authorizationHeader(auth, api.name);
    if (op.security.some((alternative) => alternative.length === 0)) return undefined; // anonymous access allowed
    const needed = [...new Set(op.security.flat().map((scheme) => `${scheme} (${api.securitySchemes[scheme] ?? "?"})`))].join(" or ");
    throw new ApiClientError(context, `needs credentials for ${needed}, but the client was given ${kind === undefined ? "none" : `${kind} credentials`}`);
  }

  const client: Record<string, Method> = {};
  for (const [operationId, op] of Object.entries(api.operations)) {
    client[operationId] = (init) => call(operationId, op, init);
  }
  return client;
}

const FORM = "application/x-www-form-urlencoded";

/** Form bodies: undefined/null fields are left out, arrays repeat the key (openapi-fetch would send "undefined"). */
function serializeForm(body: unknown): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) form.append(key, String(item));
    }
  }
  return form.toString();
}

/** The error context of one operation of an API (for errors raised outside a call, e.g. by a token helper). */
export function callContext(api: ApiDefinition, operationId: string): CallContext {
  const op = api.operations[operationId];
  return { api: api.name, operationId, method: op ? op.method.toUpperCase() : "", path: op ? op.path : "" };
}

/** Whether a status matches a documented key: exactly, by class ("4XX"), or through "default". */
export function isDocumented(keys: readonly string[], status: number): boolean {
  const text = String(status);
  return keys.some((key) => key === text || key.toUpperCase() === `${text[0]}XX` || key === "default");
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

/** One call's deadline: a signal that aborts on the timeout or on the caller's signal, whichever is first. */
function startDeadline(timeoutMs: number, callerSignal: AbortSignal | undefined) {
  const controller = new AbortController();
  const endsAt = Date.now() + timeoutMs;
  let timedOut = false;
  const timer = timeoutMs <= MAX_TIMER_MS
    ? setTimeout(() => {
        timedOut = true;
        controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError"));
      }, timeoutMs)
    : undefined;
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    remainingMs: () => Math.max(0, endsAt - Date.now()),
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}
