// The rules, in the order the generator applies them (the order decides which example a case
// comes from, so it is kept stable). One file per JSON Schema keyword.
import { constRule } from "./const.js";
import { enumRule } from "./enum.js";
import { ifThenRule } from "./if-then.js";
import { maxLengthRule } from "./max-length.js";
import { minItemsRule } from "./min-items.js";
import { patternRule } from "./pattern.js";
import { requiredRule } from "./required.js";
import type { Rule } from "./rule.js";
import { typeRule } from "./type.js";

export type { BodyContext, ParameterContext, Rule, Validation } from "./rule.js";

/** Body values and missing leaves: this order. */
export const BODY_RULES: readonly Rule[] = [typeRule, constRule, enumRule, maxLengthRule, patternRule, minItemsRule, requiredRule, ifThenRule];
/** Query and path parameters: a required one left out first, then its value's rules. */
export const PARAMETER_RULES: readonly Rule[] = [requiredRule, typeRule, constRule, enumRule, maxLengthRule, patternRule];
/** The keywords covered. */
export const RULES: readonly string[] = Object.freeze(["required", "maxLength", "pattern", "enum", "const", "type", "minItems", "if"]);
