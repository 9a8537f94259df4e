// The whole permission matrix, enforced where it matters: every role (and a wall-display token)
// × every action, each tried THROUGH THE SERVICE FUNCTION that performs it, on a real database.
// Allowed → the use case runs; denied → FORBIDDEN, nothing written, the denial in the audit log.
import { beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, MATRIX, type Action, type Actor } from "@/domain/permissions";
import { ROLES, type Role } from "@/domain/roles";
import { assertCan } from "@/server/auth/authorize";
import { resolveAccessToken } from "@/server/auth/request-actor";
import { db } from "@/server/db";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { createService } from "@/server/services/services/create-service";
import { setMemberRoles } from "@/server/services/teams/set-member-roles";
import { createAccessToken } from "@/server/services/tokens/create-access-token";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { releaseAndon } from "@/server/services/andon/release-andon";
import { reorderBacklogItem } from "@/server/services/backlog/reorder-backlog-item";
import { commentOnItem } from "@/server/services/items/comment-on-item";
import { updateItem } from "@/server/services/items/update-item";
import { createRelease } from "@/server/services/releases/create-release";
import { recordGateDecision } from "@/server/services/releases/record-gate-decision";
import { reportDeployment } from "@/server/services/releases/report-deployment";
import { reportIncident } from "@/server/services/incidents/report-incident";
import { decideRfc } from "@/server/services/rfcs/decide-rfc";
import { raiseRfc } from "@/server/services/rfcs/raise-rfc";
import { addStage } from "@/server/services/stages/add-stage";
import { answerProposal } from "@/server/services/kaizen-proposals/answer-proposal";
import { proposeKaizen } from "@/server/services/kaizen-proposals/propose-kaizen";
import { detectDataProblems } from "@/server/services/problems/detect-data-problems";
import { openProblem } from "@/server/services/problems/open-problem";
import { recordKpiValue } from "@/server/services/problems/record-kpi-value";
import { updateProblem } from "@/server/services/problems/update-problem";
import { createWebhook } from "@/server/services/webhooks/create-webhook";
import { recordWeeklyDecision } from "@/server/services/weekly/record-weekly-decision";
import { weekLabel } from "@/domain/weekly";
import { makeTeam, makeUser, uid } from "../support/factories";

type Row = Role | "WALL_TOKEN";
const ROWS: Row[] = [...ROLES, "WALL_TOKEN"];

let admin: Actor;
let teamId: string;
let service: { id: string; stageIds: string[] };

const actors = new Map<Row, Actor>();

/**
 * One probe per action: `prepare` builds what the action needs (as the admin), then returns
 * the call that performs the action as the actor under test. `via` names the service function,
 * or says the action has no use case yet and is checked through `assertCan` on the same scope.
 */
type Probe = {
  via: string;
  prepare: () => Promise<(actor: Actor) => Promise<unknown>>;
  // The action names a denial may be audited under (decideRfc records "rfc.decide" when no key is held at all).
  auditedAs?: string[];
};

const scope = () => ({ teamId, serviceId: service.id });
async function releaseOpenAndons() {
  const open = await db.andon.findMany({ where: { serviceId: service.id, releasedAt: null }, select: { id: true } });
  for (const a of open) await releaseAndon(admin, a.id, { countermeasure: "Cleared between probes" });
}
const rfc = () => raiseRfc(admin, service.id, { title: `RfC ${uid()}`, what: "Upgrade", why: "Support ends", source: "MAINTENANCE" });
const release = () => createRelease(admin, service.id, { name: `r-${uid()}` });
const gateOnly = (action: Action): Probe => ({
  via: "assertCan (no use case yet)",
  prepare: async () => (actor) => assertCan(actor, action, scope()),
});

const PROBES: Record<Action, Probe> = {
  "service.view": { via: "getWallSnapshot", prepare: async () => (actor) => getWallSnapshot(actor, service.id) },
  "service.create": {
    via: "createService",
    prepare: async () => (actor) => createService(actor, { teamId, key: `m-${uid()}`, name: "Probe" }),
  },
  "service.configure": {
    via: "addStage",
    prepare: async () => (actor) => addStage(actor, service.id, { name: `Stage ${uid()}`, afterStageId: service.stageIds.at(-1)! }),
  },
  "service.endOfLife": gateOnly("service.endOfLife"),
  "mri.edit": gateOnly("mri.edit"),
  "serviceLevel.manage": gateOnly("serviceLevel.manage"),
  "availability.report": gateOnly("availability.report"),
  "recoveryTest.record": gateOnly("recoveryTest.record"),
  "cost.plan": gateOnly("cost.plan"),
  "cost.recordActual": gateOnly("cost.recordActual"),
  "item.create": { via: "createItem", prepare: async () => (actor) => createItem(actor, service.id, { title: "Probe" }) },
  "item.update": {
    via: "updateItem",
    prepare: async () => {
      const item = await createItem(admin, service.id, { title: `Update ${uid()}` });
      return (actor) => updateItem(actor, item.id, { expectedVersion: item.version, title: "Renamed" });
    },
  },
  "item.move": {
    via: "moveItem",
    prepare: async () => {
      const item = await createItem(admin, service.id, { title: `Move ${uid()}` });
      return (actor) => moveItem(actor, item.id, { toStageId: service.stageIds[1]!, expectedVersion: item.version });
    },
  },
  "item.comment": {
    via: "commentOnItem",
    prepare: async () => {
      const item = await createItem(admin, service.id, { title: `Comment ${uid()}` });
      return (actor) => commentOnItem(actor, item.id, { body: "Looks good" });
    },
  },
  "backlog.reorder": {
    via: "reorderBacklogItem",
    prepare: async () => {
      const a = await createItem(admin, service.id, { title: `Rank ${uid()}` });
      const b = await createItem(admin, service.id, { title: `Rank ${uid()}` });
      return (actor) => reorderBacklogItem(actor, service.id, { itemId: b.id, beforeItemId: a.id });
    },
  },
  "andon.pull": {
    via: "pullAndon",
    prepare: async () => {
      await releaseOpenAndons();
      return (actor) => pullAndon(actor, service.id, { stageId: service.stageIds[2]!, reason: "Defect found" });
    },
  },
  "andon.release": {
    via: "releaseAndon",
    prepare: async () => {
      await releaseOpenAndons();
      const andon = await pullAndon(admin, service.id, { stageId: service.stageIds[2]!, reason: "Defect found" });
      return (actor) => releaseAndon(actor, andon.id, { countermeasure: "Fixed and tested" });
    },
  },
  "rfc.raise": {
    via: "raiseRfc",
    prepare: async () => (actor) => raiseRfc(actor, service.id, { title: "Upgrade", what: "Upgrade", why: "Support ends", source: "MONITORING" }),
  },
  "rfc.approveAsServiceMaster": {
    via: "decideRfc",
    auditedAs: ["rfc.approveAsServiceMaster", "rfc.decide"],
    prepare: async () => {
      const r = await rfc();
      return (actor) => decideRfc(actor, r.id, { decision: "APPROVE", role: "SERVICE_MASTER" });
    },
  },
  "rfc.approveAsReliabilityEngineer": {
    via: "decideRfc",
    auditedAs: ["rfc.approveAsReliabilityEngineer", "rfc.decide"],
    prepare: async () => {
      const r = await rfc();
      return (actor) => decideRfc(actor, r.id, { decision: "APPROVE", role: "RELIABILITY_ENGINEER" });
    },
  },
  "release.manage": { via: "createRelease", prepare: async () => (actor) => createRelease(actor, service.id, { name: `m-${uid()}` }) },
  "gate.decide": {
    via: "recordGateDecision",
    prepare: async () => {
      const r = await release();
      const criteria = await db.gateCriterion.findMany({ where: { serviceId: service.id, retired: false }, select: { id: true } });
      return (actor) =>
        recordGateDecision(actor, r.id, {
          outcome: "GO",
          assessments: criteria.map((c) => ({ criterionId: c.id, result: "PASS" as const })),
          supersedesId: null,
        });
    },
  },
  "deployment.report": {
    via: "reportDeployment",
    prepare: async () => {
      const r = await release();
      const t = new Date().toISOString();
      return (actor) => reportDeployment(actor, r.id, { environment: "production", result: "SUCCESS", startedAt: t, finishedAt: t });
    },
  },
  "incident.report": {
    via: "reportIncident",
    prepare: async () => (actor) => reportIncident(actor, service.id, { title: `Checkout down ${uid()}`, openedAt: new Date().toISOString() }),
  },
  "kaizen.open": { via: "openProblem", prepare: async () => (actor) => openProblem(actor, service.id, { title: `Problem ${uid()}` }) },
  "kaizen.edit": {
    via: "updateProblem",
    prepare: async () => {
      const p = await openProblem(admin, service.id, { title: `Edit ${uid()}` });
      return (actor) => updateProblem(actor, p.id, { version: 1, hypothesis: "A hypothesis" });
    },
  },
  "kaizen.kpi": {
    via: "recordKpiValue (on a problem the actor owns: the matrix, then ownership)",
    prepare: async () => {
      const p = await openProblem(admin, service.id, { title: `KPI ${uid()}` });
      await db.problem.update({ where: { id: p.id }, data: { kpiName: "Lead time", kpiTarget: 5 } });
      return async (actor) => {
        if (actor.kind === "user") await db.problem.update({ where: { id: p.id }, data: { ownerId: actor.userId } });
        return recordKpiValue(actor, p.id, { week: new Date().toISOString().slice(0, 10), value: 4 });
      };
    },
  },
  "kaizen.propose": {
    via: "proposeKaizen",
    prepare: async () => (actor) =>
      proposeKaizen(actor, service.id, { fromStageId: service.stageIds[1]!, toStageId: service.stageIds[0]!, problem: "p", proposal: "q", expectedEffect: "e" }),
  },
  "kaizen.answer": {
    via: "answerProposal",
    prepare: async () => {
      const p = await proposeKaizen(admin, service.id, { fromStageId: service.stageIds[1]!, toStageId: service.stageIds[0]!, problem: "p", proposal: "q", expectedEffect: "e" });
      return (actor) => answerProposal(actor, p.id, { version: 1, decision: "DECLINE", reason: "Not now" });
    },
  },
  "kaizen.facilitate": { via: "detectDataProblems", prepare: async () => (actor) => detectDataProblems(actor, service.id) },
  "weekly.record": {
    via: "recordWeeklyDecision",
    prepare: async () => (actor) => recordWeeklyDecision(actor, service.id, { week: weekLabel(new Date()), lineKey: "flow:throughput", lineText: "Throughput", text: `Probe ${uid()}` }),
  },
  "token.manage": {
    via: "createAccessToken",
    prepare: async () => (actor) => createAccessToken(actor, service.id, { kind: "WALL", name: `TV ${uid()}` }),
  },
  "webhook.manage": {
    via: "createWebhook",
    prepare: async () => (actor) => createWebhook(actor, service.id, { name: `Hook ${uid()}`, url: "http://127.0.0.1:9/hook", eventTypes: ["andon.pulled"] }),
  },
  "team.manage": {
    via: "setMemberRoles",
    prepare: async () => {
      const { user } = await makeUser();
      return (actor) => setMemberRoles(actor, teamId, { userId: user.id, roles: ["DEVELOPER"] });
    },
  },
};

/** What a denied call must leave untouched. */
async function fingerprint() {
  const [events, items, services, tokens, memberships, changes] = await Promise.all([
    db.event.count(),
    db.workItem.count(),
    db.service.count(),
    db.accessToken.count(),
    db.membership.count(),
    db.auditLog.count({ where: { outcome: "ok" } }),
  ]);
  return { events, items, services, tokens, memberships, changes };
}

function expected(row: Row, action: Action): boolean {
  if (row === "WALL_TOKEN") return action === "service.view";
  // ADMIN is in the matrix too: every action but the two approval keys (issue 9.3).
  return MATRIX[row].includes(action);
}

const auditId = (actor: Actor) => (actor.kind === "user" ? actor.userId : `token:${actor.tokenId}`);

beforeAll(async () => {
  const team = await makeTeam();
  teamId = team.id;
  admin = (await makeUser({ isAdmin: true })).actor;
  // Two plain stages, no done-criteria: a move is then decided by the matrix alone, not by flow rules.
  service = await createService(admin, {
    teamId,
    key: `matrix-${uid()}`,
    name: "Matrix",
    stages: [
      { key: "todo", name: "To do" },
      { key: "doing", name: "Doing" },
      // Andons stop the line: they are pulled here, on a stage no other probe moves items through.
      { key: "parked", name: "Parked" },
    ],
  });
  for (const role of ROLES) {
    // ADMIN is granted on the user, never as a team role (setMemberRoles refuses it).
    const { actor } = role === "ADMIN" ? await makeUser({ isAdmin: true }) : await makeUser({ teamId, roles: [role] });
    actors.set(role, actor);
  }
  const { secret } = await createAccessToken(admin, service.id, { kind: "WALL", name: "Office TV" });
  actors.set("WALL_TOKEN", (await resolveAccessToken(secret))!);
});

describe("the permission matrix through the service layer", () => {
  it("has a probe for every action, and every probe names what it calls", () => {
    expect(Object.keys(PROBES).sort()).toEqual([...ACTIONS].sort());
  });

  it("every role and a wall token may do exactly what the matrix gives them, and nothing else", async () => {
    const observed: Record<string, Record<string, string>> = {};
    const want: Record<string, Record<string, string>> = {};
    const sideEffects: string[] = [];
    for (const row of ROWS) {
      const actor = actors.get(row)!;
      observed[row] = {};
      want[row] = {};
      for (const action of ACTIONS) {
        want[row][action] = expected(row, action) ? "allowed" : "denied";
        const run = await PROBES[action].prepare();
        const before = await fingerprint();
        const audited = { actorId: auditId(actor), action: { in: PROBES[action].auditedAs ?? [action] }, outcome: "denied" };
        const deniedBefore = await db.auditLog.count({ where: audited });
        try {
          await run(actor);
          observed[row][action] = "allowed";
        } catch (e) {
          const code = (e as { code?: string }).code;
          observed[row][action] = code === "FORBIDDEN" ? "denied" : `failed: ${code ?? (e as Error).message}`;
        }
        if (observed[row][action] === "denied") {
          const after = await fingerprint();
          if (JSON.stringify(after) !== JSON.stringify(before)) sideEffects.push(`${row} ${action}: wrote ${JSON.stringify({ before, after })}`);
          const deniedAfter = await db.auditLog.count({ where: audited });
          if (deniedAfter !== deniedBefore + 1) sideEffects.push(`${row} ${action}: the denial was not recorded in the audit log`);
        }
      }
    }
    expect(observed).toEqual(want);
    expect(sideEffects).toEqual([]);
    // 200 probes against a real database (slower on PostgreSQL): a generous bound, not a timing check.
  }, 300_000);

  it("states the issue's rules about the matrix itself (so an edit to MATRIX that breaks them fails here too)", () => {
    const holders = (action: Action) => ROWS.filter((r) => expected(r, action));
    expect(holders("backlog.reorder")).toEqual(["ADMIN", "SERVICE_MASTER"]);
    expect(holders("service.endOfLife")).toEqual(["ADMIN", "SERVICE_MASTER"]);
    expect(holders("webhook.manage")).toEqual(["ADMIN", "SERVICE_MASTER"]);
    expect(holders("gate.decide")).toEqual(["ADMIN", "GATEKEEPER"]);
    expect(holders("rfc.approveAsServiceMaster")).toEqual(["SERVICE_MASTER"]);
    expect(holders("rfc.approveAsReliabilityEngineer")).toEqual(["RELIABILITY_ENGINEER"]);
    expect(holders("andon.pull")).toEqual(ROLES.filter((r) => r !== "VIEWER"));
    for (const action of ACTIONS.filter((a) => a !== "service.view")) {
      expect(holders(action), action).not.toContain("VIEWER");
      expect(holders(action), action).not.toContain("WALL_TOKEN");
    }
  });

  it("a member of another team is denied every team-scoped action there, whatever their role", async () => {
    const other = await makeTeam();
    const { actor } = await makeUser({ teamId: other.id, roles: ["SERVICE_MASTER"] });
    await expect(getWallSnapshot(actor, service.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createItem(actor, service.id, { title: "Intruder" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createService(actor, { teamId, key: `x-${uid()}`, name: "Intruder" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setMemberRoles(actor, teamId, { userId: actor.kind === "user" ? actor.userId : "", roles: ["SERVICE_MASTER"] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
