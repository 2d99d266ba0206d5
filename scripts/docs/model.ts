// What the docs site says about one API, read from its spec and nothing else: title, version,
// servers, auth schemes and operations. The index page, `npm start`'s URL table and the browser
// test all use this, so they agree with the spec (and with each other) by construction.

import { DEFAULT_PORTS, parseMockArgs } from "../mock/args.js";

/** Default local mock ports: the ones `npm run mock` uses (x-project.mockPort in redocly.yaml). */
export const DEFAULT_MOCK_PORTS = DEFAULT_PORTS;

/**
 * The mock ports `npm run mock` would use with this environment (MOCK_<API>_PORT overrides the
 * defaults), read by mock/main.ts's own parser so the docs' links and the mocks cannot disagree.
 */
export function resolveMockPorts(env = process.env) {
  return parseMockArgs([], env);
}

export const HTTP_METHODS = Object.freeze(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** The local mock URL of one API (Prism binds to loopback only). */
export function mockUrl(api: string, ports: Readonly<Record<string, number>> = DEFAULT_MOCK_PORTS, host = "127.0.0.1"): string {
  const port = ports[api];
  if (!Number.isInteger(port)) throw new Error(`No mock port known for API "${api}"`);
  return `http://${host}:${port}`;
}

/** A JSON value of the parsed spec: its shape is checked as it is read. */
// `any` on purpose: parsed YAML has no static type.
type Json = any;

export interface ServerObject { url: string; description?: string; "x-environment"?: string }
export interface OperationSummary {
  operationId: string | undefined;
  summary: string | undefined;
  method: string;
  path: string;
  tags: string[];
  servers: ServerObject[] | undefined;
}
export interface ApiModel {
  api: string;
  title: string;
  version: string;
  summary: string;
  servers: Array<{ url: string; description: string; environment: string; operations: string[] }>;
  auth: Array<{ name: string; kind: string; description: string }>;
  publicOperations: string[];
  operations: OperationSummary[];
}

/** Every operation of a spec, in document order. */
export function listOperations(spec: Json): OperationSummary[] {
  const operations: OperationSummary[] = [];
  for (const [path, item] of Object.entries<Json>(spec?.paths ?? {})) {
    if (!item || typeof item !== "object") continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op || typeof op !== "object") continue;
      operations.push({
        operationId: op.operationId, summary: op.summary, method, path, tags: op.tags ?? [], servers: op.servers ?? item.servers,
      });
    }
  }
  return operations;
}

/** "HTTP bearer", "HTTP basic", "API key (header X-Key)", … for one security scheme object. */
export function describeScheme(scheme: Json): string {
  if (!scheme || typeof scheme !== "object") return "unknown";
  switch (scheme.type) {
    case "http":
      return `HTTP ${String(scheme.scheme ?? "").toLowerCase()}${scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ""}`;
    case "apiKey":
      return `API key (${scheme.in} ${scheme.name})`;
    case "oauth2":
      return `OAuth 2 (${Object.keys(scheme.flows ?? {}).join(", ")})`;
    case "openIdConnect":
      return "OpenID Connect";
    case "mutualTLS":
      return "mutual TLS";
    default:
      return String(scheme.type);
  }
}

/** Names of the schemes a security requirement list refers to, without duplicates. */
function schemeNames(requirements: Json): string[] {
  return [...new Set<string>((requirements ?? []).flatMap((req: Json) => Object.keys(req ?? {})))];
}

/** Everything the index page shows about one API, from its parsed (bundled or source) spec. */
export function describeApi(api: string, spec: Json): ApiModel {
  const problems: string[] = [];
  if (!spec || typeof spec !== "object") throw new Error(`${api}: the spec is empty or not an object`);
  const info = spec.info ?? {};
  if (!info.title) problems.push("info.title is missing");
  if (!info.version) problems.push("info.version is missing");
  if (problems.length > 0) throw new Error(`${api}: ${problems.join("; ")}`);

  const servers: ApiModel["servers"] = (spec.servers ?? []).map((s: ServerObject) => ({
    url: s.url,
    description: s.description ?? "",
    environment: s["x-environment"] ?? "",
    operations: [],
  }));
  const operations = listOperations(spec);
  // Operation-level servers (e.g. a token endpoint that lives at the host root) are shown too,
  // with the operations they apply to, so a reader does not miss them.
  for (const op of operations) {
    for (const s of op.servers ?? []) {
      let entry = servers.find((e) => e.url === s.url && e.operations.length > 0);
      if (!entry) {
        entry = { url: s.url, description: s.description ?? "", environment: s["x-environment"] ?? "", operations: [] };
        servers.push(entry);
      }
      entry.operations.push(op.operationId ?? `${op.method.toUpperCase()} ${op.path}`);
    }
  }

  const schemes = spec.components?.securitySchemes ?? {};
  const used = new Set([...schemeNames(spec.security), ...operations.flatMap((op) => schemeNames(spec.paths[op.path][op.method].security))]);
  const auth = Object.entries<Json>(schemes)
    .filter(([name]) => used.has(name) || used.size === 0)
    .map(([name, scheme]) => ({ name, kind: describeScheme(scheme), description: scheme.description ?? "" }));
  const publicOperations = operations
    .filter((op) => Array.isArray(spec.paths[op.path][op.method].security) && spec.paths[op.path][op.method].security.length === 0)
    .map((op) => op.operationId ?? `${op.method.toUpperCase()} ${op.path}`);

  return {
    api,
    title: String(info.title),
    version: String(info.version),
    summary: info.summary ?? "",
    servers,
    auth,
    publicOperations,
    operations,
  };
}

/**
 * "<title> <version>", unless the title already ends with the version (a title "… v2" with
 * version "v2"), so that no page or log line says it twice.
 */
export function titleWithVersion(title: string, version: string): string {
  const bare = (v: string): string => v.trim().toLowerCase().replace(/^v(?=\d)/, "");
  const last = title.trim().split(/\s+/).at(-1) ?? "";
  return version && bare(last) !== bare(version) ? `${title} ${version}` : title;
}
