// The JobLease claim that lets several instances run a periodic job's pass once between them
// (src/server/jobs/job-lease.ts), on the real database of the run (SQLite and PostgreSQL). The
// processes racing for it are in tests/integration/two-instances.pg.test.ts.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { claimJobPass } from "@/server/jobs/job-lease";
import { uid } from "../support/factories";

const INTERVAL = 60_000;
const at = (ms: number) => new Date(Date.UTC(2026, 11, 6, 9, 0, 0) + ms);

describe("claimJobPass", () => {
  it("gives each interval's pass to one claimer, even when many ask at once", async () => {
    const job = `job-${uid()}`;
    const claims = await Promise.all(["a", "b", "c", "d"].map((holder) => claimJobPass(job, INTERVAL, holder, at(0))));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = ["a", "b", "c", "d"][claims.indexOf(true)]!;
    // later in the same interval: nobody, the winner included
    expect(await claimJobPass(job, INTERVAL, "b", at(30_000))).toBe(false);
    expect(await claimJobPass(job, INTERVAL, winner, at(30_000))).toBe(false);
    const lease = await db.jobLease.findUniqueOrThrow({ where: { job } });
    expect(lease.holder).toBe(winner);
    expect(lease.claimedAt.getTime()).toBe(at(0).getTime());
  });

  it("is due again a little before a full interval, so the holder's next tick keeps it; a stopped holder's lapses to another", async () => {
    const job = `job-${uid()}`;
    expect(await claimJobPass(job, INTERVAL, "a", at(0))).toBe(true);
    // 10 % slack: due at 54 s, not at 53.9 s
    expect(await claimJobPass(job, INTERVAL, "b", at(53_999))).toBe(false);
    expect(await claimJobPass(job, INTERVAL, "a", at(60_000))).toBe(true);
    // "a" stopped ticking: "b" finds it due once the lease ran out
    expect(await claimJobPass(job, INTERVAL, "b", at(60_000 + 53_999))).toBe(false);
    expect(await claimJobPass(job, INTERVAL, "b", at(60_000 + 70_000))).toBe(true);
    expect((await db.jobLease.findUniqueOrThrow({ where: { job } })).holder).toBe("b");
  });
});
