// Reads the rule violations Prism reports with a response. Prism puts them in two places:
// - the `sl-violations` header (JSON array), on every mock response and on proxied responses
//   without `--errors`: the body is then the spec's own example and says nothing useful;
// - the `validation` array of its own problem+json body, when it answers by itself (a proxy with
//   `--errors`, or an operation that declares no 422/400 response).
// Both are merged here so that callers can name the violated rule whichever way it came.

export interface Violation { location: string[]; code: string; message: string; severity?: string }

function normalise(list: unknown): Violation[] {
  // `any` on purpose: Prism's JSON, checked field by field.
  return (Array.isArray(list) ? list : []).map((v: any) => ({
    location: (Array.isArray(v?.location) ? v.location : []).map(String),
    code: String(v?.code ?? ""),
    message: String(v?.message ?? ""),
    ...(v?.severity ? { severity: String(v.severity) } : {}),
  }));
}

/**
 * @param {{ get(name: string): string | null }} headers  response headers
 * @param {string} bodyText  the response body as text
 * @returns {Violation[]}
 */
export function readViolations(headers: { get(name: string): string | null }, bodyText: string): Violation[] {
  const found: Violation[] = [];
  const header = headers.get("sl-violations");
  if (header) {
    try { found.push(...normalise(JSON.parse(header))); } catch { found.push({ location: [], code: "unparsable", message: header }); }
  }
  if (bodyText && bodyText.includes("stoplight.io/prism/errors")) {
    try {
      const body = JSON.parse(bodyText) as { validation?: unknown; title?: unknown; type?: unknown; detail?: unknown };
      found.push(...normalise(body.validation));
      if (!Array.isArray(body.validation) && body.title) found.push({ location: [], code: String(body.type ?? "prism"), message: String(body.detail ?? body.title) });
    } catch { /* not JSON: nothing to add */ }
  }
  // A proxy with --errors reports the same violation in the header and in its body.
  const seen = new Set();
  return found.filter((v) => {
    const key = JSON.stringify([v.location, v.code, v.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One line per violation: "request.body.order.currency: must match pattern … [pattern]". */
export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.location.join(".") || "(request)"}: ${v.message}${v.code ? ` [${v.code}]` : ""}`).join("\n");
}

/**
 * Whether the violations name `rule` at `location` (the path inside the body, query or path
 * parameters). Prism prefixes locations with "request" (header) or not (problem body), and
 * lower-cases path parameter names; both are allowed for.
 * @param {Violation[]} violations
 * @param {{ rule: string, where: "body"|"query"|"path", location: Array<string|number>, property?: string }} expected
 */
export function namesRule(violations: Violation[], { rule, where, location, property }: { rule: string; where: "body" | "query" | "path"; location: Array<string | number>; property?: string }): boolean {
  const want = [where, ...location.map(String)].map((s) => s.toLowerCase());
  return violations.some((v) => {
    if (v.code !== rule) return false;
    const got = (v.location[0] === "request" ? v.location.slice(1) : v.location).map((s) => s.toLowerCase());
    const sameLocation = got.length === want.length && got.every((s, i) => s === want[i]);
    return sameLocation && (property === undefined || rule !== "required" || v.message.includes(`'${property}'`));
  });
}
