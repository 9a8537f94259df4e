// Percentiles by the nearest-rank method: the smallest value with at least p% of the values at
// or below it. Always an observed value (a lead time someone really had), easy to check by hand.

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export type Percentiles = { p50: number | null; p85: number | null; p95: number | null };

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentileOfSorted(sorted, 50), p85: percentileOfSorted(sorted, 85), p95: percentileOfSorted(sorted, 95) };
}
