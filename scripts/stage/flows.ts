// `test:stage --flows`: each API's Arazzo workflows (specs/<api>/*.arazzo.yaml) run with
// `redocly respect` against stage, through the same chain as the contract suite (prism proxy
// --errors → upstream guard → vendor), so no redirect is followed and every response is checked
// against the spec twice (Prism and Respect).
//
// - Each source description is pointed (`--server name=url`) at the local proxy of the operations
//   its steps call (an operation with its own servers, such as a token endpoint, has its own).
// - The run's credentials become the workflow inputs the steps read them from: `x-security`
//   values (`token`, `username`, `password` ← `$inputs.<name>`) and token-request payload fields
//   (`client_id`, `client_secret`, `scope` ← `$inputs.<name>`). They are passed in the
//   environment (REDOCLY_CLI_RESPECT_INPUT, read by the CLI), never on the command line, where any
//   local user could read them; Respect's output is not verbose, and it is redacted before printing.
// - Every file runs in one Respect run (a Redocly CLI start costs 1–3 CPU-seconds): its --server
//   and --input lists apply to all files, so a name two files need with different values stops
//   the run before it starts (the error names the input, never its value). Each file's verdict
//   comes from Respect's JSON report, written to a private temporary folder and deleted.
// Flows change real stage data (confirm, cancel, refund…), so they run only with --flows.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { parse } from "yaml";
import { ROOT } from "../apis/list.js";
import { mergeByName } from "../apis/merge-respect-lists.js";
import type { CallAuth, ClientCredentials } from "./credentials.js";

export interface FlowTarget {
  baseUrl?: string;
  operationBaseUrls?: Record<string, string>;
  auth?: CallAuth;
  client?: ClientCredentials;
}

export interface FlowPlan {
  file: string;
  /** Source description name → local proxy URL. */
  servers: Record<string, string>;
  /** Workflow input name → value (secrets: never printed). */
  inputs: Record<string, string>;
}

const INPUT = /^\$inputs\.([A-Za-z0-9_.-]+)$/;

export function planFlow(file: string, target: FlowTarget): FlowPlan {
  let document: any;
  try {
    document = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${relative(ROOT, file)}: ${(error as Error).message}`);
  }
  const servers: Record<string, string> = {};
  const inputs: Record<string, string> = {};
  const credential: Record<string, string | undefined> = {
    token: target.auth && "token" in target.auth ? target.auth.token : undefined,
    username: target.auth && "username" in target.auth ? target.auth.username : undefined,
    password: target.auth && "password" in target.auth ? target.auth.password : undefined,
    client_id: target.client?.clientId,
    client_secret: target.client?.clientSecret,
    scope: target.client?.scope,
  };
  const take = (expression: unknown, field: string) => {
    const match = typeof expression === "string" ? INPUT.exec(expression) : null;
    const value = credential[field];
    if (match && value !== undefined) inputs[match[1]!] = value;
  };
  for (const source of document?.sourceDescriptions ?? []) if (target.baseUrl) servers[String(source.name)] = target.baseUrl;
  for (const workflow of document?.workflows ?? []) {
    for (const step of workflow?.steps ?? []) {
      const ref = /^\$sourceDescriptions\.([^.]+)\.(.+)$/.exec(String(step?.operationId ?? ""));
      if (ref && target.operationBaseUrls?.[ref[2]!]) servers[ref[1]!] = target.operationBaseUrls[ref[2]!]!;
      for (const security of step?.["x-security"] ?? []) for (const [field, expression] of Object.entries(security?.values ?? {})) take(expression, field);
      const payload = step?.requestBody?.payload;
      if (payload && typeof payload === "object") for (const field of ["client_id", "client_secret", "scope"]) take(payload[field], field);
    }
  }
  return { file, servers, inputs };
}

export interface FlowResult {
  file: string;
  /** Every workflow of the file ran and succeeded. */
  passed: boolean;
  /** How many of its workflows Respect ran. */
  workflows: number;
}

export interface FlowsRun {
  /** Respect's exit code. */
  code: number | null;
  /** Respect's output for every file, redacted. */
  output: string;
  /** In the order of the plans. */
  files: FlowResult[];
}

const require = createRequire(import.meta.url);
const redoclyCli = () => join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

interface JsonReport { files?: Record<string, { executedWorkflows?: Array<{ status?: string }> }> }

/** Runs every plan's workflows in one Respect run; the child is killed if this process exits first or after the cap. */
export async function runFlows(plans: FlowPlan[], redact: (text: string) => string, timeoutMs = 300_000): Promise<FlowsRun> {
  const servers = mergeByName("source description", plans.map((plan) => [plan.file, plan.servers]));
  const inputs = mergeByName("input", plans.map((plan) => [plan.file, plan.inputs]));
  const server = Object.entries(servers).map(([name, url]) => `${name}=${url}`).join(",");
  const folder = mkdtempSync(join(tmpdir(), "stage-flows-"));
  const reportFile = join(folder, "report.json");
  const paths = plans.map((plan) => relative(ROOT, plan.file));
  try {
    const child = spawn(process.execPath, [redoclyCli(), "respect", ...paths, "--json-output", reportFile, ...(server ? ["--server", server] : [])], {
      cwd: ROOT,
      env: { ...process.env, REDOCLY_CLI_RESPECT_INPUT: JSON.stringify(inputs), NO_COLOR: "1", FORCE_COLOR: "0", REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const killChild = () => child.kill("SIGKILL");
    process.once("exit", killChild);
    const timer = setTimeout(killChild, timeoutMs);
    let output = "";
    child.stdout.on("data", (c) => { output += String(c); });
    child.stderr.on("data", (c) => { output += String(c); });
    const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    clearTimeout(timer);
    process.off("exit", killChild);
    let report: JsonReport = {};
    try {
      report = JSON.parse(readFileSync(reportFile, "utf8")) as JsonReport;
    } catch {
      // No report (Respect could not start, or was killed): every file counts as failed.
    }
    const files = paths.map((path, index) => {
      const workflows = report.files?.[path]?.executedWorkflows ?? [];
      return { file: plans[index]!.file, passed: workflows.length > 0 && workflows.every((w) => w.status === "success"), workflows: workflows.length };
    });
    return { code, output: redact(output), files };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
