// Runs the contract suite in stage mode as a separate vitest process, exactly as
// `npm run test:stage` would, and reads back which tests passed, failed or were skipped.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT } from "../../scripts/apis/spec-files.js";

const require = createRequire(import.meta.url);
const VITEST = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");

export interface TestOutcome {
  name: string;
  status: string;
  messages: string[];
}

export interface SuiteRun {
  code: number | null;
  stdout: string;
  stderr: string;
  tests: TestOutcome[];
}

/** Variables a developer may have set for real stage runs: never passed to the self-test's runs. */
const VENDOR_VARIABLE = /^(BILLPRO|BACKD|PAYWAY|KWIK)_/;

export async function runStageSuite({ env, testNamePattern, files = [] }: {
  env: Record<string, string>;
  testNamePattern?: string;
  files?: string[];
}): Promise<SuiteRun> {
  const dir = mkdtempSync(join(tmpdir(), "stage-selftest-"));
  const report = join(dir, "report.json");
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The parent is itself a vitest worker; its VITEST_* variables would confuse the child.
    if (!VENDOR_VARIABLE.test(key) && !key.startsWith("VITEST")) childEnv[key] = value;
  }
  Object.assign(childEnv, env, { CONTRACT_TARGET: "stage", NO_COLOR: "1", FORCE_COLOR: "0" });

  const args = [VITEST, "run", "--project", "contract", ...files, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`,
    ...(testNamePattern ? ["-t", testNamePattern] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => { stdout += String(c); });
  child.stderr.on("data", (c) => { stderr += String(c); });
  // A cap on a stuck run (a hung Prism), not an assertion about speed.
  const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);

  let tests: TestOutcome[] = [];
  try {
    const parsed = JSON.parse(readFileSync(report, "utf8"));
    tests = (parsed.testResults ?? []).flatMap((file: any) => (file.assertionResults ?? []).map((t: any) => ({
      name: [...(t.ancestorTitles ?? []), t.title].join(" > "),
      status: String(t.status),
      messages: (t.failureMessages ?? []).map(String),
    })));
  } catch (error) {
    throw new Error(`the stage-mode run wrote no readable report (exit ${code}): ${String(error)}\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { code, stdout, stderr, tests };
}
