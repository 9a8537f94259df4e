// The home page's glance at each wall: the open andons and problems of a service, counted from
// the value-stream wall's own snapshot (the one visual-control model), for the services the
// person may see.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { db } from "@/server/db";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { createItem } from "@/server/services/items/create-item";
import { setItemBlocked } from "@/server/services/items/set-item-blocked";
import { createService } from "@/server/services/services/create-service";
import { serviceProblemCounts } from "@/server/services/services/service-problem-counts";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let outsider: Actor;
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  outsider = (await makeUser({ teamId: (await makeTeam()).id, roles: ["SERVICE_MASTER"] })).actor;
});

async function newService() {
  const s = await createService(master, {
    teamId,
    key: `counts-${uid()}`,
    name: "Counted",
    stages: [
      { key: "dev", name: "Development", wipLimit: 1 },
      { key: "ops", name: "Operations" },
    ],
  });
  const stages = await db.stage.findMany({ where: { serviceId: s.id }, orderBy: { position: "asc" }, select: { id: true } });
  return { id: s.id, dev: stages[0]!.id, ops: stages[1]!.id };
}

describe("serviceProblemCounts", () => {
  it("counts a green wall as none, then the andons and problems the wall shows", async () => {
    const s = await newService();
    const quiet = await newService();
    await createItem(master, quiet.id, { title: "Alone" });
    expect((await serviceProblemCounts(master, [s.id, quiet.id])).get(quiet.id)).toEqual({ andons: 0, problems: 0 });

    const a = await createItem(master, s.id, { title: "First" });
    await createItem(master, s.id, { title: "Second" }); // WIP 2 over limit 1
    await setItemBlocked(master, a.id, { expectedVersion: 1, reason: "waiting for data" });
    await pullAndon(master, s.id, { stageId: s.ops, reason: "Pipeline red" });

    const counts = await serviceProblemCounts(master, [s.id, quiet.id]);
    expect(counts.get(s.id)).toEqual({ andons: 1, problems: 2 });
    expect(counts.get(quiet.id)).toEqual({ andons: 0, problems: 0 });
    // The same problems the wall shows, no more, no fewer.
    const wall = await getWallSnapshot(master, s.id);
    expect(wall.problems.map((p) => p.kind).sort()).toEqual(["ANDON", "BLOCKED", "WIP_OVER_LIMIT"]);
  });

  it("leaves out a service the person may not see", async () => {
    const s = await newService();
    const counts = await serviceProblemCounts(outsider, [s.id]);
    expect(counts.has(s.id)).toBe(false);
  });
});
