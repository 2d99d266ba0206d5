// Type-level helpers that turn openapi-typescript's `operations[...]` entries into the
// argument and result types of a generated client method. They live here, not in the
// generated code, so that generated/<api>/client.ts is a list of names and nothing more.

/** HTTP methods as openapi-typescript spells them (lower case). */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** The keys of T that a caller must provide. */
export type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

// ---------------------------------------------------------------- request side

/** The request body type of an operation (the first media type's schema), or never. */
export type RequestBodyOf<Op> = Op extends { requestBody?: infer RB }
  ? RB extends { content: infer C }
    ? C[keyof C]
    : never
  : never;

/** The `parameters` object of an operation: `{ path?, query?, header?, cookie? }`. */
export type ParamsOf<Op> = Op extends { parameters: infer P } ? P : never;

type BodyInit<Op> = [RequestBodyOf<Op>] extends [never]
  ? { body?: never }
  : Op extends { requestBody: unknown }
    ? { body: RequestBodyOf<Op> }
    : { body?: RequestBodyOf<Op> };

type ParamsInit<Op> = [ParamsOf<Op>] extends [never]
  ? { params?: never }
  : [RequiredKeysOf<ParamsOf<Op>>] extends [never]
    ? { params?: ParamsOf<Op> }
    : { params: ParamsOf<Op> };

/** Retry policy. Every field has a documented default (see docs/clients.md). */
export interface RetryOptions {
  /**
   * Also retry methods other than GET and HEAD (POST, PUT, PATCH, DELETE). Default false: a payment
   * request sent twice may charge, cancel or refund twice. Set it only when the API de-duplicates.
   */
  unsafe?: boolean;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** First backoff delay; doubles on each retry (with jitter). Default 250 ms. */
  baseDelayMs?: number;
  /** Cap on one backoff delay. Default 4000 ms. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the response is returned as it is. Default 10000 ms. */
  maxRetryAfterMs?: number;
}

/** Options every generated method accepts next to `params` and `body`. */
export interface RequestOptions {
  /** Extra request headers (they win over the client's defaults). */
  headers?: Record<string, string>;
  /** Aborts the call (including retries and backoff waits); the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Budget for the whole call, retries and backoff included. Default: the client's `timeoutMs` (30000 ms). */
  timeoutMs?: number;
  /**
   * `false` turns retries off for this call; `true` turns them on with the client's settings (even when the
   * client says `retry: false`); an object tunes them. Only `unsafe: true` retries a method other than GET/HEAD,
   * and an object that only tunes delays does not override a client-wide `retry: false`.
   */
  retry?: boolean | RetryOptions;
}

/** The single argument of a generated method. */
export type CallInit<Op> = ParamsInit<Op> & BodyInit<Op> & RequestOptions;

/** The argument list of a generated method: optional when nothing in it is required. */
export type CallArgs<Op> = [RequiredKeysOf<CallInit<Op>>] extends [never] ? [init?: CallInit<Op>] : [init: CallInit<Op>];

// ---------------------------------------------------------------- response side

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;

/** The body type of one response object: its media types' schemas, or undefined when it has no content. */
type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
type RangeClass = 1 | 2 | 3 | 4 | 5;
/** Every status of a class, e.g. StatusRange<4> = 400 | 401 | … | 499. */
type StatusRange<C extends RangeClass> = `${C}${Digit}${Digit}` extends infer S
  ? S extends `${infer N extends number}`
    ? N
    : never
  : never;

type ExactCodes<R> = { [K in keyof R]: K extends number ? K : K extends `${infer N extends number}` ? N : never }[keyof R];
type RangeClassOf<K> = K extends string ? (Uppercase<K> extends `${infer C extends RangeClass}XX` ? C : never) : never;
type RangeCodes<R> = { [K in keyof R]: StatusRange<RangeClassOf<K>> }[keyof R];

/**
 * The statuses a response key stands for. A range ("4XX") stands for every status of its class that is
 * not declared on its own; "default" for every status that nothing else declares. So a declared 422 next
 * to a "4XX" still narrows to its own body.
 */
type StatusOfKey<K, R> = K extends number
  ? K
  : K extends `${infer N extends number}`
    ? N
    : [RangeClassOf<K>] extends [never]
      ? Exclude<StatusRange<RangeClass>, ExactCodes<R> | RangeCodes<R>>
      : Exclude<StatusRange<RangeClassOf<K>>, ExactCodes<R>>;

type IsSuccessKey<K> = `${K & (string | number)}` extends `2${string}` ? true : false;

/** A documented success: `data` is the documented body of that status. */
export interface SuccessResult<S extends number, D> {
  readonly ok: true;
  readonly status: S;
  readonly data: D;
  readonly response: Response;
}

/** A documented error: `error` is the documented body of that status; read it after checking `parsed` and `status`. */
export interface ErrorResult<S extends number, E> {
  readonly ok: false;
  readonly status: S;
  /** The body was the documented JSON. */
  readonly parsed: true;
  readonly error: E;
  readonly response: Response;
}

/**
 * A documented error status whose body is not the documented JSON: a proxy's HTML page, an empty body,
 * broken JSON. `error` is `unknown` (nothing is claimed about it); `text` is the body as received.
 */
export interface UnparsedErrorResult<S extends number> {
  readonly ok: false;
  readonly status: S;
  readonly parsed: false;
  readonly error: unknown;
  readonly text: string;
  readonly response: Response;
}

type DocumentedResult<Op> = {
  [K in keyof ResponsesOf<Op>]: IsSuccessKey<K> extends true
    ? SuccessResult<StatusOfKey<K, ResponsesOf<Op>>, ContentOf<ResponsesOf<Op>[K]>>
    : ErrorResult<StatusOfKey<K, ResponsesOf<Op>>, ContentOf<ResponsesOf<Op>[K]>>;
}[keyof ResponsesOf<Op>];

type ErrorStatusOf<Op> = Extract<DocumentedResult<Op>, { ok: false }>["status"];

/**
 * What a generated method resolves to: one member per documented response, discriminated by `ok` and
 * `status`, plus, for the error statuses, an UnparsedErrorResult (`parsed: false`) for a body that is not
 * the documented JSON. Statuses the spec does not document are thrown as `UnexpectedStatusError`, so
 * narrowing on `parsed` and `status` always yields a documented body.
 */
export type ApiResult<Op> =
  | DocumentedResult<Op>
  | ([ErrorStatusOf<Op>] extends [never] ? never : UnparsedErrorResult<ErrorStatusOf<Op>>);

/** The union of an operation's documented success bodies. */
export type SuccessBodyOf<Op> = Extract<ApiResult<Op>, { ok: true }>["data"];

/** The union of an operation's documented error results (each with its status and body). */
export type ErrorResultOf<Op> = Extract<ApiResult<Op>, { ok: false }>;
