// The service wall through its services on a real database (SQLite and PostgreSQL): MRI with
// versions, availability from a monitoring token opening exactly one problem, bad input refused
// with nothing written, the gate's "MRI complete" decided from data, and the end of life making
// a retired service refuse every write.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { HOUR } from "@/domain/service-levels";
import type { AppError } from "@/lib/errors";
import { resolveAccessToken } from "@/server/auth/request-actor";
import { db } from "@/server/db";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { setItemCriterion } from "@/server/services/items/set-item-criterion";
import { addGateCriterion } from "@/server/services/releases/add-gate-criterion";
import { createRelease } from "@/server/services/releases/create-release";
import { recordGateDecision } from "@/server/services/releases/record-gate-decision";
import { raiseRfc } from "@/server/services/rfcs/raise-rfc";
import { createServiceLevel } from "@/server/services/service-wall/create-service-level";
import { decideEndOfLife } from "@/server/services/service-wall/decide-end-of-life";
import { getServiceWall } from "@/server/services/service-wall/get-service-wall";
import { putMriEntry, reviewMriEntry, setMriRequired } from "@/server/services/service-wall/mri-commands";
import { planCost } from "@/server/services/service-wall/plan-cost";
import { recordActualCost } from "@/server/services/service-wall/record-actual-cost";
import { recordAvailability } from "@/server/services/service-wall/record-availability";
import { recordMeasurement } from "@/server/services/service-wall/record-measurement";
import { recordRecoveryTest } from "@/server/services/service-wall/record-recovery-test";
import { setRecoveryObjectives } from "@/server/services/service-wall/set-recovery-objectives";
import { createService } from "@/server/services/services/create-service";
import { createAccessToken } from "@/server/services/tokens/create-access-token";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { makeTeam, makeUser, uid } from "../support/factories";

let teamId: string;
let master: Actor;
let reliability: Actor;
let operations: Actor;
let viewer: Actor;
let gatekeeper: Actor;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  reliability = (await makeUser({ teamId, roles: ["RELIABILITY_ENGINEER"] })).actor;
  operations = (await makeUser({ teamId, roles: ["OPERATIONS"] })).actor;
  viewer = (await makeUser({ teamId, roles: ["VIEWER"] })).actor;
  gatekeeper = (await makeUser({ teamId, roles: ["GATEKEEPER"] })).actor;
});

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const newService = async () => {
  const s = await createService(master, { teamId, key: `svc-${uid()}`, name: "Mobile conversion" });
  return { id: s.id, stageIds: s.stageIds };
};
const eventCount = (serviceId: string) => db.event.count({ where: { serviceId } });
const version = async (serviceId: string) => (await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { version: true } })).version;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

describe("MRI", () => {
  it("entries are created, edited with their version (409 when stale), reviewed; completeness follows the required set", async () => {
    const s = await newService();
    await setMriRequired(master, s.id, { kinds: ["RF", "SLA"], expectedVersion: await version(s.id) });
    const rf = await putMriEntry(reliability, s.id, "RF", { content: "Convert product pages for phones" });
    expect(rf.version).toBe(1);
    const stale = await refusal(putMriEntry(master, s.id, "RF", { content: "again, blind" }));
    expect(stale).toMatchObject({ code: "VERSION_CONFLICT", status: 409 });
    const edited = await putMriEntry(master, s.id, "RF", { content: "Convert product and checkout pages", expectedVersion: 1 });
    expect(edited.version).toBe(2);
    expect((await refusal(reviewMriEntry(master, s.id, "RF", { expectedVersion: 1 })))?.status).toBe(409);
    await reviewMriEntry(master, s.id, "RF", { expectedVersion: 2 });

    let wall = await getServiceWall(viewer, s.id);
    expect(wall.mri).toMatchObject({ required: 2, present: 1, complete: false });
    expect(wall.problems.map((p) => p.message)).toContain("MRI incomplete: 1/2 — missing SLA (Service level agreement)");
    await putMriEntry(master, s.id, "SLA", { content: "99.9% monthly, support 8–18 CET" });
    wall = await getServiceWall(viewer, s.id);
    expect(wall.mri.complete).toBe(true);
    expect(wall.problems.filter((p) => p.kind === "MRI_INCOMPLETE")).toEqual([]);
  });

  it("a viewer reads but may not edit; an unknown kind is a 400", async () => {
    const s = await newService();
    expect((await refusal(putMriEntry(viewer, s.id, "RF", { content: "x" })))?.status).toBe(403);
    expect((await refusal(putMriEntry(master, s.id, "XX", { content: "x" })))?.status).toBe(400);
    expect(await db.mriEntry.count({ where: { serviceId: s.id } })).toBe(0);
  });
});

describe("service levels and availability", () => {
  it("percentages outside 0–100 and negative targets are refused; a level comes only from an operations story", async () => {
    const s = await newService();
    const before = await eventCount(s.id);
    expect(await refusal(createServiceLevel(master, s.id, { kind: "SLA", name: "Availability", target: 150, unit: "%" }))).toMatchObject({ status: 400 });
    expect(await refusal(createServiceLevel(master, s.id, { kind: "OLA", name: "Ack", target: -1, unit: "minutes" }))).toMatchObject({ status: 400 });
    const item = await createItem(master, s.id, { title: "Checkout" });
    const story = await db.story.create({ data: { itemId: item.id, kind: "USER", title: "Shopper pays" }, select: { id: true } });
    expect(await refusal(createServiceLevel(master, s.id, { kind: "SLA", name: "Availability", target: 99.9, unit: "%", operationsStoryId: story.id }))).toMatchObject({
      status: 422,
      details: { rule: "NOT_AN_OPERATIONS_STORY" },
    });
    expect(await db.serviceLevel.count({ where: { serviceId: s.id } })).toBe(0);
    expect(await eventCount(s.id)).toBe(before + 1); // only the item
  });

  it("a monitoring token's samples that spend the budget open exactly one breach and one problem on the Operations stage", async () => {
    const s = await newService();
    const level = await createServiceLevel(reliability, s.id, { kind: "SLA", name: "Availability", target: 99.9, unit: "%", windowDays: 28 });
    const { secret } = await createAccessToken(master, s.id, { kind: "API", name: "Prometheus", scopes: ["availability.report"] });
    const token = (await resolveAccessToken(secret))!;

    // 2 hours at 50%: 60 minutes down > 40.32 allowed in 28 days.
    await recordAvailability(token, level.id!, { samples: [{ periodStart: hoursAgo(3), periodEnd: hoursAgo(1), availabilityPercent: 50 }] });
    // Still down: a second bad report adds no second breach or problem.
    await recordAvailability(token, level.id!, { samples: [{ periodStart: hoursAgo(1), periodEnd: hoursAgo(0.5), availabilityPercent: 0 }] });
    const breaches = await db.serviceLevelBreach.findMany({ where: { serviceLevelId: level.id!, resolvedAt: null } });
    expect(breaches).toHaveLength(1);
    const problems = await db.problem.findMany({ where: { serviceId: s.id } });
    const operationsStage = await db.stage.findFirstOrThrow({ where: { serviceId: s.id, key: "operations" } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ id: breaches[0]!.problemId, source: "DATA", stageId: operationsStage.id, title: "SLA breached: Availability" });

    const wall = await getServiceWall(viewer, s.id);
    expect(wall.serviceLevels[0]!.budget).toMatchObject({ breached: true, noData: false });
    expect(wall.problems[0]!.kind).toBe("SLA_BREACH");
    // The value-stream wall shows it on the Operations stage.
    const snapshot = await getWallSnapshot(viewer, s.id);
    expect(snapshot.stages.find((st) => st.id === operationsStage.id)!.problems.map((p) => p.kind)).toContain("SLA_BREACH");
  });

  it("a period posted twice is a 409 and nothing of the batch is kept; the token needs its scope", async () => {
    const s = await newService();
    const level = await createServiceLevel(master, s.id, { kind: "SLA", name: "Availability", target: 99.5, unit: "%" });
    const sample = { periodStart: hoursAgo(2), periodEnd: hoursAgo(1), availabilityPercent: 100 };
    await recordAvailability(operations, level.id!, { samples: [sample] });
    const before = await eventCount(s.id);
    const twice = await refusal(recordAvailability(operations, level.id!, { samples: [{ ...sample, periodStart: hoursAgo(1), periodEnd: hoursAgo(0) }, sample] }));
    expect(twice).toMatchObject({ status: 409 });
    expect(twice!.message).toContain("posted already");
    expect(await db.availabilitySample.count({ where: { serviceLevelId: level.id! } })).toBe(1);
    expect(await eventCount(s.id)).toBe(before);
    expect(await refusal(recordAvailability(operations, level.id!, { samples: [{ ...sample, availabilityPercent: 101 }] }))).toMatchObject({ status: 400 });
    const { secret } = await createAccessToken(master, s.id, { kind: "API", name: "Wrong scope", scopes: ["service.view"] });
    expect(await refusal(recordAvailability((await resolveAccessToken(secret))!, level.id!, { samples: [sample] }))).toMatchObject({ status: 403 });
  });

  it("a response-time miss opens one breach; meeting the target again resolves it", async () => {
    const s = await newService();
    const level = await createServiceLevel(master, s.id, { kind: "OLA", name: "Alert acknowledged", target: 10, unit: "minutes" });
    await recordMeasurement(operations, level.id!, { measured: 25, occurredAt: hoursAgo(2) });
    await recordMeasurement(operations, level.id!, { measured: 30, occurredAt: hoursAgo(1) });
    expect(await db.problem.count({ where: { serviceId: s.id } })).toBe(1);
    expect(await db.serviceLevelBreach.count({ where: { serviceLevelId: level.id!, resolvedAt: null } })).toBe(1);
    await recordMeasurement(operations, level.id!, { measured: 4, occurredAt: hoursAgo(0) });
    expect(await db.serviceLevelBreach.count({ where: { serviceLevelId: level.id!, resolvedAt: null } })).toBe(0);
    expect((await getServiceWall(viewer, s.id)).problems).toEqual([]);
  });
});

describe("recovery tests and cost", () => {
  it("negative times are refused; a test that missed RTO and an overdue test are problems", async () => {
    const s = await newService();
    await setRecoveryObjectives(reliability, s.id, { rpoMinutes: 15, rtoMinutes: 60, testIntervalDays: 90, expectedVersion: await version(s.id) });
    expect((await getServiceWall(viewer, s.id)).problems.map((p) => p.message)).toEqual(["No recovery test recorded: RPO/RTO unproven"]);
    const bad = { testedAt: hoursAgo(24), scenario: "Restore", achievedRpoMinutes: -5, achievedRtoMinutes: 30, passed: true };
    expect(await refusal(recordRecoveryTest(operations, s.id, bad))).toMatchObject({ status: 400 });
    expect(await refusal(setRecoveryObjectives(reliability, s.id, { rpoMinutes: 15, rtoMinutes: 60, testIntervalDays: 90, expectedVersion: 1 }))).toMatchObject({ status: 409 });
    await recordRecoveryTest(operations, s.id, { ...bad, achievedRpoMinutes: 5, achievedRtoMinutes: 75 });
    const wall = await getServiceWall(viewer, s.id);
    expect(wall.recovery.tests[0]).toMatchObject({ passed: true, missed: ["RTO"] });
    expect(wall.problems.map((p) => p.message)).toEqual(["Last recovery test RTO missed: Restore (RPO 5 min, RTO 75 min)"]);
  });

  it("a month planned twice is a 409; an actual entered twice is a 409; negative cost is a 400", async () => {
    const s = await newService();
    await planCost(master, s.id, { month: "2026-01", planned: 1000 });
    expect(await refusal(planCost(master, s.id, { month: "2026-01", planned: 1200 }))).toMatchObject({ status: 409 });
    expect(await refusal(planCost(master, s.id, { month: "2026-02", planned: -3 }))).toMatchObject({ status: 400 });
    expect(await refusal(planCost(operations, s.id, { month: "2026-02", planned: 3 }))).toMatchObject({ status: 403 });
    expect(await refusal(recordActualCost(operations, s.id, { month: "2026-03", actual: 10 }))).toMatchObject({ status: 422 });
    const first = await recordActualCost(operations, s.id, { month: "2026-01", actual: 1300 });
    expect(await refusal(recordActualCost(operations, s.id, { month: "2026-01", actual: 1100 }))).toMatchObject({ status: 409 });
    await recordActualCost(master, s.id, { month: "2026-01", actual: 1250, expectedVersion: first.version! });
    const lines = await db.operatingCost.findMany({ where: { serviceId: s.id } });
    expect(lines.map((l) => [l.planned, l.actual])).toEqual([[1000, 1250]]);
    expect((await getServiceWall(viewer, s.id)).problems.map((p) => p.kind)).toEqual(["COST_OVER_PLAN"]);
  });
});

describe("the gate criterion MRI complete, decided from data", () => {
  it("a PASS is refused while the MRI is incomplete and recorded once it is complete", async () => {
    const s = await newService();
    // (a release with no items: whether its items are done is another rule, decision record 005)
    const release = await createRelease(master, s.id, { name: `r-${uid()}` });
    await addGateCriterion(master, s.id, { key: "mri-complete", name: "MRI complete", description: "Every required MRI entry present and reviewed" });
    await setMriRequired(master, s.id, { kinds: ["RF", "SLA"], expectedVersion: await version(s.id) });
    await putMriEntry(master, s.id, "RF", { content: "Convert pages" });
    const criteria = await db.gateCriterion.findMany({ where: { serviceId: s.id, retired: false }, select: { id: true } });
    const decide = () =>
      recordGateDecision(gatekeeper, release.id, {
        outcome: "GO",
        assessments: criteria.map((c) => ({ criterionId: c.id, result: "PASS" as const })),
        evidence: [],
        comment: "",
        supersedesId: null,
      });
    const refused = await refusal(decide());
    expect(refused).toMatchObject({ status: 422, details: { rule: "DATA_CRITERION_NOT_MET" } });
    expect(refused!.message).toContain("missing SLA (Service level agreement)");
    expect(await db.gateDecision.count({ where: { releaseId: release.id } })).toBe(0);
    await putMriEntry(master, s.id, "SLA", { content: "99.9%" });
    expect((await decide()).outcome).toBe("GO");
  });
});

describe("end of life", () => {
  it("only the Service Master decides; Active → Retiring → Retired; a stale version is a 409", async () => {
    const s = await newService();
    const plan = { decision: "RETIRE" as const, date: new Date(Date.now() + 20 * 24 * HOUR).toISOString(), conditions: "Customers moved", plan: "Notice to customers, then migration to Conversion portal" };
    expect(await refusal(decideEndOfLife(reliability, s.id, { ...plan, expectedVersion: await version(s.id) }))).toMatchObject({ status: 403 });
    expect(await refusal(decideEndOfLife(master, s.id, { ...plan, plan: "", expectedVersion: await version(s.id) }))).toMatchObject({ status: 400 });
    expect(await refusal(decideEndOfLife(master, s.id, { ...plan, decision: "RETIRED", expectedVersion: await version(s.id) }))).toMatchObject({
      status: 422,
      details: { rule: "NOT_RETIRING" },
    });
    const v = await version(s.id);
    await createItem(master, s.id, { title: "Migrate the last customers" });
    await decideEndOfLife(master, s.id, { ...plan, expectedVersion: v });
    expect(await refusal(decideEndOfLife(master, s.id, { decision: "KEEP", expectedVersion: v }))).toMatchObject({ status: 409 });
    const wall = await getServiceWall(viewer, s.id);
    expect(wall.service).toMatchObject({ status: "RETIRING", endOfLife: { plan: plan.plan, conditions: "Customers moved" } });
    expect(wall.service.endOfLife.openItems.map((i) => i.title)).toEqual(["Migrate the last customers"]);
    expect(wall.problems.map((p) => p.kind)).toEqual(["END_OF_LIFE"]);
    const events = await db.event.findMany({ where: { serviceId: s.id, type: "service.endOfLife.decided" }, select: { payload: true } });
    expect(events.map((e) => e.payload)).toMatchObject([{ from: "ACTIVE", to: "RETIRING" }]);
  });

  it("a retired service refuses every write with a clear 422 and no state change", async () => {
    const s = await newService();
    const item = await createItem(master, s.id, { title: "Last fix" });
    const level = await createServiceLevel(master, s.id, { kind: "SLA", name: "Availability", target: 99.9, unit: "%" });
    await planCost(master, s.id, { month: "2026-01", planned: 100 });
    // The item's stage is done, so only the retirement can refuse its move.
    for (const c of await db.doneCriterion.findMany({ where: { stageId: s.stageIds[0]! }, select: { id: true } })) {
      await setItemCriterion(master, item.id, c.id, { done: true });
    }
    const itemVersion = (await db.workItem.findUniqueOrThrow({ where: { id: item.id }, select: { version: true } })).version;
    await decideEndOfLife(master, s.id, { decision: "RETIRE", date: new Date(Date.now() + 24 * HOUR).toISOString(), plan: "Notice sent", expectedVersion: await version(s.id) });
    await decideEndOfLife(master, s.id, { decision: "RETIRED", expectedVersion: await version(s.id) });
    const before = { events: await eventCount(s.id), items: await db.workItem.count({ where: { serviceId: s.id } }), version: await version(s.id) };

    const writes: [string, () => Promise<unknown>][] = [
      ["create an item", () => createItem(master, s.id, { title: "New work" })],
      ["move an item", () => moveItem(master, item.id, { toStageId: s.stageIds[1]!, expectedVersion: itemVersion })],
      ["pull the andon", () => pullAndon(operations, s.id, { stageId: s.stageIds[0]!, reason: "Stop" })],
      ["raise an RfC", () => raiseRfc(master, s.id, { title: "Upgrade", what: "Upgrade", why: "Support ends", source: "MAINTENANCE" })],
      ["create a release", () => createRelease(master, s.id, { name: `r-${uid()}` })],
      ["edit the MRI", () => putMriEntry(master, s.id, "RF", { content: "x" })],
      ["post availability", () => recordAvailability(reliability, level.id!, { samples: [{ periodStart: hoursAgo(2), periodEnd: hoursAgo(1), availabilityPercent: 10 }] })],
      ["record a recovery test", () => recordRecoveryTest(operations, s.id, { testedAt: hoursAgo(1), scenario: "Restore", achievedRpoMinutes: 1, achievedRtoMinutes: 1, passed: true })],
      ["plan cost", () => planCost(master, s.id, { month: "2026-02", planned: 100 })],
      ["record an actual", () => recordActualCost(operations, s.id, { month: "2026-01", actual: 90 })],
      ["decide again", () => decideEndOfLife(master, s.id, { decision: "KEEP", expectedVersion: before.version })],
    ];
    for (const [what, write] of writes) {
      const e = await refusal(write());
      expect(e, what).toMatchObject({ status: 422, details: { rule: "SERVICE_RETIRED" } });
      expect(e!.message, what).toBe("Mobile conversion is retired: it is read-only and keeps its history.");
    }
    expect({ events: await eventCount(s.id), items: await db.workItem.count({ where: { serviceId: s.id } }), version: await version(s.id) }).toEqual(before);
    expect(await db.availabilitySample.count({ where: { serviceLevelId: level.id! } })).toBe(0);
    expect(await db.andon.count({ where: { serviceId: s.id } })).toBe(0);
    // Reading still works: the history is kept.
    expect((await getServiceWall(viewer, s.id)).service.status).toBe("RETIRED");
  });
});
