// The TV's other walls and the portfolio on a TV (issues 10 and 13.1) on a real database: a
// wall-display token reads the Kaizen wall, the daily view and the portfolio of its own service
// and nothing of another; the matrix view and the row's lead time are scoped by the person's teams.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { isAppError } from "@/lib/errors";
import { resolveAccessToken } from "@/server/auth/request-actor";
import { db } from "@/server/db";
import { loadUserActor } from "@/server/services/actors/load-user-actor";
import { getDailyView } from "@/server/services/daily/get-daily-view";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { getPoolMatrix } from "@/server/services/portfolio/get-pool-matrix";
import { getPortfolio } from "@/server/services/portfolio/get-portfolio";
import { openProblem } from "@/server/services/problems/open-problem";
import { getKaizenWall } from "@/server/services/problems/get-kaizen-wall";
import { createService } from "@/server/services/services/create-service";
import { createAccessToken } from "@/server/services/tokens/create-access-token";
import { makeTeam, makeUser, uid } from "../support/factories";

async function newService(master: Actor, teamId: string, name: string) {
  return createService(master, {
    teamId,
    key: `tvp-${uid()}`,
    name,
    stages: [
      { key: "req", name: "Requirements" },
      { key: "dev", name: "Development" },
      { key: "ops", name: "Operations" },
    ],
  });
}

async function wallToken(master: Actor, serviceId: string): Promise<Actor> {
  const { secret } = await createAccessToken(master, serviceId, { kind: "WALL", name: `TV ${uid()}` });
  return (await resolveAccessToken(secret))!;
}

const notFound = (e: unknown) => isAppError(e) && e.code === "NOT_FOUND";

describe("a TV's Kaizen wall and daily view", () => {
  let tv: Actor;
  let mine: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    const [ta, tb] = [await makeTeam(), await makeTeam()];
    const masterA = (await makeUser({ teamId: ta.id, roles: ["SERVICE_MASTER"] })).actor;
    const masterB = (await makeUser({ teamId: tb.id, roles: ["SERVICE_MASTER"] })).actor;
    mine = await newService(masterA, ta.id, `TV mine ${uid()}`);
    other = await newService(masterB, tb.id, `TV other ${uid()}`);
    await openProblem(masterA, mine.id, { title: "Deploys wait for a manual check" });
    await openProblem(masterB, other.id, { title: "Secret problem of another team" });
    tv = await wallToken(masterA, mine.id);
  });

  it("reads its own service's Kaizen wall and daily view with the wall token", async () => {
    const wall = await getKaizenWall(tv, mine.id);
    expect(wall.problems.map((p) => p.title)).toEqual(["Deploys wait for a manual check"]);
    const daily = await getDailyView(tv, mine.id);
    expect(daily.newProblems.map((p) => p.title)).toEqual(["Deploys wait for a manual check"]);
  });

  it("gets 404 for another service's, as if it did not exist", async () => {
    await expect(getKaizenWall(tv, other.id).catch((e: unknown) => e)).resolves.toSatisfy(notFound);
    await expect(getDailyView(tv, other.id).catch((e: unknown) => e)).resolves.toSatisfy(notFound);
  });
});

describe("the portfolio on a TV", () => {
  it("a wall token's portfolio is its own service's row, and nothing of another", async () => {
    const [ta, tb] = [await makeTeam(), await makeTeam()];
    const masterA = (await makeUser({ teamId: ta.id, roles: ["SERVICE_MASTER"] })).actor;
    const masterB = (await makeUser({ teamId: tb.id, roles: ["SERVICE_MASTER"] })).actor;
    const mine = await newService(masterA, ta.id, `TV row ${uid()}`);
    const other = await newService(masterB, tb.id, `Hidden row ${uid()}`);
    const portfolio = await getPortfolio(await wallToken(masterA, mine.id));
    expect(portfolio.rows.map((r) => r.service.id)).toEqual([mine.id]);
    expect(Object.keys(portfolio.seqs)).toEqual([mine.id]);
    expect(JSON.stringify(portfolio)).not.toContain(other.id);
  });
});

describe("the matrix view: expert pools × services", () => {
  // One matrix organisation: four delivery teams with a service each; the testing pool serves all
  // four, the operations pool only the third. "two" is a member of the first two teams only.
  let two: Actor;
  let pia: Actor;
  let admin: Actor;
  const s: { id: string; name: string }[] = [];

  beforeAll(async () => {
    const org = await db.organization.create({ data: { name: `Matrix ${uid()}`, layout: "MATRIX" } });
    const teams = [];
    for (let i = 1; i <= 4; i++) teams.push(await db.team.create({ data: { orgId: org.id, name: `Delivery ${i} ${uid()}` } }));
    const testing = await db.team.create({ data: { orgId: org.id, name: `Testing pool ${uid()}`, kind: "POOL", discipline: "testing" } });
    const ops = await db.team.create({ data: { orgId: org.id, name: `Secret ops pool ${uid()}`, kind: "POOL", discipline: "operations" } });
    admin = (await makeUser({ isAdmin: true })).actor;
    for (const [i, t] of teams.entries()) {
      await db.membership.create({ data: { userId: (await makeUser()).user.id, teamId: t.id, role: "VIEWER" } });
      const master = await makeUser({ teamId: t.id, roles: ["SERVICE_MASTER"] });
      const name = i < 2 ? `Seen ${i + 1} ${uid()}` : `Unseen ${i + 1} ${uid()}`;
      s.push({ id: (await newService(master.actor, t.id, name)).id, name });
      await db.teamAssignment.create({ data: { poolTeamId: testing.id, deliveryTeamId: t.id } });
    }
    await db.teamAssignment.create({ data: { poolTeamId: ops.id, deliveryTeamId: teams[2]!.id } });
    const piaUser = await makeUser({ teamId: testing.id, roles: ["DEVELOPER"] });
    pia = piaUser.actor;
    await db.membership.create({ data: { userId: (await makeUser()).user.id, teamId: ops.id, role: "OPERATIONS" } });
    const twoUser = await makeUser({ teamId: teams[0]!.id, roles: ["DEVELOPER"] });
    await db.membership.create({ data: { userId: twoUser.user.id, teamId: teams[1]!.id, role: "DEVELOPER" } });
    two = (await loadUserActor(twoUser.user.id)) as Actor;
  });

  it("a person of two of the four teams sees those two services, the pool serving them, and counts only those teams", async () => {
    const m = await getPoolMatrix(two);
    expect(m.layout).toBe("MATRIX");
    expect(m.columns.map((c) => c.serviceId).sort()).toEqual([s[0]!.id, s[1]!.id].sort());
    expect(m.pools.map((p) => p.discipline)).toEqual(["testing"]);
    const member = m.pools[0]!.members.find((x) => x.userId === (pia as { userId: string }).userId)!;
    expect(member).toMatchObject({ teamCount: 2, spread: false });
    expect(member.serviceIds.sort()).toEqual([s[0]!.id, s[1]!.id].sort());
    expect(m.spread).toEqual([]);
    // Nothing of the unseen teams leaks, not even through a count.
    expect(JSON.stringify(m)).not.toMatch(/Unseen|Secret ops pool/);
  });

  it("a pool member working for all four teams sees them all and is spread too thin (more than 3)", async () => {
    const m = await getPoolMatrix(pia);
    expect(m.columns).toHaveLength(4);
    expect(m.spread.map((p) => [p.userId, p.teamCount])).toEqual([[(pia as { userId: string }).userId, 4]]);
    const member = m.pools.find((p) => p.discipline === "testing")!.members[0]!;
    expect(member).toMatchObject({ teamCount: 4, spread: true });
    // The ops pool serves a team she sees (the third): shown, with its member.
    expect(m.pools.map((p) => p.discipline).sort()).toEqual(["operations", "testing"]);
  });

  it("an admin sees every team's column with its Service Master", async () => {
    const m = await getPoolMatrix(admin);
    const mine = m.columns.filter((c) => s.some((x) => x.id === c.serviceId));
    expect(mine).toHaveLength(4);
    expect(mine.every((c) => c.serviceMasters.length === 1)).toBe(true);
  });
});

describe("lead time and delivery tier on the portfolio row", () => {
  it("are the metrics wall's lead time of the items done in 30 days and the deployment frequency tier, and follow new moves", async () => {
    const team = await makeTeam();
    const master = (await makeUser({ teamId: team.id, roles: ["SERVICE_MASTER"] })).actor;
    const service = await newService(master, team.id, `Lead ${uid()}`);
    const stages = await db.stage.findMany({ where: { serviceId: service.id }, orderBy: { position: "asc" }, select: { id: true } });
    const finish = async (title: string) => {
      let item = await createItem(master, service.id, { title });
      item = await moveItem(master, item.id, { toStageId: stages[1]!.id, expectedVersion: item.version });
      await moveItem(master, item.id, { toStageId: stages[2]!.id, expectedVersion: item.version });
    };
    await finish("Done one");
    await finish("Done two");
    await createItem(master, service.id, { title: "Still open" });
    // Six production deployments reported in the window (written directly: the deployment API's own rules are tested elsewhere).
    const release = await db.release.create({ data: { serviceId: service.id, name: "R1" } });
    const day = 86_400_000;
    for (let i = 0; i < 6; i++) {
      const at = new Date(Date.now() - (i * 4 + 1) * day);
      await db.deployment.create({ data: { serviceId: service.id, releaseId: release.id, environment: "production", result: "SUCCESS", startedAt: at, finishedAt: at } });
    }

    const row = () => getPortfolio(master).then((p) => p.rows.find((r) => r.service.id === service.id)!);
    const first = await row();
    expect(first.delivery).toMatchObject({ finished: 2, deployments: 6, tier: "high", days: 30 });
    expect(first.delivery!.leadTimeP50).not.toBeNull();
    expect(first.delivery!.leadTimeP50!).toBeGreaterThanOrEqual(0);

    await finish("Done three");
    expect((await row()).delivery).toMatchObject({ finished: 3 });
  });
});
