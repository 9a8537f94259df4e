// AccessToken.lastUsedAt (issue 15.3): written when a token authenticates, at most once an hour,
// and shown in the token list; a revoked or unknown token writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { db } from "@/server/db";
import { resolveAccessToken } from "@/server/auth/request-actor";
import { createService } from "@/server/services/services/create-service";
import { createAccessToken } from "@/server/services/tokens/create-access-token";
import { listAccessTokens } from "@/server/services/tokens/list-access-tokens";
import { revokeAccessToken } from "@/server/services/tokens/revoke-access-token";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let serviceId: string;

beforeAll(async () => {
  const teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  serviceId = (await createService(master, { teamId, key: `tokens-${uid()}`, name: "Tokens" })).id;
});

const lastUsed = async (id: string) => (await db.accessToken.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true } })).lastUsedAt;

describe("a token's last use", () => {
  it("is recorded when it authenticates, then at most once an hour", async () => {
    const { secret, token } = await createAccessToken(master, serviceId, { kind: "WALL", name: "TV", scopes: ["service.view"] });
    expect(await lastUsed(token.id)).toBeNull();

    const before = Date.now();
    expect(await resolveAccessToken(secret)).toMatchObject({ kind: "token", tokenId: token.id });
    const first = await lastUsed(token.id);
    expect(first!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await listAccessTokens(master, serviceId)).find((t) => t.id === token.id)?.lastUsedAt).toBe(first!.toISOString());

    // Used again within the hour: nothing written.
    await resolveAccessToken(secret);
    expect(await lastUsed(token.id)).toEqual(first);

    // The recorded use is an hour old: the next one is recorded.
    const old = new Date(Date.now() - 61 * 60_000);
    await db.accessToken.update({ where: { id: token.id }, data: { lastUsedAt: old } });
    await resolveAccessToken(secret);
    expect((await lastUsed(token.id))!.getTime()).toBeGreaterThan(old.getTime() + 60 * 60_000);
  });

  it("a revoked token is refused and its last use stays as it was", async () => {
    const { secret, token } = await createAccessToken(master, serviceId, { kind: "API", name: "CI", scopes: ["service.view"] });
    await revokeAccessToken(master, token.id);
    expect(await resolveAccessToken(secret)).toBeNull();
    expect(await lastUsed(token.id)).toBeNull();
  });
});
