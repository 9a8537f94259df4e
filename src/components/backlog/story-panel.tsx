"use client";

import { useCallback, useEffect, useState } from "react";
import type { ErrorBody } from "@/lib/errors";
import type { TStory } from "@/lib/schemas/story";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";

type Props = {
  itemId: string;
  canEdit: boolean;
  // Bumped by the backlog when a story event for this item arrives: reload the stories.
  revision: number;
};

const RESULT_LOOK = {
  PASSED: "text-emerald-700 dark:text-emerald-400",
  FAILED: "font-semibold text-red-700 dark:text-red-400",
  NOT_RUN: "text-slate-600 dark:text-slate-400",
} as const;

const input =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-base dark:border-slate-600 dark:bg-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500";

async function send(url: string, method: string, body: unknown): Promise<string | null> {
  const res = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.ok) return null;
  const err = (await res.json().catch(() => null)) as ErrorBody | null;
  return err?.error.message ?? `Error ${res.status}`;
}

export function StoryPanel({ itemId, canEdit, revision }: Props) {
  const [stories, setStories] = useState<TStory[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (): Promise<TStory[] | string> => {
    const res = await fetch(`/api/v1/stories?itemId=${encodeURIComponent(itemId)}`, { credentials: "same-origin" });
    if (res.ok) return ((await res.json()) as { stories: TStory[] }).stories;
    return `Could not load the stories (${res.status}).`;
  }, [itemId]);

  const show = useCallback((loaded: TStory[] | string) => {
    if (typeof loaded === "string") setError(loaded);
    else setStories(loaded);
  }, []);

  useEffect(() => {
    let live = true;
    load().then((loaded) => live && show(loaded), () => live && setError("Could not load the stories."));
    return () => {
      live = false;
    };
  }, [load, show, revision]);

  const act = async (p: Promise<string | null>) => {
    const message = await p;
    const loaded = await load();
    show(loaded);
    setError(message ?? (typeof loaded === "string" ? loaded : null));
  };

  if (!stories) return <p className="text-base text-slate-600">Loading stories…</p>;
  return (
    <div className="flex flex-col gap-3" data-testid="story-panel">
      {error && (
        <p role="alert" className="rounded bg-red-100 px-3 py-2 text-red-900 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
      {stories.length === 0 && <p className="text-base text-slate-600 dark:text-slate-400">No stories yet.</p>}
      {stories.map((s) => (
        <section key={s.id} className="rounded-md bg-slate-50 p-3 dark:bg-slate-800" aria-label={`${s.kind.toLowerCase()} story ${s.title}`}>
          <h4 className="font-semibold">
            <span className="mr-2 text-sm tracking-wide text-slate-500 uppercase">{s.kind === "USER" ? "User" : s.kind === "TEST" ? "Test" : "Operations"}</span>
            {s.title}
          </h4>
          {s.kind === "USER" && (
            <p className="mt-1">
              As <em>{s.asRole}</em>, I want {s.function}, so that {s.businessReason}.
              {s.conditionsOfOperation && <span className="block text-sm text-slate-600 dark:text-slate-400">Conditions of operation: {s.conditionsOfOperation}</span>}
            </p>
          )}
          {s.kind === "OPERATIONS" && (
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
              <dt className="text-slate-500">Priority</dt>
              <dd>{s.servicePriority}</dd>
              <dt className="text-slate-500">Continuity</dt>
              <dd>{s.continuityConditions || "–"}</dd>
              <dt className="text-slate-500">SLA</dt>
              <dd>{s.sla || "–"}</dd>
              <dt className="text-slate-500">OLA</dt>
              <dd>{s.ola || "–"}</dd>
            </dl>
          )}
          {s.kind === "TEST" && (
            <>
              {s.serviceAcceptanceCriteria && <p className="mt-1 text-sm">Service acceptance criteria: {s.serviceAcceptanceCriteria}</p>}
              <ul className="mt-2 flex flex-col gap-1">
                {s.testCases.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center gap-2 text-sm" data-testid="test-case" data-result={c.result}>
                    <span className="flex-1">
                      {c.title}
                      {c.expected && <span className="text-slate-500"> → {c.expected}</span>}
                    </span>
                    {canEdit ? (
                      <select
                        aria-label={`Result of “${c.title}”`}
                        value={c.result}
                        onChange={(e) => void act(send(`/api/v1/test-cases/${c.id}`, "PATCH", { result: e.target.value, expectedVersion: s.version }))}
                        className={`rounded border border-slate-300 px-1 py-0.5 dark:border-slate-600 dark:bg-slate-900 ${RESULT_LOOK[c.result]}`}
                      >
                        <option value="NOT_RUN">Not run</option>
                        <option value="PASSED">Passed</option>
                        <option value="FAILED">Failed</option>
                      </select>
                    ) : (
                      <span className={RESULT_LOOK[c.result]}>{c.result === "NOT_RUN" ? "Not run" : c.result === "PASSED" ? "Passed" : "Failed"}</span>
                    )}
                  </li>
                ))}
              </ul>
              {canEdit && <AddTestCase onAdd={(title) => act(send(`/api/v1/stories/${s.id}/test-cases`, "POST", { title, expectedVersion: s.version }))} />}
            </>
          )}
        </section>
      ))}
      {canEdit && <AddStory itemId={itemId} onCreate={(body) => act(send("/api/v1/stories", "POST", body))} />}
    </div>
  );
}

function AddTestCase({ onAdd }: { onAdd: (title: string) => Promise<void> }) {
  const [title, setTitle] = useState("");
  const { busy, run } = useSubmit();
  return (
    <form
      className="mt-2 flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim()) void run(() => onAdd(title.trim()).then(() => setTitle("")));
      }}
    >
      <input className={input} aria-label="New acceptance test case" placeholder="New acceptance test case" value={title} onChange={(e) => setTitle(e.target.value)} />
      <SubmitButton busy={busy} className="shrink-0 rounded-md bg-slate-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-600 disabled:opacity-60">
        Add case
      </SubmitButton>
    </form>
  );
}

const FIELDS = {
  USER: [
    ["asRole", "As a (role)", true],
    ["function", "I want (function)", true],
    ["businessReason", "So that (business value or reason)", true],
    ["conditionsOfOperation", "Conditions of operation", false],
  ],
  TEST: [["serviceAcceptanceCriteria", "Service acceptance criteria", false]],
  OPERATIONS: [
    ["servicePriority", "Service priority", true],
    ["continuityConditions", "Conditions for business continuity", false],
    ["sla", "SLA", false],
    ["ola", "OLA", false],
  ],
} as const;

function AddStory({ itemId, onCreate }: { itemId: string; onCreate: (body: object) => Promise<void> }) {
  const [kind, setKind] = useState<keyof typeof FIELDS>("USER");
  const [open, setOpen] = useState(false);
  const { busy, run } = useSubmit();
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="self-start rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
        Add a story
      </button>
    );
  }
  return (
    <form
      className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 dark:border-slate-700"
      aria-label="New story"
      onSubmit={(e) => {
        e.preventDefault();
        const data = Object.fromEntries(new FormData(e.currentTarget).entries()) as Record<string, string>;
        const cases = (data.testCases ?? "").split("\n").map((t) => t.trim()).filter(Boolean).map((title) => ({ title }));
        delete data.testCases;
        void run(() => onCreate({ ...data, kind, itemId, ...(kind === "TEST" ? { testCases: cases } : {}) }).then(() => setOpen(false)));
      }}
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        Kind
        <select className={input} value={kind} onChange={(e) => setKind(e.target.value as keyof typeof FIELDS)}>
          <option value="USER">User story</option>
          <option value="TEST">Test story</option>
          <option value="OPERATIONS">Operations story</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Title
        <input className={input} name="title" required maxLength={200} />
      </label>
      {FIELDS[kind].map(([name, label, required]) => (
        <label key={name} className="flex flex-col gap-1 text-sm font-medium">
          {label}
          <input className={input} name={name} required={required} />
        </label>
      ))}
      {kind === "TEST" && (
        <label className="flex flex-col gap-1 text-sm font-medium">
          Acceptance test cases (one per line)
          <textarea className={input} name="testCases" rows={3} />
        </label>
      )}
      <div className="flex gap-2">
        <SubmitButton busy={busy} busyLabel="Saving…" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-600 disabled:opacity-60">
          Save story
        </SubmitButton>
        <button type="button" onClick={() => setOpen(false)} className="rounded-md px-3 py-1.5 text-sm underline underline-offset-4">
          Cancel
        </button>
      </div>
    </form>
  );
}
