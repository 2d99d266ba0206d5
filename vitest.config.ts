import { defineConfig } from "vitest/config";

// Each test area owns its own project file (tests/<area>/vitest.config.ts) so that
// areas with a globalSetup (the contract suite, the browser test) do not slow down
// or entangle the plain unit tests. `vitest run --project <name>` picks one area.
export default defineConfig({
  test: {
    projects: ["tests/*/vitest.config.ts"],
    reporters: ["default", "./tests/reporters/summary-line.ts"],
  },
});
