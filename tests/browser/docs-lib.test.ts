// The docs build's own pieces, on small inputs: the offline check must catch what Redoc's default
// page does, the index must not let a spec inject markup, the static server must not leave site/,
// and the model must read servers and auth the way the specs write them.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inlineMarkdown, renderIndex } from "../../scripts/docs/index-page.js";
import { describeFlowFile } from "../../scripts/docs/flow-model.js";
import { renderFlowsPage } from "../../scripts/docs/flow-page.js";
import { allWorkflowFiles, loadYamlFile } from "../../scripts/apis/workflow-files.js";
import { describeApi, listOperations, titleWithVersion } from "../../scripts/docs/model.js";
import { CONTENT_SECURITY_POLICY, findRemoteLoads, makeOffline, REMOTE_ASSETS } from "../../scripts/docs/offline.js";
import { formatTable, portalRows } from "../../scripts/start/portal.js";
import { resolveInRoot, serveStatic } from "../../scripts/docs/server.js";
import { cachedPage, pageKey } from "../../scripts/docs/page-cache.js";

// The shape of what `redocly build-docs` writes, without and with --inlineBundle.
const CDN_PAGE = `<!DOCTYPE html><html><head><link rel="modulepreload" href="https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js" />
</head><body><div id="redoc"></div><script type="module">
import { hydrate } from "https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js";
const __redoc_options = {"skipBundle":true,"disableTelemetry":true};
hydrate(__redoc_definition, __redoc_options, document.getElementById('redoc'));</script></body></html>`;
const logo = Object.keys(REMOTE_ASSETS)[0]!;
const INLINE_PAGE = `<!DOCTYPE html><html><head><title>x</title></head><body><header>h</header><script type="module">
var y4 = () => ({src: \`${logo}\`}); function hydrate() {}
const __redoc_options = {"skipBundle":true,"disableTelemetry":true};
hydrate(__redoc_definition, __redoc_options, document.getElementById('redoc'));</script></body></html>`;

describe("offline check", () => {
  it("refuses the default page, which loads Redoc from the CDN", () => {
    const problems = findRemoteLoads(makeOffline(CDN_PAGE));
    expect(problems.some((p) => p.startsWith("external <link href>"))).toBe(true);
    expect(problems.some((p) => p.startsWith("module import from a URL"))).toBe(true);
  });

  it("refuses a page with Redoc's telemetry left on", () => {
    const page = makeOffline(INLINE_PAGE.replace('"disableTelemetry":true', '"disableTelemetry":false'));
    expect(findRemoteLoads(page)).toEqual([expect.stringContaining("telemetry is not disabled")]);
  });

  it("inlines the CDN logo and adds the CSP, after which the inlined page passes", () => {
    expect(findRemoteLoads(INLINE_PAGE)).toEqual([
      expect.stringContaining("CDN image is still referenced"),
      expect.stringContaining("Content-Security-Policy"),
    ]);
    const fixed = makeOffline(INLINE_PAGE);
    expect(fixed).not.toContain(logo);
    expect(fixed).toContain(`<head>\n  <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(fixed.indexOf("Content-Security-Policy")).toBeLessThan(fixed.indexOf("<header>"));
    expect(findRemoteLoads(fixed)).toEqual([]);
  });
});

describe("index text", () => {
  it("escapes markup from a spec and keeps `code` and **bold**", () => {
    expect(inlineMarkdown("Use `<b>` and **this**.\n\n<script>alert(1)</script>")).toBe(
      "<p>Use <code>&lt;b&gt;</code> and <strong>this</strong>.</p><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    );
  });
});

describe("model", () => {
  const spec = {
    info: { title: "T", version: "2" },
    servers: [{ url: "https://api.example/v2", description: "prod", "x-environment": "production" }],
    security: [{ bearerAuth: [] }],
    paths: {
      "/orders": { post: { operationId: "createOrder", summary: "Create", tags: ["Orders"] } },
      "/token": {
        post: { operationId: "getAccessToken", summary: "Token", security: [], servers: [{ url: "https://api.example", description: "root" }] },
      },
    },
    components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" }, unused: { type: "http", scheme: "basic" } } },
  };

  it("lists operations in document order, with their tags", () => {
    expect(listOperations(spec).map((op) => [op.method, op.path, op.operationId, op.tags])).toEqual([
      ["post", "/orders", "createOrder", ["Orders"]],
      ["post", "/token", "getAccessToken", []],
    ]);
  });

  it("reads servers (with operation-level ones), the schemes in use and the operations without auth", () => {
    const model = describeApi("x", spec);
    expect(model.servers.map((s) => [s.url, s.environment, s.operations])).toEqual([
      ["https://api.example/v2", "production", []],
      ["https://api.example", "", ["getAccessToken"]],
    ]);
    expect(model.auth).toEqual([{ name: "bearerAuth", kind: "HTTP bearer", description: "" }]);
    expect(model.publicOperations).toEqual(["getAccessToken"]);
  });

  it("refuses a spec without a title or version, naming the API", () => {
    expect(() => describeApi("kwik", { info: {} })).toThrow("kwik: info.title is missing; info.version is missing");
  });
});

describe("URL table", () => {
  it("has the portal, then per API its page, both downloads and its mock", () => {
    const rows = portalRows("http://localhost:8080/", [{ api: "kwik", model: { version: "1.0" }, mock: "http://127.0.0.1:4013" }]);
    expect(rows.map((r) => r[2])).toEqual([
      "http://localhost:8080/",
      "http://localhost:8080/kwik/",
      "http://localhost:8080/kwik/openapi.yaml",
      "http://localhost:8080/kwik/openapi.json",
      "http://127.0.0.1:4013",
    ]);
    expect(formatTable(["a", "b"], [["xx", "y"]])).toBe("a   b\n--  -\nxx  y");
  });
});

describe("static server", () => {
  const root = mkdtempSync(join(tmpdir(), "docs-site-"));
  let server: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    mkdirSync(join(root, "api"));
    writeFileSync(join(root, "index.html"), "<p>index</p>");
    writeFileSync(join(root, "api", "index.html"), "<p>api</p>");
    writeFileSync(join(root, "api", "openapi.yaml"), "openapi: 3.1.0\n");
    server = await serveStatic({ root, port: 0 });
  });
  afterAll(() => server?.close());

  it("never resolves a path outside the root", () => {
    expect(resolveInRoot(root, "/../etc/passwd")).toBe(join(root, "etc", "passwd"));
    expect(resolveInRoot(root, "/%2e%2e/%2e%2e/etc/passwd")).toBe(join(root, "etc", "passwd"));
    expect(resolveInRoot(root, "/a%00b")).toBeNull();
    expect(resolveInRoot(root, "/%E0%A4%A")).toBeNull();
  });

  it("serves files with their type, directories through index.html, and 404 otherwise", async () => {
    const yaml = await fetch(`${server.url}/api/openapi.yaml`);
    expect([yaml.status, yaml.headers.get("content-type")]).toEqual([200, "application/yaml; charset=utf-8"]);
    const dir = await fetch(`${server.url}/api`, { redirect: "manual" });
    expect([dir.status, dir.headers.get("location")]).toEqual([301, "/api/"]);
    expect(await (await fetch(`${server.url}/api/`)).text()).toBe("<p>api</p>");
    expect((await fetch(`${server.url}/missing.html`)).status).toBe(404);
    expect((await fetch(`${server.url}/`, { method: "POST" })).status).toBe(405);
  });
});

describe("titles with their version", () => {
  it("append the version, unless the title already ends with it", () => {
    expect(titleWithVersion("Orders API", "1.0")).toBe("Orders API 1.0");
    expect(titleWithVersion("Account API — create order v2", "v2")).toBe("Account API — create order v2");
    expect(titleWithVersion("Account API v2", "2")).toBe("Account API v2");
    expect(titleWithVersion("Orders API (V1)", "1.0")).toBe("Orders API (V1) 1.0");
  });
});

describe("flows pages", () => {
  // A small workflow file beside a small spec, in a temporary folder.
  const folder = mkdtempSync(join(tmpdir(), "docs-flows-"));
  writeFileSync(join(folder, "openapi.yaml"), `openapi: 3.1.0
info: { title: T, version: "1" }
paths:
  /orders: { post: { operationId: createOrder, responses: { "200": { description: ok } } } }
  /orders/{id}: { get: { operationId: getOrder, responses: { "200": { description: ok } } } }
`);
  const arazzo = (operation: string) => `arazzo: 1.0.1
info: { title: "Create <b>then</b> get", version: "1", description: "Uses \`id\`.\\n\\n<script>x</script>" }
sourceDescriptions: [{ name: t, url: ./openapi.yaml, type: openapi }]
workflows:
  - workflowId: createThenGet
    summary: Create, then get
    inputs: { type: object, required: [token], properties: { token: { type: string, format: password }, ref: { type: string, default: R1 } } }
    steps:
      - stepId: create
        operationId: $sourceDescriptions.t.createOrder
        x-security: [{ schemeName: bearerAuth, values: { token: $inputs.token } }]
        requestBody: { contentType: application/json, payload: { reference: $inputs.ref } }
        successCriteria: [{ condition: $statusCode == 200 }, { context: $statusCode, condition: "^20[01]$", type: regex }]
        outputs: { id: $response.body#/id }
      - stepId: get
        operationId: $sourceDescriptions.t.${operation}
        parameters: [{ name: id, in: path, value: $steps.create.outputs.id }]
        successCriteria: [{ condition: $statusCode == 200 }]
    outputs: { id: $steps.create.outputs.id }
`;
  writeFileSync(join(folder, "good.arazzo.yaml"), arazzo("getOrder"));
  writeFileSync(join(folder, "bad.arazzo.yaml"), arazzo("nope"));
  // Arazzo allows a bare operationId when the file has one OpenAPI source.
  writeFileSync(join(folder, "bare.arazzo.yaml"), arazzo("getOrder").replace("$sourceDescriptions.t.getOrder", "getOrder"));
  const fixture = (name: string) => ({ api: "t", file: join(folder, name), path: `specs/t/${name}` });

  it("reads each step's operation from the spec, with what it sends, its criteria and outputs", () => {
    const flow = describeFlowFile(fixture("good.arazzo.yaml"));
    const [workflow] = flow.workflows;
    expect(workflow!.inputs).toEqual([
      { name: "token", type: "string", required: true, secret: true, description: "" },
      { name: "ref", type: "string", required: false, secret: false, defaultValue: "R1", description: "" },
    ]);
    expect(workflow!.steps.map((s) => [s.stepId, s.method, s.path, s.operationId])).toEqual([
      ["create", "post", "/orders", "createOrder"],
      ["get", "get", "/orders/{id}", "getOrder"],
    ]);
    const [create, get] = workflow!.steps;
    expect(create!.successCriteria).toEqual(["$statusCode == 200", "$statusCode matches ^20[01]$"]);
    expect(create!.security).toEqual([{ scheme: "bearerAuth", values: { token: "$inputs.token" } }]);
    expect(JSON.parse(create!.requestBody!.payload)).toEqual({ reference: "$inputs.ref" });
    expect(get!.parameters).toEqual([{ name: "id", in: "path", value: "$steps.create.outputs.id" }]);
    expect(workflow!.outputs).toEqual([{ name: "id", value: "$steps.create.outputs.id" }]);
  });

  it("reads a bare operationId as an operation of the file's one source", () => {
    const [, get] = describeFlowFile(fixture("bare.arazzo.yaml")).workflows[0]!.steps;
    expect([get!.source, get!.method, get!.path, get!.operationId]).toEqual(["t", "get", "/orders/{id}", "getOrder"]);
  });

  it("refuses a step whose operation the spec does not have, naming the file and the step", () => {
    expect(() => describeFlowFile(fixture("bad.arazzo.yaml"))).toThrow("specs/t/bad.arazzo.yaml: step get: no operation $sourceDescriptions.t.nope");
  });

  it("renders every workflow and step in order, with anchors, and escapes markup from the file", () => {
    const html = renderFlowsPage("t", "T 1", [describeFlowFile(fixture("good.arazzo.yaml"))]);
    expect(html).toContain('<article class="workflow" id="createThenGet" data-workflow="createThenGet">');
    expect(html.indexOf('id="createThenGet-create"')).toBeLessThan(html.indexOf('id="createThenGet-get"'));
    expect(html).toContain("<code>/orders/{id}</code>");
    expect(html).toContain("<code>$statusCode matches ^20[01]$</code>");
    expect(html).toContain("&lt;b&gt;then&lt;/b&gt;");
    expect(html).toContain("<code>id</code>");
    expect(html).not.toMatch(/<script|<b>/);
    expect(html).toContain('href="../index.html"');
  });

  it("the index lists each workflow with a link into the flows page, and no flows block without flows", () => {
    const model = describeApi("t", { info: { title: "T", version: "1" }, paths: {} });
    const files = { page: "t/index.html", yaml: "t/openapi.yaml", json: "t/openapi.json" };
    const flows = { page: "t/flows.html", workflows: [{ workflowId: "createThenGet", summary: "Create, then get", steps: 2 }] };
    const html = renderIndex([{ model, files, mock: "http://127.0.0.1:1", flows }]);
    expect(html).toContain('<a href="t/flows.html">Flows</a>');
    expect(html).toContain('<a href="t/flows.html#createThenGet"><code>createThenGet</code></a>');
    expect(renderIndex([{ model, files, mock: "http://127.0.0.1:1" }])).not.toContain("flows.html");
  });

  it.each(allWorkflowFiles().map((f) => [f.path, f] as const))("%s: every workflow and step is on its API's flows page", (_path, file) => {
    const source = loadYamlFile(file.file);
    const html = renderFlowsPage(file.api, file.api, [describeFlowFile(file)]);
    for (const workflow of source.workflows) {
      expect(html).toContain(`data-workflow="${workflow.workflowId}"`);
      for (const step of workflow.steps) expect(html).toContain(`id="${workflow.workflowId}-${step.stepId}"`);
    }
  });
});

describe("rendered-page cache", () => {
  const dir = mkdtempSync(join(tmpdir(), "page-cache-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const renderer = (html: string) => {
    const calls: string[] = [];
    const render = async (file: string) => { calls.push(file); writeFileSync(file, html); };
    return { calls, render };
  };

  it("renders a page once per input and serves it from the cache after that", async () => {
    const key = pageKey("openapi: 3.1.0\n", ["--title", "A"]);
    const first = renderer("<p>one</p>");
    expect(await cachedPage(key, first.render, dir)).toBe("<p>one</p>");
    const second = renderer("<p>two</p>");
    expect(await cachedPage(key, second.render, dir)).toBe("<p>one</p>");
    expect([first.calls.length, second.calls.length]).toEqual([1, 0]);
  });

  it("keys on the document and on the options, so a change renders again", () => {
    const key = pageKey("openapi: 3.1.0\n", ["--title", "A"]);
    expect(pageKey("openapi: 3.1.0\ninfo: {}\n", ["--title", "A"])).not.toBe(key);
    expect(pageKey("openapi: 3.1.0\n", ["--title", "B"])).not.toBe(key);
    expect(pageKey("openapi: 3.1.0\n", ["--title", "A"])).toBe(key);
  });

  it("keeps nothing when the render fails", async () => {
    const key = pageKey("broken", []);
    await expect(cachedPage(key, async () => { throw new Error("redocly failed"); }, dir)).rejects.toThrow("redocly failed");
    const retry = renderer("<p>fixed</p>");
    expect(await cachedPage(key, retry.render, dir)).toBe("<p>fixed</p>");
    expect(retry.calls).toHaveLength(1);
  });
});
