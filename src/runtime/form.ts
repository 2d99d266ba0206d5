// `application/x-www-form-urlencoded` request bodies. Only the operations with a form body use this
// (the generator passes it in their definition), so the other clients do not bundle it.
import type { Fail } from "./auth.js";

/**
 * The body as a form string: each field once, undefined/null fields left out. A nested object or an array
 * has no standard form encoding (String() would send "[object Object]" or "a,b"), so it is refused; the only
 * form the specs have (a token request) is flat.
 */
export const formBody = (body: unknown, refuse: Fail): string => {
  if (typeof body !== "object" || !body || Array.isArray(body)) refuse("a form body must be an object of fields");
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body as object)) {
    if (value == null) continue;
    if (typeof value === "object") refuse(`the form field "${key}" is an object or an array`);
    form.append(key, value as string); // append() writes any value as a string
  }
  return `${form}`;
};
