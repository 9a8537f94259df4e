import { describe, expect, it } from "vitest";
import { ACTIONS, MATRIX, can, mayMarkCountermeasure, mayMovePdca, mayRecordKpi, seesService, type Actor } from "@/domain/permissions";
import { ROLES, type Role } from "@/domain/roles";

const TEAM = "team-a";
const OTHER = "team-b";

function person(roles: Role[], teamId = TEAM, isAdmin = false): Actor {
  return { kind: "user", userId: "u", name: "U", isAdmin, memberships: roles.map((role) => ({ teamId, role })) };
}

describe("permission matrix", () => {
  it.each(ROLES.filter((r) => r !== "ADMIN"))("%s may do exactly what the matrix lists, in its own team only", (role) => {
    const actor = person([role]);
    for (const action of ACTIONS) {
      expect(can(actor, action, { teamId: TEAM }), `${role} ${action}`).toBe(MATRIX[role].includes(action));
      expect(can(actor, action, { teamId: OTHER }), `${role} ${action} in another team`).toBe(false);
    }
  });

  it("only Service Masters reorder the backlog and decide end of life", () => {
    for (const role of ROLES) {
      const allowed = role === "SERVICE_MASTER" || role === "ADMIN";
      expect(MATRIX[role].includes("backlog.reorder")).toBe(allowed);
      expect(MATRIX[role].includes("service.endOfLife")).toBe(allowed);
    }
  });

  it("only gatekeepers record go/no-go", () => {
    expect(ROLES.filter((r) => MATRIX[r].includes("gate.decide"))).toEqual(["ADMIN", "GATEKEEPER"]);
  });

  it("the two RfC keys belong to different roles", () => {
    // Admin is not a role in the team: it holds neither key (issue 9.3).
    expect(ROLES.filter((r) => MATRIX[r].includes("rfc.approveAsServiceMaster"))).toEqual(["SERVICE_MASTER"]);
    expect(ROLES.filter((r) => MATRIX[r].includes("rfc.approveAsReliabilityEngineer"))).toEqual(["RELIABILITY_ENGINEER"]);
  });

  it("everyone in the team except viewers may pull the andon; viewers change nothing", () => {
    for (const role of ROLES) expect(MATRIX[role].includes("andon.pull")).toBe(role !== "VIEWER");
    expect(MATRIX.VIEWER).toEqual(["service.view"]);
  });

  it("roles add up when a person holds several", () => {
    const actor = person(["DEVELOPER", "GATEKEEPER"]);
    expect(can(actor, "gate.decide", { teamId: TEAM })).toBe(true);
    expect(can(actor, "item.move", { teamId: TEAM })).toBe(true);
    expect(can(actor, "backlog.reorder", { teamId: TEAM })).toBe(false);
  });

  it("admins may do anything anywhere except turn a change's approval key, which needs the role in the team (issue 9.3)", () => {
    const admin = person([], TEAM, true);
    for (const action of ACTIONS) {
      const key = action === "rfc.approveAsServiceMaster" || action === "rfc.approveAsReliabilityEngineer";
      expect(can(admin, action, { teamId: OTHER }), action).toBe(!key);
    }
    const adminSm = person(["SERVICE_MASTER"], TEAM, true);
    expect(can(adminSm, "rfc.approveAsServiceMaster", { teamId: TEAM })).toBe(true);
    expect(can(adminSm, "rfc.approveAsServiceMaster", { teamId: OTHER })).toBe(false);
    expect(can(adminSm, "rfc.approveAsReliabilityEngineer", { teamId: TEAM })).toBe(false);
  });

  it("a wall-display token only views its own service", () => {
    const wall: Actor = { kind: "token", tokenId: "t", serviceId: "s1", display: true, scopes: ["item.move"] };
    expect(can(wall, "service.view", { teamId: TEAM, serviceId: "s1" })).toBe(true);
    expect(can(wall, "item.move", { teamId: TEAM, serviceId: "s1" })).toBe(false);
    expect(can(wall, "service.view", { teamId: TEAM, serviceId: "s2" })).toBe(false);
  });

  it("an API token may do its scoped actions on its own service only", () => {
    const api: Actor = { kind: "token", tokenId: "t", serviceId: "s1", display: false, scopes: ["rfc.raise"] };
    expect(can(api, "rfc.raise", { teamId: TEAM, serviceId: "s1" })).toBe(true);
    expect(can(api, "item.move", { teamId: TEAM, serviceId: "s1" })).toBe(false);
    expect(can(api, "rfc.raise", { teamId: TEAM, serviceId: "s2" })).toBe(false);
    expect(can(api, "rfc.raise", { global: true })).toBe(false);
  });
});

describe("seesService", () => {
  const service = { id: "svc-1", teamId: "team-1" };
  it("a person sees the services of their teams, an admin all, a token only its own", () => {
    const member: Actor = { kind: "user", userId: "u", name: "U", isAdmin: false, memberships: [{ teamId: "team-1", role: "VIEWER" }] };
    const outsider: Actor = { ...member, memberships: [{ teamId: "team-2", role: "SERVICE_MASTER" }] };
    const admin: Actor = { ...outsider, isAdmin: true };
    const own: Actor = { kind: "token", tokenId: "t", serviceId: "svc-1", display: true, scopes: [] };
    const other: Actor = { ...own, serviceId: "svc-2" };
    expect([member, outsider, admin, own, other].map((a) => seesService(a, service))).toEqual([true, false, true, true, false]);
  });
});

describe("Kaizen permissions", () => {
  const scope = { teamId: TEAM, serviceId: "s1" };
  const owner = (roles: Role[]): Actor => ({ kind: "user", userId: "owner", name: "O", isAdmin: false, memberships: roles.map((role) => ({ teamId: TEAM, role })) });

  it("the Process Master facilitates every PDCA move; an owner only starts and hands over", () => {
    const pm = person(["PROCESS_MASTER"]);
    for (const [from, to] of [["PLAN", "DO"], ["DO", "CHECK"], ["CHECK", "ACT"], ["CHECK", "PLAN"], ["ACT", "CLOSED"]] as const) {
      expect(mayMovePdca(pm, scope, { ownerId: "someone" }, from, to)).toBe(true);
    }
    const dev = owner(["DEVELOPER"]);
    expect(mayMovePdca(dev, scope, { ownerId: "owner" }, "PLAN", "DO")).toBe(true);
    expect(mayMovePdca(dev, scope, { ownerId: "owner" }, "DO", "CHECK")).toBe(true);
    expect(mayMovePdca(dev, scope, { ownerId: "owner" }, "CHECK", "ACT")).toBe(false);
    expect(mayMovePdca(dev, scope, { ownerId: "owner" }, "ACT", "CLOSED")).toBe(false);
    expect(mayMovePdca(dev, scope, { ownerId: "other" }, "PLAN", "DO")).toBe(false);
    // an owner who is only a viewer (or in another team) moves nothing
    expect(mayMovePdca(owner(["VIEWER"]), scope, { ownerId: "owner" }, "PLAN", "DO")).toBe(false);
    expect(mayMovePdca(dev, { teamId: OTHER, serviceId: "s1" }, { ownerId: "owner" }, "PLAN", "DO")).toBe(false);
  });

  it("only the Process Master (and admins) facilitate and close", () => {
    expect(ROLES.filter((r) => MATRIX[r].includes("kaizen.facilitate"))).toEqual(["ADMIN", "PROCESS_MASTER"]);
  });

  it("a countermeasure is marked done by its owner or a facilitator", () => {
    expect(mayMarkCountermeasure(owner(["OPERATIONS"]), scope, { ownerId: "owner" })).toBe(true);
    expect(mayMarkCountermeasure(owner(["OPERATIONS"]), scope, { ownerId: "other" })).toBe(false);
    expect(mayMarkCountermeasure(person(["PROCESS_MASTER"]), scope, { ownerId: "other" })).toBe(true);
    expect(mayMarkCountermeasure(owner(["VIEWER"]), scope, { ownerId: "owner" })).toBe(false);
  });

  it("viewers and wall tokens only read Kaizen; a monitoring token with the scope posts KPI values", () => {
    for (const a of ["kaizen.open", "kaizen.edit", "kaizen.kpi", "kaizen.propose", "kaizen.answer", "kaizen.facilitate"] as const) {
      expect(MATRIX.VIEWER.includes(a)).toBe(false);
    }
    const wall: Actor = { kind: "token", tokenId: "t", serviceId: "s1", display: true, scopes: ["kaizen.kpi"] };
    expect(mayRecordKpi(wall, scope, { ownerId: null })).toBe(false);
    const monitor: Actor = { kind: "token", tokenId: "t", serviceId: "s1", display: false, scopes: ["kaizen.kpi"] };
    expect(mayRecordKpi(monitor, scope, { ownerId: null })).toBe(true);
    expect(mayRecordKpi(monitor, { teamId: TEAM, serviceId: "s2" }, { ownerId: null })).toBe(false);
    const noScope: Actor = { kind: "token", tokenId: "t", serviceId: "s1", display: false, scopes: ["item.move"] };
    expect(mayRecordKpi(noScope, scope, { ownerId: null })).toBe(false);
    expect(mayRecordKpi(owner(["DEVELOPER"]), scope, { ownerId: "owner" })).toBe(true);
    expect(mayRecordKpi(owner(["DEVELOPER"]), scope, { ownerId: "other" })).toBe(false);
    expect(mayRecordKpi(person(["PROCESS_MASTER"]), scope, { ownerId: "other" })).toBe(true);
  });
});
