// How long does a good request wait while a hostile 2 MB nested JSON body is in flight?
// Measured against the mock of the first API in the list (redocly.yaml) that has a GET and a JSON
// POST to aim at, twice: straight to Prism (as before the guard) and through the request guard. Prints the figures and writes them into docs/benchmarks.md between
// `<!-- bench:guard -->` markers (other scripts own other sections of that file).
//
//   node --import tsx scripts/bench/guard-starvation.ts [--rounds N] [--no-write]
//
// The mock runs as `npm run mock` runs it (scripts/mock/prism.ts). Loopback only, free ports,
// every child supervised and stopped at the end. The figures depend on
// the machine and its load: read them as an order of magnitude, not as a test.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { APIS, loadSpec } from "../apis/spec-files.js";
import { fillPath, happyRequests, listOperations, preferredMedia, securitySchemes } from "../apis/operations.js";
import { startPrism } from "../mock/prism.js";
import { writeBenchSection } from "./doc-section.js";
import { median } from "./stats.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DOC = join(ROOT, "docs", "benchmarks.md");
const HOSTILE_BYTES = 2 * 1024 * 1024;

/** The API, its good GET (from the vendor's examples) and the JSON POST the hostile body goes to. */
function pickTarget(): { api: string; goodPath: string; hostilePath: string; headers: Record<string, string> } {
  for (const api of APIS) {
    const document = loadSpec(api.name);
    const operations = listOperations(document);
    const good = operations.find((op) => op.method === "get" && happyRequests(op)[0]?.missing.length === 0);
    const hostile = operations.find((op) => op.method === "post" && /json/.test(preferredMedia(op.requestBody?.media ?? [])?.mediaType ?? ""));
    if (!good || !hostile) continue;
    const happy = happyRequests(good)[0]!;
    const query = new URLSearchParams(Object.entries(happy.query).map(([k, v]) => [k, String(v)])).toString();
    const scheme = securitySchemes(document, good)[0];
    const headers: Record<string, string> = scheme?.scheme === "basic"
      ? { authorization: `Basic ${Buffer.from("bench-key:bench-secret").toString("base64")}` }
      : { authorization: "Bearer bench-token" };
    return { api: api.name, goodPath: fillPath(good.path, happy.pathParams) + (query ? `?${query}` : ""), hostilePath: hostile.path, headers };
  }
  throw new Error("no API in redocly.yaml has both a GET with examples and a JSON POST to measure");
}

const TARGET = pickTarget();
const GOOD_PATH = TARGET.goodPath;
const HOSTILE_PATH = TARGET.hostilePath;
const HEADERS = TARGET.headers;

const hostileBody = Buffer.from("[".repeat(HOSTILE_BYTES / 2) + "]".repeat(HOSTILE_BYTES / 2));

/** Sends the hostile body; resolves when it has an answer (or the connection is cut). */
function sendHostile(base: string): { sent: Promise<void>; done: Promise<number> } {
  let markSent!: () => void;
  const sent = new Promise<void>((r) => { markSent = r; });
  const done = new Promise<number>((resolve) => {
    const req = request(`${base}${HOSTILE_PATH}`, { method: "POST", headers: { ...HEADERS, "content-type": "application/json", "content-length": hostileBody.length } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => { markSent(); resolve(-1); });
    req.end(hostileBody, () => markSent());
  });
  return { sent, done };
}

async function timeGood(base: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${base}${GOOD_PATH}`, { headers: HEADERS, signal: AbortSignal.timeout(120_000) });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`the good request got ${response.status}`);
  return performance.now() - start;
}

/**
 * The longest wait of a good request while the hostile body is in flight: good requests are sent
 * one after another from the moment the hostile body is sent until it is answered, and the
 * slowest one counts (so whichever of them met Prism busy parsing is the one measured).
 */
async function measure(base: string, rounds: number): Promise<{ idle: number; underAttack: number; hostileStatus: number }> {
  const idle: number[] = [];
  const attacked: number[] = [];
  let hostileStatus = 0;
  for (let i = 0; i < 3; i++) await timeGood(base); // warm-up
  for (let i = 0; i < rounds; i++) {
    idle.push(await timeGood(base));
    const hostile = sendHostile(base);
    let answered = false;
    void hostile.done.then(() => { answered = true; });
    let worst = 0;
    do worst = Math.max(worst, await timeGood(base)); while (!answered);
    attacked.push(worst);
    hostileStatus = await hostile.done;
  }
  return { idle: median(idle), underAttack: median(attacked), hostileStatus };
}

const writeSection = (text: string): void => writeBenchSection("guard", text, DOC);

async function main(argv: string[]): Promise<void> {
  const roundsAt = argv.indexOf("--rounds");
  const rounds = roundsAt === -1 ? 5 : Number(argv[roundsAt + 1]);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds needs a positive integer");
  // The mock as `npm run mock` runs it: Prism and its guard in a mock host.
  const mock = await startPrism({ api: TARGET.api });
  try {
    const direct = await measure(mock.prismUrl, rounds);
    const guarded = await measure(mock.url, rounds);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const table = [
      `Good request (\`GET ${GOOD_PATH}\`) to the ${TARGET.api} mock while a ${HOSTILE_BYTES / 1024 / 1024} MB body of nested arrays is in flight`,
      `(\`POST ${HOSTILE_PATH}\`), median of ${rounds} rounds. Written by \`node --import tsx scripts/bench/guard-starvation.ts\`.`,
      "",
      "| path | good request, idle | longest good-request wait, hostile body in flight | hostile body answered |",
      "|---|---|---|---|",
      `| straight to Prism | ${ms(direct.idle)} | ${ms(direct.underAttack)} | ${direct.hostileStatus} |`,
      `| through the request guard | ${ms(guarded.idle)} | ${ms(guarded.underAttack)} | ${guarded.hostileStatus === -1 ? "connection closed" : guarded.hostileStatus} (refused by the guard) |`,
      "",
      `Machine: ${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(1)} at the start of the run; Node ${process.version}.`,
    ].join("\n");
    console.log(table);
    if (!argv.includes("--no-write")) {
      writeSection(table);
      console.log(`\nwritten to ${DOC}`);
    }
  } finally {
    await mock.stop();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`guard-starvation: ${(error as Error).message}`);
  process.exitCode = 1;
});
