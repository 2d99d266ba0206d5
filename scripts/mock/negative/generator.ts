// Derives bad requests from a spec: for every rule a request schema states, one request that
// breaks exactly that rule, starting from one of the vendor's valid examples.
//
// Rules covered (the ones vendors document): a missing `required` property, and a value that
// breaks `maxLength`, `pattern`, `enum`, `const`, `type`, `minItems` or an `if`/`then`; in the
// body and in query (and path) parameters. Each case is checked with Ajv (the validator Prism
// uses) before it is returned: the mutated request must be invalid and Ajv must name the rule
// that was broken, at the place it was broken. A rule the generator cannot break that way is
// reported in `skipped` with the reason, never silently dropped.
import { pointerRef } from "../../apis/openapi-ajv.js";
import { resolveRef } from "../../apis/operations.js";

export const RULES = Object.freeze(["required", "maxLength", "pattern", "enum", "const", "type", "minItems", "if"]);

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const clone = (v) => (v === undefined ? undefined : structuredClone(v));

function getAt(root, path) {
  return path.reduce((v, k) => (v == null ? undefined : v[k]), root);
}
function setAt(root, path, value) {
  if (path.length === 0) return value;
  const copy = clone(root);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)] = value;
  return copy;
}
function deleteAt(root, path) {
  const copy = clone(root);
  const parent = getAt(copy, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
  else delete parent[path.at(-1)];
  return copy;
}

/** JSON Schema type names a value has (an integer is also a number). */
function jsonTypes(value) {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["array"];
  if (typeof value === "number") return Number.isInteger(value) ? ["integer", "number"] : ["number"];
  return [typeof value];
}

const WRONG_TYPE_CANDIDATES = ["not-a-number", 12345, 1.5, true, { unexpected: "object" }, ["unexpected"], null];

function wrongTypeValue(types) {
  const allowed = Array.isArray(types) ? types : [types];
  return WRONG_TYPE_CANDIDATES.find((c) => !jsonTypes(c).some((t) => allowed.includes(t)));
}

function compilePattern(pattern) {
  try { return new RegExp(pattern, "u"); } catch { return null; }
}

/** A string that breaks `pattern`, preferring one that still keeps the length limits. */
function patternBreaker(schema, current) {
  const re = compilePattern(schema.pattern);
  if (!re) return undefined;
  const base = typeof current === "string" ? current : "";
  const candidates = [`${base}!`, `!${base}`, "!", " ", "~", "invalid value!", `${base.slice(0, -1)}!`, ""];
  const fits = (s) => (schema.maxLength === undefined || s.length <= schema.maxLength) && (schema.minLength === undefined || s.length >= schema.minLength);
  return candidates.find((s) => !re.test(s) && fits(s)) ?? candidates.find((s) => !re.test(s));
}

/** A string one character over `maxLength`, matching `pattern` when that is easy to keep. */
function tooLong(schema, current) {
  const length = schema.maxLength + 1;
  const re = schema.pattern ? compilePattern(schema.pattern) : null;
  const base = typeof current === "string" && current.length > 0 ? current : "x";
  const options = [base.padEnd(length, base.at(-1)), base.repeat(Math.ceil(length / base.length)).slice(0, length), "x".repeat(length), "1".repeat(length), "a".repeat(length)];
  return options.find((s) => !re || re.test(s)) ?? options[0];
}

/** A string matching `pattern` (within the length limits), found by trying simple shapes. */
function patternSample(schema) {
  const re = compilePattern(schema.pattern);
  if (!re) return undefined;
  const min = schema.minLength ?? 1;
  const max = schema.maxLength ?? 64;
  // A literal prefix such as ^ord_ is kept, then filled up with one repeated character.
  const prefix = (/^\^((?:[A-Za-z0-9_\-:]|\\[./+-])*)/.exec(schema.pattern)?.[1] ?? "").replaceAll("\\", "");
  const lengths = [...new Set([min, max, 1, 3, 8, 10, 24, 32].filter((n) => n >= min && n <= max))];
  for (const char of ["a", "0", "A", "1", "x"]) {
    for (const n of lengths) {
      const candidate = (prefix + char.repeat(n)).slice(0, Math.max(n, prefix.length + 1));
      if (re.test(candidate) && candidate.length >= min && candidate.length <= max) return candidate;
      const plain = char.repeat(n);
      if (re.test(plain)) return plain;
    }
  }
  return undefined;
}

function notInEnum(values) {
  const candidates = ["not-in-enum", "zz", "Z", -1, 999999, 0.5, false, true];
  const numeric = values.filter((v) => typeof v === "number");
  if (numeric.length === values.length && numeric.length > 0) candidates.unshift(Math.max(...numeric) + 1);
  return candidates.find((c) => !values.some((v) => JSON.stringify(v) === JSON.stringify(c)));
}

function notConst(value) {
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value + 1;
  if (typeof value === "string") return value === "" ? "x" : `${value}x`;
  return "not-the-constant";
}

const FORMAT_SAMPLES = {
  email: "user@example.com", "idn-email": "user@example.com", uri: "https://example.com/", url: "https://example.com/",
  "uri-reference": "https://example.com/", date: "2024-01-31", "date-time": "2024-01-31T12:00:00Z", time: "12:00:00Z",
  uuid: "123e4567-e89b-12d3-a456-426614174000", ipv4: "127.0.0.1", hostname: "example.com",
};

/**
 * @param {object} options
 * @param {object} options.document   the parsed spec
 * @param {import("ajv").default} options.ajv  an Ajv holding the document (scripts/lib/openapi-ajv.mjs)
 * @param {string} options.uri        the name the document was added to Ajv under
 */
export function createNegativeGenerator({ document, ajv, uri }) {
  const compiled = new Map();
  const validatorAt = (segments) => {
    const ref = pointerRef(uri, segments);
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
      compiled.set(ref, validate);
    }
    return validate;
  };
  const validate = (segments, value) => {
    const v = validatorAt(segments);
    const ok = v(value);
    return { ok, errors: ok ? [] : [...(v.errors ?? [])] };
  };

  /** A value the schema accepts, built from its examples, const, enum, default, or its type. */
  function synthesize(rawSchema, segments, depth = 0) {
    if (depth > 8) return undefined;
    const { node: schema, segments: at } = resolveRef(document, rawSchema, segments);
    if (schema === true || !isObject(schema)) return schema === true ? "x" : undefined;
    const candidates = [];
    if (Array.isArray(schema.examples)) candidates.push(...schema.examples);
    if (schema.example !== undefined) candidates.push(schema.example);
    if (schema.const !== undefined) candidates.push(schema.const);
    if (Array.isArray(schema.enum)) candidates.push(...schema.enum);
    if (schema.default !== undefined) candidates.push(schema.default);
    for (const c of candidates) if (validate(at, c).ok) return clone(c);

    const built = buildFromType(schema, at, depth);
    if (built !== undefined && validate(at, built).ok) return built;
    for (const key of ["oneOf", "anyOf"]) {
      for (const [i, branch] of (Array.isArray(schema[key]) ? schema[key] : []).entries()) {
        const merged = synthesize(branch, [...at, key, i], depth + 1);
        const value = isObject(merged) && isObject(built) ? { ...built, ...merged } : merged;
        if (value !== undefined && validate(at, value).ok) return value;
      }
    }
    return undefined;
  }

  function buildFromType(schema, at, depth) {
    const types = schema.type === undefined ? (schema.properties || schema.required ? ["object"] : schema.items ? ["array"] : []) : [].concat(schema.type);
    const type = types.find((t) => t !== "null") ?? types[0];
    if (type === "object" || (!type && Array.isArray(schema.allOf))) {
      const value = {};
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      for (const [i, sub] of (Array.isArray(schema.allOf) ? schema.allOf : []).entries()) {
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
      if (schema.pattern) return patternSample(schema);
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
    }
    if (type === "integer") return Math.max(1, Math.ceil(schema.minimum ?? 1));
    if (type === "number") return Math.max(1, schema.minimum ?? 1);
    if (type === "boolean") return true;
    if (type === "null") return null;
    return undefined;
  }

  /**
   * Bad variants of valid bodies (the vendor's examples) of the schema at `rootSegments`. Each
   * rule is broken once, in the first example where it applies (array items: in the first item).
   * @param {object} options
   * @param {Array<string|number>} options.rootSegments  pointer to the request body schema
   * @param {Array<{name: string, value: any}>} options.instances  valid bodies (the vendor's examples)
   * @param {boolean} [options.stringsOnly] form bodies: every value travels as a string
   * @returns {{cases: Array<{rule: string, example: string, path: Array<string|number>, location: Array<string|number>, property?: string, value: any, description: string}>, skipped: Array<{rule: string, path: string, reason: string}>}}
   */
  function bodyCases({ rootSegments, instances, stringsOnly = false }) {
    const cases = [];
    const skippedByKey = new Map();
    const seen = new Set();
    let example = "";

    // Only a variant that Ajv rejects for exactly the intended rule at exactly that place is kept.
    const keyOf = (rule, path, property) => `${rule}|${path.map((p) => (typeof p === "number" ? "*" : p)).join("/")}|${property ?? ""}`;
    const skip = (rule, path, property, reason) => {
      const key = keyOf(rule, path, property);
      if (!seen.has(key) && !skippedByKey.has(key)) skippedByKey.set(key, { rule, path: describePath(path, property), reason });
    };
    const offer = (rule, path, root, { property, location, description, optional = false }) => {
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

    // `branch`: "alternative" inside anyOf/oneOf, "conditional" inside then/else (whose required
    // properties the if-cases already cover).
    const walk = (rawSchema, segments, path, root, depth, branch = "") => {
      if (depth > 12) return;
      const { node: schema, segments: at } = resolveRef(document, rawSchema, segments);
      if (!isObject(schema)) return;
      const value = getAt(root, path);
      const label = describePath(path);

      if (schema.type !== undefined && !(stringsOnly && path.length > 0)) {
        const wrong = wrongTypeValue(schema.type);
        if (wrong !== undefined && path.length > 0) offer("type", path, setAt(root, path, wrong), { description: `${label} of the wrong type (${JSON.stringify(wrong)} for ${[].concat(schema.type).join("|")})` });
      }
      if (schema.const !== undefined && path.length > 0) {
        const other = stringsOnly ? `${schema.const}x` : notConst(schema.const);
        offer("const", path, setAt(root, path, other), { description: `${label} other than the constant ${JSON.stringify(schema.const)}` });
      }
      if (Array.isArray(schema.enum) && path.length > 0) {
        const other = notInEnum(schema.enum);
        offer("enum", path, setAt(root, path, stringsOnly ? String(other) : other), { description: `${label} outside the enum` });
      }
      if (typeof schema.maxLength === "number" && path.length > 0) {
        offer("maxLength", path, setAt(root, path, tooLong(schema, value)), { description: `${label} longer than maxLength ${schema.maxLength}` });
      }
      if (typeof schema.pattern === "string" && path.length > 0) {
        const bad = patternBreaker(schema, value);
        if (bad === undefined) skip("pattern", path, undefined, `pattern ${schema.pattern} does not compile as a JavaScript regex`);
        else offer("pattern", path, setAt(root, path, bad), { description: `${label} not matching ${schema.pattern}` });
      }
      if (typeof schema.minItems === "number" && schema.minItems > 0 && Array.isArray(value)) {
        offer("minItems", path, setAt(root, path, value.slice(0, schema.minItems - 1)), { description: `${label} with fewer than ${schema.minItems} item(s)` });
      }

      if (isObject(value)) {
        for (const name of branch === "conditional" ? [] : Array.isArray(schema.required) ? schema.required : []) {
          if (name in value) offer("required", [...path, name], deleteAt(root, [...path, name]), { property: name, location: path, optional: branch === "alternative", description: `${describePath(path, name)} left out` });
        }
        for (const [name, sub] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
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
        if (schema.if !== undefined && schema.then !== undefined) ifThenCases(schema, at, path, root);
      }
      if (Array.isArray(value) && value.length > 0 && schema.items !== undefined) {
        walk(schema.items, [...at, "items"], [...path, 0], root, depth + 1);
      }
      for (const [i, sub] of (Array.isArray(schema.allOf) ? schema.allOf : []).entries()) walk(sub, [...at, "allOf", i], path, root, depth + 1);
      for (const key of ["oneOf", "anyOf"]) {
        for (const [i, sub] of (Array.isArray(schema[key]) ? schema[key] : []).entries()) {
          // Only the branch(es) the example actually takes: rules of the others do not apply to it.
          if (validate([...at, key, i], value).ok) walk(sub, [...at, key, i], path, root, depth + 1, "alternative");
        }
      }
      if (schema.if !== undefined && isObject(value)) {
        const branch = validate([...at, "if"], value).ok ? "then" : "else";
        if (schema[branch] !== undefined) walk(schema[branch], [...at, branch], path, root, depth + 1, "conditional");
      }
    };

    // A leaf the example does not have and that cannot be filled in validly: its scalar rules
    // can still be broken directly, since the broken value is all that is added.
    const walkLeafOnly = (rawSchema, segments, path, root) => {
      const { node: schema } = resolveRef(document, rawSchema, segments);
      if (!isObject(schema)) return;
      const label = describePath(path);
      if (schema.type !== undefined && !stringsOnly) {
        const wrong = wrongTypeValue(schema.type);
        if (wrong !== undefined) offer("type", path, setAt(root, path, wrong), { description: `${label} of the wrong type` });
      }
      if (schema.const !== undefined) offer("const", path, setAt(root, path, notConst(schema.const)), { description: `${label} other than the constant` });
      if (Array.isArray(schema.enum)) offer("enum", path, setAt(root, path, notInEnum(schema.enum)), { description: `${label} outside the enum` });
      if (typeof schema.maxLength === "number") offer("maxLength", path, setAt(root, path, tooLong(schema, undefined)), { description: `${label} longer than maxLength ${schema.maxLength}` });
      if (typeof schema.pattern === "string") {
        const bad = patternBreaker(schema, undefined);
        if (bad !== undefined) offer("pattern", path, setAt(root, path, bad), { description: `${label} not matching ${schema.pattern}` });
      }
      for (const rule of ["minItems", "required"]) {
        if ((rule === "minItems" && schema.minItems > 0) || (rule === "required" && Array.isArray(schema.required) && schema.required.length)) {
          skip(rule, path, undefined, "no valid value could be built for this optional property, so its inner rules cannot be broken one at a time");
        }
      }
    };

    // if/then: make the condition hold (set its consts, add what it requires), then take away
    // what `then` requires, one property at a time.
    const ifThenCases = (schema, at, path, root) => {
      const ifSchema = resolveRef(document, schema.if, [...at, "if"]).node;
      const thenSchema = resolveRef(document, schema.then, [...at, "then"]).node;
      let object = clone(getAt(root, path));
      for (const [name, sub] of Object.entries(isObject(ifSchema?.properties) ? ifSchema.properties : {})) {
        if (sub?.const !== undefined) object[name] = sub.const;
        else if (Array.isArray(sub?.enum) && !sub.enum.includes(object[name])) object[name] = sub.enum[0];
      }
      for (const name of Array.isArray(ifSchema?.required) ? ifSchema.required : []) {
        if (name in object) continue;
        const filler = schema.properties?.[name] === undefined ? undefined : synthesize(schema.properties[name], [...at, "properties", name]);
        if (filler === undefined) break;
        object[name] = filler;
      }
      if (!validate([...at, "if"], object).ok) {
        skip("if", path, undefined, "could not build a value that satisfies the `if` condition");
        return;
      }
      const required = Array.isArray(thenSchema?.required) ? thenSchema.required : [];
      if (!validate([...at, "then"], object).ok) {
        offer("if", path, setAt(root, path, object), { description: `${describePath(path)}: the if-condition holds but the then-rule does not`, property: required.find((n) => !(n in object)) });
        return;
      }
      for (const name of required) {
        const without = clone(object);
        delete without[name];
        if (!validate([...at, "if"], without).ok) continue;
        offer("if", path, setAt(root, path, without), { property: name, description: `${describePath(path)}: the if-condition holds but ${name}, which then requires, is left out` });
      }
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

  /**
   * Bad variants of the query and path parameters of an operation.
   * @param {{parameters: Array<any>}} operation  from listOperations
   * @param {{query: Record<string, any>, pathParams: Record<string, any>}} base  a valid request
   */
  function parameterCases(operation, base) {
    const cases = [];
    const skipped = [];
    for (const p of operation.parameters) {
      if (p.in !== "query" && p.in !== "path") continue;
      const values = p.in === "query" ? base.query : base.pathParams;
      const { node: schema } = resolveRef(document, p.schema ?? {}, p.schemaSegments);
      const current = p.name in values ? values[p.name] : p.example.value;
      const label = `${p.in} parameter ${p.name}`;
      // Parameters travel as text; Prism converts them to the schema's type before it validates.
      const offer = (rule, raw, description) => {
        const typed = coerce(schema, raw);
        const result = validate(p.schemaSegments, typed);
        if (result.ok || !result.errors.some((e) => e.keyword === rule)) {
          skipped.push({ rule, path: label, reason: result.ok ? "the variant is still valid" : `Ajv reports ${result.errors.map((e) => e.keyword).join(", ")} instead` });
          return;
        }
        cases.push({ rule, in: p.in, name: p.name, value: raw, description: `${label} ${description}` });
      };
      if (p.required && p.in === "query") cases.push({ rule: "required", in: "query", name: p.name, value: undefined, description: `${label} left out` });
      const types = [].concat(schema.type ?? []);
      if (types.length && !types.includes("string")) offer("type", "not-a-number", `of the wrong type (text for ${types.join("|")})`);
      if (schema.const !== undefined) offer("const", String(notConst(schema.const)), "other than the constant");
      if (Array.isArray(schema.enum)) offer("enum", String(notInEnum(schema.enum)), "outside the enum");
      if (typeof schema.maxLength === "number") offer("maxLength", tooLong(schema, current === undefined ? undefined : String(current)), `longer than maxLength ${schema.maxLength}`);
      if (typeof schema.pattern === "string") {
        const bad = patternBreaker(schema, current === undefined ? undefined : String(current));
        if (bad !== undefined && bad !== "") offer("pattern", bad, `not matching ${schema.pattern}`);
      }
    }
    return { cases, skipped };
  }

  return { bodyCases, parameterCases, synthesize, validate };
}

function coerce(schema, raw) {
  const types = [].concat(schema?.type ?? []);
  if (typeof raw !== "string") return raw;
  if ((types.includes("integer") || types.includes("number")) && raw.trim() !== "" && !Number.isNaN(Number(raw))) return Number(raw);
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

function describePath(path, property) {
  const parts = [...path, ...(property && path.at(-1) !== property ? [property] : [])];
  return parts.length ? `body.${parts.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(".").replaceAll(".[", "[")}` : "body";
}
