"use client";

import type { WallNotice } from "./wall-state";

export function WallNotices({ notices, onDismiss }: { notices: readonly WallNotice[]; onDismiss: (id: number) => void }) {
  return (
    <div className="flex flex-col gap-2 px-4 pb-3 empty:hidden sm:px-6" data-testid="wall-notices">
      {notices.map((n) => (
        <div
          key={n.id}
          role="alert"
          className={`flex items-start justify-between gap-4 rounded-lg px-4 py-3 text-base font-medium ${
            n.tone === "error"
              ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100"
              : "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-100"
          }`}
        >
          <span>{n.text}</span>
          <button
            type="button"
            onClick={() => onDismiss(n.id)}
            className="shrink-0 rounded px-2 text-sm underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-current"
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
