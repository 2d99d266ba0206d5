import { defineProject } from "vitest/config";

// The whole pipeline on a throwaway fifth API in a temporary copy of the repository: several
// minutes of linting, generating, compiling and starting Prism on a busy 2-core machine, hence the
// generous timeouts (never an assertion on time).
export default defineProject({
  test: {
    name: "pipeline",
    include: ["**/*.test.ts"],
    // One worker process runs several of these files (no file changes global state, and each
    // cleans up what it starts): a fresh process per file costs a Node and Vitest start-up each.
    isolate: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
