// docs/benchmarks.md holds every measured figure, each script's between its own markers
// (`<!-- bench:NAME -->` … `<!-- /bench:NAME -->`). This replaces one script's section and leaves
// the others alone, so that a figure is only ever written by the script that measured it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../apis/list.js";

export const BENCHMARKS_DOC = join(ROOT, "docs", "benchmarks.md");

const NEW_DOC = "# Benchmarks\n\nFigures written by the scripts that measure them (scripts/bench/); each script owns the section between its markers.\nDo not edit a section by hand: rerun its script.\n";

/** Writes `markdown` as the section `name` of docs/benchmarks.md (creating the file or the section). */
export function writeBenchSection(name: string, markdown: string, file: string = BENCHMARKS_DOC): void {
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const section = `${begin}\n${markdown.trim()}\n${end}`;
  const doc = existsSync(file) ? readFileSync(file, "utf8") : NEW_DOC;
  const at = doc.indexOf(begin);
  const stop = doc.indexOf(end);
  if ((at === -1) !== (stop === -1) || (at !== -1 && stop < at)) {
    throw new Error(`${file}: the markers ${begin} and ${end} are not a pair; fix them by hand`);
  }
  writeFileSync(file, at === -1 ? `${doc.trimEnd()}\n\n${section}\n` : `${doc.slice(0, at)}${section}${doc.slice(stop + end.length)}`);
}
