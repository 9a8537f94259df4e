"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { FormDialog, inputClass, labelClass, openButton, primaryButton, secondaryButton } from "@/components/create/form-dialog";
import { FieldError, fieldAria } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";
import { callApi, fieldErrors } from "@/lib/api-client";

type Props = {
  serviceId: string;
  serviceKey: string;
  stages: ReadonlyArray<{ id: string; name: string }>;
  people: ReadonlyArray<{ id: string; name: string }>;
  userId: string | null;
};

/** "Open a problem" for those the matrix allows (kaizen.open); on success the new sheet opens. */
export function OpenProblemButton(props: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={openButton} onClick={() => setOpen(true)}>
        Open a problem
      </button>
      {open && <OpenProblemDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function OpenProblemDialog({ serviceId, serviceKey, stages, people, userId, onClose }: Props & { onClose: () => void }) {
  const router = useRouter();
  const id = useId();
  const [title, setTitle] = useState("");
  const [definition, setDefinition] = useState("");
  const [stageId, setStageId] = useState("");
  const [ownerId, setOwnerId] = useState(people.some((p) => p.id === userId) ? (userId ?? "") : "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useSubmit();

  const submit = () =>
    run(async () => {
      setFormError(null);
      const res = await callApi<{ id: string }>("POST", `/api/v1/services/${encodeURIComponent(serviceId)}/problems`, {
        title,
        definition,
        stageId: stageId || null,
        ownerId: ownerId || null,
      });
      if (res.ok) {
        router.push(`/services/${serviceKey}/kaizen/${res.body.id}`);
        return;
      }
      const byField = fieldErrors(res);
      setErrors(byField);
      const first = (["title", "definition", "stageId", "ownerId"] as const).find((f) => byField[f]);
      if (first) requestAnimationFrame(() => document.getElementById(`${id}-${first}`)?.focus());
      else setFormError(res.message);
    });

  return (
    <FormDialog testId="open-problem-dialog" heading="Open a problem" busy={busy} onClose={onClose} onSubmit={() => void submit()}>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-title`} className={labelClass}>
          What is the problem?
        </label>
        <input id={`${id}-title`} autoFocus aria-required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} className={inputClass} {...fieldAria(`${id}-title-error`, errors.title)} />
        <FieldError id={`${id}-title-error`} message={errors.title} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-definition`} className={labelClass}>
          Defined with data <span className="font-normal text-slate-600 dark:text-slate-400">(where, since when, how much)</span>
        </label>
        <textarea id={`${id}-definition`} rows={4} maxLength={4000} value={definition} onChange={(e) => setDefinition(e.target.value)} className={inputClass} {...fieldAria(`${id}-definition-error`, errors.definition)} />
        <FieldError id={`${id}-definition-error`} message={errors.definition} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-stageId`} className={labelClass}>
            Stage
          </label>
          <select id={`${id}-stageId`} value={stageId} onChange={(e) => setStageId(e.target.value)} className={inputClass} {...fieldAria(`${id}-stageId-error`, errors.stageId)}>
            <option value="">The whole service</option>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-stageId-error`} message={errors.stageId} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-ownerId`} className={labelClass}>
            Owner
          </label>
          <select id={`${id}-ownerId`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} className={inputClass} {...fieldAria(`${id}-ownerId-error`, errors.ownerId)}>
            <option value="">Nobody yet</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-ownerId-error`} message={errors.ownerId} />
        </div>
      </div>
      {formError && (
        <p role="alert" className="rounded-md bg-red-100 px-3 py-2 text-base font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
          {formError}
        </p>
      )}
      <div className="flex justify-end gap-3">
        <button type="button" disabled={busy} onClick={onClose} className={secondaryButton}>
          Cancel
        </button>
        <SubmitButton busy={busy} busyLabel="Opening…" className={primaryButton}>
          Open problem
        </SubmitButton>
      </div>
    </FormDialog>
  );
}
