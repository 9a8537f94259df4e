// Dates on the release wall are shown in UTC, the same on the server's HTML and in the browser
// (no locale or time-zone dependence), as an audit trail needs.

export function formatUtc(iso: string | null): string {
  if (!iso) return "—";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function formatUtcDay(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "no target date";
}

export const OUTCOME_LABEL = { GO: "GO", NO_GO: "NO-GO" } as const;

export const RESULT_LABEL = { PASS: "Pass", FAIL: "Fail", WAIVED: "Waived" } as const;

export const PIPELINE_LABEL = {
  NOT_STARTED: "Not started",
  RUNNING: "Running",
  PASSED: "Passed",
  FAILED: "Failed",
} as const;
