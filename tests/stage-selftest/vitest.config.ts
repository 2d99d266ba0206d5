import { defineProject } from "vitest/config";

// The stage mode of the contract suite, proven against a local upstream (loopback only): each
// test runs the contract suite as its own vitest process with CONTRACT_TARGET=stage.
// A project's root is this folder, so paths here are relative to it.
export default defineProject({
  test: {
    name: "stage-selftest",
    include: ["**/*.test.ts"],
    // Each test starts a vitest process and five Prism proxies on a 2-core machine: generous caps.
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
