// Runs a command for the consumption check and fails with its output when it exits non-zero.
// Asynchronous (not spawnSync) so that Ctrl-C can stop the one child running; children get an
// environment without npm's npm_* variables, so an `npm install` in a temporary project is not
// steered by the `npm run check:consume` that started us.
import { spawn, type ChildProcess } from "node:child_process";

let current: ChildProcess | null = null;

/** The child running now, if any (to stop it on a signal). */
export const runningChild = (): ChildProcess | null => current;

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(npm_|_PACOTE_|INIT_CWD$)/i.test(key)) env[key] = value;
  return { ...env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", npm_config_prefer_offline: "true", ...extra };
}

export interface RunResult { stdout: string; stderr: string }

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv(), timeoutMs = 600_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    current = child;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => { stdout += String(chunk); });
    child.stderr.on("data", (chunk) => { stderr += String(chunk); });
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.once("error", (error) => { clearTimeout(timer); current = null; reject(new Error(`${command}: ${error.message}`)); });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      current = null;
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) ended with ${code ?? signal}:\n${(stdout + stderr).slice(-4000)}`));
    });
  });
}
