// Runs the orphan check (orphan-check.ts) against the real `npm run mock` and `npm start`, each
// killed every way it knows, and writes the figures into docs/benchmarks.md between the
// `<!-- bench:orphans -->` markers (other scripts own other sections of that file).
//
//   node --import tsx scripts/process/orphan-report.ts [--no-write]
//
// Free loopback ports only; `npm start` runs with --skip-lint --skip-generate and builds its site
// into a temporary folder, so a running portal is not disturbed. In stdout mode every mock is
// sent a request with a malformed percent-escape: the guard refuses it and logs a line, which is
// written to the closed stdout. Exits 1 if any mode left an orphan.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { API_NAMES } from "../apis/list.js";
import { freePorts } from "./ports.js";
import { formatResults, runOrphanCheck, type OrphanResult } from "./orphan-check.js";
import { writeBenchSection } from "../bench/doc-section.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DOC = join(ROOT, "docs", "benchmarks.md");
const BEGIN = "<!-- bench:orphans -->";
const END = "<!-- /bench:orphans -->";

interface Row { command: string; results: OrphanResult[] }

async function checkMock(): Promise<Row> {
  const ports = await freePorts(API_NAMES.length);
  const args = API_NAMES.flatMap((api, i) => [`--${api}-port`, String(ports[i])]);
  const results = await runOrphanCheck({
    command: ["npm", "run", "mock", "--", ...args],
    cwd: ROOT,
    ready: /Mocks are ready/,
    poke: ports.map((port) => `http://127.0.0.1:${port}/%ZZ`),
  });
  return { command: "npm run mock", results };
}

async function checkStart(): Promise<Row> {
  const [docsPort, ...ports] = await freePorts(1 + API_NAMES.length);
  const out = mkdtempSync(join(tmpdir(), "orphan-report-site-"));
  try {
    const args = ["--skip-lint", "--skip-generate", "--out", join(out, "site"), "--port", String(docsPort),
      ...API_NAMES.flatMap((api, i) => [`--${api}-port`, String(ports[i])])];
    const results = await runOrphanCheck({
      command: ["npm", "start", "--", ...args],
      cwd: ROOT,
      ready: /The portal is up/,
      readyMs: 240_000,
      poke: ports.map((port) => `http://127.0.0.1:${port}/%ZZ`),
    });
    return { command: "npm start -- --skip-lint --skip-generate", results };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const MODE_TEXT: Record<string, string> = {
  sigkill: "SIGKILL to the npm pid",
  sigterm: "SIGTERM to the npm pid",
  // `\|`: a bare pipe would split the Markdown table cell, even inside a code span.
  stdout: "stdout/stderr reader gone (`\\| head`)",
};

function section(rows: Row[], load: number[], started: Date): string {
  const lines = [
    BEGIN,
    "## Orphans after a kill (`node --import tsx scripts/process/orphan-check.ts`, via scripts/process/orphan-report.ts)",
    "",
    `Run ${started.toISOString().slice(0, 16).replace("T", " ")} UTC; ${availableParallelism()} CPUs, load average ${load.map((l) => l.toFixed(1)).join(" ")} at the start; Node ${process.version}.`,
    "",
    "Each command is started on free ports, killed one way, and the processes it had started are counted 5 s later (the issue's budget). "
      + "An orphan is a process still alive without the command above it; in stdout mode the command keeps serving by design (its log lines are dropped), so it is not counted.",
    "",
    "| command | kill | processes started | orphans after 5 s | command still running |",
    "|---|---|---|---|---|",
  ];
  for (const { command, results } of rows) {
    for (const r of results) lines.push(`| \`${command}\` | ${MODE_TEXT[r.mode] ?? r.mode} | ${r.started} | ${r.orphans} | ${r.commandAlive ? "yes" : "no"} |`);
  }
  lines.push(END);
  return lines.join("\n");
}

/** The section's text comes with its markers (see section()); the writer adds them itself. */
const writeSection = (text: string): void => writeBenchSection("orphans", text.replace(BEGIN, "").replace(END, ""), DOC);

const load = loadavg();
const startedAt = new Date();
const rows = [await checkMock(), await checkStart()];
for (const row of rows) console.log(`${row.command}\n${formatResults(row.results)}`);
if (!process.argv.includes("--no-write")) {
  writeSection(section(rows, load, startedAt));
  console.log("written to docs/benchmarks.md (bench:orphans)");
}
process.exitCode = rows.some((row) => row.results.some((r) => r.orphans > 0)) ? 1 : 0;
