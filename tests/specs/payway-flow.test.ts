// PW-21: the Payway integration flow (specs/payway/create-order.arazzo.yaml) — get an application
// token, then create an order with it. Checked statically here: every step names an operation the
// spec has, under the source description whose server fits it, every output a step reads is
// produced by an earlier step, and the bodies it sends are valid requests. Running it against a
// server is `redocly respect` (see specs/payway/README.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/apis/spec-files.js";
import { findOperation, requestBodyValidator, specDocument } from "../helpers/spec-validator.js";
import { expectValid } from "../helpers/validation-assertions.js";

type Json = any;

const API = "payway";
const FILE = join(ROOT, "specs", API, "create-order.arazzo.yaml");
const flow: Json = parse(readFileSync(FILE, "utf8"));
const workflow: Json = flow.workflows[0];
const steps: Json[] = workflow.steps;
const step = (id: string): Json => steps.find((s) => s.stepId === id);

/** `$sourceDescriptions.<source>.<operationId>` → [source, operationId]. */
const target = (s: Json): [string, string] => {
  const match = /^\$sourceDescriptions\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)$/.exec(s.operationId);
  if (!match) throw new Error(`${FILE}: step ${s.stepId} must name its operation as $sourceDescriptions.<name>.<operationId>`);
  return [match[1]!, match[2]!];
};

/** Replace `$inputs.x` with the input's default, and `$steps…` with `fill`. */
const substitute = (value: Json, fill: Record<string, unknown>): Json => {
  if (typeof value === "string" && value.startsWith("$inputs.")) return workflow.inputs.properties[value.slice(8)].default ?? fill[value];
  if (typeof value === "string" && value.startsWith("$steps.")) return fill[value];
  if (Array.isArray(value)) return value.map((v) => substitute(v, fill));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, fill)]));
  return value;
};

describe("PW-21: the Payway flow (get access token → create order)", () => {
  it("PW-21: the token endpoint has its own server, so it runs under its own source description of the same spec", () => {
    expect(flow.arazzo).toMatch(/^1\.0\.\d+$/);
    expect(flow.sourceDescriptions).toEqual([
      { name: "payway", url: "./openapi.yaml", type: "openapi" },
      { name: "paywayToken", url: "./openapi.yaml", type: "openapi" },
    ]);
    expect(steps.map((s) => [s.stepId, ...target(s)])).toEqual([
      ["getAccessToken", "paywayToken", "getAccessToken"],
      ["createOrder", "payway", "createOrder"],
    ]);
    // Why two: the spec gives the token operation servers of its own (the host root).
    expect(findOperation(API, "getAccessToken").operation.servers).toBeDefined();
    expect(findOperation(API, "createOrder").operation.servers).toBeUndefined();
    expect(specDocument(API).servers[0].url).toMatch(/\/external\/api\/v2$/);
  });

  it("PW-21: the token is passed from step 1 to step 2 as the bearer credential", () => {
    expect(step("getAccessToken").outputs).toEqual({ accessToken: "$response.body#/access_token" });
    expect(step("createOrder")["x-security"]).toEqual([
      { schemeName: "bearerAuth", values: { token: "$steps.getAccessToken.outputs.accessToken" } },
    ]);
    expect(Object.keys(specDocument(API).components.securitySchemes)).toContain("bearerAuth");
    expect(Object.values(workflow.outputs)).toEqual([
      "$steps.createOrder.outputs.id",
      "$steps.createOrder.outputs.orderId",
      "$steps.createOrder.outputs.paymentId",
    ]);
  });

  it("PW-21: success is asserted on statuses only, exactly the ones the spec declares (PW-1)", () => {
    expect(step("getAccessToken").successCriteria).toEqual([{ condition: "$statusCode == 200" }]);
    const [criterion] = step("createOrder").successCriteria;
    expect(criterion).toMatchObject({ context: "$statusCode", type: "regex" });
    const declared = Object.keys(findOperation(API, "createOrder").operation.responses).filter((c) => c.startsWith("2"));
    const accepts = (code: string) => new RegExp(criterion.condition).test(code);
    expect(declared.every(accepts)).toBe(true);
    expect(["202", "204", "2000", "401"].some(accepts)).toBe(false);
  });

  it("PW-21: the bodies the flow sends are valid requests", () => {
    const token = substitute(step("getAccessToken").requestBody.payload, { "$inputs.client_id": "id", "$inputs.client_secret": "secret" });
    expectValid(requestBodyValidator(API, "getAccessToken", "application/x-www-form-urlencoded")(token));
    expectValid(requestBodyValidator(API, "createOrder")(substitute(step("createOrder").requestBody.payload, {})));
  });
});
