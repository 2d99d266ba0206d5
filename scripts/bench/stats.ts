// The statistics the benchmarks report (bench:clients, guard-starvation): medians, and how precise a median
// of a few noisy rounds is.

/** The median; of an even count, the mean of the two middle values (taking either one would lean one way). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error("median of no values");
  const half = sorted.length / 2;
  return Number.isInteger(half) ? (sorted[half - 1]! + sorted[half]!) / 2 : sorted[Math.floor(half)]!;
}

const BOOTSTRAP_SAMPLES = 2000;

/**
 * A seeded generator of numbers in [0, 1) (mulberry32): the same seed gives the same sequence, so a benchmark's
 * resampling and its block order are the same from run to run. Small and fast; statistical quality beyond
 * picking indexes is not needed.
 */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * A 95 % percentile-bootstrap interval of the median of `values`: how far this run's median could be from the
 * one a longer run would find, given how much the rounds varied. With per-round ratios spread over tens of
 * per cent on a 2-core VM, it tells a miss the run can resolve (interval below the target) from one within its
 * noise (interval reaching the target). Seeded, so the same rounds always give the same interval.
 */
export function medianInterval(values: number[]): [number, number] {
  const random = seededRandom(0x9e3779b9);
  const medians = Array.from({ length: BOOTSTRAP_SAMPLES }, () => median(values.map(() => values[Math.floor(random() * values.length)]!)));
  medians.sort((a, b) => a - b);
  return [medians[Math.floor(0.025 * BOOTSTRAP_SAMPLES)]!, medians[Math.ceil(0.975 * BOOTSTRAP_SAMPLES) - 1]!];
}
