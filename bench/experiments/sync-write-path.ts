// Can the SQLite write path reach ≥ 1,000 moves/s with the same guarantees? A prototype: the
// move's checks (scope, permission matrix, zod, the pure move rule) and writes (version guard,
// lastSeq, Event row) run as ONE synchronous better-sqlite3 transaction on the very connection
// Prisma's adapter owns. Synchronous means no other JavaScript (no Prisma query) can run in the
// middle, so it cannot interleave with a Prisma transaction; when a Prisma interactive
// transaction is open on the connection (`inTransaction`), the prototype waits for it to end.
// Run after `npm run bench` (it needs bench/.data): see bench/README.md.
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { readFixture } from "../lib/common";
import { openRaw } from "../lib/raw";

const N = Number(process.env.BENCH_EXP_N ?? 2000);

async function main() {
  const f = readFixture();
  const { PrismaClient } = await import("@/generated/sqlite/client");
  const { can } = await import("@/domain/permissions");
  const { decideMove } = await import("@/domain/moves");
  const { ZMoveItemRequest } = await import("@/lib/schemas/item");
  const { parseInput } = await import("@/server/services/parse-input");
  const { publishCommitted } = await import("@/server/realtime/bus");
  const { toWorkItemDto } = await import("@/server/services/items/item-dto");
  const { loadUserActor } = await import("@/server/services/actors/load-user-actor");

  // Capture the adapter's connection as Prisma connects (the adapter keeps it in `client`).
  const factory = new PrismaBetterSQLite3({ url: `file:${f.dbFile}`, timeout: 5000 });
  const connect = factory.connect.bind(factory);
  let conn: Database.Database | undefined;
  factory.connect = async () => {
    const adapter = await connect();
    conn = (adapter as unknown as { client: Database.Database }).client;
    return adapter;
  };
  const prisma = new PrismaClient({ adapter: factory });
  await prisma.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  if (!conn) throw new Error("connection not captured");
  const c = conn;

  const actor = await loadUserActor(f.userId);
  if (!actor) throw new Error("bench user missing");
  const teamIds = [...new Set(actor.memberships.map((m) => m.teamId))];
  // The adapter turned on safe integers for the connection; these statements read plain numbers.
  const selectItem = c
    .prepare(
      `SELECT w.id, w.serviceId, w.stageId, w.kind, w.title, w.description, w.rank, w.labels, w.blockedReason,
              w.businessValue, w.costEstimate, w.version, w.enteredStageAt, w.createdAt, s.teamId, st.retired
         FROM WorkItem w JOIN Service s ON s.id = w.serviceId JOIN Stage st ON st.id = w.stageId
        WHERE w.id = ? AND s.teamId IN (${teamIds.map(() => "?").join(",")})`,
    )
    .safeIntegers(false);
  const selectStage = c.prepare("SELECT id, retired, serviceId FROM Stage WHERE id = ?").safeIntegers(false);
  const updateItem = c.prepare(
    "UPDATE WorkItem SET stageId = ?, version = version + 1, enteredStageAt = ?, updatedAt = ? WHERE id = ? AND version = ?",
  );
  const bumpSeq = c.prepare("UPDATE Service SET lastSeq = lastSeq + 1 WHERE id = ? RETURNING lastSeq").safeIntegers(false);
  const insertEvent = c.prepare(
    "INSERT INTO Event (id, serviceId, seq, actorId, type, payload, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );

  type Row = {
    id: string; serviceId: string; stageId: string; kind: string; title: string; description: string; rank: string;
    labels: string; blockedReason: string | null; businessValue: number | null; costEstimate: number | null;
    version: number; enteredStageAt: string; createdAt: string; teamId: string; retired: number;
  };
  const moveSync = c.transaction((itemId: string, input: unknown) => {
    const item = selectItem.get(itemId, ...teamIds) as Row | undefined;
    if (!item) throw new Error("NOT_FOUND");
    if (!can(actor, "item.move", { teamId: item.teamId, serviceId: item.serviceId })) throw new Error("FORBIDDEN");
    const cmd = parseInput(ZMoveItemRequest, input);
    const to = selectStage.get(cmd.toStageId) as { id: string; retired: number; serviceId: string } | undefined;
    const decision = decideMove({
      item,
      expectedVersion: cmd.expectedVersion,
      fromStage: { id: item.stageId, retired: item.retired === 1 },
      toStage: to ? { ...to, retired: to.retired === 1 } : null,
      itemServiceId: item.serviceId,
    });
    if (!decision.ok) throw new Error(decision.code);
    const now = new Date();
    const nowText = now.toISOString().replace("Z", "+00:00");
    if (updateItem.run(cmd.toStageId, nowText, nowText, itemId, cmd.expectedVersion).changes !== 1) throw new Error("VERSION_CONFLICT");
    const { lastSeq } = bumpSeq.get(item.serviceId) as { lastSeq: number };
    const enteredStageAt = new Date(item.enteredStageAt);
    const moved = toWorkItemDto({
      ...item,
      labels: JSON.parse(item.labels) as unknown,
      stageId: cmd.toStageId,
      version: item.version + 1,
      enteredStageAt: now,
      createdAt: new Date(item.createdAt),
    });
    const payload = {
      itemId,
      fromStageId: item.stageId,
      toStageId: cmd.toStageId,
      version: moved.version,
      enteredStageAt: moved.enteredStageAt,
      msInFromStage: now.getTime() - enteredStageAt.getTime(),
    };
    insertEvent.run(randomUUID(), item.serviceId, lastSeq, f.userId, "item.moved", JSON.stringify(payload), nowText);
    const event = { serviceId: item.serviceId, seq: lastSeq, actorId: f.userId, type: "item.moved", payload, createdAt: now.toISOString() };
    return { moved, event };
  });

  let waits = 0;
  async function move(itemId: string, input: { toStageId: string; expectedVersion: number }) {
    // A Prisma interactive transaction is open on this connection (between its awaits):
    // joining it would mix our writes into its commit or rollback, so wait for it to end.
    while (c.inTransaction) {
      waits++;
      await new Promise((r) => setImmediate(r));
    }
    const { moved, event } = moveSync(itemId, input);
    publishCommitted([event as never]);
    return moved;
  }

  const raw = openRaw(f.dbFile);
  const items = raw.prepare("SELECT id, stageId, version FROM WorkItem WHERE serviceId = ? ORDER BY rank").all(f.serviceId) as {
    id: string; stageId: string; version: number;
  }[];
  const nextStage = (s: string) => f.stageIds[(f.stageIds.indexOf(s) + 1) % f.stageIds.length]!;
  const seq0 = (raw.prepare("SELECT lastSeq FROM Service WHERE id = ?").get(f.serviceId) as { lastSeq: number }).lastSeq;

  for (let i = 0; i < 100; i++) {
    const it = items[i]!;
    const m = await move(it.id, { toStageId: nextStage(it.stageId), expectedVersion: it.version });
    it.version = m.version;
    it.stageId = m.stageId;
  }
  // Beside it, a Prisma interactive transaction on the same connection now and then, as other
  // commands would run: the sync path must not interleave with it (and falls back while it is open).
  let prismaTx = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const it = items[(100 + i) % items.length]!;
    if (i % 100 === 0) {
      void prisma.$transaction(async (tx) => {
        await tx.service.update({ where: { id: f.serviceId }, data: { version: { increment: 1 } } });
        prismaTx++;
      });
    }
    const m = await move(it.id, { toStageId: nextStage(it.stageId), expectedVersion: it.version });
    it.version = m.version;
    it.stageId = m.stageId;
  }
  const ms = performance.now() - t0;
  const cu = process.cpuUsage(cpu0);
  await new Promise((r) => setTimeout(r, 100));
  const { n, maxSeq, lastSeq } = raw
    .prepare("SELECT count(*) AS n, max(seq) AS maxSeq, (SELECT lastSeq FROM Service WHERE id = ?) AS lastSeq FROM Event WHERE serviceId = ?")
    .get(f.serviceId, f.serviceId) as { n: number; maxSeq: number; lastSeq: number };
  console.log(
    `${N} moves: ${((N / ms) * 1000).toFixed(0)} moves/s, ${((cu.user + cu.system) / 1000 / N).toFixed(3)} ms CPU per move; ` +
      `${waits} waits for one of ${prismaTx} concurrent Prisma transactions to end; ` +
      `events ${n}, max seq ${maxSeq}, lastSeq ${lastSeq} (${n === maxSeq && maxSeq === lastSeq ? "gapless" : "BROKEN"}), +${lastSeq - seq0} this run`,
  );
  await prisma.$disconnect();
  raw.close();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
