"use client";

import { useSyncExternalStore } from "react";
import type { WallPresence } from "@/lib/realtime/protocol";

// The wall's live feed (use-wall-feed.ts) publishes each presence picture here, so the header
// can show it without the wall component threading it through its state.
const pictures = new Map<string, WallPresence | null>();
const listeners = new Set<() => void>();

export function publishPresence(serviceId: string, presence: WallPresence | null): void {
  pictures.set(serviceId, presence);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePresence(serviceId: string): WallPresence | null {
  return useSyncExternalStore(
    subscribe,
    () => pictures.get(serviceId) ?? null,
    () => null,
  );
}

/** "Ada Lovelace" → "AL", "bob" → "BO", "" → "?". */
export function initials(name: string): string {
  const words = name.trim().split(/[\s._@-]+/u).filter(Boolean);
  if (words.length === 0) return "?";
  const letters = words.length === 1 ? [...words[0]!].slice(0, 2) : [[...words[0]!][0]!, [...words[words.length - 1]!][0]!];
  return letters.join("").toUpperCase();
}

/** What a screen reader hears: every listed name, tabs counted, and the displays. */
export function presenceLabel(p: WallPresence): string {
  const names = p.viewers.map((v) => (v.count > 1 ? `${v.name} (${v.count} tabs)` : v.name));
  const unnamed = p.people - p.viewers.length;
  if (unnamed > 0) names.push(`${unnamed} more`);
  const people = p.people === 0 ? "Nobody watching" : `${p.people} watching: ${names.join(", ")}`;
  return p.displays > 0 ? `${people}; ${p.displays} TV ${p.displays === 1 ? "display" : "displays"}` : people;
}

const AVATAR_COLOURS = [
  "bg-sky-700",
  "bg-violet-700",
  "bg-emerald-700",
  "bg-amber-700",
  "bg-rose-700",
  "bg-teal-700",
  "bg-indigo-700",
  "bg-fuchsia-700",
];

function colourOf(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return AVATAR_COLOURS[h % AVATAR_COLOURS.length]!;
}

/** "3 watching: AL BO +1 · 1 TV" in the wall header; nothing until the first picture arrives. */
export function Presence({ serviceId, shown = 3 }: { serviceId: string; shown?: number }) {
  const p = usePresence(serviceId);
  if (!p) return null;
  const label = presenceLabel(p);
  const listed = p.viewers.slice(0, shown);
  const more = p.people - listed.length;
  return (
    <div
      role="group"
      aria-label={label}
      title={label}
      data-testid="presence"
      data-people={p.people}
      data-displays={p.displays}
      className="flex items-center gap-2 rounded-full bg-white px-3 py-1 text-base shadow-sm max-sm:px-2 max-sm:text-sm dark:bg-slate-800"
    >
      {/* A phone shows the faces alone: the header's one row must leave the cards the screen. */}
      <span aria-hidden="true" className="font-medium max-sm:hidden">
        {p.people} watching
      </span>
      {listed.length > 0 && (
        <ul aria-hidden="true" className="flex -space-x-1.5">
          {listed.map((v) => (
            <li
              key={v.userId}
              className={`flex size-7 items-center justify-center rounded-full text-xs font-semibold text-white ring-2 ring-white dark:ring-slate-800 ${colourOf(v.userId)}`}
            >
              {initials(v.name)}
            </li>
          ))}
          {more > 0 && (
            <li className="flex size-7 items-center justify-center rounded-full bg-slate-600 text-xs font-semibold text-white ring-2 ring-white dark:ring-slate-800">
              +{more}
            </li>
          )}
        </ul>
      )}
      {p.displays > 0 && (
        <span aria-hidden="true" className="text-slate-600 dark:text-slate-300">
          · {p.displays} TV
        </span>
      )}
    </div>
  );
}
