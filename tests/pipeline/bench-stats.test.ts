// The statistics behind the benchmarks' figures (scripts/bench/stats.ts): a wrong median or interval
// would put a wrong verdict into docs/benchmarks.md, with nothing else to notice it.
import { describe, expect, it } from "vitest";
import { median, medianInterval } from "../../scripts/bench/stats.js";

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones, whatever the order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/no values/);
  });
});

describe("medianInterval", () => {
  it("is a single point for values that do not vary", () => {
    expect(medianInterval(Array(21).fill(0.97))).toEqual([0.97, 0.97]);
  });

  it("holds the median, lies within the values' range, and narrows as rounds are added", () => {
    // Per-round ratios spread as on the benchmark VM (0.6–1.4 around 1.0), a fixed pattern rather than random.
    const rounds = (n: number) => Array.from({ length: n }, (_, i) => 1 + 0.4 * Math.sin(i * 2.4));
    for (const n of [7, 21, 201]) {
      const values = rounds(n);
      const [low, high] = medianInterval(values);
      expect(low).toBeLessThanOrEqual(median(values));
      expect(high).toBeGreaterThanOrEqual(median(values));
      expect(low).toBeGreaterThanOrEqual(Math.min(...values));
      expect(high).toBeLessThanOrEqual(Math.max(...values));
    }
    const width = (n: number) => { const [low, high] = medianInterval(rounds(n)); return high - low; };
    expect(width(201)).toBeLessThan(width(21) / 2);
  });

  it("tells a miss the run resolves from one within its noise", () => {
    const clearMiss = Array.from({ length: 21 }, (_, i) => 0.85 + 0.01 * (i % 5));
    const noisy = Array.from({ length: 21 }, (_, i) => 0.93 + 0.1 * Math.sin(i * 2.4));
    expect(medianInterval(clearMiss)[1]).toBeLessThan(0.95);
    expect(medianInterval(noisy)[1]).toBeGreaterThanOrEqual(0.95);
  });

  it("gives the same interval for the same values (seeded)", () => {
    // 201 distinct values: unseeded, five resamplings of these gave five different intervals.
    const values = Array.from({ length: 201 }, (_, i) => 1 + 0.3 * Math.cos(i * 1.7));
    const intervals = Array.from({ length: 5 }, () => medianInterval([...values]));
    expect(new Set(intervals.map((interval) => interval.join(" "))).size).toBe(1);
  });
});
