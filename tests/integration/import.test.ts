// CSV import and CSV/JSON export on a real database: a file with bad rows writes nothing and
// names each row by line; a valid one lands whole at the bottom of the backlog; export round-trips.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import * as ops from "@/lib/openapi/backlog-operations";
import { db } from "@/server/db";
import { importBacklog } from "@/server/services/backlog/import-backlog";
import { createItem } from "@/server/services/items/create-item";
import { createService } from "@/server/services/services/create-service";
import { POST as importRoute } from "@/app/api/v1/services/[serviceId]/import/route";
import { GET as exportRoute } from "@/app/api/v1/services/[serviceId]/export/route";
import { GET as backlogRoute } from "@/app/api/v1/services/[serviceId]/backlog/route";
import { POST as reorderRoute } from "@/app/api/v1/services/[serviceId]/backlog/reorder/route";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

let teamId: string;
let master: Actor;
let masterId: string;
let devId: string;
let viewerId: string;

beforeAll(async () => {
  teamId = (await makeTeam("Checkout squad")).id;
  const m = await makeUser({ teamId, roles: ["SERVICE_MASTER"] });
  master = m.actor;
  masterId = m.user.id;
  devId = (await makeUser({ teamId, roles: ["DEVELOPER"] })).user.id;
  viewerId = (await makeUser({ teamId, roles: ["VIEWER"] })).user.id;
});

const newService = () => createService(master, { teamId, key: `im-${uid()}`, name: "Import" });
const state = async (serviceId: string) => ({
  items: await db.workItem.count({ where: { serviceId } }),
  events: await db.event.count({ where: { serviceId } }),
});

const MALFORMED = [
  "title,kind,stage,labels,businessValue,costEstimate,team",
  "Good one,FEATURE,strategy,a;b,10,100,",
  ",FEATURE,strategy,,,,", // 3: no title
  "Bad kind,EPIC,strategy,,,,", // 4
  "Bad stage,FEATURE,nowhere,,,,", // 5
  '"Multi',
  'line",DEFECT,development,,abc,,', // 6-7: value not a number (reported at line 6)
  "Short,FEATURE", // 8: two values
  "Bad team,FEATURE,,,,,Nobody", // 9
  "Fine too,RFC,Development,,,,checkout squad",
].join("\n");

describe("importBacklog", () => {
  it("a CSV with malformed rows writes nothing and names each row by line, dry run or not", async () => {
    const s = await newService();
    const before = await state(s.id);
    const report = await importBacklog(master, s.id, { csv: MALFORMED, dryRun: true });
    expect(report).toMatchObject({ dryRun: true, valid: false, rows: 8, created: [] });
    expect(report.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 8, 9]);
    expect(report.errors.find((e) => e.line === 5)!.problems).toEqual(['stage "nowhere" is not a stage of this service']);
    expect(report.errors.find((e) => e.line === 6)!.problems[0]).toMatch(/businessValue "abc"/);
    expect(report.errors.find((e) => e.line === 9)!.problems).toEqual(['team "Nobody" does not work on this service']);
    await expect(importBacklog(master, s.id, { csv: MALFORMED, dryRun: false })).rejects.toMatchObject({
      code: "RULE_VIOLATION",
      details: { errors: report.errors },
    });
    expect(await state(s.id)).toEqual(before);
  });

  it("a valid file: the dry run writes nothing; the import creates every row at the bottom, in file order, with events", async () => {
    const s = await newService();
    await createItem(master, s.id, { title: "Already there" });
    const csv = "title,kind,stage,labels,businessValue,costEstimate,team\nFirst,FEATURE,,mobile; checkout,10,2.5,\nSecond,DEFECT,Development,,,,Checkout squad\n";
    const before = await state(s.id);
    const dry = await importBacklog(master, s.id, { csv });
    expect(dry).toMatchObject({ dryRun: true, valid: true, rows: 2, errors: [], created: [] });
    expect(await state(s.id)).toEqual(before);

    const done = await importBacklog(master, s.id, { csv, dryRun: false });
    expect(done.created.map((c) => c.title)).toEqual(["First", "Second"]);
    expect(done.created[0]).toMatchObject({ labels: ["mobile", "checkout"], businessValue: 10, costEstimate: 2.5, stageId: s.stageIds[0] });
    const rows = await db.workItem.findMany({ where: { serviceId: s.id }, orderBy: { rank: "asc" }, select: { title: true, teamId: true } });
    expect(rows.map((r) => r.title)).toEqual(["Already there", "First", "Second"]);
    expect(rows[2]!.teamId).toBe(teamId);
    const events = await db.event.findMany({ where: { serviceId: s.id, seq: { gt: before.events } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["item.created", "item.created", "backlog.imported"]);
  });
});

describe("HTTP: export, import, backlog, reorder", () => {
  it("exports CSV that imports back as the same items, and JSON as documented", async () => {
    const s = await newService();
    await createItem(master, s.id, { title: 'Quote "this", please', labels: ["a", "b"], businessValue: 7, description: "two\nlines" });
    await createItem(master, s.id, { title: "Plain", kind: "DEFECT", stageId: s.stageIds[3], costEstimate: 1.5 });
    const cookie = await sessionCookie(devId);
    const csv = await call(exportRoute, "GET", ops.exportBacklog.path, { cookie, params: { serviceId: s.key }, query: { format: "csv" } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(String(csv.body).split("\r\n")[0]).toBe("position,id,title,kind,stage,labels,businessValue,costEstimate,team,description,rank");
    const json = await call(exportRoute, "GET", ops.exportBacklog.path, { cookie, params: { serviceId: s.id }, query: { format: "json" } });
    expect(json.status).toBe(200);
    expectContract(ops.exportBacklog, 200, json.body);

    const target = await newService();
    const imported = await call(importRoute, "POST", ops.importBacklog.path, {
      cookie,
      params: { serviceId: target.id },
      body: { csv: csv.body, dryRun: false },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expectContract(ops.importBacklog, 201, imported.body);
    const back = await call(backlogRoute, "GET", ops.getBacklog.path, { cookie, params: { serviceId: target.id } });
    expectContract(ops.getBacklog, 200, back.body);
    const pick = (i: Record<string, unknown>) => [i.title, i.kind, i.labels, i.businessValue, i.costEstimate, i.description];
    expect(back.body.items.map(pick)).toEqual(json.body.items.map(pick));
    expect(back.body.items[1].stageId).toBe(target.stageIds[3]);
  });

  it("answers 200 for a dry run, 422 naming the rows for a bad import, 403 for a viewer, 400 for a bad body", async () => {
    const s = await newService();
    const cookie = await sessionCookie(devId);
    const dry = await call(importRoute, "POST", ops.importBacklog.path, { cookie, params: { serviceId: s.id }, body: { csv: MALFORMED } });
    expect(dry.status).toBe(200);
    expectContract(ops.importBacklog, 200, dry.body);
    const bad = await call(importRoute, "POST", ops.importBacklog.path, { cookie, params: { serviceId: s.id }, body: { csv: MALFORMED, dryRun: false } });
    expect(bad.status).toBe(422);
    expectContract(ops.importBacklog, 422, bad.body);
    expect(bad.body.error.details.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5, 6, 8, 9]);
    const viewer = await call(importRoute, "POST", ops.importBacklog.path, {
      cookie: await sessionCookie(viewerId),
      params: { serviceId: s.id },
      body: { csv: "title\nA\n", dryRun: false },
    });
    expect(viewer.status).toBe(403);
    const notJson = await call(importRoute, "POST", ops.importBacklog.path, { cookie, params: { serviceId: s.id }, body: { csv: 42 } });
    expect(notJson.status).toBe(400);
    expect(await db.workItem.count({ where: { serviceId: s.id } })).toBe(0);
  });

  it("reorder: 200 for the Service Master (contract), 403 for a developer, 409 for stale neighbours", async () => {
    const s = await newService();
    const [a, b, c] = [await createItem(master, s.id, { title: "A" }), await createItem(master, s.id, { title: "B" }), await createItem(master, s.id, { title: "C" })];
    const reorder = async (userId: string, body: object) =>
      call(reorderRoute, "POST", ops.reorderBacklog.path, { cookie: await sessionCookie(userId), params: { serviceId: s.id }, body });
    expect((await reorder(devId, { itemId: c.id, beforeItemId: a.id })).status).toBe(403);
    const ok = await reorder(masterId, { itemId: c.id, beforeItemId: a.id });
    expect(ok.status).toBe(200);
    expectContract(ops.reorderBacklog, 200, ok.body);
    expect((await reorder(masterId, { itemId: a.id, afterItemId: b.id, beforeItemId: c.id })).status).toBe(409);
  });
});
