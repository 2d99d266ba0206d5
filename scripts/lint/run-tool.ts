// Runs one of our pinned linters (Redocly or Spectral CLI) from node_modules/.bin, no shell, with
// telemetry and colours off, and hands back its output with Redocly's Node 20 end-of-life banner
// taken out: the banner cannot be switched off and says nothing about the specs.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../apis/list.js";

const ENV = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

export interface ToolResult { status: number | null; stdout: string; stderr: string }

/** Drops Redocly's boxed notice (╔═…╝), e.g. "Node.js 20 has reached end of life". */
export function withoutBanner(text: string): string {
  return text.replace(/[ \t]*╔[\s\S]*?╝[ \t]*\n?/g, "");
}

export function runTool(name: "redocly" | "spectral", args: string[]): ToolResult {
  const command = join(ROOT, "node_modules", ".bin", name);
  const result = spawnSync(command, args, { cwd: ROOT, env: ENV, encoding: "utf8", stdio: "pipe" });
  if (result.error) throw new Error(`${name}: could not start ${command}: ${result.error.message}`);
  return { status: result.status, stdout: withoutBanner(result.stdout), stderr: withoutBanner(result.stderr) };
}
