// One Respect run for several Arazzo files: its --server and --input lists apply to every file,
// so each file's lists are merged into one, and a name two files need with different values is an
// error (one run cannot give both). Used by the flows tests against the mocks and by
// `test:stage --flows`. The error names the file and the name, never a value (inputs are secrets
// in stage mode).
import { relative } from "node:path";
import { ROOT } from "./list.js";

/**
 * Merges each file's servers or inputs into the one map a single Respect run takes (its --server
 * and --input apply to every file); a name two files need with different values is an error.
 */
export function mergeByName(kind: string, maps: Array<[file: string, values: Record<string, string>]>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [file, map] of maps) {
    for (const [name, value] of Object.entries(map)) {
      if (merged[name] !== undefined && merged[name] !== value) throw new Error(`${relative(ROOT, file)}: ${kind} "${name}" is also used by another workflow file with another value; one Respect run cannot give both`);
      merged[name] = value;
    }
  }
  return merged;
}

