// The mocks the flows run against: the run's shared Prism mock per API (tests/support/shared-mocks.ts),
// for each API that has workflow files. The tests read the URLs with inject("flowMocks").
import type { TestProject } from "vitest/node";
import { API_NAMES } from "../../scripts/apis/list.js";
import { workflowFiles } from "../../scripts/apis/workflow-files.js";
import { acquireSharedMocks } from "../support/shared-mocks.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** API name → mock base URL. */
    flowMocks: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = await acquireSharedMocks();
  const urls: Record<string, string> = {};
  for (const api of API_NAMES.filter((name) => workflowFiles(name).length > 0)) {
    const mock = shared.mocks[api];
    if (!mock || "error" in mock) {
      await shared.release();
      throw new Error(mock ? mock.error : `no mock was started for ${api}`);
    }
    urls[api] = mock.url;
  }
  project.provide("flowMocks", urls);
  return shared.release;
}
