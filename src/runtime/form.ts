// `application/x-www-form-urlencoded` request bodies. Only the operations with a form body use this
// (the generator passes it in their definition), so the other clients do not bundle it.
import type { Fail } from "./auth.js";

/**
 * The body as a form string: each field once, arrays repeat the key, undefined/null fields are left out.
 * A nested object has no standard form encoding (String() would send "[object Object]"), so it is refused.
 */
export const formBody = (body: unknown, refuse: Fail): string => {
  if (typeof body !== "object" || !body || Array.isArray(body)) refuse("a form body must be an object of fields");
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body as object)) {
    // [value].flat(): an array's items, or the value itself.
    for (const item of [value].flat()) {
      if (item == null) continue;
      if (typeof item === "object") refuse(`the form field "${key}" is a nested object`);
      form.append(key, item as string); // append() writes any value as a string
    }
  }
  return `${form}`;
};
