// `npm run docs`: builds the static docs site into site/ (ignored by git): per API a Redoc page
// that renders with no network, the bundled spec as YAML and JSON, a flows page when the API has
// Arazzo workflow files beside its spec, and an index page listing the
// APIs (version, servers, auth, links, local mock URL), everything read from the specs.
// Usage: npm run docs -- [api ...] [--out DIR]
// The index links each API to its local mock on the port `npm run mock` will use: 4010-4013, or
// MOCK_<API>_PORT from the environment, exactly as scripts/mock/main.ts reads them.
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildSite, DEFAULT_SITE_DIR } from "./build.js";
import { resolveMockPorts, titleWithVersion } from "./model.js";
import { API_NAMES, ROOT } from "../apis/spec-files.js";

const USAGE = `Usage: npm run docs -- [${API_NAMES.join("|")} ...] [--out DIR]`;

async function main() {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { out: { type: "string" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    console.error(`docs: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const outDir = parsed.values.out ? resolve(parsed.values.out) : DEFAULT_SITE_DIR;
  const started = performance.now();
  try {
    const mockPorts = resolveMockPorts(process.env);
    const { entries } = await buildSite({ ...(parsed.positionals.length > 0 ? { apis: parsed.positionals } : {}), outDir, mockPorts });
    const shown = relative(ROOT, outDir) || ".";
    for (const { api, model, files, flows } of entries) {
      console.log(`docs: ${api.padEnd(8)} ${titleWithVersion(model.title, model.version)} (${model.operations.length} operation${model.operations.length === 1 ? "" : "s"}) → ${shown}/${files.page}`);
      if (flows) console.log(`docs: ${api.padEnd(8)} flows (${flows.workflows.length} workflow${flows.workflows.length === 1 ? "" : "s"}) → ${shown}/${flows.page}`);
    }
    console.log(`docs: ${shown}/index.html written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(`docs: build failed:\n${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
