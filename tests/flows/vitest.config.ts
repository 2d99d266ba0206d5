import { defineProject } from "vitest/config";

// Every Arazzo workflow beside each spec, run with `redocly respect` against the mocks.
// globalSetup (mocks.ts) provides one mock URL per API; it is the one file to change when the
// suite moves to the shared mocks.
// A project's root is this folder, so paths here are relative to it.
export default defineProject({
  test: {
    name: "flows",
    include: ["**/*.test.ts"],
    // One worker process runs several of these files (no file changes global state, and each
    // cleans up what it starts): a fresh process per file costs a Node and Vitest start-up each.
    isolate: false,
    globalSetup: ["./mocks.ts"],
    // Respect and Prism on a busy 2-core machine: generous caps, not assertions.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
