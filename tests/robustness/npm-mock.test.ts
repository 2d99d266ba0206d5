// The real `npm run mock`, killed the ways users and tools kill it: SIGTERM or SIGKILL to the npm
// pid (an IDE stop button, `timeout npm run mock`), SIGKILL to the script itself, a closed stdout
// (`npm run mock | head`). Whatever the way, every process it started is gone and every port is
// free within the 5 s budget; a closed stdout is not a crash. And the request guard in
// front of the real mock: `GET /orders/%ZZ` (which kills a bare Prism 5.14.2) gets a 400 naming
// the escape, and the mock keeps serving. (A stopped mock host: npm-mock-health.test.ts.)
// One API per run (--apis) keeps this affordable on a busy 2-core machine; the waits for start-up
// are generous, and no assertion is about how long anything took, only about what is left at the
// deadline.
import { describe, expect, it } from "vitest";
import { isAlive } from "../../scripts/process/process-tree.js";
import { AUTH, expectAllGone, startBillproMock as startMock } from "./fixtures/npm-run.js";

describe("npm run mock", () => {
  const get = (url: string) => fetch(url, { headers: AUTH, signal: AbortSignal.timeout(30_000) });

  it("answers GET /orders/%ZZ and blank values with the guard's 400, keeps serving, and stops everything on SIGTERM to npm", async () => {
    const { run, port, url } = await startMock();
    const escape = await get(`${url}/orders/%ZZ`);
    expect(escape.status).toBe(400);
    expect(((await escape.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "malformed_percent_escape", message: expect.stringContaining("'%ZZ'") });
    for (const blank of ["/orders/%20", "/orders/586?profile_id="]) {
      const response = await get(`${url}${blank}`);
      expect(response.status, blank).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code, blank).toBe("invalid_parameter");
    }
    expect((await get(`${url}/orders/586`)).status, "the mock stopped serving").toBe(200);
    // The refusal is logged in the mock's terminal with its reason.
    await run.output.waitFor(/\[billpro\] guard: 400 GET \/orders\/%ZZ .*malformed percent-escape/, 10_000);

    run.npm.kill("SIGTERM");
    await expectAllGone(run, [port], "after SIGTERM to npm");
  });

  it("stops everything when npm is SIGKILLed", async () => {
    const { run, port } = await startMock();
    run.npm.kill("SIGKILL");
    await expectAllGone(run, [port], "after SIGKILL to npm");
  });

  it("survives a closed stdout (| head): keeps serving, and SIGKILL to npm still stops everything", async () => {
    const { run, port, url } = await startMock();
    run.npm.stdout!.destroy();
    // Each refused request makes the mock log a line to its closed stdout.
    for (let i = 0; i < 3; i++) expect((await get(`${url}/orders/%ZZ`)).status).toBe(400);
    expect((await get(`${url}/orders/586`)).status, "the mock stopped serving after its stdout closed").toBe(200);
    expect(run.tree.every((p) => isAlive(p.pid)), "a process died of the closed stdout").toBe(true);
    run.npm.kill("SIGKILL");
    await expectAllGone(run, [port], "after SIGKILL to npm (stdout closed)");
  });
});
