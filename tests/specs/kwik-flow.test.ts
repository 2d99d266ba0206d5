// KW-21: the Kwik integration flow (specs/kwik/orders.arazzo.yaml) — create an order, list it by
// reference, update it by id, list it again. Checked statically here: every step names an operation
// the spec has, every output a step reads is produced by an earlier step, and the bodies and
// parameters it sends are valid requests. Running it against a server is `redocly respect`
// (see specs/kwik/README.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/apis/spec-files.js";
import { findOperation, parameterValidator, requestBodyValidator } from "../helpers/spec-validator.js";
import { expectValid } from "../helpers/validation-assertions.js";

type Json = any;

const API = "kwik";
const FILE = join(ROOT, "specs", API, "orders.arazzo.yaml");
const flow: Json = parse(readFileSync(FILE, "utf8"));
const workflow: Json = flow.workflows[0];
const steps: Json[] = workflow.steps;
const step = (id: string): Json => steps.find((s) => s.stepId === id);
const operationOf = (s: Json): string => /^\$sourceDescriptions\.kwik\.([A-Za-z0-9_]+)$/.exec(s.operationId)![1]!;

/** Every `$steps.<id>.outputs.<name>` used anywhere in `node`. */
const stepReferences = (node: Json): string[] =>
  typeof node === "string"
    ? [...node.matchAll(/\$steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_]+)/g)].map((m) => `${m[1]}.${m[2]}`)
    : node && typeof node === "object"
      ? Object.values(node).flatMap(stepReferences)
      : [];

/** Replace `$inputs.x` with the input's default and `$steps…` with a stored-order id. */
const substitute = (value: Json): Json => {
  if (typeof value === "string" && value.startsWith("$inputs.")) return workflow.inputs.properties[value.slice(8)].default;
  if (typeof value === "string" && value.startsWith("$steps.")) return value.endsWith("reference") ? "ORD0045" : "ord_abc123...";
  if (Array.isArray(value)) return value.map(substitute);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
  return value;
};

describe("KW-21: the Kwik flow (create → list by reference → update → list)", () => {
  it("KW-21: the steps call the documented operations in the flow's order", () => {
    expect(flow.arazzo).toMatch(/^1\.0\.\d+$/);
    expect(flow.sourceDescriptions).toEqual([{ name: "kwik", url: "./openapi.yaml", type: "openapi" }]);
    expect(steps.map((s) => [s.stepId, operationOf(s)])).toEqual([
      ["createOrder", "createOrders"],
      ["listByReference", "listOrders"],
      ["updateOrder", "updateOrders"],
      ["listById", "listOrders"],
    ]);
    for (const s of steps) expect(() => findOperation(API, operationOf(s))).not.toThrow();
  });

  it("KW-21: outputs pass between steps, and every output read is produced by an earlier step", () => {
    const produced = new Set<string>();
    for (const s of steps) {
      for (const ref of stepReferences({ ...s, outputs: undefined })) expect(produced, `${s.stepId} reads ${ref}`).toContain(ref);
      for (const name of Object.keys(s.outputs ?? {})) produced.add(`${s.stepId}.${name}`);
    }
    expect(step("listByReference").parameters).toEqual([
      { name: "order_reference", in: "query", value: "$steps.createOrder.outputs.reference" },
    ]);
    expect(step("updateOrder").requestBody.payload.records[0].id).toBe("$steps.createOrder.outputs.orderId");
    expect(step("listById").parameters[0]).toMatchObject({ name: "order_id", value: "$steps.updateOrder.outputs.orderId" });
  });

  it("KW-21: success is the assumed HTTP 200 plus the documented status:true flag, never a returned value", () => {
    for (const s of steps) {
      expect(s.successCriteria).toEqual([{ condition: "$statusCode == 200" }, { condition: "$response.body#/status == true" }]);
      expect(Object.keys(findOperation(API, operationOf(s)).operation.responses)).toContain("200");
      expect(s["x-security"]).toEqual([
        { schemeName: "basicAuth", values: { username: "$inputs.api_key", password: "$inputs.api_secret" } },
      ]);
    }
  });

  it("KW-21: the bodies and query parameters the flow sends are valid requests", () => {
    expectValid(requestBodyValidator(API, "createOrders")(substitute(step("createOrder").requestBody.payload)));
    expectValid(requestBodyValidator(API, "updateOrders")(substitute(step("updateOrder").requestBody.payload)));
    for (const id of ["listByReference", "listById"]) {
      for (const p of step(id).parameters) expectValid(parameterValidator(API, "listOrders", p.name)(substitute(p.value)));
    }
  });
});
