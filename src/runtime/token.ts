// The token helper behind a generated `create<Api>TokenProvider` (an OAuth-style token operation): calls
// the token operation, caches the token (see createCachedTokenProvider), and treats the request as the
// secret it is: it may be retried (a token request changes nothing on the server), but it is never
// sent on to a redirect target (`redirect: "error"`), and errors never hold the form.
import { typeError, type TokenProvider } from "./auth.js";
import { callContext, createApiClient, type ApiDefinition, type ClientTarget, type CommonClientOptions, type RuntimeOptions } from "./client.js";
import { InvalidResponseError, TokenRequestError } from "./errors.js";
import { isCount } from "./retry.js";
import { createCachedTokenProvider, type FetchedToken } from "./token-cache.js";

/** Options of a generated `create<Api>TokenProvider`. */
export type TokenProviderOptions<Env extends string, Request> = ClientTarget<Env> & CommonClientOptions & {
  /** The form fields of the token operation. */
  request: Request;
  /** Fetch a new token this long before the current one's `expires_in` runs out. Default 60000 ms. */
  refreshMarginMs?: number;
  /** Reuse a token that came without `expires_in` this long. Default 300000 ms (5 minutes). */
  defaultLifetimeMs?: number;
};

type TokenResult = { ok: boolean; status: number; data?: { access_token?: unknown; expires_in?: unknown }; parsed?: boolean; error?: unknown; text?: string };

export const createOperationTokenProvider = (api: ApiDefinition, operationId: string, options: TokenProviderOptions<string, unknown>): TokenProvider => {
  const fail = typeError(api.name);
  const { request } = options;
  // The writer the token call will use (the form writer, for a form-encoded call) checks the request now: a
  // mistake in it is an option error, thrown here and not at the first call that needs a token.
  api.operations[operationId]!.writeBody?.(request, fail);
  for (const key of ["refreshMarginMs", "defaultLifetimeMs"] as const) if (!isCount(options[key])) fail(`${key} must be a number >= 0`);
  // Retried like a GET unless the caller said `retry: false`: one 503 must not fail the order that needed the token.
  // The client reads only its own options from `options`; the token request carries no credentials.
  const retry = options.retry !== false && { ...options.retry, unsafe: true };
  const call = createApiClient(api, { ...options, retry, auth: undefined } as RuntimeOptions, { redirect: "error" })[operationId]!;
  const context = callContext(api, operationId);
  return createCachedTokenProvider(async () => {
    const result = (await call({ body: request })) as TokenResult;
    if (!result.ok) throw new TokenRequestError(context, result.status, result.parsed ? result.error : result.text);
    const token = result.data?.access_token;
    // A string cause, like "empty body": the message reads "HTTP 200 body unreadable: no access_token".
    if (typeof token !== "string" || !token) throw new InvalidResponseError(context, result.status, "no access_token");
    // The body as it came: the cache reads any expires_in with Number(), and one that is no number falls back to the default lifetime.
    return result.data as FetchedToken;
  }, options);
};
