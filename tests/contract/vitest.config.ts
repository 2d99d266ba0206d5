import { defineProject } from "vitest/config";

// The contract suite (CONTRACT_TARGET=mock|stage, default mock). globalSetup points it at the run's
// shared Prism mocks (tests/support/shared-mocks.ts), or in stage mode starts `prism proxy --errors`
// in front of each stage server and stops it afterwards.
// A project's root is this folder, so paths here are relative to it.
export default defineProject({
  test: {
    name: "contract",
    include: ["**/*.test.ts"],
    // One worker process runs several of these files (no file changes global state, and each
    // cleans up what it starts): a fresh process per file costs a Node and Vitest start-up each.
    isolate: false,
    globalSetup: ["./global-setup.ts"],
    // Starting Prism (and, on stage, a vendor's latency) on a busy 2-core machine: generous caps, not assertions.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
