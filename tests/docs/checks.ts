// The checks of facts the docs state, as pure functions of the pages, so that the test can run
// them on the real docs and prove on a page with known drift that each one finds it. Each returns
// "file:line: what" for every problem.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { APIS, ROOT, type CodeNames } from "./facts.js";
import { occurrences, type CodeSample, type DocPage } from "./markdown.js";
import { apisMentioned } from "./mocks.js";

/** Every 127.0.0.1:<port>, localhost:<port> or bare ":<port>" that nothing listens on by default. */
export function unknownPorts(pages: DocPage[], ports: Map<number, string>): string[] {
  return pages.flatMap((page) => occurrences(page, /(?:\b(?:127\.0\.0\.1|localhost)|(?<=[\s(]|^)):(\d{2,5})\b/m)
    .filter(({ match }) => !ports.has(Number(match[1])))
    .map(({ match, line }) => `${page.file}:${line}: ${match[0].trim()}`));
}

/** A sample that creates one API's client but points it at another API's mock port. */
export function clientsOnOtherMocks(samples: CodeSample[]): string[] {
  const wrong: string[] = [];
  for (const sample of samples) {
    const mocked = apisMentioned(sample.code);
    for (const api of APIS) {
      if (!new RegExp(`create${api.clientName}Client\\(`).test(sample.code) || mocked.length === 0 || mocked.includes(api.name)) continue;
      wrong.push(`${sample.file}:${sample.line}: create${api.clientName}Client with the ${mocked.join("/")} mock's port`);
    }
  }
  return wrong;
}

// Names that look like env names in the docs but are not: add one only with the reason beside it.
export const NOT_ENV_NAMES = new Map<string, string>([
  ["UPPER_SNAKE", "a case style (how an operationId is written in an env name)"],
]);

/** Every NAME_WITH_UNDERSCORES (or MOCK_<API>_PORT) that no code in scripts/, src/ or tests/ reads. */
export function unknownEnvNames(pages: DocPage[], code: CodeNames): string[] {
  const wrong: string[] = [];
  for (const page of pages) {
    for (const { match, line } of occurrences(page, /(?<![A-Za-z0-9_<])(?:[A-Z][A-Z0-9]*|<[A-Za-z_]+>)(?:_(?:[A-Z0-9]+|<[A-Za-z_]+>))+(?![A-Za-z0-9_>])/)) {
      const name = match[0];
      // Node error codes (ERR_MODULE_NOT_FOUND …) are not env names.
      if (NOT_ENV_NAMES.has(name) || /^ERR_/.test(name)) continue;
      // A placeholder stands for any word: MOCK_<API>_PORT is checked as MOCK_X_PORT.
      const concrete = name.replace(/<[A-Za-z_]+>/g, "X");
      if (code.literal.has(concrete) || code.templates.some((template) => template.test(concrete))) continue;
      wrong.push(`${page.file}:${line}: ${name}`);
    }
  }
  return wrong;
}

/** Every `npm run <script>` that package.json does not have. */
export function unknownNpmScripts(pages: DocPage[], scripts: Set<string>): string[] {
  return pages.flatMap((page) => occurrences(page, /\bnpm run ([A-Za-z0-9:_-]+)/)
    .filter(({ match }) => !scripts.has(match[1] as string))
    .map(({ match, line }) => `${page.file}:${line}: ${match[0]}`));
}

/**
 * Every `create…Client`, `create…TokenProvider` or `…Servers` in backticks that no generated client exports
 * (the names are built from each API's client name, whose case is easy to get wrong: `billProServers`).
 */
export function unknownExports(pages: DocPage[], exported: Set<string>): string[] {
  return pages.flatMap((page) => occurrences(page, /`(create[A-Z]\w*(?:Client|TokenProvider)|[a-z]\w*Servers)`/)
    .filter(({ match }) => !exported.has(match[1] as string))
    .map(({ match, line }) => `${page.file}:${line}: ${match[1]}`));
}

/** Every repository path (scripts/, src/, tests/, specs/, generated/, docs/) or relative link that does not exist. */
export function missingPaths(pages: DocPage[], root: string = ROOT): string[] {
  const wrong: string[] = [];
  for (const page of pages) {
    for (const { match, line } of occurrences(page, /(?<!\]\()(?<![\w./-])(?:scripts|src|tests|specs|generated|docs)\/[\w./<>*{},-]*/)) {
      const path = match[0].replace(/[.,]+$/, "");
      if (!pathExists(root, path)) wrong.push(`${page.file}:${line}: ${path}`);
    }
    for (const { match, line } of occurrences(page, /\]\(([^)\s]+)\)/)) {
      const target = (match[1] as string).split("#")[0] as string;
      if (target === "" || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      if (!pathExists(root, normalize(join(dirname(page.file), decodeURIComponent(target))))) wrong.push(`${page.file}:${line}: link ${match[1]}`);
    }
  }
  return wrong;
}

/** Whether a path exists; `<…>` placeholders, `*` and `{a,b}` each match any one matching name. */
function pathExists(root: string, path: string): boolean {
  const segments = path.split("/").filter(Boolean);
  const walk = (dir: string, index: number): boolean => {
    if (index === segments.length) return true;
    const segment = segments[index] as string;
    if (!/[<*{]/.test(segment)) return existsSync(join(dir, segment)) && walk(join(dir, segment), index + 1);
    const pattern = new RegExp(`^${segment.split(/(<[^>]*>|\*|\{[^}]*\})/).map((part) =>
      part.startsWith("<") || part === "*" ? "[^/]*" : part.startsWith("{") ? `(?:${part.slice(1, -1).split(",").map(escape).join("|")})` : escape(part)).join("")}$`);
    let entries: string[];
    try { entries = readdirSync(dir); } catch { return false; }
    return entries.some((name) => pattern.test(name) && walk(join(dir, name), index + 1));
  };
  return walk(root, 0);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
