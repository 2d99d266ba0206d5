// Reads the documentation pages and pulls out what the doc-sample test checks: the fenced code
// samples (with the Markdown line they start on) and the prose outside them.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface DocPage {
  /** Path relative to the repository root, e.g. "docs/clients.md". */
  file: string;
  text: string;
}

export interface CodeSample {
  file: string;
  /** 1-based Markdown line of the first line of code (the line after the opening fence). */
  line: number;
  /** The fence's language, lower-cased ("ts", "sh", …). */
  lang: string;
  /** The words after the language in the info string, e.g. ["run"] for ```ts run. */
  flags: string[];
  code: string;
}

/** README.md and every *.md under docs/ (recursively), in a stable order. */
export function docPages(root: string): DocPage[] {
  const files = ["README.md", ...markdownUnder(root, join(root, "docs"))];
  return files.map((file) => ({ file, text: readFileSync(join(root, file), "utf8") }));
}

function markdownUnder(root: string, dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...markdownUnder(root, path));
    else if (entry.name.endsWith(".md")) found.push(relative(root, path));
  }
  return found;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/;

/**
 * Every fenced code block (CommonMark: ``` or ~~~, closed by a fence of the same kind at least as
 * long). An unclosed fence is an error naming the file and line, not a silently ignored sample.
 */
export function codeSamples(page: DocPage): CodeSample[] {
  const lines = page.text.split(/\r?\n/);
  const samples: CodeSample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] as string);
    if (!open) continue;
    const [, indent = "", fence = "", lang = "", rest = ""] = open;
    const close = new RegExp(`^\\s*${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j] as string); j++) body.push((lines[j] as string).slice(Math.min(indent.length, leading(lines[j] as string))));
    if (j >= lines.length) throw new Error(`${page.file}:${i + 1}: code fence opened here is never closed`);
    samples.push({ file: page.file, line: i + 2, lang: lang.toLowerCase(), flags: rest.split(/\s+/).filter(Boolean), code: body.join("\n") + "\n" });
    i = j;
  }
  return samples;
}

const leading = (line: string): number => line.length - line.trimStart().length;

/** The TypeScript samples: fences whose language is ts or typescript. */
export function tsSamples(pages: DocPage[]): CodeSample[] {
  return pages.flatMap(codeSamples).filter((sample) => sample.lang === "ts" || sample.lang === "typescript");
}

/** A sample the test runs against the mocks: ```ts run. */
export const isRunnable = (sample: CodeSample): boolean => sample.flags.includes("run");

/** Every occurrence of a pattern in a page (prose and code alike), with its 1-based line. */
export function occurrences(page: DocPage, pattern: RegExp): Array<{ match: RegExpExecArray; line: number }> {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g");
  const found: Array<{ match: RegExpExecArray; line: number }> = [];
  for (const match of page.text.matchAll(global)) {
    found.push({ match: match as RegExpExecArray, line: page.text.slice(0, match.index).split("\n").length });
  }
  return found;
}
