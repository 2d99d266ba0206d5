// The consumer's side, the same for every way of getting the package: an ES module project
// ("type": "module", @types/node, strict TypeScript with skipLibCheck off, as the README asks) whose
// src/main.ts is the README snippet; it is compiled and run against the mocks and must exit 0
// without writing to stderr.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "../apis/list.js";
import { run } from "./run.js";

const require = createRequire(import.meta.url);
// The repository's TypeScript compiles the consumer (a consumer brings its own; the version is the same).
const TSC = join(require.resolve("typescript/package.json"), "..", "bin", "tsc");

/** The pinned @types/node of this repository, for the consumer's devDependencies. */
export function typesNodeSpec(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { devDependencies?: Record<string, string> };
  return `@types/node@${pkg.devDependencies?.["@types/node"] ?? "20"}`;
}

/** package.json, tsconfig.json and src/main.ts of a consumer project. */
export function writeConsumerApp(dir: string, name: string, program: string, dependencies: Record<string, string> = {}): void {
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version: "0.0.0", private: true, type: "module", dependencies }, null, 2));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: ["node"],
      strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false,
      outDir: "out", rootDir: "src",
    },
    include: ["src"],
  }, null, 2));
  writeFileSync(join(dir, "src", "main.ts"), program);
}

/** Compiles and runs the consumer; returns what it printed. */
export async function compileAndRun(dir: string): Promise<string> {
  await run(process.execPath, [TSC, "-p", join(dir, "tsconfig.json")], dir);
  // No credentials from this environment: the snippet falls back to its mock values.
  const { stdout, stderr } = await run(process.execPath, [join(dir, "out", "main.js")], dir, { PATH: process.env["PATH"] ?? "", NO_COLOR: "1" }, 60_000);
  if (stderr.trim() !== "") throw new Error(`the consumer program wrote to stderr:\n${stderr}`);
  if (stdout.trim() === "") throw new Error("the consumer program printed nothing (the README snippet prints its result)");
  return stdout;
}
