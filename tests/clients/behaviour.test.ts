// The runtime's behaviour through a real generated client (Kwik: a GET and a POST), against the
// Prism mock with failures injected by a counting `fetch`, and against loopback servers that hang.
// Counts and outcomes are asserted, never durations.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { getEventListeners, setMaxListeners } from "node:events";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  ApiClientError,
  createKwikClient,
  InvalidResponseError,
  kwikServers,
  NetworkError,
  RequestTimeoutError,
  UnexpectedStatusError,
  type CreateOrdersRequest,
  type KwikClientOptions,
  type ListOrdersResponse,
  type RetryEvent,
} from "../../generated/kwik/index.js";
import { createPaywayClient, createPaywayTokenProvider, paywayServers, TokenRequestError, type GetAccessTokenRequest } from "../../generated/payway/index.js";
import { exampleInit, mockUrl, PASSWORD, recordingFetch, TOKEN, USERNAME } from "./support.js";
import { deref, findOperation } from "../helpers/spec-validator.js";
import pkg from "../../package.json" with { type: "json" };

const auth = { username: USERNAME, password: PASSWORD };
const createBody = exampleInit("kwik", "createOrders").body as CreateOrdersRequest;
const status = (code: number, headers: Record<string, string> = {}) => new Response(null, { status: code, headers });

/** A Kwik client on the mock whose fetch answers `failures` first, then passes requests through. */
function kwikWith(failures: Array<Response | Error>, options: Partial<KwikClientOptions> = {}) {
  const events: RetryEvent[] = [];
  const recorder = recordingFetch((url, init, index) => {
    const failure = failures[index];
    if (failure instanceof Error) throw failure;
    return failure ?? fetch(url, init);
  });
  const client = createKwikClient({
    baseUrl: mockUrl("kwik"),
    auth,
    fetch: recorder.fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    onRetry: (event) => events.push(event),
    ...options,
  } as KwikClientOptions);
  return { client, requests: recorder.requests, events };
}

/** `promise`'s outcome: the resolved value, or the error it rejected with. */
const settle = <T>(promise: Promise<T>) => promise.then((value) => value as T | Error, (error: Error) => error);
const statusOf = (outcome: unknown) => (outcome as { status?: number }).status;

describe("typed results", () => {
  it("a GET resolves to the documented success body, typed by the spec", async () => {
    const { client } = kwikWith([]);
    const result = await client.listOrders();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectTypeOf(result.data).toEqualTypeOf<ListOrdersResponse>();
    expect(result.status).toBe(200);
    expect(result.response.headers.get("content-type")).toMatch(/json/);
  });

  it("a status the spec does not document throws UnexpectedStatusError with the status and body", async () => {
    const { client } = kwikWith([new Response(JSON.stringify({ oops: true }), { status: 502, headers: { "content-type": "application/json" } })]);
    const error = await settle(client.createOrders({ body: createBody }));
    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect(error).toMatchObject({ status: 502, body: { oops: true }, api: "kwik", operationId: "createOrders", method: "POST", path: "/orders/create" });
  });

  it("a success body that is not JSON throws InvalidResponseError", async () => {
    const { client } = kwikWith([new Response("{not json", { status: 200, headers: { "content-type": "application/json" } })]);
    const error = await settle(client.listOrders());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(statusOf(error)).toBe(200);
  });
});

describe("retries", () => {
  it("retries a GET on 503 and succeeds on the third attempt", async () => {
    const { client, requests, events } = kwikWith([status(503), status(503)]);
    const result = await client.listOrders();
    expect(result.ok).toBe(true);
    expect(requests).toHaveLength(3);
    expect(events.map((e) => [e.retry, e.status, e.operationId])).toEqual([[1, 503, "listOrders"], [2, 503, "listOrders"]]);
  });

  it("does not retry a POST by default", async () => {
    const { client, requests, events } = kwikWith([status(503), status(503)]);
    const outcome = await settle(client.createOrders({ body: createBody }));
    expect(statusOf(outcome)).toBe(503); // documented → a result; undocumented → UnexpectedStatusError: same status
    expect(requests).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it("retries a POST when the call opts in with `unsafe: true`, sending the same body again", async () => {
    const { client, requests } = kwikWith([status(503), status(500)]);
    const result = await client.createOrders({ body: createBody, retry: { unsafe: true } });
    expect(result.ok).toBe(true);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.body))).toEqual(new Set([JSON.stringify(createBody)]));
  });

  it("retries a GET after a network error; a POST surfaces it as NetworkError", async () => {
    const get = kwikWith([new TypeError("fetch failed")]);
    expect((await get.client.listOrders()).ok).toBe(true);
    expect(get.requests).toHaveLength(2);
    expect(get.events[0]?.status).toBeUndefined();

    const post = kwikWith([new TypeError("fetch failed")]);
    const error = await settle(post.client.createOrders({ body: createBody }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(post.requests).toHaveLength(1);
  });

  it("stops after maxRetries and returns the last response", async () => {
    const { client, requests } = kwikWith([status(503), status(503), status(503), status(503)], { retry: { maxRetries: 2, baseDelayMs: 1 } });
    expect(statusOf(await settle(client.listOrders()))).toBe(503);
    expect(requests).toHaveLength(3);
  });

  it("does not retry statuses that will not change (400, 404)", async () => {
    const { client, requests } = kwikWith([status(400), status(404)]);
    expect(statusOf(await settle(client.listOrders()))).toBe(400);
    expect(requests).toHaveLength(1);
  });

  it("honours Retry-After (seconds) on 429", async () => {
    const { client, requests, events } = kwikWith([status(429, { "Retry-After": "1" })]);
    expect((await client.listOrders()).ok).toBe(true);
    expect(requests).toHaveLength(2);
    expect(events).toEqual([expect.objectContaining({ status: 429, delayMs: 1000, fromRetryAfter: true })]);
  });

  it("does not wait for a Retry-After longer than maxRetryAfterMs: the 429 is returned", async () => {
    const { client, requests } = kwikWith([status(429, { "Retry-After": "120" })]);
    expect(statusOf(await settle(client.listOrders()))).toBe(429);
    expect(requests).toHaveLength(1);
  });

  it("caps the exponential backoff at maxDelayMs", async () => {
    const failures = Array.from({ length: 6 }, () => status(503));
    const { client, events } = kwikWith(failures, { retry: { maxRetries: 6, baseDelayMs: 4, maxDelayMs: 20 } });
    expect((await client.listOrders()).ok).toBe(true);
    const delays = events.map((e) => e.delayMs);
    expect(delays).toHaveLength(6);
    delays.forEach((delay, retry) => {
      const ceiling = Math.min(20, 4 * 2 ** retry);
      expect(delay).toBeLessThanOrEqual(ceiling);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
    });
  });

  it("leaves no abort listener behind from earlier attempts and waits (Node warns from the 11th on)", async () => {
    // What an injected fetch sees on the call's signal at each attempt (its own race's listener comes after).
    const listeners: number[] = [];
    const failures = Array.from({ length: 12 }, () => status(503));
    const client = createKwikClient({
      baseUrl: mockUrl("kwik"),
      auth,
      retry: { maxRetries: 12, baseDelayMs: 1, maxDelayMs: 1 },
      fetch: async (_url, init) => {
        listeners.push(getEventListeners(init.signal!, "abort").length);
        return failures[listeners.length - 1] ?? Response.json({ status: true, results: [] });
      },
    });
    expect((await client.listOrders()).ok).toBe(true);
    expect(listeners).toHaveLength(13);
    // At most the previous wait's, whose removal may still be queued behind the wake-up: never one per attempt.
    expect(Math.max(...listeners), `abort listeners at each attempt: ${listeners.join(", ")}`).toBeLessThanOrEqual(1);
  });

  it("`retry: false` on the client turns retries off for GET too", async () => {
    const { client, requests } = kwikWith([status(503)], { retry: false });
    expect(statusOf(await settle(client.listOrders()))).toBe(503);
    expect(requests).toHaveLength(1);
  });
});

describe("timeouts and cancellation", () => {
  let server: Server;
  let baseUrl: string;
  const closed: IncomingMessage[] = [];
  beforeAll(async () => {
    // Accepts requests and never answers; records when the client gives up on one.
    server = createServer((request) => request.on("close", () => closed.push(request)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("a call that gets no answer rejects with RequestTimeoutError and the connection is dropped", async () => {
    const before = closed.length;
    const client = createKwikClient({ baseUrl, auth, timeoutMs: 200 });
    const error = await settle(client.listOrders());
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, operationId: "listOrders" });
    await expect.poll(() => closed.length).toBeGreaterThan(before);
  });

  it("a per-call timeoutMs overrides the client's", async () => {
    const client = createKwikClient({ baseUrl, auth, timeoutMs: 60_000 });
    const error = await settle(client.listOrders({ timeoutMs: 100 }));
    expect(error).toMatchObject({ name: "RequestTimeoutError", timeoutMs: 100 });
  });

  it("times out even when an injected fetch ignores the abort signal", async () => {
    const client = createKwikClient({ baseUrl, auth, timeoutMs: 100, fetch: () => new Promise<Response>(() => undefined) });
    expect(await settle(client.listOrders())).toBeInstanceOf(RequestTimeoutError);
  });

  it("the deadline aborts the signal with the RequestTimeoutError the call throws", async () => {
    let signal: AbortSignal | undefined;
    const client = createKwikClient({ baseUrl, auth, timeoutMs: 100, fetch: (_url, init) => ((signal = init.signal!), new Promise<Response>(() => undefined)) });
    const error = await settle(client.listOrders());
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(signal?.reason).toBe(error);
  });

  it("the caller's signal aborts the call with the signal's reason", async () => {
    const client = createKwikClient({ baseUrl, auth });
    const controller = new AbortController();
    const pending = settle(client.listOrders({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
  });

  it("a caller's signal shared by concurrent calls keeps no listener once they end", async () => {
    const { client } = kwikWith([]);
    const controller = new AbortController();
    // docs/clients.md: past 10 calls at once, Node warns (MaxListenersExceededWarning) unless the caller raises the limit.
    setMaxListeners(20, controller.signal);
    const results = await Promise.all(Array.from({ length: 12 }, () => client.listOrders({ signal: controller.signal })));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("an already aborted signal sends nothing", async () => {
    const { client, requests } = kwikWith([]);
    const reason = new Error("cancelled by caller");
    expect(await settle(client.listOrders({ signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(requests).toHaveLength(0);
  });

  it("never waits for a retry past its deadline: the 503 is returned instead", async () => {
    const { client, requests } = kwikWith([status(503), status(503)], { retry: { baseDelayMs: 5_000 }, timeoutMs: 1_000 });
    expect(statusOf(await settle(client.listOrders()))).toBe(503);
    expect(requests).toHaveLength(1);
  });
});

describe("environments, User-Agent and options", () => {
  const canned = () => recordingFetch(() => new Response(JSON.stringify({ status: true, results: [] }), { status: 200, headers: { "content-type": "application/json" } }));

  it.each(Object.entries(kwikServers))("environment %s sends to %s", async (environment, url) => {
    const { fetch, requests } = canned();
    await settle(createKwikClient({ environment: environment as keyof typeof kwikServers, auth, fetch }).listOrders());
    expect(requests[0]?.url).toBe(`${url}/orders/list`);
  });

  it("an operation with its own servers (Payway's token endpoint) uses them for the environment", async () => {
    const { operation } = findOperation("payway", "getAccessToken");
    const opServers = (operation.servers ?? []).map((s: { url: string; "x-environment": string }) => [s["x-environment"], s.url]);
    expect(opServers.length).toBeGreaterThan(0);
    for (const [environment, url] of opServers) {
      const { fetch, requests } = recordingFetch(() => new Response(JSON.stringify({ access_token: "t", expires_in: 60 }), { status: 200, headers: { "content-type": "application/json" } }));
      const client = createPaywayClient({ environment, auth: { token: TOKEN }, fetch });
      await client.getAccessToken({ body: exampleInit("payway", "getAccessToken").body as GetAccessTokenRequest });
      expect(requests[0]?.url).toBe(`${String(url).replace(/\/$/, "")}/api/authorization/access_token`);
      expect(requests[0]?.url.startsWith(paywayServers[environment as keyof typeof paywayServers])).toBe(false);
    }
  });

  it("sends our package as User-Agent, with the caller's suffix", async () => {
    const { fetch, requests } = canned();
    await createKwikClient({ baseUrl: "http://127.0.0.1:9", auth, fetch }).listOrders();
    await createKwikClient({ baseUrl: "http://127.0.0.1:9", auth, fetch, userAgent: "my-shop/2.1" }).listOrders();
    expect(requests.map((r) => r.headers["user-agent"])).toEqual([`${pkg.name}/${pkg.version}`, `${pkg.name}/${pkg.version} my-shop/2.1`]);
  });

  it("rejects bad options with a clear message", () => {
    const make = (options: unknown) => () => createKwikClient(options as KwikClientOptions);
    const target = /pass `environment` \(\["stage","production"\]\) or `baseUrl` \(http\(s\), no credentials, query or fragment\), not both/;
    expect(make({ auth })).toThrow(target);
    expect(make({ environment: "staging", auth })).toThrow(target);
    expect(make({ environment: "stage", baseUrl: "http://127.0.0.1:1", auth })).toThrow(target);
    expect(make({ baseUrl: "not a url", auth })).toThrow(target);
    expect(make({ baseUrl: "http://127.0.0.1:1", auth: { username: "a:b", password: "p" } })).toThrow(/the username without ":"/);
    expect(make({ baseUrl: "http://127.0.0.1:1", auth, timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});

describe("Payway token helper", () => {
  const tokenRequest = () => exampleInit("payway", "getAccessToken").body as GetAccessTokenRequest;
  const tokenExample = () => {
    const { operation } = findOperation("payway", "getAccessToken");
    const media = Object.values<any>(deref("payway", operation.responses["200"]).content)[0];
    return deref("payway", Object.values<any>(media.examples)[0]).value as { access_token: string };
  };

  it("fetches a token once, caches it, and the client sends it as Bearer", async () => {
    const tokenCalls = recordingFetch();
    const token = createPaywayTokenProvider({ baseUrl: mockUrl("payway"), request: tokenRequest(), fetch: tokenCalls.fetch });
    const api = recordingFetch();
    const client = createPaywayClient({ baseUrl: mockUrl("payway"), auth: { token }, fetch: api.fetch });
    const body = exampleInit("payway", "createOrder").body as never;
    const [first, second] = await Promise.all([client.createOrder({ body }), client.createOrder({ body })]);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(tokenCalls.requests).toHaveLength(1);
    expect(tokenCalls.requests[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(tokenCalls.requests[0]?.headers["authorization"]).toBeUndefined();
    expect(api.requests.map((r) => r.headers["authorization"])).toEqual([`Bearer ${tokenExample().access_token}`, `Bearer ${tokenExample().access_token}`]);
  });

  it("a refused token request throws TokenRequestError without the client secret", async () => {
    const request = { ...tokenRequest(), client_secret: PASSWORD } as GetAccessTokenRequest;
    const token = createPaywayTokenProvider({ baseUrl: mockUrl("payway"), request, headers: { Prefer: "code=401" } });
    const error = await settle(token());
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(statusOf(error)).toBe(401);
    expect(inspect(error, { depth: 5 })).not.toContain(PASSWORD);
  });
});

describe("credentials never appear in errors, events or the client", () => {
  const secrets = [PASSWORD, TOKEN, Buffer.from(`${USERNAME}:${PASSWORD}`).toString("base64")];
  const render = (value: unknown) => [String(value), inspect(value, { depth: 6, showHidden: true }), JSON.stringify(value) ?? "", (value as Error)?.stack ?? ""].join("\n");

  it("in every kind of client error and retry event", async () => {
    const outcomes: unknown[] = [];
    const hang = createServer(() => undefined);
    await new Promise<void>((resolve) => hang.listen(0, "127.0.0.1", resolve));
    const hangUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    try {
      const events: RetryEvent[] = [];
      const onRetry = (event: RetryEvent) => events.push(event);
      const kwik = (options: Partial<KwikClientOptions>) => createKwikClient({ baseUrl: hangUrl, auth, onRetry, retry: { baseDelayMs: 1 }, ...options } as KwikClientOptions);
      outcomes.push(await settle(kwik({ timeoutMs: 100 }).listOrders()));
      outcomes.push(await settle(kwik({ baseUrl: "http://127.0.0.1:1" }).listOrders())); // connection refused
      outcomes.push(await settle(kwik({ fetch: async () => status(502) }).createOrders({ body: createBody })));
      outcomes.push(await settle(kwik({ fetch: async () => new Response("{", { status: 200, headers: { "content-type": "application/json" } }) }).listOrders()));
      const bearer = createPaywayClient({ baseUrl: hangUrl, auth: { token: () => TOKEN }, timeoutMs: 100 });
      outcomes.push(await settle(bearer.createOrder({ body: exampleInit("payway", "createOrder").body as never })));
      outcomes.push(...events, bearer, kwik({}));
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
    expect(outcomes.slice(0, 5).every((o) => o instanceof ApiClientError)).toBe(true);
    expect(outcomes.slice(0, 5).map((o) => (o as Error).name)).toEqual(["RequestTimeoutError", "NetworkError", "UnexpectedStatusError", "InvalidResponseError", "RequestTimeoutError"]);
    for (const outcome of outcomes) {
      const text = render(outcome);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
