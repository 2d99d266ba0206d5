// Credentials → `Authorization` header, for the two schemes our specs use (http bearer, http basic).
// Credentials live only in the closure of the client that received them: they are never put on an
// object a caller might log, and validation errors describe the problem without echoing the value.

/** A bearer token, or a function that returns the current one (called before every request). */
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

export type SchemeKind = "bearer" | "basic";

/** Reports a problem; the caller decides the error type (TypeError at creation, InvalidRequestError at a call). */
export type Fail = (message: string) => never;

/** A TypeError prefixed with the API's name: for option mistakes found when a client is created. */
export const typeError =
  (api: string): Fail =>
  (message) => {
    throw new TypeError(`${api}: ${message}`);
  };

// A header value is a ByteString without CR, LF or NUL (fetch refuses anything else, and its message
// would quote the value). Checked here so that our message names the problem, never the secret.
const NOT_IN_HEADER_VALUE = /[\r\n\0]|[^\x00-\xff]/;

/** Whether `value` can be sent as an HTTP header value. */
export const isHeaderValue = (value: string): boolean => !NOT_IN_HEADER_VALUE.test(value);

/** The end of every "bad header value" message (one string, shared). */
export const NOT_ALLOWED = " contains a character not allowed in an HTTP header"; // CR, LF, NUL or above U+00FF

/** `Bearer <token>` after checking the token, without echoing it. */
export function bearer(token: unknown, fail: Fail): string {
  if (typeof token !== "string" || !token) fail("the bearer token is empty or not a string");
  if (!isHeaderValue(token as string)) fail(`the bearer token${NOT_ALLOWED}`);
  return `Bearer ${token as string}`;
}

/** Which scheme kind a credentials object is for (by its shape), or undefined. */
function authKind(auth: unknown): SchemeKind | undefined {
  if (auth !== null && typeof auth === "object") {
    if ("token" in auth) return "bearer";
    if ("username" in auth && "password" in auth) return "basic";
  }
  return undefined;
}

/**
 * Checks credentials once, when the client is created, so a mistake surfaces early. Returns their kind
 * and the fixed `Authorization` value (`Basic base64(utf8(user:password))` or `Bearer <token>`), or
 * undefined for a token function (called per request).
 */
export function readAuth(auth: unknown, fail: Fail): [SchemeKind, string | undefined] {
  const kind = authKind(auth);
  if (kind === "basic") {
    const { username, password } = auth as BasicAuth;
    if (typeof username !== "string" || typeof password !== "string") fail("auth.username and auth.password must be strings");
    // RFC 7617: the user-id cannot contain a colon (the server would split it there).
    if (username.includes(":")) fail('auth.username must not contain ":"');
    let binary = "";
    for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
    return [kind, `Basic ${btoa(binary)}`];
  }
  if (kind === "bearer") {
    const { token } = auth as BearerAuth;
    if (typeof token === "function") return [kind, undefined];
    return [kind, bearer(token, fail)];
  }
  return fail(`auth must be ${AUTH_SHAPES.bearer} or ${AUTH_SHAPES.basic}`);
}

/** How each kind of credentials is written, for messages. */
export const AUTH_SHAPES: Readonly<Record<SchemeKind, string>> = { bearer: "{ token } (bearer)", basic: "{ username, password } (basic)" };

/** The `Authorization` header value for these credentials (a token function is called). */
export async function authorizationHeader(auth: BearerAuth | BasicAuth, api: string): Promise<string> {
  const fail = typeError(api);
  return readAuth(auth, fail)[1] ?? bearer(await ((auth as BearerAuth).token as () => string | Promise<string>)(), fail);
}

/**
 * A token source that caches what it fetched. `invalidate(token)` drops the cached token only if it is
 * still that token, so a call that saw a 401 with an old token cannot throw away a fresher one;
 * `invalidate()` without a token drops whatever is cached.
 */
export interface TokenProvider {
  (): Promise<string>;
  invalidate(token?: string): void;
}

export interface FetchedToken {
  readonly token: string;
  /** Lifetime in seconds as the token endpoint reported it (a numeric string is accepted). */
  readonly expiresInSeconds?: number | string | null | undefined;
}

/** How long a token without `expires_in` is reused: conservative next to the 1–2 h the vendor documents (see the token operation's docs). */
export const DEFAULT_TOKEN_LIFETIME_MS = 5 * 60_000;

export interface TokenCacheOptions {
  /** Fetch a new token this long before `expires_in` runs out. Default 60000 ms. */
  refreshMarginMs?: number | undefined;
  /** Reuse a token that came without `expires_in` this long. Default 300000 ms (5 minutes). */
  defaultLifetimeMs?: number | undefined;
  now?: (() => number) | undefined;
}

/** Whether `value` is absent or a number >= 0 (a shared check for numeric options). */
export const isCount = (value: unknown): boolean => value === undefined || (typeof value === "number" && value >= 0);

/**
 * Caches a token until shortly before it expires (a token without a lifetime: DEFAULT_TOKEN_LIFETIME_MS).
 * Concurrent callers share one in-flight request (single flight, also for the refresh after a 401);
 * a failed request is not cached, so the next call tries again.
 */
export function createCachedTokenProvider(
  fetchToken: () => Promise<FetchedToken>,
  options: TokenCacheOptions = {},
): TokenProvider {
  // `??`, not destructuring defaults: an option passed as undefined takes its default too.
  const refreshMarginMs = options.refreshMarginMs ?? 60_000;
  const defaultLifetimeMs = options.defaultLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS;
  const now = options.now ?? Date.now;
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    try {
      const { token, expiresInSeconds } = await fetchToken();
      // Number(null) and Number("") are 0, so those fall through to the default lifetime like undefined.
      const lifetimeMs = Number(expiresInSeconds) * 1000;
      // A lifetime shorter than the margin still gets half of it, so a short-lived token is reused a little.
      const reuseMs = lifetimeMs > 0 && lifetimeMs < Infinity ? (lifetimeMs > refreshMarginMs ? lifetimeMs - refreshMarginMs : lifetimeMs / 2) : defaultLifetimeMs;
      cached = reuseMs > 0 ? { token, refreshAt: now() + reuseMs } : undefined;
      return token;
    } finally {
      inFlight = undefined;
    }
  }

  const provider = (() => (cached && now() < cached.refreshAt ? Promise.resolve(cached.token) : (inFlight ??= refresh()))) as TokenProvider;
  provider.invalidate = (token?: string) => {
    if (token === undefined || cached?.token === token) cached = undefined;
  };
  return provider;
}
