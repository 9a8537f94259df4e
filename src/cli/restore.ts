// `npm run restore -- <backup file> [--force]` — restores a backup made by `npm run backup` into
// the database DATABASE_URL names. Refuses a database that already has tables unless --force
// (which replaces its contents). Stop the app first. README "Backup and restore".
import { databaseUrl, main, parseCommandLine, UsageError } from "./cli-support";

const USAGE = `Usage: npm run restore -- <backup file> [--force]
  <backup file>   a file written by npm run backup (SQLite .sqlite3 or PostgreSQL .pgdump)
  --force         replace the contents of a database that is not empty
The database is DATABASE_URL, as for the app (default file:./data/obeya.db). Stop the app first;
start it afterwards as usual (it applies any newer migrations).`;

void main(USAGE, async () => {
  const { values, positionals } = parseCommandLine(
    process.argv.slice(2),
    { force: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    true,
  );
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length === 0) throw new UsageError("Name the backup file to restore.");
  if (positionals.length > 1) throw new UsageError(`One backup file at a time (got ${positionals.length}).`);
  const url = await databaseUrl();
  const { restoreDatabase } = await import("@/server/ops/backup-restore");
  const r = await restoreDatabase(url, positionals[0]!, { force: values.force ?? false });
  const counts = Object.entries(r.counts)
    .map(([t, n]) => `${n} ${t}`)
    .join(", ");
  console.log(`✔ Restored into ${r.target} in ${(r.ms / 1000).toFixed(1)} s (${counts}). Start the app as usual: it applies any newer migrations.`);
});
