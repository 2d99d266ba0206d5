// The client runtime shared by the four generated clients (see docs/clients.md). The modules an API may
// not need (an auth scheme, the form body writer, the token helper) are separate exports, so a bundler
// keeps only what the generated client imports.
export { callContext, createApiClient, DEFAULT_TIMEOUT_MS, isDocumented, statusPattern } from "./client.js";
export type { ApiDefinition, BodyWriter, PathWriter, QueryWriter, ClientOptions, ClientTarget, CommonClientOptions, FetchLike, OperationDefinition, RequestEvent, ResponseEvent, RuntimeOptions } from "./client.js";
export type { AuthScheme, BasicAuth, BearerAuth, DynamicAuthorization, TokenProvider, TokenSource } from "./auth.js";
export { basicScheme } from "./basic.js";
export { bearerScheme } from "./bearer.js";
export { formBody } from "./form.js";
export { compilePath, queryString } from "./request.js";
export { createCachedTokenProvider, DEFAULT_TOKEN_LIFETIME_MS } from "./token-cache.js";
export type { FetchedToken, TokenCacheOptions } from "./token-cache.js";
export { createOperationTokenProvider } from "./token.js";
export type { TokenProviderOptions } from "./token.js";
export { ApiClientError, InvalidRequestError, InvalidResponseError, NetworkError, RequestTimeoutError, TokenRequestError, UnexpectedStatusError } from "./errors.js";
export type { CallContext } from "./errors.js";
export { DEFAULT_RETRY, backoffDelay, isRetryableStatus, isSafeMethod, parseRetryAfter } from "./retry.js";
export type { RetryEvent, RetryPolicy } from "./retry.js";
export type { ApiResult, CallArgs, CallInit, ErrorResult, ErrorResultOf, HttpMethod, ParamsOf, RequestBodyOf, RequestOptions, RetryOptions, SuccessBodyOf, SuccessResult, UnparsedErrorResult } from "./types.js";
