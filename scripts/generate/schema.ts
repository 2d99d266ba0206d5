// generated/<api>/schema.ts: openapi-typescript 7, driven by redocly.yaml exactly as its CLI would be
// (each API's `x-openapi-ts.output`, the same Redocly config for the lint it runs first), but
// in-process: one Node start for all four APIs, and the text comes back to us so that --check can
// compare every generated file (the CLI's own --check stops after the first API).
import { isAbsolute, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { loadRedoclyConfig, type RedoclyConfig } from "../apis/redocly-core.js";

/** The same flags as `openapi-typescript --default-non-nullable false`: a request field with a default stays optional. */
export const OPENAPI_TS_OPTIONS = Object.freeze({ defaultNonNullable: false });

/** Reads redocly.yaml: its config (for openapiTS) and, per API, the spec file and the schema.ts output. */
export async function loadRedoclyApis(root: string): Promise<{ redocly: RedoclyConfig; apis: Record<string, { spec: string; output: string }> }> {
  const redocly = await loadRedoclyConfig(root);
  const apis: Record<string, { spec: string; output: string }> = {};
  for (const [name, api] of Object.entries(redocly.apis ?? {})) {
    const output = (api as { "x-openapi-ts"?: { output?: unknown } })["x-openapi-ts"]?.output;
    if (typeof output !== "string") throw new Error(`redocly.yaml: API ${name} has no x-openapi-ts.output (where openapi-typescript writes its types)`);
    const resolve = (file: string): string => (isAbsolute(file) ? file : join(root, file));
    apis[name] = { spec: resolve(api.root), output: relative(root, resolve(output)) };
  }
  return { redocly, apis };
}

/** The text of schema.ts for one spec, byte for byte what the CLI would write. */
export async function renderSchema(redocly: RedoclyConfig, specFile: string): Promise<string> {
  const ast = await openapiTS(pathToFileURL(specFile), { ...OPENAPI_TS_OPTIONS, redocly, silent: true });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}
