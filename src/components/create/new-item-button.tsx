"use client";

import { useId, useState } from "react";
import { FieldError, fieldAria } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";
import { callApi, fieldErrors } from "@/lib/api-client";
import { ITEM_KINDS, type ItemKind, type TWorkItem } from "@/lib/schemas/item";
import { FormDialog, inputClass, labelClass, openButton, primaryButton, secondaryButton } from "./form-dialog";

const KIND_NAMES: Record<ItemKind, string> = {
  FEATURE: "Feature",
  RFC: "Request for change",
  MAINTENANCE: "Maintenance",
  DEFECT: "Defect",
  IMPROVEMENT: "Improvement",
};

type Props = {
  serviceId: string;
  /** The service's stages, left to right; retired ones are not offered. */
  stages: ReadonlyArray<{ id: string; name: string; position: number; retired: boolean }>;
};

/**
 * "New item" for those the matrix lets create items (the page decides whether to render it;
 * POST /api/v1/services/{id}/items checks again). The card reaches every open wall, this one
 * included, by the item.created event.
 */
export function NewItemButton({ serviceId, stages }: Props) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <>
      <button type="button" className={openButton} onClick={() => { setCreated(null); setOpen(true); }}>
        New item
      </button>
      {created && (
        <span role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          “{created}” added.
        </span>
      )}
      {open && (
        <NewItemDialog
          serviceId={serviceId}
          stages={stages}
          onClose={() => setOpen(false)}
          onCreated={(item) => {
            setOpen(false);
            setCreated(item.title);
          }}
        />
      )}
    </>
  );
}

function NewItemDialog({ serviceId, stages, onClose, onCreated }: Props & { onClose: () => void; onCreated: (item: TWorkItem) => void }) {
  const open = [...stages].filter((s) => !s.retired).sort((a, b) => a.position - b.position);
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<ItemKind>("FEATURE");
  const [description, setDescription] = useState("");
  const [stageId, setStageId] = useState(open[0]?.id ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  const id = useId();

  const submit = () =>
    run(async () => {
      setFormError(null);
      const res = await callApi<TWorkItem>("POST", `/api/v1/services/${encodeURIComponent(serviceId)}/items`, {
        title,
        kind,
        description,
        ...(stageId ? { stageId } : {}),
      });
      if (res.ok) return onCreated(res.body);
      const byField = fieldErrors(res);
      setErrors(byField);
      // A refusal that names no field of this form (403, 422, a lost connection) goes under the buttons.
      const first = (["title", "kind", "stageId", "description"] as const).find((f) => byField[f]);
      if (first) {
        const target = { title: "title", kind: "kind", stageId: "stage", description: "description" }[first];
        // Focus goes to the first field that is wrong, where its sentence is.
        requestAnimationFrame(() => document.getElementById(`${id}-${target}`)?.focus());
      } else setFormError(res.message);
    });

  return (
    <FormDialog testId="new-item-dialog" heading="New item" busy={busy} onClose={onClose} onSubmit={() => void submit()}>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-title`} className={labelClass}>
          Title
        </label>
        <input
          id={`${id}-title`}
          autoFocus
          aria-required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          className={inputClass}
          {...fieldAria(`${id}-title-error`, errors.title)}
        />
        <FieldError id={`${id}-title-error`} message={errors.title} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-kind`} className={labelClass}>
            Kind
          </label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ItemKind)} className={inputClass} {...fieldAria(`${id}-kind-error`, errors.kind)}>
            {ITEM_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_NAMES[k]}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-kind-error`} message={errors.kind} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-stage`} className={labelClass}>
            Stage
          </label>
          <select id={`${id}-stage`} value={stageId} onChange={(e) => setStageId(e.target.value)} className={inputClass} {...fieldAria(`${id}-stage-error`, errors.stageId)}>
            {open.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-stage-error`} message={errors.stageId} />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-description`} className={labelClass}>
          Description <span className="font-normal text-slate-600 dark:text-slate-400">(optional)</span>
        </label>
        <textarea
          id={`${id}-description`}
          rows={4}
          maxLength={10_000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          className={inputClass}
          {...fieldAria(`${id}-description-error`, errors.description)}
        />
        <FieldError id={`${id}-description-error`} message={errors.description} />
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
        <SubmitButton busy={busy} busyLabel="Adding…" className={primaryButton}>
          Add item
        </SubmitButton>
      </div>
    </FormDialog>
  );
}
