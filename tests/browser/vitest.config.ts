import { defineProject } from "vitest/config";

// The docs site in headless Chromium, and `npm start`. globalSetup builds the site once (as
// `npm run docs` does, into .output/site); docs-site.test.ts serves it on loopback and opens every
// page with all other hosts blocked.
// A project's root is this folder, so paths here are relative to it.
export default defineProject({
  test: {
    name: "browser",
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    // One file at a time: start.test.ts runs four Prism mocks and docs-site.test.ts a browser, and
    // on a 2-core machine running both at once only makes each slower.
    fileParallelism: false,
    // Building the docs and driving a browser on a 2-core machine: generous caps, not assertions.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
