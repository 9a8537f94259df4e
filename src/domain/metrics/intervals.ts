// Interval arithmetic on half-open spans [start, end) of epoch milliseconds.

export type Span = { start: number; end: number };

/** The part of [start, end) inside [from, to), or null when they do not overlap. */
export function clip(start: number, end: number, from: number, to: number): Span | null {
  const s = Math.max(start, from);
  const e = Math.min(end, to);
  return e > s ? { start: s, end: e } : null;
}

/** Total length covered by the spans, counting overlaps once. */
export function unionLength(spans: readonly Span[]): number {
  if (spans.length === 0) return 0;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let total = 0;
  let cur = { ...sorted[0]! };
  for (let i = 1; i < sorted.length; i++) {
    const s = sorted[i]!;
    if (s.start <= cur.end) cur.end = Math.max(cur.end, s.end);
    else {
      total += cur.end - cur.start;
      cur = { ...s };
    }
  }
  return total + (cur.end - cur.start);
}
