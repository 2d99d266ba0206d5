// The runtime's own query serializer against openapi-fetch's default one, which it replaces in the
// bundle (docs/clients.md, "What we take from openapi-fetch"): same string for the shapes our specs use.
import { createQuerySerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../../src/runtime/index.js";
import { assignHeaders, queryString } from "../../src/runtime/request.js";

const context = { api: "demo", operationId: "list", method: "GET", path: "/orders" };
const refuse = (message: string): never => {
  throw new InvalidRequestError(context, message);
};
const openapiFetch = createQuerySerializer();

describe("query serialisation matches openapi-fetch's default", () => {
  it.each([
    [{}],
    [{ reference: "ORD-1" }],
    [{ page: 2, active: true, empty: "" }],
    [{ skipped: undefined, alsoSkipped: null, kept: 0 }],
    [{ status: ["open", "paid"], none: [] }],
    [{ filter: { state: "open", from: "2026-01-01" } }],
    [{ q: "a b&c=d/é?#", "weird name": "x" }],
  ])("%j", (query) => {
    const expected = openapiFetch(query);
    expect(queryString(query, refuse)).toBe(expected ? `?${expected}` : "");
  });

  it("refuses a lone surrogate and an object nested in an object, naming the parameter", () => {
    for (const [query, message] of [
      [{ q: "a\ud800" }, 'the query parameter "q" is not valid Unicode'],
      [{ filter: { deep: { x: 1 } } }, 'the query parameter "filter[deep]" is missing, empty or not a string, number or boolean'],
    ] as const) {
      let error: unknown;
      try {
        queryString(query, refuse);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(String(error)).toContain(message);
    }
  });
});

describe("header names", () => {
  // RFC 9110 §5.6.2 tchar, written out: the runtime's pattern is a shorter spelling of this set.
  const TCHAR = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  it("are refused exactly when they hold a character outside RFC 9110's token set", () => {
    for (let code = 0; code < 0x180; code++) {
      const char = String.fromCharCode(code);
      const assign = () => assignHeaders({}, { [`X-${char}`]: "v" }, refuse);
      if (TCHAR.includes(char)) expect(assign, `U+${code.toString(16)}`).not.toThrow();
      else expect(assign, `U+${code.toString(16)}`).toThrow(InvalidRequestError);
    }
  });
});
