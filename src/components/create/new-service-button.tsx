"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { FieldError, fieldAria } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";
import { DEFAULT_STAGES } from "@/domain/stages";
import { callApi, fieldErrors } from "@/lib/api-client";
import { FormDialog, inputClass, labelClass, openButton, primaryButton, secondaryButton } from "./form-dialog";

type Props = {
  /** The teams the matrix lets this person create a service for (service.create); the API checks again. */
  teams: ReadonlyArray<{ id: string; name: string }>;
};

const keyFrom = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);

/** "New service": a service of one team with the value stream's stages (all eleven unless unticked). */
export function NewServiceButton({ teams }: Props) {
  const [open, setOpen] = useState(false);
  if (teams.length === 0) return null;
  return (
    <>
      <button type="button" className={openButton} onClick={() => setOpen(true)}>
        New service
      </button>
      {open && <NewServiceDialog teams={teams} onClose={() => setOpen(false)} />}
    </>
  );
}

function NewServiceDialog({ teams, onClose }: Props & { onClose: () => void }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [keyEdited, setKeyEdited] = useState(false);
  const [teamId, setTeamId] = useState(teams[0]?.id ?? "");
  const [description, setDescription] = useState("");
  const [stageKeys, setStageKeys] = useState<string[]>(DEFAULT_STAGES.map((s) => s.key));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  const id = useId();

  const submit = () =>
    run(async () => {
      setFormError(null);
      if (stageKeys.length === 0) {
        setErrors({ stages: "Choose at least one stage" });
        return;
      }
      const stages = DEFAULT_STAGES.filter((s) => stageKeys.includes(s.key)).map((s) => ({ ...s, doneCriteria: [...s.doneCriteria] }));
      const res = await callApi<{ key: string }>("POST", "/api/v1/services", { teamId, key, name, description, stages });
      if (res.ok) {
        router.push(`/services/${res.body.key}`);
        return;
      }
      const byField = fieldErrors(res);
      setErrors(byField);
      const first = (["name", "key", "teamId", "description"] as const).find((f) => byField[f]);
      if (first) requestAnimationFrame(() => document.getElementById(`${id}-${first}`)?.focus());
      else setFormError(res.message);
    });

  const field = (f: "name" | "key" | "description") => fieldAria(`${id}-${f}-error`, errors[f]);
  return (
    <FormDialog testId="new-service-dialog" heading="New service" busy={busy} onClose={onClose} onSubmit={() => void submit()}>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-name`} className={labelClass}>
          Name
        </label>
        <input
          id={`${id}-name`}
          autoFocus
          aria-required
          maxLength={120}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!keyEdited) setKey(keyFrom(e.target.value));
          }}
          className={inputClass}
          {...field("name")}
        />
        <FieldError id={`${id}-name-error`} message={errors.name} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-key`} className={labelClass}>
            Key <span className="font-normal text-slate-600 dark:text-slate-400">(in its address)</span>
          </label>
          <input
            id={`${id}-key`}
            aria-required
            maxLength={48}
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              setKeyEdited(true);
            }}
            className={inputClass}
            {...field("key")}
          />
          <FieldError id={`${id}-key-error`} message={errors.key} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-teamId`} className={labelClass}>
            Team
          </label>
          <select id={`${id}-teamId`} value={teamId} onChange={(e) => setTeamId(e.target.value)} className={inputClass} {...fieldAria(`${id}-team-error`, errors.teamId)}>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-team-error`} message={errors.teamId} />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-description`} className={labelClass}>
          Description <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        </label>
        <textarea id={`${id}-description`} rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} className={inputClass} {...field("description")} />
        <FieldError id={`${id}-description-error`} message={errors.description} />
      </div>
      <fieldset className="flex flex-col gap-1" aria-describedby={errors.stages ? `${id}-stages-error` : undefined}>
        <legend className={labelClass}>Stages of the value stream</legend>
        <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
          {DEFAULT_STAGES.map((s) => (
            <label key={s.key} className="flex items-center gap-2 text-base">
              <input
                type="checkbox"
                checked={stageKeys.includes(s.key)}
                onChange={(e) => setStageKeys(e.target.checked ? [...stageKeys, s.key] : stageKeys.filter((k) => k !== s.key))}
              />
              {s.name}
            </label>
          ))}
        </div>
        <FieldError id={`${id}-stages-error`} message={errors.stages} />
      </fieldset>
      {formError && (
        <p role="alert" className="rounded-md bg-red-100 px-3 py-2 text-base font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
          {formError}
        </p>
      )}
      <div className="flex justify-end gap-3">
        <button type="button" disabled={busy} onClick={onClose} className={secondaryButton}>
          Cancel
        </button>
        <SubmitButton busy={busy} busyLabel="Creating…" className={primaryButton}>
          Create service
        </SubmitButton>
      </div>
    </FormDialog>
  );
}
