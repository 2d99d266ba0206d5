// A TypeScript entry point as one plain ES module file, so that a child process starts without tsx.
// `node --import tsx` costs about 0.45 CPU-seconds per process before any of our code runs (its
// loader thread and module hooks), and the mock host alone is started about 25 times in one
// `npm test`. esbuild (the compiler tsx itself uses) bundles the entry with every module of ours it
// imports; packages stay external, so Node resolves them from node_modules as it did under tsx.
// Each module's `import.meta.url` is replaced by its own source file's URL, so that what is computed
// from it (the repository root, createRequire) is what it was under tsx.
// The file is named by a hash of its content and written once, then reused (node_modules/.cache/). A
// file unused for a day is deleted when a new one is written (each edit of the code, and each copy of the
// repository the pipeline tests make, brings a new one); a reused file is touched, so it is never that old.
// esbuild's service process is stopped once no bundling is under way: it would otherwise stay on as a
// child of every process that started a mock. (Nothing else uses esbuild's service in those processes;
// the clients benchmark, which does, starts no mock.)
// Not for an entry that tells it is the main module by comparing import.meta.url with process.argv[1]:
// bundled, the two differ. The mock host has no such test.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, stop, type Plugin } from "esbuild";
import { ROOT } from "../apis/list.js";

const CACHE_DIR = join(ROOT, "node_modules", ".cache", "bundled-entries");
const UNUSED_FOR_MS = 24 * 60 * 60 * 1000;

/** Deletes the files of the cache that nobody started for a day (a cache, so a failure here is no error). */
function pruneUnused(now: number): void {
  for (const name of readdirSync(CACHE_DIR)) {
    const file = join(CACHE_DIR, name);
    try {
      if (now - statSync(file).mtimeMs > UNUSED_FOR_MS) rmSync(file, { force: true });
    } catch {
      // gone already (another process pruned it)
    }
  }
}

/**
 * Replaces `import.meta.url` in each of our TypeScript modules by that module's own file URL. A pattern, not
 * the text itself in quotes: bundled with this module, a quoted "import.meta.url" here would be replaced too.
 */
const IMPORT_META_URL = /\bimport\.meta\.url\b/g;
const ownImportMetaUrl: Plugin = {
  name: "own-import-meta-url",
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.[cm]?ts$/ }, ({ path }) => ({
      contents: readFileSync(path, "utf8").replace(IMPORT_META_URL, JSON.stringify(pathToFileURL(path).href)),
      loader: "ts",
    }));
  },
};

/** Where bundledEntry(entry, name) puts its files: `<dir>/<name>-<content hash>.mjs`. */
export const bundledFilePattern = (name: string): RegExp => new RegExp(`/bundled-entries/${name}-[0-9a-f]{16}\\.mjs\\b`);

/** Calls of bundledEntry under way in this process (esbuild's service is stopped when none is). */
let bundling = 0;

/**
 * The path of a file that `node` runs as `entry` would run under tsx, named after `name` (what a
 * process list shows). Bundling takes a few tens of milliseconds; the file is rewritten only when
 * its content changes (an edit to any module it holds).
 */
export async function bundledEntry(entry: string, name: string): Promise<string> {
  let code: Uint8Array;
  bundling++;
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      packages: "external",
      platform: "node",
      format: "esm",
      target: `node${process.versions.node}`,
      sourcemap: "inline",
      plugins: [ownImportMetaUrl],
      write: false,
      logLevel: "silent",
    });
    code = result.outputFiles[0]!.contents;
  } catch (error) {
    throw new Error(`${entry}: cannot be bundled: ${(error as Error).message}`);
  } finally {
    if (--bundling === 0) await stop();
  }
  const file = join(CACHE_DIR, `${name}-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  const now = Date.now();
  if (existsSync(file)) {
    utimesSync(file, now / 1000, now / 1000);
  } else {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written beside and renamed: a process starting the same file at the same moment never reads half of it.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
    pruneUnused(now);
  }
  return file;
}
