// Builds the demo case of DOMAIN.md through the same service functions the app uses (services,
// items, moves, done-criteria, blocking, comments, stories, RfCs, andon, releases and gate
// decisions, Kaizen), so the event log tells the whole story. Records that have no service function yet
// (service levels, MRI, costs) are written here
// inside `runCommand`, which appends a matching Event in the same transaction: the log stays
// complete either way. The cards have a past: their creation, ticks, pulls and blocks run at
// planned times over the last weeks (atTime, src/server/clock.ts), so the wall shows real ages,
// a few cards wait too long, and the metrics wall has lead times, all from the same events.
import type { Actor } from "@/domain/permissions";
import { DEFAULT_STAGES } from "@/domain/stages";
import type { Tx } from "@/server/db";
import { atTime } from "@/server/clock";
import { db } from "@/server/db";
import { hashPassword } from "@/server/auth/password";
import { recordAudit } from "@/server/services/audit";
import { loadUserActor } from "@/server/services/actors/load-user-actor";
import { runCommand, type EmitFn } from "@/server/services/events/run-command";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { releaseAndon } from "@/server/services/andon/release-andon";
import { commentOnItem } from "@/server/services/items/comment-on-item";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { setItemBlocked } from "@/server/services/items/set-item-blocked";
import { setItemCriterion } from "@/server/services/items/set-item-criterion";
import { answerProposal } from "@/server/services/kaizen-proposals/answer-proposal";
import { proposeKaizen } from "@/server/services/kaizen-proposals/propose-kaizen";
import { addCountermeasure } from "@/server/services/problems/add-countermeasure";
import { movePdca } from "@/server/services/problems/move-pdca";
import { openProblemInTx } from "@/server/services/problems/open-problem";
import { recordKpiValue } from "@/server/services/problems/record-kpi-value";
import { updateCountermeasure } from "@/server/services/problems/update-countermeasure";
import { updateProblem } from "@/server/services/problems/update-problem";
import { addGateCriterion } from "@/server/services/releases/add-gate-criterion";
import { createRelease } from "@/server/services/releases/create-release";
import { recordGateDecision } from "@/server/services/releases/record-gate-decision";
import { reportDeployment } from "@/server/services/releases/report-deployment";
import { reportServiceDeployment } from "@/server/services/deployments/report-service-deployment";
import { intakeDevLakeDeployment } from "@/server/services/devlake/intake-devlake-deployment";
import { reportIncident } from "@/server/services/incidents/report-incident";
import { resolveIncident } from "@/server/services/incidents/resolve-incident";
import { updateRelease } from "@/server/services/releases/update-release";
import { decideRfc } from "@/server/services/rfcs/decide-rfc";
import { raiseRfc } from "@/server/services/rfcs/raise-rfc";
import { createStory } from "@/server/services/stories/create-story";
import { createService } from "@/server/services/services/create-service";
import { createTeam } from "@/server/services/teams/create-team";
import { assignPool } from "@/server/services/teams/set-org-layout";
import { setMemberRoles } from "@/server/services/teams/set-member-roles";
import { createUser } from "@/server/services/users/create-user";
import type { TCreateStoryRequest } from "@/lib/schemas/story";
import { DEMO_ACCOUNTS, DEMO_ORG_NAME, DEMO_PASSWORD } from "./accounts";
import { seedServiceWall } from "./service-wall";
import { MOBILE, MRI, PORTAL, STAGE_WORKER, type DemoItem, type DemoService } from "./catalog";

export type SeedResult = { created: boolean; reason?: string; services: { key: string; id: string }[] };

type UserActor = Extract<Actor, { kind: "user" }>;
type People = Record<string, UserActor>;
type SeededService = { id: string; key: string; stageIds: Record<string, string>; itemIds: Map<string, string>; tags: Map<string, string[]> };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Seeds the demo organisation; does nothing when it exists (or, with `ifEmpty`, when any user exists). */
export async function seedDemo(opts: { ifEmpty?: boolean } = {}): Promise<SeedResult> {
  const existing = await db.organization.findFirst({ where: { name: DEMO_ORG_NAME }, select: { id: true } });
  if (existing) return { created: false, reason: "the demo organisation exists already", services: await demoServices() };
  if (opts.ifEmpty && (await db.user.count()) > 0) {
    return { created: false, reason: "the database has users already: not adding demo data", services: [] };
  }

  const { people, teamId } = await seedPeople();
  const mobile = await seedService(people, teamId, MOBILE, (timeline) => planReleases(people, timeline));
  const portal = await seedService(people, teamId, PORTAL);

  await seedDelivery(people, mobile);
  await seedChangeRequests(people, mobile, portal);
  await seedKaizen(people, mobile, portal);
  await seedComments(people, mobile);
  await seedServiceWall(people, mobile, portal);

  return { created: true, services: [{ key: mobile.key, id: mobile.id }, { key: portal.key, id: portal.id }] };
}

async function demoServices() {
  const rows = await db.service.findMany({
    where: { org: { name: DEMO_ORG_NAME } },
    orderBy: { createdAt: "asc" },
    select: { key: true, id: true },
  });
  return rows;
}

const actorId = (a: UserActor) => a.userId;

function cmd<R>(by: UserActor, work: (tx: Tx, emit: EmitFn) => Promise<R>): Promise<R> {
  return runCommand(actorId(by), work).then((r) => r.result);
}

// ---------------------------------------------------------------- people

async function seedPeople(): Promise<{ people: People; teamId: string }> {
  // The first admin cannot be created by an admin: this is the one bootstrap write.
  const hash = await hashPassword(DEMO_PASSWORD);
  const adminAccount = DEMO_ACCOUNTS.find((a) => a.isAdmin)!;
  const { orgId, adminId } = await db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { name: DEMO_ORG_NAME, layout: "MATRIX" }, select: { id: true } });
    const admin = await tx.user.create({
      data: { email: adminAccount.email, name: adminAccount.name, isAdmin: true, passwordHash: hash },
      select: { id: true },
    });
    const self: Actor = { kind: "user", userId: admin.id, name: adminAccount.name, isAdmin: true, memberships: [] };
    await recordAudit(tx, self, "user.created", { userId: admin.id, bootstrap: true, seed: "demo" });
    return { orgId: org.id, adminId: admin.id };
  });
  const admin = (await loadUserActor(adminId))!;

  const team = await createTeam(admin, { orgId, name: "Web conversion team", kind: "DELIVERY" });
  const pool = await createTeam(admin, { orgId, name: "Operations pool", kind: "POOL", discipline: "operations" });
  await assignPool(admin, { poolTeamId: pool.id, deliveryTeamId: team.id, assigned: true });

  const people: People = { admin };
  for (const account of DEMO_ACCOUNTS) {
    if (account.isAdmin) continue;
    const { user } = await createUser(admin, { email: account.email, name: account.name, password: DEMO_PASSWORD });
    await setMemberRoles(admin, account.pool ? pool.id : team.id, { userId: user.id, roles: account.roles });
    people[account.key] = (await loadUserActor(user.id))!;
  }
  return { people, teamId: team.id };
}

// ---------------------------------------------------------------- a service and its value stream

// The demo team's rhythm: how many hours a stay in each stage took, for the stages an item passed
// through before the one it is in now (where its age is the catalog's hoursInStage).
const STAY_HOURS: Record<string, number> = {
  strategy: 70,
  marketing: 46,
  administration: 22,
  planning: 44,
  requirements: 34,
  development: 58,
  deployment: 18,
  operations: 160,
  maintenance: 40,
  "customer-service": 22,
};

type Step = { at: number; order: number; run: () => Promise<void> };

/** When a planned item entered each stage of its path, and when it met the last done-criterion of each stage it left. */
type ItemTimes = { title: string; createdAt: number; entered: Record<string, number>; criteriaDone: Record<string, number> };
/** A service's past, open to more commands at their own times (the releases, timed against their items). */
type Timeline = { service: SeededService; add: (at: number, run: () => Promise<void>) => void; tagged: (tag: string) => ItemTimes[] };

async function seedService(people: People, teamId: string, spec: DemoService, more?: (timeline: Timeline) => void): Promise<SeededService> {
  const sm = people.serviceMaster!;
  const order = DEFAULT_STAGES.map((s) => s.key);
  const seedNow = Date.now();

  // Each item's past, planned first: when it was created, when each upstream stage's criteria
  // were ticked and it was pulled on, and when it entered the stage it is in now. The commands
  // then run in time order, each at its own time (atTime): the event log is the history, with
  // seq and time rising together, and every age on the walls comes from it.
  const steps: Step[] = [];
  const add = (at: number, run: () => Promise<void>) => steps.push({ at, order: steps.length, run });
  type Planned = { spec: DemoItem; path: string[]; createdAt: number };
  const planned: Planned[] = spec.items.map((item, n) => {
    const target = order.indexOf(item.stage);
    if (target < 0) throw new Error(`unknown stage ${item.stage}`);
    // Items at the end of life travel the whole value stream, so their history shows every
    // stage; those in Operations come from Requirements & design (the metrics wall's lead
    // time); the others are taken in one stage upstream and pulled into theirs (one move
    // each keeps the seed quick: every command is a transaction with its events).
    const start = item.from ? order.indexOf(item.from) : item.stage === "end-of-life" ? 0 : Math.max(0, target - 1);
    if (start < 0 || start > target) throw new Error(`${item.title}: cannot come from ${item.from}`);
    const path = order.slice(start, target + 1);
    // A few minutes apart, so no two items' steps share an instant.
    const entered = seedNow - item.hoursInStage * HOUR - n * 3 * MINUTE;
    const upstream = path.slice(0, -1).reduce((sum, key) => sum + STAY_HOURS[key]! * HOUR, 0);
    return { spec: item, path, createdAt: entered - upstream };
  });
  const serviceStart = seedNow - spec.startedDaysAgo * DAY;
  if (planned.some((p) => p.createdAt <= serviceStart)) throw new Error(`${spec.key}: an item would be older than its service`);

  const created = await atTime(new Date(serviceStart), () =>
    createService(sm, { teamId, key: spec.key, name: spec.name, description: spec.description }),
  );
  const stages = await db.stage.findMany({
    where: { serviceId: created.id },
    orderBy: { position: "asc" },
    select: { id: true, key: true, doneCriteria: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  const stageIds = Object.fromEntries(stages.map((s) => [s.key, s.id]));
  const criteria = new Map(stages.map((s) => [s.key, s.doneCriteria.map((c) => c.id)]));
  const service: SeededService = { id: created.id, key: spec.key, stageIds, itemIds: new Map(), tags: new Map() };

  const times = new Map<string, ItemTimes[]>();
  for (const { spec: item, path, createdAt } of planned) {
    const itemTimes: ItemTimes = { title: item.title, createdAt, entered: { [path[0]!]: createdAt }, criteriaDone: {} };
    if (item.tag) times.set(item.tag, [...(times.get(item.tag) ?? []), itemTimes]);
    const worker = (stageKey: string) => people[item.by && stageKey === item.stage ? item.by : STAGE_WORKER[stageKey]!]!;
    const state = { id: "", version: 0 };
    add(createdAt, async () => {
      const row = await createItem(worker(path[0]!), service.id, {
        stageId: stageIds[path[0]!]!,
        title: item.title,
        description: item.description ?? "",
        kind: item.kind ?? "FEATURE",
        labels: item.labels ?? [],
        businessValue: item.businessValue ?? null,
        costEstimate: item.costEstimate ?? null,
      });
      Object.assign(state, { id: row.id, version: row.version });
      service.itemIds.set(item.title, row.id);
      if (item.tag) service.tags.set(item.tag, [...(service.tags.get(item.tag) ?? []), row.id]);
    });
    // Pulled downstream one stage at a time, each stage done first (JKK), as the team would:
    // work starts a while after arrival, the last criterion is met some hours before the pull.
    let at = createdAt;
    for (const [i, from] of path.slice(0, -1).entries()) {
      const stay = STAY_HOURS[from]! * HOUR;
      const ids = criteria.get(from)!;
      const by = worker(from);
      ids.forEach((criterionId, j) => {
        const tick = at + stay * (0.2 + (0.6 * j) / Math.max(1, ids.length - 1));
        itemTimes.criteriaDone[from] = Math.max(itemTimes.criteriaDone[from] ?? 0, tick);
        add(tick, async () => {
          await setItemCriterion(by, state.id, criterionId, { done: true });
        });
      });
      at += stay;
      const to = path[i + 1]!;
      itemTimes.entered[to] = at;
      add(at, async () => {
        const moved = await moveItem(by, state.id, { toStageId: stageIds[to]!, expectedVersion: state.version });
        state.version = moved.version;
      });
    }
    // Work in progress: the first criterion of the current stage is met, the rest is not.
    const age = seedNow - at;
    const here = criteria.get(item.stage)!;
    if (here.length > 1) {
      add(at + age * 0.3, async () => {
        await setItemCriterion(worker(item.stage), state.id, here[0]!, { done: true });
      });
    }
    if (item.blocked) {
      const reason = item.blocked;
      add(at + age * 0.5, async () => {
        const blocked = await setItemBlocked(worker(item.stage), state.id, { expectedVersion: state.version, reason });
        state.version = blocked.version;
      });
    }
  }
  more?.({ service, add, tagged: (tag) => times.get(tag) ?? [] });
  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const step of steps) await atTime(new Date(step.at), step.run);

  // The service's levels, costs and MRI are today's records (after the items' past).
  await seedServiceLevels(sm, people, service, spec);
  if (spec.key === MOBILE.key) await seedStories(people, service);
  return service;
}

async function seedServiceLevels(sm: UserActor, people: People, service: SeededService, spec: DemoService) {
  const serviceId = service.id;
  await cmd(sm, async (tx, emit) => {
    await tx.service.update({
      where: { id: serviceId },
      data: {
        rpoMinutes: spec.rpoMinutes,
        rtoMinutes: spec.rtoMinutes,
        plannedMonthlyCost: spec.plannedMonthlyCost,
        version: { increment: 1 },
      },
    });
    const levels = [
      { kind: "SLA" as const, name: "Availability", target: 99.9, unit: "%", higherIsBetter: true },
      { kind: "SLA" as const, name: "Incident response", target: 30, unit: "minutes", higherIsBetter: false },
      { kind: "OLA" as const, name: "Alert acknowledged by operations", target: 10, unit: "minutes", higherIsBetter: false },
      { kind: "OLA" as const, name: "P1 defect fixed by development", target: 8, unit: "hours", higherIsBetter: false },
    ];
    const ids: string[] = [];
    for (const l of levels) ids.push((await tx.serviceLevel.create({ data: { serviceId, ...l }, select: { id: true } })).id);
    emit(serviceId, "service.levels.set", {
      rpoMinutes: spec.rpoMinutes,
      rtoMinutes: spec.rtoMinutes,
      plannedMonthlyCost: spec.plannedMonthlyCost,
      serviceLevelIds: ids,
    });
  });

  // Operating cost: a year — the last eleven months planned and actual, this month planned only.
  await cmd(sm, async (tx, emit) => {
    const now = new Date();
    for (let back = 11; back >= 0; back--) {
      const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
      const planned = spec.plannedMonthlyCost;
      const actual = back === 0 ? null : Math.round(planned * (0.9 + ((back * 7) % 5) * 0.05));
      await tx.operatingCost.create({ data: { serviceId, month, planned, actual } });
      emit(serviceId, "cost.recorded", { month: month.toISOString(), planned, actual });
    }
  });

  // Minimum required information: complete for the mature service, partial for the young one.
  await cmd(sm, async (tx, emit) => {
    const kinds = Object.keys(MRI).filter((k) => spec.key === MOBILE.key || ["RF", "RQ", "SLR", "SLA", "OLA"].includes(k));
    for (const kind of kinds) {
      // Kept by the Service Master or the reliability engineer; the service design package was
      // last reviewed four months ago with a 90-day interval: stale, a problem on the wall.
      const ownerId = ["SLR", "SLA", "OLA", "SDP", "SLP"].includes(kind) ? people.reliability!.userId : sm.userId;
      const reviewedAt = kind === "SDP" && spec.key === MOBILE.key ? new Date(Date.now() - 120 * DAY) : new Date();
      const entry = await tx.mriEntry.create({
        data: { serviceId, kind: kind as never, content: MRI[kind]!, ownerId, reviewedAt, reviewIntervalDays: 90 },
        select: { id: true, version: true },
      });
      emit(serviceId, "mri.updated", { entryId: entry.id, kind, version: entry.version });
    }
  });

  if (spec.key === MOBILE.key) {
    // Last week's breach of the availability SLA, resolved: the service wall has history to show.
    await cmd(people.reliability!, async (tx, emit) => {
      const level = await tx.serviceLevel.findFirstOrThrow({ where: { serviceId, name: "Availability" }, select: { id: true } });
      const occurredAt = new Date(Date.now() - 6 * DAY);
      const breach = await tx.serviceLevelBreach.create({
        data: {
          serviceLevelId: level.id,
          measured: 99.2,
          occurredAt,
          resolvedAt: new Date(occurredAt.getTime() + 3 * 3_600_000),
          note: "Conversion farm ran out of disk during a retail customer's catalogue import.",
        },
        select: { id: true },
      });
      emit(serviceId, "serviceLevel.breached", { serviceLevelId: level.id, breachId: breach.id, measured: 99.2, resolved: true });
    });
  }
}

async function seedStories(people: People, service: SeededService) {
  const itemId = service.tags.get("stories")?.[0];
  if (!itemId) return;
  const stories: TCreateStoryRequest[] = [
    {
      kind: "USER",
      itemId,
      title: "Shopper pays on a phone",
      asRole: "shopper on a phone",
      function: "pay for my basket in no more than three taps",
      businessReason: "mobile carts are abandoned twice as often as desktop ones",
      conditionsOfOperation: "Works on the last two versions of iOS Safari and Android Chrome.",
    },
    {
      kind: "TEST",
      itemId,
      title: "Checkout acceptance",
      serviceAcceptanceCriteria: "Checkout conversion on mobile at least equal to desktop over two weeks.",
      testCases: [
        { title: "Pay with a saved card in three taps", expected: "Order confirmed", result: "PASSED" },
        { title: "Pay on a 360 px wide screen", expected: "No horizontal scrolling", result: "FAILED" },
        { title: "Pay with the network dropping mid-way", expected: "No double charge", result: "NOT_RUN" },
      ],
    },
    {
      kind: "OPERATIONS",
      itemId,
      title: "Checkout keeps running",
      servicePriority: "P1: revenue-critical",
      continuityConditions: "Fail over to the desktop checkout if the converted one is down for more than 5 minutes.",
      sla: "99.9 % availability of the converted checkout",
      ola: "Operations acknowledge checkout alerts within 10 minutes",
    },
  ];
  for (const story of stories) await createStory(people.developer2!, story);
}

// ---------------------------------------------------------------- releases and go/no-go

/**
 * The mobile service's releases, in its past and timed against their items, as the rules want
 * them (decision record 005): each release exists before its items are pulled into Deployment,
 * the gatekeeper's GO comes before they enter it and before any deployment, and a GO while an
 * item is not done carries the reason to go anyway. 2.3 went cleanly and is in production; 2.4
 * went on with the rollback still in review, then a NO-GO stopped it for operations readiness.
 */
function planReleases(people: People, { service, add, tagged }: Timeline) {
  const devops = people.devops!;
  const gatekeeper = people.gatekeeper!;
  const evidence = ["https://ci.convertia.example/pipelines/2417", "https://wiki.convertia.example/runbooks/mobile-conversion"];
  const ids = (tag: string) => service.tags.get(tag) ?? [];
  const first = (xs: number[]) => Math.min(...xs);
  const last = (xs: number[]) => Math.max(...xs);
  const decided = new Map<string, string>(); // release name → the decision that stands
  let assess: (fail: Record<string, string>) => { criterionId: string; result: "PASS" | "FAIL"; reason: string | null }[] = () => [];

  const done = tagged("release-done");
  const next = tagged("release-next");
  if (done.length === 0 || next.length === 0) throw new Error("the mobile service needs items tagged release-done and release-next");

  // 2.3: created once its items exist; the team's own criterion added; GO when all three are done
  // in Development and before the first enters Deployment; deployed while they are in Deployment.
  const release23 = { id: "", version: 0 };
  const created23 = last(done.map((t) => t.createdAt)) + 30 * MINUTE;
  const go23 = last(done.map((t) => t.criteriaDone.development!)) + 30 * MINUTE;
  const intoDeployment23 = first(done.map((t) => t.entered.deployment!));
  const deployStart = last(done.map((t) => t.entered.deployment!)) + 2 * HOUR;
  const intoOperations23 = first(done.map((t) => t.entered.operations!));
  if (!(created23 < go23 && go23 < intoDeployment23 && deployStart + 10 * MINUTE < intoOperations23)) {
    throw new Error("release 2.3: its GO must fall after its items are done and before they enter Deployment");
  }
  add(created23, async () => {
    const r = await createRelease(devops, service.id, {
      name: "2.3",
      targetDate: new Date(deployStart).toISOString().slice(0, 10),
      pipelineStatus: "RUNNING",
      itemIds: ids("release-done"),
    });
    Object.assign(release23, { id: r.id, version: r.version });
  });
  add(created23 + MINUTE, async () => {
    await addGateCriterion(people.serviceMaster!, service.id, {
      key: "performance",
      name: "Performance",
      description: "1,000 converted pages per minute at p95 under 2 s on 4G.",
    });
    const criteria = await db.gateCriterion.findMany({
      where: { serviceId: service.id, retired: false },
      orderBy: { position: "asc" },
      select: { id: true, key: true },
    });
    assess = (fail) =>
      criteria.map((c) => ({ criterionId: c.id, result: fail[c.key] ? ("FAIL" as const) : ("PASS" as const), reason: fail[c.key] ?? null }));
  });
  add(go23, async () => {
    const d = await recordGateDecision(gatekeeper, release23.id, {
      outcome: "GO",
      assessments: assess({}),
      evidence,
      comment: "All criteria met; deploy in the Tuesday window.",
      supersedesId: null,
    });
    decided.set("2.3", d.id);
  });
  add(deployStart, async () => {
    await reportDeployment(devops, release23.id, {
      environment: "production",
      result: "SUCCESS",
      startedAt: new Date(deployStart).toISOString(),
      finishedAt: new Date(deployStart + 7 * MINUTE).toISOString(),
      commitSha: "23a7c41e9d0b5f6a8c3e2d1b0a9f8e7d6c5b4a39",
      firstCommitAt: new Date(deployStart - 3 * DAY).toISOString(),
      externalId: "mobile-release-2.3",
    });
    const r = await updateRelease(devops, release23.id, { expectedVersion: release23.version, pipelineStatus: "PASSED" });
    release23.version = r.version;
  });

  // 2.4: the gatekeeper said GO an hour before the first item was pulled into Deployment, while
  // the rollback was still in review — with the reason; a NO-GO has stood since this morning.
  const release24 = { id: "" };
  const created24 = last(next.map((t) => t.createdAt)) + 30 * MINUTE;
  const go24 = first(next.map((t) => t.entered.deployment!)) - HOUR;
  const noGo24 = Date.now() - 6 * HOUR;
  if (!(created24 < go24 && go24 < noGo24 && last(next.map((t) => t.entered.deployment!)) < noGo24)) {
    throw new Error("release 2.4: created, GO, items into Deployment, then the NO-GO");
  }
  add(created24, async () => {
    const r = await createRelease(devops, service.id, {
      name: "2.4",
      targetDate: new Date(Date.now() + 4 * DAY).toISOString().slice(0, 10),
      pipelineStatus: "RUNNING",
      itemIds: ids("release-next"),
    });
    release24.id = r.id;
  });
  add(go24, async () => {
    const d = await recordGateDecision(gatekeeper, release24.id, {
      outcome: "GO",
      assessments: assess({}),
      evidence,
      comment: "Go for the staging run and the performance test.",
      overrideReason: "The rollback's code review ends tomorrow; the performance test needs the release in Deployment now to keep the target date.",
      supersedesId: null,
    });
    decided.set("2.4", d.id);
  });
  add(noGo24, async () => {
    await recordGateDecision(gatekeeper, release24.id, {
      outcome: "NO_GO",
      assessments: assess({ "operations-readiness": "Rollback runbook missing; RTO drill not done." }),
      evidence,
      comment: "Not yet: operations cannot roll back without the runbook.",
      supersedesId: decided.get("2.4")!,
    });
  });
}

// ---------------------------------------------------------------- deployments and incidents (DORA)

/** A made-up but stable commit SHA for the n-th demo change. */
const demoSha = (n: number) => `${(0x5eed000 + n * 7919).toString(16)}`.padEnd(40, "0").slice(0, 40);

// Reported today, like the releases above (the event log's time rises with seq: the items' past
// comes first), but each deployment and incident carries its own past times, which DORA reads.
async function seedDelivery(people: People, mobile: SeededService) {
  const devops = people.devops!;
  const reliability = people.reliability!;
  const seedNow = Date.now();
  // Six weeks of production deployments from the pipeline, about two a week at 10:00, each with
  // its change's first commit (lead times from hours to two days); one failed; one to staging.
  const leadHours = [20, 30, 6, 50, 12, 26, 8, 40, 16, 22, 4, 34];
  const deployed: { id: string; finishedAt: number; sha: string }[] = [];
  for (const [n, lead] of leadHours.entries()) {
    const day = dayStartUtc(seedNow - (41 - n * 3.4) * DAY);
    const finishedAt = day + 10 * HOUR + 12 * MINUTE;
    const sha = demoSha(n);
    const report = async () => {
      const body = {
        environment: "production",
        result: n === 4 ? ("FAILURE" as const) : ("SUCCESS" as const),
        startedAt: new Date(finishedAt - 12 * MINUTE).toISOString(),
        finishedAt: new Date(finishedAt).toISOString(),
        commitSha: sha,
        firstCommitAt: new Date(finishedAt - lead * HOUR).toISOString(),
        externalId: `mobile-pipeline-${1800 + n}`,
      };
      // Most through Obeya's pipeline API; one pipeline still posts DevLake's payload unchanged.
      if (n === 7) {
        const r = await intakeDevLakeDeployment(devops, mobile.id, {
          id: body.externalId,
          result: body.result,
          environment: "PRODUCTION",
          startedDate: body.startedAt,
          finishedDate: body.finishedAt,
          deploymentCommits: [{ repoUrl: "https://git.convertia.example/mobile/converter", commitSha: sha, commitAuthoredDate: body.firstCommitAt }],
        });
        return r.id!;
      }
      return (await reportServiceDeployment(devops, mobile.id, body)).id;
    };
    const id = await report();
    deployed.push({ id, finishedAt, sha });
  }
  const staging = deployed[9]!.finishedAt - 3 * HOUR;
  await reportServiceDeployment(devops, mobile.id, {
      environment: "staging",
      result: "SUCCESS",
      startedAt: new Date(staging - 9 * MINUTE).toISOString(),
      finishedAt: new Date(staging).toISOString(),
      commitSha: deployed[9]!.sha,
  });

  // Three incidents, each linked differently, each resolved.
  const open = async (body: Parameters<typeof reportIncident>[2]) => reportIncident(reliability, mobile.id, body);
  const resolve = async (id: string, at: number) => resolveIncident(reliability, id, { resolvedAt: new Date(at).toISOString() });
  // 1. Conversions time out after a deployment: the monitoring names the commit.
  const a = deployed[5]!;
  const timeouts = await open({
    key: "INC-311",
    title: "Conversions time out for large product pages",
    severity: "SEV2",
    openedAt: new Date(a.finishedAt + HOUR).toISOString(),
    commitSha: a.sha.slice(0, 8),
  });
  // The fix is an unplanned deployment made because of it (rework), 2.5 hours later.
  const fixAt = a.finishedAt + 3.5 * HOUR;
  await reportServiceDeployment(devops, mobile.id, {
    environment: "production",
    result: "SUCCESS",
    startedAt: new Date(fixAt - 8 * MINUTE).toISOString(),
    finishedAt: new Date(fixAt).toISOString(),
    commitSha: demoSha(99),
    firstCommitAt: new Date(a.finishedAt + 1.5 * HOUR).toISOString(),
    externalId: "mobile-pipeline-hotfix-311",
    fixesIncident: "INC-311",
  });
  await resolve(timeouts.id, fixAt + 15 * MINUTE);
  // 2. Customer service reports broken layouts; nobody knows the change: the last deployment within 24 h.
  const b = deployed[9]!;
  const layouts = await open({
    key: "INC-318",
    title: "Converted pages lose their layout on small phones",
    severity: "SEV3",
    openedAt: new Date(b.finishedAt + 5 * HOUR).toISOString(),
  });
  await resolve(layouts.id, b.finishedAt + 31 * HOUR);
  // 3. The pager names the deployment; recovered in 40 minutes by rolling back.
  const c = deployed[11]!;
  const outage = await open({
    key: "INC-324",
    title: "Conversion API answers 502 for a third of requests",
    severity: "SEV1",
    openedAt: new Date(c.finishedAt + 20 * MINUTE).toISOString(),
    deploymentId: "mobile-pipeline-1811",
  });
  await resolve(outage.id, c.finishedAt + 60 * MINUTE);
}

const dayStartUtc = (t: number) => t - (t % DAY);

// ---------------------------------------------------------------- requests for change

async function seedChangeRequests(people: People, mobile: SeededService, portal: SeededService) {
  const sm = people.serviceMaster!;
  const re = people.reliability!;

  // Approved with both keys: decideRfc put it on the backlog as an item. Operations raised it:
  // the two who approve a change are never the one who asked for it.
  const approved = await raiseRfc(people.operations!, mobile.id, {
    kind: "MAINTENANCE",
    title: "Move the conversion farm to Chromium 156",
    what: "Upgrade the headless browsers that render converted pages.",
    why: "The current version loses security support next month.",
    source: "MAINTENANCE",
    impact: "All conversions re-rendered once; visual regression run required.",
    risk: "MEDIUM",
    urgency: "HIGH",
  });
  await decideRfc(sm, approved.id, { decision: "APPROVE", role: "SERVICE_MASTER" });
  await decideRfc(re, approved.id, { decision: "APPROVE", role: "RELIABILITY_ENGINEER" });

  // Waiting for the reliability engineer's key: the change wall shows it as pending.
  const pending = await raiseRfc(people.operations!, mobile.id, {
    kind: "RFC",
    title: "Alert when the conversion queue is older than 15 minutes",
    what: "Add a queue-age alert routed to the operations rota.",
    why: "Last week's SLA breach was seen by a customer before we saw it.",
    source: "MONITORING",
    impact: "New alert; no customer-visible change.",
    risk: "LOW",
    urgency: "HIGH",
  });
  await decideRfc(sm, pending.id, { decision: "APPROVE", role: "SERVICE_MASTER" });

  // Rejected by the Service Master, with the reason.
  const rejected = await raiseRfc(people.developer1!, mobile.id, {
    kind: "RFC",
    title: "Rewrite the converter in a new language",
    what: "Replace the converter engine.",
    why: "The team would like to try a new stack.",
    source: "OTHER",
    impact: "Months of work, no customer benefit stated.",
    risk: "HIGH",
    urgency: "LOW",
  });
  await decideRfc(sm, rejected.id, {
    decision: "REJECT",
    role: "SERVICE_MASTER",
    reason: "No business value stated; bring data on what it would improve.",
  });

  // The portal: a customer-service RfC nobody has decided yet.
  await raiseRfc(re, portal.id, {
    kind: "RFC",
    title: "Let customers download their invoices",
    what: "An invoices page in the portal with PDF downloads.",
    why: "Twelve support tickets last month asked for invoice copies.",
    source: "CUSTOMER_SERVICE",
    impact: "New page; billing system read access.",
    risk: "LOW",
    urgency: "MEDIUM",
  });
}

// ---------------------------------------------------------------- andon and Kaizen
// Every step through the Kaizen services (the roles that own each step take it), then the
// dates moved back so the sheets read as months of work: problems in every PDCA state, five
// whys, owned countermeasures (one overdue), a few months of weekly KPI values, a second PDCA
// cycle, a closed problem with its new standard, and Kaizen-in-advance proposals open (one
// unanswered too long), accepted and declined.

/** YYYY-MM-DD of the Monday (UTC) `weeksBack` weeks before this week's. */
function mondayUtc(weeksBack: number): string {
  const now = new Date();
  const day = (now.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day - 7 * weeksBack)).toISOString().slice(0, 10);
}

/** YYYY-MM-DD `days` from today (negative: in the past). */
const dayFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

type KaizenPlan = {
  owner: UserActor;
  openedDaysAgo: number;
  whys: string[];
  hypothesis: string;
  kpi: { name: string; unit: string; higherIsBetter: boolean; baseline: number; target: number };
  countermeasures: { description: string; owner: UserActor; dueInDays: number; done?: boolean }[];
  /** weekly values, oldest first, the last one this week */
  kpiValues: number[];
  /** the PDCA moves, each by the role that owns it, `daysAgo` as the history shows it */
  walk: { to: "PLAN" | "DO" | "CHECK" | "ACT" | "CLOSED"; by: UserActor; daysAgo: number; note?: string; standard?: string }[];
};

const problemVersion = async (id: string) => (await db.problem.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

/** The plan, countermeasures, KPI values and PDCA walk of one problem, through the services. */
async function runKaizen(problemId: string, definition: string, k: KaizenPlan) {
  await updateProblem(k.owner, problemId, { version: await problemVersion(problemId), definition, whys: k.whys, hypothesis: k.hypothesis, kpi: k.kpi });
  for (const c of k.countermeasures) {
    const cm = await addCountermeasure(k.owner, problemId, { description: c.description, ownerId: c.owner.userId, dueDate: dayFromToday(c.dueInDays) });
    // The owner marks their own countermeasure done.
    if (c.done) await updateCountermeasure(c.owner, cm.id, { version: 1, done: true });
  }
  for (const [i, value] of k.kpiValues.entries()) {
    await recordKpiValue(k.owner, problemId, { week: mondayUtc(k.kpiValues.length - 1 - i), value });
  }
  for (const step of k.walk) {
    await movePdca(step.by, problemId, { version: await problemVersion(problemId), to: step.to, note: step.note, standard: step.standard });
    const last = await db.pdcaTransition.findFirstOrThrow({ where: { problemId }, orderBy: { at: "desc" }, select: { id: true } });
    await db.pdcaTransition.update({ where: { id: last.id }, data: { at: new Date(Date.now() - step.daysAgo * DAY) } });
  }
  const closed = k.walk.at(-1)?.to === "CLOSED" ? { closedAt: new Date(Date.now() - k.walk.at(-1)!.daysAgo * DAY) } : {};
  await db.problem.update({ where: { id: problemId }, data: { createdAt: new Date(Date.now() - k.openedDaysAgo * DAY), ...closed } });
}

/** A problem found in the data or by hand (not by an andon), then its Kaizen. */
async function openProblem(
  by: UserActor,
  serviceId: string,
  p: { stageId: string | null; source: "DATA" | "MANUAL"; title: string; definition: string },
  k: KaizenPlan,
) {
  const problem = await cmd(by, (tx, emit) =>
    openProblemInTx(tx, emit, { serviceId, stageId: p.stageId, source: p.source, title: p.title, definition: p.definition, ownerId: k.owner.userId }),
  );
  await runKaizen(problem.id, p.definition, k);
  return problem.id;
}

/** Stops the line (pullAndon opens its problem), then the team's Kaizen on that problem. */
async function andonWithKaizen(
  by: UserActor,
  serviceId: string,
  pull: { stageId?: string; itemId?: string; reason: string },
  definition: string,
  k: KaizenPlan & { title: string; release?: { by: UserActor; countermeasure: string } },
) {
  const andon = await pullAndon(by, serviceId, pull);
  await updateProblem(by, andon.problemId!, { version: await problemVersion(andon.problemId!), title: k.title, ownerId: k.owner.userId });
  // The countermeasure taken on the spot releases the andon; the problem stays open until its PDCA closes.
  if (k.release) await releaseAndon(k.release.by, andon.id, { countermeasure: k.release.countermeasure });
  await runKaizen(andon.problemId!, definition, k);
  return andon;
}

async function seedKaizen(people: People, mobile: SeededService, portal: SeededService) {
  const pm = people.processMaster!;
  const s = mobile.stageIds;

  // Do: a failing visual regression stops the line at deployment; one countermeasure is overdue.
  const visual = await andonWithKaizen(
    people.devops!,
    mobile.id,
    {
      itemId: mobile.itemIds.get("Performance test: 1,000 converted pages per minute")!,
      reason: "Visual regression failing on small screens: stop before it reaches customers.",
    },
    "12 of 240 reference pages overflow horizontally on 360 px wide screens since build 2417.",
    {
      title: "Pages overflow on small screens since build 2417",
      owner: people.developer2!,
      openedDaysAgo: 9,
      hypothesis: "The new navigation generator sets a fixed min-width on the menu bar.",
      kpi: { name: "Pages failing visual regression", unit: "pages", higherIsBetter: false, baseline: 12, target: 0 },
      whys: [
        "Why do pages overflow? The menu bar is wider than the viewport.",
        "Why is it wider? The generator sets min-width: 400px.",
        "Why 400px? It was copied from the desktop layout.",
        "Why was it not caught earlier? The device list in CI starts at 375 px.",
        "Why does it start at 375 px? Nobody owns the device list.",
      ],
      countermeasures: [
        { description: "Remove the fixed min-width; use the container width.", owner: people.developer2!, dueInDays: 1 },
        { description: "Add 320 and 360 px devices to the CI device list; the Process Master owns it.", owner: pm, dueInDays: -3 },
      ],
      kpiValues: [0, 0, 12, 7],
      walk: [{ to: "DO", by: people.developer2!, daysAgo: 6 }],
    },
  );

  // Closed: render nodes out of disk. Released on the spot, then a full PDCA with the new standard.
  await andonWithKaizen(
    people.operations!,
    mobile.id,
    { stageId: s.operations!, reason: "Render nodes out of disk: conversions are queueing." },
    "Availability fell to 99.2 % for three hours; conversions queued for 2 h 40 min.",
    {
      title: "Render nodes ran out of disk",
      owner: people.operations!, // from the operations pool, assigned to the team
      release: { by: people.operations!, countermeasure: "Temporary files deleted by hand; a second render node added." },
      openedDaysAgo: 75,
      hypothesis: "Temporary render files are never cleaned up after large imports.",
      kpi: { name: "Free disk on render nodes", unit: "%", higherIsBetter: true, baseline: 12, target: 30 },
      whys: [
        "Why did availability fall? Render nodes ran out of disk.",
        "Why did they run out? Temporary files of a 40,000-product import were kept.",
        "Why were they kept? The render job deletes them only when it succeeds.",
        "Why only then? Clean-up was written as the job's last step, not as a finally.",
        "Why was nobody warned? Disk usage on render nodes was not monitored.",
      ],
      countermeasures: [
        { description: "Delete temporary render files after every job, failed ones included.", owner: people.developer1!, dueInDays: -60, done: true },
        { description: "Alert at 80 % disk usage on every render node.", owner: people.operations!, dueInDays: -62, done: true },
      ],
      kpiValues: [14, 11, 9, 38, 47, 52, 55, 53, 57, 58],
      walk: [
        { to: "DO", by: people.operations!, daysAgo: 70 },
        { to: "CHECK", by: people.operations!, daysAgo: 55 },
        { to: "ACT", by: pm, daysAgo: 30, note: "Above 30 % free for five weeks running." },
        {
          to: "CLOSED",
          by: pm,
          daysAgo: 28,
          standard: "Every render job deletes its temporary files, failed or not; disk alerts at 80 % on every render node.",
        },
      ],
    },
  );

  // Check, second cycle: the case's own bottleneck, the business process, found in the data.
  await openProblem(
    pm,
    mobile.id,
    {
      stageId: s.marketing!,
      source: "DATA",
      title: "Lead time from order to first converted page is 19 days",
      definition:
        "Development takes 4 days, yet order-to-first-page lead time averaged 19 days over the last quarter; 11 days are waiting between sales, administration and planning.",
    },
    {
      owner: pm,
      openedDaysAgo: 86,
      hypothesis: "Weekly synchronisation and one-piece flow between sales and planning will halve the waiting time.",
      kpi: { name: "Order-to-first-page lead time", unit: "days", higherIsBetter: false, baseline: 19, target: 8 },
      whys: [
        "Why 19 days? Orders wait 11 days before planning starts.",
        "Why do they wait? Sales hands over orders in a monthly batch.",
        "Why monthly? Sales targets are counted per month.",
        "Why does that matter to planning? Planning only sees orders after the batch.",
        "Why? There was no shared view of the whole process.",
      ],
      countermeasures: [
        { description: "Put every order on the Obeya the day it is signed.", owner: people.serviceMaster!, dueInDays: -70, done: true },
        { description: "Weekly synchronisation of sales, development and operations.", owner: pm, dueInDays: -63, done: true },
        { description: "Limit orders in planning to 4 at a time (second cycle).", owner: pm, dueInDays: -20, done: true },
      ],
      kpiValues: [21, 19, 20, 19, 17, 16, 14, 14, 13, 12, 11, 11],
      walk: [
        { to: "DO", by: pm, daysAgo: 80 },
        { to: "CHECK", by: pm, daysAgo: 50 },
        { to: "PLAN", by: pm, daysAgo: 45, note: "Waiting fell from 11 to 7 days, not to the target: planning still batches. Next cycle: a WIP limit in planning." },
        { to: "DO", by: pm, daysAgo: 42 },
        { to: "CHECK", by: pm, daysAgo: 4 },
      ],
    },
  );

  // Act: the KPI confirmed the countermeasures; the team writes the new standard next.
  await openProblem(
    pm,
    mobile.id,
    {
      stageId: s.deployment!,
      source: "MANUAL",
      title: "Releases wait two days for the weekly deployment window",
      definition: "From GO to production took 50 hours on average over eight releases: every release waited for Thursday evening.",
    },
    {
      owner: people.devops!,
      openedDaysAgo: 72,
      hypothesis: "Deploying through the pipeline as soon as the gatekeeper says GO removes the wait without more risk.",
      kpi: { name: "Hours from GO to production", unit: "h", higherIsBetter: false, baseline: 50, target: 4 },
      whys: [
        "Why 50 hours? Releases wait for the Thursday deployment window.",
        "Why a window? Deployments used to need three people online.",
        "Why three people? Database migrations were run by hand.",
        "Why by hand? The pipeline could not roll a migration back.",
        "Why not? Nobody owned the pipeline until the DevOps engineer joined.",
      ],
      countermeasures: [
        { description: "Migrations with an automatic rollback step in the pipeline.", owner: people.devops!, dueInDays: -50, done: true },
        { description: "The gatekeeper's GO in the Obeya starts the production deployment.", owner: people.gatekeeper!, dueInDays: -40, done: true },
      ],
      kpiValues: [52, 49, 50, 30, 12, 6, 3.5, 3, 2.5, 3],
      walk: [
        { to: "DO", by: people.devops!, daysAgo: 65 },
        { to: "CHECK", by: people.devops!, daysAgo: 38 },
        { to: "ACT", by: pm, daysAgo: 2, note: "Under four hours for four weeks running." },
      ],
    },
  );

  // Plan: the portal's problem, raised by hand in development, still being analysed.
  await openProblem(
    pm,
    portal.id,
    {
      stageId: portal.stageIds.development!,
      source: "MANUAL",
      title: "Half of the portal's stories come back from test",
      definition: "6 of the last 12 portal stories were sent back from deployment to development.",
    },
    {
      owner: people.developer1!,
      openedDaysAgo: 12,
      hypothesis: "Test stories are written after development instead of before.",
      kpi: { name: "Stories sent back from deployment", unit: "per week", higherIsBetter: false, baseline: 3, target: 0 },
      whys: ["Why are stories sent back? Acceptance criteria were not known to developers."],
      countermeasures: [{ description: "Write the test story in Requirements & design, before development.", owner: pm, dueInDays: 5 }],
      kpiValues: [3, 3],
      walk: [],
    },
  );

  // Kaizen in advance: downstream proposes to upstream; upstream answers.
  const propose = async (by: UserActor, from: string, to: string, problem: string, proposal: string, expectedEffect: string, daysAgo = 0) => {
    const { id } = await proposeKaizen(by, mobile.id, { fromStageId: from, toStageId: to, problem, proposal, expectedEffect });
    if (daysAgo) await db.kaizenProposal.update({ where: { id }, data: { createdAt: new Date(Date.now() - daysAgo * DAY) } });
    return id;
  };
  // Open, young.
  await propose(
    people.operations!,
    s.operations!,
    s.development!,
    "Converted sites have no health endpoint, so monitoring can only check the home page.",
    "Generate a /health page in every converted site from the converter itself.",
    "Monitoring sees a broken conversion within a minute instead of at the customer's call.",
    1,
  );
  // Open for eight days: past the threshold, a problem on the Deployment stage.
  await propose(
    people.operations!,
    s.operations!,
    s.deployment!,
    "Production deployments at 17:30 leave problems to the night shift.",
    "Deploy before 15:00 so the people who deployed are there when the first problems appear.",
    "Incidents after a deployment handled by the team that knows the change.",
    8,
  );
  // Accepted: it became a countermeasure on the visual-regression problem.
  const accepted = await propose(
    people.devops!,
    s.deployment!,
    s.development!,
    "Layout defects on small screens reach the deployment stage before anyone sees them.",
    "Run the visual regression on 320 and 360 px in development's own CI build.",
    "Layout defects found within ten minutes of the commit, not at deployment.",
    5,
  );
  await answerProposal(people.developer1!, accepted, {
    version: 1,
    decision: "ACCEPT",
    reason: "Agreed: the small-screen check moves into the 10-minute build.",
    becomes: { kind: "COUNTERMEASURE", problemId: visual.problemId!, ownerId: people.developer1!.userId, dueDate: dayFromToday(4) },
  });
  // Accepted as is, and declined with a reason.
  const template = await propose(
    people.devops!,
    s.deployment!,
    s.requirements!,
    "Performance expectations arrive at deployment as surprises.",
    "State the expected pages per minute in each test story.",
    "Performance tests written before development, no surprise at the gate.",
    20,
  );
  await answerProposal(people.developer2!, template, { version: 1, decision: "ACCEPT", reason: "Agreed: added to the test story template." });
  const declined = await propose(
    people.reliability!,
    s["customer-service"]!,
    s.marketing!,
    "Customers are promised a converted site in three days; the lead time is still two weeks.",
    "Stop promising a delivery date in the sales offer.",
    "Fewer complaints about late sites.",
    15,
  );
  await answerProposal(people.serviceMaster!, declined, {
    version: 1,
    decision: "DECLINE",
    reason: "Customers buy on the date: we promise ten days until the lead-time problem is solved, not none.",
  });
}

async function seedComments(people: People, mobile: SeededService) {
  const itemId = mobile.itemIds.get("Lazy loading of product galleries");
  if (!itemId) return;
  await commentOnItem(people.developer1!, itemId, { body: "Asked the customer for CDN credentials on Monday; reminder sent today." });
  await commentOnItem(people.serviceMaster!, itemId, { body: "I'll call their IT lead tomorrow morning." });
}
