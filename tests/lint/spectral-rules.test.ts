// Our own Spectral rules (.spectral.yaml): each one fires on a document that breaks it and stays
// quiet on one that keeps it. Run in-process with the real ruleset (see spectral-in-process.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { loadLinter, type Linter } from "./spectral-in-process.js";

const OUR_RULES = [
  "json-schema-dialect-2020-12",
  "operation-has-summary",
  "operation-has-security",
  "operation-has-json-4xx",
  "request-body-has-example",
  "success-response-has-example",
  "property-has-description",
];

let linter: Linter;
beforeAll(async () => {
  linter = await loadLinter();
});

/** Lints `document` with .spectral.yaml; returns the codes of our rules that fired. */
async function ourFindings(name: string, document: object): Promise<string[]> {
  const findings = await linter.lint(`tests/lint/fixtures/${name}.yaml`, document);
  return [...new Set(findings.map((f) => String(f.code)).filter((code) => OUR_RULES.includes(code)))].sort();
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
  it("stay quiet on a document that keeps them", async () => {
    expect(await ourFindings("good", documentWith(operation()))).toEqual([]);
  });

  it("each fire on a document that breaks them", async () => {
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
    expect(await ourFindings("bad", document)).toEqual([...OUR_RULES].sort());
  });

  it("a draft-07 dialect is refused, not only a missing one", async () => {
    const document = documentWith(operation(), { jsonSchemaDialect: "http://json-schema.org/draft-07/schema#" });
    expect(await ourFindings("draft07", document)).toEqual(["json-schema-dialect-2020-12"]);
  });

  it("`security: []` counts as stated (an open endpoint), a 4XX range counts as a 4xx response", async () => {
    const op = operation({ security: [], responses: { ...operation().responses, "422": undefined, "4XX": { description: "Client error.", content: { "application/problem+json": { schema: { type: "object" } } } } } });
    expect(await ourFindings("open", documentWith(JSON.parse(JSON.stringify(op))))).toEqual([]);
  });
});
