// scripts/lint/check-examples.ts is the gate for what Redocly and Spectral miss: each kind of bad
// example (and a schema Ajv cannot compile, which Prism would silently stop validating) must be
// reported with a pointer to where it is.
import { describe, expect, it } from "vitest";
import { checkApi, checkDocument } from "../../scripts/lint/check-examples.js";
import { API_NAMES } from "../../scripts/apis/spec-files.js";

/** A minimal valid document; `patch` adds the broken part. */
function documentWith(patch: (doc: any) => void): object {
  const doc: any = {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: "t", version: "1" },
    paths: {
      "/orders": {
        post: {
          parameters: [{ name: "limit", in: "query", schema: { type: "integer", maximum: 10 }, example: 5 }],
          requestBody: {
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Order" },
                examples: { good: { summary: "ok", value: { reference: "ORD1", quantity: 1 } } },
              },
            },
          },
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" }, example: {} } } } },
        },
      },
    },
    components: {
      schemas: {
        Order: {
          type: "object",
          required: ["reference"],
          properties: {
            reference: { type: "string", maxLength: 5, examples: ["ORD1"] },
            quantity: { type: "integer", default: 1 },
          },
        },
      },
    },
  };
  patch(doc);
  return doc;
}

const check = (patch: (doc: any) => void) => checkDocument(documentWith(patch), "t.yaml");
const mediaExamples = (doc: any) => doc.paths["/orders"].post.requestBody.content["application/json"].examples;

describe("check-examples", () => {
  it("finds nothing wrong in a valid document", () => {
    expect(check(() => {})).toEqual([]);
  });

  it("reports a named media-type example that breaks its schema, with its pointer and the rule", () => {
    const problems = check((doc) => (mediaExamples(doc).bad = { value: { quantity: 1 } }));
    expect(problems).toEqual([expect.stringMatching(/^#\/paths\/~1orders\/post\/requestBody\/content\/application~1json\/examples\/bad: .*required property 'reference'/)]);
  });

  it("reports a single media-type `example`", () => {
    const problems = check((doc) => (doc.paths["/orders"].post.responses["200"].content["application/json"].example = []));
    expect(problems).toEqual([expect.stringMatching(/responses\/200\/content\/application~1json\/example: .*must be object \[type\]/)]);
  });

  it("reports a schema-level `examples` entry (which Spectral does not check)", () => {
    const problems = check((doc) => (doc.components.schemas.Order.properties.reference.examples = ["ORD1", "TOO-LONG"]));
    expect(problems).toEqual([expect.stringMatching(/^#\/components\/schemas\/Order\/properties\/reference\/examples\/1: .*\[maxLength\]/)]);
  });

  it("reports a `default` that breaks its own schema", () => {
    const problems = check((doc) => (doc.components.schemas.Order.properties.quantity.default = "one"));
    expect(problems).toEqual([expect.stringMatching(/properties\/quantity\/default: .*\[type\]/)]);
  });

  it("reports a parameter example", () => {
    const problems = check((doc) => (doc.paths["/orders"].post.parameters[0].example = 50));
    expect(problems).toEqual([expect.stringMatching(/parameters\/0\/example: .*\[maximum\]/)]);
  });

  it("reports a schema Ajv cannot compile (an invalid regex), which Prism would silently skip", () => {
    const problems = check((doc) => (doc.components.schemas.Order.properties.reference.pattern = "^[a-z"));
    expect(problems.some((p) => /^#\/components\/schemas\/Order: schema does not compile: .*Invalid regular expression/.test(p))).toBe(true);
  });

  it("reports an example `$ref` that points nowhere and an external value it cannot read", () => {
    const problems = check((doc) => {
      mediaExamples(doc).missing = { $ref: "#/components/examples/Nope" };
      mediaExamples(doc).external = { externalValue: "https://example.org/x.json" };
    });
    expect(problems).toEqual([
      expect.stringMatching(/examples\/missing: \$ref #\/components\/examples\/Nope points nowhere/),
      expect.stringMatching(/examples\/external: example has no inline value/),
    ]);
  });

  it.each([...API_NAMES])("passes on specs/%s/openapi.yaml", (api) => {
    expect(checkApi(api)).toEqual([]);
  });
});
