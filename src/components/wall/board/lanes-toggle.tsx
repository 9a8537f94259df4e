"use client";

import { useCallback, useEffect, useId, useState } from "react";
import { parseLaneMode, type LaneMode } from "./board-logic";

const STORAGE_KEY = "obeya.wall.lanes";

/**
 * The swimlane choice, remembered in this browser (localStorage) for every wall. Read after
 * hydration: the server cannot know it, and the first render must match the server's HTML.
 */
export function useLaneMode(): [LaneMode, (mode: LaneMode) => void] {
  const [mode, setMode] = useState<LaneMode>("none");
  useEffect(() => {
    try {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration
      setMode(parseLaneMode(window.localStorage.getItem(STORAGE_KEY)));
    } catch {
      // Storage blocked (private mode, policy): lanes simply start off.
    }
  }, []);
  const choose = useCallback((next: LaneMode) => {
    setMode(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered; still applied.
    }
  }, []);
  return [mode, choose];
}

const OPTIONS: { mode: LaneMode; label: string }[] = [
  { mode: "none", label: "None" },
  { mode: "kind", label: "By kind" },
];

/** "Lanes: None / By kind" as a radio group: Tab reaches it, arrow keys choose (native radios). */
export function LanesToggle({ mode, onChange }: { mode: LaneMode; onChange: (mode: LaneMode) => void }) {
  const name = useId();
  return (
    <fieldset className="flex items-center gap-2" data-testid="lanes-toggle">
      <legend className="sr-only">Lanes</legend>
      <span aria-hidden="true" className="text-base font-medium text-slate-700 dark:text-slate-300">
        Lanes:
      </span>
      <div className="flex rounded-full bg-white p-0.5 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
        {OPTIONS.map((o) => (
          <label
            key={o.mode}
            className={`cursor-pointer rounded-full px-3 py-1 text-base font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-500 ${
              mode === o.mode ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-700"
            }`}
          >
            <input
              type="radio"
              name={name}
              value={o.mode}
              checked={mode === o.mode}
              onChange={() => onChange(o.mode)}
              className="sr-only"
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
