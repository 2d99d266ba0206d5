// Where the contract suite sends each API's traffic, and with which credentials.
//
// mock  (default): Prism mocks on free loopback ports; credentials are placeholders, because
//                  Prism checks only that the Authorization header has the right scheme.
// stage (CONTRACT_TARGET=stage): `prism proxy --errors` in front of the vendor's stage server,
//                  credentials from environment variables. An API whose credentials are not
//                  set is skipped, with the reason.
import { listOperations, serversFor, type OperationRecord } from "../../../scripts/apis/operations.js";
// The credential variables and their readers live with the stage runner (scripts/stage/credentials.ts),
// which also checks them before a run and redacts their values from everything printed.
import { STAGE_CREDENTIALS, type CallAuth, type ClientCredentials } from "../../../scripts/stage/credentials.js";
export { STAGE_CREDENTIALS, type CallAuth, type ClientCredentials };

export type ContractMode = "mock" | "stage";

/** Environments (`x-environment`) that count as "stage", most preferred first. */
export const STAGE_ENVIRONMENTS = ["stage", "sandbox", "test"];

export interface ApiTarget {
  /** Set when the API cannot be tested in this run; the reason is printed and its tests are skipped. */
  skip?: string;
  /** Set when the API should be tested but cannot be set up (a missing spec, no stage server). Its tests fail. */
  error?: string;
  /** Where requests go (the mock, or the proxy in front of stage). */
  baseUrl?: string;
  /** Operations with their own `servers` (Payway's token endpoint) get their own proxy in stage mode. */
  operationBaseUrls?: Record<string, string>;
  /** Where the proxy forwards to (stage mode), for messages. */
  upstream?: string;
  /**
   * Stage mode: the upstream guard in front of the vendor (scripts/stage/upstream-guard.ts), by
   * operation where an operation has its own server. Bad-input cases sent with --negatives go
   * here, past Prism's validating proxy, so that the vendor (not Prism) answers them.
   */
  vendorBaseUrl?: string;
  operationVendorBaseUrls?: Record<string, string>;
  /** Stage mode: the file the upstream guards append redirect events to (JSON lines). */
  upstreamEventsFile?: string;
  auth?: CallAuth;
  /** Credentials for a token endpoint (Payway): used to get `auth` when no token is given, and for its own test. */
  client?: ClientCredentials;
}

export interface ContractConfig {
  mode: ContractMode;
  apis: Record<string, ApiTarget>;
}

export function contractMode(env: NodeJS.ProcessEnv): ContractMode {
  const value = (env["CONTRACT_TARGET"] ?? "mock").trim() || "mock";
  if (value !== "mock" && value !== "stage") {
    throw new Error(`CONTRACT_TARGET must be "mock" or "stage", got "${value}"`);
  }
  return value;
}

/** Env var prefix of an API: BILLPRO, BACKD, PAYWAY, KWIK. */
export const envPrefix = (api: string) => api.toUpperCase().replace(/[^A-Z0-9]/g, "_");

/** camelCase operationId → UPPER_SNAKE, for per-operation base-URL overrides. */
export const envOperation = (operationId: string) => operationId.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

const nonEmpty = (v: string | undefined): v is string => typeof v === "string" && v.trim() !== "";

/** Placeholder credentials for the mock, shaped after the spec's security schemes. */
export function mockCredentials(document: any): { auth?: CallAuth } {
  const schemes = Object.values<any>(document?.components?.securitySchemes ?? {});
  if (schemes.some((s) => s?.type === "http" && String(s.scheme).toLowerCase() === "basic")) {
    return { auth: { username: "mock-user", password: "mock-password" } };
  }
  if (schemes.some((s) => s?.type === "http" && String(s.scheme).toLowerCase() === "bearer")) {
    return { auth: { token: "mock-token" } };
  }
  return {};
}

/** The stage URL of the API (override first), or an explanation of why there is none. */
export function stageUpstream(api: string, document: any, env: NodeJS.ProcessEnv): { url: string } | { error: string } {
  const override = env[`${envPrefix(api)}_BASE_URL`];
  if (nonEmpty(override)) return { url: override.replace(/\/+$/, "") };
  const server = serversFor(document.servers, STAGE_ENVIRONMENTS)[0];
  if (!server) {
    return { error: `specs/${api}/openapi.yaml has no server with x-environment ${STAGE_ENVIRONMENTS.join("/")}, and ${envPrefix(api)}_BASE_URL is not set` };
  }
  return { url: String(server.url).replace(/\/+$/, "") };
}

/** Operations with their own servers: operationId → stage URL (override: <API>_<OPERATION>_BASE_URL). */
export function operationUpstreams(api: string, document: any, env: NodeJS.ProcessEnv): Record<string, string> {
  const found: Record<string, string> = {};
  for (const op of listOperations(document) as OperationRecord[]) {
    if (!op.servers) continue;
    const override = env[`${envPrefix(api)}_${envOperation(op.operationId)}_BASE_URL`];
    const server = serversFor(op.servers, STAGE_ENVIRONMENTS)[0];
    const url = nonEmpty(override) ? override : server?.url;
    if (url) found[op.operationId] = String(url).replace(/\/+$/, "");
  }
  return found;
}
