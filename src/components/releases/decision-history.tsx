import type { TGateDecision, TRelease } from "@/lib/schemas/release";
import { OUTCOME_LABEL, RESULT_LABEL, formatUtc } from "./format";

const notDoneCount = (d: TGateDecision) => d.snapshot.items.filter((i) => i.notDone).length;

/** Every decision of a release, newest (standing) first, in full: the audit trail that is printed. */
export function DecisionHistory({ release }: { release: TRelease }) {
  return (
    <section aria-label={`Decision history of release ${release.name}`}>
      <h3 className="mb-2 font-semibold">Decision history ({release.decisions.length})</h3>
      {release.decisions.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No go/no-go decision yet.</p>
      ) : (
        <ol className="space-y-3">
          {release.decisions.map((d) => (
            <li
              key={d.id}
              data-testid="decision"
              data-outcome={d.outcome}
              className={`space-y-2 rounded border p-3 text-sm ${
                d.supersededById ? "border-slate-200 dark:border-slate-700" : "border-slate-400 dark:border-slate-500"
              }`}
            >
              <p className="flex flex-wrap items-baseline gap-x-3">
                <strong className={`text-base ${d.outcome === "GO" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}>
                  {OUTCOME_LABEL[d.outcome]}
                </strong>
                <span>
                  by <strong>{d.decidedBy.name}</strong> at <time dateTime={d.decidedAt}>{formatUtc(d.decidedAt)}</time>
                </span>
                <span className="text-slate-600 dark:text-slate-400">{d.supersededById ? "Superseded" : "Standing"}</span>
                <span className="text-xs text-slate-500">Decision {d.id}{d.supersedesId ? `, supersedes ${d.supersedesId}` : ""}</span>
              </p>
              {d.comment && <p className="whitespace-pre-wrap">{d.comment}</p>}
              {d.overrideReason && (
                <p data-testid="override-reason" className="rounded border border-amber-400 bg-amber-50 p-2 dark:border-amber-600 dark:bg-amber-950">
                  <strong>GO over {notDoneCount(d)} item{notDoneCount(d) === 1 ? "" : "s"} not done.</strong> Reason to go anyway:{" "}
                  <span className="whitespace-pre-wrap">{d.overrideReason}</span>
                </p>
              )}
              <table className="w-full">
                <caption className="text-left font-medium">Assessment</caption>
                <tbody>
                  {d.assessments.map((a) => (
                    <tr key={a.criterionId} data-testid="assessment" data-result={a.result}>
                      <th scope="row" className="w-48 py-0.5 pr-2 text-left font-normal">
                        {a.criterionName}
                      </th>
                      <td className="w-20 py-0.5 pr-2 font-semibold">{RESULT_LABEL[a.result]}</td>
                      <td className="py-0.5">{a.reason ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {d.evidence.length > 0 && (
                <div>
                  <p className="font-medium">Evidence</p>
                  <ul className="list-disc pl-5">
                    {d.evidence.map((url) => (
                      <li key={url} className="break-all">
                        <a href={url} rel="noreferrer noopener" target="_blank" className="text-sky-700 underline dark:text-sky-400">
                          {url}
                        </a>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <table className="w-full">
                <caption className="text-left font-medium">
                  Decided on {d.snapshot.items.length} item{d.snapshot.items.length === 1 ? "" : "s"} (snapshot of {formatUtc(d.snapshot.takenAt)})
                </caption>
                <thead>
                  <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
                    <th className="pr-2 font-normal">Item</th>
                    <th className="pr-2 font-normal">Stage</th>
                    <th className="font-normal">Done-criteria of the stage</th>
                  </tr>
                </thead>
                <tbody>
                  {d.snapshot.items.map((i) => (
                    <tr key={i.id}>
                      <td className="py-0.5 pr-2">{i.title}</td>
                      <td className="py-0.5 pr-2">{i.stageName || i.stageKey}</td>
                      <td className="py-0.5">
                        {d.snapshot.release.version === 0
                          ? "not recorded"
                          : `${i.criteriaTotal > 0 ? `${i.criteriaMet}/${i.criteriaTotal} met` : "none"} — ${i.done ? "done" : "not done"}`}
                        {i.notDone && <span className="block text-amber-800 dark:text-amber-300">Not ready for the release: {i.notDone}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
