// Shared by the live-wall bench (issue 4): where its database lives, the fixture hand-off
// between processes, the messages the runner exchanges with its child processes, and the one
// clock every process stamps with.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

// Apart from issue 2's bench/.data/bench.db, so the two benches never share a file.
export const WALL_DATA_DIR = path.resolve("bench", ".data", "wall");
export const WALL_DB_FILE = path.join(WALL_DATA_DIR, "wall.db");
export const WALL_FIXTURE_FILE = path.join(WALL_DATA_DIR, "fixture.json");
export const WALL_SECRET = "obeya-wall-bench-secret-not-for-production";

export type WallFixture = {
  dbFile: string;
  teamId: string;
  /** Service Master: makes the moves and opens the walls in Chromium. */
  masterId: string;
  /** Watchers (role VIEWER), one person per socket. */
  watcherIds: string[];
  /** The service the fan-out and memory phases watch (a few items). */
  live: { id: string; key: string; itemIds: string[]; stageIds: string[] };
  /** Walls for the browser phase, by item count. */
  walls: Array<{ id: string; key: string; items: number }>;
  seedMs: number;
};

export function writeWallFixture(f: WallFixture): void {
  mkdirSync(WALL_DATA_DIR, { recursive: true });
  writeFileSync(WALL_FIXTURE_FILE, JSON.stringify(f));
}

export function readWallFixture(): WallFixture {
  return JSON.parse(readFileSync(WALL_FIXTURE_FILE, "utf8")) as WallFixture;
}

/**
 * CLOCK_MONOTONIC in nanoseconds. It is one clock for every process on the machine, so a stamp
 * taken in the server process and one taken in the client process can be subtracted.
 */
export const nowNs = (): bigint => process.hrtime.bigint();

/** Nearest-rank percentile (p in 0..100). */
export function percentile(sample: readonly number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? NaN;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The app's environment for every child: the wall bench database, production mode, a fixed secret. */
export function wallEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: `file:${WALL_DB_FILE}`,
    NODE_ENV: "production",
    NEXTAUTH_SECRET: WALL_SECRET,
    NEXT_TELEMETRY_DISABLED: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    LOG_LEVEL: "warn",
    TZ: "UTC",
    ...extra,
  };
}

// ── Messages between the runner and its children (child_process IPC) ──

/** Runner → a server (hub-server.ts or bare-server.ts). */
export type ServerCommand =
  | { cmd: "move"; n: number }
  | { cmd: "emit"; n: number; payload: unknown }
  | { cmd: "memory" }
  | { cmd: "stop" };

/** A server → runner. Nanosecond stamps travel as strings (IPC is JSON). */
export type ServerReply =
  | { type: "ready"; port: number; lastSeq: number }
  | { type: "moved"; n: number; key: string; t0: string; event: unknown }
  | { type: "emitted"; n: number; key: string; t0: string }
  | { type: "memory"; heapUsed: number; rss: number; external: number; arrayBuffers: number; cpuMs: number; sockets: number; roomSize: number }
  | { type: "error"; message: string };

/** Runner → the client process. */
export type ClientCommand =
  | {
      cmd: "connect";
      group: string;
      url: string;
      count: number;
      /** Session cookies for these users (one per socket); none: anonymous (the bare server). */
      userIds: string[] | null;
      /** Join this service's wall after connecting (the hub); null: just stay connected. */
      join: { serviceId: string; afterSeq: number } | null;
      transports: Array<"websocket" | "polling">;
      concurrency: number;
      /** Epoch ms: start no new socket after this (a loaded machine cannot reach 10,000 in time). */
      deadline?: number;
    }
  | { cmd: "disconnect"; group: string }
  | { cmd: "stop" };

/** The client process → runner. */
export type ClientReply =
  // cpuMs: the client process's own CPU (user + system) while connecting this group.
  | { type: "connected"; group: string; count: number; ms: number; cpuMs: number }
  | { type: "received"; group: string; key: string; first: string; last: string; count: number }
  | { type: "disconnected"; group: string }
  | { type: "error"; message: string };

export function bigintMs(a: string, b: string): number {
  return Number(BigInt(a) - BigInt(b)) / 1e6;
}

/** One line of the table. */
export type Row = {
  metric: string;
  value: number;
  baseline: number | null;
  baselineLabel: string;
  unit: string;
  target: string;
  met: boolean | null;
};

export type PhaseOutput = { rows: Row[]; notes: string[] };
