// The bad-input generator on a small spec written for it, so that every rule it must break is
// present whatever the vendor specs happen to use: one bad request per rule, each rejected by
// the spec's own validator for exactly that rule.
import { describe, expect, it } from "vitest";
import { createSpecAjv } from "../../scripts/apis/openapi-ajv.js";
import { createNegativeGenerator } from "../../scripts/mock/negative/generator.js";
import { happyRequests, listOperations, preferredMedia } from "../../scripts/apis/operations.js";

const document = {
  openapi: "3.1.0",
  jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
  info: { title: "generator fixture", version: "1" },
  paths: {
    "/orders/{id}": {
      post: {
        operationId: "createOrder",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "integer" }, example: 7 },
          { name: "channel", in: "query", required: true, schema: { type: "string", enum: ["web", "pos"] }, example: "web" },
          { name: "ref", in: "query", schema: { type: "string", maxLength: 4, pattern: "^R" } },
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { $ref: "#/components/schemas/Order" },
              examples: { basic: { summary: "basic", value: { currency: "EUR", kind: "order", lines: [{ sku: "AB-1" }] } } },
            },
          },
        },
        responses: { "201": { description: "created" } },
      },
    },
  },
  components: {
    schemas: {
      Order: {
        type: "object",
        required: ["currency", "kind", "lines"],
        properties: {
          currency: { type: "string", pattern: "^[A-Z]{3}$", maxLength: 3 },
          kind: { const: "order" },
          lines: { type: "array", minItems: 1, items: { $ref: "#/components/schemas/Line" } },
          notify: { type: "boolean" },
          email: { type: "string" },
          contact: { anyOf: [{ required: ["phone"] }, { required: ["mail"] }], properties: { phone: { type: "string" }, mail: { type: "string" } } },
        },
        if: { required: ["notify"], properties: { notify: { const: true } } },
        then: { required: ["email"] },
      },
      Line: {
        type: "object",
        required: ["sku"],
        properties: { sku: { type: "string", maxLength: 8 }, unit: { type: "string", enum: ["kg", "pcs"] } },
      },
    },
  },
};

const uri = "fixture.yaml";
const generator = createNegativeGenerator({ document, ajv: createSpecAjv(document, uri), uri });
const op = listOperations(document)[0]!;
const happy = happyRequests(op);
const media = preferredMedia(op.requestBody!.media)!;
const body = generator.bodyCases({ rootSegments: media.schemaSegments, instances: happy.map((h) => ({ name: h.name, value: h.body })) });
const params = generator.parameterCases(op, happy[0]!);
const describeCase = (c: { rule: string; description: string }) => `${c.rule}: ${c.description}`;

describe("bad-input generator", () => {
  it("breaks every rule of the body once", () => {
    const rules = body.cases.map((c) => `${c.rule} ${c.path.join(".")}`).sort();
    expect(rules).toEqual([
      "const kind",
      "enum lines.0.unit", // an optional property the example leaves out: filled in, then broken
      "if ", // notify=true without email
      "maxLength currency",
      "maxLength lines.0.sku",
      "minItems lines",
      "pattern currency",
      "required currency",
      "required kind",
      "required lines",
      "required lines.0.sku",
      "required contact.phone", // contact is filled in as {phone}; without phone neither anyOf branch holds
      "type contact.mail",
      "type contact.phone",
      "type currency",
      "type email",
      "type lines",
      "type lines.0",
      "type lines.0.sku",
      "type lines.0.unit",
      "type notify",
    ].sort());
  });

  it("keeps only variants the spec's validator rejects for that very rule", () => {
    for (const c of body.cases) {
      const result = generator.validate(media.schemaSegments, c.value);
      expect(result.ok, describeCase(c)).toBe(false);
      expect(result.errors.map((e: any) => e.keyword), describeCase(c)).toContain(c.rule);
    }
  });

  it("leaves out a property an anyOf branch requires only when no other branch then holds", () => {
    const contact = body.cases.filter((c) => c.rule === "required" && c.path[0] === "contact");
    expect(contact.map((c) => c.value.contact)).toEqual([{}]);
    expect(body.skipped).toEqual([]);
  });

  it("breaks query and path parameters too", () => {
    expect(params.cases.map((c) => `${c.rule} ${c.in}.${c.name}`).sort()).toEqual([
      "enum query.channel",
      "maxLength query.ref",
      "pattern query.ref",
      "required query.channel",
      "type path.id",
    ]);
    expect(params.cases.find((c) => c.rule === "pattern")?.value).not.toMatch(/^R/);
  });
});
