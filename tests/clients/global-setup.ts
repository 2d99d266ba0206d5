// The clients project talks to the run's shared Prism mocks (tests/support/shared-mocks.ts: started
// once for every project that needs them). An API whose mock cannot start (a spec missing or invalid
// right now) gets its error message instead, so that its tests fail with that message and the
// others still run.
import type { TestProject } from "vitest/node";
import { useSharedMocks } from "../support/shared-mocks.js";

export type { MockTargets } from "../support/shared-mocks.js";

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return useSharedMocks(project);
}
