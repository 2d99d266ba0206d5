// The check `npm run lint` adds to Redocly's Arazzo rules (scripts/lint/workflows.ts): a step's
// operationId must name a declared source and an operation of that source's spec. Redocly lint
// leaves this to run time, where it would only show up as a failed flow.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allWorkflowFiles, loadYamlFile } from "../../scripts/apis/workflow-files.js";
import { unknownOperations } from "../../scripts/lint/workflows.js";

const folder = mkdtempSync(join(tmpdir(), "flows-lint-"));
writeFileSync(join(folder, "openapi.yaml"), "openapi: 3.1.0\ninfo: { title: T, version: '1' }\npaths:\n  /a: { get: { operationId: getA } }\n");
const file = join(folder, "x.arazzo.yaml");
const arazzo = (operationIds: string[], sources = ["t"]) => ({
  sourceDescriptions: sources.map((name) => ({ name, url: "./openapi.yaml", type: "openapi" })),
  workflows: [{ workflowId: "w", steps: operationIds.map((operationId, i) => ({ stepId: `s${i}`, operationId })) }],
});

describe("workflow lint: operations", () => {
  it("accepts steps that call operations of their source, and a bare operationId when there is one source", () => {
    expect(unknownOperations(file, arazzo(["$sourceDescriptions.t.getA", "getA"]))).toEqual([]);
  });

  it("names the workflow and step of an unknown operation or source, and of a bare operationId among several sources", () => {
    expect(unknownOperations(file, arazzo(["$sourceDescriptions.t.getB", "$sourceDescriptions.u.getA", "getB"]))).toEqual([
      'w.s0: the "t" spec has no operation getB',
      'w.s1: no OpenAPI source description named "u"',
      'w.s2: the "t" spec has no operation getB',
    ]);
    expect(unknownOperations(file, arazzo(["getA"], ["t", "t2"]))).toEqual([
      "w.s0: operationId getA names no source, and the file has 2 OpenAPI sources ($sourceDescriptions.<name>.getA)",
    ]);
  });

  it("finds nothing to report in the repository's workflow files", () => {
    const files = allWorkflowFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const { file: path } of files) expect(unknownOperations(path, loadYamlFile(path)), path).toEqual([]);
  });
});
