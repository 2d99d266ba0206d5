// A copy of the repository as git would hand it out: the tracked files plus new files that are not
// ignored (so the check sees uncommitted work too), without node_modules/, dist/ or site/.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT } from "../apis/list.js";
import { run } from "./run.js";

export function copyWorkingTree(target: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\0").filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    // A tracked file deleted in the work tree is simply not copied.
    try { cpSync(join(ROOT, file), join(target, file)); } catch (error) { if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error; }
  }
}

/** The copy as a one-commit git repository (what `npm install git+file://…` clones). */
export async function gitRepositoryOfTree(target: string): Promise<void> {
  copyWorkingTree(target);
  const git = (...args: string[]) => run("git", ["-c", "user.name=check-consume", "-c", "user.email=check-consume@localhost", "-c", "commit.gpgsign=false", ...args], target);
  await git("init", "--quiet", "--initial-branch=main");
  await git("add", "--all");
  await git("commit", "--quiet", "--message", "snapshot for npm run check:consume");
}
