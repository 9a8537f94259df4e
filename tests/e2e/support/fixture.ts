// Creates the e2e suite's people and services in a freshly migrated database, through the same
// service functions the app uses. Run by prepare-db.mjs with tsx, before the server starts.
import "../../../src/server/realtime/register-server-only";
import type { Actor } from "@/domain/permissions";
import type { Role } from "@/domain/roles";
import { DEFAULT_STAGES } from "@/domain/stages";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db";
import { loadUserActor } from "@/server/services/actors/load-user-actor";
import { createService } from "@/server/services/services/create-service";
import { createTeam } from "@/server/services/teams/create-team";
import { assignPool } from "@/server/services/teams/set-org-layout";
import { setMemberRoles } from "@/server/services/teams/set-member-roles";
import { createUser } from "@/server/services/users/create-user";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { isoWeekStart } from "@/domain/kaizen/weeks";
import { proposeKaizen } from "@/server/services/kaizen-proposals/propose-kaizen";
import { addCountermeasure } from "@/server/services/problems/add-countermeasure";
import { openProblem } from "@/server/services/problems/open-problem";
import { recordKpiValue } from "@/server/services/problems/record-kpi-value";
import { updateProblem } from "@/server/services/problems/update-problem";
import { decideEndOfLife } from "@/server/services/service-wall/decide-end-of-life";
import { putMriEntry } from "@/server/services/service-wall/mri-commands";
import { pullAndon } from "@/server/services/andon/pull-andon";
import {
  DND_SERVICE,
  E2E_PASSWORD,
  E2E_USERS,
  FLOW_SERVICE,
  HIDDEN_SERVICE,
  KAIZEN_OVERDUE_PROBLEM,
  KAIZEN_PROBLEM,
  KAIZEN_SERVICE,
  METRICS_SERVICE,
  PORTFOLIO_GREEN,
  PORTFOLIO_RED,
  PORTFOLIO_UNSEEN,
  WEEKLY_SERVICE,
  RETIRED_SERVICE,
  SERVICE_WALL_SERVICE,
  TV_WORDS_SERVICE,
  WEBHOOK_SERVICE,
} from "./accounts";

async function main() {
  // The first admin cannot be created by an admin: the one bootstrap write, as in the seed.
  const org = await db.organization.create({ data: { name: "E2E Org" }, select: { id: true } });
  const adminRow = await db.user.create({
    data: { ...E2E_USERS.admin, isAdmin: true, passwordHash: await hashPassword(E2E_PASSWORD) },
    select: { id: true },
  });
  const admin = (await loadUserActor(adminRow.id)) as Actor;

  const flowTeam = await createTeam(admin, { orgId: org.id, name: "E2E Flow Team" });
  const otherTeam = await createTeam(admin, { orgId: org.id, name: "E2E Other Team" });

  const members: Array<[keyof typeof E2E_USERS, Role[]]> = [
    ["alice", ["DEVELOPER"]],
    ["bob", ["DEVELOPER"]],
    ["viewer", ["VIEWER"]],
    ["leaver", ["DEVELOPER"]],
    ["outsider", []],
  ];
  const serviceTeam = await createTeam(admin, { orgId: org.id, name: "E2E Service Team" });
  for (const [key, roles] of members) {
    const { user } = await createUser(admin, { ...E2E_USERS[key], password: E2E_PASSWORD });
    if (roles.length > 0) await setMemberRoles(admin, flowTeam.id, { userId: user.id, roles });
  }

  // The default stages and WIP limits, without done-criteria: these specs move fresh cards
  // straight to later stages (a spec about JKK ticks or adds the criteria it needs).
  const stages = DEFAULT_STAGES.map((st) => ({ ...st, doneCriteria: [] }));
  await createService(admin, { teamId: flowTeam.id, ...FLOW_SERVICE, description: "Where the e2e tests move cards.", stages });
  await createService(admin, { teamId: otherTeam.id, ...HIDDEN_SERVICE });
  // Drag and drop: leaving Analysis needs its criteria (JKK); Build holds one item (WIP limit);
  // Archive gets a long (virtualised) column.
  await createService(admin, {
    teamId: flowTeam.id,
    ...DND_SERVICE,
    description: "Where wall-dnd.spec.ts drags cards.",
    stages: [
      { key: "intake", name: "Intake", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
      { key: "analysis", name: "Analysis", wipLimit: null, ageThresholdHours: null, doneCriteria: ["Acceptance criteria written", "Risks assessed"] },
      { key: "build", name: "Build", wipLimit: 1, ageThresholdHours: null, doneCriteria: [] },
      { key: "release", name: "Release", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
      // Filled past the virtualisation threshold by one spec; the others leave it alone.
      { key: "archive", name: "Archive", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
    ],
  });
  await metricsHistory(admin, flowTeam.id);
  // The service wall: Sam decides the end of life, Otto watches; one MRI entry to edit; a
  // retired service (Retiring, then Retired) whose walls offer nothing but reading.
  for (const [key, role] of [["sam", "SERVICE_MASTER"], ["otto", "OPERATIONS"]] as const) {
    const { user } = await createUser(admin, { ...E2E_USERS[key], password: E2E_PASSWORD });
    await setMemberRoles(admin, serviceTeam.id, { userId: user.id, roles: [role] });
  }
  const wallService = await createService(admin, { teamId: serviceTeam.id, ...SERVICE_WALL_SERVICE, description: "Where service-wall.spec.ts decides an end of life." });
  await putMriEntry(admin, wallService.id, "RF", { content: "Convert a desktop shop into a mobile site.", reviewIntervalDays: 90 });
  const retired = await createService(admin, { teamId: serviceTeam.id, ...RETIRED_SERVICE, description: "Retired: read-only." });
  await putMriEntry(admin, retired.id, "RF", { content: "Served desktop customers until its end of life.", reviewIntervalDays: 90 });
  const eol = { conditions: "", plan: "Customers moved to E2E Service Wall." };
  const w1 = await decideEndOfLife(admin, retired.id, { decision: "RETIRE", date: new Date().toISOString(), ...eol, expectedVersion: (await db.service.findUniqueOrThrow({ where: { id: retired.id }, select: { version: true } })).version });
  await decideEndOfLife(admin, retired.id, { decision: "RETIRED", ...eol, expectedVersion: w1.version! });
  // Outbound webhooks: Sam's service, no webhook yet (webhooks.spec.ts adds one).
  await createService(admin, {
    teamId: serviceTeam.id,
    ...WEBHOOK_SERVICE,
    description: "Where webhooks.spec.ts sends events out.",
    stages: [
      { key: "build", name: "Build", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
      { key: "deploy", name: "Deploy", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
    ],
  });
  // The TV at 1280 px: the default stages and a long-titled card in some of them.
  const tvWords = await createService(admin, {
    teamId: flowTeam.id,
    key: TV_WORDS_SERVICE.key,
    name: TV_WORDS_SERVICE.name,
    description: "Where site-basics.spec.ts reads a TV.",
    stages,
  });
  for (const [stageKey, title] of Object.entries(TV_WORDS_SERVICE.cards)) {
    await createItem(admin, tvWords.id, { title, stageId: tvWords.stageIds[DEFAULT_STAGES.findIndex((st) => st.key === stageKey)]! });
  }
  await kaizenTeam(admin, org.id);
  await portfolio(admin, org.id);
  console.log("e2e fixture ready");
}

/** kaizen.spec.ts's own team and service (see KAIZEN_SERVICE). */
async function kaizenTeam(admin: Actor, orgId: string) {
  const team = await createTeam(admin, { orgId, name: "E2E Kaizen Team" });
  const people: Record<"pia" | "ken" | "ola", Actor> = {} as never;
  for (const [key, role] of [["pia", "PROCESS_MASTER"], ["ken", "DEVELOPER"], ["ola", "OPERATIONS"]] as const) {
    const { user } = await createUser(admin, { ...E2E_USERS[key], password: E2E_PASSWORD });
    await setMemberRoles(admin, team.id, { userId: user.id, roles: [role] });
    people[key] = (await loadUserActor(user.id))!;
  }
  const userId = (a: Actor) => (a.kind === "user" ? a.userId : "");
  const s = await createService(admin, {
    teamId: team.id,
    ...KAIZEN_SERVICE,
    description: "Where kaizen.spec.ts walks a problem through PDCA.",
    stages: [
      { key: "requirements", name: "Requirements", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
      { key: "development", name: "Development", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
      { key: "operations", name: "Operations", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
    ],
  });
  const [, dev, ops] = s.stageIds;
  const version = async (id: string) => (await db.problem.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
  const { ken, ola } = people;
  const planned = await openProblem(ola, s.id, { title: KAIZEN_PROBLEM, definition: "8 of 10 deploys last month waited more than a day for a manual approval.", stageId: dev });
  await updateProblem(ola, planned.id, {
    version: await version(planned.id),
    whys: ["Why do deploys wait? A manager approves each one by hand.", "Why by hand? The pipeline has no automated acceptance tests."],
    hypothesis: "Automated acceptance tests let the pipeline approve routine deploys.",
    kpi: { name: "Hours from merge to production", unit: "h", higherIsBetter: false, baseline: 26, target: 4 },
  });
  await addCountermeasure(ola, planned.id, { description: "Acceptance tests for the checkout in the pipeline", ownerId: userId(ola), dueDate: "2099-01-05" });
  const week = isoWeekStart(new Date());
  for (const w of [new Date(week.getTime() - 7 * 86_400_000), week]) {
    await recordKpiValue(ola, planned.id, { week: w.toISOString().slice(0, 10), value: 3 });
  }
  const late = await openProblem(ola, s.id, { title: KAIZEN_OVERDUE_PROBLEM, stageId: ops });
  await addCountermeasure(ola, late.id, { description: "A health page in every converted site", ownerId: userId(ken), dueDate: "2026-01-05" });
  const proposal = await proposeKaizen(ola, s.id, {
    fromStageId: ops!,
    toStageId: dev!,
    problem: "Converted sites have no health endpoint.",
    proposal: "Generate a /health page in every converted site.",
    expectedEffect: "Monitoring sees a broken conversion within a minute.",
  });
  await db.kaizenProposal.update({ where: { id: proposal.id }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000) } });
  // weekly.spec.ts's service: the same team, nothing on it yet (the spec opens its problem).
  await createService(admin, {
    teamId: team.id,
    ...WEEKLY_SERVICE,
    description: "Where weekly.spec.ts holds a weekly meeting.",
    stages: [
      { key: "development", name: "Development", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
      { key: "operations", name: "Operations", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
    ],
  });
}

/**
 * The metrics wall's known history, written through the services and then dated (the log's
 * times set to chosen days, as if it had happened then). D = 00:00 UTC five days ago:
 * "Shipped" Backlog D → Requirements D+1 → Development D+2 → Operations D+4 (lead time 3 days);
 * "Open" Backlog D → Requirements D+1 → Development D+3 (still there: WIP 1).
 */
async function metricsHistory(admin: Actor, teamId: string) {
  const s = await createService(admin, {
    teamId,
    ...METRICS_SERVICE,
    description: "Where metrics.spec.ts reads numbers.",
    stages: [
      { key: "backlog", name: "Backlog", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
      { key: "requirements", name: "Requirements", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
      { key: "development", name: "Development", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
      { key: "operations", name: "Operations", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
    ],
  });
  const [backlog, req, dev, ops] = s.stageIds;
  const DAY = 86_400_000;
  const d = Math.floor(Date.now() / DAY) * DAY - 5 * DAY;
  const when = new Map<string, number>(); // "itemId>stageId" → the time it entered the stage
  const walk = async (title: string, path: [string, number][]) => {
    let item = await createItem(admin, s.id, { title, stageId: backlog });
    when.set(`${item.id}>${backlog}`, d);
    for (const [stageId, day] of path) {
      item = await moveItem(admin, item.id, { toStageId: stageId, expectedVersion: item.version });
      when.set(`${item.id}>${stageId}`, d + day * DAY);
    }
  };
  await walk("Shipped", [[req!, 1], [dev!, 2], [ops!, 4]]);
  await walk("Open", [[req!, 1], [dev!, 3]]);
  const events = await db.event.findMany({ where: { serviceId: s.id, type: { in: ["item.created", "item.moved"] } }, select: { id: true, type: true, payload: true } });
  for (const e of events) {
    const p = e.payload as { item?: { id: string; stageId: string }; itemId?: string; toStageId?: string };
    const at = e.type === "item.created" ? when.get(`${p.item!.id}>${p.item!.stageId}`) : when.get(`${p.itemId}>${p.toStageId}`);
    if (at === undefined) throw new Error(`metrics history: unexpected event ${e.type}`);
    await db.event.update({ where: { id: e.id }, data: { createdAt: new Date(at) } });
  }
}

/**
 * Three teams with a two-stage service each; Petra develops in the first two. A testing pool
 * serves all three: Tess, a tester, works for each through it (Petra sees two of them).
 */
async function portfolio(admin: Actor, orgId: string) {
  const { user: petra } = await createUser(admin, { ...E2E_USERS.petra, password: E2E_PASSWORD });
  const stages = [
    { key: "build", name: "Build", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
    { key: "run", name: "Run", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
  ];
  const ids: Record<string, { id: string; stageIds: string[] }> = {};
  const pool = await createTeam(admin, { orgId, name: "E2E Testing Pool", kind: "POOL", discipline: "testing" });
  const { user: tess } = await createUser(admin, { email: "tess@e2e.test", name: "Tess Tester", password: E2E_PASSWORD });
  await setMemberRoles(admin, pool.id, { userId: tess.id, roles: ["DEVELOPER"] });
  for (const [n, service, member] of [[1, PORTFOLIO_RED, true], [2, PORTFOLIO_GREEN, true], [3, PORTFOLIO_UNSEEN, false]] as const) {
    const team = await createTeam(admin, { orgId, name: `E2E Portfolio Team ${n}` });
    await assignPool(admin, { poolTeamId: pool.id, deliveryTeamId: team.id, assigned: true });
    if (member) await setMemberRoles(admin, team.id, { userId: petra.id, roles: ["DEVELOPER"] });
    ids[service.key] = await createService(admin, { teamId: team.id, ...service, description: "Where portfolio.spec.ts looks across services.", stages });
  }
  await pullAndon(admin, ids[PORTFOLIO_RED.key]!.id, { stageId: ids[PORTFOLIO_RED.key]!.stageIds[1]!, reason: "Payments down" });
  const unseen = ids[PORTFOLIO_UNSEEN.key]!;
  for (const [i, reason] of ["Unseen outage", "Unseen smoke"].entries()) await pullAndon(admin, unseen.id, { stageId: unseen.stageIds[i]!, reason });
}

main()
  .then(() => db.$disconnect())
  .catch(async (err: unknown) => {
    console.error("e2e fixture failed:", err);
    await db.$disconnect().catch(() => {});
    process.exit(1);
  });
