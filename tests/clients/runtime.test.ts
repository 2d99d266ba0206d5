// Unit tests of the runtime's pure parts: Retry-After parsing, backoff, the retry policy, status
// matching, the Basic header encoding and the token cache. No network.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { authorizationHeader } from "../../src/runtime/authorization.js";
import { backoffDelay, createCachedTokenProvider, DEFAULT_RETRY, DEFAULT_TOKEN_LIFETIME_MS, DEFAULT_TIMEOUT_MS, isDocumented, parseRetryAfter, statusPattern } from "../../src/runtime/index.js";
import { resolveRetryPolicy as resolve } from "../../src/runtime/retry.js";

const fail = (message: string): never => {
  throw new TypeError(message);
};
/** The policy (maxRetries 0: no retry for this call), checking both options as a client does. */
const resolveRetryPolicy = (method: string, clientRetry: unknown, callRetry?: unknown) => resolve(method, clientRetry, callRetry, fail);
const checkRetryOption = (value: unknown) => resolve("GET", value, undefined, fail);

describe("Retry-After", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    ["3", 3000],
    [" 0 ", 0],
    ["Thu, 01 Jan 2026 00:00:05 GMT", 5000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0], // a date in the past: retry now
    ["Thursday, 01-Jan-26 00:00:07 GMT", 7000], // RFC 850
    ["Thu Jan  1 00:00:09 2026", 9000], // asctime: UTC by RFC 9110, whatever the local zone
    ["soon", undefined],
    ["-1", undefined],
    ["1.5", undefined],
    ["Mon 1", undefined], // Date.parse would take this
    ["Thu, 01 Jan 2026 00:00:05 +0100", undefined],
    ["Thu, 1 Jan 2026 00:00:05 GMT", undefined], // the day takes two digits
    ["Thu, 01 Jan 2026 00:00:05", undefined], // IMF-fixdate and RFC 850 end in GMT
    ["Thursday, 01-Jan-2026 00:00:07 GMT", 7000], // the year takes two to four digits
    ["Thu, 01 Jan 20260 00:00:05 GMT", undefined],
    ["Thursday, 01-Jan-6 00:00:07 GMT", undefined],
    ["Thu Jan  1 00:00:09 26", undefined], // asctime's year takes four
    ["99999999999999999999", undefined],
  ])("%j → %j ms", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
  it("absent → undefined", () => expect(parseRetryAfter(null, now)).toBeUndefined());
});

describe("backoff", () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
  it("doubles per retry and is capped, with jitter between 50 % and 100 %", () => {
    expect([0, 1, 2, 3, 4, 10].map((retry) => backoffDelay(retry, policy, () => 0.999999))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([0, 1, 2, 3, 4, 10].map((retry) => backoffDelay(retry, policy, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
  });
});

describe("retry policy", () => {
  it("retries GET and HEAD by default, no other method (PUT and DELETE included: cancel and refund are not assumed idempotent)", () => {
    for (const method of ["GET", "HEAD"]) expect(resolveRetryPolicy(method, undefined)).not.toMatchObject({ maxRetries: 0 });
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) expect(resolveRetryPolicy(method, undefined)).toMatchObject({ maxRetries: 0 });
  });
  it("only `unsafe: true` (client or call) opts other methods in; `true` or timing alone does not", () => {
    expect(resolveRetryPolicy("POST", undefined, true)).toMatchObject({ maxRetries: 0 });
    expect(resolveRetryPolicy("PUT", undefined, { maxRetries: 1, baseDelayMs: 1 })).toMatchObject({ maxRetries: 0 });
    expect(resolveRetryPolicy("POST", undefined, { unsafe: true, maxRetries: 1 })).toMatchObject({ maxRetries: 1 });
    expect(resolveRetryPolicy("DELETE", { unsafe: true }, undefined)).not.toMatchObject({ maxRetries: 0 });
    expect(resolveRetryPolicy("DELETE", { unsafe: true }, { unsafe: false })).toMatchObject({ maxRetries: 0 });
  });
  it("a client-wide `false` is not overridden by a call object that only tunes timing", () => {
    expect(resolveRetryPolicy("GET", false, { baseDelayMs: 1 })).toMatchObject({ maxRetries: 0 });
    expect(resolveRetryPolicy("GET", false, { maxDelayMs: 1, maxRetryAfterMs: 1 })).toMatchObject({ maxRetries: 0 });
    expect(resolveRetryPolicy("GET", false, true)).toMatchObject({ maxRetries: DEFAULT_RETRY.maxRetries });
    expect(resolveRetryPolicy("GET", false, { maxRetries: 1 })).toMatchObject({ maxRetries: 1 });
    expect(resolveRetryPolicy("GET", undefined, false)).toMatchObject({ maxRetries: 0 });
  });
  it("call settings override the client's", () => {
    expect(resolveRetryPolicy("GET", { maxRetries: 5, baseDelayMs: 10 }, { baseDelayMs: 20 })).toMatchObject({ maxRetries: 5, baseDelayMs: 20 });
  });
  it.each([
    [{ maxRetries: -1 }, /retry.maxRetries: .*maxRetries \(integer >= 0\)/],
    [{ maxRetries: 1.5 }, /retry.maxRetries: .*integer/],
    [{ baseDelayMs: Number.NaN }, /retry.baseDelayMs: .*baseDelayMs, maxDelayMs, maxRetryAfterMs \(ms >= 0\)/],
    [{ unsafe: "yes" }, /retry.unsafe: the options are unsafe \(boolean\)/],
    [{ maxRetry: 3 }, /retry.maxRetry: the options are/],
    ["always", /retry must be true, false or an object/],
  ])("refuses %j with a message naming the field", (value, message) => {
    expect(() => checkRetryOption(value)).toThrow(message);
  });
  it("documents its defaults", () => {
    expect(DEFAULT_RETRY).toEqual({ maxRetries: 2, baseDelayMs: 250, maxDelayMs: 4000, maxRetryAfterMs: 10_000 });
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
  });
});

describe("documented statuses", () => {
  it.each([
    [["200", "401"], 200, true],
    [["200", "401"], 422, false],
    [["200", "4XX"], 418, true],
    [["200", "4xx"], 418, true],
    [["200", "4XX"], 500, false],
    [["200", "default"], 503, true],
  ])("%j documents %i: %s", (keys, status, expected) => {
    expect(isDocumented(keys, status)).toBe(expected);
  });
  it("the pattern leaves out exact statuses that a range of their class documents", () => {
    expect(statusPattern(["200", "401", "422", "4XX", "500"]).source).toBe("^(?:200|4\\d\\d|500)$");
    expect(statusPattern(["200", "default"]).source).toBe("^\\d+$");
    expect(statusPattern([]).test("200")).toBe(false);
  });
});

describe("credentials", () => {
  it("Basic is base64 of the UTF-8 bytes of user:password", async () => {
    const header = await authorizationHeader({ username: "üser", password: "pä:ss" }, "test");
    expect(header).toBe(`Basic ${Buffer.from("üser:pä:ss", "utf8").toString("base64")}`);
  });
  it("Bearer takes a string or a function, and refuses header-breaking tokens without echoing them", async () => {
    expect(await authorizationHeader({ token: "abc" }, "test")).toBe("Bearer abc");
    expect(await authorizationHeader({ token: async () => "def" }, "test")).toBe("Bearer def");
    const error = await authorizationHeader({ token: "abc\r\nX-Evil: 1" }, "test").catch((e: Error) => e);
    expect(String(error)).toMatch(/contains a character HTTP forbids/);
    expect(String(error)).not.toContain("X-Evil");
  });
  it.each([
    ["a control character", "abc\x01"],
    ["DEL", "abc\x7f"],
    ["a character beyond Latin-1", "abc\u20ac"],
  ])("refuses %s in a header value (RFC 9110 §5.5), which fetch would send or quote", async (_what, token) => {
    await expect(authorizationHeader({ token }, "test")).rejects.toThrow(/^test: the bearer token contains a character HTTP forbids$/);
  });
  it("takes HTAB, SP, visible ASCII and obs-text in a header value", async () => {
    expect(await authorizationHeader({ token: "a\tb c~\xe9" }, "test")).toBe("Bearer a\tb c~\xe9");
  });
});

describe("token cache", () => {
  // Only Date is faked: the cache reads Date.now(), and its promises must still settle.
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"], now: 0 }));
  afterEach(() => vi.useRealTimers());

  function fakeEndpoint(expiresIn: number | string | undefined) {
    let calls = 0;
    const provider = createCachedTokenProvider(
      async () => {
        calls++;
        return { access_token: `t${calls}`, expires_in: expiresIn };
      },
      { refreshMarginMs: 60_000 },
    );
    return { provider, calls: () => calls, advance: (ms: number) => vi.setSystemTime(Date.now() + ms) };
  }

  it("reuses a token until refreshMarginMs before it expires", async () => {
    const endpoint = fakeEndpoint(3600);
    expect(await endpoint.provider()).toBe("t1");
    endpoint.advance(3600_000 - 60_001);
    expect(await endpoint.provider()).toBe("t1");
    endpoint.advance(2);
    expect(await endpoint.provider()).toBe("t2");
  });
  it("shares one request between concurrent callers and accepts expires_in as a string", async () => {
    const endpoint = fakeEndpoint("3600");
    expect(await Promise.all([endpoint.provider(), endpoint.provider(), endpoint.provider()])).toEqual(["t1", "t1", "t1"]);
    expect(await endpoint.provider()).toBe("t1");
    expect(endpoint.calls()).toBe(1);
  });
  it("reuses a token without a lifetime for 5 minutes (DEFAULT_TOKEN_LIFETIME_MS)", async () => {
    const endpoint = fakeEndpoint(undefined);
    await endpoint.provider();
    endpoint.advance(DEFAULT_TOKEN_LIFETIME_MS - 1);
    await endpoint.provider();
    expect(endpoint.calls()).toBe(1);
    expect(DEFAULT_TOKEN_LIFETIME_MS).toBe(300_000);
    endpoint.advance(1);
    expect(await endpoint.provider()).toBe("t2");
  });
  it("invalidate(token) drops only that token; invalidate() drops any", async () => {
    const endpoint = fakeEndpoint(3600);
    expect(await endpoint.provider()).toBe("t1");
    endpoint.provider.invalidate("t1");
    expect(await endpoint.provider()).toBe("t2");
    endpoint.provider.invalidate("t1"); // a late 401 seen with the old token: the fresher t2 stays
    expect(await endpoint.provider()).toBe("t2");
    endpoint.provider.invalidate();
    expect(await endpoint.provider()).toBe("t3");
  });
  it("does not cache a failure", async () => {
    let fail = true;
    const provider = createCachedTokenProvider(async () => {
      if (fail) throw new Error("token endpoint down");
      return { access_token: "ok", expires_in: 3600 };
    });
    await expect(provider()).rejects.toThrow("token endpoint down");
    fail = false;
    expect(await provider()).toBe("ok");
  });
});
