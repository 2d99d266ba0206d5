// A vitest reporter that ends the run with one plain line, "tests: N passed, N failed, N skipped",
// which CI reads as the run's verdict. Skips are counted separately, never as passes. Test files
// that fail to load (and so run no test) and unhandled errors count as failures.
import type { Reporter, TestModule } from "vitest/node";

type RunEndErrors = Parameters<NonNullable<Reporter["onTestRunEnd"]>>[1];

export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: RunEndErrors): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let testsInModule = 0;
      for (const test of module.children.allTests()) {
        testsInModule += 1;
        const state = test.result().state;
        if (state === "passed") passed += 1;
        else if (state === "failed") failed += 1;
        else skipped += 1;
      }
      if (testsInModule === 0 && module.state() === "failed") failed += 1;
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
