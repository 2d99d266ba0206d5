// A cache of the pages `redocly build-docs` renders: one Redocly run costs a Node start-up and a
// server-side render (1–2 CPU-seconds), and its page depends only on what goes in, so a page is
// rendered once per input and reused — by the next `npm start`, and by the several site builds
// of one test run. The key covers every input: the bundled document's text, the build-docs
// arguments other than file paths, and the Redocly CLI's version. Our own post-processing
// (offline.ts) runs after the cache, so changing it needs no invalidation.
//
// Stored in node_modules/.cache/payment-api-contracts/redoc/ (the usual place for tool caches;
// deleting it is always safe). Writes go to a temporary file and are renamed into place, so two
// builds rendering the same page at once never leave a torn file.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { ROOT } from "../apis/spec-files.js";

/** Where the cache lives. */
export const PAGE_CACHE_DIR = join(ROOT, "node_modules", ".cache", "payment-api-contracts", "redoc");

function redoclyVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, "node_modules", "@redocly", "cli", "package.json"), "utf8")) as { version: string }).version;
}

export function pageKey(documentText: string, args: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify([redoclyVersion(), args, documentText])).digest("hex");
}

/**
 * The rendered page for `key`: from the cache in `dir`, or from `render(file)` (which writes it
 * to `file`), then kept. Returns the page's HTML. A failed render keeps nothing.
 */
export async function cachedPage(key: string, render: (file: string) => Promise<void>, dir = PAGE_CACHE_DIR): Promise<string> {
  const cached = join(dir, `${key}.html`);
  try {
    return await readFile(cached, "utf8");
  } catch {
    // Not cached yet: render below.
  }
  mkdirSync(dir, { recursive: true });
  const fresh = `${cached}.${process.pid}.${Date.now()}.tmp`;
  await render(fresh);
  const html = await readFile(fresh, "utf8");
  await rename(fresh, cached);
  return html;
}


