// `npm run backup [-- --out <file> | --dir <folder>]` — an online, consistent backup of the
// database DATABASE_URL names (SQLite: VACUUM INTO; PostgreSQL: pg_dump custom format). The app
// keeps serving while it runs. README "Backup and restore".
import { databaseUrl, formatBytes, main, parseCommandLine, UsageError } from "./cli-support";

const USAGE = `Usage: npm run backup [-- --out <file> | --dir <folder>]
  --out <file>     write the backup to this file (it must not exist yet)
  --dir <folder>   write obeya-<provider>-<UTC time>.<sqlite3|pgdump> into this folder (default: backups)
The database is DATABASE_URL, as for the app (default file:./data/obeya.db).`;

void main(USAGE, async () => {
  const { values, positionals } = parseCommandLine(
    process.argv.slice(2),
    { out: { type: "string" }, dir: { type: "string" }, help: { type: "boolean", short: "h" } },
    true,
  );
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument '${positionals[0]}' (name the file with --out).`);
  if (values.out !== undefined && values.dir !== undefined) throw new UsageError("Give --out or --dir, not both.");
  if (values.out === "" || values.dir === "") throw new UsageError("--out and --dir need a path.");
  const url = await databaseUrl();
  const { backupDatabase, defaultBackupFile, providerOf } = await import("@/server/ops/backup-restore");
  const file = values.out ?? defaultBackupFile(providerOf(url), values.dir ?? "backups");
  const r = await backupDatabase(url, file);
  console.log(`✔ Backup written: ${r.file} (${formatBytes(r.bytes)}, ${r.provider}, ${(r.ms / 1000).toFixed(1)} s)`);
});
