// `required`: each required property the example has, left out (in a body), or a required query
// parameter left out. Inside then/else the if-rule covers them.
import { deleteAt, describePath } from "../values.js";
import type { Rule } from "./rule.js";

const NO_FILLER = "no valid value could be built for this optional property, so its inner rules cannot be broken one at a time";

export const requiredRule: Rule = {
  keyword: "required",
  phase: "object",
  body({ schema, path, root, value, branch, offer }) {
    for (const name of branch === "conditional" ? [] : Array.isArray(schema.required) ? (schema.required as string[]) : []) {
      if (name in value) offer("required", [...path, name], deleteAt(root, [...path, name]), { property: name, location: path, optional: branch === "alternative", description: `${describePath(path, name)} left out` });
    }
  },
  leaf({ schema, path, skip }) {
    if (Array.isArray(schema.required) && schema.required.length) skip("required", path, undefined, NO_FILLER);
  },
  parameter(ctx) {
    if (ctx.required && ctx.in === "query") ctx.add("required", undefined, "left out");
  },
};
