"use client";

import { useId, useState } from "react";
import type { StageHealth } from "@/components/wall/wall-state";
import Link from "next/link";
import { problemKindSummary, problemLabel, problemTone } from "./problem-labels";
import { kaizenHref } from "./stage-header";

// The top of the wall: every stage's open problems at a glance, left to right, as a strip one row
// high, so the cards below keep most of the screen (a laptop with an andon and eight problems
// still shows its cards). The strip says how many problems of which kinds; its toggle
// (aria-expanded) unfolds every stage's problems in full. A stage's entry takes you to its
// column (scrolled into view, its heading focused), for a mouse or a keyboard; a problem that has
// Kaizen problem sheets (an andon's, an overdue countermeasure's…) links them beside it (a link
// cannot sit inside the stage's button).

type SheetLink = { href: string; label: string };

/** The distinct problem-sheet links of a stage's problems (only those with problemIds). */
export function stageSheetLinks(serviceKey: string, h: StageHealth): SheetLink[] {
  const seen = new Map<string, SheetLink>();
  for (const p of h.problems) {
    if (!p.problemIds?.length) continue;
    const href = kaizenHref(serviceKey, { problemIds: p.problemIds });
    if (href && !seen.has(href)) seen.set(href, { href, label: problemLabel(p, h, null) });
  }
  return [...seen.values()];
}

/** Brings a stage's column into view and moves focus to its heading. */
export function focusStage(stageId: string): void {
  const column = document.querySelector<HTMLElement>(`[data-testid="stage-column"][data-stage-id="${CSS.escape(stageId)}"]`);
  if (!column) return;
  column.scrollIntoView({ behavior: "smooth", block: "nearest", inline: "center" });
  column.querySelector<HTMLElement>("h2")?.focus({ preventScroll: true });
}

export function ProblemBoard({
  health,
  onSelect = focusStage,
  serviceKey,
}: {
  health: readonly StageHealth[];
  onSelect?: (stageId: string) => void;
  /** The service's key: problems with Kaizen sheets link them (absent: no links). */
  serviceKey?: string;
}) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const withProblems = health.filter((h) => h.problems.length > 0);
  const total = withProblems.reduce((n, h) => n + h.problems.length, 0);
  return (
    <section
      aria-label="Open problems"
      data-testid="problem-board"
      data-problems={total}
      data-expanded={total > 0 ? expanded : undefined}
      className="px-4 pb-2 sm:px-6"
    >
      {total === 0 ? (
        <p
          data-testid="problem-board-green"
          className="flex items-center gap-2 rounded-lg bg-emerald-100 px-3 py-1 text-base font-bold text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          <span aria-hidden="true">✓</span> No open problems: every stage is green
        </p>
      ) : (
        <div className={`flex gap-2 ${expanded ? "flex-col sm:flex-row sm:items-start" : "items-stretch"}`}>
          <h2 className="flex min-w-0 max-sm:flex-1 sm:shrink-0">
            <button
              type="button"
              aria-expanded={expanded}
              aria-controls={listId}
              data-testid="problem-board-toggle"
              onClick={() => setExpanded((e) => !e)}
              className="flex w-full min-w-0 items-center gap-2 rounded-lg bg-slate-900 px-3 py-1 text-left text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300"
            >
              <span className="flex min-w-0 flex-col">
                <span className="text-base font-bold">
                  {total} open {total === 1 ? "problem" : "problems"}
                </span>
                <span data-testid="problem-board-kinds" className={`text-sm ${expanded ? "sm:max-w-xs" : "truncate sm:max-w-[16rem]"}`}>
                  {problemKindSummary(withProblems)}
                </span>
              </span>
              <span aria-hidden="true" className={`ml-auto text-lg transition-transform ${expanded ? "rotate-180" : ""}`}>
                ▾
              </span>
              <span className="sr-only">{expanded ? ", hide the details" : ", show every problem"}</span>
            </button>
          </h2>
          <ul
            id={listId}
            aria-label="Stages with problems"
            // Folded: one row that scrolls sideways (on a phone only the toggle: the stage picker
            // below names each stage's problems). Unfolded: every problem in full, the list
            // scrolling by itself so the board keeps its share of the screen. Positioned, so the
            // visually hidden (absolute) words inside cannot escape the scroll box and widen the page.
            className={
              expanded
                ? "relative flex max-h-[45dvh] min-w-0 flex-wrap items-stretch gap-2 overflow-y-auto"
                : "relative flex min-w-0 flex-1 items-stretch gap-2 overflow-x-auto max-sm:hidden"
            }
          >
            {withProblems.map((h) => {
              const stop = h.andons.length > 0;
              const bad = h.problems.some((p) => problemTone(p.kind) !== "warn");
              const messages = h.problems.map((p) => p.message).join(" · ");
              const sheets = serviceKey ? stageSheetLinks(serviceKey, h) : [];
              return (
                <li key={h.stageId} className={`flex shrink-0 gap-1 ${expanded ? "max-w-full flex-col sm:max-w-md" : ""}`}>
                  <button
                    type="button"
                    data-testid="problem-board-stage"
                    data-stage-id={h.stageId}
                    title={expanded ? undefined : messages}
                    onClick={() => {
                      setExpanded(false);
                      onSelect(h.stageId);
                    }}
                    className={`flex flex-col items-start rounded-lg px-3 py-1 text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 ${
                      expanded ? "max-w-full" : "max-w-[18rem]"
                    } ${
                      stop
                        ? "bg-red-700 text-white hover:bg-red-800"
                        : bad
                          ? "border-2 border-red-600 bg-red-50 text-red-950 hover:bg-red-100 dark:bg-red-950 dark:text-red-50"
                          : "border-2 border-amber-500 bg-amber-50 text-amber-950 hover:bg-amber-100 dark:bg-amber-950 dark:text-amber-50"
                    }`}
                  >
                    <span className="max-w-full truncate text-base font-bold">
                      {h.stageName} · {h.problems.length}
                      <span className="sr-only"> {h.problems.length === 1 ? "problem" : "problems"}, go to the stage</span>
                    </span>
                    <span className={`max-w-full text-sm leading-snug ${expanded ? "" : "truncate"}`}>{messages}</span>
                  </button>
                  {sheets.length > 0 && (
                    <ul aria-label={`Problem sheets of ${h.stageName}`} className={`flex gap-1 ${expanded ? "flex-col" : "flex-col justify-center"}`}>
                      {sheets.map((s) => (
                        <li key={s.href} className="flex">
                          <Link
                            href={s.href}
                            data-testid="problem-board-sheet"
                            title={expanded ? undefined : s.label}
                            aria-label={expanded ? undefined : `Problem sheet: ${s.label}, ${h.stageName}`}
                            className="rounded-md px-2 py-0.5 text-sm font-semibold whitespace-nowrap text-sky-800 underline underline-offset-4 hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-300 dark:hover:bg-sky-950"
                          >
                            {expanded ? (
                              <span className="whitespace-normal">Problem sheet: {s.label}</span>
                            ) : (
                              "Sheet"
                            )}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
