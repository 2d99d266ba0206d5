// Assertions on a ValidationResult, shared by the spec tests: a payload is accepted, or it is
// rejected *for the named reason* (Ajv keyword at a JSON pointer), not merely rejected.
import type { ErrorObject } from "ajv";
import { expect } from "vitest";
import type { ValidationResult } from "./spec-validator.js";

/**
 * Narrows which error counts: an object of expected `params` (e.g. `{ missingProperty: "id" }`),
 * a string as shorthand for `{ missingProperty }`, or a predicate.
 */
export type ErrorMatch = Record<string, unknown> | string | ((error: ErrorObject) => boolean);

function matches(error: ErrorObject, match: ErrorMatch | undefined): boolean {
  if (match === undefined) return true;
  if (typeof match === "function") return match(error);
  const params = typeof match === "string" ? { missingProperty: match } : match;
  return Object.entries(params).every(([key, value]) => (error.params as Record<string, unknown>)[key] === value);
}

/** Asserts the payload was accepted, showing Ajv's messages if not. */
export function expectValid(result: ValidationResult): void {
  expect(result.messages).toEqual([]);
  expect(result.valid).toBe(true);
}

/** Asserts the payload was rejected with a `keyword` error at `instancePath` (one matching `match`). */
export function expectRejected(result: ValidationResult, keyword: string, instancePath: string, match?: ErrorMatch): void {
  expect(result.valid, "payload should be rejected").toBe(false);
  const found = result.errors.find((e) => e.keyword === keyword && e.instancePath === instancePath && matches(e, match));
  expect(found, `expected a "${keyword}" error at "${instancePath}", got:\n${result.messages.join("\n")}`).toBeDefined();
}

/** Asserts every error lies at or below `instancePath`: the payload was rejected for that part only. */
export function expectErrorsOnlyUnder(result: ValidationResult, instancePath: string): void {
  for (const e of result.errors) {
    expect(e.instancePath === instancePath || e.instancePath.startsWith(`${instancePath}/`), result.messages.join("\n")).toBe(true);
  }
}
