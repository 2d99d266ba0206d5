// What a contract run may send to a vendor's stage server. Mock mode sends everything; stage
// mode protects real stage data and the vendor:
//
// - Happy paths of operations that change EXISTING stage data run only with --mutating
//   (CONTRACT_MUTATING=1). The rule is derived from the spec, generically (specs are the
//   vendor's, so no marker is added to them). An operation changes existing data when it
//     1. is not a read (GET, HEAD, OPTIONS), and
//     2. needs credentials (a public operation such as a token endpoint changes no data), and
//     3. is not a create of something new. A create is an operation whose operationId starts
//        with "create" and whose request example names no existing resource: none of its
//        top-level request properties is the name of a path parameter anywhere in the same spec
//        (the key the API addresses its resources by). So creating an order is a create, but a
//        "createRefund" whose body carries the order id that `GET /find_order/{backd_order_id}`
//        is addressed by acts on an existing order.
// - Bad inputs (and the no-credentials and malformed-body cases) go to a vendor only with
//   --negatives, past Prism (scripts/stage/negatives.ts); never to a mutating operation
//   without --mutating.
import { happyRequests, listOperations, type OperationRecord } from "../../../scripts/apis/operations.js";
import { negativeOptionsFromEnv, type NegativeOptions } from "../../../scripts/stage/negatives.js";

const READS = new Set(["get", "head", "options"]);

export interface StagePolicy {
  /** CONTRACT_MUTATING=1 (`test:stage --mutating`). */
  mutating: boolean;
  negatives: NegativeOptions;
}

export function stagePolicyFromEnv(env: NodeJS.ProcessEnv): StagePolicy {
  return { mutating: env["CONTRACT_MUTATING"] === "1", negatives: negativeOptionsFromEnv(env) };
}

/** Names of every path parameter in the spec: the keys its resources are addressed by. */
export function resourceKeys(document: unknown): Set<string> {
  const keys = new Set<string>();
  for (const op of listOperations(document)) for (const match of op.path.matchAll(/\{([^}]+)\}/g)) keys.add(match[1]!);
  return keys;
}

/** Why an operation changes existing stage data, or null when it does not (see the rule above). */
export function mutatingReason(op: OperationRecord, keys: Set<string>): string | null {
  if (READS.has(op.method.toLowerCase())) return null;
  if (op.security.length === 0 || op.security.some((s) => Object.keys(s).length === 0)) return null;
  const method = op.method.toUpperCase();
  if (!/^create/i.test(op.operationId)) return `${method} ${op.operationId} is not a read and not a create`;
  const addresses = [...new Set(happyRequests(op).flatMap((h) =>
    h.body && typeof h.body === "object" && !Array.isArray(h.body) ? Object.keys(h.body as object) : []))]
    .filter((name) => keys.has(name));
  if (Object.keys(happyRequests(op)[0]?.pathParams ?? {}).length) return `${method} ${op.operationId} is addressed to an existing resource (path parameter)`;
  return addresses.length ? `${method} ${op.operationId} acts on an existing resource (${addresses.join(", ")})` : null;
}
