// What the docs are checked against, taken from the code itself: the mock ports from the one list
// (redocly.yaml via scripts/apis/list.ts), the portal's default port from scripts/start, the env
// names the code reads, the npm scripts in package.json, and what the generated clients export.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { APIS, ROOT } from "../../scripts/apis/list.js";

export { APIS, ROOT };

/** The portal's default port: `npm start`'s DOCS_PORT default in scripts/start/main.ts. */
export function portalPort(): number {
  const file = join(ROOT, "scripts", "start", "main.ts");
  const match = /DOCS_PORT\s*\?\?\s*"(\d+)"/.exec(readFileSync(file, "utf8"));
  if (!match) throw new Error(`${file}: could not find the portal's default port (env.DOCS_PORT ?? "<port>"); update tests/docs/facts.ts`);
  return Number(match[1]);
}

/** Port → what listens there by default (an API's mock or the portal). */
export function knownPorts(): Map<number, string> {
  const ports = new Map<number, string>(APIS.map((api) => [api.mockPort, `the ${api.name} mock`]));
  ports.set(portalPort(), "the portal (npm start)");
  return ports;
}

const CODE_DIRS = ["scripts", "src", "tests"];
// The one list of APIs: the stage credential variables are declared there (x-project.stage), read by scripts/apis/list.ts.
const CODE_CONFIG = ["redocly.yaml"];
const CODE_FILE = /\.(ts|mts|cts|js|mjs|cjs|sh)$/;

// This test's own folder is not "the code": its drift fixture names KWIK_KEY on purpose.
const NOT_CODE = join(ROOT, "tests", "docs");

function codeFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.name === "node_modules" || path === NOT_CODE) continue;
    if (entry.isDirectory()) found.push(...codeFiles(path));
    else if (CODE_FILE.test(entry.name)) found.push(path);
  }
  return found;
}

export interface CodeNames {
  /** UPPER_SNAKE names written out literally in the code. */
  literal: Set<string>;
  /** Names the code builds from a template literal, e.g. `MOCK_${api.toUpperCase()}_PORT` → /^MOCK_[A-Z][A-Z0-9_]*_PORT$/. */
  templates: RegExp[];
}

/**
 * The env-like names in scripts/, src/ and tests/. A template only counts when its fixed part has
 * an underscore next to the placeholder and a word of three or more capitals, so that generated
 * identifiers such as `${N}E` do not match everything.
 */
export function codeNames(): CodeNames {
  const literal = new Set<string>();
  const templates: RegExp[] = [];
  for (const file of [...CODE_DIRS.flatMap((dir) => codeFiles(join(ROOT, dir))), ...CODE_CONFIG.map((name) => join(ROOT, name))]) {
    const text = readFileSync(file, "utf8");
    for (const [name] of text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) literal.add(name);
    for (const [run] of text.matchAll(/(?:[A-Z0-9_]|\$\{[^{}]*\})+/g)) {
      if (!run.includes("${") || !/(_\$\{|\}_)/.test(run) || !/[A-Z]{3,}/.test(run.replace(/\$\{[^{}]*\}/g, " "))) continue;
      const source = run.split(/\$\{[^{}]*\}/).map((part) => part.replace(/[^A-Z0-9_]/g, "")).join("[A-Z][A-Z0-9_]*");
      templates.push(new RegExp(`^${source}$`));
    }
  }
  return { literal, templates };
}

/** The npm script names in package.json. */
export function npmScripts(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  return new Set(Object.keys(pkg.scripts ?? {}));
}

/** What the generated subpaths export by name (`export const|function|class …` in generated/<api>/client.ts). */
export function generatedExports(): Set<string> {
  const names = new Set<string>();
  for (const api of APIS) {
    const text = readFileSync(join(ROOT, "generated", api.name, "client.ts"), "utf8");
    for (const [, name] of text.matchAll(/^export (?:const|function|class) (\w+)/gm)) names.add(name as string);
  }
  return names;
}
