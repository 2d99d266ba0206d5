// Builds a value a schema accepts — from its examples, const, enum or default, else from its type —
// so that an optional property the vendor's example leaves out can be filled in and its own rules
// broken one at a time.
import { clone, isObject, patternSample, type Json, type Segments } from "./values.js";
import type { Validation } from "./rules/index.js";

const FORMAT_SAMPLES: Record<string, string> = {
  email: "user@example.com", "idn-email": "user@example.com", uri: "https://example.com/", url: "https://example.com/",
  "uri-reference": "https://example.com/", date: "2024-01-31", "date-time": "2024-01-31T12:00:00Z", time: "12:00:00Z",
  uuid: "123e4567-e89b-12d3-a456-426614174000", ipv4: "127.0.0.1", hostname: "example.com",
};

export type Synthesize = (schema: Json, segments: Segments, depth?: number) => Json;

export function createSynthesizer(
  resolveRef: (node: Json, segments: Segments) => { node: Json; segments: Segments },
  validate: (segments: Segments, value: Json) => Validation,
): Synthesize {
  function synthesize(rawSchema: Json, segments: Segments, depth = 0): Json {
    if (depth > 8) return undefined;
    const { node: schema, segments: at } = resolveRef(rawSchema, segments);
    if (schema === true || !isObject(schema)) return schema === true ? "x" : undefined;
    const candidates: Json[] = [];
    if (Array.isArray(schema.examples)) candidates.push(...schema.examples);
    if (schema.example !== undefined) candidates.push(schema.example);
    if (schema.const !== undefined) candidates.push(schema.const);
    if (Array.isArray(schema.enum)) candidates.push(...schema.enum);
    if (schema.default !== undefined) candidates.push(schema.default);
    for (const c of candidates) if (validate(at, c).ok) return clone(c);

    const built = buildFromType(schema, at, depth);
    if (built !== undefined && validate(at, built).ok) return built;
    for (const key of ["oneOf", "anyOf"]) {
      for (const [i, branch] of (Array.isArray(schema[key]) ? (schema[key] as Json[]) : []).entries()) {
        const merged = synthesize(branch, [...at, key, i], depth + 1);
        const value = isObject(merged) && isObject(built) ? { ...built, ...merged } : merged;
        if (value !== undefined && validate(at, value).ok) return value;
      }
    }
    return undefined;
  }

  function buildFromType(schema: Record<string, Json>, at: Segments, depth: number): Json {
    const types: string[] = schema.type === undefined ? (schema.properties || schema.required ? ["object"] : schema.items ? ["array"] : []) : [].concat(schema.type);
    const type = types.find((t) => t !== "null") ?? types[0];
    if (type === "object" || (!type && Array.isArray(schema.allOf))) {
      const value: Record<string, Json> = {};
      const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
      for (const [i, sub] of (Array.isArray(schema.allOf) ? (schema.allOf as Json[]) : []).entries()) {
        const part = synthesize(sub, [...at, "allOf", i], depth + 1);
        if (isObject(part)) Object.assign(value, part);
      }
      for (const name of required) {
        if (name in value) continue;
        const prop = schema.properties?.[name];
        const v = prop === undefined ? "x" : synthesize(prop, [...at, "properties", name], depth + 1);
        if (v === undefined) return undefined;
        value[name] = v;
      }
      return value;
    }
    if (type === "array") {
      const item = schema.items === undefined ? "x" : synthesize(schema.items, [...at, "items"], depth + 1);
      if (item === undefined) return undefined;
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => clone(item));
    }
    if (type === "string") {
      if (schema.format && FORMAT_SAMPLES[schema.format]) return FORMAT_SAMPLES[schema.format];
      if (schema.pattern) return patternSample(schema as { pattern: string });
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
    }
    if (type === "integer") return Math.max(1, Math.ceil(schema.minimum ?? 1));
    if (type === "number") return Math.max(1, schema.minimum ?? 1);
    if (type === "boolean") return true;
    if (type === "null") return null;
    return undefined;
  }

  return synthesize;
}
