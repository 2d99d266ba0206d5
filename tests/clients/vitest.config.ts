import { defineProject } from "vitest/config";

// The generated clients against the Prism mock of each spec (started once in global-setup.ts),
// plus the runtime's timeout/retry/error behaviour against local loopback servers and injected fetches.
// A project's root is this folder, so paths here are relative to it.
export default defineProject({
  test: {
    name: "clients",
    include: ["*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
