// The order in which `npm test` hands its files to the workers: longest first, across projects.
//
// Vitest's own sequencer queues the projects one after another in alphabetical order, so the
// stage self-test and the robustness files (which start mock hosts, npm and whole child runs) used
// to be queued behind everything else and ran alone at the end while the other workers sat idle.
// Four workers share one queue, so the best simple schedule is the classic one for that: longest
// job first; the short files then fill the gaps at the end.
//
// A file's expected duration is its duration in the last run (vitest's results cache). A file
// with no recorded duration (a fresh clone, a new file) gets its project's typical duration
// below: a guess that only affects the order, never what runs. Short files of projects that share
// workers (`isolate: false`) stay together, project by project, so that a worker finishing one
// can take the next without starting a new process.
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Seconds a file of each project typically takes on a 2-core machine, for files vitest has no timing for. */
const TYPICAL_SECONDS: Record<string, number> = {
  consumer: 30,
  pipeline: 20,
  "stage-selftest": 20,
  robustness: 15,
  docs: 15,
  browser: 8,
  contract: 5,
  flows: 4,
  lint: 4,
  types: 3,
  clients: 2,
  specs: 1,
};

/** Files shorter than this are grouped by project at the end rather than ordered one by one. */
const SHORT_MS = 6_000;

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const expected = new Map(files.map((file) => [file, this.expectedMs(file)]));
    const projectTotal = new Map<string, number>();
    for (const [file, ms] of expected) projectTotal.set(file.project.name, (projectTotal.get(file.project.name) ?? 0) + ms);
    const shared = (file: TestSpecification) => file.project.config.isolate === false && expected.get(file)! < SHORT_MS;
    return [...files].sort((a, b) => {
      // Long files (and every file of an isolated project) first, one by one, longest first.
      if (shared(a) !== shared(b)) return shared(a) ? 1 : -1;
      if (!shared(a)) return expected.get(b)! - expected.get(a)! || this.sizeOf(b) - this.sizeOf(a);
      // Then the short shared ones, project by project (the busiest project first), longest first.
      if (a.project.name !== b.project.name) return projectTotal.get(b.project.name)! - projectTotal.get(a.project.name)! || (a.project.name < b.project.name ? -1 : 1);
      return expected.get(b)! - expected.get(a)!;
    });
  }

  private key(file: TestSpecification): string {
    return `${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`;
  }

  private expectedMs(file: TestSpecification): number {
    return this.ctx.cache.getFileTestResults(this.key(file))?.duration ?? (TYPICAL_SECONDS[file.project.name] ?? 5) * 1000;
  }

  /** Between files with the same guess, the larger (vitest's own rule for files it has no timing for). */
  private sizeOf(file: TestSpecification): number {
    return this.ctx.cache.getFileStats(this.key(file))?.size ?? 0;
  }
}
