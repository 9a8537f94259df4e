"use client";

import { ReasonDialog } from "@/components/ui/reason-dialog";

// Pulling the andon asks why; releasing it asks for the countermeasure taken.

export type AndonRequest =
  | { kind: "pull"; stageId: string; stageName: string; itemId?: string; itemTitle?: string }
  | { kind: "release"; andonId: string; stageName: string; reason: string };

type Props = {
  request: AndonRequest;
  busy: boolean;
  error: string | null;
  onConfirm: (text: string) => void;
  onCancel: () => void;
};

export function AndonDialog({ request, busy, error, onConfirm, onCancel }: Props) {
  const pull = request.kind === "pull";
  const where = pull && request.itemTitle ? `“${request.itemTitle}” in ${request.stageName}` : request.stageName;
  return (
    <ReasonDialog
      testId="andon-dialog"
      heading={pull ? `Pull the andon on ${where}?` : `Release the andon on ${request.stageName}?`}
      description={
        pull
          ? `The line stops at ${request.stageName}: it accepts no new items from upstream until the andon is released, every wall shows it, and a Kaizen problem is opened.`
          : `Pulled because: ${request.reason}. Say what was done so the line can run again; the Kaizen problem stays open for the root cause.`
      }
      label={pull ? "Reason (what is wrong)" : "Countermeasure taken"}
      maxLength={pull ? 500 : 2000}
      busy={busy}
      error={error}
      confirmLabel={pull ? "Pull andon" : "Release andon"}
      busyLabel={pull ? "Pulling…" : "Releasing…"}
      confirmClassName={pull ? "bg-red-700 hover:bg-red-800" : "bg-emerald-700 hover:bg-emerald-800"}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
