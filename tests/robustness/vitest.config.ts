import { defineProject } from "vitest/config";

// Robustness: the request guard in front of Prism, child supervision (nothing outlives its
// parent), and stage-mode safety (no redirect followed, no credential printed). Local servers on
// 127.0.0.1 ephemeral ports only. Prism starts and process kills on a busy 2-core machine need
// generous caps; no test asserts on wall time except the issue's own 5 s clean-up budget.
// A project's root is this folder, so paths here are relative to it.
export default defineProject({
  test: {
    name: "robustness",
    include: ["**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
