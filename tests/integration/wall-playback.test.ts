// Wall playback (issue 13.4): a scripted history runs through the real services; after each step
// the wall that was served (getWallSnapshot) and the moment are recorded; then the wall is
// rebuilt from the event log at each of those moments (with and without checkpoints) and must
// be the one that was served. Scoped like the wall; it writes nothing but its checkpoints.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { SERVER_PROBLEM_KINDS, type TWallSnapshot } from "@/lib/schemas/wall";
import type { TWallPlayback } from "@/lib/schemas/playback";
import { db } from "@/server/db";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { releaseAndon } from "@/server/services/andon/release-andon";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { rejectItem } from "@/server/services/items/reject-item";
import { setItemBlocked } from "@/server/services/items/set-item-blocked";
import { setItemCriterion } from "@/server/services/items/set-item-criterion";
import { updateItem } from "@/server/services/items/update-item";
import { createService } from "@/server/services/services/create-service";
import { addStage } from "@/server/services/stages/add-stage";
import { updateStage } from "@/server/services/stages/update-stage";
import { getWallAt } from "@/server/services/walls/get-wall-at";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let viewer: Actor;
let stranger: Actor;
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER", "PROCESS_MASTER"] })).actor;
  viewer = (await makeUser({ teamId, roles: ["VIEWER"] })).actor;
  stranger = (await makeUser({ teamId: (await makeTeam()).id, roles: ["SERVICE_MASTER"] })).actor;
});

const SERVER_KINDS: ReadonlySet<string> = new Set(SERVER_PROBLEM_KINDS);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What both walls show, in one shape: cards, andons, stage configuration and counts, problems. */
function view(w: TWallSnapshot | TWallPlayback) {
  return {
    items: [...w.items]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((i) => ({
        id: i.id,
        stageId: i.stageId,
        title: i.title,
        rank: i.rank,
        version: i.version,
        blockedReason: i.blockedReason,
        enteredStageAt: i.enteredStageAt,
        expedite: i.expedite,
        rejectionCount: i.rejectionCount,
        sentBack: i.sentBack,
        doneCriterionIds: [...i.doneCriterionIds].sort(),
        andon: i.andon ? { id: i.andon.id, reason: i.andon.reason } : null,
      })),
    stages: w.stages.map((s) => ({
      id: s.id,
      name: s.name,
      wipLimit: s.wipLimit,
      position: s.position,
      itemCount: s.itemCount,
      rejections: s.rejections,
      andons: s.openAndons.map((a) => ({ id: a.id, itemId: a.itemId, reason: a.reason, problemId: a.problemId, pulledById: a.pulledById })),
    })),
    // Problems from other walls' data are not in the wall's events (none arise in this script).
    problems: w.problems.filter((p) => !SERVER_KINDS.has(p.kind)).map((p) => ({ stageId: p.stageId, kind: p.kind, message: p.message, itemIds: [...p.itemIds].sort() })),
  };
}

/** The andon times: the wall shows the event's time, the Andon row keeps its own (a few ms apart). */
function andonTimes(w: TWallSnapshot | TWallPlayback): number[] {
  return w.stages.flatMap((s) => s.openAndons.map((a) => Date.parse(a.pulledAt)));
}

describe("wall playback", () => {
  it("rebuilds, at every moment of a scripted history, the wall that was served then", async () => {
    const s = await createService(master, {
      teamId,
      key: `play-${uid()}`,
      name: "Playback",
      stages: [
        { key: "req", name: "Requirements", doneCriteria: ["Story written"], ageThresholdHours: 24 },
        { key: "dev", name: "Development", wipLimit: 2 },
        { key: "ops", name: "Operations" },
      ],
    });
    const stages = await db.stage.findMany({ where: { serviceId: s.id }, orderBy: { position: "asc" }, select: { id: true, doneCriteria: { select: { id: true } } } });
    const [req, dev, ops] = stages as [(typeof stages)[0], (typeof stages)[0], (typeof stages)[0]];
    const served: { at: Date; wall: TWallSnapshot }[] = [];
    const record = async () => {
      const wall = await getWallSnapshot(viewer, s.id);
      served.push({ at: new Date(), wall });
      // The next command's events are later than this moment (millisecond clocks).
      await sleep(5);
    };
    await record();

    const items = [];
    for (let i = 0; i < 4; i++) items.push(await createItem(master, s.id, { title: `Card ${i}` }));
    for (const it of items.slice(0, 3)) await setItemCriterion(master, it.id, req.doneCriteria[0]!.id, { done: true });
    await record();
    const a = await moveItem(master, items[0]!.id, { toStageId: dev.id, expectedVersion: 1 });
    const b = await moveItem(master, items[1]!.id, { toStageId: dev.id, expectedVersion: 1 });
    await record();
    // Past the WIP limit of 2: expedited, a problem while it keeps the stage over.
    const c = await moveItem(master, items[2]!.id, { toStageId: dev.id, expectedVersion: 1, expedite: { reason: "Customer down" } });
    await setItemBlocked(master, items[3]!.id, { expectedVersion: 1, reason: "Waiting for the customer" });
    await record();
    const stageAndon = await pullAndon(master, s.id, { stageId: dev.id, reason: "Build red" });
    await pullAndon(master, s.id, { itemId: b.id, reason: "Flaky test" });
    await record();
    await rejectItem(master, c.id, { toStageId: req.id, expectedVersion: c.version, reason: "Story incomplete" });
    await record();
    await releaseAndon(master, stageAndon.id, { countermeasure: "Pinned the toolchain" });
    await setItemBlocked(master, items[3]!.id, { expectedVersion: 2, reason: null });
    await updateStage(master, dev.id, { expectedVersion: 1, wipLimit: 1, name: "Build" });
    await record();
    await moveItem(master, a.id, { toStageId: ops.id, expectedVersion: a.version });
    await updateItem(master, items[3]!.id, { expectedVersion: 3, title: "Card 3, renamed" });
    await addStage(master, s.id, { name: "Support" });
    await record();

    const before = await Promise.all([db.event.count({ where: { serviceId: s.id } }), db.service.findUniqueOrThrow({ where: { id: s.id } })]);
    // From the log alone (no checkpoints), then with a checkpoint every 3 events (written by
    // the first pass, read by the second).
    for (const every of [1_000_000, 3, 3]) {
      for (const { at, wall } of served) {
        const rebuilt = await getWallAt(viewer, s.id, at, every);
        expect(rebuilt.seq, `seq at ${at.toISOString()}`).toBe(wall.seq);
        expect(view(rebuilt), `wall at ${at.toISOString()} (checkpoint every ${every})`).toEqual(view(wall));
        const served = andonTimes(wall);
        andonTimes(rebuilt).forEach((t, i) => expect(Math.abs(t - served[i]!)).toBeLessThan(1_000));
      }
    }
    // The history did what the script meant (so the comparison above compared something).
    expect(served.map((x) => x.wall.problems.filter((p) => !SERVER_KINDS.has(p.kind)).map((p) => p.kind).join(","))).toEqual([
      "",
      "",
      "",
      "BLOCKED,WIP_OVER_LIMIT,EXPEDITE",
      "BLOCKED,ANDON,ANDON,WIP_OVER_LIMIT,EXPEDITE",
      "BLOCKED,REJECTED,ANDON,ANDON",
      "REJECTED,ANDON,WIP_OVER_LIMIT",
      "REJECTED,ANDON",
    ]);
    const checkpoints = await db.wallCheckpoint.findMany({ where: { serviceId: s.id }, orderBy: { seq: "asc" }, select: { seq: true } });
    expect(checkpoints.length).toBeGreaterThan(3);
    expect(checkpoints.every((cp) => cp.seq % 3 === 0)).toBe(true);
    // Reads only: no event, no change of the service (its last seq stays).
    const after = await Promise.all([db.event.count({ where: { serviceId: s.id } }), db.service.findUniqueOrThrow({ where: { id: s.id } })]);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toEqual(before[1]);
  }, 120_000);

  it("lists the events around the moment, clamps a future moment to now, and is scoped like the wall", async () => {
    const s = await createService(master, { teamId, key: `play-${uid()}`, name: "Scoped" });
    const first = await db.event.findFirstOrThrow({ where: { serviceId: s.id }, orderBy: { seq: "asc" } });
    await sleep(5);
    const mid = new Date();
    await sleep(5);
    const item = await createItem(master, s.id, { title: "Later" });
    const early = await getWallAt(viewer, s.key, mid);
    expect(early.items).toEqual([]);
    expect(early.from).toBe(first.createdAt.toISOString());
    expect(early.recent.at(-1)!.seq).toBe(early.seq);
    expect(early.upcoming[0]).toMatchObject({ seq: early.seq + 1, type: "item.created" });
    const future = await getWallAt(viewer, s.id, new Date(Date.now() + 86_400_000));
    expect(Date.parse(future.at)).toBeLessThanOrEqual(Date.now());
    expect(future.items.map((i) => i.id)).toEqual([item.id]);
    expect(future.upcoming).toEqual([]);
    await expect(getWallAt(stranger, s.id, mid)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
