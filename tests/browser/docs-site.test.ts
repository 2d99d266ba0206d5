// The docs site, built once for this file exactly as `npm run docs` does (same function, same mock
// ports) into a temporary folder (never the portal's site/, which a running `npm start` serves):
// its files, and every page opened in headless Debian Chromium with every request to another host
// blocked and recorded. Building here rather than in a global setup lets the build overlap with the
// other projects' files.
// Operations, titles, versions and servers are read from the specs, never written down here.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildSite, flowsPage, siteFiles } from "../../scripts/docs/build.js";
import { listOperations, mockUrl, resolveMockPorts, type OperationSummary } from "../../scripts/docs/model.js";
import { findRemoteLoads } from "../../scripts/docs/offline.js";
import { serveStatic } from "../../scripts/docs/server.js";
import { API_NAMES, loadSpec, ROOT } from "../../scripts/apis/spec-files.js";
import { loadYamlFile, workflowFiles } from "../../scripts/apis/workflow-files.js";
import { briefly } from "./brief-error.js";

// Debian's Chromium headless shell (what scripts/docs/install-chromium.sh installs): the same engine as
// `chromium`, at about half its CPU for these pages. A machine that has only the full browser uses that.
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const CHROMIUM = [HEADLESS_SHELL, "/usr/bin/chromium"].find((file) => existsSync(file)) ?? HEADLESS_SHELL;
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const SCREENSHOTS = join(ROOT, ".output", "screenshots");
const hasChromium = existsSync(CHROMIUM);
const SKIP_REASON = `${HEADLESS_SHELL} is missing: install Debian's chromium-headless-shell (bash scripts/docs/install-chromium.sh); never a downloaded browser build`;
if (!hasChromium) console.warn(`[browser] SKIPPED the Chromium tests: ${SKIP_REASON}`);
else if (CHROMIUM !== HEADLESS_SHELL) console.warn(`[browser] ${HEADLESS_SHELL} is missing: the Chromium tests run in ${CHROMIUM}, at about twice the CPU (bash scripts/docs/install-chromium.sh installs the shell)`);

const mockPorts = resolveMockPorts(process.env);
const buildRoot = mkdtempSync(join(tmpdir(), "pac-docs-site-"));
let siteDir = "";
// Several Redocly runs per API on a busy 2-core machine: a generous cap, not an assertion.
beforeAll(async () => {
  siteDir = (await buildSite({ mockPorts, outDir: join(buildRoot, "site") })).outDir;
}, 240_000);
afterAll(() => rmSync(buildRoot, { recursive: true, force: true }));
const read = (file: string) => readFileSync(join(siteDir, file), "utf8");
const escapeHtml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

interface Spec {
  info: { title: string; version: string };
  servers?: Array<{ url: string }>;
  tags?: Array<{ name: string; "x-displayName"?: string }>;
  components?: { securitySchemes?: Record<string, unknown> };
}
/** The APIs with Arazzo workflow files beside their spec: each has a flows page. */
const FLOW_APIS = API_NAMES.filter((api) => workflowFiles(api).length > 0);

const specs = new Map<string, Spec>(API_NAMES.map((api) => [api, loadSpec(api) as Spec]));
const spec = (api: string): Spec => specs.get(api)!;

/** What Redoc shows for an operation in the sidebar and as its heading. */
const label = (op: OperationSummary) => op.summary ?? op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;

/** The index's card for one API: everything between its <section> tags. */
function indexCard(html: string, api: string): string {
  const match = new RegExp(`<section class="api" id="${api}" data-api="${api}">([\\s\\S]*?)</section>`).exec(html);
  if (!match?.[1]) throw new Error(`site/index.html has no card for ${api}`);
  return match[1];
}

describe("docs site files", () => {
  it("index.html lists every API with its version, servers, auth scheme, links and mock URL", () => {
    const html = read("index.html");
    for (const api of API_NAMES) {
      const card = indexCard(html, api);
      const { info, servers = [], components } = spec(api);
      const files = siteFiles(api);
      expect(card, api).toContain(escapeHtml(info.title));
      expect(card, api).toContain(`<span class="version" title="info.version">${escapeHtml(String(info.version))}</span>`);
      for (const server of servers) expect(card, `${api} server`).toContain(`<code>${escapeHtml(server.url)}</code>`);
      for (const scheme of Object.keys(components?.securitySchemes ?? {})) expect(card, `${api} auth`).toContain(`<code>${escapeHtml(scheme)}</code>`);
      for (const op of listOperations(spec(api))) expect(card, `${api} operation`).toContain(`<code>${escapeHtml(op.operationId ?? "")}</code>`);
      for (const href of [files.page, files.yaml, files.json, mockUrl(api, mockPorts)]) expect(card, `${api} link`).toContain(`href="${href}"`);
    }
  });

  it.each(API_NAMES)("%s: the YAML and JSON downloads are the same bundled document, with the spec's operations", (api) => {
    const files = siteFiles(api);
    const yaml: unknown = parse(read(files.yaml));
    const json: unknown = JSON.parse(read(files.json));
    expect(json).toEqual(yaml);
    expect((yaml as Spec).info).toEqual(spec(api).info);
    expect(listOperations(yaml).map(label)).toEqual(listOperations(spec(api)).map(label));
  });

  it.each(API_NAMES)("%s: the reference page has the viewer inlined and nothing to fetch from another host", (api) => {
    expect(findRemoteLoads(read(siteFiles(api).page))).toEqual([]);
  });

  it("has workflow files to show (the flows pages below are not vacuous)", () => {
    expect(FLOW_APIS.length).toBeGreaterThan(0);
  });

  it.each(FLOW_APIS)("%s: the flows page shows every workflow and step of the workflow files, the index links to it, the files are served", (api) => {
    const html = read(flowsPage(api));
    const card = indexCard(read("index.html"), api);
    expect(card).toContain(`href="${flowsPage(api)}"`);
    // A plain page: no script at all, and the same CSP as the index.
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    for (const { file } of workflowFiles(api)) {
      const name = file.split("/").at(-1)!;
      expect(read(`${api}/${name}`), name).toBe(readFileSync(file, "utf8"));
      expect(html).toContain(`href="${name}" download`);
      for (const workflow of loadYamlFile(file).workflows) {
        expect(card).toContain(`href="${flowsPage(api)}#${workflow.workflowId}"`);
        expect(html).toContain(`data-workflow="${workflow.workflowId}"`);
        const steps = workflow.steps.map((step: { stepId: string }) => html.indexOf(`id="${workflow.workflowId}-${step.stepId}"`));
        expect(steps.every((at: number) => at > 0), `${workflow.workflowId} steps`).toBe(true);
        expect([...steps].sort((a, b) => a - b), `${workflow.workflowId} step order`).toEqual(steps);
      }
    }
  });
});

// One browser and one context for the file; the pages are opened one after another. Side by side,
// four 2.6 MB Redoc pages split Chromium's share of a busy 2-core machine four ways: in CI each then
// took over 30 s to reach "load" (and, a run before, over 10 s for a first click). One at a time,
// each page took about a third as long as side by side on an idle machine here, and the file 14 s
// instead of 13 s (Chromium's CPU is the same). Each page records its own problems and its own
// requests to other hosts (a route and a request listener per page).
describe.skipIf(!hasChromium)("docs site in headless Chromium, other hosts blocked", () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serveStatic>>;

  /**
   * What each browser step may take (a navigation, and Redoc's first render, twice that), set on the
   * context for every call. A cap, not an expectation: a navigation's 30 s and a click's 10 s were
   * reached in CI with the other projects' files busy on both cores.
   */
  const STEP_TIMEOUT_MS = 30_000;

  const isLoopback = (url: URL) => ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  const isNetwork = (url: URL) => ["http:", "https:", "ws:", "wss:"].includes(url.protocol);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await serveStatic({ root: siteDir, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(2 * STEP_TIMEOUT_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * Opens a page and collects what went wrong on it: uncaught errors, console errors, and every
   * request to a non-loopback host (blocked by the page's router, or seen before it got that far).
   */
  async function open(path: string): Promise<{ page: Page; problems: string[]; external: Set<string> }> {
    const page = await context.newPage();
    const problems: string[] = [];
    const external = new Set<string>();
    await page.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (isLoopback(url)) return route.continue();
      external.add(url.href);
      return route.abort("blockedbyclient");
    });
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (isNetwork(url) && !isLoopback(url)) external.add(url.href);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    // CSP refusals show up here (the request is never made, so the router cannot see it).
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("websocket", (ws) => {
      const url = new URL(ws.url());
      if (!isLoopback(url)) external.add(url.href);
    });
    const response = await page.goto(`${server.url}/${path}`, { waitUntil: "load" });
    expect(response?.status(), path).toBe(200);
    return { page, problems, external };
  }

  /** Clicks an operation in Redoc's sidebar (opening its tag first) and waits for its heading in view. */
  async function showOperation(page: Page, api: string, op: OperationSummary): Promise<void> {
    const menu = page.locator('[data-component-name="Menu/Menu"]');
    const item = menu.getByText(label(op), { exact: true }).first();
    if (!(await item.isVisible())) {
      const tag = spec(api).tags?.find((t) => t.name === op.tags[0]);
      await menu.getByText(tag?.["x-displayName"] ?? op.tags[0] ?? "", { exact: true }).first().click();
    }
    await item.click();
    // By text, not by accessible name: Redoc puts a "link to …" anchor inside each heading.
    const exactly = new RegExp(`^\\s*${label(op).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
    const heading = page.locator("#api-content").locator("h1, h2, h3").filter({ hasText: exactly }).first();
    await heading.waitFor({ state: "visible" });
    // Redoc scrolls the heading into view; wait (capped) until it is on screen, looking every 100 ms
    // rather than at every animation frame (each look is a frame Chromium must render).
    await page.waitForFunction(
      (text) => [...document.querySelectorAll("#api-content h1, #api-content h2, #api-content h3")].some((h) => {
        const box = h.getBoundingClientRect();
        return h.textContent?.trim() === text && box.top >= 0 && box.top < window.innerHeight;
      }),
      label(op),
      { polling: 100 },
    );
  }

  it.each(API_NAMES)("%s: every operation of the spec is rendered, with nothing fetched from another host", async (api) => {
    const { page, problems, external } = await open(siteFiles(api).page);
    await page.locator('[data-component-name="Menu/Menu"]').first().waitFor({ state: "visible", timeout: 2 * STEP_TIMEOUT_MS });
    await expect(page.locator("h1").first().innerText()).resolves.toContain(spec(api).info.title);

    const operations = listOperations(spec(api));
    expect(operations.length, `${api} has operations`).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const [index, op] of operations.entries()) {
      try {
        await showOperation(page, api, op);
        if (index === 0) await page.screenshot({ path: join(SCREENSHOTS, `${api}.png`) });
      } catch (error) {
        missing.push(`${op.operationId} "${label(op)}": ${briefly(error as Error)}`);
      }
    }
    await page.close();
    // One assertion, so that a failure shows all three lists at once.
    expect({ missing, problems, external: [...external] }, api).toEqual({ missing: [], problems: [], external: [] });
  });

  it.each(FLOW_APIS)("%s: the flows page opens with nothing fetched from another host and no error", async (api) => {
    const { page, problems, external } = await open(flowsPage(api));
    await expect(page.locator("h1").first().innerText()).resolves.toContain(spec(api).info.title);
    const workflows = workflowFiles(api).flatMap(({ file }) => loadYamlFile(file).workflows.map((w: { workflowId: string }) => w.workflowId));
    for (const id of workflows) await expect(page.locator(`article[data-workflow="${id}"] li.step`).count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, `${api}-flows.png`) });
    await page.close();
    expect({ problems, external: [...external] }, api).toEqual({ problems: [], external: [] });
  });

  it("index.html shows every API and links to its rendered reference page", async () => {
    const { page, problems, external } = await open("index.html");
    await page.screenshot({ path: join(SCREENSHOTS, "index.png"), fullPage: true });
    for (const api of API_NAMES) {
      const card = page.locator(`section[data-api="${api}"]`);
      await expect(card.locator("h2").innerText()).resolves.toContain(spec(api).info.title);
      // Every link on the card that points into the site must be served.
      for (const href of await card.locator("a[href]").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))) {
        if (!href.startsWith(server.url)) continue;
        const response = await fetch(href);
        expect(response.status, href).toBe(200);
      }
    }
    // The card's main link navigates to the API's page. That the page then renders is the test
    // above; rendering it a second time here would only cost another Redoc start.
    const first = API_NAMES[0] as string;
    const [navigation] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith(`/${siteFiles(first).page}`)),
      page.locator(`section[data-api="${first}"] a.primary`).click(),
    ]);
    expect(navigation.status()).toBe(200);
    await page.close();
    expect({ problems, external: [...external] }, "index.html").toEqual({ problems: [], external: [] });
  });
});
