// Where does moveItem's time go? CPU per operation of the Prisma 6.19 client (query compiler in
// WASM + interpreter + driver adapter) on the bench database, and the CPU of leaner variants of
// the same move, so a proposed change to the write path comes with numbers.
// Run after `npm run bench` (it needs bench/.data): see bench/README.md.
import { randomUUID } from "node:crypto";
import { readFixture } from "../lib/common";
import { openRaw } from "../lib/raw";

const N = Number(process.env.BENCH_EXP_N ?? 300);

async function main() {
  const f = readFixture();
  const { db, dbReady } = await import("@/server/db");
  const { loadUserActor } = await import("@/server/services/actors/load-user-actor");
  const { moveItem } = await import("@/server/services/items/move-item");
  const { ITEM_SELECT } = await import("@/server/services/items/item-dto");
  await dbReady();
  const actor = await loadUserActor(f.userId);
  if (!actor) throw new Error("bench user missing");
  const raw = openRaw(f.dbFile);
  const items = raw.prepare("SELECT id, stageId, version FROM WorkItem WHERE serviceId = ? ORDER BY rank").all(f.serviceId) as {
    id: string;
    stageId: string;
    version: number;
  }[];
  const nextStage = (s: string) => f.stageIds[(f.stageIds.indexOf(s) + 1) % f.stageIds.length]!;
  let cursor = 0;
  const pick = () => items[cursor++ % items.length]!;
  const sid = f.stageIds[0]!;
  const itemId = items[0]!.id;

  async function cpu(name: string, fn: () => Promise<unknown> | unknown) {
    for (let i = 0; i < 30; i++) await fn();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await fn();
    const c = process.cpuUsage(c0);
    const wall = (performance.now() - t0) / N;
    console.log(`${name.padEnd(58)} ${((c.user + c.system) / 1000 / N).toFixed(3).padStart(7)} ms CPU  ${wall.toFixed(3).padStart(7)} ms wall`);
  }

  console.log(`${N} runs each; load average ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  console.log("— single operations");
  await cpu("raw better-sqlite3: prepared SELECT stage by id", () => raw.prepare("SELECT id, retired, serviceId FROM Stage WHERE id = ?").get(sid));
  await cpu("prisma: stage.findUnique (no transaction)", () => db.stage.findUnique({ where: { id: sid }, select: { id: true, retired: true, serviceId: true } }));
  await cpu("prisma: $queryRaw SELECT stage (no transaction)", () => db.$queryRaw`SELECT id, retired, serviceId FROM Stage WHERE id = ${sid}`);
  await cpu("prisma: empty interactive $transaction", () => db.$transaction(async () => 1));
  await cpu("prisma: tx + workItem.findFirst with nested service+stage", () =>
    db.$transaction((tx) =>
      tx.workItem.findFirst({
        where: { id: itemId, service: { teamId: { in: [f.teamId] } } },
        select: { ...ITEM_SELECT, service: { select: { teamId: true } }, stage: { select: { id: true, retired: true } } },
      }),
    ),
  );
  await cpu("prisma: tx + workItem.findFirst flat", () => db.$transaction((tx) => tx.workItem.findFirst({ where: { id: itemId }, select: ITEM_SELECT })));
  await cpu("prisma: tx + service.update lastSeq (+0)", () =>
    db.$transaction((tx) => tx.service.update({ where: { id: f.serviceId }, data: { lastSeq: { increment: 0 } }, select: { lastSeq: true } })),
  );

  console.log("— authentication of one API request (session cookie)");
  const { encode } = await import("next-auth/jwt");
  const { authSecret } = await import("@/server/env");
  const { resolveActor } = await import("@/server/auth/request-actor");
  const token = await encode({ token: { uid: f.userId, sv: 0, sub: f.userId }, secret: authSecret() });
  const { getToken } = await import("next-auth/jwt");
  await cpu("next-auth getToken (JWE decrypt, key derived per call)", () =>
    getToken({ req: { cookies: { "next-auth.session-token": token }, headers: {} } as never, secret: authSecret() }),
  );
  await cpu("loadUserActor (user + memberships + pool assignments)", () => loadUserActor(f.userId));
  await cpu("resolveActor({ cookie }) as a route calls it", () => resolveActor({ cookie: `next-auth.session-token=${token}` }));

  console.log("— one whole move");
  await cpu("moveItem (as shipped)", async () => {
    const it = pick();
    const m = await moveItem(actor, it.id, { toStageId: nextStage(it.stageId), expectedVersion: it.version });
    it.version = m.version;
    it.stageId = m.stageId;
  });
  // The same checks and writes in 4 statements through Prisma's raw API inside one interactive
  // transaction: one joined read (item, its service's team, both stages), the guarded update,
  // the lastSeq bump with RETURNING, the event insert.
  await cpu("variant: 4 $queryRaw/$executeRaw in one $transaction", async () => {
    const it = pick();
    const to = nextStage(it.stageId);
    await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ stageId: string; version: number; serviceId: string; enteredStageAt: string; teamId: string; fromRetired: number; toService: string | null; toRetired: number | null }[]>`
        SELECT w.stageId, w.version, w.serviceId, w.enteredStageAt, s.teamId, fs.retired AS fromRetired, ts.serviceId AS toService, ts.retired AS toRetired
          FROM WorkItem w JOIN Service s ON s.id = w.serviceId JOIN Stage fs ON fs.id = w.stageId LEFT JOIN Stage ts ON ts.id = ${to}
         WHERE w.id = ${it.id} AND s.teamId = ${f.teamId}`;
      const row = rows[0];
      if (!row || Number(row.version) !== it.version) throw new Error("refused");
      const now = new Date().toISOString().replace("Z", "+00:00");
      const n = await tx.$executeRaw`UPDATE WorkItem SET stageId = ${to}, version = version + 1, enteredStageAt = ${now}, updatedAt = ${now} WHERE id = ${it.id} AND version = ${it.version}`;
      if (n !== 1) throw new Error("conflict");
      const [seq] = await tx.$queryRaw<{ lastSeq: number }[]>`UPDATE Service SET lastSeq = lastSeq + 1 WHERE id = ${row.serviceId} RETURNING lastSeq`;
      const payload = JSON.stringify({ itemId: it.id, fromStageId: it.stageId, toStageId: to, version: it.version + 1 });
      await tx.$executeRaw`INSERT INTO Event (id, serviceId, seq, actorId, type, payload, createdAt) VALUES (${randomUUID()}, ${row.serviceId}, ${Number(seq!.lastSeq)}, ${f.userId}, 'item.moved', ${payload}, ${now})`;
    });
    it.version += 1;
    it.stageId = to;
  });
  await db.$disconnect();
  raw.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
