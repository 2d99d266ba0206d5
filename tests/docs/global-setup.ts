// The runnable samples run against the run's shared mocks (tests/support/shared-mocks.ts).
import type { TestProject } from "vitest/node";
import { useSharedMocks } from "../support/shared-mocks.js";

export default (project: TestProject): Promise<() => Promise<void>> => useSharedMocks(project);
