// The order `npm test` queues its files in (tests/support/longest-first-sequencer.ts): longest
// first across projects, the short files of worker-sharing projects grouped at the end, and a
// typical duration per project for files with no recorded timing (a fresh clone).
import { describe, expect, it } from "vitest";
import type { TestSpecification, Vitest } from "vitest/node";
import LongestFirstSequencer from "../support/longest-first-sequencer.js";

const ROOT = "/repo";
interface FakeFile { project: string; file: string; isolate: boolean; ms?: number; size?: number }

async function order(files: FakeFile[]): Promise<string[]> {
  const timings = new Map(files.filter((f) => f.ms !== undefined).map((f) => [`${f.project}:tests/${f.project}/${f.file}`, { duration: f.ms!, failed: false }]));
  const sizes = new Map(files.map((f) => [`${f.project}:tests/${f.project}/${f.file}`, { size: f.size ?? 1000 }]));
  const ctx = { config: { root: ROOT }, cache: { getFileTestResults: (key: string) => timings.get(key), getFileStats: (key: string) => sizes.get(key) } } as unknown as Vitest;
  const specs = files.map((f) => ({ project: { name: f.project, config: { isolate: f.isolate } }, moduleId: `${ROOT}/tests/${f.project}/${f.file}` }) as unknown as TestSpecification);
  const sorted = await new LongestFirstSequencer(ctx).sort(specs);
  return sorted.map((s) => `${s.project.name}/${s.moduleId.split("/").pop()}`);
}

describe("test order", () => {
  it("queues the longest files first across projects, then the short files of shared-worker projects, busiest project first", async () => {
    expect(await order([
      { project: "specs", file: "a.test.ts", isolate: false, ms: 300 },
      { project: "lint", file: "x.test.ts", isolate: false, ms: 3_000 },
      { project: "robustness", file: "p.test.ts", isolate: true, ms: 30_000 },
      { project: "specs", file: "b.test.ts", isolate: false, ms: 900 },
      { project: "pipeline", file: "add.test.ts", isolate: false, ms: 35_000 },
      { project: "robustness", file: "q.test.ts", isolate: true, ms: 2_000 },
      { project: "lint", file: "y.test.ts", isolate: false, ms: 4_000 },
    ])).toEqual([
      "pipeline/add.test.ts", "robustness/p.test.ts", "robustness/q.test.ts",
      "lint/y.test.ts", "lint/x.test.ts", "specs/b.test.ts", "specs/a.test.ts",
    ]);
  });

  it("orders files with no recorded timing by their project's typical duration, then the larger first", async () => {
    expect(await order([
      { project: "specs", file: "s.test.ts", isolate: false },
      { project: "robustness", file: "small.test.ts", isolate: true, size: 2_000 },
      { project: "consumer", file: "c.test.ts", isolate: true },
      { project: "robustness", file: "large.test.ts", isolate: true, size: 9_000 },
      { project: "stage-selftest", file: "t.test.ts", isolate: true, ms: 25_000 },
    ])).toEqual(["consumer/c.test.ts", "stage-selftest/t.test.ts", "robustness/large.test.ts", "robustness/small.test.ts", "specs/s.test.ts"]);
  });
});
