// Turning a call's `params` and `body` into what `fetch(url, init)` takes: a URL string, plain header
// entries and a string body. Path templates are compiled once per operation, at client creation.
// openapi-fetch's serializers are used where they fit: its query serializer (form style, arrays
// exploded, objects as deepObject — what an openapi-fetch client sends) and its JSON body serializer.
// Every problem is an InvalidRequestError that names the parameter or header, never its value.
import { createQuerySerializer, defaultBodySerializer } from "openapi-fetch";
import { isHeaderValue } from "./auth.js";
import { InvalidRequestError, type CallContext } from "./errors.js";

const serializeQuery = createQuerySerializer();

/** RFC 9110 token: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export type PathBuilder = (context: CallContext, pathParams: Record<string, unknown> | undefined) => string;

/** Compiles "/orders/{id}" once; the builder fills in the values, percent-encoded, and refuses a missing one. */
export function compilePath(template: string): PathBuilder {
  const parts = template.split(/\{([^}]+)\}/); // even indexes: literal text; odd: parameter names
  if (parts.length === 1) return () => template;
  return (context, pathParams) => {
    let path = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!;
      path += encodePathValue(context, name, pathParams?.[name]) + parts[i + 1]!;
    }
    return path;
  };
}

function encodePathValue(context: CallContext, name: string, value: unknown): string {
  if (value === undefined || value === null || value === "") {
    throw new InvalidRequestError(context, `the required path parameter "${name}" is missing or empty (params.path.${name})`);
  }
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    throw new InvalidRequestError(context, `the path parameter "${name}" must be a string, number or boolean`);
  }
  try {
    return encodeURIComponent(String(value));
  } catch {
    throw new InvalidRequestError(context, `the path parameter "${name}" is not valid Unicode (a lone surrogate)`);
  }
}

/** "?a=1&b=2" for the query parameters, or "" when there are none. */
export function queryString(context: CallContext, query: Record<string, unknown> | undefined): string {
  if (query === undefined) return "";
  let search: string;
  try {
    search = serializeQuery(query);
  } catch {
    throw new InvalidRequestError(context, "a query parameter is not valid Unicode (a lone surrogate)");
  }
  return search ? `?${search}` : "";
}

/** Copies `source` into `target`, refusing names and values fetch would refuse (without quoting the value). */
export function assignHeaders(target: Record<string, string>, source: Record<string, unknown> | undefined, fail: (message: string) => never): void {
  if (source === undefined) return;
  for (const name in source) {
    const value = source[name];
    if (value === undefined || value === null) continue;
    if (!HEADER_NAME.test(name)) fail(`the header name ${JSON.stringify(name.slice(0, 40))} is not a valid HTTP header name`);
    const text = String(value);
    if (!isHeaderValue(text)) fail(`the value of header "${name}" contains a character not allowed in an HTTP header (CR, LF, NUL or above U+00FF)`);
    target[name] = text;
  }
}

export const FORM = "application/x-www-form-urlencoded";

/** The request body as a string, for the operation's media type. */
export function serializeBody(context: CallContext, mediaType: string, body: unknown): string {
  if (mediaType === FORM) return serializeForm(context, body);
  try {
    return defaultBodySerializer(body) as string;
  } catch {
    throw new InvalidRequestError(context, "the body cannot be serialised as JSON (a cycle or a BigInt)");
  }
}

/**
 * Form bodies: each field once, arrays repeat the key, undefined/null fields are left out. A nested
 * object has no standard form encoding (String() would send "[object Object]"), so it is refused.
 */
function serializeForm(context: CallContext, body: unknown): string {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidRequestError(context, "a form body must be an object of fields");
  }
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (typeof item === "object") {
        throw new InvalidRequestError(context, `the form field "${key}" is a nested object or array; a form body takes strings, numbers and booleans only`);
      }
      form.append(key, String(item));
    }
  }
  return form.toString();
}

// Header names whose values are credentials or session state: (Proxy-)Authorization, (Set-)Cookie, and any
// name that says key, secret, token, password, session or signature (e.g. X-Api-Key).
const SECRET_NAME = /auth|cookie|key|secret|token|passw|session|signature/i;
export const REDACTED = "[redacted]";

/** A copy of headers for hooks: credentials replaced by "[redacted]". */
export function redactHeaders(headers: Iterable<[string, string]> | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = Symbol.iterator in headers ? (headers as Iterable<[string, string]>) : Object.entries(headers);
  for (const [name, value] of entries) {
    out[name] = SECRET_NAME.test(name) ? REDACTED : value;
  }
  return out;
}
