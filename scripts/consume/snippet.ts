// The consumer program of the consumption check is the README's first runnable sample (```ts run),
// so the README's "Using a client" code is what gets installed, compiled and run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../apis/list.js";

export function readmeSnippet(): string {
  const match = /^```ts run[^\n]*\n([\s\S]*?)^```\s*$/m.exec(readFileSync(join(ROOT, "README.md"), "utf8"));
  if (!match) throw new Error("README.md: no ```ts run sample (the consumer program of this check)");
  return match[1] as string;
}
