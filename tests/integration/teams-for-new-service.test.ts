// "New service" offers only the teams the matrix lets the person create a service for (issue 9.13).
import { describe, expect, it } from "vitest";
import { listTeamsForNewService } from "@/server/services/teams/list-teams-for-new-service";
import { db } from "@/server/db";
import { loadUserActor } from "@/server/services/actors/load-user-actor";
import type { Actor } from "@/domain/permissions";
import { makeTeam, makeUser } from "../support/factories";

describe("listTeamsForNewService", () => {
  it("a Service Master's own teams only; a developer none; an admin every team", async () => {
    const mine = await makeTeam();
    const devTeam = await makeTeam();
    const { user } = await makeUser({ teamId: mine.id, roles: ["SERVICE_MASTER"] });
    await db.membership.create({ data: { userId: user.id, teamId: devTeam.id, role: "DEVELOPER" } });
    const master = (await loadUserActor(user.id)) as Actor;
    expect(await listTeamsForNewService(master)).toEqual([{ id: mine.id, name: mine.name }]);

    const dev = (await makeUser({ teamId: devTeam.id, roles: ["DEVELOPER", "VIEWER"] })).actor;
    expect(await listTeamsForNewService(dev)).toEqual([]);

    const admin = (await makeUser({ isAdmin: true })).actor;
    const all = await listTeamsForNewService(admin);
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([mine.id, devTeam.id]));
    expect(all).toHaveLength(await db.team.count());
  });
});
