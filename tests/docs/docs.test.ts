// Docs that cannot drift. For README.md and every docs/**/*.md:
//   - every ```ts (or ```typescript) fence is type-checked as an ES module with the repository's strict
//     options, `payment-api-contracts/<api>` resolving to generated/<api>/index.ts;
//   - every ```ts run fence is also run (node --import tsx) against the run's shared mocks:
//     its http://127.0.0.1:<mockPort> URLs (the default ports from redocly.yaml) are replaced by the
//     running mocks' URLs, and it must exit 0 without writing to stderr (samples report failures with
//     console.error);
//   - every 127.0.0.1:<port> / localhost:<port> / bare :<port> ("kwik :4013") is an API's mockPort or
//     the portal's port, and a sample's client talks to its own API's mock;
//   - every env-like NAME_WITH_UNDERSCORES is read somewhere in scripts/, src/ or tests/;
//   - every `npm run <script>` exists in package.json, and every repository path and relative link exists;
//   - every `create…Client`, `create…TokenProvider` and `…Servers` named is exported by a generated client.
// A fence that is not meant to compile (a fragment, pseudo-code) uses another language tag, e.g. ```text.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIS, loadSpec } from "../../scripts/apis/spec-files.js";
import { listOperations } from "../../scripts/apis/operations.js";
import { spawnSupervised, stopChild } from "../../scripts/process/index.js";
import { clientsOnOtherMocks, missingPaths, unknownEnvNames, unknownExports, unknownNpmScripts, unknownPorts } from "./checks.js";
import { ROOT, codeNames, generatedExports, knownPorts, npmScripts } from "./facts.js";
import { codeSamples, docPages, isRunnable, tsSamples, type CodeSample, type DocPage } from "./markdown.js";
import { apisMentioned, startDocMocks, type DocMocks } from "./mocks.js";
import { typeCheck, writeSampleProject, type SampleProject } from "./sample-project.js";

const pages = docPages(ROOT);
const samples = tsSamples(pages);
const runnable = samples.filter(isRunnable);
const where = (sample: CodeSample): string => `${sample.file}:${sample.line}`;

// A page with the drift the newcomer review found, to prove that each check finds it.
const DRIFTED: DocPage = {
  file: "drifted.md",
  text: [
    "Run `node scripts/lint.mjs kwik`, then `npm run lint:all`; see [clients](docs/nowhere.md).",
    "The mock answers on http://localhost:4999. Set `KWIK_KEY` and `MOCK_<API>_PORT`.",
    "Its servers are in `billproServers`; `createPaywayTokenProvider` makes tokens.",
    "",
    "```ts",
    'import { createKwikClient } from "payment-api-contracts/kwik";',
    "",
    "const kwik = createKwikClient({",
    '  environment: "stage",',
    '  baseUrl: "http://127.0.0.1:4010",',
    '  auth: { username: process.env["KWIK_KEY"] ?? "k", password: "s" },',
    "});",
    "console.log(typeof kwik);",
    "```",
    "",
  ].join("\n"),
};
const driftedSamples = codeSamples(DRIFTED);

describe("doc samples", () => {
  let project: SampleProject;
  let diagnostics: Map<CodeSample, string[]>;

  beforeAll(() => {
    project = writeSampleProject([...samples, ...driftedSamples]);
    diagnostics = typeCheck(project, [...samples, ...driftedSamples]);
  });
  afterAll(() => project?.remove());

  it("finds the README's samples, one of them runnable (the extraction is not silently empty)", () => {
    expect(samples.filter((s) => s.file === "README.md").length).toBeGreaterThan(0);
    expect(runnable.filter((s) => s.file === "README.md").length).toBeGreaterThan(0);
  });

  it("reports a sample that does not compile, at its Markdown line (baseUrl together with environment)", () => {
    expect(driftedSamples).toHaveLength(1);
    const found = diagnostics.get(driftedSamples[0]!) ?? [];
    expect(found.length).toBeGreaterThan(0);
    expect(found.join("\n")).toMatch(/^drifted\.md:(8|9|10):\d+ TS2\d{3} /m);
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
      mocks = await startDocMocks([...new Set(runnable.flatMap((sample) => apisMentioned(sample.code)))]);
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
  const ports = knownPorts();
  const code = codeNames();
  const scripts = npmScripts();
  const exported = generatedExports();

  it("every 127.0.0.1:<port>, localhost:<port> or bare :<port> is an API's mock port or the portal's", () => {
    expect(unknownPorts(pages, ports), `known: ${[...ports].map(([port, what]) => `${port} ${what}`).join(", ")}`).toEqual([]);
  });

  it("a sample's client talks to its own API's mock port", () => {
    expect(clientsOnOtherMocks(samples)).toEqual([]);
  });

  it("every env name is one the code reads (scripts/, src/, tests/)", () => {
    expect(unknownEnvNames(pages, code), "not found in scripts/, src/, tests/ or redocly.yaml (a name nothing reads; or not an env name: then add it to NOT_ENV_NAMES in tests/docs/checks.ts with the reason)").toEqual([]);
  });

  it("every `npm run <script>` exists in package.json", () => {
    expect(unknownNpmScripts(pages, scripts)).toEqual([]);
  });

  it("every repository path (scripts/, src/, tests/, specs/, generated/, docs/) and relative link exists", () => {
    expect(missingPaths(pages)).toEqual([]);
  });

  it("every `create…Client`, `create…TokenProvider` and `…Servers` named is exported by a generated client", () => {
    expect(unknownExports(pages, exported)).toEqual([]);
  });

  it("the README's table of the APIs lists every operation of every spec (method, path, operationId) and every server", () => {
    const readme = pages.find((page) => page.file === "README.md")!.text;
    const missing = APIS.flatMap((api) => {
      const document = loadSpec(api.name);
      const operations = listOperations(document).flatMap((op) =>
        [`\`${op.method.toUpperCase()} ${op.path}\``, `(${op.operationId}`].filter((text) => !readme.includes(text)).map((text) => `${api.name}: ${text}`));
      const servers = (document.servers ?? []).map((server: { url: string }) => server.url).filter((url: string) => !readme.includes(url)).map((url: string) => `${api.name}: ${url}`);
      return [...operations, ...servers];
    });
    expect(missing).toEqual([]);
  });

  it("finds each kind of drift on a page that has it", () => {
    expect(unknownPorts([DRIFTED], ports)).toEqual(["drifted.md:2: localhost:4999"]);
    expect(clientsOnOtherMocks(driftedSamples)).toEqual(["drifted.md:6: createKwikClient with the billpro mock's port"]);
    expect(unknownEnvNames([DRIFTED], code)).toEqual(["drifted.md:2: KWIK_KEY", "drifted.md:11: KWIK_KEY"]);
    expect(unknownNpmScripts([DRIFTED], scripts)).toEqual(["drifted.md:1: npm run lint:all"]);
    expect(missingPaths([DRIFTED])).toEqual(["drifted.md:1: scripts/lint.mjs", "drifted.md:1: link docs/nowhere.md"]);
    expect(unknownExports([DRIFTED], exported)).toEqual(["drifted.md:3: billproServers"]);
  });
});
