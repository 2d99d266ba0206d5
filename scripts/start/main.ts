// `npm start`: the whole local portal in one command. Lint the specs, regenerate the clients,
// build the docs site, serve site/ on http://localhost:8080 and start the four Prism mocks
// (`node --import tsx scripts/mock/main.ts`), then print one table with every URL. Ctrl-C (or SIGTERM) stops
// everything this started. Any failed step stops here with its reason and a non-zero exit, before
// anything is left running.
//
// Nothing started here outlives it: the steps and the mocks run as supervised children (they exit
// when we die, SIGKILL included), the docs server runs in this process, we exit when the npm in
// front of us dies, a closed stdout is not a crash, and a stopped or hung mocks process is reported.
//
//   npm start -- [--port N] [--out DIR] [--skip-lint] [--skip-generate] [--<api>-port N ...]
//   env: DOCS_PORT (default 8080); MOCK_<API>_PORT as for `npm run mock`
import type { ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { buildSite, DEFAULT_SITE_DIR } from "../docs/build.js";
import { formatTable, portalRows, runNode, waitForPorts } from "./portal.js";
import { serveStatic, type StaticServer } from "../docs/server.js";
import { MockUsageError, parseMockArgs } from "../mock/args.js";
import { isPortFree } from "../process/ports.js";
import { API_NAMES, ROOT } from "../apis/spec-files.js";
import { healthCheck, ignoreEpipe, spawnSupervised, watchParent } from "../process/index.js";

const HOST = "127.0.0.1";
const USAGE = `Usage: npm start -- [options]   (npm start -- [options])

Lints the specs, runs the generator, builds the docs into site/, serves them and starts every mock.

Options:
  --port N              port for the docs site (default 8080; env DOCS_PORT)
  --out DIR             build the docs site into DIR (default site/)
${API_NAMES.map((api) => `  --${api}-port N`.padEnd(24) + `port for the ${api} mock (env MOCK_${api.toUpperCase()}_PORT)`).join("\n")}
  --skip-lint           do not run scripts/lint/main.ts first
  --skip-generate       do not run scripts/generate/main.ts first
  --help                show this text
`;

class UsageError extends Error {}
/** A step that failed with a message meant for the user (no stack trace). */
class StepFailed extends Error {}

function parsePort(text: string, source: string): number {
  if (!/^\d+$/.test(String(text)) || Number(text) < 1 || Number(text) > 65535) throw new UsageError(`${source}: "${text}" is not a port number (1-65535)`);
  return Number(text);
}

interface StartOptions { port: number; outDir: string; lint: boolean; generate: boolean; help: boolean; mockPorts: Record<string, number> }

function parseStartArgs(argv: string[], env: NodeJS.ProcessEnv): StartOptions {
  const options: StartOptions = { port: parsePort(env.DOCS_PORT ?? "8080", "DOCS_PORT"), outDir: DEFAULT_SITE_DIR, lint: true, generate: true, help: false, mockPorts: {} };
  const mockArgs: Array<string | undefined> = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const port = /^--port(?:=(.*))?$/.exec(arg);
    if (arg === "--help" || arg === "-h") options.help = true;
    else if (arg === "--skip-lint") options.lint = false;
    else if (arg === "--skip-generate") options.generate = false;
    else if (port) options.port = parsePort(port[1] ?? argv[++i] ?? "", "--port");
    else if (/^--out(=|$)/.test(arg)) {
      const dir = arg.includes("=") ? arg.slice("--out=".length) : argv[++i];
      if (!dir) throw new UsageError("--out needs a folder");
      options.outDir = resolve(dir);
    }
    else if (/^--[a-z]+-port$/.test(arg)) mockArgs.push(arg, argv[++i]);
    else if (/^--[a-z]+-port=/.test(arg)) mockArgs.push(arg);
    else throw new UsageError(`unknown option "${arg}"`);
  }
  try {
    options.mockPorts = parseMockArgs(mockArgs.filter((a): a is string => a !== undefined), env);
  } catch (error) {
    if (error instanceof MockUsageError) throw new UsageError(error.message);
    throw error;
  }
  const clash = Object.entries(options.mockPorts).find(([, p]) => p === options.port);
  if (clash) throw new UsageError(`port ${options.port} is given to both the docs site and the ${clash[0]} mock`);
  return options;
}

// What is running, so that a signal or a failure can stop exactly that.
const running: { step: ChildProcess | null; mock: ChildProcess | null; server: StaticServer | null; up: boolean; stopping: boolean } = { step: null, mock: null, server: null, up: false, stopping: false };

function log(message: string): void {
  process.stdout.write(`start: ${message}\n`);
}

/** Stops everything this process started (the mocks get the signal we got), then exits. */
async function shutdown(exitCode: number, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (running.stopping) return;
  running.stopping = true;
  const waits: Array<Promise<void>> = [];
  for (const child of [running.step, running.mock]) {
    if (!child || child.exitCode !== null || child.signalCode !== null) continue;
    waits.push(new Promise<void>((resolve) => {
      // mock/main.ts stops its mock host on SIGINT/SIGTERM; give it time before forcing.
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => { clearTimeout(timer); resolve(); });
      try { child.kill(signal); } catch { /* already gone */ }
    }));
  }
  if (running.server) waits.push(running.server.close());
  await Promise.all(waits);
  process.exit(exitCode);
}

function onSignal(signal: NodeJS.Signals): void {
  if (running.stopping) {
    // A second Ctrl-C: do not wait any longer.
    for (const child of [running.step, running.mock]) child?.kill("SIGKILL");
    process.exit(1);
  }
  log(`${signal}: stopping everything started here`);
  // After a normal stop of a running portal the exit is clean; an interrupted start-up is not.
  void shutdown(running.up ? 0 : 128 + (signal === "SIGINT" ? 2 : signal === "SIGHUP" ? 1 : 15), signal);
}

async function step(name: string, script: string, args: string[] = []): Promise<void> {
  log(`${name}: node ${script} ${args.join(" ")}`.trimEnd());
  const result = await runNode(join(ROOT, script), args, { cwd: ROOT, onChild: (child) => (running.step = child) });
  running.step = null;
  if (running.stopping) return;
  if (result !== 0) throw new StepFailed(`${name} failed (${typeof result === "number" ? `exit ${result}` : result}); see its output above. Fix it, or run \`npm run ${name}\` on its own.`);
}

/** Starts scripts/mock/main.ts on our ports and resolves once every mock listens. */
async function startMocks(mockPorts: Record<string, number>): Promise<void> {
  const args = Object.entries(mockPorts).flatMap(([api, port]) => [`--${api}-port`, String(port)]);
  log(`mocks: node --import tsx scripts/mock/main.ts ${args.join(" ")}`);
  const child = spawnSupervised(join(ROOT, "scripts", "mock", "main.ts"), args, { nodeArgs: ["--import", "tsx"], cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  running.mock = child;
  // mock/main.ts prints its own table; ours replaces it. Prism's request log lines ("[api] …") and
  // anything on stderr still reach the terminal; the rest is shown only if the mocks fail.
  const held: string[] = [];
  let pending = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (line.startsWith("[")) process.stdout.write(`${line}\n`);
      else held.push(line);
    }
  });
  try {
    await waitForPorts(Object.values(mockPorts), { host: HOST, isDead: () => child.exitCode !== null || child.signalCode !== null });
  } catch (error) {
    if (running.stopping) return;
    const output = held.filter((l) => l.trim()).join("\n");
    throw new StepFailed(`mocks: scripts/mock/main.ts ${child.exitCode !== null ? `exited with code ${child.exitCode}` : "did not come up"}: ${(error as Error).message}${output ? `\n${output}` : ""}`);
  }
  child.once("exit", (code, signal) => {
    if (running.stopping) return;
    process.stderr.write(`start: the mocks stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the docs server too.\n`);
    void shutdown(1);
  });
  // scripts/mock/main.ts checks its own Prisms; this notices the mocks process itself stopped or hung.
  const [firstPort] = Object.values(mockPorts);
  if (firstPort !== undefined && child.pid !== undefined) {
    const name = `the mocks process (scripts/mock/main.ts, pid ${child.pid})`;
    healthCheck({ pid: child.pid, url: `http://${HOST}:${firstPort}/`, name }, (report) => {
      process.stderr.write(`start: ${report.detail}. Requests to the mocks may hang; Ctrl-C stops everything.\n`);
    }, { onRecovered: (report) => process.stderr.write(`start: ${report.detail}.\n`) });
  }
}

async function main() {
  let options;
  try {
    options = parseStartArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`start: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
  // A dead launcher (npm killed by an IDE stop button or `timeout`) sends us SIGTERM: onSignal.
  watchParent();

  // Ports first: finding a busy one after a minute of linting would waste that minute.
  const wanted: Array<[string, number, string]> = [["the docs site", options.port, "--port N or DOCS_PORT"],
    ...Object.entries(options.mockPorts).map(([api, port]): [string, number, string] => [`the ${api} mock`, port, `--${api}-port N or MOCK_${api.toUpperCase()}_PORT`])];
  for (const [what, port, how] of wanted) {
    if (!(await isPortFree(port, HOST))) throw new StepFailed(`port ${port} on ${HOST} is already in use, so ${what} cannot start there. Stop what uses it or choose another port (${how}).`);
  }

  if (options.lint) await step("lint", "scripts/lint/main.ts");
  else log("lint: skipped (--skip-lint)");
  if (running.stopping) return null;

  if (!options.generate) log("generate: skipped (--skip-generate)");
  else await step("generate", "scripts/generate/main.ts");
  if (running.stopping) return null;

  log(`docs: building ${options.outDir === DEFAULT_SITE_DIR ? "site/" : options.outDir}`);
  let site;
  try {
    site = await buildSite({ outDir: options.outDir, mockPorts: options.mockPorts });
  } catch (error) {
    throw new StepFailed(`docs failed:\n${(error as Error).message}`);
  }
  if (running.stopping) return null;

  running.server = await serveStatic({ root: site.outDir, port: options.port, host: HOST }).catch((error: unknown) => {
    throw new StepFailed((error as Error).message);
  });
  await startMocks(options.mockPorts);
  if (running.stopping) return null;

  running.up = true;
  const rows = portalRows(`http://localhost:${options.port}`, site.entries);
  process.stdout.write(`\n${formatTable(["API", "what", "URL"], rows)}\n\nThe portal is up. Ctrl-C stops the docs server and the mocks.\n`);
  return null; // keep running until a signal
}

// A reader that goes away (`npm start | head`) costs us our output, never the portal.
ignoreEpipe();

main().then(
  (code) => {
    if (code !== null && code !== undefined) process.exit(code);
  },
  async (error: unknown) => {
    process.stderr.write(`start: ${error instanceof StepFailed ? error.message : (error as Error)?.stack ?? String(error)}\n`);
    await shutdown(1);
  },
);
