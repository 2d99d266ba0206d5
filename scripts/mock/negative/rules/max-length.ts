// `maxLength`: one character too many (still matching `pattern` when that is easy).
import { setAt, tooLong } from "../values.js";
import type { Rule } from "./rule.js";

export const maxLengthRule: Rule = {
  keyword: "maxLength",
  phase: "value",
  body({ schema, path, root, value, label, offer }) {
    if (typeof schema.maxLength !== "number" || path.length === 0) return;
    offer("maxLength", path, setAt(root, path, tooLong(schema, value)), { description: `${label} longer than maxLength ${schema.maxLength}` });
  },
  leaf({ schema, path, root, label, offer }) {
    if (typeof schema.maxLength === "number") offer("maxLength", path, setAt(root, path, tooLong(schema, undefined)), { description: `${label} longer than maxLength ${schema.maxLength}` });
  },
  parameter({ schema, current, offer }) {
    if (typeof schema.maxLength === "number") offer("maxLength", tooLong(schema, current), `longer than maxLength ${schema.maxLength}`);
  },
};
