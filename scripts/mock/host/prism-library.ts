// Prism as a library: the same packages `prism mock` and `prism proxy` run (resolved through the
// pinned @stoplight/prism-cli, so the versions are the CLI's own), started in this process.
// Loading Prism costs about 1.4 CPU-seconds and each spec a few hundred milliseconds more, so one
// host serving four specs costs a quarter of four CLI processes — the difference between a test
// run that starts its mocks in 2 s and one that needs 10.
//
// What the CLI adds on top, and why it is left out: yargs, the signale log format (./log-lines.ts
// formats Prism's pino lines instead, per API), the json-schema-faker set-up (we never run
// `--dynamic`), and the file watcher (./main.ts reloads a spec itself when asked to watch).
import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import { deferModule } from "./defer-module.js";

const fromCli = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-cli/package.json"));
const fromPrismHttp = createRequire(fromCli.resolve("@stoplight/prism-http/package.json"));

interface PrismServer {
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

export interface PrismModules {
  getHttpOperationsFromSpec(document: string): Promise<unknown[]>;
  createServer(operations: unknown[], options: unknown): PrismServer;
  createLogger(name: string, options: unknown, destination: Writable): { child(bindings: object): unknown };
}

let modules: PrismModules | undefined;

/** Prism's modules, loaded once per process. */
export function loadPrism(): PrismModules {
  if (!modules) {
    // Prism hands faker to json-schema-faker at load time, for `--dynamic` answers, which we never
    // ask for. Faker is 2000 modules, more than half of Prism's start-up CPU: it is loaded on
    // first use instead (tests/contract/prism-library.test.ts holds both halves of that).
    deferModule(fromPrismHttp, "@faker-js/faker");
    // Likewise Prism's Postman-collection reader (with the postman-collection package, about 0.2
    // CPU-seconds): it is called only for a Postman document, and we serve OpenAPI only.
    deferModule(fromPrismHttp, "@stoplight/http-spec/postman/operation");
  }
  return (modules ??= {
    getHttpOperationsFromSpec: (fromCli("@stoplight/prism-http") as PrismModules).getHttpOperationsFromSpec,
    createServer: (fromCli("@stoplight/prism-http-server") as PrismModules).createServer,
    createLogger: (fromCli("@stoplight/prism-core") as PrismModules).createLogger,
  });
}

export interface PrismServerOptions {
  specFile: string;
  mode: "mock" | "proxy";
  upstream?: string;
  errors: boolean;
  host: string;
  port: number;
  /** Where Prism's pino log lines (JSON, one per line) go. */
  log: Writable;
}

export interface RunningPrismServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts one Prism server (as `prism mock|proxy <spec> -v error` would) and resolves once it listens. */
export async function startPrismServer(options: PrismServerOptions): Promise<RunningPrismServer> {
  const prism = loadPrism();
  const operations = await prism.getHttpOperationsFromSpec(options.specFile);
  if (operations.length === 0) throw new Error(`${options.specFile}: no operations found`);
  // The CLI's own defaults for both commands (prism-cli/dist/util/createServer.js).
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: options.errors,
    upstreamProxy: undefined,
    mock: { dynamic: false, ignoreExamples: false, seed: null },
  };
  const config = options.mode === "proxy"
    ? { ...shared, isProxy: true, upstream: new URL(options.upstream!) }
    : { ...shared, isProxy: false };
  const logger = prism.createLogger("CLI", { level: "error", formatters: { level: (level: string) => ({ level }) } }, options.log);
  const server = prism.createServer(operations, { cors: true, config, components: { logger: logger.child({ name: "HTTP SERVER" }) } });
  const address = await server.listen(options.port, options.host);
  const port = Number(new URL(address).port);
  return { url: `http://${options.host}:${port}`, port, close: () => server.close() };
}
