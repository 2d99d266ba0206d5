// `npm run test:stage`: the contract suite against the vendors' stage servers.
//
//   node --import tsx scripts/stage/run.ts [--mutating] [--negatives] [--max-negatives N]
//                                          [--rate PER_SECOND] [--strict] [vitest filters…]
//   node --import tsx scripts/stage/run.ts --flows
//
// Each API's traffic goes prism proxy --errors → upstream guard (never follows a redirect; a 3xx
// fails the test naming the status and Location) → the vendor's stage server
// (./chains.ts).
// - No credentials for any API: exits 2 and says which variables to set (a run that tests
//   nothing must not look like a pass). With some, the others are listed as skipped.
// - --negatives: bad-input cases are also sent to the vendors (at most N, at most R per second),
//   and what each vendor did is reported; accepted bad inputs are listed as findings (the spec is
//   stricter than the vendor). Only --strict makes findings fail the run.
// - --mutating: happy paths of operations that change existing stage data (cancel, confirm,
//   refund, update…; the rule is in tests/contract/lib/stage-policy.ts) are sent too. Without
//   it they are skipped with the reason.
// - --flows: instead of the contract suite, the Arazzo workflows of every API with credentials
//   run with `redocly respect` through the same chains (scripts/stage/flows.ts). They change real
//   stage data, hence the explicit flag; each step's result is printed.
// - Everything printed goes through the stage redactor.
// vitest runs in this process (its Node API), so there is no child to orphan.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { credentialReport, stageRedactor } from "./credentials.js";
import { formatFindings, NEGATIVE_DEFAULTS, readFindings } from "./negatives.js";
import { redactStream } from "./redact.js";
import { relative } from "node:path";
import { ROOT } from "../apis/list.js";
import { workflowFiles } from "../apis/workflow-files.js";
import { planFlow, runFlows } from "./flows.js";
import { readUpstreamEvents } from "./upstream-guard.js";

export interface StageArgs {
  /** Set (true) only by --mutating. */
  mutating?: boolean;
  /** Set (true) only by --flows. */
  flows?: boolean;
  negatives: boolean;
  maxNegatives: number;
  rate: number;
  strict: boolean;
  filters: string[];
}

export function parseStageArgs(argv: string[]): StageArgs {
  const args: StageArgs = { negatives: false, maxNegatives: NEGATIVE_DEFAULTS.max, rate: NEGATIVE_DEFAULTS.perSecond, strict: false, filters: [] };
  const positive = (name: string, raw: string | undefined) => {
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number, got ${raw ?? "nothing"}`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--negatives") args.negatives = true;
    else if (arg === "--mutating") args.mutating = true;
    else if (arg === "--flows") args.flows = true;
    else if (arg === "--strict") args.strict = true;
    else if (arg === "--max-negatives") args.maxNegatives = Math.floor(positive(arg, argv[++i]));
    else if (arg === "--rate") args.rate = positive(arg, argv[++i]);
    else if (arg.startsWith("--")) throw new Error(`test:stage: unknown option ${arg} (known: --flows, --mutating, --negatives, --max-negatives N, --rate R, --strict)`);
    else args.filters.push(arg);
  }
  if (args.strict && !args.negatives) throw new Error("test:stage: --strict only applies with --negatives");
  if (args.flows && (args.negatives || args.filters.length)) throw new Error("test:stage: --flows runs the Arazzo workflows only (no --negatives, no filters)");
  return args;
}

/** The environment the contract suite gets for this run. */
export function stageEnv(args: StageArgs, findingsFile: string): Record<string, string> {
  return {
    CONTRACT_TARGET: "stage",
    CONTRACT_MUTATING: args.mutating ? "1" : "0",
    CONTRACT_NEGATIVES: args.negatives ? "1" : "0",
    CONTRACT_NEGATIVES_MAX: String(args.maxNegatives),
    CONTRACT_NEGATIVES_RATE: String(args.rate),
    CONTRACT_STRICT: args.strict ? "1" : "0",
    CONTRACT_FINDINGS_FILE: findingsFile,
  };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args: StageArgs;
  try {
    args = parseStageArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const report = credentialReport(env);
  if (report.error) {
    console.error(`test:stage: ${report.error}`);
    return 2;
  }
  const redact = stageRedactor(env);
  redactStream(process.stdout, redact);
  redactStream(process.stderr, redact);
  console.log(`test:stage: testing ${report.configured.join(", ")}`);
  for (const s of report.skipped) console.log(`test:stage: ${s.api} skipped: no stage credentials: set ${s.set}`);
  if (args.flows) return runStageFlows(report.configured, env, redact);
  if (!args.negatives) console.log("test:stage: bad-input cases are not sent to vendors (add --negatives to send them)");
  if (!args.mutating) console.log("test:stage: operations that change existing stage data are skipped (add --mutating to run them)");

  const dir = mkdtempSync(join(tmpdir(), "stage-run-"));
  const findingsFile = join(dir, "findings.jsonl");
  Object.assign(process.env, stageEnv(args, findingsFile));
  try {
    const { startVitest } = await import("vitest/node");
    const vitest = await startVitest("test", args.filters, { run: true, watch: false, project: ["contract"] });
    await vitest?.close();
    const failed = process.exitCode !== undefined && process.exitCode !== 0;
    // vitest sets process.exitCode for a failed run; the runner's own exit code is returned instead.
    process.exitCode = 0;
    for (const s of report.skipped) console.log(`test:stage: ${s.api}: skipped (no stage credentials), not passed`);
    const findings = readFindings(findingsFile);
    if (args.negatives) console.log(formatFindings(findings));
    const accepted = findings.filter((f) => f.verdict.kind === "accepted").length;
    if (args.strict && accepted > 0) {
      console.error(`test:stage: --strict: ${accepted} bad input(s) were accepted by a vendor`);
      return 1;
    }
    return failed || !vitest ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** --flows: every workflow of every API with credentials, through the stage chains, in one Respect run. */
export async function runStageFlows(apis: string[], env: NodeJS.ProcessEnv, redact: (text: string) => string): Promise<number> {
  const { startStageTargets } = await import("./chains.js");
  const stage = await startStageTargets(apis, env);
  let failed = 0;
  let ran = 0;
  try {
    for (const line of stage.log) console.log(`test:stage --flows: ${line}`);
    const plans = [];
    const ready = [];
    for (const api of apis) {
      const target = stage.targets[api];
      if (!target || target.error || target.skip) {
        console.error(`test:stage --flows: ${api}: ${target?.error ?? target?.skip ?? "not prepared"}`);
        failed += 1;
        continue;
      }
      ready.push(target);
      const files = workflowFiles(api).map(({ file }) => file);
      if (!files.length) console.log(`test:stage --flows: ${api}: no *.arazzo.yaml beside its spec`);
      plans.push(...files.map((file) => planFlow(file, target)));
    }
    if (plans.length) {
      const run = await runFlows(plans, redact);
      console.log(run.output);
      for (const result of run.files) {
        ran += 1;
        console.log(`test:stage --flows: ${relative(ROOT, result.file)}: ${result.passed ? "passed" : `FAILED (${result.workflows} workflow(s) run; Respect exit ${run.code})`}`);
        if (!result.passed) failed += 1;
      }
    }
    for (const target of ready) {
      const redirects = (await readUpstreamEvents(target.upstreamEventsFile ?? "")).filter((e) => e.kind === "redirect");
      for (const event of redirects) console.error(`test:stage --flows: ${event.message}`);
      if (redirects.length) failed += 1;
    }
  } finally {
    await stage.close();
  }
  console.log(`test:stage --flows: ${ran} workflow file(s) run, ${failed} problem(s)`);
  return failed || ran === 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
