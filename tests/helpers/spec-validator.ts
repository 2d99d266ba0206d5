// Validates payloads against one of our specs, the way Prism (in its 2020-12 mode) would:
// the tests use it to show that each documented rule accepts what it should and rejects
// what it should, without starting a server.
import type { ErrorObject } from "ajv";
import { createSpecAjv, formatErrors, pointerRef } from "../../scripts/apis/openapi-ajv.js";
import { loadSpec, type ApiName } from "../../scripts/apis/spec-files.js";

export type { ApiName };

export interface ValidationResult {
  valid: boolean;
  /** Ajv's raw errors, for asserting on `keyword` and `instancePath`. */
  errors: ErrorObject[];
  /** One readable line per error. */
  messages: string[];
}

export type Validator = (data: unknown) => ValidationResult;

interface LoadedSpec {
  document: any;
  uri: string;
  ajv: ReturnType<typeof createSpecAjv>;
}

const cache = new Map<ApiName, LoadedSpec>();

function spec(api: ApiName): LoadedSpec {
  let loaded = cache.get(api);
  if (!loaded) {
    const document = loadSpec(api);
    const uri = `${api}.openapi.yaml`;
    loaded = { document, uri, ajv: createSpecAjv(document, uri) };
    cache.set(api, loaded);
  }
  return loaded;
}

/** The parsed spec document. */
export function specDocument(api: ApiName): any {
  return spec(api).document;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Finds an operation by operationId; returns its path, method and object. */
export function findOperation(api: ApiName, operationId: string) {
  const { document } = spec(api);
  for (const [path, item] of Object.entries<any>(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item?.[method]?.operationId === operationId) return { path, method, operation: item[method] };
    }
  }
  throw new Error(`specs/${api}/openapi.yaml has no operation with operationId "${operationId}"`);
}

/** Follows a local `$ref` (e.g. to components/requestBodies) until a concrete object. */
export function deref(api: ApiName, node: any): any {
  let current = node;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const ref: string = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`specs/${api}/openapi.yaml: only local $refs are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map((s) => decodeURIComponent(s).replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((obj: any, key) => obj?.[key], spec(api).document);
    if (current === undefined) throw new Error(`specs/${api}/openapi.yaml: $ref ${ref} points nowhere`);
  }
  return current;
}

/** A validator for the schema at a JSON pointer given as segments. */
export function validatorAt(api: ApiName, segments: Array<string | number>): Validator {
  const { ajv, uri } = spec(api);
  const validate = ajv.compile({ $ref: pointerRef(uri, segments) });
  return (data) => {
    const valid = validate(data) as boolean;
    const errors = valid ? [] : [...(validate.errors ?? [])];
    return { valid, errors, messages: formatErrors(errors) };
  };
}

/** A validator for a named component schema. */
export function componentValidator(api: ApiName, name: string): Validator {
  return validatorAt(api, ["components", "schemas", name]);
}

function mediaTypeSegments(api: ApiName, base: Array<string | number>, node: any, mediaType: string) {
  // A body or response may itself be a $ref; validate through the referenced object.
  if (node?.$ref) {
    const target = (node.$ref as string).slice(2).split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
    return mediaTypeSegments(api, target, deref(api, node), mediaType);
  }
  if (!node?.content?.[mediaType]?.schema) {
    throw new Error(`specs/${api}/openapi.yaml: no ${mediaType} schema at /${base.join("/")}`);
  }
  return [...base, "content", mediaType, "schema"];
}

/** A validator for an operation's request body. */
export function requestBodyValidator(api: ApiName, operationId: string, mediaType = "application/json"): Validator {
  const { path, method, operation } = findOperation(api, operationId);
  const base = ["paths", path, method, "requestBody"];
  return validatorAt(api, mediaTypeSegments(api, base, operation.requestBody, mediaType));
}

/** A validator for one response of an operation (status as written in the spec, e.g. "201"). */
export function responseValidator(api: ApiName, operationId: string, status: string, mediaType = "application/json"): Validator {
  const { path, method, operation } = findOperation(api, operationId);
  const base = ["paths", path, method, "responses", status];
  return validatorAt(api, mediaTypeSegments(api, base, operation.responses?.[status], mediaType));
}

/** A validator for one parameter (path, query or header) of an operation, by name. */
export function parameterValidator(api: ApiName, operationId: string, name: string): Validator {
  const { path, method, operation } = findOperation(api, operationId);
  const pathItem = spec(api).document.paths[path];
  const lists: Array<[Array<string | number>, any[]]> = [
    [["paths", path, method, "parameters"], operation.parameters ?? []],
    [["paths", path, "parameters"], pathItem.parameters ?? []],
  ];
  for (const [base, list] of lists) {
    const index = list.findIndex((p: any) => deref(api, p)?.name === name);
    if (index === -1) continue;
    const param = list[index];
    if (param.$ref) {
      const target = (param.$ref as string).slice(2).split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
      return validatorAt(api, [...target, "schema"]);
    }
    return validatorAt(api, [...base, index, "schema"]);
  }
  throw new Error(`specs/${api}/openapi.yaml: operation ${operationId} has no parameter "${name}"`);
}

/** The named media-type examples of a request body or response, resolved to their values. */
export function mediaExamples(
  api: ApiName,
  operationId: string,
  where: { request: true } | { status: string },
  mediaType = "application/json",
): Record<string, unknown> {
  const { operation } = findOperation(api, operationId);
  const holder = "request" in where ? deref(api, operation.requestBody) : deref(api, operation.responses?.[where.status]);
  const media = holder?.content?.[mediaType] ?? {};
  return Object.fromEntries(
    Object.entries<any>(media.examples ?? {}).map(([name, example]) => [name, deref(api, example).value]),
  );
}
