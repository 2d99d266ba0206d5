// The lint gate: Redocly (recommended-strict + our rules) on each spec and on the Arazzo workflow
// files beside it (scripts/lint/workflows.ts), Spectral (spectral:oas all, OWASP,
// our rules) and the Ajv example check, over every API in redocly.yaml or the ones named.
// Any finding — error, warning, info or hint — fails the gate with a non-zero exit.
// Usage: node --import tsx scripts/lint/main.ts [api ...]   (npm run lint -- [api ...])
import { relative } from "node:path";
import { API_NAMES, ROOT, specPath } from "../apis/spec-files.js";
import { reportExamples } from "./check-examples.js";
import { runTool } from "./run-tool.js";
import { lintWorkflows } from "./workflows.js";

// Redocly exits 0 on warnings; count them from its JSON report so that they fail the gate too.
// One run per API: with several APIs the JSON reports come out concatenated.
function redoclyOne(api: string): boolean {
  const report = runTool("redocly", ["lint", api, "--format=json"]);
  let totals: { errors: number; warnings: number };
  try {
    totals = (JSON.parse(report.stdout) as { totals: { errors: number; warnings: number } }).totals;
  } catch {
    process.stderr.write(`redocly: ${api}: unreadable report\n${report.stdout}${report.stderr}`);
    return false;
  }
  if (totals.errors + totals.warnings === 0 && report.status === 0) return true;
  // The findings once, in the readable format (the JSON run above only counted them).
  const readable = runTool("redocly", ["lint", api, "--format=stylish"]);
  process.stderr.write(readable.stdout + readable.stderr);
  console.error(`redocly: ${api}: ${totals.errors} error(s), ${totals.warnings} warning(s)`);
  return false;
}

function redocly(apis: readonly string[]): boolean {
  const ok = apis.map(redoclyOne).every(Boolean);
  if (ok) console.log(`redocly: ${apis.join(", ")}: no findings`);
  return ok;
}

function spectral(apis: readonly string[]): boolean {
  const files = apis.map((api) => relative(ROOT, specPath(api)));
  const result = runTool("spectral", ["lint", ...files, "--ruleset", ".spectral.yaml", "--fail-severity=hint", "--format=stylish"]);
  // On success Spectral prints "No results with a severity of 'hint' or higher found!": our own
  // one-line summary replaces it. Its findings are shown only when there are some.
  if (result.status === 0) console.log(`spectral: ${apis.join(", ")}: no findings`);
  else process.stderr.write(result.stdout + result.stderr);
  return result.status === 0;
}

function main(args: string[]): number {
  const unknown = args.filter((a) => !API_NAMES.includes(a));
  if (unknown.length > 0) {
    console.error(`lint: unknown API ${unknown.join(", ")}; expected any of ${API_NAMES.join(", ")}`);
    return 2;
  }
  const apis = args.length > 0 ? args : [...API_NAMES];
  const results = [redocly(apis), lintWorkflows(apis), spectral(apis), reportExamples(apis)];
  const failed = results.filter((ok) => !ok).length;
  console.log(failed === 0 ? "lint: all gates passed" : `lint: ${failed} of ${results.length} gates failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
