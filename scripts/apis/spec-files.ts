// Where each spec lives, and how to read one. The list of APIs is redocly.yaml's (see list.ts).
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { parse } from "yaml";
import { apiEntry, API_NAMES, APIS, ROOT } from "./list.js";

export { API_NAMES, APIS, ROOT };
/** An API name from the list (a plain string: the list is read at run time). */
export type ApiName = string;

/** Absolute path of one API's spec. */
export function specPath(api: string): string {
  return apiEntry(api).specFile;
}

/** A parsed OpenAPI document: its shape is checked where it is used. */
// `any` on purpose: parsed YAML has no static type.
export type SpecDocument = any;

/** Reads and parses one spec; a YAML error names the file and the line. */
export function loadSpec(api: string): SpecDocument {
  const file = specPath(api);
  const text = readFileSync(file, "utf8");
  try {
    return parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new Error(`${relative(ROOT, file)}: ${(error as Error).message}`);
  }
}
