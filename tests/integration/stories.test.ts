// Stories on a real database: the three kinds, test results with versions, and failing
// acceptance tests as problems for the value-stream wall.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import * as ops from "@/lib/openapi/backlog-operations";
import { db } from "@/server/db";
import { getBacklog } from "@/server/services/backlog/get-backlog";
import { createItem } from "@/server/services/items/create-item";
import { createService } from "@/server/services/services/create-service";
import { addTestCase } from "@/server/services/stories/add-test-case";
import { createStory } from "@/server/services/stories/create-story";
import { failingTestProblems } from "@/server/services/stories/failing-test-problems";
import { listStories } from "@/server/services/stories/list-stories";
import { recordTestResult } from "@/server/services/stories/record-test-result";
import { updateStory } from "@/server/services/stories/update-story";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/stories/route";
import { PATCH as updateRoute } from "@/app/api/v1/stories/[storyId]/route";
import { PATCH as resultRoute } from "@/app/api/v1/test-cases/[testCaseId]/route";
import { POST as addCaseRoute } from "@/app/api/v1/stories/[storyId]/test-cases/route";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

let teamId: string;
let master: Actor;
let dev: Actor;
let devId: string;
let viewerId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  const d = await makeUser({ teamId, roles: ["DEVELOPER"] });
  dev = d.actor;
  devId = d.user.id;
  viewerId = (await makeUser({ teamId, roles: ["VIEWER"] })).user.id;
});

async function itemInService() {
  const s = await createService(master, { teamId, key: `st-${uid()}`, name: "Stories" });
  const item = await createItem(master, s.id, { title: "Responsive checkout", stageId: s.stageIds[4] });
  return { service: s, item };
}

describe("stories", () => {
  it("attaches a user, a test (with cases) and an operations story; the backlog counts them", async () => {
    const { service, item } = await itemInService();
    const user = await createStory(dev, {
      kind: "USER",
      itemId: item.id,
      title: "Pay on a phone",
      asRole: "shopper",
      function: "pay in three taps",
      businessReason: "mobile carts are abandoned twice as often",
    });
    expect(user).toMatchObject({ kind: "USER", asRole: "shopper", conditionsOfOperation: "", version: 1 });
    const test = await createStory(dev, {
      kind: "TEST",
      itemId: item.id,
      title: "Checkout acceptance",
      serviceAcceptanceCriteria: "Conversion at least equal to desktop",
      testCases: [{ title: "Saved card" }, { title: "360 px screen", expected: "No scrolling", result: "FAILED" }],
    });
    expect(test.testCases.map((c) => [c.position, c.result])).toEqual([
      [0, "NOT_RUN"],
      [1, "FAILED"],
    ]);
    await createStory(dev, { kind: "OPERATIONS", itemId: item.id, title: "Keeps running", servicePriority: "P1", sla: "99.9 %", ola: "10 min" });
    expect((await listStories(dev, item.id)).map((s) => s.kind)).toEqual(["USER", "TEST", "OPERATIONS"]);
    const backlog = await getBacklog(dev, service.id);
    expect(backlog.items[0]!.stories).toEqual({ user: 1, test: 1, operations: 1, failingTests: 1 });
    const created = await db.event.findMany({ where: { serviceId: service.id, type: "story.created" }, orderBy: { seq: "asc" } });
    expect(created.map((e) => (e.payload as { counts: { failingTests: number } }).counts.failingTests)).toEqual([0, 1, 1]);
  });

  it("a failing test case is a FAILING_TEST problem on its item's stage until it passes", async () => {
    const { service, item } = await itemInService();
    const story = await createStory(dev, { kind: "TEST", itemId: item.id, title: "Acceptance", testCases: [{ title: "Happy path" }] });
    expect(await failingTestProblems(db, service.id)).toEqual([]);
    const failed = await recordTestResult(dev, story.testCases[0]!.id, { result: "FAILED", expectedVersion: 1 });
    expect(failed.version).toBe(2);
    expect(await failingTestProblems(db, service.id)).toEqual([
      { stageId: item.stageId, kind: "FAILING_TEST", message: "1 failing acceptance test case on 1 item", itemIds: [item.id] },
    ]);
    await recordTestResult(dev, story.testCases[0]!.id, { result: "PASSED", expectedVersion: 2 });
    expect(await failingTestProblems(db, service.id)).toEqual([]);
  });

  it("refuses a stale version (409) and fields of another kind of story (400), writing nothing", async () => {
    const { item } = await itemInService();
    const story = await createStory(dev, { kind: "OPERATIONS", itemId: item.id, title: "Ops", servicePriority: "P2" });
    await updateStory(dev, story.id, { expectedVersion: 1, sla: "99.5 %" });
    await expect(updateStory(dev, story.id, { expectedVersion: 1, sla: "99 %" })).rejects.toMatchObject({ code: "VERSION_CONFLICT" });
    await expect(updateStory(dev, story.id, { expectedVersion: 2, asRole: "shopper" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(addTestCase(dev, story.id, { expectedVersion: 2, title: "x" })).rejects.toMatchObject({ code: "RULE_VIOLATION" });
    const row = await db.story.findUniqueOrThrow({ where: { id: story.id } });
    expect(row).toMatchObject({ sla: "99.5 %", asRole: null, version: 2 });
  });

  it("HTTP: create 201, list 200, update 200/409, add case 201, result 200, viewer 403 — each answer as documented", async () => {
    const { item } = await itemInService();
    const cookie = await sessionCookie(devId);
    const created = await call(createRoute, "POST", ops.createStory.path, {
      cookie,
      body: { kind: "TEST", itemId: item.id, title: "Acceptance", testCases: [{ title: "Case 1" }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectContract(ops.createStory, 201, created.body);
    const list = await call(listRoute, "GET", ops.listStories.path, { cookie, query: { itemId: item.id } });
    expect(list.status).toBe(200);
    expectContract(ops.listStories, 200, list.body);
    const storyId = created.body.id as string;
    const updated = await call(updateRoute, "PATCH", ops.updateStory.path, {
      cookie,
      params: { storyId },
      body: { expectedVersion: 1, serviceAcceptanceCriteria: "All green" },
    });
    expect(updated.status).toBe(200);
    expectContract(ops.updateStory, 200, updated.body);
    const stale = await call(updateRoute, "PATCH", ops.updateStory.path, { cookie, params: { storyId }, body: { expectedVersion: 1, title: "x" } });
    expect(stale.status).toBe(409);
    expectContract(ops.updateStory, 409, stale.body);
    const added = await call(addCaseRoute, "POST", ops.addTestCase.path, { cookie, params: { storyId }, body: { expectedVersion: 2, title: "Case 2" } });
    expect(added.status).toBe(201);
    expectContract(ops.addTestCase, 201, added.body);
    const caseId = added.body.testCases[1].id as string;
    const result = await call(resultRoute, "PATCH", ops.recordTestResult.path, {
      cookie,
      params: { testCaseId: caseId },
      body: { expectedVersion: 3, result: "FAILED" },
    });
    expect(result.status).toBe(200);
    expect(result.body.testCases[1].result).toBe("FAILED");
    const viewer = await call(resultRoute, "PATCH", ops.recordTestResult.path, {
      cookie: await sessionCookie(viewerId),
      params: { testCaseId: caseId },
      body: { expectedVersion: 4, result: "PASSED" },
    });
    expect(viewer.status).toBe(403);
  });
});
