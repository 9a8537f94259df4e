// Shared by the bench phases: where the bench database lives, the fixture hand-off between
// phases (each runs in its own process), and small statistics helpers.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// Phases run with the repository root as working directory (npm run bench).
export const DATA_DIR = path.resolve("bench", ".data");
export const DB_FILE = path.join(DATA_DIR, "bench.db");
export const FIXTURE_FILE = path.join(DATA_DIR, "fixture.json");
// A fixed secret so the HTTP phase can mint a session cookie the server accepts.
export const BENCH_SECRET = "obeya-bench-secret-not-for-production";

export type Fixture = {
  dbFile: string;
  serviceId: string;
  serviceKey: string;
  teamId: string;
  userId: string;
  stageIds: string[];
  items: number;
  seedMs: number;
  seedMode: "service" | "bulk";
};

export type Row = {
  metric: string;
  value: number;
  baseline: number | null;
  // Lower is better (a latency) or higher is better (a rate).
  better: "lower" | "higher";
  unit: string;
  baselineLabel: string;
  target: string;
  met: boolean | null;
  note?: string;
};

export type PhaseResult = { phase: string; rows: Row[]; notes: string[] };

export function writeFixture(f: Fixture): void {
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(FIXTURE_FILE, JSON.stringify(f, null, 2));
}

export function readFixture(): Fixture {
  return JSON.parse(readFileSync(FIXTURE_FILE, "utf8")) as Fixture;
}

export function resultFile(phase: string): string {
  return path.join(DATA_DIR, `result-${phase}.json`);
}

export function writeResult(r: PhaseResult): void {
  writeFileSync(resultFile(r.phase), JSON.stringify(r, null, 2));
}

/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(sample: readonly number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? NaN;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The environment every phase runs the app code with: the bench database, production mode
 * (as deployed), and the bench secret.
 */
export function appEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: `file:${DB_FILE}`,
    NODE_ENV: "production",
    NEXTAUTH_SECRET: BENCH_SECRET,
    NEXT_TELEMETRY_DISABLED: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    TZ: "UTC",
    ...extra,
  };
}

/**
 * The moment this phase must have written its result by (the runner's time limit for it, less
 * `reserveMs` for the work after the loop). Loops stop early rather than be killed.
 */
export function beforeDeadline(reserveMs: number): boolean {
  const deadline = Number(process.env.BENCH_DEADLINE_MS ?? Infinity);
  return Date.now() < deadline - reserveMs;
}
