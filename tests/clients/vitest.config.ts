import { defineProject } from "vitest/config";

// The generated clients against the Prism mock of each spec (the run's shared mocks, global-setup.ts),
// plus the runtime's timeout/retry/error behaviour against local loopback servers and injected fetches.
// A project's root is this folder, so paths here are relative to it.
export default defineProject({
  test: {
    name: "clients",
    // The files share their workers' module cache (Ajv, Spectral, the TypeScript compiler, the
    // specs): no file here changes global state, and importing these once per worker instead of
    // once per file is most of the project's CPU time.
    isolate: false,
    include: ["*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
