"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { ItemKind } from "@/lib/schemas/item";
import type { TBacklogItem } from "@/lib/schemas/backlog";

export const KIND_LABEL: Record<ItemKind, { label: string; className: string }> = {
  FEATURE: { label: "Feature", className: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100" },
  RFC: { label: "RfC", className: "bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100" },
  MAINTENANCE: { label: "Maintenance", className: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100" },
  DEFECT: { label: "Defect", className: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100" },
  IMPROVEMENT: { label: "Improvement", className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" },
};

const money = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

type Props = {
  item: TBacklogItem;
  position: number;
  stageName: string;
  teamName: string | null;
  canReorder: boolean;
  pending: boolean;
  expanded: boolean;
  onToggle: () => void;
  children?: React.ReactNode;
};

export function BacklogRow({ item, position, stageName, teamName, canReorder, pending, expanded, onToggle, children }: Props) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: item.id,
    disabled: !canReorder,
  });
  const kind = KIND_LABEL[item.kind];
  const s = item.stories;
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid="backlog-item"
      data-item-id={item.id}
      data-kind={item.kind}
      aria-busy={pending || undefined}
      className={`rounded-lg border bg-white shadow-sm dark:bg-slate-900 ${
        isDragging ? "z-10 ring-2 ring-sky-500" : ""
      } ${item.blockedReason ? "border-l-8 border-red-500" : "border-slate-200 dark:border-slate-700"} ${pending ? "opacity-80" : ""}`}
    >
      {/* On a phone the numbers and the Stories button wrap under the title rather than squeezing it to a letter a line. */}
      <div className="flex flex-wrap items-center gap-3 p-3">
        {canReorder && (
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            data-testid="drag-handle"
            aria-label={`Reorder “${item.title}”: press space, then the arrow keys, then space to drop`}
            className="flex h-10 w-8 shrink-0 cursor-grab touch-none items-center justify-center rounded text-xl text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 active:cursor-grabbing dark:hover:bg-slate-800"
          >
            <span aria-hidden="true">⠿</span>
          </button>
        )}
        <span className="w-8 shrink-0 text-right text-lg font-semibold text-slate-500 tabular-nums" data-testid="backlog-position">
          {position}
        </span>
        <div className="min-w-0 flex-1 basis-48">
          <h3 className="text-lg leading-snug font-semibold break-words" data-testid="backlog-title">
            {item.title}
          </h3>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-sm">
            <span className={`rounded px-2 py-0.5 font-medium ${kind.className}`}>{kind.label}</span>
            <span className="text-slate-600 dark:text-slate-400">{stageName}</span>
            {teamName && <span className="text-slate-600 dark:text-slate-400">· {teamName}</span>}
            {item.labels.map((l) => (
              <span key={l} className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                {l}
              </span>
            ))}
            {s.failingTests > 0 && (
              <span className="rounded bg-red-600 px-2 py-0.5 font-semibold text-white" data-testid="failing-tests">
                {s.failingTests} failing {s.failingTests === 1 ? "test" : "tests"}
              </span>
            )}
          </div>
          {item.blockedReason && <p className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">Blocked: {item.blockedReason}</p>}
        </div>
        <dl className="ml-auto grid shrink-0 grid-cols-2 gap-x-4 text-right text-sm">
          <dt className="text-slate-500">Value</dt>
          <dt className="text-slate-500">Cost</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="business-value">
            {item.businessValue ?? "–"}
          </dd>
          <dd className="text-lg font-semibold tabular-nums" data-testid="cost-estimate">
            {item.costEstimate === null ? "–" : money.format(item.costEstimate)}
          </dd>
        </dl>
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={expanded}
          className="shrink-0 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Stories ({s.user + s.test + s.operations})
        </button>
      </div>
      {expanded && <div className="border-t border-slate-200 p-3 dark:border-slate-700">{children}</div>}
    </li>
  );
}
