import { defineProject } from "vitest/config";

// A project's root is this folder, so `include` is relative to it.
// Timeouts are sized for CI on 2 cores with another process keeping one busy: bundling the
// Spectral ruleset (in beforeAll, once per file) takes about 0.5 s idle and several seconds
// under load; no test here asserts on time, so generous limits cost nothing when all is well.
export default defineProject({
  test: {
    name: "lint",
    // The files share their workers' module cache (Ajv, Spectral, the TypeScript compiler, the
    // specs): no file here changes global state, and importing these once per worker instead of
    // once per file is most of the project's CPU time.
    isolate: false,
    include: ["**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
