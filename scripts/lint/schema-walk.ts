// Finds every JSON Schema in an OpenAPI 3.1 document, and every example attached to one,
// so that the example check (check-examples.ts) can compile and check them all.

/** A JSON pointer as its segments. */
export type Segments = Array<string | number>;
/** A JSON value of the parsed document (its shape is checked as it is read). */
// `any` on purpose: parsed YAML has no static type.
type Json = any;
/** A place holding a schema and maybe examples: a media type, a parameter or a header. */
export interface ExampleHolder { segments: Segments; media: Json }

// Keywords whose value is one subschema / a map of subschemas / a list of subschemas.
const ONE = ["items", "not", "if", "then", "else", "additionalProperties", "unevaluatedProperties",
  "unevaluatedItems", "contains", "propertyNames", "contentSchema"];
const MAP = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Calls visit(schema, pointerSegments) for a schema and each of its subschemas. */
export function walkSchema(schema: unknown, segments: Segments, visit: (schema: Record<string, Json>, segments: Segments) => void): void {
  if (!isObject(schema)) return; // boolean schemas have nothing to check
  visit(schema, segments);
  for (const key of ONE) if (isObject(schema[key])) walkSchema(schema[key], [...segments, key], visit);
  for (const key of MAP) {
    for (const [name, sub] of Object.entries(isObject(schema[key]) ? schema[key] : {})) {
      walkSchema(sub, [...segments, key, name], visit);
    }
  }
  for (const key of LIST) {
    (Array.isArray(schema[key]) ? schema[key] : []).forEach((sub: unknown, i: number) => walkSchema(sub, [...segments, key, i], visit));
  }
}

function mediaTypes(content: unknown, segments: Segments, found: ExampleHolder[]): void {
  for (const [type, media] of Object.entries(isObject(content) ? content : {})) {
    found.push({ segments: [...segments, "content", type], media });
  }
}

/**
 * Every place that carries a schema and may carry examples: media types (request bodies,
 * responses, component responses/requestBodies), parameters and headers.
 * Returns [{ segments, media }] where media has `schema` and maybe `example`/`examples`.
 */
export function exampleHolders(document: Json): ExampleHolder[] {
  const found: ExampleHolder[] = [];
  const parametersAt = (list: unknown, segments: Segments): void =>
    (Array.isArray(list) ? list : []).forEach((p: unknown, i: number) => {
      if (isObject(p) && !p.$ref) found.push({ segments: [...segments, i], media: p });
    });
  const headersAt = (headers: unknown, segments: Segments): void => {
    for (const [name, h] of Object.entries(isObject(headers) ? headers : {})) {
      if (isObject(h) && !h.$ref) found.push({ segments: [...segments, name], media: h });
    }
  };
  const responsesAt = (responses: unknown, segments: Segments): void => {
    for (const [status, r] of Object.entries(isObject(responses) ? responses : {})) {
      if (!isObject(r) || r.$ref) continue;
      mediaTypes(r.content, [...segments, status], found);
      headersAt(r.headers, [...segments, status, "headers"]);
    }
  };
  for (const [path, item] of Object.entries<unknown>(document.paths ?? {})) {
    if (!isObject(item)) continue;
    parametersAt(item.parameters, ["paths", path, "parameters"]);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const base = ["paths", path, method];
      parametersAt(op.parameters, [...base, "parameters"]);
      if (isObject(op.requestBody) && !op.requestBody.$ref) mediaTypes(op.requestBody.content, [...base, "requestBody"], found);
      responsesAt(op.responses, [...base, "responses"]);
    }
  }
  const c = document.components ?? {};
  for (const [name, p] of Object.entries<unknown>(c.parameters ?? {})) if (isObject(p)) found.push({ segments: ["components", "parameters", name], media: p });
  headersAt(c.headers, ["components", "headers"]);
  for (const [name, body] of Object.entries<Json>(c.requestBodies ?? {})) mediaTypes(body?.content, ["components", "requestBodies", name], found);
  responsesAt(c.responses, ["components", "responses"]);
  return found.filter(({ media }) => isObject(media.schema) || typeof media.schema === "boolean");
}

/** Every schema root in the document: component schemas and the schemas of every holder. */
export function schemaRoots(document: Json): Segments[] {
  const roots: Segments[] = Object.keys(document.components?.schemas ?? {}).map((name) => ["components", "schemas", name]);
  for (const { segments } of exampleHolders(document)) roots.push([...segments, "schema"]);
  return roots;
}

export const pointerText = (segments: Segments): string =>
  "#/" + segments.map((s) => String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
