import { defineProject } from "vitest/config";

// Type tests: compile fixtures with the TypeScript compiler API and check each expected error code.
export default defineProject({
  test: {
    name: "types",
    include: ["*.test.ts"],
    // fixtures/ holds code that must NOT compile; it is compiled by typecheck.test.ts, never run.
    exclude: ["fixtures/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
