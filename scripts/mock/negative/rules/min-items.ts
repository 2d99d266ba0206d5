// `minItems`: an array one item short.
import { setAt } from "../values.js";
import type { Rule } from "./rule.js";

const NO_FILLER = "no valid value could be built for this optional property, so its inner rules cannot be broken one at a time";

export const minItemsRule: Rule = {
  keyword: "minItems",
  phase: "value",
  body({ schema, path, root, value, label, offer }) {
    if (typeof schema.minItems === "number" && schema.minItems > 0 && Array.isArray(value)) {
      offer("minItems", path, setAt(root, path, value.slice(0, schema.minItems - 1)), { description: `${label} with fewer than ${schema.minItems} item(s)` });
    }
  },
  leaf({ schema, path, skip }) {
    if (schema.minItems > 0) skip("minItems", path, undefined, NO_FILLER);
  },
};
