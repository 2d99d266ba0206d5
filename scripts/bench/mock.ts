// `npm run bench:mock`: how fast the Prism mocks answer, and how long the contract suite takes.
//
//   npm run bench:mock -- [--requests N] [--concurrency C] [--apis a,b] [--no-suite] [--no-write]
//
// Per API: Prism 5.14.2 mock (`-v error`, request validation on, as `npm run mock` runs it) on a
// free loopback port; a bounded loop of N requests (default 2000, C in flight, default 10) that
// cycles through the vendor's own request examples of every operation; requests per second and
// p50/p99 latency. Then the wall time of the mock contract suite (`vitest run --project contract`).
// Figures only: nothing here passes or fails on speed. They are printed and written into the
// `bench:mock` section of docs/benchmarks.md (unless --no-write).
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { happyRequests, isPublic, listOperations, fillPath } from "../apis/operations.js";
import { startPrism } from "../mock/prism.js";
import { API_NAMES, ROOT, loadSpec } from "../apis/spec-files.js";
import { writeBenchSection } from "./doc-section.js";

const require = createRequire(import.meta.url);

interface BenchOptions { requests: number; concurrency: number; apis: string[]; suite: boolean; write: boolean }
interface PlannedRequest { label: string; method: string; path: string; headers: Record<string, string>; body: string | undefined }

function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = { requests: 2000, concurrency: 10, apis: [...API_NAMES], suite: true, write: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] ?? "").split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--requests") options.requests = Number(value());
    else if (flag === "--concurrency") options.concurrency = Number(value());
    else if (flag === "--apis") options.apis = String(value()).split(",").map((s) => s.trim()).filter(Boolean);
    else if (flag === "--no-suite") options.suite = false;
    else if (flag === "--no-write") options.write = false;
    else throw new Error(`unknown option "${argv[i]}" (expected --requests N, --concurrency C, --apis a,b, --no-suite, --no-write)`);
  }
  for (const key of ["requests", "concurrency"] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 1) throw new Error(`--${key} must be a whole number ≥ 1`);
  }
  const unknown = options.apis.filter((api) => !API_NAMES.includes(api));
  if (unknown.length) throw new Error(`unknown API ${unknown.join(", ")} (expected some of ${API_NAMES.join(", ")})`);
  return options;
}

/** Ready-to-send requests: every vendor request example of every operation of the API. */
function requestsFor(api: string): PlannedRequest[] {
  const document = loadSpec(api);
  const schemes = Object.values<{ scheme?: string }>(document.components?.securitySchemes ?? {});
  const authorization = schemes.some((s) => String(s.scheme).toLowerCase() === "basic")
    ? `Basic ${Buffer.from("bench:bench").toString("base64")}`
    : "Bearer bench-token";
  const list: PlannedRequest[] = [];
  for (const op of listOperations(document)) {
    for (const happy of happyRequests(op)) {
      if (happy.missing.length) continue;
      const query = new URLSearchParams(Object.entries(happy.query).map(([k, v]) => [k, String(v)])).toString();
      const headers: Record<string, string> = { accept: "application/json", ...happy.headers };
      if (!isPublic(op)) headers.authorization = authorization;
      let body: string | undefined;
      if (happy.body !== undefined) {
        const mediaType = happy.mediaType ?? "application/json";
        headers["content-type"] = mediaType;
        body = /x-www-form-urlencoded/.test(mediaType)
          ? new URLSearchParams(Object.entries<unknown>(happy.body).map(([k, v]) => [k, String(v)])).toString()
          : JSON.stringify(happy.body);
      }
      list.push({ label: `${op.operationId}/${happy.name}`, method: op.method.toUpperCase(), path: fillPath(op.path, happy.pathParams) + (query ? `?${query}` : ""), headers, body });
    }
  }
  return list;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

interface BenchRow { api: string; operations: number; examples: number; requests: number; failures: number; rps: number; p50: number; p99: number }

async function benchApi(api: string, { requests, concurrency }: BenchOptions): Promise<BenchRow> {
  const plan = requestsFor(api);
  if (plan.length === 0) throw new Error(`specs/${api}/openapi.yaml: no request example to send`);
  const prism = await startPrism({ api, mode: "mock" });
  try {
    // Warm-up: one round of every request, and a check that each one is accepted.
    for (const r of plan) {
      const response = await fetch(prism.url + r.path, { method: r.method, headers: r.headers, body: r.body ?? null });
      await response.arrayBuffer();
      if (response.status >= 300) throw new Error(`${api} ${r.label}: the mock answered ${response.status}; the benchmark needs accepted requests`);
    }
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
    const worker = async () => {
      while (next < requests) {
        const r = plan[next++ % plan.length] as PlannedRequest;
        const started = performance.now();
        const response = await fetch(prism.url + r.path, { method: r.method, headers: r.headers, body: r.body ?? null });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.status >= 300) failures += 1;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      api, operations: new Set(plan.map((r) => r.label.split("/")[0])).size, examples: plan.length,
      requests: latencies.length, failures, rps: latencies.length / seconds,
      p50: percentile(latencies, 50), p99: percentile(latencies, 99),
    };
  } finally {
    await prism.stop();
  }
}

function suiteWallTime(): Promise<{ seconds: number; code: number | null; tests: string; badInputs: string }> {
  const vitest = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const env = { ...process.env, CONTRACT_TARGET: "mock" };
    const child = spawn(process.execPath, [vitest, "run", "--project", "contract"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => { output += String(c); });
    child.stderr.on("data", (c) => { output += String(c); });
    child.once("error", reject);
    child.once("exit", (code) => {
      const tests = /Tests\s+(.*)\n/.exec(output.replace(/\x1b\[[0-9;]*m/g, ""))?.[1]?.trim() ?? "?";
      const badInputs = /bad inputs: .*/.exec(output)?.[0] ?? "";
      resolve({ seconds: (performance.now() - started) / 1000, code, tests, badInputs });
    });
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  console.log(`mock benchmark: Node ${process.version}, ${cpus().length} CPU(s), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`${options.requests} requests per API, ${options.concurrency} in flight, Prism mock in the mock host, as npm run mock runs it (request validation on)\n`);
  const rows: BenchRow[] = [];
  for (const api of options.apis) rows.push(await benchApi(api, options));
  const header = ["API", "operations", "examples", "requests", "non-2xx", "req/s", "p50 ms", "p99 ms"];
  const table = [header, ...rows.map((r) => [r.api, r.operations, r.examples, r.requests, r.failures, r.rps.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2)].map(String))];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
  for (const row of table) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  "));

  const startedAt = new Date().toISOString().slice(0, 16).replace("T", " ");
  const load = loadavg().map((l) => l.toFixed(1)).join(" ");
  const markdown = [
    "## Mocks (`npm run bench:mock`)",
    "",
    `Run ${startedAt} UTC on ${cpus().length} CPUs, load average ${load} at the start; Node ${process.version}. ` +
      `${options.requests} requests per API, ${options.concurrency} in flight, cycling through the vendor's request examples; ` +
      "Prism mock with request validation on, behind the request guard (as `npm run mock` runs it).",
    "",
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...table.slice(1).map((row) => `| ${row.join(" | ")} |`),
  ];
  if (options.suite) {
    const suite = await suiteWallTime();
    const line = `contract suite (mock, vitest run --project contract): ${suite.seconds.toFixed(1)} s wall, exit ${suite.code}; tests ${suite.tests}${suite.badInputs ? `; ${suite.badInputs}` : ""}`;
    console.log(`\n${line}`);
    markdown.push("", line);
    if (suite.code !== 0) process.exitCode = 1;
  }
  if (options.write && process.exitCode !== 1) {
    writeBenchSection("mock", markdown.join("\n"));
    console.log("\nbench:mock: wrote docs/benchmarks.md");
  }
}

main().catch((error) => {
  console.error(`bench-mock: ${(error as Error).message}`);
  process.exitCode = 1;
});
