// Builds the static docs site: per API, the bundled spec (YAML and JSON, bundled in-process by
// Redocly's bundler, the same document `redocly bundle` writes) and a Redoc page with the viewer
// inlined (`build-docs --inlineBundle`: the default page imports its viewer from cdn.redocly.com
// and shows no operations offline; rendered once per input, page-cache.ts), made fully
// self-contained by offline.ts, then site/index.html. Everything is written to
// a temporary folder first and swapped in at the end, so a failed build leaves the previous site
// untouched.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { stringify } from "yaml";
import { describeApi, DEFAULT_MOCK_PORTS, mockUrl, titleWithVersion } from "./model.js";
import { renderIndex, type IndexEntry } from "./index-page.js";
import { findRemoteLoads, makeOffline } from "./offline.js";
import { API_NAMES, ROOT, specPath } from "../apis/spec-files.js";
import { bundleSpec, loadRedoclyConfig, type RedoclyConfig } from "../apis/redocly-core.js";
import { cachedPage, pageKey } from "./page-cache.js";
import { workflowFiles } from "../apis/workflow-files.js";
import { describeFlowFile } from "./flow-model.js";
import { renderFlowsPage } from "./flow-page.js";

export const DEFAULT_SITE_DIR = join(ROOT, "site");

// Redocly phones home (otel.cloud.redocly.com) from the CLI, and the page it builds turns Redoc's
// own telemetry off only when this is set: both must stay off.
const REDOCLY_ENV = { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

/** Site-relative file names for one API; the index links to these. */
export function siteFiles(api: string): { page: string; yaml: string; json: string } {
  return { page: `${api}/index.html`, yaml: `${api}/openapi.yaml`, json: `${api}/openapi.json` };
}

/** Site-relative name of one API's flows page (written only when the API has workflow files). */
export function flowsPage(api: string): string {
  return `${api}/flows.html`;
}

function redoclyEntry(): string {
  return join(ROOT, "node_modules", "@redocly", "cli", "bin", "cli.js");
}

/** Runs the Redocly CLI with Node's own binary (no shell, no npx); rejects with its output. */
function redocly(label: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [redoclyEntry(), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...REDOCLY_ENV },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.once("error", (error) => reject(new Error(`${label}: could not start Redocly: ${error.message}`)));
    child.once("close", (code, signal) => {
      if (code === 0) resolve(output);
      // Drop Redocly's Node-20 deprecation banner so the real message is visible.
      else reject(new Error(`${label}: redocly ${args[0]} failed (${signal ?? `exit ${code}`}):\n${output.replace(/\s*╔[\s\S]*?╝\s*/, "\n").trim()}`));
    });
  });
}

/** Bundles, converts and renders one API into `dir/<api>/`. */
export interface SiteEntry extends IndexEntry { api: string }

async function buildApi(api: string, dir: string, ports: Readonly<Record<string, number>>, config: RedoclyConfig): Promise<SiteEntry> {
  const source = specPath(api);
  const shown = relative(ROOT, source);
  if (!existsSync(source)) throw new Error(`${api}: ${shown} does not exist`);
  const files = siteFiles(api);
  const yamlFile = join(dir, files.yaml);
  await mkdir(join(dir, api), { recursive: true });

  const bundled = await bundleSpec(source, config, shown);
  const yamlText = stringify(bundled, { lineWidth: 0 });
  const model = describeApi(api, bundled);
  await writeFile(yamlFile, yamlText);
  await writeFile(join(dir, files.json), `${JSON.stringify(bundled, null, 2)}\n`);

  const page = join(dir, files.page);
  const options = ["--inlineBundle", "--title", `${titleWithVersion(model.title, model.version)} — API reference`, "--lint-config", "off"];
  const rendered = await cachedPage(pageKey(yamlText, options), (out) => redocly(`${api} (${shown})`, ["build-docs", yamlFile, "-o", out, ...options]).then(() => undefined));
  const html = makeOffline(rendered);
  await writeFile(page, html);
  const problems = findRemoteLoads(html);
  if (problems.length > 0) {
    throw new Error(`${api}: ${files.page} would reach the network when opened:\n  - ${problems.join("\n  - ")}`);
  }
  return { api, model, files, mock: mockUrl(api, ports), ...(await buildFlows(api, dir, titleWithVersion(model.title, model.version))) };
}

/**
 * The API's flows page and, beside it, each workflow file as it is in the repo (its
 * sourceDescriptions point at ./openapi.yaml, which the site has next to it too).
 */
async function buildFlows(api: string, dir: string, title: string): Promise<Pick<IndexEntry, "flows">> {
  const sources = workflowFiles(api);
  if (sources.length === 0) return {};
  const flows = sources.map(describeFlowFile);
  await writeFile(join(dir, flowsPage(api)), renderFlowsPage(api, title, flows));
  for (const { file } of sources) await copyFile(file, join(dir, api, basename(file)));
  return {
    flows: {
      page: flowsPage(api),
      workflows: flows.flatMap((f) => f.workflows.map((w) => ({ workflowId: w.workflowId, summary: w.summary, steps: w.steps.length }))),
    },
  };
}

/**
 * Builds the whole site: `apis` (default: every API in redocly.yaml) into `outDir` (default
 * <root>/site), linking each to its mock on `mockPorts` (default: x-project.mockPort).
 */
export async function buildSite({ apis = [...API_NAMES], outDir = DEFAULT_SITE_DIR, mockPorts = DEFAULT_MOCK_PORTS }: { apis?: readonly string[]; outDir?: string; mockPorts?: Readonly<Record<string, number>> } = {}): Promise<{ outDir: string; entries: SiteEntry[] }> {
  const unknown = apis.filter((a) => !API_NAMES.includes(a));
  if (unknown.length > 0) throw new Error(`Unknown API ${unknown.join(", ")}: expected any of ${API_NAMES.join(", ")}`);
  const staging = `${outDir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    // The APIs are independent: build them side by side (each is at most one Redocly run).
    const config = await loadRedoclyConfig(ROOT);
    const results = await Promise.allSettled(apis.map((api) => buildApi(api, staging, mockPorts, config)));
    const failures = results.filter((r) => r.status === "rejected").map((r) => r.reason?.message ?? String(r.reason));
    if (failures.length > 0) throw new Error(failures.join("\n\n"));
    const entries = results.map((r) => (r as PromiseFulfilledResult<SiteEntry>).value);
    await writeFile(join(staging, "index.html"), renderIndex(entries));
    await rm(outDir, { recursive: true, force: true });
    await rename(staging, outDir);
    return { outDir, entries };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
