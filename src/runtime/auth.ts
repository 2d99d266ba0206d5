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

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Which scheme kind a credentials object is for (by its shape), or undefined. */
export function authKind(auth: unknown): SchemeKind | undefined {
  if (auth === null || typeof auth !== "object") return undefined;
  if ("token" in auth) return "bearer";
  if ("username" in auth && "password" in auth) return "basic";
  return undefined;
}

/** Checks credentials once, when the client is created, so a mistake surfaces early. */
export function validateAuth(auth: unknown, api: string): SchemeKind {
  const kind = authKind(auth);
  if (kind === "basic") {
    const { username, password } = auth as BasicAuth;
    if (typeof username !== "string" || typeof password !== "string") {
      throw new TypeError(`${api}: auth.username and auth.password must be strings`);
    }
    // RFC 7617: the user-id cannot contain a colon (the server would split it there).
    if (username.includes(":")) throw new TypeError(`${api}: auth.username must not contain ":"`);
  } else if (kind === "bearer") {
    const { token } = auth as BearerAuth;
    if (typeof token === "string") checkToken(token, api);
    else if (typeof token !== "function") throw new TypeError(`${api}: auth.token must be a string or a function returning one`);
  } else {
    throw new TypeError(`${api}: auth must be { token } (bearer) or { username, password } (basic)`);
  }
  return kind;
}

// A header value is a ByteString without CR, LF or NUL (fetch refuses anything else, and its message
// would quote the value). Checked here so that our message names the problem, never the secret.
const NOT_IN_HEADER_VALUE = /[\r\n\0]|[^\x00-\xff]/;

/** Whether `value` can be sent as an HTTP header value. */
export function isHeaderValue(value: string): boolean {
  return !NOT_IN_HEADER_VALUE.test(value);
}

function checkToken(token: unknown, api: string): string {
  if (typeof token !== "string" || token.length === 0) throw new TypeError(`${api}: the bearer token is empty or not a string`);
  if (!isHeaderValue(token)) {
    throw new TypeError(`${api}: the bearer token contains a character not allowed in an HTTP header (CR, LF, NUL or above U+00FF)`);
  }
  return token;
}

/** `Basic base64(utf8(username:password))`, or `Bearer <token>` for a fixed token. */
export function fixedAuthorization(auth: BearerAuth | BasicAuth): string | undefined {
  if (authKind(auth) === "basic") {
    const { username, password } = auth as BasicAuth;
    return `Basic ${base64Utf8(`${username}:${password}`)}`;
  }
  const source = (auth as BearerAuth).token;
  return typeof source === "string" ? `Bearer ${source}` : undefined;
}

/** The `Authorization` header value for these credentials (a token function is called). */
export async function authorizationHeader(auth: BearerAuth | BasicAuth, api: string): Promise<string> {
  const fixed = fixedAuthorization(auth);
  if (fixed !== undefined) return authKind(auth) === "bearer" ? `Bearer ${checkToken((auth as BearerAuth).token, api)}` : fixed;
  const token = await ((auth as BearerAuth).token as () => string | Promise<string>)();
  return `Bearer ${checkToken(token, api)}`;
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

/** How long a token without `expires_in` is reused: conservative next to the 1–2 h the Payway docs give (PW-3). */
export const DEFAULT_TOKEN_LIFETIME_MS = 5 * 60_000;

export interface TokenCacheOptions {
  /** Fetch a new token this long before `expires_in` runs out. Default 60000 ms. */
  refreshMarginMs?: number;
  /** Reuse a token that came without `expires_in` this long. Default 300000 ms (5 minutes). */
  defaultLifetimeMs?: number;
  now?: () => number;
}

/** Throws a TypeError when a token cache option is not a number >= 0. */
export function checkTokenCacheOptions(options: TokenCacheOptions, api: string): void {
  for (const key of ["refreshMarginMs", "defaultLifetimeMs"] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== "number" || Number.isNaN(value) || value < 0)) throw new TypeError(`${api}: ${key} must be a number >= 0`);
  }
}

/**
 * Caches a token until shortly before it expires (a token without a lifetime: DEFAULT_TOKEN_LIFETIME_MS).
 * Concurrent callers share one in-flight request (single flight, also for the refresh after a 401);
 * a failed request is not cached, so the next call tries again.
 */
export function createCachedTokenProvider(
  fetchToken: () => Promise<FetchedToken>,
  { refreshMarginMs = 60_000, defaultLifetimeMs = DEFAULT_TOKEN_LIFETIME_MS, now = Date.now }: TokenCacheOptions = {},
): TokenProvider {
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    try {
      const { token, expiresInSeconds } = await fetchToken();
      const seconds = expiresInSeconds === null || expiresInSeconds === undefined || expiresInSeconds === "" ? Number.NaN : Number(expiresInSeconds);
      let reuseMs: number;
      if (Number.isFinite(seconds) && seconds > 0) {
        // A lifetime shorter than the margin still gets half of it, so a short-lived token is reused a little.
        const lifetimeMs = seconds * 1000;
        reuseMs = lifetimeMs > refreshMarginMs ? lifetimeMs - refreshMarginMs : lifetimeMs / 2;
      } else {
        reuseMs = defaultLifetimeMs;
      }
      cached = reuseMs > 0 ? { token, refreshAt: now() + reuseMs } : undefined;
      return token;
    } finally {
      inFlight = undefined;
    }
  }

  const provider = (() => {
    if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
    return (inFlight ??= refresh());
  }) as TokenProvider;
  provider.invalidate = (token?: string) => {
    if (token === undefined || cached?.token === token) cached = undefined;
  };
  return provider;
}
