"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { FormDialog, inputClass, labelClass, openButton, primaryButton, secondaryButton } from "@/components/create/form-dialog";
import { FieldError, fieldAria } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";
import { callApi, fieldErrors } from "@/lib/api-client";
import type { TProposal } from "@/lib/schemas/kaizen";
import { formatDays } from "./kaizen-ui";

type Ref = { id: string; name: string };
type StageRef = Ref & { position: number };

// Kaizen in advance: a downstream stage proposes a change upstream; the upstream stage answers.

export function ProposeButton({ serviceId, stages, onDone }: { serviceId: string; stages: readonly StageRef[]; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  if (stages.length < 2) return null;
  return (
    <>
      <button type="button" className={openButton} onClick={() => setOpen(true)}>
        Propose upstream
      </button>
      {open && (
        <ProposeDialog
          serviceId={serviceId}
          stages={stages}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            onDone();
          }}
        />
      )}
    </>
  );
}

function ProposeDialog({ serviceId, stages, onClose, onDone }: { serviceId: string; stages: readonly StageRef[]; onClose: () => void; onDone: () => void }) {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const id = useId();
  const [fromStageId, setFrom] = useState(ordered.at(-1)?.id ?? "");
  const from = ordered.find((s) => s.id === fromStageId);
  const upstream = ordered.filter((s) => from && s.position < from.position);
  const [toStageId, setTo] = useState(ordered.at(-2)?.id ?? "");
  const [problem, setProblem] = useState("");
  const [proposal, setProposal] = useState("");
  const [expectedEffect, setEffect] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useSubmit();

  const submit = () =>
    run(async () => {
      setFormError(null);
      const res = await callApi<{ id: string }>("POST", `/api/v1/services/${encodeURIComponent(serviceId)}/kaizen-proposals`, {
        fromStageId,
        toStageId,
        problem,
        proposal,
        expectedEffect,
      });
      if (res.ok) return onDone();
      const byField = fieldErrors(res);
      setErrors(byField);
      const first = (["fromStageId", "toStageId", "problem", "proposal", "expectedEffect"] as const).find((f) => byField[f]);
      if (first) requestAnimationFrame(() => document.getElementById(`${id}-${first}`)?.focus());
      else setFormError(res.message);
    });

  const text = (name: "problem" | "proposal" | "expectedEffect", label: string, value: string, set: (v: string) => void) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-${name}`} className={labelClass}>
        {label}
      </label>
      <textarea id={`${id}-${name}`} rows={2} maxLength={1000} value={value} onChange={(e) => set(e.target.value)} className={inputClass} {...fieldAria(`${id}-${name}-error`, errors[name])} />
      <FieldError id={`${id}-${name}-error`} message={errors[name]} />
    </div>
  );

  return (
    <FormDialog testId="propose-dialog" heading="Propose a change upstream" busy={busy} onClose={onClose} onSubmit={() => void submit()}>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-fromStageId`} className={labelClass}>
            From (where you see it)
          </label>
          <select
            id={`${id}-fromStageId`}
            autoFocus
            value={fromStageId}
            onChange={(e) => {
              setFrom(e.target.value);
              const f = ordered.find((s) => s.id === e.target.value);
              const up = ordered.filter((s) => f && s.position < f.position);
              if (!up.some((s) => s.id === toStageId)) setTo(up.at(-1)?.id ?? "");
            }}
            className={inputClass}
            {...fieldAria(`${id}-fromStageId-error`, errors.fromStageId)}
          >
            {ordered.slice(1).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-fromStageId-error`} message={errors.fromStageId} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-toStageId`} className={labelClass}>
            To (the upstream stage)
          </label>
          <select id={`${id}-toStageId`} value={toStageId} onChange={(e) => setTo(e.target.value)} className={inputClass} {...fieldAria(`${id}-toStageId-error`, errors.toStageId)}>
            {upstream.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-toStageId-error`} message={errors.toStageId} />
        </div>
      </div>
      {text("problem", "The problem seen downstream", problem, setProblem)}
      {text("proposal", "The proposed change", proposal, setProposal)}
      {text("expectedEffect", "The expected effect", expectedEffect, setEffect)}
      {formError && (
        <p role="alert" className="rounded-md bg-red-100 px-3 py-2 text-base font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
          {formError}
        </p>
      )}
      <div className="flex justify-end gap-3">
        <button type="button" disabled={busy} onClick={onClose} className={secondaryButton}>
          Cancel
        </button>
        <SubmitButton busy={busy} busyLabel="Sending…" className={primaryButton}>
          Send proposal
        </SubmitButton>
      </div>
    </FormDialog>
  );
}

type CardProps = {
  proposal: TProposal;
  serviceKey: string;
  now: number;
  canAnswer: boolean;
  /** open problems a proposal may become a countermeasure on */
  problems: readonly Ref[];
  people: readonly Ref[];
  onAnswered: () => void;
};

export function ProposalCard({ proposal: p, serviceKey, now, canAnswer, problems, people, onAnswered }: CardProps) {
  const [answering, setAnswering] = useState(false);
  const headingId = useId();
  return (
    <article
      aria-labelledby={headingId}
      data-testid="proposal"
      data-status={p.status}
      id={`proposal-${p.id}`}
      className={`flex flex-col gap-2 rounded-xl border bg-white p-4 shadow-sm dark:bg-slate-900 ${p.waitingTooLong ? "border-amber-500 border-l-4" : "border-slate-200 dark:border-slate-700"}`}
    >
      <h3 id={headingId} className="text-base font-bold">
        {p.fromStageName} <span aria-hidden="true">→</span>
        <span className="sr-only"> proposes to </span> {p.toStageName}
      </h3>
      <dl className="grid gap-1 text-base sm:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">Seen downstream</dt>
        <dd>{p.problem}</dd>
        <dt className="font-semibold">Proposed change</dt>
        <dd>{p.proposal}</dd>
        <dt className="font-semibold">Expected effect</dt>
        <dd>{p.expectedEffect}</dd>
      </dl>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Proposed by {p.proposedByName ?? "someone"} · {formatDays(p.createdAt, now)} ago
        {p.waitingTooLong && <strong className="ml-2 text-amber-900 dark:text-amber-200">Waiting too long for an answer</strong>}
      </p>
      {p.status !== "OPEN" ? (
        <p data-testid="proposal-answer" className={`rounded-md px-3 py-2 text-base ${p.status === "ACCEPTED" ? "bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50" : "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100"}`}>
          <strong>{p.status === "ACCEPTED" ? "Accepted" : "Declined"}</strong> by {p.answeredByName ?? "someone"}: {p.answer}
          {p.problemId && (
            <>
              {" "}
              ·{" "}
              <Link className="underline underline-offset-4" href={`/services/${serviceKey}/kaizen/${p.problemId}`}>
                became a countermeasure
              </Link>
            </>
          )}
          {p.criterionId && <> · became a done-criterion of {p.toStageName}</>}
        </p>
      ) : canAnswer ? (
        answering ? (
          <AnswerForm proposal={p} problems={problems} people={people} onCancel={() => setAnswering(false)} onDone={() => { setAnswering(false); onAnswered(); }} />
        ) : (
          <button type="button" onClick={() => setAnswering(true)} className={`${openButton} self-start`}>
            Answer<span className="sr-only"> the proposal from {p.fromStageName}</span>
          </button>
        )
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300">Waiting for {p.toStageName} to answer.</p>
      )}
    </article>
  );
}

function AnswerForm({ proposal, problems, people, onCancel, onDone }: { proposal: TProposal; problems: readonly Ref[]; people: readonly Ref[]; onCancel: () => void; onDone: () => void }) {
  const id = useId();
  const [decision, setDecision] = useState<"ACCEPT" | "DECLINE">("ACCEPT");
  const [reason, setReason] = useState("");
  const [becomes, setBecomes] = useState<"NONE" | "COUNTERMEASURE" | "CRITERION">("NONE");
  const [problemId, setProblemId] = useState(problems[0]?.id ?? "");
  const [ownerId, setOwnerId] = useState(people[0]?.id ?? "");
  const [dueDate, setDueDate] = useState("");
  const [criterion, setCriterion] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useSubmit();

  const submit = () =>
    run(async () => {
      setFormError(null);
      const res = await callApi("POST", `/api/v1/kaizen-proposals/${encodeURIComponent(proposal.id)}/answer`, {
        version: proposal.version,
        decision,
        reason,
        becomes:
          decision === "DECLINE" || becomes === "NONE"
            ? null
            : becomes === "COUNTERMEASURE"
              ? { kind: "COUNTERMEASURE", problemId, ownerId, dueDate: dueDate || null }
              : { kind: "CRITERION", text: criterion },
      });
      if (res.ok) return onDone();
      const byField = fieldErrors(res);
      setErrors(byField);
      if (!Object.keys(byField).length) setFormError(res.message);
    });

  return (
    <form
      noValidate
      aria-label={`Answer the proposal from ${proposal.fromStageName}`}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset className="flex flex-wrap gap-4">
        <legend className={labelClass}>Answer</legend>
        {(["ACCEPT", "DECLINE"] as const).map((d) => (
          <label key={d} className="flex items-center gap-2 text-base">
            <input type="radio" name={`${id}-decision`} value={d} checked={decision === d} onChange={() => setDecision(d)} />
            {d === "ACCEPT" ? "Accept" : "Decline"}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-reason`} className={labelClass}>
          Reason
        </label>
        <textarea id={`${id}-reason`} autoFocus rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} {...fieldAria(`${id}-reason-error`, errors.reason)} />
        <FieldError id={`${id}-reason-error`} message={errors.reason} />
      </div>
      {decision === "ACCEPT" && (
        <div className="flex flex-col gap-2">
          <label htmlFor={`${id}-becomes`} className={labelClass}>
            It becomes
          </label>
          <select id={`${id}-becomes`} value={becomes} onChange={(e) => setBecomes(e.target.value as typeof becomes)} className={inputClass}>
            <option value="NONE">Nothing more (answer only)</option>
            {problems.length > 0 && <option value="COUNTERMEASURE">A countermeasure on a problem</option>}
            <option value="CRITERION">A done-criterion of {proposal.toStageName}</option>
          </select>
          {becomes === "COUNTERMEASURE" && (
            <div className="grid gap-3 sm:grid-cols-3">
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-problem`} className={labelClass}>
                  Problem
                </label>
                <select id={`${id}-problem`} value={problemId} onChange={(e) => setProblemId(e.target.value)} className={inputClass} {...fieldAria(`${id}-problem-error`, errors["becomes.problemId"])}>
                  {problems.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
                <FieldError id={`${id}-problem-error`} message={errors["becomes.problemId"]} />
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-owner`} className={labelClass}>
                  Owner
                </label>
                <select id={`${id}-owner`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} className={inputClass} {...fieldAria(`${id}-owner-error`, errors["becomes.ownerId"])}>
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
                <FieldError id={`${id}-owner-error`} message={errors["becomes.ownerId"]} />
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-due`} className={labelClass}>
                  Due
                </label>
                <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} className={inputClass} {...fieldAria(`${id}-due-error`, errors["becomes.dueDate"])} />
                <FieldError id={`${id}-due-error`} message={errors["becomes.dueDate"]} />
              </div>
            </div>
          )}
          {becomes === "CRITERION" && (
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-criterion`} className={labelClass}>
                Done-criterion
              </label>
              <input id={`${id}-criterion`} maxLength={300} value={criterion} onChange={(e) => setCriterion(e.target.value)} className={inputClass} {...fieldAria(`${id}-criterion-error`, errors["becomes.text"])} />
              <FieldError id={`${id}-criterion-error`} message={errors["becomes.text"]} />
            </div>
          )}
        </div>
      )}
      {formError && (
        <p role="alert" className="rounded-md bg-red-100 px-3 py-2 text-base font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
          {formError}
        </p>
      )}
      <div className="flex justify-end gap-3">
        <button type="button" disabled={busy} onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
        <SubmitButton busy={busy} busyLabel="Sending…" className={primaryButton}>
          Send answer
        </SubmitButton>
      </div>
    </form>
  );
}
