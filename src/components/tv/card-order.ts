// Which cards a TV column shows when they do not all fit (src/app/tv).
type TvCard = { andon: unknown; blockedReason: string | null; sentBack?: unknown; expedite?: unknown; enteredStageAt: string };
/**
 * A TV cannot scroll, so what it shows of a long column is chosen: cards with a problem first
 * (andon, blocked, sent back, expedite), then the latest arrivals, so that the room sees work
 * move. The desk wall keeps the backlog's rank order.
 */
export function tvCardOrder<T extends TvCard>(items: readonly T[]): T[] {
  const trouble = (i: T) => (i.andon ? 3 : i.blockedReason ? 2 : i.sentBack || i.expedite ? 1 : 0);
  return [...items].sort((a, b) => trouble(b) - trouble(a) || Date.parse(b.enteredStageAt) - Date.parse(a.enteredStageAt));
}
