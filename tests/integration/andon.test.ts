// Andon through the services on a real database: anyone in the team pulls it on a stage or an
// item, a Kaizen problem opens in the same transaction, release asks for the countermeasure.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import type { AppError } from "@/lib/errors";
import { db } from "@/server/db";
import { listOpenAndons } from "@/server/services/andon/list-open-andons";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { releaseAndon } from "@/server/services/andon/release-andon";
import { createItem } from "@/server/services/items/create-item";
import { createService } from "@/server/services/services/create-service";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let operations: Actor;
let viewer: Actor;
let stranger: Actor;
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  operations = (await makeUser({ teamId, roles: ["OPERATIONS"] })).actor;
  viewer = (await makeUser({ teamId, roles: ["VIEWER"] })).actor;
  stranger = (await makeUser({ teamId: (await makeTeam()).id, roles: ["SERVICE_MASTER"] })).actor;
});

async function newService() {
  const s = await createService(master, {
    teamId,
    key: `andon-${uid()}`,
    name: "Web conversion",
    stages: [
      { key: "dev", name: "Development" },
      { key: "deploy", name: "Deployment" },
    ],
  });
  return { id: s.id, dev: s.stageIds[0]!, deploy: s.stageIds[1]! };
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const counts = async (serviceId: string) => ({
  andons: await db.andon.count({ where: { serviceId } }),
  problems: await db.problem.count({ where: { serviceId } }),
  events: await db.event.count({ where: { serviceId } }),
});

describe("pullAndon", () => {
  it("anyone in the team stops a stage; a Kaizen problem opens in the same transaction", async () => {
    const s = await newService();
    const andon = await pullAndon(operations, s.id, { stageId: s.deploy, reason: "Production error rate above 5%" });
    const opsUser = operations.kind === "user" ? operations.userId : null;
    expect(andon).toMatchObject({ stageId: s.deploy, itemId: null, reason: "Production error rate above 5%", pulledById: opsUser, releasedAt: null });
    const problem = await db.problem.findUniqueOrThrow({ where: { id: andon.problemId! } });
    expect(problem).toMatchObject({ serviceId: s.id, stageId: s.deploy, source: "ANDON", pdca: "PLAN", definition: "Production error rate above 5%" });
    expect(problem.title).toContain("Deployment");
    const events = await db.event.findMany({ where: { serviceId: s.id }, orderBy: { seq: "asc" }, select: { seq: true, type: true, payload: true } });
    const [opened, pulled] = events.slice(-2);
    expect(opened).toMatchObject({ type: "problem.opened", payload: { problemId: problem.id, source: "ANDON", stageId: s.deploy } });
    expect(pulled).toMatchObject({ type: "andon.pulled", payload: { andonId: andon.id, stageId: s.deploy, itemId: null, problemId: problem.id } });
    expect(pulled!.seq).toBe(opened!.seq + 1);

    const wall = await getWallSnapshot(viewer, s.id);
    const stage = wall.stages.find((x) => x.id === s.deploy)!;
    expect(stage.openAndons).toEqual([expect.objectContaining({ id: andon.id, reason: "Production error rate above 5%", problemId: problem.id })]);
    expect(stage.problems[0]).toEqual({ kind: "ANDON", message: "Andon pulled: Production error rate above 5%", itemIds: [], problemIds: [problem.id] });
    expect(wall.problems[0]).toMatchObject({ kind: "ANDON", stageId: s.deploy, stageName: "Deployment" });
    expect((await listOpenAndons(viewer, s.id)).map((a) => a.id)).toEqual([andon.id]);
  });

  it("on an item: its current stage stops and the card shows it", async () => {
    const s = await newService();
    const item = await createItem(operations, s.id, { title: "Checkout", stageId: s.deploy });
    const andon = await pullAndon(operations, s.id, { itemId: item.id, reason: "Failing smoke test" });
    expect(andon).toMatchObject({ stageId: s.deploy, itemId: item.id });
    const wall = await getWallSnapshot(viewer, s.id);
    expect(wall.items.find((i) => i.id === item.id)!.andon).toEqual({ id: andon.id, reason: "Failing smoke test", pulledAt: andon.pulledAt });
    expect(wall.stages.find((x) => x.id === s.deploy)!.problems[0]).toMatchObject({ kind: "ANDON", itemIds: [item.id] });
  });

  it("refuses a second pull on the same stage, a viewer, a stranger and a bad request, writing nothing", async () => {
    const s = await newService();
    await pullAndon(master, s.id, { stageId: s.dev, reason: "Build broken" });
    const before = await counts(s.id);
    expect(await refusal(pullAndon(operations, s.id, { stageId: s.dev, reason: "Still broken" }))).toMatchObject({
      status: 422,
      details: { rule: "ANDON_ALREADY_PULLED" },
    });
    expect(await refusal(pullAndon(viewer, s.id, { stageId: s.deploy, reason: "Viewers watch" }))).toMatchObject({ status: 403 });
    expect(await refusal(pullAndon(stranger, s.id, { stageId: s.deploy, reason: "Not mine" }))).toMatchObject({ status: 404 });
    expect(await refusal(pullAndon(master, s.id, { stageId: s.deploy, itemId: "x", reason: "Both" }))).toMatchObject({ status: 400 });
    expect(await refusal(pullAndon(master, s.id, { stageId: s.deploy, reason: "" }))).toMatchObject({ status: 400 });
    const other = await newService();
    expect(await refusal(pullAndon(master, s.id, { stageId: other.dev, reason: "Foreign stage" }))).toMatchObject({ status: 404 });
    expect(await counts(s.id)).toEqual(before);
  });
});

describe("releaseAndon", () => {
  it("asks for the countermeasure, restarts the line and keeps the Kaizen problem open", async () => {
    const s = await newService();
    const andon = await pullAndon(operations, s.id, { stageId: s.dev, reason: "Build broken" });
    expect(await refusal(releaseAndon(operations, andon.id, { countermeasure: " " }))).toMatchObject({ status: 400 });
    expect(await refusal(releaseAndon(viewer, andon.id, { countermeasure: "Nope" }))).toMatchObject({ status: 403 });
    expect(await refusal(releaseAndon(stranger, andon.id, { countermeasure: "Nope" }))).toMatchObject({ status: 404 });

    const released = await releaseAndon(master, andon.id, { countermeasure: "Pinned the compiler version" });
    expect(released).toMatchObject({ countermeasure: "Pinned the compiler version", releasedById: master.kind === "user" ? master.userId : null });
    expect(released.releasedAt).not.toBeNull();
    const ev = await db.event.findFirstOrThrow({ where: { serviceId: s.id, type: "andon.released" } });
    expect(ev.payload).toEqual({ andonId: andon.id, countermeasure: "Pinned the compiler version", stageId: s.dev, itemId: null });
    expect((await db.problem.findUniqueOrThrow({ where: { id: andon.problemId! } })).pdca).toBe("PLAN");

    const wall = await getWallSnapshot(viewer, s.id);
    expect(wall.stages.find((x) => x.id === s.dev)!.openAndons).toEqual([]);
    expect(wall.problems).toEqual([]);
    expect(await refusal(releaseAndon(master, andon.id, { countermeasure: "Again" }))).toMatchObject({ status: 409 });
    // The line may be stopped again once released.
    expect(await pullAndon(operations, s.id, { stageId: s.dev, reason: "Broken again" })).toMatchObject({ stageId: s.dev });
  });
});
