// Renders site/index.html: one card per API with version, servers, auth, operations and links to
// the reference page, the bundled spec downloads and the local mock. Plain HTML with inline CSS and
// no script, so it opens from disk or any static server with no network at all.

/** Escapes text for HTML element content and attribute values. */
import type { ApiModel } from "./model.js";

/** One card: the API's model, its site-relative files and its local mock URL. */
export interface IndexEntry {
  model: ApiModel;
  files: { page: string; yaml: string; json: string };
  mock: string;
  /** The API's flows page and its workflows, when it has Arazzo files. */
  flows?: { page: string; workflows: Array<{ workflowId: string; summary: string; steps: number }> };
}

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** One line of a spec's text with its `code` and **bold** spans, escaped first. */
export function inlineText(text: unknown): string {
  return escapeHtml(String(text).replace(/\s*\n\s*/g, " ").trim())
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
}

/**
 * The little Markdown the specs' descriptions use inline (`code`, **bold**), escaped first so
 * that nothing in a spec can inject markup. Paragraphs are separated by blank lines.
 */
export function inlineMarkdown(text: unknown): string {
  return String(text)
    .trim()
    .split(/\n\s*\n/)
    .map((para) => `<p>${inlineText(para)}</p>`)
    .join("");
}

export const STYLE = `
  :root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0b57d0; --bg: #f6f8fa; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
  header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
  header { padding-top: 28px; }
  h1 { font-size: 26px; margin: 0 0 4px; }
  header p, footer p { color: var(--muted); margin: 4px 0; }
  .api { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 18px 22px; margin: 20px 0; }
  .api h2 { margin: 0; font-size: 21px; display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; }
  .version { font-size: 13px; font-weight: 600; padding: 1px 8px; border-radius: 10px; background: #ddf4ff; color: #0a3069; }
  .key { font-size: 13px; color: var(--muted); font-weight: 400; }
  .links { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0 6px; padding: 0; list-style: none; }
  .links a { display: inline-block; padding: 5px 12px; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; color: var(--accent); background: #fff; }
  .links a.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
  h3 { font-size: 14px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 16px 0 6px; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-top: 1px solid var(--line); }
  th { font-weight: 600; color: var(--muted); border-top: 0; }
  td.env { white-space: nowrap; }
  code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eff1f3; padding: 1px 4px; border-radius: 4px; word-break: break-all; }
  .method { font: 600 12px ui-monospace, monospace; text-transform: uppercase; }
  details { color: var(--muted); font-size: 13.5px; }
  details p { margin: 4px 0; }
  summary { cursor: pointer; }
  .mock code { background: none; padding: 0; }
`;

function serverRows(servers: ApiModel["servers"]): string {
  return servers
    .map((s) => {
      const scope = s.operations.length > 0 ? ` <span class="key">(only ${s.operations.map((id) => `<code>${escapeHtml(id)}</code>`).join(", ")})</span>` : "";
      const description = s.description ? `<details><summary>about</summary>${inlineMarkdown(s.description)}</details>` : "";
      return `<tr><td class="env">${escapeHtml(s.environment || "—")}</td><td><code>${escapeHtml(s.url)}</code>${scope}${description}</td></tr>`;
    })
    .join("\n");
}

function authBlock(model: ApiModel): string {
  const schemes = model.auth
    .map((a) => `<li><strong>${escapeHtml(a.kind)}</strong> <span class="key">(<code>${escapeHtml(a.name)}</code>)</span>${
      a.description ? `<details><summary>how to get credentials</summary>${inlineMarkdown(a.description)}</details>` : ""}</li>`)
    .join("\n");
  const open = model.publicOperations.length > 0
    ? `<li>No auth: ${model.publicOperations.map((id) => `<code>${escapeHtml(id)}</code>`).join(", ")}</li>`
    : "";
  return `<ul>${schemes}${open}</ul>`;
}

function operationRows(model: ApiModel): string {
  return model.operations
    .map((op) => `<tr><td class="method">${escapeHtml(op.method)}</td><td><code>${escapeHtml(op.path)}</code></td><td>${inlineText(op.summary ?? "")}</td><td><code>${escapeHtml(op.operationId ?? "")}</code></td></tr>`)
    .join("\n");
}

function flowsBlock(flows: IndexEntry["flows"]): string {
  if (!flows) return "";
  const items = flows.workflows
    .map((w) => `<li><a href="${escapeHtml(`${flows.page}#${w.workflowId}`)}"><code>${escapeHtml(w.workflowId)}</code></a> ${inlineText(w.summary)} <span class="key">(${w.steps} steps)</span></li>`)
    .join("\n");
  return `<h3>Flows (${flows.workflows.length})</h3>
  <ul class="flows">${items}</ul>`;
}

function apiCard({ model, files, mock, flows }: IndexEntry): string {
  const id = escapeHtml(model.api);
  return `<section class="api" id="${id}" data-api="${id}">
  <h2>${escapeHtml(model.title)} <span class="version" title="info.version">${escapeHtml(model.version)}</span> <span class="key">${id}</span></h2>
  ${model.summary ? `<p>${inlineText(model.summary)}</p>` : ""}
  <ul class="links">
    <li><a class="primary" href="${escapeHtml(files.page)}">API reference</a></li>
    <li><a href="${escapeHtml(files.yaml)}" download>openapi.yaml</a></li>
    <li><a href="${escapeHtml(files.json)}" download>openapi.json</a></li>
    ${flows ? `<li><a href="${escapeHtml(flows.page)}">Flows</a></li>` : ""}
    <li class="mock"><a href="${escapeHtml(mock)}" title="Prism mock: npm run mock, or npm start">Local mock <code>${escapeHtml(mock)}</code></a></li>
  </ul>
  <h3>Servers</h3>
  <table><thead><tr><th>environment</th><th>URL</th></tr></thead><tbody>
${serverRows(model.servers)}
  </tbody></table>
  <h3>Authentication</h3>
  ${authBlock(model)}
  <h3>Operations (${model.operations.length})</h3>
  <table><thead><tr><th>method</th><th>path</th><th>summary</th><th>operationId</th></tr></thead><tbody>
${operationRows(model)}
  </tbody></table>
  ${flowsBlock(flows)}
</section>`;
}

/**
 * The head of our own pages (the index and the flows pages): no script, nothing from another host
 * (the CSP allows only inline styles and local or data: images), no favicon request. `title` is escaped here.
 */
export function pageHead(title: string, style: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>`;
}

/** The whole index page: one entry per API, in display order. */
export function renderIndex(entries: IndexEntry[]): string {
  return `${pageHead("Payment API contracts — docs portal", STYLE)}
<body>
<header>
  <h1>Payment API contracts</h1>
  <p>Hand-written OpenAPI 3.1 contracts for ${entries.map((e) => escapeHtml(e.model.title)).join(", ")}.
  Each reference page works offline; the specs below are the bundled files the pages were built from.</p>
  <p>The local mocks answer when <code>npm start</code> or <code>npm run mock</code> is running.</p>
</header>
<main>
${entries.map(apiCard).join("\n")}
</main>
<footer><p>Built by <code>npm run docs</code> from <code>specs/&lt;api&gt;/openapi.yaml</code>.</p></footer>
</body>
</html>
`;
}
