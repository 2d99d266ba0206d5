// Errors a generated client throws. A documented status never throws (it is a result member);
// these cover what the spec does not describe: an undocumented status, a timeout, a network
// failure, a body that cannot be parsed. Messages name the API, the operation and the status,
// never a URL's query, a header or a credential, so they are safe to log.

/** Where an error happened: enough to find the call, nothing secret. */
export interface CallContext {
  /** The API's short name, e.g. "kwik". */
  readonly api: string;
  readonly operationId: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The spec's path template, e.g. "/orders/{id}" (no parameter values, no query). */
  readonly path: string;
}

function describe(context: CallContext): string {
  return `${context.api} ${context.operationId} (${context.method} ${context.path})`;
}

/** Base class of every error the clients throw. */
export class ApiClientError extends Error {
  readonly api: string;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;

  constructor(context: CallContext, message: string, options?: { cause?: unknown }) {
    super(`${describe(context)}: ${message}`, options);
    this.name = "ApiClientError";
    this.api = context.api;
    this.operationId = context.operationId;
    this.method = context.method;
    this.path = context.path;
  }
}

/** The server answered with a status the spec does not document for this operation. */
export class UnexpectedStatusError extends ApiClientError {
  readonly status: number;
  /** The response body: parsed JSON when it parses, else text. Not part of the message. */
  readonly body: unknown;
  readonly response: Response;

  constructor(context: CallContext, response: Response, body: unknown) {
    const redirect = response.status >= 300 && response.status < 400 ? " (a redirect: not followed, so no credential or body reaches another server)" : "";
    super(context, `HTTP ${response.status} is not a status the spec documents for this operation${redirect}`);
    this.name = "UnexpectedStatusError";
    this.status = response.status;
    this.body = body;
    this.response = response;
  }
}

/** The call's `timeoutMs` budget ran out (retries and backoff waits included). */
export class RequestTimeoutError extends ApiClientError {
  readonly timeoutMs: number;

  constructor(context: CallContext, timeoutMs: number) {
    super(context, `no complete response within ${timeoutMs} ms`);
    this.name = "RequestTimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/** `fetch` itself failed (connection refused, reset, DNS…) and no retry was left or allowed. */
export class NetworkError extends ApiClientError {
  constructor(context: CallContext, cause: unknown) {
    super(context, `network error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "NetworkError";
  }
}

/**
 * The call's input cannot be sent as given: a required path parameter is missing, a header value holds a
 * character HTTP forbids, a value is not valid Unicode, a form body nests an object. Nothing was sent.
 * The message names the parameter or header, never its value.
 */
export class InvalidRequestError extends ApiClientError {
  constructor(context: CallContext, message: string) {
    super(context, message);
    this.name = "InvalidRequestError";
  }
}

/** A response arrived but its body could not be read or parsed as the documented media type. */
export class InvalidResponseError extends ApiClientError {
  readonly status: number;

  constructor(context: CallContext, status: number, cause: unknown) {
    super(context, `HTTP ${status} response body could not be read: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "InvalidResponseError";
    this.status = status;
  }
}

/** A token endpoint answered with an error status (see the generated `create<Api>TokenProvider`). */
export class TokenRequestError extends ApiClientError {
  readonly status: number;
  /** The documented error body. Not part of the message. */
  readonly body: unknown;

  constructor(context: CallContext, status: number, body: unknown) {
    super(context, `the token request failed with HTTP ${status}`);
    this.name = "TokenRequestError";
    this.status = status;
    this.body = body;
  }
}
