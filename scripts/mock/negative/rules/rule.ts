// What a rule is: one JSON Schema keyword, and how to break it in a body value the example has
// (`body`), in a body property the example lacks (`leaf`) and in a query or path parameter
// (`parameter`). The traversal (../generator.ts) visits the schemas and calls the rules in order.
import type { ErrorObject } from "ajv";
import type { Json, Segments } from "../values.js";

export interface Validation { ok: boolean; errors: ErrorObject[] }

export interface OfferDetails { property?: string; location?: Segments; description: string; optional?: boolean }

/** Where the traversal stands in a body: the schema at `at`, the value at `path` inside `root`. */
export interface BodyContext {
  schema: Json;
  at: Segments;
  path: Segments;
  root: Json;
  value: Json;
  label: string;
  stringsOnly: boolean;
  /** "alternative" inside anyOf/oneOf, "conditional" inside then/else, else "". */
  branch: "" | "alternative" | "conditional";
  /** Keeps the variant if Ajv rejects it for exactly this rule at exactly that place. */
  offer(rule: string, path: Segments, root: Json, details: OfferDetails): void;
  /** Records why a rule could not be broken (never silently dropped). */
  skip(rule: string, path: Segments, property: string | undefined, reason: string): void;
  validate(segments: Segments, value: Json): Validation;
  synthesize(schema: Json, segments: Segments): Json;
  resolve(node: Json, segments: Segments): Json;
}

export interface ParameterContext {
  schema: Json;
  in: "query" | "path";
  name: string;
  required: boolean;
  /** The valid value the request has, as text, or undefined. */
  current: string | undefined;
  /** Validates the bad value (as Prism converts it) and keeps it if it breaks `rule`. */
  offer(rule: string, raw: Json, description: string): void;
  /** Adds a case with no validation (a required parameter left out). */
  add(rule: string, value: Json, description: string): void;
}

export interface Rule {
  keyword: string;
  /** When the body traversal calls it: on every value, on an object before its properties are walked, or after. */
  phase: "value" | "object" | "after-properties";
  body?(ctx: BodyContext): void;
  leaf?(ctx: BodyContext): void;
  parameter?(ctx: ParameterContext): void;
}
