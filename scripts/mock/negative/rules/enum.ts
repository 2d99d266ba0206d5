// `enum`: a value outside the list.
import { notInEnum, setAt } from "../values.js";
import type { Rule } from "./rule.js";

export const enumRule: Rule = {
  keyword: "enum",
  phase: "value",
  body({ schema, path, root, label, stringsOnly, offer }) {
    if (!Array.isArray(schema.enum) || path.length === 0) return;
    const other = notInEnum(schema.enum);
    offer("enum", path, setAt(root, path, stringsOnly ? String(other) : other), { description: `${label} outside the enum` });
  },
  leaf({ schema, path, root, label, offer }) {
    if (Array.isArray(schema.enum)) offer("enum", path, setAt(root, path, notInEnum(schema.enum)), { description: `${label} outside the enum` });
  },
  parameter({ schema, offer }) {
    if (Array.isArray(schema.enum)) offer("enum", String(notInEnum(schema.enum)), "outside the enum");
  },
};
