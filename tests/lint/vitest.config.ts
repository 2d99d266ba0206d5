import { defineProject } from "vitest/config";

// A project's root is this folder, so `include` is relative to it.
export default defineProject({
  test: {
    name: "lint",
    include: ["**/*.test.ts"],
  },
});
