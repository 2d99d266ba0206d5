// "One list" made true: a throwaway fifth API (fixtures/acme, one operation, a server with
// x-environment, bearer auth, JSON 4xx responses, examples, and a workflow file) is added to redocly.yaml's `apis:` in a
// temporary copy of the repository, and then goes through every stage — lint, generate, build,
// mock, docs — with no other edit. If a script still keeps its own list of APIs somewhere, one of
// these steps fails here. Each stage runs as `node --import tsx scripts/<stage>/main.ts` in the
// copy (the command `npm run <stage>` runs), so its paths resolve inside the copy.
// Lint and docs depend on nothing but the spec, so they start as soon as the copy exists and run
// alongside generate → build → mock (their tests await them); each stage is mostly a child process
// waiting on I/O or the other core.
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/apis/list.js";
import { withFreePorts } from "../support/free-ports.js";
import { copyRepo, type RepoCopy } from "./repo-copy.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "acme", "openapi.yaml");
// A workflow file beside the spec: found by its name, listed nowhere.
const WORKFLOW = join(import.meta.dirname, "fixtures", "acme", "orders.arazzo.yaml");
// The entry a contributor adds (CONTRIBUTING.md, "Add an API", step 2).
const ENTRY = `  acme:
    root: specs/acme/openapi.yaml
    x-openapi-ts:
      output: generated/acme/schema.ts
    x-project:
      client: Acme
      mockPort: 4099
      export: ./acme
`;

interface Result { code: number | null; signal: NodeJS.Signals | null; out: string }
const children = new Set<ChildProcess>();

/** Starts one stage in the copy; `result` settles when it exits. */
function stage(copy: RepoCopy, script: string, args: string[]): { child: ChildProcess; output: () => string; result: Promise<Result> } {
  const child = spawn(process.execPath, ["--import", "tsx", join(copy.dir, "scripts", script), ...args], {
    cwd: copy.dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  children.add(child);
  let out = "";
  child.stdout!.on("data", (c) => { out += String(c); });
  child.stderr!.on("data", (c) => { out += String(c); });
  const result = new Promise<Result>((resolve) => child.once("exit", (code, signal) => {
    children.delete(child);
    resolve({ code, signal, out });
  }));
  return { child, output: () => out, result };
}

async function run(copy: RepoCopy, script: string, args: string[] = []): Promise<Result> {
  const result = await stage(copy, script, args).result;
  expect(result.code, `${script} ${args.join(" ")}:\n${result.out}`).toBe(0);
  return result;
}

describe("a fifth API added to redocly.yaml alone", () => {
  let copy: RepoCopy;
  let linted: Promise<Result>;
  let docs: Promise<Result>;

  beforeAll(() => {
    copy = copyRepo(ROOT);
    mkdirSync(join(copy.dir, "specs", "acme"));
    copyFileSync(FIXTURE, join(copy.dir, "specs", "acme", "openapi.yaml"));
    copyFileSync(WORKFLOW, join(copy.dir, "specs", "acme", "orders.arazzo.yaml"));
    const config = readFileSync(join(copy.dir, "redocly.yaml"), "utf8");
    expect(config).toMatch(/^apis:\n/m);
    writeFileSync(join(copy.dir, "redocly.yaml"), config.replace(/^apis:\n/m, `apis:\n${ENTRY}`));
    linted = stage(copy, "lint/main.ts", ["acme"]).result;
    docs = stage(copy, "docs/main.ts", ["acme", "--out", join(copy.dir, "site")]).result;
  });

  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    // The background stages have exited (or been killed) before their folder goes.
    await Promise.allSettled([linted, docs]);
    copy?.remove();
  });

  it("passes lint", async () => {
    const { code, out } = await linted;
    expect(code, `lint/main.ts acme:\n${out}`).toBe(0);
    expect(out).toContain("redocly: acme: no findings");
    expect(out).toContain("spectral: acme: no findings");
    expect(out).not.toContain("No results with a severity");
  });

  it("generates its client and its package export", async () => {
    await run(copy, "generate/main.ts");
    const client = readFileSync(join(copy.dir, "generated", "acme", "client.ts"), "utf8");
    expect(client).toContain("export function createAcmeClient");
    expect(client).toContain('"live": "https://api.acme.test/v1"');
    const pkg = JSON.parse(readFileSync(join(copy.dir, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    expect(pkg.exports["./acme"]).toEqual({ types: "./dist/generated/acme/index.d.ts", default: "./dist/generated/acme/index.js" });
  });

  it("builds, shipping its client and its bundled spec", async () => {
    const { out } = await run(copy, "build/main.ts");
    expect(out).toContain("./acme");
    for (const file of ["dist/generated/acme/index.js", "dist/generated/acme/index.d.ts", "dist/specs/acme/openapi.json", "dist/specs/acme/openapi.yaml", "dist/specs/acme/orders.arazzo.yaml"]) {
      expect(existsSync(join(copy.dir, file)), file).toBe(true);
    }
    const bundled = JSON.parse(readFileSync(join(copy.dir, "dist", "specs", "acme", "openapi.json"), "utf8")) as { info: { title: string } };
    expect(bundled.info.title).toBe("Acme Orders API");
  });

  it("is mocked: the built client gets the example order, a call without a token is refused, and an edited spec is served again", async () => {
    // Started again on another port if this one was taken before the mock bound it (tests/support/free-ports.ts).
    const { ports: [port], started: mock } = await withFreePorts(1, async ([port]) => {
      const mock = stage(copy, "mock/main.ts", ["--apis", "acme", "--acme-port", String(port)]);
      const deadline = Date.now() + 120_000;
      while (!mock.output().includes("Mocks are ready")) {
        if (mock.child.exitCode !== null || Date.now() > deadline) {
          mock.child.kill("SIGTERM");
          throw new Error(`the acme mock did not come up:\n${mock.output()}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      return mock;
    });
    try {
      const { createAcmeClient } = (await import(pathToFileURL(join(copy.dir, "dist", "generated", "acme", "index.js")).href)) as {
        createAcmeClient: (options: object) => { getOrder: (init: object) => Promise<{ ok: boolean; status: number; data?: { id: string } }> };
      };
      const client = createAcmeClient({ baseUrl: `http://127.0.0.1:${port}`, auth: { token: "fixture-token" } });
      const result = await client.getOrder({ params: { path: { id: "ord_123" } } });
      expect(result.ok, JSON.stringify(result)).toBe(true);
      expect(result.status).toBe(200);
      expect(result.data?.id).toBe("ord_123");
      const refused = await fetch(`http://127.0.0.1:${port}/orders/ord_123`);
      expect(refused.status).toBe(401);

      // Edited while it runs (as `prism mock` allows), the spec is served again; an edit that does
      // not load leaves the previous version serving. The background stages read the spec too.
      await Promise.allSettled([linted, docs]);
      const specFile = join(copy.dir, "specs", "acme", "openapi.yaml");
      const original = readFileSync(specFile, "utf8");
      const waitForOutput = async (text: string) => {
        const until = Date.now() + 60_000;
        while (!mock.output().includes(text)) {
          if (Date.now() > until) throw new Error(`the mock never printed "${text}":\n${mock.output()}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      writeFileSync(specFile, "openapi: 3.1.0\npaths: [\n");
      await waitForOutput("not reloaded");
      expect((await client.getOrder({ params: { path: { id: "ord_123" } } })).data?.id, "the previous version stopped serving").toBe("ord_123");
      writeFileSync(specFile, original.replaceAll("ord_123", "ord_456"));
      await waitForOutput("[acme] reloaded specs/acme/openapi.yaml");
      expect((await client.getOrder({ params: { path: { id: "ord_456" } } })).data?.id).toBe("ord_456");
    } finally {
      mock.child.kill("SIGTERM");
      const { signal, code } = await mock.result;
      expect(signal === null ? code : signal).toBe(0);
    }
  });

  it("gets a docs page and a card on the index", async () => {
    const out = join(copy.dir, "site");
    const result = await docs;
    expect(result.code, `docs/main.ts acme --out site:\n${result.out}`).toBe(0);
    expect(existsSync(join(out, "acme", "index.html"))).toBe(true);
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(index).toContain("Acme Orders API");
    expect(index).toContain("http://127.0.0.1:4099");
  });
});
