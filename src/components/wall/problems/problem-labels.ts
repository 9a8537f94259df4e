// Short words for a stage header, read from across a room: "WIP 7/5 over limit", "2 blocked",
// "Andon: pipeline red". The full message (the domain's) stays in the problem board and in the
// header's tooltip, so nothing is lost by shortening.
import type { StageProblem } from "@/domain/visual-control";
import type { StageHealth } from "@/components/wall/wall-state";

/** The part after " — " in "Blocked: title — reason" (the domain's messages for a single item). */
function detail(message: string): string {
  const i = message.indexOf(" — ");
  return i < 0 ? message : message.slice(i + 3);
}

function head(message: string): string {
  const i = message.indexOf(" — ");
  return i < 0 ? message : message.slice(0, i);
}

export type ProblemTone = "stop" | "bad" | "warn";

/** How loud a problem is: an andon stops the line; a failed gate, a defect or a red test is bad. */
// Late rather than broken: work waiting, money burning, Kaizen behind its own plan.
const WARN: ReadonlySet<StageProblem["kind"]> = new Set([
  "AGED",
  "RFC_WAITING",
  "EXPEDITE",
  "BUDGET_BURN",
  "COST_OVER_PLAN",
  "END_OF_LIFE",
  "COUNTERMEASURE_OVERDUE",
  "PROPOSAL_UNANSWERED",
  "ACTION_OVERDUE",
]);

export function problemTone(kind: StageProblem["kind"]): ProblemTone {
  if (kind === "ANDON") return "stop";
  return WARN.has(kind) ? "warn" : "bad";
}

export function problemLabel(problem: StageProblem, health: Pick<StageHealth, "itemCount" | "wipLimit">, ageThresholdHours: number | null): string {
  const n = problem.itemIds.length;
  switch (problem.kind) {
    case "ANDON":
      return `Andon: ${problem.message.replace(/^Andon pulled: /, "")}`;
    case "WIP_OVER_LIMIT":
      return `WIP ${health.itemCount}/${health.wipLimit ?? "?"} over limit`;
    case "BLOCKED":
      return n === 1 ? `1 blocked: ${detail(problem.message)}` : `${n} blocked`;
    case "AGED":
      return `${n} older than ${ageThresholdHours ?? "?"} h`;
    case "REJECTED":
      return n === 1 ? `1 sent back: ${detail(problem.message)}` : `${n} sent back`;
    case "EXPEDITE":
      return n === 1 ? `Expedite: ${detail(problem.message)}` : `${n} expedited`;
    case "FAILING_TEST":
      // "2 failing acceptance test cases on 1 item" → "Failing test: 2 cases on 1 item"
      return `Failing test: ${problem.message.replace(/ failing acceptance test (cases?) on /, " $1 on ")}`;
    case "FAILED_GATE":
      // "Release 2.3 NO-GO — Compliance failed: …": the release and the verdict fit a header.
      return head(problem.message);
    // The service wall's problems: the part before " — " names what is wrong.
    case "SLA_BREACH":
    case "BUDGET_BURN":
    case "RECOVERY_TEST_OVERDUE":
    case "MRI_INCOMPLETE":
    case "COST_OVER_PLAN":
    case "END_OF_LIFE":
      return head(problem.message);
    // Kaizen's: "Countermeasure overdue", "2 Kaizen proposals unanswered"
    case "COUNTERMEASURE_OVERDUE":
    case "PROPOSAL_UNANSWERED":
    // the weekly meeting's: "Weekly action overdue"
    case "ACTION_OVERDUE":
      return head(problem.message);
    case "RFC_WAITING":
      return problem.message.replace(/requests? for change (has|have) waited more than/, "RfC waiting >").replace(/ for approval$/, "");
  }
}

// One or two words per kind, for the collapsed problem strip: "1 andon · 4 blocked · 1 NO-GO".
const KIND_WORD: Record<StageProblem["kind"], string> = {
  ANDON: "andon",
  WIP_OVER_LIMIT: "over WIP",
  BLOCKED: "blocked",
  AGED: "waiting too long",
  REJECTED: "sent back",
  EXPEDITE: "expedited",
  FAILING_TEST: "failing test",
  FAILED_GATE: "NO-GO",
  RFC_WAITING: "RfC waiting",
  SLA_BREACH: "SLA breach",
  BUDGET_BURN: "error budget",
  RECOVERY_TEST_OVERDUE: "recovery test overdue",
  MRI_INCOMPLETE: "MRI incomplete",
  COST_OVER_PLAN: "over cost plan",
  END_OF_LIFE: "end of life",
  COUNTERMEASURE_OVERDUE: "countermeasure overdue",
  PROPOSAL_UNANSWERED: "proposal unanswered",
  ACTION_OVERDUE: "action overdue",
};

/**
 * What kinds of problem are open, loudest first (andons, then the bad ones, then warnings), each
 * with how many: "1 andon · 2 blocked · 1 NO-GO · 1 waiting too long". Counts problems as the
 * strip's total does (a stage's "3 older than 48 h" is one), so the parts add up to the total.
 */
export function problemKindSummary(health: readonly Pick<StageHealth, "problems">[]): string {
  const counts = new Map<StageProblem["kind"], number>();
  for (const h of health) {
    for (const p of h.problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  }
  const rank: Record<ProblemTone, number> = { stop: 0, bad: 1, warn: 2 };
  return [...counts]
    .sort(([a], [b]) => rank[problemTone(a)] - rank[problemTone(b)])
    .map(([kind, n]) => `${n} ${KIND_WORD[kind]}`)
    .join(" · ");
}
