// `if`/`then`: make the condition hold (set its consts, add what it requires), then take away what
// `then` requires, one property at a time.
import { clone, describePath, getAt, isObject, setAt, type Json } from "../values.js";
import type { Rule } from "./rule.js";

export const ifThenRule: Rule = {
  keyword: "if",
  phase: "after-properties",
  body({ schema, at, path, root, offer, skip, validate, synthesize, resolve }) {
    if (schema.if === undefined || schema.then === undefined) return;
    const ifSchema = resolve(schema.if, [...at, "if"]);
    const thenSchema = resolve(schema.then, [...at, "then"]);
    const object: Record<string, Json> = clone(getAt(root, path));
    for (const [name, sub] of Object.entries<Json>(isObject(ifSchema?.properties) ? ifSchema.properties : {})) {
      if (sub?.const !== undefined) object[name] = sub.const;
      else if (Array.isArray(sub?.enum) && !sub.enum.includes(object[name])) object[name] = sub.enum[0];
    }
    for (const name of Array.isArray(ifSchema?.required) ? (ifSchema.required as string[]) : []) {
      if (name in object) continue;
      const filler = schema.properties?.[name] === undefined ? undefined : synthesize(schema.properties[name], [...at, "properties", name]);
      if (filler === undefined) break;
      object[name] = filler;
    }
    if (!validate([...at, "if"], object).ok) {
      skip("if", path, undefined, "could not build a value that satisfies the `if` condition");
      return;
    }
    const required: string[] = Array.isArray(thenSchema?.required) ? thenSchema.required : [];
    if (!validate([...at, "then"], object).ok) {
      const missing = required.find((n) => !(n in object));
      offer("if", path, setAt(root, path, object), { description: `${describePath(path)}: the if-condition holds but the then-rule does not`, ...(missing === undefined ? {} : { property: missing }) });
      return;
    }
    for (const name of required) {
      const without = clone(object);
      delete without[name];
      if (!validate([...at, "if"], without).ok) continue;
      offer("if", path, setAt(root, path, without), { property: name, description: `${describePath(path)}: the if-condition holds but ${name}, which then requires, is left out` });
    }
  },
};
