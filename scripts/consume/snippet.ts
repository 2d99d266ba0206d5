// The consumer program of the consumption check is the README's first runnable sample (```ts run),
// so the README's "Using a client" code is what gets installed, compiled and run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { APIS, ROOT } from "../apis/list.js";

export function readmeSnippet(): string {
  const match = /^```ts run[^\n]*\n([\s\S]*?)^```\s*$/m.exec(readFileSync(join(ROOT, "README.md"), "utf8"));
  if (!match) throw new Error("README.md: no ```ts run sample (the consumer program of this check)");
  return match[1] as string;
}

const DEFAULT_URL = /http:\/\/(?:127\.0\.0\.1|localhost):(\d+)/g;

/** The APIs whose default mock URL (x-project.mockPort in redocly.yaml) the code uses. */
export function mockedApis(code: string): string[] {
  const ports = new Set([...code.matchAll(DEFAULT_URL)].map((m) => Number(m[1])));
  return APIS.filter((api) => ports.has(api.mockPort)).map((api) => api.name);
}

/** The code with each default mock URL replaced by the running mock's URL. */
export function pointAtMocks(code: string, urls: Map<string, string>): string {
  return code.replace(DEFAULT_URL, (whole, port: string) => {
    const api = APIS.find((entry) => entry.mockPort === Number(port));
    return (api && urls.get(api.name)) ?? whole;
  });
}
