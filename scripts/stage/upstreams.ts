// The stage server each API's traffic goes to: the spec's server for a stage environment, or an
// override from the environment (<API>_BASE_URL, <API>_<OPERATION>_BASE_URL for an operation with
// servers of its own, such as a token endpoint on another host).
import { listOperations, serversFor, type OperationRecord } from "../apis/operations.js";

/** Environments (`x-environment`) that count as "stage", most preferred first. */
export const STAGE_ENVIRONMENTS = ["stage", "sandbox", "test"];

/** Env var prefix of an API: its name upper-cased, anything but letters and digits as "_". */
export const envPrefix = (api: string) => api.toUpperCase().replace(/[^A-Z0-9]/g, "_");

/** camelCase operationId → UPPER_SNAKE, for per-operation base-URL overrides. */
export const envOperation = (operationId: string) => operationId.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

const nonEmpty = (v: string | undefined): v is string => typeof v === "string" && v.trim() !== "";

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
