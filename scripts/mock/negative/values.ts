// Pure helpers of the bad-input generator: copying and editing a JSON value at a path, and making
// values that break one keyword (a wrong type, a string over maxLength or off its pattern, a value
// outside an enum or other than a const) or satisfy one (a string matching a pattern).

/** A JSON pointer as its segments; numbers index arrays. */
export type Segments = Array<string | number>;
/** A JSON value from a parsed spec or example: its shape is checked as it is read. */
// `any` on purpose: parsed YAML/JSON has no static type.
export type Json = any;

export const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === "object" && !Array.isArray(v);
export const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

export function getAt(root: Json, path: Segments): Json {
  return path.reduce((v: Json, k) => (v == null ? undefined : v[k]), root);
}
export function setAt(root: Json, path: Segments, value: Json): Json {
  if (path.length === 0) return value;
  const copy = clone(root);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1) as string | number] = value;
  return copy;
}
export function deleteAt(root: Json, path: Segments): Json {
  const copy = clone(root);
  const parent = getAt(copy, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
  else delete parent[path.at(-1) as string | number];
  return copy;
}

/** JSON Schema type names a value has (an integer is also a number). */
function jsonTypes(value: unknown): string[] {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["array"];
  if (typeof value === "number") return Number.isInteger(value) ? ["integer", "number"] : ["number"];
  return [typeof value];
}

const WRONG_TYPE_CANDIDATES: Json[] = ["not-a-number", 12345, 1.5, true, { unexpected: "object" }, ["unexpected"], null];

/** A value of none of the given types, or undefined when every candidate is allowed. */
export function wrongTypeValue(types: string | string[]): Json {
  const allowed = Array.isArray(types) ? types : [types];
  return WRONG_TYPE_CANDIDATES.find((c) => !jsonTypes(c).some((t) => allowed.includes(t)));
}

function compilePattern(pattern: string): RegExp | null {
  try { return new RegExp(pattern, "u"); } catch { return null; }
}

interface StringLimits { pattern?: string; maxLength?: number; minLength?: number }

/** A string that breaks `pattern`, preferring one that still keeps the length limits. */
export function patternBreaker(schema: StringLimits & { pattern: string }, current: unknown): string | undefined {
  const re = compilePattern(schema.pattern);
  if (!re) return undefined;
  const base = typeof current === "string" ? current : "";
  const candidates = [`${base}!`, `!${base}`, "!", " ", "~", "invalid value!", `${base.slice(0, -1)}!`, ""];
  const fits = (s: string): boolean => (schema.maxLength === undefined || s.length <= schema.maxLength) && (schema.minLength === undefined || s.length >= schema.minLength);
  return candidates.find((s) => !re.test(s) && fits(s)) ?? candidates.find((s) => !re.test(s));
}

/** A string one character over `maxLength`, matching `pattern` when that is easy to keep. */
export function tooLong(schema: StringLimits & { maxLength: number }, current: unknown): string {
  const length = schema.maxLength + 1;
  const re = schema.pattern ? compilePattern(schema.pattern) : null;
  const base = typeof current === "string" && current.length > 0 ? current : "x";
  const options = [base.padEnd(length, base.at(-1)), base.repeat(Math.ceil(length / base.length)).slice(0, length), "x".repeat(length), "1".repeat(length), "a".repeat(length)];
  return options.find((s) => !re || re.test(s)) ?? (options[0] as string);
}

/** A string matching `pattern` (within the length limits), found by trying simple shapes. */
export function patternSample(schema: StringLimits & { pattern: string }): string | undefined {
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

/** A value outside the enum. */
export function notInEnum(values: Json[]): Json {
  const candidates: Json[] = ["not-in-enum", "zz", "Z", -1, 999999, 0.5, false, true];
  const numeric = values.filter((v): v is number => typeof v === "number");
  if (numeric.length === values.length && numeric.length > 0) candidates.unshift(Math.max(...numeric) + 1);
  return candidates.find((c) => !values.some((v) => JSON.stringify(v) === JSON.stringify(c)));
}

/** A value other than the constant, of the same type where possible. */
export function notConst(value: Json): Json {
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value + 1;
  if (typeof value === "string") return value === "" ? "x" : `${value}x`;
  return "not-the-constant";
}

/** A parameter value as Prism sees it: text converted to the schema's type first. */
export function coerce(schema: Json, raw: Json): Json {
  const types: string[] = [].concat(schema?.type ?? []);
  if (typeof raw !== "string") return raw;
  if ((types.includes("integer") || types.includes("number")) && raw.trim() !== "" && !Number.isNaN(Number(raw))) return Number(raw);
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/** "body.order.items[0].name" for a path (plus a property left out). */
export function describePath(path: Segments, property?: string): string {
  const parts = [...path, ...(property && path.at(-1) !== property ? [property] : [])];
  return parts.length ? `body.${parts.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(".").replaceAll(".[", "[")}` : "body";
}
