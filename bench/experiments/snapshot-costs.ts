// Where does the wall snapshot's time go? CPU per load of its parts (Prisma findMany of 5,000
// items, the DTO mapping, JSON.stringify) and of a variant reading the items with $queryRaw,
// beside the raw better-sqlite3 read. Run after `npm run bench` (it needs bench/.data).
import { isoDate, openRaw } from "../lib/raw";
import { readFixture } from "../lib/common";

const N = Number(process.env.BENCH_EXP_N ?? 20);

async function main() {
  const f = readFixture();
  const { db, dbReady } = await import("@/server/db");
  const { loadUserActor } = await import("@/server/services/actors/load-user-actor");
  const { getWallSnapshot } = await import("@/server/services/walls/get-wall-snapshot");
  const { ITEM_SELECT, toWorkItemDto } = await import("@/server/services/items/item-dto");
  await dbReady();
  const actor = await loadUserActor(f.userId);
  if (!actor) throw new Error("bench user missing");
  const raw = openRaw(f.dbFile);
  const COLS =
    "id, serviceId, stageId, kind, title, description, rank, labels, blockedReason, businessValue, costEstimate, version, enteredStageAt, createdAt";
  const selItems = raw.prepare(`SELECT ${COLS} FROM WorkItem WHERE serviceId = ? ORDER BY rank`);

  async function cpu(name: string, fn: () => Promise<unknown> | unknown) {
    for (let i = 0; i < 3; i++) await fn();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await fn();
    const c = process.cpuUsage(c0);
    console.log(`${name.padEnd(52)} ${((c.user + c.system) / 1000 / N).toFixed(1).padStart(7)} ms CPU  ${((performance.now() - t0) / N).toFixed(1).padStart(7)} ms wall`);
  }
  const prismaItems = await db.workItem.findMany({ where: { serviceId: f.serviceId }, orderBy: { rank: "asc" }, select: ITEM_SELECT });
  const snapshot = await getWallSnapshot(actor, f.serviceId);

  console.log(`${N} loads each; load average ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  await cpu("getWallSnapshot + JSON.stringify (as shipped)", async () => JSON.stringify(await getWallSnapshot(actor, f.serviceId)));
  await cpu("  getWallSnapshot alone", () => getWallSnapshot(actor, f.serviceId));
  await cpu("  prisma workItem.findMany (5,000 rows)", () =>
    db.workItem.findMany({ where: { serviceId: f.serviceId }, orderBy: { rank: "asc" }, select: ITEM_SELECT }),
  );
  await cpu("  toWorkItemDto over 5,000 rows", () => prismaItems.map(toWorkItemDto));
  await cpu("  JSON.stringify of the snapshot", () => JSON.stringify(snapshot));
  await cpu("variant: items via $queryRawUnsafe + mapping", async () => {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${COLS} FROM WorkItem WHERE serviceId = ? ORDER BY rank`, f.serviceId);
    // JSONB columns come back parsed, DateTime columns as Date.
    return rows.map((r) => ({
      ...r,
      labels: r.labels as string[],
      version: Number(r.version),
      enteredStageAt: (r.enteredStageAt as Date).toISOString(),
      createdAt: (r.createdAt as Date).toISOString(),
    }));
  });
  await cpu("raw better-sqlite3: items SELECT + mapping", () =>
    (selItems.all(f.serviceId) as Record<string, unknown>[]).map((r) => ({
      ...r,
      labels: JSON.parse(r.labels as string) as string[],
      enteredStageAt: isoDate(r.enteredStageAt),
      createdAt: isoDate(r.createdAt),
    })),
  );
  await db.$disconnect();
  raw.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
