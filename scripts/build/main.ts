// npm run build: compiles the client runtime (src/runtime) and the generated clients (generated/)
// to dist/ as ESM JavaScript + .d.ts (tsconfig.build.json), bundles every spec into dist/specs/,
// and checks package.json "exports" against the list of APIs (redocly.yaml) before anything is
// built and against the files after, so a missing or broken export fails here and not in a
// consumer's project. It builds generated/ as it is: run `npm run generate` first after a spec change.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { APIS, ROOT } from "../apis/list.js";
import { bundleSpecs } from "./bundle-specs.js";
import { checkExports } from "../generate/package-exports.js";

const require = createRequire(import.meta.url);

function fail(message: string): never {
  console.error(`build: ${message}`);
  process.exit(1);
}

type ExportTarget = string | { types?: string; default?: string };

async function main(): Promise<void> {
  const started = performance.now();
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { exports?: Record<string, ExportTarget> };
  const exportsMap = pkg.exports ?? {};
  const problems = checkExports(exportsMap, APIS);
  if (problems.length > 0) fail(`${problems.join("\n")}\nRun \`npm run generate\`: it writes "exports" from redocly.yaml.`);
  for (const api of APIS) {
    if (!existsSync(join(ROOT, "generated", api.name, "index.ts"))) {
      fail(`package.json exports ${api.exportPath}, but generated/${api.name}/index.ts does not exist (run npm run generate)`);
    }
  }

  // Start from an empty dist/ so that nothing from an older build (a removed API) gets packed.
  for (const dir of ["dist/generated", "dist/src", "dist/specs"]) rmSync(join(ROOT, dir), { recursive: true, force: true });

  const tsc = join(require.resolve("typescript/package.json"), "..", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "inherit" });
  if (result.error) fail(`could not run tsc: ${result.error.message}`);
  if (result.status !== 0) fail(`tsc -p tsconfig.build.json failed (exit ${result.status})`);

  let specs: string[];
  try {
    specs = await bundleSpecs(ROOT, APIS, join(ROOT, "dist", "specs"));
  } catch (error) {
    fail((error as Error).message);
  }

  const lines: string[] = [];
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (subpath.includes("*")) continue;
    const files = typeof target === "string" ? [target] : Object.values(target);
    for (const file of files) {
      if (!existsSync(join(ROOT, file))) fail(`package.json exports ${subpath} → ${file}, which the build did not produce`);
    }
    if (typeof target === "object") lines.push(`  ${subpath.padEnd(10)} → ${target.default}`);
  }
  lines.push(`  ./specs/*   → ${specs.length} files in dist/specs/ (bundled specs, JSON and YAML, and workflows)`);
  console.log(`build: dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n${lines.join("\n")}`);
}

await main();
