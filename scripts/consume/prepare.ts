// npm's `prepare` hook (package.json). npm runs it when someone installs this package from git
// (`npm install git+…`: it clones, installs our devDependencies, runs `prepare`, then packs), from a
// `file:` folder or as a workspace member. Those installs need dist/, which is not in git, so we build
// it then. npm also runs `prepare` on `npm ci` / `npm install` in this repository itself, where the
// build is not needed (scripts and tests use the sources; `npm pack` builds via `prepack`): that case
// is recognised and skipped, so CI and a fresh clone's `npm ci` do not pay for a build.
//
// The repository's own install is the only one where npm's local prefix (the project npm is
// installing) is this folder and no git-dependency preparation is under way (_PACOTE_NO_PREPARE_
// is set by npm's pacote when it installs a cloned git dependency). Anything else builds.
import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { APIS, ROOT } from "../apis/list.js";

const env = process.env;
/** The same folder, symlinks resolved (npm and import.meta.url may spell it differently). */
const sameFolder = (a: string | undefined, b: string): boolean => {
  try { return a !== undefined && realpathSync(a) === realpathSync(b); } catch { return false; }
};
const ownInstall = env["_PACOTE_NO_PREPARE_"] === undefined && sameFolder(env["npm_config_local_prefix"], ROOT);

// For a git dependency npm runs `prepare` twice: in the clone's own `npm install` (which builds),
// then again just before packing the clone (npm_package_resolved is the clone's folder). The second
// time, a complete dist/ from the first is kept.
const packingBuiltClone = sameFolder(env["npm_package_resolved"], ROOT) &&
  existsSync(join(ROOT, "dist", "specs")) &&
  APIS.every((api) => ["index.js", "index.d.ts"].every((file) => existsSync(join(ROOT, "dist", "generated", api.name, file))));

if (ownInstall) {
  console.log("prepare: this repository's own install; dist/ is not built here (`npm run build` or `npm pack` builds it)");
} else if (packingBuiltClone) {
  console.log("prepare: dist/ already built in this clone");
} else {
  console.log("prepare: building dist/ for an install from git, a folder or a workspace");
  const result = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "build", "main.ts")], { cwd: ROOT, stdio: "inherit" });
  if (result.error) {
    console.error(`prepare: could not run the build: ${result.error.message}`);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}
