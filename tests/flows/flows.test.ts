// Every Arazzo workflow file beside each spec, run with Redocly Respect against the API's mock.
// The mock is stateless (it answers with the spec's examples), so what is asserted is what Respect
// checks on every step: the workflow's success criteria (statuses), the status code being one the
// spec declares, the content type, and the response body against the spec's schema — per step.
// Credentials are dummy inputs; nothing of the requests is printed.
import { dirname, resolve } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { APIS } from "../../scripts/apis/list.js";
import { mergeByName } from "../../scripts/apis/merge-respect-lists.js";
import { allWorkflowFiles, loadYamlFile, type ArazzoDocument } from "../../scripts/apis/workflow-files.js";
import { runRespect, type RespectReport, type StepReport } from "./respect.js";

const files = allWorkflowFiles();

/** Source description name → the mock of the API whose spec it points at. */
function serversFor(file: string, arazzo: ArazzoDocument, mocks: Record<string, string>): Record<string, string> {
  const servers: Record<string, string> = {};
  for (const source of arazzo.sourceDescriptions) {
    const spec = resolve(dirname(file), source.url);
    const api = APIS.find((entry) => entry.specFile === spec);
    const url = api && mocks[api.name];
    if (!url) throw new Error(`${file}: source "${source.name}" (${source.url}) is no spec with a mock`);
    servers[source.name] = url;
  }
  return servers;
}

/** A dummy value for every input without a default, for every workflow of the file. */
function dummyInputs(arazzo: ArazzoDocument): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const workflow of arazzo.workflows) {
    let schema = workflow.inputs ?? {};
    if (typeof schema.$ref === "string") schema = arazzo.components.inputs[schema.$ref.replace("#/components/inputs/", "")];
    for (const [name, property] of Object.entries<ArazzoDocument>(schema.properties ?? {})) {
      if (property.default === undefined) inputs[name] = `flows-dummy-${name.replaceAll("_", "-")}`;
    }
  }
  return inputs;
}

const describeStep = (step: StepReport): string =>
  step.checks.filter((c) => !c.passed).map((c) => `${c.name}${c.condition ? ` (${c.condition})` : ""}: ${c.message}`).join("\n");

const documents = files.map(({ file, path }) => ({ file, path, arazzo: loadYamlFile(file) }));
// One Respect run for every file (a Redocly CLI start-up costs 2–3 CPU-seconds); each file's
// workflows and steps are still asserted one by one below.
let report: RespectReport;
beforeAll(async () => {
  const mocks = inject("flowMocks");
  report = await runRespect({
    paths: documents.map(({ path }) => path),
    servers: mergeByName("source description", documents.map(({ file, arazzo }) => [file, serversFor(file, arazzo, mocks)])),
    inputs: mergeByName("input", documents.map(({ file, arazzo }) => [file, dummyInputs(arazzo)])),
  });
}, 240_000);

it("finds the workflow files beside the specs, and Respect runs them all and passes", () => {
  expect(files.length).toBeGreaterThan(0);
  expect(Object.keys(report.files).sort(), report.stderr).toEqual(files.map(({ path }) => path).sort());
  expect(report.status).toBe("success");
  expect(report.exitCode).toBe(0);
});

for (const { path, arazzo } of documents) {
  describe(path, () => {
    const workflows = () => report.files[path] ?? [];

    it("runs every workflow of the file, and each passes", () => {
      const declared = arazzo.workflows.map((w: ArazzoDocument) => w.workflowId);
      expect(workflows().map((w) => w.workflowId), report.stderr).toEqual(declared);
      expect(workflows().map((w) => [w.workflowId, w.status])).toEqual(declared.map((id: string) => [id, "success"]));
    });

    for (const workflow of arazzo.workflows) {
      for (const { stepId } of workflow.steps) {
        it(`${workflow.workflowId} › ${stepId}: success criteria, declared status, content type and schema pass`, () => {
          const executed = workflows().find((w) => w.workflowId === workflow.workflowId)?.executedSteps ?? [];
          const step = executed.find((s) => s.stepId === stepId);
          expect(step, `${stepId} was not run`).toBeDefined();
          const checks = step!.checks.map((c) => c.name);
          expect(checks).toContain("success criteria check");
          expect(checks).toContain("status code check");
          expect(checks).toContain("schema check");
          expect(describeStep(step!)).toBe("");
          expect(step!.status).toBe("success");
        });
      }
    }
  });
}
