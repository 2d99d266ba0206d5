import { defineProject } from "vitest/config";

// Type tests: compile fixtures with the TypeScript compiler API and check each expected error code.
export default defineProject({
  test: {
    name: "types",
    // The files share their workers' module cache (Ajv, Spectral, the TypeScript compiler, the
    // specs): no file here changes global state, and importing these once per worker instead of
    // once per file is most of the project's CPU time.
    isolate: false,
    include: ["*.test.ts"],
    // fixtures/ holds code that must NOT compile; it is compiled by typecheck.test.ts, never run.
    exclude: ["fixtures/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
