// Safe retries: which requests may be sent again, how long to wait, and Retry-After.
// A request is retried only when sending it twice cannot do harm (GET or HEAD, or the caller said
// `unsafe: true`), only for failures that may go away (network errors, 429, 5xx), with capped
// exponential backoff, and never past the call's deadline. The send loop itself is in client.ts.
import type { Fail } from "./auth.js";
import type { RetryOptions } from "./types.js";

export const DEFAULT_RETRY: Readonly<Required<Omit<RetryOptions, "unsafe">>> = Object.freeze({
  maxRetries: 2,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  maxRetryAfterMs: 10_000,
});

/** A resolved policy: the numbers; `maxRetries` is 0 when this call may not be retried at all. */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

// Only GET and HEAD are retried by default. PUT and DELETE are idempotent by RFC 9110, but on a payment
// API (cancel, refund) we do not assume the vendor implemented them so: opting them in is the caller's call.
export const isSafeMethod = (method: string): boolean => /^(GET|HEAD)$/i.test(method);

/** 429 Too Many Requests and every 5xx: the server says (or shows) that a later attempt may succeed. */
export const isRetryableStatus = (status: number): boolean => status === 429 || (status > 499 && status < 600);

/** Whether `value` is absent or a number >= 0 (a shared check for numeric options). */
export const isCount = (value: unknown): boolean => value === undefined || (typeof value === "number" && value >= 0);

/**
 * The policy of one call from the client's and the call's `retry`, after checking both (a bad one fails,
 * naming the field; one message states every field's rule, whether the field is unknown or its value wrong).
 * The call's fields win over the client's, the client's over the defaults; then:
 * - `false` (client or call) turns retries off; a call's object that only tunes timing does not turn
 *   them back on — only `true`, `maxRetries` or `unsafe: true` on the call does;
 * - methods other than GET and HEAD are retried only with `unsafe: true` (client or call).
 */
export const resolveRetryPolicy = (method: string, clientRetry: unknown, callRetry: unknown, fail: Fail): RetryPolicy => {
  const policy: Record<string, unknown> = { ...DEFAULT_RETRY };
  // Consent, client's then call's: `true`/`false` set it; in an object, `maxRetries` or `unsafe: true` give it
  // and timing alone leaves it as it was (so a call that only tunes timing keeps a client-wide `false`).
  let consent = true;
  for (const retry of [clientRetry, callRetry]) {
    if (typeof retry === "boolean") consent = retry;
    else if (retry !== undefined) {
      if (Object(retry) !== retry) fail("retry must be true, false or an object");
      for (const [key, value] of Object.entries(retry as object)) {
        if (value === undefined) continue; // as if absent
        if (!(key === "unsafe" ? typeof value === "boolean" : key in DEFAULT_RETRY && isCount(value) && (key !== "maxRetries" || Number.isInteger(value)))) {
          fail(`retry.${key}: the options are unsafe (boolean), maxRetries (integer >= 0), baseDelayMs, maxDelayMs, maxRetryAfterMs (ms >= 0)`);
        }
        policy[key] = value;
        if (key === "maxRetries" || value === true) consent = true; // `true`: unsafe, the only boolean option
      }
    }
  }
  if (!consent || !(policy["unsafe"] || isSafeMethod(method))) policy["maxRetries"] = 0;
  return policy as unknown as RetryPolicy;
};

/**
 * Backoff before retry number `retry` (0 for the first retry): baseDelayMs·2^retry, capped at
 * maxDelayMs, then scaled into [50 %, 100 %] of that so that clients which failed together do not
 * come back together.
 */
export const backoffDelay = (retry: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number = Math.random): number =>
  Math.round(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry) * (0.5 + random() * 0.5));

// RFC 9110 §5.6.7: IMF-fixdate, RFC 850 and asctime, and nothing else (Date.parse alone takes "Mon 1" or "-1").
// One pattern for the three: "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994".
const HTTP_DATE = /^[A-Z][a-z]{2,8}(, \d\d[ -][A-Z][a-z]{2}[ -]\d{2,4} \d\d:\d\d:\d\d GMT| [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4})$/;

/** `Retry-After` in ms (delta-seconds or an HTTP-date, RFC 9110 §10.2.3), or undefined when absent or not one of those. */
export const parseRetryAfter = (value: string | null | undefined, now: number = Date.now()): number | undefined => {
  const text = value?.trim() ?? ""; // absent: matches neither form
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  // asctime has no zone (and, unlike the other two forms, no comma); RFC 9110 says it is UTC, so " GMT" is added.
  return HTTP_DATE.test(text) ? Math.max(0, Date.parse(text.includes(",") ? text : `${text} GMT`) - now) : undefined;
};

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
