// The mocks the flows run against: one Prism mock per API that has workflow files, on free ports,
// started before and stopped after the project. The tests read the URLs with inject("flowMocks").
// When the shared per-run mocks land, this file is the only one that changes.
import type { ChildProcess } from "node:child_process";
import type { TestProject } from "vitest/node";
import { startPrism, stopChild } from "../../scripts/mock/prism.js";
import { API_NAMES } from "../../scripts/apis/list.js";
import { workflowFiles } from "../../scripts/apis/workflow-files.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** API name → mock base URL. */
    flowMocks: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Recorded at spawn time, so a failure while others are still starting stops them all.
  const children: ChildProcess[] = [];
  const stopAll = () => Promise.all(children.map((child) => stopChild(child))).then(() => undefined);
  const apis = API_NAMES.filter((api) => workflowFiles(api).length > 0);
  const started = await Promise.allSettled(apis.map((api) => startPrism({ api, onSpawn: (child) => children.push(child) })));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const urls: Record<string, string> = {};
  for (const r of started) if (r.status === "fulfilled") urls[r.value.api] = r.value.url;
  project.provide("flowMocks", urls);
  return stopAll;
}
