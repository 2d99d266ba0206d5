// A vitest reporter that ends the run with a per-project timing table and then one plain line,
// "tests: N passed, N failed, N skipped", which CI reads as the run's verdict (it stays the LAST
// line). Skips are counted separately, never as passes. Test files that fail to load (and so run no
// test) and unhandled errors count as failures.
//
// Per project: files, test counts, "span" (first file started → last file ended, wall clock, so
// projects that ran side by side overlap) and "busy" (the sum of its files' own durations: import,
// setup, tests and hooks). The run's wall time is measured from the reporter's start, so it includes
// global setups (the shared mocks, the docs build). Figures are printed, never asserted on.
import type { Reporter, TestModule } from "vitest/node";

type RunEndErrors = Parameters<NonNullable<Reporter["onTestRunEnd"]>>[1];

export interface ProjectTiming {
  project: string;
  files: number;
  passed: number;
  failed: number;
  skipped: number;
  spanMs: number;
  busyMs: number;
}

/** Marks the machine-readable copy of the table, printed only when scripts/bench/suite.ts asks for it. */
export const TIMING_JSON_PREFIX = "timing-json: ";
export const TIMING_JSON_ENV = "SUITE_TIMING_JSON";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function formatTimingTable(rows: ProjectTiming[], wallMs: number): string {
  const header = ["project", "files", "passed", "failed", "skipped", "span", "busy"];
  const body = rows.map((r) => [r.project, String(r.files), String(r.passed), String(r.failed), String(r.skipped), seconds(r.spanMs), seconds(r.busyMs)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line), `wall: ${seconds(wallMs)}`].join("\n");
}

export default class SummaryLineReporter implements Reporter {
  private readonly startedAt = Date.now();
  private readonly moduleStart = new Map<string, number>();
  private readonly moduleEnd = new Map<string, number>();

  onTestModuleStart(module: TestModule): void {
    this.moduleStart.set(module.id, Date.now());
  }

  onTestModuleEnd(module: TestModule): void {
    this.moduleEnd.set(module.id, Date.now());
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: RunEndErrors): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    const byProject = new Map<string, ProjectTiming & { first: number; last: number }>();
    for (const module of testModules) {
      const name = module.project.name || "(root)";
      const row = byProject.get(name) ?? { project: name, files: 0, passed: 0, failed: 0, skipped: 0, spanMs: 0, busyMs: 0, first: Infinity, last: 0 };
      byProject.set(name, row);
      row.files += 1;
      const diagnostic = module.diagnostic();
      row.busyMs += diagnostic.duration + diagnostic.collectDuration + diagnostic.setupDuration + diagnostic.prepareDuration;
      const start = this.moduleStart.get(module.id);
      const end = this.moduleEnd.get(module.id);
      if (start !== undefined) row.first = Math.min(row.first, start);
      if (end !== undefined) row.last = Math.max(row.last, end);
      let testsInModule = 0;
      for (const test of module.children.allTests()) {
        testsInModule += 1;
        const state = test.result().state;
        if (state === "passed") { passed += 1; row.passed += 1; }
        else if (state === "failed") { failed += 1; row.failed += 1; }
        else { skipped += 1; row.skipped += 1; }
      }
      if (testsInModule === 0 && module.state() === "failed") { failed += 1; row.failed += 1; }
    }
    const rows: ProjectTiming[] = [...byProject.values()]
      .map(({ first, last, ...row }) => ({ ...row, spanMs: last >= first ? last - first : 0 }))
      .sort((a, b) => b.spanMs - a.spanMs);
    const wallMs = Date.now() - this.startedAt;
    if (rows.length > 0) {
      process.stdout.write(`\n${formatTimingTable(rows, wallMs)}\n`);
      if (process.env[TIMING_JSON_ENV] === "1") process.stdout.write(`${TIMING_JSON_PREFIX}${JSON.stringify({ wallMs, projects: rows })}\n`);
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
