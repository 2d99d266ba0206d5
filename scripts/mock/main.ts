// `npm run mock`: one Prism mock per API on loopback, so developers can build offline.
//
//   node --import tsx scripts/mock/main.ts [--<api>-port N ...] [--apis a,b]
//   env: MOCK_<API>_PORT (flags win); defaults: x-project.mockPort in redocly.yaml
//
// Every port is checked before anything starts, so a port already in use is reported with the
// API it was meant for and nothing is left running. Prism runs with `-v error`: it then logs only
// rejected requests, and those lines (which name the violated rule) are passed through, prefixed
// with the API, so the reason for a 4xx is visible in this terminal as well as in the
// `sl-violations` response header. Requests the guard in front of each Prism answers itself
// (scripts/mock/prism.ts) are logged the same way, with the reason.
//
// Nothing this starts can outlive it: each Prism is a supervised child (it exits when we die,
// SIGKILL included); we exit when the npm in front of us dies (an IDE stop button or `timeout`
// sends SIGTERM or SIGKILL to npm alone); a closed stdout (`npm run mock | head`) is not a crash;
// and a Prism that is stopped (SIGSTOP) or hangs is reported by a periodic health check.
import { existsSync } from "node:fs";
import { relative } from "node:path";
import { parseMockArgs, MockUsageError, USAGE } from "./args.js";
import type { ChildProcess } from "node:child_process";
import { isPortFree, startPrism, stopChild, type PrismInstance } from "./prism.js";
import { relayOutput } from "./relay.js";
import { ROOT, specPath } from "../apis/spec-files.js";
import { healthCheck, ignoreEpipe, watchParent } from "../process/index.js";

const HOST = "127.0.0.1";

// Installed first: from here on a reader that goes away costs us our output, never the mocks.
ignoreEpipe([process.stdout, process.stderr], (stream) => {
  if (stream === process.stdout) process.stderr.write("mock: stdout was closed; the mocks keep serving (their log lines are dropped). Ctrl-C or SIGTERM stops them.\n");
});

function fail(message: string): void {
  process.stderr.write(`mock: ${message}\n`);
  process.exitCode = 1;
}

function printTable(instances: PrismInstance[]): void {
  const width = Math.max(...instances.map((i) => i.api.length), 3);
  const lines = [`${"API".padEnd(width)}  URL`, `${"-".repeat(width)}  ${"-".repeat(24)}`];
  for (const { api, url } of instances) lines.push(`${api.padEnd(width)}  ${url}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function main() {
  let ports;
  try {
    ports = parseMockArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof MockUsageError)) throw error;
    if (error.message === "help") return void process.stdout.write(USAGE);
    fail(error.message);
    process.stderr.write(USAGE);
    return;
  }

  // Fail before starting anything: a missing spec or a busy port would otherwise leave the
  // other mocks running with nobody to stop them.
  for (const api of Object.keys(ports)) {
    const file = specPath(api);
    if (!existsSync(file)) return fail(`${relative(ROOT, file)} does not exist: cannot mock ${api}.`);
  }
  let busy = false;
  for (const [api, port] of Object.entries(ports)) {
    if (!(await isPortFree(port, HOST))) {
      busy = true;
      fail(`port ${port} on ${HOST} is already in use: cannot start the ${api} mock. ` +
        `Stop what uses it or choose another port (--${api}-port N or MOCK_${api.toUpperCase()}_PORT).`);
    }
  }
  if (busy) return;

  // Every child is recorded the moment it is spawned (not when it answers), so that a signal
  // or a failed start-up in the middle still stops all of them.
  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await Promise.all(children.map((child) => stopChild(child)));
  };
  // Installed before the first spawn, so a Ctrl-C during start-up also stops what already runs.
  // watchParent's default action is a SIGTERM to ourselves, so a dead launcher takes this path.
  watchParent();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, async () => {
      if (stopping) return;
      process.stderr.write(`mock: ${signal}, stopping ${children.length} mock(s)\n`);
      await stopAll();
      process.exit(0);
    });
  }

  const results = await Promise.allSettled(Object.entries(ports).map(async ([api, port]) => {
    try {
      return await startPrism({
        api, mode: "mock", port, host: HOST,
        onSpawn: (child) => children.push(child),
        onRefusal: (refusal, req) => process.stdout.write(`[${api}] guard: ${refusal.status} ${req.method} ${req.url} — ${refusal.message}\n`),
      });
    } catch (error) {
      throw new Error(`the ${api} mock (port ${port}) did not start: ${(error as Error).message}`);
    }
  }));
  if (stopping) return; // a signal arrived during start-up; its handler stops everything
  const failures = results.filter((r) => r.status === "rejected");
  if (failures.length > 0) {
    for (const f of failures) fail(f.reason?.message ?? String(f.reason));
    await stopAll();
    return;
  }
  const instances = results.map((r) => (r as PromiseFulfilledResult<PrismInstance>).value);
  for (const { api, child, prismUrl } of instances) {
    relayOutput(api, child.stdout, process.stdout);
    relayOutput(api, child.stderr, process.stderr);
    // A mock that dies on its own takes the others down: a half-working set is worse than none.
    child.once("exit", async (code: number | null, signal: NodeJS.Signals | null) => {
      if (stopping) return;
      fail(`the ${api} mock exited unexpectedly (${code ?? signal}); stopping the others.`);
      await stopAll();
      process.exit(1);
    });
    // A stopped or hung Prism still holds its port and its process looks fine: requests to it
    // just hang. Probed directly (behind the guard), so the report names Prism itself.
    healthCheck({ pid: child.pid!, url: `${prismUrl}/`, name: `the ${api} mock (Prism pid ${child.pid})` }, (report) => {
      const hint = report.state === "stopped" ? ` Resume it with \`kill -CONT ${child.pid}\`, or` : "";
      process.stderr.write(`mock: ${report.detail}.${hint} Ctrl-C stops all mocks.\n`);
    }, { onRecovered: (report) => process.stderr.write(`mock: ${report.detail}.\n`) });
  }
  printTable(instances);
  process.stdout.write("Mocks are ready. Ctrl-C stops them.\n");
}

main().catch((error) => {
  fail(error?.stack ?? String(error));
});
