// Backd's integration flow as Arazzo workflows (specs/backd/order-lifecycle.arazzo.yaml, BD-23):
// each step calls an operation of the spec, the ids create_order returns are passed to every later
// step, success criteria assert statuses only (the mock is stateless), and the credentials are
// inputs, never written in the file. `redocly respect` runs the file against a mock; here the
// structure is checked in-process, so a broken reference fails fast and without a server.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findOperation, requestBodyValidator } from "../helpers/spec-validator.js";
import { expectValid } from "../helpers/validation-assertions.js";

type Json = any;

const FILE = new URL("../../specs/backd/order-lifecycle.arazzo.yaml", import.meta.url);
const text = readFileSync(FILE, "utf8");
const arazzo: Json = parse(text);
const workflow = (id: string): Json => arazzo.workflows.find((w: Json) => w.workflowId === id);
const operationOf = (step: Json): string => String(step.operationId).replace(/^\$sourceDescriptions\.backd\./, "");

describe("backd workflows (BD-23)", () => {
  it("is Arazzo 1.0.x with the Backd spec as its one source", () => {
    expect(arazzo.arazzo).toMatch(/^1\.0\.\d+$/);
    expect(arazzo.sourceDescriptions).toEqual([{ name: "backd", url: "./openapi.yaml", type: "openapi" }]);
  });

  it("BD-23: confirms in one workflow and cancels in the other, after create → placed → find", () => {
    expect(workflow("placeAndConfirmOrder").steps.map(operationOf)).toEqual(["createOrder", "placeOrder", "findOrder", "confirmOrder"]);
    expect(workflow("placeAndCancelOrder").steps.map(operationOf)).toEqual(["createOrder", "placeOrder", "findOrder", "cancelOrder"]);
  });

  it("BD-23: every step calls an operation of the spec", () => {
    for (const w of arazzo.workflows) for (const step of w.steps) expect(() => findOperation("backd", operationOf(step))).not.toThrow();
  });

  it("BD-23: the ids create_order returns are passed to every later step", () => {
    for (const w of arazzo.workflows) {
      const [create, ...later] = w.steps;
      expect(create.outputs).toMatchObject({
        backdOrderId: "$response.body#/data/backd_order_id",
        merchantOrderId: "$response.body#/data/merchant_order_id",
      });
      for (const step of later) {
        const sent = JSON.stringify({ body: step.requestBody?.payload, parameters: step.parameters });
        expect(sent, `${w.workflowId}.${step.stepId}`).toContain("$steps.createOrder.outputs.backdOrderId");
      }
      expect(later.find((s: Json) => s.stepId === "placeOrder").requestBody.payload.merchant_order_id).toBe("$steps.createOrder.outputs.merchantOrderId");
    }
  });

  it("BD-23: the customer's redirect between create and placed is described", () => {
    expect(arazzo.info.description).toMatch(/customer_url/);
    expect(arazzo.info.description).toMatch(/order_success_url/);
    for (const w of arazzo.workflows) expect(w.description, w.workflowId).toMatch(/customer redirect/);
  });

  it("BD-23: success criteria assert statuses only (a stateless mock answers with examples)", () => {
    for (const w of arazzo.workflows) {
      for (const step of w.steps) expect(step.successCriteria, `${w.workflowId}.${step.stepId}`).toEqual([{ condition: "$statusCode == 200" }]);
    }
  });

  it("BD-23: credentials come from inputs through x-security with the spec's basicAuth, never from the file", () => {
    for (const w of arazzo.workflows) {
      for (const step of w.steps) {
        expect(step["x-security"], `${w.workflowId}.${step.stepId}`).toEqual([
          { schemeName: "basicAuth", values: { username: "$inputs.publicKey", password: "$inputs.secretKey" } },
        ]);
      }
    }
    expect(arazzo.components.inputs.credentials.required).toEqual(["publicKey", "secretKey"]);
    expect(text).not.toMatch(/\b(pk|sk)_[A-Za-z0-9]/);
  });

  it("the create_order payloads are valid create_order requests", () => {
    const validate = requestBodyValidator("backd", "createOrder");
    for (const w of arazzo.workflows) expectValid(validate(w.steps[0].requestBody.payload));
  });
});
