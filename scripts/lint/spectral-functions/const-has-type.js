// Spectral function (given: the unresolved document root): every schema with a `const` also
// states its `type`, and that type admits the constant. JSON Schema does not need the `type`, but
// code generators do: without it orval types `status: { const: true }` as the string 'true' and
// zod generators as unknown. A `type` that agrees with the `const` changes nothing for a validator.
import { forEachSchema } from "./lib/openapi-schemas.js";

/** The JSON Schema types a JSON value belongs to (an integer is also a number). */
function typesOf(value) {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["array"];
  if (typeof value === "number") return Number.isInteger(value) ? ["integer", "number"] : ["number"];
  return [typeof value]; // "string", "boolean", "object"
}

export default function constHasType(document) {
  const results = [];
  forEachSchema(document, (schema, path) => {
    if (!Object.hasOwn(schema, "const")) return;
    const shown = JSON.stringify(schema.const);
    if (schema.type === undefined) {
      const suggestion = typesOf(schema.const)[0];
      results.push({ message: `\`const: ${shown}\` has no \`type\`; add \`type: ${suggestion}\` so code generators type it.`, path });
      return;
    }
    const declared = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!typesOf(schema.const).some((t) => declared.includes(t))) {
      results.push({ message: `\`const: ${shown}\` does not fit its \`type: ${declared.join(", ")}\`.`, path: [...path, "type"] });
    }
  });
  return results;
}
