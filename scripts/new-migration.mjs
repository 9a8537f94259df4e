// Creates the next migration for BOTH providers from the one model:
//   node scripts/new-migration.mjs <name>
// For each provider it diffs prisma/<p>/migrated.prisma (the schema as of the last migration)
// against prisma/<p>/schema.prisma (rendered from prisma/models.prisma) and writes the SQL to
// prisma/<p>/migrations/<timestamp>_<name>/migration.sql, then moves migrated.prisma forward.
//
// Why a kept copy instead of diffing against the migrations or a database: with a driver
// adapter configured, Prisma 6.19 refuses --from-migrations, --from-url and
// --from-schema-datasource (they need the native schema engine or a shadow database).
// See docs/decisions/001-prisma-offline-migrations.md.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PROVIDERS = {
  // The SQLite adapter opens this file when the CLI loads prisma.config.ts; the diff itself
  // reads no database.
  sqlite: "file:./data/obeya.db",
  // With a driver adapter the CLI connects even for a schema-to-schema diff: any reachable
  // PostgreSQL will do (nothing is written).
  postgresql:
    process.env.MIGRATION_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
};
const SNAPSHOT_HEADER =
  "// Snapshot of schema.prisma as of the last migration (scripts/new-migration.mjs): the base of the next diff. Do not edit.\n";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: node scripts/new-migration.mjs <name>   (lowercase letters, digits, underscores)");
  process.exit(2);
}

// The model must be rendered first, or we would migrate to a stale schema.
execFileSync(process.execPath, [join(root, "scripts/render-schemas.mjs")], { stdio: "inherit", cwd: root });
mkdirSync(join(root, "data"), { recursive: true });

function diff(provider, from, to) {
  return execFileSync(
    process.execPath,
    [join(root, "node_modules/prisma/build/index.js"), "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, DATABASE_URL: PROVIDERS[provider], PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    },
  );
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
let created = 0;
for (const provider of Object.keys(PROVIDERS)) {
  const dir = join(root, "prisma", provider);
  const schema = join(dir, "schema.prisma");
  const snapshot = join(dir, "migrated.prisma");
  if (!existsSync(snapshot)) {
    console.error(`${snapshot} is missing: it must hold the schema as of the last migration.`);
    process.exit(1);
  }
  const sql = diff(provider, snapshot, schema);
  if (/This is an empty migration/.test(sql)) {
    console.log(`${provider}: no change since the last migration`);
    continue;
  }
  const target = join(dir, "migrations", `${stamp}_${name}`);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "migration.sql"), sql);
  writeFileSync(snapshot, SNAPSHOT_HEADER + readFileSync(schema, "utf8"));
  created++;
  console.log(`${provider}: wrote ${join("prisma", provider, "migrations", `${stamp}_${name}`, "migration.sql")}`);
  // Migrations must never lose data silently: point at what Prisma flagged, for a human to
  // rewrite (e.g. copy a column before dropping it).
  const risky = sql.split("\n").filter((l) => /^\s*-\s+(You are about|Added the required|The migration will)/.test(l) || /\bDROP (TABLE|COLUMN)\b/i.test(l));
  if (risky.length > 0) {
    console.warn(`${provider}: REVIEW before committing — this migration may lose data:`);
    for (const l of risky) console.warn(`  ${l.trim()}`);
  }
}
if (created > 0) {
  console.log("Next: review the SQL, run `npm run test:integration -- tests/integration/migrations.test.ts`, commit both providers' migrations and migrated.prisma.");
}
