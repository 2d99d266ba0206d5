// A stand-in for the vendors' stage servers, on loopback only, so that the stage mode of the
// contract suite can be proven without the internet. For every operation of every spec it
// answers the way the spec says the vendor does (the documented success example, or a 401 for
// wrong credentials), and, when told to, drifts from the spec in one of three ways:
//   remove-required      a required property is missing from the success body
//   change-type          a property of the success body has another type
//   undocumented-status  the success body comes with a status the spec does not declare
// Every drift it injects is recorded, so the self-test can check that each one was caught.
// It stops by itself: the server does not keep the process alive, and it closes after a period
// without requests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createSpecAjv } from "../../scripts/apis/openapi-ajv.js";
import { createNegativeGenerator, type NegativeGenerator } from "../../scripts/mock/negative/generator.js";
import {
  isDeclaredStatus, isPublic, listOperations, preferredMedia, serversFor, successStatuses,
  type OperationRecord,
} from "../../scripts/apis/operations.js";
import { API_NAMES, loadSpec } from "../../scripts/apis/spec-files.js";

export type DriftKind = "none" | "remove-required" | "change-type" | "undocumented-status";
export const DRIFT_KINDS: DriftKind[] = ["remove-required", "change-type", "undocumented-status"];

export interface Injection {
  api: string;
  operationId: string;
  kind: DriftKind;
  applied: boolean;
  /** What was changed: the property (dotted path) or the status. */
  detail: string;
  /** Words a report of this drift must contain. */
  mustMention: string[];
}

/** The credentials the upstream accepts; the self-test passes the same ones to the suite. */
export const SELFTEST_CREDENTIALS = {
  BILLPRO_API_TOKEN: "selftest-billpro-token",
  BACKD_PUBLIC_KEY: "pk_selftest",
  BACKD_SECRET_KEY: "sk_selftest",
  PAYWAY_ACCESS_TOKEN: "selftest-payway-token",
  PAYWAY_CLIENT_ID: "selftest-client",
  PAYWAY_CLIENT_SECRET: "selftest-secret",
  KWIK_API_KEY: "selftest-key",
  KWIK_API_SECRET: "selftest-secret",
} as const;

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const EXPECTED_AUTHORIZATION: Record<string, string> = {
  billpro: `Bearer ${SELFTEST_CREDENTIALS.BILLPRO_API_TOKEN}`,
  backd: basic(SELFTEST_CREDENTIALS.BACKD_PUBLIC_KEY, SELFTEST_CREDENTIALS.BACKD_SECRET_KEY),
  payway: `Bearer ${SELFTEST_CREDENTIALS.PAYWAY_ACCESS_TOKEN}`,
  kwik: basic(SELFTEST_CREDENTIALS.KWIK_API_KEY, SELFTEST_CREDENTIALS.KWIK_API_SECRET),
};

interface Route {
  api: string;
  op: OperationRecord;
  prefix: string;
  pattern: RegExp;
  generator: NegativeGenerator;
}

export interface Upstream {
  url: string;
  /** Env vars pointing the stage suite here: <API>_BASE_URL and per-operation overrides. */
  env: Record<string, string>;
  injections: Injection[];
  /** Requests answered, per API. */
  requests: Record<string, number>;
  setDrift(kind: DriftKind): void;
  /** Switches the stage-safety misbehaviours (replaces the current ones). */
  setMisbehaviour(misbehaviour: UpstreamMisbehaviour): void;
  /** Requests answered with a redirect or an echo. */
  misbehaved: Array<{ api: string; kind: "redirect" | "echo"; path: string }>;
  close(): Promise<void>;
}

function templateToRegExp(path: string): RegExp {
  const escaped = path.split(/(\{[^}]+\})/).map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${escaped}$`);
}

const envOperation = (operationId: string) => operationId.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

/** The JSON a response of this status documents: its first example, else a value built from its schema. */
function documentedBody(route: Route, status: string): { mediaType: string; body: unknown; schemaSegments: Array<string | number> } | null {
  const media = preferredMedia(route.op.responses[status]?.media ?? []);
  if (!media) return null;
  const body = media.examples[0]?.value ?? route.generator.synthesize(media.schema, media.schemaSegments);
  return { mediaType: media.mediaType, body, schemaSegments: media.schemaSegments };
}

/** Every path inside a JSON value, shallowest first. */
function paths(value: unknown): Array<Array<string | number>> {
  const found: Array<Array<string | number>> = [];
  const queue: Array<{ v: unknown; p: Array<string | number> }> = [{ v: value, p: [] }];
  while (queue.length) {
    const { v, p } = queue.shift()!;
    if (p.length) found.push(p);
    if (Array.isArray(v)) v.forEach((item, i) => queue.push({ v: item, p: [...p, i] }));
    else if (v && typeof v === "object") for (const [k, item] of Object.entries(v)) queue.push({ v: item, p: [...p, k] });
  }
  return found;
}

const pointer = (p: Array<string | number>) => p.map((s) => `/${String(s).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

function edit(body: unknown, path: Array<string | number>, change: (parent: any, key: string | number) => void): unknown {
  const copy = structuredClone(body);
  const parent = path.slice(0, -1).reduce((v: any, k) => v[k], copy);
  change(parent, path.at(-1)!);
  return copy;
}

/**
 * Drifts a conformant success body. A change counts only if the spec's own validator reports
 * exactly that kind of violation at that place; otherwise the next candidate is tried.
 */
function drift(route: Route, kind: DriftKind, body: unknown, schemaSegments: Array<string | number>): { body: unknown; detail: string; mustMention: string[] } | null {
  const check = (candidate: unknown) => route.generator.validate(schemaSegments, candidate);
  const valueAt = (path: Array<string | number>) => path.reduce((v: any, k) => v?.[k], body);
  const isScalar = (v: unknown) => v === null || typeof v !== "object";
  // A changed type is tried on scalar fields first (an id turning from number to string is the
  // drift vendors actually ship), then on objects and arrays.
  const candidates = kind === "change-type"
    ? [...paths(body).filter((p) => isScalar(valueAt(p))), ...paths(body).filter((p) => !isScalar(valueAt(p)))]
    : paths(body);
  for (const path of candidates) {
    if (kind === "remove-required") {
      if (typeof path.at(-1) === "number") continue;
      const candidate = edit(body, path, (parent, key) => { delete parent[key]; });
      const { errors } = check(candidate);
      const parentPointer = pointer(path.slice(0, -1));
      if (errors.some((e: any) => e.keyword === "required" && e.instancePath === parentPointer && e.params?.missingProperty === path.at(-1))) {
        return { body: candidate, detail: path.join("."), mustMention: ["required", `'${String(path.at(-1))}'`] };
      }
    } else if (kind === "change-type") {
      const current = valueAt(path);
      const replacement = typeof current === "string" ? 12345 : typeof current === "number" || typeof current === "boolean" ? "drifted" : current === null ? 12345 : "drifted";
      const candidate = edit(body, path, (parent, key) => { parent[key] = replacement; });
      const { errors } = check(candidate);
      if (errors.some((e: any) => e.keyword === "type" && e.instancePath === pointer(path))) {
        return { body: candidate, detail: path.join("."), mustMention: ["[type]", path.join(".")] };
      }
    }
  }
  return null;
}

/**
 * Misbehaviours for the stage-safety scenarios (scripts/stage):
 *   redirectTo       every request is answered `307 Location: <redirectTo><same path>`; a stage
 *                    run must fail naming the redirect, and nothing may reach redirectTo
 *   echoCredentials  every request is answered 401, quoting the Authorization header and the
 *                    body it got (as a careless vendor error page does); a stage run must never
 *                    print them
 *   apis             only these APIs misbehave (default: all)
 */
export interface UpstreamMisbehaviour {
  redirectTo?: string;
  echoCredentials?: boolean;
  apis?: string[];
}

export async function startUpstream({ drift: initialDrift = "none", idleTimeoutMs = 120_000, ...initialMisbehaviour }: { drift?: DriftKind; idleTimeoutMs?: number } & UpstreamMisbehaviour = {}): Promise<Upstream> {
  let driftKind: DriftKind = initialDrift;
  let misbehaviour: UpstreamMisbehaviour = initialMisbehaviour;
  const injections: Injection[] = [];
  const requests: Record<string, number> = Object.fromEntries(API_NAMES.map((api) => [api, 0]));
  const routes: Route[] = [];
  const env: Record<string, string> = {};
  const misbehaved: Array<{ api: string; kind: "redirect" | "echo"; path: string }> = [];

  for (const api of API_NAMES) {
    const document = loadSpec(api);
    const uri = `${api}.upstream.yaml`;
    const generator = createNegativeGenerator({ document, ajv: createSpecAjv(document, uri), uri });
    // The stage server's own path (e.g. /external/api/v2) is kept, so that the proxy's joining
    // of upstream path and request path is tested as it will happen against the real host.
    const serverPath = (servers: any[] | null) => new URL(String(serversFor(servers, ["stage", "sandbox", "test"])[0]?.url ?? "http://x/")).pathname.replace(/\/+$/, "");
    for (const op of listOperations(document)) {
      const prefix = op.servers ? `/${api}/op-${op.operationId}${serverPath(op.servers)}` : `/${api}${serverPath(document.servers)}`;
      routes.push({ api, op, prefix, pattern: templateToRegExp(op.path), generator });
    }
  }

  const send = (res: ServerResponse, status: number, mediaType: string, body: unknown) => {
    if (body === undefined) return void res.writeHead(status, { "content-length": 0 }).end();
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": mediaType, "content-length": Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bodyText = Buffer.concat(chunks).toString("utf8");
    const { pathname } = new URL(req.url ?? "/", "http://127.0.0.1");
    const apiOfPath = pathname.split("/")[1] ?? "";
    if (!misbehaviour.apis || misbehaviour.apis.includes(apiOfPath)) {
      if (misbehaviour.redirectTo) {
        misbehaved.push({ api: apiOfPath, kind: "redirect", path: pathname });
        res.writeHead(307, { location: `${misbehaviour.redirectTo}${req.url ?? "/"}`, "content-length": 0 });
        return void res.end();
      }
      if (misbehaviour.echoCredentials) {
        misbehaved.push({ api: apiOfPath, kind: "echo", path: pathname });
        return send(res, 401, "application/json", { message: "bad credentials", got: req.headers.authorization ?? null, body: bodyText });
      }
    }
    const method = (req.method ?? "GET").toLowerCase();
    const route = routes.find((r) => r.op.method === method && pathname.startsWith(r.prefix) && r.pattern.test(pathname.slice(r.prefix.length)));
    if (!route) return send(res, 404, "application/json", { message: `the self-test upstream has no ${method.toUpperCase()} ${pathname}` });
    requests[route.api] = (requests[route.api] ?? 0) + 1;

    // Credentials: a vendor refuses wrong ones with its documented 401.
    const form = new URLSearchParams(bodyText);
    const wrongCredentials = isPublic(route.op)
      ? form.has("client_id") && (form.get("client_id") !== SELFTEST_CREDENTIALS.PAYWAY_CLIENT_ID || form.get("client_secret") !== SELFTEST_CREDENTIALS.PAYWAY_CLIENT_SECRET)
      : req.headers.authorization !== EXPECTED_AUTHORIZATION[route.api];
    if (wrongCredentials) {
      const key = ["401", "4XX", "4xx", "default"].find((k) => k in route.op.responses);
      const documented = key ? documentedBody(route, key) : null;
      return send(res, 401, documented?.mediaType ?? "application/json", documented?.body ?? { message: "unauthorized" });
    }

    // The first documented success code (a bare "2XX" range is answered with 200).
    const successKey = successStatuses(route.op).find((s) => /^\d+$/.test(s)) ?? successStatuses(route.op)[0] ?? "200";
    const status = /^\d+$/.test(successKey) ? successKey : "200";
    const documented = documentedBody(route, successKey);
    if (!documented) return send(res, Number(status), "application/json", undefined);
    // A token endpoint issues the token this upstream accepts (any string is conformant).
    const issued = documented.body as { access_token?: unknown } | null;
    if (issued && typeof issued === "object" && typeof issued.access_token === "string") {
      documented.body = { ...issued, access_token: SELFTEST_CREDENTIALS.PAYWAY_ACCESS_TOKEN };
    }
    if (driftKind === "none") return send(res, Number(status), documented.mediaType, documented.body);

    const base = { api: route.api, operationId: route.op.operationId, kind: driftKind };
    if (driftKind === "undocumented-status") {
      const undocumented = [418, 299, 399, 599].find((s) => !isDeclaredStatus(route.op, s));
      if (undocumented === undefined) {
        injections.push({ ...base, applied: false, detail: "every status is declared (default)", mustMention: [] });
        return send(res, Number(status), documented.mediaType, documented.body);
      }
      injections.push({ ...base, applied: true, detail: `status ${undocumented}`, mustMention: ["Unable to match the returned status code"] });
      return send(res, undocumented, documented.mediaType, documented.body);
    }
    const drifted = drift(route, driftKind, documented.body, documented.schemaSegments);
    if (!drifted) {
      injections.push({ ...base, applied: false, detail: `no property of the ${status} body can take this drift`, mustMention: [] });
      return send(res, Number(status), documented.mediaType, documented.body);
    }
    injections.push({ ...base, applied: true, detail: drifted.detail, mustMention: drifted.mustMention });
    return send(res, Number(status), documented.mediaType, drifted.body);
  };

  let idle: NodeJS.Timeout | undefined;
  const server: Server = createServer((req, res) => {
    resetIdle();
    handle(req, res).catch((error) => send(res, 500, "application/json", { message: `self-test upstream error: ${String(error)}` }));
  });
  const close = () => new Promise<void>((resolve) => {
    clearTimeout(idle);
    server.closeAllConnections();
    server.close(() => resolve());
  });
  function resetIdle() {
    clearTimeout(idle);
    idle = setTimeout(() => void close(), idleTimeoutMs);
    idle.unref();
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref(); // never the reason the test process stays alive
  resetIdle();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  for (const api of API_NAMES) {
    const general = routes.find((r) => r.api === api && !r.op.servers);
    if (general) env[`${api.toUpperCase()}_BASE_URL`] = url + general.prefix;
    for (const r of routes.filter((x) => x.api === api && x.op.servers)) {
      env[`${api.toUpperCase()}_${envOperation(r.op.operationId)}_BASE_URL`] = url + r.prefix;
    }
  }

  return {
    url,
    env,
    injections,
    requests,
    setDrift: (kind) => { driftKind = kind; injections.length = 0; },
    setMisbehaviour: (next) => { misbehaviour = next; misbehaved.length = 0; },
    misbehaved,
    close,
  };
}
