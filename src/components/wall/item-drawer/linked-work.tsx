import Link from "next/link";
import type { TItemDetail } from "@/lib/schemas/item-detail";
import { formatUtc } from "./format";

const STORY_KIND = { USER: "User story", TEST: "Test story", OPERATIONS: "Operations story" } as const;
const RESULT = {
  PASSED: { label: "passed", className: "text-emerald-800 dark:text-emerald-300" },
  FAILED: { label: "FAILED", className: "font-bold text-red-700 dark:text-red-300" },
  NOT_RUN: { label: "not run", className: "text-slate-600 dark:text-slate-400" },
} as const;
const linkClass = "font-medium text-sky-800 underline underline-offset-4 dark:text-sky-300";

/** User, test and operations stories; failing test cases stand out. */
export function StoriesSummary({ detail }: { detail: TItemDetail }) {
  const { stories, storyCounts: n, service } = detail;
  return (
    <div>
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="story-counts">
        {n.user} user · {n.test} test · {n.operations} operations
        {n.failingTests > 0 && (
          <span className="ml-2 rounded bg-red-100 px-2 py-0.5 font-semibold text-red-900 dark:bg-red-950 dark:text-red-200">
            {n.failingTests} failing {n.failingTests === 1 ? "test" : "tests"}
          </span>
        )}
      </p>
      {stories.length === 0 ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400">No stories yet.</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-2">
          {stories.map((s) => (
            <li key={s.id} className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
              <p>
                <span className="text-sm text-slate-600 dark:text-slate-400">{STORY_KIND[s.kind]}: </span>
                <span className="font-medium">{s.title}</span>
              </p>
              {s.kind === "USER" && s.asRole && (
                <p className="text-sm">
                  As {s.asRole}, I want {s.function}, so that {s.businessReason}.
                </p>
              )}
              {s.kind === "OPERATIONS" && (
                <p className="text-sm">
                  Priority {s.servicePriority}
                  {s.sla ? ` · SLA ${s.sla}` : ""}
                  {s.ola ? ` · OLA ${s.ola}` : ""}
                </p>
              )}
              {s.testCases.length > 0 && (
                <ul className="mt-1 text-sm">
                  {s.testCases.map((t) => (
                    <li key={t.id} data-result={t.result} className={t.result === "FAILED" ? "rounded bg-red-50 px-1 dark:bg-red-950" : ""}>
                      {t.title}: <span className={RESULT[t.result].className}>{RESULT[t.result].label}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-sm">
        <Link className={linkClass} href={`/services/${service.key}/backlog`}>
          Stories on the backlog wall
        </Link>
      </p>
    </div>
  );
}

const RFC_STATUS = { PENDING: "waiting for approval", APPROVED: "approved", REJECTED: "rejected" } as const;
const PIPELINE = { NOT_STARTED: "not started", RUNNING: "running", PASSED: "passed", FAILED: "failed" } as const;

export function LinkedChange({ detail }: { detail: TItemDetail }) {
  const { rfc, release, service } = detail;
  if (!rfc && !release) return <p className="text-slate-600 dark:text-slate-400">Not raised as an RfC, and in no release.</p>;
  return (
    <div className="flex flex-col gap-3">
      {rfc && (
        <div data-testid="linked-rfc">
          <p>
            <span className="font-medium">{rfc.kind === "RFC" ? "Request for change" : "Maintenance"}</span>: {rfc.title} —{" "}
            <span className="font-semibold">{RFC_STATUS[rfc.status]}</span>
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Raised {rfc.raisedBy ? `by ${rfc.raisedBy.name} ` : ""}
            {formatUtc(rfc.createdAt)}
            {rfc.decidedAt ? ` · decided ${formatUtc(rfc.decidedAt)}` : ""}
          </p>
          {rfc.approvals.length > 0 && (
            <ul className="text-sm">
              {rfc.approvals.map((a) => (
                <li key={a.role}>
                  {a.role === "SERVICE_MASTER" ? "Service Master" : "Reliability engineer"} {a.by.name}:{" "}
                  {a.decision === "APPROVE" ? "approved" : "rejected"}
                  {a.reason ? ` (“${a.reason}”)` : ""}, {formatUtc(a.createdAt)}
                </li>
              ))}
            </ul>
          )}
          <Link className={`${linkClass} text-sm`} href={`/services/${service.key}/changes`}>
            Change wall
          </Link>
        </div>
      )}
      {release && (
        <div data-testid="linked-release">
          <p>
            <span className="font-medium">Release {release.name}</span>
            {release.targetDate ? `, target ${release.targetDate.slice(0, 10)}` : ""} · pipeline {PIPELINE[release.pipelineStatus]}
          </p>
          <p className="text-sm">
            {release.latestDecision ? (
              <>
                Standing decision:{" "}
                <span className={release.latestDecision.outcome === "GO" ? "font-bold text-emerald-800 dark:text-emerald-300" : "font-bold text-red-700 dark:text-red-300"}>
                  {release.latestDecision.outcome === "GO" ? "GO" : "NO-GO"}
                </span>{" "}
                by {release.latestDecision.decidedBy.name}, {formatUtc(release.latestDecision.decidedAt)}
                {release.latestDecision.comment ? ` — “${release.latestDecision.comment}”` : ""}
              </>
            ) : (
              "No go/no-go decision yet."
            )}
          </p>
          <Link className={`${linkClass} text-sm`} href={`/services/${service.key}/releases`}>
            Release wall
          </Link>
        </div>
      )}
    </div>
  );
}
