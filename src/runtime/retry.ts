// Safe retries: which requests may be sent again, how long to wait, and the send loop itself.
// A request is retried only when sending it twice cannot do harm (an idempotent method, or the
// caller opted in), only for failures that may go away (network errors, 429, 5xx), with capped
// exponential backoff, and never past the call's deadline.
import type { RetryOptions } from "./types.js";
import { NetworkError, type CallContext } from "./errors.js";

export const DEFAULT_RETRY: Required<RetryOptions> = Object.freeze({
  maxRetries: 2,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  maxRetryAfterMs: 10_000,
});

/** RFC 9110 §9.2.2: methods whose repetition has the same effect as one request. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** 429 Too Many Requests and every 5xx: the server says (or shows) that a later attempt may succeed. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Full policy for one call, from the client's and the call's settings. */
export function resolveRetryPolicy(
  method: string,
  clientRetry: false | RetryOptions | undefined,
  callRetry: boolean | RetryOptions | undefined,
): Required<RetryOptions> & { enabled: boolean } {
  // Any explicit `retry` on the call (true or an object) is the caller's opt-in, also for a non-idempotent
  // method, and wins over a client-wide `retry: false`.
  const optedIn = callRetry === true || typeof callRetry === "object";
  const callOptions = typeof callRetry === "object" ? definedOnly(callRetry) : {};
  const merged = { ...DEFAULT_RETRY, ...(clientRetry === false ? { maxRetries: 0 } : definedOnly(clientRetry)), ...callOptions };
  if (callRetry === false) merged.maxRetries = 0;
  if (clientRetry === false && optedIn && callOptions.maxRetries === undefined) merged.maxRetries = DEFAULT_RETRY.maxRetries;
  for (const key of Object.keys(DEFAULT_RETRY) as (keyof RetryOptions)[]) {
    const value = merged[key];
    if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
      throw new TypeError(`retry.${key} must be a number >= 0`);
    }
  }
  const enabled = merged.maxRetries > 0 && (isIdempotent(method) || optedIn);
  return { ...merged, enabled };
}

function definedOnly(options: RetryOptions | undefined): RetryOptions {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(options ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * Backoff before retry number `retry` (0 for the first retry): baseDelayMs·2^retry, capped at
 * maxDelayMs, then scaled into [50 %, 100 %] of that so that clients which failed together do not
 * come back together.
 */
export function backoffDelay(retry: number, policy: Pick<Required<RetryOptions>, "baseDelayMs" | "maxDelayMs">, random: () => number = Math.random): number {
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(capped * (0.5 + random() * 0.5));
}

/** `Retry-After` in ms (delta-seconds or an HTTP date, RFC 9110 §10.2.3), or undefined when absent or invalid. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its month ("Sun, 06 Nov 1994 08:49:37 GMT"); V8's Date.parse would also take "-1" or "1.5".
  if (!/[A-Za-z]{3}/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** What a retry hook hears: no URL, no header, no body — safe to log. */
export interface RetryEvent {
  readonly api: string;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** 1 for the first retry. */
  readonly retry: number;
  /** How long the client waits before sending again. */
  readonly delayMs: number;
  /** The status that caused the retry, or undefined after a network error. */
  readonly status: number | undefined;
  /** Whether the delay came from the server's `Retry-After`. */
  readonly fromRetryAfter: boolean;
}

export type FetchLike = (request: Request) => Promise<Response>;

/** Rejects with the signal's reason when it aborts, even if `promise` (a foreign fetch) ignores the signal. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
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

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return signal.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  return abortable(new Promise<void>((resolve) => setTimeout(resolve, ms)), signal);
}

export interface SendContext {
  readonly call: CallContext;
  readonly policy: Required<RetryOptions> & { enabled: boolean };
  readonly fetch: FetchLike;
  /** Aborts on the deadline or on the caller's signal. */
  readonly signal: AbortSignal;
  /** Milliseconds left of the call's budget. */
  readonly remainingMs: () => number;
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
}

/**
 * Sends `request` and retries while the policy allows. Returns the last response; a network failure
 * with no retry left becomes a NetworkError. Aborts (deadline or caller) propagate unchanged for the
 * caller to translate.
 */
export async function sendWithRetries(request: Request, context: SendContext): Promise<Response> {
  const { policy, signal } = context;
  const attempt = await attemptFactory(request, policy.enabled);
  for (let retry = 0; ; retry++) {
    const canRetry = policy.enabled && retry < policy.maxRetries;
    let response: Response;
    try {
      response = await abortable(context.fetch(attempt()), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      const delay = backoffDelay(retry, policy);
      if (!canRetry || delay >= context.remainingMs()) throw new NetworkError(context.call, error);
      await waitBeforeRetry(context, retry, delay, undefined, false);
      continue;
    }
    if (!canRetry || !isRetryableStatus(response.status)) return response;
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
    if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return response;
    const delay = retryAfter ?? backoffDelay(retry, policy);
    if (delay >= context.remainingMs()) return response;
    // Free the connection before waiting; the body of a response we retry is never read.
    await response.body?.cancel().catch(() => undefined);
    await waitBeforeRetry(context, retry, delay, response.status, retryAfter !== undefined);
  }
}

/**
 * What each attempt sends. Without retries, the request itself. A request without a body can be sent
 * again as it is. A body is read once into memory and each attempt gets a new Request around those
 * bytes: a clone() would tee the body into a stream of unknown length, sent chunked and much slower.
 */
async function attemptFactory(request: Request, mayRetry: boolean): Promise<() => Request> {
  if (!mayRetry || request.body === null) return () => request;
  const bytes = await request.arrayBuffer();
  return () => new Request(request, { body: bytes });
}

async function waitBeforeRetry(context: SendContext, retry: number, delayMs: number, status: number | undefined, fromRetryAfter: boolean) {
  context.onRetry?.({ ...context.call, retry: retry + 1, delayMs, status, fromRetryAfter });
  await sleep(delayMs, context.signal);
}
