// The request guard in front of a real Prism (BillPro, the API with a path parameter): the
// requests that crash or starve Prism 5.14.2 get the guard's own 400/413 naming the problem,
// everything else is Prism's answer, and the mock keeps serving.
import { createServer, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDepthScanner, createParameterChecker, findMalformedEscape, GUARD_HEADER, startGuard, type Guard } from "../../scripts/mock/guard/index.js";
import { loadSpecDocument, startPrism, type RunningPrism } from "./fixtures/prism.js";

const AUTH = { authorization: "Bearer mock-token" };
const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);

describe("malformed percent-escapes", () => {
  it("finds bad hex and escapes that are not UTF-8, anywhere in the target", () => {
    expect(findMalformedEscape("/orders/%ZZ")).toMatchObject({ text: "%ZZ", offset: 8 });
    expect(findMalformedEscape("/orders/%E0%A4%A")?.text).toBe("%A");
    expect(findMalformedEscape("/orders/1?x=%E0%A4")?.reason).toContain("UTF-8");
    expect(findMalformedEscape("/orders/%")?.text).toBe("%");
    expect(findMalformedEscape("/orders/586?profile_id=1&q=%C3%A9%20x")).toBeNull();
  });
});

describe("JSON depth scanner", () => {
  it("counts brackets outside strings only, across chunks", () => {
    const scanner = createDepthScanner(3);
    expect(scanner.push(Buffer.from('{"a":"[[[[[[\\"[[[","b":[['))).toBe(true);
    expect(scanner.push(Buffer.from("1]]}"))).toBe(true);
    expect(scanner.maxSeen).toBe(3);
    expect(createDepthScanner(3).push(Buffer.from(nested(4)))).toBe(false);
  });
});

describe("blank parameter values", () => {
  const checker = createParameterChecker({
    openapi: "3.1.0",
    paths: {
      "/items/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
        get: { parameters: [{ $ref: "#/components/parameters/Tag" }, { name: "note", in: "query", schema: { type: "string" } }] },
      },
      "/items/latest": { get: {} },
    },
    components: { parameters: { Tag: { name: "tag", in: "query", schema: { type: "string", minLength: 1 } } } },
  });
  it("refuses blank values the schema refuses, and only those", () => {
    expect(checker.check("GET", "/items/%20")?.message).toMatch(/path parameter 'id' .* blank/);
    expect(checker.check("GET", "/items/")?.message).toMatch(/path parameter 'id' .* empty/);
    expect(checker.check("GET", "/items/7?tag=")?.message).toMatch(/query parameter 'tag' .* empty/);
    expect(checker.check("GET", "/items/7?note=")).toBeNull(); // a string without bounds takes ""
    expect(checker.check("GET", "/items/abc")).toBeNull(); // not blank: Prism's call
    expect(checker.check("GET", "/items/latest?tag=")).toBeNull(); // the literal route wins
  });
});

describe("guard in front of prism mock (billpro)", () => {
  let prism: RunningPrism;
  let guard: Guard;
  let stop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    prism = await startPrism("billpro");
    guard = await startGuard({ document: loadSpecDocument("billpro"), target: { host: "127.0.0.1", port: prism.port } });
    stop = async () => { await guard.close(); await prism.stop(); };
  });
  afterAll(() => stop());

  const get = (path: string) => fetch(`${guard.url}${path}`, { headers: AUTH, signal: AbortSignal.timeout(30_000) });
  const expectRefusal = async (response: Response, status: number, code: string, mention: string) => {
    const body = await response.json() as { error: { code: string; message: string } };
    expect(response.status).toBe(status);
    expect(response.headers.get(GUARD_HEADER)).toBe(code);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toContain(mention);
  };
  const expectServing = async () => {
    const response = await get("/orders/586");
    expect(response.status, `the mock stopped serving:\n${prism.output.join("").slice(-1000)}`).toBe(200);
    expect(response.headers.get(GUARD_HEADER)).toBeNull();
  };

  it("passes good requests through to Prism unchanged", async () => {
    const response = await get("/orders/586?profile_id=1");
    expect(response.status).toBe(200);
    const direct = await fetch(`${prism.url}/orders/586?profile_id=1`, { headers: AUTH });
    expect(await response.json()).toEqual(await direct.json());
    const unauthorised = await fetch(`${guard.url}/orders/586`);
    expect(unauthorised.status).toBe(401); // Prism's own answer
  });

  it("answers malformed percent-escapes with 400 naming them, and Prism keeps serving", async () => {
    await expectRefusal(await get("/orders/%ZZ"), 400, "malformed_percent_escape", "'%ZZ'");
    await expectRefusal(await get("/orders/%E0%A4%A"), 400, "malformed_percent_escape", "'%A");
    await expectRefusal(await get("/orders/586?profile_id=%ZZ"), 400, "malformed_percent_escape", "'%ZZ'");
    await expectServing();
  });

  it("answers empty or blank parameter values the schema refuses with 400 naming the parameter", async () => {
    await expectRefusal(await get("/orders/586?profile_id="), 400, "invalid_parameter", "query parameter 'profile_id'");
    await expectRefusal(await get("/orders/%20"), 400, "invalid_parameter", "path parameter 'id'");
    await expectServing();
  });

  it("refuses a body over 1 MB with 413, with and without Content-Length", async () => {
    const big = JSON.stringify({ note: "x".repeat(2 * 1024 * 1024) });
    const withLength = await fetch(`${guard.url}/orders/create_single_order`, { method: "POST", headers: { ...AUTH, "content-type": "application/json" }, body: big });
    await expectRefusal(withLength, 413, "body_too_large", "1048576 bytes");
    const chunked = await fetch(`${guard.url}/orders/create_single_order`, {
      method: "POST", headers: { ...AUTH, "content-type": "application/json" }, duplex: "half",
      body: new Blob([big]).stream(),
    } as RequestInit);
    await expectRefusal(chunked, 413, "body_too_large", "1048576 bytes");
    await expectServing();
  });

  it("refuses JSON nested deeper than the bound with 400, while good requests keep being answered", async () => {
    await expectRefusal(await fetch(`${guard.url}/orders/create_single_order`, {
      method: "POST", headers: { ...AUTH, "content-type": "application/json" }, body: nested(100),
    }), 400, "json_too_deep", "deeper than 64 levels");

    // A hostile 2 MB nested body, sent slowly and still in flight while a good request is made.
    const hostile = new Promise<number>((resolve, reject) => {
      const req = request(`${guard.url}/orders/create_single_order`, { method: "POST", headers: { ...AUTH, "content-type": "application/json" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" || (error as NodeJS.ErrnoException).code === "EPIPE" ? resolve(-1) : reject(error)));
      req.write("[".repeat(32));
      setTimeout(() => req.end(nested(1_000_000).slice(32)), 200);
    });
    await expectServing();
    expect([400, -1]).toContain(await hostile);
    expect(guard.refused["json_too_deep"]).toBeGreaterThanOrEqual(2);
    await expectServing();
  });

  it("does not count brackets inside strings", async () => {
    const response = await fetch(`${guard.url}/orders/create_single_order`, {
      method: "POST", headers: { ...AUTH, "content-type": "application/json" }, body: JSON.stringify({ note: nested(200) }),
    });
    expect(response.headers.get(GUARD_HEADER)).toBeNull(); // Prism's answer (the body is not a valid order)
    expect(response.status).toBeLessThan(500);
  });
});

describe("why the guard exists", () => {
  it("an unguarded Prism 5.14.2 dies on GET /orders/%ZZ (if this starts failing, Prism was fixed)", async () => {
    const prism = await startPrism("billpro");
    try {
      await fetch(`${prism.url}/orders/%ZZ`, { headers: AUTH, signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
      const exited = await new Promise<boolean>((resolve) => {
        if (prism.child.exitCode !== null) return resolve(true);
        const timer = setTimeout(() => resolve(false), 30_000);
        prism.child.once("exit", () => { clearTimeout(timer); resolve(true); });
      });
      expect(exited, prism.output.join("")).toBe(true);
      expect(prism.output.join("")).toContain("URIError");
    } finally {
      await prism.stop();
    }
  });
});

// Keep-alive on both of the guard's sides: a socket is dropped by the side that reuses it, before the
// other side closes it, so no request goes out on a socket that is closing.
describe("guard keep-alive", () => {
  it("tells clients it keeps an idle connection for 65 s", async () => {
    const upstream = createServer((_req, res) => res.end("{}"));
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const guard = await startGuard({ document: loadSpecDocument("billpro"), target: { host: "127.0.0.1", port: (upstream.address() as { port: number }).port } });
    try {
      const response = await fetch(`${guard.url}/orders/586`, { headers: AUTH, signal: AbortSignal.timeout(30_000) });
      await response.text();
      expect(response.headers.get("keep-alive")).toBe("timeout=65");
    } finally {
      await guard.close();
      upstream.closeAllConnections();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });

  it("drops an idle socket to its upstream a second before the upstream's announced timeout", async () => {
    let connections = 0;
    const upstream = createServer((_req, res) => res.end("{}"));
    upstream.keepAliveTimeout = 2000; // announced as Keep-Alive: timeout=2
    upstream.on("connection", () => connections++);
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const guard = await startGuard({ document: loadSpecDocument("billpro"), target: { host: "127.0.0.1", port: (upstream.address() as { port: number }).port } });
    const get = async () => (await fetch(`${guard.url}/orders/586`, { headers: AUTH, signal: AbortSignal.timeout(30_000) })).text();
    try {
      await get();
      // Past the guard's 1 s, before the upstream's 2 s: the guard must not reuse the socket. (A machine too
      // busy to wake within the second lets the upstream close it first, and the test then passes either way.)
      await new Promise((resolve) => setTimeout(resolve, 1400));
      await get();
      expect(connections).toBe(2);
    } finally {
      await guard.close();
      upstream.closeAllConnections();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});
