// Runs one Arazzo file with Redocly Respect and returns its JSON report. @redocly/cli is a
// self-contained bundle with no importable API (respect-core is bundled inside it), so this
// spawns its entry with our own Node — no npx, no shell — as a supervised child that cannot
// outlive the test run. Respect's console output is never printed (it shows request details);
// the JSON report, with secrets masked by Respect, is read from a temporary file and deleted.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT } from "../../scripts/apis/list.js";
import { spawnSupervised, stopChild } from "../../scripts/process/index.js";

const require = createRequire(import.meta.url);

function redoclyEntry(): string {
  const pkgFile = require.resolve("@redocly/cli/package.json");
  const { bin } = require(pkgFile) as { bin: Record<string, string> };
  if (!bin.redocly) throw new Error("@redocly/cli declares no `redocly` bin");
  return join(dirname(pkgFile), bin.redocly);
}

export interface Check { name: string; passed: boolean; message: string; condition?: string; severity?: string }
export interface StepReport { stepId: string; workflowId: string; status: string; checks: Check[]; response?: { statusCode?: number } }
export interface WorkflowReport { workflowId: string; status: string; executedSteps: StepReport[] }
export interface RespectReport {
  status: string;
  /** Per Arazzo file (as given in `paths`): the workflows Respect ran. */
  files: Record<string, WorkflowReport[]>;
  exitCode: number | null;
  stderr: string;
}

export interface RespectRun {
  /** The Arazzo files, relative to the repository root: one Respect run for all of them. */
  paths: string[];
  /** Source description name → server base URL. */
  servers: Record<string, string>;
  /** Workflow inputs (dummy values against a mock). */
  inputs: Record<string, string>;
  timeoutMs?: number;
}

const pairs = (map: Record<string, string>): string => {
  for (const [key, value] of Object.entries(map)) {
    // Respect splits its --server/--input lists on "," and "=".
    if (/[,=]/.test(key + value)) throw new Error(`respect: ${key}: a value for --input/--server may not contain "," or "="`);
  }
  return Object.entries(map).map(([key, value]) => `${key}=${value}`).join(",");
};

export async function runRespect({ paths, servers, inputs, timeoutMs = 180_000 }: RespectRun): Promise<RespectReport> {
  const folder = mkdtempSync(join(tmpdir(), "flows-respect-"));
  const output = join(folder, "report.json");
  const args = ["respect", ...paths, "--json-output", output, "--max-fetch-timeout", "30000"];
  if (Object.keys(servers).length > 0) args.push("--server", pairs(servers));
  if (Object.keys(inputs).length > 0) args.push("--input", pairs(inputs));
  const child = spawnSupervised(redoclyEntry(), args, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => { stderr = (stderr + String(chunk)).slice(-4000); });
  const timer = setTimeout(() => void stopChild(child), timeoutMs);
  try {
    const exitCode = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let parsed: { status: string; files: Record<string, { executedWorkflows: WorkflowReport[] }> };
    try {
      parsed = JSON.parse(readFileSync(output, "utf8"));
    } catch (error) {
      throw new Error(`respect ${paths.join(" ")}: no JSON report (exit ${exitCode}): ${(error as Error).message}\n${stderr.replace(/[ \t]*╔[\s\S]*?╝/g, "").trim()}`);
    }
    const files = Object.fromEntries(Object.entries(parsed.files).map(([file, report]) => [file, report.executedWorkflows]));
    return { status: parsed.status, files, exitCode, stderr };
  } finally {
    clearTimeout(timer);
    rmSync(folder, { recursive: true, force: true });
  }
}
