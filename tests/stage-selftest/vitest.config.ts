import { defineProject } from "vitest/config";

// The stage mode of the contract suite, proven against a local upstream (loopback only): most
// scenarios in-process against one set of stage chains (stage-selftest.test.ts), and one child run
// of `test:stage` (stage-command.test.ts), in files of their own so that they run side by side.
// A project's root is this folder, so paths here are relative to it.
export default defineProject({
  test: {
    name: "stage-selftest",
    include: ["**/*.test.ts"],
    // Prism proxies, `redocly respect` and one child stage run on a busy 2-core machine: generous caps.
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
