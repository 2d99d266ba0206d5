// Runtime v2 behaviour against node:http servers on 127.0.0.1 (and injected fetches where only the
// client's side matters): redirects never carry credentials or secret bodies, the Payway token
// lifecycle, error bodies that are not the documented JSON, bad input, option checks at creation,
// retry consent, hooks, and the backoff timer on abort (fake timers: no wall-clock assertions).
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createBillProClient } from "../../generated/billpro/index.js";
import {
  ApiClientError,
  createKwikClient,
  InvalidRequestError,
  InvalidResponseError,
  NetworkError,
  UnexpectedStatusError,
  type KwikClientOptions,
  type RequestEvent,
  type ResponseEvent,
} from "../../generated/kwik/index.js";
import { createPaywayClient, createPaywayTokenProvider, TokenRequestError, type CreateOrderRequest, type GetAccessTokenRequest } from "../../generated/payway/index.js";
import { bearerScheme, compilePath, createApiClient, statusPattern, type ApiDefinition, type AuthScheme } from "../../src/runtime/index.js";
import { json, startLoopback, type Loopback } from "./loopback.js";
import { exampleInit, PASSWORD, recordingFetch, TOKEN, USERNAME } from "./support.js";

const auth = { username: USERNAME, password: PASSWORD };
const CLIENT_SECRET = "client-secret-NEVER-SHOWN";
const tokenForm = { ...(exampleInit("payway", "getAccessToken").body as GetAccessTokenRequest), client_secret: CLIENT_SECRET };
const orderBody = exampleInit("payway", "createOrder").body as CreateOrderRequest;
const jsonResponse = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const settle = <T>(promise: Promise<T>) => promise.then((value) => value as T | Error, (error: Error) => error);
const render = (value: unknown) => [String(value), inspect(value, { depth: 6, showHidden: true }), (value as Error)?.stack ?? ""].join("\n");

/** A hand-written API definition for what no spec has (a PUT to cancel, a hand-written scheme…). */
const demoApi = (operations: ApiDefinition["operations"], schemes: ApiDefinition["schemes"] = []): ApiDefinition => ({
  name: "demo",
  userAgent: "demo/1",
  servers: { test: "http://127.0.0.1:9" },
  schemes,
  operations,
});

const servers: Loopback[] = [];
async function serve(...args: Parameters<typeof startLoopback>): Promise<Loopback> {
  const server = await startLoopback(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("redirects never carry credentials or secret bodies", () => {
  it("a token request is not sent on to a redirect target (redirect: error), and is not retried", async () => {
    const target = await serve(() => json(200, { access_token: "stolen" }));
    const origin = await serve(() => ({ status: 307, headers: { location: `${target.url}/api/authorization/access_token` } }));
    const token = createPaywayTokenProvider({ baseUrl: origin.url, request: tokenForm, retry: { baseDelayMs: 1 } });
    const error = await settle(token());
    expect(error).toBeInstanceOf(NetworkError);
    expect(origin.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
    expect(render(error)).not.toContain(CLIENT_SECRET);
  });

  it.each([
    ["payway createOrder (bearer, JSON body)", "POST"],
    ["kwik listOrders (basic, no body)", "GET"],
  ])("%s: a 307 to another origin is not followed; it throws UnexpectedStatusError", async (_name, method) => {
    const target = await serve(() => json(200, {}));
    const origin = await serve((request) => ({ status: 307, headers: { location: `${target.url}${request.url}` } }));
    const call: Promise<unknown> = method === "POST"
      ? createPaywayClient({ baseUrl: origin.url, auth: { token: TOKEN } }).createOrder({ body: orderBody })
      : createKwikClient({ baseUrl: origin.url, auth }).listOrders();
    const error = await settle(call);
    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect(error).toMatchObject({ status: 307 });
    expect(String(error)).toMatch(/HTTP 307 is not documented/);
    expect(origin.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
  });

  it("a call with neither credentials nor a body does not follow a 307 either", async () => {
    const target = await serve(() => json(200, {}));
    const origin = await serve((request) => ({ status: 307, headers: { location: `${target.url}${request.url}` } }));
    const api = demoApi({ listThings: { method: "GET", path: "/things", responses: statusPattern(["200"]) } });
    const error = await settle(createApiClient(api, { baseUrl: origin.url, retry: false })["listThings"]!());
    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect(error).toMatchObject({ status: 307 });
    expect(origin.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
  });
});

describe("Payway token lifecycle", () => {
  /** A token endpoint issuing t1, t2, … and an order endpoint that refuses the tokens in `revoked`. */
  async function payway(options: { tokenFailures?: number; revoked?: Set<string>; expiresIn?: number } = {}) {
    let issued = 0;
    const revoked = options.revoked ?? new Set<string>();
    const server = await serve((request) => {
      if (request.url === "/api/authorization/access_token") {
        if (issued < (options.tokenFailures ?? 0)) {
          issued++;
          return { status: 503 };
        }
        const token = `t${++issued - (options.tokenFailures ?? 0)}`;
        return json(200, options.expiresIn === undefined ? { access_token: token } : { access_token: token, expires_in: options.expiresIn });
      }
      const bearer = String(request.headers.authorization).replace(/^Bearer /, "");
      return revoked.has(bearer) || revoked.has("*") ? json(401, { message: "invalid token" }) : json(201, { id: "o1", order_id: "o1", payment_id: "p1" });
    });
    const tokenCalls = () => server.requests.filter((r) => r.url === "/api/authorization/access_token");
    const orderCalls = () => server.requests.filter((r) => r.url === "/accounts/create_order");
    return { server, tokenCalls, orderCalls, revoked };
  }

  it("retries the token request (a token request is safe to repeat)", async () => {
    const { server, tokenCalls } = await payway({ tokenFailures: 1 });
    const token = createPaywayTokenProvider({ baseUrl: server.url, request: tokenForm, retry: { baseDelayMs: 1 } });
    expect(await token()).toBe("t1");
    expect(tokenCalls()).toHaveLength(2);
    expect(tokenCalls()[1]!.body).toContain("client_secret=");
  });

  it("caches a token without expires_in instead of fetching one per call", async () => {
    const { server, tokenCalls, orderCalls } = await payway();
    const token = createPaywayTokenProvider({ baseUrl: server.url, request: tokenForm });
    const client = createPaywayClient({ baseUrl: server.url, auth: { token } });
    for (let i = 0; i < 3; i++) expect((await client.createOrder({ body: orderBody })).ok).toBe(true);
    expect(tokenCalls()).toHaveLength(1);
    expect(orderCalls()).toHaveLength(3);
  });

  it("a 401 refreshes the token once, shared by concurrent calls, and replays each call", async () => {
    const { server, tokenCalls, orderCalls, revoked } = await payway({ expiresIn: 3600 });
    const token = createPaywayTokenProvider({ baseUrl: server.url, request: tokenForm });
    const client = createPaywayClient({ baseUrl: server.url, auth: { token } });
    expect(await token()).toBe("t1");
    revoked.add("t1"); // revoked server-side while still cached
    const results = await Promise.all([1, 2, 3].map(() => client.createOrder({ body: orderBody })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(tokenCalls()).toHaveLength(2);
    expect(orderCalls().map((r) => r.headers.authorization)).toEqual(["Bearer t1", "Bearer t1", "Bearer t1", "Bearer t2", "Bearer t2", "Bearer t2"]);
    expect(new Set(orderCalls().map((r) => r.body))).toEqual(new Set([JSON.stringify(orderBody)]));
  });

  it("replays only once: a second 401 is returned as the documented result", async () => {
    const { server, tokenCalls, orderCalls } = await payway({ revoked: new Set(["*"]) });
    const token = createPaywayTokenProvider({ baseUrl: server.url, request: tokenForm });
    const result = await createPaywayClient({ baseUrl: server.url, auth: { token } }).createOrder({ body: orderBody });
    expect(result).toMatchObject({ ok: false, status: 401, parsed: true });
    expect(orderCalls()).toHaveLength(2);
    expect(tokenCalls()).toHaveLength(2);
  });

  it("a fixed token gets no replay", async () => {
    const { server, orderCalls } = await payway({ revoked: new Set(["*"]) });
    const result = await createPaywayClient({ baseUrl: server.url, auth: { token: "fixed" } }).createOrder({ body: orderBody });
    expect(result.status).toBe(401);
    expect(orderCalls()).toHaveLength(1);
  });

  it("a token response without access_token is an InvalidResponseError", async () => {
    const server = await serve(() => json(200, { token_type: "bearer" }));
    const error = await settle(createPaywayTokenProvider({ baseUrl: server.url, request: tokenForm })());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(String(error)).toMatch(/HTTP 200 body unreadable: no access_token/);
  });

  it("a refused token request is a TokenRequestError without the form", async () => {
    const server = await serve(() => json(401, { error: "invalid_client" }));
    const error = await settle(createPaywayTokenProvider({ baseUrl: server.url, request: tokenForm })());
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(render(error)).not.toContain(CLIENT_SECRET);
  });

  it.each([
    ["a string", "grant_type=client_credentials", /a form body must be an object of fields/],
    ["a function", () => "x", /a form body must be an object of fields/],
    ["a nested object in a field", { ...tokenForm, scope: { nested: true } }, /the form field "scope" is an object or an array/],
    ["an array in a field", { ...tokenForm, scope: ["a", "b"] }, /the form field "scope" is an object or an array/],
  ])("refuses %s as the token request when the helper is created, naming the problem", (_kind, request, message) => {
    const create = () => createPaywayTokenProvider({ baseUrl: "http://127.0.0.1:9", request: request as unknown as GetAccessTokenRequest });
    expect(create).toThrow(TypeError);
    expect(create).toThrow(new RegExp(`^payway: ${message.source}`));
  });

  it.each([
    ["a string", "grant_type=client_credentials", /a form body must be an object of fields/],
    ["a function", () => "x", /a form body must be an object of fields/],
    ["an array", [tokenForm], /a form body must be an object of fields/],
    ["a nested object in a field", { ...tokenForm, scope: { nested: true } }, /the form field "scope" is an object or an array/],
    ["an array in a field", { ...tokenForm, scope: ["a", "b"] }, /the form field "scope" is an object or an array/],
  ])(
    "refuses %s as a form body at the call, naming the problem, and sends nothing",
    async (_kind, body, message) => {
      const server = await serve(() => json(200, { access_token: "t" }));
      const client = createPaywayClient({ baseUrl: server.url, auth: { token: "t" } });
      const error = await settle(client.getAccessToken({ body: body as unknown as GetAccessTokenRequest }));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(String(error)).toMatch(message);
      expect(server.requests).toHaveLength(0);
    },
  );
});

describe("error bodies that are not the documented JSON", () => {
  it.each([
    ["a gateway's HTML page", 404, { "content-type": "text/html" }, "<html>nginx 404</html>"],
    ["an empty body", 401, {}, ""],
    ["broken JSON", 422, { "content-type": "application/json" }, "{broken"],
  ])("%s is a parsed:false result with error unknown and the raw text", async (_name, status, headers, body) => {
    const server = await serve(() => ({ status, headers, body }));
    const result = await createKwikClient({ baseUrl: server.url, auth }).listOrders();
    expect(result).toMatchObject({ ok: false, status, parsed: false, text: body });
    expect(result.ok === false && result.error).toBeFalsy();
  });

  it("a documented error with its JSON body is parsed:true", async () => {
    const server = await serve(() => json(401, { error_code: "E1" }));
    expect(await createKwikClient({ baseUrl: server.url, auth }).listOrders()).toMatchObject({ ok: false, status: 401, parsed: true, error: { error_code: "E1" } });
  });

  it("an empty success body where the spec documents one throws InvalidResponseError", async () => {
    const server = await serve(() => ({ status: 200, headers: { "content-type": "application/json" } }));
    expect(await settle(createKwikClient({ baseUrl: server.url, auth }).listOrders())).toBeInstanceOf(InvalidResponseError);
  });

  it.each([200, 401])("a %i body that breaks off while it is read throws InvalidResponseError with the cause", async (status) => {
    const reset = new Error("connection reset mid-body");
    const breaking = () => new Response(new ReadableStream({ start(controller) { controller.enqueue(new TextEncoder().encode('{"orders":[')); controller.error(reset); } }), { status, headers: { "content-type": "application/json" } });
    const error = await settle(createKwikClient({ baseUrl: "http://127.0.0.1:9", auth, fetch: async () => breaking() }).listOrders());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status, cause: reset, message: expect.stringMatching(new RegExp(`HTTP ${status} body unreadable: connection reset mid-body$`)) });
  });
});

describe("bad input fails at the call, naming the problem, never the value, sending nothing", () => {
  it.each([
    ["missing", {}],
    ["empty", { id: "" }],
  ])("a %s required path parameter", async (_name, path) => {
    const { fetch, requests } = recordingFetch(() => jsonResponse(200, {}));
    const error = await settle(createBillProClient({ baseUrl: "http://127.0.0.1:9", auth: { token: TOKEN }, fetch }).getOrder({ params: { path } as never }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toMatch(/path parameter "id" is missing, empty or not a string, number or boolean/);
    expect(requests).toHaveLength(0);
  });

  it("a lone surrogate in a path parameter", async () => {
    const error = await settle(createBillProClient({ baseUrl: "http://127.0.0.1:9", auth: { token: TOKEN } }).getOrder({ params: { path: { id: "a\ud800" } as never } }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toMatch(/path parameter "id" is not valid Unicode/);
  });

  it("a header value with CR/LF or a non-Latin-1 character, at the call", async () => {
    const client = createKwikClient({ baseUrl: "http://127.0.0.1:9", auth });
    for (const value of ["key\nSECRET-VALUE", "tök€n-SECRET-VALUE"]) {
      const error = await settle(client.listOrders({ headers: { "X-Api-Key": value } }));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(String(error)).toMatch(/header "X-Api-Key"/);
      expect(render(error)).not.toContain("SECRET-VALUE");
    }
  });

  it("a bearer token function returning a non-Latin-1 token", async () => {
    const error = await settle(createPaywayClient({ baseUrl: "http://127.0.0.1:9", auth: { token: () => "tök€n-SECRET-VALUE" } }).createOrder({ body: orderBody }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(render(error)).not.toContain("SECRET-VALUE");
  });
});

describe("option errors are thrown by create…Client", () => {
  const make = (options: unknown) => () => createKwikClient(options as KwikClientOptions);
  const base = { baseUrl: "http://127.0.0.1:9", auth };
  it.each([
    ["bearer credentials on a basic API", { ...base, auth: { token: "t" } }, /auth must be \{ username, password \} \(basic\)$/],
    ["a negative maxRetries", { ...base, retry: { maxRetries: -1 } }, /retry.maxRetries: .*maxRetries \(integer >= 0\)/],
    ["an unknown retry option", { ...base, retry: { retries: 3 } }, /retry.retries: the options are unsafe/],
    ["a header value with a newline", { ...base, headers: { "X-Api-Key": "key\nSECRET-VALUE" } }, /header "X-Api-Key"/],
    ["a hook that is not a function", { ...base, onRequest: "log" }, /onRequest must be a function/],
  ])("%s", (_name, options, message) => {
    expect(make(options)).toThrow(message);
    try {
      make(options)();
    } catch (error) {
      expect(render(error)).not.toContain("SECRET-VALUE");
    }
  });

  it("a non-Latin-1 bearer token, without echoing it", () => {
    const create = () => createPaywayClient({ baseUrl: "http://127.0.0.1:9", auth: { token: "tök€n-SECRET-VALUE" } });
    expect(create).toThrow(/bearer token contains a character HTTP forbids/);
    expect(() => create()).not.toThrow(/SECRET-VALUE/);
  });

  it("the token helper's options", () => {
    expect(() => createPaywayTokenProvider({ baseUrl: "http://127.0.0.1:9", request: tokenForm, retry: { maxRetries: -1 } })).toThrow(/retry.maxRetries/);
    expect(() => createPaywayTokenProvider({ baseUrl: "http://127.0.0.1:9", request: tokenForm, refreshMarginMs: -1 })).toThrow(/refreshMarginMs/);
  });
});

describe("retry consent", () => {
  const api = demoApi({
    cancel: { method: "PUT", path: "/orders/{id}/cancel", compilePath, responses: statusPattern(["200"]) },
    list: { method: "GET", path: "/orders", responses: statusPattern(["200"]) },
  });
  const failing = () => recordingFetch(() => new Response(null, { status: 503 }));

  it("a PUT is not retried by default; `unsafe: true` opts it in, on the call or the client", async () => {
    for (const [clientRetry, callRetry, sent] of [
      [undefined, undefined, 1],
      [undefined, { baseDelayMs: 1 }, 1],
      [undefined, { unsafe: true, baseDelayMs: 1 }, 3],
      [{ unsafe: true, baseDelayMs: 1 }, undefined, 3],
    ] as const) {
      const { fetch, requests } = failing();
      const client = createApiClient(api, { baseUrl: "http://127.0.0.1:9", fetch, ...(clientRetry ? { retry: clientRetry } : {}) });
      await settle(client["cancel"]!({ params: { path: { id: "1" } }, ...(callRetry ? { retry: callRetry } : {}) }));
      expect(requests, JSON.stringify({ clientRetry, callRetry })).toHaveLength(sent);
    }
  });

  it("a client-wide `retry: false` is not overridden by a call that only tunes timing", async () => {
    const { fetch, requests } = failing();
    await settle(createApiClient(api, { baseUrl: "http://127.0.0.1:9", fetch, retry: false })["list"]!({ retry: { baseDelayMs: 1, maxDelayMs: 2 } }));
    expect(requests).toHaveLength(1);
  });

  it("a throwing onRetry hook does not abort the call", async () => {
    const { fetch, requests } = recordingFetch((_url, _init, index) => (index === 0 ? new Response(null, { status: 503 }) : jsonResponse(200, {})));
    const client = createApiClient(api, { baseUrl: "http://127.0.0.1:9", fetch, retry: { baseDelayMs: 1 }, onRetry: () => { throw new Error("logger broke"); } });
    expect(await client["list"]!()).toMatchObject({ ok: true, status: 200 });
    expect(requests).toHaveLength(2);
  });
});

describe("the backoff timer on abort", () => {
  it("is cleared when the caller aborts during the wait (no timer keeps the process alive)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let waiting!: () => void;
    const retrying = new Promise<void>((resolve) => (waiting = resolve));
    const client = createKwikClient({
      baseUrl: "http://127.0.0.1:9",
      auth,
      fetch: async () => new Response(null, { status: 429, headers: { "retry-after": "8" } }),
      onRetry: () => waiting(),
    });
    const controller = new AbortController();
    const pending = settle(client.listOrders({ signal: controller.signal }));
    await retrying;
    expect(vi.getTimerCount()).toBe(2); // the call's deadline and the 8 s wait
    controller.abort(new Error("caller gave up"));
    expect(String(await pending)).toContain("caller gave up");
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("the hot path", () => {
  it("calls fetch(url, init) with a string body; one AbortController per call, none without timeout or signal", async () => {
    const Original = globalThis.AbortController;
    let made = 0;
    globalThis.AbortController = class extends Original {
      constructor() {
        super();
        made++;
      }
    };
    try {
      const calls: Array<[unknown, RequestInit]> = [];
      const fetch = async (url: string, init: RequestInit) => {
        calls.push([url, init]);
        return jsonResponse(201, { id: "1" });
      };
      const bounded = createPaywayClient({ baseUrl: "http://127.0.0.1:9", auth: { token: TOKEN }, fetch });
      await bounded.createOrder({ body: orderBody });
      expect(made).toBe(1);
      const unbounded = createPaywayClient({ baseUrl: "http://127.0.0.1:9", auth: { token: TOKEN }, fetch, timeoutMs: Infinity });
      await unbounded.createOrder({ body: orderBody });
      expect(made).toBe(1);
      expect(calls.map(([url, init]) => [typeof url, typeof init.body, init.signal === undefined])).toEqual([["string", "string", false], ["string", "string", true]]);
      expect(calls[0]![1].redirect).toBe("manual");
    } finally {
      globalThis.AbortController = Original;
    }
  });
});

describe("hooks", () => {
  it("onRequest/onResponse get plain read-only objects with credentials redacted; a throwing hook changes nothing", async () => {
    const server = await serve(() => json(200, { status: true, results: [] }, { "x-request-id": "req-1", "set-cookie": "session=SECRET-COOKIE" }));
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    const client = createKwikClient({
      baseUrl: server.url,
      auth,
      headers: { "X-Api-Key": "SECRET-KEY", "X-Trace": "trace-1" },
      onRequest: (event) => {
        requests.push(event);
        throw new Error("hook broke");
      },
      onResponse: (event) => void responses.push(event),
    });
    const result = await client.listOrders({ params: { query: { order_reference: "ORD-1" } } });
    expect(result.ok).toBe(true);
    expect(requests).toEqual([expect.objectContaining({ api: "kwik", operationId: "listOrders", method: "GET", path: "/orders/list", url: `${server.url}/orders/list?order_reference=ORD-1`, attempt: 1 })]);
    expect(requests[0]!.headers).toMatchObject({ Authorization: "[redacted]", "X-Api-Key": "[redacted]", "X-Trace": "trace-1" });
    expect(responses[0]).toMatchObject({ status: 200, operationId: "listOrders", attempt: 1 });
    expect(responses[0]!.responseHeaders).toMatchObject({ "x-request-id": "req-1", "set-cookie": "[redacted]" });
    // NaN (no start time taken) would pass a typeof check.
    expect(responses[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(responses[0]!.durationMs)).toBe(true);
    expect(Object.isFrozen(requests[0]) && Object.isFrozen(requests[0]!.headers) && Object.isFrozen(responses[0])).toBe(true);
    const logged = JSON.stringify([...requests, ...responses]);
    for (const secret of [PASSWORD, "SECRET-KEY", "SECRET-COOKIE", Buffer.from(`${USERNAME}:${PASSWORD}`).toString("base64")]) expect(logged).not.toContain(secret);
    expect(server.requests[0]!.headers["x-api-key"]).toBe("SECRET-KEY"); // redacted for the hook only
  });

  it("errors are still ApiClientErrors when hooks are present", async () => {
    const client = createKwikClient({ baseUrl: "http://127.0.0.1:1", auth, retry: false, onRequest: () => undefined, onResponse: () => undefined });
    expect(await settle(client.listOrders())).toBeInstanceOf(ApiClientError);
  });
});

describe("operations that take credentials", () => {
  const api = demoApi({ secured: { method: "GET", path: "/secured", responses: statusPattern(["200"]), auth: ["bearer"] } }, [bearerScheme]);
  const ok = () => recordingFetch(() => jsonResponse(200, {}));

  it("a client without credentials refuses an operation that needs them, sending nothing", async () => {
    const { fetch, requests } = ok();
    const client = createApiClient(api, { baseUrl: "http://127.0.0.1:9", fetch });
    const error = await settle(client["secured"]!());
    expect(error).toBeInstanceOf(ApiClientError);
    expect(String(error)).toMatch(/needs bearer credentials/);
    expect(requests).toHaveLength(0);
  });

  it("with credentials, it sends them", async () => {
    const { fetch, requests } = ok();
    await createApiClient(api, { baseUrl: "http://127.0.0.1:9", fetch, auth: { token: TOKEN } })["secured"]!();
    expect(requests.map((r) => r.headers["authorization"])).toEqual([`Bearer ${TOKEN}`]);
  });

  it("credentials on an API without security schemes are refused at creation", () => {
    expect(() => createApiClient(demoApi({}), { baseUrl: "http://127.0.0.1:9", auth: { token: TOKEN } })).toThrow(/^demo: auth must be left out$/);
  });
});

describe("the 401 replay calls invalidate on its object", () => {
  const api = demoApi({ secured: { method: "GET", path: "/secured", responses: statusPattern(["200", "401"]), auth: ["bearer"] } }, [bearerScheme]);
  /** 401 for t1, 200 for any other token. */
  const refusingT1 = () => recordingFetch((_, init) => jsonResponse((init.headers as Record<string, string>)["Authorization"] === "Bearer t1" ? 401 : 200, {}));

  it("a scheme's credential whose invalidate reads `this`", async () => {
    const credential = Object.assign(async () => `Bearer t${credential.stale.length + 1}`, {
      stale: [] as string[],
      invalidate(this: { stale: string[] }, authorization: string) {
        this.stale.push(authorization);
      },
    });
    const scheme: AuthScheme = { kind: "bearer", field: "token", shape: "{ token } (bearer)", read: () => credential };
    const { fetch, requests } = refusingT1();
    const result = await createApiClient({ ...api, schemes: [scheme] }, { baseUrl: "http://127.0.0.1:9", fetch, auth: { token: "unused" } })["secured"]!();
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(credential.stale).toEqual(["Bearer t1"]);
    expect(requests.map((r) => r.headers["authorization"])).toEqual(["Bearer t1", "Bearer t2"]);
  });

  it("a hand-written token provider whose invalidate reads `this`", async () => {
    const token = Object.assign(async () => `t${token.stale.length + 1}`, {
      stale: [] as (string | undefined)[],
      invalidate(this: { stale: (string | undefined)[] }, stale?: string) {
        this.stale.push(stale);
      },
    });
    const { fetch, requests } = refusingT1();
    const result = await createApiClient(api, { baseUrl: "http://127.0.0.1:9", fetch, auth: { token } })["secured"]!();
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(token.stale).toEqual(["t1"]);
    expect(requests.map((r) => r.headers["authorization"])).toEqual(["Bearer t1", "Bearer t2"]);
  });

  it("a token function is called once per call: retries reuse its token, only the replay after a 401 asks again", async () => {
    const token = Object.assign(async () => `t${++token.calls}`, { calls: 0, invalidate: () => undefined });
    const { fetch, requests } = recordingFetch((_, init, index) =>
      index < 2 ? jsonResponse(503, {}) : jsonResponse((init.headers as Record<string, string>)["Authorization"] === "Bearer t1" ? 401 : 200, {}));
    const client = createApiClient(api, { baseUrl: "http://127.0.0.1:9", fetch, auth: { token }, retry: { baseDelayMs: 1 } });
    expect(await client["secured"]!()).toMatchObject({ ok: true, status: 200 });
    expect(requests.map((r) => r.headers["authorization"])).toEqual(["Bearer t1", "Bearer t1", "Bearer t1", "Bearer t2"]);
    expect(token.calls).toBe(2);
  });

  it("a token function's own error propagates unchanged, on the refresh after a 401 as on the first call", async () => {
    // Not a response whose body could not be read: the 401's body was never the problem.
    const outage = new Error("token store unreachable");
    const failing = Object.assign(async () => (failing.calls++ ? Promise.reject(outage) : "t1"), { calls: 0, invalidate: () => undefined });
    const { fetch, requests } = refusingT1();
    const call = createApiClient(api, { baseUrl: "http://127.0.0.1:9", fetch, auth: { token: failing } })["secured"]!;
    expect(await settle(call())).toBe(outage);
    expect(requests).toHaveLength(1);
    expect(await settle(call())).toBe(outage);
    expect(requests).toHaveLength(1);
  });

  it("an error thrown by a token provider's invalidate also propagates unchanged", async () => {
    const broken = new Error("invalidate failed");
    const token = Object.assign(async () => "t1", { invalidate: () => { throw broken; } });
    const { fetch, requests } = refusingT1();
    expect(await settle(createApiClient(api, { baseUrl: "http://127.0.0.1:9", fetch, auth: { token } })["secured"]!())).toBe(broken);
    expect(requests).toHaveLength(1);
  });
});
