// Starts a command, kills it one way, and counts the processes it started that are still alive
// 5 s later. Run once per way of dying:
//   sigkill  SIGKILL to the command's pid (nothing of it can clean up)
//   sigterm  SIGTERM to the command's pid (for `npm run …`, the npm pid: what an IDE stop button
//            or `timeout` sends; npm does not reliably pass it on)
//   stdout   its stdout/stderr reader goes away (`npm run mock | head`); then --poke URLs are
//            requested so that the command has something to log
//
//   node --import tsx scripts/process/orphan-check.ts [--ready REGEX] [--ready-ms N] \
//        [--poke URL]… [--modes sigkill,sigterm,stdout] -- npm run mock -- --<api>-port 6010 …
//
// Prints one line per mode and exits 1 if any mode left an orphan. Everything left over is
// SIGKILLed (by pid) before the next mode starts, so the modes do not disturb one another.
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { descendants, isAlive, readProcess } from "./process-tree.js";

export type KillMode = "sigkill" | "sigterm" | "stdout";
export const KILL_MODES: KillMode[] = ["sigkill", "sigterm", "stdout"];

export interface OrphanCheckOptions {
  command: string[];
  modes?: KillMode[];
  /** Ready when the output matches this (default: after readyMs). */
  ready?: RegExp;
  /** Wait this long for readiness (with `ready`: at most; without: exactly). */
  readyMs?: number;
  /** Requested after the stdout mode's reader has gone, so the command writes something. */
  poke?: string[];
  /** How long the processes get to go away; the issue's budget is 5 s. */
  settleMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface OrphanResult {
  mode: KillMode;
  /** Processes the command had started when it was killed. */
  started: number;
  /** Of those, alive after settleMs without the command (or its successor) above them. */
  orphans: number;
  orphanCommands: string[];
  /** Whether the command itself was still running at the end (allowed in stdout mode). */
  commandAlive: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runMode(mode: KillMode, options: OrphanCheckOptions): Promise<OrphanResult> {
  const [file, ...args] = options.command;
  if (!file) throw new Error("orphan-check: no command given");
  const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"], env: options.env ?? process.env, cwd: options.cwd ?? process.cwd() });
  const top = child.pid!;
  let output = "";
  const collect = (c: Buffer) => { output += String(c); if (output.length > 20_000) output = output.slice(-10_000); };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  child.on("error", () => {});

  const readyMs = options.readyMs ?? (options.ready ? 120_000 : 3000);
  const deadline = Date.now() + readyMs;
  while (Date.now() < deadline && child.exitCode === null) {
    if (options.ready?.test(output)) break;
    await sleep(100);
  }
  if (options.ready && !options.ready.test(output)) {
    child.kill("SIGKILL");
    throw new Error(`orphan-check (${mode}): the command did not print ${options.ready} within ${readyMs} ms:\n${output.slice(-2000)}`);
  }
  const tree = descendants(top);

  if (mode === "sigkill") process.kill(top, "SIGKILL");
  else if (mode === "sigterm") process.kill(top, "SIGTERM");
  else {
    child.stdout!.destroy();
    child.stderr!.destroy();
    for (const url of options.poke ?? []) {
      await fetch(url, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    }
  }

  // Alive = orphaned unless the command itself still runs above it (a mock that survives a
  // closed stdout and keeps serving is not leaving orphans).
  const orphansNow = () => {
    const commandAlive = isAlive(top);
    const under = commandAlive ? new Set(descendants(top).map((p) => p.pid)) : new Set<number>();
    return { commandAlive, orphans: tree.filter((p) => isAlive(p.pid) && !under.has(p.pid)) };
  };
  const settle = Date.now() + (options.settleMs ?? 5000);
  let now = orphansNow();
  // Wait for the command to finish going away (a SIGTERM handler stopping its children takes a
  // moment) and for its children to follow; whatever is left at the deadline is counted.
  while (Date.now() < settle && (now.orphans.length > 0 || now.commandAlive)) {
    await sleep(100);
    now = orphansNow();
  }
  // One last look after the deadline: a process that exits later still counts as an orphan.
  const result: OrphanResult = {
    mode,
    started: tree.length,
    orphans: now.orphans.length,
    orphanCommands: now.orphans.map((p) => `${p.pid} ${readProcess(p.pid)?.command ?? p.command}`.slice(0, 160)),
    commandAlive: now.commandAlive,
  };
  // Clean up by pid: the command, and everything it started.
  for (const p of [...tree.map((t) => t.pid), top]) {
    if (isAlive(p)) try { process.kill(p, "SIGKILL"); } catch { /* gone meanwhile */ }
  }
  await sleep(200);
  return result;
}

export async function runOrphanCheck(options: OrphanCheckOptions): Promise<OrphanResult[]> {
  const results: OrphanResult[] = [];
  for (const mode of options.modes ?? KILL_MODES) results.push(await runMode(mode, options));
  return results;
}

export function formatResults(results: OrphanResult[]): string {
  return results.map((r) => `${r.mode.padEnd(8)} started ${r.started}, orphans after kill: ${r.orphans}${r.commandAlive ? " (command still running)" : ""}${
    r.orphanCommands.length ? `\n  ${r.orphanCommands.join("\n  ")}` : ""}`).join("\n");
}

function parseArgs(argv: string[]): OrphanCheckOptions {
  const split = argv.indexOf("--");
  if (split === -1 || split === argv.length - 1) {
    throw new Error("usage: orphan-check.ts [--ready REGEX] [--ready-ms N] [--poke URL]… [--modes sigkill,sigterm,stdout] [--settle-ms N] -- <command> [args…]");
  }
  const options: OrphanCheckOptions = { command: argv.slice(split + 1), poke: [] };
  const own = argv.slice(0, split);
  for (let i = 0; i < own.length; i++) {
    const name = own[i];
    const value = own[i + 1];
    if (value === undefined) throw new Error(`orphan-check: ${name} needs a value`);
    i++;
    if (name === "--ready") options.ready = new RegExp(value);
    else if (name === "--ready-ms") options.readyMs = Number(value);
    else if (name === "--settle-ms") options.settleMs = Number(value);
    else if (name === "--poke") options.poke!.push(value);
    else if (name === "--modes") {
      const modes = value.split(",").map((m) => m.trim()) as KillMode[];
      const unknown = modes.filter((m) => !KILL_MODES.includes(m));
      if (unknown.length) throw new Error(`orphan-check: unknown mode(s) ${unknown.join(", ")}; known: ${KILL_MODES.join(", ")}`);
      options.modes = modes;
    } else throw new Error(`orphan-check: unknown option ${name}`);
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const results = await runOrphanCheck(parseArgs(process.argv.slice(2)));
    console.log(formatResults(results));
    process.exitCode = results.some((r) => r.orphans > 0) ? 1 : 0;
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}
