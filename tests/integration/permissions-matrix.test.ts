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
type Probe = { via: string; prepare: () => Promise<(actor: Actor) => Promise<unknown>> };

const scope = () => ({ teamId, serviceId: service.id });
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
  "service.configure": gateOnly("service.configure"),
  "service.endOfLife": gateOnly("service.endOfLife"),
  "item.create": { via: "createItem", prepare: async () => (actor) => createItem(actor, service.id, { title: "Probe" }) },
  "item.update": gateOnly("item.update"),
  "item.move": {
    via: "moveItem",
    prepare: async () => {
      const item = await createItem(admin, service.id, { title: `Move ${uid()}` });
      return (actor) => moveItem(actor, item.id, { toStageId: service.stageIds[1]!, expectedVersion: item.version });
    },
  },
  "item.comment": gateOnly("item.comment"),
  "backlog.reorder": gateOnly("backlog.reorder"),
  "andon.pull": gateOnly("andon.pull"),
  "andon.release": gateOnly("andon.release"),
  "rfc.raise": gateOnly("rfc.raise"),
  "rfc.approveAsServiceMaster": gateOnly("rfc.approveAsServiceMaster"),
  "rfc.approveAsReliabilityEngineer": gateOnly("rfc.approveAsReliabilityEngineer"),
  "release.manage": gateOnly("release.manage"),
  "gate.decide": gateOnly("gate.decide"),
  "deployment.report": gateOnly("deployment.report"),
  "kaizen.edit": gateOnly("kaizen.edit"),
  "token.manage": {
    via: "createAccessToken",
    prepare: async () => (actor) => createAccessToken(actor, service.id, { kind: "WALL", name: `TV ${uid()}` }),
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
  return row === "ADMIN" || MATRIX[row].includes(action);
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
        const deniedBefore = await db.auditLog.count({ where: { actorId: auditId(actor), action, outcome: "denied" } });
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
          const deniedAfter = await db.auditLog.count({ where: { actorId: auditId(actor), action, outcome: "denied" } });
          if (deniedAfter !== deniedBefore + 1) sideEffects.push(`${row} ${action}: the denial was not recorded in the audit log`);
        }
      }
    }
    expect(observed).toEqual(want);
    expect(sideEffects).toEqual([]);
  });

  it("states the issue's rules about the matrix itself (so an edit to MATRIX that breaks them fails here too)", () => {
    const holders = (action: Action) => ROWS.filter((r) => expected(r, action));
    expect(holders("backlog.reorder")).toEqual(["ADMIN", "SERVICE_MASTER"]);
    expect(holders("service.endOfLife")).toEqual(["ADMIN", "SERVICE_MASTER"]);
    expect(holders("gate.decide")).toEqual(["ADMIN", "GATEKEEPER"]);
    expect(holders("rfc.approveAsServiceMaster")).toEqual(["ADMIN", "SERVICE_MASTER"]);
    expect(holders("rfc.approveAsReliabilityEngineer")).toEqual(["ADMIN", "RELIABILITY_ENGINEER"]);
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
