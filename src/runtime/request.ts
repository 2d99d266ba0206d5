// Turning a call's `params` and `body` into what `fetch(url, init)` takes: a URL string, plain header
// entries and a string body. Path templates are compiled once per operation, at client creation.
// The query is serialised as openapi-fetch's default `createQuerySerializer()` does (form style, arrays
// exploded, objects as deepObject), by a few lines of our own: its general serializer (every style and
// option) costs about 700 B min+gzip in each client bundle; tests/clients/request.test.ts checks that both
// give the same string. Every problem is an InvalidRequestError that names the parameter or header,
// never its value.
import { isHeaderValue, NOT_ALLOWED, type Fail } from "./auth.js";
import { InvalidRequestError, type CallContext } from "./errors.js";

/** RFC 9110 token: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export type PathBuilder = (context: CallContext, pathParams: Record<string, unknown> | undefined) => string;

const refuse = (context: CallContext, message: string): never => {
  throw new InvalidRequestError(context, message);
};

/** encodeURIComponent, or an InvalidRequestError naming `what` for a lone surrogate. */
function encode(context: CallContext, value: unknown, what: string): string {
  try {
    return encodeURIComponent(value as string);
  } catch {
    return refuse(context, `${what} is not valid Unicode`);
  }
}

/** Compiles "/orders/{id}" once; the builder fills in the values, percent-encoded, and refuses a missing one. */
export function compilePath(template: string): PathBuilder {
  const parts = template.split(/\{([^}]+)\}/); // even indexes: literal text; odd: parameter names
  return (context, pathParams) => {
    let path = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!;
      const value = pathParams?.[name];
      const what = `the path parameter "${name}"`;
      if (value == null || value === "") refuse(context, `the required path parameter "${name}" is missing or empty`);
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") refuse(context, `${what} must be a string, number or boolean`);
      path += encode(context, value, what) + parts[i + 1]!;
    }
    return path;
  };
}

/**
 * "?a=1&b=2" for the query parameters, or "" when there are none: `undefined`/`null` and empty arrays
 * are left out, arrays repeat the name (`a=1&a=2`), an object becomes `name[key]=value` (deepObject).
 */
export function queryString(context: CallContext, query: Record<string, unknown> | undefined): string {
  const pairs: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value == null) return;
    if (typeof value === "object") refuse(context, `the query parameter "${name}" nests too deep`);
    pairs.push(`${name}=${encode(context, value, `the query parameter "${name}"`)}`);
  };
  for (const name in query) {
    const value = query[name];
    if (Array.isArray(value)) for (const item of value) add(name, item);
    else if (value !== null && typeof value === "object") for (const key in value) add(`${name}[${key}]`, (value as Record<string, unknown>)[key]);
    else add(name, value);
  }
  return pairs.length ? `?${pairs.join("&")}` : "";
}

/** Copies `source` into `target`, refusing names and values fetch would refuse (without quoting the value). */
export function assignHeaders(target: Record<string, string>, source: Record<string, unknown> | undefined, fail: Fail): void {
  for (const name in source) {
    const value = source[name];
    if (value == null) continue;
    if (!HEADER_NAME.test(name)) fail(`invalid header name ${JSON.stringify(name.slice(0, 40))}`);
    const text = String(value);
    if (!isHeaderValue(text)) fail(`the value of header "${name}"${NOT_ALLOWED}`);
    target[name] = text;
  }
}

/** The request body as a string, for the operation's media type (JSON unless form-encoded). */
export function serializeBody(context: CallContext, mediaType: string, body: unknown): string {
  if (mediaType !== "application/x-www-form-urlencoded") {
    try {
      return JSON.stringify(body);
    } catch {
      return refuse(context, "the body is not JSON-serialisable");
    }
  }
  // Each field once, arrays repeat the key, undefined/null fields are left out. A nested object has no
  // standard form encoding (String() would send "[object Object]"), so it is refused.
  if (body === null || typeof body !== "object" || Array.isArray(body)) refuse(context, "a form body must be an object of fields");
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body as object)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item == null) continue;
      if (typeof item === "object") refuse(context, `the form field "${key}" is a nested object`);
      form.append(key, String(item));
    }
  }
  return form.toString();
}

// Header names whose values are credentials or session state: (Proxy-)Authorization, (Set-)Cookie, and any
// name that says key, secret, token, password, session or signature (e.g. X-Api-Key).
const SECRET_NAME = /auth|cookie|key|secret|token|passw|session|signature/i;

/** A frozen copy of headers for hooks: credentials replaced by "[redacted]". */
export function redactHeaders(headers: Iterable<[string, string]> | Record<string, string>): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, value] of Symbol.iterator in headers ? (headers as Iterable<[string, string]>) : Object.entries(headers)) {
    out[name] = SECRET_NAME.test(name) ? "[redacted]" : value;
  }
  return Object.freeze(out);
}
