// A hand-computed fixture for the flow formulas (the expected numbers are worked out in
// flow-metrics.test.ts next to each assertion). Times in hours after T0, a Monday 00:00 UTC.
import type { FlowEvent } from "@/domain/metrics/history";
import type { MetricStage } from "@/domain/metrics/stages";

export const T0 = Date.UTC(2026, 10, 2); // Monday 2 November 2026
export const H = 3_600_000;
export const at = (hours: number) => T0 + hours * H;

export const STAGES: MetricStage[] = [
  { id: "s1", key: "strategy", name: "Strategy", position: 0, retired: false },
  { id: "s2", key: "requirements", name: "Requirements", position: 1, retired: false },
  { id: "s3", key: "development", name: "Development", position: 2, retired: false },
  // retired mid-period: its history must stay
  { id: "s4", key: "deployment", name: "Deployment", position: 3, retired: true },
  { id: "s5", key: "operations", name: "Operations", position: 4, retired: false },
];

const mv = (itemId: string, h: number, fromStageId: string, toStageId: string, rejected = false): FlowEvent => ({
  kind: "moved",
  itemId,
  at: at(h),
  fromStageId,
  toStageId,
  rejected,
});

export const EVENTS: FlowEvent[] = [
  // C: started before the period (cut at its start), finished inside it
  { kind: "created", itemId: "C", at: at(-10), stageId: "s3" },
  // A: sent back twice, finished
  { kind: "created", itemId: "A", at: at(0), stageId: "s2" },
  { kind: "created", itemId: "B", at: at(0), stageId: "s1" },
  { kind: "criterion", itemId: "A", at: at(2), stageId: "s2", done: true, stageDone: false },
  { kind: "criterion", itemId: "A", at: at(4), stageId: "s2", done: true, stageDone: true },
  mv("C", 5, "s3", "s4"),
  mv("A", 6, "s2", "s3"),
  { kind: "criterion", itemId: "A", at: at(7), stageId: "s3", done: true, stageDone: false },
  { kind: "blocked", itemId: "A", at: at(8) },
  mv("A", 10, "s3", "s4"), // still blocked across the stage change
  { kind: "unblocked", itemId: "A", at: at(12) },
  mv("B", 12, "s1", "s2"),
  mv("A", 14, "s4", "s3", true),
  mv("A", 20, "s3", "s4"),
  { kind: "blocked", itemId: "B", at: at(20) },
  mv("A", 22, "s4", "s3", true),
  mv("B", 24, "s2", "s3"), // B blocked across this change until 30h
  mv("A", 26, "s3", "s4"),
  mv("A", 30, "s4", "s5"),
  { kind: "unblocked", itemId: "B", at: at(30) },
  mv("C", 40, "s4", "s5"),
];

export const PERIOD = { from: at(0), to: at(48) };
export const NOW = at(48);
export const BOUNDS = { startStageId: "s2", doneStageId: "s5" };
