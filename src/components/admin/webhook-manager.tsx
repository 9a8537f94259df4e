"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useState, useTransition, type FormEvent } from "react";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/domain/webhooks";
import type { TWebhook, TWebhookDelivery } from "@/lib/schemas/webhook";
import { callApi, fieldErrors } from "@/lib/api-client";
import { FieldError, fieldAria } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";
import { buttonClass, EmptyState, Field, inputClass, OneTimeSecret, Outcome, Section, secondaryButtonClass } from "./ui";

type Props = { service: { id: string; key: string; name: string }; webhooks: TWebhook[] };

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 19).replace("T", " ") + " UTC" : "—");
const STATUS_LABEL: Record<TWebhookDelivery["status"], string> = { PENDING: "Pending", DELIVERED: "Delivered", FAILED: "Failed" };
const STATUS_CLASS: Record<TWebhookDelivery["status"], string> = {
  PENDING: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  DELIVERED: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  FAILED: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};
const DEFAULT_EVENTS: WebhookEventType[] = ["andon.pulled", "release.decided", "rfc.decided", "problem.opened", "problem.closed"];

export function WebhookManager({ service, webhooks }: Props) {
  const id = useId();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const refresh = () => startTransition(() => router.refresh());
  const { busy, run } = useSubmit();

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    const form = e.currentTarget;
    const data = new FormData(form);
    const res = await callApi<{ webhook: TWebhook; secret: string }>("POST", `/api/v1/services/${encodeURIComponent(service.id)}/webhooks`, {
      name: String(data.get("name") ?? ""),
      url: String(data.get("url") ?? ""),
      format: String(data.get("format") ?? "OBEYA"),
      eventTypes: data.getAll("eventTypes").map(String),
    });
    if (!res.ok) {
      setFields(fieldErrors(res));
      setSuccess(null);
      return setError(res.message);
    }
    setFields({});
    setError(null);
    form.reset();
    setSuccess(`Webhook “${res.body.webhook.name}” created.`);
    setSecret(res.body.secret);
    refresh();
  }

  async function setEnabled(w: TWebhook, enabled: boolean) {
    const res = await callApi("PATCH", `/api/v1/webhooks/${encodeURIComponent(w.id)}`, { expectedVersion: w.version, enabled });
    if (!res.ok) return setError(res.message);
    setError(null);
    setSuccess(enabled ? `Webhook “${w.name}” enabled.` : `Webhook “${w.name}” paused: nothing is sent until you enable it.`);
    refresh();
  }

  async function remove(w: TWebhook) {
    if (!window.confirm(`Delete “${w.name}” and its delivery log? Pending deliveries are not sent.`)) return;
    const res = await callApi("DELETE", `/api/v1/webhooks/${encodeURIComponent(w.id)}`);
    if (!res.ok) return setError(res.message);
    setError(null);
    setSuccess(`Webhook “${w.name}” deleted.`);
    if (open === w.id) setOpen(null);
    refresh();
  }

  return (
    <div className="flex flex-col gap-6">
      <Section
        id={`${id}-new`}
        title="New webhook"
        description="Obeya POSTs the events you choose to the URL, from the server, signed with a secret (X-Obeya-Signature), retrying with backoff for about 20 minutes. Slack, Mattermost and Teams: choose the chat format and paste the channel's incoming-webhook URL."
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => onCreate(e));
          }}
          className="flex flex-col gap-4"
          aria-label="Create a webhook"
          noValidate
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Name" htmlFor={`${id}-name`} hint="Where it goes, e.g. “#ops channel” or “Incident tool”.">
              <input id={`${id}-name`} name="name" required maxLength={80} className={inputClass} autoComplete="off" {...fieldAria(`${id}-name-error`, fields.name)} />
              <FieldError id={`${id}-name-error`} message={fields.name} />
            </Field>
            <Field label="URL" htmlFor={`${id}-url`} hint="http:// or https:// only.">
              <input
                id={`${id}-url`}
                name="url"
                type="url"
                required
                inputMode="url"
                placeholder="https://hooks.example.com/obeya"
                className={inputClass}
                autoComplete="off"
                {...fieldAria(`${id}-url-error`, fields.url)}
              />
              <FieldError id={`${id}-url-error`} message={fields.url} />
            </Field>
          </div>
          <fieldset className="flex flex-wrap gap-4">
            <legend className="mb-1 text-sm font-medium">Format</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="format" value="OBEYA" defaultChecked className="size-4" />
              Obeya JSON (signed; see the README)
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="format" value="SLACK" className="size-4" />
              Chat: Slack, Mattermost, Teams
            </label>
          </fieldset>
          <fieldset className="grid gap-x-4 gap-y-1 sm:grid-cols-3" {...fieldAria(`${id}-events-error`, fields.eventTypes)}>
            <legend className="mb-1 text-sm font-medium">Events</legend>
            {WEBHOOK_EVENT_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="eventTypes" value={t} defaultChecked={DEFAULT_EVENTS.includes(t)} className="size-4" />
                {WEBHOOK_EVENT_LABELS[t]}
              </label>
            ))}
          </fieldset>
          <FieldError id={`${id}-events-error`} message={fields.eventTypes} />
          <div>
            <SubmitButton busy={busy} busyLabel="Creating…" className={buttonClass}>
              Create webhook
            </SubmitButton>
          </div>
        </form>
        <Outcome error={error} success={success} />
        {secret && (
          <OneTimeSecret
            label="Signing secret"
            value={secret}
            note="Shown once. The receiver checks X-Obeya-Signature with it (README: Outbound webhooks). Copy it now."
          />
        )}
      </Section>

      <Section id={`${id}-list`} title="Webhooks of this service">
        {webhooks.length === 0 ? (
          <EmptyState>No webhooks yet.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {webhooks.map((w) => (
              <li key={w.id} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700" data-testid="webhook-row">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className="font-semibold">
                      {w.name}{" "}
                      <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium dark:bg-slate-800">
                        {w.format === "SLACK" ? "Chat" : "Obeya JSON"}
                      </span>{" "}
                      {!w.enabled && <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">Paused</span>}
                    </h3>
                    <p className="truncate font-mono text-xs text-slate-600 dark:text-slate-400" title={w.url}>
                      {w.url}
                    </p>
                    <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                      {w.eventTypes.map((t) => WEBHOOK_EVENT_LABELS[t]).join(", ")}
                    </p>
                    <p className="mt-1 text-xs">
                      Last delivered {when(w.lastDeliveredAt)} · {w.pending} pending ·{" "}
                      <span className={w.failed > 0 ? "font-semibold text-red-800 dark:text-red-300" : ""}>{w.failed} failed</span>
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      className={secondaryButtonClass}
                      aria-expanded={open === w.id}
                      aria-controls={`${id}-log-${w.id}`}
                      onClick={() => setOpen(open === w.id ? null : w.id)}
                    >
                      {open === w.id ? "Hide deliveries" : "Deliveries"}
                      <span className="sr-only"> of {w.name}</span>
                    </button>
                    <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => void run(() => setEnabled(w, !w.enabled))}>
                      {w.enabled ? "Pause" : "Enable"}
                      <span className="sr-only"> {w.name}</span>
                    </button>
                    <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => void run(() => remove(w))}>
                      Delete<span className="sr-only"> {w.name}</span>
                    </button>
                  </div>
                </div>
                {open === w.id && <DeliveryLog id={`${id}-log-${w.id}`} webhook={w} onChanged={refresh} />}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

function fetchDeliveries(webhookId: string) {
  return callApi<{ deliveries: TWebhookDelivery[] }>("GET", `/api/v1/webhooks/${encodeURIComponent(webhookId)}/deliveries?limit=50`);
}

function DeliveryLog({ id, webhook, onChanged }: { id: string; webhook: TWebhook; onChanged: () => void }) {
  const [deliveries, setDeliveries] = useState<TWebhookDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const { busy, run } = useSubmit();

  const apply = useCallback((res: Awaited<ReturnType<typeof fetchDeliveries>>) => {
    if (!res.ok) return setError(res.message);
    setError(null);
    setDeliveries(res.body.deliveries);
  }, []);
  const load = useCallback(async () => apply(await fetchDeliveries(webhook.id)), [apply, webhook.id]);

  useEffect(() => {
    let live = true;
    void fetchDeliveries(webhook.id).then((res) => {
      if (live) apply(res);
    });
    return () => {
      live = false;
    };
  }, [apply, webhook.id]);

  async function replay(d: TWebhookDelivery) {
    const res = await callApi("POST", `/api/v1/webhook-deliveries/${encodeURIComponent(d.id)}/replay`);
    if (!res.ok) return setError(res.message);
    setError(null);
    setSuccess(`Event #${d.eventSeq} queued to be sent again.`);
    await load();
    onChanged();
  }

  return (
    <div id={id} className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-700">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h4 className="text-sm font-semibold">Deliveries of {webhook.name} (newest first)</h4>
        <button type="button" className={secondaryButtonClass} onClick={() => void run(load)} disabled={busy}>
          Refresh
        </button>
      </div>
      <Outcome error={error} success={success} />
      {deliveries === null ? (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          Loading deliveries…
        </p>
      ) : deliveries.length === 0 ? (
        <EmptyState>Nothing sent yet: deliveries appear when a chosen event happens.</EmptyState>
      ) : (
        // relative: the sr-only labels (absolutely positioned) stay inside the scrolling box
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Deliveries of {webhook.name}</caption>
            <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-2 pr-3">Event</th>
                <th scope="col" className="py-2 pr-3">Status</th>
                <th scope="col" className="py-2 pr-3">Attempts</th>
                <th scope="col" className="py-2 pr-3">Last answer</th>
                <th scope="col" className="py-2 pr-3">When</th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Replay</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800" data-testid="delivery-row">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {WEBHOOK_EVENT_LABELS[d.eventType as WebhookEventType] ?? d.eventType} <span className="text-xs text-slate-500">#{d.eventSeq}</span>
                    {d.replayOfId && <span className="block text-xs font-normal text-slate-500">replay</span>}
                  </th>
                  <td className="py-2 pr-3">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_CLASS[d.status]}`}>{STATUS_LABEL[d.status]}</span>
                  </td>
                  <td className="py-2 pr-3">
                    {d.attempts}
                    {d.attemptLog.length > 0 && (
                      <span className="block text-xs text-slate-500">{d.attemptLog.map((a) => `${a.statusCode ?? "—"} ${a.durationMs} ms`).join(" · ")}</span>
                    )}
                  </td>
                  <td className="max-w-xs py-2 pr-3 text-xs break-words">{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : "—")}</td>
                  <td className="py-2 pr-3 text-xs">
                    {d.status === "DELIVERED" ? `Delivered ${when(d.deliveredAt)}` : d.status === "PENDING" ? `Next try ${when(d.nextAttemptAt)}` : `Queued ${when(d.createdAt)}`}
                  </td>
                  <td className="py-2 text-right">
                    <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => void run(() => replay(d))}>
                      Replay<span className="sr-only"> event #{d.eventSeq}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
