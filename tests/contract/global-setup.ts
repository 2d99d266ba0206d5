// Points the contract suite at Prism for every API:
// mock mode → the run's shared `prism mock` per API (tests/support/shared-mocks.ts, started once for
// every project that needs it); stage mode → scripts/stage/chains.ts (`prism proxy --errors` → upstream
// guard → each stage server), started here and stopped afterwards.
// The tests get the URLs and credentials through vitest's provide/inject.
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { acquireSharedMocks } from "../support/shared-mocks.js";
import { API_NAMES, loadSpec, specPath } from "../../scripts/apis/spec-files.js";
import { contractMode, mockCredentials, type ApiTarget, type ContractConfig } from "./lib/targets.js";
import { startStageTargets } from "../../scripts/stage/chains.js";

declare module "vitest" {
  export interface ProvidedContext {
    contract: ContractConfig;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mode = contractMode(process.env);
  if (mode === "stage") {
    // prism proxy --errors → upstream guard → vendor, per API (scripts/stage/chains.ts).
    const stage = await startStageTargets(API_NAMES, process.env);
    console.log(`contract suite against stage:\n  ${stage.log.join("\n  ")}`);
    project.provide("contract", { mode, apis: stage.targets });
    return stage.close;
  }

  // Mock mode: the shared mocks, released (and stopped by the last user) in the teardown.
  const shared = await acquireSharedMocks();
  project.provide("mocks", shared.mocks);
  const apis: Record<string, ApiTarget> = {};
  const log: string[] = [];
  for (const api of API_NAMES) {
    const mock = shared.mocks[api];
    const target: ApiTarget = !existsSync(specPath(api)) ? { error: `specs/${api}/openapi.yaml does not exist` }
      : !mock ? { error: `no mock was started for ${api}` }
      : "error" in mock ? { error: mock.error }
      : { baseUrl: mock.url, ...mockCredentials(loadSpec(api)) };
    apis[api] = target;
    log.push(target.error ? `${api}: ERROR — ${target.error}` : `${api}: prism mock ${target.baseUrl} (shared)`);
  }
  console.log(`contract suite against ${mode}:\n  ${log.join("\n  ")}`);
  project.provide("contract", { mode, apis });
  return shared.release;
}
