// The token helper behind a generated `create<Api>TokenProvider` (an OAuth-style token operation): calls
// the token operation, caches the token (see createCachedTokenProvider), and treats the request as the
// secret it is: it may be retried (a token request changes nothing on the server), but it is never
// sent on to a redirect target (`redirect: "error"`), and errors never hold the form.
import { createCachedTokenProvider, isCount, typeError, type TokenProvider } from "./auth.js";
import { callContext, createApiClient, type ApiDefinition, type ClientTarget, type CommonClientOptions } from "./client.js";
import { InvalidResponseError, TokenRequestError } from "./errors.js";

/** Options of a generated `create<Api>TokenProvider`. */
export type TokenProviderOptions<Env extends string, Request> = ClientTarget<Env> & CommonClientOptions & {
  /** The form fields of the token operation. */
  request: Request;
  /** Fetch a new token this long before the current one's `expires_in` runs out. Default 60000 ms. */
  refreshMarginMs?: number;
  /** Reuse a token that came without `expires_in` this long. Default 300000 ms (5 minutes). */
  defaultLifetimeMs?: number;
};

type TokenResult =
  | { ok: true; status: number; data: { access_token?: unknown; expires_in?: unknown } | undefined }
  | { ok: false; status: number; parsed: boolean; error: unknown; text?: string };

export function createOperationTokenProvider(api: ApiDefinition, operationId: string, options: TokenProviderOptions<string, unknown>): TokenProvider {
  const fail = typeError(api.name);
  const context = callContext(api, operationId);
  const { request, refreshMarginMs, defaultLifetimeMs, ...clientOptions } = options;
  if (request === null || typeof request !== "object") fail("request must be an object of form fields");
  for (const [key, value] of Object.entries({ refreshMarginMs, defaultLifetimeMs })) if (!isCount(value)) fail(`${key} must be a number >= 0`);
  // Retried like a GET unless the caller said `retry: false`: one 503 must not fail the order that needed the token.
  const retry = options.retry === false ? false : { ...options.retry, unsafe: true };
  const method = createApiClient(api, { ...clientOptions, retry, auth: undefined } as Parameters<typeof createApiClient>[1], { redirect: "error" })[operationId]!;
  return createCachedTokenProvider(
    async () => {
      const result = (await method({ body: request })) as TokenResult;
      if (!result.ok) throw new TokenRequestError(context, result.status, result.parsed ? result.error : result.text);
      const token = result.data?.access_token;
      if (typeof token !== "string" || !token) throw new InvalidResponseError(context, result.status, new Error("the token response has no access_token"));
      const expires = result.data?.expires_in;
      return { token, expiresInSeconds: typeof expires === "number" || typeof expires === "string" ? expires : undefined };
    },
    { refreshMarginMs, defaultLifetimeMs },
  );
}
