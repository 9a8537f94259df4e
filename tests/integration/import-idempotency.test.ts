// An import runs once per Idempotency-Key (issue 9.14: a double-clicked Import made 2 rows into
// 4 items). Through the real route on a real database: a repeat of the key — later or at the
// same moment — answers the first report and writes nothing; another file under the same key is
// refused.
import { beforeAll, describe, expect, it } from "vitest";
import * as ops from "@/lib/openapi/backlog-operations";
import { POST as importRoute } from "@/app/api/v1/services/[serviceId]/import/route";
import { db } from "@/server/db";
import { createService } from "@/server/services/services/create-service";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

const CSV = "title,kind\nFirst,FEATURE\nSecond,DEFECT\n";
let teamId: string;
let cookie: string;
let otherCookie: string;
let master: Awaited<ReturnType<typeof makeUser>>["actor"];

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  const m = await makeUser({ teamId, roles: ["SERVICE_MASTER"] });
  master = m.actor;
  cookie = await sessionCookie(m.user.id);
  otherCookie = await sessionCookie((await makeUser({ teamId, roles: ["DEVELOPER"] })).user.id);
});

const newService = () => createService(master, { teamId, key: `idem-${uid()}`, name: "Idempotent import" });
const state = async (serviceId: string) => ({
  items: await db.workItem.count({ where: { serviceId } }),
  events: await db.event.count({ where: { serviceId } }),
});
const send = (serviceId: string, key: string | null, csv = CSV, who = cookie) =>
  call(importRoute, "POST", ops.importBacklog.path, {
    cookie: who,
    params: { serviceId },
    body: { csv, dryRun: false },
    headers: key ? { "idempotency-key": key } : {},
  });

describe("import with an Idempotency-Key", () => {
  it("the same key twice: one set of items, the repeat answers the first report and writes nothing", async () => {
    const s = await newService();
    const key = crypto.randomUUID();
    const first = await send(s.id, key);
    expect(first.status).toBe(201);
    expectContract(ops.importBacklog, 201, first.body);
    const after = await state(s.id);
    expect(after.items).toBe(2);

    const again = await send(s.id, key);
    expect(again.status).toBe(201);
    expectContract(ops.importBacklog, 201, again.body);
    expect(again.body).toEqual(first.body);
    expect(await state(s.id)).toEqual(after);
  });

  it("the same key at the same moment: one set of items, every answer the same report", async () => {
    const s = await newService();
    const key = crypto.randomUUID();
    const answers = await Promise.all([send(s.id, key), send(s.id, key), send(s.id, key)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const ids = answers.map((a) => a.body.created.map((c: { id: string }) => c.id).join());
    expect(new Set(ids).size).toBe(1);
    expect((await state(s.id)).items).toBe(2);
    expect(await db.event.count({ where: { serviceId: s.id, type: "backlog.imported" } })).toBe(1);
  });

  it("the same key with another file, or from someone else, is refused with 409 and writes nothing", async () => {
    const s = await newService();
    const key = crypto.randomUUID();
    expect((await send(s.id, key)).status).toBe(201);
    const after = await state(s.id);
    const other = await send(s.id, key, "title\nThird\n");
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/Idempotency-Key/);
    expect((await send(s.id, key, CSV, otherCookie)).status).toBe(409);
    expect(await state(s.id)).toEqual(after);
  });

  it("different keys are different imports; a dry run with a key keeps no receipt", async () => {
    const s = await newService();
    const dry = await call(importRoute, "POST", ops.importBacklog.path, {
      cookie,
      params: { serviceId: s.id },
      body: { csv: CSV, dryRun: true },
      headers: { "idempotency-key": "same-key-for-dry-and-real" },
    });
    expect(dry.status).toBe(200);
    expect((await send(s.id, "same-key-for-dry-and-real")).body.created).toHaveLength(2);
    expect((await send(s.id, crypto.randomUUID())).body.created).toHaveLength(2);
    expect((await state(s.id)).items).toBe(4);
  });

  it("a malformed key is a 400 in words", async () => {
    const s = await newService();
    const res = await send(s.id, "short");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Idempotency-Key header must be 8 to 200 visible characters/);
    expect((await state(s.id)).items).toBe(0);
  });
});
