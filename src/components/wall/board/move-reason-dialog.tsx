"use client";

import { ReasonDialog } from "@/components/ui/reason-dialog";

// A move that needs a reason before the server takes it: past a WIP limit as an expedite, or
// back upstream as a rejection with the defect found.

export type ReasonRequest =
  | { kind: "expedite"; itemTitle: string; stageName: string; count: number; limit: number }
  | { kind: "send-back"; itemTitle: string; fromStageName: string; stageName: string };

type Props = {
  request: ReasonRequest;
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
};

export function MoveReasonDialog({ request, busy, onConfirm, onCancel }: Props) {
  const expedite = request.kind === "expedite";
  return (
    <ReasonDialog
      testId="move-reason-dialog"
      heading={expedite ? "Move anyway as an expedite?" : `Send back to ${request.stageName}?`}
      description={
        expedite
          ? `${request.stageName} is at its WIP limit ${request.count}/${request.limit}. Move “${request.itemTitle}” anyway as an expedite? It shows as a problem until ${request.stageName} is back within its limit.`
          : `Moving “${request.itemTitle}” from ${request.fromStageName} back upstream to ${request.stageName} is a rejection: say what is wrong so the stage can fix it.`
      }
      label={expedite ? "Reason for the expedite" : "Defect found"}
      maxLength={500}
      busy={busy}
      confirmLabel={expedite ? "Expedite" : "Send back"}
      busyLabel="Moving…"
      confirmClassName="bg-sky-700 hover:bg-sky-800"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
