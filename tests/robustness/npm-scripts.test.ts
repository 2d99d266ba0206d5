// The real `npm run mock` and `npm start`, killed the ways users and tools kill them: SIGTERM or
// SIGKILL to the npm pid (an IDE stop button, `timeout npm start`), SIGKILL to the script itself,
// a closed stdout (`npm run mock | head`). Whatever the way, every process they started is gone
// and every port is free within the 5 s budget; a closed stdout is not a crash. And the
// request guard in front of the real mock: `GET /orders/%ZZ` (which kills a bare Prism 5.14.2)
// gets a 400 naming the escape, and the mock keeps serving.
// One API per run (--apis) keeps this affordable on a busy 2-core machine; the waits for start-up
// are generous, and no assertion is about how long anything took, only about what is left at the
// deadline.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { API_NAMES } from "../../scripts/apis/list.js";
import { freePort } from "../../scripts/mock/prism.js";
import { descendants, isAlive, type ProcessInfo } from "../../scripts/process/process-tree.js";
import { collectOutput, killQuietly, portsStillHeld } from "./fixtures/net.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLEANUP_BUDGET_MS = 5000;
const AUTH = { authorization: "Bearer mock-token" };

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0).reverse()) killQuietly(pid);
});

interface Running {
  npm: ChildProcess;
  output: ReturnType<typeof collectOutput>;
  errors: ReturnType<typeof collectOutput>;
  /** Every process below npm once the script is ready (sh, node, the mock host, …). */
  tree: ProcessInfo[];
}

/** `npm run <script> -- args` from the repo, ready once its output matches `ready`. */
async function runNpm(script: string, args: string[], ready: RegExp, readyMs = 100_000): Promise<Running> {
  const npm = spawn("npm", ["run", "--silent", script, "--", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  started.push(npm.pid!);
  const output = collectOutput(npm.stdout!);
  const errors = collectOutput(npm.stderr!);
  try {
    await output.waitFor(ready, readyMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nstderr:\n${errors.text().slice(-2000)}`);
  }
  const tree = descendants(npm.pid!);
  started.push(...tree.map((p) => p.pid));
  return { npm, output, errors, tree };
}

async function survivors(tree: ProcessInfo[], withinMs: number): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const alive = tree.filter((p) => isAlive(p.pid));
    if (alive.length === 0 || Date.now() >= deadline) return alive.map((p) => `${p.pid} ${p.command}`.slice(0, 160));
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectAllGone(run: Running, ports: number[], how: string): Promise<void> {
  expect(await portsStillHeld(ports, CLEANUP_BUDGET_MS), `ports still held ${how}`).toEqual([]);
  expect(await survivors(run.tree, CLEANUP_BUDGET_MS), `processes still running ${how}`).toEqual([]);
}

// The mock host: one process serving every mock (scripts/mock/host).
const isMockHost = (p: ProcessInfo) => p.command.includes("scripts/mock/host/main.ts");

describe("npm run mock", () => {
  const startMock = async () => {
    const port = await freePort();
    const run = await runNpm("mock", ["--apis", "billpro", "--billpro-port", String(port)], /Mocks are ready/);
    expect(run.tree.filter(isMockHost), "no mock host below npm").toHaveLength(1);
    return { run, port, url: `http://127.0.0.1:${port}` };
  };
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

describe("npm start", () => {
  it("stops the docs server and the mocks when npm is SIGKILLed, and builds only where --out says", async () => {
    const ports: number[] = [];
    while (ports.length < 1 + API_NAMES.length) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const [docsPort, ...mockPorts] = ports as [number, ...number[]];
    const out = mkdtempSync(join(tmpdir(), "start-site-"));
    const siteIndex = join(ROOT, "site", "index.html");
    const before = existsSync(siteIndex) ? statSync(siteIndex).mtimeMs : null;
    try {
      const portArgs = API_NAMES.flatMap((api, i) => [`--${api}-port`, String(mockPorts[i])]);
      const run = await runNpm("start", ["--skip-lint", "--skip-generate", "--out", join(out, "site"), "--port", String(docsPort), ...portArgs], /The portal is up/, 200_000);
      expect(existsSync(join(out, "site", "index.html"))).toBe(true);
      expect(existsSync(siteIndex) ? statSync(siteIndex).mtimeMs : null, "npm start --out touched site/").toBe(before);
      expect(run.tree.filter(isMockHost), "one mock host serves every API").toHaveLength(1);
      run.npm.kill("SIGKILL");
      await expectAllGone(run, ports, "after SIGKILL to npm start");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);
});
