// npm run bench:clients [-- --requests 1500 --rounds 3]
// Prints two tables (figures, not assertions):
// 1. Requests per second through each generated client against a local HTTP server on 127.0.0.1
//    (in a worker thread, so it has its own core), as a ratio to raw `fetch` doing the same request
//    in the same run: sequential (c=1, the per-request overhead) and 16 in flight (c=16). Rounds
//    alternate raw and client; the median round is reported. Each call is the spec's first GET
//    operation (else its first operation) with the spec's own example parameters and body.
//    Also the client's own cost per call with an injected fetch that returns a canned response (no
//    network, so machine load disturbs it less), next to that canned fetch called alone.
// 2. The min+gzip size of each subpath import (esbuild bundle, minified, openapi-fetch included;
//    zlib level 9): the whole subpath, and only its create<Api>Client.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { exampleInit, representativeStatus, responseExample, specOperations, type SpecOperation } from "../generate/examples.js";
import { API_NAMES, APIS, loadSpec, ROOT } from "../apis/spec-files.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string };
const FACTORY: Record<string, string> = Object.fromEntries(APIS.map((api) => [api.name, `create${api.clientName}Client`]));

function parseArgs(argv: string[]): { requests: number; rounds: number } {
  const options: Record<string, number> & { requests: number; rounds: number } = { requests: 1500, rounds: 3 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, "");
    const value = Number(argv[i + 1]);
    if (key === undefined || !(key in options) || !Number.isInteger(value) || value < 1) {
      throw new Error(`usage: npm run bench:clients -- [--requests N] [--rounds N] (got ${argv.slice(i, i + 2).join(" ")})`);
    }
    options[key] = value;
  }
  return options;
}

type Auth = { token: string } | { username: string; password: string };
interface BenchCase {
  api: string;
  op: SpecOperation;
  init: ReturnType<typeof exampleInit>;
  mediaType: string | undefined;
  auth: Auth | undefined;
  authorization: string | undefined;
  status: number;
  body: string;
  contentType: string | undefined;
}
/** A generated client, called by operation id (the module is bundled and imported at run time). */
type AnyClient = Record<string, (init: unknown) => Promise<{ ok: boolean; status: number; data?: unknown }>>;
type ClientModule = Record<string, (options: object) => AnyClient>;

/** The call to benchmark for one API, and what the server answers to it. */
function benchCase(api: string): BenchCase {
  const spec = loadSpec(api);
  const operations = specOperations(spec);
  const op = operations.find((candidate) => candidate.method === "get") ?? operations[0];
  if (!op) throw new Error(`specs/${api}/openapi.yaml: no operation to benchmark`);
  const successKey = op.responses.find((key) => key.startsWith("2"));
  if (!successKey) throw new Error(`specs/${api}/openapi.yaml: ${op.id} declares no success response`);
  const init = exampleInit(spec, op.id);
  const mediaType = op.requestMediaType;
  const scheme = Object.values<{ scheme?: string }>(spec.components?.securitySchemes ?? {})[0];
  const auth: Auth = scheme?.scheme === "basic" ? { username: "bench-key", password: "bench-secret" } : { token: "bench-token" };
  const authorization = "token" in auth ? `Bearer ${auth.token}` : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
  const response = responseExample(spec, op.id, successKey);
  return {
    api,
    op,
    init,
    mediaType,
    auth: op.needsAuth ? auth : undefined,
    authorization: op.needsAuth ? authorization : undefined,
    status: representativeStatus(successKey, op.responses),
    body: response ? JSON.stringify(response.example ?? {}) : "",
    contentType: response?.mediaType,
  };
}

// The server: answers each case's method + path (under /<api>) with its documented success.
const SERVER = `
const { createServer } = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const routes = workerData.map((r) => ({ ...r, pattern: new RegExp("^/" + r.api + r.path.replace(/[.*+?^$()|[\\]\\\\]/g, "\\\\$&").replace(/\\\\?\\{[^}]+\\\\?\\}/g, "[^/]+") + "(?:\\\\?.*)?$") }));
const server = createServer((req, res) => {
  const route = routes.find((r) => r.method === req.method && r.pattern.test(req.url));
  req.resume();
  req.on("end", () => {
    if (!route) { res.writeHead(404).end(); return; }
    res.writeHead(route.status, route.contentType ? { "content-type": route.contentType, "content-length": Buffer.byteLength(route.body) } : { "content-length": 0 });
    res.end(route.body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
`;

function startServer(cases: BenchCase[]): Promise<{ url: string; stop: () => Promise<number> }> {
  const worker = new Worker(SERVER, {
    eval: true,
    workerData: cases.map((c) => ({ api: c.api, method: c.op.method.toUpperCase(), path: c.op.path, status: c.status, body: c.body, contentType: c.contentType })),
  });
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (port: number) => resolve({ url: `http://127.0.0.1:${port}`, stop: () => worker.terminate() }));
  });
}

/** The same request by hand: URL with path and query parameters, headers, serialised body. */
function rawCall(benchCase: BenchCase, baseUrl: string): () => Promise<unknown> {
  const { op, init, mediaType, authorization } = benchCase;
  let path = op.path;
  for (const [name, value] of Object.entries(init.params.path ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
  const query = new URLSearchParams(Object.entries(init.params.query ?? {}).map(([k, v]) => [k, String(v)])).toString();
  const url = `${baseUrl}${path}${query ? `?${query}` : ""}`;
  const headers: Record<string, string> = { Accept: "application/json", ...(init.params.header as Record<string, string> | undefined ?? {}) };
  if (authorization) headers.Authorization = authorization;
  let body: string | null = null;
  if (init.body !== undefined) {
    headers["Content-Type"] = mediaType ?? "application/json";
    body = mediaType === "application/x-www-form-urlencoded" ? new URLSearchParams(init.body as Record<string, string>).toString() : JSON.stringify(init.body);
  }
  const method = op.method.toUpperCase();
  return async () => {
    const response = await fetch(url, { method, headers, body });
    if (response.status !== benchCase.status) throw new Error(`raw fetch: ${method} ${url} → ${response.status}`);
    return benchCase.contentType ? response.json() : response.text();
  };
}

/** A fetch that answers at once with the case's documented success (a fresh Response each time). */
function cannedFetch(benchCase: BenchCase): () => Promise<Response> {
  const headers: Record<string, string> = benchCase.contentType ? { "content-type": benchCase.contentType, "content-length": String(Buffer.byteLength(benchCase.body)) } : {};
  return async () => new Response(benchCase.body || null, { status: benchCase.status, headers });
}

function clientCall(benchCase: BenchCase, module: ClientModule, baseUrl: string, fetch?: () => Promise<Response>): () => Promise<unknown> {
  const factory = module[FACTORY[benchCase.api] ?? ""];
  if (!factory) throw new Error(`generated/${benchCase.api}: no ${FACTORY[benchCase.api]}`);
  const client = factory({ baseUrl, auth: benchCase.auth ?? { token: "unused" }, ...(fetch ? { fetch } : {}) });
  return async () => {
    const call = client[benchCase.op.id];
    if (!call) throw new Error(`${benchCase.api}: the client has no ${benchCase.op.id}`);
    const result = await call(benchCase.init);
    if (!result.ok) throw new Error(`${benchCase.api} ${benchCase.op.id} → ${result.status}`);
    return result.data;
  };
}

/** Requests per second for `total` calls with `concurrency` in flight. */
async function measure(call: () => Promise<unknown>, total: number, concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await call();
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function bundleSize(contents: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

async function main() {
  const { requests, rounds } = parseArgs(process.argv.slice(2));
  const cases = API_NAMES.map(benchCase);
  const work = mkdtempSync(join(tmpdir(), "bench-clients-"));
  const server = await startServer(cases);
  const rows: Array<{ api: string; op: string; concurrency: number; raw: number; client: number }> = [];
  const overhead: Array<{ api: string; op: string; alone: number; through: number }> = [];
  try {
    for (const benchCase of cases) {
      // Bundle the client from its TypeScript sources (no build step, no dist/ needed).
      const bundled = await build({ entryPoints: [join(ROOT, "generated", benchCase.api, "index.ts")], bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent" });
      const file = join(work, `${benchCase.api}.mjs`);
      writeFileSync(file, bundled.outputFiles[0]?.contents ?? "");
      const module = (await import(pathToFileURL(file).href)) as ClientModule;
      const baseUrl = `${server.url}/${benchCase.api}`;
      const raw = rawCall(benchCase, baseUrl);
      const viaClient = clientCall(benchCase, module, baseUrl);
      await raw();
      await viaClient();
      for (const concurrency of [1, 16]) {
        await measure(raw, Math.min(300, requests), concurrency); // warm-up
        await measure(viaClient, Math.min(300, requests), concurrency);
        const rawRps = [];
        const clientRps = [];
        for (let round = 0; round < rounds; round++) {
          rawRps.push(await measure(raw, requests, concurrency));
          clientRps.push(await measure(viaClient, requests, concurrency));
        }
        rows.push({ api: benchCase.api, op: `${benchCase.op.method.toUpperCase()} ${benchCase.op.id}`, concurrency, raw: median(rawRps), client: median(clientRps) });
      }
      const canned = cannedFetch(benchCase);
      const cannedAlone = async () => {
        const response = await canned();
        return benchCase.contentType ? response.json() : response.text();
      };
      const viaCanned = clientCall(benchCase, module, baseUrl, canned);
      const perCall = async (call: () => Promise<unknown>): Promise<number> => 1e6 / (await measure(call, requests * 4, 1));
      await perCall(cannedAlone);
      await perCall(viaCanned);
      const alone = [];
      const through = [];
      for (let round = 0; round < rounds; round++) {
        alone.push(await perCall(cannedAlone));
        through.push(await perCall(viaCanned));
      }
      overhead.push({ api: benchCase.api, op: `${benchCase.op.method.toUpperCase()} ${benchCase.op.id}`, alone: median(alone), through: median(through) });
    }
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }

  console.log(`Requests/s against a local HTTP server (127.0.0.1, worker thread), ${requests} requests × ${rounds} rounds, median; Node ${process.version}`);
  console.log(`| API | operation | in flight | raw fetch req/s | client req/s | client / raw |`);
  console.log(`|---|---|---|---|---|---|`);
  for (const row of rows) {
    console.log(`| ${row.api} | ${row.op} | ${row.concurrency} | ${Math.round(row.raw)} | ${Math.round(row.client)} | ${(row.client / row.raw).toFixed(2)} |`);
  }

  console.log(`\nClient cost per call without network (injected fetch returning a canned response), ${requests * 4} calls × ${rounds} rounds, median`);
  console.log(`| API | operation | canned fetch alone µs | through the client µs | client's own µs |`);
  console.log(`|---|---|---|---|---|`);
  for (const row of overhead) {
    console.log(`| ${row.api} | ${row.op} | ${row.alone.toFixed(1)} | ${row.through.toFixed(1)} | ${(row.through - row.alone).toFixed(1)} |`);
  }

  console.log(`\nBundle size per subpath import (esbuild --bundle --minify, browser, ES2022; gzip -9); openapi-fetch included`);
  console.log(`| import | min B | min+gzip B |`);
  console.log(`|---|---|---|`);
  const sizes: Array<[string, string]> = [["openapi-fetch alone (createClient)", `export { default } from "openapi-fetch";`]];
  for (const api of API_NAMES) {
    sizes.push([`${pkg.name}/${api} (everything)`, `export * from "./generated/${api}/index.ts";`]);
    sizes.push([`${pkg.name}/${api} { ${FACTORY[api]} }`, `export { ${FACTORY[api]} } from "./generated/${api}/index.ts";`]);
  }
  for (const [label, contents] of sizes) {
    const { min, gzip } = await bundleSize(contents);
    console.log(`| ${label} | ${min} | ${gzip} |`);
  }
}

main().catch((error) => {
  console.error(`bench-clients: ${(error as Error).message}`);
  process.exitCode = 1;
});
