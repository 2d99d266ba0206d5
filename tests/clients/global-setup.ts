// Starts one Prism mock per API (in parallel, on free loopback ports) for the clients project and
// hands the URLs to the tests. An API whose mock cannot start (a spec missing or invalid right now)
// gets its error message instead, so that its tests fail with that message and the others still run.
import type { TestProject } from "vitest/node";
import { startPrism, type PrismInstance } from "../../scripts/mock/prism.js";
import { API_NAMES } from "../../scripts/apis/spec-files.js";

export type MockTargets = Record<string, { url: string } | { error: string }>;

declare module "vitest" {
  export interface ProvidedContext {
    mocks: MockTargets;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started: PrismInstance[] = [];
  const mocks: MockTargets = {};
  await Promise.all(
    API_NAMES.map(async (api) => {
      try {
        const prism = await startPrism({ api, timeoutMs: 45_000 });
        started.push(prism);
        mocks[api] = { url: prism.url };
      } catch (error) {
        mocks[api] = { error: `the ${api} Prism mock did not start: ${(error as Error).message}` };
      }
    }),
  );
  project.provide("mocks", mocks);
  return async () => {
    await Promise.all(started.map((prism) => prism.stop()));
  };
}
