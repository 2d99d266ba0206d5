// Where the four specs live, and how to read one. Every script and test finds the
// specs through here, so adding an API means touching one list.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const API_NAMES = Object.freeze(["billpro", "backd", "payway", "kwik"]);

/** @param {string} api */
export function specPath(api) {
  if (!API_NAMES.includes(api)) {
    throw new Error(`Unknown API "${api}": expected one of ${API_NAMES.join(", ")}`);
  }
  return join(ROOT, "specs", api, "openapi.yaml");
}

/** Reads and parses one spec; a YAML error names the file and the line. */
export function loadSpec(api) {
  const file = specPath(api);
  const text = readFileSync(file, "utf8");
  try {
    return parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new Error(`${relative(ROOT, file)}: ${error.message}`);
  }
}
