import { defineProject } from "vitest/config";

// The contract suite (CONTRACT_TARGET=mock|stage, default mock). globalSetup points it at the run's
// shared Prism mocks (tests/support/shared-mocks.ts), or in stage mode starts `prism proxy --errors`
// in front of each stage server and stops it afterwards.
// A project's root is this folder, so paths here are relative to it.
export default defineProject({
  test: {
    name: "contract",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    // Starting Prism (and, on stage, a vendor's latency) on a busy 2-core machine: generous caps, not assertions.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
