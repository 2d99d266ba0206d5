// Builds the docs site once for the browser project, exactly as `npm run docs` does (same
// function, same mock ports), and hands its location to the tests. It goes to .output/site (ignored
// by git) rather than site/, because start.test.ts runs `npm start`, which rebuilds site/ with its
// own ports.
import type { TestProject } from "vitest/node";
import { join } from "node:path";
import { buildSite } from "../../scripts/docs/build.js";
import { resolveMockPorts } from "../../scripts/docs/model.js";
import { ROOT } from "../../scripts/apis/spec-files.js";

declare module "vitest" {
  export interface ProvidedContext {
    siteDir: string;
    mockPorts: Record<string, number>;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const mockPorts = resolveMockPorts(process.env);
  const { outDir } = await buildSite({ mockPorts, outDir: join(ROOT, ".output", "site") });
  project.provide("siteDir", outDir);
  project.provide("mockPorts", mockPorts);
}
