// The stage credentials of each vendor, read from the environment, and what to tell a user who
// has set none. The variable names follow the vendors' own names for the secrets (BillPro "Api
// token"; Backd public/secret key; Payway client id/secret or an access token; Kwik API
// key/secret). A basic-auth API takes the pair as user name and password.
import { createRedactor, type Redactor } from "./redact.js";

export type CallAuth = { token: string } | { username: string; password: string };

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  scope?: string;
}

export interface CredentialSource {
  /** The variables, as named in the docs and in skip messages. */
  names: string;
  /** Every variable that holds a secret (for redaction). */
  secretVariables: string[];
  /** Pairs sent as HTTP Basic user:password (for redaction of their base64). */
  basicPairs: Array<[string, string]>;
  read(env: NodeJS.ProcessEnv): { auth?: CallAuth; client?: ClientCredentials } | null;
}

const nonEmpty = (v: string | undefined): v is string => typeof v === "string" && v.trim() !== "";

export const STAGE_CREDENTIALS: Record<string, CredentialSource> = {
  billpro: {
    names: "BILLPRO_API_TOKEN",
    secretVariables: ["BILLPRO_API_TOKEN"],
    basicPairs: [],
    read: (env) => (nonEmpty(env["BILLPRO_API_TOKEN"]) ? { auth: { token: env["BILLPRO_API_TOKEN"] } } : null),
  },
  backd: {
    names: "BACKD_PUBLIC_KEY and BACKD_SECRET_KEY",
    secretVariables: ["BACKD_SECRET_KEY"],
    basicPairs: [["BACKD_PUBLIC_KEY", "BACKD_SECRET_KEY"]],
    read: (env) => (nonEmpty(env["BACKD_PUBLIC_KEY"]) && nonEmpty(env["BACKD_SECRET_KEY"])
      ? { auth: { username: env["BACKD_PUBLIC_KEY"], password: env["BACKD_SECRET_KEY"] } } : null),
  },
  payway: {
    names: "PAYWAY_ACCESS_TOKEN, or PAYWAY_CLIENT_ID and PAYWAY_CLIENT_SECRET (optional PAYWAY_SCOPE)",
    secretVariables: ["PAYWAY_ACCESS_TOKEN", "PAYWAY_CLIENT_SECRET"],
    basicPairs: [["PAYWAY_CLIENT_ID", "PAYWAY_CLIENT_SECRET"]],
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
    secretVariables: ["KWIK_API_SECRET"],
    basicPairs: [["KWIK_API_KEY", "KWIK_API_SECRET"]],
    read: (env) => (nonEmpty(env["KWIK_API_KEY"]) && nonEmpty(env["KWIK_API_SECRET"])
      ? { auth: { username: env["KWIK_API_KEY"], password: env["KWIK_API_SECRET"] } } : null),
  },
};

export interface CredentialReport {
  configured: string[];
  skipped: Array<{ api: string; set: string }>;
  /** Non-null when no API at all can be tested: the message says what to set. */
  error: string | null;
}

/** Which APIs a stage run can test, and which it will report as skipped. */
export function credentialReport(env: NodeJS.ProcessEnv, apis: readonly string[] = Object.keys(STAGE_CREDENTIALS)): CredentialReport {
  const configured: string[] = [];
  const skipped: Array<{ api: string; set: string }> = [];
  for (const api of apis) {
    const source = STAGE_CREDENTIALS[api];
    if (source?.read(env)) configured.push(api);
    else skipped.push({ api, set: source?.names ?? `${api.toUpperCase()} credentials` });
  }
  const error = configured.length === 0
    ? `no stage credentials are set for any API, so nothing would be tested. Set, for each API to test:\n${skipped.map((s) => `  ${s.api}: ${s.set}`).join("\n")}`
    : null;
  return { configured, skipped, error };
}

/** A redactor for every stage credential set in env (the variables' values in all their forms). */
export function stageRedactor(env: NodeJS.ProcessEnv, extraSecrets: string[] = []): Redactor {
  const sources = Object.values(STAGE_CREDENTIALS);
  const secrets = sources.flatMap((s) => s.secretVariables.map((name) => env[name]));
  const pairs = sources.flatMap((s) => s.basicPairs.map(([u, p]) => [env[u], env[p]] as [string | undefined, string | undefined]));
  return createRedactor([...secrets, ...extraSecrets], pairs);
}
