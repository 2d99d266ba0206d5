import { defineProject } from "vitest/config";

// Builds and packs the package, installs it into a temporary project outside the repository and
// type-checks + runs a consumer program there (see consumer.test.ts). Paths are relative to this folder.
export default defineProject({
  test: {
    name: "consumer",
    include: ["*.test.ts"],
    // The run's shared Prism mocks (tests/support/shared-mocks.ts).
    globalSetup: ["./global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
