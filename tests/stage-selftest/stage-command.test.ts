// `npm run test:stage` (scripts/stage/run.ts) as a developer runs it, in one child process against
// local upstreams that misbehave: one API's upstream redirects, the others' echo every credential
// they receive. Its exit code and everything it prints are checked. (stage-selftest.test.ts proves
// the same parts in-process; this file runs beside it.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_NAMES } from "../../scripts/apis/spec-files.js";
import { leaks, startRecorder } from "./leak-checks.js";
import { runStageCommand, type StageRun } from "./run-suite.js";
import { SELFTEST_CREDENTIALS, startUpstream, type Upstream } from "./upstream.js";

describe("npm run test:stage, end to end (one child run)", () => {
  let run: StageRun;
  let end: Awaited<ReturnType<typeof startRecorder>>;
  let redirector: Upstream;
  let echoer: Upstream;
  const redirecting = API_NAMES[0]!;
  beforeAll(async () => {
    end = await startRecorder();
    // One API's upstream redirects, the others' echo every credential in a 401.
    redirector = await startUpstream({ redirectTo: end.url });
    echoer = await startUpstream({ echoCredentials: true });
    const prefix = `${redirecting.toUpperCase()}_`;
    const env: Record<string, string> = { ...SELFTEST_CREDENTIALS };
    for (const [key, value] of Object.entries(echoer.env)) if (!key.startsWith(prefix)) env[key] = value;
    for (const [key, value] of Object.entries(redirector.env)) if (key.startsWith(prefix)) env[key] = value;
    // Bad inputs are sent too: a few, quickly.
    run = await runStageCommand({ env, args: ["--negatives", "--max-negatives", "4", "--rate", "20"] });
  }, 300_000);
  afterAll(async () => { await Promise.all([redirector?.close(), echoer?.close(), end?.close()]); });
  const output = () => `${run.stdout}\n${run.stderr}`;

  it("fails, naming the redirect's status and Location, and the redirect target receives nothing", () => {
    expect(run.code, output().slice(-3000)).not.toBe(0);
    expect(output()).toContain(`${redirecting}: the stage upstream answered`);
    expect(output()).toContain(" 307 → ");
    expect(output()).toContain(end.url);
    expect(end.received).toEqual([]);
  });

  it("prints none of the echoed credentials", () => {
    expect(echoer.misbehaved.length, "the echoing upstream was never called").toBeGreaterThan(0);
    expect(output()).toContain("401");
    expect(leaks(output())).toEqual([]);
  });

  it("sends a bounded number of bad inputs to the vendors and reports what they did", () => {
    const line = /bad inputs sent to vendors: (\d+) \(rejected (\d+), accepted (\d+), inconclusive (\d+)\)/.exec(output());
    expect(line, output().slice(-3000)).not.toBeNull();
    expect(Number(line![1])).toBeGreaterThan(0);
    expect(Number(line![1])).toBeLessThanOrEqual(4);
  });

  it("skips operations that change existing stage data, with the reason", () => {
    expect(output()).toMatch(/happy paths skipped: .* so it changes existing stage data: run with --mutating/);
  });
});
