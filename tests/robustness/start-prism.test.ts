// Every caller of startPrism (scripts/mock/prism.ts) — the mock, `npm start`, the test suites'
// global setups, the benchmarks — gets a Prism in a supervised mock host, behind the request
// guard, without doing anything for it: a caller that is SIGKILLed (a vitest run killed by an IDE or a CI
// cancel, whose teardown never runs) leaves neither Prism nor its port behind.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { API_NAMES } from "../../scripts/apis/list.js";
import { GUARD_HEADER } from "../../scripts/mock/guard/index.js";
import { isAlive } from "../../scripts/process/process-tree.js";
import { exitsWithin, killQuietly, portsStillHeld, waitForLine } from "./fixtures/net.js";

const CALLER = fileURLToPath(new URL("./fixtures/prism-caller.ts", import.meta.url));
const CLEANUP_BUDGET_MS = 5000;
const started: Array<number | undefined> = [];
afterEach(() => {
  for (const pid of started.splice(0)) killQuietly(pid);
});

describe("startPrism", () => {
  it("runs Prism behind the guard, and a SIGKILLed caller leaves no Prism and no port behind", async () => {
    const api = API_NAMES[0]!;
    const caller = spawn(process.execPath, ["--import", "tsx", CALLER, api], { stdio: ["ignore", "pipe", "inherit"] });
    started.push(caller.pid);
    const ready = JSON.parse((await waitForLine(caller.stdout!, /READY (\{.*\})\n/, 120_000))[1]!) as { url: string; prismUrl: string; pid: number };
    started.push(ready.pid);
    expect(ready.url).not.toBe(ready.prismUrl);

    // The public URL is the guard's: a malformed escape anywhere is its own 400, whatever the API.
    const refused = await fetch(`${ready.url}/%ZZ`, { signal: AbortSignal.timeout(30_000) });
    expect(refused.status).toBe(400);
    expect(refused.headers.get(GUARD_HEADER)).toBe("malformed_percent_escape");

    const ports = [ready.url, ready.prismUrl].map((url) => Number(new URL(url).port));
    caller.kill("SIGKILL");
    expect(await portsStillHeld(ports, CLEANUP_BUDGET_MS), "ports still held after the caller's SIGKILL").toEqual([]);
    expect(await exitsWithin(ready.pid, CLEANUP_BUDGET_MS, isAlive), "Prism outlived its caller").toBe(true);
  });
});
