// Finds every Schema Object in an (unresolved) OpenAPI 3.x document, with its JSON path, for the
// Spectral functions that check schemas. Why a walker instead of a JSONPath like `$..[?(@.const)]`:
// a JSONPath cannot tell a schema from an example value or from a property *named* `const` or
// `discriminator`, so it would report things that are not schemas. This knows where schemas live.

// Schema keywords whose value is one subschema / a map of subschemas / a list of subschemas.
const ONE = ["items", "additionalItems", "not", "if", "then", "else", "additionalProperties", "unevaluatedProperties",
  "unevaluatedItems", "contains", "propertyNames", "contentSchema"];
const MAP = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
const LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];

// Outside schemas, these hold free-form values (examples, extensions, link expressions), never
// schemas, even when a value happens to have a key called `schema`.
const FREE_FORM = new Set(["example", "examples", "links"]);

export const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

function walkSchema(schema, path, visit, seen) {
  if (!isObject(schema) || seen.has(schema)) return; // boolean schemas hold nothing to check
  seen.add(schema);
  visit(schema, path);
  for (const key of ONE) walkSchema(schema[key], [...path, key], visit, seen);
  for (const key of MAP) {
    if (!isObject(schema[key])) continue;
    for (const [name, sub] of Object.entries(schema[key])) walkSchema(sub, [...path, key, name], visit, seen);
  }
  for (const key of LIST) {
    if (Array.isArray(schema[key])) schema[key].forEach((sub, i) => walkSchema(sub, [...path, key, i], visit, seen));
  }
  // OpenAPI 3.0 `items` may not be a list, but draft-04..2019 tuple `items` may.
  if (Array.isArray(schema.items)) schema.items.forEach((sub, i) => walkSchema(sub, [...path, "items", i], visit, seen));
}

function walkDocument(node, path, visit, seen) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walkDocument(item, [...path, i], visit, seen));
    return;
  }
  if (!isObject(node) || seen.has(node)) return;
  seen.add(node);
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-") || FREE_FORM.has(key)) continue;
    const here = [...path, key];
    if (key === "schema") walkSchema(value, here, visit, seen);
    else if (key === "schemas" && path.length === 1 && path[0] === "components" && isObject(value)) {
      for (const [name, schema] of Object.entries(value)) walkSchema(schema, [...here, name], visit, seen);
    } else walkDocument(value, here, visit, seen);
  }
}

/**
 * Calls visit(schema, path) for every Schema Object in `document` (component schemas, the schemas
 * of parameters, headers and media types anywhere, webhooks and callbacks included) and each of
 * their subschemas. `path` is the list of keys from the document root. `$ref`s are not followed:
 * each schema is visited where it is written.
 */
export function forEachSchema(document, visit) {
  walkDocument(document, [], visit, new Set());
}

/**
 * Follows local `$ref`s ("#/components/schemas/X") from `node` within `document`, as a tool that
 * dereferences the description would. Returns { schema, ref } (ref: the last pointer followed)
 * or { schema: undefined, ref } when the pointer leads nowhere or out of the document.
 */
export function deref(document, node) {
  let schema = node;
  let ref;
  for (let hops = 0; isObject(schema) && typeof schema.$ref === "string"; hops++) {
    if (hops > 50 || !schema.$ref.startsWith("#/")) return { schema: undefined, ref: schema.$ref };
    ref = schema.$ref;
    schema = ref
      .slice(2)
      .split("/")
      .map((s) => decodeURIComponent(s).replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((at, key) => (isObject(at) || Array.isArray(at) ? at[key] : undefined), document);
  }
  return { schema, ref };
}
