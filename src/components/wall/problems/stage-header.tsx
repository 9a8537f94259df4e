"use client";

import Link from "next/link";
import type { StageProblem } from "@/domain/visual-control";
import type { TOpenAndon } from "@/lib/schemas/wall";
import type { StageHealth } from "@/components/wall/wall-state";
import { problemLabel, problemTone, type ProblemTone } from "./problem-labels";
import { useStageHealth, useWallProblems } from "./wall-problems";

// Visual control: a stage header shows problems, not status. Green "No problems" when nothing
// is wrong; otherwise exactly what is, in words short enough to read across a room. An open
// andon turns the header red and says the line is stopped.

type HeaderStage = { id: string; name: string; retired: boolean; wipLimit: number | null; ageThresholdHours: number | null };

type Props = {
  stage: HeaderStage;
  headingId: string;
  /** Items shown in the column now (counts a move in flight in its target, like the column). */
  itemCount: number;
  /** Problems, andons and rejections of the stage; null: not known (no visual control around). */
  health: StageHealth | null;
  /** Absent: no andon controls (TV mode, or a person the matrix does not allow). */
  onPullAndon?: () => void;
  onReleaseAndon?: (andon: TOpenAndon) => void;
  /** The service's key: problems link their Kaizen sheets (absent, e.g. on a TV: no links). */
  serviceKey?: string;
};

/** Where a problem's link leads: its Kaizen problem sheet, or the Kaizen wall for several or for proposals. */
export function kaizenHref(serviceKey: string, problem: Pick<StageProblem, "problemIds" | "proposalIds">): string | null {
  const base = `/services/${encodeURIComponent(serviceKey)}/kaizen`;
  const ids = problem.problemIds ?? [];
  if (ids.length === 1) return `${base}/${encodeURIComponent(ids[0]!)}`;
  if (ids.length > 1) return base;
  if ((problem.proposalIds ?? []).length > 0) return `${base}#proposals-heading`;
  return null;
}

const TONE: Record<ProblemTone, string> = {
  stop: "bg-red-700 text-white",
  bad: "bg-red-100 text-red-950 border-l-4 border-red-600 dark:bg-red-950 dark:text-red-50",
  warn: "bg-amber-100 text-amber-950 border-l-4 border-amber-500 dark:bg-amber-950 dark:text-amber-50",
};

export function StageHeader({ stage, headingId, itemCount, health, onPullAndon, onReleaseAndon, serviceKey }: Props) {
  const problems = health?.problems ?? [];
  const andons = health?.andons ?? [];
  const stopped = andons.length > 0;
  const overWip = stage.wipLimit !== null && itemCount > stage.wipLimit;
  const rejections = health?.rejections ?? { sent: 0, received: 0 };
  // The stage's open Kaizen problems: one line linking the sheet (or the Kaizen wall for several).
  const kaizen = health?.kaizenProblems ?? [];
  // Andons get their own block below; the list shows every other problem.
  const listed = problems.filter((p) => p.kind !== "ANDON");
  // A stage stopped by its own andon cannot be stopped twice (the server refuses it): no button then.
  const canPull = !!onPullAndon && !stage.retired && !andons.some((a) => a.itemId === null);
  return (
    <header
      data-testid="stage-header"
      data-stage-id={stage.id}
      data-andon={stopped ? "open" : "none"}
      data-problems={problems.length}
      data-status={problems.length === 0 ? "green" : "problems"}
      className={`flex flex-col gap-2 rounded-t-xl px-3 pt-3 pb-2 ${stopped ? "bg-red-700 text-white" : ""}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id={headingId} tabIndex={-1} className="text-lg leading-tight font-bold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500">
          {stage.name}
          {stage.retired && <span className="ml-2 text-sm font-normal">(retired)</span>}
        </h2>
        <span
          data-testid="stage-count"
          className={`shrink-0 rounded-full px-2.5 py-0.5 text-base font-semibold tabular-nums ${
            overWip ? "bg-red-600 text-white ring-2 ring-white" : "bg-white text-slate-700 dark:bg-slate-800 dark:text-slate-200"
          }`}
          aria-label={
            stage.wipLimit === null
              ? `${itemCount} items, no WIP limit`
              : `${itemCount} items, WIP limit ${stage.wipLimit}${overWip ? ", over the limit" : ""}`
          }
        >
          {itemCount}
          {stage.wipLimit !== null && <span className="font-normal"> / {stage.wipLimit}</span>}
        </span>
      </div>

      {health && (
        <p
          data-testid="stage-rejections"
          className={`text-sm whitespace-nowrap ${stopped ? "text-red-50" : "text-slate-700 dark:text-slate-300"}`}
          aria-label={`Rejections: ${rejections.sent} sent back upstream, ${rejections.received} received from downstream`}
        >
          Rejections: {rejections.sent} sent · {rejections.received} received
        </p>
      )}

      {stopped && (
        <div data-testid="stage-andon" className="flex flex-col gap-2 rounded-lg border-2 border-white bg-red-800 px-3 py-2">
          <p className="text-base font-extrabold tracking-wide uppercase">Line stopped</p>
          {andons.map((a) => (
            <div key={a.id} className="flex flex-wrap items-center justify-between gap-2">
              <p className="min-w-0 text-base font-semibold break-words">
                Andon: {a.reason}
                {serviceKey && a.problemId && (
                  <>
                    {" "}
                    <Link
                      href={kaizenHref(serviceKey, { problemIds: [a.problemId] })!}
                      className="text-sm whitespace-nowrap text-white underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-white"
                    >
                      Problem sheet<span className="sr-only"> of the andon on {stage.name}</span>
                    </Link>
                  </>
                )}
              </p>
              {onReleaseAndon && (
                <button
                  type="button"
                  onClick={() => onReleaseAndon(a)}
                  className="shrink-0 rounded-md bg-white px-3 py-1 text-sm font-bold text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
                >
                  Release
                  <span className="sr-only"> the andon on {stage.name}</span>
                </button>
              )}
            </div>
          ))}
        </div>
      )}

      {health && problems.length === 0 && (
        <p
          data-testid="stage-green"
          className="flex items-center gap-2 rounded-lg bg-emerald-100 px-3 py-1.5 text-base font-bold text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          <span aria-hidden="true">✓</span> No problems
        </p>
      )}

      {listed.length > 0 && (
        <ul className="flex flex-col gap-1" aria-label={`Problems in ${stage.name}`} data-testid="stage-problems">
          {listed.map((p, i) => {
            const label = problemLabel(p, { itemCount, wipLimit: stage.wipLimit }, stage.ageThresholdHours);
            const href = serviceKey ? kaizenHref(serviceKey, p) : null;
            return (
              <li
                key={`${p.kind}-${i}`}
                data-kind={p.kind}
                data-item-ids={p.itemIds.join(" ")}
                title={p.message}
                className={`rounded-md px-2.5 py-1 text-base leading-snug font-semibold break-words ${TONE[problemTone(p.kind)]}`}
              >
                {href ? (
                  <Link href={href} data-testid="problem-sheet-link" className="underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-sky-500">
                    {label}
                  </Link>
                ) : (
                  label
                )}
              </li>
            );
          })}
        </ul>
      )}

      {serviceKey && kaizen.length > 0 && (
        <p data-testid="stage-kaizen" className="text-sm">
          <Link
            href={kaizenHref(serviceKey, { problemIds: kaizen.map((k) => k.id) })!}
            title={kaizen.map((k) => k.title).join(" · ")}
            className={`line-clamp-2 font-semibold underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-sky-500 ${
              stopped ? "text-white" : "text-sky-800 dark:text-sky-300"
            }`}
          >
            Kaizen: {kaizen.length === 1 ? kaizen[0]!.title : `${kaizen.length} open problems`}
          </Link>
        </p>
      )}

      {canPull && (
        <button
          type="button"
          onClick={onPullAndon}
          // On a header already red (an item's andon stops the stage) an outline in red would be red
          // on red: white with dark red text there, like "Release".
          className={`self-end rounded-md px-2 py-0.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 ${
            stopped
              ? "border border-white bg-white text-red-800 hover:bg-red-50 focus-visible:outline-white"
              : "border border-red-700 text-red-800 hover:bg-red-50 focus-visible:outline-sky-500 dark:border-red-400 dark:text-red-300 dark:hover:bg-red-950"
          }`}
        >
          Pull andon<span className="sr-only"> on {stage.name}</span>
        </button>
      )}
    </header>
  );
}

/** The header as a column of the live wall mounts it: health and andon controls from the wall's context. */
export function WallStageHeader({ stage, headingId, itemCount }: { stage: HeaderStage; headingId: string; itemCount: number }) {
  const health = useStageHealth(stage.id);
  const ctx = useWallProblems();
  return (
    <StageHeader
      stage={stage}
      headingId={headingId}
      itemCount={itemCount}
      health={health}
      onPullAndon={ctx?.canPullAndon ? () => ctx.requestPull({ stageId: stage.id }) : undefined}
      onReleaseAndon={ctx?.canReleaseAndon ? ctx.requestRelease : undefined}
      serviceKey={ctx?.serviceKey}
    />
  );
}

/** Classes and data attributes for the whole column: red while its andon is pulled. */
export function stageColumnAlarm(health: StageHealth | null): { className: string; andon: "open" | "none"; problems: number } {
  const open = (health?.andons.length ?? 0) > 0;
  return {
    className: open ? "border-4 border-red-700 bg-red-100 dark:bg-red-950/70" : "",
    andon: open ? "open" : "none",
    problems: health?.problems.length ?? 0,
  };
}
