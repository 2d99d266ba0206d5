// The three ways the README gives to consume the package, each done as a consumer would do it,
// in a fresh folder under the OS temp dir. Each returns the consumer project's folder.
import { readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../apis/list.js";
import { typesNodeSpec, writeConsumerApp } from "./app.js";
import { run } from "./run.js";
import { copyWorkingTree, gitRepositoryOfTree } from "./tree.js";

export type Way = "tarball" | "git" | "workspace";
export const WAYS: readonly Way[] = ["tarball", "git", "workspace"];

const PACKAGE = "payment-api-contracts";

/** `npm pack` here (prepack builds dist/), then `npm install <tarball>` in the consumer. */
async function tarball(work: string, program: string): Promise<string> {
  const packDir = join(work, "pack");
  mkdirSync(packDir);
  await run("npm", ["pack", "--pack-destination", packDir], ROOT);
  const file = readdirSync(packDir).find((name) => name.endsWith(".tgz"));
  if (!file) throw new Error(`npm pack wrote no .tgz into ${packDir}`);
  const app = join(work, "app");
  writeConsumerApp(app, "consumer-tarball", program);
  await run("npm", ["install", "--no-package-lock", join(packDir, file), typesNodeSpec()], app);
  return app;
}

/** A git repository of this tree, then `npm install git+file://…`: npm clones, installs, runs `prepare`, packs. */
async function git(work: string, program: string): Promise<string> {
  const source = join(work, "source");
  await gitRepositoryOfTree(source);
  const app = join(work, "app");
  writeConsumerApp(app, "consumer-git", program);
  await run("npm", ["install", "--no-package-lock", `git+file://${source}`, typesNodeSpec()], app);
  return app;
}

/** An npm workspace with this tree as packages/payment-api-contracts and an app depending on it. */
async function workspace(work: string, program: string): Promise<string> {
  copyWorkingTree(join(work, "packages", PACKAGE));
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "consumer-workspace", private: true, workspaces: [`packages/${PACKAGE}`, "app"] }, null, 2));
  const app = join(work, "app");
  writeConsumerApp(app, "consumer-app", program, { [PACKAGE]: "*" });
  await run("npm", ["install", "--no-package-lock", "--save-dev", "--workspace", "app", typesNodeSpec()], work);
  return app;
}

export const INSTALL: Record<Way, (work: string, program: string) => Promise<string>> = { tarball, git, workspace };
