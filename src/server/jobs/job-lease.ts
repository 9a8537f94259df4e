import "server-only";
import { db } from "@/server/db";

// Jobs whose row this process has seen: one query less per tick.
const seeded = new Set<string>();

/**
 * Claims this interval's pass of a periodic job for one instance. Every instance ticks on its own
 * timer; the first whose conditional UPDATE finds the job due (`runAfter <= now`) moves
 * `runAfter` to the end of the interval and runs the pass; the others find it not due. Same
 * pattern as the webhook claims (deliver-webhooks.ts): PostgreSQL re-checks the WHERE after the
 * row lock, SQLite writes one at a time, no lock is held while the pass runs.
 *
 * `runAfter` is set a little short of a full interval, so the claiming instance's own next tick
 * (one interval later) finds the job due again and keeps it; another instance takes over when the
 * holder stops ticking (crashed, stopped), within about one interval. The instances' clocks must
 * roughly agree (as for presence pictures and webhook leases).
 */
export async function claimJobPass(job: string, intervalMs: number, holder: string, now = new Date()): Promise<boolean> {
  if (!seeded.has(job)) await ensureLeaseRow(job);
  const slack = Math.min(Math.floor(intervalMs / 10), 5_000);
  const { count } = await db.jobLease.updateMany({
    where: { job, runAfter: { lte: now } },
    data: { runAfter: new Date(now.getTime() + intervalMs - slack), holder, claimedAt: now },
  });
  return count === 1;
}

async function ensureLeaseRow(job: string): Promise<void> {
  if (await db.jobLease.findUnique({ where: { job }, select: { job: true } })) {
    seeded.add(job);
    return;
  }
  // Due at once. Two instances starting together may both try: the loser's insert fails on the
  // primary key and is ignored, and both then race for the same row's claim (a failure for any
  // other reason leaves no row: the claim finds nothing, and the next tick tries again).
  await db.jobLease.create({ data: { job, runAfter: new Date(0), holder: "", claimedAt: new Date(0) } }).then(
    () => seeded.add(job),
    () => undefined,
  );
}
