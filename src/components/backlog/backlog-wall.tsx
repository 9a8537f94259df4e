"use client";

import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useCallback, useMemo, useReducer, useState } from "react";
import { matchesFilter, neighboursAt, type BacklogFilter } from "@/domain/backlog";
import type { ErrorBody } from "@/lib/errors";
import type { TBacklog } from "@/lib/schemas/backlog";
import { ITEM_KINDS } from "@/lib/schemas/item";
import { ConnectionStatus } from "@/components/wall/connection-status";
import { useWallFeed } from "@/components/wall/use-wall-feed";
import { BacklogRow, KIND_LABEL } from "./backlog-row";
import { backlogReducer, initialBacklogState, type ReorderMove } from "./backlog-state";
import { NewItemButton } from "@/components/create/new-item-button";
import { ImportExport } from "./import-export";
import { StoryPanel } from "./story-panel";

type Props = {
  backlog: TBacklog;
  // From the permission matrix on the server; the API checks again on every request.
  canReorder: boolean;
  canEditStories: boolean;
  canImport: boolean;
};

const select =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-base dark:border-slate-600 dark:bg-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500";

export function BacklogWall({ backlog, canReorder, canEditStories, canImport }: Props) {
  const [state, dispatch] = useReducer(backlogReducer, backlog, initialBacklogState);
  const [filter, setFilter] = useState<BacklogFilter>({});
  const [expanded, setExpanded] = useState<string | null>(null);
  const [storyRevision, setStoryRevision] = useState(0);
  const serviceId = backlog.service.id;

  const reload = useCallback(async () => {
    const res = await fetch(`/api/v1/services/${encodeURIComponent(serviceId)}/backlog`, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`backlog ${res.status}`);
    const fresh = (await res.json()) as TBacklog;
    dispatch({ type: "reset", backlog: fresh });
    return fresh.seq;
  }, [serviceId]);

  const status = useWallFeed({
    serviceId,
    seq: backlog.seq,
    onEvent: (event) => {
      dispatch({ type: "event", event });
      if ((event.type === "story.created" || event.type === "story.updated") && event.payload.itemId === expanded) {
        setStoryRevision((r) => r + 1);
      }
    },
    reload,
  });

  const stageName = useMemo(() => new Map(backlog.stages.map((s) => [s.id, s.name])), [backlog.stages]);
  const teamName = useMemo(() => new Map(backlog.teams.map((t) => [t.id, t.name])), [backlog.teams]);
  const labels = useMemo(() => [...new Set(state.items.flatMap((i) => i.labels))].sort(), [state.items]);
  const visible = useMemo(() => state.items.filter((i) => matchesFilter(i, filter)), [state.items, filter]);
  const ids = useMemo(() => visible.map((i) => i.id), [visible]);
  const positionOf = useMemo(() => new Map(state.items.map((i, k) => [i.id, k + 1])), [state.items]);
  const titleOf = useCallback((id: string | number) => state.items.find((i) => i.id === id)?.title ?? "item", [state.items]);

  const reorder = useCallback(
    async (move: ReorderMove) => {
      dispatch({ type: "reorder.start", move });
      try {
        const res = await fetch(`/api/v1/services/${encodeURIComponent(serviceId)}/backlog/reorder`, {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(move),
        });
        const body: unknown = await res.json().catch(() => null);
        if (res.ok) {
          const { rank } = body as { rank: string };
          dispatch({ type: "reorder.confirmed", itemId: move.itemId, rank });
          return;
        }
        const message = (body as ErrorBody | null)?.error.message ?? `error ${res.status}`;
        dispatch({ type: "reorder.failed", itemId: move.itemId, message: `“${titleOf(move.itemId)}” was not moved: ${message}` });
      } catch {
        dispatch({ type: "reorder.failed", itemId: move.itemId, message: `“${titleOf(move.itemId)}” was not moved: the server did not answer.` });
      }
    },
    [serviceId, titleOf],
  );

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = ids.indexOf(String(active.id));
    const to = ids.indexOf(String(over.id));
    if (from < 0 || to < 0) return;
    void reorder({ itemId: String(active.id), ...neighboursAt(arrayMove(ids, from, to), String(active.id)) });
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up “${titleOf(active.id)}”, position ${ids.indexOf(String(active.id)) + 1} of ${ids.length}.`,
    onDragOver: ({ active, over }) => (over ? `“${titleOf(active.id)}” is over position ${ids.indexOf(String(over.id)) + 1}.` : undefined),
    onDragEnd: ({ active, over }) => (over ? `“${titleOf(active.id)}” dropped at position ${ids.indexOf(String(over.id)) + 1}.` : `“${titleOf(active.id)}” dropped.`),
    onDragCancel: ({ active }) => `Reordering “${titleOf(active.id)}” cancelled.`,
  };

  const filtered = Object.values(filter).some(Boolean);
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-4 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold sm:text-3xl">{backlog.service.name}: backlog</h1>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {canImport && <NewItemButton serviceId={serviceId} stages={backlog.stages} />}
          <ConnectionStatus status={status} />
        </div>
      </div>

      {state.notices.map((n) => (
        <div key={n.id} role="alert" className="flex items-start justify-between gap-4 rounded-lg bg-red-100 px-4 py-3 font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
          <span>{n.text}</span>
          <button type="button" onClick={() => dispatch({ type: "notice.dismiss", id: n.id })} className="text-sm underline underline-offset-4">
            Dismiss
          </button>
        </div>
      ))}

      <form className="flex flex-wrap items-end gap-3" aria-label="Filter the backlog" onSubmit={(e) => e.preventDefault()}>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Kind
          <select aria-label="Filter by kind" className={select} value={filter.kind ?? ""} onChange={(e) => setFilter({ ...filter, kind: e.target.value || undefined })}>
            <option value="">All kinds</option>
            {ITEM_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k].label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Stage
          <select aria-label="Filter by stage" className={select} value={filter.stageId ?? ""} onChange={(e) => setFilter({ ...filter, stageId: e.target.value || undefined })}>
            <option value="">All stages</option>
            {backlog.stages
              .filter((s) => !s.retired && s.id !== backlog.doneStageId)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Label
          <select aria-label="Filter by label" className={select} value={filter.label ?? ""} onChange={(e) => setFilter({ ...filter, label: e.target.value || undefined })}>
            <option value="">All labels</option>
            {labels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Team
          <select aria-label="Filter by team" className={select} value={filter.teamId ?? ""} onChange={(e) => setFilter({ ...filter, teamId: e.target.value || undefined })}>
            <option value="">All teams</option>
            {backlog.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button type="button" onClick={() => setFilter({})} className="py-1.5 text-base underline underline-offset-4">
            Clear filters
          </button>
        )}
        <p className="ml-auto text-base text-slate-600 dark:text-slate-400" data-testid="backlog-count">
          {visible.length} of {state.items.length} items
        </p>
      </form>

      {visible.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-10 text-center text-lg dark:border-slate-700">
          {state.items.length === 0 ? "The backlog is empty." : "No item matches these filters."}
        </p>
      ) : (
        <DndContext
          id="backlog-dnd"
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{
            announcements,
            screenReaderInstructions: { draggable: "To reorder, press space, move with the up and down arrow keys, and press space again to drop, or escape to cancel." },
          }}
        >
          <SortableContext items={ids} strategy={verticalListSortingStrategy}>
            <ol className="flex flex-col gap-2" aria-label="Backlog, highest priority first" data-testid="backlog-list">
              {visible.map((item) => (
                <BacklogRow
                  key={item.id}
                  item={item}
                  position={positionOf.get(item.id) ?? 0}
                  stageName={stageName.get(item.stageId) ?? "unknown stage"}
                  teamName={item.teamId ? (teamName.get(item.teamId) ?? null) : null}
                  canReorder={canReorder}
                  pending={Boolean(state.pending[item.id])}
                  expanded={expanded === item.id}
                  onToggle={() => setExpanded(expanded === item.id ? null : item.id)}
                >
                  <StoryPanel itemId={item.id} canEdit={canEditStories} revision={storyRevision} />
                </BacklogRow>
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
      <ImportExport serviceId={serviceId} canImport={canImport} />
    </div>
  );
}
