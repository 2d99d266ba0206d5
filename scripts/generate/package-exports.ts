// package.json "exports": one subpath per API of the list (redocly.yaml, `x-project.export`), the
// bundled specs, and package.json itself. `npm run generate` writes the map (only that key) from
// the list, `generate --check` and `npm run build` check it, so an API cannot be generated and then
// silently not ship.
import type { ApiEntry } from "../apis/list.js";

/** The subpath that ships the bundled specs and their workflows (dist/specs/<api>/...). */
export const SPECS_EXPORT = "./specs/*";
export const SPECS_TARGET = "./dist/specs/*";

type ExportTarget = string | { types?: string; default?: string };

/** What package.json must say for one API. */
export function expectedExport(api: ApiEntry): { types: string; default: string } {
  return { types: `./dist/generated/${api.name}/index.d.ts`, default: `./dist/generated/${api.name}/index.js` };
}

/** Problems with the export map, one sentence each (empty: it matches the list). */
export function checkExports(exportsMap: Record<string, ExportTarget> | undefined, apis: readonly ApiEntry[]): string[] {
  const map = exportsMap ?? {};
  const problems: string[] = [];
  for (const api of apis) {
    const want = expectedExport(api);
    const got = map[api.exportPath];
    if (got === undefined) {
      problems.push(`package.json "exports" has no "${api.exportPath}" for API ${api.name} (redocly.yaml), so its client would not ship. Add:\n    "${api.exportPath}": ${JSON.stringify(want)}`);
    } else if (typeof got !== "object" || got.types !== want.types || got.default !== want.default) {
      problems.push(`package.json "exports"["${api.exportPath}"] must be ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
  if (map[SPECS_EXPORT] !== SPECS_TARGET) {
    problems.push(`package.json "exports" must have "${SPECS_EXPORT}": "${SPECS_TARGET}" (the bundled specs), got ${JSON.stringify(map[SPECS_EXPORT])}`);
  }
  const known = new Set([...apis.map((api) => api.exportPath), SPECS_EXPORT, "./package.json"]);
  for (const subpath of Object.keys(map)) {
    if (!known.has(subpath)) problems.push(`package.json "exports" has "${subpath}", which is no API in redocly.yaml`);
  }
  return problems;
}

/** The whole "exports" map the list calls for, in list order. */
export function exportsFor(apis: readonly ApiEntry[]): Record<string, ExportTarget> {
  return {
    ...Object.fromEntries(apis.map((api) => [api.exportPath, expectedExport(api)])),
    [SPECS_EXPORT]: SPECS_TARGET,
    "./package.json": "./package.json",
  };
}

/** package.json's text with "exports" replaced by the list's map (everything else kept as it is). */
export function renderPackageJson(text: string, apis: readonly ApiEntry[]): string {
  const pkg = JSON.parse(text) as Record<string, unknown>;
  pkg.exports = exportsFor(apis);
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
