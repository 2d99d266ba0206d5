// Turns a spec's example requests into arguments for a generated client method. The operations and
// their examples come from scripts/apis/operations.ts (shared with the mock tooling); this module only
// reshapes them: `{ params: { path, query, header }, body }` as the clients take them, the example
// of a documented response, and a concrete status for a response key such as "4XX". Used by the
// client tests (tests/clients) and the client benchmark.
import { happyRequests, isPublic, listOperations, preferredMedia, type Json, type OperationRecord } from "../apis/operations.js";

export interface SpecOperation {
  id: string;
  method: string;
  path: string;
  responses: string[];
  needsAuth: boolean;
  requestMediaType: string | undefined;
  record: OperationRecord;
}

/** Every operation: id, method, path, declared response keys, whether it needs credentials, and the full record. */
export function specOperations(spec: Json): SpecOperation[] {
  return listOperations(spec).map((record) => ({
    id: record.operationId,
    method: record.method,
    path: record.path,
    responses: Object.keys(record.responses),
    needsAuth: !isPublic(record),
    requestMediaType: record.requestBody ? preferredMedia(record.requestBody.media)?.mediaType : undefined,
    record,
  }));
}

function find(spec: Json, operationId: string): SpecOperation {
  const op = specOperations(spec).find((candidate) => candidate.id === operationId);
  if (!op) throw new Error(`no operation "${operationId}"`);
  return op;
}

/** `{ params, body }` for a generated client method, from the spec's first example request. Throws when one is missing. */
export function exampleInit(spec: Json, operationId: string): { params: Record<string, Record<string, unknown>>; body?: unknown } {
  const [request] = happyRequests(find(spec, operationId).record);
  if (!request) throw new Error(`${operationId}: the request body has no example to call it with`);
  if (request.missing.length) throw new Error(`${operationId}: no example for the required ${request.missing.join(", ")}`);
  const params: Record<string, Record<string, unknown>> = {};
  if (Object.keys(request.pathParams).length) params.path = request.pathParams;
  if (Object.keys(request.query).length) params.query = request.query;
  if (Object.keys(request.headers).length) params.header = request.headers;
  return request.mediaType === null ? { params } : { params, body: request.body };
}

/** The preferred media type of one response and its first named example (undefined when it has no content). */
export function responseExample(spec: Json, operationId: string, key: string): { mediaType: string; example: unknown } | undefined {
  const media = preferredMedia(find(spec, operationId).record.responses[key]?.media ?? []);
  return media ? { mediaType: media.mediaType, example: media.examples[0]?.value } : undefined;
}

/** A concrete status for a response key: "422" → 422; "4XX" → the first 4xx not declared on its own; "default" → the first such 5xx. */
export function representativeStatus(key: string, keys: string[]): number {
  if (/^\d{3}$/.test(key)) return Number(key);
  const first = key === "default" ? 5 : Number(key[0]);
  const declared = new Set(keys.filter((k) => /^\d{3}$/.test(k)).map(Number));
  for (let status = first * 100; status < first * 100 + 100; status++) if (!declared.has(status)) return status;
  throw new Error(`every status of ${key} is declared on its own`);
}
