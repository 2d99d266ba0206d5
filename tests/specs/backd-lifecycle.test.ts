// Backd's order lifecycle (order placed, find, update, confirm, cancel, refund, delete refund):
// each request rule accepts what it should and rejects what it should, each response follows the
// shared envelope, every example validates, and each decision from specs/backd/README.md
// (BD-15 to BD-22, and BD-4/BD-5 for the new operations) is pinned by a test named with its id.
import { describe, expect, it } from "vitest";
import {
  deref,
  findOperation,
  mediaExamples,
  parameterValidator,
  requestBodyValidator,
  responseValidator,
  specDocument,
} from "../helpers/spec-validator.js";
import { expectRejected, expectValid } from "../helpers/validation-assertions.js";

type Json = any;

const LIFECYCLE = [
  ["placeOrder", "post", "/order_placed"],
  ["findOrder", "get", "/find_order/{backd_order_id}"],
  ["updateOrder", "post", "/update_order"],
  ["confirmOrder", "post", "/confirm_order"],
  ["cancelOrder", "post", "/cancel_order"],
  ["createRefund", "post", "/refund"],
  ["deleteRefund", "delete", "/refund"],
] as const;
const WITH_BODY = LIFECYCLE.filter(([id]) => id !== "findOrder").map(([id]) => id);

const doc = specDocument("backd");
const request = (operationId: string) => requestBodyValidator("backd", operationId);
const ok = (operationId: string) => responseValidator("backd", operationId, "200");

const contact = (): Json => ({
  name: { first: "John", last: "Doe" },
  company_name: "Doe Hardware LLC",
  address: { line1: "200 Congress Avenue", line2: "Floor 2", city: "Austin", state: "TX", zipcode: "78701", country: "US" },
  phone_number: "+15125550101",
  email: "accounts@doehardware.example",
});

const order = (): Json => ({
  backd_order_id: "BO-20260416-0001",
  create_date: "2026-04-16 10:30:00",
  order_total: 9150,
  cart_amount: 8500,
  tax_amount: 700,
  shipping_amount: 150,
  discount_amount: 200,
  status: "order_confirmed",
  merchant_order_id: "JKLMO4321",
  merchant_order_status: "pending",
  shipping: contact(),
  billing: contact(),
  items: [{ display_name: "Drill", sku: "DRL", unit_price: 2500, qty: 2 }],
  refunds: [{ amount: 2500, create_date: "2026-04-20 09:15:00", status: "draft", locked_at: "2026-04-20 17:00:00" }],
});

describe("backd lifecycle: document shape", () => {
  it.each(LIFECYCLE)("%s is %s %s with HTTP Basic, 200/401/4XX, a description and a summary", (id, method, path) => {
    const found = findOperation("backd", id);
    expect([found.method, found.path]).toEqual([method, path]);
    expect(found.operation.security).toEqual([{ basicAuth: [] }]);
    expect(Object.keys(found.operation.responses).sort()).toEqual(["200", "401", "4XX"]);
    expect(found.operation.summary).toBeTruthy();
    expect(found.operation.description).toBeTruthy();
  });

  it.each(WITH_BODY)("%s requires a JSON body", (id) => {
    expect(findOperation("backd", id).operation.requestBody.required).toBe(true);
  });

  it.each(LIFECYCLE.map(([id]) => id))("%s answers 200 with the shared envelope", (id) => {
    expect(findOperation("backd", id).operation.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/OrderEnvelope",
    });
  });
});

describe("backd lifecycle: examples", () => {
  it.each(WITH_BODY)("%s has named request examples, all valid and all marked as ours", (id) => {
    const examples = mediaExamples("backd", id, { request: true });
    expect(Object.keys(examples)).not.toHaveLength(0);
    for (const [name, value] of Object.entries(examples)) expect(request(id)(value).messages, name).toEqual([]);
    const media = findOperation("backd", id).operation.requestBody.content["application/json"];
    for (const example of Object.values<Json>(media.examples)) expect(deref("backd", example).summary).toMatch(/^Our example, not the vendor's/);
  });

  it.each(LIFECYCLE.flatMap(([id]) => ["200", "401", "4XX"].map((status) => [id, status] as const)))(
    "%s has valid named examples for %s, marked as ours",
    (id, status) => {
      const examples = mediaExamples("backd", id, { status });
      expect(Object.keys(examples)).not.toHaveLength(0);
      const validate = responseValidator("backd", id, status);
      for (const [name, value] of Object.entries(examples)) expect(validate(value).messages, name).toEqual([]);
      const media = deref("backd", findOperation("backd", id).operation.responses[status]).content["application/json"];
      for (const example of Object.values<Json>(media.examples)) expect(deref("backd", example).summary).toMatch(/^Our example, not the vendor's/);
    },
  );

  it("findOrder's path parameter has the two documented id formats as examples", () => {
    const parameter = findOperation("backd", "findOrder").operation.parameters[0];
    expect(Object.values<Json>(parameter.examples).map((e) => e.value)).toEqual(["BO-20260416-0001", "hvsyvs7377w7828"]);
  });
});

describe("backd lifecycle requests", () => {
  it("placeOrder requires backd_order_id and merchant_order_id, as strings", () => {
    const body = { backd_order_id: "BO-1", merchant_order_id: "M-1" };
    expectValid(request("placeOrder")(body));
    for (const field of ["backd_order_id", "merchant_order_id"]) {
      const { [field]: _dropped, ...rest } = body as Record<string, string>;
      expectRejected(request("placeOrder")(rest), "required", "", { missingProperty: field });
      expectRejected(request("placeOrder")({ ...body, [field]: 1 }), "type", `/${field}`);
    }
  });

  it("cancelOrder requires backd_order_id as a string", () => {
    expectValid(request("cancelOrder")({ backd_order_id: "BO-1" }));
    expectRejected(request("cancelOrder")({}), "required", "", { missingProperty: "backd_order_id" });
    expectRejected(request("cancelOrder")({ backd_order_id: 1 }), "type", "/backd_order_id");
  });

  it("createRefund requires backd_order_id, merchant_order_id and a numeric refund_amount", () => {
    const body = { backd_order_id: "BO-1", merchant_order_id: "M-1", refund_amount: 25.5 };
    expectValid(request("createRefund")(body));
    for (const field of ["backd_order_id", "merchant_order_id", "refund_amount"]) {
      const { [field]: _dropped, ...rest } = body as Record<string, unknown>;
      expectRejected(request("createRefund")(rest), "required", "", { missingProperty: field });
    }
    expectRejected(request("createRefund")({ ...body, refund_amount: "25.50" }), "type", "/refund_amount");
  });

  it("findOrder's backd_order_id is a string path parameter", () => {
    const parameter = findOperation("backd", "findOrder").operation.parameters[0];
    expect(parameter).toMatchObject({ name: "backd_order_id", in: "path", required: true, schema: { type: "string" } });
    expectValid(parameterValidator("backd", "findOrder", "backd_order_id")("hvsyvs7377w7828"));
  });

  it.each(WITH_BODY)("%s stays open to undocumented fields", (id) => {
    const example = Object.values(mediaExamples("backd", id, { request: true }))[0] as Json;
    expectValid(request(id)({ ...example, something_new: 1 }));
  });

  it.each(WITH_BODY)("%s rejects a body that is not an object", (id) => {
    expectRejected(request(id)(["BO-1"]), "type", "");
  });
});

describe("backd lifecycle responses", () => {
  it.each(LIFECYCLE.map(([id]) => id))("%s accepts a full order, an empty envelope and extra fields", (id) => {
    expectValid(ok(id)({ data: order(), message: "ok", status: { type: "success", code: 200, error: false } }));
    expectValid(ok(id)({}));
    expectValid(ok(id)({ data: { ...order(), new_field: [1] }, extra: true }));
  });

  it("OrderData fields have their documented types", () => {
    const validate = ok("findOrder");
    for (const field of ["backd_order_id", "create_date", "status", "merchant_order_id", "merchant_order_status"]) {
      expectRejected(validate({ data: { [field]: 1 } }), "type", `/data/${field}`);
    }
    for (const field of ["order_total", "cart_amount", "tax_amount", "shipping_amount", "discount_amount"]) {
      expectRejected(validate({ data: { [field]: "1.00" } }), "type", `/data/${field}`);
    }
    expectRejected(validate({ data: { items: {} } }), "type", "/data/items");
    expectRejected(validate({ data: { refunds: {} } }), "type", "/data/refunds");
    expectRejected(validate({ data: { billing: "John" } }), "type", "/data/billing");
  });

  it("OrderData's contacts and items are create_order's Contact and Item", () => {
    const properties = doc.components.schemas.OrderData.properties;
    expect(properties.shipping.$ref).toBe("#/components/schemas/Contact");
    expect(properties.billing.$ref).toBe("#/components/schemas/Contact");
    expect(properties.items.items.$ref).toBe("#/components/schemas/Item");
    expectRejected(ok("findOrder")({ data: { billing: { ...contact(), company_name: undefined } } }), "required", "/data/billing", {
      missingProperty: "company_name",
    });
  });

  it("Refund has amount (number), create_date, status and locked_at (strings)", () => {
    const validate = ok("findOrder");
    expectValid(validate({ data: { refunds: [{}] } }));
    expectRejected(validate({ data: { refunds: [{ amount: "25" }] } }), "type", "/data/refunds/0/amount");
    for (const field of ["create_date", "status", "locked_at"]) {
      expectRejected(validate({ data: { refunds: [{ [field]: 1 }] } }), "type", `/data/refunds/0/${field}`);
    }
  });

  it("the envelope's status is an object of type/code/error, data.status a string (BD-2)", () => {
    const validate = ok("placeOrder");
    expectRejected(validate({ status: "order_placed" }), "type", "/status");
    expectRejected(validate({ status: { code: 200.5 } }), "type", "/status/code");
    expectRejected(validate({ data: { status: { type: "x" } } }), "type", "/data/status");
  });
});

describe("backd lifecycle decisions (specs/backd/README.md)", () => {
  it("BD-4: every lifecycle operation declares 200 as its only success status", () => {
    for (const [id] of LIFECYCLE) {
      expect(Object.keys(findOperation("backd", id).operation.responses).filter((code) => code.startsWith("2")), id).toEqual(["200"]);
    }
  });

  it("BD-5: every lifecycle operation uses the assumed 401 and 4XX error responses of create_order", () => {
    for (const [id] of LIFECYCLE) {
      const responses = findOperation("backd", id).operation.responses;
      expect(responses["401"], id).toEqual({ $ref: "#/components/responses/Unauthorized" });
      expect(responses["4XX"], id).toEqual({ $ref: "#/components/responses/ClientError" });
    }
    expect(findOperation("backd", "createOrder").operation.responses["401"]).toEqual({ $ref: "#/components/responses/Unauthorized" });
    expectValid(responseValidator("backd", "cancelOrder", "4XX")({}));
    expectRejected(responseValidator("backd", "cancelOrder", "4XX")({ message: 1 }), "type", "/message");
  });

  it("BD-15: order_placed is POST (the endpoint page), not the GET of the auth guide's curl", () => {
    expect(doc.paths["/order_placed"]).toHaveProperty("post");
    expect(doc.paths["/order_placed"]).not.toHaveProperty("get");
    expect(findOperation("backd", "placeOrder").operation.description).toMatch(/GET/);
  });

  it("BD-16: no OrderData field is required (cancel_order may leave fields out); refunds are optional", () => {
    expect(doc.components.schemas.OrderData).not.toHaveProperty("required");
    expect(doc.components.schemas.OrderEnvelope).not.toHaveProperty("required");
    expect(doc.components.schemas.Refund).not.toHaveProperty("required");
    expectValid(ok("cancelOrder")({ data: { backd_order_id: "BO-1", order_total: 1 } }));
    expectValid(ok("findOrder")({ data: { backd_order_id: "BO-1" } }));
    expect(doc.components.schemas.OrderData.properties.refunds.description).toMatch(/find_order/);
  });

  it("BD-17: every lifecycle operation names the research notes and cites a public docs page", () => {
    for (const [id] of LIFECYCLE) {
      const description: string = findOperation("backd", id).operation.description;
      expect(description, id).toMatch(/research notes/);
      expect(description, id).toMatch(/https:\/\/(docs\.backd\.com|backd-docs\.vercel\.app)\/docs\//);
    }
  });

  it("BD-18: update_order accepts what either docs build allows: only the two ids are required, every sub-field optional", () => {
    const validate = request("updateOrder");
    expect(doc.components.schemas.UpdateOrderRequest.required).toEqual(["backd_order_id", "merchant_order_id"]);
    // The newer build: the ids alone, and partial contacts and items.
    expectValid(validate({ backd_order_id: "BO-1", merchant_order_id: "M-1" }));
    expectValid(validate({ backd_order_id: "BO-1", merchant_order_id: "M-1", billing: { address: { city: "Austin" } }, items: [{ qty: 3 }] }));
    // The older build: everything present, line2 included.
    expectValid(validate({ backd_order_id: "BO-1", merchant_order_id: "M-1", merchant_order_status: "x", order_total: 1, cart_amount: 1, tax_amount: 0, shipping_amount: 0, discount_amount: 0, shipping: contact(), billing: contact(), items: [] }));
    for (const field of ["backd_order_id", "merchant_order_id"]) {
      const body: Json = { backd_order_id: "BO-1", merchant_order_id: "M-1" };
      delete body[field];
      expectRejected(validate(body), "required", "", { missingProperty: field });
    }
    expectRejected(validate({ backd_order_id: "BO-1", merchant_order_id: "M-1", order_total: "1" }), "type", "/order_total");
    expectRejected(validate({ backd_order_id: "BO-1", merchant_order_id: "M-1", billing: { address: { line2: 2 } } }), "type", "/billing/address/line2");
    expectRejected(validate({ backd_order_id: "BO-1", merchant_order_id: "M-1", items: [{ unit_price: "1" }] }), "type", "/items/0/unit_price");
  });

  it("BD-19: confirm_order's body is unverified: backd_order_id declared, nothing required, open", () => {
    const schema = doc.components.schemas.ConfirmOrderRequest;
    expect(schema).not.toHaveProperty("required");
    expect(schema.description).toMatch(/Unverified/);
    expect(findOperation("backd", "confirmOrder").operation.description).toMatch(/Unverified request body/);
    expectValid(request("confirmOrder")({ backd_order_id: "BO-1" }));
    expectValid(request("confirmOrder")({}));
    expectValid(request("confirmOrder")({ merchant_order_id: "M-1" }));
    expectRejected(request("confirmOrder")({ backd_order_id: 1 }), "type", "/backd_order_id");
    expect(Object.values(mediaExamples("backd", "confirmOrder", { request: true }))).toEqual([{ backd_order_id: "BO-20260416-0001" }]);
  });

  it("BD-20: delete_refund's body is required but its fields are unverified: the ids declared, nothing required, open", () => {
    const { method, operation } = findOperation("backd", "deleteRefund");
    expect(method).toBe("delete");
    expect(operation.requestBody.required).toBe(true);
    const schema = doc.components.schemas.DeleteRefundRequest;
    expect(schema).not.toHaveProperty("required");
    expect(Object.keys(schema.properties).sort()).toEqual(["backd_order_id", "merchant_order_id"]);
    expect(operation.description).toMatch(/Unverified request body/);
    expectValid(request("deleteRefund")({}));
    expectRejected(request("deleteRefund")({ merchant_order_id: 1 }), "type", "/merchant_order_id");
  });

  it("BD-21: state rules are quoted in the descriptions, and data.status has no enum", () => {
    const description = (id: string): string => findOperation("backd", id).operation.description.replace(/\s+/g, " ");
    expect(description("updateOrder")).toMatch(/only while `order_placed`/);
    expect(description("confirmOrder")).toMatch(/only while `order_placed`/);
    expect(description("cancelOrder")).toMatch(/only while `order_placed`/);
    expect(description("createRefund")).toMatch(/only when `order_confirmed`/);
    expect(description("deleteRefund")).toMatch(/`order_confirmed` \*\*and\*\* an active, not-locked refund request/);
    expect(description("deleteRefund")).toMatch(/"status": "order_placed"/);
    expect(doc.components.schemas.OrderData.properties.status).not.toHaveProperty("enum");
    expectValid(ok("deleteRefund")({ data: { status: "order_placed" } }));
  });

  it("BD-22: refund_amount is any number (no documented sign rule or bounds); the locking rules are in the description", () => {
    const amount = doc.components.schemas.CreateRefundRequest.properties.refund_amount;
    expect(amount.type).toBe("number");
    for (const keyword of ["minimum", "exclusiveMinimum", "maximum", "multipleOf"]) expect(amount).not.toHaveProperty(keyword);
    expectValid(request("createRefund")({ backd_order_id: "BO-1", merchant_order_id: "M-1", refund_amount: 0 }));
    expect(findOperation("backd", "createRefund").operation.description).toMatch(/17:00/);
  });
});
