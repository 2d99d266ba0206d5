// The stage-mode part of the contract suite's global setup. Each API's traffic goes
//
//   test → prism proxy --errors → upstream guard (scripts/stage/upstream-guard.ts) → vendor
//
// Prism checks requests and responses against the spec; the guard forwards without ever
// following a redirect (a 3xx becomes a 502 naming the status and Location, recorded in the
// API's events file so that the test that caused it fails with that message), and redacts what
// it reports. An API without credentials is skipped with the variables to set.
//
// global-setup.ts calls only `startStageTargets(apis, env)`; everything started here is stopped
// by the returned close(), and also on SIGINT/SIGTERM/SIGHUP to this process (a `kill` of the
// vitest pid must not leave proxies behind).
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSpec, specPath } from "../../../scripts/apis/spec-files.js";
import { startPrism, stopChild } from "../../../scripts/mock/prism.js";
import { STAGE_CREDENTIALS, stageRedactor } from "../../../scripts/stage/credentials.js";
import { startUpstreamGuard, type UpstreamGuard } from "../../../scripts/stage/upstream-guard.js";
import { operationUpstreams, stageUpstream, type ApiTarget } from "./targets.js";

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

  /** prism proxy --errors → guard → upstream; the Prism URL is what the tests call, the guard's is the vendor's door. */
  const chain = async (api: string, upstream: string, eventsFile: string) => {
    const guard = await startUpstreamGuard({ upstream, label: api, redact, eventsFile });
    guards.push(guard);
    const prism = await startPrism({ api, mode: "proxy", upstream: guard.url, errors: true, onSpawn: (child) => children.push(child) });
    return { prism: prism.url, guard: guard.url };
  };

  const prepare = async (api: string): Promise<ApiTarget> => {
    if (!existsSync(specPath(api))) return { error: `specs/${api}/openapi.yaml does not exist` };
    const source = STAGE_CREDENTIALS[api];
    const credentials = source?.read(env) ?? null;
    if (!credentials) return { skip: `no stage credentials: set ${source?.names ?? "credentials (none are declared in redocly.yaml)"}` };
    const document = loadSpec(api);
    const upstream = stageUpstream(api, document, env);
    if ("error" in upstream) return { error: upstream.error };

    const eventsFile = join(dir, `${api}.events.jsonl`);
    const main = await chain(api, upstream.url, eventsFile);
    log.push(`${api}: prism proxy --errors ${main.prism} → upstream guard ${main.guard} → ${upstream.url}`);
    // Operations with their own servers (a token endpoint) get their own chain, one per distinct upstream.
    const operationBaseUrls: Record<string, string> = {};
    const operationVendorBaseUrls: Record<string, string> = {};
    const byUpstream = new Map<string, { prism: string; guard: string }>();
    for (const [operationId, url] of Object.entries(operationUpstreams(api, document, env))) {
      let extra = byUpstream.get(url);
      if (!extra) {
        extra = await chain(api, url, eventsFile);
        byUpstream.set(url, extra);
        log.push(`${api}: prism proxy --errors ${extra.prism} → upstream guard ${extra.guard} → ${url} (${operationId})`);
      }
      operationBaseUrls[operationId] = extra.prism;
      operationVendorBaseUrls[operationId] = extra.guard;
    }
    return {
      baseUrl: main.prism, operationBaseUrls, upstream: upstream.url,
      vendorBaseUrl: main.guard, operationVendorBaseUrls, upstreamEventsFile: eventsFile,
      ...credentials,
    };
  };

  const results = await Promise.allSettled(apis.map(async (api) => [api, await prepare(api)] as const));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await close();
    throw new Error(redact(String((failed.reason as Error)?.stack ?? failed.reason)));
  }
  const targets: Record<string, ApiTarget> = {};
  for (const r of results) if (r.status === "fulfilled") targets[r.value[0]] = r.value[1];
  for (const [api, target] of Object.entries(targets)) {
    if (target.skip) log.push(`${api}: SKIPPED — ${target.skip}`);
    if (target.error) log.push(`${api}: ERROR — ${target.error}`);
  }
  return { targets, log: log.map(redact), close };
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
