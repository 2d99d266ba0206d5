// The real `npm run mock` with its mock host stopped (SIGSTOP, as a debugger would): the health
// check reports it, then its recovery after SIGCONT; and SIGKILL to scripts/mock/main.ts itself
// (not npm) still takes the host with it. A file of its own: the health check probes every 5 s
// and reports after two failed probes, so this test mostly waits, beside the others.
import { describe, expect, it } from "vitest";
import { portsStillHeld } from "./fixtures/net.js";
import { CLEANUP_BUDGET_MS, isMockHost, startBillproMock as startMock } from "./fixtures/npm-run.js";
import { survivors } from "../support/survivors.js";

describe("npm run mock, health check", () => {
  it("reports a stopped (SIGSTOP) mock host and its recovery, and stops it when scripts/mock/main.ts itself is SIGKILLed", async () => {
    const { run, port } = await startMock();
    const mockHost = run.tree.find(isMockHost)!;
    // The health check probes every 5 s and reports after two failed probes.
    process.kill(mockHost.pid, "SIGSTOP");
    try {
      const report = await run.errors.waitFor(/mock: the billpro mock \(mock host pid (\d+)\): process \d+ is stopped[^\n]*kill -CONT/, 60_000);
      expect(Number(report[1])).toBe(mockHost.pid);
    } finally {
      process.kill(mockHost.pid, "SIGCONT");
    }
    await run.errors.waitFor(/mock: the billpro mock \(mock host pid \d+\): .* answered again/, 60_000);

    const script = run.tree.find((p) => p.command.includes("scripts/mock/main.ts") && !p.command.startsWith("sh "));
    expect(script, run.tree.map((p) => p.command).join("\n")).toBeDefined();
    process.kill(script!.pid, "SIGKILL");
    expect(await portsStillHeld([port], CLEANUP_BUDGET_MS), "port still held after SIGKILL to the script").toEqual([]);
    expect(await survivors(run.tree.filter(isMockHost), CLEANUP_BUDGET_MS), "the mock host survived").toEqual([]);
  });
});
