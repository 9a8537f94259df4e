// A card's detail (GET /api/v1/items/{itemId}) on a real database: every field, the stage's
// done-criteria with who met them, stories with failing tests, the RfC it came from and the
// release carrying it with the decision that stands; 404 for another team, 403 for a token
// without service.view.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import type { Role } from "@/domain/roles";
import { getItemDetail as getItemDetailOp } from "@/lib/openapi/flow-operations";
import { db } from "@/server/db";
import { getItemDetail } from "@/server/services/items/get-item-detail";
import { moveItem } from "@/server/services/items/move-item";
import { rejectItem } from "@/server/services/items/reject-item";
import { setItemCriterion } from "@/server/services/items/set-item-criterion";
import { createRelease } from "@/server/services/releases/create-release";
import { listGateCriteria } from "@/server/services/releases/list-gate-criteria";
import { recordGateDecision } from "@/server/services/releases/record-gate-decision";
import { decideRfc } from "@/server/services/rfcs/decide-rfc";
import { raiseRfc } from "@/server/services/rfcs/raise-rfc";
import { createService } from "@/server/services/services/create-service";
import { createStory } from "@/server/services/stories/create-story";
import { createAccessToken } from "@/server/services/tokens/create-access-token";
import { GET as itemGet } from "@/app/api/v1/items/[itemId]/route";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

type Person = { actor: Actor; userId: string; name: string; cookie: string };
let teamId: string;
let master: Person;
let reliability: Person;
let gatekeeper: Person;
let dev: Person;
let viewer: Person;
let stranger: Person;

async function person(team: string, roles: Role[]): Promise<Person> {
  const { user, actor } = await makeUser({ teamId: team, roles });
  return { actor, userId: user.id, name: user.name, cookie: await sessionCookie(user.id) };
}

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = await person(teamId, ["SERVICE_MASTER"]);
  reliability = await person(teamId, ["RELIABILITY_ENGINEER"]);
  gatekeeper = await person(teamId, ["GATEKEEPER"]);
  dev = await person(teamId, ["DEVELOPER"]);
  viewer = await person(teamId, ["VIEWER"]);
  stranger = await person((await makeTeam()).id, ["SERVICE_MASTER"]);
});

/** A service with the default stages and an RfC approved with both keys: its item is in Requirements. */
async function rfcItem() {
  const s = await createService(master.actor, { teamId, key: `detail-${uid()}`, name: "Mobile conversion" });
  const rfc = await raiseRfc(dev.actor, s.id, {
    title: "Alert on queue age",
    what: "Add a queue-age alert",
    why: "A customer saw the breach first",
    source: "MONITORING",
    impact: "New alert",
    risk: "LOW",
    urgency: "HIGH",
  });
  await decideRfc(master.actor, rfc.id, { decision: "APPROVE" });
  const approved = await decideRfc(reliability.actor, rfc.id, { decision: "APPROVE", reason: "Worth it" });
  const itemId = approved.itemId!;
  const stages = await db.stage.findMany({
    where: { serviceId: s.id },
    orderBy: { position: "asc" },
    select: { id: true, key: true, doneCriteria: { orderBy: { position: "asc" }, select: { id: true, text: true } } },
  });
  const stage = (key: string) => stages.find((x) => x.key === key)!;
  return { serviceId: s.id, serviceKey: s.key, rfcId: rfc.id, itemId, stage };
}

describe("getItemDetail", () => {
  it("reads every field, the criteria with who met them, stories, the RfC and the release's standing decision", async () => {
    const f = await rfcItem();
    const req = f.stage("requirements");
    await setItemCriterion(dev.actor, f.itemId, req.doneCriteria[0]!.id, { done: true });
    await createStory(dev.actor, {
      kind: "USER",
      itemId: f.itemId,
      title: "Alert on a phone",
      asRole: "reliability engineer",
      function: "be paged when the queue ages",
      businessReason: "customers notice later than we do",
    });
    await createStory(dev.actor, {
      kind: "TEST",
      itemId: f.itemId,
      title: "Alert fires",
      testCases: [{ title: "Queue older than 5 min", result: "FAILED" }, { title: "Queue fresh", result: "PASSED" }],
    });
    const release = await createRelease(master.actor, f.serviceId, { name: `v${uid()}`, itemIds: [f.itemId] });
    const criteria = await listGateCriteria(master.actor, f.serviceId);
    const assessments = criteria.map((c) => ({ criterionId: c.id, result: "PASS" as const, reason: null }));
    const noGo = await recordGateDecision(gatekeeper.actor, release.id, {
      outcome: "NO_GO",
      assessments: assessments.map((a, i) => (i === 0 ? { ...a, result: "FAIL" as const, reason: "Scan red" } : a)),
      comment: "Not yet",
      supersedesId: null,
    });
    await recordGateDecision(gatekeeper.actor, release.id, {
      outcome: "GO",
      assessments,
      comment: "Ship it",
      overrideReason: "Ships dark behind a flag", // the item is still in Requirements & design
      supersedesId: noGo.id,
    });

    const d = await getItemDetail(viewer.actor, f.itemId);
    expect(d.item).toMatchObject({ id: f.itemId, kind: "RFC", title: "Alert on queue age", version: 1, rejectionCount: 0, sentBack: null });
    expect(d.item.doneCriterionIds).toEqual([req.doneCriteria[0]!.id]);
    expect(d.service).toEqual({ id: f.serviceId, key: f.serviceKey, name: "Mobile conversion" });
    expect(d.stage).toMatchObject({ id: req.id, key: "requirements" });
    expect(d.stages.map((s) => s.key)).toEqual((await db.stage.findMany({ where: { serviceId: f.serviceId }, orderBy: { position: "asc" } })).map((s) => s.key));
    expect(d.criteria.map((c) => [c.text, c.done, c.doneBy?.name ?? null])).toEqual(
      req.doneCriteria.map((c, i) => [c.text, i === 0, i === 0 ? dev.name : null]),
    );
    expect(d.criteria[0]!.doneAt).toMatch(/Z$/);
    expect(d.stories.map((s) => [s.kind, s.title])).toEqual([
      ["USER", "Alert on a phone"],
      ["TEST", "Alert fires"],
    ]);
    expect(d.storyCounts).toEqual({ user: 1, test: 1, operations: 0, failingTests: 1 });
    expect(d.rfc).toMatchObject({ id: f.rfcId, kind: "RFC", status: "APPROVED", raisedBy: { id: dev.userId, name: dev.name } });
    expect(d.rfc!.approvals.map((a) => [a.role, a.decision, a.by.name, a.reason])).toEqual([
      ["SERVICE_MASTER", "APPROVE", master.name, null],
      ["RELIABILITY_ENGINEER", "APPROVE", reliability.name, "Worth it"],
    ]);
    expect(d.release).toMatchObject({ id: release.id, name: release.name, latestDecision: { outcome: "GO", comment: "Ship it", decidedBy: { name: gatekeeper.name } } });
    expect(d.seq).toBe((await db.service.findUniqueOrThrow({ where: { id: f.serviceId } })).lastSeq);
    // What the drawer may offer comes from the same matrix the API enforces.
    expect(d.permissions).toEqual(["service.view"]);
    const asDev = await getItemDetail(dev.actor, f.itemId);
    expect(asDev.permissions).toEqual(expect.arrayContaining(["item.update", "item.move", "item.comment"]));
    expect(asDev.permissions).not.toContain("service.configure");
  });

  it("a card sent back upstream shows the reason and its criteria unticked; no RfC, no release", async () => {
    const f = await rfcItem();
    const req = f.stage("requirements");
    for (const c of req.doneCriteria) await setItemCriterion(dev.actor, f.itemId, c.id, { done: true });
    const moved = await moveItem(dev.actor, f.itemId, { toStageId: f.stage("development").id, expectedVersion: 1 });
    await rejectItem(dev.actor, f.itemId, { toStageId: req.id, expectedVersion: moved.version, reason: "No operations story" });
    const d = await getItemDetail(dev.actor, f.itemId);
    expect(d.stage.key).toBe("requirements");
    expect(d.item.rejectionCount).toBe(1);
    expect(d.item.sentBack).toEqual({ reason: "No operations story", fromStageId: f.stage("development").id });
    expect(d.criteria.every((c) => !c.done && c.doneBy === null)).toBe(true);
    expect(d.release).toBeNull();
    expect(d.stories).toEqual([]);
    expect(d.storyCounts.failingTests).toBe(0);

    const plain = await db.workItem.create({
      data: { serviceId: f.serviceId, stageId: req.id, title: "Plain", rank: "a0", labels: [] },
    });
    const p = await getItemDetail(dev.actor, plain.id);
    expect(p.rfc).toBeNull();
    expect(p.release).toBeNull();
  });

  it("an unticked criterion is not reported as met (issue 9.5): doneCriterionIds agrees with criteria[].done", async () => {
    const f = await rfcItem();
    const req = f.stage("requirements");
    const [first, second] = req.doneCriteria;
    await setItemCriterion(dev.actor, f.itemId, first!.id, { done: true });
    await setItemCriterion(dev.actor, f.itemId, second!.id, { done: true });
    await setItemCriterion(dev.actor, f.itemId, first!.id, { done: false });
    const d = await getItemDetail(dev.actor, f.itemId);
    expect(d.criteria.filter((c) => c.done).map((c) => c.id)).toEqual([second!.id]);
    expect(d.item.doneCriterionIds).toEqual([second!.id]);
  });

  it("answers over HTTP by the contract; 404 for another team's item and a missing one; 403 for a token without service.view", async () => {
    const f = await rfcItem();
    const ok = await call(itemGet, "GET", getItemDetailOp.path, { cookie: viewer.cookie, params: { itemId: f.itemId } });
    expect(ok.status).toBe(200);
    expectContract(getItemDetailOp, 200, ok.body);
    expect(ok.body.item.id).toBe(f.itemId);

    const foreign = await call(itemGet, "GET", getItemDetailOp.path, { cookie: stranger.cookie, params: { itemId: f.itemId } });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain("Alert on queue age");
    const missing = await call(itemGet, "GET", getItemDetailOp.path, { cookie: viewer.cookie, params: { itemId: "no-such-item" } });
    expect(missing.status).toBe(404);

    for (const [scopes, status] of [[["item.move"], 403], [["service.view"], 200]] as const) {
      const token = await createAccessToken(master.actor, f.serviceId, { kind: "API", name: `t-${uid()}`, scopes: [...scopes] });
      const res = await call(itemGet, "GET", getItemDetailOp.path, { headers: { authorization: `Bearer ${token.secret}` }, params: { itemId: f.itemId } });
      expect(res.status).toBe(status);
    }
  });
});
