// Requests for change on a real database: raising (people and API tokens), the two-key rules,
// exactly one backlog item per approval, and waiting RfCs as wall problems; plus the HTTP doors.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import type { Role } from "@/domain/roles";
import * as ops from "@/lib/openapi/backlog-operations";
import { hashToken } from "@/server/auth/request-actor";
import { db } from "@/server/db";
import { decideRfc } from "@/server/services/rfcs/decide-rfc";
import { listRfcs } from "@/server/services/rfcs/list-rfcs";
import { raiseRfc } from "@/server/services/rfcs/raise-rfc";
import { waitingRfcProblems } from "@/server/services/rfcs/waiting-rfc-problems";
import { createService } from "@/server/services/services/create-service";
import { POST as raiseRoute, GET as listRoute } from "@/app/api/v1/services/[serviceId]/rfcs/route";
import { POST as decideRoute } from "@/app/api/v1/rfcs/[rfcId]/decision/route";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

type Person = { actor: Actor; userId: string };
let teamId: string;
let sm: Person;
let sm2: Person;
let re: Person;
let both: Person;
let dev: Person;

async function person(roles: Role[]): Promise<Person> {
  const { user, actor } = await makeUser({ teamId, roles });
  return { actor, userId: user.id };
}

const RFC = {
  title: "Alert on queue age",
  what: "Add a queue-age alert",
  why: "A customer saw the last breach before we did",
  source: "MONITORING" as const,
  impact: "New alert",
  risk: "LOW" as const,
  urgency: "HIGH" as const,
};

async function newService() {
  return createService(sm.actor, { teamId, key: `rfc-${uid()}`, name: "Changes" });
}

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  sm = await person(["SERVICE_MASTER"]);
  sm2 = await person(["SERVICE_MASTER"]);
  re = await person(["RELIABILITY_ENGINEER"]);
  both = await person(["SERVICE_MASTER", "RELIABILITY_ENGINEER"]);
  dev = await person(["DEVELOPER"]);
});

describe("raising", () => {
  it("a team member raises an RfC: PENDING, with an rfc.raised event", async () => {
    const s = await newService();
    const rfc = await raiseRfc(dev.actor, s.id, RFC);
    expect(rfc).toMatchObject({ status: "PENDING", kind: "RFC", raisedById: dev.userId, approvals: [], itemId: null, version: 1 });
    const ev = await db.event.findFirstOrThrow({ where: { serviceId: s.id, type: "rfc.raised" } });
    expect(ev.payload).toMatchObject({ rfcId: rfc.id, kind: "RFC", source: "MONITORING" });
  });

  it("a monitoring tool raises one with an API token scoped rfc.raise; without the scope it is refused", async () => {
    const s = await newService();
    const secret = `oby_a_${randomBytes(12).toString("hex")}`;
    await db.accessToken.create({ data: { kind: "API", serviceId: s.id, name: "monitoring", tokenHash: hashToken(secret), scopes: ["rfc.raise"] } });
    const res = await call(raiseRoute, "POST", ops.raiseRfc.path, {
      params: { serviceId: s.id },
      headers: { authorization: `Bearer ${secret}` },
      origin: null,
      body: RFC,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expectContract(ops.raiseRfc, 201, res.body);
    expect(res.body).toMatchObject({ raisedById: null, status: "PENDING" });

    const weak = `oby_a_${randomBytes(12).toString("hex")}`;
    await db.accessToken.create({ data: { kind: "API", serviceId: s.id, name: "ci", tokenHash: hashToken(weak), scopes: ["item.create"] } });
    const refused = await call(raiseRoute, "POST", ops.raiseRfc.path, {
      params: { serviceId: s.id },
      headers: { authorization: `Bearer ${weak}` },
      origin: null,
      body: RFC,
    });
    expect(refused.status).toBe(403);
    // and a token may not turn a key, whatever its scopes
    const keyToken = `oby_a_${randomBytes(12).toString("hex")}`;
    await db.accessToken.create({
      data: { kind: "API", serviceId: s.id, name: "bot", tokenHash: hashToken(keyToken), scopes: ["rfc.approveAsServiceMaster"] },
    });
    const bot = await call(decideRoute, "POST", ops.decideRfc.path, {
      params: { rfcId: (res.body as { id: string }).id },
      headers: { authorization: `Bearer ${keyToken}` },
      origin: null,
      body: { decision: "APPROVE" },
    });
    expect(bot.status).toBe(403);
  });

  it("a bad request is a 400 naming the fields, and writes nothing", async () => {
    const s = await newService();
    const cookie = await sessionCookie(dev.userId);
    const res = await call(raiseRoute, "POST", ops.raiseRfc.path, { cookie, params: { serviceId: s.id }, body: { title: "", source: "NOWHERE" } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Title is required/);
    expect(res.body.error.message).toMatch(/Source must be one of/);
    expect(await db.changeRequest.count({ where: { serviceId: s.id } })).toBe(0);
  });
});

describe("two-key approval", () => {
  it("SM then RE (two people) approve: exactly one ranked RFC item in Requirements & design, linked", async () => {
    const s = await newService();
    const rfc = await raiseRfc(dev.actor, s.id, RFC);
    const half = await decideRfc(sm.actor, rfc.id, { decision: "APPROVE" });
    expect(half).toMatchObject({ status: "PENDING", itemId: null, version: 2 });
    expect(await db.workItem.count({ where: { serviceId: s.id } })).toBe(0);
    const done = await decideRfc(re.actor, rfc.id, { decision: "APPROVE", expectedVersion: 2 });
    expect(done.status).toBe("APPROVED");
    expect(done.approvals.map((a) => [a.role, a.userId])).toEqual([
      ["SERVICE_MASTER", sm.userId],
      ["RELIABILITY_ENGINEER", re.userId],
    ]);
    const items = await db.workItem.findMany({ where: { serviceId: s.id }, include: { stage: true, changeRequest: true } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: done.itemId, kind: "RFC", title: RFC.title, stage: { key: "requirements" } });
    expect(items[0]!.changeRequest?.id).toBe(rfc.id);
    const types = (await db.event.findMany({ where: { serviceId: s.id }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types.slice(-4)).toEqual(["rfc.approval.recorded", "rfc.approval.recorded", "item.created", "rfc.decided"]);
  });

  it("maintenance activities need the same two keys and become MAINTENANCE items", async () => {
    const s = await newService();
    // Raised by someone other than the two approvers: the raiser turns neither key (issue 9.3).
    const m = await raiseRfc(dev.actor, s.id, { ...RFC, kind: "MAINTENANCE", source: "MAINTENANCE", title: "Chromium upgrade" });
    await decideRfc(re.actor, m.id, { decision: "APPROVE" });
    expect(await db.workItem.count({ where: { serviceId: s.id } })).toBe(0);
    const done = await decideRfc(sm.actor, m.id, { decision: "APPROVE" });
    const item = await db.workItem.findUniqueOrThrow({ where: { id: done.itemId! } });
    expect(item).toMatchObject({ kind: "MAINTENANCE", title: "Chromium upgrade" });
  });

  it("the same person twice is refused, even holding both roles", async () => {
    const s = await newService();
    const rfc = await raiseRfc(dev.actor, s.id, RFC);
    await decideRfc(both.actor, rfc.id, { decision: "APPROVE", role: "SERVICE_MASTER" });
    await expect(decideRfc(both.actor, rfc.id, { decision: "APPROVE", role: "RELIABILITY_ENGINEER" })).rejects.toMatchObject({
      code: "RULE_VIOLATION",
      details: { rule: "SAME_PERSON" },
    });
    expect(await db.approval.count({ where: { rfcId: rfc.id } })).toBe(1);
    expect(await db.workItem.count({ where: { serviceId: s.id } })).toBe(0);
  });

  it("a wrong role is refused: a developer holds no key, a Service Master not the reliability key, nor a second SM the same key", async () => {
    const s = await newService();
    const rfc = await raiseRfc(dev.actor, s.id, RFC);
    await expect(decideRfc(dev.actor, rfc.id, { decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decideRfc(sm.actor, rfc.id, { decision: "APPROVE", role: "RELIABILITY_ENGINEER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await decideRfc(sm.actor, rfc.id, { decision: "APPROVE" });
    await expect(decideRfc(sm2.actor, rfc.id, { decision: "APPROVE" })).rejects.toMatchObject({
      code: "RULE_VIOLATION",
      details: { rule: "KEY_ALREADY_TURNED" },
    });
    expect(await db.approval.count({ where: { rfcId: rfc.id } })).toBe(1);
    const denied = await db.auditLog.count({ where: { actorId: dev.userId, outcome: "denied" } });
    expect(denied).toBeGreaterThan(0);
  });

  it("admin is not a role in the team: an admin without the Service Master role cannot turn its key (issue 9.3)", async () => {
    const s = await newService();
    const rfc = await raiseRfc(dev.actor, s.id, RFC);
    const admin = await makeUser({ isAdmin: true });
    const adminInTeam = await makeUser({ teamId, roles: ["DEVELOPER"], isAdmin: true });
    for (const a of [admin, adminInTeam]) {
      await expect(decideRfc(a.actor, rfc.id, { decision: "APPROVE", role: "SERVICE_MASTER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(decideRfc(a.actor, rfc.id, { decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const cookie = await sessionCookie(admin.user.id);
    const res = await call(decideRoute, "POST", ops.decideRfc.path, { cookie, params: { rfcId: rfc.id }, body: { decision: "APPROVE", role: "SERVICE_MASTER" } });
    expect(res.status).toBe(403);
    expect(await db.approval.count({ where: { rfcId: rfc.id } })).toBe(0);
    // An admin who does hold the role in the team turns the key as that Service Master.
    const adminSm = await makeUser({ teamId, roles: ["SERVICE_MASTER"], isAdmin: true });
    await expect(decideRfc(adminSm.actor, rfc.id, { decision: "APPROVE" })).resolves.toMatchObject({ status: "PENDING" });
  });

  it("the person who raised a change turns neither key, to approve or to reject (issue 9.3)", async () => {
    const s = await newService();
    const rfc = await raiseRfc(re.actor, s.id, RFC);
    await expect(decideRfc(re.actor, rfc.id, { decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN", details: { rule: "RAISED_IT" } });
    await expect(decideRfc(re.actor, rfc.id, { decision: "REJECT", reason: "Changed my mind" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { rule: "RAISED_IT" },
    });
    const viaHttp = await call(decideRoute, "POST", ops.decideRfc.path, {
      cookie: await sessionCookie(re.userId),
      params: { rfcId: rfc.id },
      body: { decision: "APPROVE", role: "RELIABILITY_ENGINEER" },
    });
    expect(viaHttp.status).toBe(403);
    expect(JSON.stringify(viaHttp.body)).toContain("You raised this change");
    // The Service Master may still turn the other key; the reliability key waits for another person.
    await decideRfc(sm.actor, rfc.id, { decision: "APPROVE" });
    await expect(decideRfc(re.actor, rfc.id, { decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.approval.count({ where: { rfcId: rfc.id } })).toBe(1);
    expect(await db.workItem.count({ where: { serviceId: s.id } })).toBe(0);
  });

  it("approve after a rejection is refused; the rejection needs and keeps its reason", async () => {
    const s = await newService();
    const rfc = await raiseRfc(dev.actor, s.id, RFC);
    await expect(decideRfc(re.actor, rfc.id, { decision: "REJECT" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const rejected = await decideRfc(re.actor, rfc.id, { decision: "REJECT", reason: "No rollback plan" });
    expect(rejected).toMatchObject({ status: "REJECTED", itemId: null });
    expect(rejected.approvals[0]).toMatchObject({ decision: "REJECT", reason: "No rollback plan" });
    await expect(decideRfc(sm.actor, rfc.id, { decision: "APPROVE" })).rejects.toMatchObject({
      code: "RULE_VIOLATION",
      details: { rule: "NOT_PENDING" },
    });
    expect(await db.workItem.count({ where: { serviceId: s.id } })).toBe(0);
  });

  it("a stale expectedVersion answers 409 with the request as it is", async () => {
    const s = await newService();
    const rfc = await raiseRfc(dev.actor, s.id, RFC);
    await decideRfc(sm.actor, rfc.id, { decision: "APPROVE" });
    await expect(decideRfc(re.actor, rfc.id, { decision: "APPROVE", expectedVersion: 1 })).rejects.toMatchObject({
      code: "VERSION_CONFLICT",
      details: { current: { id: rfc.id, version: 2 } },
    });
  });

  it("both keys turned at the same moment, several times over: one item per RfC, never two", async () => {
    const s = await newService();
    const rfcs = await Promise.all(Array.from({ length: 5 }, (_, i) => raiseRfc(dev.actor, s.id, { ...RFC, title: `Change ${i}` })));
    await Promise.allSettled(
      rfcs.flatMap((r) => [
        decideRfc(sm.actor, r.id, { decision: "APPROVE" }),
        decideRfc(re.actor, r.id, { decision: "APPROVE" }),
        decideRfc(sm2.actor, r.id, { decision: "APPROVE" }), // a second SM racing for the same key
      ]),
    );
    for (const r of rfcs) {
      const row = await db.changeRequest.findUniqueOrThrow({ where: { id: r.id }, include: { approvals: true } });
      expect(row.status).toBe("APPROVED");
      expect(row.approvals).toHaveLength(2);
      expect(await db.workItem.count({ where: { serviceId: s.id, title: r.title } })).toBe(1);
    }
    expect(await db.workItem.count({ where: { serviceId: s.id } })).toBe(5);
  });
});

describe("HTTP", () => {
  it("lists RfCs (contract), answers 200/403/404/422 as documented", async () => {
    const s = await newService();
    const devCookie = await sessionCookie(dev.userId);
    const raised = await call(raiseRoute, "POST", ops.raiseRfc.path, { cookie: devCookie, params: { serviceId: s.key }, body: RFC });
    expect(raised.status).toBe(201);
    const id = raised.body.id as string;
    const list = await call(listRoute, "GET", ops.listRfcs.path, { cookie: devCookie, params: { serviceId: s.id } });
    expect(list.status).toBe(200);
    expectContract(ops.listRfcs, 200, list.body);
    expect(list.body.rfcs.map((r: { id: string }) => r.id)).toEqual([id]);

    const decide = async (userId: string, body: object) =>
      call(decideRoute, "POST", ops.decideRfc.path, { cookie: await sessionCookie(userId), params: { rfcId: id }, body });
    expect((await decide(dev.userId, { decision: "APPROVE" })).status).toBe(403);
    const first = await decide(sm.userId, { decision: "APPROVE" });
    expect(first.status).toBe(200);
    expectContract(ops.decideRfc, 200, first.body);
    expect((await decide(sm2.userId, { decision: "APPROVE" })).status).toBe(422);
    const stranger = (await makeUser({ teamId: (await makeTeam()).id, roles: ["RELIABILITY_ENGINEER"] })).user;
    expect((await decide(stranger.id, { decision: "APPROVE" })).status).toBe(404);
    const second = await decide(re.userId, { decision: "APPROVE" });
    expect(second.status).toBe(200);
    expect(second.body.status).toBe("APPROVED");
  });
});

describe("waitingRfcProblems", () => {
  it("names pending RfCs older than 48 h on Maintenance or Customer service; decided and young ones are no problem", async () => {
    const s = await newService();
    const old = await raiseRfc(dev.actor, s.id, RFC);
    const cs = await raiseRfc(dev.actor, s.id, { ...RFC, source: "CUSTOMER_SERVICE" });
    await raiseRfc(dev.actor, s.id, RFC); // young
    const decided = await raiseRfc(dev.actor, s.id, RFC);
    await decideRfc(sm.actor, decided.id, { decision: "REJECT", reason: "Not now" });
    const threeDaysAgo = new Date(Date.now() - 72 * 3_600_000);
    await db.changeRequest.updateMany({ where: { id: { in: [old.id, cs.id, decided.id] } }, data: { createdAt: threeDaysAgo } });

    const stages = await db.stage.findMany({ where: { serviceId: s.id }, select: { id: true, key: true } });
    const stageId = (key: string) => stages.find((x) => x.key === key)!.id;
    const problems = await waitingRfcProblems(db, s.id, new Date());
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ stageId: stageId("maintenance"), kind: "RFC_WAITING", rfcIds: [old.id], itemIds: [] }),
        expect.objectContaining({ stageId: stageId("customer-service"), kind: "RFC_WAITING", rfcIds: [cs.id] }),
      ]),
    );
    expect(problems[0]!.message).toMatch(/48 h/);
    expect(await waitingRfcProblems(db, s.id, new Date(), 100)).toEqual([]);
    // listRfcs sees all four, newest first
    expect((await listRfcs(dev.actor, s.id)).rfcs).toHaveLength(4);
  });
});
