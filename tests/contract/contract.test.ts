// The contract suite: the same tests against the Prism mock (default) and, through
// `prism proxy --errors`, against each vendor's stage server (CONTRACT_TARGET=stage).
// Everything is derived from specs/<api>/openapi.yaml:
// - happy path: each of the vendor's own request examples must get a documented 2xx whose body
//   matches the spec, with no violation reported;
// - bad inputs: for each rule of the request schemas, a request that breaks it must get a 4xx that
//   names the rule (and where it was broken);
// - a request without Authorization gets 401; malformed JSON gets 400, and the server keeps serving.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatViolations, namesRule } from "../../scripts/mock/violations.js";
import { API_NAMES } from "../../scripts/apis/spec-files.js";
import type { Exchange } from "./lib/exchange.js";
import { planApi, type ApiPlan, type BadRequest } from "./lib/plan.js";
import { createSession, obtainToken, tokenOperation, withClientCredentials, type ApiSession } from "./lib/session.js";

const config = inject("contract");
const badInputs = { tried: 0, rejected: 0 };

afterAll(() => {
  // The suite's one-line verdict on bad inputs (a bad input counts as rejected only with a 4xx
  // that names the broken rule).
  console.log(`bad inputs: ${badInputs.tried} tried, ${badInputs.rejected} rejected`);
});

function describeExchange(exchange: Exchange): string {
  const violations = exchange.violations.length ? `\nviolations:\n${formatViolations(exchange.violations)}` : "";
  return `${exchange.status} from ${exchange.url}${violations}\nbody: ${exchange.bodyText.slice(0, 600)}`;
}

function expectRejected(bad: BadRequest, exchange: Exchange): void {
  badInputs.tried += 1;
  const is4xx = exchange.status >= 400 && exchange.status < 500;
  const named = namesRule(exchange.violations, bad.expect);
  if (is4xx && named) badInputs.rejected += 1;
  expect(is4xx, `expected a 4xx for a request breaking ${bad.expect.rule}, got ${describeExchange(exchange)}`).toBe(true);
  const where = [bad.expect.where, ...bad.expect.location].join(".");
  expect(named, `the 4xx does not name rule "${bad.expect.rule}" at ${where}${bad.expect.property ? ` ('${bad.expect.property}')` : ""}: ${describeExchange(exchange)}`).toBe(true);
}

for (const api of API_NAMES) {
  const target = config.apis[api] ?? { error: `no target was prepared for ${api}` };
  if (target.skip) console.log(`contract (${config.mode}): ${api} skipped: ${target.skip}`);

  describe.skipIf(Boolean(target.skip))(`${api}${target.skip ? ` (skipped: ${target.skip})` : ""}`, () => {
    if (target.error) {
      it("can be tested", () => { throw new Error(target.error); });
      return;
    }
    let plan: ApiPlan;
    try {
      plan = planApi(api);
    } catch (error) {
      it("has a readable spec", () => { throw error; });
      return;
    }

    let session: ApiSession;
    beforeAll(async () => {
      session = createSession(plan, target, config.mode);
      if (!target.auth && target.client) session.setAuth(await obtainToken(plan, target, session));
    });
    const tokenOp = tokenOperation(plan);

    for (const { op, happy, bad, skipped, needsAuth, jsonBody } of plan.operations) {
      describe(`${op.operationId} (${op.method.toUpperCase()} ${op.path})`, () => {
        if (skipped.length) {
          console.log(`contract: ${api}.${op.operationId}: rules not broken one at a time:\n  ${skipped.map((s) => `${s.path} [${s.rule}]: ${s.reason}`).join("\n  ")}`);
        }
        if (happy.length === 0) {
          it("has a vendor request example to test the happy path with", () => {
            throw new Error(`specs/${api}/openapi.yaml: ${op.operationId} has a request body but no named request example`);
          });
        }

        // The token endpoint on stage needs real client credentials in its body.
        const isToken = op === tokenOp;
        const noClient = config.mode === "stage" && isToken && !target.client;
        if (noClient) console.log(`contract (stage): ${api}.${op.operationId} happy paths skipped: no client credentials for the token endpoint`);
        for (const example of happy) {
          it.skipIf(noClient)(`happy path: ${example.name}${noClient ? " (skipped: no client credentials for the token endpoint)" : ""}`, async () => {
            expect(example.missing, `required parameters without a documented example: ${example.missing.join(", ")}`).toEqual([]);
            const body = config.mode === "stage" && isToken && target.client ? withClientCredentials(example.body, target.client) : example.body;
            const exchange = await session.call(op, { ...example, body });
            expect(exchange.violations.length === 0, `Prism reported violations: ${describeExchange(exchange)}`).toBe(true);
            expect(exchange.status >= 200 && exchange.status < 300, `expected a 2xx: ${describeExchange(exchange)}`).toBe(true);
            const errors = plan.responseErrors(op, exchange);
            expect(errors.length === 0, `the response does not match the spec:\n${errors.join("\n")}\n${describeExchange(exchange)}`).toBe(true);
          });
        }

        for (const item of bad) {
          it(`rejects ${item.title}`, async () => {
            expectRejected(item, await session.call(op, item.request));
          });
        }

        if (needsAuth && happy[0]) {
          it("rejects a request without Authorization with 401", async () => {
            const exchange = await session.callRaw(op, happy[0]!, { withAuth: false });
            expect(exchange.status, describeExchange(exchange)).toBe(401);
          });
        }

        if (jsonBody && happy[0]) {
          it("rejects malformed JSON with 400 and keeps serving", async () => {
            const broken = await session.callRaw(op, happy[0]!, { withAuth: true, rawBody: '{"malformed": ' });
            expect(broken.status, describeExchange(broken)).toBe(400);
            const after = await session.call(op, happy[0]!);
            expect(after.status >= 200 && after.status < 300, `the server did not keep serving: ${describeExchange(after)}`).toBe(true);
          });
        }
      });
    }
  });
}
