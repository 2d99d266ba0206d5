// generated/<api>/schema.ts: openapi-typescript 7, driven by redocly.yaml exactly as its CLI would be
// (each API's `x-openapi-ts.output`, the same Redocly config for the lint it runs first), but
// in-process: one Node start for all four APIs, and the text comes back to us so that --check can
// compare every generated file (the CLI's own --check stops after the first API).
import { isAbsolute, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { loadRedoclyConfig, type RedoclyConfig } from "../apis/redocly-core.js";

// openapi-typescript, typed here by the three exports we use: its own .d.ts pulls in Redocly
// core's, which do not compile with skipLibCheck off (json-schema-to-ts and js-yaml types missing).
interface OpenapiTs {
  default(source: URL, options: { defaultNonNullable: boolean; emptyObjectsUnknown: boolean; redocly: RedoclyConfig; silent: boolean }): Promise<unknown>;
  astToString(ast: unknown): string;
  COMMENT_HEADER: string;
}
const OPENAPI_TS = "openapi-typescript";
const openapiTs = async (): Promise<OpenapiTs> => (await import(OPENAPI_TS)) as OpenapiTs;

/** The same flags as `openapi-typescript --default-non-nullable false --empty-objects-unknown`: a request field with a default
 * stays optional, and an open object (`type: object` without properties, e.g. free-form `metadata`) is
 * `Record<string, unknown>` instead of `Record<string, never>`. */
export const OPENAPI_TS_OPTIONS = Object.freeze({ defaultNonNullable: false, emptyObjectsUnknown: true });

/** Reads redocly.yaml: its config (for openapiTS) and, per API, the spec file and the schema.ts output. */
export async function loadRedoclyApis(root: string): Promise<{ redocly: RedoclyConfig; apis: Record<string, { spec: string; output: string }> }> {
  const redocly = await loadRedoclyConfig(root);
  const apis: Record<string, { spec: string; output: string }> = {};
  for (const [name, api] of Object.entries(redocly.apis ?? {})) {
    const output = (api as { "x-openapi-ts"?: { output?: unknown } })["x-openapi-ts"]?.output;
    if (typeof output !== "string") throw new Error(`redocly.yaml: API ${name} has no x-openapi-ts.output (where openapi-typescript writes its types)`);
    const resolve = (file: string): string => (isAbsolute(file) ? file : join(root, file));
    if (typeof api.root !== "string") throw new Error(`redocly.yaml: API ${name} has no root (its spec file)`);
    apis[name] = { spec: resolve(api.root), output: relative(root, resolve(output)) };
  }
  return { redocly, apis };
}

/** The text of schema.ts for one spec, byte for byte what the CLI would write. */
export async function renderSchema(redocly: RedoclyConfig, specFile: string): Promise<string> {
  const { default: openapiTS, astToString, COMMENT_HEADER } = await openapiTs();
  const ast = await openapiTS(pathToFileURL(specFile), { ...OPENAPI_TS_OPTIONS, redocly, silent: true });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}
