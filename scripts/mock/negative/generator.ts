// Derives bad requests from a spec: for every rule a request schema states, one request that
// breaks exactly that rule, starting from one of the vendor's valid examples.
//
// This file is the traversal: it walks the request schema alongside a valid example and asks each
// rule (rules/<keyword>.ts: required, maxLength, pattern, enum, const, type, minItems, if/then) for
// a variant, in the body and in query (and path) parameters. Each case is checked with Ajv (the
// validator Prism uses) before it is returned: the mutated request must be invalid and Ajv must
// name the rule that was broken, at the place it was broken. A rule the generator cannot break
// that way is reported in `skipped` with the reason, never silently dropped.
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import { pointerRef } from "../../apis/openapi-ajv.js";
import { resolveRef, type OperationRecord } from "../../apis/operations.js";
import { BODY_RULES, PARAMETER_RULES, type BodyContext, type ParameterContext, type Rule, type Validation } from "./rules/index.js";
import { createSynthesizer } from "./synthesize.js";
import { coerce, describePath, getAt, isObject, setAt, type Json, type Segments } from "./values.js";

export { RULES } from "./rules/index.js";
export type { Segments } from "./values.js";

export interface BodyCase {
  rule: string;
  example: string;
  /** Where the rule was broken (for `required`: the property left out). */
  path: Segments;
  /** Where a validator reports it (for `required`: the object missing the property). */
  location: Segments;
  property?: string;
  /** The whole bad body. */
  value: Json;
  description: string;
}
export interface ParameterCase {
  rule: string;
  in: "query" | "path";
  name: string;
  /** The bad value as sent (undefined: left out). */
  value: Json;
  description: string;
}
export interface Skipped { rule: string; path: string; reason: string }
export interface NegativeGenerator {
  bodyCases(options: { rootSegments: Segments; instances: Array<{ name: string; value: Json }>; stringsOnly?: boolean }): { cases: BodyCase[]; skipped: Skipped[] };
  parameterCases(operation: OperationRecord, base: { query: Record<string, Json>; pathParams: Record<string, Json> }): { cases: ParameterCase[]; skipped: Skipped[] };
  synthesize(schema: Json, segments: Segments): Json;
  validate(segments: Segments, value: Json): Validation;
}

type Branch = BodyContext["branch"];
const phase = (name: Rule["phase"]): Rule[] => BODY_RULES.filter((rule) => rule.phase === name);

/**
 * @param options.document  the parsed spec
 * @param options.ajv       an Ajv holding the document (scripts/apis/openapi-ajv.ts)
 * @param options.uri       the name the document was added to Ajv under
 */
export function createNegativeGenerator({ document, ajv, uri }: { document: Json; ajv: Ajv2020; uri: string }): NegativeGenerator {
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (segments: Segments): ValidateFunction => {
    const ref = pointerRef(uri, segments);
    const cached = compiled.get(ref);
    if (cached) return cached;
    const validate = (ajv.getSchema(ref) as ValidateFunction | undefined) ?? ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
    return validate;
  };
  const validate = (segments: Segments, value: Json): Validation => {
    const v = validatorAt(segments);
    const ok = v(value);
    return { ok, errors: ok ? [] : [...(v.errors ?? [])] };
  };
  const resolve = (node: Json, segments: Segments): { node: Json; segments: Segments } => resolveRef(document, node, segments);
  const synthesize = createSynthesizer(resolve, validate);

  /**
   * Bad variants of valid bodies (the vendor's examples) of the schema at `rootSegments`. Each
   * rule is broken once, in the first example where it applies (array items: in the first item).
   * `stringsOnly`: form bodies, where every value travels as a string.
   */
  function bodyCases({ rootSegments, instances, stringsOnly = false }: { rootSegments: Segments; instances: Array<{ name: string; value: Json }>; stringsOnly?: boolean }): { cases: BodyCase[]; skipped: Skipped[] } {
    const cases: BodyCase[] = [];
    const skippedByKey = new Map<string, Skipped>();
    const seen = new Set<string>();
    let example = "";

    // Only a variant that Ajv rejects for exactly the intended rule at exactly that place is kept.
    const keyOf = (rule: string, path: Segments, property?: string): string => `${rule}|${path.map((p) => (typeof p === "number" ? "*" : p)).join("/")}|${property ?? ""}`;
    const skip: BodyContext["skip"] = (rule, path, property, reason) => {
      const key = keyOf(rule, path, property);
      if (!seen.has(key) && !skippedByKey.has(key)) skippedByKey.set(key, { rule, path: describePath(path, property), reason });
    };
    const offer: BodyContext["offer"] = (rule, path, root, { property, location, description, optional = false }) => {
      const key = keyOf(rule, path, property);
      if (seen.has(key)) return;
      const result = validate(rootSegments, root);
      const where = (location ?? path).map((s) => "/" + String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
      const named = result.errors.some((e) => e.keyword === rule && e.instancePath === where &&
        (rule !== "required" || e.params?.missingProperty === property));
      if (result.ok || !named) {
        // A rule inside an anyOf/oneOf branch is not a rule of the request as a whole: that the
        // request stays valid without it is the point of the alternative, not a gap.
        if (!(optional && result.ok)) skip(rule, path, property, result.ok ? "the variant is still valid" : `Ajv reports ${[...new Set(result.errors.map((e) => e.keyword))].join(", ")} instead`);
        return;
      }
      seen.add(key);
      skippedByKey.delete(key);
      cases.push({ rule, example, path, location: location ?? path, ...(property ? { property } : {}), value: root, description });
    };
    const context = (schema: Json, at: Segments, path: Segments, root: Json, branch: Branch): BodyContext => ({
      schema, at, path, root, value: getAt(root, path), label: describePath(path), stringsOnly, branch,
      offer, skip, validate, synthesize: (s, segments) => synthesize(s, segments), resolve: (node, segments) => resolve(node, segments).node,
    });

    // `branch`: "alternative" inside anyOf/oneOf, "conditional" inside then/else (whose required
    // properties the if-rule already covers).
    const walk = (rawSchema: Json, segments: Segments, path: Segments, root: Json, depth: number, branch: Branch = ""): void => {
      if (depth > 12) return;
      const { node: schema, segments: at } = resolve(rawSchema, segments);
      if (!isObject(schema)) return;
      const ctx = context(schema, at, path, root, branch);
      const { value } = ctx;
      for (const rule of phase("value")) rule.body?.(ctx);

      if (isObject(value)) {
        for (const rule of phase("object")) rule.body?.(ctx);
        for (const [name, sub] of Object.entries<Json>(isObject(schema.properties) ? schema.properties : {})) {
          if (name in value) {
            walk(sub, [...at, "properties", name], [...path, name], root, depth + 1);
            continue;
          }
          // An optional property the example leaves out: add a valid value first, if the whole
          // request stays valid with it, so that its own rules can be broken one at a time.
          const filler = synthesize(sub, [...at, "properties", name]);
          const withFiller = filler === undefined || (stringsOnly && isObject(filler)) ? undefined : setAt(root, [...path, name], stringsOnly ? String(filler) : filler);
          if (withFiller !== undefined && validate(rootSegments, withFiller).ok) {
            walk(sub, [...at, "properties", name], [...path, name], withFiller, depth + 1);
          } else {
            walkLeafOnly(sub, [...at, "properties", name], [...path, name], root);
          }
        }
        for (const rule of phase("after-properties")) rule.body?.(ctx);
      }
      if (Array.isArray(value) && value.length > 0 && schema.items !== undefined) {
        walk(schema.items, [...at, "items"], [...path, 0], root, depth + 1);
      }
      for (const [i, sub] of (Array.isArray(schema.allOf) ? (schema.allOf as Json[]) : []).entries()) walk(sub, [...at, "allOf", i], path, root, depth + 1);
      for (const key of ["oneOf", "anyOf"]) {
        for (const [i, sub] of (Array.isArray(schema[key]) ? (schema[key] as Json[]) : []).entries()) {
          // Only the branch(es) the example actually takes: rules of the others do not apply to it.
          if (validate([...at, key, i], value).ok) walk(sub, [...at, key, i], path, root, depth + 1, "alternative");
        }
      }
      if (schema.if !== undefined && isObject(value)) {
        const taken = validate([...at, "if"], value).ok ? "then" : "else";
        if (schema[taken] !== undefined) walk(schema[taken], [...at, taken], path, root, depth + 1, "conditional");
      }
    };

    // A leaf the example does not have and that cannot be filled in validly: its scalar rules
    // can still be broken directly, since the broken value is all that is added.
    const walkLeafOnly = (rawSchema: Json, segments: Segments, path: Segments, root: Json): void => {
      const { node: schema, segments: at } = resolve(rawSchema, segments);
      if (!isObject(schema)) return;
      const ctx = context(schema, at, path, root, "");
      for (const rule of BODY_RULES) rule.leaf?.(ctx);
    };

    const rootRef = { $ref: "#/" + rootSegments.map((s) => String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("/") };
    for (const { name, value } of instances) {
      example = name;
      if (!validate(rootSegments, value).ok) {
        skippedByKey.set(`*|${name}`, { rule: "*", path: `example ${name}`, reason: "the example itself does not validate, so it cannot be the base of bad variants" });
        continue;
      }
      walk(rootRef, rootSegments, [], value, 0);
    }
    return { cases, skipped: [...skippedByKey.values()] };
  }

  /** Bad variants of the query and path parameters of an operation, from a valid request `base`. */
  function parameterCases(operation: OperationRecord, base: { query: Record<string, Json>; pathParams: Record<string, Json> }): { cases: ParameterCase[]; skipped: Skipped[] } {
    const cases: ParameterCase[] = [];
    const skipped: Skipped[] = [];
    for (const p of operation.parameters) {
      if (p.in !== "query" && p.in !== "path") continue;
      const where = p.in;
      const values = where === "query" ? base.query : base.pathParams;
      const { node: schema } = resolve(p.schema ?? {}, p.schemaSegments);
      const current = p.name in values ? values[p.name] : p.example.value;
      const label = `${where} parameter ${p.name}`;
      const ctx: ParameterContext = {
        schema, in: where, name: p.name, required: p.required,
        current: current === undefined ? undefined : String(current),
        // Parameters travel as text; Prism converts them to the schema's type before it validates.
        offer(rule, raw, description) {
          const result = validate(p.schemaSegments, coerce(schema, raw));
          if (result.ok || !result.errors.some((e) => e.keyword === rule)) {
            skipped.push({ rule, path: label, reason: result.ok ? "the variant is still valid" : `Ajv reports ${result.errors.map((e) => e.keyword).join(", ")} instead` });
            return;
          }
          cases.push({ rule, in: where, name: p.name, value: raw, description: `${label} ${description}` });
        },
        add(rule, value, description) {
          cases.push({ rule, in: where, name: p.name, value, description: `${label} ${description}` });
        },
      };
      for (const rule of PARAMETER_RULES) rule.parameter?.(ctx);
    }
    return { cases, skipped };
  }

  return { bodyCases, parameterCases, synthesize: (schema, segments) => synthesize(schema, segments), validate };
}
