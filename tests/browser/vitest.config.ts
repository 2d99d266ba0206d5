import { defineProject } from "vitest/config";

// The docs site in headless Chromium, and `npm start`. docs-site.test.ts builds the site once (as
// `npm run docs` does, into a temporary folder), serves it on loopback and opens every page with
// all other hosts blocked.
// A project's root is this folder, so paths here are relative to it.
export default defineProject({
  test: {
    name: "browser",
    include: ["**/*.test.ts"],
    // One worker process runs several of these files (no file changes global state, and each
    // cleans up what it starts): a fresh process per file costs a Node and Vitest start-up each.
    isolate: false,
    // Files run alongside the other projects' files (the root config's workers); docs-site.test.ts
    // opens its pages one after another in one browser.
    // Building the docs and driving a browser on a 2-core machine: generous caps, not assertions.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
