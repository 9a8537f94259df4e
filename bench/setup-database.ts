// Phase 0: a fresh SQLite database under bench/.data, migrated with `prisma migrate deploy`,
// holding one service (created through the service layer) with 5,000 work items.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DATA_DIR, DB_FILE, writeFixture } from "./lib/common";

const MIGRATIONS = path.resolve("prisma", "sqlite", "migrations");

/** A hash of every migration file: the migrated template is reused while it is unchanged. */
function migrationsHash(): string {
  const h = createHash("sha256");
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(path.relative(MIGRATIONS, p)).update(readFileSync(p));
    }
  };
  walk(MIGRATIONS);
  return h.digest("hex").slice(0, 16);
}

/**
 * A fresh database: a copy of an empty database migrated by `prisma migrate deploy` (the CLI
 * takes 10–40 s on a busy machine, so the migrated template is kept per migrations hash).
 */
function freshMigratedDatabase(): void {
  const template = path.join(DATA_DIR, `template-${migrationsHash()}.db`);
  if (!existsSync(template)) {
    for (const f of readdirSync(DATA_DIR)) if (f.startsWith("template-")) rmSync(path.join(DATA_DIR, f), { force: true });
    const building = `${template}.building`;
    rmSync(building, { force: true });
    execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: `file:${building}` },
      stdio: "pipe",
    });
    renameSync(building, template);
  }
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(DB_FILE + suffix, { force: true });
  copyFileSync(template, DB_FILE);
}

const ITEMS = Number(process.env.BENCH_ITEMS ?? 5000);
// "service": each item through createItem (the real write path, ~10 s); "bulk": createMany
// of valid rows plus their item.created events in one transaction (~1 s).
const SEED_MODE = (process.env.BENCH_SEED ?? "bulk") as "service" | "bulk";

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

async function main() {
  mkdirSync(DATA_DIR, { recursive: true });
  freshMigratedDatabase();

  const { db, dbReady } = await import("@/server/db");
  const { loadUserActor } = await import("@/server/services/actors/load-user-actor");
  const { createService } = await import("@/server/services/services/create-service");
  const { createItem } = await import("@/server/services/items/create-item");
  const { ranksAfter } = await import("@/domain/ranks");
  const { toWorkItemDto, ITEM_SELECT } = await import("@/server/services/items/item-dto");
  await dbReady();

  const org = await db.organization.create({ data: { name: "Bench Web Conversion Ltd" } });
  const team = await db.team.create({ data: { orgId: org.id, name: "Checkout team" } });
  const user = await db.user.create({
    data: {
      email: "bench.master@example.test",
      name: "Bench Service Master",
      memberships: { create: [{ teamId: team.id, role: "SERVICE_MASTER" }] },
    },
  });
  const actor = await loadUserActor(user.id);
  if (!actor) throw new Error("bench user could not be loaded as an actor");
  // The default value stream without done-criteria or WIP limits: the benches move items freely
  // (the rules of flow would refuse unfinished work and 450 items per stage).
  const { DEFAULT_STAGES } = await import("@/domain/stages");
  const stages = DEFAULT_STAGES.map((st) => ({ ...st, wipLimit: null, doneCriteria: [] }));
  const service = await createService(actor, { teamId: team.id, key: "bench", name: "Bench conversion service", stages });
  const stageIds = service.stageIds;

  const started = performance.now();
  if (SEED_MODE === "service") {
    for (let i = 0; i < ITEMS; i++) {
      await createItem(actor, service.id, { ...itemInput(i), stageId: stageIds[i % stageIds.length] });
    }
  } else {
    const ranks = ranksAfter(null, ITEMS);
    const now = Date.now();
    await db.$transaction(async (tx) => {
      const chunk = 500;
      for (let from = 0; from < ITEMS; from += chunk) {
        const rows = [];
        for (let i = from; i < Math.min(ITEMS, from + chunk); i++) {
          rows.push({
            ...itemInput(i),
            serviceId: service.id,
            stageId: stageIds[i % stageIds.length]!,
            rank: ranks[i]!,
            createdById: user.id,
            // Spread over the last 30 days so stage ages vary as on a real wall.
            enteredStageAt: new Date(now - ((i * 613) % (30 * 24 * 60)) * 60_000),
          });
        }
        await tx.workItem.createMany({ data: rows });
      }
      // The item.created events the service layer would have appended, with gapless seqs.
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
            actorId: user.id,
            type: "item.created",
            payload: { item: toWorkItemDto(row) },
          })),
        });
      }
    });
  }
  const seedMs = performance.now() - started;
  const count = await db.workItem.count({ where: { serviceId: service.id } });
  if (count !== ITEMS) throw new Error(`seeded ${count} items, expected ${ITEMS}`);
  await db.$disconnect();

  writeFixture({
    dbFile: DB_FILE,
    serviceId: service.id,
    serviceKey: service.key,
    teamId: team.id,
    userId: user.id,
    stageIds,
    items: ITEMS,
    seedMs,
    seedMode: SEED_MODE,
  });
  console.log(`seeded ${ITEMS} items (${SEED_MODE}) in ${Math.round(seedMs)} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
