// Backd create_order: every documented rule accepts what it should and rejects what it should
// (for the right reason: Ajv keyword + instancePath), every example validates, and each
// decision from specs/backd/README.md is pinned by a test named with its id.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  deref,
  findOperation,
  mediaExamples,
  requestBodyValidator,
  responseValidator,
  specDocument,
  type ValidationResult,
} from "../helpers/spec-validator.js";
import { expectRejected, expectValid } from "../helpers/validation-assertions.js";

type Json = any;

const validateRequest = requestBodyValidator("backd", "createOrder");
const validate200 = responseValidator("backd", "createOrder", "200");
const validate401 = responseValidator("backd", "createOrder", "401");
const validate4XX = responseValidator("backd", "createOrder", "4XX");

const contact = (): Json => ({
  name: { first: "John", last: "Doe" },
  company_name: "Doe Hardware LLC",
  address: { line1: "200 Congress Avenue", city: "Austin", state: "TX", zipcode: "78701", country: "US" },
  phone_number: "+15125550101",
  email: "accounts@doehardware.example",
});

/** A body with only the required fields; each test clones and breaks one thing. */
const minimal = (): Json => ({
  order_total: 100,
  cart_amount: 100,
  merchant_order_id: "M-1",
  billing: contact(),
  items: [{ display_name: "Drill", sku: "DRL", unit_price: 50, qty: 2 }],
  mode: { type: "redirect", order_success_url: "https://m.example/ok", order_close_url: "https://m.example/close" },
});

/** A body with every documented field. */
const full = (): Json => ({
  ...minimal(),
  tax_amount: 8,
  shipping_amount: 5,
  discount_amount: 13,
  merchant_order_status: "pending",
  shipping: contact(),
  items: [
    {
      display_name: "Drill",
      sku: "DRL",
      unit_price: 50,
      qty: 2,
      item_image_url: "https://m.example/drl.png",
      item_url: "https://m.example/drl",
    },
  ],
  customer_email: "buyer@example.com",
  notify_customer: true,
  documents: [{ documentBase64: "JVBERi0xLjQK", filename: "invoice.pdf", documentRef: "invoice" }],
});

/** Sets (or with `undefined`, deletes) the value at a slash path such as "billing/address/city". */
function withValue(body: Json, path: string, value: unknown): Json {
  const copy = structuredClone(body);
  const keys = path.split("/");
  const last = keys.pop()!;
  const parent = keys.reduce((node: Json, key) => node[key], copy);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

const without = (body: Json, path: string): Json => withValue(body, path, undefined);

describe("backd createOrder: document shape", () => {
  const doc = specDocument("backd");

  it("is POST /create_order with operationId createOrder and HTTP Basic security", () => {
    const { path, method, operation } = findOperation("backd", "createOrder");
    expect([path, method]).toEqual(["/create_order", "post"]);
    expect(operation.security).toEqual([{ basicAuth: [] }]);
    expect(doc.components.securitySchemes.basicAuth).toMatchObject({ type: "http", scheme: "basic" });
  });

  it("declares the sandbox and production servers with x-environment", () => {
    expect(doc.servers.map((s: Json) => [s.url, s["x-environment"]])).toEqual([
      ["https://sandbox.service.bnpl.backd.com/v1/backd/bnpl/api", "sandbox"],
      ["https://service.bnpl.backd.com/v1/backd/bnpl/api", "production"],
    ]);
  });

  it("uses the 2020-12 dialect and requires a request body", () => {
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(findOperation("backd", "createOrder").operation.requestBody.required).toBe(true);
  });
});

describe("backd createOrder: examples", () => {
  const { operation } = findOperation("backd", "createOrder");

  it("has named request examples, all valid", () => {
    const examples = mediaExamples("backd", "createOrder", { request: true });
    expect(Object.keys(examples).sort()).toEqual(["fullOrder", "minimalOrder"]);
    for (const [name, value] of Object.entries(examples)) {
      expect(validateRequest(value).messages, name).toEqual([]);
    }
  });

  it.each(["200", "401", "4XX"])("has valid named examples for %s", (status) => {
    const examples = mediaExamples("backd", "createOrder", { status });
    expect(Object.keys(examples)).not.toHaveLength(0);
    const validate = responseValidator("backd", "createOrder", status);
    for (const [name, value] of Object.entries(examples)) expect(validate(value).messages, name).toEqual([]);
  });

  it("marks every example as ours, since the vendor page has none", () => {
    const holders = [
      operation.requestBody.content["application/json"],
      ...["200", "401", "4XX"].map((s) => deref("backd", operation.responses[s]).content["application/json"]),
    ];
    for (const media of holders) {
      for (const example of Object.values<Json>(media.examples)) {
        expect(example.summary).toMatch(/^Our example, not the vendor's/);
        expect(example.description).toMatch(/Written by us/);
      }
    }
  });

  it("the full example uses every documented top-level field", () => {
    const value = mediaExamples("backd", "createOrder", { request: true }).fullOrder as Json;
    const documented = Object.keys(specDocument("backd").components.schemas.CreateOrderRequest.properties);
    expect(Object.keys(value).sort()).toEqual(documented.sort());
  });
});

describe("backd createOrder request: accepted payloads", () => {
  it("accepts the required fields alone", () => expectValid(validateRequest(minimal())));
  it("accepts every documented field", () => expectValid(validateRequest(full())));
  it.each(["tax_amount", "shipping_amount", "discount_amount", "merchant_order_status", "shipping", "documents"])(
    "%s is optional",
    (field) => expectValid(validateRequest(without(full(), field))),
  );
  it("notify_customer is optional", () => expectValid(validateRequest(without(without(full(), "notify_customer"), "customer_email"))));
  it.each(["item_image_url", "item_url"])("items[].%s is optional", (field) =>
    expectValid(validateRequest(without(full(), `items/0/${field}`))),
  );
  it("address.line2 is optional, and accepted when given", () => {
    expectValid(validateRequest(withValue(minimal(), "billing/address/line2", "Suite 4")));
    expectValid(validateRequest(without(withValue(minimal(), "billing/address/line2", "x"), "billing/address/line2")));
  });
  it("stays open to undocumented fields (the docs do not say unknown fields are rejected)", () =>
    expectValid(validateRequest(withValue(minimal(), "something_new", 1))));
});

describe("backd createOrder request: required fields", () => {
  it.each(["order_total", "cart_amount", "merchant_order_id", "billing", "items", "mode"])("rejects a body without %s", (field) =>
    expectRejected(validateRequest(without(minimal(), field)), "required", "", { missingProperty: field }),
  );

  it("rejects a body that is not an object", () =>
    expectRejected(validateRequest([minimal()]), "type", ""));

  describe.each(["billing", "shipping"])("%s contact", (contactField) => {
    const base = (): Json => ({ ...minimal(), shipping: contact() });
    it.each(["name", "company_name", "address", "phone_number", "email"])(`rejects ${contactField} without %s`, (field) =>
      expectRejected(validateRequest(without(base(), `${contactField}/${field}`)), "required", `/${contactField}`, {
        missingProperty: field,
      }),
    );
    it.each(["first", "last"])(`rejects ${contactField}.name without %s`, (field) =>
      expectRejected(validateRequest(without(base(), `${contactField}/name/${field}`)), "required", `/${contactField}/name`, {
        missingProperty: field,
      }),
    );
    it.each(["line1", "city", "state", "zipcode", "country"])(`rejects ${contactField}.address without %s`, (field) =>
      expectRejected(validateRequest(without(base(), `${contactField}/address/${field}`)), "required", `/${contactField}/address`, {
        missingProperty: field,
      }),
    );
    it.each([
      "company_name",
      "phone_number",
      "email",
      "name/first",
      "name/last",
      "address/line1",
      "address/line2",
      "address/city",
      "address/state",
      "address/zipcode",
      "address/country",
    ])(`rejects a non-string ${contactField}.%s`, (field) =>
      expectRejected(validateRequest(withValue(base(), `${contactField}/${field}`, 78701)), "type", `/${contactField}/${field}`),
    );
    it.each(["name", "address"])(`rejects a non-object ${contactField}.%s`, (field) =>
      expectRejected(validateRequest(withValue(base(), `${contactField}/${field}`, "John Doe")), "type", `/${contactField}/${field}`),
    );
    it(`rejects a non-object ${contactField}`, () =>
      expectRejected(validateRequest(withValue(base(), contactField, "John Doe")), "type", `/${contactField}`));
  });

  it.each(["display_name", "sku", "unit_price", "qty"])("rejects an item without %s", (field) =>
    expectRejected(validateRequest(without(minimal(), `items/0/${field}`)), "required", "/items/0", { missingProperty: field }),
  );

  it.each(["type", "order_success_url", "order_close_url"])("rejects mode without %s", (field) =>
    expectRejected(validateRequest(without(minimal(), `mode/${field}`)), "required", "/mode", { missingProperty: field }),
  );

  it.each(["documentBase64", "filename", "documentRef"])("rejects a document without %s", (field) =>
    expectRejected(validateRequest(without(full(), `documents/0/${field}`)), "required", "/documents/0", { missingProperty: field }),
  );
});

describe("backd createOrder request: types and constraints", () => {
  it.each(["order_total", "cart_amount", "tax_amount", "shipping_amount", "discount_amount"])("rejects %s as a string", (field) =>
    expectRejected(validateRequest(withValue(full(), field, "100.00")), "type", `/${field}`),
  );
  it.each(["merchant_order_id", "merchant_order_status", "customer_email"])("rejects a non-string %s", (field) =>
    expectRejected(validateRequest(withValue(full(), field, 4321)), "type", `/${field}`),
  );
  it("rejects notify_customer as a string", () =>
    expectRejected(validateRequest(withValue(full(), "notify_customer", "true")), "type", "/notify_customer"));
  it.each(["items", "documents"])("rejects a non-array %s", (field) =>
    expectRejected(validateRequest(withValue(full(), field, {})), "type", `/${field}`),
  );
  it("rejects a non-object item", () => expectRejected(validateRequest(withValue(full(), "items/0", "Drill")), "type", "/items/0"));
  it("rejects a non-object document", () =>
    expectRejected(validateRequest(withValue(full(), "documents/0", "invoice.pdf")), "type", "/documents/0"));
  it("rejects a non-object mode", () => expectRejected(validateRequest(withValue(full(), "mode", "redirect")), "type", "/mode"));
  it.each(["display_name", "sku", "item_image_url", "item_url"])("rejects a non-string items[].%s", (field) =>
    expectRejected(validateRequest(withValue(full(), `items/0/${field}`, 1)), "type", `/items/0/${field}`),
  );
  it.each(["unit_price", "qty"])("rejects items[].%s as a string", (field) =>
    expectRejected(validateRequest(withValue(full(), `items/0/${field}`, "2")), "type", `/items/0/${field}`),
  );
  it("accepts a fractional qty (the docs type it as number, not integer)", () =>
    expectValid(validateRequest(withValue(full(), "items/0/qty", 2.5))));
  it.each(["order_success_url", "order_close_url"])("rejects a non-string mode.%s", (field) =>
    expectRejected(validateRequest(withValue(full(), `mode/${field}`, 1)), "type", `/mode/${field}`),
  );
  it.each(["documentBase64", "filename", "documentRef"])("rejects a non-string documents[].%s", (field) =>
    expectRejected(validateRequest(withValue(full(), `documents/0/${field}`, 1)), "type", `/documents/0/${field}`),
  );
  it("items needs at least one item (minItems 1)", () => {
    const result = validateRequest(withValue(minimal(), "items", []));
    expectRejected(result, "minItems", "/items", { limit: 1 });
    expectValid(validateRequest(withValue(minimal(), "items", [minimal().items[0], minimal().items[0]])));
  });
  it("mode.type must be the constant \"redirect\"", () => {
    expectRejected(validateRequest(withValue(minimal(), "mode/type", "Redirect")), "const", "/mode/type", { allowedValue: "redirect" });
  });
  it("customer_email is required when notify_customer is true (if/then)", () => {
    const result = validateRequest(without(full(), "customer_email"));
    expectRejected(result, "required", "", { missingProperty: "customer_email" });
    expectRejected(result, "if", "", { failingKeyword: "then" });
  });
  it("customer_email: null is rejected (the docs show no nulls)", () =>
    expectRejected(validateRequest(withValue(full(), "customer_email", null)), "type", "/customer_email"));
  it("customer_email is not required when notify_customer is false or absent", () => {
    expectValid(validateRequest(withValue(without(full(), "customer_email"), "notify_customer", false)));
    expectValid(validateRequest(without(without(full(), "customer_email"), "notify_customer")));
  });
  it("customer_email may be sent without notify_customer", () =>
    expectValid(validateRequest(without(full(), "notify_customer"))));
});

describe("backd createOrder responses", () => {
  const created = (): Json => ({
    data: {
      backd_order_id: "BO-20260416-0001",
      customer_url: "https://example.com/link",
      order_total: 9150,
      status: "terms_selected",
      merchant_order_id: "JKLMO4321",
      create_date: "2026-04-16T10:30:00Z",
      notified_customer: false,
    },
    message: "ok",
    status: { type: "success", code: 200, error: false },
  });

  it("accepts a full envelope, an empty one and undocumented extra fields (responses stay open)", () => {
    expectValid(validate200(created()));
    expectValid(validate200({}));
    expectValid(validate200(withValue(created(), "data/new_field", [1])));
  });
  it.each(["backd_order_id", "customer_url", "status", "merchant_order_id", "create_date"])("rejects a non-string data.%s", (field) =>
    expectRejected(validate200(withValue(created(), `data/${field}`, 1)), "type", `/data/${field}`),
  );
  it("rejects data.order_total as a string", () =>
    expectRejected(validate200(withValue(created(), "data/order_total", "9150.00")), "type", "/data/order_total"));
  it("rejects data.notified_customer as a string", () =>
    expectRejected(validate200(withValue(created(), "data/notified_customer", "true")), "type", "/data/notified_customer"));
  it("rejects a non-object data and a non-string message", () => {
    expectRejected(validate200(withValue(created(), "data", "BO-1")), "type", "/data");
    expectRejected(validate200(withValue(created(), "message", 1)), "type", "/message");
  });
  it("status.code must be an integer, status.type a string and status.error a boolean", () => {
    expectRejected(validate200(withValue(created(), "status/code", 200.5)), "type", "/status/code");
    expectRejected(validate200(withValue(created(), "status/type", 1)), "type", "/status/type");
    expectRejected(validate200(withValue(created(), "status/error", "false")), "type", "/status/error");
  });
  it.each([
    ["401", validate401],
    ["4XX", validate4XX],
  ] as const)("%s uses the envelope: message string, status object", (_status, validate) => {
    expectValid(validate({ message: "bad", status: { type: "error", code: 401, error: true } }));
    expectRejected(validate({ message: 1 }), "type", "/message");
    expectRejected(validate({ status: "error" }), "type", "/status");
    expectRejected(validate({ status: { error: "true" } }), "type", "/status/error");
  });
});

describe("backd specs stand on their own (issue 8)", () => {
  const text = readFileSync(new URL("../../specs/backd/openapi.yaml", import.meta.url), "utf8");
  const readme = readFileSync(new URL("../../specs/backd/README.md", import.meta.url), "utf8");

  // That nothing points outside the repo is checked for every tracked file by tests/lint/repo-stands-alone.test.ts.

  it("cites the create_order page by its public URL", () => {
    expect(text).toContain("https://docs.backd.com/docs/bnpl/create-order");
    expect(readme).toContain("https://docs.backd.com/docs/bnpl/create-order");
  });

  it("uses no word the docs do not support (\"B2B\")", () => expect(text).not.toMatch(/B2B/));

  it("quotes the page's \"should\" for /order_placed instead of turning it into \"must\"", () => {
    const description: string = findOperation("backd", "createOrder").operation.description;
    expect(description.replace(/\s+/g, " ")).toContain('"should subsequently call /order_placed"');
    expect(description).not.toMatch(/must then call/);
  });

  it("gives every const a type (other generators type an untyped const as a string or unknown)", () => {
    const untyped: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${where}/${i}`));
      if (node === null || typeof node !== "object") return;
      const record = node as Record<string, unknown>;
      if ("const" in record && !("type" in record)) untyped.push(where);
      for (const [key, value] of Object.entries(record)) if (key !== "examples" && key !== "example") visit(value, `${where}/${key}`);
    };
    visit(specDocument("backd"), "#");
    expect(untyped).toEqual([]);
  });

  it("names no component after a JavaScript global", () => {
    const globals = new Set(Object.getOwnPropertyNames(globalThis).concat(["Record", "Request", "Response", "Headers", "URL"]));
    const components = specDocument("backd").components;
    const names = Object.values<Record<string, unknown>>(components).flatMap((group) => Object.keys(group));
    expect(names.filter((name) => globals.has(name))).toEqual([]);
  });
});

describe("backd decisions (specs/backd/README.md)", () => {
  const { operation } = findOperation("backd", "createOrder");

  it("BD-1: company_name is required at the contact level, not inside name", () => {
    expectValid(validateRequest(minimal()));
    const nested = without(withValue(minimal(), "billing/name/company_name", "Doe Hardware LLC"), "billing/company_name");
    expectRejected(validateRequest(nested), "required", "/billing", { missingProperty: "company_name" });
    const shipping = without({ ...minimal(), shipping: contact() }, "shipping/company_name");
    expectRejected(validateRequest(shipping), "required", "/shipping", { missingProperty: "company_name" });
  });

  it("BD-2: data.status is a string while the top-level status is an object", () => {
    expectValid(validate200({ data: { status: "terms_selected" }, status: { type: "x", code: 0, error: false } }));
    expectRejected(validate200({ data: { status: { type: "x" } } }), "type", "/data/status");
    expectRejected(validate200({ status: "terms_selected" }), "type", "/status");
  });

  it("BD-3: create_date accepts both the ISO 8601 form and the documented '2026-04-16 10:30:00' form, ISO 8601 example first", () => {
    const createDate = specDocument("backd").components.schemas.CreatedOrder.properties.create_date;
    expect(createDate.examples).toEqual(["2026-04-16T10:30:00Z", "2026-04-16 10:30:00"]);
    expect(createDate).not.toHaveProperty("format");
    expectValid(validate200({ data: { create_date: "2026-04-16T10:30:00Z" } }));
    expectValid(validate200({ data: { create_date: "2026-04-16 10:30:00" } }));
    expectRejected(validate200({ data: { create_date: 1776335400 } }), "type", "/data/create_date");
  });

  it("BD-4: the success response is declared as 200 only", () => {
    const success = Object.keys(operation.responses).filter((code) => code.startsWith("2"));
    expect(success).toEqual(["200"]);
  });

  it("BD-5: errors are 401 and 4XX, both with Backd's envelope and marked as our assumption; no error field is required", () => {
    expect(Object.keys(operation.responses).sort()).toEqual(["200", "401", "4XX"]);
    for (const status of ["401", "4XX"]) {
      const response = deref("backd", operation.responses[status]);
      expect(response.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ErrorEnvelope" });
      expect(response.description).toMatch(/\*\*Our assumption\*\*/);
    }
    expectValid(validate401({}));
    expectValid(validate4XX({ data: null, message: "x" }));
  });

  it("BD-6: notify_customer true without customer_email is rejected despite the 'and customer_email is provided' wording", () => {
    const result = validateRequest(withValue(without(minimal(), "customer_email"), "notify_customer", true));
    expectRejected(result, "required", "", { missingProperty: "customer_email" });
    expectValid(validateRequest({ ...minimal(), notify_customer: true, customer_email: "a@b.example" }));
  });

  it("BD-7: discount_amount is a positive number: 0 and negatives are refused, the field stays optional", () => {
    expectRejected(validateRequest({ ...minimal(), discount_amount: 0 }), "exclusiveMinimum", "/discount_amount", { limit: 0 });
    expectRejected(validateRequest({ ...minimal(), discount_amount: -5 }), "exclusiveMinimum", "/discount_amount", { limit: 0 });
    expectValid(validateRequest({ ...minimal(), discount_amount: 0.01 }));
    expectValid(validateRequest(minimal()));
    expect(specDocument("backd").components.schemas.CreateOrderRequest.required).not.toContain("discount_amount");
  });

  it("BD-8: amounts accept integers and decimals, not numeric strings", () => {
    expectValid(validateRequest({ ...minimal(), order_total: 9150, cart_amount: 9150.0 }));
    expectValid(validateRequest({ ...minimal(), order_total: 9150.75, cart_amount: 9150.75 }));
    expectRejected(validateRequest({ ...minimal(), order_total: "9150.00" }), "type", "/order_total");
    expectValid(validate200({ data: { order_total: 500 } }));
    expectValid(validate200({ data: { order_total: 500.5 } }));
  });

  it("BD-9: order_total is not checked against the sum of the other amounts", () =>
    expectValid(validateRequest({ ...minimal(), order_total: 1, cart_amount: 100, tax_amount: 10, shipping_amount: 5 })));

  it("BD-10: mode is required and only 'redirect' is accepted (the widget's 'modal' is not)", () => {
    expectRejected(validateRequest(withValue(minimal(), "mode/type", "modal")), "const", "/mode/type", { allowedValue: "redirect" });
    expectRejected(validateRequest(without(minimal(), "mode")), "required", "", { missingProperty: "mode" });
  });

  it("BD-11: documents (on the page, missing from the research notes) are modelled with three required fields", () => {
    expectValid(validateRequest({ ...minimal(), documents: [] }));
    expectValid(validateRequest({ ...minimal(), documents: full().documents }));
    expectRejected(validateRequest(without({ ...minimal(), documents: full().documents }, "documents/0/documentRef")), "required", "/documents/0", {
      missingProperty: "documentRef",
    });
  });

  it("BD-12: backd_order_id accepts both documented formats", () => {
    expectValid(validate200({ data: { backd_order_id: "BO-20260416-0001" } }));
    expectValid(validate200({ data: { backd_order_id: "hvsyvs7377w7828" } }));
  });

  it("BD-13: HTTP Basic with unconstrained keys (pk_… and UUID public keys both appear in the docs)", () => {
    const scheme = specDocument("backd").components.securitySchemes.basicAuth;
    expect(scheme).toMatchObject({ type: "http", scheme: "basic" });
    expect(Object.keys(scheme).sort()).toEqual(["description", "scheme", "type"]);
    expect(operation.security).toEqual([{ basicAuth: [] }]);
  });

  it("BD-14: create_order is in the spec although one docs build's category page omits it", () => {
    expect(findOperation("backd", "createOrder").path).toBe("/create_order");
  });
});
