import { defineProject } from "vitest/config";

// A project's root is this folder, so `include` is relative to it.
// Timeouts are sized for CI on 2 cores with another process keeping one busy: bundling the
// Spectral ruleset (in beforeAll, once per file) takes about 0.5 s idle and several seconds
// under load; no test here asserts on time, so generous limits cost nothing when all is well.
export default defineProject({
  test: {
    name: "lint",
    include: ["**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
