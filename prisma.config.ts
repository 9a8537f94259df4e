// Prisma CLI configuration. The CLI runs the WASM schema engine through a driver adapter,
// so no native engine is downloaded (see docs/decisions/001-prisma-offline-migrations.md).
import path from "node:path";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/obeya.db";
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  async adapter() {
    if (provider === "postgresql") {
      // adapter-pg 6.x cannot read PostgreSQL's `name` type that the schema engine queries;
      // 7.x can, and the 6.19 CLI accepts it. Run time uses adapter-pg 6.19 (src/server/db).
      const { PrismaPg } = await import("@prisma/adapter-pg-migrate");
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url });
  },
});
