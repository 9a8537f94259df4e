// Identity over HTTP as an admin and a Service Master use it: users and invitations, teams and
// roles, the organisation's layout and pools, service tokens. Real route handlers, real sessions,
// every answer checked against the OpenAPI document.
import { beforeAll, describe, expect, it } from "vitest";
import * as ops from "@/lib/openapi/operations";
import { verifyPassword } from "@/server/auth/password";
import { resolveActor } from "@/server/auth/request-actor";
import { db } from "@/server/db";
import { onAccessChanged } from "@/server/realtime/access-signals";
import { createService } from "@/server/services/services/create-service";
import { GET as listUsersRoute, POST as createUserRoute } from "@/app/api/v1/admin/users/route";
import { PATCH as setUserDisabledRoute } from "@/app/api/v1/admin/users/[userId]/route";
import { GET as listTeamsRoute, POST as createTeamRoute } from "@/app/api/v1/admin/teams/route";
import { PUT as setMemberRolesRoute } from "@/app/api/v1/admin/teams/[teamId]/members/route";
import { PUT as setOrgLayoutRoute } from "@/app/api/v1/admin/organizations/[orgId]/layout/route";
import { PUT as assignPoolRoute } from "@/app/api/v1/admin/pool-assignments/route";
import { POST as acceptInviteRoute } from "@/app/api/v1/invites/accept/route";
import { GET as listTokensRoute, POST as createTokenRoute } from "@/app/api/v1/services/[serviceId]/tokens/route";
import { DELETE as revokeTokenRoute } from "@/app/api/v1/tokens/[tokenId]/route";
import { GET as wallRoute } from "@/app/api/v1/services/[serviceId]/wall/route";
import { POST as createItemRoute } from "@/app/api/v1/services/[serviceId]/items/route";
import type { Actor } from "@/domain/permissions";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

let orgId: string;
let teamId: string;
let admin: { cookie: string; userId: string };
let master: { cookie: string; actor: Actor };
let developer: { cookie: string };
let service: { id: string; key: string };

beforeAll(async () => {
  const team = await makeTeam();
  teamId = team.id;
  orgId = team.orgId;
  const a = await makeUser({ isAdmin: true });
  admin = { userId: a.user.id, cookie: await sessionCookie(a.user.id) };
  const m = await makeUser({ teamId, roles: ["SERVICE_MASTER"] });
  master = { actor: m.actor, cookie: await sessionCookie(m.user.id) };
  const d = await makeUser({ teamId, roles: ["DEVELOPER"] });
  developer = { cookie: await sessionCookie(d.user.id) };
  service = await createService(m.actor, { teamId, key: `id-${uid()}`, name: "Identity" });
});

describe("users and invitations", () => {
  it("an admin invites a user: the link is answered once, the invitee sets a password once, and it is the one stored", async () => {
    const email = `invitee-${uid()}@example.test`;
    const created = await call(createUserRoute, "POST", ops.adminCreateUser.path, { cookie: admin.cookie, body: { email, name: "Ina Invitee" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectContract(ops.adminCreateUser, 201, created.body);
    const link = new URL(created.body.inviteUrl);
    expect(link.pathname).toMatch(/^\/invite\/inv_/);
    const secret = decodeURIComponent(link.pathname.split("/").pop()!);

    // Listed as invited, never with the secret.
    const listed = await call(listUsersRoute, "GET", ops.adminListUsers.path, { cookie: admin.cookie });
    expect(listed.status).toBe(200);
    expectContract(ops.adminListUsers, 200, listed.body);
    expect(listed.body.users.find((u: { email: string }) => u.email === email)).toMatchObject({ invitePending: true, disabled: false });
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const short = await call(acceptInviteRoute, "POST", ops.acceptInvite.path, { body: { token: secret, password: "short" } });
    expect(short.status).toBe(400);
    const accepted = await call(acceptInviteRoute, "POST", ops.acceptInvite.path, { body: { token: secret, password: "a long new password" } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expectContract(ops.acceptInvite, 200, accepted.body);
    const row = await db.user.findUniqueOrThrow({ where: { email } });
    expect(await verifyPassword("a long new password", row.passwordHash!)).toBe(true);

    const again = await call(acceptInviteRoute, "POST", ops.acceptInvite.path, { body: { token: secret, password: "another password!" } });
    expect(again.status).toBe(404);
    expectContract(ops.acceptInvite, 404, again.body);
  });

  it("a user created with a password gets no link; a duplicate email is 409", async () => {
    const email = `pw-${uid()}@example.test`;
    const res = await call(createUserRoute, "POST", ops.adminCreateUser.path, {
      cookie: admin.cookie,
      body: { email, name: "Pat", password: "long enough password" },
    });
    expect(res.status).toBe(201);
    expect(res.body.inviteUrl).toBeNull();
    const dup = await call(createUserRoute, "POST", ops.adminCreateUser.path, { cookie: admin.cookie, body: { email, name: "Pat again" } });
    expect(dup.status).toBe(409);
    expectContract(ops.adminCreateUser, 409, dup.body);
  });

  it("disabling a user ends their session at once; enabling lets them sign in again (not the old session)", async () => {
    const { user } = await makeUser({ teamId, roles: ["DEVELOPER"] });
    const cookie = await sessionCookie(user.id);
    const signals: unknown[] = [];
    const off = onAccessChanged((c) => signals.push(c));
    const res = await call(setUserDisabledRoute, "PATCH", ops.adminSetUserDisabled.path, {
      cookie: admin.cookie,
      params: { userId: user.id },
      body: { disabled: true },
    });
    off();
    expect(res.status).toBe(200);
    expectContract(ops.adminSetUserDisabled, 200, res.body);
    expect(signals).toContainEqual({ userId: user.id });
    expect((await call(wallRoute, "GET", ops.getWall.path, { cookie, params: { serviceId: service.id } })).status).toBe(401);

    const enabled = await call(setUserDisabledRoute, "PATCH", ops.adminSetUserDisabled.path, {
      cookie: admin.cookie,
      params: { userId: user.id },
      body: { disabled: false },
    });
    expect(enabled.body).toEqual({ id: user.id, disabled: false });
    expect(await resolveActor({ cookie })).toBeNull();
    expect(await resolveActor({ cookie: await sessionCookie(user.id) })).toMatchObject({ userId: user.id });
  });

  it("an admin cannot disable themselves (422); an unknown user is 404", async () => {
    const self = await call(setUserDisabledRoute, "PATCH", ops.adminSetUserDisabled.path, {
      cookie: admin.cookie,
      params: { userId: admin.userId },
      body: { disabled: true },
    });
    expect(self.status).toBe(422);
    const missing = await call(setUserDisabledRoute, "PATCH", ops.adminSetUserDisabled.path, {
      cookie: admin.cookie,
      params: { userId: "nobody" },
      body: { disabled: true },
    });
    expect(missing.status).toBe(404);
  });
});

describe("teams, roles and the organisation", () => {
  it("creates a team, gives a member several roles, lists them, and removes them with an empty set", async () => {
    const team = await call(createTeamRoute, "POST", ops.adminCreateTeam.path, { cookie: admin.cookie, body: { orgId, name: `Checkout ${uid()}` } });
    expect(team.status, JSON.stringify(team.body)).toBe(201);
    expectContract(ops.adminCreateTeam, 201, team.body);
    const { user } = await makeUser();
    const set = await call(setMemberRolesRoute, "PUT", ops.adminSetMemberRoles.path, {
      cookie: admin.cookie,
      params: { teamId: team.body.id },
      body: { userId: user.id, roles: ["GATEKEEPER", "DEVELOPER", "GATEKEEPER"] },
    });
    expect(set.status).toBe(200);
    expectContract(ops.adminSetMemberRoles, 200, set.body);
    expect([...set.body.roles].sort()).toEqual(["DEVELOPER", "GATEKEEPER"]);

    const list = await call(listTeamsRoute, "GET", ops.adminListTeams.path, { cookie: admin.cookie });
    expect(list.status).toBe(200);
    expectContract(ops.adminListTeams, 200, list.body);
    const listed = list.body.teams.find((t: { id: string }) => t.id === team.body.id);
    expect(listed.members).toEqual([{ userId: user.id, name: user.name, email: user.email, roles: ["GATEKEEPER", "DEVELOPER"] }]);

    const admitAdmin = await call(setMemberRolesRoute, "PUT", ops.adminSetMemberRoles.path, {
      cookie: admin.cookie,
      params: { teamId: team.body.id },
      body: { userId: user.id, roles: ["ADMIN"] },
    });
    expect(admitAdmin.status).toBe(400);

    await call(setMemberRolesRoute, "PUT", ops.adminSetMemberRoles.path, {
      cookie: admin.cookie,
      params: { teamId: team.body.id },
      body: { userId: user.id, roles: [] },
    });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
  });

  it("lays the organisation out as a matrix and assigns a pool: its members then act in the delivery team", async () => {
    const layout = await call(setOrgLayoutRoute, "PUT", ops.adminSetOrgLayout.path, {
      cookie: admin.cookie,
      params: { orgId },
      body: { layout: "MATRIX" },
    });
    expect(layout.status).toBe(200);
    expectContract(ops.adminSetOrgLayout, 200, layout.body);
    const pool = await call(createTeamRoute, "POST", ops.adminCreateTeam.path, {
      cookie: admin.cookie,
      body: { orgId, name: `Testers ${uid()}`, kind: "POOL", discipline: "testing" },
    });
    const { user } = await makeUser({ teamId: pool.body.id, roles: ["DEVELOPER"] });
    const cookie = await sessionCookie(user.id);
    expect((await call(wallRoute, "GET", ops.getWall.path, { cookie, params: { serviceId: service.id } })).status).toBe(404);

    const assigned = await call(assignPoolRoute, "PUT", ops.adminAssignPool.path, {
      cookie: admin.cookie,
      body: { poolTeamId: pool.body.id, deliveryTeamId: teamId, assigned: true },
    });
    expect(assigned.status).toBe(200);
    expectContract(ops.adminAssignPool, 200, assigned.body);
    expect((await call(wallRoute, "GET", ops.getWall.path, { cookie, params: { serviceId: service.id } })).status).toBe(200);
    const teams = await call(listTeamsRoute, "GET", ops.adminListTeams.path, { cookie: admin.cookie });
    expect(teams.body.organizations.find((o: { id: string }) => o.id === orgId).layout).toBe("MATRIX");
    expect(teams.body.teams.find((t: { id: string }) => t.id === teamId).assignedPoolIds).toContain(pool.body.id);

    const wrongWay = await call(assignPoolRoute, "PUT", ops.adminAssignPool.path, {
      cookie: admin.cookie,
      body: { poolTeamId: teamId, deliveryTeamId: pool.body.id, assigned: true },
    });
    expect(wrongWay.status).toBe(422);
    await call(assignPoolRoute, "PUT", ops.adminAssignPool.path, {
      cookie: admin.cookie,
      body: { poolTeamId: pool.body.id, deliveryTeamId: teamId, assigned: false },
    });
    expect((await call(wallRoute, "GET", ops.getWall.path, { cookie, params: { serviceId: service.id } })).status).toBe(404);
  });
});

describe("service tokens", () => {
  it("a Service Master creates an API token: the secret is answered once, works for its scopes only, and dies when revoked", async () => {
    const created = await call(createTokenRoute, "POST", ops.createAccessToken.path, {
      cookie: master.cookie,
      params: { serviceId: service.id },
      body: { kind: "API", name: "Pipeline", scopes: ["item.create"] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectContract(ops.createAccessToken, 201, created.body);
    const { secret, token } = created.body;
    expect(secret).toMatch(/^oby_a_/);

    const list = await call(listTokensRoute, "GET", ops.listAccessTokens.path, { cookie: master.cookie, params: { serviceId: service.id } });
    expect(list.status).toBe(200);
    expectContract(ops.listAccessTokens, 200, list.body);
    expect(list.body.tokens.find((t: { id: string }) => t.id === token.id)).toMatchObject({ kind: "API", scopes: ["item.create"], revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const machine = { headers: { authorization: `Bearer ${secret}` }, origin: null };
    const made = await call(createItemRoute, "POST", ops.createItem.path, { ...machine, params: { serviceId: service.id }, body: { title: "From CI" } });
    expect(made.status).toBe(201);

    const revoked = await call(revokeTokenRoute, "DELETE", ops.revokeAccessToken.path, { cookie: master.cookie, params: { tokenId: token.id } });
    expect(revoked.status).toBe(200);
    expectContract(ops.revokeAccessToken, 200, revoked.body);
    const after = await call(createItemRoute, "POST", ops.createItem.path, { ...machine, params: { serviceId: service.id }, body: { title: "Too late" } });
    expect(after.status).toBe(401);
    const relisted = await call(listTokensRoute, "GET", ops.listAccessTokens.path, { cookie: master.cookie, params: { serviceId: service.id } });
    expect(relisted.body.tokens.find((t: { id: string }) => t.id === token.id).revokedAt).not.toBeNull();
  });

  it("a wall token reads its wall and changes nothing; an API token without scopes is refused", async () => {
    const created = await call(createTokenRoute, "POST", ops.createAccessToken.path, {
      cookie: master.cookie,
      params: { serviceId: service.id },
      body: { kind: "WALL", name: "Office TV", scopes: ["item.move"] },
    });
    expect(created.status).toBe(201);
    expect(created.body.token.scopes).toEqual(["service.view"]);
    const tv = { headers: { authorization: `Bearer ${created.body.secret}` }, origin: null };
    expect((await call(wallRoute, "GET", ops.getWall.path, { ...tv, params: { serviceId: service.id } })).status).toBe(200);
    const write = await call(createItemRoute, "POST", ops.createItem.path, { ...tv, params: { serviceId: service.id }, body: { title: "TV" } });
    expect(write.status).toBe(403);

    const noScopes = await call(createTokenRoute, "POST", ops.createAccessToken.path, {
      cookie: master.cookie,
      params: { serviceId: service.id },
      body: { kind: "API", name: "Nothing" },
    });
    expect(noScopes.status).toBe(400);
  });

  it("a developer may neither list nor create tokens (403)", async () => {
    expect((await call(listTokensRoute, "GET", ops.listAccessTokens.path, { cookie: developer.cookie, params: { serviceId: service.id } })).status).toBe(403);
    const res = await call(createTokenRoute, "POST", ops.createAccessToken.path, {
      cookie: developer.cookie,
      params: { serviceId: service.id },
      body: { kind: "WALL", name: "Mine" },
    });
    expect(res.status).toBe(403);
    expect(await db.accessToken.count({ where: { name: "Mine" } })).toBe(0);
  });
});
