// The stage settings page's read (listStagesToConfigure) on a real database: left to right with
// retired stages last, versions and item counts; service.configure only (403), own team only (404).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { createItem } from "@/server/services/items/create-item";
import { createService } from "@/server/services/services/create-service";
import { listStagesToConfigure } from "@/server/services/stages/list-stages";
import { reorderStages } from "@/server/services/stages/reorder-stages";
import { updateStage } from "@/server/services/stages/update-stage";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let processMaster: Actor;
let dev: Actor;
let viewer: Actor;
let stranger: Actor;
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  processMaster = (await makeUser({ teamId, roles: ["PROCESS_MASTER"] })).actor;
  dev = (await makeUser({ teamId, roles: ["DEVELOPER"] })).actor;
  viewer = (await makeUser({ teamId, roles: ["VIEWER"] })).actor;
  stranger = (await makeUser({ teamId: (await makeTeam()).id, roles: ["SERVICE_MASTER"] })).actor;
});

describe("listStagesToConfigure", () => {
  it("lists stages left to right, retired last, with versions, criteria and item counts", async () => {
    const s = await createService(master, {
      teamId,
      key: `settings-${uid()}`,
      name: "Settings",
      stages: [
        { key: "req", name: "Requirements", doneCriteria: ["User story written"] },
        { key: "dev", name: "Development", wipLimit: 3 },
        { key: "old", name: "Old" },
        { key: "ops", name: "Operations", ageThresholdHours: 48 },
      ],
    });
    const [req, devStage, old, ops] = s.stageIds as [string, string, string, string];
    await createItem(dev, s.id, { title: "One", stageId: devStage });
    await createItem(dev, s.id, { title: "Two", stageId: devStage });
    await updateStage(master, old, { expectedVersion: 1, retired: true });
    await reorderStages(master, s.id, { stageIds: [devStage, req, old, ops] });

    const byKey = await listStagesToConfigure(processMaster, s.key);
    expect(byKey.service).toEqual({ id: s.id, key: s.key, name: "Settings" });
    expect(byKey.stages.map((x) => [x.key, x.retired, x.itemCount, x.version])).toEqual([
      ["dev", false, 2, 1],
      ["req", false, 0, 1],
      ["ops", false, 0, 1],
      ["old", true, 0, 2],
    ]);
    expect(byKey.stages[0]).toMatchObject({ wipLimit: 3, ageThresholdHours: null });
    expect(byKey.stages[1]!.doneCriteria.map((c) => c.text)).toEqual(["User story written"]);
    expect((await listStagesToConfigure(master, s.id)).stages.map((x) => x.key)).toEqual(["dev", "req", "ops", "old"]);
  });

  it("is 403 for a developer and a viewer of the team, 404 for another team and a missing service", async () => {
    const s = await createService(master, { teamId, key: `settings-${uid()}`, name: "Settings" });
    await expect(listStagesToConfigure(dev, s.key)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listStagesToConfigure(viewer, s.key)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listStagesToConfigure(stranger, s.key)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listStagesToConfigure(master, "no-such-service")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
