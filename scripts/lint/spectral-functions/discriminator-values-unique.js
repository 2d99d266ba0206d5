// Spectral function (given: the unresolved document root): every discriminator lets each value of
// its property select exactly one variant, the way Redocly's workflow runner (`redocly respect`)
// reads it. Respect dereferences the description and compiles each response schema with Ajv's
// `discriminator` keyword (Redocly's Ajv fork), which refuses the schema at compile time with
// `discriminator: "<property>" values must be unique strings` when two variants claim one value.
//
// What Ajv does, and this function therefore checks, for a schema with a `discriminator`:
// - it needs `oneOf` or `anyOf` beside it ("requires oneOf or anyOf composite keyword");
// - `mapping` is never consulted: after dereferencing no variant is a `$ref` any more, so the
//   values are read from the variants themselves;
// - for each variant, the property's schema is `properties.<name>` of the variant or, failing
//   that, of the FIRST direct `allOf` member that has it; it must have a `const` or an `enum`;
// - every value (the `const`, or each `enum` entry) must be a string not already claimed by an
//   earlier variant (or earlier in the same enum);
// - the property must be required (beside the discriminator, in the variant or a direct allOf member).
// So a shared base schema listing every value in an `enum`, placed first in each variant's allOf,
// makes every variant claim every value. Only local `$ref`s ("#/...") can be followed here.
// Read from, and compared case by case with, the Ajv bundled in @redocly/cli 2.77.0 (the allOf
// fallback is in Redocly's fork only; upstream Ajv has none and refuses `mapping` outright).
import { deref, forEachSchema, isObject } from "./lib/openapi-schemas.js";

const lastSegment = (ref) => (ref ? ref.split("/").pop() : undefined);

/** Where Ajv finds the discriminating property's schema in a (dereferenced) variant. */
function propertySchema(document, variant, name) {
  const own = variant.properties?.[name];
  if (own !== undefined) return { found: deref(document, own).schema, where: `properties.${name}` };
  const members = Array.isArray(variant.allOf) ? variant.allOf : [];
  for (const [i, member] of members.entries()) {
    const { schema, ref } = deref(document, member);
    const sub = isObject(schema) && isObject(schema.properties) ? schema.properties[name] : undefined;
    if (sub !== undefined) {
      const label = ref ? `allOf[${i}] (${lastSegment(ref)})` : `allOf[${i}]`;
      return { found: deref(document, sub).schema, where: `${label}.properties.${name}` };
    }
  }
  return { found: undefined, where: undefined };
}

function requires(schema, name) {
  return isObject(schema) && Array.isArray(schema.required) && schema.required.includes(name);
}

function checkDiscriminator(document, schema, path) {
  const name = schema.discriminator.propertyName;
  if (typeof name !== "string") return []; // the OpenAPI schema rules report a missing propertyName
  const keyword = Array.isArray(schema.oneOf) ? "oneOf" : Array.isArray(schema.anyOf) ? "anyOf" : undefined;
  if (!keyword) {
    return [{ message: `A discriminator needs \`oneOf\` or \`anyOf\` beside it; Redocly's workflow runner (Ajv) refuses it otherwise.`, path: [...path, "discriminator"] }];
  }
  const results = [];
  const owners = new Map(); // value → label of the variant that claimed it first
  schema[keyword].forEach((entry, i) => {
    const at = [...path, keyword, i];
    const { schema: variant, ref } = deref(document, entry);
    const label = lastSegment(ref) ?? `${keyword}[${i}]`;
    if (!isObject(variant)) {
      results.push({ message: `Variant ${label} cannot be read (only local $refs are followed).`, path: at });
      return;
    }
    const { found, where } = propertySchema(document, variant, name);
    if (!isObject(found) || (!found.const && !Array.isArray(found.enum))) {
      const problem = found === undefined ? `declares no \`${name}\` property (in itself or a direct allOf member)` : `declares \`${name}\` at ${where} without a \`const\` or an \`enum\``;
      results.push({ message: `Variant ${label} ${problem}, so its discriminator value is unknown to Redocly's workflow runner.`, path: at });
      return;
    }
    const values = found.const ? [found.const] : found.enum;
    const clashes = new Map(); // earlier variant → the values of this one it already owns
    const notStrings = [];
    for (const value of values) {
      if (typeof value !== "string") notStrings.push(JSON.stringify(value));
      else if (owners.has(value)) clashes.set(owners.get(value), [...(clashes.get(owners.get(value)) ?? []), `"${value}"`]);
      else owners.set(value, label);
    }
    const problems = [
      ...[...clashes].map(([owner, taken]) => `${taken.join(", ")} already select${taken.length === 1 ? "s" : ""} ${owner === label ? "it earlier in the same list" : owner}`),
      ...(notStrings.length > 0 ? [`${notStrings.join(", ")} ${notStrings.length === 1 ? "is not a string" : "are not strings"}`] : []),
    ];
    if (problems.length > 0) {
      results.push({
        message: `Discriminator values must be unique strings: variant ${label} reads \`${name}\` from ${where}; ${problems.join("; ")}.`,
        path: at,
      });
    }
    const members = Array.isArray(variant.allOf) ? variant.allOf.map((m) => deref(document, m).schema) : [];
    if (!requires(schema, name) && !requires(variant, name) && !members.some((m) => requires(m, name))) {
      results.push({ message: `Variant ${label} does not require \`${name}\`; Redocly's workflow runner (Ajv) needs the discriminating property required.`, path: at });
    }
  });
  return results;
}

export default function discriminatorValuesUnique(document) {
  const results = [];
  forEachSchema(document, (schema, path) => {
    if (isObject(schema.discriminator)) results.push(...checkDiscriminator(document, schema, path));
  });
  return results;
}
