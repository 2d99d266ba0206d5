// Runs `npm run test:stage` (scripts/stage/run.ts) as a child process, exactly as a developer
// would, with only the given environment's stage variables, and returns what it printed.
import { spawn } from "node:child_process";
import { ROOT } from "../../scripts/apis/spec-files.js";
import { STAGE_CREDENTIALS } from "../../scripts/stage/credentials.js";

export interface StageRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Variables a developer may have set for real stage runs: never passed on to the self-test's run. */
const developerVariables = new Set(Object.values(STAGE_CREDENTIALS).flatMap((s) => [...s.secretVariables, ...s.basicPairs.flat()]));
const isStageVariable = (key: string) => developerVariables.has(key) || /_BASE_URL$/.test(key) || key.startsWith("CONTRACT_") || key.startsWith("VITEST");

export async function runStageCommand({ env, args = [] }: { env: Record<string, string>; args?: string[] }): Promise<StageRun> {
  const childEnv: NodeJS.ProcessEnv = {};
  // The parent is itself a vitest worker; its VITEST_* variables would confuse the child.
  for (const [key, value] of Object.entries(process.env)) if (!isStageVariable(key)) childEnv[key] = value;
  Object.assign(childEnv, env, { NO_COLOR: "1", FORCE_COLOR: "0" });
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/stage/run.ts", ...args], { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => { stdout += String(c); });
  child.stderr.on("data", (c) => { stderr += String(c); });
  // A cap on a stuck run (a hung Prism), not an assertion about speed.
  const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}
