// Turning a call's `params` into what `fetch(url, init)` takes: a URL string and plain header entries.
// Path templates are compiled once per operation, at client creation.
// The query is serialised as openapi-fetch's default `createQuerySerializer()` does (form style, arrays
// exploded, objects as deepObject), by a few lines of our own: its general serializer (every style and
// option) costs about 700 B min+gzip in each client bundle; tests/clients/request.test.ts checks that both
// give the same string. Every problem goes to `refuse` (an InvalidRequestError at a call) and names the
// parameter or header, never its value.
import { headerValue, type Fail } from "./auth.js";
import type { PathWriter } from "./client.js";

/** RFC 9110 token: what a header name may contain. */
const HEADER_NAME = /^[\w!#$%&'*+.^`|~-]+$/; // \w: letters, digits and "_"

/**
 * A parameter value percent-encoded. A value without a text form (absent, an object) or with a lone surrogate
 * is refused, naming the parameter; the path writer passes an empty path parameter as absent. The message is
 * built only then: these writers run on every call, and most calls never fail.
 */
function encode(value: unknown, kind: "path" | "query", name: string, refuse: Fail): string {
  if (!/^(string|number|boolean|bigint)$/.test(typeof value)) refuse(`the ${kind} parameter "${name}" is missing, empty or not a string, number or boolean`);
  try {
    return encodeURIComponent(value as string);
  } catch {
    return refuse(`the ${kind} parameter "${name}" is not valid Unicode`);
  }
}

/**
 * Compiles "/orders/{id}" once (the generator passes this only for a path with parameters); the writer fills
 * in the values, percent-encoded, and refuses a missing or empty one.
 */
export function compilePath(template: string): PathWriter {
  const parts = template.split(/\{([^}]+)\}/); // even indexes: literal text; odd: parameter names
  return (pathParams, refuse) =>
    parts.map((part, i) => (i % 2 ? encode(pathParams?.[part] === "" ? undefined : pathParams?.[part], "path", part, refuse) : part)).join("");
}

/**
 * "?a=1&b=2" for the query parameters, or "" when there are none: `undefined`/`null` and empty arrays
 * are left out, arrays repeat the name (`a=1&a=2`), an object becomes `name[key]=value` (deepObject).
 */
export function queryString(query: Record<string, unknown> | undefined, refuse: Fail): string {
  let out = "";
  const add = (name: string, value: unknown) => {
    if (value != null) out += `${out ? "&" : "?"}${name}=${encode(value, "query", name, refuse)}`;
  };
  for (const name in query) {
    const value = query[name];
    if (Array.isArray(value)) for (const item of value) add(name, item);
    else if (value && typeof value === "object") for (const key in value) add(`${name}[${key}]`, (value as Record<string, unknown>)[key]);
    else add(name, value);
  }
  return out;
}

/** Copies `source` into `target`, refusing names and values fetch would refuse (without quoting the value). */
export const assignHeaders = (target: Record<string, string>, source: Record<string, unknown> | undefined, fail: Fail): void => {
  for (const name in source) {
    const value = source[name];
    if (value == null) continue;
    // A name that is not a token fails like a bad value; the message quotes the name (escaped), never the value.
    target[name] = headerValue(HEADER_NAME.test(name) ? String(value) : "\n", `the header ${JSON.stringify(name.slice(0, 40))}`, fail);
  }
};

// Header names whose values are credentials or session state: (Proxy-)Authorization, (Set-)Cookie, and any
// name that says key, secret, token, password, session or signature (e.g. X-Api-Key).
const SECRET_NAME = /auth|cookie|key|secret|token|passw|session|signature/i;

/** A frozen copy of headers (as entries: a `Headers` object is one) for hooks: credentials replaced by "[redacted]". */
export const redactHeaders = (headers: Iterable<[string, string]>): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name] = SECRET_NAME.test(name) ? "[redacted]" : value;
  return Object.freeze(out);
};
