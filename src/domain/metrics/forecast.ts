// Monte Carlo forecasts over past daily throughput: each run draws days at random (with
// replacement) from the sampled days. A seeded generator makes a forecast reproducible.

/** mulberry32: a small, fast 32-bit PRNG; same seed, same sequence. Returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FORECAST_RUNS = 10_000;
// A run that has not finished after ten years of sampled days is called "not in sight".
const MAX_DAYS = 3650;

export type Confidence = { p50: number; p85: number; p95: number };

/**
 * "When will these N items be done?": days needed, at 50/85/95% confidence — the number of days
 * within which that share of runs had finished N items. Null when the samples have no throughput.
 */
export function forecastDaysFor(items: number, dailyThroughput: readonly number[], seed: number, runs = FORECAST_RUNS): Confidence | null {
  if (items <= 0) return { p50: 0, p85: 0, p95: 0 };
  if (dailyThroughput.length === 0 || dailyThroughput.every((n) => n === 0)) return null;
  const random = seededRandom(seed);
  const days: number[] = new Array(runs);
  for (let r = 0; r < runs; r++) {
    let done = 0;
    let d = 0;
    while (done < items && d < MAX_DAYS) {
      done += dailyThroughput[Math.floor(random() * dailyThroughput.length)]!;
      d++;
    }
    days[r] = d;
  }
  days.sort((a, b) => a - b);
  return { p50: atRank(days, 50), p85: atRank(days, 85), p95: atRank(days, 95) };
}

/**
 * "How many items by day D?": at c% confidence, the count at least c% of runs reached — the
 * (100 − c)th percentile of the simulated counts, so higher confidence means fewer items.
 */
export function forecastItemsWithin(days: number, dailyThroughput: readonly number[], seed: number, runs = FORECAST_RUNS): Confidence | null {
  if (dailyThroughput.length === 0) return null;
  if (days <= 0) return { p50: 0, p85: 0, p95: 0 };
  const random = seededRandom(seed);
  const counts: number[] = new Array(runs);
  for (let r = 0; r < runs; r++) {
    let n = 0;
    for (let d = 0; d < days; d++) n += dailyThroughput[Math.floor(random() * dailyThroughput.length)]!;
    counts[r] = n;
  }
  counts.sort((a, b) => a - b);
  return { p50: atRank(counts, 50), p85: atRank(counts, 15), p95: atRank(counts, 5) };
}

function atRank(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}
