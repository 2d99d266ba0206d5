// The one list of APIs: redocly.yaml's `apis:` (the place Redocly CLI and openapi-typescript read
// it from). Next to each entry, `x-project` holds what the rest of the pipeline needs:
//
//   apis:
//     <name>:
//       root: specs/<name>/openapi.yaml      # Redocly: lint, bundle, build-docs
//       x-openapi-ts: { output: generated/<name>/schema.ts }   # openapi-typescript
//       x-project:
//         client: <Name>       # generated factory: create<Name>Client
//         mockPort: <port>     # default port of `npm run mock` (env MOCK_<NAME>_PORT overrides it)
//         export: ./<name>     # package.json "exports" subpath of the client
//         stage:               # optional: the env variables holding its stage credentials
//           credentials: { token: VAR } | { basic: { username: VAR, password: VAR } }
//                        (+ client: { id: VAR, secret: VAR, scope?: VAR } for a token endpoint)
//
// Every script and generic test takes its APIs from here; adding an API is one entry in that file.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The repository root (this file is scripts/apis/list.ts). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface ApiEntry {
  /** The key under `apis:`, e.g. used in file names, flags and env names. */
  name: string;
  /** Spec path relative to the repository root (`root:`), e.g. "specs/<name>/openapi.yaml". */
  root: string;
  /** Absolute spec path. */
  specFile: string;
  /** Where openapi-typescript writes the types (`x-openapi-ts.output`), relative to the root. */
  schemaOutput: string;
  /** The client's name in generated code: create<clientName>Client. */
  clientName: string;
  /** The default local mock port. */
  mockPort: number;
  /** package.json "exports" subpath of the client, e.g. "./<name>". */
  exportPath: string;
  /** The environment variables holding the API's stage credentials (`x-project.stage.credentials`); empty when none are declared. */
  stageCredentials: StageCredentialNames;
}

/** Names of environment variables (never values): which ones a stage run reads for an API. */
export interface StageCredentialNames {
  /** A Bearer token. */
  token?: string;
  /** An HTTP Basic pair. */
  basic?: { username: string; password: string };
  /** OAuth client credentials, sent to the API's token endpoint to get a token. */
  client?: { id: string; secret: string; scope?: string };
}

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

function readStageCredentials(raw: unknown, fail: (message: string) => never): StageCredentialNames {
  if (raw === undefined) return {};
  const where = "x-project.stage.credentials";
  if (raw === null || typeof raw !== "object") fail(`${where} must be a map`);
  const given = raw as Record<string, unknown>;
  const name = (value: unknown, key: string): string => {
    if (typeof value !== "string" || !ENV_NAME.test(value)) fail(`${where}.${key} must be an environment variable name (UPPER_SNAKE), got ${JSON.stringify(value)}`);
    return value as string;
  };
  const unknownKey = Object.keys(given).find((k) => !["token", "basic", "client"].includes(k));
  if (unknownKey) fail(`${where}.${unknownKey} is not known (token, basic, client)`);
  const out: StageCredentialNames = {};
  if (given["token"] !== undefined) out.token = name(given["token"], "token");
  if (given["basic"] !== undefined) {
    const basic = (given["basic"] ?? {}) as Record<string, unknown>;
    out.basic = { username: name(basic["username"], "basic.username"), password: name(basic["password"], "basic.password") };
  }
  if (given["client"] !== undefined) {
    const client = (given["client"] ?? {}) as Record<string, unknown>;
    out.client = { id: name(client["id"], "client.id"), secret: name(client["secret"], "client.secret"), ...(client["scope"] !== undefined ? { scope: name(client["scope"], "client.scope") } : {}) };
  }
  if (!out.token && !out.basic && !out.client) fail(`${where} names no variable (token, basic or client)`);
  return out;
}

const API_NAME = /^[a-z][a-z0-9]*$/;
const CLIENT_NAME = /^[A-Z][A-Za-z0-9]*$/;

/** Reads and checks the list; any problem is an error naming redocly.yaml and the API. */
export function readApiList(root: string = ROOT): ApiEntry[] {
  const file = join(root, "redocly.yaml");
  let config: unknown;
  try {
    config = parse(readFileSync(file, "utf8"), { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new Error(`redocly.yaml: ${(error as Error).message}`);
  }
  const apis = (config as { apis?: unknown } | null)?.apis;
  if (apis === null || typeof apis !== "object" || Array.isArray(apis) || Object.keys(apis).length === 0) {
    throw new Error("redocly.yaml: no `apis:` map (the list of APIs every script reads)");
  }
  const entries = Object.entries(apis as Record<string, unknown>).map(([name, raw]) => toEntry(root, name, raw));
  const seen = new Map<number, string>();
  for (const entry of entries) {
    const other = seen.get(entry.mockPort);
    if (other) throw new Error(`redocly.yaml: apis.${entry.name}.x-project.mockPort ${entry.mockPort} is also ${other}'s`);
    seen.set(entry.mockPort, entry.name);
  }
  return entries;
}

function toEntry(root: string, name: string, raw: unknown): ApiEntry {
  const fail = (message: string): never => {
    throw new Error(`redocly.yaml: apis.${name}: ${message}`);
  };
  if (!API_NAME.test(name)) fail("the name must be lowercase letters and digits (it becomes a folder, a flag and an env name)");
  const api = (raw ?? {}) as { root?: unknown; "x-openapi-ts"?: { output?: unknown }; "x-project"?: Record<string, unknown> };
  if (typeof api.root !== "string") fail("no `root:` (the spec file)");
  const output = api["x-openapi-ts"]?.output;
  if (typeof output !== "string") fail("no `x-openapi-ts.output` (where openapi-typescript writes its types)");
  const project = api["x-project"];
  if (project === undefined || typeof project !== "object") fail("no `x-project:` (client, mockPort, export)");
  const { client, mockPort, export: exportPath, stage } = project as Record<string, unknown>;
  if (stage !== undefined && (stage === null || typeof stage !== "object")) fail("x-project.stage must be a map");
  const stageCredentials = readStageCredentials((stage as Record<string, unknown> | undefined)?.["credentials"], fail);
  if (typeof client !== "string" || !CLIENT_NAME.test(client)) fail(`x-project.client must be a PascalCase name, got ${JSON.stringify(client)}`);
  if (!Number.isInteger(mockPort) || (mockPort as number) < 1 || (mockPort as number) > 65535) fail(`x-project.mockPort must be a port number, got ${JSON.stringify(mockPort)}`);
  if (exportPath !== `./${name}`) fail(`x-project.export must be "./${name}", got ${JSON.stringify(exportPath)}`);
  const specFile = resolve(root, api.root as string);
  return {
    name,
    root: relative(root, specFile),
    specFile,
    schemaOutput: relative(root, resolve(root, output as string)),
    clientName: client as string,
    mockPort: mockPort as number,
    exportPath: exportPath as string,
    stageCredentials,
  };
}

/** The list, read once per process. */
export const APIS: readonly ApiEntry[] = Object.freeze(readApiList());

/** The API names in list order. */
export const API_NAMES: readonly string[] = Object.freeze(APIS.map((api) => api.name));

/** One API's entry; an unknown name is an error listing the known ones. */
export function apiEntry(name: string): ApiEntry {
  const entry = APIS.find((api) => api.name === name);
  if (!entry) throw new Error(`Unknown API "${name}": expected one of ${API_NAMES.join(", ")}`);
  return entry;
}
