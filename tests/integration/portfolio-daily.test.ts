// The portfolio wall and the daily feedback view on a real database: the portfolio shows only
// the services of the person's teams (their counts too) with the value-stream wall's own stage
// problems, worst first; the daily view is read from the event log, grouped by stage.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { db } from "@/server/db";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { getDailyView } from "@/server/services/daily/get-daily-view";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { rejectItem } from "@/server/services/items/reject-item";
import { setItemBlocked } from "@/server/services/items/set-item-blocked";
import { getPortfolio } from "@/server/services/portfolio/get-portfolio";
import { addCountermeasure } from "@/server/services/problems/add-countermeasure";
import { openProblem } from "@/server/services/problems/open-problem";
import { createService } from "@/server/services/services/create-service";
import { loadUserActor } from "@/server/services/actors/load-user-actor";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { makeTeam, makeUser, uid } from "../support/factories";

async function newService(master: Actor, teamId: string, name: string) {
  const s = await createService(master, {
    teamId,
    key: `pf-${uid()}`,
    name,
    stages: [
      { key: "req", name: "Requirements" },
      { key: "dev", name: "Development", wipLimit: 1 },
      { key: "ops", name: "Operations" },
    ],
  });
  const stages = await db.stage.findMany({ where: { serviceId: s.id }, orderBy: { position: "asc" }, select: { id: true } });
  return { id: s.id, req: stages[0]!.id, dev: stages[1]!.id, ops: stages[2]!.id };
}

describe("portfolio", () => {
  let two: Actor; // a member of teams A and B, not C
  let a: Awaited<ReturnType<typeof newService>>;
  let b: Awaited<ReturnType<typeof newService>>;
  let c: Awaited<ReturnType<typeof newService>>;
  let masterA: Actor;

  beforeAll(async () => {
    const [ta, tb, tc] = [await makeTeam(), await makeTeam(), await makeTeam()];
    masterA = (await makeUser({ teamId: ta.id, roles: ["SERVICE_MASTER"] })).actor;
    const masterB = (await makeUser({ teamId: tb.id, roles: ["SERVICE_MASTER"] })).actor;
    const masterC = (await makeUser({ teamId: tc.id, roles: ["SERVICE_MASTER"] })).actor;
    a = await newService(masterA, ta.id, `Alpha ${uid()}`);
    b = await newService(masterB, tb.id, `Beta ${uid()}`);
    c = await newService(masterC, tc.id, `Gamma ${uid()}`);
    const { user } = await makeUser({ teamId: ta.id, roles: ["DEVELOPER"] });
    await db.membership.create({ data: { userId: user.id, teamId: tb.id, role: "VIEWER" } });
    two = (await loadUserActor(user.id)) as Actor;

    // B: an andon and a blocked item (worst); A: one red stage (WIP over limit); C: the worst of all, unseen.
    await createItem(masterA, a.id, { title: "A1" });
    const a2 = await createItem(masterA, a.id, { title: "A2" });
    await moveItem(masterA, a2.id, { toStageId: a.dev, expectedVersion: a2.version });
    const a3 = await createItem(masterA, a.id, { title: "A3" });
    await db.stage.update({ where: { id: a.dev }, data: { wipLimit: 2 } });
    await moveItem(masterA, a3.id, { toStageId: a.dev, expectedVersion: a3.version });
    await db.stage.update({ where: { id: a.dev }, data: { wipLimit: 1 } }); // the limit lowered under the work in it
    const b1 = await createItem(masterB, b.id, { title: "B1" });
    await setItemBlocked(masterB, b1.id, { expectedVersion: b1.version, reason: "waiting for data" });
    await pullAndon(masterB, b.id, { stageId: b.ops, reason: "Pipeline red" });
    await pullAndon(masterC, c.id, { stageId: c.ops, reason: "Secret outage" });
    await pullAndon(masterC, c.id, { stageId: c.dev, reason: "Another secret" });
    await openProblem(masterC, c.id, { title: "Hidden problem" });
  });

  it("shows the services of the person's two teams only, worst first, with the wall's own stage problems", async () => {
    const portfolio = await getPortfolio(two);
    const ids = portfolio.rows.map((r) => r.service.id);
    expect(ids).not.toContain(c.id);
    expect(Object.keys(portfolio.seqs)).not.toContain(c.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(ids.indexOf(b.id)).toBeGreaterThanOrEqual(0);
    // Nothing of C leaks through the counts or messages.
    expect(portfolio.rows.reduce((n, r) => n + r.andons, 0)).toBe(1);
    expect(JSON.stringify(portfolio)).not.toMatch(/Secret|Hidden problem|Gamma/);

    const rowB = portfolio.rows.find((r) => r.service.id === b.id)!;
    expect(rowB).toMatchObject({ andons: 1, problems: 1, redStages: 2, itemCount: 1 });
    const rowA = portfolio.rows.find((r) => r.service.id === a.id)!;
    expect(rowA.cells.map((cell) => cell.problems.map((p) => p.message))).toEqual([[], ["WIP 2 over limit 1"], []]);

    // Each cell is the wall's stage header, exactly.
    for (const [row, id] of [[rowA, a.id], [rowB, b.id]] as const) {
      const wall = await getWallSnapshot(two, id);
      expect(row.cells.map((cell) => cell.problems)).toEqual(wall.stages.map((s) => s.problems.map(({ kind, message }) => ({ kind, message }))));
    }
  });

  it("an admin sees all three; someone without a team sees none", async () => {
    const admin = (await makeUser({ isAdmin: true })).actor;
    const all = (await getPortfolio(admin)).rows.map((r) => r.service.id);
    expect(all).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    expect(all.indexOf(c.id)).toBeLessThan(all.indexOf(b.id)); // two andons beat one
    const nobody = (await makeUser()).actor;
    expect(await getPortfolio(nobody)).toMatchObject({ rows: [], seqs: {} });
  });
});

describe("daily view", () => {
  it("lists what changed since the previous working day by stage, the new problems, send-backs, blocks and countermeasures due today", async () => {
    const team = await makeTeam();
    const { actor: master, user } = await makeUser({ teamId: team.id, roles: ["SERVICE_MASTER"] });
    const s = await newService(master, team.id, `Daily ${uid()}`);
    const old = await createItem(master, s.id, { title: "Last week's item" });
    // Everything so far happened a week ago: not part of today's stand-up.
    await db.event.updateMany({ where: { serviceId: s.id }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000) } });

    const item = await createItem(master, s.id, { title: "Checkout" });
    const moved = await moveItem(master, item.id, { toStageId: s.dev, expectedVersion: item.version });
    await rejectItem(master, item.id, { toStageId: s.req, expectedVersion: moved.version, reason: "no acceptance tests" });
    await setItemBlocked(master, old.id, { expectedVersion: old.version, reason: "waiting for API key" });
    await pullAndon(master, s.id, { stageId: s.ops, reason: "Pipeline red" });
    const problem = await openProblem(master, s.id, { title: "Flaky smoke tests", stageId: s.ops });
    const today = new Date().toISOString().slice(0, 10);
    await addCountermeasure(master, problem.id, { description: "Quarantine the flaky test", ownerId: user.id, dueDate: today });
    await addCountermeasure(master, problem.id, { description: "Not today", ownerId: user.id, dueDate: "2099-01-01" });

    const view = await getDailyView(master, s.id);
    expect(view.groups.map((g) => g.stageName)).toEqual(["Requirements", "Development", "Operations", "Whole service"].filter((n) => view.groups.some((g) => g.stageName === n)));
    const lines = Object.fromEntries(view.groups.map((g) => [g.stageName, g.lines.map((l) => l.text)]));
    expect(lines.Requirements).toEqual(["New: Checkout", "Checkout sent back from Development: no acceptance tests", "Last week's item blocked: waiting for API key"]);
    expect(lines.Development).toEqual(["Checkout arrived from Requirements"]);
    expect(lines.Operations).toEqual(expect.arrayContaining(["Andon pulled: Pipeline red", "Problem opened: Flaky smoke tests"]));
    expect(JSON.stringify(view.groups)).not.toContain("New: Last week's item");
    expect(view.newProblems.map((p) => p.title)).toEqual(expect.arrayContaining(["Flaky smoke tests"]));
    expect(view.sentBack).toMatchObject([{ title: "Checkout", fromStageName: "Development", toStageName: "Requirements", reason: "no acceptance tests" }]);
    expect(view.blockedNow).toMatchObject([{ title: "Last week's item", stageName: "Requirements", reason: "waiting for API key" }]);
    expect(view.countermeasuresDueToday).toMatchObject([{ description: "Quarantine the flaky test", problemTitle: "Flaky smoke tests", ownerName: user.name }]);

    // Not yours: the same 404 as a missing service.
    const outsider = (await makeUser({ teamId: (await makeTeam()).id, roles: ["SERVICE_MASTER"] })).actor;
    await expect(getDailyView(outsider, s.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
