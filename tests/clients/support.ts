// Shared by the clients tests: every API's client factory (from the list in redocly.yaml),
// credentials that fit each spec's security scheme, a fetch that records what was sent, and request
// arguments built from the spec's own examples (scripts/generate/examples.ts, shared with the
// benchmark), so the sweep over operations follows the specs as they change.
import { inject } from "vitest";
import { APIS } from "../../scripts/apis/list.js";
import { specDocument, type ApiName } from "../helpers/spec-validator.js";
import {
  exampleInit as initFromExamples,
  representativeStatus,
  responseExample,
  specOperations as operationsOf,
  type SpecOperation,
} from "../../scripts/generate/examples.js";

// Secrets with non-ASCII characters, so that the Basic header's UTF-8 encoding is exercised and a
// leak would be recognisable in any error message.
export const USERNAME = "pk_test_user";
export const PASSWORD = "sk-sécret-Pässwört-42";
export const TOKEN = "bearer-token-SECRET-1234";

type AnyClient = Record<string, (init?: unknown) => Promise<any>>;
type Factory = (options: any) => AnyClient;

/** create<client>Client of each API, imported from generated/<api>/index.ts by its name in the list. */
export const FACTORIES: Record<ApiName, Factory> = Object.fromEntries(
  await Promise.all(APIS.map(async (api) => {
    const module = (await import(`../../generated/${api.name}/index.ts`)) as Record<string, unknown>;
    const factory = module[`create${api.clientName}Client`];
    if (typeof factory !== "function") throw new Error(`generated/${api.name}/index.ts has no create${api.clientName}Client (run npm run generate)`);
    return [api.name, factory as Factory];
  })),
);

/** The mock's URL; throws the global setup's message when this API's mock did not start. */
export function mockUrl(api: ApiName): string {
  const target = inject("mocks")[api];
  if (!target) throw new Error(`no mock was started for ${api}`);
  if ("error" in target) throw new Error(target.error);
  return target.url;
}

/** Credentials of the kind the spec's security scheme asks for. */
export function credentialsFor(api: ApiName): { token: string } | { username: string; password: string } {
  const schemes = Object.values<any>(specDocument(api).components?.securitySchemes ?? {});
  return schemes.some((scheme) => scheme.scheme === "basic") ? { username: USERNAME, password: PASSWORD } : { token: TOKEN };
}

/** The Authorization header those credentials must produce, computed independently of the runtime. */
export function expectedAuthorization(api: ApiName): string {
  const auth = credentialsFor(api);
  return "token" in auth ? `Bearer ${auth.token}` : `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}`;
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that records each request (method, URL, headers with lower-case names, body) and then sends it for real. */
export function recordingFetch(respond: (url: string, init: RequestInit, index: number) => Promise<Response> | Response = (url, init) => fetch(url, init)) {
  const requests: SentRequest[] = [];
  const recorder = async (url: string, init: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => [name.toLowerCase(), value]));
    requests.push({ method: init.method ?? "GET", url, headers, body: typeof init.body === "string" ? init.body : "" });
    return respond(url, init, requests.length - 1);
  };
  return { fetch: recorder, requests };
}

/** Every operation of a spec, read directly from the document (not through the generator). */
export function specOperations(api: ApiName): SpecOperation[] {
  return operationsOf(specDocument(api));
}

/** `params` and `body` for an operation from the spec's examples: its required parameters and its first request example. */
export function exampleInit(api: ApiName, operationId: string): { params: Record<string, Record<string, unknown>>; body?: unknown } {
  try {
    return initFromExamples(specDocument(api), operationId);
  } catch (error) {
    throw new Error(`specs/${api}/openapi.yaml: ${(error as Error).message}`);
  }
}

/** The first media type and its first example of one response. */
export function responseMedia(api: ApiName, operationId: string, key: string): { mediaType: string; example: unknown } | undefined {
  return responseExample(specDocument(api), operationId, key);
}

export { representativeStatus };
