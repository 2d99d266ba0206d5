// Stage mode's chains, used by the contract suite's global setup and by `test:stage --flows`. Each
// API's traffic goes
//
//   test → prism proxy --errors → upstream guard (scripts/stage/upstream-guard.ts) → vendor
//
// Prism checks requests and responses against the spec; the guard forwards without ever
// following a redirect (a 3xx becomes a 502 naming the status and Location, recorded in the
// API's events file so that the test that caused it fails with that message), and redacts what
// it reports. An API without credentials is skipped with the variables to set.
//
// Callers use only `startStageTargets(apis, env)`; everything started here is stopped
// by the returned close(), and also on SIGINT/SIGTERM/SIGHUP to this process (a `kill` of the
// vitest pid must not leave proxies behind).
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSpec, specPath } from "../apis/spec-files.js";
import { startPrisms, stopChild, type MockRequest } from "../mock/prism.js";
import { STAGE_CREDENTIALS, stageRedactor, type CallAuth, type ClientCredentials } from "./credentials.js";
import { startUpstreamGuard, type UpstreamGuard } from "./upstream-guard.js";
import { operationUpstreams, stageUpstream } from "./upstreams.js";

/** Where the contract suite sends one API's traffic in this run, and with which credentials. */
export interface ApiTarget {
  /** Set when the API cannot be tested in this run; the reason is printed and its tests are skipped. */
  skip?: string;
  /** Set when the API should be tested but cannot be set up (a missing spec, no stage server). Its tests fail. */
  error?: string;
  /** Where requests go (the mock, or the proxy in front of stage). */
  baseUrl?: string;
  /** Operations with their own `servers` (a token endpoint on another host) get their own proxy in stage mode. */
  operationBaseUrls?: Record<string, string>;
  /** Where the proxy forwards to (stage mode), for messages. */
  upstream?: string;
  /**
   * Stage mode: the upstream guard in front of the vendor (scripts/stage/upstream-guard.ts), by
   * operation where an operation has its own server. Bad-input cases sent with --negatives go
   * here, past Prism's validating proxy, so that the vendor (not Prism) answers them.
   */
  vendorBaseUrl?: string;
  operationVendorBaseUrls?: Record<string, string>;
  /** Stage mode: the file the upstream guards append redirect events to (JSON lines). */
  upstreamEventsFile?: string;
  auth?: CallAuth;
  /** Credentials for a token endpoint: used to get `auth` when no token is given, and for its own test. */
  client?: ClientCredentials;
}

export interface StageTargets {
  targets: Record<string, ApiTarget>;
  /** One line per API: what it is proxied to, or why it is skipped (URLs only, no credentials). */
  log: string[];
  close(): Promise<void>;
}

export async function startStageTargets(apis: readonly string[], env: NodeJS.ProcessEnv): Promise<StageTargets> {
  const children: ChildProcess[] = [];
  const guards: UpstreamGuard[] = [];
  const dir = mkdtempSync(join(tmpdir(), "contract-stage-"));
  const redact = stageRedactor(env);
  const log: string[] = [];
  let closed = false;

  const close = async () => {
    if (closed) return;
    closed = true;
    for (const signal of SIGNALS) process.off(signal, onSignal);
    await Promise.all([...children.map((child) => stopChild(child)), ...guards.map((guard) => guard.close())]);
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void close().finally(() => process.kill(process.pid, signal));
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);

  /**
   * One chain: prism proxy --errors → guard → upstream. The guard starts here; the proxy is only
   * requested, so that every API's proxies start together in one mock host (startProxies).
   * The Prism URL is what the tests call, the guard's is the vendor's door.
   */
  const requested: MockRequest[] = [];
  const proxyUrls: string[] = [];
  const chain = async (api: string, upstream: string, eventsFile: string) => {
    const guard = await startUpstreamGuard({ upstream, label: api, redact, eventsFile });
    guards.push(guard);
    const index = requested.push({ api, mode: "proxy", upstream: guard.url, errors: true }) - 1;
    return { prism: () => proxyUrls[index]!, guard: guard.url, upstream };
  };
  const startProxies = async () => {
    if (requested.length === 0) return;
    const host = await startPrisms(requested, { onSpawn: (child) => children.push(child) });
    proxyUrls.push(...host.instances.map((instance) => instance.url));
  };

  type Chain = Awaited<ReturnType<typeof chain>>;
  type Planned = { error: string } | { skip: string } | { main: Chain; extras: Array<{ operationId: string; chain: Chain }>; eventsFile: string; credentials: object };

  const plan = async (api: string): Promise<Planned> => {
    if (!existsSync(specPath(api))) return { error: `specs/${api}/openapi.yaml does not exist` };
    const source = STAGE_CREDENTIALS[api];
    const credentials = source?.read(env) ?? null;
    if (!credentials) return { skip: `no stage credentials: set ${source?.names ?? "credentials (none are declared in redocly.yaml)"}` };
    const document = loadSpec(api);
    const upstream = stageUpstream(api, document, env);
    if ("error" in upstream) return { error: upstream.error };

    const eventsFile = join(dir, `${api}.events.jsonl`);
    const main = await chain(api, upstream.url, eventsFile);
    // Operations with their own servers (a token endpoint) get their own chain, one per distinct upstream.
    const byUpstream = new Map<string, Chain>();
    const extras: Array<{ operationId: string; chain: Chain }> = [];
    for (const [operationId, url] of Object.entries(operationUpstreams(api, document, env))) {
      let extra = byUpstream.get(url);
      if (!extra) byUpstream.set(url, extra = await chain(api, url, eventsFile));
      extras.push({ operationId, chain: extra });
    }
    return { main, extras, eventsFile, credentials };
  };

  const prepare = (api: string, planned: Planned): ApiTarget => {
    if (!("main" in planned)) return planned;
    const { main, extras, eventsFile, credentials } = planned;
    log.push(`${api}: prism proxy --errors ${main.prism()} → upstream guard ${main.guard} → ${main.upstream}`);
    const operationBaseUrls: Record<string, string> = {};
    const operationVendorBaseUrls: Record<string, string> = {};
    const logged = new Set<Chain>();
    for (const { operationId, chain: extra } of extras) {
      if (!logged.has(extra)) log.push(`${api}: prism proxy --errors ${extra.prism()} → upstream guard ${extra.guard} → ${extra.upstream} (${operationId})`);
      logged.add(extra);
      operationBaseUrls[operationId] = extra.prism();
      operationVendorBaseUrls[operationId] = extra.guard;
    }
    return {
      baseUrl: main.prism(), operationBaseUrls, upstream: main.upstream,
      vendorBaseUrl: main.guard, operationVendorBaseUrls, upstreamEventsFile: eventsFile,
      ...credentials,
    };
  };

  const targets: Record<string, ApiTarget> = {};
  try {
    const planned = await Promise.all(apis.map(async (api) => [api, await plan(api)] as const));
    await startProxies();
    for (const [api, entry] of planned) targets[api] = prepare(api, entry);
  } catch (error) {
    await close();
    throw new Error(redact(String((error as Error)?.stack ?? error)));
  }
  for (const [api, target] of Object.entries(targets)) {
    if (target.skip) log.push(`${api}: SKIPPED — ${target.skip}`);
    if (target.error) log.push(`${api}: ERROR — ${target.error}`);
  }
  return { targets, log: log.map(redact), close };
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
