// Proves the stage mode of the contract suite without the internet: the suite, run exactly as
// `npm run test:stage` runs it (its own vitest process, CONTRACT_TARGET=stage), is pointed through
// its base-URL variables at local upstreams that play the four vendors' stage servers. It must
// pass while an upstream answers as the specs say, fail — naming the violation — on every drift
// an upstream injects, and skip (not pass) an API without credentials.
// The runs are independent (one upstream each) but run one after another: each starts five Prism
// proxies, and side by side on a 2-core machine they starve each other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_NAMES } from "../../scripts/apis/spec-files.js";
import { runStageSuite, type SuiteRun, type TestOutcome } from "./run-suite.js";
import { DRIFT_KINDS, SELFTEST_CREDENTIALS, startUpstream, type DriftKind, type Upstream } from "./upstream.js";

interface Scenario {
  upstream: Upstream;
  run: SuiteRun;
}

const upstreams: Upstream[] = [];
const scenarios = new Map<string, Scenario>();

/**
 * credentials: "all" — every variable; "client" — Payway without an access token, so the suite
 * must get one from the token endpoint first; "none" — no credentials at all.
 */
async function scenario(name: string, drift: DriftKind, options: { credentials: "all" | "client" | "none"; testNamePattern?: string }): Promise<void> {
  const upstream = await startUpstream({ drift });
  upstreams.push(upstream);
  const { PAYWAY_ACCESS_TOKEN: _token, ...clientOnly } = SELFTEST_CREDENTIALS;
  const credentials = options.credentials === "all" ? SELFTEST_CREDENTIALS : options.credentials === "client" ? clientOnly : {};
  const run = await runStageSuite({
    env: { ...credentials, ...upstream.env },
    files: ["contract.test.ts"],
    ...(options.testNamePattern ? { testNamePattern: options.testNamePattern } : {}),
  });
  scenarios.set(name, { upstream, run });
}

beforeAll(async () => {
  await scenario("conformant", "none", { credentials: "client" });
  // Drifts are injected into success responses, which only the happy paths receive. Payway's
  // token is given, so that a drifting token endpoint fails its own test, not the set-up.
  for (const kind of DRIFT_KINDS) await scenario(kind, kind, { credentials: "all", testNamePattern: "happy path" });
  await scenario("no credentials", "none", { credentials: "none" });
}, 900_000);
afterAll(async () => { await Promise.all(upstreams.map((u) => u.close())); });

const get = (name: string) => {
  const found = scenarios.get(name);
  if (!found) throw new Error(`scenario ${name} did not run`);
  return found;
};
const summary = (run: SuiteRun) => `${run.stdout.slice(-4000)}\n${run.stderr.slice(-2000)}`;
const happyTests = (run: SuiteRun) => run.tests.filter((t) => / > happy path: /.test(t.name));
/** The tests of one operation: "<api> > <operationId> (METHOD path) > …". */
const testsOf = (tests: TestOutcome[], api: string, operationId: string) => tests.filter((t) => t.name.startsWith(`${api} > ${operationId} (`));

describe("stage mode, against a local upstream", () => {
  it("passes while the upstream answers as the specs say, with every API's traffic through the proxies (Payway's token fetched first)", () => {
    const { upstream, run } = get("conformant");
    const failed = run.tests.filter((t) => t.status === "failed");
    expect(failed.map((t) => `${t.name}\n${t.messages.join("\n").slice(0, 800)}`), summary(run)).toEqual([]);
    expect(run.code, summary(run)).toBe(0);
    expect(run.tests.filter((t) => t.status === "passed").length).toBeGreaterThan(0);
    // Nothing skipped: every API had credentials and a (local) stage server.
    expect(run.tests.filter((t) => t.status !== "passed").map((t) => t.name)).toEqual([]);
    for (const api of API_NAMES) expect(upstream.requests[api], `no ${api} request reached the upstream`).toBeGreaterThan(0);
    const line = /bad inputs: (\d+) tried, (\d+) rejected/.exec(run.stdout);
    expect(line, "the suite did not print its bad-inputs line").not.toBeNull();
    expect(Number(line![1])).toBeGreaterThan(0);
    expect(line![2]).toBe(line![1]);
  });

  for (const kind of DRIFT_KINDS) {
    it(`catches every injected drift: ${kind}`, () => {
      const { upstream, run } = get(kind);
      const injected = upstream.injections.filter((i) => i.applied);
      const notApplicable = upstream.injections.filter((i) => !i.applied);
      if (notApplicable.length) {
        console.log(`${kind}: not applicable to ${[...new Set(notApplicable.map((i) => `${i.api}.${i.operationId} (${i.detail})`))].join(", ")}`);
      }
      expect(injected.length, `no ${kind} drift could be injected at all`).toBeGreaterThan(0);
      expect(run.code, "a run with drifting responses must fail").not.toBe(0);

      for (const injection of injected) {
        const tests = testsOf(happyTests(run), injection.api, injection.operationId);
        expect(tests.length, `no happy-path test ran for ${injection.api}.${injection.operationId}`).toBeGreaterThan(0);
        for (const test of tests) {
          const text = test.messages.join("\n");
          expect(test.status, `${test.name} passed although its response drifted (${kind}: ${injection.detail})`).toBe("failed");
          for (const word of injection.mustMention) {
            expect(text, `${test.name} failed without naming the drift (${kind}: ${injection.detail})`).toContain(word);
          }
        }
      }
      // A happy path fails only where a drift was injected: a failure for any other reason
      // would mean the drift run proves nothing.
      const driftedOps = new Set(injected.map((i) => `${i.api} > ${i.operationId} (`));
      for (const test of happyTests(run).filter((t) => t.status === "failed")) {
        expect([...driftedOps].some((prefix) => test.name.startsWith(prefix)), `${test.name} failed without a drift:\n${test.messages.join("\n").slice(0, 800)}`).toBe(true);
      }
    });
  }

  it("skips every API without credentials, with the reason, instead of passing it", () => {
    const { run } = get("no credentials");
    expect(run.code, summary(run)).toBe(0);
    expect(run.tests.length).toBeGreaterThan(0);
    expect(run.tests.filter((t) => t.status !== "skipped").map((t) => t.name)).toEqual([]);
    for (const api of API_NAMES) {
      expect(run.stdout).toContain(`${api} skipped: no stage credentials: set ${api.toUpperCase()}_`);
      expect(run.tests.find((t) => t.name.startsWith(`${api} (skipped: no stage credentials`)), `${api}'s tests do not carry the reason`).toBeDefined();
    }
  });
});
