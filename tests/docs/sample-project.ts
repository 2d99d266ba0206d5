// A temporary ES module project holding the doc samples, one file each, in which
// `payment-api-contracts/<api>` resolves to the repository's generated client (generated/<api>/index.ts)
// through `paths`, so nothing needs building or packing. The same tsconfig.json serves the in-process
// type-check (TypeScript compiler API) and the runs (tsx reads `paths` from it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { APIS, ROOT } from "./facts.js";
import type { CodeSample } from "./markdown.js";

export interface SampleProject {
  dir: string;
  /** Absolute path of the sample's file in the project. */
  fileOf(sample: CodeSample): string;
  remove(): void;
}

const slug = (sample: CodeSample): string => `${sample.file.replace(/[^A-Za-z0-9]+/g, "_")}_L${sample.line}`;

/** Writes the samples (code as given by `codeOf`) into a fresh temp project. */
export function writeSampleProject(samples: CodeSample[], codeOf: (sample: CodeSample) => string = (s) => s.code): SampleProject {
  const dir = mkdtempSync(join(tmpdir(), "pac-doc-samples-"));
  mkdirSync(join(dir, "samples"));
  // "type": "module", as the README asks of a consumer: top-level await and ESM imports.
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "doc-samples", private: true, type: "module" }, null, 2));
  const paths = Object.fromEntries(APIS.map((api) => [`payment-api-contracts/${api.name}`, [join(ROOT, "generated", api.name, "index.ts")]]));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    // The repository's strict options (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess, NodeNext …).
    extends: join(ROOT, "tsconfig.json"),
    compilerOptions: { noEmit: true, paths, typeRoots: [join(ROOT, "node_modules", "@types")] },
    include: ["samples/*.ts"],
    exclude: [],
  }, null, 2));
  const fileOf = (sample: CodeSample): string => join(dir, "samples", `${slug(sample)}.ts`);
  // `export {}` makes every sample a module even without an import, so samples never share globals.
  for (const sample of samples) writeFileSync(fileOf(sample), `${codeOf(sample)}\nexport {};\n`);
  return { dir, fileOf, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Type-checks the project in-process (one program for every sample, so the generated clients are
 * checked once) and returns each sample file's diagnostics as "line:col TSnnnn message", the line
 * being the Markdown line.
 */
export function typeCheck(project: SampleProject, samples: CodeSample[]): Map<CodeSample, string[]> {
  const configFile = join(project.dir, "tsconfig.json");
  const read = ts.readConfigFile(configFile, (path) => ts.sys.readFile(path));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, project.dir, undefined, configFile);
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n"));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const result = new Map<CodeSample, string[]>();
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (global.length > 0) throw new Error(global.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n"));
  for (const sample of samples) {
    const source = program.getSourceFile(project.fileOf(sample));
    if (!source) throw new Error(`${sample.file}:${sample.line}: the sample is not in the program`);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    result.set(sample, diagnostics.map((d) => {
      const at = d.start === undefined ? undefined : source.getLineAndCharacterOfPosition(d.start);
      const where = at ? `${sample.file}:${sample.line + at.line}:${at.character + 1}` : `${sample.file}:${sample.line}`;
      return `${where} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    }));
  }
  return result;
}
