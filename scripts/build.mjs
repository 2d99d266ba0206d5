#!/usr/bin/env node
// npm run build: compiles the client runtime (src/runtime) and the generated clients (generated/)
// to dist/ as ESM JavaScript + .d.ts (tsconfig.build.json), then checks that every subpath in
// package.json "exports" points at a file that exists, so a broken export map fails here and not
// in a consumer's project. It builds generated/ as it is: run `npm run generate` first after a spec change.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "./lib/spec-files.mjs";

const require = createRequire(import.meta.url);

function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}

const started = performance.now();
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const exportsMap = pkg.exports ?? {};
for (const subpath of Object.keys(exportsMap)) {
  const api = subpath.replace(/^\.\//, "");
  if (subpath !== "./package.json" && !existsSync(join(ROOT, "generated", api, "index.ts"))) {
    fail(`package.json exports ${subpath}, but generated/${api}/index.ts does not exist (run npm run generate)`);
  }
}

// Start from an empty dist/ so that nothing from an older build (a removed API) gets packed.
for (const dir of ["dist/generated", "dist/src"]) rmSync(join(ROOT, dir), { recursive: true, force: true });

const tsc = join(require.resolve("typescript/package.json"), "..", "bin", "tsc");
const result = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "inherit" });
if (result.error) fail(`could not run tsc: ${result.error.message}`);
if (result.status !== 0) fail(`tsc -p tsconfig.build.json failed (exit ${result.status})`);

const lines = [];
for (const [subpath, target] of Object.entries(exportsMap)) {
  const files = typeof target === "string" ? [target] : Object.values(target);
  for (const file of files) {
    const absolute = join(ROOT, file);
    if (!existsSync(absolute)) fail(`package.json exports ${subpath} → ${file}, which the build did not produce`);
  }
  if (typeof target === "object") lines.push(`  ${subpath.padEnd(10)} → ${target.default}`);
}
console.log(`build: dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n${lines.join("\n")}`);
