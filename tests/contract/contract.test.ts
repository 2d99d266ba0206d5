// The contract suite: the same tests against the Prism mock (default) and, through
// `prism proxy --errors` → upstream guard, against each vendor's stage server (CONTRACT_TARGET=stage,
// run by `npm run test:stage`). Everything is derived from specs/<api>/openapi.yaml:
// - happy path: each of the vendor's own request examples must get a documented 2xx whose body
//   matches the spec, with no violation reported;
// - bad inputs: for each rule of the request schemas, a request that breaks it must get a 4xx that
//   names the rule (and where it was broken);
// - a request without Authorization gets 401; malformed JSON gets 400, and the server keeps serving.
// On stage (lib/stage-policy.ts): bad inputs, the 401 and the malformed-JSON cases go to the
// vendor itself only with --negatives and are reported as what the vendor did (never answered by
// the local proxy and counted as passes); operations that change existing stage data run only
// with --mutating; an upstream redirect fails the test that caused it. Every message is redacted.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { namesRule } from "../../scripts/mock/violations.js";
import { API_NAMES } from "../../scripts/apis/spec-files.js";
import type { OperationRecord } from "../../scripts/apis/operations.js";
import { createNegativeBudget } from "../../scripts/stage/negatives.js";
import { describeExchange, happyPathProblem, upstreamProblem } from "./lib/checks.js";
import type { Exchange, OutgoingRequest } from "./lib/exchange.js";
import { redactForPrint } from "./lib/exchange.js";
import { planApi, type ApiPlan, type BadRequest } from "./lib/plan.js";
import { createSession, obtainToken, sendNegativeToVendor, tokenOperation, type ApiSession } from "./lib/session.js";
import { mutatingReason, resourceKeys, stagePolicyFromEnv } from "./lib/stage-policy.js";

const config = inject("contract");
const stage = config.mode === "stage";
const policy = stagePolicyFromEnv(process.env);
const budget = createNegativeBudget(policy.negatives);
const badInputs = { tried: 0, rejected: 0 };
const vendor = { sent: 0, rejected: 0, accepted: 0, inconclusive: 0, notSent: 0 };

afterAll(() => {
  // The suite's one-line verdict on bad inputs (a bad input counts as rejected only with a 4xx
  // that names the broken rule). On stage, what the vendors did instead.
  if (!stage) console.log(`bad inputs: ${badInputs.tried} tried, ${badInputs.rejected} rejected`);
  else if (!policy.negatives.enabled) console.log(`bad inputs: not sent to vendors (${vendor.notSent} skipped; add --negatives to send them)`);
  else console.log(`bad inputs sent to vendors: ${vendor.sent} (rejected ${vendor.rejected}, accepted ${vendor.accepted}, inconclusive ${vendor.inconclusive}; ${vendor.notSent} not sent)`);
});

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
      if (!target.auth && target.client) {
        try {
          session.setAuth(await obtainToken(plan, target, session));
        } catch (error) {
          throw new Error(redactForPrint(`${api}: could not get a token: ${(error as Error).message}${stage ? `\n${upstreamProblem(target) ?? ""}` : ""}`));
        }
      }
    });
    // A redirect seen by the upstream guard during any test of this API fails that test.
    if (stage) afterEach(() => { const problem = upstreamProblem(target); if (problem) throw new Error(problem); });
    const tokenOp = tokenOperation(plan);
    const keys = resourceKeys(plan.document);

    /** Stage: why a case that is not a happy path is not sent to the vendor, or null. */
    const vendorSkip = (op: OperationRecord): string | null => {
      if (!policy.negatives.enabled) return "bad inputs are sent to a vendor only with --negatives";
      const mutating = mutatingReason(op, keys);
      return mutating && !policy.mutating ? `${mutating}: sent to stage only with --mutating` : null;
    };
    /** Stage: one bad case sent to the vendor (past Prism), reported as what the vendor did. */
    const vendorCase = async (op: OperationRecord, bad: { title: string; request: OutgoingRequest; rawBody?: string; withAuth?: boolean }, skip: (note?: string) => void) => {
      const outcome = await sendNegativeToVendor(session, api, op, bad, { options: policy.negatives, budget });
      if ("skipped" in outcome) {
        vendor.notSent += 1;
        console.log(`contract (stage): ${api}.${op.operationId}: ${bad.title}: not sent: ${outcome.skipped}`);
        return skip(outcome.skipped);
      }
      vendor.sent += 1;
      vendor[outcome.verdict.kind] += 1;
      console.log(redactForPrint(`contract (stage): ${api}.${op.operationId}: ${bad.title}: the vendor ${outcome.verdict.kind === "inconclusive" ? `answered ${outcome.verdict.status} (${outcome.verdict.reason})` : `${outcome.verdict.kind} it with ${outcome.verdict.status}`}`));
      if (outcome.failure) throw new Error(redactForPrint(`${outcome.failure}\n${describeExchange(outcome.exchange)}`));
    };

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
        const mutating = stage ? mutatingReason(op, keys) : null;
        const happySkip = stage && isToken && !target.client ? "no client credentials for the token endpoint"
          : mutating && !policy.mutating ? `${mutating}, so it changes existing stage data: run with --mutating`
          : null;
        if (happySkip) console.log(`contract (stage): ${api}.${op.operationId} happy paths skipped: ${happySkip}`);
        for (const example of happy) {
          it.skipIf(Boolean(happySkip))(`happy path: ${example.name}${happySkip ? ` (skipped: ${happySkip})` : ""}`, async () => {
            const problem = await happyPathProblem(plan, session, target, config.mode, op, example, { isToken });
            if (problem) throw new Error(problem);
          });
        }

        const caseSkip = stage ? vendorSkip(op) : null;
        const title = (text: string) => `${text}${caseSkip ? ` (skipped: ${caseSkip})` : ""}`;
        if (stage && caseSkip && (bad.length || needsAuth || jsonBody)) vendor.notSent += bad.length + Number(needsAuth && Boolean(happy[0])) + Number(jsonBody && Boolean(happy[0]));
        for (const item of bad) {
          it.skipIf(Boolean(caseSkip))(title(`rejects ${item.title}`), async (ctx) => {
            if (stage) return vendorCase(op, item, (note) => ctx.skip(note));
            expectRejected(item, await session.call(op, item.request));
          });
        }

        if (needsAuth && happy[0]) {
          it.skipIf(Boolean(caseSkip))(title("rejects a request without Authorization with 401"), async (ctx) => {
            if (stage) return vendorCase(op, { title: "no Authorization", request: happy[0]!, withAuth: false }, (note) => ctx.skip(note));
            const exchange = await session.callRaw(op, happy[0]!, { withAuth: false });
            expect(exchange.status, describeExchange(exchange)).toBe(401);
          });
        }

        if (jsonBody && happy[0]) {
          it.skipIf(Boolean(caseSkip))(title("rejects malformed JSON with 400 and keeps serving"), async (ctx) => {
            if (stage) return vendorCase(op, { title: "malformed JSON", request: happy[0]!, rawBody: '{"malformed": ' }, (note) => ctx.skip(note));
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
