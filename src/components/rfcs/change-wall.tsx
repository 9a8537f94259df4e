"use client";

import { useCallback, useState } from "react";
import type { ApprovalKey } from "@/domain/approvals";
import type { ErrorBody } from "@/lib/errors";
import type { TRfc, TRfcList } from "@/lib/schemas/rfc";
import { ConnectionStatus } from "@/components/wall/connection-status";
import { useWallFeed } from "@/components/wall/use-wall-feed";
import { RaiseRfcForm } from "./raise-rfc-form";
import { RfcCard } from "./rfc-card";

type Props = {
  service: { id: string; key: string; name: string };
  initial: TRfcList;
  // From the permission matrix on the server; the API checks again on every request.
  userId: string | null;
  held: ApprovalKey[];
  canRaise: boolean;
  renderedAt: number;
};

export function ChangeWall({ service, initial, userId, held, canRaise, renderedAt }: Props) {
  const [rfcs, setRfcs] = useState<TRfc[]>(initial.rfcs);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const res = await fetch(`/api/v1/services/${encodeURIComponent(service.id)}/rfcs`, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`rfcs ${res.status}`);
    const fresh = (await res.json()) as TRfcList;
    setRfcs(fresh.rfcs);
    return fresh.seq;
  }, [service.id]);

  const status = useWallFeed({
    serviceId: service.id,
    seq: initial.seq,
    // An RfC event carries ids, not the whole request: read the list again (a few rows).
    onEvent: (event) => {
      if (event.type.startsWith("rfc.")) void reload().catch(() => undefined);
    },
    reload,
  });

  const decide = async (rfc: TRfc, role: ApprovalKey, decision: "APPROVE" | "REJECT", reason?: string) => {
    const res = await fetch(`/api/v1/rfcs/${encodeURIComponent(rfc.id)}/decision`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ decision, role, reason, expectedVersion: rfc.version }),
    }).catch(() => null);
    if (res?.ok) {
      const updated = (await res.json()) as TRfc;
      setRfcs((list) => list.map((r) => (r.id === updated.id ? updated : r)));
      setError(null);
      return;
    }
    const body = (await res?.json().catch(() => null)) as ErrorBody | null;
    setError(`“${rfc.title}”: ${body?.error.message ?? "the server did not answer."}`);
    await reload().catch(() => undefined);
  };

  const pending = rfcs.filter((r) => r.status === "PENDING");
  const decided = rfcs.filter((r) => r.status !== "PENDING");
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4 px-4 py-4 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold sm:text-3xl">{service.name}: changes</h1>
        </div>
        <ConnectionStatus status={status} />
      </div>
      {error && (
        <div role="alert" className="flex justify-between gap-4 rounded-lg bg-red-100 px-4 py-3 font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)} className="text-sm underline underline-offset-4">
            Dismiss
          </button>
        </div>
      )}
      <section aria-labelledby="pending-heading" className="flex flex-col gap-3">
        <h2 id="pending-heading" className="text-xl font-semibold">
          Waiting for two keys ({pending.length})
        </h2>
        {pending.length === 0 && <p className="text-base text-slate-600 dark:text-slate-400">Nothing is waiting.</p>}
        {pending.map((r) => (
          <RfcCard key={r.id} rfc={r} serviceKey={service.key} userId={userId} held={held} now={renderedAt} onDecide={decide} />
        ))}
      </section>
      {canRaise && <RaiseRfcForm serviceId={service.id} onRaised={() => void reload().catch(() => undefined)} />}
      <section aria-labelledby="decided-heading" className="flex flex-col gap-3">
        <h2 id="decided-heading" className="text-xl font-semibold">
          Decided ({decided.length})
        </h2>
        {decided.map((r) => (
          <RfcCard key={r.id} rfc={r} serviceKey={service.key} userId={userId} held={held} now={renderedAt} onDecide={decide} />
        ))}
      </section>
    </div>
  );
}
