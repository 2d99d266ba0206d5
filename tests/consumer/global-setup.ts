// The consumer program runs against the run's shared Prism mocks (tests/support/shared-mocks.ts),
// instead of starting four of its own.
import type { TestProject } from "vitest/node";
import { useSharedMocks } from "../support/shared-mocks.js";

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return useSharedMocks(project);
}
