import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { TReadiness } from "@/lib/schemas/http";
import { db } from "@/server/db";
import { databaseProvider } from "@/server/env";
import { log } from "@/server/log";

// A probe must answer even when the database hangs: past this, "unreachable".
const PROBE_TIMEOUT_MS = 3000;

type MigrationRow = { migration_name: string; finished_at: unknown; rolled_back_at: unknown };

/** The migration folders shipped with this build (prisma/<provider>/migrations/<name>/). */
export async function shippedMigrations(root = process.cwd()): Promise<string[]> {
  const dir = path.join(root, "prisma", databaseProvider, "migrations");
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Ready = the database answers and every migration this build ships is applied. Migrations
 * the database has but this build does not know (a newer build ran first) are reported but
 * do not make an older instance unready during a rolling upgrade.
 */
export async function checkReadiness(): Promise<TReadiness> {
  const expected = await shippedMigrations();
  let rows: MigrationRow[];
  try {
    rows = await withTimeout(
      db.$queryRawUnsafe<MigrationRow[]>("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations"),
      PROBE_TIMEOUT_MS,
    );
  } catch (err) {
    // Unreachable, or reachable without a migrations table: tell the two apart with a ping.
    const reachable = await withTimeout(db.$queryRawUnsafe("SELECT 1"), PROBE_TIMEOUT_MS).then(
      () => true,
      () => false,
    );
    log.warn({ err }, reachable ? "readiness: migrations table unreadable" : "readiness: database unreachable");
    return {
      status: "unavailable",
      provider: databaseProvider,
      database: reachable ? "reachable" : "unreachable",
      migrations: reachable ? { expected: expected.length, applied: 0, missing: expected, failed: [], unknown: [] } : null,
    };
  }
  const applied = new Set(rows.filter((r) => r.finished_at != null && r.rolled_back_at == null).map((r) => r.migration_name));
  const failed = [
    ...new Set(rows.filter((r) => r.finished_at == null && r.rolled_back_at == null).map((r) => r.migration_name)),
  ].filter((name) => !applied.has(name));
  const missing = expected.filter((name) => !applied.has(name));
  const unknown = [...applied].filter((name) => !expected.includes(name)).sort();
  return {
    status: missing.length === 0 && failed.length === 0 ? "ready" : "unavailable",
    provider: databaseProvider,
    database: "reachable",
    migrations: { expected: expected.length, applied: expected.length - missing.length, missing, failed, unknown },
  };
}
