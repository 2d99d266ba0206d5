// The specs' own examples against the generated types: every request example must compile as its
// request body (an object literal, so a misspelt or undocumented field fails too), and every response
// example must be assignable to its response type (responses are open, so extra fields are fine; the
// literal types are kept, so `const` fields still count). The program is written from the specs on
// every run, as in-memory files next to this test, and compiled in-process with the project's options.
import { join } from "node:path";
import ts from "typescript";
import { repoCompilerOptions, ROOT } from "./repo-tsconfig.js";
import { describe, expect, it } from "vitest";
import { API_NAMES, loadSpec } from "../../scripts/apis/spec-files.js";

const HERE = join(ROOT, "tests", "types");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface Example { where: string; line: number }

const isObject = (value: unknown): value is Record<string, any> => value !== null && typeof value === "object" && !Array.isArray(value);

function deref(spec: unknown, node: any): any {
  for (let depth = 0; isObject(node) && typeof node["$ref"] === "string" && depth < 20; depth++) {
    node = String(node["$ref"]).slice(2).split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")).reduce((current: any, key) => current?.[key], spec);
  }
  return node;
}

/** Every example of one media type object, by name ("example" for the singular form). */
function examplesOf(spec: unknown, media: any): Array<[string, unknown]> {
  const found: Array<[string, unknown]> = [];
  if (media?.example !== undefined) found.push(["example", media.example]);
  for (const [name, example] of Object.entries<any>(media?.examples ?? {})) {
    const value = deref(spec, example)?.value;
    if (value !== undefined) found.push([name, value]);
  }
  return found;
}

/** The checks for one API as TypeScript source, with what each line stands for. */
function renderApi(api: string): { source: string; examples: Example[] } {
  const spec = loadSpec(api);
  const lines = [
    `import type { operations } from "../../generated/${api}/schema.js";`,
    // `const V extends T`: V keeps the example's literal types, and is checked against T by assignability.
    `declare function response<T>(): <const V extends T>(value: V) => void;`,
  ];
  const examples: Example[] = [];
  const add = (where: string, code: string) => {
    lines.push(`// ${where}`, code);
    examples.push({ where, line: lines.length });
  };
  let n = 0;
  for (const [path, rawItem] of Object.entries<any>(spec.paths ?? {})) {
    const item = deref(spec, rawItem);
    for (const method of METHODS) {
      const op = item?.[method];
      if (!isObject(op) || typeof op["operationId"] !== "string") continue;
      const id = JSON.stringify(op["operationId"]);
      const requestBody = deref(spec, op["requestBody"]);
      for (const [mediaType, media] of Object.entries<any>(requestBody?.content ?? {})) {
        for (const [name, value] of examplesOf(spec, media)) {
          add(`${api} ${method.toUpperCase()} ${path} request ${mediaType} example "${name}"`,
            `export const request${n++}: NonNullable<operations[${id}]["requestBody"]>["content"][${JSON.stringify(mediaType)}] = ${JSON.stringify(value)};`);
        }
      }
      for (const [key, rawResponse] of Object.entries<any>(op["responses"] ?? {})) {
        for (const [mediaType, media] of Object.entries<any>(deref(spec, rawResponse)?.content ?? {})) {
          for (const [name, value] of examplesOf(spec, media)) {
            add(`${api} ${method.toUpperCase()} ${path} response ${key} ${mediaType} example "${name}"`,
              `response<operations[${id}]["responses"][${JSON.stringify(key)}]["content"][${JSON.stringify(mediaType)}]>()(${JSON.stringify(value)});`);
          }
        }
      }
    }
  }
  return { source: lines.join("\n") + "\n", examples };
}

// The last program compiled: the next one reuses its unchanged source files (the DOM and Node
// lib files, the generated schemas) instead of parsing them again.
let previous: ts.Program | undefined;

function compile(files: Record<string, string>) {
  const options = repoCompilerOptions();
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => name in files || fileExists.call(host, name);
  host.readFile = (name) => files[name] ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) =>
    name in files ? ts.createSourceFile(name, files[name]!, language, true) : getSourceFile.call(host, name, language, ...rest);
  const program = ts.createProgram({ rootNames: Object.keys(files), options: { ...options, noEmit: true }, host, ...(previous ? { oldProgram: previous } : {}) });
  previous = program;
  return (file: string) => {
    const source = program.getSourceFile(file)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ({
      line: source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
      text: ts.flattenDiagnosticMessageText(d.messageText, " "),
    }));
  };
}

describe("the specs' examples type-check against the generated types", () => {
  const rendered = Object.fromEntries(API_NAMES.map((api: string) => [join(HERE, `__examples_${api}__.ts`), renderApi(api)]));
  const diagnosticsOf = compile(Object.fromEntries(Object.entries(rendered).map(([file, { source }]) => [file, source])));

  it.each(Object.entries(rendered).map(([file, { examples }]) => [file.replace(/.*__examples_(\w+)__\.ts$/, "$1"), file, examples] as const))(
    "%s: every request and response example",
    (_api, file, examples) => {
      expect(examples.length, "the spec has examples to check").toBeGreaterThan(0);
      expect(examples.some((e) => e.where.includes(" request "))).toBe(true);
      expect(examples.some((e) => e.where.includes(" response "))).toBe(true);
      const failures = diagnosticsOf(file).map((d) => `${examples.find((e) => e.line === d.line)?.where ?? `line ${d.line}`}: ${d.text}`);
      expect(failures).toEqual([]);
    },
  );

  it("would catch an example that does not fit (a response example with a wrong type, a request with an unknown field)", () => {
    const file = join(HERE, "__examples_probe__.ts");
    const diagnostics = compile({
      [file]: [
        `import type { operations } from "../../generated/kwik/schema.js";`,
        `declare function response<T>(): <const V extends T>(value: V) => void;`,
        `response<operations["listOrders"]["responses"]["200"]["content"]["application/json"]>()({ status: "yes", results: [] });`,
        `export const r: operations["createOrders"]["requestBody"]["content"]["application/json"] = { records: [], refrence: "x" };`,
        `response<operations["listOrders"]["responses"]["200"]["content"]["application/json"]>()({ status: true, results: [], extra: 1 });`,
      ].join("\n"),
    })(file);
    expect(diagnostics.map((d) => d.line)).toEqual([3, 4]);
  });
});
