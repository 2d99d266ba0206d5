// Payway create_order v2 (and its token endpoint): every documented rule accepts what it should and
// rejects what it should, for the right reason (Ajv keyword + instancePath); every example validates;
// each decision of specs/payway/README.md (PW-n) is pinned by a test named with its id.
// The email pattern (PW-9) has its own file: payway-email-pattern.test.ts.
import type { ErrorObject } from "ajv";
import { describe, expect, it } from "vitest";
import {
  componentValidator,
  findOperation,
  mediaExamples,
  requestBodyValidator,
  responseValidator,
  specDocument,
  type ValidationResult,
} from "../helpers/spec-validator.js";
import { expectErrorsOnlyUnder, expectRejected, expectValid, type ErrorMatch } from "../helpers/validation-assertions.js";

type Json = any;

const API = "payway";
const createBody = requestBodyValidator(API, "createOrder");
const created201 = responseValidator(API, "createOrder", "201");
const created200 = responseValidator(API, "createOrder", "200");
const create401 = responseValidator(API, "createOrder", "401");
const create4XX = responseValidator(API, "createOrder", "4XX");
const create500 = responseValidator(API, "createOrder", "500");
const tokenBody = requestBodyValidator(API, "getAccessToken", "application/x-www-form-urlencoded");
const token200 = responseValidator(API, "getAccessToken", "200");
const token401 = responseValidator(API, "getAccessToken", "401");
const token4XX = responseValidator(API, "getAccessToken", "4XX");

const HEX24 = "5c6291d537c2ed78a11518b7";
const PERIOD = "5cb804811d41c82b5c518ea8";

/** The smallest valid body (the page's first curl example without start_date). */
const minimal = (): Json => ({
  account_id: HEX24,
  product_code: "adeprimo_digital",
  period_id: PERIOD,
  receipt_url: "https://domain.tld/receipt/585a4768edce2c5e6f000001",
});

const billing = (): Json => ({
  first_name: "Erik",
  last_name: "Eriksson",
  street: "Ekvägen 12",
  zip_code: "120 35",
  city: "Tyresö",
  country_code: "SE",
});

const delivery = (): Json => ({ ...billing() });

const withField = (path: string[], value: unknown): Json => {
  const body = minimal();
  let node = body;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]!] = value;
  return body;
};

const without = (body: Json, ...path: string[]): Json => {
  let node = body;
  for (const key of path.slice(0, -1)) node = node[key];
  delete node[path[path.length - 1]!];
  return body;
};

/** Rejected for `keyword` at `instancePath`, and for nothing outside that part of the payload. */
function expectRejectedOnly(result: ValidationResult, keyword: string, instancePath: string, match?: ErrorMatch) {
  expectRejected(result, keyword, instancePath, match);
  expectErrorsOnlyUnder(result, instancePath);
}

const missing = (name: string) => (e: ErrorObject) => e.params["missingProperty"] === name;

describe("payway spec: structure", () => {
  const doc = specDocument(API);

  it("is OpenAPI 3.1 with the 2020-12 dialect and the two v2 servers", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(doc.servers).toEqual([
      expect.objectContaining({ url: "https://payway-api.stage.adeprimo.se/external/api/v2", "x-environment": "stage" }),
      expect.objectContaining({ url: "https://backend.worldoftulo.com/external/api/v2", "x-environment": "production" }),
    ]);
  });

  it("createOrder is POST /accounts/create_order with bearerAuth", () => {
    const { path, method, operation } = findOperation(API, "createOrder");
    expect([path, method]).toEqual(["/accounts/create_order", "post"]);
    expect(operation.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(operation.responses).sort()).toEqual(["200", "201", "401", "4XX", "500"]);
  });

  it("the bearerAuth description explains how the token without identity is obtained", () => {
    const text: string = doc.components.securitySchemes.bearerAuth.description;
    for (const needle of ["without identity", "/external/account/w", "client id", "client secret", "getAccessToken", "1 hour", "2 hours"]) {
      expect(text).toContain(needle);
    }
  });
});

describe("payway createOrder: vendor examples", () => {
  it("both curl bodies are named request examples and validate", () => {
    const examples = mediaExamples(API, "createOrder", { request: true });
    expect(Object.keys(examples).sort()).toEqual(["withAccountId", "withAddressAndEmail"]);
    for (const value of Object.values(examples)) expectValid(createBody(value));
    expect(examples["withAccountId"]).toMatchObject({ account_id: HEX24, period_id: PERIOD });
    expect(examples["withAddressAndEmail"]).toMatchObject({
      email: "test@test.com",
      billing_address: { care_of: null, company_reference: null, city: "Tyresö" },
      delivery_address: { company_reference: null },
    });
  });

  it("the 201 response example is the page's body and validates", () => {
    const examples = mediaExamples(API, "createOrder", { status: "201" });
    expect(examples).toEqual({
      created: { id: "ADEPRIMO-1234", order_id: "ADEPRIMO-1234", payment_id: "AAABBBCCDD11223344" },
    });
    expectValid(created201(examples["created"]));
  });

  it("the 200 example validates", () => {
    for (const value of Object.values(mediaExamples(API, "createOrder", { status: "200" }))) expectValid(created200(value));
  });
});

describe("payway createOrder: top-level fields", () => {
  it("accepts the minimal body", () => expectValid(createBody(minimal())));

  it.each(["product_code", "period_id", "receipt_url"])("requires %s", (name) => {
    expectRejectedOnly(createBody(without(minimal(), name)), "required", "", missing(name));
  });

  it.each([
    ["product_code", 1],
    ["receipt_url", true],
    ["company_vat_number", 5],
    ["merchant_reference", {}],
    ["account_payment_profile_id", 1],
  ])("%s must be a string", (name, value) => {
    expectRejectedOnly(createBody(withField([name], value)), "type", `/${name}`);
  });

  it.each(["account_id", "period_id", "paywall_id"])("%s: 24 hex accepted, 25 hex → maxLength, 24 non-hex → pattern", (name) => {
    expectValid(createBody(withField([name], "ABCDEF0123456789abcdef01")));
    expectRejectedOnly(createBody(withField([name], `${HEX24}a`)), "maxLength", `/${name}`);
    expectRejectedOnly(createBody(withField([name], "5c6291d537c2ed78a11518g7")), "pattern", `/${name}`);
    expectRejectedOnly(createBody(withField([name], 12345)), "type", `/${name}`);
  });

  it("email: ..1024 → maxLength (with a string the pattern accepts)", () => {
    const longest = `${"a".repeat(1024 - "@b.se".length)}@b.se`;
    expect(longest).toHaveLength(1024);
    expectValid(createBody(without({ ...minimal(), email: longest }, "account_id")));
    const tooLong = `a${longest}`;
    const result = createBody(without({ ...minimal(), email: tooLong }, "account_id"));
    expectRejectedOnly(result, "maxLength", "/email");
    expect(result.errors.map((e) => e.keyword)).not.toContain("pattern");
  });

  it("email: pattern and type", () => {
    expectRejectedOnly(createBody(without({ ...minimal(), email: "not an email" }, "account_id")), "pattern", "/email");
    for (const email of ["test@testcom", "a,b@x.se"]) {
      expectRejectedOnly(createBody(without({ ...minimal(), email }, "account_id")), "pattern", "/email");
    }
    expectValid(createBody(without({ ...minimal(), email: "First.Last+tag@Mail.Example.SE" }, "account_id")));
    expectRejectedOnly(createBody(withField(["email"], 42)), "type", "/email");
  });

  it("start_date: DateTime → format date-time", () => {
    expectValid(createBody(withField(["start_date"], "2019-05-01T00:00:00+00:00")));
    expectValid(createBody(withField(["start_date"], "2019-05-01T00:00:00Z")));
    expectRejectedOnly(createBody(withField(["start_date"], "next monday")), "format", "/start_date");
  });

  it("traffic_source: ..128 → maxLength", () => {
    expectValid(createBody(withField(["traffic_source"], "w".repeat(128))));
    expectRejectedOnly(createBody(withField(["traffic_source"], "w".repeat(129))), "maxLength", "/traffic_source");
  });

  it("invoice_delivery_method: 'mail' or 'email' → enum", () => {
    expectValid(createBody(withField(["invoice_delivery_method"], "mail")));
    expectValid(createBody(withField(["invoice_delivery_method"], "email")));
    expectRejectedOnly(createBody(withField(["invoice_delivery_method"], "sms")), "enum", "/invoice_delivery_method");
    expectRejectedOnly(createBody(withField(["invoice_delivery_method"], "Mail")), "enum", "/invoice_delivery_method");
  });

  it("voucher_purchase is a boolean", () => {
    expectRejectedOnly(createBody(withField(["voucher_purchase"], "true")), "type", "/voucher_purchase");
  });

  it("voucher_details is required if voucher_purchase is true (if/then)", () => {
    const result = createBody(withField(["voucher_purchase"], true));
    expectRejectedOnly(result, "required", "", missing("voucher_details"));
    expectRejectedOnly(result, "if", "");
    expectValid(createBody({ ...minimal(), voucher_purchase: true, voucher_details: { expire_date: "2025-12-31T23:59:59Z" } }));
    expectValid(createBody(withField(["voucher_purchase"], false)));
  });

  it("voucher_details: expire_date required (DateTime), redeem_url an absolute URI", () => {
    const body = (details: Json) => ({ ...minimal(), voucher_purchase: true, voucher_details: details });
    expectRejectedOnly(createBody(body({ redeem_url: "https://x.se/redeem" })), "required", "/voucher_details", missing("expire_date"));
    expectRejectedOnly(createBody(body({ expire_date: "31/12/2025" })), "format", "/voucher_details/expire_date");
    expectValid(createBody(body({ expire_date: "2025-12-31T23:59:59Z", redeem_url: "https://x.se/redeem" })));
  });

  it("secure_identification: trusted_identity_id required, ..24, hex pattern", () => {
    expectValid(createBody(withField(["secure_identification"], { trusted_identity_id: HEX24 })));
    expectRejectedOnly(createBody(withField(["secure_identification"], {})), "required", "/secure_identification", missing("trusted_identity_id"));
    expectRejectedOnly(
      createBody(withField(["secure_identification"], { trusted_identity_id: `${HEX24}0` })),
      "maxLength",
      "/secure_identification/trusted_identity_id",
    );
    expectRejectedOnly(
      createBody(withField(["secure_identification"], { trusted_identity_id: "zzzzzzzzzzzzzzzzzzzzzzzz" })),
      "pattern",
      "/secure_identification/trusted_identity_id",
    );
  });

  it.each(["user_agent", "language", "ip_address"])("client_info requires %s", (name) => {
    const info: Json = { user_agent: "Mozilla/5.0", language: "sv-SE", ip_address: "111.111.1.11" };
    expectValid(createBody(withField(["client_info"], info)));
    delete info[name];
    expectRejectedOnly(createBody(withField(["client_info"], info)), "required", "/client_info", missing(name));
  });

  it("request bodies stay open to undocumented fields", () => {
    expectValid(createBody({ ...minimal(), something_new: 1 }));
  });

  // Every field the page types String (or Object) refuses another JSON type, at its own path.
  it.each([
    [["start_date"], 20190501],
    [["traffic_source"], 1],
    [["billing_address"], []],
    [["secure_identification"], "5c6291d537c2ed78a11518b7"],
    [["voucher_details"], "2025-12-31T23:59:59Z"],
    [["client_info"], "Mozilla/5.0"],
    [["invoice_delivery_method"], 1],
  ])("%j has the page's type", (path, value) => {
    expectRejectedOnly(createBody(withField(path, value)), "type", `/${path.join("/")}`);
  });

  it.each([
    ["client_info", "user_agent"],
    ["client_info", "language"],
    ["client_info", "ip_address"],
    ["voucher_details", "expire_date"],
    ["voucher_details", "redeem_url"],
  ])("%s.%s must be a string", (object, name) => {
    const base: Json =
      object === "client_info"
        ? { user_agent: "Mozilla/5.0", language: "sv-SE", ip_address: "111.111.1.11" }
        : { expire_date: "2025-12-31T23:59:59Z", redeem_url: "https://x.se/redeem" };
    expectValid(createBody(withField([object], base)));
    expectRejectedOnly(createBody(withField([object], { ...base, [name]: 1 })), "type", `/${object}/${name}`);
  });
});

describe.each([
  ["billing_address", billing],
  ["delivery_address", delivery],
] as const)("payway createOrder: %s", (field, address) => {
  it("accepts a full address", () => expectValid(createBody(withField([field], address()))));

  it.each(["street", "city", "zip_code", "country_code"])(`requires %s`, (name) => {
    expectRejectedOnly(createBody(withField([field], without(address(), name))), "required", `/${field}`, missing(name));
  });

  it.each([
    "first_name",
    "last_name",
    "care_of",
    "street",
    "city",
    "zip_code",
    "country_code",
    "company_name",
    "company_reference",
    "company_department",
  ])("%s must be a string", (name) => {
    expectRejectedOnly(createBody(withField([field], { ...address(), [name]: 12 })), "type", `/${field}/${name}`);
  });

  it("is an object", () => {
    expectRejectedOnly(createBody(withField([field], "Ekvägen 12")), "type", `/${field}`);
  });
});

describe("payway createOrder: billing_address only", () => {
  it.each(["contact_email", "citizenship_country_code"])("%s must be a string", (name) => {
    expectValid(createBody(withField(["billing_address"], { ...billing(), [name]: name === "contact_email" ? "a@b.se" : "SE" })));
    expectRejectedOnly(createBody(withField(["billing_address"], { ...billing(), [name]: 1 })), "type", `/billing_address/${name}`);
  });
});

describe("payway createOrder: responses", () => {
  it("201 body fields are strings", () => {
    const body = { id: "ADEPRIMO-1234", order_id: "ADEPRIMO-1234", payment_id: "AAABBBCCDD11223344" };
    expectRejectedOnly(created201({ ...body, id: 1234 }), "type", "/id");
    expectRejectedOnly(created201({ ...body, payment_id: null }), "type", "/payment_id");
    expectRejectedOnly(created201({ ...body, order_id: 1234 }), "type", "/order_id");
  });

  it("responses stay open", () => {
    expectValid(created201({ id: "x", order_id: "y", payment_id: "z", extra: true }));
  });
});

describe("payway getAccessToken", () => {
  const valid = (): Json => ({ grant_type: "none", client_id: "c", client_secret: "s", scope: "/external/account/w" });

  it("is POST /api/authorization/access_token, open, form-encoded, on the host root", () => {
    const { path, method, operation } = findOperation(API, "getAccessToken");
    expect([path, method]).toEqual(["/api/authorization/access_token", "post"]);
    expect(operation.security).toEqual([]);
    expect(Object.keys(operation.requestBody.content)).toEqual(["application/x-www-form-urlencoded"]);
    expect(operation.servers).toEqual([
      expect.objectContaining({ url: "https://payway-api.stage.adeprimo.se", "x-environment": "stage" }),
      expect.objectContaining({ url: "https://backend.worldoftulo.com", "x-environment": "production" }),
    ]);
    expect(operation.description).toMatch(/medium/i);
    expect(operation.description).toContain("payway-wordpress-sso2");
  });

  it("the request and response examples validate", () => {
    const requests = mediaExamples(API, "getAccessToken", { request: true }, "application/x-www-form-urlencoded");
    expect(Object.keys(requests).length).toBeGreaterThan(0);
    for (const value of Object.values(requests)) expectValid(tokenBody(value));
    for (const value of Object.values(mediaExamples(API, "getAccessToken", { status: "200" }))) expectValid(token200(value));
  });

  it.each(["grant_type", "client_id", "client_secret", "scope"])("requires %s", (name) => {
    expectValid(tokenBody(valid()));
    expectRejectedOnly(tokenBody(without(valid(), name)), "required", "", missing(name));
  });

  it("grant_type is const none", () => {
    expectRejectedOnly(tokenBody({ ...valid(), grant_type: "client_credentials" }), "const", "/grant_type");
  });

  it("the response requires access_token", () => {
    expectRejectedOnly(token200({ expires_in: 3600 }), "required", "", missing("access_token"));
    expectRejectedOnly(token200({ access_token: 1 }), "type", "/access_token");
  });
});

describe("payway decisions", () => {
  const doc = specDocument(API);
  const op = findOperation(API, "createOrder").operation;

  it("PW-1: exactly 201 (the page) and 200 (the External Invoice guide) are declared, with one schema; no 2XX range", () => {
    const res201 = op.responses["201"];
    const res200 = op.responses["200"];
    expect(res201.$ref).toBe("#/components/responses/OrderCreated");
    expect(res200.$ref).toBe("#/components/responses/OrderPlacedOk");
    const successCodes = Object.keys(op.responses).filter((c) => /^2/i.test(c)).sort();
    expect(successCodes).toEqual(["200", "201"]);
    const schemaOf = (ref: string) => doc.components.responses[ref.split("/").pop()!].content["application/json"].schema;
    expect(schemaOf(res200.$ref)).toEqual(schemaOf(res201.$ref));
    const body = mediaExamples(API, "createOrder", { status: "201" })["created"];
    expectValid(created200(body));
  });

  it("PW-2: the scope is the singular /external/account/w; the plural snapshot is named", () => {
    expect(op["x-payway-requirements"]).toMatchObject({ identity: false, scope: "/external/account/w" });
    expect(op.description).toContain("/external/accounts/w");
  });

  it("PW-3: no fixed token lifetime; both figures stated, expires_in is the source", () => {
    const text: string = doc.components.securitySchemes.bearerAuth.description;
    expect(text).toMatch(/1 hour/);
    expect(text).toMatch(/2 hours/);
    expect(text).toContain("expires_in");
    expectValid(token200({ access_token: "t", expires_in: 3600 }));
    expectValid(token200({ access_token: "t", expires_in: 7200 }));
  });

  it("PW-4: billing_address.city is required", () => {
    expectRejectedOnly(createBody(withField(["billing_address"], without(billing(), "city"))), "required", "/billing_address", missing("city"));
  });

  it("PW-5: first_name + last_name, or company_name (anyOf), in both addresses", () => {
    for (const field of ["billing_address", "delivery_address"]) {
      const companyOnly = { ...without(without(billing(), "first_name"), "last_name"), company_name: "My Company" };
      expectValid(createBody(withField([field], companyOnly)));
      expectValid(createBody(withField([field], billing())));
      expectValid(createBody(withField([field], { ...without(billing(), "last_name"), company_name: "My Company" })));
      const lastNameMissing = createBody(withField([field], without(billing(), "last_name")));
      expectRejectedOnly(lastNameMissing, "anyOf", `/${field}`);
      expectRejectedOnly(lastNameMissing, "required", `/${field}`, missing("last_name"));
      expectRejectedOnly(lastNameMissing, "required", `/${field}`, missing("company_name"));
      expectRejectedOnly(createBody(withField([field], without(without(billing(), "first_name"), "last_name"))), "anyOf", `/${field}`);
    }
  });

  it("PW-6: account_id or email is required; both together are accepted", () => {
    const neither = createBody(without(minimal(), "account_id"));
    expectRejectedOnly(neither, "anyOf", "");
    expectRejectedOnly(neither, "required", "", missing("account_id"));
    expectRejectedOnly(neither, "required", "", missing("email"));
    expectValid(createBody(without({ ...minimal(), email: "test@test.com" }, "account_id")));
    expectValid(createBody({ ...minimal(), email: "test@test.com" }));
  });

  it("PW-7: the blank-named row is `email`, with ..1024 and the regex", () => {
    const email = doc.components.schemas.CreateOrderRequest.properties.email;
    expect(email.maxLength).toBe(1024);
    expect(typeof email.pattern).toBe("string");
    expect(mediaExamples(API, "createOrder", { request: true })["withAddressAndEmail"]).toHaveProperty("email", "test@test.com");
  });

  it("PW-8: ObjectId = maxLength 24 + ^[a-fA-F0-9]{24}$ accepts what /^[a-f\\d]{24}$/i with ..24 accepts", () => {
    const id = componentValidator(API, "ObjectId");
    // Verdicts of Ruby 3.1 for the regex, and the ..24 size rule.
    const cases: Array<[string, boolean]> = [
      [HEX24, true],
      [HEX24.toUpperCase(), true],
      [HEX24.slice(0, 23), false],
      [`${HEX24}a`, false],
      ["5c6291d537c2ed78a11518g7", false],
      [`${HEX24}\n`, false], // Ruby's $ matches before the newline, but 25 > 24 characters.
      [`\n${HEX24}`, false], // Ruby's ^ matches after the newline, but 25 > 24 characters.
      ["5c6291d537c2ed78a11518\u212A7", false], // Kelvin sign: no /i fold into a-f.
      ["\u0663".repeat(24), false], // Arabic-indic digit: Ruby's \d is ASCII-only.
    ];
    for (const [value, accepted] of cases) expect(id(value).valid, JSON.stringify(value)).toBe(accepted);
    expectRejectedOnly(id(`${HEX24}\n`), "maxLength", "");
    expectRejectedOnly(id(`${HEX24}\n`), "pattern", "");
  });

  it("PW-10: the error body component is ErrorBody (no component shadows a JavaScript global such as Error)", () => {
    const globals = ["Error", "Object", "Date", "Array", "Promise", "Map", "Set", "String", "Number", "Boolean", "Function",
      "Symbol", "RegExp", "JSON", "Request", "Response", "Headers", "URL", "Record"];
    expect(doc.components.schemas).toHaveProperty("ErrorBody");
    for (const section of Object.values<Json>(doc.components)) {
      expect(Object.keys(section).filter((name) => globals.includes(name))).toEqual([]);
    }
    for (const code of ["401", "4XX", "500"]) {
      const ref = op.responses[code].$ref.split("/").pop();
      expect(doc.components.responses[ref].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ErrorBody" });
    }
  });

  it("PW-10: 401, 4XX and 500 use the common error convention (message required, open)", () => {
    for (const validate of [create401, create4XX, create500]) {
      expectValid(validate({ message: "Invalid token" }));
      expectValid(validate({ message: "Unset error", field: "email" }));
      expectRejectedOnly(validate({ error: "x" }), "required", "", missing("message"));
      expectRejectedOnly(validate({ message: 1 }), "type", "/message");
    }
    expect(Object.keys(op.responses).filter((c) => /^5/.test(c))).toEqual(["500"]);
  });

  it("PW-11: every optional Address field accepts null, as the vendor's example sends two of them", () => {
    const optional: Record<string, string[]> = {
      billing_address: ["care_of", "contact_email", "citizenship_country_code", "company_name", "company_reference", "company_department"],
      delivery_address: ["care_of", "company_name", "company_reference", "company_department"],
    };
    for (const [field, names] of Object.entries(optional)) {
      const base = field === "billing_address" ? billing() : delivery();
      for (const name of names) expectValid(createBody(withField([field], { ...base, [name]: null })));
      // Required address fields refuse null.
      for (const name of ["first_name", "last_name", "street", "city", "zip_code", "country_code"]) {
        expectRejected(createBody(withField([field], { ...base, [name]: null })), "type", `/${field}/${name}`);
      }
      // A null company_name does not substitute the names (PW-5).
      const nullCompany = { ...without(without(base, "first_name"), "last_name"), company_name: null };
      expectRejected(createBody(withField([field], nullCompany)), "anyOf", `/${field}`);
    }
  });

  it("PW-11: null outside the Address object's optional fields is refused; the example's nulls validate", () => {
    expectValid(createBody(withField(["billing_address"], { ...billing(), care_of: null, company_reference: null })));
    expectValid(createBody(withField(["delivery_address"], { ...delivery(), company_reference: null })));
    // The example's billing address, reused as the delivery address (same "Address object" on the page).
    const example = mediaExamples(API, "createOrder", { request: true })["withAddressAndEmail"] as Json;
    const { contact_email: _e, citizenship_country_code: _c, ...billingAsDelivery } = example.billing_address;
    expect(billingAsDelivery.care_of).toBeNull();
    expectValid(createBody(withField(["delivery_address"], billingAsDelivery)));
    expectRejectedOnly(createBody(withField(["delivery_address"], { ...delivery(), first_name: null })), "type", "/delivery_address/first_name");
    expectRejectedOnly(createBody(withField(["delivery_address"], { ...delivery(), street: null })), "type", "/delivery_address/street");
    expectRejectedOnly(createBody(withField(["email"], null)), "type", "/email");
    expectValid(createBody(withField(["billing_address"], { ...billing(), care_of: "c/o Svensson" })));
  });

  it("PW-12: the token endpoint takes grant_type=none with client id/secret and scope", () => {
    const schema = doc.components.schemas.AccessTokenRequest;
    expect(schema.properties.grant_type.const).toBe("none");
    expect(schema.required.sort()).toEqual(["client_id", "client_secret", "grant_type", "scope"]);
    expectValid(tokenBody({ grant_type: "none", client_id: "c", client_secret: "s", scope: "/external/account/r /external/account/w" }));
    expectRejectedOnly(tokenBody({ grant_type: "refresh_token", client_id: "c", client_secret: "s", scope: "/external/me/w" }), "const", "/grant_type");
  });

  it("PW-12: every const carries its type (grant_type a string; the voucher_purchase condition a boolean)", () => {
    expect(doc.components.schemas.AccessTokenRequest.properties.grant_type).toMatchObject({ type: "string", const: "none" });
    expect(doc.components.schemas.CreateOrderRequest.if.properties.voucher_purchase).toMatchObject({ type: "boolean", const: true });
    const untyped: string[] = [];
    const walk = (node: Json, path: string) => {
      if (!node || typeof node !== "object") return;
      if (Object.hasOwn(node, "const") && node.type === undefined) untyped.push(path);
      for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
    };
    walk(doc, "#");
    expect(untyped).toEqual([]);
  });

  it("PW-13: the token endpoint's error body is open (format undocumented)", () => {
    for (const validate of [token401, token4XX]) {
      expectValid(validate({}));
      expectValid(validate({ error: "invalid_client" }));
      expectValid(validate({ message: "Bad client" }));
      expectRejectedOnly(validate({ message: 5 }), "type", "/message");
    }
  });

  it("PW-14: DateTime fields accept any RFC 3339 offset, not a bare date", () => {
    for (const value of ["2019-05-01T00:00:00+00:00", "2019-05-01T02:00:00+02:00", "2019-05-01T00:00:00.123Z"]) {
      expectValid(createBody(withField(["start_date"], value)));
    }
    expectRejectedOnly(createBody(withField(["start_date"], "2019-05-01")), "format", "/start_date");
    const voucher = (expire_date: string) => ({ ...minimal(), voucher_purchase: true, voucher_details: { expire_date } });
    expectValid(createBody(voucher("2025-12-31T23:59:59+01:00")));
    expectRejectedOnly(createBody(voucher("2025-12-31")), "format", "/voucher_details/expire_date");
  });

  it("PW-15: the field is `language` (the page's 'langague' is a description typo)", () => {
    const result = createBody(withField(["client_info"], { user_agent: "Mozilla/5.0", langague: "sv-SE", ip_address: "111.111.1.11" }));
    expectRejectedOnly(result, "required", "/client_info", missing("language"));
  });

  it("PW-16: id, order_id and payment_id are required, as the response table documents", () => {
    for (const validate of [created201, created200]) {
      expectRejected(validate({}), "required", "", missing("id"));
      for (const name of ["id", "order_id", "payment_id"]) {
        const body: Json = { id: "ADEPRIMO-1234", order_id: "ADEPRIMO-1234", payment_id: "AAABBBCCDD11223344" };
        delete body[name];
        expectRejectedOnly(validate(body), "required", "", missing(name));
      }
    }
  });

  it("PW-17: id is any string (ADEPRIMO-… as on this page, or a 24-hex object id as in Get order)", () => {
    expectValid(created201({ id: "ADEPRIMO-1234", order_id: "ADEPRIMO-1234", payment_id: "AAABBBCCDD11223344" }));
    expectValid(created201({ id: HEX24, order_id: "ADEPRIMO-1234", payment_id: "AAABBBCCDD11223344" }));
  });

  it("PW-18: expires_in is an integer (seconds)", () => {
    expectRejectedOnly(token200({ access_token: "t", expires_in: "3600" }), "type", "/expires_in");
    expectRejectedOnly(token200({ access_token: "t", expires_in: 1.5 }), "type", "/expires_in");
  });

  it("PW-19: rules that depend on the product or payment method are not enforced", () => {
    // No billing/delivery address, no account_payment_profile_id, voucher with any period: all accepted.
    expectValid(createBody(minimal()));
    expectValid(createBody({ ...minimal(), voucher_purchase: true, voucher_details: { expire_date: "2025-12-31T23:59:59Z" } }));
    expectValid(createBody(withField(["invoice_delivery_method"], "email")));
    const required: string[] = doc.components.schemas.CreateOrderRequest.required;
    for (const name of ["billing_address", "delivery_address", "account_payment_profile_id"]) expect(required).not.toContain(name);
  });

  it("PW-20: redeem_url must be an absolute URI; receipt_url has no format", () => {
    const voucher = (redeem_url: string) => ({
      ...minimal(),
      voucher_purchase: true,
      voucher_details: { expire_date: "2025-12-31T23:59:59Z", redeem_url },
    });
    expectValid(createBody(voucher("https://pcp.example/redeem?code=1")));
    expectRejectedOnly(createBody(voucher("/redeem")), "format", "/voucher_details/redeem_url");
    expectValid(createBody(withField(["receipt_url"], "/receipt/1")));
  });
});
