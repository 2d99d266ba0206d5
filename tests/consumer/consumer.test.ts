// The published package as a consumer gets it: `npm run build`, `npm pack`, install the tarball into
// an empty project in the OS temp dir (outside the repository, so nothing resolves to our sources),
// type-check app/main.ts there with strict settings and skipLibCheck off (our .d.ts files are checked
// too), then run it against the run's shared Prism mocks (global-setup.ts).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { API_NAMES, loadSpec, specPath } from "../../scripts/apis/spec-files.js";
import { workflowFilesBeside } from "../../scripts/apis/workflow-files.js";
import { parse } from "yaml";
import { findOperation, mediaExamples } from "../helpers/spec-validator.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);
const TSC = join(require.resolve("typescript/package.json"), "..", "bin", "tsc");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const NPM_ENV = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env: NPM_ENV, encoding: "utf8", timeout: 180_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const firstExample = (api: string, operationId: string) => Object.values(mediaExamples(api as never, operationId, { request: true }, Object.keys(findOperation(api as never, operationId).operation.requestBody?.content ?? { "application/json": 0 })[0]))[0];

describe("consumer project (packed tarball)", () => {
  let project: string;
  let packed: string[] = [];

  beforeAll(() => {
    run(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "build", "main.ts")], ROOT);
    project = mkdtempSync(join(tmpdir(), "pac-consumer-"));
    const pack = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", project], ROOT));
    packed = pack[0].files.map((file: { path: string }) => file.path);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    run("npm", ["install", "--prefer-offline", "--ignore-scripts", "--no-package-lock", join(project, pack[0].filename)], project);
    mkdirSync(join(project, "src"));
    copyFileSync(join(ROOT, "tests", "consumer", "app", "main.ts"), join(project, "src", "main.ts"));
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: [],
        strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false,
        outDir: "out", rootDir: "src",
      },
      include: ["src"],
    }));
  }, 240_000);

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it("packs only the built runtime and clients, and the bundled specs", () => {
    expect(packed).toContain("package.json");
    const unexpected = packed.filter((file) => file !== "package.json" && !/^(README|LICENSE)/i.test(file) &&
      !/^dist\/(generated|src\/runtime)\/.+\.(js|d\.ts)$/.test(file) && !/^dist\/specs\/[a-z0-9]+\/(openapi\.(json|yaml)|[\w.-]+\.arazzo\.yaml)$/.test(file));
    expect(unexpected).toEqual([]);
    for (const api of API_NAMES) expect(packed).toContain(`dist/generated/${api}/index.d.ts`);
  });

  it("ships each bundled spec (JSON and YAML) and the workflows beside it under ./specs/", () => {
    const fromProject = createRequire(join(project, "package.json"));
    for (const api of API_NAMES) {
      const json = fromProject.resolve(`${pkg.name}/specs/${api}/openapi.json`);
      expect(json.startsWith(join(project, "node_modules", pkg.name, "dist", "specs"))).toBe(true);
      const document = JSON.parse(readFileSync(json, "utf8")) as { openapi: string; info: { title: string }; paths: object };
      const source = loadSpec(api) as { info: { title: string }; paths: object };
      expect(document.openapi).toMatch(/^3\.1\./);
      expect(document.info.title).toBe(source.info.title);
      expect(Object.keys(document.paths)).toEqual(Object.keys(source.paths));
      const yaml = parse(readFileSync(fromProject.resolve(`${pkg.name}/specs/${api}/openapi.yaml`), "utf8")) as unknown;
      expect(yaml).toEqual(document);
      for (const workflow of workflowFilesBeside(specPath(api))) {
        const shipped = fromProject.resolve(`${pkg.name}/specs/${api}/${basename(workflow)}`);
        expect(readFileSync(shipped, "utf8")).toBe(readFileSync(workflow, "utf8"));
      }
    }
  });

  it("resolves every subpath to the installed tarball, not to the repository", () => {
    const fromProject = createRequire(join(project, "package.json"));
    for (const api of API_NAMES) {
      const resolved = fromProject.resolve(`${pkg.name}/${api}`);
      expect(resolved.startsWith(join(project, "node_modules", pkg.name, "dist"))).toBe(true);
    }
  });

  it("type-checks and compiles a program importing all four clients", () => {
    const result = spawnSync(process.execPath, [TSC, "-p", join(project, "tsconfig.json")], { cwd: project, encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("runs that program against the four mocks", () => {
    const urls = Object.fromEntries(Object.entries(inject("mocks")).map(([api, target]) => {
      if ("error" in target) throw new Error(target.error);
      return [api, target.url];
    }));
    const bodies = {
      billpro: firstExample("billpro", "createSingleOrder"),
      backd: firstExample("backd", "createOrder"),
      payway: firstExample("payway", "createOrder"),
      paywayToken: firstExample("payway", "getAccessToken"),
    };
    const output = execFileSync(process.execPath, [join(project, "out", "main.js"), JSON.stringify({ urls, bodies })], { cwd: project, encoding: "utf8", timeout: 60_000 });
    const report = JSON.parse(output.trim().split("\n").at(-1)!);
    for (const api of API_NAMES) expect(report.statuses[api], `${api}: ${output}`).toBeGreaterThanOrEqual(200);
    for (const api of API_NAMES) expect(report.statuses[api]).toBeLessThan(300);
    expect(["NetworkError", "timeout"]).toContain(report.unreachable);
  });
});
