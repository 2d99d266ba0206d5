// `npm start` (scripts/start/main.ts) as a user runs it: it comes up, prints every URL, serves the
// docs and the four mocks, and Ctrl-C stops everything; a busy port stops it with a clear message.
// Lint and generate are skipped here (--skip-lint/--skip-generate): CI runs them as their own
// gates, and this test is about the portal. Ports are free ones and the site is built into a
// temporary folder (--out), so a developer's running `npm start` or `npm run mock` neither gets in
// the way nor has its site/ rebuilt under it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { siteFiles } from "../../scripts/docs/build.js";
import { isPortFree } from "../../scripts/process/ports.js";
import { API_NAMES, loadSpec, ROOT } from "../../scripts/apis/spec-files.js";
import { withFreePorts } from "../support/free-ports.js";

const START = join(ROOT, "scripts", "start", "main.ts");
let child: ChildProcess | undefined;
let blocker: Server | undefined;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const gone = new Promise((r) => child!.once("exit", r));
    child.kill("SIGTERM");
    await gone;
  }
  await new Promise<void>((r) => (blocker ? blocker.close(() => r()) : r()));
  child = undefined;
  blocker = undefined;
});

/** Runs scripts/start/main.ts; resolves with its output once `until` matches, or once it exits. */
function runStart(args: string[], until: RegExp): Promise<{ out: string; err: string; exited: boolean; code: number | null }> {
  return new Promise((resolve) => {
    let out = "";
    let err = "";
    child = spawn(process.execPath, ["--import", "tsx", START, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    child.stdout!.on("data", (c) => {
      out += c;
      if (until.test(out)) resolve({ out, err, exited: false, code: null });
    });
    child.stderr!.on("data", (c) => (err += c));
    child.once("exit", (code) => resolve({ out, err, exited: true, code }));
  });
}

describe("npm start", () => {
  it("stops at once with a clear message and a non-zero exit when the docs port is taken", async () => {
    // The blocker takes a port the OS picks (0), so no other process can take it first.
    blocker = createServer();
    await new Promise<void>((r) => blocker!.listen(0, "127.0.0.1", r));
    const docsPort = (blocker.address() as AddressInfo).port;
    const result = await runStart(["--skip-lint", "--skip-generate", "--port", String(docsPort)], /$^/);
    expect(result.exited).toBe(true);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`port ${docsPort} on 127.0.0.1 is already in use, so the docs site cannot start there`);
  });

  it("rejects an unknown option with usage and exit 2", async () => {
    const result = await runStart(["--bogus"], /$^/);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown option "--bogus"');
  });

  it("serves the docs and all four mocks, prints every URL in one table, and Ctrl-C stops everything", async () => {
    const out = mkdtempSync(join(tmpdir(), "start-test-"));
    const siteIndex = join(ROOT, "site", "index.html");
    const siteBefore = existsSync(siteIndex) ? statSync(siteIndex).mtimeMs : null;
    try {
      // Started again on other ports if one was taken before npm start bound it (tests/support/free-ports.ts).
      const { ports: [docsPort, ...mockPorts], started: result } = await withFreePorts(1 + API_NAMES.length, async ([docsPort, ...mockPorts]) => {
        const portArgs = API_NAMES.flatMap((api, i) => [`--${api}-port`, String(mockPorts[i])]);
        const started = await runStart(["--skip-lint", "--skip-generate", "--out", join(out, "site"), "--port", String(docsPort), ...portArgs], /The portal is up/);
        if (started.exited) throw new Error(`start/main.ts exited early (${started.code}):\n${started.out}\n${started.err}`);
        return started;
      });
      expect(existsSync(join(out, "site", "index.html")), "the site was not built into --out").toBe(true);
      expect(existsSync(siteIndex) ? statSync(siteIndex).mtimeMs : null, "npm start --out touched site/").toBe(siteBefore);

      const docs = `http://localhost:${docsPort}`;
      expect(result.out).toContain(`${docs}/`);
      for (const [i, api] of API_NAMES.entries()) {
        const files = siteFiles(api);
        const table = [`${docs}/${api}/`, `${docs}/${files.yaml}`, `${docs}/${files.json}`, `http://127.0.0.1:${mockPorts[i]}`];
        for (const url of table) expect(result.out, api).toContain(url);
        const page = await fetch(`http://127.0.0.1:${docsPort}/${files.page}`);
        expect(page.status, `${api} reference page`).toBe(200);
        expect(await page.text()).toContain((loadSpec(api) as { info: { title: string } }).info.title);
        // The mock answers HTTP (Prism: 404 for "/", which no spec declares).
        const mock = await fetch(`http://127.0.0.1:${mockPorts[i]}/`);
        expect(mock.status, `${api} mock`).toBeGreaterThanOrEqual(200);
      }
      const index = await fetch(`http://127.0.0.1:${docsPort}/`);
      expect(index.status).toBe(200);

      const exited = new Promise<number | null>((r) => child!.once("exit", (code) => r(code)));
      child!.kill("SIGINT");
      expect(await exited).toBe(0);
      for (const port of [docsPort!, ...mockPorts]) expect(await isPortFree(port), `port ${port} after Ctrl-C`).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
