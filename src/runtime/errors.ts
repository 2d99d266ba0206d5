// Errors a generated client throws. A documented status never throws (it is a result member);
// these cover what the spec does not describe: an undocumented status, a timeout, a network
// failure, a body that cannot be parsed. Messages name the API, the operation and the status,
// never a URL's query, a header or a credential, so they are safe to log. Messages are short on
// purpose: every character here ships in each client bundle.

/** Where an error happened: enough to find the call, nothing secret. */
export interface CallContext {
  /** The API's short name, as the generated client gives it. */
  readonly api: string;
  readonly operationId: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The spec's path template, e.g. "/orders/{id}" (no parameter values, no query). */
  readonly path: string;
}

/** A cause as text for a message. */
export const reason = (cause: unknown): string => `${(cause as Error | undefined)?.message ?? cause}`;

/** Base class of every error the clients throw. */
export class ApiClientError extends Error {
  // `declare`: set by Object.assign below, so no field initialisers are emitted.
  declare readonly api: string;
  declare readonly operationId: string;
  declare readonly method: string;
  declare readonly path: string;

  /** `fields` (the subclass's name and data) are assigned after the context's. */
  constructor(context: CallContext, message: string, fields?: object, cause?: unknown) {
    super(`${context.api} ${context.operationId} (${context.method} ${context.path}): ${message}`, cause === undefined ? undefined : { cause });
    Object.assign(this, { name: "ApiClientError" }, context, fields);
  }
}

/** The server answered with a status the spec does not document for this operation. */
export class UnexpectedStatusError extends ApiClientError {
  declare readonly status: number;
  /** The response body: parsed JSON when it parses, else text. Not part of the message. */
  declare readonly body: unknown;
  declare readonly response: Response;

  constructor(context: CallContext, response: Response, body: unknown) {
    const { status } = response;
    super(context, `HTTP ${status} is not documented`, { name: "UnexpectedStatusError", status, body, response });
  }
}

/** The call's `timeoutMs` budget ran out (retries and backoff waits included). */
export class RequestTimeoutError extends ApiClientError {
  declare readonly timeoutMs: number;

  constructor(context: CallContext, timeoutMs: number) {
    super(context, `timed out after ${timeoutMs} ms`, { name: "RequestTimeoutError", timeoutMs });
  }
}

/** `fetch` itself failed (connection refused, reset, DNS…) and no retry was left or allowed. */
export class NetworkError extends ApiClientError {
  constructor(context: CallContext, cause: unknown) {
    super(context, `network error: ${reason(cause)}`, { name: "NetworkError" }, cause);
  }
}

/**
 * The call's input cannot be sent as given: a required path parameter is missing, a header value holds a
 * character HTTP forbids, a value is not valid Unicode, a form body nests an object. Nothing was sent.
 * The message names the parameter or header, never its value.
 */
export class InvalidRequestError extends ApiClientError {
  constructor(context: CallContext, message: string) {
    super(context, message, { name: "InvalidRequestError" });
  }
}

/** A response arrived but its body could not be read or parsed as the documented media type. */
export class InvalidResponseError extends ApiClientError {
  declare readonly status: number;

  constructor(context: CallContext, status: number, cause: unknown) {
    super(context, `HTTP ${status} body unreadable: ${reason(cause)}`, { name: "InvalidResponseError", status }, cause);
  }
}

/** A token endpoint answered with an error status (see the generated `create<Api>TokenProvider`). */
export class TokenRequestError extends ApiClientError {
  declare readonly status: number;
  /** The documented error body. Not part of the message. */
  declare readonly body: unknown;

  constructor(context: CallContext, status: number, body: unknown) {
    super(context, `token request failed: HTTP ${status}`, { name: "TokenRequestError", status, body });
  }
}
