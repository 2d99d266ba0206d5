#!/usr/bin/env node
// Compiles every schema of every spec with Ajv (draft 2020-12) and validates every example
// against the schema it illustrates: media-type `example`/`examples`, parameter and header
// examples, and schema-level `examples`/`default`. Redocly and Spectral miss some bad
// examples, and Prism silently stops validating a schema it cannot compile — so this runs
// in `npm run lint`. Usage: node --import tsx scripts/lint/check-examples.ts [api ...]
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import { createSpecAjv, formatErrors, pointerRef } from "../apis/openapi-ajv.js";
import { exampleHolders, pointerText, schemaRoots, walkSchema } from "./schema-walk.js";
import { API_NAMES, ROOT, loadSpec, specPath, type SpecDocument } from "../apis/spec-files.js";
import type { ValidateFunction } from "ajv";
import type { Segments } from "./schema-walk.js";

function resolveLocalRef(document: SpecDocument, node: unknown): SpecDocument {
  let current: SpecDocument = node;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`external $ref ${ref} is not supported (specs are single-file)`);
    current = ref.slice(2).split("/")
      .map((s: string) => decodeURIComponent(s).replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((obj: SpecDocument, key: string) => obj?.[key], document);
    if (current === undefined) throw new Error(`$ref ${ref} points nowhere`);
  }
  return current;
}

/** Returns a list of problems ("#/pointer: message") for one API's spec. */
export function checkApi(api: string): string[] {
  return checkDocument(loadSpec(api), `${api}.openapi.yaml`);
}

/** Returns a list of problems ("#/pointer: message") for a parsed OpenAPI 3.1 document. */
export function checkDocument(document: SpecDocument, uri: string): string[] {
  const ajv = createSpecAjv(document, uri);
  const problems: string[] = [];
  const compile = (segments: Segments): ValidateFunction | undefined => {
    try {
      return ajv.compile({ $ref: pointerRef(uri, segments) });
    } catch (error) {
      problems.push(`${pointerText(segments)}: schema does not compile: ${(error as Error).message}`);
      return undefined;
    }
  };
  const check = (validate: ValidateFunction | undefined, value: unknown, where: string): void => {
    if (validate && !validate(value)) {
      for (const line of formatErrors(validate.errors)) problems.push(`${where}: ${line}`);
    }
  };

  // Every schema, and every example or default written inside one.
  for (const root of schemaRoots(document)) {
    // Walk the schema as written at `root` (a `$ref` there is compiled, not walked: its target
    // is a component schema and is walked as a root of its own).
    const node = root.reduce((obj: SpecDocument, key) => obj?.[key], document);
    walkSchema(node, root, (schema, segments) => {
      const needsOwnValidator = Array.isArray(schema.examples) || "default" in schema || segments === root;
      if (!needsOwnValidator) return;
      const validate = compile(segments);
      (schema.examples ?? []).forEach((value: unknown, i: number) => check(validate, value, `${pointerText(segments)}/examples/${i}`));
      if ("default" in schema) check(validate, schema.default, `${pointerText(segments)}/default`);
    });
  }

  // Media-type, parameter and header examples.
  for (const { segments, media } of exampleHolders(document)) {
    const validate = compile([...segments, "schema"]);
    if ("example" in media) check(validate, media.example, `${pointerText(segments)}/example`);
    for (const [name, example] of Object.entries<unknown>(media.examples ?? {})) {
      const where = `${pointerText(segments)}/examples/${name}`;
      try {
        const resolved = resolveLocalRef(document, example);
        if (!("value" in resolved)) problems.push(`${where}: example has no inline value`);
        else check(validate, resolved.value, where);
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
    }
  }
  return problems;
}

/** Prints the result for each API; true when every API passed. Used by `npm run lint` in-process. */
export function reportExamples(apis: readonly string[]): boolean {
  let failed = false;
  for (const api of apis) {
    const file = relative(ROOT, specPath(api));
    let problems: string[];
    try {
      problems = checkApi(api);
    } catch (error) {
      problems = [(error as Error).message];
    }
    if (problems.length === 0) {
      console.log(`${file}: every schema compiles and every example validates`);
    } else {
      failed = true;
      for (const problem of problems) console.error(`${file}${problem.startsWith("#") ? "" : ": "}${problem}`);
    }
  }
  return !failed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  process.exitCode = reportExamples(args.length > 0 ? args : API_NAMES) ? 0 : 1;
}
