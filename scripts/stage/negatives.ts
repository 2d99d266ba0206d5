// Bad-input cases on a vendor's stage server: only on request (`--negatives`), bounded in count
// and rate, sent straight to the vendor (through the upstream guard, never answered by Prism's
// validating proxy), and reported as what the vendor did. A vendor that accepts what our spec
// refuses is a finding (our spec is stricter than the vendor), not a test failure, unless the
// run is `--strict`.
import { appendFileSync, readFileSync } from "node:fs";

export interface NegativeOptions {
  enabled: boolean;
  /** At most this many bad requests per run (all APIs together). */
  max: number;
  /** At most this many bad requests per second. */
  perSecond: number;
  strict: boolean;
  /** Where findings are appended as JSON lines (set by the stage runner). */
  findingsFile?: string;
}

export const NEGATIVE_DEFAULTS = { max: 25, perSecond: 1 };

/** CONTRACT_NEGATIVES=1, CONTRACT_NEGATIVES_MAX, CONTRACT_NEGATIVES_RATE, CONTRACT_STRICT=1, CONTRACT_FINDINGS_FILE. */
export function negativeOptionsFromEnv(env: NodeJS.ProcessEnv): NegativeOptions {
  const number = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
    return value;
  };
  const findingsFile = env["CONTRACT_FINDINGS_FILE"];
  return {
    enabled: env["CONTRACT_NEGATIVES"] === "1",
    max: Math.floor(number("CONTRACT_NEGATIVES_MAX", NEGATIVE_DEFAULTS.max)),
    perSecond: number("CONTRACT_NEGATIVES_RATE", NEGATIVE_DEFAULTS.perSecond),
    strict: env["CONTRACT_STRICT"] === "1",
    ...(findingsFile ? { findingsFile } : {}),
  };
}

export interface NegativeBudget {
  /** Waits for the rate limit; false when the run's budget is spent (the case is then skipped). */
  take(): Promise<boolean>;
  readonly used: number;
}

export function createNegativeBudget({ max, perSecond }: Pick<NegativeOptions, "max" | "perSecond">): NegativeBudget {
  let used = 0;
  let next = 0;
  const gap = 1000 / perSecond;
  return {
    async take() {
      if (used >= max) return false;
      used += 1;
      const now = Date.now();
      const at = Math.max(now, next);
      next = at + gap;
      if (at > now) await new Promise((r) => setTimeout(r, at - now));
      return true;
    },
    get used() { return used; },
  };
}

export type VendorVerdict =
  | { kind: "rejected"; status: number }
  | { kind: "accepted"; status: number }
  | { kind: "inconclusive"; status: number; reason: string };

export function judgeVendor(status: number): VendorVerdict {
  if (status >= 400 && status < 500) return { kind: "rejected", status };
  if (status >= 200 && status < 300) return { kind: "accepted", status };
  return { kind: "inconclusive", status, reason: status >= 500 ? "the vendor failed (5xx)" : `status ${status}` };
}

export interface Finding {
  api: string;
  operationId: string;
  /** The bad input, e.g. "maxLength at body.currency". */
  case: string;
  verdict: VendorVerdict;
}

export function recordFinding(file: string | undefined, finding: Finding): void {
  if (file) appendFileSync(file, `${JSON.stringify(finding)}\n`);
}

export function readFindings(file: string): Finding[] {
  let text = "";
  try { text = readFileSync(file, "utf8"); } catch { return []; }
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Finding);
}

/** The report: counts per verdict, and the spec-stricter-than-vendor table (Markdown). */
export function formatFindings(findings: Finding[]): string {
  const count = (kind: VendorVerdict["kind"]) => findings.filter((f) => f.verdict.kind === kind).length;
  const lines = [`bad inputs sent to vendors: ${findings.length} (rejected ${count("rejected")}, accepted ${count("accepted")}, inconclusive ${count("inconclusive")})`];
  const accepted = findings.filter((f) => f.verdict.kind === "accepted");
  if (accepted.length) {
    lines.push("", "spec stricter than vendor (the vendor accepted what the spec refuses):", "", "| api | operation | bad input | vendor status |", "|---|---|---|---|");
    for (const f of accepted) lines.push(`| ${f.api} | ${f.operationId} | ${f.case.replaceAll("|", "\\|")} | ${f.verdict.status} |`);
  }
  const rejected = findings.filter((f) => f.verdict.kind === "rejected");
  if (rejected.length) {
    const byStatus = new Map<number, number>();
    for (const f of rejected) byStatus.set(f.verdict.status, (byStatus.get(f.verdict.status) ?? 0) + 1);
    lines.push("", `rejected by status: ${[...byStatus].map(([s, n]) => `${s} × ${n}`).join(", ")}`);
  }
  return lines.join("\n");
}
