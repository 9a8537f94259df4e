"use client";

import { useState } from "react";
import { PIPELINE_STATUSES, type PipelineStatus } from "@/domain/releases";
import type { TGateCriterion, TRelease, TReleaseWall } from "@/lib/schemas/release";
import { callApi } from "@/lib/api-client";
import { DecisionForm } from "./decision-form";
import { DecisionHistory } from "./decision-history";
import { OUTCOME_LABEL, PIPELINE_LABEL, formatUtc, formatUtcDay } from "./format";
import type { ReleasePermissions } from "./release-wall";

type Props = {
  release: TRelease;
  criteria: TGateCriterion[];
  candidates: TReleaseWall["candidates"];
  permissions: ReleasePermissions;
  onChanged: () => void;
};

function GateBadge({ release }: { release: TRelease }) {
  const standing = release.decisions[0];
  const look = !standing
    ? { text: "Undecided", cls: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100" }
    : standing.outcome === "GO"
      ? { text: "GO", cls: "bg-emerald-600 text-white" }
      : { text: "NO-GO", cls: "bg-red-700 text-white" };
  return (
    <span data-testid="gate-status" className={`rounded px-2 py-0.5 text-sm font-bold ${look.cls}`}>
      {look.text}
    </span>
  );
}

export function ReleaseCard({ release, criteria, candidates, permissions, onChanged }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [addItemId, setAddItemId] = useState("");
  const standing = release.decisions[0] ?? null;

  async function run(method: string, path: string, body: unknown) {
    setBusy(true);
    setError(null);
    const res = await callApi(method, path, body);
    setBusy(false);
    if (!res.ok) setError(res.message);
    onChanged();
    return res.ok;
  }

  const setPipeline = (pipelineStatus: PipelineStatus) =>
    run("PATCH", `/api/v1/releases/${release.id}`, { expectedVersion: release.version, pipelineStatus });
  const changeItems = (change: { add?: string[]; remove?: string[] }) =>
    run("POST", `/api/v1/releases/${release.id}/items`, { expectedVersion: release.version, ...change });

  return (
    <article
      data-testid="release"
      data-release-name={release.name}
      aria-labelledby={`release-${release.id}`}
      className="space-y-4 rounded-lg bg-white p-4 shadow-sm dark:bg-slate-900"
    >
      <header className="flex flex-wrap items-center gap-3">
        <h2 id={`release-${release.id}`} className="text-xl font-bold">
          Release {release.name}
        </h2>
        <GateBadge release={release} />
        <span className="text-sm text-slate-600 dark:text-slate-400">Target {formatUtcDay(release.targetDate)}</span>
        <span className="text-sm">
          Pipeline:{" "}
          {permissions.manage ? (
            <select
              aria-label={`Pipeline status of release ${release.name}`}
              value={release.pipelineStatus}
              disabled={busy}
              onChange={(e) => void setPipeline(e.target.value as PipelineStatus)}
              className="rounded border border-slate-300 bg-white px-1 dark:border-slate-600 dark:bg-slate-800"
            >
              {PIPELINE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {PIPELINE_LABEL[s]}
                </option>
              ))}
            </select>
          ) : null}
          <strong className={permissions.manage ? "hidden print:inline" : ""}>{PIPELINE_LABEL[release.pipelineStatus]}</strong>
        </span>
        <span className="text-sm" data-testid="may-deploy">
          {release.mayDeploy ? "May deploy" : "May not deploy"}
          {standing ? ` (${OUTCOME_LABEL[standing.outcome]} of ${formatUtc(standing.decidedAt)})` : ""}
        </span>
      </header>

      {error && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}

      <section aria-label={`Items of release ${release.name}`}>
        <h3 className="mb-1 font-semibold">Items ({release.items.length})</h3>
        {release.items.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No items yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700">
            {release.items.map((item) => (
              <li key={item.id} data-testid="release-item" className="flex items-center justify-between gap-2 py-1">
                <span>
                  {item.title} <span className="text-slate-600 dark:text-slate-400">— {item.stageName}</span>
                </span>
                {permissions.manage && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void changeItems({ remove: [item.id] })}
                    className="rounded px-2 text-xs text-red-700 underline hover:bg-red-50 dark:text-red-300"
                  >
                    Remove<span className="sr-only"> {item.title}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {permissions.manage && candidates.length > 0 && (
          <form
            className="mt-2 flex flex-wrap items-center gap-2 text-sm"
            onSubmit={(e) => {
              e.preventDefault();
              if (addItemId) void changeItems({ add: [addItemId] }).then((ok) => ok && setAddItemId(""));
            }}
          >
            <label htmlFor={`add-item-${release.id}`}>Add an item</label>
            <select
              id={`add-item-${release.id}`}
              value={addItemId}
              onChange={(e) => setAddItemId(e.target.value)}
              className="max-w-full min-w-0 rounded border border-slate-300 bg-white px-1 sm:max-w-md dark:border-slate-600 dark:bg-slate-800"
            >
              <option value="">Choose…</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title} ({c.stageName})
                </option>
              ))}
            </select>
            <button type="submit" disabled={busy || !addItemId} className="rounded bg-sky-700 px-2 py-0.5 font-medium text-white disabled:opacity-50">
              Add
            </button>
          </form>
        )}
      </section>

      {permissions.decide && (
        <DecisionForm release={release} criteria={criteria} standingId={standing?.id ?? null} onRecorded={onChanged} />
      )}

      <DecisionHistory release={release} />

      {release.deployments.length > 0 && (
        <section aria-label={`Deployments of release ${release.name}`}>
          <h3 className="mb-1 font-semibold">Deployments</h3>
          <ul className="text-sm">
            {release.deployments.map((d) => (
              <li key={d.id} data-testid="deployment">
                {d.environment}: <strong>{d.result === "SUCCESS" ? "success" : "failure"}</strong>, {formatUtc(d.startedAt)} →{" "}
                {formatUtc(d.finishedAt)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
