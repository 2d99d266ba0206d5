// Turns one spec into the contract suite's test plan: per operation, the happy-path requests
// (one per vendor request example) and the bad requests derived from the request schemas.
// Nothing here is specific to an API: adding an operation or a rule to a spec adds tests.
import { createSpecAjv, formatErrors } from "../../../scripts/apis/openapi-ajv.js";
import { createNegativeGenerator, type NegativeGenerator, type Skipped } from "../../../scripts/mock/negative/generator.js";
import {
  happyRequests, isPublic, listOperations, preferredMedia,
  type HappyRequest, type OperationRecord,
} from "../../../scripts/apis/operations.js";
import { loadSpec } from "../../../scripts/apis/spec-files.js";
import type { Exchange, OutgoingRequest } from "./exchange.js";

export interface Expectation {
  rule: string;
  where: "body" | "query" | "path";
  location: Array<string | number>;
  property?: string;
}

export interface BadRequest {
  title: string;
  request: OutgoingRequest;
  expect: Expectation;
}

export interface OperationPlan {
  op: OperationRecord;
  happy: HappyRequest[];
  bad: BadRequest[];
  /** Rules the generator could not break one at a time, with the reason. */
  skipped: Skipped[];
  needsAuth: boolean;
  /** The request body is JSON (so a malformed body can be sent). */
  jsonBody: boolean;
}

export interface ApiPlan {
  api: string;
  document: any;
  operations: OperationPlan[];
  generator: NegativeGenerator;
  /** Schema errors of a response body against what the operation documents for its status. */
  responseErrors(op: OperationRecord, exchange: Exchange): string[];
}

const baseOf = (happy: HappyRequest): OutgoingRequest => ({
  pathParams: { ...happy.pathParams },
  query: { ...happy.query },
  headers: { ...happy.headers },
  mediaType: happy.mediaType,
  body: happy.body,
});

export function planApi(api: string): ApiPlan {
  const document = loadSpec(api);
  const uri = `${api}.openapi.yaml`;
  const generator = createNegativeGenerator({ document, ajv: createSpecAjv(document, uri), uri });

  const operations = listOperations(document).map((op): OperationPlan => {
    const happy = happyRequests(op);
    const media = op.requestBody ? preferredMedia(op.requestBody.media) : null;
    const bad: BadRequest[] = [];
    const skipped: Skipped[] = [];

    if (media && happy.length > 0) {
      const stringsOnly = /x-www-form-urlencoded/i.test(media.mediaType);
      const result = generator.bodyCases({
        rootSegments: media.schemaSegments,
        instances: happy.map((h) => ({ name: h.name, value: h.body })),
        stringsOnly,
      });
      skipped.push(...result.skipped);
      for (const c of result.cases) {
        const from = happy.find((h) => h.name === c.example) ?? happy[0]!;
        bad.push({
          title: `${c.description} [${c.rule}] (from example ${c.example})`,
          request: { ...baseOf(from), body: c.value },
          expect: { rule: c.rule, where: "body", location: c.location, ...(c.property ? { property: c.property } : {}) },
        });
      }
    }
    if (happy[0]) {
      const result = generator.parameterCases(op, happy[0]);
      skipped.push(...result.skipped);
      for (const c of result.cases) {
        const request = baseOf(happy[0]);
        const values = c.in === "query" ? request.query : request.pathParams;
        if (c.value === undefined) delete values[c.name];
        else values[c.name] = c.value;
        bad.push({
          title: `${c.description} [${c.rule}]`,
          request,
          // Prism reports a missing query parameter on the query as a whole, naming it in the message.
          expect: c.rule === "required"
            ? { rule: "required", where: c.in, location: [], property: c.name }
            : { rule: c.rule, where: c.in, location: [c.name] },
        });
      }
    }
    return {
      op,
      happy,
      bad,
      skipped,
      needsAuth: !isPublic(op),
      jsonBody: Boolean(media && /[/+]json$/i.test(media.mediaType.split(";")[0]!)),
    };
  });

  const responseErrors = (op: OperationRecord, exchange: Exchange): string[] => {
    const status = String(exchange.status);
    const key = [status, `${status[0]}XX`, `${status[0]}xx`, "default"].find((k) => k in op.responses);
    if (!key) return [`status ${status} is not documented (documented: ${Object.keys(op.responses).join(", ")})`];
    const media = op.responses[key]!.media;
    if (media.length === 0) return [];
    const type = exchange.contentType.split(";")[0]!.trim().toLowerCase();
    const record = media.find((m) => m.mediaType.toLowerCase() === type);
    if (!record) return [`content type "${type}" is not documented for ${key} (documented: ${media.map((m) => m.mediaType).join(", ")})`];
    if (!/[/+]json$/.test(type)) return [];
    if (exchange.body === undefined) return [`the ${key} body is not JSON: ${exchange.bodyText.slice(0, 200)}`];
    const result = generator.validate(record.schemaSegments, exchange.body);
    return result.ok ? [] : formatErrors(result.errors);
  };

  return { api, document, operations, generator, responseErrors };
}
