// What every client needs to know about credentials, whatever scheme its API uses: the shapes of
// `auth`, the header-value check, and the interface of a scheme (basic.ts, bearer.ts). A generated
// client passes only the schemes its spec declares, so a basic-auth client bundles no token code.
// Credentials live only in the closure of the client that received them: they are never put on an
// object a caller might log, and validation errors describe the problem without echoing the value.

/** A bearer token, or a function that returns the current one (called once per call, and again for the replay after a 401; retries reuse its token). */
export type TokenSource = string | (() => string | Promise<string>);

/** Credentials for an `http bearer` security scheme. */
export interface BearerAuth {
  readonly token: TokenSource;
}

/** Credentials for an `http basic` security scheme (sent as `Basic base64(utf8(username:password))`). */
export interface BasicAuth {
  readonly username: string;
  readonly password: string;
}

/**
 * A token source that caches what it fetched (createCachedTokenProvider). `invalidate(token)` drops the
 * cached token only if it is still that token, so a call that saw a 401 with an old token cannot throw
 * away a fresher one; `invalidate()` without a token drops whatever is cached.
 */
export interface TokenProvider {
  (): Promise<string>;
  invalidate(token?: string): void;
}

export type SchemeKind = "bearer" | "basic";

/** Reports a problem; the caller decides the error type (TypeError at creation, InvalidRequestError at a call). */
export type Fail = (message: string) => never;

/**
 * Per-call credentials (a token function): resolves to the `Authorization` value, or fails through
 * `refuse`. `invalidate`, when present, drops the cached credential that produced `authorization`,
 * so that a 401 can be answered with a fresh one (the call is then replayed once).
 */
export interface DynamicAuthorization {
  (refuse: Fail): Promise<string>;
  invalidate?: ((authorization: string) => void) | undefined;
}

/** One `http` security scheme: checks credentials of its kind once, when the client is created. */
export interface AuthScheme {
  readonly kind: SchemeKind;
  /** The field only credentials of this kind have ("token", "username"): how `auth` is matched to a scheme. */
  readonly field: string;
  /** How credentials of this kind are written, for messages: "{ token } (bearer)". */
  readonly shape: string;
  /** The fixed `Authorization` value, or a function for per-call credentials. */
  read(auth: unknown, fail: Fail): string | DynamicAuthorization;
}

/** A TypeError prefixed with the API's name: for option mistakes found when a client is created. */
export const typeError =
  (api: string): Fail =>
  (message) => {
    throw new TypeError(`${api}: ${message}`);
  };

// RFC 9110 §5.5: a field value is HTAB, SP, visible ASCII and obs-text (0x80-0xFF), no other control
// character. fetch refuses only CR, LF, NUL and what is not Latin-1, and its message would quote the value:
// checked here, so that our message names the problem, never the secret.
const NOT_IN_HEADER_VALUE = /[^\t -~\x80-\xff]/;

/** `value` if it can be sent as an HTTP header value; else `fail` with `what` (never the value). */
export const headerValue = (value: string, what: string, fail: Fail): string =>
  NOT_IN_HEADER_VALUE.test(value) ? fail(`${what} contains a character HTTP forbids`) : value;

/** The scheme that credentials are for, by the field that marks their kind (`token`, `username`), or undefined. */
export const schemeFor = <S extends AuthScheme>(schemes: readonly S[], auth: unknown): S | undefined =>
  schemes.find((scheme) => scheme.field in Object(auth)); // a primitive has none of these fields
