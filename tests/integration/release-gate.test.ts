// Releases and the gatekeeper's go/no-go on a real database (SQLite, or PostgreSQL with
// TEST_DB=postgresql): only gatekeepers decide, decisions are append-only and no route alters
// them, a NO-GO keeps the release's items out of Deployment until a GO, and the pipeline API
// answers from the standing decision to its own service's tokens only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MATRIX, type Actor } from "@/domain/permissions";
import { DEFAULT_GATE_CRITERIA } from "@/domain/releases";
import { ROLES, type Role } from "@/domain/roles";
import * as ops from "@/lib/openapi/release-operations";
import { OPERATIONS } from "@/lib/openapi/operations";
import type { TGateCriterion, TRelease } from "@/lib/schemas/release";
import { db } from "@/server/db";
import { createAccessToken } from "@/server/services/tokens/create-access-token";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { releaseGateGuard } from "@/server/services/items/move-guards/release-gate";
import { createService } from "@/server/services/services/create-service";
import { recordGateDecision } from "@/server/services/releases/record-gate-decision";
import { releaseGateProblems } from "@/server/services/releases/release-gate-problems";
import { GET as releasesGet, POST as releasesPost } from "@/app/api/v1/services/[serviceId]/releases/route";
import { GET as criteriaGet, POST as criteriaPost } from "@/app/api/v1/services/[serviceId]/gate-criteria/route";
import { GET as releaseGet, PATCH as releasePatch } from "@/app/api/v1/releases/[releaseId]/route";
import { POST as itemsPost } from "@/app/api/v1/releases/[releaseId]/items/route";
import { GET as decisionsGet, POST as decisionsPost } from "@/app/api/v1/releases/[releaseId]/decisions/route";
import { GET as mayDeployGet } from "@/app/api/v1/pipeline/releases/[releaseId]/may-deploy/route";
import { GET as mayDeployByNameGet } from "@/app/api/v1/pipeline/services/[serviceId]/releases/[releaseName]/may-deploy/route";
import { POST as deploymentsPost } from "@/app/api/v1/pipeline/releases/[releaseId]/deployments/route";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

type Person = { actor: Actor; userId: string; cookie: string };

let teamId: string;
let gatekeeper: Person;
let devops: Person;
let master: Person;
let developer: Person;

async function person(team: string, roles: Role[]): Promise<Person> {
  const { user, actor } = await makeUser({ teamId: team, roles });
  return { actor, userId: user.id, cookie: await sessionCookie(user.id) };
}

async function newService(owner = master.actor, team = teamId) {
  return createService(owner, { teamId: team, key: `rel-${uid()}`, name: "Mobile conversion" });
}

async function stageId(serviceId: string, key: string) {
  return (await db.stage.findFirstOrThrow({ where: { serviceId, key }, select: { id: true } })).id;
}

/** An item in Development with all of Development's done-criteria met: ready to enter Deployment. */
async function readyItem(serviceId: string, title = `Feature ${uid()}`) {
  const dev = await stageId(serviceId, "development");
  const item = await createItem(master.actor, serviceId, { title, stageId: dev });
  const criteria = await db.doneCriterion.findMany({ where: { stageId: dev, retired: false }, select: { id: true } });
  // Test data: ticking criteria has its own use case (the value-stream wall's); the gate only reads them.
  for (const c of criteria) await db.itemCriterionState.create({ data: { itemId: item.id, criterionId: c.id, done: true, doneAt: new Date() } });
  return item;
}

async function newRelease(serviceId: string, itemIds: string[] = [], cookie = devops.cookie): Promise<TRelease> {
  const res = await call(releasesPost, "POST", ops.createRelease.path, {
    cookie,
    params: { serviceId },
    body: { name: `v${uid()}`, targetDate: "2026-12-01", itemIds },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expectContract(ops.createRelease, 201, res.body);
  return res.body as TRelease;
}

async function criteriaOf(serviceId: string): Promise<TGateCriterion[]> {
  const res = await call(criteriaGet, "GET", ops.listGateCriteria.path, { cookie: master.cookie, params: { serviceId } });
  expect(res.status).toBe(200);
  return res.body as TGateCriterion[];
}

function assess(criteria: TGateCriterion[], fail: Record<string, string> = {}) {
  return criteria.map((c) => ({
    criterionId: c.id,
    result: fail[c.key] ? ("FAIL" as const) : ("PASS" as const),
    reason: fail[c.key] ?? null,
  }));
}

async function decide(
  releaseId: string,
  outcome: "GO" | "NO_GO",
  criteria: TGateCriterion[],
  supersedesId: string | null,
  fail: Record<string, string> = {},
  cookie = gatekeeper.cookie,
) {
  return call(decisionsPost, "POST", ops.recordGateDecision.path, {
    cookie,
    params: { releaseId },
    body: {
      outcome,
      assessments: assess(criteria, fail),
      evidence: ["https://ci.example.test/pipelines/1"],
      comment: outcome === "GO" ? "Ship it." : "Not yet.",
      supersedesId,
    },
  });
}

async function apiToken(serviceId: string, scopes: string[]) {
  const { secret } = await createAccessToken(master.actor, serviceId, { kind: "API", name: `ci-${uid()}`, scopes: scopes as never });
  return `Bearer ${secret}`;
}

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  gatekeeper = await person(teamId, ["GATEKEEPER"]);
  devops = await person(teamId, ["DEVOPS_ENGINEER"]);
  master = await person(teamId, ["SERVICE_MASTER"]);
  developer = await person(teamId, ["DEVELOPER"]);
});

describe("releases and gate criteria", () => {
  it("a first release gives the service the four default criteria, each with its description, and its events", async () => {
    const s = await newService();
    expect(await criteriaOf(s.id)).toEqual([]);
    const item = await createItem(master.actor, s.id, { title: "Backlog item" });
    const release = await newRelease(s.id, [item.id]);
    expect(release.items.map((i) => i.id)).toEqual([item.id]);
    expect(release.targetDate).toBe("2026-12-01T00:00:00.000Z");
    expect(release.mayDeploy).toBe(false);
    const criteria = await criteriaOf(s.id);
    expect(criteria.map((c) => c.key)).toEqual(DEFAULT_GATE_CRITERIA.map((c) => c.key));
    expect(criteria.every((c) => c.description.length > 10)).toBe(true);
    const events = await db.event.findMany({ where: { serviceId: s.id }, orderBy: { seq: "asc" }, select: { type: true } });
    expect(events.map((e) => e.type).slice(-5)).toEqual([...Array(4).fill("gate.criterion.added"), "release.created"]);

    // A second release does not add them again.
    await newRelease(s.id);
    expect(await db.gateCriterion.count({ where: { serviceId: s.id } })).toBe(4);
  });

  it("a team adds its own criterion (service.configure), which every later decision must assess", async () => {
    const s = await newService();
    const refused = await call(criteriaPost, "POST", ops.addGateCriterion.path, {
      cookie: developer.cookie,
      params: { serviceId: s.id },
      body: { key: "load-test", name: "Load test", description: "1,000 pages a minute sustained." },
    });
    expect(refused.status).toBe(403);
    const res = await call(criteriaPost, "POST", ops.addGateCriterion.path, {
      cookie: master.cookie,
      params: { serviceId: s.key },
      body: { key: "load-test", name: "Load test", description: "1,000 pages a minute sustained." },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expectContract(ops.addGateCriterion, 201, res.body);
    const criteria = await criteriaOf(s.id);
    expect(criteria.map((c) => c.key)).toEqual([...DEFAULT_GATE_CRITERIA.map((c) => c.key), "load-test"]);
    const dup = await call(criteriaPost, "POST", ops.addGateCriterion.path, {
      cookie: master.cookie,
      params: { serviceId: s.id },
      body: { key: "load-test", name: "Again", description: "Twice." },
    });
    expect(dup.status).toBe(409);

    const release = await newRelease(s.id);
    const withoutOwn = await decide(release.id, "GO", criteria.slice(0, 4), null);
    expect(withoutOwn.status).toBe(422);
    expect(withoutOwn.body.error.message).toContain("Load test");
  });

  it("updates a release with its version (409 when stale) and adds and removes items", async () => {
    const s = await newService();
    const a = await createItem(master.actor, s.id, { title: "A" });
    const b = await createItem(master.actor, s.id, { title: "B" });
    const release = await newRelease(s.id, [a.id]);
    const updated = await call(releasePatch, "PATCH", ops.updateRelease.path, {
      cookie: devops.cookie,
      params: { releaseId: release.id },
      body: { expectedVersion: release.version, pipelineStatus: "RUNNING", name: "2.4" },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expectContract(ops.updateRelease, 200, updated.body);
    expect(updated.body).toMatchObject({ name: "2.4", pipelineStatus: "RUNNING", version: release.version + 1 });

    const stale = await call(releasePatch, "PATCH", ops.updateRelease.path, {
      cookie: devops.cookie,
      params: { releaseId: release.id },
      body: { expectedVersion: release.version, pipelineStatus: "FAILED" },
    });
    expect(stale.status).toBe(409);
    expectContract(ops.updateRelease, 409, stale.body);
    expect(stale.body.error.details.current).toMatchObject({ pipelineStatus: "RUNNING", version: release.version + 1 });

    const changed = await call(itemsPost, "POST", ops.changeReleaseItems.path, {
      cookie: devops.cookie,
      params: { releaseId: release.id },
      body: { expectedVersion: release.version + 1, add: [b.id], remove: [a.id] },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expectContract(ops.changeReleaseItems, 200, changed.body);
    expect(changed.body.items.map((i: { id: string }) => i.id)).toEqual([b.id]);

    // An item in another release is not taken silently.
    const other = await newRelease(s.id, [a.id]);
    const taken = await call(itemsPost, "POST", ops.changeReleaseItems.path, {
      cookie: devops.cookie,
      params: { releaseId: other.id },
      body: { expectedVersion: other.version, add: [b.id] },
    });
    expect(taken.status).toBe(422);
    expect(taken.body.error.details.rule).toBe("ITEM_IN_OTHER_RELEASE");

    const byDeveloper = await call(releasePatch, "PATCH", ops.updateRelease.path, {
      cookie: developer.cookie,
      params: { releaseId: release.id },
      body: { expectedVersion: release.version + 2, name: "x" },
    });
    expect(byDeveloper.status).toBe(403);
  });
});

describe("recordGateDecision: only gatekeepers decide, through the matrix", () => {
  it("every role but GATEKEEPER (and ADMIN, which holds every action) is refused with 403 and nothing is written", async () => {
    const s = await newService();
    const release = await newRelease(s.id);
    const criteria = await criteriaOf(s.id);
    const allowed: Role[] = [];
    for (const role of ROLES) {
      const p = await person(teamId, [role]);
      const before = await db.gateDecision.count({ where: { releaseId: release.id } });
      const standing = (await db.gateDecision.findMany({ where: { releaseId: release.id }, orderBy: { createdAt: "desc" }, take: 1 }))[0];
      const res = await decide(release.id, "GO", criteria, standing?.id ?? null, {}, p.cookie);
      if (res.status === 201) allowed.push(role);
      else {
        expect(res.status, `${role}: ${JSON.stringify(res.body)}`).toBe(403);
        expect(await db.gateDecision.count({ where: { releaseId: release.id } })).toBe(before);
      }
      expect(res.status === 201).toBe(MATRIX[role].includes("gate.decide"));
    }
    expect(allowed.sort()).toEqual(["ADMIN", "GATEKEEPER"]);
  });

  it("a gatekeeper of another team gets 404, and a token carrying gate.decide is still refused", async () => {
    const s = await newService();
    const release = await newRelease(s.id);
    const criteria = await criteriaOf(s.id);
    const foreign = await person((await makeTeam()).id, ["GATEKEEPER"]);
    expect((await decide(release.id, "GO", criteria, null, {}, foreign.cookie)).status).toBe(404);

    const token = await apiToken(s.id, ["gate.decide", "service.view"]);
    const res = await call(decisionsPost, "POST", ops.recordGateDecision.path, {
      headers: { authorization: token },
      origin: null,
      params: { releaseId: release.id },
      body: { outcome: "GO", assessments: assess(criteria), evidence: [], comment: "", supersedesId: null },
    });
    expect(res.status).toBe(403);
    expect(await db.gateDecision.count({ where: { releaseId: release.id } })).toBe(0);
  });

  it("refuses an incomplete or inconsistent decision (422) and a stale one (409)", async () => {
    const s = await newService();
    const release = await newRelease(s.id);
    const criteria = await criteriaOf(s.id);
    const post = (body: object) =>
      call(decisionsPost, "POST", ops.recordGateDecision.path, { cookie: gatekeeper.cookie, params: { releaseId: release.id }, body });
    const missing = await post({ outcome: "GO", assessments: assess(criteria).slice(1), supersedesId: null });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.rule).toBe("CRITERION_MISSING");
    const noReason = await post({
      outcome: "NO_GO",
      assessments: assess(criteria).map((a, i) => (i === 0 ? { ...a, result: "WAIVED", reason: " " } : a)),
      supersedesId: null,
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details.rule).toBe("REASON_REQUIRED");
    const goWithFail = await decide(release.id, "GO", criteria, null, { security: "CVE open" });
    expect(goWithFail.status).toBe(422);
    expect(goWithFail.body.error.details.rule).toBe("GO_WITH_FAILURE");
    const badOutcome = await post({ outcome: "MAYBE", assessments: assess(criteria), supersedesId: null });
    expect(badOutcome.status).toBe(400);

    const first = await decide(release.id, "GO", criteria, null);
    expect(first.status).toBe(201);
    // Someone who did not see the first decision cannot silently replace it.
    const stale = await decide(release.id, "NO_GO", criteria, null, { security: "CVE open" });
    expect(stale.status).toBe(409);
    expectContract(ops.recordGateDecision, 409, stale.body);
    expect(stale.body.error.details.current.decisionId).toBe(first.body.id);
    expect(await db.gateDecision.count({ where: { releaseId: release.id } })).toBe(1);
  });

  it("is append-only: a new decision supersedes the last, which stays as it was; each keeps who, when and a snapshot", async () => {
    const s = await newService();
    const item = await readyItem(s.id, "Checkout on mobile");
    const release = await newRelease(s.id, [item.id]);
    const criteria = await criteriaOf(s.id);

    const noGo = await decide(release.id, "NO_GO", criteria, null, { "operations-readiness": "Runbook missing" });
    expect(noGo.status, JSON.stringify(noGo.body)).toBe(201);
    expectContract(ops.recordGateDecision, 201, noGo.body);
    expect(noGo.body.decidedBy).toEqual({ id: gatekeeper.userId, name: expect.any(String) });
    expect(noGo.body.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(noGo.body.snapshot.items).toEqual([
      {
        id: item.id,
        title: "Checkout on mobile",
        stageKey: "development",
        stageName: "Development",
        criteriaMet: 3,
        criteriaTotal: 3,
        done: true,
        notDone: null,
      },
    ]);
    const firstRow = await db.gateDecision.findUniqueOrThrow({ where: { id: noGo.body.id }, include: { assessments: true } });

    const go = await decide(release.id, "GO", criteria, noGo.body.id);
    expect(go.status, JSON.stringify(go.body)).toBe(201);
    expect(go.body.supersedesId).toBe(noGo.body.id);

    expect(await db.gateDecision.findUniqueOrThrow({ where: { id: noGo.body.id }, include: { assessments: true } })).toEqual(firstRow);
    const history = await call(decisionsGet, "GET", ops.listGateDecisions.path, { cookie: developer.cookie, params: { releaseId: release.id } });
    expect(history.status).toBe(200);
    expectContract(ops.listGateDecisions, 200, history.body);
    expect(history.body.map((d: { id: string; outcome: string; supersededById: string | null }) => [d.id, d.outcome, d.supersededById])).toEqual([
      [go.body.id, "GO", null],
      [noGo.body.id, "NO_GO", go.body.id],
    ]);
    const failed = history.body[1].assessments.find((a: { criterionKey: string }) => a.criterionKey === "operations-readiness");
    expect(failed).toMatchObject({ result: "FAIL", reason: "Runbook missing" });

    const events = await db.event.findMany({ where: { serviceId: s.id, type: "release.decided" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => (e.payload as { outcome: string; supersedesId: string | null }).supersedesId)).toEqual([null, noGo.body.id]);
    expect(events.every((e) => e.actorId === gatekeeper.userId)).toBe(true);
  });
});

describe("a GO over items not done needs a reason to go anyway (issue 9.4)", () => {
  /** A release with one item ready, one in Development with a criterion open, one still in Requirements & design. */
  async function mixedRelease() {
    const s = await newService();
    const ready = await readyItem(s.id, "Ready one");
    const dev = await stageId(s.id, "development");
    const open = await createItem(master.actor, s.id, { title: "Half done", stageId: dev });
    const first = await db.doneCriterion.findFirstOrThrow({ where: { stageId: dev, retired: false }, orderBy: { position: "asc" } });
    await db.itemCriterionState.create({ data: { itemId: open.id, criterionId: first.id, done: true, doneAt: new Date() } });
    const upstream = await createItem(master.actor, s.id, { title: "Not started", stageId: await stageId(s.id, "requirements") });
    const release = await newRelease(s.id, [ready.id, open.id, upstream.id]);
    return { s, release, ready, open, upstream, criteria: await criteriaOf(s.id) };
  }
  const goBody = (criteria: TGateCriterion[], overrideReason?: string | null) => ({
    outcome: "GO",
    assessments: assess(criteria),
    evidence: [],
    comment: "Ship it.",
    supersedesId: null,
    ...(overrideReason === undefined ? {} : { overrideReason }),
  });

  it("the release lists what is not done, by the rule the gate uses", async () => {
    const { release, open, upstream } = await mixedRelease();
    const res = await call(releaseGet, "GET", ops.getRelease.path, { cookie: developer.cookie, params: { releaseId: release.id } });
    expect(res.status).toBe(200);
    expectContract(ops.getRelease, 200, res.body);
    expect(res.body.unfinishedItems).toEqual([
      {
        id: open.id,
        title: "Half done",
        stage: { id: open.stageId, key: "development", name: "Development" },
        why: "Development not done: Integrated and build green; Code reviewed.",
      },
      {
        id: upstream.id,
        title: "Not started",
        stage: { id: upstream.stageId, key: "requirements", name: "Requirements & design" },
        why: "Still in Requirements & design: it has not reached Development.",
      },
    ]);
  });

  it("without a reason (or a blank one) the GO is refused with 422 naming the items, and nothing is written", async () => {
    const { s, release, open, upstream, criteria } = await mixedRelease();
    const seqBefore = (await db.service.findUniqueOrThrow({ where: { id: s.id } })).lastSeq;
    for (const overrideReason of [undefined, null, "", "   "]) {
      const res = await call(decisionsPost, "POST", ops.recordGateDecision.path, {
        cookie: gatekeeper.cookie,
        params: { releaseId: release.id },
        body: goBody(criteria, overrideReason),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expectContract(ops.recordGateDecision, 422, res.body);
      expect(res.body.error.code).toBe("RULE_VIOLATION");
      expect(res.body.error.details.rule).toBe("GO_OVER_UNFINISHED");
      expect(res.body.error.details.field).toBe("overrideReason");
      expect(res.body.error.details.unfinishedItems.map((i: { id: string; title: string; stage: { name: string } }) => [i.id, i.title, i.stage.name])).toEqual([
        [open.id, "Half done", "Development"],
        [upstream.id, "Not started", "Requirements & design"],
      ]);
      expect(res.body.error.message).toBe(
        "2 items are not done: “Half done” (Development), “Not started” (Requirements & design). Give a reason to go anyway, or decide NO-GO.",
      );
    }
    expect(await db.gateDecision.count({ where: { releaseId: release.id } })).toBe(0);
    expect(await db.criterionAssessment.count({ where: { decision: { releaseId: release.id } } })).toBe(0);
    expect((await db.service.findUniqueOrThrow({ where: { id: s.id } })).lastSeq).toBe(seqBefore);
    expect(await db.event.count({ where: { serviceId: s.id, type: "release.decided" } })).toBe(0);
  });

  it("with a reason the GO is recorded: the reason in the decision, its event and its history, each item's state in the snapshot", async () => {
    const { s, release, ready, open, upstream, criteria } = await mixedRelease();
    const res = await call(decisionsPost, "POST", ops.recordGateDecision.path, {
      cookie: gatekeeper.cookie,
      params: { releaseId: release.id },
      body: goBody(criteria, "  Customer outage: the fix ships now, the rest follows dark  "),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expectContract(ops.recordGateDecision, 201, res.body);
    expect(res.body.overrideReason).toBe("Customer outage: the fix ships now, the rest follows dark");
    expect(res.body.snapshot.items.map((i: { id: string; notDone: string | null }) => [i.id, i.notDone])).toEqual([
      [ready.id, null],
      [open.id, "Development not done: Integrated and build green; Code reviewed."],
      [upstream.id, "Still in Requirements & design: it has not reached Development."],
    ]);
    const row = await db.gateDecision.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.overrideReason).toBe("Customer outage: the fix ships now, the rest follows dark");
    const event = await db.event.findFirstOrThrow({ where: { serviceId: s.id, type: "release.decided" } });
    expect(event.payload).toMatchObject({
      decisionId: res.body.id,
      outcome: "GO",
      unfinishedItemIds: [open.id, upstream.id],
      overrideReason: "Customer outage: the fix ships now, the rest follows dark",
    });
    const history = await call(decisionsGet, "GET", ops.listGateDecisions.path, { cookie: developer.cookie, params: { releaseId: release.id } });
    expect(history.body[0].overrideReason).toBe("Customer outage: the fix ships now, the rest follows dark");

    // The GO covers the items it was decided on, but JKK still holds each one back until it is done.
    const deployment = await stageId(s.id, "deployment");
    await expect(moveItem(developer.actor, open.id, { toStageId: deployment, expectedVersion: open.version })).rejects.toMatchObject({
      details: { rule: "JKK_INCOMPLETE" },
    });
    expect((await moveItem(developer.actor, ready.id, { toStageId: deployment, expectedVersion: ready.version })).stageId).toBe(deployment);
  });

  it("a NO-GO needs no reason and keeps none; a GO when every item is done keeps none either", async () => {
    const { release, criteria } = await mixedRelease();
    const noGo = await call(decisionsPost, "POST", ops.recordGateDecision.path, {
      cookie: gatekeeper.cookie,
      params: { releaseId: release.id },
      body: { ...goBody(criteria, "ignored"), outcome: "NO_GO", comment: "Not done yet." },
    });
    expect(noGo.status, JSON.stringify(noGo.body)).toBe(201);
    expect(noGo.body.overrideReason).toBeNull();
    expect((await db.gateDecision.findUniqueOrThrow({ where: { id: noGo.body.id } })).overrideReason).toBeNull();

    const s = await newService();
    const done = await newRelease(s.id, [(await readyItem(s.id)).id]);
    const go = await call(decisionsPost, "POST", ops.recordGateDecision.path, {
      cookie: gatekeeper.cookie,
      params: { releaseId: done.id },
      body: goBody(await criteriaOf(s.id), "nothing to override"),
    });
    expect(go.status, JSON.stringify(go.body)).toBe(201);
    expect(go.body.overrideReason).toBeNull();
    expect(go.body.snapshot.items[0].notDone).toBeNull();
  });

  it("a reason longer than 2,000 characters is a 400 naming the field", async () => {
    const { release, criteria } = await mixedRelease();
    const res = await call(decisionsPost, "POST", ops.recordGateDecision.path, {
      cookie: gatekeeper.cookie,
      params: { releaseId: release.id },
      body: goBody(criteria, "x".repeat(2001)),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(["overrideReason"]);
    expect(res.body.error.message).toMatch(/The reason to go anyway must be at most 2000 characters/);
    expect(await db.gateDecision.count({ where: { releaseId: release.id } })).toBe(0);
  });
});

describe("no route alters or deletes a decision", () => {
  const API_ROOT = path.resolve("src/app/api/v1");
  const routeFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
    );
  const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
  // Go/no-go decisions live under a release (RfC approvals, also "decisions", are another wall's).
  const GATE_DECISION_PATH = /(release|gate|pipeline).*decision/i;

  it("every route on a decision path is GET, or POST bound to recordGateDecision on the collection", async () => {
    const found: string[] = [];
    for (const file of routeFiles(API_ROOT)) {
      const rel = path.relative(API_ROOT, path.dirname(file));
      if (!GATE_DECISION_PATH.test(rel)) continue;
      const mod = (await import(file)) as Record<string, ((...args: never[]) => unknown) & { operation?: { operationId: string; path: string } }>;
      for (const m of METHODS.filter((m) => typeof mod[m] === "function")) {
        found.push(`${m} ${rel}`);
        expect(["GET", "POST"], `${m} ${rel}`).toContain(m);
        if (m === "POST") {
          expect(mod[m]!.operation?.operationId).toBe("recordGateDecision");
          expect(mod[m]!.operation?.path).toMatch(/\/decisions$/);
        }
      }
    }
    // The walk found the decision routes (so the assertions above ran on something).
    expect(found.sort()).toEqual([`GET ${path.join("releases", "[releaseId]", "decisions")}`, `POST ${path.join("releases", "[releaseId]", "decisions")}`]);
    const documented = OPERATIONS.filter((op) => GATE_DECISION_PATH.test(op.path)).map((op) => `${op.method} ${op.path}`);
    expect(documented.sort()).toEqual(["GET /api/v1/releases/{releaseId}/decisions", "POST /api/v1/releases/{releaseId}/decisions"]);
  });

  it("no server code updates, upserts or deletes decisions or their assessments", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === "generated" ? [] : files(path.join(dir, e.name))) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
      );
    const offenders = files(path.resolve("src")).filter((f) =>
      /\b(gateDecision|criterionAssessment)\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\s*\(/.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("every PUT, PATCH and DELETE route, called by an admin on a decided release, leaves its decisions untouched", async () => {
    const s = await newService();
    const release = await newRelease(s.id);
    const criteria = await criteriaOf(s.id);
    const first = await decide(release.id, "NO_GO", criteria, null, { security: "Pen test pending" });
    const admin = await makeUser({ isAdmin: true });
    const cookie = await sessionCookie(admin.user.id);
    const before = await db.gateDecision.findMany({ where: { releaseId: release.id }, include: { assessments: true } });
    let called = 0;
    for (const file of routeFiles(API_ROOT)) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of ["PUT", "PATCH", "DELETE"] as const) {
        const handler = mod[m] as ((...args: never[]) => unknown) & { operation?: { path: string } };
        if (typeof handler !== "function") continue;
        const template = handler.operation!.path;
        const params = Object.fromEntries(
          [...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, name === "releaseId" ? release.id : name === "serviceId" ? s.id : first.body.id]),
        );
        await call(handler, m, template, { cookie, params, body: { expectedVersion: release.version, name: "renamed", pipelineStatus: "FAILED" } });
        called++;
      }
    }
    expect(called).toBeGreaterThan(0);
    expect(await db.gateDecision.findMany({ where: { releaseId: release.id }, include: { assessments: true } })).toEqual(before);
  });
});

describe("the gate on the flow: items of a release enter Deployment only under its GO", () => {
  it("a NO-GO refuses the move into Deployment with the reason, and a later GO lets it through", async () => {
    const s = await newService();
    const deployment = await stageId(s.id, "deployment");
    const item = await readyItem(s.id);
    const release = await newRelease(s.id, [item.id]);
    const criteria = await criteriaOf(s.id);

    // Undecided: refused too.
    await expect(moveItem(developer.actor, item.id, { toStageId: deployment, expectedVersion: item.version })).rejects.toMatchObject({
      code: "RULE_VIOLATION",
      details: { rule: "RELEASE_NOT_GO", releaseId: release.id },
    });

    const noGo = await decide(release.id, "NO_GO", criteria, null, { security: "Pen test pending" });
    expect(noGo.status).toBe(201);
    const refused = moveItem(developer.actor, item.id, { toStageId: deployment, expectedVersion: item.version });
    await expect(refused).rejects.toMatchObject({ code: "RULE_VIOLATION", status: 422, details: { rule: "RELEASE_NOT_GO", decisionId: noGo.body.id } });
    await expect(refused).rejects.toThrow(/NO-GO/);
    expect((await db.workItem.findUniqueOrThrow({ where: { id: item.id } })).stageId).toBe(item.stageId);

    const go = await decide(release.id, "GO", criteria, noGo.body.id);
    expect(go.status).toBe(201);
    const moved = await moveItem(developer.actor, item.id, { toStageId: deployment, expectedVersion: item.version });
    expect(moved.stageId).toBe(deployment);
  });

  it("an item added to the release after its GO waits for the next decision; items in no release are not gated", async () => {
    const s = await newService();
    const deployment = await stageId(s.id, "deployment");
    const first = await readyItem(s.id);
    const late = await readyItem(s.id);
    const loose = await readyItem(s.id);
    const release = await newRelease(s.id, [first.id]);
    const criteria = await criteriaOf(s.id);
    const go = await decide(release.id, "GO", criteria, null);
    expect(go.status).toBe(201);
    const added = await call(itemsPost, "POST", ops.changeReleaseItems.path, {
      cookie: devops.cookie,
      params: { releaseId: release.id },
      body: { expectedVersion: release.version, add: [late.id] },
    });
    expect(added.status).toBe(200);

    await expect(moveItem(developer.actor, late.id, { toStageId: deployment, expectedVersion: late.version })).rejects.toMatchObject({
      details: { rule: "ITEM_NOT_DECIDED_ON" },
    });
    expect((await moveItem(developer.actor, first.id, { toStageId: deployment, expectedVersion: first.version })).stageId).toBe(deployment);
    expect((await moveItem(developer.actor, loose.id, { toStageId: deployment, expectedVersion: loose.version })).stageId).toBe(deployment);

    const again = await decide(release.id, "GO", criteria, go.body.id);
    expect(again.status).toBe(201);
    expect((await moveItem(developer.actor, late.id, { toStageId: deployment, expectedVersion: late.version })).stageId).toBe(deployment);
  });

  it("the guard itself: only forward moves into the deployment stage are gated", async () => {
    const s = await newService();
    const item = await readyItem(s.id);
    await newRelease(s.id, [item.id]);
    const row = await db.workItem.findUniqueOrThrow({ where: { id: item.id } });
    const stage = (key: string, position: number) => ({ id: `${key}-id`, key, name: key, position });
    const input = {
      actor: developer.actor,
      item: { id: row.id, serviceId: row.serviceId, stageId: row.stageId, releaseId: row.releaseId, kind: row.kind, version: row.version },
      fromStage: stage("development", 5),
    };
    const run = (direction: "forward" | "backward", to: ReturnType<typeof stage>) =>
      db.$transaction(async (tx) => {
        const x = { ...input, direction, toStage: to };
        return releaseGateGuard.appliesTo(x) ? releaseGateGuard.check(tx, x) : null;
      });
    expect(await run("forward", stage("deployment", 6))).toMatchObject({ rule: "RELEASE_NOT_GO" });
    expect(await run("backward", stage("deployment", 6))).toBeNull();
    expect(await run("forward", stage("operations", 7))).toBeNull();
  });

  it("a standing NO-GO is a FAILED_GATE problem on the Deployment stage, naming the failed criterion; a GO clears it", async () => {
    const s = await newService();
    const item = await readyItem(s.id);
    const release = await newRelease(s.id, [item.id]);
    const criteria = await criteriaOf(s.id);
    expect(await releaseGateProblems(db, s.id)).toEqual([]);
    const noGo = await decide(release.id, "NO_GO", criteria, null, { compliance: "Cookie banner missing" });
    expect(await releaseGateProblems(db, s.id)).toEqual([
      {
        stageId: await stageId(s.id, "deployment"),
        kind: "FAILED_GATE",
        message: `Release ${release.name} NO-GO — Compliance failed: Cookie banner missing`,
        itemIds: [item.id],
      },
    ]);
    await decide(release.id, "GO", criteria, noGo.body.id);
    expect(await releaseGateProblems(db, s.id)).toEqual([]);
  });
});

describe("the pipeline API", () => {
  it("answers may-deploy from the standing decision, by id and by version name", async () => {
    const s = await newService();
    const release = await newRelease(s.id);
    const criteria = await criteriaOf(s.id);
    const token = await apiToken(s.id, ["deployment.report"]);
    const ask = () => call(mayDeployGet, "GET", ops.getMayDeploy.path, { headers: { authorization: token }, params: { releaseId: release.id } });

    const undecided = await ask();
    expect(undecided.status, JSON.stringify(undecided.body)).toBe(200);
    expectContract(ops.getMayDeploy, 200, undecided.body);
    expect(undecided.body).toEqual({ releaseId: release.id, releaseName: release.name, mayDeploy: false, decisionId: null, outcome: null, decidedAt: null });

    const go = await decide(release.id, "GO", criteria, null);
    expect(await ask().then((r) => r.body)).toMatchObject({ mayDeploy: true, decisionId: go.body.id, outcome: "GO", decidedAt: go.body.decidedAt });

    const noGo = await decide(release.id, "NO_GO", criteria, go.body.id, { security: "New CVE" });
    expect(await ask().then((r) => r.body)).toMatchObject({ mayDeploy: false, decisionId: noGo.body.id, outcome: "NO_GO" });

    const byName = await call(mayDeployByNameGet, "GET", ops.getMayDeployByName.path, {
      headers: { authorization: await apiToken(s.id, ["service.view"]) },
      params: { serviceId: s.key, releaseName: release.name },
    });
    expect(byName.status).toBe(200);
    expectContract(ops.getMayDeployByName, 200, byName.body);
    expect(byName.body).toMatchObject({ releaseId: release.id, mayDeploy: false, decisionId: noGo.body.id });
  });

  it("refuses a token of another service (404) and one without a deployment scope (403)", async () => {
    const s = await newService();
    const other = await newService();
    const release = await newRelease(s.id);
    const foreign = await apiToken(other.id, ["deployment.report", "service.view"]);
    const ask = (authorization: string) =>
      call(mayDeployGet, "GET", ops.getMayDeploy.path, { headers: { authorization }, params: { releaseId: release.id } });
    expect((await ask(foreign)).status).toBe(404);
    expect(
      (
        await call(mayDeployByNameGet, "GET", ops.getMayDeployByName.path, {
          headers: { authorization: foreign },
          params: { serviceId: s.id, releaseName: release.name },
        })
      ).status,
    ).toBe(404);
    const report = await call(deploymentsPost, "POST", ops.reportDeployment.path, {
      headers: { authorization: foreign },
      origin: null,
      params: { releaseId: release.id },
      body: { environment: "production", result: "SUCCESS", startedAt: "2026-11-27T10:00:00Z", finishedAt: "2026-11-27T10:07:00Z" },
    });
    expect(report.status).toBe(404);
    expect((await ask(await apiToken(s.id, ["item.create"]))).status).toBe(403);
    expect((await ask("Bearer oby_a_not-a-real-token")).status).toBe(401);
    expect(await db.deployment.count({ where: { releaseId: release.id } })).toBe(0);
  });

  it("records a deployment result as a deployment.reported event naming the decision that stood", async () => {
    const s = await newService();
    const release = await newRelease(s.id);
    const criteria = await criteriaOf(s.id);
    const go = await decide(release.id, "GO", criteria, null);
    const token = await apiToken(s.id, ["deployment.report"]);
    const res = await call(deploymentsPost, "POST", ops.reportDeployment.path, {
      headers: { authorization: token },
      origin: null,
      params: { releaseId: release.id },
      body: { environment: "production", result: "FAILURE", startedAt: "2026-11-27T10:00:00+01:00", finishedAt: "2026-11-27T09:07:00Z" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expectContract(ops.reportDeployment, 201, res.body);
    expect(res.body).toMatchObject({ environment: "production", result: "FAILURE", startedAt: "2026-11-27T09:00:00.000Z", finishedAt: "2026-11-27T09:07:00.000Z" });
    const event = await db.event.findFirstOrThrow({ where: { serviceId: s.id, type: "deployment.reported" } });
    expect(event.payload).toEqual({
      releaseId: release.id,
      deploymentId: res.body.id,
      environment: "production",
      result: "FAILURE",
      startedAt: "2026-11-27T09:00:00.000Z",
      finishedAt: "2026-11-27T09:07:00.000Z",
      decisionId: go.body.id,
      // The change (issue 11.3): not said by this pipeline.
      commitSha: null,
      firstCommitAt: null,
      reworkForIncidentId: null,
    });
    const backwards = await call(deploymentsPost, "POST", ops.reportDeployment.path, {
      headers: { authorization: token },
      origin: null,
      params: { releaseId: release.id },
      body: { environment: "production", result: "SUCCESS", startedAt: "2026-11-27T10:00:00Z", finishedAt: "2026-11-27T09:00:00Z" },
    });
    expect(backwards.status).toBe(400);

    const seen = await call(releaseGet, "GET", ops.getRelease.path, { cookie: developer.cookie, params: { releaseId: release.id } });
    expect(seen.status).toBe(200);
    expectContract(ops.getRelease, 200, seen.body);
    expect(seen.body.deployments.map((d: { id: string }) => d.id)).toEqual([res.body.id]);
  });
});

describe("reads", () => {
  it("need service.view: a token of the service without it gets 403, with it 200", async () => {
    const s = await newService();
    const release = await newRelease(s.id);
    const reportOnly = await apiToken(s.id, ["deployment.report"]);
    const viewer = await apiToken(s.id, ["service.view"]);
    for (const [authorization, status] of [[reportOnly, 403], [viewer, 200]] as const) {
      const headers = { authorization };
      expect((await call(releasesGet, "GET", ops.listReleases.path, { headers, params: { serviceId: s.id } })).status).toBe(status);
      expect((await call(releaseGet, "GET", ops.getRelease.path, { headers, params: { releaseId: release.id } })).status).toBe(status);
      expect((await call(decisionsGet, "GET", ops.listGateDecisions.path, { headers, params: { releaseId: release.id } })).status).toBe(status);
      expect((await call(criteriaGet, "GET", ops.listGateCriteria.path, { headers, params: { serviceId: s.id } })).status).toBe(status);
    }
  });
});

describe("the release wall snapshot", () => {
  it("lists releases with history, criteria, candidates and the seq, and is 404 for another team", async () => {
    const s = await newService();
    const inRelease = await createItem(master.actor, s.id, { title: "In" });
    const free = await createItem(master.actor, s.id, { title: "Free" });
    const release = await newRelease(s.id, [inRelease.id]);
    const criteria = await criteriaOf(s.id);
    await recordGateDecision(gatekeeper.actor, release.id, {
      outcome: "NO_GO",
      assessments: assess(criteria, { security: "Scan red" }),
      evidence: [],
      comment: "",
      supersedesId: null,
    });
    const res = await call(releasesGet, "GET", ops.listReleases.path, { cookie: developer.cookie, params: { serviceId: s.key } });
    expect(res.status).toBe(200);
    expectContract(ops.listReleases, 200, res.body);
    expect(res.body.releases.map((r: TRelease) => [r.name, r.decisions.length, r.mayDeploy])).toEqual([[release.name, 1, false]]);
    expect(res.body.candidates.map((c: { id: string }) => c.id)).toEqual([free.id]);
    expect(res.body.seq).toBe((await db.service.findUniqueOrThrow({ where: { id: s.id } })).lastSeq);
    const stranger = await person((await makeTeam()).id, ["SERVICE_MASTER"]);
    expect((await call(releasesGet, "GET", ops.listReleases.path, { cookie: stranger.cookie, params: { serviceId: s.id } })).status).toBe(404);
  });
});
