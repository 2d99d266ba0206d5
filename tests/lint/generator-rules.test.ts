// The Spectral rules that keep other generators and tools from tripping on our specs (issue 8):
// each fires where it should, with the path of the offending node, and stays quiet on the good
// shape next to it. In-process, with the real .spectral.yaml.
import { beforeAll, describe, expect, it } from "vitest";
import { loadLinter, type Linter } from "./spectral-in-process.js";

let linter: Linter;
beforeAll(async () => {
  linter = await loadLinter();
});

/** A small valid document; `schemas` and `extra` components are added to it. */
function documentWith(schemas: Record<string, unknown>, extra: Record<string, unknown> = {}, requestSchema: object = { type: "object" }) {
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: "T", version: "1", description: "T." },
    paths: {
      "/orders": {
        post: {
          operationId: "createOrder",
          summary: "Create an order",
          security: [],
          parameters: [{ name: "mode", in: "query", description: "Mode.", schema: { type: "string", const: "live" } }],
          requestBody: { content: { "application/json": { schema: requestSchema, example: {} } } },
          responses: { "400": { description: "Bad.", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
    },
    components: { schemas, ...extra },
  };
}

/** The findings of one rule, as "path: message" lines. */
async function findingsOf(rule: string, document: object): Promise<string[]> {
  const findings = await linter.lint(`tests/lint/fixtures/${rule}.yaml`, document);
  return findings.filter((f) => f.code === rule).map((f) => `${f.path.join(".")}: ${f.message}`);
}

const paths = (lines: string[]) => lines.map((line) => line.slice(0, line.indexOf(": ")));

describe("schema-const-has-type", () => {
  const rule = "schema-const-has-type";

  it("fires on a `const` without `type` wherever a schema can be, with the type to add", async () => {
    const document = documentWith(
      {
        Result: { type: "object", properties: { status: { const: true, description: "Always true." } } },
        Variant: { oneOf: [{ const: "a" }, { type: "array", items: { const: 1 } }] },
        Conditional: { if: { properties: { kind: { const: "x" } } }, then: { required: ["x"] } },
      },
      {},
      { type: "object", properties: { nested: { type: "object", properties: { flag: { const: false, description: "F." } } } } },
    );
    const found = await findingsOf(rule, document);
    expect(paths(found).sort()).toEqual(
      [
        "components.schemas.Result.properties.status",
        "components.schemas.Variant.oneOf.0",
        "components.schemas.Variant.oneOf.1.items",
        "components.schemas.Conditional.if.properties.kind",
        "paths./orders.post.requestBody.content.application/json.schema.properties.nested.properties.flag",
      ].sort(),
    );
    expect(found).toContain("components.schemas.Result.properties.status: `const: true` has no `type`; add `type: boolean` so code generators type it.");
    expect(found).toContain('components.schemas.Variant.oneOf.0: `const: "a"` has no `type`; add `type: string` so code generators type it.');
    expect(found).toContain("components.schemas.Variant.oneOf.1.items: `const: 1` has no `type`; add `type: integer` so code generators type it.");
  });

  it("fires when the `type` does not admit the constant", async () => {
    const document = documentWith({ Result: { type: "string", const: true } });
    expect(await findingsOf(rule, document)).toEqual(["components.schemas.Result.type: `const: true` does not fit its `type: string`."]);
  });

  it("stays quiet on typed constants, on a property named `const`, and on examples or extensions holding a `const` key", async () => {
    const document = documentWith({
      Result: {
        type: "object",
        properties: {
          status: { type: "boolean", const: true, description: "Always true." },
          version: { type: "number", const: 2, description: "An integer constant fits `number`." },
          maybe: { type: ["string", "null"], const: null, description: "null fits a nullable type." },
          const: { type: "string", description: "A property that happens to be called const." },
        },
        examples: [{ const: "not a keyword", status: true }],
        "x-note": { const: "not a schema" },
      },
    });
    // The operation's own parameter has `type: string, const: live`: quiet too.
    expect(await findingsOf(rule, document)).toEqual([]);
  });
});

describe("component-name-not-js-global", () => {
  const rule = "component-name-not-js-global";

  it("fires on a component named after a global in any component map, also once generators PascalCase it", async () => {
    const document = documentWith(
      { Error: { type: "object" }, date: { type: "string" }, Record: { type: "object" } },
      {
        responses: { Response: { description: "R." } },
        requestBodies: { "form-data": { content: { "application/json": { schema: { type: "object" } } } } },
        parameters: { Promise: { name: "p", in: "query", description: "P.", schema: { type: "string" } } },
      },
    );
    expect(await findingsOf(rule, document)).toEqual([
      "components.schemas.Error: Component name `Error` shadows the JavaScript/TypeScript global `Error` in generated code; rename it.",
      "components.schemas.date: Component name `date` (generated as `Date`) shadows the JavaScript/TypeScript global `Date` in generated code; rename it.",
      "components.schemas.Record: Component name `Record` shadows the JavaScript/TypeScript global `Record` in generated code; rename it.",
      "components.responses.Response: Component name `Response` shadows the JavaScript/TypeScript global `Response` in generated code; rename it.",
      "components.requestBodies.form-data: Component name `form-data` (generated as `FormData`) shadows the JavaScript/TypeScript global `FormData` in generated code; rename it.",
      "components.parameters.Promise: Component name `Promise` shadows the JavaScript/TypeScript global `Promise` in generated code; rename it.",
    ]);
  });

  it("stays quiet on names that merely contain a global's name, and on ones no generated client touches", async () => {
    const document = documentWith(
      { ErrorResponse: { type: "object" }, error_detail: { type: "object" }, OrderDate: { type: "string" }, Location: { type: "object" }, ERROR: { type: "object" } },
      { responses: { ClientError: { description: "C." } } },
    );
    expect(await findingsOf(rule, document)).toEqual([]);
  });
});

describe("discriminator-values-unique", () => {
  const rule = "discriminator-values-unique";

  /**
   * BillPro's shape: each variant is allOf [OrderBase, its own part]. `baseTag` is OrderBase's
   * `order_type` property (none when undefined); `variantTags` maps variant names to theirs.
   */
  function ordersWith(baseTag: object | undefined, variantTags: Record<string, object>, mapping?: Record<string, string>) {
    const variants = Object.fromEntries(
      Object.entries(variantTags).map(([name, tag]) => [
        name,
        { allOf: [{ $ref: "#/components/schemas/OrderBase" }, { type: "object", required: ["order_type"], properties: { order_type: tag } }] },
      ]),
    );
    const baseProperties = { id: { type: "integer", description: "Id." }, ...(baseTag ? { order_type: baseTag } : {}) };
    return documentWith({
      Order: {
        oneOf: Object.keys(variantTags).map((name) => ({ $ref: `#/components/schemas/${name}` })),
        discriminator: { propertyName: "order_type", ...(mapping ? { mapping } : {}) },
      },
      OrderBase: { type: "object", required: ["id"], properties: baseProperties },
      ...variants,
    });
  }

  it("fires when a shared base lists every value, as BillPro's Order does (what `redocly respect` refuses)", async () => {
    const document = ordersWith(
      { type: "string", enum: ["single", "metered"] },
      { Single: { type: "string", const: "single" }, Metered: { type: "string", const: "metered" } },
      { single: "#/components/schemas/Single", metered: "#/components/schemas/Metered" },
    );
    // Respect dereferences first, so the mapping does not help: Ajv reads each variant's values from
    // the first allOf member that has `order_type`, which is the base, for both variants.
    expect(await findingsOf(rule, document)).toEqual([
      'components.schemas.Order.oneOf.1: Discriminator values must be unique strings: variant Metered reads `order_type` from allOf[0] (OrderBase).properties.order_type; "single", "metered" already select Single.',
    ]);
  });

  it("stays quiet when only the variants declare the property, even with two mapping keys for one variant", async () => {
    const document = ordersWith(
      undefined,
      { Single: { type: "string", const: "single" }, Subscription: { type: "string", enum: ["subscripton", "subscription"] } },
      { single: "#/components/schemas/Single", subscripton: "#/components/schemas/Subscription", subscription: "#/components/schemas/Subscription" },
    );
    expect(await findingsOf(rule, document)).toEqual([]);
  });

  it("fires when the base declares the property at all: Ajv reads the first allOf member that has it", async () => {
    const document = ordersWith({ type: "string", description: "The order type." }, { Single: { type: "string", const: "single" } });
    expect(await findingsOf(rule, document)).toEqual([
      "components.schemas.Order.oneOf.0: Variant Single declares `order_type` at allOf[0] (OrderBase).properties.order_type without a `const` or an `enum`, so its discriminator value is unknown to Redocly's workflow runner.",
    ]);
  });

  it("fires when two variants claim one value, or a value is not a string", async () => {
    const twice = ordersWith(undefined, { A: { type: "string", const: "a" }, B: { type: "string", enum: ["b", "a"] } });
    expect(await findingsOf(rule, twice)).toEqual([
      'components.schemas.Order.oneOf.1: Discriminator values must be unique strings: variant B reads `order_type` from allOf[1].properties.order_type; "a" already selects A.',
    ]);
    const numeric = ordersWith(undefined, { A: { type: "integer", const: 1 }, B: { type: "integer", const: 2 } });
    expect(paths(await findingsOf(rule, numeric))).toEqual(["components.schemas.Order.oneOf.0", "components.schemas.Order.oneOf.1"]);
    expect((await findingsOf(rule, numeric))[0]).toMatch(/1 is not a string/);
  });

  it("fires when a variant's value cannot be known or its property is not required, and on a discriminator without oneOf/anyOf", async () => {
    const document = documentWith({
      Pet: {
        anyOf: [
          { type: "object", required: ["kind"], properties: { kind: { type: "string" } } },
          { type: "object", properties: { kind: { type: "string", const: "dog" } } },
          { type: "object", properties: { name: { type: "string" } } },
        ],
        discriminator: { propertyName: "kind" },
      },
      Base: { type: "object", properties: { kind: { type: "string" } }, discriminator: { propertyName: "kind" } },
    });
    expect(await findingsOf(rule, document)).toEqual([
      "components.schemas.Pet.anyOf.0: Variant anyOf[0] declares `kind` at properties.kind without a `const` or an `enum`, so its discriminator value is unknown to Redocly's workflow runner.",
      "components.schemas.Pet.anyOf.1: Variant anyOf[1] does not require `kind`; Redocly's workflow runner (Ajv) needs the discriminating property required.",
      "components.schemas.Pet.anyOf.2: Variant anyOf[2] declares no `kind` property (in itself or a direct allOf member), so its discriminator value is unknown to Redocly's workflow runner.",
      "components.schemas.Base.discriminator: A discriminator needs `oneOf` or `anyOf` beside it; Redocly's workflow runner (Ajv) refuses it otherwise.",
    ]);
  });
});
