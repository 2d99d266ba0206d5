// The mock host: one supervised child process (scripts/process) that serves every mock or proxy
// its parent asks for — Prism as a library (./prism-library.ts), each behind its own request
// guard (../guard) on the public port. Started by startPrisms (../prism.ts), never by hand, as one
// bundled file (scripts/process/bundled-entry.ts: no tsx in the child):
//
//   node --enable-source-maps --require exit-with-parent.cjs node_modules/.cache/bundled-entries/mock-host-<hash>.mjs '<HostConfig JSON>'
//
// Why one process for all of them: Prism's start-up is mostly loading Prism, which one process does
// once. Why a child at all, and not the caller's own process: the guard and Prism then keep
// answering while the caller is busy (a test worker, a script that blocks in execFileSync), and
// a caller that dies takes them with it (exit-with-parent), however it dies.
//
// Output: Prism's log and the guard's refusals, one line each, prefixed with the API; this
// process's stdout is read by the parent, which shows it or keeps it for error messages.
import { relative } from "node:path";
import { loadSpec, ROOT, specPath } from "../../apis/spec-files.js";
import { ignoreEpipe } from "../../process/epipe.js";
import { startGuard } from "../guard/server.js";
import { prismLogStream } from "./log-lines.js";
import { startPrismServer } from "./prism-library.js";
import { watchSpec } from "./watch-spec.js";
import type { HostConfig, HostMessage, MockSpec, ServedMock } from "./protocol.js";

ignoreEpipe([process.stdout, process.stderr]);

const closers: Array<() => Promise<unknown>> = [];
const closeAll = () => Promise.allSettled(closers.splice(0).reverse().map((close) => close()));

/** The one message the parent reads; resolves once it is handed to the channel. */
function send(message: HostMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function serve(mock: MockSpec, host: string, watch: boolean): Promise<ServedMock> {
  const specFile = specPath(mock.api);
  const where = relative(ROOT, specFile);
  const log = (line: string) => process.stdout.write(`[${mock.api}] ${line}\n`);
  const startPrism = (port: number) => startPrismServer({
    specFile, mode: mock.mode, ...(mock.upstream ? { upstream: mock.upstream } : {}), errors: mock.errors, host, port,
    log: prismLogStream(mock.api, process.stdout),
  }).catch((error: Error) => { throw new Error(`${where}: ${error.message}`, { cause: error }); });

  // Parsed first: a spec that does not parse stops us with its file and line.
  const document = mock.guard === false ? null : loadSpec(mock.api);
  let prism = await startPrism(mock.guard === false ? mock.port : 0);
  closers.push(() => prism.close());
  if (mock.guard === false) return { api: mock.api, url: prism.url, prismUrl: prism.url };
  const guard = await startGuard({
    document, target: { host, port: prism.port }, listen: { host, port: mock.port }, ...mock.guard,
    onRefusal: (refusal, req) => log(`guard: ${refusal.status} ${req.method} ${req.url} — ${refusal.message}`),
  });
  closers.push(() => guard.close());
  if (watch) {
    // A new Prism on a new internal port takes over once it listens; the guard keeps the public
    // port, so clients see no gap. A spec that no longer loads leaves the previous one serving.
    closers.push(watchSpec(specFile, async () => {
      try {
        const next = { document: loadSpec(mock.api), prism: await startPrism(0) };
        const previous = prism;
        prism = next.prism;
        guard.retarget({ document: next.document, target: { host, port: prism.port } });
        await previous.close();
        log(`reloaded ${where}`);
      } catch (error) {
        log(`not reloaded: ${(error as Error).message.split("\n")[0]} — still serving the previous version of ${where}`);
      }
    }));
  }
  return { api: mock.api, url: guard.url, prismUrl: prism.url };
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? "null") as HostConfig | null;
  if (!config || !Array.isArray(config.mocks)) throw new Error("mock host: expected the host configuration (JSON) as the first argument");
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    process.once(signal, () => void closeAll().then(() => process.exit(0)));
  }
  const results = await Promise.allSettled(config.mocks.map((mock) => serve(mock, config.host, config.watch === true)));
  const failures = results.flatMap((result, i) => result.status === "fulfilled" ? [] : [{
    api: config.mocks[i]!.api,
    message: (result.reason as Error)?.message ?? String(result.reason),
    portInUse: (result.reason as NodeJS.ErrnoException)?.code === "EADDRINUSE",
  }]);
  if (failures.length > 0) {
    await closeAll();
    await send({ type: "failed", failures });
    process.exit(1);
  }
  await send({ type: "ready", mocks: results.map((result) => (result as PromiseFulfilledResult<ServedMock>).value) });
}

main().catch((error: Error) => {
  process.stderr.write(`mock host: ${error.stack ?? error.message}\n`);
  void closeAll().then(() => process.exit(1));
});
