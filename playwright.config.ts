// End-to-end tests in Debian's Chromium against the production server (server.ts: Next.js and
// Socket.IO on one port) on a fresh database: SQLite by default, PostgreSQL with
// E2E_DATABASE_URL=postgresql://.../obeya_e2e (that database is dropped and re-created).
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:./.e2e-data/e2e.db";

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "*.spec.ts",
  // *.pg.spec.ts run several instances on one database: PostgreSQL only (decision 010).
  testIgnore: DATABASE_URL.startsWith("postgres") ? [] : ["**/*.pg.spec.ts"],
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  // One retry on CI, reported as "flaky" by name in npm test's summary: a test that fails twice is
  // red; one that passes only on its retry is a defect to chase, not a reason to lose a landing.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: "list",
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    timezoneId: "UTC",
    locale: "en-GB",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1600, height: 900 },
        // Playwright cannot download its browsers here: Debian's chromium (PLATFORM.md).
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
  ],
  webServer: {
    command: "node tests/e2e/prepare-db.mjs && npx tsx server.ts",
    url: `${BASE_URL}/api/health`,
    // Always our own server on our own fresh database: never someone's dev server.
    reuseExistingServer: false,
    // build + migrate + demo seed + fixture on two busy cores
    timeout: 600_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL,
      NEXTAUTH_URL: BASE_URL,
      NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-use",
      ALLOWED_ORIGINS: BASE_URL,
      // One process: no Redis adapter in the e2e run.
      REDIS_URL: "",
      // Small, so the e2e suite can drive a wall into "too far behind: reload a snapshot".
      REPLAY_LIMIT: "5",
      // The suite plays clients at many addresses through X-Forwarded-For, as behind a proxy.
      TRUST_PROXY: "1",
      LOG_LEVEL: "warn",
    },
  },
});
