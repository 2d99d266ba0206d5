// Docs that cannot drift. For README.md and every docs/**/*.md:
//   - every ```ts (or ```typescript) fence is type-checked as an ES module with the repository's strict
//     options, `payment-api-contracts/<api>` resolving to generated/<api>/index.ts;
//   - every ```ts run fence is also run (node --import tsx) against local mocks started on free ports:
//     its http://127.0.0.1:<mockPort> URLs (the default ports from redocly.yaml) are replaced by the
//     running mocks' URLs, and it must exit 0 without writing to stderr (samples report failures with
//     console.error);
//   - every 127.0.0.1:<port> / localhost:<port> / bare :<port> ("kwik :4013") is an API's mockPort or the portal's port;
//   - every env-like NAME_WITH_UNDERSCORES is read somewhere in scripts/, src/ or tests/;
//   - every `npm run <script>` exists in package.json, and every repository path and relative link exists.
// A fence that is not meant to compile (a fragment, pseudo-code) uses another language tag, e.g. ```text.
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, normalize } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSupervised, stopChild } from "../../scripts/process/index.js";
import { APIS, ROOT, codeNames, knownPorts, npmScripts } from "./facts.js";
import { docPages, isRunnable, occurrences, tsSamples, type CodeSample } from "./markdown.js";
import { apisMentioned, startDocMocks, type DocMocks } from "./mocks.js";
import { typeCheck, writeSampleProject, type SampleProject } from "./sample-project.js";

const pages = docPages(ROOT);
const samples = tsSamples(pages);
const runnable = samples.filter(isRunnable);
const where = (sample: CodeSample): string => `${sample.file}:${sample.line}`;

// Names that look like env names in the docs but are not: add one only with the reason beside it.
const NOT_ENV_NAMES = new Map<string, string>([
  ["UPPER_SNAKE", "a case style (how an operationId is written in an env name)"],
]);

// Node error codes (ERR_MODULE_NOT_FOUND …) are not env names either.
const isErrorCode = (name: string): boolean => /^ERR_/.test(name);

describe("doc samples", () => {
  let project: SampleProject;
  let diagnostics: Map<CodeSample, string[]>;

  beforeAll(() => {
    project = writeSampleProject(samples);
    diagnostics = typeCheck(project, samples);
  });
  afterAll(() => project?.remove());

  it("finds the README's samples, one of them runnable (the extraction is not silently empty)", () => {
    expect(samples.filter((s) => s.file === "README.md").length).toBeGreaterThan(0);
    expect(runnable.filter((s) => s.file === "README.md").length).toBeGreaterThan(0);
  });

  describe.each(samples.map((sample) => [where(sample), sample] as const))("%s", (_name, sample) => {
    it("type-checks", () => {
      expect(diagnostics.get(sample)).toEqual([]);
    });
  });

  describe("runnable samples against the mocks", () => {
    let mocks: DocMocks | undefined;
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

    beforeAll(async () => {
      const apis = [...new Set(runnable.flatMap((sample) => apisMentioned(sample.code)))];
      mocks = await startDocMocks(apis);
    });
    afterAll(async () => { await mocks?.stop(); });

    it.each(runnable.map((sample) => [where(sample), sample] as const))("%s runs, exit 0, nothing on stderr", async (_name, sample) => {
      const file = project.fileOf(sample).replace(/\.ts$/, ".run.ts");
      writeFileSync(file, mocks!.substitute(sample.code));
      // No credentials from the developer's environment reach a sample: they use their mock fallbacks.
      const env = { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", NODE_NO_WARNINGS: "1" };
      const child = spawnSupervised(file, [], { cwd: project.dir, env, nodeArgs: ["--import", tsx] });
      let stdout = "";
      let stderr = "";
      child.stdout?.on("data", (chunk) => { stdout += String(chunk); });
      child.stderr?.on("data", (chunk) => { stderr += String(chunk); });
      const timer = setTimeout(() => { stderr += "\n(timed out after 90 s)"; void stopChild(child); }, 90_000);
      const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
      clearTimeout(timer);
      expect({ code, stderr }, `stdout:\n${stdout}`).toEqual({ code: 0, stderr: "" });
    });
  });
});

describe("facts the docs state", () => {
  it("every 127.0.0.1:<port>, localhost:<port> or bare :<port> is an API's mock port or the portal's", () => {
    const ports = knownPorts();
    const wrong = pages.flatMap((page) => occurrences(page, /(?:\b(?:127\.0\.0\.1|localhost)|(?<=[\s(]|^)):(\d{2,5})\b/m)
      .filter(({ match }) => !ports.has(Number(match[1])))
      .map(({ match, line }) => `${page.file}:${line}: ${match[0]}`));
    expect(wrong, `known: ${[...ports].map(([port, what]) => `${port} ${what}`).join(", ")}`).toEqual([]);
  });

  it("names each API's mock with its own port (a sample's client talks to its API's mock)", () => {
    const wrong: string[] = [];
    for (const sample of samples) {
      for (const api of APIS) {
        if (!new RegExp(`create${api.clientName}Client\\(`).test(sample.code)) continue;
        const others = apisMentioned(sample.code).filter((name) => name !== api.name);
        if (others.length > 0 && !apisMentioned(sample.code).includes(api.name)) wrong.push(`${where(sample)}: create${api.clientName}Client with the ${others.join("/")} mock's port`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("every env name is one the code reads (scripts/, src/, tests/)", () => {
    const { literal, templates } = codeNames();
    const wrong: string[] = [];
    for (const page of pages) {
      // A name with placeholders (MOCK_<API>_PORT) is checked with each placeholder as a sample word.
      for (const { match, line } of occurrences(page, /(?<![A-Za-z0-9_<])(?:[A-Z][A-Z0-9]*|<[A-Za-z_]+>)(?:_(?:[A-Z0-9]+|<[A-Za-z_]+>))+(?![A-Za-z0-9_>])/)) {
        const name = match[0];
        const concrete = name.replace(/<[A-Za-z_]+>/g, "X");
        if (NOT_ENV_NAMES.has(name) || isErrorCode(name)) continue;
        if (literal.has(concrete) || templates.some((t) => t.test(concrete))) continue;
        wrong.push(`${page.file}:${line}: ${name}`);
      }
    }
    expect(wrong, "not found in scripts/, src/ or tests/ (a name nothing reads, or not an env name: then add it to NOT_ENV_NAMES with the reason)").toEqual([]);
  });

  it("every `npm run <script>` exists in package.json", () => {
    const scripts = npmScripts();
    const wrong = pages.flatMap((page) => occurrences(page, /\bnpm run ([A-Za-z0-9:_-]+)/)
      .filter(({ match }) => !scripts.has(match[1] as string))
      .map(({ match, line }) => `${page.file}:${line}: ${match[0]}`));
    expect(wrong).toEqual([]);
  });

  it("every repository path (scripts/, src/, tests/, specs/, generated/, docs/) and relative link exists", () => {
    const wrong: string[] = [];
    for (const page of pages) {
      for (const { match, line } of occurrences(page, /(?<![\w./-])(?:scripts|src|tests|specs|generated|docs)\/[\w./<>*{},-]*/)) {
        const path = match[0].replace(/[.,]+$/, "");
        if (!pathExists(ROOT, path)) wrong.push(`${page.file}:${line}: ${path}`);
      }
      for (const { match, line } of occurrences(page, /\]\(([^)\s]+)\)/)) {
        const target = (match[1] as string).split("#")[0] as string;
        if (target === "" || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const path = normalize(join(dirname(page.file), decodeURIComponent(target)));
        if (!pathExists(ROOT, path)) wrong.push(`${page.file}:${line}: link ${match[1]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/**
 * Whether a repository path exists. `<…>` placeholders, `*` and `{a,b}` match any one name; a path
 * with a placeholder exists when some API (or any folder) makes it real.
 */
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
