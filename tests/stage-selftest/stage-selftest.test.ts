// Proves the stage mode of the contract suite without the internet, against local upstreams that
// play the vendors' stage servers (tests/stage-selftest/upstream.ts).
//
// In-process (fast: one set of stage chains, prism proxy --errors → upstream guard → upstream,
// started once with the suite's own setup, and the suite's own checks from
// tests/contract/lib/checks.ts): the happy paths pass while the upstream answers as the specs
// say; every drift the upstream injects is caught and named; a redirect fails with its status and
// Location and the redirect target receives nothing; an upstream that echoes credentials gets
// none of them printed; with no credentials, `test:stage` fails and says what to set.
//
// One child run of `npm run test:stage` itself (scripts/stage/run.ts) proves the same end to end
// (stage-command.test.ts, a file of its own so that it runs beside this one).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { HappyRequest, OperationRecord } from "../../scripts/apis/operations.js";
import { API_NAMES } from "../../scripts/apis/spec-files.js";
import { credentialReport, stageRedactor } from "../../scripts/stage/credentials.js";
import { workflowFiles } from "../../scripts/apis/workflow-files.js";
import { planFlow, runFlows } from "../../scripts/stage/flows.js";
import { main as stageMain } from "../../scripts/stage/run.js";
import { happyPathProblem, takeUpstreamEvents } from "../contract/lib/checks.js";
import { planApi, type ApiPlan } from "../contract/lib/plan.js";
import { createSession, obtainToken, tokenOperation, type ApiSession } from "../contract/lib/session.js";
import { startStageTargets, type StageTargets } from "../../scripts/stage/chains.js";
import { DRIFT_KINDS, SELFTEST_CREDENTIALS, startUpstream, type Upstream } from "./upstream.js";
import { leaks, startRecorder } from "./leak-checks.js";

interface Result { api: string; operationId: string; example: string; problem: string | null }

const { PAYWAY_ACCESS_TOKEN: _token, ...clientOnly } = SELFTEST_CREDENTIALS;
let upstream: Upstream;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let stage: StageTargets;
const apis: Array<{ api: string; plan: ApiPlan; session: ApiSession; token?: OperationRecord }> = [];

beforeAll(async () => {
  // The redactor of printed exchanges reads the run's credentials from the environment, as it
  // does under `test:stage`.
  Object.assign(process.env, SELFTEST_CREDENTIALS);
  recorder = await startRecorder();
  upstream = await startUpstream();
  // Payway without an access token: the suite must get one from the token endpoint first.
  stage = await startStageTargets(API_NAMES, { ...clientOnly, ...upstream.env });
  for (const api of API_NAMES) {
    const plan = planApi(api);
    const target = stage.targets[api]!;
    const session = createSession(plan, target, "stage");
    if (!target.auth && target.client) session.setAuth(await obtainToken(plan, target, session));
    const token = tokenOperation(plan);
    apis.push({ api, plan, session, ...(token ? { token } : {}) });
  }
}, 180_000);
afterAll(async () => {
  await stage?.close();
  await Promise.all([upstream?.close(), recorder?.close()]);
});

/** Every happy path of every API, judged by the suite's own check. */
async function runHappyPaths(): Promise<Result[]> {
  const results: Result[] = [];
  for (const { api, plan, session, token } of apis) {
    for (const { op, happy } of plan.operations) {
      for (const example of happy as HappyRequest[]) {
        const problem = await happyPathProblem(plan, session, stage.targets[api]!, "stage", op, example, { isToken: op === token });
        results.push({ api, operationId: op.operationId, example: example.name, problem });
      }
    }
  }
  return results;
}
const show = (results: Result[]) => results.filter((r) => r.problem).map((r) => `${r.api}.${r.operationId} (${r.example}): ${r.problem!.slice(0, 600)}`);

describe("stage mode, in-process against a local upstream", () => {
  it("passes while the upstream answers as the specs say, with every API's traffic through the chains", async () => {
    upstream.setDrift("none");
    upstream.setMisbehaviour({});
    const results = await runHappyPaths();
    expect(show(results)).toEqual([]);
    expect(results.length).toBeGreaterThan(API_NAMES.length);
    for (const api of API_NAMES) expect(upstream.requests[api], `no ${api} request reached the upstream`).toBeGreaterThan(0);
  });

  for (const kind of DRIFT_KINDS) {
    it(`catches every injected drift: ${kind}`, async () => {
      upstream.setMisbehaviour({});
      upstream.setDrift(kind);
      const results = await runHappyPaths();
      const injected = upstream.injections.filter((i) => i.applied);
      upstream.setDrift("none");
      expect(injected.length, `no ${kind} drift could be injected at all`).toBeGreaterThan(0);
      for (const injection of injected) {
        const mine = results.filter((r) => r.api === injection.api && r.operationId === injection.operationId);
        expect(mine.length, `no happy path ran for ${injection.api}.${injection.operationId}`).toBeGreaterThan(0);
        for (const r of mine) {
          expect(r.problem, `${r.api}.${r.operationId} passed although its response drifted (${kind}: ${injection.detail})`).not.toBeNull();
          for (const word of injection.mustMention) expect(r.problem, `${r.api}.${r.operationId} failed without naming the drift (${kind}: ${injection.detail})`).toContain(word);
        }
      }
      // A happy path fails only where a drift was injected: any other failure would mean the run proves nothing.
      const drifted = new Set(injected.map((i) => `${i.api}.${i.operationId}`));
      expect(results.filter((r) => r.problem && !drifted.has(`${r.api}.${r.operationId}`)).map((r) => `${r.api}.${r.operationId}: ${r.problem}`)).toEqual([]);
    });
  }

  it("fails on an upstream redirect, naming its status and Location, and sends nothing to the redirect target", async () => {
    upstream.setMisbehaviour({ redirectTo: recorder.url });
    const results = await runHappyPaths();
    upstream.setMisbehaviour({});
    expect(upstream.misbehaved.length === 0 || upstream.misbehaved.every((m) => m.kind === "redirect")).toBe(true);
    for (const r of results) {
      expect(r.problem, `${r.api}.${r.operationId} passed through a redirect`).not.toBeNull();
      expect(r.problem).toContain("redirect");
      expect(r.problem).toContain(" 307 → ");
      expect(r.problem).toContain(recorder.url);
    }
    expect(recorder.received, "the redirect target received requests").toEqual([]);
  });

  it("prints none of the credentials an upstream echoes back", async () => {
    upstream.setMisbehaviour({ echoCredentials: true });
    // The echo is real: the upstream does quote what it gets.
    const direct = await fetch(`${upstream.env["BILLPRO_BASE_URL"]}/orders/1`, { headers: { authorization: `Bearer ${SELFTEST_CREDENTIALS.BILLPRO_API_TOKEN}` } });
    expect(await direct.text()).toContain(SELFTEST_CREDENTIALS.BILLPRO_API_TOKEN);
    const results = await runHappyPaths();
    upstream.setMisbehaviour({});
    expect(results.every((r) => r.problem !== null)).toBe(true);
    const printed = results.map((r) => r.problem).join("\n");
    expect(printed).toContain("401");
    expect(printed).toContain("[REDACTED]");
    expect(leaks(printed)).toEqual([]);
  });
});

describe("stage flows (test:stage --flows), in-process against the same chains", () => {
  // All files in one Respect run, as test:stage --flows runs them.
  const runAll = () => {
    const plans = API_NAMES.flatMap((api) => workflowFiles(api).map(({ file }) => planFlow(file, stage.targets[api]!)));
    return runFlows(plans, stageRedactor(process.env));
  };

  it("runs every workflow with redocly respect through the proxies, step by step, printing no credential", async () => {
    upstream.setDrift("none");
    upstream.setMisbehaviour({});
    const before = { ...upstream.requests };
    const run = await runAll();
    expect(run.files.length).toBeGreaterThanOrEqual(API_NAMES.length);
    expect(run.code, run.output.slice(-3000)).toBe(0);
    for (const file of run.files) expect(file, run.output.slice(-3000)).toMatchObject({ passed: true, workflows: expect.any(Number) });
    expect(run.output).toMatch(/✓ .* - step /);
    expect(leaks(run.output)).toEqual([]);
    for (const api of API_NAMES) expect(upstream.requests[api]!, `no ${api} flow request reached the upstream`).toBeGreaterThan(before[api]!);
  });

  it("fails a workflow on an upstream redirect, records it, and sends nothing to the redirect target", async () => {
    upstream.setMisbehaviour({ redirectTo: recorder.url });
    const run = await runAll();
    upstream.setMisbehaviour({});
    expect(run.code).not.toBe(0);
    for (const file of run.files) expect(file.passed, `${file.file} passed through a redirect`).toBe(false);
    const events = API_NAMES.flatMap((api) => takeUpstreamEvents(stage.targets[api]!)).filter((e) => e.kind === "redirect");
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]!.message).toContain(recorder.url);
    expect(recorder.received).toEqual([]);
  });
});

describe("stage mode without credentials", () => {
  it("test:stage exits non-zero and says, per API, which variables to set", async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => { errors.push(args.join(" ")); });
    let code: number;
    try { code = await stageMain([], {}); } finally { spy.mockRestore(); }
    expect(code).not.toBe(0);
    const text = errors.join("\n");
    expect(text).toContain("no stage credentials are set for any API");
    for (const api of API_NAMES) expect(text).toMatch(new RegExp(`${api}: [A-Z][A-Z0-9_]+`));
  });

  it("reports an API without credentials as skipped, with the variables to set, and starts nothing for it", async () => {
    const some = credentialReport({ BILLPRO_API_TOKEN: "x" }, API_NAMES);
    expect(some.error).toBeNull();
    expect(some.skipped.map((s) => s.api)).toEqual(API_NAMES.filter((a) => some.configured.indexOf(a) < 0));
    const none = await startStageTargets(API_NAMES, {});
    try {
      for (const api of API_NAMES) expect(none.targets[api]?.skip).toMatch(/^no stage credentials: set [A-Z]/);
      expect(none.log.filter((l) => l.includes("SKIPPED")).length).toBe(API_NAMES.length);
    } finally {
      await none.close();
    }
  });
});
