// The service wall's demo story (issue 12), written through the same service functions as the
// app and the API, so each record has its Event and the breach opens its Kaizen problem:
// - Mobile conversion: its availability SLA burns its error budget right now (monitoring posted
//   a bad last hour after a month mostly within target); a recovery test passed last month.
// - Conversion portal: availability below target this month (a spent budget: one breach, one
//   problem on the Operations stage); its last recovery test is overdue; the Service Master has
//   decided its end of life (Retiring) three weeks from now, with work still open.
import type { Actor } from "@/domain/permissions";
import { db } from "@/server/db";
import { decideEndOfLife } from "@/server/services/service-wall/decide-end-of-life";
import { recordAvailability } from "@/server/services/service-wall/record-availability";
import { recordRecoveryTest } from "@/server/services/service-wall/record-recovery-test";

type UserActor = Extract<Actor, { kind: "user" }>;
type Service = { id: string; key: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Sample = { periodStart: string; periodEnd: string; availabilityPercent: number };
const sample = (start: number, end: number, availabilityPercent: number): Sample => ({
  periodStart: new Date(start).toISOString(),
  periodEnd: new Date(end).toISOString(),
  availabilityPercent,
});

async function availabilityLevel(serviceId: string) {
  return db.serviceLevel.findFirstOrThrow({ where: { serviceId, name: "Availability" }, select: { id: true } });
}

export async function seedServiceWall(people: Record<string, UserActor>, mobile: Service, portal: Service): Promise<void> {
  const reliability = people.reliability!;
  const operations = people.operations!;
  // Whole minutes, so periods line up whatever the second the seed runs.
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;

  // Mobile: 29 days at 99.93 % (about 30 of the 43 minutes a 99.9 % month allows), the day
  // before the last hour clean, then an hour at 90 %: 100× the allowed rate, a fast burn.
  {
    const level = await availabilityLevel(mobile.id);
    const start = now - 30 * DAY;
    const samples: Sample[] = [];
    for (let d = 0; d < 29; d++) samples.push(sample(start + d * DAY, start + (d + 1) * DAY, 99.93));
    for (let h = 0; h < 23; h++) samples.push(sample(start + 29 * DAY + h * HOUR, start + 29 * DAY + (h + 1) * HOUR, 100));
    for (let m = 0; m < 12; m++) samples.push(sample(now - HOUR + m * 5 * MINUTE, now - HOUR + (m + 1) * 5 * MINUTE, 90));
    await recordAvailability(reliability, level.id, { samples });
  }

  // Portal: ten days, one of them a five-hour outage: the month's budget is spent.
  {
    const level = await availabilityLevel(portal.id);
    const samples: Sample[] = [];
    for (let d = 10; d >= 1; d--) samples.push(sample(now - d * DAY, now - (d - 1) * DAY, d === 4 ? 79.17 : 100));
    await recordAvailability(operations, level.id, { samples });
  }

  await recordRecoveryTest(operations, mobile.id, {
    testedAt: new Date(now - 24 * DAY).toISOString(),
    scenario: "Restore the conversion farm's database from last night's backup into a fresh zone",
    achievedRpoMinutes: 35,
    achievedRtoMinutes: 150,
    passed: true,
    evidenceUrl: "https://wiki.example.com/ops/restore-drill-mobile",
  });
  await recordRecoveryTest(reliability, portal.id, {
    testedAt: new Date(now - 130 * DAY).toISOString(),
    scenario: "Fail over the portal to the standby site",
    achievedRpoMinutes: 10,
    achievedRtoMinutes: 45,
    passed: true,
    evidenceUrl: null,
  });

  const head = await db.service.findUniqueOrThrow({ where: { id: portal.id }, select: { version: true } });
  await decideEndOfLife(people.serviceMaster!, portal.id, {
    decision: "RETIRE",
    date: new Date(now + 21 * DAY).toISOString(),
    conditions: "Every portal customer has a mobile-converted site, or has been given notice.",
    plan: "Migrate the remaining portal customers to Mobile conversion; send 90-day notice to those who stay desktop-only; archive their conversion history.",
    expectedVersion: head.version,
  });
}
