// `npm run mock`: one Prism mock per API on loopback, so developers can build offline.
//
//   node --import tsx scripts/mock/main.ts [--<api>-port N ...] [--apis a,b]
//   env: MOCK_<API>_PORT (flags win); defaults: x-project.mockPort in redocly.yaml
//
// Every port is checked before anything starts, so a port already in use is reported with the
// API it was meant for and nothing is left running. The mocks run in one mock host
// (scripts/mock/prism.ts). Prism logs only rejected requests (its `-v error`), and those lines
// (which name the violated rule) are passed through, prefixed with the API, so the reason for a
// 4xx is visible in this terminal as well as in the `sl-violations` response header. Requests the
// guard in front of each Prism answers itself are logged the same way, with the reason.
//
// Nothing this starts can outlive it: the mock host is a supervised child (it exits when we die,
// SIGKILL included); we exit when the npm in front of us dies (an IDE stop button or `timeout`
// sends SIGTERM or SIGKILL to npm alone); a closed stdout (`npm run mock | head`) is not a crash;
// and a host that is stopped (SIGSTOP) or hangs is reported by a periodic health check.
import { existsSync } from "node:fs";
import { relative } from "node:path";
import { parseMockArgs, MockUsageError, USAGE } from "./args.js";
import type { ChildProcess } from "node:child_process";
import { startPrisms, stopChild, type PrismHost, type PrismInstance } from "./prism.js";
import { isPortFree } from "../process/ports.js";
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

  // The host is recorded the moment it is spawned (not when it answers), so that a signal or a
  // failed start-up in the middle still stops it.
  let host: ChildProcess | undefined;
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    if (host) await stopChild(host);
  };
  // Installed before the spawn, so a Ctrl-C during start-up also stops what already runs.
  // watchParent's default action is a SIGTERM to ourselves, so a dead launcher takes this path.
  watchParent();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, async () => {
      if (stopping) return;
      process.stderr.write(`mock: ${signal}, stopping the mocks\n`);
      await stopAll();
      process.exit(0);
    });
  }

  const apis = Object.keys(ports);
  let started: PrismHost;
  try {
    started = await startPrisms(Object.entries(ports).map(([api, port]) => ({ api, mode: "mock", port })), {
      host: HOST,
      watch: true,
      onSpawn: (child) => { host = child; },
    });
  } catch (error) {
    if (stopping) return; // a signal arrived during start-up; its handler stops everything
    await stopAll();
    return fail((error as Error).message);
  }
  if (stopping) return;
  const { child, instances } = started;
  // The host prefixes each line with its API (Prism's log, the guard's refusals).
  child.stdout.on("data", (chunk: Buffer) => process.stdout.write(chunk));
  child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  const name = `the ${apis.join(", ")} mock${apis.length > 1 ? "s" : ""} (mock host pid ${child.pid})`;
  // A host that dies on its own is reported; we then have nothing left to serve.
  child.once("exit", async (code: number | null, signal: NodeJS.Signals | null) => {
    if (stopping) return;
    fail(`${name} exited unexpectedly (${code ?? signal}).`);
    process.exit(1);
  });
  // A stopped or hung host still holds its ports and looks fine: requests to it just hang. The
  // guards and Prism share the host's event loop, so probing one public URL probes them all.
  healthCheck({ pid: child.pid!, url: `${instances[0]!.url}/`, name }, (report) => {
    const hint = report.state === "stopped" ? ` Resume it with \`kill -CONT ${child.pid}\`, or` : "";
    process.stderr.write(`mock: ${report.detail}.${hint} Ctrl-C stops all mocks.\n`);
  }, { onRecovered: (report) => process.stderr.write(`mock: ${report.detail}.\n`) });
  printTable(instances);
  process.stdout.write("Mocks are ready. Ctrl-C stops them.\n");
}

main().catch((error) => {
  fail(error?.stack ?? String(error));
});
