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

// Header values may not contain CR, LF or NUL; a token with one is a bug or an injection attempt.
const FORBIDDEN_IN_HEADER = /[\r\n\0]/;

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
export function validateAuth(auth: unknown, api: string): void {
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
    if (typeof token !== "string" && typeof token !== "function") {
      throw new TypeError(`${api}: auth.token must be a string or a function returning one`);
    }
  } else {
    throw new TypeError(`${api}: auth must be { token } (bearer) or { username, password } (basic)`);
  }
}

/** The `Authorization` header value for these credentials. */
export async function authorizationHeader(auth: BearerAuth | BasicAuth, api: string): Promise<string> {
  if (authKind(auth) === "basic") {
    const { username, password } = auth as BasicAuth;
    return `Basic ${base64Utf8(`${username}:${password}`)}`;
  }
  const source = (auth as BearerAuth).token;
  const token = typeof source === "function" ? await source() : source;
  if (typeof token !== "string" || token.length === 0) {
    throw new TypeError(`${api}: the bearer token is empty or not a string`);
  }
  if (FORBIDDEN_IN_HEADER.test(token)) {
    throw new TypeError(`${api}: the bearer token contains a character not allowed in an HTTP header`);
  }
  return `Bearer ${token}`;
}

/** A token source that caches what it fetched; `invalidate()` forces the next call to fetch again. */
export interface TokenProvider {
  (): Promise<string>;
  invalidate(): void;
}

export interface FetchedToken {
  readonly token: string;
  /** Lifetime in seconds as the token endpoint reported it (a numeric string is accepted); without one the token is fetched per call. */
  readonly expiresInSeconds?: number | string | null | undefined;
}

/**
 * Caches a token until shortly before it expires. Concurrent callers share one in-flight request;
 * a failed request is not cached, so the next call tries again.
 */
export function createCachedTokenProvider(
  fetchToken: () => Promise<FetchedToken>,
  { refreshMarginMs = 60_000, now = Date.now }: { refreshMarginMs?: number; now?: () => number } = {},
): TokenProvider {
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const provider = (async () => {
    if (cached && now() < cached.refreshAt) return cached.token;
    inFlight ??= (async () => {
      try {
        const { token, expiresInSeconds } = await fetchToken();
        const seconds = expiresInSeconds === null || expiresInSeconds === undefined || expiresInSeconds === "" ? NaN : Number(expiresInSeconds);
        const lifetimeMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
        // A lifetime shorter than the margin still gets half of it, so a short-lived token is reused a little.
        const reuseMs = lifetimeMs > refreshMarginMs ? lifetimeMs - refreshMarginMs : lifetimeMs / 2;
        cached = reuseMs > 0 ? { token, refreshAt: now() + reuseMs } : undefined;
        return token;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }) as TokenProvider;
  provider.invalidate = () => {
    cached = undefined;
  };
  return provider;
}
