// npm run bench:clients [-- --requests 800 --rounds 15 --no-write] [--api NAME ... --no-write]
// Measures what the generated clients cost over raw `fetch` and writes the tables into
// docs/benchmarks.md (between its <!-- bench:clients --> markers; other scripts own other sections),
// with the date, the machine and the Node version. Figures, not assertions.
// 1. Requests per second through each generated client and through raw `fetch` doing the same request
//    (same URL, same headers, body serialised per call, body read and parsed) against a local HTTP
//    server on 127.0.0.1 that runs in a separate child process (so it has its own core and its own event
//    loop). For each API, its first GET and its first POST operation with the spec's own example
//    parameters and body, 1 and 16 in flight. A third variant, raw `fetch` with the client's deadline
//    (an AbortController and a timer), shows what that deadline costs by itself. The variants are
//    interleaved within every round (the order rotates), and the reported ratio is the median of the
//    per-round ratios, so machine noise hits all alike. Target: client / raw >= 0.95.
// 2. The client's own cost per call with an injected fetch that returns a canned response (no network),
//    in CPU time, against the same hand-written request.
// 3. The min+gzip size of each subpath import (esbuild bundle, minified, everything the import pulls in; zlib
//    level 9): the whole subpath, and only its create<Api>Client. Target: <= 4 kB.
// The server child exits when its stdin closes, so it dies with this process, however that ends.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { exampleInit, representativeStatus, responseExample, specOperations, type SpecOperation } from "../generate/examples.js";
import { API_NAMES, APIS, loadSpec, ROOT, type SpecDocument } from "../apis/spec-files.js";
import { DEFAULT_TIMEOUT_MS } from "../../src/runtime/client.js";
import { writeBenchSection } from "./doc-section.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
/** What the generated clients send as User-Agent (the generator writes it from package.json); raw fetch sends it too. */
const USER_AGENT = `${pkg.name}/${pkg.version}`;
const FACTORY: Record<string, string> = Object.fromEntries(APIS.map((api) => [api.name, `create${api.clientName}Client`]));

const MIN_ROUNDS = 7;
// Longer and more rounds than the minimum: on a shared 2-core machine single rounds of 400 requests varied
// by tens of per cent, and medians of 7 by about 10 % from run to run.
const DEFAULT_ROUNDS = 15;
const DEFAULT_REQUESTS = 800;
const TARGET_RATIO = 0.95;
const SIZE_LIMIT = 4096;
const DOC = join(ROOT, "docs", "benchmarks.md");
const BEGIN = "<!-- bench:clients -->";
const END = "<!-- /bench:clients -->";

interface Options {
  requests: number;
  rounds: number;
  write: boolean;
  /** Only these APIs (for trying a change; a run that writes the doc covers every API). */
  apis: string[];
}

type CallInit = { params: Record<string, Record<string, unknown>>; body?: unknown };
type Auth = { token: string } | { username: string; password: string };

/** One call to benchmark, and what the server answers to it. */
interface BenchCase {
  api: string;
  op: SpecOperation;
  init: CallInit;
  mediaType: string | undefined;
  auth: Auth | undefined;
  authorization: string | undefined;
  status: number;
  body: string;
  contentType: string | undefined;
}

/** One benchmarked call: resolves when the response body has been read. */
type Call = () => Promise<unknown>;

/** A generated client's factory, as the bench calls it (it only needs the methods by operation id). */
type Factory = (options: Record<string, unknown>) => Record<string, (init: CallInit) => Promise<{ ok: boolean; status: number; data?: unknown }>>;

interface Comparison {
  raw: number;
  client: number;
  ratio: number;
  spread: [number, number];
  deadline: number;
  deadlineRatio: number;
  rawCpu: number;
  deadlineCpu: number;
  clientCpu: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { requests: DEFAULT_REQUESTS, rounds: DEFAULT_ROUNDS, write: true, apis: [...API_NAMES] };
  const usage = `usage: npm run bench:clients -- [--requests N] [--rounds N>=${MIN_ROUNDS}] [--no-write] [--api NAME]...`;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--no-write") {
      options.write = false;
      continue;
    }
    if (argv[i] === "--api" && (API_NAMES as readonly string[]).includes(argv[i + 1] ?? "")) {
      only.push(argv[++i]!);
      continue;
    }
    const key = argv[i]?.replace(/^--/, "");
    const value = Number(argv[i + 1]);
    if ((key !== "requests" && key !== "rounds") || !Number.isInteger(value) || value < 1) throw new Error(`${usage} (got ${argv.slice(i, i + 2).join(" ")})`);
    options[key] = value;
    i++;
  }
  if (options.rounds < MIN_ROUNDS) throw new Error(`--rounds must be at least ${MIN_ROUNDS} (a median of fewer is noise on a shared machine)`);
  if (only.length) {
    if (options.write) throw new Error("--api measures part of the table: use it with --no-write");
    options.apis = only;
  }
  return options;
}

/** The calls to benchmark for one API: its first GET and its first POST that needs credentials (else any POST). */
function benchCases(api: string): BenchCase[] {
  const spec = loadSpec(api);
  const operations = specOperations(spec);
  const get = operations.find((candidate) => candidate.method === "get");
  const post = operations.find((candidate) => candidate.method === "post" && candidate.needsAuth) ?? operations.find((candidate) => candidate.method === "post");
  return [get, post].filter((op): op is SpecOperation => op !== undefined).map((op) => benchCase(api, spec, op));
}

function benchCase(api: string, spec: SpecDocument, op: SpecOperation): BenchCase {
  const successKey = op.responses.find((key) => key.startsWith("2"));
  if (!successKey) throw new Error(`specs/${api}/openapi.yaml: ${op.id} declares no success response`);
  const init = exampleInit(spec, op.id);
  const mediaType = op.requestMediaType;
  const scheme = (Object.values(spec.components?.securitySchemes ?? {}) as { scheme?: string }[])[0];
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

// The server (a child process): answers each case's method + path (under /<api>) with its documented
// success. It exits when its stdin closes, i.e. when the bench process is gone.
const SERVER = `
const { createServer } = require("node:http");
const routes = JSON.parse(process.argv[1]).map((r) => ({ ...r, pattern: new RegExp("^/" + r.api + r.path.replace(/[.*+?^$()|[\\]\\\\]/g, "\\\\$&").replace(/\\\\?\\{[^}]+\\\\?\\}/g, "[^/]+") + "(?:\\\\?.*)?$") }));
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
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
`;

interface Server {
  url: string;
  stop: () => Promise<void>;
}

function startServer(cases: BenchCase[]): Promise<Server> {
  const routes = cases.map((c) => ({ api: c.api, method: c.op.method.toUpperCase(), path: c.op.path, status: c.status, body: c.body, contentType: c.contentType }));
  const child = spawn(process.execPath, ["-e", SERVER, JSON.stringify(routes)], { stdio: ["pipe", "pipe", "inherit"] });
  const stop = () => {
    child.stdin.end();
    child.kill();
  };
  process.once("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      stop();
      process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
    });
  }
  return new Promise<Server>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the benchmark server exited (${code}) before it listened`)));
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      const port = Number.parseInt(output, 10);
      if (output.includes("\n") && Number.isInteger(port)) {
        child.removeAllListeners("exit");
        resolve({ url: `http://127.0.0.1:${port}`, stop: async () => {
          stop();
          if (child.exitCode === null) await new Promise<void>((done) => child.once("exit", () => done()));
        } });
      }
    });
  });
}

/**
 * The same request by hand, as an application would write it: the same URL, the same headers the client
 * sends (Accept, User-Agent, Content-Type, Authorization), the body serialised on every call (the client
 * serialises on every call too), and the response body read and parsed. The URL is worked out once
 * (the examples' parameters do not change), which only favours raw fetch.
 */
function rawCall(benchCase: BenchCase, baseUrl: string, send: (url: string, init: RequestInit) => Promise<Response> = fetch, deadline = false): Call {
  const { op, init, mediaType, authorization } = benchCase;
  let path = op.path;
  for (const [name, value] of Object.entries(init.params.path ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
  const query = new URLSearchParams(Object.entries(init.params.query ?? {}).map(([k, v]) => [k, String(v)])).toString();
  const url = `${baseUrl}${path}${query ? `?${query}` : ""}`;
  const fixed: Record<string, string> = { Accept: "application/json", "User-Agent": USER_AGENT };
  for (const [name, value] of Object.entries(init.params.header ?? {})) fixed[name] = String(value);
  if (init.body !== undefined) fixed["Content-Type"] = mediaType ?? "application/json";
  if (authorization) fixed["Authorization"] = authorization;
  const method = op.method.toUpperCase();
  const form = mediaType === "application/x-www-form-urlencoded";
  const body = init.body;
  return async () => {
    const requestInit: RequestInit = { method, headers: { ...fixed } };
    if (body !== undefined) requestInit.body = form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
    // What the client's deadline costs by itself: one AbortController whose signal fetch follows, and one timer.
    const controller = deadline ? new AbortController() : undefined;
    const timer = controller && setTimeout(() => controller.abort(), DEFAULT_TIMEOUT_MS);
    if (controller) requestInit.signal = controller.signal;
    try {
      const response = await send(url, requestInit);
      if (response.status !== benchCase.status) throw new Error(`raw fetch: ${method} ${url} → ${response.status}`);
      return await (benchCase.contentType ? response.json() : response.text());
    } finally {
      clearTimeout(timer);
    }
  };
}

/** A fetch that answers at once with the case's documented success (a fresh Response each time). */
function cannedFetch(benchCase: BenchCase): () => Promise<Response> {
  const headers: Record<string, string> = benchCase.contentType ? { "content-type": benchCase.contentType, "content-length": String(Buffer.byteLength(benchCase.body)) } : {};
  return async () => new Response(benchCase.body || null, { status: benchCase.status, headers });
}

function clientCall(benchCase: BenchCase, module: Record<string, unknown>, baseUrl: string, fetch?: () => Promise<Response>): Call {
  const factory = module[FACTORY[benchCase.api] ?? ""];
  if (typeof factory !== "function") throw new Error(`generated/${benchCase.api}: no ${FACTORY[benchCase.api]} (run npm run generate)`);
  const client = (factory as Factory)({ baseUrl, auth: benchCase.auth ?? { token: "unused" }, ...(fetch ? { fetch } : {}) });
  const method = client[benchCase.op.id];
  if (method === undefined) throw new Error(`generated/${benchCase.api}: the client has no ${benchCase.op.id}`);
  return async () => {
    const result = await method(benchCase.init);
    if (!result.ok) throw new Error(`${benchCase.api} ${benchCase.op.id} → ${result.status}`);
    return result.data;
  };
}

/** Requests per second for `total` calls with `concurrency` in flight. */
async function measure(call: Call, total: number, concurrency: number): Promise<number> {
  return (await measureWithCpu(call, total, concurrency)).rps;
}

/** Requests per second, and this process's CPU µs per request (steadier than wall time on a busy machine). */
async function measureWithCpu(call: Call, total: number, concurrency: number): Promise<{ rps: number; cpuUs: number }> {
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await call();
    }),
  );
  const used = process.cpuUsage(cpu);
  return { rps: total / ((performance.now() - started) / 1000), cpuUs: (used.user + used.system) / total };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error("median of no values");
  return middle;
}

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
  const code = result.outputFiles[0]?.contents;
  if (code === undefined) throw new Error("esbuild produced no output");
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/**
 * Rounds of `requests` calls each: raw fetch, raw fetch with the client's deadline, and the client,
 * interleaved (the order rotates every round, so no variant always goes first).
 */
async function compare(raw: Call, deadline: Call, client: Call, requests: number, rounds: number, concurrency: number): Promise<Comparison> {
  const variants = [raw, deadline, client];
  for (const call of variants) await measure(call, Math.min(200, requests), concurrency); // warm-up: connections, JIT
  const rps: number[][] = [[], [], []];
  const cpu: number[][] = [[], [], []];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const which = (i + round) % variants.length;
      const result = await measureWithCpu(variants[which]!, requests, concurrency);
      rps[which]!.push(result.rps);
      cpu[which]!.push(result.cpuUs);
    }
  }
  const [rawRps, deadlineRps, clientRps] = rps as [number[], number[], number[]];
  const ratios = clientRps.map((c, round) => c / rawRps[round]!);
  return {
    raw: median(rawRps), client: median(clientRps), ratio: median(ratios), spread: [Math.min(...ratios), Math.max(...ratios)],
    deadline: median(deadlineRps), deadlineRatio: median(clientRps.map((c, round) => c / deadlineRps[round]!)),
    rawCpu: median(cpu[0]!), deadlineCpu: median(cpu[1]!), clientCpu: median(cpu[2]!),
  };
}

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${process.platform} ${process.arch}; load average at start ${loadavg().map((l) => l.toFixed(1)).join(" ")}`;
}

/** Replaces this script's section of docs/benchmarks.md, leaving the rest alone. */
const writeSection = (markdown: string): void => writeBenchSection("clients", markdown, DOC);

async function main(): Promise<void> {
  const { requests, rounds, write, apis } = parseArgs(process.argv.slice(2));
  const cases = apis.flatMap(benchCases);
  const started = new Date();
  const host = machine();
  const work = mkdtempSync(join(tmpdir(), "bench-clients-"));
  const server = await startServer(cases);
  const rows: (Comparison & { api: string; op: string; concurrency: number })[] = [];
  const overhead: { api: string; op: string; alone: number; deadline: number; through: number; own: number; beyondDeadline: number }[] = [];
  try {
    const modules: Record<string, Record<string, unknown>> = {};
    for (const benchCase of cases) {
      // Bundle the client from its TypeScript sources (no build step, no dist/ needed).
      let module = modules[benchCase.api];
      if (module === undefined) {
        const bundled = await build({ entryPoints: [join(ROOT, "generated", benchCase.api, "index.ts")], bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent" });
        const code = bundled.outputFiles[0]?.contents;
        if (code === undefined) throw new Error(`esbuild produced no output for generated/${benchCase.api}`);
        const file = join(work, `${benchCase.api}.mjs`);
        writeFileSync(file, code);
        module = modules[benchCase.api] = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      }
      const baseUrl = `${server.url}/${benchCase.api}`;
      const raw = rawCall(benchCase, baseUrl);
      const rawWithDeadline = rawCall(benchCase, baseUrl, fetch, true);
      const viaClient = clientCall(benchCase, module, baseUrl);
      await raw();
      await rawWithDeadline();
      await viaClient();
      const label = `${benchCase.op.method.toUpperCase()} ${benchCase.op.id}`;
      for (const concurrency of [1, 16]) {
        const result = await compare(raw, rawWithDeadline, viaClient, requests, rounds, concurrency);
        rows.push({ api: benchCase.api, op: label, concurrency, ...result });
        console.error(`bench-clients: ${benchCase.api} ${label} ×${concurrency}: ${result.ratio.toFixed(2)}`);
      }
      const canned = cannedFetch(benchCase);
      // The same work as raw fetch above (headers, body serialised, body read and parsed), with the canned fetch.
      const variants = [rawCall(benchCase, baseUrl, canned), rawCall(benchCase, baseUrl, canned, true), clientCall(benchCase, module, baseUrl, canned)];
      // CPU time of this process per call: a pure-JS loop, so machine load shows up in wall time only.
      const perCall = async (call: Call) => (await measureWithCpu(call, requests * 5, 1)).cpuUs;
      for (const call of variants) await perCall(call);
      const cpu: number[][] = [[], [], []];
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < variants.length; i++) {
          const which = (i + round) % variants.length;
          cpu[which]!.push(await perCall(variants[which]!));
        }
      }
      const [alone, deadline, through] = cpu as [number[], number[], number[]];
      overhead.push({
        api: benchCase.api, op: label, alone: median(alone), deadline: median(deadline), through: median(through),
        // Medians of the per-round differences: each round's variants ran back to back.
        own: median(through.map((t, round) => t - alone[round]!)), beyondDeadline: median(through.map((t, round) => t - deadline[round]!)),
      });
    }
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }

  const out: string[] = [];
  out.push(`## Clients (\`npm run bench:clients\`)`, "");
  out.push(`Run ${started.toISOString().slice(0, 16).replace("T", " ")} UTC on ${host}; Node ${process.version}.`, "");
  out.push(`**Requests/s against a local HTTP server** (127.0.0.1, separate process), ${requests} requests per round × ${rounds} rounds; raw \`fetch\`, raw \`fetch\` with the client's deadline and the client interleaved (the order rotates every round); medians, and the median of the per-round ratios. The target (client / raw ≥ ${TARGET_RATIO}) is against plain raw \`fetch\`.`, "");
  out.push(`"Raw + deadline" is raw \`fetch\` with what the client's default \`timeoutMs\` adds by itself: an \`AbortController\` whose signal \`fetch\` follows (so that a timed-out request is really cancelled) and a ${DEFAULT_TIMEOUT_MS} ms timer. Its column separates the cost of that deadline from the cost of the client's own code.`, "");
  out.push(`The CPU columns are this (client) process's CPU time per request, medians over the same rounds: they hold up under machine load better than requests/s.`, "");
  out.push(`| API | operation | in flight | raw fetch req/s | client req/s | client / raw | per-round range | target | raw + deadline req/s | client / (raw + deadline) | CPU µs/req raw · raw + deadline · client |`);
  out.push(`|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const row of rows) {
    out.push(`| ${row.api} | ${row.op} | ${row.concurrency} | ${Math.round(row.raw)} | ${Math.round(row.client)} | ${row.ratio.toFixed(2)} | ${row.spread.map((x) => x.toFixed(2)).join("–")} | ${row.ratio >= TARGET_RATIO ? "met" : "missed"} | ${Math.round(row.deadline)} | ${row.deadlineRatio.toFixed(2)} | ${Math.round(row.rawCpu)} · ${Math.round(row.deadlineCpu)} · ${Math.round(row.clientCpu)} |`);
  }
  out.push("", `**Client cost per call without network** (injected fetch returning a canned response; "alone" does what raw fetch does above: headers, body serialised, body read and parsed; "+ deadline" adds the client's AbortController and timer), CPU µs per call, ${requests * 5} calls × ${rounds} rounds, the three interleaved; medians, and medians of the per-round differences.`, "");
  out.push(`| API | operation | canned fetch alone µs | alone + deadline µs | through the client µs | client's own µs | beyond the deadline µs |`);
  out.push(`|---|---|---|---|---|---|---|`);
  for (const row of overhead) out.push(`| ${row.api} | ${row.op} | ${row.alone.toFixed(1)} | ${row.deadline.toFixed(1)} | ${row.through.toFixed(1)} | ${row.own.toFixed(1)} | ${row.beyondDeadline.toFixed(1)} |`);

  out.push("", `**Bundle size per subpath import** (esbuild --bundle --minify, browser, ES2022; gzip -9; everything the import pulls in (the runtime bundles no openapi-fetch code); limit ${SIZE_LIMIT} B).`, "");
  out.push(`| import | min B | min+gzip B | limit |`);
  out.push(`|---|---|---|---|`);
  const sizes: [string, string, boolean][] = [["openapi-fetch createClient alone (not used by the clients)", `export { default } from "openapi-fetch";`, false]];
  for (const api of API_NAMES) {
    sizes.push([`${pkg.name}/${api} (everything)`, `export * from "./generated/${api}/index.ts";`, true]);
    sizes.push([`${pkg.name}/${api} { ${FACTORY[api]} }`, `export { ${FACTORY[api]} } from "./generated/${api}/index.ts";`, true]);
  }
  for (const [label, contents, limited] of sizes) {
    const { min, gzip } = await bundleSize(contents);
    out.push(`| ${label} | ${min} | ${gzip} | ${limited ? (gzip <= SIZE_LIMIT ? "met" : "missed") : "—"} |`);
  }
  const markdown = out.join("\n");
  console.log(markdown);
  if (write) {
    writeSection(markdown);
    console.error(`bench-clients: wrote its section of docs/benchmarks.md`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench-clients: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
