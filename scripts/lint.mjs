#!/usr/bin/env node
// The lint gate: Redocly (recommended-strict + our rules), Spectral (spectral:oas all, OWASP,
// our rules) and the Ajv example check, over all four specs or the ones named.
// Any finding — error, warning, info or hint — fails the gate with a non-zero exit.
// Usage: node scripts/lint.mjs [api ...]
import { spawnSync } from "node:child_process";
import { join, relative } from "node:path";
import { API_NAMES, ROOT, specPath } from "./lib/spec-files.mjs";

const bin = (name) => join(ROOT, "node_modules", ".bin", name);
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

function run(label, command, args, { capture = false } = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: "utf8", stdio: capture ? "pipe" : "inherit" });
  if (result.error) throw new Error(`${label}: could not start ${command}: ${result.error.message}`);
  return result;
}

// Redocly exits 0 on warnings; count them from its JSON report so that they fail the gate too.
// One run per API: with several APIs the JSON reports come out concatenated.
function redoclyOne(api) {
  const report = run("redocly", bin("redocly"), ["lint", api, "--format=json"], { capture: true });
  let totals;
  try {
    totals = JSON.parse(report.stdout).totals;
  } catch {
    process.stderr.write(`redocly: ${api}: unreadable report\n${report.stdout}${report.stderr}`);
    return false;
  }
  if (totals.errors + totals.warnings === 0 && report.status === 0) return true;
  run("redocly", bin("redocly"), ["lint", api, "--format=stylish"]);
  console.error(`redocly: ${api}: ${totals.errors} error(s), ${totals.warnings} warning(s)`);
  return false;
}

function redocly(apis) {
  const ok = apis.map(redoclyOne).every(Boolean);
  if (ok) console.log(`redocly: ${apis.join(", ")}: no findings`);
  return ok;
}

function spectral(apis) {
  const files = apis.map((api) => relative(ROOT, specPath(api)));
  const result = run("spectral", bin("spectral"), ["lint", ...files, "--ruleset", ".spectral.yaml", "--fail-severity=hint", "--format=stylish"]);
  if (result.status === 0) console.log(`spectral: ${apis.join(", ")}: no findings`);
  return result.status === 0;
}

function examples(apis) {
  return run("check-examples", process.execPath, [join(ROOT, "scripts", "check-examples.mjs"), ...apis]).status === 0;
}

function main(args) {
  const unknown = args.filter((a) => !API_NAMES.includes(a));
  if (unknown.length > 0) {
    console.error(`lint: unknown API ${unknown.join(", ")}; expected any of ${API_NAMES.join(", ")}`);
    return 2;
  }
  const apis = args.length > 0 ? args : [...API_NAMES];
  const results = [redocly(apis), spectral(apis), examples(apis)];
  const failed = results.filter((ok) => !ok).length;
  console.log(failed === 0 ? "lint: all gates passed" : `lint: ${failed} of ${results.length} gates failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
