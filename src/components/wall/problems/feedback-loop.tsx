"use client";

import Link from "next/link";
import type { TFeedbackProposal } from "@/lib/schemas/wall";

// Kaizen in advance on the value-stream wall: each open proposal drawn as what it is, a loop
// back from the downstream stage that saw the problem to the upstream stage asked to change,
// waiting for its answer. Each leads to the proposal on the Kaizen wall, where it is answered.

type Props = {
  feedback: readonly TFeedbackProposal[];
  stageName: (stageId: string) => string;
  serviceKey?: string;
  now: number;
};

function waited(createdAt: string, now: number): string {
  const days = Math.max(0, Math.floor((now - new Date(createdAt).getTime()) / 86_400_000));
  return days === 0 ? "today" : days === 1 ? "1 day" : `${days} days`;
}

export function FeedbackLoop({ feedback, stageName, serviceKey, now }: Props) {
  if (feedback.length === 0) return null;
  return (
    <section aria-labelledby="feedback-loop-heading" data-testid="feedback-loop" className="flex flex-wrap items-center gap-2 px-4 pb-3 sm:px-6">
      <h2 id="feedback-loop-heading" className="shrink-0 text-base font-bold">
        Feedback loop <span className="font-normal">({feedback.length} waiting for an answer)</span>
      </h2>
      {/* One row: on a narrow screen it scrolls sideways rather than pushing the board down. */}
      <ul className="relative flex max-w-full min-w-0 flex-1 gap-2 overflow-x-auto">
        {feedback.map((p) => {
          const from = stageName(p.fromStageId);
          const to = stageName(p.toStageId);
          const body = (
            <>
              <span className="font-semibold whitespace-nowrap">
                {from} <span aria-hidden="true">↩</span>
                <span className="sr-only"> proposes to </span> {to}
              </span>
              <span className="line-clamp-1 max-w-xs">{p.proposal}</span>
              <span className="text-sm whitespace-nowrap">· {waited(p.createdAt, now)}</span>
            </>
          );
          const cls =
            "flex items-center gap-1.5 rounded-full border border-violet-400 bg-violet-50 px-3 py-1 text-sm text-violet-950 dark:border-violet-500 dark:bg-violet-950 dark:text-violet-50";
          return (
            <li key={p.id} className="shrink-0" data-testid="feedback-proposal" data-from={p.fromStageId} data-to={p.toStageId}>
              {serviceKey ? (
                <Link
                  href={`/services/${encodeURIComponent(serviceKey)}/kaizen#proposal-${p.id}`}
                  className={`${cls} hover:bg-violet-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:hover:bg-violet-900`}
                >
                  {body}
                </Link>
              ) : (
                <span className={cls}>{body}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
