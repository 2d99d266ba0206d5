// Kwik Orders (createOrders, updateOrders, listOrders): every vendor example validates, every
// documented rule accepts what it should and rejects what it should (for the right reason:
// Ajv keyword + instancePath), and each decision in specs/kwik/README.md is pinned by a test
// whose name starts with its id (KW-n).
import { describe, expect, it } from "vitest";
import {
  mediaExamples,
  parameterValidator,
  requestBodyValidator,
  responseValidator,
  specDocument,
  type ValidationResult,
} from "../helpers/spec-validator.js";
import { expectRejected, expectValid } from "../helpers/validation-assertions.js";

type Json = any;

const API = "kwik";
const OPERATIONS = ["createOrders", "updateOrders", "listOrders"] as const;

const createBody = requestBodyValidator(API, "createOrders");
const updateBody = requestBodyValidator(API, "updateOrders");
const created = responseValidator(API, "createOrders", "200");
const updated = responseValidator(API, "updateOrders", "200");
const listed = responseValidator(API, "listOrders", "200");
const error4XX = responseValidator(API, "createOrders", "4XX");
const error401 = responseValidator(API, "createOrders", "401");
const param = (name: string) => parameterValidator(API, "listOrders", name);

// ---------------------------------------------------------------------------------------------
// Fixtures (the vendor's own values) and assertions

const metadata = (): Json => ({ custom_field_1: "custom data 1", custom_field_2: "custom data 2" });

const item = (): Json => ({
  sku: "SKU00567",
  name: "Pro Plan (Monthly)",
  quantity: 1,
  unit_amount: "1200.00",
  tax_amount: 0,
  discount_amount: 0,
  currency_lookups_id: "loo_abc123...",
  metadata: metadata(),
});

/** The record of the vendor's Create request example. */
const createRecord = (): Json => ({
  reference: "ORD0045",
  description: "Monthly plan + setup",
  customer_id: "cus_abc123...",
  amount_subtotal: "1100.00",
  amount_discount: "0.00",
  amount_shipping: "0.00",
  amount_tax: "100.00",
  amount_total: "1200.00",
  currency_lookups_id: "loo_abc123...",
  order_status_lookups_id: "loo_abc123...",
  fulfillment_status_lookups_id: "loo_abc123...",
  items: [item()],
  metadata: metadata(),
});

/** The minimum a create record needs per the table. */
const minimalCreateRecord = (): Json => ({
  reference: "ORD0045",
  description: "Monthly plan + setup",
  amount_total: "1200.00",
});

/** A stored order as in the vendor's Update response example. */
const order = (): Json => ({
  id: "ord_abc123...",
  ...createRecord(),
  deleted_at: null,
  updated_at: "2024-02-27 09:11:23",
  created_at: "2024-02-27 09:11:23",
});

const createWith = (record: Json): Json => ({ records: [record] });
const updateWith = (record: Json): Json => ({ records: [record] });
const resultsWith = (result: Json): Json => ({ status: true, results: [result] });
const errorBody = (): Json => ({ status: false, error_code: "005", error_message: "Validation failed" });

const ORDER_LOOKUP_FIELDS = ["currency_lookups_id", "order_status_lookups_id", "fulfillment_status_lookups_id"];
const ORDER_AMOUNTS = ["amount_subtotal", "amount_discount", "amount_shipping", "amount_tax", "amount_total"];
const ITEM_REQUIRED = ["sku", "name", "quantity", "unit_amount", "currency_lookups_id"];
/** Order columns the table marks N: nullable on update (KW-2). */
const CLEARABLE = [
  "customer_id",
  "amount_subtotal",
  "amount_discount",
  "amount_shipping",
  "amount_tax",
  ...ORDER_LOOKUP_FIELDS,
  "metadata",
];

// ---------------------------------------------------------------------------------------------

describe("kwik: the document", () => {
  const doc = specDocument(API);

  it("declares the three operations, Basic auth and the 2020-12 dialect", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(doc.paths["/orders/create"].post.operationId).toBe("createOrders");
    expect(doc.paths["/orders/update"].post.operationId).toBe("updateOrders");
    expect(doc.paths["/orders/list"].get.operationId).toBe("listOrders");
    expect(doc.components.securitySchemes.basicAuth).toMatchObject({ type: "http", scheme: "basic" });
    for (const [path, method] of [["/orders/create", "post"], ["/orders/update", "post"], ["/orders/list", "get"]] as const) {
      expect(doc.paths[path][method].security).toEqual([{ basicAuth: [] }]);
      expect(Object.keys(doc.paths[path][method].responses).sort()).toEqual(["200", "401", "4XX"]);
    }
  });

  it("lists every documented query parameter of /orders/list, none required", () => {
    const params = doc.paths["/orders/list"].get.parameters;
    expect(params.map((p: Json) => p.name)).toEqual([
      "date_start",
      "date_end",
      "order_id",
      "order_reference",
      "description",
      "amount_total",
      "order_status_lookups_id",
      "fulfillment_status_lookups_id",
    ]);
    for (const p of params) {
      expect(p.in).toBe("query");
      expect(p.required).toBe(false);
    }
  });
});

describe("kwik: every vendor example validates", () => {
  for (const op of OPERATIONS) {
    const targets: Array<[string, { request: true } | { status: string }]> = [
      ["200", { status: "200" }],
      ["401", { status: "401" }],
      ["4XX", { status: "4XX" }],
    ];
    if (op !== "listOrders") targets.unshift(["request", { request: true }]);
    for (const [label, where] of targets) {
      it(`${op} ${label}`, () => {
        const examples = mediaExamples(API, op, where);
        expect(Object.keys(examples).length).toBeGreaterThan(0);
        const validate = "request" in where ? requestBodyValidator(API, op) : responseValidator(API, op, where.status);
        for (const value of Object.values(examples)) expectValid(validate(value));
      });
    }
  }

  it("the request and response examples are the vendor's own bodies", () => {
    expect(mediaExamples(API, "createOrders", { request: true }).vendorExample).toEqual(createWith(createRecord()));
    const update = clone(createRecord());
    delete update.customer_id;
    expect(mediaExamples(API, "updateOrders", { request: true }).vendorExample).toEqual(
      updateWith({ id: "ord_abc123...", ...update }),
    );
    expect(mediaExamples(API, "updateOrders", { status: "200" }).vendorExample).toEqual(resultsWith(order()));
    expect(mediaExamples(API, "createOrders", { status: "200" }).vendorExample).toEqual(
      resultsWith({ ...order(), id: "ord_abc_123...", updated_at: null }),
    );
    const listRecord = order();
    delete listRecord.deleted_at;
    listRecord.updated_at = "2024-03-17 12:35:24";
    expect(mediaExamples(API, "listOrders", { status: "200" }).vendorExample).toEqual(resultsWith(listRecord));
  });

  it("the table's field-level examples are on the schema properties", () => {
    const props = specDocument(API).components.schemas.OrderCreate.properties;
    expect(props.reference.examples).toEqual(["ORD0045"]);
    expect(props.customer_id.examples).toEqual(["cus_abc123..."]);
    expect(props.amount_total.examples).toEqual(["1200.00"]);
    const itemProps = specDocument(API).components.schemas.OrderItem.properties;
    expect(itemProps.quantity.examples).toEqual([1]);
    expect(itemProps.tax_amount.examples).toEqual([0]);
    expect(itemProps.metadata.examples).toEqual([{}]);
    expect(props.metadata.examples).toEqual([{}]);
    expect(specDocument(API).components.schemas.Order.properties.created_at.examples).toEqual(["2024-02-27 09:11:23"]);
  });
});

function clone<T>(value: T): T {
  return structuredClone(value);
}

// ---------------------------------------------------------------------------------------------

describe("kwik: createOrders request rules", () => {
  it("accepts the full vendor record, a minimal record and a batch", () => {
    expectValid(createBody(createWith(createRecord())));
    expectValid(createBody(createWith(minimalCreateRecord())));
    expectValid(createBody({ records: [createRecord(), minimalCreateRecord()] }));
  });

  it("requires records, as an array of objects", () => {
    expectRejected(createBody({}), "required", "", "records");
    expectRejected(createBody({ records: createRecord() }), "type", "/records");
    expectRejected(createBody({ records: ["ORD0045"] }), "type", "/records/0");
  });

  for (const field of ["reference", "description", "amount_total"]) {
    it(`requires ${field}`, () => {
      const record = createRecord();
      delete record[field];
      expectRejected(createBody(createWith(record)), "required", "/records/0", field);
    });
  }

  it("reference is String(35)", () => {
    expectValid(createBody(createWith({ ...minimalCreateRecord(), reference: "R".repeat(35) })));
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), reference: "R".repeat(36) })), "maxLength", "/records/0/reference");
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), reference: 45 })), "type", "/records/0/reference");
  });

  it("description is a string", () => {
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), description: 1 })), "type", "/records/0/description");
  });

  it("customer_id is String(32) with the cus_ prefix", () => {
    expectValid(createBody(createWith({ ...minimalCreateRecord(), customer_id: "cus_" + "a".repeat(28) })));
    expectRejected(
      createBody(createWith({ ...minimalCreateRecord(), customer_id: "cus_" + "a".repeat(29) })),
      "maxLength",
      "/records/0/customer_id",
    );
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), customer_id: "abc123" })), "pattern", "/records/0/customer_id");
  });

  for (const field of ORDER_LOOKUP_FIELDS) {
    it(`${field} is String(32) with the loo_ prefix`, () => {
      expectValid(createBody(createWith({ ...minimalCreateRecord(), [field]: "loo_" + "a".repeat(28) })));
      expectRejected(
        createBody(createWith({ ...minimalCreateRecord(), [field]: "loo_" + "a".repeat(29) })),
        "maxLength",
        `/records/0/${field}`,
      );
      expectRejected(createBody(createWith({ ...minimalCreateRecord(), [field]: "ZAR" })), "pattern", `/records/0/${field}`);
      expectRejected(createBody(createWith({ ...minimalCreateRecord(), [field]: "lookup_1" })), "pattern", `/records/0/${field}`);
    });
  }

  for (const field of ORDER_AMOUNTS) {
    it(`${field} is a string`, () => {
      expectRejected(createBody(createWith({ ...minimalCreateRecord(), [field]: 1200 })), "type", `/records/0/${field}`);
    });
  }

  it("items is an array of item objects", () => {
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), items: item() })), "type", "/records/0/items");
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), items: ["SKU00567"] })), "type", "/records/0/items/0");
  });

  for (const field of ITEM_REQUIRED) {
    it(`requires items[].${field}`, () => {
      const it0 = item();
      delete it0[field];
      expectRejected(createBody(createWith({ ...minimalCreateRecord(), items: [it0] })), "required", "/records/0/items/0", field);
    });
  }

  it("items[].quantity is an integer", () => {
    for (const quantity of [1.5, "1"]) {
      expectRejected(
        createBody(createWith({ ...minimalCreateRecord(), items: [{ ...item(), quantity }] })),
        "type",
        "/records/0/items/0/quantity",
      );
    }
  });

  it("items[].sku and items[].name are strings", () => {
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), items: [{ ...item(), sku: 567 }] })), "type", "/records/0/items/0/sku");
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), items: [{ ...item(), name: null }] })), "type", "/records/0/items/0/name");
  });

  it("items[].currency_lookups_id is String(32) with the loo_ prefix", () => {
    const at = "/records/0/items/0/currency_lookups_id";
    expectRejected(
      createBody(createWith({ ...minimalCreateRecord(), items: [{ ...item(), currency_lookups_id: "loo_" + "a".repeat(29) }] })),
      "maxLength",
      at,
    );
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), items: [{ ...item(), currency_lookups_id: "ZAR" }] })), "pattern", at);
  });

  it("metadata (order and item) is a JSON object", () => {
    expectValid(createBody(createWith({ ...minimalCreateRecord(), metadata: {}, items: [{ ...item(), metadata: {} }] })));
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), metadata: "custom" })), "type", "/records/0/metadata");
    expectRejected(
      createBody(createWith({ ...minimalCreateRecord(), items: [{ ...item(), metadata: ["custom"] }] })),
      "type",
      "/records/0/items/0/metadata",
    );
  });
});

describe("kwik: updateOrders request rules", () => {
  it("requires records and, in each record, id", () => {
    expectRejected(updateBody({}), "required", "", "records");
    expectRejected(updateBody(updateWith({ reference: "ORD0045" })), "required", "/records/0", "id");
  });

  it("id is String(32) with the ord_ prefix", () => {
    expectValid(updateBody(updateWith({ id: "ord_" + "a".repeat(28) })));
    expectRejected(updateBody(updateWith({ id: "ord_" + "a".repeat(29) })), "maxLength", "/records/0/id");
    expectRejected(updateBody(updateWith({ id: "cus_abc123" })), "pattern", "/records/0/id");
    expectRejected(updateBody(updateWith({ id: "ordabc123" })), "pattern", "/records/0/id");
    expectRejected(updateBody(updateWith({ id: null })), "type", "/records/0/id");
  });

  it("keeps the field rules of the table", () => {
    const base = { id: "ord_abc123..." };
    expectRejected(updateBody(updateWith({ ...base, reference: "R".repeat(36) })), "maxLength", "/records/0/reference");
    expectRejected(updateBody(updateWith({ ...base, customer_id: "cus_" + "a".repeat(29) })), "maxLength", "/records/0/customer_id");
    expectRejected(updateBody(updateWith({ ...base, customer_id: "c_1" })), "pattern", "/records/0/customer_id");
    expectRejected(updateBody(updateWith({ ...base, amount_tax: 100 })), "type", "/records/0/amount_tax");
    expectRejected(updateBody(updateWith({ ...base, amount_total: 1200 })), "type", "/records/0/amount_total");
    expectRejected(updateBody(updateWith({ ...base, description: 1 })), "type", "/records/0/description");
    for (const field of ORDER_LOOKUP_FIELDS) {
      expectRejected(updateBody(updateWith({ ...base, [field]: "loo_" + "a".repeat(29) })), "maxLength", `/records/0/${field}`);
      expectRejected(updateBody(updateWith({ ...base, [field]: "x" })), "pattern", `/records/0/${field}`);
    }
    expectRejected(updateBody(updateWith({ ...base, metadata: [] })), "anyOf", "/records/0/metadata");
    expectRejected(updateBody(updateWith({ ...base, items: [{ ...item(), quantity: "1" }] })), "type", "/records/0/items/0/quantity");
  });
});

describe("kwik: every order and item field has the table's type", () => {
  const STRING_FIELDS = ["reference", "description", "customer_id", ...ORDER_AMOUNTS, ...ORDER_LOOKUP_FIELDS];
  for (const field of STRING_FIELDS) {
    it(`create: ${field} (String) refuses a number, update refuses a boolean`, () => {
      expectRejected(createBody(createWith({ ...minimalCreateRecord(), [field]: 1 })), "type", `/records/0/${field}`);
      expectRejected(updateBody(updateWith({ id: "ord_abc123...", [field]: true })), "type", `/records/0/${field}`);
    });
  }

  const ITEM_WRONG_TYPES: Array<[string, unknown]> = [
    ["sku", 1],
    ["name", 1],
    ["quantity", "1"],
    ["unit_amount", 1200],
    ["tax_amount", "0"],
    ["discount_amount", "0"],
    ["currency_lookups_id", 1],
  ];
  for (const [field, value] of ITEM_WRONG_TYPES) {
    it(`items[].${field} refuses ${JSON.stringify(value)}`, () => {
      const record = { ...minimalCreateRecord(), items: [{ ...item(), [field]: value }] };
      expectRejected(createBody(createWith(record)), "type", `/records/0/items/0/${field}`);
    });
  }
});

describe("kwik: listOrders query parameters", () => {
  it("date_start and date_end are dates (YYYY-MM-DD)", () => {
    for (const name of ["date_start", "date_end"]) {
      expectValid(param(name)("2024-09-13"));
      expectRejected(param(name)("2024-13-09"), "format", "");
      expectRejected(param(name)("13/09/2024"), "format", "");
      expectRejected(param(name)("2024-09-13 09:11:23"), "format", "");
    }
  });

  it("order_id is String(32) with the ord_ prefix", () => {
    expectValid(param("order_id")("ord_abc123..."));
    expectRejected(param("order_id")("ord_" + "a".repeat(29)), "maxLength", "");
    expectRejected(param("order_id")("ORD0045"), "pattern", "");
    expectRejected(param("order_id")("ordabc123"), "pattern", "");
  });

  it("order_reference is String(35)", () => {
    expectValid(param("order_reference")("R".repeat(35)));
    expectRejected(param("order_reference")("R".repeat(36)), "maxLength", "");
  });

  it("description and amount_total are free strings", () => {
    expectValid(param("description")("Monthly plan"));
    expectValid(param("amount_total")("1200.00"));
    expectRejected(param("amount_total")(1200), "type", "");
  });

  it("the status lookup filters carry the loo_ prefix", () => {
    for (const name of ["order_status_lookups_id", "fulfillment_status_lookups_id"]) {
      expectValid(param(name)("loo_abc123..."));
      expectRejected(param(name)("paid"), "pattern", "");
      expectRejected(param(name)("loo-abc123"), "pattern", "");
    }
  });
});

describe("kwik: success responses", () => {
  for (const [label, validate] of [["create", created], ["update", updated], ["list", listed]] as const) {
    it(`${label}: status is const true and results is required`, () => {
      expectValid(validate(resultsWith(order())));
      expectValid(validate({ status: true, results: [] }));
      expectRejected(validate({ ...resultsWith(order()), status: false }), "const", "/status");
      expectRejected(validate({ results: [order()] }), "required", "", "status");
      expectRejected(validate({ status: true }), "required", "", "results");
    });
  }

  for (const field of ["id", "reference", "description", "amount_total", "created_at"]) {
    it(`a returned order always has ${field}`, () => {
      const o = order();
      delete o[field];
      expectRejected(listed(resultsWith(o)), "required", "/results/0", field);
    });
  }

  it("a returned order keeps the field types and lengths", () => {
    expectRejected(listed(resultsWith({ ...order(), id: "ord_" + "a".repeat(29) })), "maxLength", "/results/0/id");
    expectRejected(listed(resultsWith({ ...order(), id: "12345" })), "pattern", "/results/0/id");
    expectRejected(listed(resultsWith({ ...order(), id: "order_12345" })), "pattern", "/results/0/id");
    expectRejected(listed(resultsWith({ ...order(), reference: "R".repeat(36) })), "maxLength", "/results/0/reference");
    expectRejected(listed(resultsWith({ ...order(), amount_total: 1200 })), "type", "/results/0/amount_total");
    expectRejected(listed(resultsWith({ ...order(), customer_id: "x" })), "pattern", "/results/0/customer_id");
    expectRejected(listed(resultsWith({ ...order(), items: [{ ...item(), tax_amount: "0" }] })), "type", "/results/0/items/0/tax_amount");
    const noSku = item();
    delete noSku.sku;
    expectRejected(listed(resultsWith({ ...order(), items: [noSku] })), "required", "/results/0/items/0", "sku");
  });

  it("responses stay open to undocumented fields", () => {
    expectValid(listed({ ...resultsWith({ ...order(), archived: true }), total: 1 }));
  });
});

describe("kwik: error responses", () => {
  for (const [label, validate] of [["401", error401], ["4XX", error4XX]] as const) {
    it(`${label}: the status:false body`, () => {
      expectValid(validate(errorBody()));
      expectRejected(validate({ ...errorBody(), status: true }), "const", "/status");
      const noStatus = errorBody();
      delete noStatus.status;
      expectRejected(validate(noStatus), "required", "", "status");
      const noCode = errorBody();
      delete noCode.error_code;
      expectRejected(validate(noCode), "required", "", "error_code");
    });
  }

  it("error_code is String(3), error_message String(32)", () => {
    expectRejected(error4XX({ ...errorBody(), error_code: "0005" }), "maxLength", "/error_code");
    expectRejected(error4XX({ ...errorBody(), error_code: 5 }), "type", "/error_code");
    expectRejected(error4XX({ ...errorBody(), error_message: "x".repeat(33) }), "maxLength", "/error_message");
    expectValid(error4XX({ ...errorBody(), error_message: "x".repeat(32) }));
  });

  it("error_details: each entry has record and errors; each field error has message and rule", () => {
    const detail = (): Json => ({ record: { reference: "ORD0045" }, errors: { "items.quantity": { message: "…", rule: "integer" } } });
    expectValid(error4XX({ ...errorBody(), error_details: [detail()] }));
    for (const field of ["record", "errors"]) {
      const d = detail();
      delete d[field];
      expectRejected(error4XX({ ...errorBody(), error_details: [d] }), "required", "/error_details/0", field);
    }
    expectRejected(error4XX({ ...errorBody(), error_details: [{ ...detail(), record: "ORD0045" }] }), "type", "/error_details/0/record");
    for (const field of ["message", "rule"]) {
      const d = detail();
      delete d.errors["items.quantity"][field];
      expectRejected(error4XX({ ...errorBody(), error_details: [d] }), "required", "/error_details/0/errors/items.quantity", field);
    }
    expectRejected(error4XX({ ...errorBody(), error_details: detail() }), "type", "/error_details");
  });
});

// ---------------------------------------------------------------------------------------------
// Decisions (specs/kwik/README.md)

describe("kwik: decisions", () => {
  it("KW-1: an update record needs only id; reference/description/amount_total are optional there (not on create)", () => {
    expectValid(updateBody(updateWith({ id: "ord_abc123..." })));
    expectValid(updateBody(updateWith({ id: "ord_abc123...", amount_total: "1300.00" })));
    expectRejected(createBody(createWith({ amount_total: "1300.00" })), "required", "/records/0", "reference");
    const schema = specDocument(API).components.schemas.OrderUpdate;
    expect(schema.required).toEqual(["id"]);
  });

  it("KW-1: items sent in an update must be complete", () => {
    for (const field of ITEM_REQUIRED) {
      const partial = item();
      delete partial[field];
      expectRejected(updateBody(updateWith({ id: "ord_abc123...", items: [partial] })), "required", "/records/0/items/0", field);
    }
    expectValid(updateBody(updateWith({ id: "ord_abc123...", items: [item()] })));
  });

  it("KW-2: null clears the optional columns on update, but not required columns, id, items or item fields", () => {
    for (const field of CLEARABLE) expectValid(updateBody(updateWith({ id: "ord_abc123...", [field]: null })));
    for (const field of ["reference", "description", "amount_total"]) {
      expectRejected(updateBody(updateWith({ id: "ord_abc123...", [field]: null })), "type", `/records/0/${field}`);
    }
    expectRejected(updateBody(updateWith({ id: "ord_abc123...", items: null })), "type", "/records/0/items");
    expectRejected(
      updateBody(updateWith({ id: "ord_abc123...", items: [{ ...item(), tax_amount: null }] })),
      "type",
      "/records/0/items/0/tax_amount",
    );
  });

  it("KW-2: create accepts no null; a returned order may carry null in the clearable columns", () => {
    for (const field of CLEARABLE.filter((f) => f !== "metadata")) {
      expectRejected(createBody(createWith({ ...minimalCreateRecord(), [field]: null })), "type", `/records/0/${field}`);
    }
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), metadata: null })), "type", "/records/0/metadata");
    const cleared = order();
    for (const field of CLEARABLE) cleared[field] = null;
    expectValid(listed(resultsWith(cleared)));
    expectRejected(listed(resultsWith({ ...order(), amount_total: null })), "type", "/results/0/amount_total");
  });

  it("KW-2: a returned item may carry null in its optional columns (tax_amount, discount_amount, metadata); request items may not", () => {
    const unset = { ...item(), tax_amount: null, discount_amount: null, metadata: null };
    for (const validate of [created, updated, listed]) expectValid(validate(resultsWith({ ...order(), items: [unset] })));
    // Required item columns stay non-null in responses.
    for (const field of ["sku", "name", "quantity", "unit_amount", "currency_lookups_id"]) {
      expectRejected(listed(resultsWith({ ...order(), items: [{ ...item(), [field]: null }] })), "type", `/results/0/items/0/${field}`);
    }
    // The documented types still hold when set.
    expectRejected(listed(resultsWith({ ...order(), items: [{ ...item(), tax_amount: "0" }] })), "type", "/results/0/items/0/tax_amount");
    for (const field of ["tax_amount", "discount_amount", "metadata"]) {
      expectRejected(createBody(createWith({ ...minimalCreateRecord(), items: [{ ...item(), [field]: null }] })), "type", `/records/0/items/0/${field}`);
    }
  });

  it("KW-3: ord_abc_123..., ord_abc123... and ord_12345 are all valid order ids", () => {
    for (const id of ["ord_abc_123...", "ord_abc123...", "ord_12345"]) {
      expectValid(created(resultsWith({ ...order(), id })));
      expectValid(updateBody(updateWith({ id })));
      expectValid(param("order_id")(id));
    }
    expect((mediaExamples(API, "createOrders", { status: "200" }).vendorExample as Json).results[0].id).toBe("ord_abc_123...");
  });

  it("KW-4: customer_id is accepted (and optional) on update although the vendor's update example omits it", () => {
    const example = mediaExamples(API, "updateOrders", { request: true }).vendorExample as Json;
    expect(example.records[0]).not.toHaveProperty("customer_id");
    expectValid(updateBody(example));
    expectValid(updateBody(updateWith({ ...example.records[0], customer_id: "cus_abc123..." })));
    expect(specDocument(API).components.schemas.OrderUpdate.properties).toHaveProperty("customer_id");
  });

  it("KW-5: the list example holds the one complete record; several records validate", () => {
    const example = mediaExamples(API, "listOrders", { status: "200" }).vendorExample as Json;
    expect(example.results).toHaveLength(1);
    expectValid(listed({ status: true, results: [order(), { ...order(), id: "ord_def456" }] }));
    // The vendor's `{ ... }` placeholder, read as an empty record, is not an order.
    expectRejected(listed({ status: true, results: [order(), {}] }), "required", "/results/1", "id");
  });

  it("KW-6: deleted_at is optional and nullable", () => {
    const o = order();
    delete o.deleted_at;
    expectValid(listed(resultsWith(o)));
    expectValid(listed(resultsWith({ ...order(), deleted_at: null })));
    expectValid(listed(resultsWith({ ...order(), deleted_at: "2024-05-01 10:00:00" })));
    expectRejected(listed(resultsWith({ ...order(), deleted_at: true })), "type", "/results/0/deleted_at");
  });

  it("KW-7: order amounts and unit_amount are strings, item tax/discount amounts are numbers", () => {
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), amount_total: 1200 })), "type", "/records/0/amount_total");
    const base = minimalCreateRecord();
    expectRejected(createBody(createWith({ ...base, items: [{ ...item(), unit_amount: 1200 }] })), "type", "/records/0/items/0/unit_amount");
    expectRejected(createBody(createWith({ ...base, items: [{ ...item(), tax_amount: "0" }] })), "type", "/records/0/items/0/tax_amount");
    expectRejected(
      createBody(createWith({ ...base, items: [{ ...item(), discount_amount: "0.00" }] })),
      "type",
      "/records/0/items/0/discount_amount",
    );
    expectValid(createBody(createWith({ ...base, items: [{ ...item(), tax_amount: 15.5, discount_amount: 10 }] })));
    // No decimal pattern is documented, so none is enforced.
    expectValid(createBody(createWith({ ...base, amount_total: "1200" })));
  });

  it("KW-8: timestamps are 'YYYY-MM-DD HH:mm:ss', not ISO-8601; updated_at may be null, created_at not", () => {
    expectValid(created(resultsWith({ ...order(), updated_at: null })));
    for (const field of ["created_at", "updated_at", "deleted_at"]) {
      expectRejected(listed(resultsWith({ ...order(), [field]: "2024-02-27T09:11:23+02:00" })), "pattern", `/results/0/${field}`);
      expectRejected(listed(resultsWith({ ...order(), [field]: "2024-02-27" })), "pattern", `/results/0/${field}`);
      // A slight deviation from the documented format is reported too (decided in KW-8).
      expectRejected(listed(resultsWith({ ...order(), [field]: "2024-02-27 09:11:23.123" })), "pattern", `/results/0/${field}`);
    }
    expectRejected(listed(resultsWith({ ...order(), created_at: null })), "type", "/results/0/created_at");
  });

  it("KW-9: the list's status-lookup filters have no maxLength; the body fields keep String(32)", () => {
    const long = "loo_" + "a".repeat(40);
    expectValid(param("order_status_lookups_id")(long));
    expectValid(param("fulfillment_status_lookups_id")(long));
    expectRejected(
      createBody(createWith({ ...minimalCreateRecord(), order_status_lookups_id: long })),
      "maxLength",
      "/records/0/order_status_lookups_id",
    );
  });

  it("KW-10: there is no delete operation", () => {
    const doc = specDocument(API);
    expect(Object.keys(doc.paths).sort()).toEqual(["/orders/create", "/orders/list", "/orders/update"]);
    for (const item of Object.values<Json>(doc.paths)) expect(item).not.toHaveProperty("delete");
    expect(doc.components.schemas.Order.properties).toHaveProperty("deleted_at");
  });

  it("KW-11: the servers are the V1 staging and live hosts, without trailing slash", () => {
    const servers = specDocument(API).servers.map((s: Json) => [s.url, s["x-environment"]]);
    expect(servers).toEqual([
      ["https://staging.app.kwik.co.za/1.0", "stage"],
      ["https://api.kwik.co.za/1.0", "production"],
    ]);
  });

  it("KW-12: amounts are not cross-checked (the vendor's own example does not add up)", () => {
    const record = createRecord();
    expect(record.amount_subtotal).toBe("1100.00");
    expect(record.items[0].unit_amount).toBe("1200.00");
    expectValid(createBody(createWith({ ...record, amount_total: "1.00" })));
  });

  it("KW-13: records is required and holds at least one record (single or batch), with no maximum", () => {
    expectRejected(createBody({ records: [] }), "minItems", "/records");
    expectRejected(updateBody({ records: [] }), "minItems", "/records");
    expectValid(createBody({ records: [minimalCreateRecord()] }));
    expectValid(updateBody({ records: [{ id: "ord_abc123..." }] }));
    expectValid(createBody({ records: Array.from({ length: 500 }, () => minimalCreateRecord()) }));
    expectRejected(updateBody({ record: [{ id: "ord_abc123..." }] }), "required", "", "records");
  });

  it("KW-14: the error-body rules name the errors page (research notes) as their source", () => {
    const schema = specDocument(API).components.schemas.ErrorResponse;
    expect(schema.description).toContain("https://docs.kwik.co.za/specification/errors");
    expect(schema.description).toContain("KW-14");
    // The rules it enforces: status false, error_code String(3), details entries {record, errors}, field errors {message, rule}.
    expectRejected(error4XX({ ...errorBody(), error_code: "0005" }), "maxLength", "/error_code");
    expectRejected(error4XX({ ...errorBody(), error_details: [{ record: {} }] }), "required", "/error_details/0", "errors");
    expectRejected(
      error4XX({ ...errorBody(), error_details: [{ record: {}, errors: { quantity: { message: "must be an integer" } } }] }),
      "required",
      "/error_details/0/errors/quantity",
      "rule",
    );
    expectValid(error4XX({ status: false, error_code: "007", error_message: "Record not found" }));
  });

  it("KW-14: the error message is accepted as error_message or error_messages; one of them is required", () => {
    expectValid(error4XX(errorBody()));
    expectValid(error4XX({ status: false, error_code: "005", error_messages: "Validation failed" }));
    expectRejected(error4XX({ status: false, error_code: "005" }), "required", "", "error_message");
    expectRejected(error4XX({ status: false, error_code: "005" }), "if", "");
    expectRejected(
      error4XX({ status: false, error_code: "005", error_messages: "x".repeat(33) }),
      "maxLength",
      "/error_messages",
    );
  });

  it("KW-15: success under 200 (status true), the status:false body under 401 and 4XX", () => {
    for (const op of OPERATIONS) {
      const responses = specDocument(API).paths[{ createOrders: "/orders/create", updateOrders: "/orders/update", listOrders: "/orders/list" }[op]];
      const operation = responses.post ?? responses.get;
      expect(Object.keys(operation.responses).sort()).toEqual(["200", "401", "4XX"]);
      expect(operation.responses["4XX"]).toEqual({ $ref: "#/components/responses/ClientError" });
      expectRejected(responseValidator(API, op, "200")(errorBody()), "const", "/status");
      expectRejected(responseValidator(API, op, "4XX")(resultsWith(order())), "const", "/status");
      expectValid(responseValidator(API, op, "401")({ status: false, error_code: "001", error_message: "Invalid API key" }));
    }
  });

  it("KW-15: every const carries its type (status is a boolean), so other generators do not type it as a string", () => {
    const schemas = specDocument(API).components.schemas;
    expect(schemas.OrdersResultsResponse.properties.status).toMatchObject({ type: "boolean", const: true });
    expect(schemas.ErrorResponse.properties.status).toMatchObject({ type: "boolean", const: false });
    const untyped: string[] = [];
    const walk = (node: Json, path: string) => {
      if (!node || typeof node !== "object") return;
      if (Object.hasOwn(node, "const") && node.type === undefined) untyped.push(path);
      for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
    };
    walk(specDocument(API), "#");
    expect(untyped).toEqual([]);
  });

  it("KW-16: ids carry their documented prefixes (ord_, cus_, loo_)", () => {
    expectRejected(updateBody(updateWith({ id: "abc123" })), "pattern", "/records/0/id");
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), customer_id: "ord_abc123" })), "pattern", "/records/0/customer_id");
    expectRejected(
      createBody(createWith({ ...minimalCreateRecord(), currency_lookups_id: "cus_abc123" })),
      "pattern",
      "/records/0/currency_lookups_id",
    );
    expectRejected(listed(resultsWith({ ...order(), id: "cus_abc123" })), "pattern", "/results/0/id");
    // Responses too: a returned customer or lookup id without its prefix is drift.
    expectRejected(listed(resultsWith({ ...order(), customer_id: "12345" })), "pattern", "/results/0/customer_id");
    for (const field of ORDER_LOOKUP_FIELDS) {
      expectRejected(listed(resultsWith({ ...order(), [field]: "ZAR" })), "pattern", `/results/0/${field}`);
    }
    expectRejected(
      listed(resultsWith({ ...order(), items: [{ ...item(), currency_lookups_id: "ZAR" }] })),
      "pattern",
      "/results/0/items/0/currency_lookups_id",
    );
    // Only the prefix is checked: whatever follows it is accepted.
    expectValid(listed(resultsWith({ ...order(), id: "ord_-lL0a6f6bqd1rV5CXJHCk", customer_id: "cus_X" })));
  });

  it("KW-17: the batch key is records (not a per-endpoint key such as orders)", () => {
    expectRejected(createBody({ orders: [minimalCreateRecord()] }), "required", "", "records");
  });

  it("KW-18: currency is a lookup id; a currency code is not one", () => {
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), currency_lookups_id: "ZAR" })), "pattern", "/records/0/currency_lookups_id");
    expect(specDocument(API).components.schemas.OrderCreate.properties).not.toHaveProperty("currency");
    const noCurrency = item();
    delete noCurrency.currency_lookups_id;
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), items: [noCurrency] })), "required", "/records/0/items/0", "currency_lookups_id");
  });

  it("KW-19: metadata is a free JSON object", () => {
    expectValid(createBody(createWith({ ...minimalCreateRecord(), metadata: { a: 1, nested: { b: [true] } } })));
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), metadata: [] })), "type", "/records/0/metadata");
    expectRejected(createBody(createWith({ ...minimalCreateRecord(), metadata: "{}" })), "type", "/records/0/metadata");
  });

  it("KW-20: items is optional and may be empty", () => {
    expectValid(createBody(createWith(minimalCreateRecord())));
    expectValid(createBody(createWith({ ...minimalCreateRecord(), items: [] })));
  });
});
