// `npm run backup` and `npm run restore` on the provider under test (TEST_DB), as an operator
// runs them: separate processes beside a live app under write load.
// - Writers create and move items through the services (the one write path) without pause;
//   the backup command runs while they do. Every write acknowledged before the backup started
//   is in the restored database, every service's event sequence is 1..lastSeq without a gap, and
//   the restored database passes the app's own readiness check and serves its wall in a fresh
//   process.
// - Restoring over a database that is not empty is refused without --force (with a message, no
//   stack trace); bad arguments and wrong files get a message and a usage exit code.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { db } from "@/server/db";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { rejectItem } from "@/server/services/items/reject-item";
import { createService } from "@/server/services/services/create-service";
import { pgUrl } from "../support/global-setup";
import { makeTeam, makeUser, uid } from "../support/factories";

const info = inject("testDb");
const provider = info.provider;
const root = path.resolve(import.meta.dirname, "../..");
const sourceUrl = process.env.DATABASE_URL!;

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs a file of the app with tsx, as `npm run backup|restore` does, without blocking the writers. */
function node(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", file, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
const backupCli = (args: string[], url = sourceUrl) => node("src/cli/backup.ts", args, { DATABASE_URL: url });
const restoreCli = (args: string[], url: string) => node("src/cli/restore.ts", args, { DATABASE_URL: url });

// ---------------------------------------------------------------- the restored database, read raw

type Restored = {
  url: string;
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
};

async function emptyTarget(): Promise<string> {
  const id = randomBytes(4).toString("hex");
  if (provider === "sqlite") return `file:${path.join(info.dir, `restored-${id}.db`)}`;
  // Named after the run, so the run's teardown drops it with the other test databases.
  const name = `obeya_t_${info.runId}_restored_${id}`;
  const admin = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return pgUrl(process.env.TEST_POSTGRES_URL!, name);
}

async function openRestored(url: string): Promise<Restored> {
  if (provider === "sqlite") {
    const conn = new Database(url.replace(/^file:/, ""), { readonly: true });
    return {
      url,
      rows: async <T,>(sql: string) => conn.prepare(sql).all() as T[],
      close: async () => void conn.close(),
    };
  }
  const c = new Client({ connectionString: url });
  await c.connect();
  return { url, rows: async <T,>(sql: string) => (await c.query(sql)).rows as T[], close: () => c.end() };
}

// ---------------------------------------------------------------- write load

let master: Actor;
let userId: string;
let serviceId: string;
let stageIds: string[];

beforeAll(async () => {
  const team = await makeTeam();
  const m = await makeUser({ teamId: team.id, roles: ["SERVICE_MASTER"] });
  master = m.actor;
  userId = m.user.id;
  // No done-criteria or WIP limits: the writers may move any item at any time.
  const s = await createService(master, {
    teamId: team.id,
    key: `bk-${uid()}`,
    name: "Backed-up conversion service",
    stages: ["Plan", "Build", "Deploy", "Run"].map((name, i) => ({ key: `s${i}`, name })),
  });
  serviceId = s.id;
  stageIds = s.stageIds;
});

type Ack = { kind: "create" | "move"; itemId: string; version: number; at: number };

/** `writers` loops creating and moving items, each write recorded once acknowledged. */
function startWriters(writers: number) {
  const acks: Ack[] = [];
  let stop = false;
  const loop = async (w: number) => {
    const mine: { id: string; stage: number; version: number }[] = [];
    for (let i = 0; !stop; i++) {
      // Each write as its own turn of the event loop, as requests arrive: on SQLite a write can
      // complete without any I/O callback, and a loop of them alone would starve the timers and
      // the backup process's exit event.
      await new Promise((r) => setImmediate(r));
      if (mine.length < 3 || i % 3 === 0) {
        const item = await createItem(master, serviceId, { title: `Writer ${w} item ${i}` });
        mine.push({ id: item.id, stage: 0, version: item.version });
        acks.push({ kind: "create", itemId: item.id, version: item.version, at: performance.now() });
      } else {
        const it = mine[i % mine.length]!;
        const last = it.stage === stageIds.length - 1;
        const to = last ? 0 : it.stage + 1;
        const cmd = { toStageId: stageIds[to]!, expectedVersion: it.version };
        // From the last stage the way on is upstream: a rejection, as the rules of flow want.
        const moved = last ? await rejectItem(master, it.id, { ...cmd, reason: "next round" }) : await moveItem(master, it.id, cmd);
        it.stage = to;
        it.version = moved.version;
        acks.push({ kind: "move", itemId: it.id, version: moved.version, at: performance.now() });
      }
    }
  };
  const done = Promise.all(Array.from({ length: writers }, (_, w) => loop(w)));
  return {
    acks,
    async stop() {
      stop = true;
      await done;
    },
  };
}

async function until(cond: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting for the writers");
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterAll(async () => {
  await db.$disconnect();
});

describe(`backup and restore on ${provider}`, () => {
  it("a backup taken under write load restores every acknowledged write, gapless events, and an app that is ready and serves", async () => {
    const load = startWriters(4);
    let backup: Run;
    let startedAt: number;
    let endedAt: number;
    try {
      await until(() => load.acks.length >= 40);
      const file = path.join(info.dir, `backup-${uid()}.${provider === "sqlite" ? "sqlite3" : "pgdump"}`);
      startedAt = performance.now();
      backup = await backupCli(["--out", file]);
      endedAt = performance.now();
      // A little more load after the backup: writes it must not contain are not checked, but
      // they keep the source busy to the end.
      const after = load.acks.length;
      await until(() => load.acks.length >= after + 5);
    } finally {
      await load.stop();
    }
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Backup written: .*backup-/);
    const file = /Backup written: (\S+)/.exec(backup.stdout)![1]!;

    const before = load.acks.filter((a) => a.at < startedAt);
    const during = load.acks.filter((a) => a.at >= startedAt && a.at <= endedAt);
    expect(before.length).toBeGreaterThanOrEqual(40);
    expect(before.some((a) => a.kind === "move")).toBe(true);
    // The writers went on while the backup ran: it is online.
    expect(during.length).toBeGreaterThan(0);

    const target = await emptyTarget();
    const restore = await restoreCli([file], target);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Restored into/);

    const restored = await openRestored(target);
    try {
      const items = new Map(
        (await restored.rows<{ id: string; version: number }>(`SELECT id, version FROM "WorkItem"`)).map((r) => [r.id, Number(r.version)]),
      );
      // Every acknowledged create is there, and every acknowledged move (or a later one of the
      // same item: versions only grow).
      const missing = before.filter((a) => !items.has(a.itemId) || items.get(a.itemId)! < a.version);
      expect(missing).toEqual([]);

      const services = await restored.rows<{ id: string; lastSeq: number }>(`SELECT id, "lastSeq" FROM "Service"`);
      expect(services.map((s) => s.id)).toContain(serviceId);
      for (const s of services) {
        const seqs = (await restored.rows<{ seq: number }>(`SELECT seq FROM "Event" WHERE "serviceId" = '${s.id}' ORDER BY seq`)).map((r) =>
          Number(r.seq),
        );
        expect(seqs, `event sequence of service ${s.id}`).toEqual(Array.from({ length: Number(s.lastSeq) }, (_, i) => i + 1));
      }
      // Each acknowledged write appended an event: the restored log holds at least those.
      const mine = services.find((s) => s.id === serviceId)!;
      expect(Number(mine.lastSeq)).toBeGreaterThanOrEqual(before.length + 1);

      // The restored database as the app sees it, in a process of its own.
      const check = await node("tests/support/restored-app-check.ts", [userId, serviceId], { DATABASE_URL: target });
      expect(check.code, check.stderr).toBe(0);
      const seen = JSON.parse(check.stdout.trim().split("\n").pop()!) as {
        readiness: { status: string; migrations: { missing: string[] } };
        wall: { items: number; seq: number };
      };
      expect(seen.readiness.status).toBe("ready");
      expect(seen.readiness.migrations.missing).toEqual([]);
      expect(seen.wall.items).toBe(items.size);
      expect(seen.wall.seq).toBe(Number(mine.lastSeq));
    } finally {
      await restored.close();
    }

    // The same backup again into the now non-empty database: refused, nothing changed.
    const again = await restoreCli([file], target);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty .*--force/);
    expect(again.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("bad arguments and wrong files get a plain message, never a stack trace", async () => {
    const [unknown, noFile, notBackup] = await Promise.all([
      backupCli(["--forse"]),
      restoreCli([], sourceUrl),
      restoreCli(["package.json"], sourceUrl),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--forse'[\s\S]*Usage: npm run backup/);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/Name the backup file to restore[\s\S]*Usage: npm run restore/);
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toMatch(/package\.json is not an Obeya backup/);
    for (const r of [unknown, noFile, notBackup]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
