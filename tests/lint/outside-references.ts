// Finds text that points outside the repository: the sibling `shared` folder the specs were
// written from (reached as `..` + `/shared`), and absolute paths of someone's machine. Readers of the repo, the package and the
// published docs have neither; vendor pages are cited by their public URLs instead.

const PATTERNS: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  // `..` then `/shared` or `\shared`, at any depth (two levels up contains it too). Written with
  // escapes so that this file does not match itself.
  { what: "the shared folder beside the repo", pattern: /\.\.[\\/]shared\b/g },
  // Absolute machine paths: this team's machines' work folder, Unix and macOS home folders, root's
  // home, Windows user folders. Not preceded by a word character, dot, colon or slash, so URLs
  // (a path inside a URL) and relative paths (`docs/…`) do not count. `/tmp/...` in a
  // documented command is a generic example, not a path on one machine, so it is not listed.
  { what: "an absolute machine path", pattern: /(?<![\w.:/\\-])(?:\/work(?=\/)\/|\/home\/[\w.-]+|\/Users\/[\w.-]+|\/root\/|[A-Za-z]:\\Users\\[\w.-]+)/g },
];

export interface OutsideReference {
  line: number;
  what: string;
  text: string;
}

/** Every reference to something outside the repo in `text`, with its 1-based line. */
export function outsideReferences(text: string): OutsideReference[] {
  const found: OutsideReference[] = [];
  text.split("\n").forEach((content, index) => {
    for (const { what, pattern } of PATTERNS) {
      for (const match of content.matchAll(pattern)) found.push({ line: index + 1, what, text: match[0] });
    }
  });
  return found;
}
