// Whether processes that should exit did: the robustness tests' kill checks and `npm run mock`'s stop test.
import { isAlive, type ProcessInfo } from "../../scripts/process/process-tree.js";

/** The processes of `tree` still alive (zombies count as gone) after waiting up to `withinMs` for all to exit, as "pid command". */
export async function survivors(tree: ProcessInfo[], withinMs: number): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const alive = tree.filter((p) => isAlive(p.pid));
    if (alive.length === 0 || Date.now() >= deadline) return alive.map((p) => `${p.pid} ${p.command}`.slice(0, 160));
    await new Promise((r) => setTimeout(r, 100));
  }
}
