// The client runtime shared by the four generated clients (see docs/clients.md).
export { callContext, createApiClient, DEFAULT_TIMEOUT_MS, isDocumented } from "./client.js";
export type { ApiDefinition, ClientOptions, ClientTarget, CommonClientOptions, FetchLike, OperationDefinition, RequestEvent, ResponseEvent, RuntimeOptions } from "./client.js";
export { createCachedTokenProvider, DEFAULT_TOKEN_LIFETIME_MS } from "./auth.js";
export type { BasicAuth, BearerAuth, FetchedToken, TokenCacheOptions, TokenProvider, TokenSource } from "./auth.js";
export { createOperationTokenProvider } from "./token.js";
export type { TokenProviderOptions } from "./token.js";
export { ApiClientError, InvalidRequestError, InvalidResponseError, NetworkError, RequestTimeoutError, TokenRequestError, UnexpectedStatusError } from "./errors.js";
export type { CallContext } from "./errors.js";
export { DEFAULT_RETRY, backoffDelay, isRetryableStatus, isSafeMethod, parseRetryAfter } from "./retry.js";
export type { RetryEvent, RetryPolicy } from "./retry.js";
export type { ApiResult, CallArgs, CallInit, ErrorResult, ErrorResultOf, HttpMethod, ParamsOf, RequestBodyOf, RequestOptions, RetryOptions, SuccessBodyOf, SuccessResult, UnparsedErrorResult } from "./types.js";
