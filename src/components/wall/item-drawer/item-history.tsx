"use client";

import { useState, type FormEvent } from "react";
import type { TItemHistory } from "@/lib/schemas/item";
import type { TItemDetail } from "@/lib/schemas/item-detail";
import { callApi } from "@/lib/api-client";
import { itemPath } from "./api";
import { buttonClass, formatUtc, inputClass } from "./format";

type Entry = TItemHistory["entries"][number];

// With their article: "an operations story", not "a operations story".
const STORY_KIND: Record<string, string> = { USER: "a user story", TEST: "a test story", OPERATIONS: "an operations story" };
type Tone = "normal" | "bad" | "good";

/** One line per event, in words: who did what (the actor is shown beside it). */
export function describeEntry(e: Entry, detail: TItemDetail, comments: TItemHistory["comments"]): { text: string; tone: Tone } {
  const p = e.payload as Record<string, unknown>;
  const stage = (id: unknown) => detail.stages.find((s) => s.id === id)?.name ?? "a removed stage";
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  switch (e.type) {
    case "item.created":
      return { text: `created it in ${stage((p.item as { stageId?: string } | undefined)?.stageId)}`, tone: "normal" };
    case "item.moved": {
      const expedite = (p.expedite as { reason?: string } | null | undefined)?.reason;
      return {
        text: `moved it from ${stage(p.fromStageId)} to ${stage(p.toStageId)}${expedite ? ` as an expedite: “${expedite}”` : ""}`,
        tone: expedite ? "bad" : "normal",
      };
    }
    case "item.rejected":
      return { text: `sent it back from ${stage(p.fromStageId)} to ${stage(p.toStageId)}: “${str(p.reason)}”`, tone: "bad" };
    case "item.updated":
      return { text: `edited ${(p.fields as string[] | undefined)?.join(", ") || "it"}`, tone: "normal" };
    case "item.blocked":
      return { text: `blocked it: “${str(p.reason)}”`, tone: "bad" };
    case "item.unblocked":
      return { text: "unblocked it", tone: "good" };
    case "item.criteria.checked": {
      const ids = (p.criterionIds as string[] | undefined) ?? [];
      const texts = ids.map((id) => detail.criteria.find((c) => c.id === id)?.text).filter(Boolean);
      const what = texts.length > 0 ? texts.map((t) => `“${t}”`).join(", ") : `a done-criterion of ${stage(p.stageId)}`;
      return { text: `${p.done ? "ticked" : "unticked"} ${what}`, tone: "normal" };
    }
    case "item.commented": {
      const body = str(p.body) || comments.find((c) => c.id === p.commentId)?.body || "";
      return { text: `commented: “${body}”`, tone: "normal" };
    }
    case "item.reordered":
      return { text: "reprioritised it on the backlog", tone: "normal" };
    case "andon.pulled":
      return { text: `pulled the andon: “${str(p.reason)}”`, tone: "bad" };
    case "andon.released":
      return { text: `released the andon${p.countermeasure ? `: countermeasure “${str(p.countermeasure)}”` : ""}`, tone: "good" };
    case "story.created":
      return { text: `added ${STORY_KIND[String(p.kind)] ?? "a story"}`, tone: "normal" };
    case "story.updated":
      return { text: "updated a story", tone: "normal" };
    case "rfc.decided":
      return { text: p.status === "APPROVED" ? "approved the RfC it came from (both keys turned)" : "decided the RfC", tone: "normal" };
    default:
      return { text: e.type, tone: "normal" };
  }
}

const TONE: Record<Tone, string> = {
  normal: "border-slate-300 dark:border-slate-600",
  bad: "border-red-500",
  good: "border-emerald-600",
};

export function ItemHistory({ detail, history }: { detail: TItemDetail; history: TItemHistory | null }) {
  if (!history) return <p className="text-slate-600 dark:text-slate-400">Loading history…</p>;
  if (history.entries.length === 0) return <p className="text-slate-600 dark:text-slate-400">No history yet.</p>;
  // Newest first: what just happened is what people open a card to see.
  const entries = [...history.entries].reverse();
  return (
    <ol className="flex flex-col gap-2" data-testid="item-history">
      {entries.map((e) => {
        const { text, tone } = describeEntry(e, detail, history.comments);
        return (
          <li key={e.seq} data-type={e.type} className={`border-l-4 pl-3 ${TONE[tone]}`}>
            <p>
              <span className="font-semibold">{e.actor?.name ?? "The system"}</span> {text}
            </p>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              <time dateTime={e.createdAt}>{formatUtc(e.createdAt)}</time>
            </p>
          </li>
        );
      })}
    </ol>
  );
}

export function CommentForm({ itemId, onChanged }: { itemId: string; onChanged: () => void }) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (body.trim() === "") {
      setError("Write a comment first.");
      return;
    }
    setBusy(true);
    setError(null);
    const res = await callApi("POST", itemPath(itemId, "/comments"), { body: body.trim() });
    setBusy(false);
    if (!res.ok) {
      setError(res.message);
      return;
    }
    setBody("");
    onChanged();
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2" aria-label="Comment" noValidate>
      <label htmlFor="item-comment" className="text-sm font-medium">
        Comment
      </label>
      <textarea
        id="item-comment"
        className={inputClass}
        rows={2}
        maxLength={5000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "comment-error" : undefined}
      />
      {error && (
        <p id="comment-error" role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className={buttonClass} disabled={busy}>
          {busy ? "Adding…" : "Add comment"}
        </button>
      </div>
    </form>
  );
}
