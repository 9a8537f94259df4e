// Kaizen through the services on a real database: problems opened by andon, by hand and from
// data; the plan (whys, hypothesis, KPI, countermeasures); PDCA walked by the roles that own each
// step; closing with a new done-criterion that the next move out of that stage needs; Kaizen in
// advance; bad input and stale versions refused without writing anything.
import { beforeAll, describe, expect, it } from "vitest";
import { addWeeks, isoWeekStart, weekKey } from "@/domain/kaizen/weeks";
import type { Actor } from "@/domain/permissions";
import type { AppError } from "@/lib/errors";
import { resolveAccessToken } from "@/server/auth/request-actor";
import { db } from "@/server/db";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { answerProposal } from "@/server/services/kaizen-proposals/answer-proposal";
import { proposeKaizen } from "@/server/services/kaizen-proposals/propose-kaizen";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { addCountermeasure } from "@/server/services/problems/add-countermeasure";
import { detectDataProblemsFor } from "@/server/services/problems/detect-data-problems";
import { getKaizenWall } from "@/server/services/problems/get-kaizen-wall";
import { getProblemSheet } from "@/server/services/problems/get-problem-sheet";
import { movePdca } from "@/server/services/problems/move-pdca";
import { openProblem } from "@/server/services/problems/open-problem";
import { recordKpiValue } from "@/server/services/problems/record-kpi-value";
import { updateCountermeasure } from "@/server/services/problems/update-countermeasure";
import { updateProblem } from "@/server/services/problems/update-problem";
import { createService } from "@/server/services/services/create-service";
import { serviceProblemCounts } from "@/server/services/services/service-problem-counts";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { createAccessToken } from "@/server/services/tokens/create-access-token";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let pm: Actor;
let dev: Actor;
let ops: Actor;
let viewer: Actor;
let stranger: Actor;
let teamId: string;
const idOf = (a: Actor) => (a.kind === "user" ? a.userId : "");

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  pm = (await makeUser({ teamId, roles: ["PROCESS_MASTER"] })).actor;
  dev = (await makeUser({ teamId, roles: ["DEVELOPER"] })).actor;
  ops = (await makeUser({ teamId, roles: ["OPERATIONS"] })).actor;
  viewer = (await makeUser({ teamId, roles: ["VIEWER"] })).actor;
  stranger = (await makeUser({ teamId: (await makeTeam()).id, roles: ["PROCESS_MASTER"] })).actor;
});

async function newService(opts: { wipLimit?: number | null } = {}) {
  const s = await createService(master, {
    teamId,
    key: `kz-${uid()}`,
    name: "Web conversion",
    stages: [
      { key: "req", name: "Requirements" },
      { key: "dev", name: "Development", wipLimit: opts.wipLimit ?? null },
      { key: "deploy", name: "Deployment" },
    ],
  });
  return { id: s.id, req: s.stageIds[0]!, dev: s.stageIds[1]!, deploy: s.stageIds[2]! };
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const fingerprint = async (serviceId: string) => ({
  events: await db.event.count({ where: { serviceId } }),
  problems: await db.problem.findMany({ where: { serviceId }, orderBy: { id: "asc" } }),
  whys: await db.why.count({ where: { problem: { serviceId } } }),
  countermeasures: await db.countermeasure.findMany({ where: { problem: { serviceId } }, orderBy: { id: "asc" } }),
  kpi: await db.kpiValue.count({ where: { problem: { serviceId } } }),
  criteria: await db.doneCriterion.count({ where: { stage: { serviceId } } }),
  proposals: await db.kaizenProposal.findMany({ where: { serviceId }, orderBy: { id: "asc" } }),
});
const thisWeek = () => isoWeekStart(new Date());
const version = async (problemId: string) => (await db.problem.findUniqueOrThrow({ where: { id: problemId }, select: { version: true } })).version;

/** A problem owned by `dev` with a complete plan, ready for Plan → Do. */
async function plannedProblem(s: { id: string; dev: string }) {
  const { id } = await openProblem(dev, s.id, { title: "Stories come back from test", definition: "6 of 12 stories sent back", stageId: s.dev });
  await updateProblem(dev, id, {
    version: await version(id),
    whys: ["Why sent back? Acceptance criteria unknown.", "Why unknown? Test stories written after development."],
    hypothesis: "Writing test stories first halves the returns.",
    kpi: { name: "Stories sent back per week", unit: "stories", higherIsBetter: false, baseline: 3, target: 1 },
  });
  const cm = await addCountermeasure(dev, id, { description: "Write the test story before development", ownerId: idOf(ops), dueDate: "2099-01-01" });
  return { id, countermeasureId: cm.id };
}

describe("where problems come from", () => {
  it("an andon pull opens exactly one problem, linked to it; a refused second pull opens none", async () => {
    const s = await newService();
    const andon = await pullAndon(ops, s.id, { stageId: s.deploy, reason: "Error rate above 5%" });
    expect(await db.problem.count({ where: { serviceId: s.id } })).toBe(1);
    const problem = await db.problem.findFirstOrThrow({ where: { serviceId: s.id } });
    expect(problem).toMatchObject({ id: andon.problemId, source: "ANDON", stageId: s.deploy, pdca: "PLAN" });
    expect(await refusal(pullAndon(dev, s.id, { stageId: s.deploy, reason: "Again" }))).toMatchObject({ code: "RULE_VIOLATION" });
    expect(await db.problem.count({ where: { serviceId: s.id } })).toBe(1);
    const sheet = await getProblemSheet(viewer, problem.id);
    expect(sheet.andon).toMatchObject({ id: andon.id, reason: "Error rate above 5%" });
  });

  it("anyone in the team opens one by hand; viewers and other teams may not", async () => {
    const s = await newService();
    const { id } = await openProblem(ops, s.id, { title: "Deploys wait for a manual approval", stageId: s.deploy });
    expect(await db.problem.findUniqueOrThrow({ where: { id } })).toMatchObject({ source: "MANUAL", ownerId: idOf(ops), pdca: "PLAN" });
    expect(await refusal(openProblem(viewer, s.id, { title: "x" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(openProblem(stranger, s.id, { title: "x" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("bad input is refused with a message naming the field, and nothing is written", async () => {
    const s = await newService();
    const before = await fingerprint(s.id);
    const empty = await refusal(openProblem(dev, s.id, { title: "   " }));
    expect(empty).toMatchObject({ code: "VALIDATION_FAILED", status: 400 });
    expect(empty!.message).toContain("The title cannot be empty");
    expect(empty!.details).toMatchObject({ issues: [{ path: "title" }] });
    const long = await refusal(openProblem(dev, s.id, { title: "x".repeat(201) }));
    expect(long!.message).toContain("at most 200 characters");
    expect(await refusal(openProblem(dev, s.id, { title: "ok", stageId: "not-a-stage" }))).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await fingerprint(s.id)).toEqual(before);
  });
});

describe("owners", () => {
  it("a countermeasure's owner may be anyone working in the team, an expert-pool member included; a viewer or an outsider may not", async () => {
    const s = await newService();
    const delivery = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { orgId: true } });
    const pool = await db.team.create({ data: { orgId: delivery.orgId, name: `pool-${uid()}`, kind: "POOL", discipline: "operations" } });
    await db.teamAssignment.create({ data: { poolTeamId: pool.id, deliveryTeamId: teamId } });
    const pooled = (await makeUser({ teamId: pool.id, roles: ["OPERATIONS"] })).actor;
    const unassigned = (await makeUser({ teamId: (await makeTeam()).id, roles: ["OPERATIONS"] })).actor;
    const { id } = await openProblem(dev, s.id, { title: "Monitoring misses converted sites" });
    const cm = await addCountermeasure(dev, id, { description: "Health page in every converted site", ownerId: idOf(pooled), dueDate: null });
    expect(await db.countermeasure.findUniqueOrThrow({ where: { id: cm.id } })).toMatchObject({ ownerId: idOf(pooled) });
    // the pool member is offered as an owner on the wall, and marks their own countermeasure done
    expect((await getKaizenWall(viewer, s.id)).people.map((p) => p.id)).toContain(idOf(pooled));
    await updateCountermeasure(pooled, cm.id, { version: 1, done: true });
    expect(await db.countermeasure.findUniqueOrThrow({ where: { id: cm.id } })).toMatchObject({ status: "DONE" });
    const before = await fingerprint(s.id);
    for (const outsider of [viewer, unassigned]) {
      const e = await refusal(addCountermeasure(dev, id, { description: "x", ownerId: idOf(outsider), dueDate: null }));
      expect(e).toMatchObject({ code: "VALIDATION_FAILED", details: { issues: [{ path: "ownerId" }] } });
    }
    expect(await fingerprint(s.id)).toEqual(before);
  });
});

describe("the plan and PDCA, walked by the roles that own each step", () => {
  it("Plan → Do needs a root cause; the owner starts; the countermeasure's owner marks it done; the Process Master checks and closes with a new standard and done-criterion, which the next move out of the stage needs", async () => {
    const s = await newService();
    const { id } = await openProblem(dev, s.id, { title: "Stories come back from test", stageId: s.dev });

    // Plan → Do refused without a root cause: nothing written.
    const before = await fingerprint(s.id);
    const noCause = await refusal(movePdca(dev, id, { version: await version(id), to: "DO" }));
    expect(noCause).toMatchObject({ code: "RULE_VIOLATION", details: { rule: "NO_ROOT_CAUSE" } });
    expect(await fingerprint(s.id)).toEqual(before);

    await updateProblem(dev, id, {
      version: await version(id),
      whys: ["Why sent back? Criteria unknown.", "Why? Test stories come late.", "Why? Nobody owns them."],
      hypothesis: "Test stories first halve the returns.",
      kpi: { name: "Stories sent back per week", unit: "", higherIsBetter: false, target: 1 },
    });
    const cm = await addCountermeasure(dev, id, { description: "Test story before development", ownerId: idOf(ops), dueDate: "2099-01-01" });
    expect((await getProblemSheet(viewer, id)).whys).toHaveLength(3);

    // The owner starts the work; a viewer cannot.
    expect(await refusal(movePdca(viewer, id, { version: await version(id), to: "DO" }))).toMatchObject({ code: "FORBIDDEN" });
    await movePdca(dev, id, { version: await version(id), to: "DO" });

    // Do → Check refused while the countermeasure is neither done nor due.
    expect(await refusal(movePdca(dev, id, { version: await version(id), to: "CHECK" }))).toMatchObject({ details: { rule: "COUNTERMEASURES_PENDING" } });
    // Only its owner (or the Process Master) marks it done.
    expect(await refusal(updateCountermeasure(dev, cm.id, { version: 1, done: true }))).toMatchObject({ code: "FORBIDDEN" });
    await updateCountermeasure(ops, cm.id, { version: 1, done: true });
    await movePdca(dev, id, { version: await version(id), to: "CHECK" });

    // Check → Act refused before the KPI confirmed it; the owner may not judge it either.
    expect(await refusal(movePdca(pm, id, { version: await version(id), to: "ACT" }))).toMatchObject({ details: { rule: "KPI_NOT_CONFIRMED" } });
    await recordKpiValue(dev, id, { week: weekKey(addWeeks(thisWeek(), -1)), value: 1 });
    await recordKpiValue(dev, id, { week: weekKey(thisWeek()), value: 0 });
    expect(await refusal(movePdca(dev, id, { version: await version(id), to: "ACT" }))).toMatchObject({ code: "FORBIDDEN" });
    await movePdca(pm, id, { version: await version(id), to: "ACT" });

    // Closing needs the standard; with it, the criterion lands on the stage in the same command.
    expect(await refusal(movePdca(pm, id, { version: await version(id), to: "CLOSED" }))).toMatchObject({ status: 422, details: { rule: "NO_STANDARD", issues: [{ path: "standard" }] } });
    const item = await createItem(dev, s.id, { title: "Checkout", stageId: s.dev });
    const closed = await movePdca(pm, id, {
      version: await version(id),
      to: "CLOSED",
      standard: "Every story has its test story before development starts.",
      newCriterion: { text: "Test story written and reviewed" },
    });
    expect(closed).toMatchObject({ pdca: "CLOSED", criterionId: expect.any(String) });
    const criterion = await db.doneCriterion.findUniqueOrThrow({ where: { id: closed.criterionId! } });
    expect(criterion).toMatchObject({ stageId: s.dev, text: "Test story written and reviewed", retired: false });

    const blocked = await refusal(moveItem(dev, item.id, { toStageId: s.deploy, expectedVersion: item.version }));
    expect(blocked).toMatchObject({ code: "RULE_VIOLATION", details: { rule: "JKK_INCOMPLETE" } });

    const sheet = await getProblemSheet(viewer, id);
    expect(sheet).toMatchObject({ pdca: "CLOSED", standard: "Every story has its test story before development starts.", standardCriterion: { id: criterion.id } });
    expect(sheet.history.map((h) => `${h.from}>${h.to}`)).toEqual(["PLAN>DO", "DO>CHECK", "CHECK>ACT", "ACT>CLOSED"]);
    const types = (await db.event.findMany({ where: { serviceId: s.id }, orderBy: { seq: "asc" }, select: { type: true } })).map((e) => e.type);
    expect(types.filter((t) => t === "problem.pdca.moved")).toHaveLength(4);
    expect(types).toContain("stage.updated");

    // Closed is closed: no silent reopen, no edits.
    expect(await refusal(movePdca(pm, id, { version: await version(id), to: "PLAN" }))).toMatchObject({ details: { rule: "NO_SUCH_MOVE" } });
    expect(await refusal(updateProblem(pm, id, { version: await version(id), hypothesis: "x" }))).toMatchObject({ details: { rule: "PROBLEM_CLOSED" } });
  });

  it("Check → Plan starts the next cycle, counted", async () => {
    const s = await newService();
    const { id, countermeasureId } = await plannedProblem(s);
    await movePdca(dev, id, { version: await version(id), to: "DO" });
    await updateCountermeasure(pm, countermeasureId, { version: 1, done: true });
    await movePdca(pm, id, { version: await version(id), to: "CHECK" });
    await recordKpiValue(dev, id, { week: weekKey(thisWeek()), value: 3 });
    const again = await movePdca(pm, id, { version: await version(id), to: "PLAN", note: "No effect yet" });
    expect(again).toMatchObject({ pdca: "PLAN", cycle: 2 });
    expect((await getKaizenWall(viewer, s.id)).problems.find((p) => p.id === id)).toMatchObject({ cycle: 2, pdca: "PLAN" });
  });

  it("a stale version is a 409 and writes nothing", async () => {
    const s = await newService();
    const { id } = await plannedProblem(s);
    const v = await version(id);
    await updateProblem(dev, id, { version: v, hypothesis: "First edit wins" });
    const before = await fingerprint(s.id);
    const stale = await refusal(updateProblem(pm, id, { version: v, hypothesis: "Second edit", whys: ["Lost"] }));
    expect(stale).toMatchObject({ code: "VERSION_CONFLICT", status: 409 });
    expect(await fingerprint(s.id)).toEqual(before);
  });
});

describe("the weekly KPI", () => {
  it("refuses a future week and a value that is not a number, writing nothing", async () => {
    const s = await newService();
    const { id } = await plannedProblem(s);
    const before = await fingerprint(s.id);
    const future = await refusal(recordKpiValue(dev, id, { week: weekKey(addWeeks(thisWeek(), 1)), value: 1 }));
    expect(future).toMatchObject({ code: "VALIDATION_FAILED", details: { issues: [{ path: "week" }] } });
    const nan = await refusal(recordKpiValue(dev, id, { week: weekKey(thisWeek()), value: "three" as unknown as number }));
    expect(nan).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(nan!.message).toContain("Must be a number");
    expect(nan!.details).toMatchObject({ issues: [{ path: "value" }] });
    expect(await refusal(recordKpiValue(dev, id, { week: "2026-13-40", value: 1 }))).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await fingerprint(s.id)).toEqual(before);
  });

  it("one value per ISO week (any day names its week); the owner, the Process Master or a monitoring token records it", async () => {
    const s = await newService();
    const { id } = await plannedProblem(s);
    const wednesday = new Date(thisWeek().getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(await recordKpiValue(dev, id, { week: wednesday, value: 4 })).toEqual({ week: weekKey(thisWeek()), value: 4 });
    await recordKpiValue(pm, id, { week: weekKey(thisWeek()), value: 2 });
    expect(await db.kpiValue.findMany({ where: { problemId: id }, select: { value: true } })).toEqual([{ value: 2 }]);
    expect(await refusal(recordKpiValue(ops, id, { week: weekKey(thisWeek()), value: 9 }))).toMatchObject({ code: "FORBIDDEN" });

    const { secret } = await createAccessToken(master, s.id, { kind: "API", name: "Monitoring", scopes: ["kaizen.kpi"] });
    const monitor = (await resolveAccessToken(secret))!;
    await recordKpiValue(monitor, id, { week: weekKey(addWeeks(thisWeek(), -1)), value: 3 });
    const wall = await createAccessToken(master, s.id, { kind: "WALL", name: "TV" });
    expect(await refusal(recordKpiValue((await resolveAccessToken(wall.secret))!, id, { week: weekKey(thisWeek()), value: 1 }))).toMatchObject({ code: "FORBIDDEN" });
    expect((await getProblemSheet(viewer, id)).kpiValues).toEqual([
      { week: weekKey(addWeeks(thisWeek(), -1)), value: 3 },
      { week: weekKey(thisWeek()), value: 2 },
    ]);
  });
});

describe("Kaizen in advance", () => {
  it("downstream proposes to upstream; upstream accepts and the criterion lands in the same command; answered twice is a conflict", async () => {
    const s = await newService();
    expect(await refusal(proposeKaizen(ops, s.id, { fromStageId: s.req, toStageId: s.deploy, problem: "p", proposal: "q", expectedEffect: "e" }))).toMatchObject({
      details: { rule: "NOT_UPSTREAM" },
    });
    const { id } = await proposeKaizen(ops, s.id, {
      fromStageId: s.deploy,
      toStageId: s.dev,
      problem: "Performance expectations arrive as surprises",
      proposal: "State the expected pages per minute in each test story",
      expectedEffect: "No performance surprise at deployment",
    });
    const answered = await answerProposal(dev, id, { version: 1, decision: "ACCEPT", reason: "Agreed", becomes: { kind: "CRITERION", text: "Expected throughput stated" } });
    expect(answered).toMatchObject({ status: "ACCEPTED", criterionId: expect.any(String) });
    expect(await db.doneCriterion.findUniqueOrThrow({ where: { id: answered.criterionId! } })).toMatchObject({ stageId: s.dev });
    expect(await refusal(answerProposal(pm, id, { version: 2, decision: "DECLINE", reason: "No" }))).toMatchObject({ status: 409 });
    const wall = await getKaizenWall(viewer, s.id);
    expect(wall.proposals[0]).toMatchObject({ id, status: "ACCEPTED", answer: "Agreed", fromStageName: "Deployment", toStageName: "Development" });
  });

  it("a failed command writes nothing: accepting into a closed problem leaves the proposal open", async () => {
    const s = await newService();
    const { id: proposalId } = await proposeKaizen(ops, s.id, { fromStageId: s.deploy, toStageId: s.dev, problem: "p", proposal: "q", expectedEffect: "e" });
    const { id: problemId } = await openProblem(dev, s.id, { title: "Closed one" });
    await db.problem.update({ where: { id: problemId }, data: { pdca: "CLOSED" } });
    const before = await fingerprint(s.id);
    const e = await refusal(
      answerProposal(dev, proposalId, { version: 1, decision: "ACCEPT", reason: "Yes", becomes: { kind: "COUNTERMEASURE", problemId, ownerId: idOf(dev) } }),
    );
    expect(e).toMatchObject({ details: { rule: "PROBLEM_CLOSED" } });
    expect(await fingerprint(s.id)).toEqual(before);
    expect(await db.kaizenProposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({ status: "OPEN", version: 1 });
    // accepting into an open problem adds the countermeasure
    const { id: open } = await openProblem(dev, s.id, { title: "Open one" });
    const ok = await answerProposal(dev, proposalId, { version: 1, decision: "ACCEPT", reason: "Yes", becomes: { kind: "COUNTERMEASURE", problemId: open, ownerId: idOf(dev) } });
    expect(await db.countermeasure.findUniqueOrThrow({ where: { id: ok.countermeasureId! } })).toMatchObject({ problemId: open, description: "q", ownerId: idOf(dev) });
  });
});

describe("Kaizen on the value-stream wall", () => {
  it("an overdue countermeasure and a proposal unanswered past the threshold are problems of their stages, linked, counted on the home page, gone when resolved", async () => {
    const s = await newService();
    const { id } = await openProblem(dev, s.id, { title: "Deploys wait for a manual approval", stageId: s.deploy });
    const late = await addCountermeasure(dev, id, { description: "Automate the approval", ownerId: idOf(ops), dueDate: "2026-01-05" });
    await addCountermeasure(dev, id, { description: "Not due yet", ownerId: idOf(ops), dueDate: "2099-01-01" });
    const { id: young } = await proposeKaizen(ops, s.id, { fromStageId: s.deploy, toStageId: s.dev, problem: "p", proposal: "q", expectedEffect: "e" });
    const { id: old } = await proposeKaizen(ops, s.id, { fromStageId: s.deploy, toStageId: s.req, problem: "p", proposal: "q", expectedEffect: "e" });
    await db.kaizenProposal.update({ where: { id: old }, data: { createdAt: new Date(Date.now() - 6 * 86_400_000) } });

    const wall = await getWallSnapshot(viewer, s.id);
    // Each stage lists its open Kaizen problems, whose sheets its header links.
    expect(wall.stages.find((st) => st.id === s.deploy)!.kaizenProblems).toEqual([{ id, title: "Deploys wait for a manual approval" }]);
    expect(wall.stages.find((st) => st.id === s.dev)!.kaizenProblems).toEqual([]);
    const kaizen = wall.problems.filter((p) => p.kind === "COUNTERMEASURE_OVERDUE" || p.kind === "PROPOSAL_UNANSWERED");
    expect(kaizen).toEqual([
      expect.objectContaining({ kind: "PROPOSAL_UNANSWERED", stageId: s.req, proposalIds: [old], itemIds: [] }),
      expect.objectContaining({ kind: "COUNTERMEASURE_OVERDUE", stageId: s.deploy, problemIds: [id], message: expect.stringContaining("Automate the approval") }),
    ]);
    expect(wall.problems.some((p) => p.proposalIds?.includes(young))).toBe(false);
    // Every open proposal is on the stage asked to answer, as the wall's feedback loop.
    const feedback = (w: typeof wall, stageId: string) => w.stages.find((st) => st.id === stageId)!.feedback.map((f) => [f.id, f.fromStageId]);
    expect(feedback(wall, s.dev)).toEqual([[young, s.deploy]]);
    expect(feedback(wall, s.req)).toEqual([[old, s.deploy]]);
    expect(feedback(wall, s.deploy)).toEqual([]);
    expect((await serviceProblemCounts(viewer, [s.id])).get(s.id)).toEqual({ andons: 0, problems: 2 });

    // The owner marks it done; the upstream stage answers: the wall is green again.
    await updateCountermeasure(ops, late.id, { version: 1, done: true });
    await answerProposal(dev, old, { version: 1, decision: "DECLINE", reason: "We chose another way" });
    const after = await getWallSnapshot(viewer, s.id);
    expect(after.problems).toEqual([]);
    expect(after.stages.flatMap((st) => st.feedback.map((f) => f.id))).toEqual([young]);
    // A closed problem's late countermeasure is history, not a problem.
    const { id: other } = await openProblem(dev, s.id, { title: "Closed one", stageId: s.dev });
    await addCountermeasure(dev, other, { description: "Never done", ownerId: idOf(dev), dueDate: "2026-01-05" });
    expect((await getWallSnapshot(viewer, s.id)).problems.map((p) => p.kind)).toEqual(["COUNTERMEASURE_OVERDUE"]);
    await db.problem.update({ where: { id: other }, data: { pdca: "CLOSED" } });
    const closed = await getWallSnapshot(viewer, s.id);
    expect(closed.problems).toEqual([]);
    expect(closed.stages.find((st) => st.id === s.dev)!.kaizenProblems).toEqual([]);
  });

  it("the andon's problem is linked from the wall", async () => {
    const s = await newService();
    const andon = await pullAndon(ops, s.id, { stageId: s.deploy, reason: "Error rate above 5%" });
    const wall = await getWallSnapshot(viewer, s.id);
    expect(wall.problems).toEqual([expect.objectContaining({ kind: "ANDON", stageId: s.deploy, problemIds: [andon.problemId] })]);
  });
});

describe("problems from data", () => {
  it("a persisting WIP breach opens one problem with its evidence, and not two under concurrent triggers", async () => {
    const s = await newService({ wipLimit: 1 });
    await db.service.update({ where: { id: s.id }, data: { kaizenSettings: { persistHours: { WIP_OVER_LIMIT: 1 } } } });
    const a = await createItem(dev, s.id, { title: "A", stageId: s.dev });
    // The second item is put there directly (as an import or an expedite would): the breach itself is the setup.
    const b = await createItem(dev, s.id, { title: "B", stageId: s.req });
    await db.workItem.update({ where: { id: b.id }, data: { stageId: s.dev } });
    const t0 = new Date();
    expect((await detectDataProblemsFor(s.id, t0)).opened).toEqual([]); // the clock starts
    const later = new Date(t0.getTime() + 2 * 3_600_000);
    const runs = await Promise.all([detectDataProblemsFor(s.id, later), detectDataProblemsFor(s.id, later), detectDataProblemsFor(s.id, later)]);
    expect(runs.flatMap((r) => r.opened)).toHaveLength(1);
    const problems = await db.problem.findMany({ where: { serviceId: s.id } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ source: "DATA", stageId: s.dev, cause: `WIP_OVER_LIMIT:${s.dev}` });
    expect(problems[0]!.evidence).toMatchObject({ count: 2, wipLimit: 1, itemIds: expect.arrayContaining([a.id, b.id]) });
    expect((await detectDataProblemsFor(s.id, new Date(later.getTime() + 3_600_000))).opened).toEqual([]);
  });
});
