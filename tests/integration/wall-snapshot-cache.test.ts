// The shared wall snapshot (wall-snapshot-cache.ts): served again while the service's lastSeq has
// not moved, rebuilt after any change, never to someone who may not see the service.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/domain/permissions";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { createService } from "@/server/services/services/create-service";
import { clearWallSnapshotCache, getWallSnapshotCached } from "@/server/services/walls/wall-snapshot-cache";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let viewer: Actor;
let outsider: Actor;
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  viewer = (await makeUser({ teamId, roles: ["VIEWER"] })).actor;
  outsider = (await makeUser({ teamId: (await makeTeam()).id, roles: ["SERVICE_MASTER"] })).actor;
});

afterEach(() => {
  vi.restoreAllMocks();
  clearWallSnapshotCache();
});

describe("getWallSnapshotCached", () => {
  it("serves one snapshot to everyone until the service changes, then the new one", async () => {
    const s = await createService(master, { teamId, key: `cache-${uid()}`, name: "Cached", stages: [{ key: "a", name: "A" }, { key: "b", name: "B" }] });
    const item = await createItem(master, s.id, { title: "First" });
    const [a, b, c] = await Promise.all([getWallSnapshotCached(viewer, s.id), getWallSnapshotCached(master, s.key), getWallSnapshotCached(viewer, s.id)]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(await getWallSnapshotCached(master, s.id)).toBe(a);
    await moveItem(master, item.id, { toStageId: s.stageIds[1]!, expectedVersion: 1 });
    const after = await getWallSnapshotCached(viewer, s.id);
    expect(after).not.toBe(a);
    expect(after.seq).toBe(a.seq + 1);
    expect(after.items.find((i) => i.id === item.id)?.stageId).toBe(s.stageIds[1]);
  });

  it("rebuilds after its time to live, even when nothing changed", async () => {
    const s = await createService(master, { teamId, key: `cache-${uid()}`, name: "Aging" });
    const first = await getWallSnapshotCached(viewer, s.id);
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 16_000);
    const later = await getWallSnapshotCached(viewer, s.id);
    expect(later).not.toBe(first);
    expect(later.seq).toBe(first.seq);
  });

  it("never serves a cached wall to whoever may not see it", async () => {
    const s = await createService(master, { teamId, key: `cache-${uid()}`, name: "Private" });
    await getWallSnapshotCached(viewer, s.id);
    await expect(getWallSnapshotCached(outsider, s.id)).rejects.toMatchObject({ status: 404 });
    const otherService = await createService(master, { teamId, key: `cache-${uid()}`, name: "Other" });
    const wrongToken: Actor = { kind: "token", tokenId: `t-${uid()}`, serviceId: otherService.id, display: true, scopes: [] };
    await expect(getWallSnapshotCached(wrongToken, s.id)).rejects.toMatchObject({ status: 404 });
    const noView: Actor = { kind: "token", tokenId: `t-${uid()}`, serviceId: s.id, display: false, scopes: ["item.move"] };
    await expect(getWallSnapshotCached(noView, s.id)).rejects.toMatchObject({ status: 403 });
  });
});
