// The stage credentials of each API, read from the environment, and what to tell a user who has
// set none. Which variables hold them is declared per API in redocly.yaml
// (`x-project.stage.credentials`, read by scripts/apis/list.ts): `token` (Bearer), `basic` (a
// user/password pair sent as HTTP Basic), `client` (client credentials for a token endpoint).
import { APIS, type StageCredentialNames } from "../apis/list.js";
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

/** One API's credential source, from the variable names its redocly.yaml entry declares. */
export function credentialSource(names: StageCredentialNames): CredentialSource {
  const ways: string[] = [];
  if (names.token) ways.push(names.token);
  if (names.basic) ways.push(`${names.basic.username} and ${names.basic.password}`);
  if (names.client) ways.push(`${names.client.id} and ${names.client.secret}${names.client.scope ? ` (optional ${names.client.scope})` : ""}`);
  // The user name of a Basic pair and a client id are redacted too: they identify the account.
  const secretVariables = [names.token, names.basic?.username, names.basic?.password, names.client?.id, names.client?.secret].filter(nonEmpty);
  const basicPairs: Array<[string, string]> = [];
  if (names.basic) basicPairs.push([names.basic.username, names.basic.password]);
  if (names.client) basicPairs.push([names.client.id, names.client.secret]);
  return {
    names: ways.length ? ways.join(", or ") : "(no stage credentials are declared in redocly.yaml)",
    secretVariables,
    basicPairs,
    read(env) {
      const found: { auth?: CallAuth; client?: ClientCredentials } = {};
      if (names.token && nonEmpty(env[names.token])) found.auth = { token: env[names.token]! };
      else if (names.basic && nonEmpty(env[names.basic.username]) && nonEmpty(env[names.basic.password])) {
        found.auth = { username: env[names.basic.username]!, password: env[names.basic.password]! };
      }
      if (names.client && nonEmpty(env[names.client.id]) && nonEmpty(env[names.client.secret])) {
        const scope = names.client.scope ? env[names.client.scope] : undefined;
        found.client = { clientId: env[names.client.id]!, clientSecret: env[names.client.secret]!, ...(nonEmpty(scope) ? { scope } : {}) };
      }
      return found.auth || found.client ? found : null;
    },
  };
}

export const STAGE_CREDENTIALS: Record<string, CredentialSource> = Object.fromEntries(
  APIS.map((api) => [api.name, credentialSource(api.stageCredentials)]),
);

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
