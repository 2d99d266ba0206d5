// `const`: any other value (of the same type where possible).
import { notConst, setAt } from "../values.js";
import type { Rule } from "./rule.js";

export const constRule: Rule = {
  keyword: "const",
  phase: "value",
  body({ schema, path, root, label, stringsOnly, offer }) {
    if (schema.const === undefined || path.length === 0) return;
    const other = stringsOnly ? `${schema.const}x` : notConst(schema.const);
    offer("const", path, setAt(root, path, other), { description: `${label} other than the constant ${JSON.stringify(schema.const)}` });
  },
  leaf({ schema, path, root, label, offer }) {
    if (schema.const !== undefined) offer("const", path, setAt(root, path, notConst(schema.const)), { description: `${label} other than the constant` });
  },
  parameter({ schema, offer }) {
    if (schema.const !== undefined) offer("const", String(notConst(schema.const)), "other than the constant");
  },
};
