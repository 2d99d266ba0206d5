// The repo stands on its own (issue 8, "Specs that stand on their own"): no file that is or is
// about to be committed points outside it — not to the sibling `shared` folder the specs were
// written from, not to an absolute path on someone's machine. Nothing is allow-listed.
import { spawnSync } from "node:child_process";
import { lstatSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/apis/spec-files.js";
import { outsideReferences } from "./outside-references.js";

/** Tracked files plus new ones not ignored (so a file is caught before its first commit). */
function repoFiles(): string[] {
  const run = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  if (run.error || run.status !== 0) {
    throw new Error(`git ls-files failed in ${ROOT} (this test needs a git checkout): ${run.error?.message ?? run.stderr}`);
  }
  // A file deleted in the working tree but not yet committed is not content anyone reads.
  return [...new Set(run.stdout.split("\0").filter(Boolean))].filter((file) => lstatSync(join(ROOT, file), { throwIfNoEntry: false }) !== undefined);
}

/** What a reader of `file` sees: a symlink's target, or the file's text. */
function contentOf(file: string): string {
  const path = join(ROOT, file);
  return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : readFileSync(path, "latin1");
}

/** Sample text with `|` for `/`, so that this file's own samples do not trip the repo-wide test. */
const sample = (lines: string[]) => lines.join("\n").replaceAll("|", "/");

describe("outsideReferences", () => {
  it("finds the shared folder and absolute machine paths, with their lines", () => {
    const text = sample(["Source: ..|shared|api-docs|billpro.txt", "ok", "see ..\\shared\\notes and `|work|main|specs`", "|home|alice|x or |Users|bob|y, |root|.npmrc, C:\\Users\\carol\\z"]);
    expect(outsideReferences(text).map((r) => `${r.line}:${r.text}`)).toEqual(
      ["1:..|shared", "3:..\\shared", "3:|work|", "4:|home|alice", "4:|Users|bob", "4:|root|", "4:C:\\Users\\carol"].map((s) => s.replaceAll("|", "/")),
    );
  });

  it("leaves URLs, relative paths and generic temporary paths alone", () => {
    const text = sample(["https:||example.org|work|x and https:||docs.example.com|home|page", "specs|shared|a.yaml, docs|work|b.md, .|shared", "node scripts|docs.mjs --out |tmp|site"]);
    expect(outsideReferences(text)).toEqual([]);
  });
});

describe("the repo stands on its own", () => {
  it("no tracked (or new, unignored) file refers to the shared folder beside the repo or to an absolute machine path", () => {
    const files = repoFiles();
    // Guard against passing vacuously: the listing must contain the repo's own files.
    expect(files).toEqual(expect.arrayContaining(["package.json", "specs/billpro/openapi.yaml"]));
    const findings = files.flatMap((file) => outsideReferences(contentOf(file)).map((r) => `${file}:${r.line}: ${r.what} (${r.text})`));
    expect(findings).toEqual([]);
  });
});
