// dist/specs/<api>/: each spec bundled into one document (openapi.yaml and the same document as
// openapi.json) plus the workflow files that sit beside it (specs/<api>/*.arazzo.yaml, found by
// name, never listed), so consumers in other languages and tools can read them from the package
// (`<package>/specs/<api>/openapi.json`). Bundled in-process with Redocly's core.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { stringify } from "yaml";
import type { ApiEntry } from "../apis/list.js";
import { bundleSpec, loadRedoclyConfig } from "../apis/redocly-core.js";
import { workflowFilesBeside } from "../apis/workflow-files.js";

/** Writes dist/specs/<api>/ for every API; returns the files written, relative to root. */
export async function bundleSpecs(root: string, apis: readonly ApiEntry[], outDir: string): Promise<string[]> {
  const config = await loadRedoclyConfig(root);
  const written: string[] = [];
  for (const api of apis) {
    if (!existsSync(api.specFile)) throw new Error(`${api.root} does not exist (API ${api.name} in redocly.yaml)`);
    const document = await bundleSpec(api.specFile, config, api.root);
    const dir = join(outDir, api.name);
    mkdirSync(dir, { recursive: true });
    const files: Array<[string, string]> = [
      [join(dir, "openapi.yaml"), stringify(document, { lineWidth: 0 })],
      [join(dir, "openapi.json"), `${JSON.stringify(document, null, 2)}\n`],
    ];
    for (const [file, text] of files) writeFileSync(file, text);
    written.push(...files.map(([file]) => relative(root, file)));
    for (const workflow of workflowFilesBeside(api.specFile)) {
      const target = join(dir, basename(workflow));
      copyFileSync(workflow, target);
      written.push(relative(root, target));
    }
  }
  return written;
}
