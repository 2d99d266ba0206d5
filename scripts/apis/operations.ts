// Reads the operations of one spec into plain records the mock tooling can act on: where each
// operation lives, what it needs (parameters, body, credentials), the vendor's own request
// examples and the documented responses. The contract suite, the stage self-test's upstream and
// the mock benchmark all take their requests from here, so none of them hard-codes a field.

export const HTTP_METHODS: readonly string[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** A JSON pointer as its segments. */
export type Segments = Array<string | number>;
/** A JSON value of a parsed spec: its shape is checked as it is read. */
// `any` on purpose: parsed YAML has no static type.
export type Json = any;
export interface NamedExample { name: string; summary: string; value: Json }
export interface MediaRecord { mediaType: string; schema: Json; schemaSegments: Segments; examples: NamedExample[] }
export interface ParameterRecord {
  name: string;
  in: string;
  required: boolean;
  schema: Json;
  schemaSegments: Segments;
  example: { found: boolean; value: Json };
}
export interface OperationRecord {
  operationId: string;
  method: string;
  path: string;
  parameters: ParameterRecord[];
  requestBody: null | { required: boolean; media: MediaRecord[] };
  security: Array<Record<string, string[]>>;
  servers: Json[] | null;
  responses: Record<string, { media: MediaRecord[] }>;
}
export interface HappyRequest {
  name: string;
  summary: string;
  pathParams: Record<string, Json>;
  query: Record<string, Json>;
  headers: Record<string, string>;
  mediaType: string | null;
  body: Json;
  missing: string[];
}

const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === "object" && !Array.isArray(v);

function unescapeSegment(s: string): string {
  return decodeURIComponent(s).replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * Follows local `$ref`s until a concrete object.
 * @returns {{ node: any, segments: Array<string|number> }} the object and its JSON pointer segments
 */
export function resolveRef(document: Json, node: Json, segments: Segments): { node: Json; segments: Segments } {
  let current = node;
  let where: Segments = segments;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
    if (hops > 50) throw new Error(`$ref loop at ${ref}`);
    where = ref.slice(2).split("/").map(unescapeSegment);
    current = where.reduce((obj: Json, key) => (obj == null ? undefined : obj[key]), document);
    if (current === undefined) throw new Error(`$ref ${ref} points nowhere`);
  }
  return { node: current, segments: where };
}

/** The first value a parameter documents: `example`, then named `examples`, then its schema's. */
export function parameterExample(document: Json, parameter: Json): { found: boolean; value: Json } {
  if (parameter.example !== undefined) return { found: true, value: parameter.example };
  for (const example of Object.values<Json>(isObject(parameter.examples) ? parameter.examples : {})) {
    const resolved = resolveRef(document, example, []).node;
    if (isObject(resolved) && resolved.value !== undefined) return { found: true, value: resolved.value };
  }
  const schema = isObject(parameter.schema) ? resolveRef(document, parameter.schema, []).node : {};
  if (Array.isArray(schema.examples) && schema.examples.length) return { found: true, value: schema.examples[0] };
  if (schema.example !== undefined) return { found: true, value: schema.example };
  if (schema.const !== undefined) return { found: true, value: schema.const };
  if (Array.isArray(schema.enum) && schema.enum.length) return { found: true, value: schema.enum[0] };
  if (schema.default !== undefined) return { found: true, value: schema.default };
  return { found: false, value: undefined };
}

function namedExamples(document: Json, media: Json): NamedExample[] {
  const found: NamedExample[] = [];
  for (const [name, example] of Object.entries<Json>(isObject(media.examples) ? media.examples : {})) {
    const resolved = resolveRef(document, example, []).node;
    if (isObject(resolved) && "value" in resolved) found.push({ name, summary: resolved.summary ?? name, value: resolved.value });
  }
  if (found.length === 0 && media.example !== undefined) found.push({ name: "example", summary: "example", value: media.example });
  return found;
}

function mediaRecords(document: Json, content: Json, segments: Segments): MediaRecord[] {
  const records: MediaRecord[] = [];
  for (const [mediaType, media] of Object.entries<Json>(isObject(content) ? content : {})) {
    if (!isObject(media)) continue;
    records.push({
      mediaType,
      schema: media.schema,
      schemaSegments: [...segments, "content", mediaType, "schema"],
      examples: namedExamples(document, media),
    });
  }
  return records;
}

/** Picks the JSON media type if there is one, else the first. */
export function preferredMedia(records: MediaRecord[]): MediaRecord | null {
  return records.find((r) => /[/+]json$/i.test(r.mediaType.split(";")[0] ?? "")) ?? records[0] ?? null;
}

/**
 * Every operation of a spec.
 * @returns {Array<{
 *   operationId: string, method: string, path: string,
 *   parameters: Array<{name: string, in: string, required: boolean, schema: any, schemaSegments: Array<string|number>, example: {found: boolean, value: any}}>,
 *   requestBody: null | {required: boolean, media: Array<{mediaType: string, schema: any, schemaSegments: Array<string|number>, examples: Array<{name: string, summary: string, value: any}>}>},
 *   security: Array<Record<string, string[]>>, servers: any[] | null,
 *   responses: Record<string, {media: Array<{mediaType: string, schema: any, schemaSegments: Array<string|number>, examples: Array<{name: string, summary: string, value: any}>}>}>,
 * }>}
 */
export function listOperations(document: Json): OperationRecord[] {
  const operations: OperationRecord[] = [];
  for (const [path, rawItem] of Object.entries<Json>(document.paths ?? {})) {
    const { node: item, segments: itemSegments } = resolveRef(document, rawItem, ["paths", path]);
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const base = [...itemSegments, method];

      // Path-level parameters apply unless the operation redefines the same name and location.
      const parameters = new Map<string, ParameterRecord>();
      const addParameters = (list: Json, segments: Segments): void => (Array.isArray(list) ? list : []).forEach((raw: Json, i: number) => {
        const { node: p, segments: pSegments } = resolveRef(document, raw, [...segments, i]);
        if (!isObject(p)) return;
        parameters.set(`${p.in}:${p.name}`, {
          name: p.name,
          in: p.in,
          required: p.required === true || p.in === "path",
          schema: p.schema,
          schemaSegments: [...pSegments, "schema"],
          example: parameterExample(document, p),
        });
      });
      addParameters(item.parameters, [...itemSegments, "parameters"]);
      addParameters(op.parameters, [...base, "parameters"]);

      let requestBody: OperationRecord["requestBody"] = null;
      if (op.requestBody) {
        const { node: body, segments: bodySegments } = resolveRef(document, op.requestBody, [...base, "requestBody"]);
        requestBody = { required: body.required === true, media: mediaRecords(document, body.content, bodySegments) };
      }

      const responses: OperationRecord["responses"] = {};
      for (const [status, raw] of Object.entries<Json>(isObject(op.responses) ? op.responses : {})) {
        const { node: response, segments: rSegments } = resolveRef(document, raw, [...base, "responses", status]);
        responses[status] = { media: mediaRecords(document, response?.content, rSegments) };
      }

      operations.push({
        operationId: op.operationId ?? `${method} ${path}`,
        method,
        path,
        parameters: [...parameters.values()],
        requestBody,
        security: Array.isArray(op.security) ? op.security : Array.isArray(document.security) ? document.security : [],
        servers: Array.isArray(op.servers) ? op.servers : null,
        responses,
      });
    }
  }
  return operations;
}

/** True when the operation can be called without credentials (`security: []` or an empty alternative). */
export function isPublic(operation: OperationRecord): boolean {
  return operation.security.length === 0 || operation.security.some((req) => Object.keys(req).length === 0);
}

/** The security scheme objects an operation accepts, e.g. [{name: "bearerAuth", type: "http", scheme: "bearer"}]. */
export function securitySchemes(document: Json, operation: OperationRecord): Array<{ name: string; type?: string; scheme?: string }> {
  const schemes = document.components?.securitySchemes ?? {};
  const names = new Set(operation.security.flatMap((req) => Object.keys(req)));
  return [...names].map((name) => ({ name, ...resolveRef(document, schemes[name], []).node }));
}

/** Servers of the given environments, in the order listed. Environment names compare lowercased. */
export function serversFor(servers: Json[] | null | undefined, environments: string[]): Json[] {
  const wanted = environments.map((e) => e.toLowerCase());
  return (Array.isArray(servers) ? servers : [])
    .filter((s: Json) => wanted.includes(String(s["x-environment"] ?? "").toLowerCase()))
    .sort((a: Json, b: Json) => wanted.indexOf(String(a["x-environment"]).toLowerCase()) - wanted.indexOf(String(b["x-environment"]).toLowerCase()));
}

/** Fills `{name}` path templates; values are URI-encoded. */
export function fillPath(path: string, values: Record<string, Json>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for path parameter {${name}} of ${path}`);
    return encodeURIComponent(String(values[name]));
  });
}

/** The declared success statuses (2XX and 2xx codes), as strings. */
export function successStatuses(operation: OperationRecord): string[] {
  return Object.keys(operation.responses).filter((s) => /^2(\d\d|XX)$/i.test(s));
}

/** Whether an actual status is declared (exactly, by range such as 4XX, or by `default`). */
export function isDeclaredStatus(operation: OperationRecord, status: number | string): boolean {
  const declared = Object.keys(operation.responses);
  return declared.includes(String(status)) || declared.some((d) => /^\dXX$/i.test(d) && d[0] === String(status)[0]) || declared.includes("default");
}

/**
 * The happy-path requests of an operation: one per request example of its preferred media type
 * (or a single one without a body), with every required parameter filled from its documented
 * example. Optional parameters are left out: the vendor's examples are what is being tested.
 * @returns {Array<{name: string, summary: string, pathParams: Record<string, any>, query: Record<string, any>, headers: Record<string, string>, mediaType: string|null, body: any, missing: string[]}>}
 *          `missing` lists required parameters without any documented example.
 */
export function happyRequests(operation: OperationRecord): HappyRequest[] {
  const pathParams: Record<string, Json> = {};
  const query: Record<string, Json> = {};
  const headers: Record<string, string> = {};
  const missing: string[] = [];
  for (const p of operation.parameters) {
    if (!p.required) continue;
    if (!p.example.found) { missing.push(`${p.in} parameter ${p.name}`); continue; }
    if (p.in === "path") pathParams[p.name] = p.example.value;
    else if (p.in === "query") query[p.name] = p.example.value;
    else if (p.in === "header") headers[p.name] = String(p.example.value);
  }
  const media = operation.requestBody ? preferredMedia(operation.requestBody.media) : null;
  if (!media) return [{ name: "parameters", summary: "documented parameter examples", pathParams, query, headers, mediaType: null, body: undefined, missing }];
  if (media.examples.length === 0) return [];
  return media.examples.map((example) => ({
    name: example.name, summary: example.summary, pathParams, query, headers, mediaType: media.mediaType, body: example.value, missing,
  }));
}
