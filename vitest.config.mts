import path from "node:path";
import { defineConfig } from "vitest/config";

// TEST_DB selects the database of the integration project (sqlite by default, or postgresql
// with TEST_POSTGRES_URL); `npm test` runs it once per database.
const alias = {
  "@": path.resolve(import.meta.dirname, "src"),
  // `server-only` throws outside React's server bundle; in tests the guard is moot.
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    env: { TZ: "UTC", NODE_ENV: "test", LOG_LEVEL: "silent" },
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // *.pg.test.ts exercise what only PostgreSQL has (cut connections, ICU collations),
          // *.sqlite.test.ts what only SQLite has (its synchronous store, docs/decisions/006):
          // only that database's run includes them, rather than skipping them on the other.
          exclude: process.env.TEST_DB === "postgresql" ? ["tests/integration/**/*.sqlite.test.ts"] : ["tests/integration/**/*.pg.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/fresh-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two cores: keep PostgreSQL and the test workers from starving each other.
          maxWorkers: 2,
        },
      },
    ],
  },
});
