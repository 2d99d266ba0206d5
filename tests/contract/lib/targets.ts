// Where the contract suite sends each API's traffic, and with which credentials.
//
// mock  (default): Prism mocks on free loopback ports; credentials are placeholders, because
//                  Prism checks only that the Authorization header has the right scheme.
// stage (CONTRACT_TARGET=stage): `prism proxy --errors` in front of the vendor's stage server,
//                  credentials from environment variables. An API whose credentials are not
//                  set is skipped, with the reason.
// The credential variables and their readers live with the stage runner (scripts/stage/credentials.ts),
// which also checks them before a run and redacts their values from everything printed.
import { STAGE_CREDENTIALS, type CallAuth, type ClientCredentials } from "../../../scripts/stage/credentials.js";
export { STAGE_CREDENTIALS, type CallAuth, type ClientCredentials };
// What one API's traffic is pointed at is the stage runner's type too (scripts/stage/chains.ts).
import type { ApiTarget } from "../../../scripts/stage/chains.js";
export type { ApiTarget };

export type ContractMode = "mock" | "stage";

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

