"use client";

import { useCallback, useRef, useState } from "react";

/**
 * One request at a time per form: `run(work)` does nothing while the last one is still running,
 * and `busy` disables the submit button meanwhile (issue 9.14: a double-clicked Import ran
 * twice). The ref guards the gap before React renders the disabled button.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      return await work();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
