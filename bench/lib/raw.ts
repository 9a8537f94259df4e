// The baseline's connection: raw better-sqlite3 on the same file, with the pragmas the app sets
// (src/server/db.ts tunePragmas), so the comparison isolates the app's own overhead.
import Database from "better-sqlite3";

export function openRaw(file: string): Database.Database {
  const raw = new Database(file, { timeout: 5000 });
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  return raw;
}

/** DateTime columns as the Prisma adapter writes them (ISO text) → the API's ISO strings. */
export function isoDate(value: unknown): string {
  return new Date(typeof value === "bigint" ? Number(value) : (value as string | number)).toISOString();
}

