import { defineProject } from "vitest/config";

// A project's root is this folder, so `include` is relative to it.
export default defineProject({
  test: {
    name: "specs",
    // The files share their workers' module cache (Ajv, Spectral, the TypeScript compiler, the
    // specs): no file here changes global state, and importing these once per worker instead of
    // once per file is most of the project's CPU time.
    isolate: false,
    include: ["**/*.test.ts"],
  },
});
