// Live-wall bench, phase 0: a fresh SQLite database (bench/.data/wall/wall.db) migrated with
// `prisma migrate deploy`, holding
// - a team with a Service Master and WATCHERS viewers (one person per watching socket);
// - "live": the service the fan-out and memory phases watch, 20 items made through createItem;
// - "wall-10", "wall-1k", "wall-5k": walls for the browser phase, items bulk-inserted as
//   bench/setup-database.ts does (valid rows plus their item.created events and lastSeq).
// Every service is the default value stream WITHOUT done-criteria or WIP limits: the bench moves
// items freely (the flow rules would refuse unfinished work and hundreds of items per stage).
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { WALL_DATA_DIR, WALL_DB_FILE, WALL_FIXTURE_FILE, writeWallFixture } from "./common";

const WATCHERS = Number(process.env.BENCH_WALL_WATCHERS ?? 10_000);
const WALL_SIZES = [10, 1000, 5000];
const KINDS = ["FEATURE", "RFC", "MAINTENANCE", "DEFECT", "IMPROVEMENT"] as const;
const LABELS = ["checkout", "mobile", "payments", "search", "seo", "a11y", "perf", "infra"];

function itemInput(i: number) {
  return {
    title: `Work item ${i + 1}: improve the conversion funnel step ${(i % 37) + 1}`,
    description: `Bench item ${i + 1}. A short description of the kind a team writes on a card, about two lines long.`,
    kind: KINDS[i % KINDS.length]!,
    labels: [LABELS[i % LABELS.length]!, LABELS[(i * 3 + 1) % LABELS.length]!],
    businessValue: (i * 7919) % 1000,
    costEstimate: i % 3 === 0 ? null : ((i * 104729) % 100_000) / 10,
  };
}

const t0 = performance.now();
const step = (what: string) => console.log(`setup: ${what} at ${Math.round(performance.now() - t0)} ms`);

/**
 * The seeded database is kept (bench/.data/wall/seed-<key>.db) and copied for each run: seeding
 * is not what the bench measures, and on a loaded 2-core machine it takes over a minute. The key
 * covers what shapes the data: the migrations, this file, the default stages, service creation.
 * BENCH_WALL_FRESH=1 seeds again regardless.
 */
function seedKey(): string {
  const h = createHash("sha1");
  const migrations = path.resolve("prisma", "sqlite", "migrations");
  for (const dir of readdirSync(migrations).sort()) {
    const file = path.join(migrations, dir, "migration.sql");
    if (existsSync(file)) h.update(dir).update(readFileSync(file));
  }
  for (const f of ["bench/wall/setup.ts", "src/domain/stages.ts", "src/server/services/services/create-service.ts"]) h.update(readFileSync(path.resolve(f)));
  h.update(String(WATCHERS));
  return h.digest("hex").slice(0, 12);
}

async function main() {
  const started = performance.now();
  mkdirSync(WALL_DATA_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(WALL_DB_FILE + suffix, { force: true });
  const key = seedKey();
  const cachedDb = path.join(WALL_DATA_DIR, `seed-${key}.db`);
  const cachedFixture = path.join(WALL_DATA_DIR, `seed-${key}.json`);
  if (process.env.BENCH_WALL_FRESH !== "1" && existsSync(cachedDb) && existsSync(cachedFixture)) {
    copyFileSync(cachedDb, WALL_DB_FILE);
    copyFileSync(cachedFixture, WALL_FIXTURE_FILE);
    copyFileSync(WALL_DB_FILE, cachedDb);
  copyFileSync(WALL_FIXTURE_FILE, cachedFixture);
  console.log(`wall bench database: a copy of the seeded ${path.relative(process.cwd(), cachedDb)} (BENCH_WALL_FRESH=1 seeds again)`);
    return;
  }
  for (const f of readdirSync(WALL_DATA_DIR)) if (f.startsWith("seed-")) rmSync(path.join(WALL_DATA_DIR, f));
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], { env: process.env, stdio: "pipe" });

  const { db, dbReady } = await import("@/server/db");
  const { loadUserActor } = await import("@/server/services/actors/load-user-actor");
  const { createService } = await import("@/server/services/services/create-service");
  const { createItem } = await import("@/server/services/items/create-item");
  const { DEFAULT_STAGES } = await import("@/domain/stages");
  const { ranksAfter } = await import("@/domain/ranks");
  const { toWorkItemDto, ITEM_SELECT } = await import("@/server/services/items/item-dto");
  await dbReady();

  step("migrated");
  const org = await db.organization.create({ data: { name: "Wall Bench Ltd" } });
  const team = await db.team.create({ data: { orgId: org.id, name: "Checkout team" } });
  const master = await db.user.create({
    data: {
      email: "wall.master@example.test",
      name: "Wall Bench Service Master",
      memberships: { create: [{ teamId: team.id, role: "SERVICE_MASTER" }] },
    },
  });
  const actor = await loadUserActor(master.id);
  if (!actor) throw new Error("the Service Master could not be loaded as an actor");

  // Watchers: one person (and one user room on the hub) per socket, as on a real floor. Plain
  // rows (the columns' SQL defaults fill the rest), written in one raw transaction: through
  // Prisma's createMany they took 30 s on a loaded machine.
  const watcherIds = Array.from({ length: WATCHERS }, (_, i) => `watcher${String(i).padStart(5, "0")}`);
  const raw = new Database(WALL_DB_FILE, { timeout: 10_000 });
  const at = new Date().toISOString().replace("Z", "+00:00");
  const insertUser = raw.prepare('INSERT INTO "User" ("id", "email", "name", "createdAt") VALUES (?, ?, ?, ?)');
  const insertMember = raw.prepare('INSERT INTO "Membership" ("id", "userId", "teamId", "role", "createdAt") VALUES (?, ?, ?, \'VIEWER\', ?)');
  raw.transaction(() => {
    watcherIds.forEach((id, i) => {
      insertUser.run(id, `${id}@example.test`, `Watcher ${i + 1}`, at);
      insertMember.run(`m-${id}`, id, team.id, at);
    });
  })();
  raw.close();
  step(`${WATCHERS} watchers`);
  const stages = DEFAULT_STAGES.map((st) => ({ ...st, wipLimit: null, doneCriteria: [] }));
  const live = await createService(actor, { teamId: team.id, key: "live", name: "Live fan-out service", stages });
  const liveItemIds: string[] = [];
  for (let i = 0; i < 20; i++) {
    const item = await createItem(actor, live.id, { ...itemInput(i), stageId: live.stageIds[0] });
    liveItemIds.push(item.id);
  }

  const walls: Array<{ id: string; key: string; items: number }> = [];
  for (const size of WALL_SIZES) {
    const key = size >= 1000 ? `wall-${size / 1000}k` : `wall-${size}`;
    const service = await createService(actor, { teamId: team.id, key, name: `Wall of ${size} items`, stages });
    const ranks = ranksAfter(null, size);
    const now = Date.now();
    await db.$transaction(
      async (tx) => {
      for (let from = 0; from < size; from += 500) {
        const rows = [];
        for (let i = from; i < Math.min(size, from + 500); i++) {
          rows.push({
            ...itemInput(i),
            serviceId: service.id,
            stageId: service.stageIds[i % service.stageIds.length]!,
            rank: ranks[i]!,
            createdById: master.id,
            enteredStageAt: new Date(now - ((i * 613) % (30 * 24 * 60)) * 60_000),
          });
        }
        await tx.workItem.createMany({ data: rows });
      }
      const items = await tx.workItem.findMany({ where: { serviceId: service.id }, orderBy: { rank: "asc" }, select: ITEM_SELECT });
      const { lastSeq } = await tx.service.update({
        where: { id: service.id },
        data: { lastSeq: { increment: items.length } },
        select: { lastSeq: true },
      });
      const first = lastSeq - items.length + 1;
      for (let from = 0; from < items.length; from += 500) {
        await tx.event.createMany({
          data: items.slice(from, from + 500).map((row, j) => ({
            serviceId: service.id,
            seq: first + from + j,
            actorId: master.id,
            type: "item.created",
            payload: { item: toWorkItemDto(row) },
          })),
        });
      }
      },
      // A busy machine (other work on both cores) stretches this well past Prisma's default 5 s.
      { timeout: 120_000, maxWait: 120_000 },
    );
    walls.push({ id: service.id, key, items: size });
    step(`wall of ${size}`);
  }
  await db.$disconnect();
  // Everything into the main file, so a plain copy of it is the whole database.
  const done = new Database(WALL_DB_FILE);
  done.pragma("wal_checkpoint(TRUNCATE)");
  done.close();

  const seedMs = performance.now() - started;
  writeWallFixture({
    dbFile: WALL_DB_FILE,
    teamId: team.id,
    masterId: master.id,
    watcherIds,
    live: { id: live.id, key: "live", itemIds: liveItemIds, stageIds: live.stageIds },
    walls,
    seedMs,
  });
  copyFileSync(WALL_DB_FILE, cachedDb);
  copyFileSync(WALL_FIXTURE_FILE, cachedFixture);
  console.log(`wall bench database: ${WATCHERS} watchers, walls of ${WALL_SIZES.join(", ")} items, in ${Math.round(seedMs)} ms`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
