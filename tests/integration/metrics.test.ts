// The metrics wall through the real write path on a real database (SQLite and PostgreSQL): a
// hand-made history written by the services at chosen times (only Date is faked), then every
// number of getServiceMetrics checked against values worked out by hand below.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/domain/permissions";
import type { AppError } from "@/lib/errors";
import { getServiceMetrics as getServiceMetricsOp } from "@/lib/openapi/metrics-operations";
import { db } from "@/server/db";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { rejectItem } from "@/server/services/items/reject-item";
import { setItemBlocked } from "@/server/services/items/set-item-blocked";
import { setItemCriterion } from "@/server/services/items/set-item-criterion";
import { clearFlowFolds } from "@/server/services/metrics/flow-fold";
import { getServiceMetrics } from "@/server/services/metrics/get-service-metrics";
import { createRelease } from "@/server/services/releases/create-release";
import { reportDeployment } from "@/server/services/releases/report-deployment";
import { createService } from "@/server/services/services/create-service";
import { GET as metricsRoute } from "@/app/api/v1/services/[serviceId]/metrics/route";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

const T0 = Date.UTC(2026, 10, 2); // Monday 2 November 2026, 00:00 UTC
const H = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * H);
// The period of the hand-computed numbers: 2 and 3 November, i.e. [0 h, 48 h).
const PERIOD = { from: "2026-11-02", to: "2026-11-03" };

let master: Actor;
let dev: Actor;
let devops: Actor;
let outsider: Actor;
let viewerId: string;
let serviceId: string;
let serviceKey: string;
const stage: Record<"B" | "R" | "D" | "O", string> = { B: "", R: "", D: "", O: "" };
const item: Record<"X" | "Y" | "Z" | "W", string> = { X: "", Y: "", Z: "", W: "" };
let reviewed: string;
let tested: string;

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const version = async (id: string) => (await db.workItem.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

async function when(hours: number, act: () => Promise<unknown>) {
  vi.setSystemTime(at(hours));
  await act();
}
const move = (id: string, to: string) => async () => moveItem(dev, id, { toStageId: to, expectedVersion: await version(id) });
const tick = (id: string, criterionId: string) => () => setItemCriterion(dev, id, criterionId, { done: true });

beforeAll(async () => {
  const teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  dev = (await makeUser({ teamId, roles: ["DEVELOPER"] })).actor;
  devops = (await makeUser({ teamId, roles: ["DEVOPS_ENGINEER"] })).actor;
  const viewer = await makeUser({ teamId, roles: ["VIEWER"] });
  viewerId = viewer.user.id;
  outsider = (await makeUser({ teamId: (await makeTeam()).id, roles: ["SERVICE_MASTER"] })).actor;

  // Only Date is faked: the services stamp events with the times chosen here.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at(-1));
  serviceKey = `metrics-${uid()}`;
  const s = await createService(master, {
    teamId,
    key: serviceKey,
    name: "Mobile conversion",
    // Lead time runs from Requirements (key "requirements") to Operations (key "operations").
    stages: [
      { key: "backlog", name: "Backlog" },
      { key: "requirements", name: "Requirements & design" },
      { key: "development", name: "Development", doneCriteria: ["Code reviewed", "Tests green"] },
      { key: "operations", name: "Operations" },
    ],
  });
  serviceId = s.id;
  const stages = await db.stage.findMany({ where: { serviceId }, orderBy: { position: "asc" }, include: { doneCriteria: { orderBy: { position: "asc" } } } });
  const ids = stages.map((x) => x.id);
  Object.assign(stage, { B: ids[0], R: ids[1], D: ids[2], O: ids[3] });
  reviewed = stages[2]!.doneCriteria[0]!.id;
  tested = stages[2]!.doneCriteria[1]!.id;
  const create = (title: string) => createItem(master, serviceId, { title, stageId: stage.B });

  // X: B [0,10) R [10,20) D [20,30) (work from 22, done 27) → O at 30.
  // Y: B [0,2) R [2,4) D [4,10) (work 6, blocked 5–7, done 9) → O [10,12) sent back → D [12,16) (13, 15) → O at 16.
  // Z: B [1,3) R [3,6) D from 6, untouched until after the period (ticks 55, 58; O at 60).
  // W: waits in the backlog.
  await when(0, async () => {
    item.X = (await create("X: mobile checkout")).id;
    item.Y = (await create("Y: product page")).id;
    item.W = (await create("W: newsletter")).id;
  });
  await when(1, async () => (item.Z = (await create("Z: search")).id));
  await when(2, move(item.Y, stage.R));
  await when(3, move(item.Z, stage.R));
  await when(4, move(item.Y, stage.D));
  await when(5, async () => setItemBlocked(dev, item.Y, { reason: "Waiting for the API key", expectedVersion: await version(item.Y) }));
  await when(6, tick(item.Y, reviewed));
  await when(6, move(item.Z, stage.D));
  await when(7, async () => setItemBlocked(dev, item.Y, { reason: null, expectedVersion: await version(item.Y) }));
  await when(9, tick(item.Y, tested));
  await when(10, move(item.Y, stage.O));
  await when(10, move(item.X, stage.R));
  await when(12, async () => rejectItem(dev, item.Y, { toStageId: stage.D, reason: "Crashes on iOS 17", expectedVersion: await version(item.Y) }));
  await when(13, tick(item.Y, reviewed));
  await when(15, tick(item.Y, tested));
  await when(16, move(item.Y, stage.O));
  await when(20, move(item.X, stage.D));
  await when(22, tick(item.X, reviewed));
  await when(27, tick(item.X, tested));
  await when(30, move(item.X, stage.O));
  // After the period: must not change its numbers.
  await when(55, tick(item.Z, reviewed));
  await when(58, tick(item.Z, tested));
  await when(60, move(item.Z, stage.O));

  // Deployments: production at 20 h (success) and 30 h (failure); staging ignored by DORA.
  await when(0, async () => {
    const release = await createRelease(master, serviceId, { name: "1.0" });
    const report = (environment: string, result: "SUCCESS" | "FAILURE", h: number) =>
      reportDeployment(devops, release.id, { environment, result, startedAt: at(h - 1).toISOString(), finishedAt: at(h).toISOString() });
    await report("production", "SUCCESS", 20);
    await report("production", "FAILURE", 30);
    await report("staging", "SUCCESS", 25);
  });
  vi.useRealTimers();
});

afterAll(() => {
  vi.useRealTimers();
});

describe("getServiceMetrics on a hand-made history", () => {
  it("VSM per stage: process and wait time, items through, %C/A", async () => {
    const m = await getServiceMetrics(dev, serviceKey, PERIOD);
    expect(m.period).toEqual({ from: at(0).toISOString(), to: at(48).toISOString(), days: 2 });
    const byName = Object.fromEntries(m.vsm.stages.map((s) => [s.name, s]));
    // Backlog: X 10 + Y 2 + Z 2 + W 48 = 62 h, no criteria → all process; 3 passed on, none sent back.
    expect(byName.Backlog).toMatchObject({ processTime: 62 * H, waitTime: 0, itemsThrough: 3, percentCompleteAccurate: 100 });
    // Requirements: X 10 + Y 2 + Z 3 = 15 h.
    expect(byName["Requirements & design"]).toMatchObject({ processTime: 15 * H, waitTime: 0, itemsThrough: 3, percentCompleteAccurate: 100 });
    // Development: X 10 h (queued 2, done-waiting 3 → wait 5), Y 6 h (queued 4–6 ∪ blocked 5–7 = 3,
    // done-waiting 1 → wait 4), Y again 4 h (queued 1, done-waiting 1), Z 42 h untouched (no tick:
    // no queue claimed). Total 62, wait 11, process 51; 4 stays. Passed on: X, Y (sent back), Y.
    expect(byName.Development).toMatchObject({
      processTime: 51 * H,
      waitTime: 11 * H,
      blockedTime: 2 * H,
      queuedTime: 5 * H,
      doneWaitingTime: 5 * H,
      avgProcessTime: 12.75 * H,
      avgWaitTime: 2.75 * H,
      itemsThrough: 3,
      sentBack: 1,
    });
    expect(byName.Development!.percentCompleteAccurate).toBeCloseTo(200 / 3, 6);
    // Operations: X 18 + Y 2 + Y 32 = 52 h; it passed nothing on (Y left it by rejection).
    expect(byName.Operations).toMatchObject({ processTime: 52 * H, waitTime: 0, itemsThrough: 0, percentCompleteAccurate: null });
  });

  it("end to end: lead time with rework, process time, flow efficiency, percentiles", async () => {
    const m = await getServiceMetrics(dev, serviceId, PERIOD);
    // X: committed 10, done 30 → 20 h, process R 10 + D 5 = 15 h.
    // Y: committed 2, done 16 → 14 h, process R 2 + D 2 + O 2 + D 2 = 8 h, rework 12–16 = 4 h.
    expect(m.leadTime.items.map((i) => [i.title, i.leadTime, i.processTime, i.reworkTime, i.rejections])).toEqual([
      ["Y: product page", 14 * H, 8 * H, 4 * H, 1],
      ["X: mobile checkout", 20 * H, 15 * H, 0, 0],
    ]);
    expect(m.vsm).toMatchObject({ finished: 2, leadTime: 17 * H, processTime: 11.5 * H, waitTime: 5.5 * H, reworkTime: 2 * H });
    expect(m.vsm.flowEfficiency).toBeCloseTo((23 / 34) * 100, 6);
    // Nearest rank over [14, 20]: p50 the 1st, p85 and p95 the 2nd.
    expect(m.leadTime.percentiles).toEqual({ p50: 14 * H, p85: 20 * H, p95: 20 * H });
    expect(m.leadTime.distribution).toEqual([{ fromDays: 0, toDays: 1, items: 2 }]);
  });

  it("CFD, WIP and throughput per day and week", async () => {
    const m = await getServiceMetrics(dev, serviceId, PERIOD);
    // End of 2 Nov: X, Z in Development, Y in Operations, W in Backlog. End of 3 Nov: X moved on.
    expect(m.cfd).toEqual([
      { day: "2026-11-02", counts: { [stage.B]: 1, [stage.R]: 0, [stage.D]: 2, [stage.O]: 1 } },
      { day: "2026-11-03", counts: { [stage.B]: 1, [stage.R]: 0, [stage.D]: 1, [stage.O]: 2 } },
    ]);
    expect(m.stages.map((s) => s.wip)).toEqual([false, true, true, false]);
    expect(m.wip).toEqual([
      { day: "2026-11-02", wip: 2 },
      { day: "2026-11-03", wip: 1 },
    ]);
    expect(m.throughput).toEqual([{ week: "2026-W45", weekStart: "2026-11-02", items: 2, partial: true }]);
  });

  it("aging WIP against the stage's history, the forecast and DORA", async () => {
    const m = await getServiceMetrics(dev, serviceId, PERIOD);
    // Z has been in Development 6 h → 48 h; Development's stays that ended: 10, 6, 4 h → p50 6, p85/p95 10.
    expect(m.aging.items).toEqual([
      { itemId: item.Z, title: "Z: search", stageId: stage.D, ageInStage: 42 * H, enteredStageAt: at(6).toISOString(), beyond: "p95" },
    ]);
    expect(m.aging.stages.find((s) => s.stageId === stage.D)).toEqual({ stageId: stage.D, completedStays: 3, p50: 6 * H, p85: 10 * H, p95: 10 * H });
    // One item done each day; one item (W) in the backlog: 1 day, done by 5 Nov; 30 by 4 Dec.
    expect(m.forecast).toMatchObject({
      runs: 10_000,
      sampleDays: 2,
      backlogItems: 1,
      noData: null,
      when: { items: 1, days: { p50: 1, p85: 1, p95: 1 }, dates: { p50: "2026-11-05", p85: "2026-11-05", p95: "2026-11-05" } },
      howMany: { date: "2026-12-04", items: { p50: 30, p85: 30, p95: 30 } },
    });
    const again = await getServiceMetrics(dev, serviceId, { ...PERIOD, forecastItems: "5" as unknown as number, forecastDate: "2026-11-10" });
    expect(again.forecast.when).toMatchObject({ items: 5, days: { p50: 5, p85: 5, p95: 5 } });
    expect(again.forecast.howMany).toEqual({ date: "2026-11-10", items: { p50: 6, p85: 6, p95: 6 } });
    // Two production deployments in two days, one successful: 0.5/day (high); 1 of 2 failed: 50 % (nearest cluster 40 %: low).
    expect(m.dora).toMatchObject({
      deployments: 2,
      successfulDeployments: 1,
      deploymentFrequency: { perDay: 0.5, tier: "high", previousPerDay: null, noData: null },
      changeFailureRate: { percent: 50, failed: 1, tier: "low", previousPercent: null, noData: null },
      leadTimeForChanges: { median: null, tier: null },
      recoveryTime: { median: null, incidents: 0, tier: null },
      reworkRate: { percent: 0, rework: 0 },
    });
    expect(m.dora.leadTimeForChanges.noData).toMatch(/commit time/);
    expect(m.dora.recoveryTime.noData).toMatch(/No incidents/);
  });

  it("a period cut later sees what happened after: Z done at 60 h; a fresh fold gives the same numbers as the cached one", async () => {
    const later = { from: "2026-11-02", to: "2026-11-04" };
    const cached = await getServiceMetrics(dev, serviceId, later);
    clearFlowFolds();
    const fresh = await getServiceMetrics(dev, serviceId, later);
    expect(fresh).toEqual({ ...cached, generatedAt: fresh.generatedAt });
    // Z: committed 3, done 60 → 57 h; its Development stay 6–60 had work from 55 and was done at 58.
    expect(fresh.leadTime.items.find((i) => i.itemId === item.Z)).toMatchObject({ leadTime: 57 * H });
    expect(fresh.aging.items).toEqual([]);
    // The 48 h period did not see those ticks: Z's stay stays untouched in it.
    const cut = await getServiceMetrics(dev, serviceId, PERIOD);
    expect(cut.vsm.stages.find((s) => s.stageId === stage.D)).toMatchObject({ processTime: 51 * H, waitTime: 11 * H });
  });

  it("the default period is the last 90 days up to now", async () => {
    const before = Date.now();
    const m = await getServiceMetrics(dev, serviceId);
    const to = Date.parse(m.period.to);
    expect(to).toBeGreaterThanOrEqual(before);
    expect(to - Date.parse(m.period.from)).toBe(90 * 24 * H);
  });
});

describe("access and the period's validation", () => {
  it("another team's service is not found; a bad period is a 400 naming the field", async () => {
    expect(await refusal(getServiceMetrics(outsider, serviceId))).toMatchObject({ code: "NOT_FOUND", status: 404 });
    expect(await refusal(getServiceMetrics(dev, serviceId, { from: "2026-13-45" }))).toMatchObject({ status: 400, details: { issues: [{ path: "from" }] } });
    expect(await refusal(getServiceMetrics(dev, serviceId, { from: "2026-11-05", to: "2026-11-03" }))).toMatchObject({ status: 400, message: expect.stringMatching(/start before it ends/) });
    expect(await refusal(getServiceMetrics(dev, serviceId, { from: "2023-01-01", to: "2026-11-03" }))).toMatchObject({ status: 400, message: expect.stringMatching(/two years/) });
    expect(await refusal(getServiceMetrics(dev, serviceId, { format: "csv" }))).toMatchObject({ status: 400, details: { issues: [{ path: "chart" }] } });
  });

  it("over HTTP: the JSON document matches the contract; each chart downloads as CSV with the same numbers", async () => {
    const cookie = await sessionCookie(viewerId);
    const res = await call(metricsRoute, "GET", getServiceMetricsOp.path, { params: { serviceId: serviceKey }, query: PERIOD, cookie });
    expect(res.status).toBe(200);
    expectContract(getServiceMetricsOp, 200, res.body);
    const cfd = await call(metricsRoute, "GET", getServiceMetricsOp.path, { params: { serviceId }, query: { ...PERIOD, format: "csv", chart: "cfd" }, cookie });
    expect(cfd.status).toBe(200);
    expect(cfd.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(cfd.headers.get("content-disposition")).toContain(`${serviceKey}-cfd-2026-11-02-2026-11-04.csv`);
    expect(cfd.body).toBe("day,Backlog,Requirements & design,Development,Operations\r\n2026-11-02,1,0,2,1\r\n2026-11-03,1,0,1,2\r\n");
    const leads = await call(metricsRoute, "GET", getServiceMetricsOp.path, { params: { serviceId }, query: { ...PERIOD, format: "csv", chart: "lead-time" }, cookie });
    expect(String(leads.body).split("\r\n").slice(1, 3)).toEqual([`${item.Y},Y: product page,${at(16).toISOString()},14.00,8.00,4.00,1`, `${item.X},X: mobile checkout,${at(30).toISOString()},20.00,15.00,0.00,0`]);
    const bad = await call(metricsRoute, "GET", getServiceMetricsOp.path, { params: { serviceId }, query: { from: "yesterday" }, cookie });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("from");
  });
});
