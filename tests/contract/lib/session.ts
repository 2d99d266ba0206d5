// How the contract tests call one API: base URLs, credentials, and the token exchange for an
// API whose calls need a token from its own token endpoint (Payway).
import type { OperationRecord } from "../../../scripts/apis/operations.js";
import { judgeVendor, recordFinding, type NegativeBudget, type NegativeOptions, type VendorVerdict } from "../../../scripts/stage/negatives.js";
import { recordingClient, tokenFromEndpoint, type RecordingClient } from "./clients.js";
import { requestUrl, sendRaw, toExchange, type Exchange, type OutgoingRequest } from "./exchange.js";
import type { ApiPlan } from "./plan.js";
import type { ApiTarget, CallAuth, ClientCredentials, ContractMode } from "./targets.js";

export interface ApiSession {
  mode: ContractMode;
  /** Sends a request the way an application would: through the generated client. */
  call(op: OperationRecord, request: OutgoingRequest): Promise<Exchange>;
  /** Sends without an Authorization header, or with a raw body. */
  callRaw(op: OperationRecord, request: OutgoingRequest, options?: { withAuth?: boolean; rawBody?: string }): Promise<Exchange>;
  baseUrlFor(op: OperationRecord): string;
  /** Credentials obtained after the session was created (a token from the token endpoint). */
  setAuth(auth: CallAuth): void;
  /**
   * Stage mode with --negatives: sends a bad-input case to the vendor through the upstream
   * guard, past Prism's validating proxy, with the run's credentials. Undefined when the target
   * has no upstream guard (mock mode).
   */
  callVendor?(op: OperationRecord, request: OutgoingRequest, options?: { rawBody?: string; withAuth?: boolean }): Promise<Exchange>;
}

/** The operation that issues tokens: public, with client_id/client_secret in, access_token out. */
export function tokenOperation(plan: ApiPlan): OperationRecord | undefined {
  return plan.operations.map((p) => p.op).find((op) => {
    if (op.security.length > 0 && !op.security.some((s) => Object.keys(s).length === 0)) return false;
    const text = JSON.stringify(op.requestBody?.media.map((m) => m.examples.map((e) => e.value)) ?? []);
    return text.includes("client_id") && text.includes("client_secret");
  });
}

/** The vendor's token request example with real client credentials put in. */
export function withClientCredentials(body: unknown, client: ClientCredentials): unknown {
  const copy = { ...(body as Record<string, unknown>) };
  copy["client_id"] = client.clientId;
  copy["client_secret"] = client.clientSecret;
  if (client.scope !== undefined) copy["scope"] = client.scope;
  return copy;
}

export function createSession(plan: ApiPlan, target: ApiTarget, mode: ContractMode): ApiSession {
  let auth: CallAuth | undefined = target.auth;
  const baseUrlFor = (op: OperationRecord) => target.operationBaseUrls?.[op.operationId] ?? target.baseUrl!;
  // One client per base URL (an operation with its own servers has its own proxy on stage).
  const clients = new Map<string, RecordingClient>();
  const clientFor = (op: OperationRecord) => {
    const baseUrl = baseUrlFor(op);
    let client = clients.get(baseUrl);
    if (!client) {
      client = recordingClient(plan.api, baseUrl, auth);
      clients.set(baseUrl, client);
    }
    return client;
  };
  const session: ApiSession = {
    mode,
    baseUrlFor,
    setAuth: (value) => { auth = value; clients.clear(); },
    call: async (op, request) => {
      const params: Record<string, unknown> = {};
      if (Object.keys(request.pathParams).length) params["path"] = request.pathParams;
      if (Object.keys(request.query).length) params["query"] = request.query;
      const init: Record<string, unknown> = { params };
      if (request.body !== undefined) init["body"] = request.body;
      if (request.headers && Object.keys(request.headers).length) init["headers"] = request.headers;
      const { response } = await clientFor(op).call(op.operationId, init);
      return toExchange(response, requestUrl(baseUrlFor(op), op, request));
    },
    callRaw: (op, request, { withAuth = false, rawBody } = {}) =>
      sendRaw(baseUrlFor(op), op, request, { auth: withAuth ? auth : undefined, ...(rawBody !== undefined ? { rawBody } : {}) }),
  };
  if (mode === "stage" && target.vendorBaseUrl) {
    const vendorUrlFor = (op: OperationRecord) => target.operationVendorBaseUrls?.[op.operationId] ?? target.vendorBaseUrl!;
    session.callVendor = (op, request, { rawBody, withAuth = true } = {}) =>
      sendRaw(vendorUrlFor(op), op, request, { auth: withAuth ? auth : undefined, ...(rawBody !== undefined ? { rawBody } : {}) });
  }
  return session;
}

/**
 * Gets a token from the API's token endpoint when the run has client credentials but no token
 * (stage mode, Payway), with the generated client's token helper. The request goes through the
 * same kind of proxy as every other, so it is checked against the spec too.
 */
export async function obtainToken(plan: ApiPlan, target: ApiTarget, session: ApiSession): Promise<CallAuth> {
  const op = tokenOperation(plan);
  const client = target.client;
  if (!op || !client) throw new Error(`${plan.api}: no token given and no token endpoint or client credentials to get one`);
  const example = plan.operations.find((p) => p.op === op)?.happy[0];
  if (!example) throw new Error(`${plan.api}: the token endpoint ${op.operationId} has no request example to build the request from`);
  return { token: await tokenFromEndpoint(plan.api, session.baseUrlFor(op), withClientCredentials(example.body, client)) };
}

export type VendorNegativeOutcome =
  | { skipped: string }
  | { verdict: VendorVerdict; exchange: Exchange; /** Set when the run must fail for it (--strict). */ failure?: string };

/**
 * Stage mode: one bad-input case sent to the vendor itself (never answered by Prism's proxy),
 * within the run's budget, and recorded as a finding for the run's report. Without --negatives,
 * or once the budget is spent, the case is skipped with the reason. An accepted bad input (the
 * spec is stricter than the vendor) fails only with --strict.
 */
export async function sendNegativeToVendor(
  session: ApiSession,
  api: string,
  op: OperationRecord,
  bad: { title: string; request: OutgoingRequest; rawBody?: string; withAuth?: boolean },
  { options, budget }: { options: NegativeOptions; budget: NegativeBudget },
): Promise<VendorNegativeOutcome> {
  if (!options.enabled) return { skipped: "bad inputs are sent to a vendor only with --negatives" };
  if (!session.callVendor) return { skipped: "no upstream guard to reach the vendor directly" };
  if (!(await budget.take())) return { skipped: `the run's budget of ${options.max} bad inputs is spent` };
  const exchange = await session.callVendor(op, bad.request, {
    ...(bad.rawBody !== undefined ? { rawBody: bad.rawBody } : {}),
    ...(bad.withAuth !== undefined ? { withAuth: bad.withAuth } : {}),
  });
  const verdict = judgeVendor(exchange.status);
  recordFinding(options.findingsFile, { api, operationId: op.operationId, case: bad.title, verdict });
  if (verdict.kind === "accepted" && options.strict) {
    return { verdict, exchange, failure: `--strict: ${api} ${op.operationId} accepted a bad input (${bad.title}) with ${exchange.status}` };
  }
  return { verdict, exchange };
}
