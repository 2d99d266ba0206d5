// Type tests: compiles tests/types/fixtures/*.ts with the project's compiler options and checks that
// each line marked `// @ts-expect-error TSnnnn reason` fails with exactly that error code when the
// directive is removed, and that nothing else in the fixtures fails. A plain @ts-expect-error only
// proves that *some* error happens (a typo would do); the code pins the intended one.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { repoCompilerOptions, ROOT } from "./repo-tsconfig.js";
import { describe, expect, it } from "vitest";

const FIXTURES = join(ROOT, "tests", "types", "fixtures");
const DIRECTIVE = /\/\/ @ts-expect-error (TS\d+) (.+)$/;

interface Expectation { file: string; line: number; code: number; reason: string }

const fixtureFiles = readdirSync(FIXTURES).filter((name) => name.endsWith(".ts")).map((name) => join(FIXTURES, name));
const expectations: Expectation[] = fixtureFiles.flatMap((file) =>
  readFileSync(file, "utf8").split("\n").flatMap((text, index) => {
    const match = DIRECTIVE.exec(text);
    return match ? [{ file, line: index + 1, code: Number(match[1]!.slice(2)), reason: match[2]! }] : [];
  }),
);

// One program for all fixtures, with the directives neutralised (same line numbers).
function compileWithoutDirectives() {
  const options = repoCompilerOptions();
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => {
    const text = readFile(name);
    return text !== undefined && fixtureFiles.includes(name) ? text.replaceAll("// @ts-expect-error", "// (expected error)") : text;
  };
  const program = ts.createProgram({ rootNames: fixtureFiles, options: { ...options, noEmit: true }, host });
  return fixtureFiles.flatMap((file) => {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} was not compiled`);
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ({
      file,
      line: source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
      code: d.code,
      text: ts.flattenDiagnosticMessageText(d.messageText, " "),
    }));
  });
}

describe("type tests", () => {
  const diagnostics = compileWithoutDirectives();
  const relative = (file: string) => file.slice(ROOT.length + 1);

  it("finds the fixtures and their expectations", () => {
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(2);
    expect(expectations.length).toBeGreaterThanOrEqual(10);
  });

  it.each(expectations.map((e) => [`${relative(e.file).replace("tests/types/fixtures/", "")}:${e.line + 1} ${e.reason} (TS${e.code})`, e] as const))(
    "%s fails to compile",
    (_name, expectation) => {
      const onLine = diagnostics.filter((d) => d.file === expectation.file && d.line === expectation.line + 1);
      expect(onLine.map((d) => `TS${d.code}`), onLine.map((d) => d.text).join("\n") || "no error at all").toContain(`TS${expectation.code}`);
    },
  );

  it("everything not marked compiles", () => {
    const marked = new Set(expectations.map((e) => `${e.file}:${e.line + 1}`));
    const stray = diagnostics.filter((d) => !marked.has(`${d.file}:${d.line}`)).map((d) => `${relative(d.file)}:${d.line} TS${d.code} ${d.text}`);
    expect(stray).toEqual([]);
  });
});
