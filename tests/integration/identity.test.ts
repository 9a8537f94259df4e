import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/domain/permissions";
import { createUser } from "@/server/services/users/create-user";
import { acceptInvite } from "@/server/services/users/accept-invite";
import { setUserDisabled } from "@/server/services/users/set-user-disabled";
import { createTeam } from "@/server/services/teams/create-team";
import { setMemberRoles } from "@/server/services/teams/set-member-roles";
import { assignPool, setOrgLayout } from "@/server/services/teams/set-org-layout";
import { createAccessToken } from "@/server/services/tokens/create-access-token";
import { revokeAccessToken } from "@/server/services/tokens/revoke-access-token";
import { listAccessTokens } from "@/server/services/tokens/list-access-tokens";
import { createService } from "@/server/services/services/create-service";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { hashToken, resolveActor } from "@/server/auth/request-actor";
import { verifyPassword } from "@/server/auth/password";
import { onAccessChanged } from "@/server/realtime/access-signals";
import { loadUserSession, loadUserSessionWithPrisma } from "@/server/services/actors/load-user-actor";
import { makeTeam, makeUser, uid } from "../support/factories";
import { sessionCookie } from "../support/session";

let admin: Actor;
let teamId: string;
let orgId: string;
let master: Actor;

beforeAll(async () => {
  const team = await makeTeam();
  teamId = team.id;
  orgId = team.orgId;
  admin = (await makeUser({ isAdmin: true })).actor;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
});

describe("users", () => {
  it("an admin invites a user who sets a password once; the invitation is then spent", async () => {
    const { user, inviteSecret } = await createUser(admin, { email: `New-${uid()}@Example.test`, name: "Newcomer" });
    expect(user.email).toBe(user.email.toLowerCase());
    expect(inviteSecret).toMatch(/^inv_/);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toBeNull();
    expect(row.inviteTokenHash).toBe(hashToken(inviteSecret!));
    await acceptInvite({ token: inviteSecret, password: "correct horse battery" });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("correct horse battery", after.passwordHash!)).toBe(true);
    await expect(acceptInvite({ token: inviteSecret, password: "another password!" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("only admins create users; a duplicate email is a conflict", async () => {
    await expect(createUser(master, { email: `x-${uid()}@example.test`, name: "X", password: "long enough pw" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const email = `dup-${uid()}@example.test`;
    await createUser(admin, { email, name: "A", password: "long enough pw" });
    await expect(createUser(admin, { email, name: "B", password: "long enough pw" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createUser(admin, { email: "not-an-email", name: "B" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("disabling a user ends their session at once and signals their sockets", async () => {
    const { user } = await makeUser({ teamId, roles: ["DEVELOPER"] });
    const cookie = await sessionCookie(user.id);
    expect(await resolveActor({ cookie })).toMatchObject({ kind: "user", userId: user.id });
    const signals: unknown[] = [];
    const off = onAccessChanged((c) => signals.push(c));
    await setUserDisabled(admin, user.id, true);
    off();
    expect(await resolveActor({ cookie })).toBeNull();
    expect(signals).toEqual([{ userId: user.id }]);
  });
});

describe("teams and roles", () => {
  it("roles set on a member take effect on the next request; removing all roles removes access", async () => {
    const service = await createService(master, { teamId, key: `svc-${uid()}`, name: "Roles" });
    const { user } = await makeUser();
    const cookie = await sessionCookie(user.id);
    const before = (await resolveActor({ cookie }))!;
    await expect(getWallSnapshot(before, service.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await setMemberRoles(admin, teamId, { userId: user.id, roles: ["VIEWER"] });
    const viewer = (await resolveActor({ cookie }))!;
    const wall = await getWallSnapshot(viewer, service.id);
    expect(wall.stages).toHaveLength(11);
    await expect(createItem(viewer, service.id, { title: "nope" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await setMemberRoles(admin, teamId, { userId: user.id, roles: ["DEVELOPER", "GATEKEEPER"] });
    const dev = (await resolveActor({ cookie }))!;
    expect(dev.kind === "user" && dev.memberships.map((m) => m.role).sort()).toEqual(["DEVELOPER", "GATEKEEPER"]);
    await createItem(dev, service.id, { title: "now allowed" });

    await setMemberRoles(admin, teamId, { userId: user.id, roles: [] });
    const gone = (await resolveActor({ cookie }))!;
    await expect(getWallSnapshot(gone, service.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const denied = await db.auditLog.count({ where: { actorId: user.id, outcome: "denied" } });
    expect(denied).toBeGreaterThanOrEqual(1);
  });

  it("matrix: a pool's members act with their roles in the delivery teams the pool is assigned to", async () => {
    const pool = await createTeam(admin, { orgId, name: `Ops pool ${uid()}`, kind: "POOL", discipline: "operations" });
    await setOrgLayout(admin, orgId, { layout: "MATRIX" });
    const service = await createService(master, { teamId, key: `svc-${uid()}`, name: "Matrix" });
    const { user } = await makeUser({ teamId: pool.id, roles: ["RELIABILITY_ENGINEER"] });
    const cookie = await sessionCookie(user.id);
    await expect(getWallSnapshot((await resolveActor({ cookie }))!, service.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await assignPool(admin, { poolTeamId: pool.id, deliveryTeamId: teamId, assigned: true });
    const expert = (await resolveActor({ cookie }))!;
    expect((await getWallSnapshot(expert, service.id)).service.id).toBe(service.id);
    await assignPool(admin, { poolTeamId: pool.id, deliveryTeamId: teamId, assigned: false });
    await expect(getWallSnapshot((await resolveActor({ cookie }))!, service.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(assignPool(admin, { poolTeamId: teamId, deliveryTeamId: pool.id, assigned: true })).rejects.toMatchObject({
      code: "RULE_VIOLATION",
    });
  });
});

describe("loadUserSession", () => {
  it("reads the same person as Prisma does (on SQLite it reads by prepared statements): roles, pools, admin, disabled", async () => {
    const pool = await createTeam(admin, { orgId, name: `Pool ${uid()}`, kind: "POOL", discipline: "testing" });
    const second = await makeTeam();
    const { user } = await makeUser({ teamId: pool.id, roles: ["DEVELOPER", "RELIABILITY_ENGINEER"] });
    await setMemberRoles(admin, second.id, { userId: user.id, roles: ["VIEWER"] });
    await assignPool(admin, { poolTeamId: pool.id, deliveryTeamId: teamId, assigned: true });
    const sorted = (s: Awaited<ReturnType<typeof loadUserSession>>) =>
      s && { ...s, actor: { ...s.actor, memberships: [...s.actor.memberships].sort((a, b) => `${a.teamId}${a.role}`.localeCompare(`${b.teamId}${b.role}`)) } };
    const read = sorted(await loadUserSession(user.id));
    expect(read).toEqual(sorted(await loadUserSessionWithPrisma(user.id)));
    expect(read!.actor.memberships).toHaveLength(5); // 2 pool roles, each also in the assigned team; 1 viewer role
    expect(read!.actor.memberships).toContainEqual({ teamId, role: "RELIABILITY_ENGINEER" });
    const adminRead = await loadUserSession((admin as { userId: string }).userId);
    expect(adminRead?.actor.isAdmin).toBe(true);
    expect(adminRead).toEqual(await loadUserSessionWithPrisma((admin as { userId: string }).userId));
    await setUserDisabled(admin, user.id, true);
    expect(await loadUserSession(user.id)).toBeNull();
    expect(await loadUserSession("no-such-user")).toBeNull();
  });
});

describe("access tokens", () => {
  it("an API token is stored hashed, shown once, scoped to its service and actions, and revocable", async () => {
    const service = await createService(master, { teamId, key: `svc-${uid()}`, name: "Tokens" });
    const other = await createService(master, { teamId, key: `svc-${uid()}`, name: "Other" });
    const { token, secret } = await createAccessToken(master, service.id, { kind: "API", name: "CI", scopes: ["item.create"] });
    const row = await db.accessToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(hashToken(secret));
    expect(JSON.stringify(await listAccessTokens(master, service.id))).not.toContain(secret);

    const machine = (await resolveActor({ authorization: `Bearer ${secret}` }))!;
    expect(machine).toMatchObject({ kind: "token", serviceId: service.id, display: false });
    const item = await createItem(machine, service.id, { title: "from the pipeline" });
    await expect(moveItem(machine, item.id, { toStageId: service.stageIds[1]!, expectedVersion: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(createItem(machine, other.id, { title: "elsewhere" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await revokeAccessToken(master, token.id);
    expect(await resolveActor({ authorization: `Bearer ${secret}` })).toBeNull();
  });

  it("a wall token sees its service and changes nothing", async () => {
    const service = await createService(master, { teamId, key: `svc-${uid()}`, name: "TV" });
    const item = await createItem(master, service.id, { title: "on the TV" });
    const { secret } = await createAccessToken(master, service.id, { kind: "WALL", name: "Office TV" });
    const tv = (await resolveActor({ authorization: `Bearer ${secret}` }))!;
    expect((await getWallSnapshot(tv, service.id)).items.map((i) => i.id)).toEqual([item.id]);
    await expect(createItem(tv, service.id, { title: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(moveItem(tv, item.id, { toStageId: service.stageIds[1]!, expectedVersion: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("a developer may not manage tokens; an API token needs scopes", async () => {
    const service = await createService(master, { teamId, key: `svc-${uid()}`, name: "Scopes" });
    const dev = (await makeUser({ teamId, roles: ["DEVELOPER"] })).actor;
    await expect(createAccessToken(dev, service.id, { kind: "WALL", name: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createAccessToken(master, service.id, { kind: "API", name: "x" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });
});
