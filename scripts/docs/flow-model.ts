// What the docs site says about one Arazzo workflow file, read from the file and the spec(s) it
// names: per workflow its inputs, its steps (operation with method and path, parameters, request
// body, success criteria, outputs) and its outputs. flow-page.ts renders it; the index links to it.
import { dirname, resolve } from "node:path";
import { loadYamlFile, stepOperation, type ArazzoDocument, type WorkflowFile } from "../apis/workflow-files.js";
import { listOperations } from "./model.js";

// `any` on purpose: parsed YAML has no static type.
type Json = any;

export interface FlowInput { name: string; type: string; required: boolean; secret: boolean; defaultValue?: string; description: string }
export interface FlowStep {
  stepId: string;
  description: string;
  /** The source description the operation belongs to. */
  source: string;
  operationId: string;
  /** From the source's spec; empty when the operation is not found (lint reports that). */
  method: string;
  path: string;
  security: Array<{ scheme: string; values: Record<string, string> }>;
  parameters: Array<{ name: string; in: string; value: string }>;
  requestBody?: { contentType: string; payload: string };
  successCriteria: string[];
  outputs: Array<{ name: string; value: string }>;
}
export interface Workflow { workflowId: string; summary: string; description: string; inputs: FlowInput[]; steps: FlowStep[]; outputs: Array<{ name: string; value: string }> }
export interface FlowFile {
  /** Repository-relative path, e.g. specs/<api>/<name>.arazzo.yaml. */
  path: string;
  /** File name, also its name on the site. */
  name: string;
  title: string;
  summary: string;
  description: string;
  sources: Array<{ name: string; url: string }>;
  workflows: Workflow[];
}

const text = (value: unknown): string => (value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value));
const entries = (map: Json): Array<{ name: string; value: string }> => Object.entries<Json>(map ?? {}).map(([name, value]) => ({ name, value: text(value) }));

function criterion(c: Json): string {
  if (!c.type || c.type === "simple") return text(c.condition);
  const kind = typeof c.type === "string" ? c.type : text(c.type?.type);
  return `${text(c.context)} ${kind === "regex" ? "matches" : kind} ${text(c.condition)}`;
}

function inputsOf(arazzo: ArazzoDocument, schema: Json): FlowInput[] {
  if (typeof schema?.$ref === "string") schema = arazzo.components?.inputs?.[schema.$ref.replace("#/components/inputs/", "")];
  const required = new Set<string>(schema?.required ?? []);
  return Object.entries<Json>(schema?.properties ?? {}).map(([name, p]) => ({
    name,
    type: text(p.type),
    required: required.has(name),
    secret: p.format === "password",
    ...(p.default !== undefined ? { defaultValue: text(p.default) } : {}),
    description: text(p.description),
  }));
}

/** Reads one workflow file; a step naming an unknown source or operation is an error. */
export function describeFlowFile({ file, path }: WorkflowFile): FlowFile {
  const arazzo = loadYamlFile(file);
  if (!Array.isArray(arazzo?.workflows) || arazzo.workflows.length === 0) throw new Error(`${path}: no workflows`);
  const operations = new Map<string, Map<string, { method: string; path: string }>>();
  for (const source of arazzo.sourceDescriptions ?? []) {
    if (source.type !== "openapi") continue;
    const spec = loadYamlFile(resolve(dirname(file), source.url));
    operations.set(source.name, new Map(listOperations(spec).map((op) => [op.operationId ?? "", { method: op.method, path: op.path }])));
  }
  const step = (s: Json): FlowStep => {
    if (typeof s.operationId !== "string") throw new Error(`${path}: step ${s.stepId}: only operationId steps can be shown (not operationPath or workflowId)`);
    const target = stepOperation(s.operationId, [...operations.keys()]);
    if (typeof target === "string") throw new Error(`${path}: step ${s.stepId}: ${target}`);
    const { source, operationId } = target;
    const operation = operations.get(source)?.get(operationId);
    if (!operation) throw new Error(`${path}: step ${s.stepId}: no operation ${text(s.operationId)}`);
    return {
      stepId: text(s.stepId),
      description: text(s.description),
      source,
      operationId,
      ...operation,
      security: (s["x-security"] ?? []).map((x: Json) => ({ scheme: text(x.schemeName), values: Object.fromEntries(entries(x.values).map((e) => [e.name, e.value])) })),
      parameters: (s.parameters ?? []).map((p: Json) => ({ name: text(p.name), in: text(p.in), value: text(p.value) })),
      ...(s.requestBody ? { requestBody: { contentType: text(s.requestBody.contentType), payload: JSON.stringify(s.requestBody.payload, null, 2) } } : {}),
      successCriteria: (s.successCriteria ?? []).map(criterion),
      outputs: entries(s.outputs),
    };
  };
  return {
    path,
    name: path.split("/").at(-1)!,
    title: text(arazzo.info?.title),
    summary: text(arazzo.info?.summary),
    description: text(arazzo.info?.description),
    sources: (arazzo.sourceDescriptions ?? []).map((s: Json) => ({ name: text(s.name), url: text(s.url) })),
    workflows: arazzo.workflows.map((w: Json) => ({
      workflowId: text(w.workflowId),
      summary: text(w.summary),
      description: text(w.description),
      inputs: inputsOf(arazzo, w.inputs),
      steps: (w.steps ?? []).map(step),
      outputs: entries(w.outputs),
    })),
  };
}
