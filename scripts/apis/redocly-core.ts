// Redocly's core library in-process: the copy openapi-typescript itself depends on (1.x), not
// @redocly/cli's (a self-contained bundle with no importable API). Its config object is what
// openapiTS() expects, and its bundle() is what the package build uses to ship each spec.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

export type RedoclyCore = typeof import("@redocly/openapi-core");
export type RedoclyConfig = Awaited<ReturnType<RedoclyCore["loadConfig"]>>;

export async function redoclyCore(): Promise<RedoclyCore> {
  const fromOpenapiTs = createRequire(require.resolve("openapi-typescript"));
  return (await import(pathToFileURL(fromOpenapiTs.resolve("@redocly/openapi-core")).href)) as RedoclyCore;
}

/** redocly.yaml as Redocly reads it. */
export async function loadRedoclyConfig(root: string): Promise<RedoclyConfig> {
  const { loadConfig } = await redoclyCore();
  return loadConfig({ configPath: join(root, "redocly.yaml") });
}
