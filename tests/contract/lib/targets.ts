// Where the contract suite sends each API's traffic, and with which credentials.
//
// mock  (default): Prism mocks on free loopback ports; credentials are placeholders, because
//                  Prism checks only that the Authorization header has the right scheme.
// stage (CONTRACT_TARGET=stage): `prism proxy --errors` in front of the vendor's stage server,
//                  credentials from environment variables. An API whose credentials are not
//                  set is skipped, with the reason.
import { listOperations, serversFor, type OperationRecord } from "../../../scripts/apis/operations.js";

export type ContractMode = "mock" | "stage";

/** Environments (`x-environment`) that count as "stage", most preferred first. */
export const STAGE_ENVIRONMENTS = ["stage", "sandbox", "test"];

export type CallAuth = { token: string } | { username: string; password: string };

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  scope?: string;
}

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

interface CredentialSource {
  /** The variables, as named in the docs and in skip messages. */
  names: string;
  read(env: NodeJS.ProcessEnv): { auth?: CallAuth; client?: ClientCredentials } | null;
}

const nonEmpty = (v: string | undefined): v is string => typeof v === "string" && v.trim() !== "";

/**
 * The credential variables of each vendor. They follow the vendors' own names for the secrets
 * (BillPro "Api token"; Backd public/secret key; Payway client id/secret or an access token; Kwik
 * API key/secret). A basic-auth API takes the pair as user name and password.
 */
export const STAGE_CREDENTIALS: Record<string, CredentialSource> = {
  billpro: {
    names: "BILLPRO_API_TOKEN",
    read: (env) => (nonEmpty(env["BILLPRO_API_TOKEN"]) ? { auth: { token: env["BILLPRO_API_TOKEN"] } } : null),
  },
  backd: {
    names: "BACKD_PUBLIC_KEY and BACKD_SECRET_KEY",
    read: (env) => (nonEmpty(env["BACKD_PUBLIC_KEY"]) && nonEmpty(env["BACKD_SECRET_KEY"])
      ? { auth: { username: env["BACKD_PUBLIC_KEY"], password: env["BACKD_SECRET_KEY"] } } : null),
  },
  payway: {
    names: "PAYWAY_ACCESS_TOKEN, or PAYWAY_CLIENT_ID and PAYWAY_CLIENT_SECRET (optional PAYWAY_SCOPE)",
    read: (env) => {
      const token = nonEmpty(env["PAYWAY_ACCESS_TOKEN"]) ? { auth: { token: env["PAYWAY_ACCESS_TOKEN"] } } : {};
      const client = nonEmpty(env["PAYWAY_CLIENT_ID"]) && nonEmpty(env["PAYWAY_CLIENT_SECRET"])
        ? { client: { clientId: env["PAYWAY_CLIENT_ID"], clientSecret: env["PAYWAY_CLIENT_SECRET"], ...(nonEmpty(env["PAYWAY_SCOPE"]) ? { scope: env["PAYWAY_SCOPE"] } : {}) } }
        : {};
      return "auth" in token || "client" in client ? { ...token, ...client } : null;
    },
  },
  kwik: {
    names: "KWIK_API_KEY and KWIK_API_SECRET",
    read: (env) => (nonEmpty(env["KWIK_API_KEY"]) && nonEmpty(env["KWIK_API_SECRET"])
      ? { auth: { username: env["KWIK_API_KEY"], password: env["KWIK_API_SECRET"] } } : null),
  },
};

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
