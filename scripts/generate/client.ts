// Renders generated/<api>/client.ts and index.ts from the model of model.ts.
// The output is names and data only: types are aliases over openapi-typescript's `operations`
// (through the helpers in src/runtime/types.ts), and behaviour is src/runtime's createApiClient.
// Output depends only on the spec and package.json (no dates, no absolute paths), so that
// `npm run generate -- --check` is stable.

const RUNTIME = "../../src/runtime/index.js";

// Names a schema alias must not take: what the client module itself exports or uses, and globals
// a reader would not expect to see shadowed.
const RESERVED = new Set([
  "ApiClientError", "InvalidRequestError", "InvalidResponseError", "NetworkError", "RequestTimeoutError", "UnexpectedStatusError", "TokenRequestError",
  "ApiResult", "ErrorResult", "SuccessResult", "UnparsedErrorResult", "RequestEvent", "ResponseEvent", "RetryEvent", "RetryOptions", "RequestOptions", "TokenProvider", "BasicAuth", "BearerAuth",
  "Array", "Date", "Error", "Headers", "Map", "Object", "Promise", "Record", "Request", "Response", "Set", "URL", "AbortSignal",
  "components", "operations", "paths", "webhooks",
]);

import { statusPattern } from "../../src/runtime/client.js";
import { isJson, type ApiModel, type OperationModel } from "./model.js";

const pascal = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => (part[0] ?? "").toUpperCase() + part.slice(1))
    .join("");

function jsdoc(paragraphs: Array<string | undefined>, indent = ""): string {
  const text = paragraphs.filter((p) => p !== undefined && p !== "").join("\n\n").replaceAll("*/", "*\\/");
  if (!text) return "";
  const lines = text.split("\n").map((line: string) => `${indent} *${line.trimEnd() ? ` ${line.trimEnd()}` : ""}`);
  return `${indent}/**\n${lines.join("\n")}\n${indent} */\n`;
}

const literal = (value: unknown): string => JSON.stringify(value);

const FORM = "application/x-www-form-urlencoded";

/**
 * Refuses an operation the client runtime cannot call as the spec describes it. The runtime does only what
 * the four specs need (it ships in every client bundle, which has a size budget): JSON or form request
 * bodies, JSON responses, and credentials on every operation that declares security.
 */
function checkSupported(model: ApiModel, op: OperationModel): void {
  const refuse = (problem: string): never => {
    throw new Error(`${model.file}: ${op.method.toUpperCase()} ${op.path} (${op.id}) ${problem}; the client runtime does not support that`);
  };
  if (op.method === "head") refuse("is a HEAD operation (its responses have no body)");
  if (op.noContent.length) refuse(`documents responses without a body (${op.noContent.join(", ")})`);
  const other = op.responseMediaTypes.filter((type) => !isJson(type));
  if (other.length) refuse(`documents responses that are not JSON (${other.join(", ")})`);
  if (op.requestMediaType && !isJson(op.requestMediaType) && op.requestMediaType !== FORM) refuse(`takes a ${op.requestMediaType} request body (JSON and ${FORM} are supported)`);
  if (op.security.some((alternative) => alternative.length === 0) && op.security.some((alternative) => alternative.length > 0)) refuse("makes credentials optional (an empty security requirement)");
}

/**
 * The credential kinds that satisfy one of an operation's security requirements: a client holds one set of
 * credentials, so a requirement counts when every scheme it names is of one kind. An operation whose
 * requirements all need two kinds at once could never be called, so it is refused.
 */
function credentialKinds(model: ApiModel, op: OperationModel): ("bearer" | "basic")[] {
  const kinds = new Set<"bearer" | "basic">();
  for (const alternative of op.security) {
    const of = new Set(alternative.map((name) => model.securitySchemes[name]?.kind));
    const [kind] = of;
    if (of.size === 1 && kind) kinds.add(kind);
  }
  if (kinds.size === 0 && op.security.length && !op.security.some((alternative) => alternative.length === 0)) {
    throw new Error(`${model.file}: ${op.method.toUpperCase()} ${op.path}: every security requirement needs both bearer and basic credentials; a client holds one kind`);
  }
  return [...kinds].sort();
}

/** The runtime module that reads credentials of a scheme kind (src/runtime/basic.ts, bearer.ts). */
const schemeModule = (kind: "bearer" | "basic"): string => `${kind}Scheme`;

/** Property names in a success body schema (top level, through allOf), to check the token helper's fields. */
function topLevelProperties(model: ApiModel, schema: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    const resolved = model.resolve(node);
    if (!resolved || typeof resolved !== "object") return;
    for (const name of Object.keys(resolved.properties ?? {})) names.add(name);
    for (const sub of resolved.allOf ?? []) visit(sub);
  };
  visit(schema);
  return names;
}

/**
 * @param {ReturnType<import("./model.js").readApiModel>} model
 * @param {{ clientName: string, userAgent: string, tokenOperationId: string }} naming
 *   clientName: "Acme" → createAcmeClient (x-project.client); userAgent: "<package>/<version>"
 */
export function renderClient(model: ApiModel, { clientName, userAgent, tokenOperationId = "getAccessToken" }: { clientName: string; userAgent: string; tokenOperationId?: string }): string {
  const { api, operations } = model;
  const N = clientName;
  const lower = (N[0] ?? "").toLowerCase() + N.slice(1);
  const taken = new Set(RESERVED);
  const claim = (name: string, what: string): string => {
    if (taken.has(name)) throw new Error(`${model.file}: the generated name "${name}" (${what}) collides with another generated name`);
    taken.add(name);
    return name;
  };
  for (const name of [`${lower}Servers`, `${N}Environment`, `${N}Auth`, `${N}ClientOptions`, `${N}Client`, `create${N}Client`]) claim(name, "client");

  const schemeKinds = [...new Set(Object.values(model.securitySchemes).map((s) => s.kind))];
  const authTypes = schemeKinds.map((kind) => (kind === "bearer" ? "BearerAuth" : "BasicAuth"));
  const usesAuth = operations.some((op) => op.security.length > 0);
  const tokenOp = operations.find((op) => op.id === tokenOperationId && op.security.length === 0);

  const runtimeTypes = new Set(["ApiDefinition", "ApiResult", "CallArgs", "ClientOptions", "RequestBodyOf", "SuccessBodyOf", ...authTypes]);
  if (operations.some((op) => op.hasParams)) runtimeTypes.add("ParamsOf");
  // The runtime modules this API needs, and nothing else: a bundler keeps only what is imported here.
  const runtimeValues = new Set(["createApiClient", ...schemeKinds.map(schemeModule)]);
  if (operations.some((op) => op.requestMediaType === FORM)) runtimeValues.add("formBody");
  // The path and query writers only for an API whose operations have such parameters.
  if (operations.some((op) => op.path.includes("{"))) runtimeValues.add("compilePath");
  if (operations.some((op) => op.hasQuery)) runtimeValues.add("queryString");
  if (tokenOp) {
    for (const name of ["TokenProvider", "TokenProviderOptions"]) runtimeTypes.add(name);
    runtimeValues.add("createOperationTokenProvider");
  }

  const out = [];
  out.push(`// Generated by scripts/generate/main.ts from specs/${api}/openapi.yaml. Do not edit: change the spec and\n`);
  out.push(`// run \`npm run generate\`. Behaviour lives in src/runtime; this file holds the spec's names and data.\n`);
  out.push(`import { ${[...runtimeValues].sort().join(", ")} } from ${literal(RUNTIME)};\n`);
  out.push(`import type {\n${[...runtimeTypes].sort().map((n) => `  ${n},\n`).join("")}} from ${literal(RUNTIME)};\n`);
  out.push(`import type { components, operations } from "./schema.js";\n\n`);
  out.push(`export { ApiClientError, InvalidRequestError, InvalidResponseError, NetworkError, RequestTimeoutError, TokenRequestError, UnexpectedStatusError } from ${literal(RUNTIME)};\n`);
  out.push(`export type { ApiResult, BasicAuth, BearerAuth, ErrorResult, RequestEvent, ResponseEvent, RetryEvent, RetryOptions, RequestOptions, SuccessResult, TokenProvider, UnparsedErrorResult } from ${literal(RUNTIME)};\n\n`);

  // ---- servers and environments
  out.push(jsdoc([
    `Server URLs by environment (each server's \`x-environment\` in specs/${api}/openapi.yaml, "${model.title}").`,
    Object.entries(model.servers)
      .map(([env, url]) => `- \`${env}\`: ${url}${model.serverDescriptions[env] ? ` — ${model.serverDescriptions[env].split("\n").join(" ")}` : ""}`)
      .join("\n"),
  ]));
  out.push(`export const ${lower}Servers = {\n${Object.entries(model.servers).map(([env, url]) => `  ${literal(env)}: ${literal(url)},\n`).join("")}} as const;\n\n`);
  out.push(`/** The \`environment\` option of \`create${N}Client\`. */\n`);
  out.push(`export type ${N}Environment = keyof typeof ${lower}Servers;\n\n`);

  // ---- credentials
  out.push(jsdoc([
    `Credentials, from the spec's security schemes:`,
    Object.entries(model.securitySchemes)
      .map(([name, s]) => `- \`${name}\` (${s.kind === "bearer" ? "HTTP bearer: `{ token }`" : "HTTP basic: `{ username, password }`"}): ${s.description.split("\n").join(" ")}`)
      .join("\n"),
  ]));
  out.push(`export type ${N}Auth = ${authTypes.length ? authTypes.join(" | ") : "never"};\n\n`);
  out.push(`/** Options of \`create${N}Client\`: \`environment\` or \`baseUrl\`, ${usesAuth ? "`auth`" : "no credentials"}, and the shared options (timeout, retry, fetch…). */\n`);
  out.push(`export type ${N}ClientOptions = ClientOptions<${N}Environment, ${N}Auth>;\n\n`);

  // ---- friendly names per operation
  out.push(`// Request and response types by operation. Narrow a *Result on \`ok\` and \`status\` before reading \`data\` or \`error\`.\n\n`);
  for (const op of operations) {
    const P = pascal(op.id);
    const ref = `operations[${literal(op.id)}]`;
    if (op.requestMediaType) {
      out.push(`/** Request body of \`${op.id}\` (${op.requestMediaType}). */\n`);
      out.push(`export type ${claim(`${P}Request`, op.id)} = RequestBodyOf<${ref}>;\n`);
    }
    if (op.hasParams) {
      out.push(`/** Parameters of \`${op.id}\`: \`{ path, query, header }\` as the spec declares them. */\n`);
      out.push(`export type ${claim(`${P}Params`, op.id)} = ParamsOf<${ref}>;\n`);
    }
    out.push(`/** Documented success body of \`${op.id}\`. */\n`);
    out.push(`export type ${claim(`${P}Response`, op.id)} = SuccessBodyOf<${ref}>;\n`);
    out.push(`/** Every documented outcome of \`${op.id}\` (${op.responses.join(", ")}). */\n`);
    out.push(`export type ${claim(`${P}Result`, op.id)} = ApiResult<${ref}>;\n\n`);
  }

  // ---- schema aliases
  const skipped = [];
  const aliases = [];
  for (const name of model.schemaNames) {
    const alias = pascal(name);
    if (!alias || !/^[A-Za-z_$]/.test(alias) || taken.has(alias)) {
      skipped.push(name);
      continue;
    }
    taken.add(alias);
    aliases.push(`export type ${alias} = components["schemas"][${literal(name)}];\n`);
  }
  out.push(`// Schemas of components.schemas under their own names.${skipped.length ? ` Not aliased here (the name is taken above; use\n// components["schemas"][name]): ${skipped.join(", ")}.` : ""}\n`);
  out.push(aliases.join(""), "\n");

  // ---- the client interface
  out.push(jsdoc([`Client for "${model.title}": one method per operation of specs/${api}/openapi.yaml.`]));
  out.push(`export interface ${N}Client {\n`);
  for (const op of operations) {
    out.push(jsdoc([
      op.summary,
      op.description,
      `\`${op.method.toUpperCase()} ${op.path}\`${op.security.length === 0 ? " — no credentials" : ""}`,
      op.deprecated ? "@deprecated" : undefined,
    ], "  "));
    out.push(`  ${op.id}(...args: CallArgs<operations[${literal(op.id)}]>): Promise<${pascal(op.id)}Result>;\n`);
  }
  out.push(`}\n\n`);

  // ---- the definition the runtime works from
  out.push(`const api: ApiDefinition = {\n`);
  out.push(`  name: ${literal(api)},\n  userAgent: ${literal(userAgent)},\n  servers: ${lower}Servers,\n`);
  out.push(`  schemes: [${schemeKinds.map(schemeModule).join(", ")}],\n`);
  out.push(`  operations: {\n`);
  for (const op of operations) {
    const fields = [
      `method: ${literal(op.method.toUpperCase())}`,
      `path: ${literal(op.path)}`,
      // The runtime's path writer, for a template with parameters.
      ...(op.path.includes("{") ? ["compilePath"] : []),
      `responses: ${statusPattern(op.responses)}`,
    ];
    checkSupported(model, op);
    // Which credentials the operation takes, worked out here so that the runtime only compares kinds.
    const kinds = credentialKinds(model, op);
    if (kinds.length) fields.push(`auth: ${literal(kinds)}`);
    if (op.servers) fields.push(`servers: ${literal(op.servers)}`);
    if (op.requestMediaType) fields.push(`mediaType: ${literal(op.requestMediaType)}`);
    // The runtime writes JSON unless an operation passes its own body writer.
    if (op.requestMediaType === FORM) fields.push(`writeBody: formBody`);
    if (op.hasQuery) fields.push("writeQuery: queryString");
    out.push(`    ${op.id}: { ${fields.join(", ")} },\n`);
  }
  out.push(`  },\n};\n\n`);

  out.push(jsdoc([
    `Creates a client for "${model.title}". Pass \`environment\` (${Object.keys(model.servers).map((e) => `\`${literal(e)}\``).join(", ")}) or \`baseUrl\`${usesAuth ? ", and `auth`" : ""}.`,
    `Each method resolves to a result discriminated by \`ok\` and \`status\`; an undocumented status, a timeout or a network failure throws an \`ApiClientError\` subclass.`,
  ]));
  out.push(`export function create${N}Client(options: ${N}ClientOptions): ${N}Client {\n`);
  out.push(`  return createApiClient(api, options) as unknown as ${N}Client;\n}\n`);

  if (tokenOp) out.push(renderTokenProvider(model, N, tokenOp, claim));
  return out.join("");
}

function renderTokenProvider(model: ApiModel, N: string, op: OperationModel, claim: (name: string, what: string) => string): string {
  const P = pascal(op.id);
  if (!op.requestMediaType) throw new Error(`${model.file}: ${op.id} has no request body, so the token helper has nothing to send`);
  const fields = op.successSchemas.map((schema) => topLevelProperties(model, schema));
  if (fields.length === 0 || !fields.every((names) => names.has("access_token"))) {
    throw new Error(`${model.file}: every success body of ${op.id} must declare access_token for the token helper`);
  }
  const hasExpiry = fields.every((names) => names.has("expires_in"));
  const optionsName = claim(`${N}TokenProviderOptions`, "token helper");
  const functionName = claim(`create${N}TokenProvider`, "token helper");
  return `
/** Options of \`${functionName}\`: where the token endpoint is, the form to send (\`${P}Request\`), caching, and the shared options. */
export type ${optionsName} = TokenProviderOptions<${N}Environment, ${P}Request>;

${jsdoc([
  `A token source for \`create${N}Client({ auth: { token } })\`: calls \`${op.id}\` (\`${op.method.toUpperCase()} ${op.path}\`) and reuses the token${hasExpiry ? " until shortly before its \`expires_in\` runs out (5 minutes when a response has none)" : " for 5 minutes (the spec documents no \`expires_in\`)"}. Concurrent calls share one request; a 401 from the API refreshes it once and replays the call; \`invalidate(token)\` drops that token if it is still cached.`,
  `A failed token request throws \`TokenRequestError\` (status and body; the form, which holds the client secret, is never part of it, and is never sent to a redirect target).`,
])}export function ${functionName}(options: ${optionsName}): TokenProvider {
  return createOperationTokenProvider(api, ${literal(op.id)}, options);
}
`;
}

/** generated/<api>/index.ts: the subpath's public surface. */
export function renderIndex(model: ApiModel): string {
  return `// Generated by scripts/generate/main.ts from specs/${model.api}/openapi.yaml. Do not edit.
export * from "./client.js";
export type { components, operations, paths } from "./schema.js";
`;
}
