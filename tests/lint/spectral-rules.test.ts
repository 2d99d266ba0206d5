// Our own Spectral rules (.spectral.yaml): each one fires on a document that breaks it and stays
// quiet on one that keeps it. Run through the real CLI with the real ruleset.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ROOT } from "../../scripts/apis/spec-files.js";

const dir = mkdtempSync(join(tmpdir(), "spectral-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OUR_RULES = [
  "json-schema-dialect-2020-12",
  "operation-has-summary",
  "operation-has-security",
  "operation-has-json-4xx",
  "request-body-has-example",
  "success-response-has-example",
  "property-has-description",
];

/** Runs Spectral with .spectral.yaml on `document`; returns the codes of our rules that fired. */
function ourFindings(name: string, document: object): string[] {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(document));
  const run = spawnSync(join(ROOT, "node_modules", ".bin", "spectral"), ["lint", file, "--ruleset", join(ROOT, ".spectral.yaml"), "--format", "json", "--quiet"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const findings: Array<{ code: string }> = JSON.parse(run.stdout || "[]");
  return [...new Set(findings.map((f) => f.code).filter((code) => OUR_RULES.includes(code)))].sort();
}

function operation(overrides: Record<string, unknown> = {}) {
  return {
    operationId: "createOrder",
    summary: "Create an order",
    description: "Creates an order.",
    tags: ["Orders"],
    security: [{ basicAuth: [] }],
    requestBody: {
      content: {
        "application/json": {
          schema: { type: "object", properties: { reference: { type: "string", description: "The reference." } } },
          examples: { one: { summary: "One", value: { reference: "R1" } } },
        },
      },
    },
    responses: {
      "200": { description: "Created.", content: { "application/json": { schema: { type: "object" }, examples: { ok: { summary: "Ok", value: {} } } } } },
      "422": { description: "Invalid.", content: { "application/json": { schema: { type: "object" } } } },
    },
    ...overrides,
  };
}

function documentWith(op: object, top: Record<string, unknown> = {}) {
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: "T", version: "1", description: "T." },
    servers: [{ url: "https://api.example.org", description: "Production" }],
    tags: [{ name: "Orders", description: "Orders." }],
    paths: { "/orders": { post: op } },
    components: { securitySchemes: { basicAuth: { type: "http", scheme: "basic" } } },
    ...top,
  };
}

describe("our Spectral rules", () => {
  it("stay quiet on a document that keeps them", () => {
    expect(ourFindings("good", documentWith(operation()))).toEqual([]);
  });

  it("each fire on a document that breaks them", () => {
    const bad = operation({
      summary: undefined,
      security: undefined,
      requestBody: { content: { "application/json": { schema: { type: "object", properties: { reference: { type: "string" } } } } } },
      responses: {
        "200": { description: "Created.", content: { "application/json": { schema: { type: "object" } } } },
        "422": { description: "Invalid, but no JSON schema." },
      },
    });
    const document: any = documentWith(JSON.parse(JSON.stringify(bad)));
    delete document.jsonSchemaDialect;
    expect(ourFindings("bad", document)).toEqual([...OUR_RULES].sort());
  });

  it("a draft-07 dialect is refused, not only a missing one", () => {
    const document = documentWith(operation(), { jsonSchemaDialect: "http://json-schema.org/draft-07/schema#" });
    expect(ourFindings("draft07", document)).toEqual(["json-schema-dialect-2020-12"]);
  });

  it("`security: []` counts as stated (an open endpoint), a 4XX range counts as a 4xx response", () => {
    const op = operation({ security: [], responses: { ...operation().responses, "422": undefined, "4XX": { description: "Client error.", content: { "application/problem+json": { schema: { type: "object" } } } } } });
    expect(ourFindings("open", documentWith(JSON.parse(JSON.stringify(op))))).toEqual([]);
  });
});
