// (b) Item moves per second through the service layer (moveItem: authorise, zod, pure rule,
// version-guarded update and the Event row in one transaction), beside the same database steps
// in a raw better-sqlite3 transaction on the same file.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { openRaw } from "./lib/raw";
import { beforeDeadline, readFixture, round, writeResult, type Row } from "./lib/common";

// Bounded: a fixed number of moves, cut short by a time cap on a very slow machine.
const MOVES = Number(process.env.BENCH_MOVES ?? 2000);
const WARMUP = 30;
const BLOCK = 50;
const TIME_CAP_MS = Number(process.env.BENCH_MOVE_CAP_MS ?? 25_000);

type ItemState = { id: string; stageId: string; version: number };

async function main() {
  const f = readFixture();
  const { db, dbReady } = await import("@/server/db");
  const { loadUserActor } = await import("@/server/services/actors/load-user-actor");
  const { moveItem } = await import("@/server/services/items/move-item");
  const { rejectItem } = await import("@/server/services/items/reject-item");
  await dbReady();
  const actor = await loadUserActor(f.userId);
  if (!actor) throw new Error("bench user missing");

  const raw = openRaw(f.dbFile);
  const all = raw
    .prepare("SELECT id, stageId, version FROM WorkItem WHERE serviceId = ? ORDER BY rank")
    .all(f.serviceId) as ItemState[];
  // The service layer and the baseline move disjoint halves, so neither sees the other's versions.
  const half = Math.floor(all.length / 2);
  const serviceItems = all.slice(0, half);
  const rawItems = all.slice(half);
  const nextStage = (stageId: string) => f.stageIds[(f.stageIds.indexOf(stageId) + 1) % f.stageIds.length]!;
  const isLast = (stageId: string) => f.stageIds.indexOf(stageId) === f.stageIds.length - 1;

  async function viaService(count: number, offset: number): Promise<{ done: number; ms: number; cpuMs: number }> {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let i = 0;
    for (; i < count && beforeDeadline(3_000); i++) {
      const it = serviceItems[(offset + i) % serviceItems.length]!;
      // From the last stage the next one is upstream: a rejection (with a reason) under the rules of flow.
      const cmd = { toStageId: nextStage(it.stageId), expectedVersion: it.version };
      const moved = isLast(it.stageId)
        ? await rejectItem(actor!, it.id, { ...cmd, reason: "bench: back to the start" })
        : await moveItem(actor!, it.id, cmd);
      it.stageId = moved.stageId;
      it.version = moved.version;
    }
    const used = process.cpuUsage(cpu);
    return { done: i, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
  }

  // The same statements as moveItem (findItemForFlow + changeStage) and runCommand, by hand:
  // the item scoped to the actor's teams with its stage, met criteria and open andon; the
  // target stage with its criteria (and its row lock when limited); the counts the WIP and
  // andon rules need; the version-guarded update; the lastSeq bump; the event row.
  const teamIds = [...new Set(actor.kind === "user" ? actor.memberships.map((m) => m.teamId) : [])];
  const selectItem = raw.prepare(
    `SELECT w.id, w.serviceId, w.stageId, w.kind, w.title, w.description, w.rank, w.labels, w.blockedReason,
            w.businessValue, w.costEstimate, w.version, w.enteredStageAt, w.createdAt, w.expedite, w.expediteReason,
            w.rejectionCount, w.releaseId, s.teamId
       FROM WorkItem w JOIN Service s ON s.id = w.serviceId
      WHERE w.id = ? AND s.teamId IN (${teamIds.map(() => "?").join(",")})`,
  );
  const selectStage = raw.prepare("SELECT id, key, name, position, retired, wipLimit, serviceId FROM Stage WHERE id = ?");
  const selectCriteria = raw.prepare("SELECT id, text FROM DoneCriterion WHERE stageId = ? AND retired = 0 ORDER BY position");
  const selectMet = raw.prepare(
    `SELECT s.criterionId, c.stageId, c.retired FROM ItemCriterionState s JOIN DoneCriterion c ON c.id = s.criterionId
      WHERE s.itemId = ? AND s.done = 1`,
  );
  const selectAndon = raw.prepare("SELECT id, reason, pulledAt FROM Andon WHERE itemId = ? AND releasedAt IS NULL ORDER BY pulledAt LIMIT 1");
  const lockStage = raw.prepare("UPDATE Stage SET version = version + 0 WHERE id = ?");
  const countItems = raw.prepare("SELECT count(*) AS n FROM WorkItem WHERE stageId = ?");
  const countAndons = raw.prepare("SELECT count(*) AS n FROM Andon WHERE stageId = ? AND releasedAt IS NULL");
  const updateItem = raw.prepare(
    `UPDATE WorkItem SET stageId = ?, version = version + 1, enteredStageAt = ?, expedite = 0, expediteReason = NULL,
            rejectionCount = rejectionCount + ?, updatedAt = ? WHERE id = ? AND version = ?`,
  );
  const bumpSeq = raw.prepare("UPDATE Service SET lastSeq = lastSeq + 1 WHERE id = ? RETURNING lastSeq");
  const insertEvent = raw.prepare(
    "INSERT INTO Event (id, serviceId, seq, actorId, type, payload, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  type StageRow = { id: string; retired: number; wipLimit: number | null; serviceId: string };
  const rawMove = raw.transaction((itemId: string, toStageId: string, expectedVersion: number, reject: boolean) => {
    const item = selectItem.get(itemId, ...teamIds) as
      | { id: string; serviceId: string; stageId: string; version: number; enteredStageAt: string }
      | undefined;
    if (!item) throw new Error("not found");
    const from = selectStage.get(item.stageId) as StageRow;
    const fromCriteria = selectCriteria.all(item.stageId) as { id: string }[];
    const met = new Set((selectMet.all(itemId) as { criterionId: string }[]).map((m) => m.criterionId));
    const andon = selectAndon.get(itemId);
    if (item.version !== expectedVersion) throw new Error("version conflict");
    const to = selectStage.get(toStageId) as StageRow | undefined;
    if (!to || to.serviceId !== item.serviceId || to.retired || from.retired) throw new Error("refused");
    selectCriteria.all(toStageId);
    if (to.wipLimit !== null) lockStage.run(toStageId);
    const { n: inTarget } = countItems.get(toStageId) as { n: number };
    const { n: andonsInTarget } = countAndons.get(toStageId) as { n: number };
    if (!reject && (andon || andonsInTarget > 0 || fromCriteria.some((c) => !met.has(c.id)) || (to.wipLimit !== null && inTarget >= to.wipLimit))) {
      throw new Error("rule violation");
    }
    const now = new Date();
    const nowText = now.toISOString().replace("Z", "+00:00");
    const r = updateItem.run(toStageId, nowText, reject ? 1 : 0, nowText, itemId, expectedVersion);
    if (r.changes !== 1) throw new Error("version conflict");
    const { lastSeq } = bumpSeq.get(item.serviceId) as { lastSeq: number };
    const payload = {
      itemId,
      fromStageId: item.stageId,
      toStageId,
      version: item.version + 1,
      enteredStageAt: now.toISOString(),
      msInFromStage: now.getTime() - new Date(item.enteredStageAt).getTime(),
      doneCriterionIds: [],
      ...(reject ? { reason: "bench: back to the start", rejectionCount: 1, resetCriterionIds: [] } : { expedite: null }),
    };
    insertEvent.run(randomUUID(), item.serviceId, lastSeq, f.userId, reject ? "item.rejected" : "item.moved", JSON.stringify(payload), nowText);
    return item.version + 1;
  });

  function viaRaw(count: number, offset: number): { done: number; ms: number; cpuMs: number } {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let done = 0;
    for (; done < count && beforeDeadline(3_000); done++) {
      const it = rawItems[(offset + done) % rawItems.length]!;
      const to = nextStage(it.stageId);
      it.version = rawMove(it.id, to, it.version, isLast(it.stageId));
      it.stageId = to;
    }
    const used = process.cpuUsage(cpu);
    return { done, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
  }

  await viaService(WARMUP, 0);
  viaRaw(WARMUP, 0);
  // Alternating blocks, so load from elsewhere on the machine hits both sides alike.
  const svc = { done: 0, ms: 0, cpuMs: 0 };
  const base = { done: 0, ms: 0, cpuMs: 0 };
  const started = performance.now();
  while (svc.done < MOVES && performance.now() - started < TIME_CAP_MS && beforeDeadline(3_000)) {
    for (const [acc, r] of [
      [svc, await viaService(BLOCK, WARMUP + svc.done)],
      [base, viaRaw(BLOCK, WARMUP + base.done)],
    ] as const) {
      acc.done += r.done;
      acc.ms += r.ms;
      acc.cpuMs += r.cpuMs;
    }
  }

  // The write path's promise: every move left exactly one event, with no gap in the sequence.
  const { lastSeq } = raw.prepare("SELECT lastSeq FROM Service WHERE id = ?").get(f.serviceId) as { lastSeq: number };
  const { n, maxSeq } = raw
    .prepare("SELECT count(*) AS n, max(seq) AS maxSeq FROM Event WHERE serviceId = ?")
    .get(f.serviceId) as { n: number; maxSeq: number };
  const notes: string[] = [];
  if (n !== lastSeq || maxSeq !== lastSeq) notes.push(`EVENT SEQUENCE BROKEN: ${n} events, max seq ${maxSeq}, lastSeq ${lastSeq}`);
  if (svc.done < MOVES) notes.push(`moves stopped by the ${TIME_CAP_MS} ms cap after ${svc.done} per side`);

  const perSec = (svc.done / svc.ms) * 1000;
  const rawPerSec = (base.done / base.ms) * 1000;
  const rows: Row[] = [
    {
      metric: `(b) moveItem, sequential (${svc.done} moves)`,
      value: round(perSec, 0),
      baseline: round(rawPerSec, 0),
      baselineLabel: "raw better-sqlite3 tx",
      better: "higher",
      unit: "moves/s",
      target: "≥ 1000/s",
      met: Number.isFinite(perSec) ? perSec >= 1000 : null,
    },
    {
      metric: "(b) moveItem, CPU per move",
      value: round(svc.cpuMs / svc.done, 2),
      baseline: round(base.cpuMs / base.done, 3),
      baselineLabel: "raw better-sqlite3 tx",
      better: "lower",
      unit: "ms",
      target: "—",
      met: null,
    },
  ];
  writeResult({ phase: "move", rows, notes });
  raw.close();
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
