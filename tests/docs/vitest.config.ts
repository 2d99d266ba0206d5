import { defineProject } from "vitest/config";

// The doc-sample test: every ```ts fence in README.md and docs/**/*.md is type-checked, the ```ts run
// ones are run against the run's shared mocks, and the ports, env names, script paths and npm scripts the docs
// mention are checked against the code. Timeouts are generous: Prism start-up and a child Node per
// runnable sample take seconds on a busy 2-core machine, and nothing here asserts on time.
export default defineProject({
  test: {
    name: "docs",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
