// npm run generate [-- --check] [api ...]
// Writes, for each API, generated/<api>/schema.ts (openapi-typescript, via redocly.yaml),
// generated/<api>/client.ts and index.ts (our generator, from the spec itself), and package.json
// "exports" (from the list of APIs in redocly.yaml). With --check it
// writes nothing and exits 1 when any file would change (CI runs it; so does the before-stop hook).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { renderClient, renderIndex } from "./client.js";
import { readApiModel } from "./model.js";
import { loadRedoclyApis, renderSchema } from "./schema.js";
import type { RedoclyConfig } from "../apis/redocly-core.js";
import { apiEntry, APIS } from "../apis/list.js";
import { renderPackageJson } from "./package-exports.js";
import { API_NAMES, loadSpec, ROOT, specPath } from "../apis/spec-files.js";

// openapi-typescript loads Redocly's core in-process; keep any Redocly telemetry off, as everywhere else.
process.env.REDOCLY_TELEMETRY ??= "off";

const GENERATED = join(ROOT, "generated");

function parseArgs(argv: string[]): { check: boolean; apis: string[] } {
  const check = argv.includes("--check");
  const unknownFlags = argv.filter((arg) => arg.startsWith("-") && arg !== "--check");
  if (unknownFlags.length) throw new Error(`unknown option ${unknownFlags.join(" ")} (usage: npm run generate -- [--check] [api ...])`);
  const apis = argv.filter((arg) => !arg.startsWith("-"));
  for (const api of apis) if (!API_NAMES.includes(api)) throw new Error(`unknown API "${api}": expected one of ${API_NAMES.join(", ")}`);
  return { check, apis: apis.length ? apis : [...API_NAMES] };
}

/** The files one API produces, as { relative path → text }. */
async function renderApi(api: string, redocly: RedoclyConfig, redoclyApis: Record<string, { spec: string; output: string }>, userAgent: string): Promise<Record<string, string>> {
  const file = relative(ROOT, specPath(api));
  if (!existsSync(specPath(api))) throw new Error(`${file}: missing (cannot generate the ${api} client)`);
  const configured = redoclyApis[api];
  if (!configured) throw new Error(`redocly.yaml: no API "${api}" under apis:`);
  if (configured.spec !== specPath(api)) throw new Error(`redocly.yaml: API ${api} has root ${relative(ROOT, configured.spec)}, expected ${file}`);
  const expectedDir = join("generated", api);
  if (dirname(configured.output) !== expectedDir) {
    throw new Error(`redocly.yaml: API ${api} writes its types to ${configured.output}; the client expects them in ${expectedDir}/`);
  }

  const model = readApiModel(api, loadSpec(api), file);
  let schema;
  try {
    schema = await renderSchema(redocly, specPath(api));
  } catch (error) {
    throw new Error(`${file}: openapi-typescript failed (it lints with redocly.yaml first): ${(error as Error).message}`);
  }
  const naming = { clientName: apiEntry(api).clientName, userAgent };
  return {
    [configured.output]: schema,
    [join(expectedDir, "client.ts")]: renderClient(model, naming),
    [join(expectedDir, "index.ts")]: renderIndex(model),
  };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [relative(ROOT, join(dir, entry.name))],
  );
}

async function main() {
  const started = performance.now();
  const { check, apis } = parseArgs(process.argv.slice(2));
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const userAgent = `${pkg.name}/${pkg.version}`;
  const { redocly, apis: redoclyApis } = await loadRedoclyApis(ROOT);

  const wanted: Record<string, string> = {};
  const failures: string[] = [];
  // Sequential on purpose: openapi-typescript is CPU-bound, and messages stay in API order.
  for (const api of apis) {
    try {
      Object.assign(wanted, await renderApi(api, redocly, redoclyApis, userAgent));
    } catch (error) {
      failures.push((error as Error).message);
    }
  }

  // package.json "exports" follows the list of APIs, whichever of them were generated this time.
  const packageFile = join(ROOT, "package.json");
  wanted["package.json"] = renderPackageJson(readFileSync(packageFile, "utf8"), APIS);

  const changed: string[] = [];
  for (const [file, text] of Object.entries(wanted)) {
    const absolute = join(ROOT, file);
    const current = existsSync(absolute) ? readFileSync(absolute, "utf8") : undefined;
    if (current === text) continue;
    changed.push(`${current === undefined ? "new" : "changed"}: ${file}`);
    if (!check) {
      mkdirSync(dirname(absolute), { recursive: true });
      writeFileSync(absolute, text);
    }
  }
  // Files left from an API or a file name that no longer exists. Only when every API was generated
  // and did generate, so that a failing or unnamed API's files are not taken for stale ones.
  if (apis.length === API_NAMES.length && failures.length === 0) {
    for (const file of listFiles(GENERATED)) {
      if (file in wanted) continue;
      changed.push(`stale: ${file}`);
      if (!check) rmSync(join(ROOT, file));
    }
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const message of failures) console.error(`generate: ${message}`);
  if (check) {
    if (changed.length) {
      console.error(`generate --check: generated/ is out of date (run \`npm run generate\` and commit the result):\n  ${changed.join("\n  ")}`);
      process.exitCode = 1;
    } else if (failures.length === 0) {
      console.log(`generate --check: ${apis.join(", ")} up to date (${seconds} s)`);
    }
  } else if (changed.length) {
    console.log(`generate: ${changed.join(", ")} (${seconds} s)`);
  } else if (failures.length === 0) {
    // Only when every API generated: after a failure, "nothing changed" would read as success.
    console.log(`generate: nothing changed (${seconds} s)`);
  }
  if (failures.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`generate: ${error.message}`);
  process.exitCode = 1;
});
