// The client runtime shared by the four generated clients (see docs/clients.md).
export { callContext, createApiClient, DEFAULT_TIMEOUT_MS, isDocumented } from "./client.js";
export type { ApiDefinition, ClientOptions, ClientTarget, CommonClientOptions, OperationDefinition, RuntimeOptions } from "./client.js";
export { createCachedTokenProvider } from "./auth.js";
export type { BasicAuth, BearerAuth, FetchedToken, TokenProvider, TokenSource } from "./auth.js";
export { ApiClientError, InvalidResponseError, NetworkError, RequestTimeoutError, TokenRequestError, UnexpectedStatusError } from "./errors.js";
export type { CallContext } from "./errors.js";
export { DEFAULT_RETRY, backoffDelay, isIdempotent, isRetryableStatus, parseRetryAfter } from "./retry.js";
export type { FetchLike, RetryEvent } from "./retry.js";
export type { ApiResult, CallArgs, CallInit, ErrorResult, ErrorResultOf, HttpMethod, ParamsOf, RequestBodyOf, RequestOptions, RetryOptions, SuccessBodyOf, SuccessResult } from "./types.js";
