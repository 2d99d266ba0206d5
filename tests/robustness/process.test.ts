// Children never outlive their parent (scripts/process): whatever kills the parent — SIGKILL,
// the death of its own parent (npm), a closed stdout — the children's ports are free within the
// issue's 5 s budget. The orphan check is proven to count orphans on a parent that does not
// supervise its children.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/apis/list.js";
import { bundledEntry, bundledFilePattern } from "../../scripts/process/bundled-entry.js";
import { runOrphanCheck } from "../../scripts/process/orphan-check.js";
import { isLauncher, probeOnce, spawnSupervised, stopChild } from "../../scripts/process/index.js";
import { isAlive } from "../../scripts/process/process-tree.js";
import { collectOutput, exitsWithin, killQuietly, portsStillHeld, waitForLine } from "./fixtures/net.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const PARENT = fixture("parent.ts");
const CLEANUP_BUDGET_MS = 5000;

// Everything a test started, killed by pid afterwards whatever the test's outcome.
const started: Array<number | undefined> = [];
afterEach(() => {
  for (const pid of started.splice(0)) killQuietly(pid);
});

interface Ready { ports: number[]; children: number[]; pid: number }

async function startParent(args: string[] = []): Promise<{ parent: ChildProcess; ready: Ready }> {
  const parent = spawn(process.execPath, ["--import", "tsx", PARENT, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  started.push(parent.pid);
  const match = await waitForLine(parent.stdout!, /READY (\{.*\})\n/);
  const ready = JSON.parse(match[1]!) as Ready;
  started.push(...ready.children);
  return { parent, ready };
}

describe("supervised children", () => {
  it("exit when their parent is SIGKILLed: the ports are free within 5 s", async () => {
    const { parent, ready } = await startParent();
    expect(await portsStillHeld(ready.ports, 0)).toEqual(ready.ports);
    parent.kill("SIGKILL");
    expect(await portsStillHeld(ready.ports, CLEANUP_BUDGET_MS), "ports still held after the parent's SIGKILL").toEqual([]);
  });

  for (const viaShell of [false, true]) {
    it(`exit when the launcher in front of the parent (npm${viaShell ? ", through sh -c" : ""}) is SIGKILLed: the parent notices and stops them`, async () => {
      const grandparent = spawn(process.execPath, [fixture("grandparent.mjs"), "--watch-parent", ...(viaShell ? ["--via-shell"] : [])], { stdio: ["ignore", "pipe", "inherit"] });
      started.push(grandparent.pid);
      const output = collectOutput(grandparent.stdout!);
      started.push(Number((await output.waitFor(/GRANDCHILD (\d+)\n/))[1]));
      const ready = JSON.parse((await output.waitFor(/READY (\{.*\})\n/))[1]!) as Ready;
      started.push(ready.pid, ...ready.children);
      grandparent.kill("SIGKILL");
      expect(await portsStillHeld(ready.ports, CLEANUP_BUDGET_MS), "ports still held after the launcher's SIGKILL").toEqual([]);
      // The children close their ports a moment before the parent, which waits for them, exits.
      expect(await exitsWithin(ready.pid, CLEANUP_BUDGET_MS, isAlive), "the parent outlived its launcher").toBe(true);
    });
  }

  it("survive a closed stdout: EPIPE does not crash the parent, and SIGTERM still stops everything", async () => {
    const { parent, ready } = await startParent();
    parent.stdout!.destroy();
    // Each request makes a child log a line, which the parent relays to its closed stdout.
    for (let i = 0; i < 3; i++) {
      for (const port of ready.ports) expect(await (await fetch(`http://127.0.0.1:${port}/poke${i}`)).text()).toBe("ok");
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(parent.exitCode, "the parent died of EPIPE").toBeNull();
    expect(isAlive(parent.pid!)).toBe(true);
    parent.kill("SIGTERM");
    expect(await portsStillHeld(ready.ports, CLEANUP_BUDGET_MS)).toEqual([]);
  });
});

describe("orphan check (scripts/process/orphan-check.ts)", () => {
  const command = (args: string[] = []) => [process.execPath, "--import", "tsx", PARENT, ...args];

  it("counts the orphans an unsupervised parent leaves behind when SIGKILLed or its stdout closes", async () => {
    // These orphans never go away, so a shorter wait gives the same count after a SIGKILL. After a
    // closed stdout the parent must also have died of EPIPE at its next heartbeat, which a busy
    // machine can delay: that mode gets the whole 5 s budget.
    const results = [
      ...await runOrphanCheck({ command: command(["--unsupervised", "--heartbeat"]), modes: ["sigkill"], ready: /READY/, settleMs: 2000 }),
      ...await runOrphanCheck({ command: command(["--unsupervised", "--heartbeat"]), modes: ["stdout"], ready: /READY/, settleMs: 5000 }),
    ];
    expect(results.map((r) => [r.mode, r.orphans, r.commandAlive])).toEqual([["sigkill", 2, false], ["stdout", 2, false]]);
  });

  it("finds no orphans of a supervised parent, however it is killed", async () => {
    const results = await runOrphanCheck({ command: command(), ready: /READY/, modes: ["sigkill", "sigterm"] });
    // A parent that survives a closed stdout keeps running, so this mode always waits out its
    // settle time; 2 s is ample for an EPIPE crash, which happens at the first write.
    results.push(...await runOrphanCheck({ command: command(["--heartbeat"]), ready: /READY/, modes: ["stdout"], settleMs: 2000 }));
    expect(results.map((r) => [r.mode, r.orphans])).toEqual([["sigkill", 0], ["sigterm", 0], ["stdout", 0]]);
    expect(results.every((r) => r.started >= 2)).toBe(true);
    expect(results.find((r) => r.mode === "stdout")?.commandAlive).toBe(true);
  });
});

describe("health check", () => {
  it("reports a stopped child (SIGSTOP) and a hung one, and a healthy one as ok", async () => {
    const child = spawnSupervised(fixture("server-child.mjs"));
    started.push(child.pid);
    const port = Number((await waitForLine(child.stdout!, /PORT (\d+)\n/))[1]);
    const url = `http://127.0.0.1:${port}/`;
    expect((await probeOnce(child.pid!, url)).state).toBe("ok");

    process.kill(child.pid!, "SIGSTOP");
    const stopped = await probeOnce(child.pid!, url);
    expect(stopped.state).toBe("stopped");
    expect(stopped.detail).toContain(String(child.pid));
    process.kill(child.pid!, "SIGCONT");
    expect((await probeOnce(child.pid!, url)).state).toBe("ok");

    // Block its event loop: the process runs but cannot answer.
    void fetch(`${url}?hang=1`).catch(() => undefined);
    await waitForLine(child.stdout!, /request \/\?hang=1/);
    const hung = await probeOnce(child.pid!, url, 1000);
    expect(hung.state).toBe("unresponsive");
    await stopChild(child, 100);
  });
});

describe("launcher detection", () => {
  it("recognises npm, npx, pnpm and yarn, and nothing else", () => {
    for (const command of ["npm run mock", "/usr/bin/npm start", "npx vitest", "node /usr/lib/node_modules/npm/bin/npm-cli.js run mock", "pnpm run mock", "yarn mock"]) {
      expect(isLauncher(command), command).toBe(true);
    }
    for (const command of ["sh -c node scripts/mock.mjs", "bash", "node scripts/npm-helper.mjs", "/usr/bin/node /opt/x/mock.ts", "vim npm.txt"]) {
      expect(isLauncher(command), command).toBe(false);
    }
  });
});

// The mock host runs bundled, without tsx (scripts/process/bundled-entry.ts).
describe("a bundled entry", () => {
  const PROBE = fixture("bundle-probe.ts");

  it("runs under plain node, with each module's import.meta.url still its source file's", async () => {
    const file = await bundledEntry(PROBE, "bundle-probe");
    expect(file).toMatch(bundledFilePattern("bundle-probe"));
    expect(dirname(file)).toBe(`${ROOT}/node_modules/.cache/bundled-entries`);
    const printed = JSON.parse(execFileSync(process.execPath, [file], { encoding: "utf8", timeout: 30_000 })) as { ownUrl: string; root: string };
    expect(printed).toEqual({ ownUrl: pathToFileURL(PROBE).href, root: ROOT });
    // Named by its content: the same entry gives the same file.
    await expect(bundledEntry(PROBE, "bundle-probe")).resolves.toBe(file);
  });

  it("touches a file it reuses, and deletes the files nobody started for a day when it writes a new one", async () => {
    const dir = dirname(await bundledEntry(PROBE, "bundle-probe"));
    const twoDaysAgo = (Date.now() - 2 * 24 * 60 * 60 * 1000) / 1000;
    const stale = join(dir, "stale-entry-0000000000000000.mjs");
    writeFileSync(stale, "");
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    // Reused: touched, so a prune right after keeps it.
    const reused = await bundledEntry(PROBE, "bundle-probe");
    utimesSync(reused, twoDaysAgo, twoDaysAgo);
    await bundledEntry(PROBE, "bundle-probe");
    expect(statSync(reused).mtimeMs, "the reused file was not touched").toBeGreaterThan((twoDaysAgo + 24 * 60 * 60) * 1000);
    // A new file (an entry of its own, in a temporary folder) prunes the stale one.
    const fresh = join(mkdtempSync(join(tmpdir(), "bundle-entry-")), "entry.ts");
    try {
      writeFileSync(fresh, `console.log(${JSON.stringify(String(Date.now()))});\n`);
      const written = await bundledEntry(fresh, "bundle-fresh");
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(reused)).toBe(true);
      rmSync(written, { force: true });
    } finally {
      rmSync(dirname(fresh), { recursive: true, force: true });
    }
  });

  it("works from inside a bundle too: a bundled script can bundle another", async () => {
    const outer = await bundledEntry(fixture("bundle-nested.ts"), "bundle-nested");
    const { file } = JSON.parse(execFileSync(process.execPath, [outer], { encoding: "utf8", timeout: 60_000 })) as { file: string };
    expect(file).toMatch(bundledFilePattern("bundle-probe"));
    const printed = JSON.parse(execFileSync(process.execPath, [file], { encoding: "utf8", timeout: 30_000 })) as { ownUrl: string; root: string };
    expect(printed).toEqual({ ownUrl: pathToFileURL(PROBE).href, root: ROOT });
  });

  it("fails naming the entry when it cannot be bundled", async () => {
    const missing = fixture("no-such-entry.ts");
    await expect(bundledEntry(missing, "missing")).rejects.toThrow(`${missing}: cannot be bundled`);
  });
});
