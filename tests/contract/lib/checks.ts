// The contract suite's checks as plain functions that return the failure message (or null), so
// that the suite (contract.test.ts) and the stage self-test (which runs them in-process against
// local upstreams) judge an exchange in exactly the same way. Every message is redacted.
import { readFileSync } from "node:fs";
import type { HappyRequest, OperationRecord } from "../../../scripts/apis/operations.js";
import { formatViolations } from "../../../scripts/mock/violations.js";
import type { UpstreamEvent } from "../../../scripts/stage/upstream-guard.js";
import { describeExchange as describeRaw, redactForPrint, type Exchange } from "./exchange.js";
import type { ApiPlan } from "./plan.js";
import { withClientCredentials, type ApiSession } from "./session.js";
import type { ApiTarget, ContractMode } from "./targets.js";

/** Status, URL, violations and the body's start of an exchange, redacted. */
export const describeExchange = (exchange: Exchange): string => describeRaw(exchange, formatViolations);

/**
 * One happy path: the vendor's request example must get a documented 2xx whose body matches the
 * spec, with no violation reported. On stage, a token endpoint gets the run's client credentials.
 */
export async function happyPathProblem(
  plan: ApiPlan, session: ApiSession, target: ApiTarget, mode: ContractMode,
  op: OperationRecord, example: HappyRequest, { isToken = false }: { isToken?: boolean } = {},
): Promise<string | null> {
  if (example.missing.length) return `required parameters without a documented example: ${example.missing.join(", ")}`;
  const body = mode === "stage" && isToken && target.client ? withClientCredentials(example.body, target.client) : example.body;
  const exchange = await session.call(op, { ...example, body });
  const redirect = upstreamProblem(target);
  if (redirect) return redirect;
  if (exchange.violations.length) return `Prism reported violations: ${describeExchange(exchange)}`;
  if (exchange.status < 200 || exchange.status >= 300) return `expected a 2xx: ${describeExchange(exchange)}`;
  const errors = plan.responseErrors(op, exchange);
  if (errors.length) return redactForPrint(`the response does not match the spec:\n${errors.join("\n")}\n${describeExchange(exchange)}`);
  return null;
}

// How much of each events file has been read (one reader per process: the suite's worker).
const consumed = new Map<string, number>();

/** Upstream events (redirects, unreachable upstream) recorded by the API's guards since the last call. */
export function takeUpstreamEvents(target: ApiTarget): UpstreamEvent[] {
  const file = target.upstreamEventsFile;
  if (!file) return [];
  let text = "";
  try { text = readFileSync(file, "utf8"); } catch { return []; }
  const from = consumed.get(file) ?? 0;
  consumed.set(file, text.length);
  return text.slice(from).split("\n").filter(Boolean).map((line) => JSON.parse(line) as UpstreamEvent);
}

/**
 * A redirect from the stage upstream is a failure of the test that caused it, whatever Prism made
 * of the guard's 502: the message names the status and the Location (which was never contacted).
 */
export function upstreamProblem(target: ApiTarget): string | null {
  const redirects = takeUpstreamEvents(target).filter((e) => e.kind === "redirect");
  if (!redirects.length) return null;
  return redactForPrint(`the stage upstream redirected (not followed; nothing was sent to the Location):\n${redirects.map((e) => `  ${e.message}`).join("\n")}`);
}
