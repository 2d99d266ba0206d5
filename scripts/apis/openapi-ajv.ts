// Compiles the schemas of an OpenAPI 3.1 document with Ajv's draft 2020-12 validator,
// the dialect our specs declare in `jsonSchemaDialect`. Used by the example check (scripts/lint)
// and by the spec tests, so that both judge payloads by exactly the same rules.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ErrorObject, FormatDefinition } from "ajv";

// OpenAPI's own Schema Object keywords: annotations, not validation.
const OPENAPI_KEYWORDS = ["discriminator", "xml", "externalDocs", "example"];
// The document's top-level fields. Ajv compiles the document root when it resolves a
// pointer into it, so these must be known (inert) keywords; it never descends into them.
const DOCUMENT_FIELDS = ["openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components", "security", "tags"];

// OpenAPI's numeric formats, checked the way the OpenAPI format registry defines them.
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const OPENAPI_FORMATS: Record<string, FormatDefinition<number> | FormatDefinition<string>> = {
  int32: { type: "number", validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max },
  int64: { type: "number", validate: (n: number) => Number.isInteger(n) },
  float: { type: "number", validate: () => true },
  double: { type: "number", validate: () => true },
  password: { type: "string", validate: () => true },
};

function collectExtensionKeywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => collectExtensionKeywords(item, found));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) found.add(key);
      collectExtensionKeywords(value, found);
    }
  }
  return found;
}

/**
 * One Ajv instance holding the whole document under `uri`, so that a schema anywhere in it
 * can be compiled by JSON pointer with its internal `$ref`s resolved.
 * @param {object} document parsed OpenAPI document
 * @param uri a name for the document, e.g. "<api>.openapi.yaml"
 */
export function createSpecAjv(document: object, uri: string): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    validateFormats: true,
  });
  addFormats.default(ajv);
  for (const [name, format] of Object.entries(OPENAPI_FORMATS)) ajv.addFormat(name, format);
  ajv.addVocabulary([...OPENAPI_KEYWORDS, ...DOCUMENT_FIELDS, ...collectExtensionKeywords(document)]);
  ajv.addSchema(document, uri);
  return ajv;
}

/** JSON pointer escaping for one path segment (e.g. "/orders/{id}" → "~1orders~1{id}"). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** A JSON pointer (as an array of segments) to a URI fragment Ajv understands. */
export function pointerRef(uri: string, segments: ReadonlyArray<string | number>): string {
  return `${uri}#/${segments.map((s) => encodeURIComponent(pointerSegment(s))).join("/")}`;
}

/** Ajv's errors as one readable line each: "/order/currency: must match pattern ...". */
export function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath || "(root)";
    const extra = e.keyword === "additionalProperties" || e.keyword === "unevaluatedProperties"
      ? ` '${e.params.additionalProperty ?? e.params.unevaluatedProperty}'`
      : "";
    return `${where}: ${e.message}${extra} [${e.keyword}]`;
  });
}
