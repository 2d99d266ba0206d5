import type { OperationRecord, Segments } from "./mock-operations.mjs";
export declare const RULES: readonly string[];
export interface BodyCase {
  rule: string;
  example: string;
  /** Where the rule was broken (for `required`: the property left out). */
  path: Segments;
  /** Where a validator reports it (for `required`: the object missing the property). */
  location: Segments;
  property?: string;
  /** The whole bad body. */
  value: any;
  description: string;
}
export interface ParameterCase {
  rule: string;
  in: "query" | "path";
  name: string;
  /** The bad value as sent (undefined: left out). */
  value: any;
  description: string;
}
export interface Skipped { rule: string; path: string; reason: string }
export interface NegativeGenerator {
  bodyCases(options: { rootSegments: Segments; instances: Array<{ name: string; value: any }>; stringsOnly?: boolean }): { cases: BodyCase[]; skipped: Skipped[] };
  parameterCases(operation: OperationRecord, base: { query: Record<string, any>; pathParams: Record<string, any> }): { cases: ParameterCase[]; skipped: Skipped[] };
  synthesize(schema: any, segments: Segments): any;
  validate(segments: Segments, value: any): { ok: boolean; errors: any[] };
}
export declare function createNegativeGenerator(options: { document: any; ajv: any; uri: string }): NegativeGenerator;
