// Makes a Redoc page built with `build-docs --inlineBundle` fully self-contained, and checks it.
//
// Even with the viewer inlined, Redoc 3 still reaches out at view time:
// - its sidebar footer ("API docs by Redocly") is an <img> from https://cdn.redoc.ly/redoc/…,
//   with no option to turn it off: we point it at an inline SVG instead;
// - its telemetry (OpenTelemetry to otel.cloud.redocly.com) is on unless the page was built with
//   REDOCLY_TELEMETRY=off (the CLI ignores --openapi.disableTelemetry): the build sets it and the
//   check below refuses a page where it is still on.
// On top of that, a Content-Security-Policy <meta> lets the page load nothing from any other
// origin, so a future Redoc that adds a CDN fetch is stopped by the browser (and the browser test,
// which watches for blocked requests and CSP reports, fails loudly).

const LOGO_FULL = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="74" height="16" viewBox="0 0 74 16"><text x="0" y="13" font-family="sans-serif" font-size="13" font-weight="600" fill="#0044D4">Redocly</text></svg>',
)}`;
const LOGO_MINI = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0044D4"/><text x="4" y="12" font-family="sans-serif" font-size="11" font-weight="700" fill="#fff">R</text></svg>',
)}`;

/** Remote images hard-coded in Redoc's bundle, and what replaces each one. */
export const REMOTE_ASSETS = Object.freeze({
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": LOGO_FULL,
  "https://cdn.redoc.ly/redoc/logo-mini.svg": LOGO_MINI,
});

/**
 * Inline scripts and styles only (Redoc is one inline module script plus styled-components);
 * images and fonts from the page itself or data:/blob: URLs; no connections anywhere else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** Rewrites a built Redoc page so that opening it reaches no other host. */
export function makeOffline(html: string): string {
  let out = html;
  for (const [remote, local] of Object.entries(REMOTE_ASSETS)) out = out.replaceAll(remote, local);
  if (!/<head(?:\s[^>]*)?>/i.test(out)) throw new Error("the page has no <head> to put the Content-Security-Policy in");
  // First thing in <head>, before any script or style, so that it covers all of them; the empty
  // icon stops the browser asking the server for /favicon.ico.
  return out.replace(/<head(?:\s[^>]*)?>/i, (head: string) =>
    `${head}\n  <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">\n  <link rel="icon" href="data:,">`);
}

/**
 * Finds anything in a built page that a browser would fetch from another host when opening it:
 * external scripts, stylesheets, module imports, CSS url()s, the known Redoc CDN images, Redoc's
 * telemetry left on, a missing CSP. Returns human-readable problems (empty when self-contained).
 */
export function findRemoteLoads(html: string): string[] {
  const problems: string[] = [];
  const remote = String.raw`(?:https?:)?//`;
  const checks: Array<[string, RegExp]> = [
    ["external <script src>", new RegExp(String.raw`<script\b[^>]*\bsrc\s*=\s*["']?${remote}[^"'\s>]+`, "gi")],
    ["external <link href>", new RegExp(String.raw`<link\b[^>]*\bhref\s*=\s*["']?${remote}[^"'\s>]+`, "gi")],
    ["module import from a URL", new RegExp(String.raw`\bimport\s*(?:[\w{}\s,*]+from\s*)?\(?\s*["']${remote}[^"']+`, "g")],
    ["CSS @import of a URL", new RegExp(String.raw`@import\s+(?:url\()?\s*["']?${remote}[^"')\s]+`, "gi")],
    ["CSS url() to another host", new RegExp(String.raw`url\(\s*["']?${remote}[^"')\s]+`, "gi")],
  ];
  for (const [what, pattern] of checks) {
    for (const match of html.matchAll(pattern)) problems.push(`${what}: ${match[0].slice(0, 160)}`);
  }
  for (const asset of Object.keys(REMOTE_ASSETS)) {
    if (html.includes(asset)) problems.push(`Redoc's CDN image is still referenced: ${asset}`);
  }
  const options = /__redoc_options\s*=\s*(\{[^;]*\})\s*;/.exec(html);
  if (!options) problems.push("no inline __redoc_options found (was the page built with --inlineBundle?)");
  else if (!/"disableTelemetry"\s*:\s*true/.test(options[1] ?? "")) problems.push(`Redoc telemetry is not disabled (build with REDOCLY_TELEMETRY=off): ${(options[1] ?? "").slice(0, 160)}`);
  if (!/<script\b[^>]*>[\s\S]*\bhydrate\b/.test(html)) problems.push("the Redoc viewer is not inlined (no hydrate script)");
  if (!html.includes(`content="${CONTENT_SECURITY_POLICY}"`)) problems.push("the Content-Security-Policy <meta> is missing");
  return problems;
}
