// The Arazzo workflow files of each API: every `*.arazzo.yaml` in the folder of its spec.
// They are found from the spec (redocly.yaml's `root:`), never listed again, so a new flow is
// one new file beside the spec. Lint, the flows tests and the docs site all read them from here.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parse } from "yaml";
import { APIS, ROOT, apiEntry } from "./list.js";

export const WORKFLOW_SUFFIX = ".arazzo.yaml";

export interface WorkflowFile {
  api: string;
  /** Absolute path. */
  file: string;
  /** Path relative to the repository root, e.g. "specs/<api>/<name>.arazzo.yaml". */
  path: string;
}

/** The workflow files in a spec's folder (absolute paths), sorted by name. */
export function workflowFilesBeside(specFile: string): string[] {
  const folder = dirname(specFile);
  return readdirSync(folder).filter((name) => name.endsWith(WORKFLOW_SUFFIX)).sort().map((name) => join(folder, name));
}

/** One API's workflow files, sorted by name (none is not an error: not every API must have one). */
export function workflowFiles(api: string): WorkflowFile[] {
  return workflowFilesBeside(apiEntry(api).specFile).map((file) => ({ api, file, path: relative(ROOT, file) }));
}

/** Every API's workflow files, in list order. */
export function allWorkflowFiles(): WorkflowFile[] {
  return APIS.flatMap((api) => workflowFiles(api.name));
}

/** A parsed Arazzo document: its shape is checked where it is used. */
// `any` on purpose: parsed YAML has no static type.
export type ArazzoDocument = any;

/** Reads and parses one workflow file (or the spec it names); an error names the file. */
export function loadYamlFile(file: string): ArazzoDocument {
  try {
    return parse(readFileSync(file, "utf8"), { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new Error(`${relative(ROOT, file)}: ${(error as Error).message}`);
  }
}

/**
 * The source and operation a step's `operationId` names: `$sourceDescriptions.<source>.<id>`, or a
 * bare `<id>`, which Arazzo allows when the file has exactly one OpenAPI source. A string when
 * it names neither (the reason).
 */
export function stepOperation(operationId: string, openapiSources: readonly string[]): { source: string; operationId: string } | string {
  const qualified = /^\$sourceDescriptions\.([^.]+)\.(.+)$/.exec(operationId);
  if (qualified) return { source: qualified[1]!, operationId: qualified[2]! };
  if (operationId.startsWith("$")) return `operationId ${operationId} is not $sourceDescriptions.<name>.<operationId>`;
  if (openapiSources.length === 1) return { source: openapiSources[0]!, operationId };
  return `operationId ${operationId} names no source, and the file has ${openapiSources.length} OpenAPI sources ($sourceDescriptions.<name>.${operationId})`;
}
