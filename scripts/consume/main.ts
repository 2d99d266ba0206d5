// `npm run check:consume [-- tarball git workspace]`: tries each way the README gives to consume the
// package (a tarball from `npm pack`, a git install, an npm workspace) in a fresh temporary project:
// install, then compile the README's "Using a client" snippet there (ESM, @types/node, strict) and run
// it against the mock it names. Not part of `npm test`: the git and workspace installs fetch every
// devDependency (from npm's cache when it has them) and take a minute or more each.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPrisms, type PrismInstance } from "../mock/prism.js";
import { compileAndRun } from "./app.js";
import { runningChild } from "./run.js";
import { mockedApis, pointAtMocks } from "./mock-urls.js";
import { readmeSnippet } from "./snippet.js";
import { INSTALL, WAYS, type Way } from "./ways.js";

const USAGE = `Usage: npm run check:consume [-- ${WAYS.join(" ")}]   (default: all three)`;

const args = process.argv.slice(2);
if (args.includes("--help")) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.filter((arg) => !(WAYS as readonly string[]).includes(arg));
if (unknown.length > 0) {
  console.error(`check:consume: unknown way ${unknown.map((a) => `"${a}"`).join(", ")}\n${USAGE}`);
  process.exit(2);
}
const ways = (args.length > 0 ? args : WAYS) as Way[];

const mocks: PrismInstance[] = [];
const workDirs: string[] = [];

async function cleanUp(): Promise<void> {
  runningChild()?.kill("SIGTERM");
  await Promise.all(mocks.map((mock) => mock.stop()));
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    console.error(`check:consume: ${signal}, stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const snippet = readmeSnippet();
  const apis = mockedApis(snippet);
  if (apis.length > 0) mocks.push(...(await startPrisms(apis.map((api) => ({ api })), { timeoutMs: 90_000 })).instances);
  const program = pointAtMocks(snippet, new Map(mocks.map((mock) => [mock.api, mock.url])));
  console.log(`check:consume: README snippet against the ${apis.join(", ") || "(no)"} mock`);
  let failed = 0;
  for (const way of ways) {
    const work = mkdtempSync(join(tmpdir(), `pac-consume-${way}-`));
    workDirs.push(work);
    const started = performance.now();
    try {
      const app = await INSTALL[way](work, program);
      const output = await compileAndRun(app);
      console.log(`check:consume: ${way}: ok in ${((performance.now() - started) / 1000).toFixed(0)} s — ${output.trim().split("\n")[0]?.slice(0, 100)}`);
    } catch (error) {
      failed++;
      console.error(`check:consume: ${way}: FAILED\n${(error as Error).message}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`check:consume: ${(error as Error).message}`);
} finally {
  await cleanUp();
}
process.exit(code);
