import { defineConfig } from "vitest/config";
import LongestFirstSequencer from "./tests/support/longest-first-sequencer.js";

// Each test area owns its own project file (tests/<area>/vitest.config.ts) so that
// areas with a globalSetup (the contract suite, the browser test) do not slow down
// or entangle the plain unit tests. `vitest run --project <name>` picks one area.
//
// Speed on a 2-core machine (issue 10): the projects that talk to the Prism mocks (clients,
// contract, consumer) share one mock per API for the whole run (tests/support/shared-mocks.ts).
// Vitest's default is one worker per core minus one, i.e. a single worker here, which runs every
// file one after another while most of the slow ones (the consumer's npm/tsc, the pipeline's
// stages, the stage self-test, the process tests, the health check's probes) only wait for child
// processes or timers. Four workers keep both cores busy; CPU-heavy files then take longer each,
// which the projects' generous timeouts allow for (no test asserts on wall time).
export default defineConfig({
  test: {
    projects: ["tests/*/vitest.config.ts"],
    maxWorkers: 4,
    sequence: { sequencer: LongestFirstSequencer },
    reporters: ["default", "./tests/reporters/summary-line.ts"],
    // Transformed test modules are kept on disk between runs (node_modules/.experimental-vitest-cache),
    // keyed by content, so a second run does not transform the same TypeScript again.
    experimental: { fsModuleCache: true },
  },
});
