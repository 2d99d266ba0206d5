// `npm run mock` (scripts/mock/main.ts) as a user runs it: a table of API → URL once every mock
// answers; Ctrl-C or SIGTERM stops the mock host it started; a busy port is refused up front with
// the port and the API named, leaving nothing behind; a host that dies is reported (non-zero exit).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DEFAULT_PORTS, MockUsageError, parseMockArgs } from "../../scripts/mock/args.js";
import { isMockHostCommand } from "../../scripts/mock/prism.js";
import { isPortFree } from "../../scripts/process/ports.js";
import { listProcesses, readProcess, type ProcessInfo } from "../../scripts/process/process-tree.js";
import { survivors } from "../support/survivors.js";
import { API_NAMES, ROOT } from "../../scripts/apis/spec-files.js";
import { sendRaw } from "./lib/exchange.js";
import { freePorts, withFreePorts } from "../support/free-ports.js";
import { planApi } from "./lib/plan.js";
import { mockCredentials } from "./lib/targets.js";

const SCRIPT = join(ROOT, "scripts", "mock", "main.ts");
const stageMode = inject("contract").mode === "stage";
if (stageMode) console.log("mock script tests skipped: CONTRACT_TARGET=stage tests the stage servers, not `npm run mock`");

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runMock(args: string[]): Run {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (c) => { out += String(c); });
  child.stderr!.on("data", (c) => { err += String(c); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves when stdout contains `text`; rejects if the script exits first. */
async function waitFor(run: Run, text: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.stdout().includes(text)) {
    if (run.child.exitCode !== null || run.child.signalCode !== null) {
      throw new Error(`mock/main.ts exited (${run.child.exitCode ?? run.child.signalCode}) before "${text}":\n${run.stdout()}\n${run.stderr()}`);
    }
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${run.stdout()}\n${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The live direct children of a process (Linux /proc), with their command lines. A zombie (exited, not
 * yet reaped) is left out: it runs nothing, and /proc no longer has its command line, only its name
 * (a fresh-clone .ci/run on Node 24 here once saw tsx's esbuild service so, as "esbuild").
 */
function children(pid: number): ProcessInfo[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number)
    .map((child) => readProcess(child)).filter((info): info is ProcessInfo => info !== null && info.state !== "Z");
}

/**
 * The mock host `mock/main.ts` started, checked to be its only child of its own. tsx (which runs the
 * script here, as `npm run mock` does) may keep esbuild's service as a child too: its module hooks
 * start one to transform a module its cache (in the temporary folder) does not hold yet, and do not
 * stop it. A first run in CI had one. It is tsx's, not ours, and exits with its parent (it reads its
 * stdin until EOF).
 */
function mockHostOf(pid: number): number {
  const all = children(pid);
  const others = all.filter((p) => !isMockHostCommand(p.command) && !TSX_ESBUILD_SERVICE.test(p.command));
  expect(others.map((p) => p.command), "children other than the mock host").toEqual([]);
  const hosts = all.filter((p) => isMockHostCommand(p.command));
  expect(hosts.map((p) => p.command), "mock hosts").toHaveLength(1);
  return hosts[0]!.pid;
}
const TSX_ESBUILD_SERVICE = /\/esbuild --service=[\d.]+ --ping$/;

const alive = (pid: number) => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};

async function portsFor(apis: readonly string[]): Promise<Record<string, number>> {
  const ports = await freePorts(apis.length);
  return Object.fromEntries(apis.map((api, i) => [api, ports[i]!]));
}

/**
 * `mock/main.ts` serving `apis` on free ports, once it is ready; started again on other ports if one
 * was taken in the meantime (tests/support/free-ports.ts).
 */
async function startMock(apis: readonly string[], extra: string[] = []): Promise<{ ports: Record<string, number>; run: Run }> {
  const { started } = await withFreePorts(apis.length, async (list) => {
    const ports = Object.fromEntries(apis.map((api, i) => [api, list[i]!]));
    const run = runMock([...extra, ...portArgs(ports)]);
    try {
      await waitFor(run, "Mocks are ready");
    } catch (error) {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
      throw error;
    }
    return { ports, run };
  });
  return started;
}

const portArgs = (ports: Record<string, number>) => Object.entries(ports).flatMap(([api, port]) => [`--${api}-port`, String(port)]);

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/`, { method: "OPTIONS", headers: { origin: "http://127.0.0.1", "access-control-request-method": "GET" } });
    return true;
  } catch {
    return false;
  }
}

describe("mock arguments", () => {
  it("defaults to billpro 4010, backd 4011, payway 4012, kwik 4013", () => {
    expect(parseMockArgs([], {})).toEqual({ billpro: 4010, backd: 4011, payway: 4012, kwik: 4013 });
    expect(DEFAULT_PORTS).toEqual({ billpro: 4010, backd: 4011, payway: 4012, kwik: 4013 });
  });
  it("takes ports from the environment, and flags over the environment", () => {
    expect(parseMockArgs(["--kwik-port", "5013"], { MOCK_KWIK_PORT: "6013", MOCK_BACKD_PORT: "6011" })).toMatchObject({ kwik: 5013, backd: 6011 });
    expect(parseMockArgs(["--billpro-port=5010"], {})).toMatchObject({ billpro: 5010 });
  });
  it("starts a subset with --apis", () => {
    expect(parseMockArgs(["--apis", "kwik,backd"], {})).toEqual({ backd: 4011, kwik: 4013 });
  });
  it("refuses bad ports, unknown options and a port given to two APIs", () => {
    expect(() => parseMockArgs(["--kwik-port", "70000"], {})).toThrow(/--kwik-port.*70000/);
    expect(() => parseMockArgs([], { MOCK_PAYWAY_PORT: "abc" })).toThrow(/MOCK_PAYWAY_PORT/);
    expect(() => parseMockArgs(["--stripe-port", "1"], {})).toThrow(MockUsageError);
    expect(() => parseMockArgs(["--kwik-port", "4010"], {})).toThrow(/4010.*billpro.*kwik/);
  });
});

describe.skipIf(stageMode)(`npm run mock${stageMode ? " (skipped: stage mode)" : ""}`, () => {
  it("serves all four APIs from one mock host, prints one table, and stops it on SIGTERM", async () => {
    const { ports, run } = await startMock(API_NAMES);
    try {
      const table = run.stdout();
      for (const api of API_NAMES) {
        const url = `http://127.0.0.1:${ports[api]}`;
        expect(table).toMatch(new RegExp(`^${api}\\s+${url.replaceAll(".", "\\.")}$`, "m"));
        expect(await answers(url), `${api} does not answer at ${url}`).toBe(true);
      }
      // One mock host serves them all (Prism loaded once: scripts/mock/host).
      const host = mockHostOf(run.child.pid!);
      const everyChild = children(run.child.pid!);

      // An invalid request: the 4xx carries the rule in sl-violations, and the mock's own output
      // names the API and the rule too.
      for (const api of API_NAMES) {
        const plan = planApi(api);
        const target = plan.operations.find((o) => o.bad.length > 0);
        if (!target) continue;
        const bad = target.bad[0]!;
        const exchange = await sendRaw(`http://127.0.0.1:${ports[api]}`, target.op, bad.request, { auth: mockCredentials(plan.document).auth });
        expect(exchange.status).toBeGreaterThanOrEqual(400);
        expect(exchange.status).toBeLessThan(500);
        const violation = exchange.violations.find((v) => v.code === bad.expect.rule);
        expect(violation, `${api}: no ${bad.expect.rule} violation in the response`).toBeDefined();
        const deadline = Date.now() + 10_000;
        while (!run.stdout().includes(`[${api}]`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        const logged = run.stdout().split("\n").filter((line) => line.startsWith(`[${api}]`)).join("\n");
        expect(logged, `${api}: the mock's output does not name the violated rule`).toContain(violation!.message);
      }

      run.child.kill("SIGTERM");
      const { code } = await run.exited;
      expect(code).toBe(0);
      expect(alive(host), `the mock host ${host} survived SIGTERM`).toBe(false);
      // tsx's esbuild service too, if there was one: it leaves when its stdin closes, a moment after us.
      expect(await survivors(everyChild, 5_000), "children that outlived mock/main.ts").toEqual([]);
      for (const api of API_NAMES) expect(await isPortFree(ports[api]!), `${api}'s port is still taken`).toBe(true);
    } finally {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
    }
  });

  // One API is enough here: the signal path is the same for every mock, and the test above already
  // stops four.
  it("stops its mock host on Ctrl-C (SIGINT)", async () => {
    const { run } = await startMock(["kwik"], ["--apis", "kwik"]);
    try {
      const host = mockHostOf(run.child.pid!);
      run.child.kill("SIGINT");
      expect((await run.exited).code).toBe(0);
      expect(alive(host), `the mock host ${host} survived SIGINT`).toBe(false);
    } finally {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
    }
  });

  it("refuses a port already in use, naming the port and the API, and leaves nothing running", async () => {
    // Payway's port is the blocker's, picked by the OS (0), so no other process can take it first.
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const ports: Record<string, number> = { ...(await portsFor(API_NAMES)), payway: (blocker.address() as AddressInfo).port };
    try {
      const run = runMock(portArgs(ports));
      const { code } = await run.exited;
      expect(code).not.toBe(0);
      expect(run.stderr()).toContain(`port ${ports["payway"]}`);
      expect(run.stderr()).toContain("payway");
      // Nothing was started: no mock host holds (or was told to take) any of the other ports. The
      // ports themselves are not probed: another test running beside this one may have been given
      // one of them by the OS since.
      const hosts = listProcesses().filter((p) => isMockHostCommand(p.command));
      for (const api of API_NAMES.filter((a) => a !== "payway")) {
        expect(hosts.filter((p) => p.command.includes(`"port":${ports[api]}`)), `${api}'s mock was left running`).toEqual([]);
      }
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("exits non-zero, naming the mocks, when the mock host dies", async () => {
    const { ports, run } = await startMock(["backd", "kwik"], ["--apis", "backd,kwik"]);
    try {
      process.kill(mockHostOf(run.child.pid!), "SIGKILL");
      const { code } = await run.exited;
      expect(code).toBe(1);
      expect(run.stderr()).toMatch(/the backd, kwik mocks \(mock host pid \d+\) exited unexpectedly \(SIGKILL\)/);
      for (const api of ["backd", "kwik"]) expect(await isPortFree(ports[api]!), `${api}'s port is still taken`).toBe(true);
    } finally {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
    }
  });
});
