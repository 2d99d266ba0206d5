// node --import tsx scripts/bench/suite.ts [--quick] [--no-write] [-- <extra vitest arguments>]
// Runs `npm test` (or, with --quick, `npm run test:quick`) once (run it by hand, never from npm
// test) and writes the wall time, the per-project table (files, tests, span, busy) and the test
// counts into docs/benchmarks.md between its `<!-- bench:suite -->` (or `<!-- bench:suite-quick -->`)
// markers, with the date, the machine and the Node version. The table
// comes from the suite's own reporter (tests/reporters/summary-line.ts prints a machine-readable
// copy, prefixed "timing-json: "). Figures, not assertions: the exit code is npm test's.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "../apis/list.js";
import { formatTimingTable, TIMING_JSON_ENV, TIMING_JSON_PREFIX, type ProjectTiming } from "../../tests/reporters/summary-line.js";
import { writeBenchSection } from "./doc-section.js";

const DOC = join(ROOT, "docs", "benchmarks.md");
const SUMMARY = /^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/m;
const CLOCK_TICKS = 100; // USER_HZ on Linux

/**
 * CPU seconds (user + system) of this process's waited-for descendants, from /proc (Linux only;
 * null elsewhere). On a shared machine the wall time says little; the CPU time divided by the
 * cores is what the suite needs on an idle machine.
 */
function childrenCpuSeconds(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command name: field 3 is index 0, so cutime (16) and cstime (17) are 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * CPU seconds so far, all cores, from /proc/stat (Linux only; null elsewhere): `busy` is what this machine ran
 * (user, nice, system, irq, softirq), `steal` what the hypervisor gave to other guests while this one had work.
 * Beside the suite's own CPU, `busy` shows what else ran during the run: another job, or the kernel's own
 * threads (on these VMs DAMON's proactive reclaim, kdamond, took up to a quarter of a core while the suite
 * ran). `steal` is one way a busy host slows a run down, not the only one: one commit took 102 and 137
 * CPU-seconds an hour apart on one machine with no steal either time, and 138 s and 74 s wall on two
 * machines of the same kind. Compare figures of runs made side by side.
 */
function machineSeconds(): { busy: number; steal: number } | null {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
    const seconds = (...ticks: (number | undefined)[]) => ticks.reduce((sum: number, t) => sum + (t ?? 0), 0) / CLOCK_TICKS;
    return { busy: seconds(user, nice, system, irq, softirq), steal: seconds(steal) };
  } catch {
    return null;
  }
}

interface Timing { wallMs: number; projects: ProjectTiming[] }

function runSuite(script: string[], extra: string[]): Promise<{ code: number; output: string; wallMs: number }> {
  const started = performance.now();
  const child = spawn("npm", [...script, ...(extra.length ? ["--", ...extra] : [])], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, [TIMING_JSON_ENV]: "1" } });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += String(chunk);
    process.stdout.write(chunk);
  });
  // Ctrl-C on this script stops the suite too (npm forwards it to vitest).
  const stop = () => child.kill("SIGINT");
  process.once("SIGINT", stop);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGINT", stop);
      resolve({ code: code ?? (signal ? 1 : 0), output, wallMs: performance.now() - started });
    });
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dashDash = argv.indexOf("--");
  const own = dashDash === -1 ? argv : argv.slice(0, dashDash);
  const extra = dashDash === -1 ? [] : argv.slice(dashDash + 1);
  const unknown = own.filter((a) => a !== "--no-write" && a !== "--quick");
  if (unknown.length > 0) {
    console.error(`bench:suite: unknown option ${unknown.join(" ")}\nusage: node --import tsx scripts/bench/suite.ts [--quick] [--no-write] [-- <vitest arguments>]`);
    process.exit(2);
  }
  const quick = own.includes("--quick");
  const script = quick ? ["run", "test:quick"] : ["test"];
  const command = `npm ${script.join(" ")}${extra.length ? ` -- ${extra.join(" ")}` : ""}`;
  const load = loadavg()[0]!.toFixed(1);
  const cpuBefore = childrenCpuSeconds();
  const machineBefore = machineSeconds();
  const { code, output, wallMs } = await runSuite(script, extra);
  const cpuAfter = childrenCpuSeconds();
  const machineAfter = machineSeconds();
  const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
  const busy = machineBefore && machineAfter ? machineAfter.busy - machineBefore.busy : null;
  const steal = machineBefore && machineAfter ? machineAfter.steal - machineBefore.steal : null;
  const json = output.split("\n").find((line) => line.startsWith(TIMING_JSON_PREFIX));
  const counts = SUMMARY.exec(output);
  if (!json || !counts) {
    console.error("bench:suite: the run printed no timing table or no summary line (did it start at all?); nothing written");
    process.exit(code || 1);
  }
  const timing = JSON.parse(json.slice(TIMING_JSON_PREFIX.length)) as Timing;
  const markdown = [
    `## ${quick ? "Quick test run" : "Test suite"} (\`node --import tsx scripts/bench/suite.ts${quick ? " --quick" : ""}\`)`,
    "",
    `\`${command}\`: **${(wallMs / 1000).toFixed(1)} s** wall (vitest's own count: ${(timing.wallMs / 1000).toFixed(1)} s)` +
      `${cpu !== null ? `, ${cpu.toFixed(0)} CPU-seconds (all processes; ÷ ${cpus().length} cores ≈ ${(cpu / cpus().length).toFixed(0)} s on an idle machine)` : ""}; ` +
      `tests: ${counts[1]} passed, ${counts[2]} failed, ${counts[3]} skipped.`,
    ...(busy !== null && cpu !== null
      ? ["", `The machine was busy ${busy.toFixed(0)} CPU-seconds over the run (/proc/stat, of ${((cpus().length * wallMs) / 1000).toFixed(0)} available): ` +
          `${Math.max(0, busy - cpu).toFixed(0)} beyond the count above (processes it does not reach, such as the browser's, other work, and the kernel's own threads). ` +
          `The hypervisor took ${steal!.toFixed(0)} CPU-seconds more for other guests (steal): a large figure there means the host, not the suite, set the pace (none does not rule that out).`]
      : []),
    "",
    "Per project: span = first file started → last file ended (projects run side by side, so spans overlap);",
    "busy = the sum of its files' own durations (import, setup, tests, hooks).",
    "",
    "```",
    formatTimingTable(timing.projects, timing.wallMs),
    "```",
    "",
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? "unknown"}), ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GB, load average ${load} at the start; Node ${process.version}.`,
  ].join("\n");
  if (!own.includes("--no-write")) {
    writeBenchSection(quick ? "suite-quick" : "suite", markdown, DOC);
    console.log(`\nbench:suite: wrote ${DOC.slice(ROOT.length + 1)}`);
  } else {
    console.log(`\n${markdown}`);
  }
  process.exit(code);
}

await main();
