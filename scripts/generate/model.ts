// Reads one spec into the small model the client generator needs: servers by environment, the
// security schemes, and per operation its method, path, documented statuses, credentials, servers
// and media types. Everything comes from the spec; anything the runtime cannot honour (a server
// without x-environment, an apiKey scheme, an unresolvable $ref) is an error naming the spec file
// and the place, so a spec change cannot silently produce a client that behaves differently.

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A JSON value of the parsed spec: its shape is checked here, as it is read. */
// `any` on purpose: parsed YAML has no static type.
type Json = any;
type Fail = (message: string) => never;

export interface OperationModel {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  deprecated: boolean;
  responses: string[];
  /** Responses documented without a body (the client generator refuses them: the runtime reads JSON). */
  noContent: string[];
  security: string[][];
  servers: Record<string, string> | undefined;
  requestMediaType: string | undefined;
  hasParams: boolean;
  /** Whether it declares query parameters (the generated client then passes the runtime's query writer). */
  hasQuery: boolean;
  /** The media types of its documented responses (the client generator refuses any but JSON). */
  responseMediaTypes: string[];
  successSchemas: unknown[];
}
export interface ApiModel {
  api: string;
  file: string;
  title: string;
  servers: Record<string, string>;
  serverDescriptions: Record<string, string>;
  securitySchemes: Record<string, { kind: "bearer" | "basic"; description: string }>;
  operations: OperationModel[];
  schemaNames: string[];
  resolve(node: unknown): Json;
}

const isObject = (value: unknown): value is Record<string, Json> => value !== null && typeof value === "object" && !Array.isArray(value);

export class SpecModelError extends Error {}

/** Resolves a local `#/...` $ref (following chains); anything else is returned as is. */
function resolver(spec: Json, fail: Fail): (node: Json, where: string) => Json {
  return function resolve(node: Json, where: string): Json {
    const seen = new Set();
    while (isObject(node) && typeof node.$ref === "string") {
      const ref = node.$ref;
      if (!ref.startsWith("#/")) fail(`${where}: $ref "${ref}" is not local (#/...)`);
      if (seen.has(ref)) fail(`${where}: $ref cycle at "${ref}"`);
      seen.add(ref);
      node = ref
        .slice(2)
        .split("/")
        .map((part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((current: Json, key: string) => (isObject(current) || Array.isArray(current) ? (current as Json)[key] : undefined), spec);
      if (node === undefined) fail(`${where}: $ref "${ref}" points at nothing`);
    }
    return node;
  };
}

/** `servers` → { environment: url }, with server variables replaced by their defaults. */
function serversByEnvironment(servers: Json, where: string, fail: Fail): Record<string, string> {
  if (!Array.isArray(servers) || servers.length === 0) fail(`${where}: no servers`);
  const byEnvironment: Record<string, string> = {};
  (servers as Json[]).forEach((server: Json, index: number) => {
    const environment = server?.["x-environment"];
    if (typeof environment !== "string" || !/^[a-z][a-z0-9-]*$/.test(environment)) {
      fail(`${where}[${index}] (${server?.url}): x-environment must be a short lowercase name, got ${JSON.stringify(environment)}`);
    }
    if (environment in byEnvironment) fail(`${where}: x-environment "${environment}" is used by two servers`);
    let url = String(server.url ?? "");
    for (const [name, variable] of Object.entries<Json>(server.variables ?? {})) {
      if (variable?.default === undefined) fail(`${where}[${index}]: server variable "${name}" has no default`);
      url = url.replaceAll(`{${name}}`, String(variable.default));
    }
    if (!/^https?:\/\/[^{}\s]+$/.test(url)) fail(`${where}[${index}]: url "${url}" is not an absolute http(s) URL`);
    byEnvironment[environment] = url.replace(/\/+$/, "");
  });
  return byEnvironment;
}

export const isJson = (type: string): boolean => /^application\/(?:[\w.+-]+\+)?json(?:;|$)/i.test(type);

/**
 * @param {string} api       an API name from redocly.yaml
 * @param {object} spec      the parsed spec
 * @param {string} file      the spec's path (for messages)
 */
export function readApiModel(api: string, spec: Json, file: string): ApiModel {
  const fail: Fail = (message) => {
    throw new SpecModelError(`${file}: ${message}`);
  };
  const resolve = resolver(spec, fail);
  if (!isObject(spec)) fail("not an OpenAPI document");
  if (!isObject(spec.paths)) fail("has no paths");

  const servers = serversByEnvironment(spec.servers, "servers", fail);

  const securitySchemes: ApiModel["securitySchemes"] = {};
  for (const [name, raw] of Object.entries(spec.components?.securitySchemes ?? {})) {
    const scheme = resolve(raw, `components.securitySchemes.${name}`);
    const kind = scheme?.type === "http" ? String(scheme.scheme ?? "").toLowerCase() : undefined;
    if (kind !== "bearer" && kind !== "basic") {
      fail(`components.securitySchemes.${name}: type ${scheme?.type}${scheme?.scheme ? ` scheme ${scheme.scheme}` : ""} is not supported; the client runtime handles http bearer and http basic`);
    }
    securitySchemes[name] = { kind, description: String(scheme.description ?? "").trim() };
  }

  const requirements = (security: Json, where: string): string[][] =>
    (security as Json[]).map((requirement: Json, index: number) => {
      if (!isObject(requirement)) fail(`${where}[${index}]: not a security requirement object`);
      for (const name of Object.keys(requirement)) {
        if (!(name in securitySchemes)) fail(`${where}[${index}]: unknown security scheme "${name}"`);
      }
      return Object.keys(requirement);
    });
  const rootSecurity = requirements(spec.security ?? [], "security");

  const operations: OperationModel[] = [];
  const seenIds = new Set<string>();
  for (const [path, rawItem] of Object.entries<Json>(spec.paths)) {
    const item = resolve(rawItem, `paths.${path}`);
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!isObject(op)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const id = op.operationId;
      if (typeof id !== "string" || !IDENTIFIER.test(id)) fail(`${where}: operationId ${JSON.stringify(id)} is not a valid identifier`);
      if (seenIds.has(id)) fail(`${where}: operationId "${id}" is used twice`);
      seenIds.add(id);

      const ownServers = op.servers ?? item.servers;
      const opServers = ownServers ? serversByEnvironment(ownServers, `${where} servers`, fail) : undefined;
      if (opServers) {
        const missing = Object.keys(servers).filter((environment) => !(environment in opServers));
        if (missing.length) fail(`${where}: operation servers have no x-environment ${missing.map((m) => `"${m}"`).join(", ")} (the API's servers do)`);
      }

      let requestMediaType: string | undefined;
      if (op.requestBody !== undefined) {
        const body = resolve(op.requestBody, `${where} requestBody`);
        const types = Object.keys(body?.content ?? {});
        if (types.length === 0) fail(`${where}: requestBody has no content`);
        // The JSON media type when there is one (as the tests' example requests do), else the first.
        requestMediaType = types.find(isJson) ?? types[0];
      }

      if (!isObject(op.responses) || Object.keys(op.responses).length === 0) fail(`${where}: no responses`);
      const responses = Object.keys(op.responses);
      for (const key of responses) {
        if (!/^(?:[1-5](?:\d\d|XX)|default)$/.test(key)) fail(`${where}: response key "${key}" is not a status, a range like 4XX, or default`);
      }
      const mediaTypes = (keys: string[]): string[] => [
        ...new Set(keys.flatMap((key: string) => Object.keys(resolve(op.responses[key], `${where} responses.${key}`)?.content ?? {}))),
      ];

      operations.push({
        id,
        method,
        path,
        summary: String(op.summary ?? "").trim(),
        description: String(op.description ?? "").trim(),
        deprecated: op.deprecated === true,
        responses,
        noContent: responses.filter((key) => Object.keys(resolve(op.responses[key], `${where} responses.${key}`)?.content ?? {}).length === 0),
        security: op.security === undefined ? rootSecurity : requirements(op.security, `${where} security`),
        servers: opServers,
        requestMediaType,
        hasParams: [...(item.parameters ?? []), ...(op.parameters ?? [])].length > 0,
        hasQuery: [...(item.parameters ?? []), ...(op.parameters ?? [])].some((parameter: Json) => resolve(parameter, `${where} parameters`)?.in === "query"),
        responseMediaTypes: mediaTypes(responses),
        successSchemas: responses
          .filter((key) => key.startsWith("2"))
          .flatMap((key) => Object.values<Json>(resolve(op.responses[key], where)?.content ?? {}).map((media: Json) => resolve(media?.schema, `${where} responses.${key} schema`))),
      });
    }
  }
  if (operations.length === 0) fail("has no operations");

  return {
    api,
    file,
    title: String(spec.info?.title ?? api),
    servers,
    serverDescriptions: Object.fromEntries((spec.servers as Json[]).map((server: Json) => [server["x-environment"], String(server.description ?? "").trim()])),
    securitySchemes,
    operations,
    schemaNames: Object.keys(spec.components?.schemas ?? {}),
    resolve: (node: unknown) => resolve(node, "schema"),
  };
}
