// `type`: a value of another JSON type. Form bodies (stringsOnly) carry only text, so there is
// no wrong type to send below the root; parameters get text where a number or boolean is wanted.
import { wrongTypeValue, setAt } from "../values.js";
import type { Rule } from "./rule.js";

export const typeRule: Rule = {
  keyword: "type",
  phase: "value",
  body({ schema, path, root, label, stringsOnly, offer }) {
    if (schema.type === undefined || (stringsOnly && path.length > 0)) return;
    const wrong = wrongTypeValue(schema.type);
    if (wrong !== undefined && path.length > 0) offer("type", path, setAt(root, path, wrong), { description: `${label} of the wrong type (${JSON.stringify(wrong)} for ${([] as string[]).concat(schema.type).join("|")})` });
  },
  leaf({ schema, path, root, label, stringsOnly, offer }) {
    if (schema.type === undefined || stringsOnly) return;
    const wrong = wrongTypeValue(schema.type);
    if (wrong !== undefined) offer("type", path, setAt(root, path, wrong), { description: `${label} of the wrong type` });
  },
  parameter({ schema, offer }) {
    const types: string[] = [].concat(schema.type ?? []);
    if (types.length && !types.includes("string")) offer("type", "not-a-number", `of the wrong type (text for ${types.join("|")})`);
  },
};
