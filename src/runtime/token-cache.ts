// A token source that caches what it fetched, for the token helper (token.ts) and for callers with a
// token endpoint of their own: single flight, reuse until shortly before expiry, invalidate on a 401.
import type { TokenProvider } from "./auth.js";

/**
 * A token as an OAuth-style token endpoint returns it (the fields of its JSON body), so that the token helper
 * hands the body over as it came.
 */
export interface FetchedToken {
  readonly access_token: string;
  /** Lifetime in seconds as the token endpoint reported it (a numeric string is accepted). */
  readonly expires_in?: number | string | null | undefined;
}

/** How long a token without `expires_in` is reused: conservative next to the 1–2 h the vendor documents (see the token operation's docs). */
export const DEFAULT_TOKEN_LIFETIME_MS = 5 * 60_000;

export interface TokenCacheOptions {
  /** Fetch a new token this long before `expires_in` runs out. Default 60000 ms. */
  refreshMarginMs?: number | undefined;
  /** Reuse a token that came without `expires_in` this long. Default 300000 ms (5 minutes). */
  defaultLifetimeMs?: number | undefined;
}

/**
 * Caches a token until shortly before it expires (a token without a lifetime: DEFAULT_TOKEN_LIFETIME_MS).
 * Concurrent callers share one in-flight request (single flight, also for the refresh after a 401);
 * a failed request is not cached, so the next call tries again.
 */
export const createCachedTokenProvider = (
  fetchToken: () => Promise<FetchedToken>,
  options: TokenCacheOptions = {},
): TokenProvider => {
  // `??`, not destructuring defaults: an option passed as undefined takes its default too.
  const refreshMarginMs = options.refreshMarginMs ?? 60_000;
  const defaultLifetimeMs = options.defaultLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS;
  let token: string | undefined;
  let refreshAt = 0;
  let inFlight: Promise<string> | undefined;

  const refresh = async (): Promise<string> => {
    try {
      const fetched = await fetchToken();
      // Number(null) and Number("") are 0, so those fall through to the default lifetime like undefined.
      const lifetimeMs = Number(fetched.expires_in) * 1000;
      // A lifetime shorter than the margin still gets half of it, so a short-lived token is reused a little.
      const reuseMs = lifetimeMs > 0 && lifetimeMs < Infinity ? (lifetimeMs > refreshMarginMs ? lifetimeMs - refreshMarginMs : lifetimeMs / 2) : defaultLifetimeMs;
      refreshAt = Date.now() + reuseMs;
      return (token = fetched.access_token);
    } finally {
      inFlight = undefined;
    }
  };

  // `refreshAt = 0` drops the cached token (any clock is past it).
  // Async, so that a cached token is a promise too; `inFlight` is set before the function first yields.
  const provider = (async () => (Date.now() < refreshAt ? token! : (inFlight ??= refresh()))) as TokenProvider;
  provider.invalidate = (stale?: string) => {
    if (stale === undefined || stale === token) refreshAt = 0;
  };
  return provider;
};
