// Stage-mode safety (scripts/stage): Prism's proxy must never carry credentials to a redirect
// target, nothing printed may contain a credential, and a stage run with no credentials fails.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialReport, stageRedactor } from "../../scripts/stage/credentials.js";
import { createNegativeBudget, formatFindings, judgeVendor, negativeOptionsFromEnv, type Finding } from "../../scripts/stage/negatives.js";
import { createRedactor, REDACTED } from "../../scripts/stage/redact.js";
import { parseStageArgs } from "../../scripts/stage/run.js";
import { mergeByName } from "../../scripts/apis/merge-respect-lists.js";
import { startUpstreamGuard, UPSTREAM_GUARD_HEADER } from "../../scripts/stage/upstream-guard.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OperationRecord } from "../../scripts/apis/operations.js";
import { readFindings } from "../../scripts/stage/negatives.js";
import { describeExchange, toExchange } from "../contract/lib/exchange.js";
import type { ApiPlan } from "../contract/lib/plan.js";
import { createSession, sendNegativeToVendor } from "../contract/lib/session.js";
import { GUARD_HEADER, startGuard } from "../../scripts/mock/guard/index.js";
import { loadSpecDocument, startBarePrisms, type RunningPrism } from "./fixtures/prism.js";
import { startEcho, startRecorder, startRedirector, type FakeServer } from "./fixtures/upstreams.js";

const TOKEN = "SECRETbillproTOKEN7f3a";
const CLIENT_SECRET = "SECRETpw CLIENT/secret+8d";
const ORDER = { currency: "EUR", amount: "20.00" };

const servers: FakeServer[] = [];
afterAll(async () => { await Promise.all(servers.splice(0).map((s) => s.close())); });
async function redirectPair() {
  const target = await startRecorder();
  const redirector = await startRedirector(target.url);
  servers.push(target, redirector);
  return { target, redirector };
}

describe("redaction", () => {
  const redact = createRedactor([TOKEN, CLIENT_SECRET], [["pk_user", "sk SECRET"]]);
  it("removes each secret in every form it travels in", () => {
    const basic = Buffer.from("pk_user:sk SECRET").toString("base64");
    const samples = [
      `got Bearer ${TOKEN}`,
      `Authorization: Basic ${basic}`,
      `client_secret=${encodeURIComponent(CLIENT_SECRET)}`,
      `client_secret=${new URLSearchParams({ a: CLIENT_SECRET }).toString().slice(2)}`,
      JSON.stringify({ got: CLIENT_SECRET }),
      `b64 ${Buffer.from(TOKEN).toString("base64")} and url ${Buffer.from(TOKEN).toString("base64url")}`,
    ];
    for (const sample of samples) {
      const out = redact(sample);
      expect(out).toContain(REDACTED);
      for (const leak of [TOKEN, CLIENT_SECRET, encodeURIComponent(CLIENT_SECRET), basic, Buffer.from(TOKEN).toString("base64")]) expect(out).not.toContain(leak);
    }
  });
  it("removes credential-shaped values that are in no variable (a token issued at run time)", () => {
    const out = redact('{"access_token":"eyJissued.at.runtime","token_type":"Bearer"} and Authorization: Bearer abc.def');
    expect(out).not.toContain("eyJissued");
    expect(out).not.toContain("abc.def");
    expect(out).toContain('"token_type"');
  });
  it("is built from the stage variables", () => {
    const env = { BILLPRO_API_TOKEN: TOKEN, KWIK_API_KEY: "kk", KWIK_API_SECRET: "ks-secret" };
    const out = stageRedactor(env)(`${TOKEN} ${Buffer.from("kk:ks-secret").toString("base64")} ks-secret`);
    expect(out).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
  });
});

describe("upstream guard", () => {
  it("never follows a redirect: a 307 becomes a 502 naming it, and nothing reaches the target", async () => {
    const { target, redirector } = await redirectPair();
    const guard = await startUpstreamGuard({ upstream: `${redirector.url}/api/v1`, label: "payway", redact: createRedactor([CLIENT_SECRET]) });
    try {
      const form = new URLSearchParams({ client_id: "id", client_secret: CLIENT_SECRET, grant_type: "none" }).toString();
      const response = await fetch(`${guard.url}/api/authorization/access_token`, {
        method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-www-form-urlencoded" }, body: form,
      });
      const text = await response.text();
      expect(response.status).toBe(502);
      expect(response.headers.get(UPSTREAM_GUARD_HEADER)).toBe("upstream_redirect");
      expect(text).toContain("answered POST /api/v1/api/authorization/access_token with 307");
      expect(redirector.received.map((r) => r.url)).toEqual(["/api/v1/api/authorization/access_token"]);
      expect(target.received).toEqual([]);
      expect(guard.events).toHaveLength(1);
      expect(guard.events[0]).toMatchObject({ kind: "redirect", status: 307, label: "payway" });
    } finally {
      await guard.close();
    }
  });

  it("passes other answers through unchanged, and names an unreachable upstream", async () => {
    const recorder = await startRecorder();
    servers.push(recorder);
    const guard = await startUpstreamGuard({ upstream: `${recorder.url}/base/` });
    try {
      const response = await fetch(`${guard.url}/orders?x=1`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({});
      expect(recorder.received[0]).toMatchObject({ url: "/base/orders?x=1", body: "{}" });
      expect(recorder.received[0]!.headers.host).toBe(new URL(recorder.url).host);
    } finally {
      await guard.close();
    }
    const dead = await startUpstreamGuard({ upstream: "http://127.0.0.1:9/" });
    try {
      const response = await fetch(`${dead.url}/x`);
      expect(response.status).toBe(502);
      expect(response.headers.get(UPSTREAM_GUARD_HEADER)).toBe("upstream_unreachable");
    } finally {
      await dead.close();
    }
  });

  describe("behind a real `prism proxy --errors` (billpro)", () => {
    let pair: Awaited<ReturnType<typeof redirectPair>>;
    let unguarded: RunningPrism;
    let guarded: RunningPrism;
    let guard: Awaited<ReturnType<typeof startUpstreamGuard>>;
    beforeAll(async () => {
      pair = await redirectPair();
      guard = await startUpstreamGuard({ upstream: pair.redirector.url, label: "billpro" });
      [unguarded, guarded] = await startBarePrisms([
        { api: "billpro", mode: "proxy", upstream: pair.redirector.url, errors: true },
        { api: "billpro", mode: "proxy", upstream: guard.url, errors: true },
      ]) as [RunningPrism, RunningPrism];
    });
    afterAll(async () => {
      await Promise.all([unguarded?.stop(), guarded?.stop(), guard?.close()]);
    });
    const getOrder = (base: string) => fetch(`${base}/orders/586`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(60_000) });

    it("without the guard, Prism follows the 307 and sends the token to the target (the risk)", async () => {
      const before = pair.target.received.length;
      await getOrder(unguarded.url);
      const leaked = pair.target.received.slice(before);
      expect(leaked.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
    });

    it("with the guard, the request fails with the redirect named and the target receives nothing", async () => {
      const before = pair.target.received.length;
      const response = await getOrder(guarded.url);
      const text = await response.text();
      expect(response.status).not.toBeLessThan(300);
      expect(text).toContain("307");
      expect(pair.target.received.length - before).toBe(0);
      expect(guard.events.some((e) => e.kind === "redirect" && e.status === 307)).toBe(true);
    });

    it("the request guard also protects the proxy: %ZZ gets a 400 and the proxy keeps answering", async () => {
      const front = await startGuard({ document: loadSpecDocument("billpro"), target: { host: "127.0.0.1", port: guarded.port } });
      try {
        const refused = await fetch(`${front.url}/orders/%ZZ`, { headers: { authorization: `Bearer ${TOKEN}` } });
        expect(refused.status).toBe(400);
        expect(refused.headers.get(GUARD_HEADER)).toBe("malformed_percent_escape");
        const after = await getOrder(front.url);
        await after.text();
        expect(after.headers.get(GUARD_HEADER)).toBeNull();
        expect(guarded.child.exitCode).toBeNull();
      } finally {
        await front.close();
      }
    });
  });
});

describe("printing an exchange", () => {
  it("never prints an echoed credential", async () => {
    const echo = await startEcho();
    servers.push(echo);
    const previous = process.env["BILLPRO_API_TOKEN"];
    process.env["BILLPRO_API_TOKEN"] = TOKEN;
    try {
      const response = await fetch(`${echo.url}/orders/586`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const exchange = await toExchange(response);
      expect(exchange.bodyText).toContain(TOKEN); // the echo happened
      const printed = describeExchange(exchange);
      expect(printed).toContain("401");
      expect(printed).not.toContain(TOKEN);
      expect(printed).toContain(REDACTED);
    } finally {
      if (previous === undefined) delete process.env["BILLPRO_API_TOKEN"];
      else process.env["BILLPRO_API_TOKEN"] = previous;
    }
  });
});

describe("stage flows in one Respect run", () => {
  it("merge every file's inputs, and refuse a name two files give different values, naming the input and never a value", () => {
    const a = join(process.cwd(), "specs", "a", "a.arazzo.yaml");
    const b = join(process.cwd(), "specs", "b", "b.arazzo.yaml");
    expect(mergeByName("input", [[a, { token: TOKEN }], [b, { client_secret: CLIENT_SECRET, token: TOKEN }]])).toEqual({ token: TOKEN, client_secret: CLIENT_SECRET });
    let message = "";
    try {
      mergeByName("input", [[a, { token: TOKEN }], [b, { token: `${TOKEN}-other` }]]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('specs/b/b.arazzo.yaml: input "token" is also used by another workflow file with another value');
    expect(message).not.toContain(TOKEN);
  });
});

describe("stage run", () => {
  it("with no credentials for any API, exits non-zero and says what to set", async () => {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (!/^(BILLPRO|BACKD|PAYWAY|KWIK)_|^VITEST/.test(key)) env[key] = value;
    const runner = fileURLToPath(new URL("../../scripts/stage/run.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", runner], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c) => { stderr += String(c); });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    for (const name of ["BILLPRO_API_TOKEN", "BACKD_PUBLIC_KEY", "PAYWAY_CLIENT_SECRET", "KWIK_API_SECRET"]) expect(stderr).toContain(name);
  });

  it("with some credentials, reports the others as skipped", () => {
    const report = credentialReport({ BILLPRO_API_TOKEN: "t" });
    expect(report.error).toBeNull();
    expect(report.configured).toEqual(["billpro"]);
    expect(report.skipped.map((s) => s.api)).toEqual(["backd", "payway", "kwik"]);
  });

  it("sends bad inputs to vendors only with --negatives, bounded, and fails on findings only with --strict", async () => {
    expect(parseStageArgs([])).toMatchObject({ negatives: false, strict: false });
    expect(parseStageArgs(["--negatives", "--max-negatives", "3", "--rate", "2", "--strict", "billpro"]))
      .toEqual({ negatives: true, maxNegatives: 3, rate: 2, strict: true, filters: ["billpro"] });
    expect(() => parseStageArgs(["--strict"])).toThrow(/only applies with --negatives/);
    expect(() => parseStageArgs(["--max-negatives", "0"])).toThrow(/positive/);
    expect(negativeOptionsFromEnv({}).enabled).toBe(false);

    const budget = createNegativeBudget({ max: 2, perSecond: 1000 });
    expect([await budget.take(), await budget.take(), await budget.take()]).toEqual([true, true, false]);

    expect(judgeVendor(422)).toEqual({ kind: "rejected", status: 422 });
    expect(judgeVendor(201).kind).toBe("accepted");
    expect(judgeVendor(503).kind).toBe("inconclusive");
    const findings: Finding[] = [
      { api: "kwik", operationId: "createOrders", case: "minItems at body.records", verdict: judgeVendor(200) },
      { api: "kwik", operationId: "createOrders", case: "type at body.amount", verdict: judgeVendor(422) },
    ];
    const table = formatFindings(findings);
    expect(table).toContain("rejected 1, accepted 1");
    expect(table).toContain("| kwik | createOrders | minItems at body.records | 200 |");
    expect(table).toContain("422 × 1");
  });
});

describe("bad inputs on a vendor (--negatives)", () => {
  it("go to the vendor past the proxy, within the budget, and are recorded as findings", async () => {
    const vendor = await startRecorder(); // accepts everything: a vendor laxer than the spec
    servers.push(vendor);
    const dir = mkdtempSync(join(tmpdir(), "negatives-"));
    try {
      const findingsFile = join(dir, "findings.jsonl");
      const plan = { api: "billpro" } as ApiPlan;
      const op = { operationId: "getOrder", method: "get", path: "/orders/{id}" } as OperationRecord;
      const session = createSession(plan, { baseUrl: "http://127.0.0.1:9", vendorBaseUrl: vendor.url, auth: { token: TOKEN } }, "stage");
      const bad = { title: "type at path.id", request: { pathParams: { id: "abc" }, query: {}, mediaType: null } };
      const options = { enabled: true, max: 1, perSecond: 1000, strict: true, findingsFile };
      const budget = createNegativeBudget(options);

      const off = await sendNegativeToVendor(session, "billpro", op, bad, { options: { ...options, enabled: false }, budget });
      expect(off).toEqual({ skipped: "bad inputs are sent to a vendor only with --negatives" });
      const first = await sendNegativeToVendor(session, "billpro", op, bad, { options, budget });
      expect("verdict" in first && first.verdict).toEqual({ kind: "accepted", status: 200 });
      expect("failure" in first && first.failure).toContain("--strict");
      expect(vendor.received.map((r) => [r.url, r.headers.authorization])).toEqual([["/orders/abc", `Bearer ${TOKEN}`]]);
      const second = await sendNegativeToVendor(session, "billpro", op, bad, { options, budget });
      expect(second).toEqual({ skipped: "the run's budget of 1 bad inputs is spent" });
      expect(readFindings(findingsFile).map((f) => f.verdict.kind)).toEqual(["accepted"]);
      const mock = createSession(plan, { baseUrl: "http://127.0.0.1:9" }, "mock");
      expect(mock.callVendor).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
