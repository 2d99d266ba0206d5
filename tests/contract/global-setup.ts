// Starts Prism for every API before the contract suite runs and stops it afterwards:
// mock mode → `prism mock`; stage mode → lib/stage-setup.ts (`prism proxy --errors` → upstream
// guard → each stage server).
// The tests get the URLs and credentials through vitest's provide/inject.
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import type { ChildProcess } from "node:child_process";
import { startPrism, stopChild, type StartPrismOptions } from "../../scripts/mock/prism.js";
import { API_NAMES, loadSpec, specPath } from "../../scripts/apis/spec-files.js";
import { contractMode, mockCredentials, type ApiTarget, type ContractConfig } from "./lib/targets.js";
import { startStageTargets } from "./lib/stage-setup.js";

declare module "vitest" {
  export interface ProvidedContext {
    contract: ContractConfig;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mode = contractMode(process.env);
  if (mode === "stage") {
    // prism proxy --errors → upstream guard → vendor, per API (tests/contract/lib/stage-setup.ts).
    const stage = await startStageTargets(API_NAMES, process.env);
    console.log(`contract suite against stage:\n  ${stage.log.join("\n  ")}`);
    project.provide("contract", { mode, apis: stage.targets });
    return stage.close;
  }
  // Children are recorded at spawn time, so a failure while others are still starting stops them all.
  const children: ChildProcess[] = [];
  const start = (options: StartPrismOptions) => startPrism({ ...options, onSpawn: (child) => children.push(child) });
  const apis: Record<string, ApiTarget> = {};
  const log: string[] = [];

  const prepare = async (api: string): Promise<ApiTarget> => {
    if (!existsSync(specPath(api))) return { error: `specs/${api}/openapi.yaml does not exist` };
    const document = loadSpec(api);
    const prism = await start({ api, mode: "mock" });
    log.push(`${api}: prism mock ${prism.url}`);
    return { baseUrl: prism.url, ...mockCredentials(document) };
  };

  const stopAll = () => Promise.all(children.map((child) => stopChild(child))).then(() => undefined);
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
