// Points the contract suite at Prism for every API:
// mock mode → the run's shared `prism mock` per API (tests/support/shared-mocks.ts, started once for
// every project that needs it); stage mode → `prism proxy --errors` in front of each stage server,
// started here and stopped afterwards. The tests get the URLs and credentials through provide/inject.
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import type { ChildProcess } from "node:child_process";
import { startPrism, stopChild, type StartPrismOptions } from "../../scripts/mock/prism.js";
import { acquireSharedMocks, type MockTargets } from "../support/shared-mocks.js";
import { API_NAMES, loadSpec, specPath } from "../../scripts/apis/spec-files.js";
import {
  contractMode, mockCredentials, operationUpstreams, STAGE_CREDENTIALS, stageUpstream,
  type ApiTarget, type ContractConfig,
} from "./lib/targets.js";

declare module "vitest" {
  export interface ProvidedContext {
    contract: ContractConfig;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mode = contractMode(process.env);
  // Children are recorded at spawn time, so a failure while others are still starting stops them all.
  const children: ChildProcess[] = [];
  const start = (options: StartPrismOptions) => startPrism({ ...options, onSpawn: (child) => children.push(child) });
  const apis: Record<string, ApiTarget> = {};
  const log: string[] = [];
  // Mock mode: the shared mocks, released (and stopped by the last user) in the teardown.
  let shared: { mocks: MockTargets; release: () => Promise<void> } | null = null;
  if (mode === "mock") {
    shared = await acquireSharedMocks();
    project.provide("mocks", shared.mocks);
  }

  const prepare = async (api: string): Promise<ApiTarget> => {
    if (!existsSync(specPath(api))) return { error: `specs/${api}/openapi.yaml does not exist` };
    const document = loadSpec(api);
    if (shared) {
      const mock = shared.mocks[api];
      if (!mock) return { error: `no mock was started for ${api}` };
      if ("error" in mock) return { error: mock.error };
      log.push(`${api}: prism mock ${mock.url} (shared)`);
      return { baseUrl: mock.url, ...mockCredentials(document) };
    }

    const source = STAGE_CREDENTIALS[api];
    const credentials = source?.read(process.env) ?? null;
    if (!credentials) return { skip: `no stage credentials: set ${source?.names ?? "credentials"}` };
    const upstream = stageUpstream(api, document, process.env);
    if ("error" in upstream) return { error: upstream.error };

    const prism = await start({ api, mode: "proxy", upstream: upstream.url, errors: true });
    log.push(`${api}: prism proxy --errors ${prism.url} → ${upstream.url}`);
    // One more proxy per distinct upstream of operations with their own servers.
    const operationBaseUrls: Record<string, string> = {};
    const byUpstream = new Map<string, string>();
    for (const [operationId, url] of Object.entries(operationUpstreams(api, document, process.env))) {
      let proxyUrl = byUpstream.get(url);
      if (!proxyUrl) {
        const extra = await start({ api, mode: "proxy", upstream: url, errors: true });
        proxyUrl = extra.url;
        byUpstream.set(url, proxyUrl);
        log.push(`${api}: prism proxy --errors ${proxyUrl} → ${url} (${operationId})`);
      }
      operationBaseUrls[operationId] = proxyUrl;
    }
    return { baseUrl: prism.url, operationBaseUrls, upstream: upstream.url, ...credentials };
  };

  const stopAll = async (): Promise<void> => {
    await Promise.all(children.map((child) => stopChild(child)));
    await shared?.release();
  };
  const results = await Promise.allSettled(API_NAMES.map(async (api) => [api, await prepare(api)] as const));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  for (const r of results) if (r.status === "fulfilled") apis[r.value[0]] = r.value[1];

  for (const [api, target] of Object.entries(apis)) {
    if (target.skip) log.push(`${api}: SKIPPED — ${target.skip}`);
    if (target.error) log.push(`${api}: ERROR — ${target.error}`);
  }
  console.log(`contract suite against ${mode}:\n  ${log.join("\n  ")}`);
  project.provide("contract", { mode, apis });
  return stopAll;
}
