// (d) Backup and restore of the bench database (5,000 items; issue 14.4): our own recovery point
// and recovery time, and what a backup costs the moves that run beside it.
// - Moves through moveItem (as in (b)) in alternating windows: without a backup, then with a
//   child process taking backups back to back (backupDatabase, as `npm run backup`: VACUUM INTO
//   on its own connection) for the whole window, then without again. Target: moves/s during
//   backups ≥ 80% of without (the mean of the two windows without).
// - Recovery point: a backup holds the database as of its start and exists once written, so
//   with backups every T the data lost is at most T + one backup's duration (p50 printed).
// - Recovery time: `npm run restore` of the last backup into an empty file, then the app's own
//   readiness check and the wall of the 5,000-item service loaded in a fresh process
//   (tests/support/restored-app-check.ts): restore start → wall served.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { appEnv, beforeDeadline, DATA_DIR, percentile, readFixture, round, writeResult, type Row } from "./lib/common";

const WINDOW_MS = Number(process.env.BENCH_BACKUP_WINDOW_MS ?? 6_000);
const BACKUP_DIR = path.join(DATA_DIR, "backups");

type ItemState = { id: string; stageId: string; version: number };

function runNode(file: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", file, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

async function main() {
  const f = readFixture();
  const url = `file:${f.dbFile}`;
  const { db, dbReady } = await import("@/server/db");
  const { loadUserActor } = await import("@/server/services/actors/load-user-actor");
  const { moveItem } = await import("@/server/services/items/move-item");
  const { rejectItem } = await import("@/server/services/items/reject-item");
  await dbReady();
  const actor = await loadUserActor(f.userId);
  if (!actor) throw new Error("bench user missing");
  const items = (await db.workItem.findMany({
    where: { serviceId: f.serviceId },
    orderBy: { rank: "asc" },
    select: { id: true, stageId: true, version: true },
  })) as ItemState[];
  const nextStage = (stageId: string) => f.stageIds[(f.stageIds.indexOf(stageId) + 1) % f.stageIds.length]!;
  const isLast = (stageId: string) => f.stageIds.indexOf(stageId) === f.stageIds.length - 1;
  let cursor = 0;

  /** Sequential moves for `ms` (each its own turn of the event loop, as requests are): moves/s. */
  async function movesFor(ms: number): Promise<number> {
    const started = performance.now();
    let n = 0;
    while (performance.now() - started < ms && beforeDeadline(8_000)) {
      const it = items[cursor++ % items.length]!;
      const cmd = { toStageId: nextStage(it.stageId), expectedVersion: it.version };
      const moved = isLast(it.stageId)
        ? await rejectItem(actor!, it.id, { ...cmd, reason: "bench: back to the start" })
        : await moveItem(actor!, it.id, cmd);
      it.stageId = moved.stageId;
      it.version = moved.version;
      n++;
      await new Promise((r) => setImmediate(r));
    }
    return n / ((performance.now() - started) / 1000);
  }

  rmSync(BACKUP_DIR, { recursive: true, force: true });
  await movesFor(500); // warm-up
  const without1 = await movesFor(WINDOW_MS);
  // Backups for the whole next window: the loop starts first (its process start-up is not
  // part of the window: it waits for its first backup to begin), and is stopped after.
  const loop = runNode("bench/lib/backup-loop.ts", [], appEnv({ BENCH_BACKUP_DIR: BACKUP_DIR, BENCH_BACKUP_LOOP_MS: String(WINDOW_MS + 30_000) }));
  // Give the child its start-up (tsx, better-sqlite3) so the window measures backups, not imports.
  await new Promise((r) => setTimeout(r, 1_500));
  const during = await movesFor(WINDOW_MS);
  loop.child.kill("SIGTERM");
  const looped = await loop.done;
  if (looped.code !== 0) throw new Error(`backup loop failed: ${looped.stderr}`);
  const { ms: backupMs, bytes } = JSON.parse(looped.stdout.trim().split("\n").pop()!) as { ms: number[]; bytes: number };
  const without2 = await movesFor(WINDOW_MS);
  const without = (without1 + without2) / 2;

  // One more backup to restore, with the service as the moves left it.
  const { backupDatabase } = await import("@/server/ops/backup-restore");
  const backupFile = path.join(BACKUP_DIR, "rto.sqlite3");
  const single = await backupDatabase(url, backupFile);
  const lastSeq = (await db.service.findUniqueOrThrow({ where: { id: f.serviceId }, select: { lastSeq: true } })).lastSeq;
  await db.$disconnect();

  const restoredFile = path.join(BACKUP_DIR, "restored.db");
  for (const s of ["", "-wal", "-shm"]) rmSync(restoredFile + s, { force: true });
  const rtoStart = performance.now();
  const restore = await runNode("src/cli/restore.ts", [backupFile], appEnv({ DATABASE_URL: `file:${restoredFile}` })).done;
  if (restore.code !== 0) throw new Error(`restore failed: ${restore.stderr}`);
  const restoredMs = performance.now() - rtoStart;
  const check = await runNode("tests/support/restored-app-check.ts", [f.userId, f.serviceId], appEnv({ DATABASE_URL: `file:${restoredFile}` })).done;
  const rtoMs = performance.now() - rtoStart;
  if (check.code !== 0) throw new Error(`restored app check failed: ${check.stderr}`);
  const seen = JSON.parse(check.stdout.trim().split("\n").pop()!) as { readiness: { status: string }; wall: { items: number; seq: number } };

  const notes = [
    `${backupMs.length} back-to-back backups during the ${WINDOW_MS} ms window; backup file ${round(bytes / 1024 / 1024, 2)} MiB`,
    `moves/s without a backup: ${round(without1)} before, ${round(without2)} after the window with backups`,
    `restored app: readiness ${seen.readiness.status}, wall of ${seen.wall.items} items at seq ${seen.wall.seq} (source lastSeq ${lastSeq})`,
    `recovery point with a schedule every T: at most T + ${round(percentile(backupMs, 50))} ms (a backup holds the database as of its start)`,
  ];
  if (seen.readiness.status !== "ready" || seen.wall.items !== f.items || seen.wall.seq !== lastSeq) notes.push("RESTORED DATABASE DIFFERS FROM THE SOURCE");
  rmSync(BACKUP_DIR, { recursive: true, force: true });

  const rows: Row[] = [
    {
      metric: `(d) moves during back-to-back backups (${f.items} items)`,
      value: round(during),
      baseline: round(without),
      better: "higher",
      unit: "moves/s",
      baselineLabel: "no backup running",
      target: "≥ 0.8× without",
      met: during >= 0.8 * without,
    },
    {
      metric: "(d) backup duration, p50 (recovery point = schedule + this)",
      value: round(percentile(backupMs, 50)),
      baseline: null,
      better: "lower",
      unit: "ms",
      baselineLabel: "",
      target: "—",
      met: null,
    },
    {
      metric: "(d) the backup restored below (after the moves)",
      value: round(single.ms),
      baseline: null,
      better: "lower",
      unit: "ms",
      baselineLabel: "",
      target: "—",
      met: null,
    },
    {
      metric: "(d) recovery time: npm run restore",
      value: round(restoredMs),
      baseline: null,
      better: "lower",
      unit: "ms",
      baselineLabel: "",
      target: "—",
      met: null,
    },
    {
      metric: "(d) recovery time: restore → ready and wall served (fresh process)",
      value: round(rtoMs),
      baseline: null,
      better: "lower",
      unit: "ms",
      baselineLabel: "",
      target: "—",
      met: null,
    },
  ];
  writeResult({ phase: "backup", rows, notes });
  for (const r of rows) console.log(`${r.metric}: ${r.value} ${r.unit}${r.baseline !== null ? ` (baseline ${r.baseline})` : ""}`);
  for (const n of notes) console.log(`- ${n}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
