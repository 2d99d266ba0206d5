// Renders site/<api>/flows.html: every Arazzo workflow of one API, step by step — the operation
// each step calls (method, path, operationId), what it sends (parameters, request body, with the
// runtime expressions that pass values between steps), its success criteria and its outputs —
// plus each workflow's inputs and outputs. Plain HTML, no script, same look as the index.
import { escapeHtml, inlineMarkdown, inlineText, pageHead, STYLE } from "./index-page.js";
import type { FlowFile, FlowStep, Workflow } from "./flow-model.js";

const FLOW_STYLE = `
  header nav a { color: var(--accent); }
  .workflow { border-top: 1px solid var(--line); margin-top: 18px; padding-top: 6px; }
  .workflow h3 { text-transform: none; letter-spacing: 0; color: var(--fg); font-size: 18px; }
  h4 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 12px 0 4px; }
  ol.steps { padding-left: 22px; }
  li.step { margin: 12px 0; padding: 10px 14px; border: 1px solid var(--line); border-radius: 6px; background: #fbfcfd; }
  li.step .title { font-weight: 600; }
  pre { background: #eff1f3; border-radius: 6px; padding: 8px 10px; overflow-x: auto; margin: 4px 0; }
  pre code { background: none; padding: 0; word-break: normal; }
  ul.criteria { margin: 4px 0; }
`;

const codeList = (values: string[]): string => values.map((v) => `<code>${escapeHtml(v)}</code>`).join(", ");

function table(headings: string[], rows: string[][]): string {
  if (rows.length === 0) return "";
  return `<table><thead><tr>${headings.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>
${rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n")}
</tbody></table>`;
}

const pairs = (list: Array<{ name: string; value: string }>): string[][] => list.map((o) => [`<code>${escapeHtml(o.name)}</code>`, `<code>${escapeHtml(o.value)}</code>`]);

function renderStep(workflowId: string, step: FlowStep): string {
  const auth = step.security.map((s) => `<code>${escapeHtml(s.scheme)}</code> with ${Object.entries(s.values).map(([k, v]) => `${escapeHtml(k)} <code>${escapeHtml(v)}</code>`).join(", ")}`);
  return `<li class="step" id="${escapeHtml(`${workflowId}-${step.stepId}`)}" data-step="${escapeHtml(step.stepId)}">
  <div class="title"><span class="method">${escapeHtml(step.method)}</span> <code>${escapeHtml(step.path)}</code> — <code>${escapeHtml(step.operationId)}</code> <span class="key">step <code>${escapeHtml(step.stepId)}</code>, source <code>${escapeHtml(step.source)}</code></span></div>
  ${step.description ? inlineMarkdown(step.description) : ""}
  ${auth.length > 0 ? `<h4>Authentication</h4><p>${auth.join("; ")}</p>` : ""}
  ${step.parameters.length > 0 ? `<h4>Parameters</h4>${table(["name", "in", "value"], step.parameters.map((p) => [`<code>${escapeHtml(p.name)}</code>`, escapeHtml(p.in), `<code>${escapeHtml(p.value)}</code>`]))}` : ""}
  ${step.requestBody ? `<h4>Request body <span class="key">(${escapeHtml(step.requestBody.contentType)})</span></h4><pre><code>${escapeHtml(step.requestBody.payload)}</code></pre>` : ""}
  <h4>Success criteria</h4><ul class="criteria">${step.successCriteria.map((c) => `<li><code>${escapeHtml(c)}</code></li>`).join("")}</ul>
  ${step.outputs.length > 0 ? `<h4>Outputs</h4>${table(["name", "value"], pairs(step.outputs))}` : ""}
</li>`;
}

function renderWorkflow(workflow: Workflow): string {
  const inputs = workflow.inputs.map((i) => [
    `<code>${escapeHtml(i.name)}</code>`,
    escapeHtml(i.type) + (i.secret ? ' <span class="key">(secret)</span>' : ""),
    i.required ? "yes" : "no",
    i.defaultValue === undefined ? "—" : `<code>${escapeHtml(i.defaultValue)}</code>`,
    inlineText(i.description),
  ]);
  const id = escapeHtml(workflow.workflowId);
  return `<article class="workflow" id="${id}" data-workflow="${id}">
  <h3>${escapeHtml(workflow.summary || workflow.workflowId)} <span class="key"><code>${id}</code></span></h3>
  ${workflow.description ? inlineMarkdown(workflow.description) : ""}
  <h4>Inputs</h4>
  ${inputs.length > 0 ? table(["name", "type", "required", "default", "description"], inputs) : "<p>None.</p>"}
  <h4>Steps (${workflow.steps.length})</h4>
  <ol class="steps">
${workflow.steps.map((s) => renderStep(workflow.workflowId, s)).join("\n")}
  </ol>
  ${workflow.outputs.length > 0 ? `<h4>Outputs</h4>${table(["name", "value"], pairs(workflow.outputs))}` : ""}
</article>`;
}

function renderFile(api: string, flow: FlowFile): string {
  const servers = flow.sources.map((s) => `${s.name}=&lt;${escapeHtml(s.name)} base URL&gt;`).join(",");
  return `<section class="api" id="${escapeHtml(flow.name)}" data-flow-file="${escapeHtml(flow.path)}">
  <h2>${escapeHtml(flow.title)}</h2>
  ${flow.summary ? `<p>${inlineText(flow.summary)}</p>` : ""}
  <ul class="links">
    <li><a href="${escapeHtml(flow.name)}" download>${escapeHtml(flow.name)}</a></li>
    <li><a href="index.html">API reference</a></li>
  </ul>
  <details><summary>about this flow</summary>${inlineMarkdown(flow.description)}</details>
  <p class="key">Sources: ${codeList(flow.sources.map((s) => `${s.name} → ${s.url}`))}. Run it:
  <code>npx redocly respect ${escapeHtml(flow.path)} --server ${servers} --input …</code></p>
${flow.workflows.map(renderWorkflow).join("\n")}
</section>`;
}

/** The flows page of one API. `title` is the API's title with its version. */
export function renderFlowsPage(api: string, title: string, flows: FlowFile[]): string {
  return `${pageHead(`${title} — flows`, STYLE + FLOW_STYLE)}
<body>
<header>
  <nav><p><a href="../index.html">All APIs</a> · <a href="index.html">API reference</a></p></nav>
  <h1>${escapeHtml(title)} — flows</h1>
  <p>The integration flows of <code>${escapeHtml(api)}</code> as Arazzo workflows, step by step. Values written
  <code>$inputs.…</code>, <code>$steps.….outputs.…</code> and <code>$response.body#/…</code> are passed between steps at run time.</p>
</header>
<main>
${flows.map((f) => renderFile(api, f)).join("\n")}
</main>
<footer><p>Built by <code>npm run docs</code> from the <code>*.arazzo.yaml</code> files beside the API's spec.</p></footer>
</body>
</html>
`;
}
