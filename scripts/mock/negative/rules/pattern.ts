// `pattern`: a string the regular expression refuses (within the length limits when possible).
// A pattern that does not compile as a JavaScript regex is reported as skipped.
import { patternBreaker, setAt } from "../values.js";
import type { Rule } from "./rule.js";

export const patternRule: Rule = {
  keyword: "pattern",
  phase: "value",
  body({ schema, path, root, value, label, offer, skip }) {
    if (typeof schema.pattern !== "string" || path.length === 0) return;
    const bad = patternBreaker(schema, value);
    if (bad === undefined) skip("pattern", path, undefined, `pattern ${schema.pattern} does not compile as a JavaScript regex`);
    else offer("pattern", path, setAt(root, path, bad), { description: `${label} not matching ${schema.pattern}` });
  },
  leaf({ schema, path, root, label, offer }) {
    if (typeof schema.pattern !== "string") return;
    const bad = patternBreaker(schema, undefined);
    if (bad !== undefined) offer("pattern", path, setAt(root, path, bad), { description: `${label} not matching ${schema.pattern}` });
  },
  parameter({ schema, current, offer }) {
    if (typeof schema.pattern !== "string") return;
    const bad = patternBreaker(schema, current);
    if (bad !== undefined && bad !== "") offer("pattern", bad, `not matching ${schema.pattern}`);
  },
};
