// Child process of bench/backup.bench.ts: back-to-back backups of DATABASE_URL (the same
// backupDatabase as `npm run backup`) until the parent sends SIGTERM or BENCH_BACKUP_LOOP_MS
// passes, each into a fresh file under BENCH_BACKUP_DIR (removed once written). Prints one JSON
// line: the duration of each completed backup and the size of the last.
import { rmSync, mkdirSync } from "node:fs";
import path from "node:path";
import { backupDatabase } from "@/server/ops/backup-restore";

const dir = process.env.BENCH_BACKUP_DIR!;
const until = Date.now() + Number(process.env.BENCH_BACKUP_LOOP_MS ?? 10_000);
let stop = false;
process.on("SIGTERM", () => (stop = true));

async function main() {
  mkdirSync(dir, { recursive: true });
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; !stop && Date.now() < until; i++) {
    const file = path.join(dir, `loop-${i}.sqlite3`);
    const r = await backupDatabase(process.env.DATABASE_URL!, file);
    ms.push(r.ms);
    bytes = r.bytes;
    rmSync(file, { force: true });
    // Let the SIGTERM handler run between two backups.
    await new Promise((r) => setImmediate(r));
  }
  console.log(JSON.stringify({ ms, bytes }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
