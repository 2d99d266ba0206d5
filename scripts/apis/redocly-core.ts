// Redocly's core library in-process: the copy openapi-typescript itself depends on (1.x), not
// @redocly/cli's (a self-contained bundle with no importable API). Its config object is what
// openapiTS() expects, and its bundle() is what the package build uses to ship each spec.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

// The parts we use, typed here: the package's own .d.ts files do not compile under our strict
// settings with skipLibCheck off (they are checked like our code).
/** Redocly's resolved configuration; openapiTS() takes it as it is. */
export interface RedoclyConfig { apis?: Record<string, { root?: string; [key: string]: unknown }> }
export interface RedoclyCore {
  loadConfig(options: { configPath: string }): Promise<RedoclyConfig>;
  bundle(options: { ref: string; config: RedoclyConfig }): Promise<{
    bundle: { parsed: unknown };
    problems: Array<{ severity: string; message: string }>;
  }>;
}

export async function redoclyCore(): Promise<RedoclyCore> {
  const fromOpenapiTs = createRequire(require.resolve("openapi-typescript"));
  return (await import(pathToFileURL(fromOpenapiTs.resolve("@redocly/openapi-core")).href)) as RedoclyCore;
}

/** redocly.yaml as Redocly reads it. */
export async function loadRedoclyConfig(root: string): Promise<RedoclyConfig> {
  const { loadConfig } = await redoclyCore();
  return loadConfig({ configPath: join(root, "redocly.yaml") });
}

/**
 * One spec bundled into a single document, as `redocly bundle` writes it (the same document: both
 * run Redocly's bundler with redocly.yaml's configuration). Throws, naming the file, on an error.
 */
export async function bundleSpec(specFile: string, config: RedoclyConfig, shown = specFile): Promise<unknown> {
  const { bundle } = await redoclyCore();
  const result = await bundle({ ref: specFile, config });
  const errors = result.problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) throw new Error(`${shown}: Redocly could not bundle it: ${errors.map((e) => e.message).join("; ")}`);
  return result.bundle.parsed;
}
