// Wall playback (issue 13.4): replaying the log up to any point gives the wall the live reducer
// had at that point, for random sequences of every event type, also when resumed from a
// checkpoint (stored as JSON) taken at any earlier point.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { initialWallState, wallHealth, wallReducer, type WallState } from "@/components/wall/wall-state";
import type { EventPayloads, EventType, ObeyaEvent } from "@/lib/events";
import { emptyWall, playbackProblems, replayWall, type PlaybackWall } from "@/lib/realtime/playback";
import type { TWorkItem } from "@/lib/schemas/item";
import type { TConfiguredStage } from "@/lib/schemas/stage";

const T0 = Date.parse("2026-11-02T08:00:00.000Z");
const STAGES = ["s0", "s1", "s2", "s3"];
const stage = (i: number, wipLimit: number | null = 2): TConfiguredStage => ({
  id: STAGES[i]!,
  key: `k${i}`,
  name: `Stage ${i}`,
  position: i,
  wipLimit,
  ageThresholdHours: 24,
  retired: false,
  doneCriteria: [{ id: `c${i}`, text: `Done ${i}` }],
  version: 1,
});

/** What one random step draws; each event type turns it into a payload of its own shape. */
type Draw = { item: number; stage: number; other: number; andon: number; version: number; flag: boolean; text: string };

const item = (d: Draw, at: string): TWorkItem => ({
  id: `i${d.item}`,
  serviceId: "svc",
  stageId: STAGES[d.stage]!,
  kind: "FEATURE",
  title: `Item ${d.item} ${d.text}`,
  description: "",
  rank: `a${d.other}`,
  labels: [],
  blockedReason: d.flag ? d.text : null,
  businessValue: null,
  costEstimate: null,
  version: d.version,
  enteredStageAt: at,
  createdAt: at,
});

// Every event type (a Record: a new type does not build until it has a case here).
const PAYLOAD: { [K in EventType]: (d: Draw, at: string) => EventPayloads[K] } = {
  "service.created": () => ({ serviceId: "svc", key: "svc", name: "Svc", stageIds: STAGES }),
  "item.created": (d, at) => ({ item: item(d, at) }),
  "item.moved": (d, at) => ({
    itemId: `i${d.item}`,
    fromStageId: STAGES[d.other % 4]!,
    toStageId: STAGES[d.stage]!,
    version: d.version,
    enteredStageAt: at,
    msInFromStage: 1,
    expedite: d.flag ? { reason: d.text } : null,
    doneCriterionIds: d.flag ? [`c${d.stage}`] : [],
  }),
  "item.rejected": (d, at) => ({
    itemId: `i${d.item}`,
    fromStageId: STAGES[(d.stage + 1) % 4]!,
    toStageId: STAGES[d.stage]!,
    reason: d.text,
    version: d.version,
    enteredStageAt: at,
    msInFromStage: 1,
    rejectionCount: d.other,
    resetCriterionIds: [],
    doneCriterionIds: d.flag ? [`c${d.stage}`] : [],
  }),
  "item.updated": (d, at) => ({ item: item(d, at), fields: ["title"] }),
  "item.unblocked": (d) => ({ itemId: `i${d.item}`, version: d.version }),
  "item.blocked": (d) => ({ itemId: `i${d.item}`, reason: d.text, version: d.version }),
  "item.criteria.checked": (d) => ({ itemId: `i${d.item}`, stageId: STAGES[d.stage]!, criterionIds: [`c${d.stage}`], done: d.flag, stageDone: d.flag }),
  "item.commented": (d) => ({ itemId: `i${d.item}`, commentId: `m${d.other}` }),
  "story.created": (d) => ({ itemId: `i${d.item}`, storyId: `st${d.other}`, kind: "TEST", testCaseIds: [] }),
  "story.updated": (d) => ({ itemId: `i${d.item}`, storyId: `st${d.other}`, version: d.version, testCaseIds: [], counts: { user: 0, test: 1, operations: 0, failingTests: d.flag ? 1 : 0 } }),
  "item.reordered": (d) => ({ itemId: `i${d.item}`, rank: `r${d.other}`, afterItemId: null, beforeItemId: null }),
  "backlog.imported": (d) => ({ itemIds: [`i${d.item}`] }),
  "service.levels.set": () => ({ rpoMinutes: 5, rtoMinutes: 10, plannedMonthlyCost: null, serviceLevelIds: [] }),
  "serviceLevel.breached": (d) => ({ serviceLevelId: "sl", breachId: `b${d.other}`, measured: 1, resolved: d.flag }),
  "mri.updated": (d) => ({ entryId: "m", kind: "SLA", version: d.version }),
  "cost.recorded": () => ({ month: "2026-11", planned: 1, actual: null }),
  "mri.required.set": (d) => ({ kinds: ["SLA"], version: d.version }),
  "mri.reviewed": (d) => ({ entryId: "m", kind: "SLA", version: d.version }),
  "mri.removed": () => ({ entryId: "m", kind: "SLA" }),
  "serviceLevel.created": () => ({ serviceLevelId: "sl", kind: "SLA", name: "Up", operationsStoryId: null }),
  "serviceLevel.breach.resolved": (d) => ({ serviceLevelId: "sl", breachId: `b${d.other}` }),
  "availability.recorded": (d, at) => ({ serviceLevelId: "sl", sampleIds: [], periodEnd: at }),
  "recovery.objectives.set": (d) => ({ rpoMinutes: 5, rtoMinutes: 10, testIntervalDays: 90, version: d.version }),
  "recoveryTest.recorded": (d, at) => ({ testId: "t", testedAt: at, passed: d.flag, missed: [] }),
  "service.endOfLife.decided": (d) => ({ from: "ACTIVE", to: "RETIRING", date: null, conditions: null, plan: null, version: d.version }),
  "andon.pulled": (d) => ({ andonId: `a${d.andon}`, stageId: STAGES[d.stage]!, itemId: d.flag ? `i${d.item}` : null, reason: d.text, problemId: d.flag ? `p${d.other}` : null }),
  "andon.released": (d) => ({ andonId: `a${d.andon}`, countermeasure: d.flag ? d.text : null, stageId: STAGES[d.stage]! }),
  "problem.opened": (d) => ({ problemId: `p${d.other}`, stageId: STAGES[d.stage]!, source: "MANUAL", title: d.text }),
  "problem.updated": (d) => ({ problemId: `p${d.other}`, pdca: "PLAN", whyCount: 1, countermeasureIds: [], kpiWeeks: [], version: d.version }),
  "problem.pdca.moved": (d) => ({ problemId: `p${d.other}`, from: "PLAN", to: "DO", cycle: 1, version: d.version }),
  "stage.added": (d) => ({ stage: { ...stage(4), id: `s${4 + (d.other % 2)}`, position: 4 + d.other, wipLimit: d.flag ? 1 : null } }),
  "stage.updated": (d) => ({ stage: { ...stage(d.stage, d.flag ? 1 : null), name: `Stage ${d.stage} ${d.text}`, version: d.version } }),
  "stages.reordered": (d) => ({ stageIds: d.flag ? [...STAGES].reverse() : STAGES }),
  "kaizen.proposed": () => ({ proposalId: "kp", fromStageId: "s1", toStageId: "s0" }),
  "kaizen.answered": (d) => ({ proposalId: "kp", status: d.flag ? "ACCEPTED" : "DECLINED" }),
  "rfc.raised": (d) => ({ rfcId: "r", kind: "RFC", title: d.text, source: "x" }),
  "rfc.approval.recorded": () => ({ rfcId: "r", role: "SERVICE_MASTER", decision: "APPROVE", userId: "u" }),
  "rfc.decided": (d) => ({ rfcId: "r", status: d.flag ? "APPROVED" : "REJECTED", itemId: null }),
  "gate.criterion.added": () => ({ criterionId: "g", key: "g", name: "G" }),
  "release.created": () => ({ releaseId: "rel", name: "R", targetDate: null, itemIds: [] }),
  "release.updated": (d) => ({ releaseId: "rel", name: "R", targetDate: null, pipelineStatus: "RUNNING", version: d.version }),
  "release.items.changed": (d) => ({ releaseId: "rel", added: [`i${d.item}`], removed: [], version: d.version }),
  "release.decided": () => ({ releaseId: "rel", decisionId: "dec", outcome: "NO_GO", assessments: [] }),
  "deployment.reported": () => ({ releaseId: "rel", deploymentId: "dep", environment: "prod", result: "SUCCESS" }),
  "incident.opened": (_d, at) => ({ incidentId: "inc", key: "INC-1", title: "Down", severity: null, source: "API", openedAt: at, causedByDeploymentId: null, causeLink: null }),
  "incident.resolved": (_d, at) => ({ incidentId: "inc", key: "INC-1", openedAt: at, resolvedAt: at, version: 2 }),
  "weekly.decision.recorded": (d) => ({ decisionId: "wd", week: "2026-W49", lineKey: "flow:leadTime", text: d.text }),
  "weekly.action.recorded": (d) => ({ actionId: "wa", week: "2026-W49", lineKey: "flow:leadTime", text: d.text, ownerId: "u", dueDate: "2026-12-04" }),
  "weekly.action.updated": (d) => ({ actionId: "wa", done: d.flag, version: 2 }),
};
const TYPES = Object.keys(PAYLOAD) as EventType[];
// Item events weigh more, so items exist long enough to move, block, carry andons and be sent back.
const WEIGHTED: EventType[] = [...TYPES, ...Array<EventType>(6).fill("item.created"), "item.moved", "item.moved", "item.rejected", "andon.pulled", "andon.released", "item.blocked"];

const draw = fc.record({
  type: fc.constantFrom(...WEIGHTED),
  item: fc.integer({ min: 0, max: 5 }),
  stage: fc.integer({ min: 0, max: 3 }),
  other: fc.integer({ min: 0, max: 3 }),
  andon: fc.integer({ min: 0, max: 2 }),
  // versions go up and down: a stale event must be ignored by replay exactly as live
  version: fc.integer({ min: 1, max: 12 }),
  flag: fc.boolean(),
  text: fc.constantFrom("slow", "defect", "wait"),
  minutes: fc.integer({ min: 0, max: 600 }),
});

function toEvents(draws: fc.RecordValue<typeof draw>[] | readonly { type: EventType; minutes: number }[] & Draw[]): ObeyaEvent[] {
  let t = T0;
  return (draws as (Draw & { type: EventType; minutes: number })[]).map((d, i) => {
    t += d.minutes * 60_000;
    const at = new Date(t).toISOString();
    return { serviceId: "svc", seq: i + 1, type: d.type, actorId: "u1", payload: PAYLOAD[d.type](d, at), createdAt: at } as ObeyaEvent;
  });
}

const FIRST_STAGES = [0, 1, 2, 3].map((i) => stage(i));

/** What both walls show, in the replay's shape: live stages already carry their rejection counts. */
function liveView(s: WallState): PlaybackWall {
  return { stages: s.stages, items: s.items, andons: s.andons, seq: s.seq };
}

const pull = (type: EventType, item: number, flag = false) => ({ type, item, stage: 0, other: 0, andon: 2, version: 1, flag, text: "slow" as const, minutes: 0 });

describe("wall playback", () => {
  it("every event type is generated (the property below covers them all)", () => {
    expect(new Set(TYPES).size).toBe(TYPES.length);
    expect(TYPES.length).toBeGreaterThanOrEqual(45);
  });

  it("replaying up to each point, from the start or from a checkpoint, equals the live wall at that point", () => {
    fc.assert(
      fc.property(fc.array(draw, { minLength: 1, maxLength: 60, size: "max" }), fc.nat(), (draws, cut) => {
        const events = toEvents(draws);
        const start = emptyWall(FIRST_STAGES);
        let live = initialWallState(FIRST_STAGES, [], 0);
        const checkpointAt = cut % (events.length + 1);
        // A checkpoint as the server stores it: JSON text, parsed back.
        const checkpoint = JSON.parse(JSON.stringify(replayWall(start, events.slice(0, checkpointAt)))) as PlaybackWall;
        for (let i = 0; i < events.length; i++) {
          live = wallReducer(live, { type: "event", event: events[i]! });
          const fromStart = replayWall(start, events.slice(0, i + 1));
          expect(fromStart).toEqual(liveView(live));
          if (i + 1 >= checkpointAt) expect(replayWall(checkpoint, events.slice(checkpointAt, i + 1))).toEqual(liveView(live));
        }
        // The problems at the end: the live wall's headers and the replay's, by the same rule.
        const at = new Date(Date.parse(events.at(-1)!.createdAt) + 3_600_000);
        const shown = wallHealth(live, at.getTime()).map((h) => ({ stageId: h.stageId, problems: h.problems }));
        expect(playbackProblems(replayWall(start, events), at).map(({ stageId, problems }) => ({ stageId, problems }))).toEqual(shown);
      }),
      {
        numRuns: 100,
        // Found by CI: one andon id on two items (a log that should not happen), released once.
        examples: [[[pull("item.created", 1), pull("item.created", 3), pull("andon.pulled", 3, true), pull("andon.pulled", 1, true), pull("andon.released", 0)], 0]],
      },
    );
  }, 60_000);

  it("shows an andon between its pull and its release, and a card where it was", () => {
    const d = (type: EventType, o: Partial<Draw> = {}) => ({ type, item: 0, stage: 0, other: 0, andon: 0, version: 1, flag: true, text: "slow", minutes: 10, ...o });
    const events = toEvents([
      d("item.created", { flag: false }),
      d("andon.pulled", { stage: 0 }),
      d("item.moved", { stage: 1, version: 2, flag: false }),
      d("andon.released"),
    ]);
    const start = emptyWall(FIRST_STAGES);
    const pulled = replayWall(start, events.slice(0, 2));
    expect(pulled.andons.map((a) => a.reason)).toEqual(["slow"]);
    expect(playbackProblems(pulled, new Date(events[1]!.createdAt)).find((p) => p.stageId === "s0")!.problems.map((p) => p.kind)).toEqual(["ANDON"]);
    expect(replayWall(start, events.slice(0, 3)).items[0]!.stageId).toBe("s1");
    const released = replayWall(start, events);
    expect(released.andons).toEqual([]);
    expect(released.items[0]!.andon).toBeNull();
  });
});
