// generated/<api>/schema.ts: openapi-typescript 7, driven by redocly.yaml exactly as its CLI would be
// (each API's `x-openapi-ts.output`, the same Redocly config for the lint it runs first), but
// in-process: one Node start for all four APIs, and the text comes back to us so that --check can
// compare every generated file (the CLI's own --check stops after the first API).
import { createRequire } from "node:module";
import { isAbsolute, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";

const require = createRequire(import.meta.url);

// The Redocly core that openapi-typescript itself depends on (1.x), not @redocly/cli's copy:
// its config object is what openapiTS() expects.
async function redoclyCore() {
  const fromOpenapiTs = createRequire(require.resolve("openapi-typescript"));
  return import(pathToFileURL(fromOpenapiTs.resolve("@redocly/openapi-core")).href);
}

/** The same flags as `openapi-typescript --default-non-nullable false --empty-objects-unknown`: a request field with a default
 * stays optional, and an open object (`type: object` without properties, e.g. free-form `metadata`) is
 * `Record<string, unknown>` instead of `Record<string, never>`. */
export const OPENAPI_TS_OPTIONS = Object.freeze({ defaultNonNullable: false, emptyObjectsUnknown: true });

/**
 * Reads redocly.yaml: its config (for openapiTS) and, per API, the spec file and the schema.ts output.
 * @returns {Promise<{ redocly: object, apis: Record<string, { spec: string, output: string }> }>}
 */
export async function loadRedoclyApis(root) {
  const configPath = join(root, "redocly.yaml");
  const { loadConfig } = await redoclyCore();
  const redocly = await loadConfig({ configPath });
  const apis = {};
  for (const [name, api] of Object.entries(redocly.apis ?? {})) {
    const output = api["x-openapi-ts"]?.output;
    if (typeof output !== "string") throw new Error(`redocly.yaml: API ${name} has no x-openapi-ts.output (where openapi-typescript writes its types)`);
    const resolve = (file) => (isAbsolute(file) ? file : join(root, file));
    apis[name] = { spec: resolve(api.root), output: relative(root, resolve(output)) };
  }
  return { redocly, apis };
}

/** The text of schema.ts for one spec, byte for byte what the CLI would write. */
export async function renderSchema(redocly, specFile) {
  const ast = await openapiTS(pathToFileURL(specFile), { ...OPENAPI_TS_OPTIONS, redocly, silent: true });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}
