// The backlog on a real database (SQLite or PostgreSQL per TEST_DB): what is on it, filters,
// and ranks that stay unique and complete under concurrent reorders.
import { beforeAll, describe, expect, it } from "vitest";
import { compareRanks, duplicateRanks } from "@/domain/backlog";
import type { Actor } from "@/domain/permissions";
import { db } from "@/server/db";
import { getBacklog } from "@/server/services/backlog/get-backlog";
import { reorderBacklogItem } from "@/server/services/backlog/reorder-backlog-item";
import { createItem } from "@/server/services/items/create-item";
import { createService } from "@/server/services/services/create-service";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let developer: Actor;
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  developer = (await makeUser({ teamId, roles: ["DEVELOPER"] })).actor;
});

async function serviceWithItems(n: number) {
  const s = await createService(master, { teamId, key: `bl-${uid()}`, name: "Backlog" });
  const items = [];
  for (let i = 0; i < n; i++) items.push(await createItem(master, s.id, { title: `Item ${i + 1}`, businessValue: i * 10, costEstimate: i }));
  return { service: s, items };
}

async function rankedIds(serviceId: string) {
  const rows = await db.workItem.findMany({ where: { serviceId }, select: { id: true, rank: true } });
  expect(duplicateRanks(rows)).toEqual([]);
  return rows.sort((a, b) => compareRanks(a.rank, b.rank)).map((r) => r.id);
}

describe("getBacklog", () => {
  it("lists items not yet done by rank, with value and cost; items in the last stage are done", async () => {
    const { service } = await serviceWithItems(3);
    const last = service.stageIds.at(-1)!;
    await createItem(master, service.id, { title: "Retired long ago", stageId: last });
    const marked = await createItem(master, service.id, { title: "Marked done" });
    await db.workItem.update({ where: { id: marked.id }, data: { doneAt: new Date() } });
    const backlog = await getBacklog(developer, service.key);
    expect(backlog.doneStageId).toBe(last);
    expect(backlog.items.map((i) => i.title)).toEqual(["Item 1", "Item 2", "Item 3"]);
    expect(backlog.items[2]).toMatchObject({ businessValue: 20, costEstimate: 2, stories: { user: 0, test: 0, operations: 0, failingTests: 0 } });
    expect(backlog.seq).toBe((await db.service.findUniqueOrThrow({ where: { id: service.id } })).lastSeq);
  });

  it("filters by kind, stage, label and team", async () => {
    const s = await createService(master, { teamId, key: `bf-${uid()}`, name: "Filters" });
    await createItem(master, s.id, { title: "Feature", labels: ["Checkout"] });
    await createItem(master, s.id, { title: "Defect", kind: "DEFECT", stageId: s.stageIds[5] });
    const otherTeam = (await makeTeam()).id;
    const teamed = await createItem(master, s.id, { title: "Teamed" });
    await db.workItem.update({ where: { id: teamed.id }, data: { teamId: otherTeam } });
    const titles = async (q: object) => (await getBacklog(master, s.id, q)).items.map((i) => i.title);
    expect(await titles({ kind: "DEFECT" })).toEqual(["Defect"]);
    expect(await titles({ stageId: s.stageIds[0] })).toEqual(["Feature", "Teamed"]);
    expect(await titles({ label: "checkout" })).toEqual(["Feature"]);
    expect(await titles({ teamId: otherTeam })).toEqual(["Teamed"]);
  });

  it("answers 404 for a service of another team", async () => {
    const { service } = await serviceWithItems(0);
    const stranger = (await makeUser({ teamId: (await makeTeam()).id, roles: ["SERVICE_MASTER"] })).actor;
    await expect(getBacklog(stranger, service.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("reorderBacklogItem", () => {
  it("moves item 5 to the top: one row changes, one item.reordered event", async () => {
    const { service, items } = await serviceWithItems(6);
    const before = await db.workItem.findMany({ where: { serviceId: service.id }, select: { id: true, rank: true, version: true } });
    const seq = (await db.service.findUniqueOrThrow({ where: { id: service.id } })).lastSeq;
    const res = await reorderBacklogItem(master, service.id, { itemId: items[4]!.id, afterItemId: null, beforeItemId: items[0]!.id });
    expect(await rankedIds(service.id)).toEqual([4, 0, 1, 2, 3, 5].map((i) => items[i]!.id));
    const after = await db.workItem.findMany({ where: { serviceId: service.id }, select: { id: true, rank: true, version: true } });
    const changed = after.filter((a) => before.find((b) => b.id === a.id)!.rank !== a.rank);
    expect(changed.map((c) => c.id)).toEqual([items[4]!.id]);
    expect(changed[0]!.rank).toBe(res.rank);
    // rank is not an edit of the item: its version (and others' pending moves) stay valid
    expect(after.every((a) => a.version === before.find((b) => b.id === a.id)!.version)).toBe(true);
    const events = await db.event.findMany({ where: { serviceId: service.id, seq: { gt: seq } } });
    expect(events.map((e) => [e.seq, e.type, (e.payload as { itemId: string }).itemId])).toEqual([[seq + 1, "item.reordered", items[4]!.id]]);
  });

  it("only a Service Master reorders: a developer is refused (403) and nothing changes", async () => {
    const { service, items } = await serviceWithItems(3);
    const ids = await rankedIds(service.id);
    const events = await db.event.count({ where: { serviceId: service.id } });
    await expect(reorderBacklogItem(developer, service.id, { itemId: items[2]!.id, afterItemId: null, beforeItemId: items[0]!.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await rankedIds(service.id)).toEqual(ids);
    expect(await db.event.count({ where: { serviceId: service.id } })).toBe(events);
  });

  it("refuses neighbours now in the other order (409), a foreign neighbour (404) and a missing neighbour (400)", async () => {
    const { service, items } = await serviceWithItems(3);
    const other = await serviceWithItems(1);
    await expect(reorderBacklogItem(master, service.id, { itemId: items[0]!.id, afterItemId: items[2]!.id, beforeItemId: items[1]!.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(reorderBacklogItem(master, service.id, { itemId: items[0]!.id, afterItemId: other.items[0]!.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(reorderBacklogItem(master, service.id, { itemId: items[0]!.id })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("20 concurrent reorders into the same gap: all land, no duplicate rank, no missing item", async () => {
    const { service, items } = await serviceWithItems(24);
    const [a, b] = [items[0]!, items[1]!];
    // Every mover saw the same picture: put me between item 1 and item 2. Computed naively from
    // that picture, all 20 would get one and the same key.
    const movers = items.slice(4);
    const results = await Promise.allSettled(
      movers.map((m) => reorderBacklogItem(master, service.id, { itemId: m.id, afterItemId: a.id, beforeItemId: b.id })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const ids = await rankedIds(service.id);
    expect(new Set(ids)).toEqual(new Set(items.map((i) => i.id)));
    expect(ids).toHaveLength(24);
    // all 20 sit between item 1 and item 2, items 3 and 4 keep their place after them
    expect(ids[0]).toBe(a.id);
    expect(new Set(ids.slice(1, 21))).toEqual(new Set(movers.map((m) => m.id)));
    expect(ids.slice(21)).toEqual([b.id, items[2]!.id, items[3]!.id]);
    const reordered = await db.event.findMany({ where: { serviceId: service.id, type: "item.reordered" }, orderBy: { seq: "asc" } });
    expect(reordered).toHaveLength(20);
  });

  it("20 concurrent creates all land at the bottom with 20 distinct ranks", async () => {
    const { service, items } = await serviceWithItems(2);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, k) => createItem(master, service.id, { title: `Burst ${k}` })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const ids = await rankedIds(service.id);
    expect(ids).toHaveLength(22);
    expect(ids.slice(0, 2)).toEqual(items.map((i) => i.id));
  });

  it("20 concurrent reorders to random places: each is applied or refused whole, ranks stay a total order", async () => {
    const { service, items } = await serviceWithItems(30);
    const start = await rankedIds(service.id);
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const moves = Array.from({ length: 20 }, (_, k) => {
      const itemId = items[k]!.id;
      const others = start.filter((id) => id !== itemId);
      const at = rnd(others.length + 1);
      return { itemId, afterItemId: others[at - 1] ?? null, beforeItemId: others[at] ?? null };
    });
    const results = await Promise.allSettled(moves.map((m) => reorderBacklogItem(master, service.id, m)));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    // A move is refused only when its picture turned out too old (409), never with a server error.
    for (const r of refused) expect(r.reason).toMatchObject({ code: "CONFLICT" });
    const ids = await rankedIds(service.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids)).toEqual(new Set(items.map((i) => i.id)));
    const applied = await db.event.count({ where: { serviceId: service.id, type: "item.reordered" } });
    expect(applied).toBe(20 - refused.length);
    expect(applied).toBeGreaterThan(0);
    // the event sequence has no gap and no duplicate
    const seqs = (await db.event.findMany({ where: { serviceId: service.id }, select: { seq: true }, orderBy: { seq: "asc" } })).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});
