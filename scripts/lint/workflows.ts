// Lints the Arazzo workflow files beside each spec: Redocly's Arazzo rules (structure, unique ids,
// outputs that exist, ...) and one check Redocly lint leaves to run time: every step's
// `operationId` (`$sourceDescriptions.<source>.<operationId>`, or bare with one source) names a
// declared source and an operation its spec has. Any finding fails the gate.
import { dirname, relative, resolve } from "node:path";
import { ROOT } from "../apis/list.js";
import { loadYamlFile, stepOperation, workflowFiles, type ArazzoDocument } from "../apis/workflow-files.js";
import { runTool } from "./run-tool.js";

// Redocly warns that our OpenAPI rules are unused when it lints an Arazzo file: true, and noise.
const UNUSED_RULES = /^\[WARNING\] Unused rules found[^\n]*\n(Check the spelling[^\n]*\n)?/m;

function redoclyFile(path: string): string[] {
  const report = runTool("redocly", ["lint", path, "--format=json"]);
  let totals: { errors: number; warnings: number };
  try {
    totals = (JSON.parse(report.stdout) as { totals: { errors: number; warnings: number } }).totals;
  } catch {
    return [`redocly: unreadable report\n${report.stdout}${report.stderr}`];
  }
  if (totals.errors + totals.warnings === 0 && report.status === 0) return [];
  const readable = runTool("redocly", ["lint", path, "--format=stylish"]);
  return [`${(readable.stdout + readable.stderr).replace(UNUSED_RULES, "").trim()}\nredocly: ${totals.errors} error(s), ${totals.warnings} warning(s)`];
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function operationIds(spec: ArazzoDocument): Set<string> {
  const ids = new Set<string>();
  for (const item of Object.values<ArazzoDocument>(spec?.paths ?? {})) {
    for (const method of METHODS) if (typeof item?.[method]?.operationId === "string") ids.add(item[method].operationId);
  }
  return ids;
}

/** Steps whose operationId points at no operation (Redocly lint does not resolve them). */
export function unknownOperations(file: string, arazzo: ArazzoDocument): string[] {
  const sources = new Map<string, Set<string>>();
  for (const source of arazzo?.sourceDescriptions ?? []) {
    if (source?.type !== "openapi" || typeof source.url !== "string") continue;
    if (/^[a-z]+:/i.test(source.url)) { sources.set(source.name, new Set()); continue; }
    sources.set(source.name, operationIds(loadYamlFile(resolve(dirname(file), source.url))));
  }
  const problems: string[] = [];
  for (const workflow of arazzo?.workflows ?? []) {
    for (const step of workflow?.steps ?? []) {
      if (typeof step?.operationId !== "string") continue;
      const where = `${workflow.workflowId}.${step.stepId}`;
      const target = stepOperation(step.operationId, [...sources.keys()]);
      if (typeof target === "string") { problems.push(`${where}: ${target}`); continue; }
      const { source, operationId: id } = target;
      const ids = sources.get(source);
      if (!ids) problems.push(`${where}: no OpenAPI source description named "${source}"`);
      else if (!ids.has(id)) problems.push(`${where}: the "${source}" spec has no operation ${id}`);
    }
  }
  return problems;
}

/** Lints every workflow file of the APIs named; prints findings; true when there are none. */
export function lintWorkflows(apis: readonly string[]): boolean {
  const files = apis.flatMap((api) => workflowFiles(api));
  let ok = true;
  for (const { file, path } of files) {
    let problems: string[];
    try {
      problems = [...redoclyFile(path), ...unknownOperations(file, loadYamlFile(file)).map((p) => `${path}: ${p}`)];
    } catch (error) {
      problems = [(error as Error).message];
    }
    if (problems.length > 0) { ok = false; for (const p of problems) console.error(p); }
  }
  if (ok) console.log(`redocly: ${files.map((f) => relative(ROOT, f.file)).join(", ") || "no workflow files"}: no findings`);
  return ok;
}
