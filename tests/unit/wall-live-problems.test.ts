// The wall's reducer applies every event that changes what a stage header shows, and the
// headers' problems are recomputed from that state alone (plus the last snapshot's server-only
// problems): green when nothing is wrong, exactly what is wrong otherwise.
import { describe, expect, it } from "vitest";
import type { EventPayloads, EventType, ObeyaEvent } from "@/lib/events";
import type { TWallItem } from "@/lib/schemas/item";
import type { TOpenAndon } from "@/lib/schemas/wall";
import {
  initialWallState,
  needsServerProblems,
  wallHealth,
  wallReducer,
  type ServerProblem,
  type WallStageInput,
  type WallState,
} from "@/components/wall/wall-state";

const NOW = Date.parse("2026-11-27T12:00:00.000Z");

const stage = (id: string, position: number, extra: Partial<WallStageInput> = {}): WallStageInput => ({
  id,
  key: id,
  name: `Stage ${id.toUpperCase()}`,
  position,
  wipLimit: null,
  ageThresholdHours: null,
  retired: false,
  version: 1,
  rejections: { sent: 0, received: 0 },
  ...extra,
});

const item = (id: string, stageId: string, extra: Partial<TWallItem> = {}): TWallItem => ({
  id,
  serviceId: "svc",
  stageId,
  kind: "FEATURE",
  title: `Item ${id}`,
  description: "",
  rank: `a${id}`,
  labels: [],
  blockedReason: null,
  businessValue: null,
  costEstimate: null,
  version: 1,
  enteredStageAt: "2026-11-27T11:00:00.000Z",
  createdAt: "2026-11-27T11:00:00.000Z",
  expedite: null,
  rejectionCount: 0,
  sentBack: null,
  doneCriterionIds: [],
  andon: null,
  ...extra,
});

let seq = 10;
function ev<T extends EventType>(type: T, payload: EventPayloads[T], actorId: string | null = "u-alice"): ObeyaEvent {
  seq += 1;
  return { serviceId: "svc", seq, type, actorId, payload, createdAt: "2026-11-27T11:59:00.000Z" } as ObeyaEvent;
}

const apply = (s: WallState, ...events: ObeyaEvent[]) => events.reduce((acc, event) => wallReducer(acc, { type: "event", event }), s);
const health = (s: WallState, stageId: string) => wallHealth(s, NOW).find((h) => h.stageId === stageId)!;
const messages = (s: WallState, stageId: string) => health(s, stageId).problems.map((p) => p.message);

function start(): WallState {
  return initialWallState(
    [stage("a", 0), stage("b", 1, { wipLimit: 2, ageThresholdHours: 24 }), stage("c", 2)],
    [item("1", "a"), item("2", "b"), item("3", "b")],
    10,
  );
}

describe("live stage problems", () => {
  it("a wall with nothing wrong is green everywhere", () => {
    expect(wallHealth(start(), NOW).map((h) => h.problems)).toEqual([[], [], []]);
  });

  it("item.moved past the WIP limit with an expedite: over the limit and the expedite shown, both gone when it leaves", () => {
    let s = apply(
      start(),
      ev("item.moved", {
        itemId: "1",
        fromStageId: "a",
        toStageId: "b",
        version: 2,
        enteredStageAt: "2026-11-27T11:59:00.000Z",
        msInFromStage: 1,
        expedite: { reason: "Outage fix" },
        doneCriterionIds: ["crit-b"],
      }),
    );
    expect(s.items.find((i) => i.id === "1")).toMatchObject({ stageId: "b", version: 2, expedite: { reason: "Outage fix" }, doneCriterionIds: ["crit-b"] });
    expect(messages(s, "b")).toEqual(["WIP 3 over limit 2", "Expedited: Item 1 — Outage fix"]);
    expect(health(s, "b").itemCount).toBe(3);
    s = apply(s, ev("item.moved", { itemId: "2", fromStageId: "b", toStageId: "c", version: 2, enteredStageAt: "2026-11-27T11:59:30.000Z", msInFromStage: 1 }));
    expect(messages(s, "b")).toEqual([]);
  });

  it("item.rejected: the item goes back with its defect, the sent-back problem shows upstream, rejections are counted on both stages", () => {
    const s = apply(
      start(),
      ev("item.rejected", {
        itemId: "2",
        fromStageId: "b",
        toStageId: "a",
        reason: "No test story",
        version: 2,
        enteredStageAt: "2026-11-27T11:59:00.000Z",
        msInFromStage: 5,
        rejectionCount: 1,
        resetCriterionIds: [],
        doneCriterionIds: [],
      }),
    );
    expect(s.items.find((i) => i.id === "2")).toMatchObject({ stageId: "a", rejectionCount: 1, sentBack: { reason: "No test story", fromStageId: "b" } });
    expect(messages(s, "a")).toEqual(["Sent back: Item 2 — No test story"]);
    expect(health(s, "a").rejections).toEqual({ sent: 0, received: 1 });
    expect(health(s, "b").rejections).toEqual({ sent: 1, received: 0 });
    // The rejecter's own answer may land before the event: the item is not stepped back, the count still goes up.
    const answered = wallReducer(start(), { type: "move.confirmed", item: { ...item("2", "a"), version: 3, sentBack: { reason: "No test story", fromStageId: "b" } } });
    const late = apply(answered, ev("item.rejected", { itemId: "2", fromStageId: "b", toStageId: "a", reason: "No test story", version: 2, enteredStageAt: "2026-11-27T11:59:00.000Z", msInFromStage: 5, rejectionCount: 1, resetCriterionIds: [], doneCriterionIds: [] }));
    expect(late.items.find((i) => i.id === "2")!.version).toBe(3);
    expect(health(late, "b").rejections).toEqual({ sent: 1, received: 0 });
    // Fixed and passed on: the defect is history, the count stays.
    const after = apply(s, ev("item.moved", { itemId: "2", fromStageId: "a", toStageId: "b", version: 3, enteredStageAt: "2026-11-27T11:59:50.000Z", msInFromStage: 1 }));
    expect(messages(after, "a")).toEqual([]);
    expect(after.items.find((i) => i.id === "2")!.sentBack).toBeNull();
    expect(health(after, "a").rejections).toEqual({ sent: 0, received: 1 });
  });

  it("item.blocked and item.unblocked", () => {
    let s = apply(start(), ev("item.blocked", { itemId: "1", reason: "Waiting for legal", version: 2 }));
    expect(messages(s, "a")).toEqual(["Blocked: Item 1 — Waiting for legal"]);
    expect(s.items.find((i) => i.id === "1")!.version).toBe(2);
    s = apply(s, ev("item.unblocked", { itemId: "1", version: 3 }));
    expect(messages(s, "a")).toEqual([]);
  });

  it("item.updated keeps the wall fields the payload does not carry, and never steps back to an older version", () => {
    let s = apply(start(), ev("item.blocked", { itemId: "2", reason: "x", version: 2 }));
    s = wallReducer(s, { type: "move.confirmed", item: { ...s.items.find((i) => i.id === "2")!, version: 3, expedite: { reason: "hot" } } });
    const { expedite: _e, rejectionCount: _r, sentBack: _s, doneCriterionIds: _d, andon: _a, ...plain } = s.items.find((i) => i.id === "2")!;
    s = apply(s, ev("item.updated", { item: { ...plain, title: "Checkout on mobile", version: 4 }, fields: ["title"] }));
    expect(s.items.find((i) => i.id === "2")).toMatchObject({ title: "Checkout on mobile", version: 4, expedite: { reason: "hot" }, blockedReason: "x" });
    s = apply(s, ev("item.updated", { item: { ...plain, title: "Stale", version: 3 }, fields: ["title"] }));
    expect(s.items.find((i) => i.id === "2")!.title).toBe("Checkout on mobile");
  });

  it("item.criteria.checked ticks and unticks the current stage's criteria only", () => {
    let s = apply(start(), ev("item.criteria.checked", { itemId: "1", stageId: "a", criterionIds: ["c1", "c2"], done: true }));
    expect(s.items.find((i) => i.id === "1")!.doneCriterionIds).toEqual(["c1", "c2"]);
    s = apply(s, ev("item.criteria.checked", { itemId: "1", stageId: "a", criterionIds: ["c1"], done: false }));
    expect(s.items.find((i) => i.id === "1")!.doneCriterionIds).toEqual(["c2"]);
    s = apply(s, ev("item.criteria.checked", { itemId: "1", stageId: "b", criterionIds: ["c9"], done: true }));
    expect(s.items.find((i) => i.id === "1")!.doneCriterionIds).toEqual(["c2"]);
  });

  it("item.reordered changes the rank, item.created adds a card with the wall's defaults (once)", () => {
    let s = apply(start(), ev("item.reordered", { itemId: "3", rank: "a0", afterItemId: null, beforeItemId: "2" }));
    expect(s.items.find((i) => i.id === "3")!.rank).toBe("a0");
    const { expedite: _e, rejectionCount: _r, sentBack: _s, doneCriterionIds: _d, andon: _a, ...plain } = item("4", "c");
    s = apply(s, ev("item.created", { item: plain }), ev("item.created", { item: plain }));
    expect(s.items.filter((i) => i.id === "4")).toEqual([item("4", "c")]);
  });

  it("andon.pulled turns the stage's problems to the andon at once; andon.released clears it", () => {
    let s = apply(start(), ev("andon.pulled", { andonId: "an1", stageId: "b", itemId: null, reason: "Pipeline red", problemId: "p1" }));
    expect(health(s, "b").andons).toEqual([
      { id: "an1", stageId: "b", itemId: null, reason: "Pipeline red", pulledById: "u-alice", pulledByName: null, pulledAt: "2026-11-27T11:59:00.000Z", problemId: "p1" },
    ]);
    expect(messages(s, "b")).toEqual(["Andon pulled: Pipeline red"]);
    s = apply(s, ev("andon.pulled", { andonId: "an2", stageId: "a", itemId: "1", reason: "Wrong data" }));
    expect(s.items.find((i) => i.id === "1")!.andon).toEqual({ id: "an2", reason: "Wrong data", pulledAt: "2026-11-27T11:59:00.000Z" });
    expect(health(s, "a").problems).toEqual([{ kind: "ANDON", message: "Andon pulled: Wrong data", itemIds: ["1"] }]);
    s = apply(s, ev("andon.released", { andonId: "an1", countermeasure: "Reverted the commit", stageId: "b", itemId: null }));
    expect(messages(s, "b")).toEqual([]);
    s = apply(s, ev("andon.released", { andonId: "an2", countermeasure: "Fixed", stageId: "a", itemId: "1" }));
    expect(s.items.find((i) => i.id === "1")!.andon).toBeNull();
    expect(s.andons).toEqual([]);
  });

  it("stage.updated (a new WIP limit) and stage.added change the headers; stages.reordered the order", () => {
    const configured = (id: string, position: number, wipLimit: number | null) => ({
      id,
      key: id,
      name: `Stage ${id.toUpperCase()}`,
      position,
      wipLimit,
      ageThresholdHours: null,
      retired: false,
      doneCriteria: [],
      version: 2,
    });
    let s = apply(start(), ev("stage.updated", { stage: configured("a", 0, 0) }));
    expect(messages(s, "a")).toEqual(["WIP 1 over limit 0"]);
    s = apply(s, ev("stage.added", { stage: configured("d", 3, null) }));
    expect(s.stages.map((x) => x.id)).toEqual(["a", "b", "c", "d"]);
    expect(health(s, "d")).toMatchObject({ problems: [], rejections: { sent: 0, received: 0 } });
    s = apply(s, ev("stages.reordered", { stageIds: ["d", "a", "b", "c"] }));
    expect(s.stages.map((x) => x.id)).toEqual(["d", "a", "b", "c"]);
  });

  it("ages past the stage's threshold count as problems as the clock moves", () => {
    const s = start();
    expect(messages(s, "b")).toEqual([]);
    const later = wallHealth(s, NOW + 24 * 3_600_000).find((h) => h.stageId === "b")!;
    expect(later.problems.map((p) => p.message)).toEqual(["2 waiting longer than 24h"]);
  });

  it("takes the snapshot's andons and server-only problems; a refetched snapshot replaces those and names who pulled", () => {
    const andon: TOpenAndon = { id: "an9", stageId: "c", itemId: null, reason: "Disk full", pulledById: "u1", pulledByName: "Alice", pulledAt: "2026-11-27T10:00:00.000Z", problemId: null };
    const gate = { kind: "FAILED_GATE" as const, message: "Release 2.3 NO-GO — Security failed: CVE", itemIds: ["3"] };
    let s = initialWallState(
      [stage("a", 0), stage("b", 1, { problems: [gate, { kind: "BLOCKED", message: "stale", itemIds: [] }] }), stage("c", 2, { openAndons: [andon] })],
      [item("3", "b")],
      20,
    );
    // Server-only kinds are kept; the rest is recomputed here (nothing is blocked any more).
    expect(s.serverProblems).toEqual([{ ...gate, stageId: "b" }]);
    expect(messages(s, "b")).toEqual([gate.message]);
    expect(messages(s, "c")).toEqual(["Andon pulled: Disk full"]);
    expect(s.stages[2]).not.toHaveProperty("openAndons");

    s = apply(s, ev("andon.pulled", { andonId: "an10", stageId: "a", itemId: null, reason: "Spec wrong" }, "u2"));
    const failing = { kind: "FAILING_TEST" as const, message: "1 failing acceptance test case on 1 item", itemIds: ["3"] };
    const fresh = [
      stage("a", 0, { openAndons: [{ ...andon, id: "an10", stageId: "a", pulledById: "u2", pulledByName: "Bob" }] }),
      stage("b", 1, { problems: [failing] }),
      stage("c", 2, { openAndons: [andon] }),
    ];
    // An older answer never replaces a newer one.
    expect(wallReducer(s, { type: "server.problems", stages: fresh, seq: 19 })).toBe(s);
    s = wallReducer(s, { type: "server.problems", stages: fresh, seq: s.seq });
    expect(messages(s, "b")).toEqual([failing.message]);
    expect(s.andons.find((a) => a.id === "an10")!.pulledByName).toBe("Bob");
  });

  it("keeps the snapshot's open Kaizen proposals as the feedback loop, oldest first; a refetched snapshot replaces them", () => {
    const proposal = (id: string, createdAt: string) => ({ id, fromStageId: "c", toStageId: "a", proposal: `P ${id}`, createdAt });
    let s = initialWallState([stage("a", 0, { feedback: [proposal("k2", "2026-11-26T00:00:00.000Z"), proposal("k1", "2026-11-20T00:00:00.000Z")] }), stage("b", 1)], [], 5);
    expect(s.feedback.map((p) => p.id)).toEqual(["k1", "k2"]);
    expect(s.stages[0]).not.toHaveProperty("feedback");
    s = wallReducer(s, { type: "server.problems", stages: [stage("a", 0, { feedback: [proposal("k2", "2026-11-26T00:00:00.000Z")] }), stage("b", 1)], seq: 6 });
    expect(s.feedback.map((p) => p.id)).toEqual(["k2"]);
  });

  it("gives each stage's health its open Kaizen problems from the snapshot; a refetch replaces them", () => {
    let s = initialWallState([stage("a", 0, { kaizenProblems: [{ id: "p1", title: "Deploys wait" }] }), stage("b", 1)], [], 5);
    expect(wallHealth(s, NOW).map((h) => h.kaizenProblems)).toEqual([[{ id: "p1", title: "Deploys wait" }], []]);
    expect(s.stages[0]).not.toHaveProperty("kaizenProblems");
    s = wallReducer(s, { type: "server.problems", stages: [stage("a", 0), stage("b", 1, { kaizenProblems: [{ id: "p2", title: "Late" }] })], seq: 6 });
    expect(wallHealth(s, NOW).map((h) => h.kaizenProblems!.map((k) => k.id))).toEqual([[], ["p2"]]);
  });

  it("refetches the server's problems only for events that can change them", () => {
    const none: ServerProblem[] = [];
    const failing: ServerProblem[] = [{ stageId: "b", kind: "FAILING_TEST", message: "1 failing", itemIds: ["2"] }];
    const waiting: ServerProblem[] = [{ stageId: "c", kind: "RFC_WAITING", message: "1 waiting", itemIds: [] }];
    const counts = (failingTests: number) => ({ user: 0, test: 1, operations: 0, failingTests });
    // Gate decisions and release contents: always (rare, and a NO-GO has no other sign here).
    expect(needsServerProblems(ev("release.decided", { releaseId: "r", decisionId: "d", outcome: "NO_GO", assessments: [] }), none)).toBe(true);
    expect(needsServerProblems(ev("release.items.changed", { releaseId: "r", added: [], removed: [], version: 2 }), none)).toBe(true);
    expect(needsServerProblems(ev("andon.pulled", { andonId: "a", stageId: "b", itemId: null, reason: "x" }), none)).toBe(true);
    // A story change: when the item fails now or failed before.
    const story = (failingTests: number, itemId = "1") => ev("story.updated", { itemId, storyId: "s", version: 2, testCaseIds: [], counts: counts(failingTests) });
    expect(needsServerProblems(story(1), none)).toBe(true);
    expect(needsServerProblems(story(0), none)).toBe(false);
    expect(needsServerProblems(story(0, "2"), failing)).toBe(true);
    expect(needsServerProblems(ev("story.created", { itemId: "1", storyId: "s", kind: "USER", testCaseIds: [], counts: counts(0) }), none)).toBe(false);
    // RfCs: a new one is young; a decision matters only while one is waiting too long.
    expect(needsServerProblems(ev("rfc.raised", { rfcId: "r", kind: "RFC", title: "t", source: "MAINTENANCE" }), waiting)).toBe(false);
    expect(needsServerProblems(ev("rfc.decided", { rfcId: "r", status: "APPROVED", itemId: "9" }), none)).toBe(false);
    expect(needsServerProblems(ev("rfc.decided", { rfcId: "r", status: "APPROVED", itemId: "9" }), waiting)).toBe(true);
    // Moves: only an item a server problem names (its problem follows it to the new stage).
    const move = (itemId: string) => ev("item.moved", { itemId, fromStageId: "a", toStageId: "b", version: 2, enteredStageAt: "", msInFromStage: 1 });
    expect(needsServerProblems(move("1"), failing)).toBe(false);
    expect(needsServerProblems(move("2"), failing)).toBe(true);
    expect(needsServerProblems(ev("item.blocked", { itemId: "1", reason: "x", version: 2 }), failing)).toBe(false);
    expect(needsServerProblems(ev("item.commented", { itemId: "1", commentId: "c" }), failing)).toBe(false);
    // Kaizen: a countermeasure change may make one overdue or end it; a plan edit only while one shows.
    const overdue: ServerProblem[] = [{ stageId: "b", kind: "COUNTERMEASURE_OVERDUE", message: "x", itemIds: [], problemIds: ["p"] }];
    const unanswered: ServerProblem[] = [{ stageId: "a", kind: "PROPOSAL_UNANSWERED", message: "x", itemIds: [], proposalIds: ["k"] }];
    const updated = (change: "plan" | "countermeasure" | "kpi" | "proposal") =>
      ev("problem.updated", { problemId: "p", pdca: "DO", whyCount: 1, countermeasureIds: [], kpiWeeks: [], version: 2, change });
    expect(needsServerProblems(updated("countermeasure"), none)).toBe(true);
    expect(needsServerProblems(updated("kpi"), none)).toBe(false);
    expect(needsServerProblems(updated("kpi"), overdue)).toBe(true);
    expect(needsServerProblems(ev("problem.pdca.moved", { problemId: "p", from: "ACT", to: "CLOSED", cycle: 1, version: 3 }), overdue)).toBe(true);
    // A problem opened or closed changes the sheets the headers link.
    expect(needsServerProblems(ev("problem.opened", { problemId: "p", stageId: "a", source: "MANUAL", title: "t" }), none)).toBe(true);
    expect(needsServerProblems(ev("problem.pdca.moved", { problemId: "p", from: "ACT", to: "CLOSED", cycle: 1, version: 3 }), none)).toBe(true);
    expect(needsServerProblems(ev("problem.pdca.moved", { problemId: "p", from: "PLAN", to: "DO", cycle: 1, version: 3 }), none)).toBe(false);
    // Proposals are the feedback loop the wall shows: always, and a fresh snapshot replaces it.
    expect(needsServerProblems(ev("kaizen.proposed", { proposalId: "k", fromStageId: "b", toStageId: "a" }), none)).toBe(true);
    expect(needsServerProblems(ev("kaizen.answered", { proposalId: "k", status: "DECLINED" }), unanswered)).toBe(true);
  });
});
