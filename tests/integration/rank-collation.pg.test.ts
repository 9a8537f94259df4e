// PostgreSQL only (vitest.config.mts includes *.pg.test.ts in the PostgreSQL run): backlog ranks
// on a database whose default collation is ICU en-US, where `ORDER BY rank` used to follow the
// locale ("a0v" beside "a0V") instead of byte order, and 80 creates gave 43 duplicate ranks
// (issue 9). The migration gives the column the "C" collation whatever the database's locale.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { pgUrl } from "../support/global-setup";

const info = inject("testDb");
const base = process.env.TEST_POSTGRES_URL!;
// The run's prefix: tests/support/global-setup.ts drops it with the run's other databases.
const name = `obeya_t_${info.runId}_icu_${randomBytes(3).toString("hex")}`;
const url = pgUrl(base, name);

beforeAll(async () => {
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`);
  await admin.end();
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: "pipe",
  });
  // The app's modules read DATABASE_URL when first imported: they are imported after this.
  process.env.DATABASE_URL = url;
});

describe("backlog ranks on an ICU en-US database", () => {
  it("the database really sorts by locale, and the rank column by bytes", async () => {
    const c = new Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ x: string }>(`SELECT x FROM (VALUES ('a0V'), ('a0v'), ('Zz')) t(x) ORDER BY x`);
    const column = await c.query<{ collation_name: string | null }>(
      `SELECT collation_name FROM information_schema.columns WHERE table_name = 'WorkItem' AND column_name = 'rank'`,
    );
    await c.end();
    // en-US puts lower case first and "Zz" last; byte order would give Zz, a0V, a0v.
    expect(rows.map((r) => r.x)).toEqual(["a0v", "a0V", "Zz"]);
    expect(column.rows[0]?.collation_name).toBe("C");
  });

  it("80 creates get 80 distinct ranks, listed in the order they were created", async () => {
    const { db } = await import("@/server/db");
    const { makeTeam, makeUser, uid } = await import("../support/factories");
    const { createService } = await import("@/server/services/services/create-service");
    const { createItem } = await import("@/server/services/items/create-item");
    expect(await db.$queryRawUnsafe<{ current_database: string }[]>("SELECT current_database()::text AS current_database")).toEqual([{ current_database: name }]);

    const teamId = (await makeTeam()).id;
    const { actor } = await makeUser({ teamId, roles: ["SERVICE_MASTER"] });
    const service = await createService(actor, { teamId, key: `icu-${uid()}`, name: "ICU ranks" });
    for (let i = 0; i < 80; i++) await createItem(actor, service.id, { title: `item ${String(i).padStart(2, "0")}` });

    const items = await db.workItem.findMany({ where: { serviceId: service.id }, orderBy: { rank: "asc" }, select: { title: true, rank: true } });
    const ranks = items.map((i) => i.rank);
    expect(new Set(ranks).size).toBe(80);
    expect(items.map((i) => i.title)).toEqual(Array.from({ length: 80 }, (_, i) => `item ${String(i).padStart(2, "0")}`));
    // The database's order is the byte order the app computes ranks in.
    expect(ranks).toEqual([...ranks].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await db.$disconnect();
    // 80 sequential commands on two shared cores: well past the default 30 s when the machine is busy.
  }, 180_000);
});
